//! `/admin/benefits`: the programmes of the chosen subtree, newest first, by
//! status, each with its budget use; creating one; the way to the queue.

use crate::admin::jobs::filter::{with_all, StatusChips};
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::admin::training::may_act;
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::benefits::{BenefitsRoute, Programme, ProgrammeList, ProgrammeStatus};
use shared::money::yuan_sign;

#[component]
pub fn Programmes() -> impl IntoView {
    let scope = use_scope();
    let status = RwSignal::new(String::new());
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(BenefitsRoute::AdminProgrammes))
                .arg("limit", 50)
                .arg_text("status", &status.get())
        },
        |l: ProgrammeList| (l.programmes, l.meta),
    );
    let rows = pages.rows;
    view! {
        <main class="page">
            <h1 class="page-title">{t("帮扶项目", "Aid programmes")}</h1>
            <div class="actions toolbar">
                <Show when=may_act>
                    <A href="/admin/benefits/new" attr:class="btn btn--primary">{t("新建帮扶项目", "New programme")}</A>
                </Show>
                <A href="/admin/benefit-applications" attr:class="btn btn--secondary">{t("帮扶申请审核", "Review applications")}</A>
            </div>
            <StatusChips label=t("按状态查看", "By status") value=status choices=with_all(ProgrammeStatus::ALL, ProgrammeStatus::code, ProgrammeStatus::label)/>
            <PagedList pages=pages empty=t("还没有帮扶项目。", "No programmes yet.")>
                <ul class="rows card" aria-label=t("帮扶项目", "Aid programmes")>
                    <For each=move || rows.get() key=|p| (p.id, p.updated_at.clone()) children=move |p| view! { <Item programme=p/> }/>
                </ul>
            </PagedList>
        </main>
    }
}

#[component]
fn Item(programme: Programme) -> impl IntoView {
    let p = programme;
    let off = p.status != ProgrammeStatus::Open;
    let name = p.name.clone();
    view! {
        <li class="row row--wrap">
            <div>
                <A href=format!("/admin/benefits/{}", p.id)><strong>{name.clone()}</strong></A>
                <span class="tag">{text(p.kind.label())}</span>
                <span class="tag" class:tag--off=off data-testid="programme-status">{text(p.status.label())}</span>
                <div>{text(p.amount_text())}" · "{format!("{} — {}", p.opens_on, p.closes_on)}" · "{p.union.name.clone()}</div>
                <div class="muted">
                    {t("预算剩余 ", "Budget left ")}{yuan_sign(p.budget_left_fen)}" / "{yuan_sign(p.budget_fen)}
                    " · "{t("名额剩余 ", "Places left ")}{format!("{}/{}", p.places_left, p.places)}
                </div>
            </div>
        </li>
    }
}
