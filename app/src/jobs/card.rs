//! `/jobs/card`: the job card (求职卡) in one short form — trades and years,
//! certificates, the wage hoped for, where, from when, and whether unions and
//! employers may see it. Kept on the phone as it is typed; saved through the
//! outbox, so a dropped signal loses nothing.

use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::choice::{from_code, trade_choices, Choice, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::time::today;
use crate::draft::persisted;
use crate::i18n::t;
use crate::outbox::{self, Submitted};
use crate::stations::place::locate;
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::geo::LatLng;
use shared::jobs::{JobCardEnvelope, JobCardInput, JobsRoute, TradeExperience, MAX_CARD_TRADES};
use shared::money::{amount, parse_yuan, WageUnit};
use shared::routes::Method;
use shared::{FieldErrors, Text};

pub const KIND: &str = "job_card";

/// The card as typed: text as it stands in the boxes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Draft {
    /// (trade code, years as typed).
    trades: Vec<(String, String)>,
    certificates: String,
    wage: String,
    unit: String,
    areas: String,
    position: Option<LatLng>,
    available_from: String,
    visible: bool,
    /// Filled from the saved card once, so a later visit starts from it.
    loaded: bool,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            trades: vec![(String::new(), String::new())],
            certificates: String::new(),
            wage: String::new(),
            unit: WageUnit::Day.code().into(),
            areas: String::new(),
            position: None,
            available_from: today().to_string(),
            visible: true,
            loaded: false,
        }
    }
}

/// Splits a typed list on commas, 、 and spaces.
fn list(s: &str) -> Vec<String> {
    s.split(|c: char| matches!(c, ',' | '\u{FF0C}' | '、' | ';' | '\u{FF1B}') || c.is_whitespace())
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

impl Draft {
    fn from_card(c: &JobCardInput) -> Draft {
        Draft {
            trades: c
                .trades
                .iter()
                .map(|t| (t.trade.code().to_string(), t.years.to_string()))
                .collect(),
            certificates: c.certificates.join("、"),
            wage: amount(c.expected_wage_fen),
            unit: c.expected_wage_unit.code().into(),
            areas: c.areas.join("、"),
            position: c.position,
            available_from: c.available_from.to_string(),
            visible: c.visible,
            loaded: true,
        }
    }

    /// The card to send, or the reasons it cannot be yet (the shared rules decide the rest).
    fn card(&self) -> Result<JobCardInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut trades = Vec::new();
        for (code, years) in &self.trades {
            let Some(trade) = from_code(code) else {
                continue;
            };
            match years.trim().parse::<u8>() {
                Ok(y) => trades.push(TradeExperience { trade, years: y }),
                Err(_) if years.trim().is_empty() => {
                    trades.push(TradeExperience { trade, years: 0 })
                }
                Err(_) => errors.add(
                    "trades",
                    Text::new("干了几年要填数字", "Years must be a number"),
                ),
            }
        }
        let wage = errors.check("expected_wage_fen", parse_yuan(&self.wage));
        let available = errors.check(
            "available_from",
            self.available_from
                .parse()
                .map_err(|_| shared::error::why::bad_date()),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let card = JobCardInput {
            trades,
            certificates: list(&self.certificates),
            expected_wage_fen: wage.unwrap_or_default(),
            expected_wage_unit: WageUnit::parse(&self.unit).unwrap_or(WageUnit::Day),
            areas: list(&self.areas),
            position: self.position,
            available_from: available.unwrap_or_else(today),
            visible: self.visible,
        };
        card.validate(today())
    }
}

#[component]
pub fn CardPage() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("我的求职卡", "My job card")}</h1>
            <RequireWorker>
                <UnionCertificates/>
                <CardForm/>
            </RequireWorker>
        </main>
    }
}

/// The certificates unions issued to the worker (training courses): on the card
/// by themselves, used in matching, not typed and not removable.
#[component]
fn UnionCertificates() -> impl IntoView {
    let card = LocalResource::new(|| api::get::<JobCardEnvelope>(&api_url!(JobsRoute::MyCard)));
    move || {
        card.get()
            .and_then(Result::ok)
            .map(|e| e.job_card.verified_certificates)
            .filter(|c| !c.is_empty())
            .map(|certs| {
                view! {
                    <section class="card" aria-labelledby="union-certs-title">
                        <h2 id="union-certs-title">{t("工会颁发的证书", "Certificates from the union")}</h2>
                        <ul class="rows" aria-label=t("工会颁发的证书", "Certificates from the union")>
                            {certs.into_iter().map(|c| view! {
                                <li class="row"><strong>{c.name}</strong><span class="muted">{c.serial}" · "{c.issued_on.to_string()}</span></li>
                            }).collect_view()}
                        </ul>
                        <p class="muted">{t("已核验,找活时自动用来匹配。", "Verified; used in matching automatically.")}</p>
                    </section>
                }
            })
    }
}

