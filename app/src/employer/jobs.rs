//! `/employer/:id`: one company's jobs in every status, each leading to its
//! applicants; "发布岗位"; and, while the union has not verified the company,
//! a plain word that its jobs wait as drafts until it does.

use super::mine::standing;
use super::my_employer;
use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, use_lang};
use crate::jobs::JobItem;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::jobs::{Employer, EmployerStatus, JobList, JobsRoute};

#[component]
pub fn EmployerJobs() -> impl IntoView {
    view! {
        <RequireWorker>
            <Page/>
        </RequireWorker>
    }
}

#[component]
fn Page() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let employer = LocalResource::new(move || my_employer(id()));
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || employer.get().map(|r| match r {
                    Ok(e) => view! { <Company employer=e/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Company(employer: Employer) -> impl IntoView {
    let lang = use_lang();
    let id = employer.id;
    let jobs = LocalResource::new(move || async move {
        api::get::<JobList>(&api_url!(JobsRoute::EmployerJobs, EMPLOYER_ID = id)).await
    });
    let e = employer.clone();
    let open_flags: Vec<_> = employer
        .flags
        .iter()
        .filter(|f| f.cleared_at.is_none())
        .cloned()
        .collect();
    view! {
        <h1 class="page-title">{employer.name.clone()}</h1>
        <section class="card" aria-labelledby="company-title">
            <h2 id="company-title" class="sr-only">{t("企业情况", "The company")}</h2>
            <dl class="facts">
                <dt>{t("状态", "Status")}</dt><dd>{move || standing(&e, lang.get())}</dd>
                <dt>{t("信用代码", "Credit code")}</dt><dd><code>{employer.uscc.clone()}</code></dd>
                <dt>{t("联系人", "Contact")}</dt><dd>{employer.contact_name.clone()}" "{employer.contact_phone.clone().unwrap_or_default()}</dd>
                <dt>{t("已发布 · 已录用", "Posted · hired")}</dt><dd>{employer.jobs_posted}" · "{employer.hires}</dd>
            </dl>
            {match employer.status {
                EmployerStatus::Pending => Some({ let union = employer.union.name.clone(); view! {
                    <p class="notice" role="status">{move || format!("{}{}{}", t("正在等", "Waiting for ")(), union, t("核实企业。核实前发布的岗位先存为草稿,工友看不到;核实后会自动发布。", " to verify the company. Jobs posted before then wait as drafts that workers cannot see; they are published by themselves once it is verified.")())}</p>
                }.into_any() }),
                EmployerStatus::Suspended => Some(view! {
                    <p class="form-error" role="status">{t("企业已被工会暂停,岗位不对工友显示。请联系当地工会。", "The union has suspended the company; its jobs are not shown to workers. Please contact the local union.")}</p>
                }.into_any()),
                EmployerStatus::Verified => None,
            }}
            {(!open_flags.is_empty()).then(|| view! {
                <h3>{t("工会标记的问题", "Problems flagged by the union")}</h3>
                <ul>
                    {open_flags.into_iter().map(|f| view! { <li>{move || f.reason.label().get(lang.get()).to_string()}{f.note.clone().map(|n| format!(":{n}"))}</li> }).collect_view()}
                </ul>
            })}
            <A href=format!("/employer/{id}/jobs/new") attr:class="btn btn--primary btn--block">{t("发布岗位", "Post a job")}</A>
        </section>
        <section aria-labelledby="jobs-title">
            <h2 id="jobs-title">{t("全部岗位", "All jobs")}</h2>
            <p class="muted">{t("点岗位查看申请的工友、修改信息或标记招满。", "Open a job to see who applied, edit it or mark it filled.")}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || jobs.get().map(|r: Result<JobList, ApiFailure>| match r {
                    Ok(l) if l.jobs.is_empty() => view! { <p class="card">{t("还没有发布岗位。", "No jobs posted yet.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="jobs" aria-label=t("岗位", "Jobs")>
                            {l.jobs.into_iter().map(|j| { let href = format!("/employer/{id}/jobs/{}", j.id); view! { <JobItem job=j href=href/> } }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| jobs.refetch())/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
