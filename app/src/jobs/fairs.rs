//! `/jobs/fairs` and `/jobs/fairs/{id}`: job fairs ahead (春风行动, the monthly
//! fair on the 28th) with their place, time and the employers taking part.

use super::item::JobItem;
use crate::api::{self, ApiFailure};
use crate::components::navigate::NavButtons;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::jobs::{next_monthly_fair, JobFair, JobFairEnvelope, JobFairList, JobList, JobsRoute};

#[component]
pub fn Fairs() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(|| api::get::<JobFairList>(&api_url!(JobsRoute::Fairs)));
    let next28 = next_monthly_fair(crate::components::time::today());
    view! {
        <main class="page">
            <h1 class="page-title">{t("招聘会", "Job fairs")}</h1>
            <p class="muted">{t("很多地方每月28日有零工招聘会,下一次是 ", "Many places hold a fair on the 28th of every month; the next is ")}{next28.to_string()}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r: Result<JobFairList, ApiFailure>| match r {
                    Ok(l) if l.job_fairs.is_empty() => view! { <p class="card">{t("近期没有招聘会。", "No fairs coming up.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="rows card" aria-label=t("近期招聘会", "Coming fairs")>
                            {l.job_fairs.into_iter().map(|f| {
                                let phase = f.phase(shared::time::from_millis(js_sys::Date::now()));
                                view! {
                                    <li class="row row--wrap">
                                        <div>
                                            <A href=format!("/jobs/fairs/{}", f.id)><strong>{f.name.clone()}</strong></A>
                                            {phase.map(|p| view! { " " <span class="tag">{move || p.label().get(lang.get()).to_string()}</span> })}
                                            <div class="muted">{move || local_time(&f.starts_at, lang.get())}" · "{f.place.clone()}</div>
                                            <div class="muted">{f.union.name.clone()}" · "{f.employers.len()}{t(" 家企业 · ", " employers · ")}{f.jobs_count}{t(" 个岗位", " jobs")}</div>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
pub fn Fair() -> impl IntoView {
    let params = use_params_map();
    let fair = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move {
            api::get::<JobFairEnvelope>(&api_url!(JobsRoute::Fair, FAIR_ID = id))
                .await
                .map(|e| e.job_fair)
        }
    });
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || fair.get().map(|r: Result<JobFair, ApiFailure>| match r {
                    Ok(f) => view! { <FairPage fair=f/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn FairPage(fair: JobFair) -> impl IntoView {
    let lang = use_lang();
    let f = fair;
    let (starts, ends) = (f.starts_at.clone(), f.ends_at.clone());
    let at = f
        .lat
        .zip(f.lng)
        .map(|(lat, lng)| shared::geo::LatLng::new(lat, lng));
    let cancelled = f.cancelled_at.is_some();
    view! {
        <h1 class="page-title">{f.name.clone()}</h1>
        {cancelled.then(|| view! {
            <div class="status status--error" role="status">
                <p><strong>{t("已取消", "Cancelled")}</strong>{f.cancel_reason.clone().map(|r| format!(":{r}"))}</p>
            </div>
        })}
        <section class="card">
            <dl class="facts">
                <dt>{t("时间", "When")}</dt><dd>{move || format!("{} — {}", local_time(&starts, lang.get()), local_time(&ends, lang.get()))}</dd>
                <dt>{t("地点", "Where")}</dt><dd>{f.place.clone()}</dd>
                <dt>{t("主办", "Run by")}</dt><dd>{f.union.name.clone()}</dd>
            </dl>
            {at.map(|at| view! { <NavButtons at=at name=f.place.clone()/> })}
        </section>
        <h2>{t("参加的企业和岗位", "Employers and their jobs")}</h2>
        {f.employers.into_iter().map(|e| view! { <EmployerJobs id=e.id name=e.name/> }).collect_view()}
    }
}

/// One taking-part employer with its live jobs.
#[component]
fn EmployerJobs(id: i64, name: String) -> impl IntoView {
    let jobs = LocalResource::new(move || async move {
        let url = api_url!(JobsRoute::Search)
            .arg("employer_id", id)
            .arg("limit", 20);
        api::get::<JobList>(&url).await
    });
    view! {
        <section class="card">
            <h3><A href=format!("/jobs/employers/{id}")>{name}</A></h3>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || jobs.get().and_then(Result::ok).map(|l| view! {
                    <ul class="jobs">{l.jobs.into_iter().map(|j| view! { <JobItem job=j/> }).collect_view()}</ul>
                })}
            </Suspense>
        </section>
    }
}
