//! `/admin/benefit-applications`: the review queue of the chosen subtree,
//! oldest first, by status (and by programme when opened from one), each
//! leading to its page.

use crate::admin::jobs::filter::{with_all, StatusChips};
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::components::time::local_time;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api_url;
use shared::benefits::{Application, ApplicationList, ApplicationStatus, BenefitsRoute};
use shared::money::yuan_sign;

#[component]
pub fn Queue() -> impl IntoView {
    let scope = use_scope();
    let query = use_query_map();
    let programme = move || query.with(|q| q.get("programme_id").unwrap_or_default());
    let status = RwSignal::new(query.with_untracked(|q| q.get("status").unwrap_or_default()));
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(BenefitsRoute::Queue))
                .arg("limit", 50)
                .arg_text("status", &status.get())
                .arg_text("programme_id", &programme())
        },
        |l: ApplicationList| (l.applications, l.meta),
    );
    let rows = pages.rows;
    view! {
        <main class="page">
            <A href="/admin/benefits" attr:class="linklike">{t("‹ 帮扶项目", "‹ Programmes")}</A>
            <h1 class="page-title">{t("帮扶申请审核", "Aid applications")}</h1>
            {move || (!programme().is_empty()).then(|| view! {
                <p class="notice" role="status">{t("只看一个项目的申请。", "Only one programme's applications. ")}" "<A href="/admin/benefit-applications">{t("看全部", "See all")}</A></p>
            })}
            <StatusChips label=t("按状态查看", "By status") value=status choices=with_all(ApplicationStatus::ALL, ApplicationStatus::code, ApplicationStatus::label)/>
            <PagedList pages=pages empty=t("没有这样的申请。", "No such applications.")>
                <ul class="rows card" aria-label=t("帮扶申请", "Aid applications")>
                    <For each=move || rows.get() key=|a| (a.id, a.version) children=move |a| view! { <Item application=a/> }/>
                </ul>
            </PagedList>
        </main>
    }
}

#[component]
fn Item(application: Application) -> impl IntoView {
    let a = application;
    let lang = use_lang();
    let submitted = a.submitted_at.clone();
    let name = a.name.clone();
    view! {
        <li class="row row--wrap">
            <div>
                <A href=format!("/admin/benefit-applications/{}", a.id)><strong>{name.clone()}</strong></A>
                <span class="tag" data-testid="status">{text(a.status.label())}</span>
                <div>{a.programme_name.clone()}" · "{text(a.kind.label())}{a.amount_fen.map(|f| format!(" · {}", yuan_sign(f)))}</div>
                <div class="muted">{move || local_time(&submitted, lang.get())}" · "{a.member_union.clone().unwrap_or_else(|| t("非会员", "Not a member")().to_string())}</div>
            </div>
        </li>
    }
}
