//! A station's page: hours, amenities, phone, navigation, and "report a problem".

use super::card::{local_now, OpenBadge};
use super::saved;
use crate::api::{self, ApiFailure};
use crate::components::navigate::NavButtons;
use crate::components::status::{ErrorView, Loading};
use crate::draft::persisted;
use crate::i18n::{t, use_lang};
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::geo::LatLng;
use shared::routes::Method;
use shared::stations::{
    Amenity, ReportEnvelope, ReportInput, ReportKind, StationEnvelope, StationSummary,
    StationsRoute,
};
use shared::{Lang, Text};

#[derive(Clone)]
enum Loaded {
    Loading,
    Full(shared::stations::Station),
    /// Offline: what the phone saved.
    Saved(StationSummary),
    Failed(ApiFailure),
}

#[component]
pub fn Detail() -> impl IntoView {
    let params = use_params_map();
    let loaded = RwSignal::new(Loaded::Loading);
    Effect::new(move |_| {
        let id: i64 = params.with(|p| p.get("id").and_then(|i| i.parse().ok()).unwrap_or(0));
        leptos::task::spawn_local(async move {
            loaded.set(
                match api::get::<StationEnvelope>(&api_url!(StationsRoute::Get, STATION_ID = id))
                    .await
                {
                    Ok(e) => Loaded::Full(e.station),
                    Err(ApiFailure::Offline) => saved::station(id)
                        .map(Loaded::Saved)
                        .unwrap_or(Loaded::Failed(ApiFailure::Offline)),
                    Err(e) => Loaded::Failed(e),
                },
            );
        });
    });
    move || match loaded.get() {
        Loaded::Loading => view! { <main class="page"><Loading/></main> }.into_any(),
        Loaded::Failed(e) => view! { <main class="page"><ErrorView failure=e/></main> }.into_any(),
        Loaded::Saved(s) => view! { <Page summary=s station=None/> }.into_any(),
        Loaded::Full(s) => view! { <Page summary=s.summary.clone() station=Some(s)/> }.into_any(),
    }
}

const DAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[component]
fn Page(summary: StationSummary, station: Option<shared::stations::Station>) -> impl IntoView {
    let lang = use_lang();
    let s = summary;
    let now = local_now();
    let today = now.date();
    let hours_today = s.schedule.hours_on(today);
    let open = s.is_open_at(now);
    // The week from Monday, for the hours table.
    let monday = today
        - chrono::Duration::days(chrono::Datelike::weekday(&today).num_days_from_monday() as i64);
    let week: Vec<_> = (0..7)
        .map(|i| {
            (
                i,
                s.schedule
                    .hours_on(monday + chrono::Duration::days(i as i64)),
            )
        })
        .collect();
    let kind = s.station_type;
    let status = s.status;
    let spoken = (s.clone(), station.as_ref().map(|st| st.city.clone()));
    view! {
        <main class="page station-page">
            <h1 class="page-title"><span aria-hidden="true">{kind.icon()}" "</span>{s.name.clone()}</h1>
            <crate::easy::ReadAloud sentences=move || shared::speech::station(&spoken.0, spoken.1.as_deref(), local_now())/>
            <p class="muted">{move || kind.label().get(lang.get()).to_string()}{station.as_ref().map(|st| format!(" · {}", st.union.name))}</p>
            {(status != shared::stations::StationStatus::Active).then(|| view! {
                <p class="form-error" role="status">{move || status.label().get(lang.get()).to_string()}</p>
            })}
            <section class="card" aria-labelledby="hours-title">
                <h2 id="hours-title">{t("开放时间", "Opening hours")}</h2>
                <p class="today"><OpenBadge open=open/>" "{t("今天 ", "Today ")}<strong>{move || hours_today.get(lang.get()).to_string()}</strong></p>
                <table class="hours">
                    <caption class="sr-only">{t("一周开放时间", "Hours this week")}</caption>
                    <tbody>
                        {week.into_iter().map(|(i, h)| view! {
                            <tr class:today=i == chrono::Datelike::weekday(&today).num_days_from_monday() as usize>
                                <th scope="row">{move || if lang.get() == Lang::En { DAYS_EN[i] } else { DAYS_ZH[i] }}</th>
                                <td>{move || h.get(lang.get()).to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="card" aria-labelledby="where-title">
                <h2 id="where-title">{t("在哪里", "Where")}</h2>
                <p>{station.as_ref().map(|st| format!("{}{}", st.city, s.district)).unwrap_or_else(|| s.district.clone())}" "{s.address.clone()}</p>
                <NavButtons at=LatLng::new(s.lat, s.lng) name=s.name.clone()/>
                {s.phone.clone().map(|p| view! {
                    <a class="hotline" href=format!("tel:{}", p.replace([' ', '-'], ""))>
                        <span class="hotline-number">"📞"</span><span class="hotline-label">{t("打电话 ", "Call ")}{p.clone()}</span>
                    </a>
                })}
            </section>
            <section class="card" aria-labelledby="amenities-title">
                <h2 id="amenities-title">{t("这里有", "Here you'll find")}</h2>
                <ul class="amenity-list">
                    {s.amenities.iter().copied().map(|a| view! {
                        <li><span aria-hidden="true">{a.icon()}</span>" "{move || a.label().get(lang.get()).to_string()}</li>
                    }).collect_view()}
                </ul>
            </section>
            {station.as_ref().map(|st| view! {
                <p class="muted">
                    {st.last_verified_at.as_ref().map(|v| view! { {t("工会核实于 ", "Verified by the union on ")}{v.chars().take(10).collect::<String>()}" · " })}
                    {t("今天到站 ", "Visits today ")}{st.visits_today}
                </p>
            })}
            <ReportProblem station_id=s.id amenities=s.amenities.clone()/>
        </main>
    }
}

/// One tap: closed, moved, an amenity missing, or something else; a note is
/// optional. The note is a draft on the phone (per station): it survives a
/// reload and a refusal, and goes only once the server has the report.
#[component]
fn ReportProblem(station_id: i64, amenities: Vec<Amenity>) -> impl IntoView {
    let lang = use_lang();
    let note = persisted(format!("gy.station_report.{station_id}"), String::new());
    let choosing_amenity = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let path = StoredValue::new(api_url!(StationsRoute::Report, STATION_ID = station_id));
    // The same report still waiting on the phone for this station: tapping
    // again would send it twice.
    let pending = outbox::use_outbox().pending;
    let waiting = move |input: &ReportInput| {
        let body = serde_json::to_string(input).unwrap_or_default();
        pending.with_untracked(|p| {
            path.with_value(|path| {
                p.iter().any(|x| {
                    x.kind == "station_report" && x.path == path.as_str() && x.body == body
                })
            })
        })
    };
    let send = move |kind: ReportKind, amenity: Option<Amenity>| {
        let n = note.get_untracked();
        let input = ReportInput {
            kind,
            amenity,
            note: Some(n.trim().to_string()).filter(|n| !n.is_empty()),
        };
        if let Err(e) = input.validate() {
            outcome.set(Some(Err(e.0[0].why.get(lang.get_untracked()).to_string())));
            return;
        }
        if waiting(&input) {
            outcome.set(Some(Ok(REPORT_WAITING
                .get(lang.get_untracked())
                .to_string())));
            return;
        }
        choosing_amenity.set(false);
        let path = path.get_value();
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let sent =
                outbox::submit::<_, ReportEnvelope>("station_report", Method::Post, &path, &input)
                    .await;
            outcome.set(Some(match sent {
                Submitted::Sent(_) => {
                    note.set(String::new());
                    Ok(REPORT_SENT.get(l).to_string())
                }
                // On the phone, sent by itself later: the note stays until it is.
                Submitted::Queued => Ok(REPORT_WAITING.get(l).to_string()),
                Submitted::Refused(e) => Err(format!("{} {}", e.message(l), NOTE_KEPT.get(l))),
            }));
        });
    };
    view! {
        <section class="card report" aria-labelledby="report-title">
            <h2 id="report-title">{t("信息不对?告诉我们", "Something wrong? Tell us")}</h2>
            {move || outcome.get().map(|o| match o {
                Ok(m) => view! { <p class="notice" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
            })}
            <div class="field">
                <label for="report-note">{t("补充说明(可以不填)", "A note (optional)")}</label>
                <input id="report-note" maxlength=200 prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                <crate::easy::MicButton value=note field="report-note"/>
            </div>
            <div class="report-kinds">
                {ReportKind::ALL.iter().copied().map(|k| view! {
                    <button type="button" class="btn btn--secondary" on:click=move |_| {
                        if k == ReportKind::AmenityMissing { choosing_amenity.update(|c| *c = !*c) } else { send(k, None) }
                    }>{move || k.label().get(lang.get()).to_string()}</button>
                }).collect_view()}
            </div>
            <Show when=move || choosing_amenity.get()>
                <p>{t("哪项设施没有?", "Which amenity is missing?")}</p>
                <div class="report-kinds">
                    {amenities.iter().copied().map(|a| view! {
                        <button type="button" class="chip" on:click=move |_| send(ReportKind::AmenityMissing, Some(a))>
                            <span aria-hidden="true">{a.icon()}</span>" "{move || a.label().get(lang.get()).to_string()}
                        </button>
                    }).collect_view()}
                </div>
            </Show>
        </section>
    }
}

const REPORT_SENT: Text = Text::new(
    "谢谢,已经告诉工会,会有人来核实。",
    "Thank you: the union will check it.",
);
const REPORT_WAITING: Text = Text::new(
    "还没发出去(没有网络,或刚才报告太多次)。已保存在手机上,稍后会自动发送。",
    "Not sent yet (no signal, or too many reports just now). Kept on your phone; it will be sent by itself later.",
);
const NOTE_KEPT: Text = Text::new(
    "你写的说明还在,可以改一改再发。",
    "Your note is still here: you can change it and send again.",
);
