//! Dispatch of every jobs route; the handlers for anyone (search, a job, an
//! employer's record, fairs) and for workers (apply, report, job card, matches).

use super::store::{self, JobRow};
use super::{admin, employer};
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::principal::Principal;
use crate::rate_limit::{self, Limit};
use crate::reply::ok;
use shared::api::ListMeta;
use shared::jobs::matching::{rank_jobs, MatchedJob};
use shared::jobs::*;
use shared::routes::params;
use shared::{ApiError, Text};
use worker::Response;

pub async fn handle(route: JobsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    use JobsRoute::*;
    match route {
        Search => search(ctx).await,
        Get => get(ctx).await,
        Employer => employer_page(ctx).await,
        Fairs => fairs(ctx).await,
        Fair => fair(ctx).await,
        Apply => apply(ctx).await,
        Report => report(ctx).await,
        MyApplications => my_applications(ctx).await,
        Withdraw => withdraw(ctx).await,
        MyCard => my_card(ctx).await,
        SaveCard => save_card(ctx).await,
        Matches => matches(ctx).await,
        Invitations => invitations(ctx).await,
        InvitationsUnseen => unseen_invitations(ctx).await,
        InvitationsSeen => see_invitations(ctx).await,
        Register => employer::register(ctx).await,
        MyEmployers => employer::mine(ctx).await,
        EmployerJobs => employer::jobs(ctx).await,
        PostJob => employer::post_job(ctx).await,
        EditJob => employer::edit_job(ctx).await,
        SetJobStatus => employer::set_job_status(ctx).await,
        Applicants => employer::applicants(ctx).await,
        SetApplicantStatus => employer::set_applicant_status(ctx).await,
        AdminEmployers => admin::employers(ctx).await,
        AdminEmployersExport => admin::export_employers(ctx).await,
        AdminJobsExport => admin::export_jobs(ctx).await,
        AdminCreateEmployer => admin::create_employer(ctx).await,
        AdminEmployer => admin::employer(ctx).await,
        SetEmployerStatus => admin::set_employer_status(ctx).await,
        RaiseFlag => admin::raise_flag(ctx).await,
        ClearFlag => admin::clear_flag(ctx).await,
        AdminJobs => admin::jobs(ctx).await,
        AdminPostJob => admin::post_job(ctx).await,
        AdminEditJob => admin::edit_job(ctx).await,
        AdminSetJobStatus => admin::set_job_status(ctx).await,
        AdminApplicants => admin::applicants(ctx).await,
        AdminSetApplicantStatus => admin::set_applicant_status(ctx).await,
        Candidates => admin::candidates(ctx).await,
        Invite => admin::invite(ctx).await,
        Reports => admin::reports(ctx).await,
        DecideReport => admin::decide_report(ctx).await,
        CreateFair => admin::create_fair(ctx).await,
        EditFair => admin::edit_fair(ctx).await,
        CancelFair => admin::cancel_fair(ctx).await,
        EditEmployer => employer::edit(ctx).await,
        AdminEditEmployer => admin::edit_employer(ctx).await,
        Figures => admin::figures(ctx).await,
    }
}

/// Applying shows the employer's phone: a cap keeps an account from harvesting them.
const APPLY_PER_DAY: Limit = Limit::new(30, 24 * 3600);

async fn search(ctx: &Ctx) -> AppResult<Response> {
    let s = JobSearch::parse(ctx.query())?;
    let found = store::search(&ctx.db()?, &s, ctx.today()).await?;
    let more = found.rows.len() > s.limit as usize;
    let jobs: Vec<JobSummary> = found
        .rows
        .iter()
        .take(s.limit as usize)
        .map(|r| r.summary(s.near))
        .collect();
    let next_cursor = if more {
        jobs.last()
            .and_then(|j| JobCursor::after(s.sort, j))
            .map(|c| c.encode())
    } else {
        None
    };
    let mut resp = ok(&JobList {
        jobs,
        meta: ListMeta {
            next_cursor,
            limit: s.limit,
        },
    })?;
    // For the bench: how much D1 read to answer.
    resp.headers_mut()
        .set("x-d1-rows-read", &found.rows_read.to_string())?;
    Ok(resp)
}

/// Who is looking at `job`, and their own application to it.
async fn viewer(ctx: &Ctx, job: &JobRow) -> AppResult<(Viewer, Option<ApplicationStatus>)> {
    let db = ctx.db()?;
    Ok(match &ctx.principal {
        Some(Principal::Staff(s)) if s.scope().contains(&job.union_path) => (Viewer::Staff, None),
        Some(Principal::Worker { user_id }) => {
            if store::is_contact(&db, job.employer_id, *user_id).await? {
                (Viewer::Owner, None)
            } else {
                match store::application_for(&db, job.id, *user_id).await? {
                    Some(a) => (Viewer::Applicant, Some(a.status())),
                    None => (Viewer::Public, None),
                }
            }
        }
        _ => (Viewer::Public, None),
    })
}

