//! The one job form (招工信息). An employer's contacts post and edit their jobs
//! with it, and union staff post and edit on an employer's behalf: every field
//! of `JobInput`, wages typed in yuan, checked by `JobInput::validate` before it
//! is sent, the API's reasons shown beside the fields, and everything typed
//! kept on the phone until the server has it.

use super::acting::Acting;
use crate::api::{self, ApiFailure};
use crate::components::choice::{code_of, Choice, RadioCards, SelectField};
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::time::today;
use crate::draft::FormDraft;
use crate::i18n::{t, use_lang};
use crate::stations::place::{locate, LocateError};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use shared::error::why;
use shared::jobs::{Job, JobEnvelope, JobInput, Place, Settlement, MAX_TRADES};
use shared::money::{self, WageUnit};
use shared::trades::Trade;
use shared::{FieldErrors, Text};

/// A new job's ad runs this many days unless changed.
pub const DEFAULT_VALID_DAYS: u64 = 30;

/// A job as the form edits it: what the server has, as input.
pub fn input_of(job: &Job) -> JobInput {
    let s = &job.summary;
    JobInput {
        employer_id: None,
        title: s.title.clone(),
        trades: s.trades.clone(),
        description: job.description.clone(),
        wage_min_fen: s.wage_min_fen,
        wage_max_fen: s.wage_max_fen,
        wage_unit: s.wage_unit,
        settlement: s.settlement,
        headcount: s.headcount,
        place: Place {
            lat: s.lat,
            lng: s.lng,
            district: s.district.clone(),
        },
        starts_on: s.starts_on,
        ends_on: s.ends_on,
        working_hours: job.working_hours.clone(),
        board: s.board,
        lodging: s.lodging,
        contact_name: job.contact.name.clone(),
        contact_phone: job.contact.phone().unwrap_or_default().to_string(),
        valid_until: s.valid_until,
    }
}

/// Every field as the text typed in, kept in the draft.
#[derive(Clone, Copy)]
struct Fields {
    title: RwSignal<String>,
    /// Trade codes, comma-separated.
    trades: RwSignal<String>,
    description: RwSignal<String>,
    wage_min: RwSignal<String>,
    wage_max: RwSignal<String>,
    wage_unit: RwSignal<String>,
    settlement: RwSignal<String>,
    headcount: RwSignal<String>,
    district: RwSignal<String>,
    lat: RwSignal<String>,
    lng: RwSignal<String>,
    starts_on: RwSignal<String>,
    ends_on: RwSignal<String>,
    working_hours: RwSignal<String>,
    board: RwSignal<String>,
    lodging: RwSignal<String>,
    contact_name: RwSignal<String>,
    contact_phone: RwSignal<String>,
    valid_until: RwSignal<String>,
}

fn flag(b: bool) -> String {
    if b {
        "true".into()
    } else {
        String::new()
    }
}

fn number(field: &str, raw: &str, errors: &mut FieldErrors) -> Option<f64> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.add(
            field,
            Text::new(
                "请点“用我的位置”,或填写经纬度",
                "Tap \"Use my position\", or type the coordinates",
            ),
        );
        return None;
    }
    errors.check(
        field,
        raw.parse::<f64>()
            .map_err(|_| Text::new("应为数字,例如 31.8690", "Must be a number, e.g. 31.8690")),
    )
}

fn date(field: &str, raw: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    errors.check(
        field,
        raw.trim().parse::<NaiveDate>().map_err(|_| {
            if raw.trim().is_empty() {
                why::required()
            } else {
                why::bad_date()
            }
        }),
    )
}

