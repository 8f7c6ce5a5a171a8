//! Where a job stands and what can be done with it now: publish a draft, mark
//! it filled, reopen it with a new date — and for union staff, take it down or
//! restore it. Only the changes the shared lifecycle allows are offered.

use super::acting::Acting;
use super::job_form::DEFAULT_VALID_DAYS;
use crate::api;
use crate::components::form::{FormError, FormState, TextField};
use crate::components::time::today;
use crate::i18n::{t, use_lang};
use chrono::Days;
use leptos::prelude::*;
use shared::jobs::{Job, JobEnvelope, JobStatus, JobStatusChange};

/// What a status means for the people reading the page.
fn meaning(status: JobStatus, verified: bool, staff: bool) -> (&'static str, &'static str) {
    match status {
        JobStatus::Draft if !verified => (
            "草稿:企业还没有通过工会核实,岗位先存着,工友看不到。工会核实企业后,会自动发布。",
            "Draft: the employer is not verified by the union yet, so workers cannot see this job. It is published by itself once the union verifies the employer.",
        ),
        JobStatus::Draft => ("草稿:工友还看不到,点“发布”后上线。", "Draft: workers cannot see it yet; tap Publish to put it online."),
        JobStatus::Live => ("招工中:工友可以看到并申请。", "Hiring: workers can see it and apply."),
        JobStatus::Filled => ("已招满:不再显示给工友。还要人可以重新招。", "Filled: no longer shown to workers. Reopen it if you need more people."),
        JobStatus::Expired => ("已过期:过了有效期,已自动下线。填新的有效期可以重新发布。", "Expired: past its date, it went off the list. Give a new date to reopen it."),
        JobStatus::TakenDown if staff => ("已下架:工会因举报或核查把它下架了,工友看不到。", "Taken down by union staff after a report or a check; workers cannot see it."),
        JobStatus::TakenDown => (
            "已被工会下架,工友看不到。如有疑问,请联系当地工会。",
            "Taken down by the union; workers cannot see it. Ask the local union if you have questions.",
        ),
    }
}

/// The job's status and the buttons for its next steps; `on_changed` gets the job after a change.
#[component]
pub fn JobStatusActions(job: Job, acting: Acting, on_changed: Callback<Job>) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let current = job.summary.effective_status(today);
    let verified = job.summary.employer.is_verified();
    let staff = acting.is_staff();
    let id = job.summary.id;
    let form = FormState::new();
    let valid_until = RwSignal::new((today + Days::new(DEFAULT_VALID_DAYS)).to_string());
    let may = move |next: JobStatus| {
        current.can_become(next)
            && (staff || !current.staff_only(next))
            && (next != JobStatus::Live || verified)
    };

    let change = move |next: JobStatus, with_date: bool| {
        form.clear();
        let date = if with_date {
            match valid_until.get_untracked().parse() {
                Ok(d) => Some(d),
                Err(_) => {
                    form.fields.update(|f| {
                        f.insert(
                            "valid_until".into(),
                            shared::error::why::bad_date()
                                .get(lang.get_untracked())
                                .to_string(),
                        );
                    });
                    return;
                }
            }
        } else {
            None
        };
        let body = JobStatusChange {
            status: next,
            valid_until: date,
        };
        if !form.check(body.validate(current, staff, crate::components::time::today())) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, JobEnvelope>(&acting.status_path(id), &body).await;
            form.busy.set(false);
            match sent {
                Ok(env) => {
                    on_changed.try_run(env.job);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    // Reopening: a filled job keeps its date unless a new one is given; an expired one needs one.
    let reopens = matches!(current, JobStatus::Filled | JobStatus::Expired) && may(JobStatus::Live);
    let (zh, en) = meaning(current, verified, staff);
    view! {
        <section class="card job-status" aria-labelledby="job-status-title">
            <h2 id="job-status-title">
                {t("状态:", "Status: ")}{move || current.label().get(lang.get()).to_string()}
            </h2>
            <p class:notice=current == JobStatus::Draft && !verified>{move || if lang.get() == shared::Lang::En { en } else { zh }}</p>
            <p class="muted">{t("有效期到 ", "Runs until ")}{job.summary.valid_until.to_string()}" · "{t("已录用 ", "Hired ")}{job.hires}" / "{job.summary.headcount}</p>
            <FormError form=form/>
            <div class="actions">
                {(current == JobStatus::Draft && may(JobStatus::Live)).then(|| view! {
                    <button type="button" class="btn btn--primary" disabled=move || form.busy.get() on:click=move |_| change(JobStatus::Live, false)>{t("发布", "Publish")}</button>
                })}
                {may(JobStatus::Filled).then(|| view! {
                    <button type="button" class="btn btn--secondary" disabled=move || form.busy.get() on:click=move |_| change(JobStatus::Filled, false)>{t("标记为已招满", "Mark filled")}</button>
                })}
                {(current == JobStatus::TakenDown && may(JobStatus::Live)).then(|| view! {
                    <button type="button" class="btn btn--primary" disabled=move || form.busy.get() on:click=move |_| change(JobStatus::Live, false)>{t("恢复上架", "Restore")}</button>
                })}
                {may(JobStatus::TakenDown).then(|| view! {
                    <button type="button" class="btn btn--danger" disabled=move || form.busy.get() on:click=move |_| change(JobStatus::TakenDown, false)>{t("下架", "Take down")}</button>
                })}
            </div>
            {reopens.then(|| view! {
                <div class="reopen">
                    <TextField label=t("重新招人:有效到哪天", "Reopen: runs until") name="valid_until" value=valid_until form=form kind="date" id="reopen-valid-until"/>
                    <button type="button" class="btn btn--primary" disabled=move || form.busy.get() on:click=move |_| change(JobStatus::Live, true)>{t("重新招人", "Reopen")}</button>
                </div>
            })}
        </section>
    }
}
