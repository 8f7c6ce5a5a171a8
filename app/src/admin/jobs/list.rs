//! `/admin/jobs`: the jobs of the chosen subtree by status, each leading to
//! its staff page; posting a job on an employer's behalf; the figures.

use super::filter::{with_all, StatusChips};
use super::may_act;
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::i18n::t;
use crate::jobs::JobItem;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::jobs::{JobList, JobStatus, JobsRoute};

const PAGE: u32 = 50;

#[component]
pub fn Jobs() -> impl IntoView {
    let scope = use_scope();
    let status = RwSignal::new(JobStatus::Live.code().to_string());
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(JobsRoute::AdminJobs))
                .arg("limit", PAGE)
                .arg_text("status", &status.get())
        },
        |l: JobList| (l.jobs, l.meta),
    );
    let rows = pages.rows;
    view! {
        <main class="page">
            <h1 class="page-title">{t("招工信息", "Jobs")}</h1>
            <div class="actions toolbar">
                <Show when=may_act>
                    <A href="/admin/jobs/new" attr:class="btn btn--primary">{t("替企业发布岗位", "Post for an employer")}</A>
                </Show>
                <A href="/admin/jobs/figures" attr:class="btn btn--secondary">{t("招工统计", "Jobs figures")}</A>
                <a href=move || String::from(scope.scoped(api_url!(JobsRoute::AdminJobsExport)).arg_text("status", &status.get())) class="btn btn--secondary" download="jobs.csv">{t("导出表格", "Export CSV")}</a>
            </div>
            <StatusChips label=t("按状态查看", "By status") value=status choices=with_all(JobStatus::ALL, JobStatus::code, JobStatus::label)/>
            <PagedList pages=pages empty=t("没有这种状态的岗位。", "No jobs in this state.")>
                <ul class="jobs" aria-label=t("岗位", "Jobs")>
                    <For each=move || rows.get() key=|j| j.id children=move |j| {
                        let href = format!("/admin/jobs/{}", j.id);
                        view! { <JobItem job=j href=href/> }
                    }/>
                </ul>
            </PagedList>
        </main>
    }
}