impl Fields {
    /// From the draft, else from `start` (an existing job) or a blank new job.
    fn new(
        draft: FormDraft,
        start: Option<&JobInput>,
        contact: (String, String),
        today: NaiveDate,
    ) -> Fields {
        let v = |name: &'static str, from: Option<String>, blank: String| {
            draft.field_or(name, from.unwrap_or(blank))
        };
        let s = start;
        Fields {
            title: v("title", s.map(|j| j.title.clone()), String::new()),
            trades: v(
                "trades",
                s.map(|j| {
                    j.trades
                        .iter()
                        .map(|t| t.code())
                        .collect::<Vec<_>>()
                        .join(",")
                }),
                String::new(),
            ),
            description: v(
                "description",
                s.map(|j| j.description.clone()),
                String::new(),
            ),
            wage_min: v(
                "wage_min_fen",
                s.map(|j| money::amount(j.wage_min_fen)),
                String::new(),
            ),
            wage_max: v(
                "wage_max_fen",
                s.map(|j| money::amount(j.wage_max_fen)),
                String::new(),
            ),
            wage_unit: v(
                "wage_unit",
                s.map(|j| j.wage_unit.code().to_string()),
                WageUnit::Day.code().into(),
            ),
            settlement: v(
                "settlement",
                s.map(|j| j.settlement.code().to_string()),
                Settlement::Daily.code().into(),
            ),
            headcount: v("headcount", s.map(|j| j.headcount.to_string()), "1".into()),
            district: v(
                "place.district",
                s.map(|j| j.place.district.clone()),
                String::new(),
            ),
            lat: v(
                "place.lat",
                s.map(|j| shared::geo::fixed(j.place.lat, 6)),
                String::new(),
            ),
            lng: v(
                "place.lng",
                s.map(|j| shared::geo::fixed(j.place.lng, 6)),
                String::new(),
            ),
            starts_on: v(
                "starts_on",
                s.map(|j| j.starts_on.to_string()),
                today.to_string(),
            ),
            ends_on: v(
                "ends_on",
                s.map(|j| j.ends_on.map(|d| d.to_string()).unwrap_or_default()),
                String::new(),
            ),
            working_hours: v(
                "working_hours",
                s.map(|j| j.working_hours.clone()),
                String::new(),
            ),
            board: v("board", s.map(|j| flag(j.board)), String::new()),
            lodging: v("lodging", s.map(|j| flag(j.lodging)), String::new()),
            contact_name: v("contact_name", s.map(|j| j.contact_name.clone()), contact.0),
            contact_phone: v(
                "contact_phone",
                s.map(|j| j.contact_phone.clone()),
                contact.1,
            ),
            valid_until: v(
                "valid_until",
                s.map(|j| j.valid_until.to_string()),
                (today + Days::new(DEFAULT_VALID_DAYS)).to_string(),
            ),
        }
    }

    fn trade_list(&self) -> Vec<Trade> {
        self.trades
            .with(|s| s.split(',').filter_map(Trade::parse).collect())
    }

    /// The input the API takes, or why not: what could not be read (wages in
    /// yuan, numbers, dates) first, then the shared rules.
    fn read(&self, employer_id: Option<i64>, today: NaiveDate) -> Result<JobInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let get = |s: RwSignal<String>| s.get_untracked();
        let wage_min = errors.check("wage_min_fen", money::parse_yuan(&get(self.wage_min)));
        let wage_max = errors.check("wage_max_fen", money::parse_yuan(&get(self.wage_max)));
        let headcount = errors.check(
            "headcount",
            get(self.headcount)
                .trim()
                .parse::<u32>()
                .map_err(|_| Text::new("请填写人数,例如 5", "Enter how many, e.g. 5")),
        );
        let lat = number("place.lat", &get(self.lat), &mut errors);
        let lng = number("place.lng", &get(self.lng), &mut errors);
        let starts_on = date("starts_on", &get(self.starts_on), &mut errors);
        let ends_on = Some(get(self.ends_on))
            .filter(|s| !s.trim().is_empty())
            .and_then(|s| date("ends_on", &s, &mut errors));
        let valid_until = date("valid_until", &get(self.valid_until), &mut errors);
        // Stand-ins where reading failed keep the shared rules from adding a second, confusing reason.
        let (lat, lng) = match (lat, lng) {
            (Some(a), Some(b)) => (a, b),
            _ => (31.86, 117.28),
        };
        let input = JobInput {
            employer_id,
            title: get(self.title),
            trades: self
                .trades
                .with_untracked(|s| s.split(',').filter_map(Trade::parse).collect()),
            description: get(self.description),
            wage_min_fen: wage_min.unwrap_or(0),
            wage_max_fen: wage_max.unwrap_or(0),
            wage_unit: WageUnit::parse(&get(self.wage_unit)).unwrap_or(WageUnit::Day),
            settlement: Settlement::parse(&get(self.settlement)).unwrap_or(Settlement::Daily),
            headcount: headcount.unwrap_or(1),
            place: Place {
                lat,
                lng,
                district: get(self.district),
            },
            starts_on: starts_on.unwrap_or(today),
            ends_on,
            working_hours: get(self.working_hours),
            board: get(self.board) == "true",
            lodging: get(self.lodging) == "true",
            contact_name: get(self.contact_name),
            contact_phone: get(self.contact_phone),
            valid_until: valid_until.unwrap_or(today),
        };
        match input.validate(today) {
            Ok(valid) if errors.is_empty() => Ok(valid),
            Ok(_) => Err(errors),
            Err(rules) => {
                for e in rules.0 {
                    errors.add(e.field, e.why);
                }
                Err(errors)
            }
        }
    }
}

