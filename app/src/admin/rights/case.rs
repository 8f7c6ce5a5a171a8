//! `/admin/rights/cases/{id}`: one case with every claimant's claim, agreement
//! and money, the evidence, sessions, clocks, history, and the actions its
//! status allows, each asking for the data it needs.

use crate::admin::training::may_act;
use crate::api;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::{t, text, use_lang};
use crate::outbox::new_key;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::money::{parse_yuan, yuan};
use shared::rights::cases::*;
use shared::rights::clocks::ReferralTarget;
use shared::routes::Method;

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let case = LocalResource::new(move || {
        let id = id();
        async move { api::get::<CaseEnvelope>(&api_url!(CasesRoute::AdminCase, CASE_ID = id)).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("欠薪案件", "Wage case")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || case.get().map(|r| match r {
                    Ok(e) => view! { <Shown case=e.case refresh=Callback::new(move |_| case.refetch())/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Shown(case: CaseView, refresh: Callback<()>) -> impl IntoView {
    let id = case.id;
    let for_actions = case.clone();
    let sessions = case.sessions.clone();
    let history = case.history.clone();
    view! {
        <section class="card">
            <p><strong>{case.employer.name.clone()}</strong>{case.employer.phone.clone().map(|p| format!(" · {p}"))}" "
                <span class="tag" data-status=case.status.code()>{text(case.status.label())}</span></p>
            <p>{case.site_name.clone()}" · "{case.site_address.clone()}</p>
            {case.main_contractor.clone().map(|m| view! { <p>{t("总包:", "Main contractor: ")}{m}</p> })}
            <p class="muted">{format!("{} — {}", case.period_from, case.period_to)}" · "{case.union.name.clone()}</p>
            <p>{case.facts.clone()}</p>
            {case.threshold.clone().map(|th| view! { <p class="muted">{text(th.says())}</p> })}
            <A href=format!("/admin/rights/cases/{id}/print") attr:class="btn btn--secondary">{t("打印投诉书", "Print the complaint")}</A>
        </section>
        {(!case.clocks.is_empty()).then(|| view! {
            <section class="card"><h2>{t("法定期限", "Legal deadlines")}</h2>
                <ul class="rows">{case.clocks.iter().map(|k| view! { <li class="row" data-clock=k.kind.code() data-state=k.state.code()>{text(k.warning())}</li> }).collect_view()}</ul>
            </section>
        })}
        <section class="card"><h2>{t("投诉人", "Claimants")}</h2>
            <table class="table">
                <thead><tr><th>{t("姓名", "Name")}</th><th>{t("天数", "Days")}</th><th>{t("投诉金额", "Claimed")}</th><th>{t("协议金额", "Agreed")}</th><th>{t("已追回", "Recovered")}</th></tr></thead>
                <tbody>
                    {case.claimants.iter().map(|k| view! {
                        <tr data-claimant=k.id>
                            <td>{k.name.clone()}{k.representative.then_some(" (代表)")}</td>
                            <td>{k.days}</td>
                            <td>{yuan(k.amount_claimed_fen)}</td>
                            <td>{k.agreed_fen.map(yuan)}{k.pay_by.map(|d| format!(" · {d}"))}</td>
                            <td>{yuan(k.recovered_fen)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <Show when=may_act>
            <Actions case=for_actions.clone() refresh=refresh/>
        </Show>
        {(!sessions.is_empty()).then(|| view! {
            <section class="card"><h2>{t("调解记录", "Mediation sessions")}</h2>
                <ul class="rows">{sessions.iter().map(|s| view! { <li class="row">{s.held_on.to_string()}" · "{text(s.result.label())}" "{s.note.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <section class="card"><h2>{t("经过", "History")}</h2>
            <ol class="rows">{history.iter().map(|h| view! { <li class="row">{text(h.status.label())}{h.note.clone().map(|n| format!(" · {n}"))}" "<span class="muted">{h.at.clone()}</span></li> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn Actions(case: CaseView, refresh: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let id = case.id;
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(String::new());
    let on = RwSignal::new(today().to_string());
    let amounts: Vec<(i64, String, RwSignal<String>)> = case
        .claimants
        .iter()
        .map(|k| {
            (
                k.id,
                k.name.clone(),
                RwSignal::new(shared::money::amount(
                    k.agreed_fen.unwrap_or(k.amount_claimed_fen) - k.recovered_fen,
                )),
            )
        })
        .collect();
    let amounts = StoredValue::new(amounts);
    let run = move |input: CaseActionInput| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::send::<_, CaseEnvelope>(
                Method::Post,
                &api_url!(CasesRoute::Act, CASE_ID = id),
                &input,
                Some(&new_key()),
            )
            .await
            {
                Ok(_) => refresh.run(()),
                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    let date = move || on.get_untracked().parse().unwrap_or_else(|_| today());
    let lines_agree = move || {
        amounts.with_value(|a| {
            a.iter()
                .map(|(cid, _, v)| AgreementLine {
                    claimant_id: *cid,
                    amount_fen: parse_yuan(&v.get_untracked()).unwrap_or(0),
                    pay_by: date(),
                })
                .collect()
        })
    };
    let lines_recover = move || {
        amounts.with_value(|a| {
            a.iter()
                .filter_map(|(cid, _, v)| {
                    let fen = parse_yuan(&v.get_untracked()).unwrap_or(0);
                    (fen > 0).then_some(RecoveryLine {
                        claimant_id: *cid,
                        amount_fen: fen,
                        paid_on: date(),
                    })
                })
                .collect()
        })
    };
    let allowed = |a: CaseAction| next_status(case.status, a).is_some();
    let btn = move |a: CaseAction, make: Box<dyn Fn() -> CaseActionInput + Send + Sync>| {
        allowed(a).then(|| view! { <button class="btn btn--secondary" data-action=a.code() on:click=move |_| run(make())>{text(a.label())}</button> })
    };
    let session_key = new_key();
    let add_session = move |_| {
        let input = SessionInput {
            held_on: date(),
            result: SessionResult::Continued,
            note: note.get_untracked(),
        };
        let key = session_key.clone();
        leptos::task::spawn_local(async move {
            match api::send::<_, CaseEnvelope>(
                Method::Post,
                &api_url!(CasesRoute::AddSession, CASE_ID = id),
                &input,
                Some(&key),
            )
            .await
            {
                Ok(_) => refresh.run(()),
                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    let mediating = case.status == CaseStatus::Mediating;
    let closed = case.status == CaseStatus::Closed;
    let settled = case.settled_on_time;
    let mark_settled = move |_| {
        leptos::task::spawn_local(async move {
            match api::send::<_, CaseEnvelope>(
                Method::Post,
                &api_url!(CasesRoute::SettledOnTime, CASE_ID = id),
                &SettledInput { settled: !settled },
                None,
            )
            .await
            {
                Ok(_) => refresh.run(()),
                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="case-actions">
            <h2 id="case-actions">{t("处理", "Actions")}</h2>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <label>{t("日期(受理、转介、付清期限、追回)", "Date (referral, pay-by, recovery)")}<input type="date" name="on" prop:value=move || on.get() on:input=move |ev| on.set(event_target_value(&ev))/></label>
            <label>{t("说明(缺少的材料、不受理的理由、调解情况)", "Note (what is missing, reason, session)")}<input type="text" name="note" maxlength=200 prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></label>
            <div class="amounts">
                {amounts.with_value(|a| a.iter().map(|(cid, name, v)| {
                    let v = *v;
                    view! { <label>{name.clone()}" (元)"<input type="text" inputmode="decimal" name=format!("amount-{cid}") prop:value=move || v.get() on:input=move |ev| v.set(event_target_value(&ev))/></label> }
                }).collect_view())}
            </div>
            <div class="actions">
                {btn(CaseAction::Verify, Box::new(|| CaseActionInput::Verify))}
                {btn(CaseAction::RequestInfo, Box::new(move || CaseActionInput::RequestInfo { missing: note.get_untracked().split(['、', ',', ',']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect() }))}
                {btn(CaseAction::Accept, Box::new(|| CaseActionInput::Accept))}
                {btn(CaseAction::Decline, Box::new(move || CaseActionInput::Decline { reason: note.get_untracked() }))}
                {btn(CaseAction::StartMediation, Box::new(|| CaseActionInput::StartMediation))}
                {btn(CaseAction::Agree, Box::new(move || CaseActionInput::Agree { lines: lines_agree() }))}
                {btn(CaseAction::Refer, Box::new(move || CaseActionInput::Refer { to: ReferralTarget::Inspection, on: date() }))}
                {btn(CaseAction::ReferralAccepted, Box::new(move || CaseActionInput::ReferralAccepted { on: date() }))}
                {btn(CaseAction::Recover, Box::new(move || CaseActionInput::Recover { lines: lines_recover() }))}
                {btn(CaseAction::FollowUp, Box::new(move || CaseActionInput::FollowUp { satisfaction: Satisfaction::Satisfied, note: note.get_untracked() }))}
                {btn(CaseAction::Close, Box::new(move || CaseActionInput::Close { note: note.get_untracked() }))}
                {mediating.then(|| view! { <button class="btn btn--secondary" data-action="session" on:click=add_session.clone()>{t("记录一次调解", "Record a session")}</button> })}
                {closed.then(|| view! { <button class="btn btn--secondary" data-action="settled" on:click=mark_settled>{if settled { t("取消按时结清", "Undo paid on time") } else { t("标记按时结清", "Mark paid on time") }}</button> })}
            </div>
        </section>
    }
}
