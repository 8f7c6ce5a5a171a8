//! `/admin/jobs`: the jobs of the chosen subtree by status, each leading to
//! its staff page; posting a job on an employer's behalf; the figures.

use super::filter::{with_all, StatusChips};
use super::may_act;
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use crate::jobs::JobItem;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::jobs::{JobList, JobStatus, JobSummary};

const PAGE: u32 = 50;

#[component]
pub fn Jobs() -> impl IntoView {
    let scope = use_scope();
    let status = RwSignal::new(JobStatus::Live.as_str().to_string());
    let rows = RwSignal::new(Vec::<JobSummary>::new());
    let next = RwSignal::new(None::<String>);
    let url = move |cursor: Option<String>| {
        let s = status.get_untracked();
        let mut u = format!("/api/admin/jobs?{}&limit={PAGE}", scope.query());
        if !s.is_empty() {
            u.push_str(&format!("&status={s}"));
        }
        if let Some(c) = cursor {
            u.push_str(&format!("&cursor={c}"));
        }
        u
    };
    let first = LocalResource::new(move || {
        scope.union.track();
        status.track();
        let u = url(None);
        async move { api::get::<JobList>(&u).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = first.get() {
            rows.set(list.jobs);
            next.set(list.meta.next_cursor);
        }
    });
    let more = move |_| {
        let u = url(next.get_untracked());
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::get::<JobList>(&u).await {
                rows.update(|r| r.extend(list.jobs));
                next.set(list.meta.next_cursor);
            }
        });
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("招工信息", "Jobs")}</h1>
            <div class="actions toolbar">
                <Show when=may_act>
                    <A href="/admin/jobs/new" attr:class="btn btn--primary">{t("替企业发布岗位", "Post for an employer")}</A>
                </Show>
                <A href="/admin/jobs/figures" attr:class="btn btn--secondary">{t("招工统计", "Jobs figures")}</A>
            </div>
            <StatusChips label=t("按状态查看", "By status") value=status choices=with_all(&JobStatus::ALL, JobStatus::as_str, JobStatus::label)/>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || first.get().map(|r: Result<JobList, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| first.refetch())/> }.into_any(),
                    Ok(_) => view! {
                        <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="card">{t("没有这种状态的岗位。", "No jobs in this state.")}</p> }>
                            <ul class="jobs" aria-label=t("岗位", "Jobs")>
                                <For each=move || rows.get() key=|j| j.id children=move |j| {
                                    let href = format!("/admin/jobs/{}", j.id);
                                    view! { <JobItem job=j href=href/> }
                                }/>
                            </ul>
                        </Show>
                        <Show when=move || next.get().is_some()>
                            <button type="button" class="btn btn--secondary" on:click=more>{t("加载更多", "Load more")}</button>
                        </Show>
                    }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
