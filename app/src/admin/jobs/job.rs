//! `/admin/jobs/:id`: one job of the subtree for staff — its status (take down,
//! restore, mark filled, reopen), who applied (mark hired for the employer),
//! the workers whose job cards match it (tick and notify them), and the job
//! form to correct it.

use super::candidates::Candidates;
use super::may_act;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::employer::acting::Acting;
use crate::employer::applicants::Applicants;
use crate::employer::job_form::JobForm;
use crate::employer::job_status::JobStatusActions;
use crate::i18n::{t, use_lang};
use crate::jobs::wage_line;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::jobs::{Job, JobEnvelope, JobStatus, JobsRoute};

#[component]
pub fn JobPage() -> impl IntoView {
    let params = use_params_map();
    let reload = RwSignal::new(0u32);
    let saved = RwSignal::new(false);
    let job = LocalResource::new(move || {
        reload.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { api::get::<JobEnvelope>(&api_url!(JobsRoute::Get, JOB_ID = id)).await }
    });
    view! {
        <main class="page">
            <A href="/admin/jobs" attr:class="linklike">{t("‹ 全部岗位", "‹ All jobs")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || job.get().map(|r: Result<JobEnvelope, ApiFailure>| match r {
                    Ok(env) => view! { <Desk job=env.job reload=reload saved=saved/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Desk(job: Job, reload: RwSignal<u32>, saved: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let refresh = Callback::new(move |_| reload.update(|n| *n += 1));
    let s = job.summary.clone();
    let id = s.id;
    let hiring = s.effective_status(crate::components::time::today()) == JobStatus::Live;
    let employer = s.employer.clone();
    view! {
        <h1 class="page-title">{s.title.clone()}</h1>
        <p class="lead">{move || wage_line(&s, lang.get())}</p>
        <p>
            {t("企业:", "Employer: ")}{employer.name.clone()}" "
            <a href=format!("/jobs/employers/{}", employer.id) rel="external">{t("工友看到的企业档案", "Its public record")}</a>
            " · "<a href=format!("/jobs/{id}") rel="external">{t("工友看到的岗位页", "Workers' view")}</a>
        </p>
        <Show when=may_act fallback=|| view! { <p class="muted">{t("您的账号只能查看。", "Your account can only view.")}</p> }>
            <JobStatusActions job=job.clone() acting=Acting::Staff on_changed=Callback::new(move |_: Job| { saved.set(false); refresh.try_run(()); })/>
            <Applicants job_id=id acting=Acting::Staff on_hired=refresh/>
            {hiring.then(|| view! { <Candidates job_id=id/> })}
            {move || saved.get().then(|| view! { <p class="notice" role="status">{t("岗位信息已保存", "The job is saved")}</p> })}
            <details class="card edit-job">
            <summary>{t("修改岗位信息", "Edit the job")}</summary>
            <JobForm acting=Acting::Staff employer_id=employer.id job=Some(job.clone()) on_saved=Callback::new(move |_: Job| { saved.set(true); refresh.try_run(()); })/>
        </details>
        </Show>
    }
}
