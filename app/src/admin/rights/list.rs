//! `/admin/rights`: the cases of the chosen subtree, newest first;
//! `/admin/rights/overdue`: open cases whose clock is past due (`?due=soon`: or due soon).

use crate::admin::scope::use_scope;
use crate::api;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api_url;
use shared::money::yuan;
use shared::rights::cases::*;

#[component]
fn Rows(cases: Vec<CaseSummary>) -> impl IntoView {
    view! {
        <ul class="rows card" aria-label=t("欠薪案件", "Wage cases")>
            {cases.into_iter().map(|c| view! {
                <li class="row row--wrap" data-case=c.id>
                    <div>
                        <A href=format!("/admin/rights/cases/{}", c.id)><strong>{c.employer_name.clone()}</strong></A>
                        " "<span class="tag">{text(c.status.label())}</span>
                        <div>{c.site_name.clone()}" · "{c.claimant_count}{t(" 人", " workers")}" · "{yuan(c.claimed_fen)}</div>
                        <div class="muted">{c.union.name.clone()}</div>
                        {c.clock.map(|k| view! { <div class:warning=true data-clock=k.kind.code() data-state=k.state.code()>{text(k.warning())}</div> })}
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn Queue() -> impl IntoView {
    let scope = use_scope();
    let list = LocalResource::new(move || {
        let url = scope.scoped(api_url!(CasesRoute::Queue)).arg("limit", 100);
        async move { api::get::<CaseList>(&url).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("欠薪案件", "Wage cases")}</h1>
            <div class="actions toolbar">
                <A href="/admin/rights/overdue?due=soon" attr:class="btn btn--secondary">{t("期限将到或已过", "Deadlines due")}</A>
            </div>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r| match r {
                    Ok(l) if l.cases.is_empty() => view! { <p class="card">{t("还没有案件。", "No cases yet.")}</p> }.into_any(),
                    Ok(l) => view! { <Rows cases=l.cases/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
pub fn Overdue() -> impl IntoView {
    let scope = use_scope();
    let query = use_query_map();
    let due = move || query.with(|q| q.get("due").unwrap_or_default());
    let list = LocalResource::new(move || {
        let url = scope
            .scoped(api_url!(CasesRoute::Overdue))
            .arg_text("due", &due());
        async move { api::get::<CaseList>(&url).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("超过法定期限的案件", "Cases past a legal deadline")}</h1>
            <div class="actions toolbar">
                <A href="/admin/rights/overdue" attr:class="btn btn--secondary">{t("只看已过期限", "Past due only")}</A>
                <A href="/admin/rights/overdue?due=soon" attr:class="btn btn--secondary">{t("也看即将到期", "Also due soon")}</A>
            </div>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r| match r {
                    Ok(l) if l.cases.is_empty() => view! { <p class="card">{t("没有超期的案件。", "No case is past a deadline.")}</p> }.into_any(),
                    Ok(l) => view! { <Rows cases=l.cases/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
