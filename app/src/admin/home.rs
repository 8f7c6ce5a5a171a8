//! 概览 of the chosen subtree: the work waiting in it (counts that open their
//! queues, already filtered), then the union itself — what it is, its join
//! code, what sits below it.

use super::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::overview::{OverviewCounts, OverviewRoute};
use shared::unions::{Union, UnionEnvelope, UnionsRoute};

#[component]
pub fn Home() -> impl IntoView {
    let scope = use_scope();
    let union = LocalResource::new(move || {
        let id = scope.id();
        async move {
            match id {
                Some(id) => api::get::<UnionEnvelope>(&api_url!(UnionsRoute::Get, UNION_ID = id))
                    .await
                    .map(|e| Some(e.union)),
                None => Ok(None),
            }
        }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("概览", "Overview")}</h1>
            <Waiting/>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || union.get().map(|r: Result<Option<Union>, ApiFailure>| match r {
                    Ok(Some(u)) => view! { <UnionCard union=u/> }.into_any(),
                    Ok(None) => view! {
                        <section class="card"><p>{t("您是平台管理员,可以管理全部工会。用上方的“管辖范围”选择一个工会。", "You are a platform admin for every union. Use the scope picker above to choose one.")}</p></section>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

/// What needs doing today in the subtree: one count per queue, each a link to it.
#[component]
fn Waiting() -> impl IntoView {
    let scope = use_scope();
    let counts = LocalResource::new(move || {
        let url = scope.scoped(api_url!(OverviewRoute::Counts));
        async move { api::get::<OverviewCounts>(&url).await }
    });
    view! {
        <section class="card" aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t("今天要办的事", "Waiting for you today")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || counts.get().map(|r: Result<OverviewCounts, ApiFailure>| match r {
                    Ok(c) => view! {
                        <ul class="counts" aria-label=t("待办", "To do")>
                            {c.counts.into_iter().map(|q| view! {
                                <li>
                                    <A href=q.path attr:class="count" attr:data-queue=q.queue.code()>
                                        <strong class="count-n">{q.count}</strong>
                                        " "<span>{text(q.queue.label())}</span>
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| counts.refetch())/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn UnionCard(union: Union) -> impl IntoView {
    let children = union.children;
    let union = union.summary;
    let level = text(union.level.label());
    let kind = text(union.kind.label());
    let closed = union.status == shared::unions::UnionStatus::Closed;
    view! {
        <section class="card" aria-labelledby="union-title">
            <h2 id="union-title">{union.name.clone()}</h2>
            <dl class="facts">
                <dt>{t("级别", "Level")}</dt><dd>{level}" · "{kind}</dd>
                <dt>{t("编码", "Code")}</dt><dd>{union.code.clone()}</dd>
                <dt>{t("入会码", "Join code")}</dt><dd><code>{union.join_code.clone()}</code></dd>
                <dt>{t("状态", "Status")}</dt><dd>{if closed { t("已撤销", "Closed")() } else { t("正常", "Open")() }}</dd>
                <dt>{t("下级工会", "Unions below")}</dt><dd>{children}</dd>
                {union.project_starts_on.map(|d| view! {
                    <dt>{t("项目工期", "Project dates")}</dt>
                    <dd>{d.to_string()}" — "{union.project_ends_on.map(|e| e.to_string()).unwrap_or_default()}</dd>
                })}
                {union.address.clone().map(|a| view! { <dt>{t("地址", "Address")}</dt><dd>{a}</dd> })}
            </dl>
            <div class="actions">
                <A href="/admin/unions" attr:class="btn btn--secondary">{t("查看下级工会", "See the unions below")}</A>
                <super::unions::UnionActions union=union.clone()/>
            </div>
        </section>
    }
}
