//! `/jobs/{id}`: one job. The wage, the place and the dates up front; the
//! employer and who vouched for it; the contact phone once the worker has
//! applied (one tap, kept on the phone if there is no signal); and a one-tap
//! report of a fake or misleading ad.

use super::item::{start_text, wage_line};
use crate::api::{self, ApiFailure};
use crate::auth::{use_auth, AuthState};
use crate::components::link::AppLink;
use crate::components::navigate::NavButtons;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text, use_lang};
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::jobs::{
    ApplicationEnvelope, Job, JobContact, JobEnvelope, JobReportInput, JobReportReceiptEnvelope,
    JobStatus, JobsRoute, ReportReason,
};
use shared::routes::Method;

pub const APPLY: &str = "job_application";
pub const REPORT: &str = "job_report";

#[component]
pub fn Detail() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0));
    let job = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<JobEnvelope>(&api_url!(JobsRoute::Get, JOB_ID = id))
                .await
                .map(|e| e.job)
        }
    });
    let reload = Callback::new(move |_| job.refetch());
    view! {
        <main class="page job-page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || job.get().map(|r: Result<Job, ApiFailure>| match r {
                    Ok(j) => view! { <Page job=j reload=reload/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=reload/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Page(job: Job, reload: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let today = crate::components::time::today();
    let s = job.summary.clone();
    let status = s.effective_status(today);
    let (wage, start) = (s.clone(), s.clone());
    let trades = s.trades.clone();
    let ends = s.ends_on;
    let (board, lodging) = (s.board, s.lodging);
    let verified = s.employer.is_verified();
    let spoken = job.clone();
    view! {
        <h1 class="page-title">{s.title.clone()}</h1>
        <crate::easy::ReadAloud sentences=move || shared::speech::job(&spoken, crate::components::time::today())/>
        {(status != JobStatus::Live).then(|| view! { <p class="notice" role="status">{move || status.label().get(lang.get()).to_string()}</p> })}
        <p class="job-wage job-wage--big">{move || wage_line(&wage, lang.get())}</p>
        <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title" class="sr-only">{t("岗位信息", "About the job")}</h2>
            <dl class="facts">
                <dt>{t("工种", "Trade")}</dt>
                <dd>{move || trades.iter().map(|tr| tr.label().get(lang.get()).to_string()).collect::<Vec<_>>().join("、")}</dd>
                <dt>{t("地点", "Where")}</dt><dd>{s.district.clone()}{s.distance_m.map(|m| format!(" · {}", shared::jobs::matching::distance_text(m)))}</dd>
                <dt>{t("开工", "Starts")}</dt>
                <dd>
                    {move || start_text(&start, today, lang.get())}
                    {ends.map(|e| view! { {t(",干到 ", "; until ")}{e.to_string()} })}
                </dd>
                <dt>{t("时间", "Hours")}</dt><dd>{job.working_hours.clone()}</dd>
                <dt>{t("吃住", "Board")}</dt>
                <dd>{match (board, lodging) {
                    (true, true) => t("包吃包住", "Meals and lodging")(),
                    (true, false) => t("包吃,不包住", "Meals, no lodging")(),
                    (false, true) => t("包住,不包吃", "Lodging, no meals")(),
                    (false, false) => t("不包吃住", "No meals or lodging")(),
                }}</dd>
                <dt>{t("招", "Wanted")}</dt>
                <dd>{s.headcount}{t(" 人", " people")}{(job.hires > 0).then(|| view! { {t(",已录用 ", ", hired so far ")}{job.hires} })}</dd>
                <dt>{t("有效期", "Until")}</dt><dd>{s.valid_until.to_string()}</dd>
            </dl>
            {(!job.description.is_empty()).then(|| view! { <p class="job-description">{job.description.clone()}</p> })}
            <NavButtons at=s.position() name=s.title.clone()/>
        </section>
        <section class="card" aria-labelledby="employer-title">
            <h2 id="employer-title">{t("用工企业", "Employer")}</h2>
            <p>
                <AppLink href=format!("/jobs/employers/{}", s.employer.id)>{s.employer.name.clone()}</AppLink>
            </p>
            <p class=if verified { "verified" } else { "form-error" }>
                {if verified { t("✓ 工会已核实这家企业", "✓ The union has verified this employer") } else { t("这家企业还没有通过工会核实", "The union has not verified this employer") }}
            </p>
        </section>
        <Contact job_id=s.id contact=job.contact.clone() mine=job.my_application open=status == JobStatus::Live reload=reload/>
        <Report job_id=s.id/>
        <crate::components::hotlines::Hotlines/>
    }
}

/// The contact: the phone for those who applied, else one tap to apply.
#[component]
fn Contact(
    job_id: i64,
    contact: JobContact,
    mine: Option<shared::jobs::ApplicationStatus>,
    open: bool,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let waiting = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let apply = move |_| {
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let path = api_url!(JobsRoute::Apply, JOB_ID = job_id);
            match outbox::submit::<_, ApplicationEnvelope>(APPLY, Method::Post, &path, &()).await {
                Submitted::Sent(_) => {
                    reload.try_run(());
                }
                Submitted::Queued => waiting.set(true),
                Submitted::Refused(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
            busy.set(false);
        });
    };
    let phone = contact.phone().map(str::to_string);
    let next = format!(
        "/login?next={}",
        shared::query::encode(&format!("/jobs/{job_id}"))
    );
    view! {
        <section class="card contact" aria-labelledby="contact-title">
            <h2 id="contact-title">{t("联系人", "Contact")}</h2>
            <p>{contact.name.clone()}</p>
            {match phone {
                Some(p) => view! {
                    <a class="btn btn--primary btn--block" href=format!("tel:{p}")>"📞 "{t("打电话 ", "Call ")}{p.clone()}</a>
                }.into_any(),
                None => view! { <p class="muted">{text(JobContact::hidden_note())}</p> }.into_any(),
            }}
            {mine.map(|m| view! {
                <p class="notice" role="status">{t("您已申请:", "You applied: ")}{move || m.label().get(lang.get()).to_string()}" · "
                    <A href="/jobs/applications">{t("查看我的申请", "My applications")}</A>
                </p>
            })}
            {(mine.is_none() && open).then_some(move || match auth.0.get() {
                AuthState::SignedIn(shared::accounts::Me::Worker(_)) => view! {
                    <p class="muted">{t("申请后,企业能看到您的手机号和求职卡。", "When you apply, the employer sees your phone number and job card.")}</p>
                    <button type="button" class="btn btn--primary btn--block" disabled=move || busy.get() || waiting.get() on:click=apply>{t("申请这份工作", "Apply for this job")}</button>
                }.into_any(),
                AuthState::SignedIn(_) => ().into_any(),
                _ => view! { <AppLink href=next.clone() class="btn btn--primary btn--block">{t("手机号登录后申请", "Sign in with your phone to apply")}</AppLink> }.into_any(),
            })}
            <Show when=move || waiting.get()>
                <p class="notice" role="status">{t("没有网络,申请已保存在手机上,有网络后自动发出。", "No connection: your application is saved on this phone and will be sent automatically.")}</p>
            </Show>
            {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        </section>
    }
}

/// Fake or misleading? One tap, with a note when it is something else.
#[component]
fn Report(job_id: i64) -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let open = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<&'static str, String>>);
    let send = move |reason: ReportReason| {
        let n = note.get_untracked();
        let input = JobReportInput {
            reason,
            note: Some(n.trim().to_string()).filter(|n| !n.is_empty()),
        };
        if let Err(e) = input.validate() {
            outcome.set(Some(Err(e
                .0
                .first()
                .map(|f| f.why.get(lang.get_untracked()).to_string())
                .unwrap_or_default())));
            return;
        }
        leptos::task::spawn_local(async move {
            let path = api_url!(JobsRoute::Report, JOB_ID = job_id);
            outcome.set(Some(
                match outbox::submit::<_, JobReportReceiptEnvelope>(
                    REPORT,
                    Method::Post,
                    &path,
                    &input,
                )
                .await
                {
                    Submitted::Sent(_) => Ok(t(
                        "谢谢!工会会尽快核查这条招工信息。",
                        "Thank you! The union will check this ad soon.",
                    )()),
                    Submitted::Queued => Ok(t(
                        "没有网络,举报已保存,有网络后自动发出。",
                        "No connection: the report is saved and will be sent automatically.",
                    )()),
                    Submitted::Refused(e) => Err(e.message(lang.get_untracked())),
                },
            ));
        });
    };
    let signed_in = move || {
        matches!(
            auth.0.get(),
            AuthState::SignedIn(shared::accounts::Me::Worker(_))
        )
    };
    view! {
        <section class="card report" aria-labelledby="job-report-title">
            <h2 id="job-report-title">{t("招工信息有问题?", "Something wrong with this ad?")}</h2>
            {move || match outcome.get() {
                Some(Ok(m)) => view! { <p class="notice" role="status">{m}</p> }.into_any(),
                other => view! {
                    {other.and_then(Result::err).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    <Show when=move || !open.get()>
                        <button type="button" class="btn btn--secondary btn--block" on:click=move |_| open.set(true)>{t("举报虚假或误导信息", "Report a fake or misleading ad")}</button>
                    </Show>
                    <Show when=move || open.get() && !signed_in()>
                        <AppLink href=format!("/login?next={}", shared::query::encode(&format!("/jobs/{job_id}"))) class="btn btn--primary btn--block">{t("手机号登录后举报", "Sign in with your phone to report")}</AppLink>
                    </Show>
                    <Show when=move || open.get() && signed_in()>
                        <div class="field">
                            <label for="job-report-note">{t("补充说明(选“其他问题”时必填)", "A note (needed for “something else”)")}</label>
                            <input id="job-report-note" maxlength=200 prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                        </div>
                        <div class="report-kinds">
                            {ReportReason::ALL.iter().copied().map(|r| view! {
                                <button type="button" class="btn btn--secondary btn--block" on:click=move |_| send(r)>{move || r.label().get(lang.get()).to_string()}</button>
                            }).collect_view()}
                        </div>
                    </Show>
                }.into_any(),
            }}
        </section>
    }
}
