//! `/admin/benefits/:id`: one programme for staff — its facts, the budget and
//! places used, pause / reopen / close, and the way to its applications.
//! `/admin/benefits/new` and `/admin/benefits/:id/edit`: the programme form.

use super::form::ProgrammeForm;
use crate::admin::scope::use_scope;
use crate::admin::training::may_act;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api_url;
use shared::benefits::{
    BenefitsRoute, Programme, ProgrammeEnvelope, ProgrammeStatus, ProgrammeStatusInput,
};
use shared::money::yuan_sign;
use shared::routes::Method;

fn programme_id() -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || params.with(|p| p.get("id").unwrap_or_default())
}

#[component]
pub fn NewProgramme() -> impl IntoView {
    let scope = use_scope();
    let navigate = use_navigate();
    let saved = Callback::new(move |p: Programme| {
        navigate(&format!("/admin/benefits/{}", p.id), Default::default())
    });
    view! {
        <main class="page">
            <A href="/admin/benefits" attr:class="linklike">{t("‹ 全部帮扶项目", "‹ All programmes")}</A>
            {move || match scope.union.get() {
                Some(u) => view! { <ProgrammeForm union_id=u.id union_name=u.name programme=None on_saved=saved/> }.into_any(),
                None => view! { <p class="card">{t("新建项目前,请先在上方“管辖范围”里选择主办的工会。", "To create a programme, first choose the union running it in the scope picker above.")}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
pub fn EditProgramme() -> impl IntoView {
    let id = programme_id();
    let programme = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<ProgrammeEnvelope>(&api_url!(
                BenefitsRoute::AdminProgramme,
                PROGRAMME_ID = id
            ))
            .await
        }
    });
    let navigate = use_navigate();
    let saved = Callback::new(move |p: Programme| {
        navigate(&format!("/admin/benefits/{}", p.id), Default::default())
    });
    view! {
        <main class="page">
            <A href=move || format!("/admin/benefits/{}", id()) attr:class="linklike">{t("‹ 回到项目", "‹ Back to the programme")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || programme.get().map(|r: Result<ProgrammeEnvelope, ApiFailure>| match r {
                    Ok(env) => {
                        let p = env.programme;
                        view! { <ProgrammeForm union_id=p.union.id union_name=p.union.name.clone() programme=Some(p) on_saved=saved/> }.into_any()
                    }
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let id = programme_id();
    let programme = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<ProgrammeEnvelope>(&api_url!(
                BenefitsRoute::AdminProgramme,
                PROGRAMME_ID = id
            ))
            .await
        }
    });
    view! {
        <main class="page">
            <A href="/admin/benefits" attr:class="linklike">{t("‹ 全部帮扶项目", "‹ All programmes")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || programme.get().map(|r: Result<ProgrammeEnvelope, ApiFailure>| match r {
                    Ok(env) => view! { <Desk programme=env.programme on_changed=Callback::new(move |_| programme.refetch())/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Desk(programme: Programme, on_changed: Callback<()>) -> impl IntoView {
    let p = programme;
    let id = p.id;
    let status = p.status;
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let set_status = move |to: ProgrammeStatus| {
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let key = crate::outbox::new_key();
            let r = api::send::<_, ProgrammeEnvelope>(
                Method::Post,
                &api_url!(BenefitsRoute::SetProgrammeStatus, PROGRAMME_ID = id),
                &ProgrammeStatusInput { status: to },
                Some(&key),
            )
            .await;
            busy.set(false);
            match r {
                Ok(_) => on_changed.run(()),
                Err(e) => failed.set(Some(e.message(crate::i18n::current()))),
            }
        });
    };
    let can = move |to: ProgrammeStatus| may_act() && status.can_become(to);
    view! {
        <h1 class="page-title">{p.name.clone()}</h1>
        <p class="lead">{text(p.kind.label())}{p.campaign.map(|c| view! { " · "{text(c.label())} })}" · "<span data-testid="programme-status">{text(p.status.label())}</span></p>
        <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t("基本情况", "Facts")}</h2>
            <dl class="facts">
                <dt>{t("主办", "Run by")}</dt><dd>{p.union.name.clone()}</dd>
                <dt>{t("申请条件", "Who qualifies")}</dt><dd>{p.eligibility.clone()}</dd>
                <dt>{t("材料", "Documents")}</dt><dd>{p.required_documents.join("、")}</dd>
                <dt>{t("金额", "Amount")}</dt><dd>{text(p.amount_text())}</dd>
                <dt>{t("申请期", "Window")}</dt><dd>{format!("{} — {} ", p.opens_on, p.closes_on)}{text(p.window.label())}</dd>
                <dt>{t("预算", "Budget")}</dt><dd data-testid="budget">{format!("{} / {}", yuan_sign(p.committed_fen), yuan_sign(p.budget_fen))}{t(" 已批", " committed")}" · "{t("已发放 ", "paid ")}{yuan_sign(p.paid_fen)}</dd>
                <dt>{t("名额", "Places")}</dt><dd>{format!("{}/{}", p.committed_places, p.places)}</dd>
                <dt>{t("谁可以申请", "Who may apply")}</dt><dd>{text(p.who_may_apply.label())}{p.region_code.clone().map(|r| format!(" · {r}"))}</dd>
                {p.dibao_fen.map(|d| view! { <dt>{t("本地低保", "Local minimum standard")}</dt><dd>{yuan_sign(d)}{t("/人/月", " per person a month")}</dd> })}
                {p.notice_days.map(|d| view! { <dt>{t("公示天数", "Public notice")}</dt><dd>{d}</dd> })}
            </dl>
            {move || failed.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="actions">
                <A href=format!("/admin/benefit-applications?programme_id={id}") attr:class="btn btn--primary">{t("看这个项目的申请", "Its applications")}</A>
                <Show when=move || may_act() && status != ProgrammeStatus::Closed>
                    <A href=format!("/admin/benefits/{id}/edit") attr:class="btn btn--secondary">{t("修改", "Edit")}</A>
                </Show>
                <Show when=move || can(ProgrammeStatus::Paused)>
                    <button type="button" class="btn btn--secondary" disabled=move || busy.get() on:click=move |_| set_status(ProgrammeStatus::Paused)>{t("暂停受理", "Pause")}</button>
                </Show>
                <Show when=move || can(ProgrammeStatus::Open)>
                    <button type="button" class="btn btn--secondary" disabled=move || busy.get() on:click=move |_| set_status(ProgrammeStatus::Open)>{t("恢复受理", "Reopen")}</button>
                </Show>
                <Show when=move || can(ProgrammeStatus::Closed)>
                    <button type="button" class="btn btn--secondary" disabled=move || busy.get() on:click=move |_| set_status(ProgrammeStatus::Closed)>{t("结束项目", "Close for good")}</button>
                </Show>
            </div>
        </section>
    }
}
