//! `/employer/:id/jobs/new`: post a job with the job form; its contact starts
//! as the company's. A company the union has not verified yet keeps it as a draft.

use super::acting::Acting;
use super::job_form::JobForm;
use super::my_employer;
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::jobs::{Employer, EmployerStatus, Job};

#[component]
pub fn NewJob() -> impl IntoView {
    let params = use_params_map();
    let employer = LocalResource::new(move || {
        my_employer(params.with(|p| p.get("id").and_then(|s| s.parse().ok()).unwrap_or(0)))
    });
    view! {
        <RequireWorker>
            <main class="page">
                <h1 class="page-title">{t("发布岗位", "Post a job")}</h1>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || employer.get().map(|r| match r {
                        Ok(e) => view! { <Post employer=e/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
            </main>
        </RequireWorker>
    }
}

#[component]
fn Post(employer: Employer) -> impl IntoView {
    let navigate = use_navigate();
    let id = employer.id;
    let saved = Callback::new(move |job: Job| {
        navigate(
            &format!("/employer/{id}/jobs/{}", job.summary.id),
            Default::default(),
        )
    });
    let contact = (
        employer.contact_name.clone(),
        employer.contact_phone.clone().unwrap_or_default(),
    );
    view! {
        <p class="lead">{employer.name.clone()}</p>
        {(employer.status == EmployerStatus::Pending).then(|| view! {
            <p class="notice" role="status">{t("企业还在等工会核实:这个岗位会先存为草稿,核实后自动发布。", "The company is waiting for the union's check: this job is kept as a draft and published by itself once the company is verified.")}</p>
        })}
        <JobForm acting=Acting::Contact(id) employer_id=id job=None contact=contact on_saved=saved/>
    }
}
