//! The course form, for a new course or competition and for editing one:
//! what it is (trade, level, places, fee, who may join, the sign-up window)
//! and its sessions, each with its date, times, 课时 and place — a station of
//! the organising union or an address. Checked by the shared rule before
//! sending; the API's reasons land on the same fields.

use crate::api::{self, ApiFailure};
use crate::components::choice::{trade_choices, Choice, RadioCards, SelectField};
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::geo::LatLng;
use shared::routes::Method;
use shared::stations::{StationRows, StationsRoute};
use shared::training::*;

/// One session row of the form.
#[derive(Clone, Copy)]
struct SessionDraft {
    key: u32,
    id: Option<i64>,
    date: RwSignal<String>,
    starts: RwSignal<String>,
    ends: RwSignal<String>,
    hours: RwSignal<String>,
    /// `address` or `station`.
    place: RwSignal<String>,
    address: RwSignal<String>,
    /// `31.869,117.331`, optional.
    position: RwSignal<String>,
    station: RwSignal<String>,
}

impl SessionDraft {
    fn new(key: u32, s: Option<&CourseSession>) -> SessionDraft {
        let (place, address, position, station) = match s.map(|s| &s.place) {
            Some(SessionPlace::Station { station_id }) => (
                "station",
                String::new(),
                String::new(),
                station_id.to_string(),
            ),
            Some(SessionPlace::Address { address, position }) => (
                "address",
                address.clone(),
                position
                    .map(|p| format!("{},{}", p.lat, p.lng))
                    .unwrap_or_default(),
                String::new(),
            ),
            None => ("address", String::new(), String::new(), String::new()),
        };
        SessionDraft {
            key,
            id: s.map(|s| s.id),
            date: RwSignal::new(s.map(|s| s.date.to_string()).unwrap_or_default()),
            starts: RwSignal::new(
                s.map(|s| s.starts_at.clone())
                    .unwrap_or_else(|| "09:00".into()),
            ),
            ends: RwSignal::new(
                s.map(|s| s.ends_at.clone())
                    .unwrap_or_else(|| "17:00".into()),
            ),
            hours: RwSignal::new(s.map(|s| s.hours.to_string()).unwrap_or_else(|| "8".into())),
            place: RwSignal::new(place.into()),
            address: RwSignal::new(address),
            position: RwSignal::new(position),
            station: RwSignal::new(station),
        }
    }

    /// The session as the API takes it; unreadable numbers become 0 so the shared rule names them.
    fn input(&self) -> SessionInput {
        let place = if self.place.get_untracked() == "station" {
            SessionPlace::Station {
                station_id: self.station.get_untracked().trim().parse().unwrap_or(0),
            }
        } else {
            let position = self.position.get_untracked();
            let position = position.split_once([',', '，']).and_then(|(a, b)| {
                Some(LatLng::new(a.trim().parse().ok()?, b.trim().parse().ok()?))
            });
            SessionPlace::Address {
                address: self.address.get_untracked(),
                position,
            }
        };
        SessionInput {
            id: self.id,
            date: self.date.get_untracked().trim().parse().unwrap_or_default(),
            starts_at: self.starts.get_untracked(),
            ends_at: self.ends.get_untracked(),
            hours: self.hours.get_untracked().trim().parse().unwrap_or(0),
            place,
        }
    }
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> shared::Text,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(code(*v), label(*v)))
        .collect()
}