/// Starts from the draft on the phone, or the first time from the saved card.
#[component]
fn CardForm() -> impl IntoView {
    let draft = persisted("gy.draft.job-card", Draft::default());
    let ready = RwSignal::new(draft.get_untracked().loaded);
    let failure = RwSignal::new(None::<ApiFailure>);
    if !ready.get_untracked() {
        leptos::task::spawn_local(async move {
            match api::get::<JobCardEnvelope>(&api_url!(JobsRoute::MyCard)).await {
                Ok(e) => draft.set(Draft::from_card(&e.job_card.card)),
                Err(e) if e.status() == Some(404) => draft.update(|d| d.loaded = true),
                // No signal: start from what is on the phone.
                Err(ApiFailure::Offline) => {}
                Err(e) => failure.set(Some(e)),
            }
            ready.set(true);
        });
    }
    view! {
        {move || failure.get().map(|e| view! { <crate::components::status::ErrorView failure=e/> })}
        {move || if ready.get() { view! { <CardFields draft=draft/> }.into_any() } else { view! { <crate::components::status::Loading/> }.into_any() }}
    }
}

#[component]
fn CardFields(draft: RwSignal<Draft>) -> impl IntoView {
    let form = FormState::new();
    let saved = RwSignal::new(None::<&'static str>);
    // One signal per text box, written through to the draft.
    let field = move |get: fn(&Draft) -> String, set: fn(&mut Draft, String)| {
        let value = RwSignal::new(get(&draft.get_untracked()));
        Effect::new(move |_| {
            let v = value.get();
            draft.update(|d| set(d, v));
        });
        value
    };
    let certificates = field(|d| d.certificates.clone(), |d, v| d.certificates = v);
    let wage = field(|d| d.wage.clone(), |d, v| d.wage = v);
    let unit = field(|d| d.unit.clone(), |d, v| d.unit = v);
    let areas = field(|d| d.areas.clone(), |d, v| d.areas = v);
    let available = field(|d| d.available_from.clone(), |d, v| d.available_from = v);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        saved.set(None);
        let card = match draft.get_untracked().card() {
            Ok(c) => c,
            Err(e) => {
                form.check(Err(e));
                return;
            }
        };
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let path = api_url!(JobsRoute::SaveCard);
            match outbox::submit::<_, JobCardEnvelope>(KIND, Method::Put, &path, &card).await {
                Submitted::Sent(_) => {
                    saved.set(Some(t("求职卡已保存。", "Your job card is saved.")()))
                }
                Submitted::Queued => saved.set(Some(t(
                    "没有网络,求职卡已存在手机上,有网络后自动保存。",
                    "No connection: saved on this phone, it will be sent automatically.",
                )())),
                Submitted::Refused(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };
    let units = WageUnit::ALL
        .iter()
        .map(|u| Choice::new(u.code(), u.per()))
        .collect::<Vec<_>>();
    let locating = RwSignal::new(false);
    let use_position = move |_| {
        locating.set(true);
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(p) => draft.update(|d| d.position = Some(p)),
                Err(_) => form.general.set(Some(
                    t(
                        "定不了位,可以不填:按上面的地区匹配。",
                        "No position: you can leave it; matching uses your areas.",
                    )()
                    .into(),
                )),
            }
            locating.set(false);
        });
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <p class="muted">{t("填好后,系统会把合适的活推荐给您,工会也能帮您找活。填的内容会保存在手机上。", "We match work to your card, and the union can help you find work. What you type is kept on this phone.")}</p>
            <FormError form=form/>
            <TradeRows draft=draft form=form/>
            <TextField label=t("证书(可以不填,几个证书用逗号分开)", "Certificates (optional, separated by commas)") name="certificates" value=certificates form=form hint=t("例如:焊工证、电工证、高处作业证", "For example: 焊工证, 电工证")/>
            <div class="field-pair field-pair--unit">
                <TextField label=t("期望工资(元)", "Wage you hope for (yuan)") name="expected_wage_fen" value=wage form=form inputmode="decimal"/>
                <SelectField label=t("按", "Per") name="expected_wage_unit" value=unit form=form choices=units placeholder=t("单位", "Unit")/>
            </div>
            <TextField label=t("想在哪里干活(区县,可以不填)", "Where you want to work (districts, optional)") name="areas" value=areas form=form hint=t("例如:瑶海区、包河区", "For example: 瑶海区, 包河区")/>
            <div class="field">
                <span class="label">{t("我住的地方(只用来算远近,不给企业看)", "Where I stay (only to work out distances; never shown)")}</span>
                {move || match draft.get().position {
                    Some(_) => view! {
                        <p>{t("已记下您的位置。", "Your position is noted.")}" "
                            <button type="button" class="linklike" on:click=move |_| draft.update(|d| d.position = None)>{t("不用位置", "Remove it")}</button>
                        </p>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="btn btn--secondary btn--block" disabled=move || locating.get() on:click=use_position>"📍 "{t("用我现在的位置", "Use my position now")}</button>
                    }.into_any(),
                }}
                {move || form.error("position").get().map(|e| view! { <span class="field-error">{e}</span> })}
            </div>
            <TextField label=t("哪天能上工", "Available from") name="available_from" value=available form=form kind="date"/>
            <label class="check check--big">
                <input type="checkbox" prop:checked=move || draft.get().visible on:change=move |ev| draft.update(|d| d.visible = event_target_checked(&ev))/>
                <span>{t("让工会和企业看到我的求职卡(可以随时关掉)", "Let unions and employers see my card (you can turn this off any time)")}</span>
            </label>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("保存求职卡", "Save my job card")}</button>
            {move || saved.get().map(|m| view! {
                <p class="notice" role="status">{m}" "<A href="/jobs/matches">{t("看看适合我的活", "See work that fits me")}</A></p>
            })}
        </form>
    }
}

