//! Creating and editing a station (closing it is choosing a status), with its
//! open reports, "verified today", the visit figures and the poster.

use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api_url;
use shared::geo::Datum;
use shared::routes::Method;
use shared::stations::*;
use shared::{FieldErrors, Text};

#[component]
pub fn NewStation() -> impl IntoView {
    let scope = use_scope();
    view! {
        <main class="page">
            <h1 class="page-title">{t("新建驿站", "New station")}</h1>
            {move || match scope.union.get() {
                Some(u) => view! { <Editor union_id=u.id union_name=u.name existing=None/> }.into_any(),
                None => view! { <p class="card">{t("请先在上方“管辖范围”里选择驿站所属的工会。", "First choose the station's union in the scope picker above.")}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
pub fn EditStation() -> impl IntoView {
    let params = use_params_map();
    let reload = RwSignal::new(0u32);
    let station = LocalResource::new(move || {
        reload.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move {
            api::get::<AdminStationEnvelope>(&api_url!(StationsRoute::AdminGet, STATION_ID = id))
                .await
        }
    });
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || station.get().map(|r: Result<AdminStationEnvelope, ApiFailure>| match r {
                    Ok(s) => {
                        let a = s.station;
                        let id = a.station.summary.id;
                        view! {
                            <h1 class="page-title">{a.station.summary.name.clone()}</h1>
                            <div class="actions toolbar">
                                <A href=format!("/admin/stations/{id}/poster") attr:class="btn btn--secondary">{t("签到海报", "Check-in poster")}</A>
                                <a href=format!("/stations/{id}") rel="external" class="btn btn--secondary">{t("工友看到的页面", "Workers' view")}</a>
                            </div>
                            <Reports station=a.clone() on_verified=Callback::new(move |_| reload.update(|n| *n += 1))/>
                            <Visits id=id/>
                            <Editor union_id=a.station.union.id union_name=a.station.union.name.clone() existing=Some(a.station)/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Reports(station: AdminStation, on_verified: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let id = station.station.summary.id;
    let error = RwSignal::new(None::<String>);
    let verify = move |_| {
        leptos::task::spawn_local(async move {
            match api::send::<_, AdminStationEnvelope>(
                Method::Post,
                &api_url!(StationsRoute::Verify, STATION_ID = id),
                &(),
                None,
            )
            .await
            {
                Ok(_) => {
                    on_verified.try_run(());
                }
                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="reports-title">
            <h2 id="reports-title">{t("工友报告的问题", "Problems reported by workers")}</h2>
            {if station.open_reports.is_empty() {
                view! { <p class="muted">{t("没有未处理的报告。", "No open reports.")}</p> }.into_any()
            } else {
                view! { <ul class="rows">
                    {station.open_reports.into_iter().map(|r| view! {
                        <li class="row row--wrap">
                            <strong>{move || r.kind.label().get(lang.get()).to_string()}</strong>
                            {r.amenity.map(|a| view! { <span>{move || a.label().get(lang.get()).to_string()}</span> })}
                            <span class="muted">{r.note.clone().unwrap_or_default()}" · "{r.created_at.chars().take(10).collect::<String>()}</span>
                        </li>
                    }).collect_view()}
                </ul> }.into_any()
            }}
            <p class="muted">{t("上次核实:", "Last verified: ")}{station.station.last_verified_at.clone().map(|v| v.chars().take(10).collect::<String>()).unwrap_or_else(|| "—".into())}{station.verified_by.map(|b| format!(" · {b}"))}</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <button type="button" class="btn btn--primary" on:click=verify>{t("今日已核实", "Verified today")}</button>
        </section>
    }
}

#[component]
fn Visits(id: i64) -> impl IntoView {
    let figures = LocalResource::new(move || async move {
        let url = api_url!(StationsRoute::Visits, STATION_ID = id).arg("days", 30);
        api::get::<VisitFigures>(&url).await
    });
    view! {
        <section class="card" aria-labelledby="visits-title">
            <h2 id="visits-title">{t("近30天到站人次", "Visits, last 30 days")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || figures.get().map(|r: Result<VisitFigures, ApiFailure>| match r {
                    Ok(f) => {
                        let max = f.days.iter().map(|d| d.visits).max().unwrap_or(1).max(1);
                        view! {
                            <p>{t("合计 ", "Total ")}<strong>{f.total}</strong></p>
                            <ul class="bars">
                                {f.days.into_iter().map(|d| view! {
                                    <li><span class="bar-day">{d.day[5..].to_string()}</span>
                                        <span class="bar" style=format!("width: {}%", d.visits * 100 / max)></span>
                                        <span class="bar-n">{d.visits}</span></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The station form. Hours are written as in the spreadsheet; closures one per line.
#[component]
fn Editor(union_id: i64, union_name: String, existing: Option<Station>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let e = existing.clone();
    let text = |f: fn(&Station) -> String| RwSignal::new(e.as_ref().map(f).unwrap_or_default());
    let name = text(|s| s.summary.name.clone());
    let province = text(|s| s.province.clone());
    let city = text(|s| s.city.clone());
    let district = text(|s| s.summary.district.clone());
    let address = text(|s| s.summary.address.clone());
    let lat = text(|s| shared::geo::fixed(s.summary.lat, 6));
    let lng = text(|s| shared::geo::fixed(s.summary.lng, 6));
    let phone = text(|s| s.summary.phone.clone().unwrap_or_default());
    let hours = RwSignal::new(
        e.as_ref()
            .map(|s| hours_text(&s.summary.schedule))
            // The parser reads both languages' forms (`Schedule::parse_text`).
            .unwrap_or_else(|| match lang.get_untracked() {
                shared::Lang::ZhCn => "每天 08:00-20:00".into(),
                shared::Lang::En => "daily 08:00-20:00".into(),
            }),
    );
    let closures = text(|s| {
        s.summary
            .schedule
            .closures
            .iter()
            .map(Closure::to_line)
            .collect::<Vec<_>>()
            .join("\n")
    });
    let description = text(|s| s.description.clone().unwrap_or_default());
    let station_type = RwSignal::new(
        e.as_ref()
            .map(|s| s.summary.station_type)
            .unwrap_or(StationType::UnionStation),
    );
    let datum = RwSignal::new(Datum::Wgs84);
    let status = RwSignal::new(e.as_ref().map(|s| s.summary.status).unwrap_or_default());
    let amenities = RwSignal::new(
        e.as_ref()
            .map(|s| s.summary.amenities.clone())
            .unwrap_or_default(),
    );
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let id = existing.as_ref().map(|s| s.summary.id);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        saved.set(false);
        let mut errors = FieldErrors::new();
        let schedule = errors.check(
            "schedule",
            Schedule::parse_text(&hours.get_untracked()).ok_or_else(|| {
                Text::new(
                    "开放时间看不懂,例如:每天 08:00-20:00;24小时;周一至周五 08:00-18:00",
                    "Hours not understood; e.g. daily 08:00-20:00, 24h, mon-fri 08:00-18:00",
                )
            }),
        );
        let mut closed = Vec::new();
        for line in closures
            .get_untracked()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            match Closure::parse_line(line) {
                Some(c) => closed.push(c),
                None => errors.add(
                    "schedule.closures",
                    Text::owned(
                        format!("这一行看不懂:{line}"),
                        format!("Not understood: {line}"),
                    ),
                ),
            }
        }
        let number = |s: RwSignal<String>, f: &str, errors: &mut FieldErrors| {
            errors.check(
                f,
                s.get_untracked().trim().parse::<f64>().map_err(|_| {
                    Text::new("应为数字,例如 31.8580", "Must be a number, e.g. 31.8580")
                }),
            )
        };
        let (la, ln) = (
            number(lat, "lat", &mut errors),
            number(lng, "lng", &mut errors),
        );
        if !form.check(if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }) {
            return;
        }
        let mut schedule = schedule.unwrap_or_default();
        schedule.closures = closed;
        let opt = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|v| !v.is_empty())
        };
        let input = StationInput {
            union_id,
            name: name.get_untracked(),
            station_type: station_type.get_untracked(),
            province: province.get_untracked(),
            city: city.get_untracked(),
            district: district.get_untracked(),
            address: address.get_untracked(),
            lat: la.unwrap_or_default(),
            lng: ln.unwrap_or_default(),
            datum: datum.get_untracked(),
            phone: opt(phone),
            amenities: amenities.get_untracked(),
            schedule,
            status: status.get_untracked(),
            description: opt(description),
        };
        if !form.check(input.validate()) {
            return;
        }
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = match id {
                Some(id) => {
                    api::send::<_, AdminStationEnvelope>(
                        Method::Put,
                        &api_url!(StationsRoute::AdminUpdate, STATION_ID = id),
                        &input,
                        None,
                    )
                    .await
                }
                None => {
                    api::post::<_, AdminStationEnvelope>(
                        &api_url!(StationsRoute::AdminCreate),
                        &input,
                    )
                    .await
                }
            };
            match result {
                Ok(s) if id.is_none() => navigate(
                    &format!("/admin/stations/{}", s.station.station.summary.id),
                    Default::default(),
                ),
                Ok(_) => saved.set(true),
                Err(e) => form.failed(&e),
            }
        });
    };

    let select = |label: &'static str,
                  fid: &'static str,
                  options: Vec<(String, String, bool)>,
                  on: Box<dyn Fn(String)>| {
        view! {
            <div class="field">
                <label for=fid>{label}</label>
                <select id=fid on:change=move |ev| on(event_target_value(&ev))>
                    {options.into_iter().map(|(v, l, sel)| view! { <option value=v selected=sel>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="editor-title">
            <h2 id="editor-title">{if id.is_some() { t("修改信息", "Edit details") } else { t("驿站信息", "Station details") }}</h2>
            <p class="muted">{t("所属工会:", "Union: ")}{union_name}</p>
            <FormError form=form/>
            {move || saved.get().then(|| view! { <p class="notice" role="status">{t("已保存", "Saved")}</p> })}
            <TextField label=t("名称", "Name") name="name" value=name form=form maxlength=60/>
            {move || { let l = lang.get(); select(t("类型", "Type")(), "field-station-type",
                StationType::ALL.iter().map(|v| (v.code().to_string(), v.label().get(l).to_string(), *v == station_type.get_untracked())).collect(),
                Box::new(move |v| station_type.set(StationType::parse(&v).unwrap_or(StationType::UnionStation)))) }}
            <TextField label=t("省", "Province") name="province" value=province form=form maxlength=20/>
            <TextField label=t("市", "City") name="city" value=city form=form maxlength=20/>
            <TextField label=t("区县", "District") name="district" value=district form=form maxlength=20/>
            <TextField label=t("详细地址", "Address") name="address" value=address form=form maxlength=100/>
            <TextField label=t("纬度", "Latitude") name="lat" value=lat form=form inputmode="decimal"/>
            <TextField label=t("经度", "Longitude") name="lng" value=lng form=form inputmode="decimal"/>
            {move || select(t("坐标系", "Datum")(), "field-datum",
                vec![("wgs84".into(), t("WGS-84(GPS、天地图)", "WGS-84 (GPS)")().into(), datum.get_untracked() == Datum::Wgs84),
                     ("gcj02".into(), t("GCJ-02(高德、腾讯地图取的点)", "GCJ-02 (from Amap/Tencent)")().into(), datum.get_untracked() == Datum::Gcj02)],
                Box::new(move |v| datum.set(Datum::parse(&v).unwrap_or_default())))}
            <TextField label=t("电话", "Phone") name="phone" value=phone form=form kind="tel" maxlength=20/>
            <fieldset class="field amenity-boxes">
                <legend class="label">{t("设施", "Amenities")}</legend>
                {Amenity::ALL.iter().copied().map(|a| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || amenities.with(|x| x.contains(&a))
                            on:change=move |_| amenities.update(|x| if x.contains(&a) { x.retain(|y| *y != a) } else { x.push(a) })/>
                        {a.icon()}" "{move || a.label().get(lang.get()).to_string()}
                    </label>
                }).collect_view()}
            </fieldset>
            <TextField label=t("开放时间", "Opening hours") name="schedule" value=hours form=form maxlength=120
                hint=t("例如:每天 08:00-20:00;24小时;周一至周五 08:00-18:00; 周六 09:00-12:00;夜间 22:00-06:00", "e.g. daily 08:00-20:00; 24h; mon-fri 08:00-18:00; sat 09:00-12:00; 22:00-06:00 runs overnight")/>
            <div class="field">
                <label for="field-closures">{t("暂停开放的日期(每行一段)", "Closed on (one period a line)")}</label>
                <span class="field-hint">{t("例如:2025-01-28 至 2025-02-04 春节", "e.g. 2025-01-28 to 2025-02-04 Spring Festival")}</span>
                <textarea id="field-closures" rows="3" prop:value=move || closures.get() on:input=move |ev| closures.set(event_target_value(&ev))></textarea>
                {move || form.error("schedule.closures").get().map(|e| view! { <span class="field-error">{e}</span> })}
            </div>
            {move || { let l = lang.get(); select(t("状态", "Status")(), "field-status",
                [StationStatus::Active, StationStatus::TemporarilyClosed, StationStatus::Defunct].into_iter().map(|v| (v.code().to_string(), v.label().get(l).to_string(), v == status.get_untracked())).collect(),
                Box::new(move |v| status.set(StationStatus::parse(&v).unwrap_or_default()))) }}
            <div class="field">
                <label for="field-description">{t("说明", "Description")}</label>
                <textarea id="field-description" rows="3" maxlength="500" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="btn btn--primary">{t("保存", "Save")}</button>
        </form>
    }
}
