//! The programme form, for a new programme and for editing one: kind (and the
//! season of a 四季送), name, eligibility in plain words, the documents, the
//! amount rule, the window, the budget and places, who may apply (and the
//! area of gig workers), the 低保 of a hardship programme and the 公示 days of
//! a scholarship. Checked by the shared rule first; the API's reasons land on
//! the same fields.

use super::choices;
use crate::api;
use crate::components::choice::{Choice, RadioCards, SelectField};
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::time::today;
use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::benefits::*;
use shared::money::{amount, parse_yuan};
use shared::routes::Method;
use shared::FieldErrors;

#[component]
pub fn ProgrammeForm(
    union_id: i64,
    union_name: String,
    programme: Option<Programme>,
    on_saved: Callback<Programme>,
) -> impl IntoView {
    let editing = programme.as_ref().map(|p| p.id);
    let p = programme.as_ref();
    let sig = |v: String| RwSignal::new(v);
    let kind = sig(p
        .map(|p| p.kind.code())
        .unwrap_or(ProgrammeKind::Hardship.code())
        .to_string());
    let campaign = sig(p
        .and_then(|p| p.campaign)
        .map(|c| c.code().to_string())
        .unwrap_or_default());
    let name = sig(p.map(|p| p.name.clone()).unwrap_or_default());
    let eligibility = sig(p.map(|p| p.eligibility.clone()).unwrap_or_default());
    let documents = sig(p
        .map(|p| p.required_documents.join("\n"))
        .unwrap_or_else(|| default_documents(ProgrammeKind::Hardship).join("\n")));
    let amount_kind = sig(p
        .map(|p| p.amount.kind.code())
        .unwrap_or(AmountKind::UpTo.code())
        .to_string());
    let amount_yuan = sig(p.map(|p| amount(p.amount.amount_fen)).unwrap_or_default());
    let opens = sig(p
        .map(|p| p.opens_on.to_string())
        .unwrap_or_else(|| today().to_string()));
    let closes = sig(p.map(|p| p.closes_on.to_string()).unwrap_or_default());
    let budget = sig(p.map(|p| amount(p.budget_fen)).unwrap_or_default());
    let places = sig(p.map(|p| p.places.to_string()).unwrap_or_default());
    let who = sig(p
        .map(|p| p.who_may_apply.code())
        .unwrap_or(WhoMayApply::MembersOnly.code())
        .to_string());
    let region = sig(p.and_then(|p| p.region_code.clone()).unwrap_or_default());
    let dibao = sig(p.and_then(|p| p.dibao_fen).map(amount).unwrap_or_default());
    let notice = sig(p
        .and_then(|p| p.notice_days)
        .unwrap_or(DEFAULT_NOTICE_DAYS)
        .to_string());
    let form = FormState::new();
    // A new programme's documents start from what its kind usually asks for.
    if editing.is_none() {
        Effect::new(move |_| {
            let k = ProgrammeKind::parse(&kind.get()).unwrap_or(ProgrammeKind::Other);
            documents.set(default_documents(k).join("\n"));
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = FieldErrors::new();
        let k = ProgrammeKind::parse(&kind.get_untracked()).unwrap_or(ProgrammeKind::Other);
        let mut money = |field: &str, v: RwSignal<String>| {
            errors
                .check(field, parse_yuan(&v.get_untracked()))
                .unwrap_or(0)
        };
        let amount_fen = money("amount.amount_fen", amount_yuan);
        let budget_fen = money("budget_fen", budget);
        let dibao_fen = (k == ProgrammeKind::Hardship).then(|| money("dibao_fen", dibao));
        let input = ProgrammeInput {
            kind: k,
            campaign: Campaign::parse(&campaign.get_untracked())
                .filter(|_| k == ProgrammeKind::Seasonal),
            union_id,
            name: name.get_untracked(),
            eligibility: eligibility.get_untracked(),
            required_documents: documents
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            amount: AmountRule {
                kind: AmountKind::parse(&amount_kind.get_untracked()).unwrap_or(AmountKind::UpTo),
                amount_fen,
            },
            opens_on: opens.get_untracked().parse().unwrap_or_default(),
            closes_on: closes.get_untracked().parse().unwrap_or_default(),
            budget_fen,
            places: places.get_untracked().trim().parse().unwrap_or(0),
            who_may_apply: WhoMayApply::parse(&who.get_untracked())
                .unwrap_or(WhoMayApply::MembersOnly),
            region_code: Some(region.get_untracked()).filter(|r| !r.trim().is_empty()),
            dibao_fen,
            notice_days: (k == ProgrammeKind::Scholarship)
                .then(|| notice.get_untracked().trim().parse().unwrap_or(0)),
        };
        if closes.get_untracked().parse::<chrono::NaiveDate>().is_err() {
            errors.add("closes_on", shared::error::why::required());
        }
        if let Err(rules) = input.validate(editing.is_none().then(today)) {
            for r in rules.0 {
                if errors.get(&r.field).is_none() {
                    errors.add(r.field, r.why);
                }
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
                    api::send::<_, ProgrammeEnvelope>(
                        Method::Put,
                        &api_url!(BenefitsRoute::EditProgramme, PROGRAMME_ID = id),
                        &input,
                        None,
                    )
                    .await
                }
                None => {
                    let key = crate::outbox::new_key();
                    api::send::<_, ProgrammeEnvelope>(
                        Method::Post,
                        &api_url!(BenefitsRoute::CreateProgramme),
                        &input,
                        Some(&key),
                    )
                    .await
                }
            };
            form.busy.set(false);
            match sent {
                Ok(env) => on_saved.run(env.programme),
                Err(e) => form.failed(&e),
            }
        });
    };

    let is = move |k: ProgrammeKind| kind.get() == k.code();
    view! {
        <form class="card course-form" on:submit=submit novalidate aria-labelledby="programme-form-title">
            <h2 id="programme-form-title">{if editing.is_some() { t("修改帮扶项目", "Edit the programme") } else { t("新建帮扶项目", "New aid programme") }}</h2>
            <p class="muted">{t("主办:", "Run by: ")}{union_name}</p>
            <FormError form=form/>
            {editing.is_none().then(|| view! {
                <SelectField label=t("类别", "Kind") name="kind" value=kind form=form choices=choices(ProgrammeKind::ALL, ProgrammeKind::code, ProgrammeKind::label) placeholder=t("请选择", "Choose")/>
            })}
            <Show when=move || is(ProgrammeKind::Seasonal)>
                <SelectField label=t("四季送的哪一季", "Seasonal campaign") name="campaign" value=campaign form=form choices=choices(Campaign::ALL, Campaign::code, Campaign::label) placeholder=t("请选择", "Choose")/>
            </Show>
            <TextField label=t("项目名称", "Programme name") name="name" value=name form=form maxlength=MAX_NAME as u32 hint=t("例如:2025年困难职工帮扶", "e.g. 2025年困难职工帮扶")/>
            <TextArea label=t("申请条件(用大白话写)", "Who qualifies (in plain words)") name="eligibility" value=eligibility form=form maxlength=MAX_ELIGIBILITY as u32/>
            <TextArea label=t("要准备的材料(一行一项)", "Documents needed (one a line)") name="required_documents" value=documents form=form rows=4/>
            <RadioCards legend=t("金额规则", "Amount rule") name="amount.kind" value=amount_kind form=form choices=vec![
                Choice::new(AmountKind::Fixed.code(), AmountKind::Fixed.label()),
                Choice::new(AmountKind::UpTo.code(), AmountKind::UpTo.label()),
            ]/>
            <TextField label=t("金额(元)", "Amount (yuan)") name="amount.amount_fen" value=amount_yuan form=form inputmode="decimal" hint=t("固定金额,或每人最高金额", "The fixed amount, or the most per person")/>
            <div class="field-pair">
                <TextField label=t("开始申请", "Applications open") name="opens_on" value=opens form=form kind="date"/>
                <TextField label=t("申请截止", "Applications close") name="closes_on" value=closes form=form kind="date"/>
            </div>
            <div class="field-pair">
                <TextField label=t("总预算(元)", "Total budget (yuan)") name="budget_fen" value=budget form=form inputmode="decimal"/>
                <TextField label=t("名额", "Places") name="places" value=places form=form kind="number" inputmode="numeric"/>
            </div>
            <RadioCards legend=t("谁可以申请", "Who may apply") name="who_may_apply" value=who form=form choices=choices(WhoMayApply::ALL, WhoMayApply::code, WhoMayApply::label)/>
            <Show when=move || who.get() == WhoMayApply::MembersAndGigWorkers.code()>
                <TextField label=t("面向地区(6位行政区划代码)", "Area (6-digit division code)") name="region_code" value=region form=form inputmode="numeric" maxlength=6/>
            </Show>
            <Show when=move || is(ProgrammeKind::Hardship)>
                <TextField label=t("本地低保标准(元/人/月)", "Local minimum living standard (yuan per person a month)") name="dibao_fen" value=dibao form=form inputmode="decimal" hint=t("困难自测按这个标准计算", "The self-check uses this figure")/>
            </Show>
            <Show when=move || is(ProgrammeKind::Scholarship)>
                <TextField label=t("公示天数", "Days of public notice") name="notice_days" value=notice form=form kind="number" inputmode="numeric"/>
            </Show>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("保存", "Save")}</button>
        </form>
    }
}