/// Published jobs of verified employers are public; drafts and taken-down
/// jobs only for their employer, applicants and staff in scope.
fn publicly_visible(job: &JobRow) -> bool {
    matches!(
        job.status(),
        JobStatus::Live | JobStatus::Filled | JobStatus::Expired
    ) && job.employer().is_verified()
}

async fn get(ctx: &Ctx) -> AppResult<Response> {
    let job = store::job(&ctx.db()?, ctx.id(params::JOB_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let (viewer, mine) = viewer(ctx, &job).await?;
    if viewer == Viewer::Public && !publicly_visible(&job) {
        return Err(ApiError::not_found().into());
    }
    ok(&JobEnvelope {
        job: job.wire(viewer, mine, None),
    })
}

async fn employer_page(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let e = store::employer(&db, ctx.id(params::EMPLOYER_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let viewer = match &ctx.principal {
        Some(Principal::Staff(s)) if s.scope().contains(&e.union_path) => {
            RecordViewer::StaffInScope
        }
        Some(Principal::Worker { user_id }) if store::is_contact(&db, e.id, *user_id).await? => {
            RecordViewer::Contact
        }
        _ => RecordViewer::Public,
    };
    if !record_visible(viewer, e.verified_at.is_some()) {
        return Err(ApiError::not_found().into());
    }
    let mut employer = store::wire_one(&db, &e, viewer != RecordViewer::Public).await?;
    if employer.to_ref().is_verified() {
        // 欠薪记录: closed cases only, from the rights capability's store.
        employer.wage_record = Some(crate::rights::cases::store::wage_record(&db, e.id).await?);
    }
    ok(&EmployerEnvelope { employer })
}

async fn fairs(ctx: &Ctx) -> AppResult<Response> {
    let q = ctx.query();
    let mut errors = shared::FieldErrors::new();
    let union_id: Option<i64> = q.opt("union_id", &mut errors);
    let limit = shared::api::page_limit(q.opt("limit", &mut errors), 30, 100);
    errors.finish()?;
    let db = ctx.db()?;
    let scope = match union_id {
        Some(id) => Some(shared::accounts::Scope::under(
            &crate::unions::store::by_id(&db, id)
                .await?
                .ok_or_else(ApiError::not_found)?
                .path,
        )),
        None => None,
    };
    let rows = store::fairs(&db, scope.as_ref(), q.flag("past"), &ctx.now_text(), limit).await?;
    let job_fairs = store::with_employers(&db, rows, &ctx.today().to_string()).await?;
    ok(&JobFairList {
        meta: ListMeta {
            next_cursor: None,
            limit,
        },
        job_fairs,
    })
}

async fn fair(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let row = store::fair(&db, ctx.id(params::FAIR_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let job_fair = store::with_employers(&db, vec![row], &ctx.today().to_string())
        .await?
        .pop()
        .ok_or_else(ApiError::internal)?;
    ok(&JobFairEnvelope { job_fair })
}

/// A job a worker may act on (apply, report): published and visible.
async fn open_job(ctx: &Ctx) -> AppResult<JobRow> {
    let job = store::job(&ctx.db()?, ctx.id(params::JOB_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if publicly_visible(&job) {
        Ok(job)
    } else {
        Err(ApiError::not_found().into())
    }
}

async fn apply(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let job = open_job(ctx).await?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let db = ctx.db()?;
            if !job.is_open(ctx.today()) {
                return Err(ApiError::conflict(Text::new(
                    "这份工作已经不招人了",
                    "This job is no longer hiring",
                ))
                .into());
            }
            if store::is_contact(&db, job.employer_id, user_id).await? {
                return Err(ApiError::conflict(Text::new(
                    "不能申请自己企业的岗位",
                    "You cannot apply to your own employer's job",
                ))
                .into());
            }
            rate_limit::take(
                &db,
                &format!("job-apply:{user_id}"),
                APPLY_PER_DAY,
                ctx.now_ms(),
            )
            .await?;
            let now = ctx.now_text();
            db::batch(
                &db,
                vec![store::insert_application(&db, &job, user_id, &now)?],
            )
            .await
            .on_constraint(
                "job_applications.job_id, job_applications.user_id",
                || {
                    ApiError::conflict(Text::new(
                        "您已经申请过这份工作了",
                        "You have already applied to this job",
                    ))
                },
            )?;
            let app = store::application_for(&db, job.id, user_id)
                .await?
                .ok_or_else(ApiError::internal)?;
            Ok(serde_json::to_value(ApplicationEnvelope {
                application: app.wire(&job),
            })?)
        },
    )
    .await
}

async fn report(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let job = open_job(ctx).await?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: JobReportInput = ctx.body().await?;
            let report = input.validate()?;
            let db = ctx.db()?;
            let done = db::batch(
                &db,
                vec![store::insert_report(
                    &db,
                    &job,
                    user_id,
                    &report,
                    &ctx.now_text(),
                )?],
            )
            .await
            .on_constraint("job_reports.job_id, job_reports.user_id", || {
                ApiError::conflict(Text::new(
                    "您已经举报过这条招工信息,工会正在处理",
                    "You have already reported this ad; the union is looking into it",
                ))
            })?;
            Ok(serde_json::to_value(JobReportReceiptEnvelope {
                report: JobReportReceipt {
                    id: done[0].last_row_id,
                    status: ReportStatus::Open,
                },
            })?)
        },
    )
    .await
}

async fn my_applications(ctx: &Ctx) -> AppResult<Response> {
    let rows = store::applications_of(&ctx.db()?, ctx.worker_id()?, 100).await?;
    let applications: Vec<Application> = rows.iter().map(|(a, j)| a.wire(j)).collect();
    ok(&ApplicationList {
        meta: ListMeta {
            next_cursor: None,
            limit: 100,
        },
        applications,
    })
}

async fn withdraw(ctx: &Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let app = store::application(&db, ctx.id(params::JOB_APPLICATION_ID)?)
        .await?
        .filter(|a| a.user_id == user_id)
        .ok_or_else(ApiError::not_found)?;
    ApplicationStatusChange {
        status: ApplicationStatus::Withdrawn,
    }
    .validate(app.status(), Party::Worker)?;
    db::batch(
        &db,
        store::set_application_status(&db, &app, ApplicationStatus::Withdrawn, &ctx.now_text())?,
    )
    .await?;
    let job = store::job(&db, app.job_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let app = store::application(&db, app.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&ApplicationEnvelope {
        application: app.wire(&job),
    })
}

fn no_card() -> ApiError {
    ApiError::with_message(
        shared::ErrorCode::NotFound,
        Text::new("您还没有填写求职卡", "You have no job card yet"),
    )
}

async fn my_card(ctx: &Ctx) -> AppResult<Response> {
    let card = store::card_of(&ctx.db()?, ctx.worker_id()?)
        .await?
        .ok_or_else(no_card)?;
    ok(&JobCardEnvelope {
        job_card: card.wire(),
    })
}

async fn save_card(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let input: JobCardInput = ctx.body().await?;
    let card = input.validate(ctx.today())?;
    let db = ctx.db()?;
    store::save_card(&db, user_id, &card, &ctx.now_text()).await?;
    let saved = store::card_of(&db, user_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&JobCardEnvelope {
        job_card: saved.wire(),
    })
}

/// The worker's best matches: candidates narrowed by trade and distance in
/// SQL, scored by the shared rules (the same the phone shows reasons from).
async fn matches(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: usize = 30;
    let here = MatchesQuery::read(ctx.query())?;
    let db = ctx.db()?;
    let card = store::card_of(&db, ctx.worker_id()?)
        .await?
        .ok_or_else(no_card)?
        .wire();
    let at = here.or(card.card.position);
    // Jobs in the card's trades and in those of its union certificates.
    let trades = card
        .card
        .trades
        .iter()
        .map(|t| t.trade)
        .chain(card.verified_certificates.iter().map(|c| c.trade));
    let found = store::match_candidates(&db, at, related_mask(trades), ctx.today()).await?;
    let jobs: Vec<JobSummary> = found.rows.iter().map(|r| r.summary(at)).collect();
    let matches: Vec<MatchedJob> = rank_jobs((&card).into(), here, &jobs, ctx.today())
        .into_iter()
        .take(LIMIT)
        .map(|(j, m)| MatchedJob {
            job: j.clone(),
            matched: m,
        })
        .collect();
    let mut resp = ok(&MatchList {
        matches,
        meta: ListMeta {
            next_cursor: None,
            limit: LIMIT as u32,
        },
    })?;
    resp.headers_mut()
        .set("x-d1-rows-read", &found.rows_read.to_string())?;
    Ok(resp)
}

/// Counted as the list shows them: invitations to jobs still open today.
async fn unseen_invitations(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let rows = store::invitations_of(&db, ctx.worker_id()?, 50).await?;
    let today = ctx.today();
    let unseen = rows
        .iter()
        .filter(|(i, job)| i.seen_at.is_none() && job.is_open(today))
        .count() as u32;
    ok(&UnseenInvitations { unseen })
}

async fn see_invitations(ctx: &Ctx) -> AppResult<Response> {
    store::see_invitations(&ctx.db()?, ctx.worker_id()?, &ctx.now_text()).await?;
    ok(&UnseenInvitations { unseen: 0 })
}

async fn invitations(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let rows = store::invitations_of(&db, ctx.worker_id()?, 50).await?;
    let unions = crate::unions::store::refs(
        &db,
        &rows.iter().map(|(i, _)| i.union_id).collect::<Vec<_>>(),
    )
    .await?;
    let today = ctx.today();
    let invitations = rows
        .into_iter()
        .filter(|(_, job)| job.is_open(today))
        .filter_map(|(i, job)| {
            Some(Invitation {
                id: i.id,
                job: job.summary(None),
                union: unions.iter().find(|u| u.id == i.union_id)?.clone(),
                invited_at: i.invited_at,
            })
        })
        .collect();
    ok(&InvitationList {
        invitations,
        meta: ListMeta {
            next_cursor: None,
            limit: 50,
        },
    })
}
