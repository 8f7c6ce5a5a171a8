//! Who applied to a job: each worker's phone (tap to call), trades and
//! certificates, and the employer's answer — 已联系, 录用, 不录用. A hire counts
//! as a match (撮合) in the union's figures.

use super::acting::Acting;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::jobs::{
    ApplicationStatus, ApplicationStatusChange, JobApplicant, JobApplicantEnvelope,
    JobApplicantList, Party,
};

/// The applicants of job `job_id`; `on_hired` runs after a hire (the job may now be full).
#[component]
pub fn Applicants(job_id: i64, acting: Acting, on_hired: Callback<()>) -> impl IntoView {
    let list = LocalResource::new(move || async move {
        api::get::<JobApplicantList>(&acting.applicants_path(job_id)).await
    });
    view! {
        <section class="card" aria-labelledby="applicants-title">
            <h2 id="applicants-title">{t("申请的工友", "Who applied")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r: Result<JobApplicantList, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                    Ok(l) if l.applicants.is_empty() => view! { <p class="muted">{t("还没有工友申请。", "Nobody has applied yet.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <p class="muted">{format!("{} {}", l.applicants.len(), t("人申请", "applied")())}</p>
                        <ul class="rows" aria-label=t("申请人", "Applicants")>
                            {l.applicants.into_iter().map(|a| view! { <Applicant applicant=a acting=acting on_hired=on_hired/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Applicant(applicant: JobApplicant, acting: Acting, on_hired: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let id = applicant.id;
    let status = RwSignal::new(applicant.status);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let name = applicant
        .display_name
        .clone()
        .unwrap_or_else(|| t("工友", "Worker")().to_string());
    let set = move |next: ApplicationStatus| {
        let body = ApplicationStatusChange { status: next };
        if let Err(e) = body.validate(status.get_untracked(), Party::Employer) {
            failure.set(
                e.0.first()
                    .map(|f| f.why.get(lang.get_untracked()).to_string()),
            );
            return;
        }
        failure.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::post::<_, JobApplicantEnvelope>(&acting.applicant_status_path(id), &body)
                .await
            {
                Ok(env) => {
                    status.set(env.applicant.status);
                    if env.applicant.status.counts_as_match() {
                        on_hired.try_run(());
                    }
                }
                Err(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
            busy.set(false);
        });
    };
    let trades = applicant
        .trades
        .iter()
        .map(|x| (x.trade, x.years))
        .collect::<Vec<_>>();
    let trades_text = move || {
        let l = lang.get();
        trades
            .iter()
            .map(|(tr, y)| {
                if l == shared::Lang::En {
                    format!("{} {y} yrs", tr.label().en)
                } else {
                    format!("{}{y}年", tr.label().zh)
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let may = move |next: ApplicationStatus| status.get().can_become(next, Party::Employer);
    let who_all = name.clone();
    let button = move |next: ApplicationStatus,
                       zh: &'static str,
                       en: &'static str,
                       class: &'static str| {
        let label = t(zh, en);
        let who = who_all.clone();
        move || {
            may(next).then(|| {
                let who = who.clone();
                view! {
                    <button type="button" class=class disabled=move || busy.get() aria-label=move || format!("{} {}", label(), who) on:click=move |_| set(next)>{label}</button>
                }
            })
        }
    };
    let certificates = applicant.certificates.join("、");
    view! {
        <li class="row row--wrap applicant">
            <div class="applicant-who">
                <strong>{name.clone()}</strong>
                <span class="tag" class:tag--off=move || status.get().is_final() && !status.get().counts_as_match()>{move || status.get().label().get(lang.get()).to_string()}</span>
                <div>
                    <a class="phone-link" href=format!("tel:{}", applicant.phone)>"📞 "{applicant.phone.clone()}</a>
                </div>
                <div class="muted">{trades_text}</div>
                {(!certificates.is_empty()).then(|| view! { <div class="muted">{t("证书:", "Certificates: ")}{certificates.clone()}</div> })}
                <div class="muted">{t("申请于 ", "Applied ")}{move || local_time(&applicant.applied_at, lang.get())}</div>
            </div>
            <div class="actions">
                {button(ApplicationStatus::Contacted, "已联系", "Contacted", "btn btn--secondary")}
                {button(ApplicationStatus::Hired, "录用", "Hire", "btn btn--primary")}
                {button(ApplicationStatus::NotSelected, "不录用", "Not selected", "btn btn--secondary")}
            </div>
            {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        </li>
    }
}