/// The form. `course` is the one being edited, or `None` for a new one run by `union_id`.
#[component]
pub fn CourseForm(
    union_id: i64,
    union_name: String,
    course: Option<Course>,
    on_saved: Callback<Course>,
) -> impl IntoView {
    let editing = course.as_ref().map(|c| c.id);
    let c = course.as_ref();
    let kind = RwSignal::new(
        c.map(|c| c.kind.code())
            .unwrap_or(CourseKind::Course.code())
            .to_string(),
    );
    let title = RwSignal::new(c.map(|c| c.title.clone()).unwrap_or_default());
    let trade = RwSignal::new(c.map(|c| c.trade.code().to_string()).unwrap_or_default());
    let level = RwSignal::new(
        c.map(|c| c.level.code())
            .unwrap_or(SkillLevel::Basic.code())
            .to_string(),
    );
    let places = RwSignal::new(
        c.map(|c| c.places.to_string())
            .unwrap_or_else(|| "30".into()),
    );
    let opens = RwSignal::new(
        c.map(|c| c.signup_opens_on.to_string())
            .unwrap_or_else(|| crate::components::time::today().to_string()),
    );
    let closes = RwSignal::new(
        c.map(|c| c.signup_closes_on.to_string())
            .unwrap_or_default(),
    );
    let eligibility = RwSignal::new(
        c.map(|c| c.eligibility.code())
            .unwrap_or(Eligibility::Open.code())
            .to_string(),
    );
    let fee = RwSignal::new(
        c.map(|c| shared::money::amount(c.fee_fen))
            .unwrap_or_else(|| "0".into()),
    );
    let pass = RwSignal::new(
        c.map(|c| c.pass_percent.to_string())
            .unwrap_or_else(|| DEFAULT_PASS_PERCENT.to_string()),
    );
    let description = RwSignal::new(c.map(|c| c.description.clone()).unwrap_or_default());
    let next_key = StoredValue::new(0u32);
    let fresh = move |s: Option<&CourseSession>| {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        SessionDraft::new(k, s)
    };
    let sessions = RwSignal::new(match c {
        Some(c) => c.sessions.iter().map(|s| fresh(Some(s))).collect(),
        None => vec![fresh(None)],
    });
    let form = FormState::new();
    let stations = LocalResource::new(move || async move {
        api::get::<StationRows>(
            &api_url!(StationsRoute::AdminList)
                .arg("union_id", union_id)
                .arg("limit", 200),
        )
        .await
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = shared::FieldErrors::new();
        let fee_fen = errors
            .check("fee_fen", shared::money::parse_yuan(&fee.get_untracked()))
            .unwrap_or(-1);
        let input = CourseInput {
            kind: CourseKind::parse(&kind.get_untracked()).unwrap_or(CourseKind::Course),
            union_id,
            title: title.get_untracked(),
            trade: shared::trades::Trade::parse(&trade.get_untracked())
                .unwrap_or(shared::trades::Trade::Other),
            level: SkillLevel::parse(&level.get_untracked()).unwrap_or(SkillLevel::Basic),
            places: places.get_untracked().trim().parse().unwrap_or(0),
            signup_opens_on: opens.get_untracked().trim().parse().unwrap_or_default(),
            signup_closes_on: closes.get_untracked().trim().parse().unwrap_or_default(),
            eligibility: Eligibility::parse(&eligibility.get_untracked())
                .unwrap_or(Eligibility::Open),
            fee_fen,
            pass_percent: pass.get_untracked().trim().parse().unwrap_or(0),
            description: description.get_untracked(),
            sessions: sessions
                .get_untracked()
                .iter()
                .map(SessionDraft::input)
                .collect(),
        };
        if shared::trades::Trade::parse(&trade.get_untracked()).is_none() {
            errors.add("trade", shared::error::why::not_a_choice());
        }
        if let Err(rules) = input.validate(crate::components::time::today()) {
            for r in rules.0 {
                errors.add(r.field, r.why);
            }
        }
        if !form.check(if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = match editing {
                Some(id) => {
                    api::send::<_, CourseEnvelope>(
                        Method::Put,
                        &api_url!(TrainingRoute::EditCourse, COURSE_ID = id),
                        &input,
                        None,
                    )
                    .await
                }
                None => {
                    let key = format!("course-{}", js_sys::Math::random().to_bits());
                    api::send::<_, CourseEnvelope>(
                        Method::Post,
                        &api_url!(TrainingRoute::CreateCourse),
                        &input,
                        Some(&key),
                    )
                    .await
                }
            };
            form.busy.set(false);
            match sent {
                Ok(env) => {
                    on_saved.try_run(env.course);
                }
                Err(e) => form.failed(&e),
            }
        });
    };

    let competition = move || kind.get() == CourseKind::Competition.code();
    let numbered = move || sessions.get().into_iter().enumerate().collect::<Vec<_>>();
    let sessions_error = form.error("sessions");
    view! {
        <form class="card course-form" on:submit=submit novalidate aria-labelledby="course-form-title">
            <h2 id="course-form-title">{if editing.is_some() { t("修改培训班", "Edit the course") } else { t("新建培训班或技能竞赛", "New course or skills competition") }}</h2>
            <p class="muted">{t("主办:", "Run by: ")}{union_name}</p>
            <FormError form=form/>
            {editing.is_none().then(|| view! {
                <RadioCards legend=t("类别", "Kind") name="kind" value=kind form=form choices=vec![
                    Choice::new(CourseKind::Course.code(), CourseKind::Course.label()).with_hint(shared::Text::new("按课时上课,考核合格发结业证书", "Classes by the hour; a certificate for those who pass")),
                    Choice::new(CourseKind::Competition.code(), CourseKind::Competition.label()).with_hint(shared::Text::new("一个比赛日,结果是名次", "One event date; the outcome is a rank")),
                ]/>
            })}
            <TextField label=t("名称", "Title") name="title" value=title form=form maxlength=MAX_TITLE as u32 hint=t("例如:家政服务(证书叫“家政服务结业证书”)", "e.g. 家政服务 (the certificate becomes 家政服务结业证书)")/>
            <div class="field-pair">
                <SelectField label=t("工种", "Trade") name="trade" value=trade form=form choices=trade_choices() placeholder=t("请选择工种", "Choose a trade")/>
                <SelectField label=t("等级", "Level") name="level" value=level form=form choices=choices(SkillLevel::ALL, SkillLevel::code, SkillLevel::label) placeholder=t("请选择", "Choose")/>
            </div>
            <div class="field-pair">
                <TextField label=t("名额", "Places") name="places" value=places form=form kind="number" inputmode="numeric" hint=t("报满后进入候补", "Further sign-ups join the waitlist")/>
                <TextField label=t("每人费用(元)", "Fee per person (yuan)") name="fee_fen" value=fee form=form inputmode="decimal" hint=t("0 表示免费;补贴后个人出的钱", "0 is free; else what a trainee pays after subsidy")/>
            </div>
            <div class="field-pair">
                <TextField label=t("报名开始", "Sign-up opens") name="signup_opens_on" value=opens form=form kind="date"/>
                <TextField label=t("报名截止", "Sign-up closes") name="signup_closes_on" value=closes form=form kind="date" hint=t("最晚第一次课当天", "By the first session's day")/>
            </div>
            <SelectField label=t("谁可以报名", "Who may sign up") name="eligibility" value=eligibility form=form choices=choices(Eligibility::ALL, Eligibility::code, Eligibility::label) placeholder=t("请选择", "Choose")/>
            <Show when=move || !competition()>
                <TextField label=t("课时达标率(%)", "Share of hours needed (%)") name="pass_percent" value=pass form=form kind="number" inputmode="numeric" hint=t("出勤课时达到这个比例才能评合格,50–100", "Attendance needed to pass, 50–100")/>
            </Show>
            <TextArea label=t("介绍(可不填)", "Description (optional)") name="description" value=description form=form maxlength=MAX_DESCRIPTION as u32 hint=t("学什么、带什么、在哪里集合", "What is taught, what to bring, where to meet")/>
            <fieldset class="field sessions" aria-invalid=move || sessions_error.get().is_some().to_string()>
                <legend class="label">{move || if competition() { t("比赛日", "Event")() } else { t("课程安排", "Sessions")() }}</legend>
                {move || sessions_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                <For each=numbered key=|(i, s)| (*i, s.key) children=move |(i, s)| {
                    view! { <SessionFields index=i draft=s form=form stations=stations on_remove=Callback::new(move |_| sessions.update(|l| l.retain(|x| x.key != s.key)))/> }
                }/>
                <Show when=move || !competition() || sessions.with(Vec::is_empty)>
                    <button type="button" class="btn btn--secondary" on:click=move |_| sessions.update(|l| l.push(fresh(None)))>{t("加一次课", "Add a session")}</button>
                </Show>
            </fieldset>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{if editing.is_some() { t("保存修改", "Save changes") } else { t("发布", "Publish") }}</button>
        </form>
    }
}

#[component]
fn SessionFields(
    index: usize,
    draft: SessionDraft,
    form: FormState,
    stations: LocalResource<Result<StationRows, ApiFailure>>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let n = index + 1;
    let prefix = format!("sessions[{index}]");
    let field_id = move |name: &str| format!("session-{}-{name}", draft.key);
    // Field errors are named `sessions[i].date` etc.; show them by the field.
    let err = move |name: &'static str| {
        let key = format!("{prefix}.{name}");
        Signal::derive(move || form.fields.with(|f| f.get(&key).cloned()))
    };
    let errors = [
        ("date", err("date")),
        ("starts_at", err("starts_at")),
        ("ends_at", err("ends_at")),
        ("hours", err("hours")),
        ("place.address", err("place.address")),
        ("place.position", err("place.position")),
        ("place", err("place")),
    ];
    let station_options = move || {
        stations.get().and_then(Result::ok).map(|rows| {
            rows.stations
                .into_iter()
                .map(|s| {
                    let id = s.id.to_string();
                    let chosen = id.clone();
                    view! { <option value=id selected=move || draft.station.get() == chosen>{s.name}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="session-fields" role="group" aria-label=move || format!("{} {n}", t("第几次课", "Session")())>
            <p class="label">{move || format!("{} {n}", t("第", "Session ")())}{t(" 次", "")}</p>
            <div class="field-pair">
                <Labelled label=t("日期", "Date") id=field_id("date") error=errors[0].1>
                    <input id=field_id("date") type="date" prop:value=move || draft.date.get() on:input=move |ev| draft.date.set(event_target_value(&ev))/>
                </Labelled>
                <Labelled label=t("课时", "Hours") id=field_id("hours") error=errors[3].1>
                    <input id=field_id("hours") type="number" inputmode="numeric" prop:value=move || draft.hours.get() on:input=move |ev| draft.hours.set(event_target_value(&ev))/>
                </Labelled>
            </div>
            <div class="field-pair">
                <Labelled label=t("开始", "Starts") id=field_id("starts") error=errors[1].1>
                    <input id=field_id("starts") type="time" prop:value=move || draft.starts.get() on:input=move |ev| draft.starts.set(event_target_value(&ev))/>
                </Labelled>
                <Labelled label=t("结束", "Ends") id=field_id("ends") error=errors[2].1>
                    <input id=field_id("ends") type="time" prop:value=move || draft.ends.get() on:input=move |ev| draft.ends.set(event_target_value(&ev))/>
                </Labelled>
            </div>
            <Labelled label=t("上课地点", "Place") id=field_id("place") error=errors[6].1>
                <select id=field_id("place") on:change=move |ev| draft.place.set(event_target_value(&ev))>
                    <option value="address" selected=move || draft.place.get() == "address">{t("填写地址", "An address")}</option>
                    <option value="station" selected=move || draft.place.get() == "station">{t("工会驿站", "A union station")}</option>
                </select>
            </Labelled>
            <Show when=move || draft.place.get() == "station" fallback=move || view! {
                <Labelled label=t("地址", "Address") id=field_id("address") error=errors[4].1>
                    <input id=field_id("address") maxlength=MAX_ADDRESS as u32 prop:value=move || draft.address.get() on:input=move |ev| draft.address.set(event_target_value(&ev))/>
                </Labelled>
                <Labelled label=t("坐标(可不填,纬度,经度)", "Position (optional: lat,lng)") id=field_id("position") error=errors[5].1>
                    <input id=field_id("position") inputmode="decimal" prop:value=move || draft.position.get() on:input=move |ev| draft.position.set(event_target_value(&ev))/>
                </Labelled>
            }>
                <Labelled label=t("驿站", "Station") id=field_id("station") error=errors[6].1>
                    <select id=field_id("station") on:change=move |ev| draft.station.set(event_target_value(&ev))>
                        <option value="" selected=move || draft.station.get().is_empty()>{t("请选择驿站", "Choose a station")}</option>
                        {station_options}
                    </select>
                </Labelled>
            </Show>
            <button type="button" class="linklike" on:click=move |_| on_remove.run(())>{move || format!("{} {n}", t("删去第", "Remove session")())}{t(" 次课", "")}</button>
        </div>
    }
}

/// A label, a control and its error (for fields whose names carry an index).
#[component]
fn Labelled(
    #[prop(into)] label: Signal<&'static str>,
    id: String,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {children()}
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}
