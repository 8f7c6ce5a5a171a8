//! `/services/benefits`: the programmes open to the signed-in worker today —
//! their union's and the unions' above it, and those open to gig workers of
//! their area — each with what it pays, who may apply, the documents to
//! bring and the countdown to its closing date. A hardship programme offers
//! the self-check first. The 帮扶 card on `/services` leads here.

use crate::api;
use crate::auth::{use_auth, RequireWorker};
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use shared::api_url;
use shared::benefits::{BenefitsRoute, Programme, ProgrammeKind, ProgrammeList};

/// The 帮扶 card of `/services`: what it is, and the way in.
#[component]
pub fn ServicesCard() -> impl IntoView {
    let auth = use_auth();
    view! {
        <section class="card" aria-labelledby="benefits-title">
            <h2 id="benefits-title">{t("帮扶与救助", "Aid and support")}</h2>
            <p class="muted">{t("困难帮扶、医疗互助、金秋助学、四季送:看看您能申请哪些,一张表就能申请,不用再跑腿交纸质材料。", "Hardship aid, medical mutual aid, scholarships and the seasonal campaigns: see what you can apply for, with one form and no paper.")}</p>
            <div class="actions">
                <AppLink href="/services/benefits".to_string() class="btn btn--primary">{t("我能申请的帮扶", "Aid I can apply for")}</AppLink>
                {move || auth.worker().map(|_| view! {
                    <AppLink href="/services/benefits/mine".to_string() class="btn btn--secondary">{t("我的帮扶申请", "My aid applications")}</AppLink>
                })}
            </div>
        </section>
    }
}

#[component]
pub fn Programmes() -> impl IntoView {
    view! {
        <main class="page">
            <AppLink href="/services".to_string() class="linklike">{t("‹ 服务", "‹ Services")}</AppLink>
            <h1 class="page-title">{t("我能申请的帮扶", "Aid I can apply for")}</h1>
            <RequireWorker>
                <List/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn List() -> impl IntoView {
    let list = LocalResource::new(|| api::get::<ProgrammeList>(&api_url!(BenefitsRoute::Find)));
    view! {
        <AppLink href="/services/benefits/mine".to_string() class="btn btn--secondary btn--block">{t("我的帮扶申请", "My aid applications")}</AppLink>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || list.get().map(|r| match r {
                Ok(l) if l.programmes.is_empty() => view! {
                    <p class="card">{t("现在没有您能申请的帮扶项目。入会后可以申请本工会的项目。", "There is no programme you can apply for right now. Members can apply for their union's programmes.")}</p>
                }.into_any(),
                Ok(l) => view! {
                    <ul class="courses" aria-label=t("帮扶项目", "Programmes")>
                        {l.programmes.into_iter().map(|p| view! { <Item programme=p/> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Item(programme: Programme) -> impl IntoView {
    let p = programme;
    let id = p.id;
    let hardship = p.kind == ProgrammeKind::Hardship;
    let documents = p.required_documents.join("、");
    view! {
        <li class="course card programme" data-programme=id>
            <div class="course-head">
                <h2 class="course-title">{p.name.clone()}</h2>
                <span class="tag">{text(p.kind.label())}</span>
            </div>
            <p><strong>{text(p.amount_text())}</strong>" · "{p.union.name.clone()}</p>
            <p>{p.eligibility.clone()}</p>
            {(!documents.is_empty()).then(|| view! { <p class="muted">{t("要准备的材料:", "Documents: ")}{documents}</p> })}
            <p class="muted">{text(p.who_may_apply.label())}" · "{text(super::closing_text(&p))}</p>
            <div class="actions">
                {hardship.then(|| view! {
                    <AppLink href=format!("/services/benefits/{id}/check") class="btn btn--secondary">{t("先自测是否符合", "Check first if I qualify")}</AppLink>
                })}
                <AppLink href=format!("/services/benefits/{id}/apply") class="btn btn--primary">{t("申请", "Apply")}</AppLink>
            </div>
        </li>
    }
}
