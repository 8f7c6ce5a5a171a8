//! `/admin/job-reports`: the fake-ad moderation queue. Each report shows the
//! job, why the worker reported it and their words (the worker stays
//! anonymous); staff take the job down — optionally flagging the employer —
//! or close the report as 查无问题. Either way a note says what they found.

use super::filter::StatusChips;
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::api;
use crate::components::form::{FormError, FormState, TextField};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use crate::jobs::wage_line;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::jobs::{
    JobReport, JobReportEnvelope, JobReportList, JobsRoute, ReportAction, ReportDecision,
    ReportStatus,
};

const PAGE: u32 = 50;

#[component]
pub fn Reports() -> impl IntoView {
    let scope = use_scope();
    let lang = use_lang();
    let status = RwSignal::new(ReportStatus::Open.code().to_string());
    let done = RwSignal::new(None::<JobReport>);
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(JobsRoute::Reports))
                .arg("status", status.get())
                .arg("limit", PAGE)
        },
        |l: JobReportList| (l.reports, l.meta),
    );
    let rows = pages.rows;
    // Taking a job down upholds every open report on it: they all leave the queue.
    let decided = Callback::new(move |r: JobReport| {
        let (job, upheld) = (r.job.id, r.status == ReportStatus::Upheld);
        rows.update(|list| list.retain(|x| x.id != r.id && !(upheld && x.job.id == job)));
        done.set(Some(r));
    });
    let choices = ReportStatus::ALL
        .iter()
        .map(|s| (s.code(), s.label()))
        .collect();
    view! {
        <main class="page">
            <h1 class="page-title">{t("虚假招工举报", "Fake-ad reports")}</h1>
            <p class="muted">{t("工友举报的岗位。举报人不公开。", "Jobs reported by workers. Reporters stay anonymous.")}</p>
            {move || done.get().map(|r| view! {
                <p class="notice" role="status">{move || format!("{}:{}", r.job.title, r.status.label().get(lang.get()))}</p>
            })}
            <StatusChips label=t("按处理情况查看", "By outcome") value=status choices=choices/>
            <PagedList pages=pages empty=t("没有这种举报。", "No reports here.")>
                <ul class="rows" aria-label=t("举报", "Reports")>
                    <For each=move || rows.get() key=|r| r.id children=move |r| view! { <li><Report report=r on_decided=decided/></li> }/>
                </ul>
            </PagedList>
        </main>
    }
}

#[component]
fn Report(report: JobReport, on_decided: Callback<JobReport>) -> impl IntoView {
    let lang = use_lang();
    let id = report.id;
    let job = report.job.clone();
    let title_id = format!("report-{id}");
    let labelled_by = title_id.clone();
    let note = RwSignal::new(String::new());
    let flag = RwSignal::new(false);
    let form = FormState::new();
    let reason = report.reason;
    let decide = move |action: ReportAction| {
        form.clear();
        let body = ReportDecision {
            action,
            flag_employer: flag.get_untracked() && action == ReportAction::TakeDown,
            note: note.get_untracked(),
        };
        if !form.check(body.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, JobReportEnvelope>(
                &api_url!(JobsRoute::DecideReport, REPORT_ID = id),
                &body,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(env) => {
                    on_decided.try_run(env.report);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    let wage = job.clone();
    view! {
        <article class="card review" aria-labelledby=labelled_by>
            <div class="review-head">
                <h2 id=title_id>{job.title.clone()}</h2>
                <span class="tag tag--warn">{move || reason.label().get(lang.get()).to_string()}</span>
                {(report.open_on_job > 1).then(|| view! { <span class="tag tag--warn">{format!("{} {}", report.open_on_job, t("条举报", "reports")())}</span> })}
            </div>
            <dl class="facts">
                <dt>{t("企业", "Employer")}</dt><dd>{job.employer.name.clone()}</dd>
                <dt>{t("工资", "Pay")}</dt><dd>{move || wage_line(&wage, lang.get())}</dd>
                <dt>{t("岗位状态", "Job status")}</dt><dd>{move || job.status.label().get(lang.get()).to_string()}</dd>
                <dt>{t("工友说", "The worker says")}</dt><dd>{report.note.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t("举报时间", "Reported")}</dt><dd>{move || local_time(&report.reported_at, lang.get())}</dd>
            </dl>
            <A href=format!("/admin/jobs/{}", report.job.id)>{t("查看岗位详情", "Open the job")}</A>
            {(report.status == ReportStatus::Open).then(|| view! {
                <div class="confirm">
                    <FormError form=form/>
                    <TextField label=t("核查情况", "What you found") name="note" value=note form=form maxlength=200 id=format!("report-{id}-note")
                        hint=t("例如:电话核实,确实要求先交押金", "For example: checked by phone, they do ask for a deposit first")/>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || flag.get() on:change=move |ev| flag.set(event_target_checked(&ev))/>
                        {t("同时在企业档案上标记这个问题", "Also flag the employer's record")}
                    </label>
                    <div class="actions">
                        <button type="button" class="btn btn--danger" disabled=move || form.busy.get() on:click=move |_| decide(ReportAction::TakeDown)>{t("下架", "Take down")}</button>
                        <button type="button" class="btn btn--secondary" disabled=move || form.busy.get() on:click=move |_| decide(ReportAction::Dismiss)>{t("查无问题", "Nothing wrong")}</button>
                    </div>
                </div>
            })}
        </article>
    }
}
