//! `/employer/:id/jobs/:job_id`: one of the company's jobs — its status and
//! next steps (publish, mark filled, reopen), who applied (call them, then
//! 已联系/录用/不录用), and the job form to change it.

use super::acting::Acting;
use super::applicants::Applicants;
use super::job_form::JobForm;
use super::job_status::JobStatusActions;
use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use crate::jobs::wage_line;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::jobs::{Job, JobEnvelope, JobsRoute};

#[component]
pub fn EditJob() -> impl IntoView {
    view! {
        <RequireWorker>
            <Page/>
        </RequireWorker>
    }
}

#[component]
fn Page() -> impl IntoView {
    let params = use_params_map();
    let num =
        move |k: &str| params.with(|p| p.get(k).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let employer_id = num("id");
    let reload = RwSignal::new(0u32);
    let job = LocalResource::new(move || {
        reload.track();
        let job_id = num("job_id");
        async move { api::get::<JobEnvelope>(&api_url!(JobsRoute::Get, JOB_ID = job_id)).await }
    });
    let saved = RwSignal::new(false);
    view! {
        <main class="page">
            <A href=format!("/employer/{employer_id}") attr:class="linklike">{t("‹ 全部岗位", "‹ All jobs")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || job.get().map(|r: Result<JobEnvelope, ApiFailure>| match r {
                    Ok(env) if env.job.summary.employer.id == employer_id => view! {
                        <JobDesk job=env.job employer_id=employer_id saved=saved reload=reload/>
                    }.into_any(),
                    Ok(_) => view! { <crate::components::status::NotFound/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn JobDesk(
    job: Job,
    employer_id: i64,
    saved: RwSignal<bool>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let acting = Acting::Contact(employer_id);
    let id = job.summary.id;
    let refresh = move || reload.update(|n| *n += 1);
    let summary = job.summary.clone();
    view! {
        <h1 class="page-title">{job.summary.title.clone()}</h1>
        <p class="lead">{move || wage_line(&summary, lang.get())}</p>
        <JobStatusActions job=job.clone() acting=acting on_changed=Callback::new(move |_| { saved.set(false); refresh(); })/>
        <Applicants job_id=id acting=acting on_hired=Callback::new(move |_| refresh())/>
        {move || saved.get().then(|| view! { <p class="notice" role="status">{t("岗位信息已保存", "The job is saved")}</p> })}
        <details class="card edit-job">
            <summary>{t("修改岗位信息", "Edit the job")}</summary>
            <JobForm acting=acting employer_id=employer_id job=Some(job) on_saved=Callback::new(move |_| { saved.set(true); refresh(); })/>
        </details>
    }
}