/// The job form. `job` is the job being edited (`None` for a new one);
/// `employer_id` names the employer in staff posts; `contact` fills a new
/// job's contact from the employer's record. `on_saved` gets the job as saved.
#[component]
pub fn JobForm(
    acting: Acting,
    employer_id: i64,
    job: Option<Job>,
    #[prop(optional)] contact: Option<(String, String)>,
    on_saved: Callback<Job>,
) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let job_id = job.as_ref().map(|j| j.summary.id);
    let start = job.as_ref().map(input_of);
    let side = if acting.is_staff() { "admin." } else { "" };
    let draft = match (&start, job_id) {
        (Some(input), Some(id)) => FormDraft::based_on(
            format!("gy.draft.{side}job.{id}"),
            &serde_json::to_string(input).unwrap_or_default(),
        ),
        _ => FormDraft::new(format!("gy.draft.{side}job.new.{employer_id}")),
    };
    let f = Fields::new(draft, start.as_ref(), contact.unwrap_or_default(), today);
    let form = FormState::new();
    // One key per submission: a retry after a lost reply cannot post the job twice.
    let key = StoredValue::new(crate::outbox::new_key());
    let located = RwSignal::new(None::<LocateError>);
    let locating = RwSignal::new(false);

    let use_position = move |_| {
        locating.set(true);
        located.set(None);
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(at) => {
                    f.lat.set(shared::geo::fixed(at.lat, 6));
                    f.lng.set(shared::geo::fixed(at.lng, 6));
                }
                Err(e) => located.set(Some(e)),
            }
            locating.set(false);
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let staff_post = acting.is_staff() && job_id.is_none();
        let input = match f.read(
            staff_post.then_some(employer_id),
            crate::components::time::today(),
        ) {
            Ok(input) => input,
            Err(errors) => {
                form.check(Err(errors));
                form.general.set(Some(
                    t(
                        "有几项需要改一下,请看标红的地方",
                        "A few fields need changing; see the ones marked in red",
                    )()
                    .into(),
                ));
                return;
            }
        };
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let (method, path) = acting.save_job(job_id);
            let k = key.get_value();
            let sent = api::send::<_, JobEnvelope>(
                method,
                &path,
                &input,
                job_id.is_none().then_some(k.as_str()),
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(env) => {
                    draft.clear();
                    key.set_value(crate::outbox::new_key());
                    on_saved.try_run(env.job);
                }
                Err(ApiFailure::Offline) => form.general.set(Some(
                    t("网络不通,没有发出去。填的内容已保存在手机上,有信号后再点一次提交。", "No connection; nothing was sent. What you typed is kept on this phone: submit again when there is signal.")().into(),
                )),
                Err(e) => {
                    // The server kept its answer under this key: a changed form needs a new one.
                    // Not after "not now" (429), nor after a reply this app cannot read: the
                    // server may hold the job already, and sending again must not post it twice.
                    if e.status() != Some(429) && e != ApiFailure::BadReply {
                        key.set_value(crate::outbox::new_key());
                    }
                    form.failed(&e);
                }
            }
        });
    };

    let units = WageUnit::ALL
        .iter()
        .map(|u| {
            let (l, p) = (u.label(), u.per());
            Choice::new(
                u.code(),
                Text::owned(
                    format!("{}({})", l.zh, p.zh),
                    format!("{} ({})", l.en, p.en),
                ),
            )
        })
        .collect();
    let settlements = Settlement::ALL
        .iter()
        .map(|s| Choice::new(code_of(s), s.label()))
        .collect();
    // What workers will read in the list, once the wage reads.
    let preview = move || {
        let (min, max) = (
            money::parse_yuan(&f.wage_min.get()).ok()?,
            money::parse_yuan(&f.wage_max.get()).ok()?,
        );
        let unit = WageUnit::parse(&f.wage_unit.get())?;
        let settle = Settlement::parse(&f.settlement.get())?;
        let l = lang.get();
        Some(format!(
            "{}{} · {}",
            t("工友看到的是:", "Workers will see: ")(),
            money::wage_text(min, max, unit).get(l),
            settle.label().get(l)
        ))
    };
    let title_id = if job_id.is_some() {
        "job-form-edit"
    } else {
        "job-form-new"
    };
    view! {
        <form class="card job-form" on:submit=submit novalidate aria-labelledby=title_id>
            <h2 id=title_id>{t("岗位信息", "The job")}</h2>
            <p class="muted">{t("填的内容会自动保存在手机上,关掉再打开也还在。", "What you type is saved on this phone, even if you close the app.")}</p>
            <FormError form=form/>
            <TextField label=t("岗位名称", "Job title") name="title" value=f.title form=form maxlength=40 hint=t("例如:招木工5名、仓库分拣日结", "For example: 招木工5名, 仓库分拣日结")/>
            <TradePicker trades=f.trades form=form chosen=Signal::derive(move || f.trade_list())/>
            <TextArea label=t("工作内容(可以不填)", "What the work is (optional)") name="description" value=f.description form=form maxlength=1000 rows=4/>

            <h3 class="form-part">{t("工资", "Pay")}</h3>
            <SelectField label=t("工资怎么算", "How pay is counted") name="wage_unit" value=f.wage_unit form=form choices=units placeholder=t("请选择", "Choose")/>
            <div class="field-pair">
                <TextField label=t("最低工资(元)", "Lowest pay (yuan)") name="wage_min_fen" value=f.wage_min form=form inputmode="decimal" maxlength=12/>
                <TextField label=t("最高工资(元)", "Highest pay (yuan)") name="wage_max_fen" value=f.wage_max form=form inputmode="decimal" maxlength=12/>
            </div>
            <p class="field-hint">{t("工资固定就两格填一样。写实际能拿到的钱,范围不能太宽。", "If the pay is fixed, put the same in both. Give what people really get; the range may not be too wide.")}</p>
            {move || preview().map(|p| view! { <p class="notice" role="status">{p}</p> })}
            <RadioCards legend=t("多久结一次工资", "How often pay is settled") name="settlement" value=f.settlement form=form choices=settlements/>

            <h3 class="form-part">{t("人数、地点和时间", "People, place and time")}</h3>
            <TextField label=t("招几个人", "How many workers") name="headcount" value=f.headcount form=form kind="number" inputmode="numeric"/>
            <TextField label=t("在哪个区县", "District") name="place.district" value=f.district form=form maxlength=20 hint=t("例如:瑶海区", "For example: 瑶海区")/>
            <div class="field">
                <button type="button" class="btn btn--secondary btn--block" on:click=use_position disabled=move || locating.get()>
                    "📍 "{t("用我的位置(在工地时点)", "Use my position (when at the site)")}
                </button>
                {move || located.get().map(|p| view! {
                    <p class="field-error" role="alert">{match p {
                        LocateError::Denied => t("没有得到位置权限。请在下面填写经纬度。", "No permission for your position. Type the coordinates below.")(),
                        LocateError::Unavailable => t("暂时定不了位。请在下面填写经纬度。", "Your position is not available. Type the coordinates below.")(),
                    }}</p>
                })}
            </div>
            <div class="field-pair">
                <TextField label=t("纬度", "Latitude") name="place.lat" value=f.lat form=form inputmode="decimal" maxlength=12/>
                <TextField label=t("经度", "Longitude") name="place.lng" value=f.lng form=form inputmode="decimal" maxlength=12/>
            </div>
            <div class="field-pair">
                <TextField label=t("开工日期", "Start date") name="starts_on" value=f.starts_on form=form kind="date"/>
                <TextField label=t("结束日期(长期就不填)", "End date (empty if ongoing)") name="ends_on" value=f.ends_on form=form kind="date"/>
            </div>
            <TextField label=t("上班时间", "Working hours") name="working_hours" value=f.working_hours form=form maxlength=40 hint=t("例如:7:00–17:00,午休1小时", "For example: 7:00–17:00, one hour for lunch")/>
            <fieldset class="field checks">
                <legend class="label">{t("吃住", "Meals and lodging")}</legend>
                <Check label=t("包吃", "Meals provided") value=f.board/>
                <Check label=t("包住", "Lodging provided") value=f.lodging/>
            </fieldset>

            <h3 class="form-part">{t("联系人", "Contact")}</h3>
            <TextField label=t("联系人", "Contact person") name="contact_name" value=f.contact_name form=form maxlength=20/>
            <TextField label=t("联系电话", "Contact phone") name="contact_phone" value=f.contact_phone form=form kind="tel" inputmode="numeric" maxlength=20
                hint=t("只有申请了的工友才能看到", "Only workers who apply can see it")/>
            <TextField label=t("招工信息有效到哪天", "Ad runs until") name="valid_until" value=f.valid_until form=form kind="date"
                hint=t("最长90天,到期后自动下线", "At most 90 days; it comes off the list by itself")/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>
                {if job_id.is_some() { t("保存修改", "Save changes") } else { t("提交岗位", "Post the job") }}
            </button>
        </form>
    }
}

