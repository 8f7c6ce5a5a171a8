//! `/employer`: the companies this account acts for, each with where it stands
//! with the union and its jobs; a way to register one. Registrations that
//! waited on the phone for signal report their outcome here.

use super::register::{DRAFT, KIND};
use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, use_lang};
use crate::jobs::JobItem;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::error::ErrorBody;
use shared::jobs::{Employer, EmployerList, EmployerStatus, JobList, JobsRoute};

#[component]
pub fn Mine() -> impl IntoView {
    view! {
        <RequireWorker>
            <MyEmployers/>
        </RequireWorker>
    }
}

#[component]
fn MyEmployers() -> impl IntoView {
    let outbox = crate::outbox::use_outbox();
    let reload = RwSignal::new(0u32);
    let refused = RwSignal::new(None::<String>);
    // A registration sent later from the outbox: forget its draft, or say why it failed.
    Effect::new(move |_| {
        outbox.done.track();
        for d in crate::outbox::take_done(KIND) {
            if d.ok {
                crate::draft::clear(DRAFT);
                refused.set(None);
                reload.update(|n| *n += 1);
            } else {
                refused.set(Some(
                    serde_json::from_str::<ErrorBody>(&d.body)
                        .map(|e| e.message)
                        .unwrap_or_default(),
                ));
            }
        }
    });
    let list = LocalResource::new(move || {
        reload.track();
        async move { api::get::<EmployerList>(&api_url!(JobsRoute::MyEmployers)).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("我要招人", "Hiring")}</h1>
            {move || refused.get().map(|m| view! {
                <div class="form-error" role="alert">
                    <p>{t("企业登记没有成功:", "The registration did not go through: ")}{m}</p>
                    <A href="/employer/register">{t("打开登记表修改", "Open the form to fix it")}</A>
                </div>
            })}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r: Result<EmployerList, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                    Ok(l) if l.employers.is_empty() => view! {
                        <section class="card">
                            <p>{t("您还没有登记企业。在工友驿站招工,先登记企业;工会核实后,岗位才会给工友看到,这样工友不怕假招工。", "You have not registered a company yet. To hire on Gongyou, register it first: workers see its jobs once the union has verified it, so they need not fear fake ads.")}</p>
                        </section>
                    }.into_any(),
                    Ok(l) => view! {
                        <ul class="rows employers" aria-label=t("我的企业", "My companies")>
                            {l.employers.into_iter().map(|e| view! { <li><EmployerSummary employer=e/></li> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
            <A href="/employer/register" attr:class="btn btn--secondary btn--block">{t("登记一家企业", "Register a company")}</A>
        </main>
    }
}

/// The line under an employer's name: where it stands with which union.
pub fn standing(e: &Employer, lang: shared::Lang) -> String {
    let status = e.status.label().get(lang).to_string();
    match (e.status, &e.verified_by) {
        (EmployerStatus::Verified, Some(u)) => format!("{status} · {}", u.name),
        (EmployerStatus::Pending, _) => format!("{status} · {}", e.union.name),
        _ => status,
    }
}

/// Which union has the employer in hand, beside its status tag.
fn union_line(e: &Employer) -> shared::Text {
    match (e.status, &e.verified_by) {
        (EmployerStatus::Verified, Some(u)) => {
            shared::Text::owned(format!("由{}核实", u.name), format!("by {}", u.name))
        }
        (EmployerStatus::Pending, _) => shared::Text::owned(
            format!("等{}核实", e.union.name),
            format!("awaiting {}", e.union.name),
        ),
        _ => shared::Text::owned(e.union.name.clone(), e.union.name.clone()),
    }
}

#[component]
fn EmployerSummary(employer: Employer) -> impl IntoView {
    let lang = use_lang();
    let id = employer.id;
    let jobs = LocalResource::new(move || async move {
        api::get::<JobList>(&api_url!(JobsRoute::EmployerJobs, EMPLOYER_ID = id)).await
    });
    let title_id = format!("employer-{id}");
    let labelled_by = title_id.clone();
    let status = employer.status;
    let e = employer.clone();
    view! {
        <article class="card" aria-labelledby=labelled_by>
            <h2 id=title_id>{employer.name.clone()}</h2>
            <p>
                <span class="tag" class:tag--warn=status == EmployerStatus::Pending class:tag--off=status == EmployerStatus::Suspended>
                    {move || status.label().get(lang.get()).to_string()}
                </span>
                " "<span class="muted">{move || union_line(&e).get(lang.get()).to_string()}</span>
            </p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || jobs.get().map(|r| match r {
                    Ok(l) if l.jobs.is_empty() => view! { <p class="muted">{t("还没有发布岗位。", "No jobs posted yet.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="jobs" aria-label=t("岗位", "Jobs")>
                            {l.jobs.into_iter().map(|j| { let href = format!("/employer/{id}/jobs/{}", j.id); view! { <JobItem job=j href=href/> } }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
            <div class="actions">
                <A href=format!("/employer/{id}") attr:class="btn btn--primary">{t("管理岗位", "Manage jobs")}</A>
                <A href=format!("/employer/{id}/jobs/new") attr:class="btn btn--secondary">{t("发布岗位", "Post a job")}</A>
                <A href=format!("/employer/{id}/edit") attr:class="btn btn--secondary">{t("修改企业信息", "Edit details")}</A>
            </div>
        </article>
    }
}