/// The trades, each with its years of experience; up to five.
#[component]
fn TradeRows(draft: RwSignal<Draft>, form: FormState) -> impl IntoView {
    let error = form.error("trades");
    // Only adding or removing a row redraws the rows (typing in one does not).
    let count = Memo::new(move |_| draft.with(|d| d.trades.len()));
    view! {
        <fieldset class="field trade-rows" aria-invalid=move || error.get().is_some().to_string()>
            <legend>{t("会干的工种和年限", "Trades and years of experience")}</legend>
            {move || (0..count.get()).map(|i| {
                let trade = RwSignal::new(draft.with_untracked(|d| d.trades[i].0.clone()));
                let years = RwSignal::new(draft.with_untracked(|d| d.trades[i].1.clone()));
                Effect::new(move |_| {
                    let (tr, y) = (trade.get(), years.get());
                    draft.update(|d| if let Some(row) = d.trades.get_mut(i) { *row = (tr, y) });
                });
                let label = move || format!("{}{}", t("工种 ", "Trade ")(), i + 1);
                view! {
                    <div class="trade-row">
                        <div class="field">
                            <label for=format!("trade-{i}")>{label}</label>
                            <select id=format!("trade-{i}") on:change=move |ev| trade.set(event_target_value(&ev))>
                                <option value="" selected=move || trade.get().is_empty()>{t("请选择", "Choose")}</option>
                                {trade_choices().into_iter().map(|c| {
                                    let code = c.code.clone();
                                    view! { <option value=c.code.clone() selected=move || trade.get() == code>{crate::i18n::text(c.label)}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field field--years">
                            <label for=format!("years-{i}")>{t("干了几年", "Years")}</label>
                            <input id=format!("years-{i}") inputmode="numeric" maxlength=2 prop:value=move || years.get() on:input=move |ev| years.set(event_target_value(&ev))/>
                        </div>
                        {(i > 0).then(|| view! {
                            <button type="button" class="linklike" on:click=move |_| draft.update(|d| { d.trades.remove(i); })>{t("删掉", "Remove")}</button>
                        })}
                    </div>
                }
            }).collect_view()}
            <Show when=move || count.get() < MAX_CARD_TRADES>
                <button type="button" class="btn btn--secondary" on:click=move |_| draft.update(|d| d.trades.push((String::new(), String::new())))>{t("再加一个工种", "Add a trade")}</button>
            </Show>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </fieldset>
    }
}