/// The trades of a job: tick up to `MAX_TRADES` from the fixed list.
#[component]
fn TradePicker(
    trades: RwSignal<String>,
    form: FormState,
    chosen: Signal<Vec<Trade>>,
) -> impl IntoView {
    let lang = use_lang();
    let error = form.error("trades");
    let toggle = move |t: Trade| {
        let mut list = chosen.get_untracked();
        if list.contains(&t) {
            list.retain(|x| *x != t);
        } else if list.len() < MAX_TRADES {
            list.push(t);
        }
        trades.set(list.iter().map(|t| t.code()).collect::<Vec<_>>().join(","));
    };
    view! {
        <fieldset class="field trade-boxes" aria-invalid=move || error.get().is_some().to_string() aria-describedby="trades-count">
            <legend class="label">{t("工种(最多选5个)", "Trades (up to 5)")}</legend>
            <span class="field-hint" id="trades-count" aria-live="polite">{move || format!("{} {}/{}", t("已选", "Chosen")(), chosen.get().len(), MAX_TRADES)}</span>
            <div class="trade-grid">
                {Trade::ALL.iter().copied().map(|tr| view! {
                    <label class="check">
                        <input type="checkbox" name="trades" value=tr.code()
                            prop:checked=move || chosen.get().contains(&tr)
                            disabled=move || { let c = chosen.get(); !c.contains(&tr) && c.len() >= MAX_TRADES }
                            on:change=move |_| toggle(tr)/>
                        {move || tr.label().get(lang.get()).to_string()}
                    </label>
                }).collect_view()}
            </div>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </fieldset>
    }
}

/// A yes/no tick kept as "true" or "" in the draft.
#[component]
fn Check(#[prop(into)] label: Signal<&'static str>, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || value.get() == "true" on:change=move |ev| value.set(flag(event_target_checked(&ev)))/>
            {label}
        </label>
    }
}
