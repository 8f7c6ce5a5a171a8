//! `/services/benefits/:id/check`: the hardship self-check against the
//! programme's 低保 (the shared rule of `shared::benefits::hardship`). The
//! worker types the household, its yearly income and fixed costs, and sees
//! the sum worked out step by step and the category it falls in. A positive
//! result carries the same figures into the application form.

use crate::api;
use crate::components::form::{FormError, FormState, TextField};
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::draft::FormDraft;
use crate::i18n::{t, text};
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api_url;
use shared::benefits::{
    self_check, BenefitsRoute, HardshipCategory, Programme, ProgrammeEnvelope, SelfCheckInput,
    SelfCheckResult,
};
use shared::money::{parse_yuan, yuan_sign};
use shared::FieldErrors;
use std::collections::BTreeMap;

/// The fields the check and the form share (the form's names, as the API names them).
pub const SHARED_FIELDS: [&str; 5] = [
    "details.household",
    "details.income_fen",
    "details.fixed_costs_fen",
    "details.accident",
    "details.hardship_costs_fen",
];

/// Reads the check's figures as typed (yuan, people); each unreadable one is named.
pub fn read_input(
    household: &str,
    income: &str,
    fixed: &str,
    accident: bool,
    hardship: &str,
) -> Result<SelfCheckInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut money = |field: &str, raw: &str, optional: bool| {
        if optional && raw.trim().is_empty() {
            return 0;
        }
        errors.check(field, parse_yuan(raw)).unwrap_or(0)
    };
    let income_fen = money("details.income_fen", income, false);
    let fixed_costs_fen = money("details.fixed_costs_fen", fixed, true);
    let hardship_costs_fen = money("details.hardship_costs_fen", hardship, true);
    let input = SelfCheckInput {
        income_fen,
        fixed_costs_fen,
        household: household.trim().parse().unwrap_or(0),
        accident,
        hardship_costs_fen,
    };
    if let Err(rules) = input.validate() {
        for r in rules.0 {
            if errors.get(&format!("details.{}", r.field)).is_none() {
                errors.add(format!("details.{}", r.field), r.why);
            }
        }
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

#[component]
pub fn SelfCheck() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let programme = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<ProgrammeEnvelope>(&api_url!(BenefitsRoute::Programme, PROGRAMME_ID = id))
                .await
        }
    });
    view! {
        <main class="page">
            <AppLink href="/services/benefits".to_string() class="linklike">{t("‹ 帮扶项目", "‹ Programmes")}</AppLink>
            <h1 class="page-title">{t("困难自测", "Hardship self-check")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || programme.get().map(|r| match r {
                    Ok(env) => match env.programme.dibao_fen {
                        Some(dibao) => view! { <CheckForm programme=env.programme.clone() dibao=dibao/> }.into_any(),
                        None => view! { <p class="card">{t("这个项目不需要自测,可以直接申请。", "This programme needs no self-check; apply directly.")}</p> }.into_any(),
                    },
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn CheckForm(programme: Programme, dibao: i64) -> impl IntoView {
    let pid = programme.id;
    let draft = FormDraft::new(format!("gy.draft.benefit.check.{pid}"));
    let household = draft.field("details.household");
    let income = draft.field("details.income_fen");
    let fixed = draft.field("details.fixed_costs_fen");
    let accident = draft.field("details.accident");
    let hardship = draft.field("details.hardship_costs_fen");
    let form = FormState::new();
    let result = RwSignal::new(None::<(SelfCheckInput, SelfCheckResult)>);
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        result.set(None);
        match read_input(
            &household.get_untracked(),
            &income.get_untracked(),
            &fixed.get_untracked(),
            accident.get_untracked() == "true",
            &hardship.get_untracked(),
        ) {
            Ok(input) => {
                let r = self_check(&input, dibao);
                result.set(Some((input, r)));
            }
            Err(e) => {
                form.check(Err(e));
            }
        }
    };
    let navigate = use_navigate();
    let carry = move |_| {
        // The same figures, as typed, go into the application's draft.
        let key = super::draft_key(pid);
        let mut fields: BTreeMap<String, String> = storage::get_json(&key).unwrap_or_default();
        for (name, value) in SHARED_FIELDS
            .iter()
            .zip([household, income, fixed, accident, hardship])
        {
            fields.insert(name.to_string(), value.get_untracked());
        }
        storage::set_json(&key, &fields);
        navigate(
            &format!("/services/benefits/{pid}/apply"),
            Default::default(),
        );
    };
    view! {
        <p class="lead">{programme.name.clone()}" · "{programme.union.name.clone()}</p>
        <form class="card" on:submit=run novalidate aria-labelledby="check-title">
            <h2 id="check-title">{t("填几个数字,马上算出结果", "A few figures, and the answer at once")}</h2>
            <p class="muted">{t("只在您的手机上计算,不会发给任何人。", "Worked out on your phone only; nothing is sent.")}</p>
            <FormError form=form/>
            <TextField label=t("家里一共几口人(含您)", "People in the household (you included)") name="details.household" value=household form=form kind="number" inputmode="numeric"/>
            <TextField label=t("全家一年的收入(元)", "The household's yearly income (yuan)") name="details.income_fen" value=income form=form inputmode="decimal"
                hint=t("工资、经营、补贴等加起来,扣掉税和社保以后", "Wages, business, allowances together, after tax and social insurance")/>
            <TextField label=t("一年的刚性支出(元)", "Yearly fixed costs (yuan)") name="details.fixed_costs_fen" value=fixed form=form inputmode="decimal"
                hint=t("看病、孩子上学这些省不了的钱;没有就填0", "Medical and school costs you cannot avoid; 0 if none")/>
            <label class="check check--big">
                <input type="checkbox" name="details.accident" prop:checked=move || accident.get() == "true"
                    on:change=move |ev| accident.set(if event_target_checked(&ev) { "true".into() } else { String::new() })/>
                <span>{t("今年家里有人因意外致残或去世", "This year someone in the household was disabled or died in an accident")}</span>
            </label>
            <TextField label=t("今年因病因意外花的钱(元)", "This year's costs of illness or accident (yuan)") name="details.hardship_costs_fen" value=hardship form=form inputmode="decimal"
                hint=t("超过全年收入八成,也算意外致困;没有就空着", "Over 80% of the yearly income also counts as hardship after an accident; leave empty if none")/>
            <button type="submit" class="btn btn--primary btn--block">{t("算一算", "Work it out")}</button>
        </form>
        {move || result.get().map(|(input, r)| {
            let positive = r.category != HardshipCategory::NotEligible;
            view! {
                <section class="card" aria-labelledby="result-title" data-testid="self-check">
                    <h2 id="result-title">{t("结果:", "Result: ")}{text(r.category.label())}</h2>
                    <dl class="facts">
                        <dt>{t("每人每月", "Per person per month")}</dt><dd data-testid="figure">{yuan_sign(r.monthly_per_person_fen)}</dd>
                        <dt>{t("本地低保", "Local minimum standard")}</dt><dd>{yuan_sign(r.dibao_fen)}</dd>
                        <dt>{t("低保的两倍", "Twice the standard")}</dt><dd>{yuan_sign(2 * r.dibao_fen)}</dd>
                    </dl>
                    <p>{text(r.explanation(&input))}</p>
                    <p class="muted">{t("自测只是参考,最后由工会审核决定。", "The check is a guide; the union decides on your application.")}</p>
                    {if positive {
                        view! { <button type="button" class="btn btn--primary btn--block" on:click=carry.clone()>{t("用这些数字申请", "Apply with these figures")}</button> }.into_any()
                    } else {
                        view! { <p>{t("按这些数字暂不符合困难标准。情况特殊的,也可以直接申请,说明情况。", "By these figures you are above the hardship line. If your case is special, you may still apply and explain.")}</p> }.into_any()
                    }}
                </section>
            }
        })}
    }
}
