//! `/jobs/employers/{id}`: an employer's public record — verified by which
//! union, jobs posted and workers hired here, flags union staff raised, its
//! wage-payment record (from wage-arrears cases), and its jobs now.

use super::item::JobItem;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::jobs::{Employer, EmployerEnvelope, JobList, JobsRoute};

#[component]
pub fn EmployerPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0));
    let employer = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<EmployerEnvelope>(&api_url!(JobsRoute::Employer, EMPLOYER_ID = id))
                .await
                .map(|e| e.employer)
        }
    });
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || employer.get().map(|r: Result<Employer, ApiFailure>| match r {
                    Ok(e) => view! { <Record employer=e/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Record(employer: Employer) -> impl IntoView {
    let lang = use_lang();
    let e = employer;
    let status = e.status;
    let id = e.id;
    let jobs = LocalResource::new(move || async move {
        let url = api_url!(JobsRoute::Search)
            .arg("employer_id", id)
            .arg("limit", 50);
        api::get::<JobList>(&url).await
    });
    let verified_at = e.verified_at.clone();
    view! {
        <h1 class="page-title">{e.name.clone()}</h1>
        <section class="card" aria-labelledby="record-title">
            <h2 id="record-title">{t("企业档案", "Record")}</h2>
            <dl class="facts">
                <dt>{t("状态", "Status")}</dt><dd>{move || status.label().get(lang.get()).to_string()}</dd>
                {e.verified_by.clone().map(|u| view! {
                    <dt>{t("核实工会", "Verified by")}</dt>
                    <dd>{u.name}{verified_at.clone().map(|at| view! { " · " {move || local_time(&at, lang.get())} })}</dd>
                })}
                <dt>{t("信用代码", "Credit code")}</dt><dd><code>{e.uscc.clone()}</code></dd>
                <dt>{t("发布岗位", "Jobs posted")}</dt><dd>{e.jobs_posted}</dd>
                <dt>{t("通过平台录用", "Hired here")}</dt><dd>{e.hires}{t(" 人", " workers")}</dd>
                {e.wage_record.clone().map(|w| view! { <dt>{t("欠薪记录", "Wage record")}</dt><dd>{text(w.summary())}</dd> })}
            </dl>
        </section>
        {(!e.flags.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="flags-title">
                <h2 id="flags-title">{t("工会标记", "Flags raised by unions")}</h2>
                <ul class="rows">
                    {e.flags.iter().cloned().map(|f| view! {
                        <li class="row row--wrap">
                            <div>
                                <strong>{move || f.reason.label().get(lang.get()).to_string()}</strong>
                                {f.cleared_at.is_some().then(|| view! { " " <span class="tag tag--off">{t("已解除", "Cleared")}</span> })}
                                {f.note.clone().map(|n| view! { <p>{n}</p> })}
                                <div class="muted">{f.raised_by.name.clone()}" · "{move || local_time(&f.raised_at, lang.get())}</div>
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <h2>{t("正在招的岗位", "Hiring now")}</h2>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || jobs.get().map(|r| match r {
                Ok(l) if l.jobs.is_empty() => view! { <p class="card">{t("现在没有在招的岗位。", "No jobs open now.")}</p> }.into_any(),
                Ok(l) => view! { <ul class="jobs">{l.jobs.into_iter().map(|j| view! { <JobItem job=j/> }).collect_view()}</ul> }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
}
