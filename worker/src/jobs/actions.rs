//! What an employer's contacts and union staff both do to jobs and
//! applications, with the same rules; staff changes are also audited.

use super::store::{self, ApplicationRow, EmployerRow, IdTable, JobRow};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::principal::Staff;
use shared::jobs::*;
use shared::{ApiError, Text};
use worker::D1PreparedStatement;

/// Who is acting.
pub enum Actor<'a> {
    Contact { user_id: i64 },
    Staff(&'a Staff),
}

impl Actor<'_> {
    pub fn by(&self) -> String {
        match self {
            Actor::Contact { user_id } => format!("user:{user_id}"),
            Actor::Staff(s) => format!("staff:{}", s.id),
        }
    }

    fn viewer(&self) -> Viewer {
        match self {
            Actor::Contact { .. } => Viewer::Owner,
            Actor::Staff(_) => Viewer::Staff,
        }
    }

    /// The audit entry of a staff change (contacts' changes are not staff actions).
    fn audit(
        &self,
        ctx: &Ctx,
        action: &str,
        target_type: &str,
        id: i64,
        union_path: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> AppResult<Option<D1PreparedStatement>> {
        let Actor::Staff(staff) = self else {
            return Ok(None);
        };
        let event = audit::Event {
            action,
            target_type,
            target_id: id.to_string(),
            union_id: None,
            union_path,
            before,
            after,
        };
        Ok(Some(audit::statement(
            &ctx.db()?,
            staff,
            &event,
            &ctx.now_text(),
            &ctx.client_ip(),
        )?))
    }
}

fn not_verified() -> ApiError {
    ApiError::field(
        "status",
        Text::new(
            "企业还没有通过工会核实,岗位暂时不能发布",
            "The employer is not verified by the union yet; the job cannot go live",
        ),
    )
}

pub fn job_reply(row: &JobRow, viewer: Viewer) -> AppResult<serde_json::Value> {
    Ok(serde_json::to_value(JobEnvelope {
        job: row.wire(viewer, None, None),
    })?)
}

/// A new job of `employer`: live at once when the employer is verified, else a
/// draft that goes live when it is. Explicit ids: a lost race is tried again.
pub async fn create_job(
    ctx: &mut Ctx,
    actor: &Actor<'_>,
    employer: &EmployerRow,
    input: JobInput,
) -> AppResult<serde_json::Value> {
    if input.employer_id.is_some_and(|id| id != employer.id) {
        return Err(ApiError::field(
            "employer_id",
            Text::new(
                "只能为这家企业发布岗位",
                "You can post only for this employer",
            ),
        )
        .into());
    }
    let job = input.validate(ctx.today())?;
    let status = if employer.status().may_publish() {
        JobStatus::Live
    } else {
        JobStatus::Draft
    };
    let db = ctx.db()?;
    let now = ctx.now_text();
    for _ in 0..3 {
        let id = store::next_id(&db, IdTable::Jobs).await?;
        let mut statements = store::insert_job(
            &db,
            id,
            employer.id,
            &employer.union_path,
            &job,
            status,
            &actor.by(),
            &now,
        )?;
        statements.extend(actor.audit(
            ctx,
            "job.create",
            "job",
            id,
            &employer.union_path,
            None,
            Some(serde_json::to_value(&job)?),
        )?);
        match db::batch(&db, statements).await {
            Ok(_) => {
                let row = store::job(&db, id).await?.ok_or_else(ApiError::internal)?;
                return job_reply(&row, actor.viewer());
            }
            // Another job took this id first: take the next one.
            Err(e) if e.is_unique("jobs.id") => continue,
            Err(e) => return Err(e),
        }
    }
    Err(ApiError::rate_limited(1).into())
}

pub async fn edit_job(
    ctx: &mut Ctx,
    actor: &Actor<'_>,
    row: JobRow,
) -> AppResult<serde_json::Value> {
    let input: JobInput = ctx.body().await?;
    if input.employer_id.is_some_and(|id| id != row.employer_id) {
        return Err(ApiError::field(
            "employer_id",
            Text::new(
                "岗位不能换到另一家企业",
                "A job cannot move to another employer",
            ),
        )
        .into());
    }
    let job = input.validate(ctx.today())?;
    let db = ctx.db()?;
    let mut statements = store::update_job(
        &db,
        row.id,
        &job,
        row.status() == JobStatus::Live,
        &ctx.now_text(),
    )?;
    statements.extend(actor.audit(
        ctx,
        "job.update",
        "job",
        row.id,
        &row.union_path,
        Some(serde_json::to_value(row.input())?),
        Some(serde_json::to_value(&job)?),
    )?);
    db::batch(&db, statements).await?;
    job_reply(
        &store::job(&db, row.id)
            .await?
            .ok_or_else(ApiError::internal)?,
        actor.viewer(),
    )
}

/// Publish, fill, reopen — and for staff, take down and restore.
pub async fn change_status(
    ctx: &mut Ctx,
    actor: &Actor<'_>,
    row: JobRow,
) -> AppResult<serde_json::Value> {
    let change: JobStatusChange = ctx.body().await?;
    let current = row.status().effective(row.valid_until(), ctx.today());
    change.validate(current, matches!(actor, Actor::Staff(_)), ctx.today())?;
    if change.status == JobStatus::Live && !row.employer().is_verified() {
        return Err(not_verified().into());
    }
    let db = ctx.db()?;
    let mut statements = store::set_job_status(
        &db,
        &row,
        change.status,
        change.valid_until,
        &ctx.now_text(),
    )?;
    let action = if change.status == JobStatus::TakenDown {
        "job.take_down"
    } else {
        "job.status"
    };
    statements.extend(actor.audit(
        ctx,
        action,
        "job",
        row.id,
        &row.union_path,
        Some(serde_json::json!({ "status": current })),
        Some(serde_json::to_value(&change)?),
    )?);
    db::batch(&db, statements).await?;
    job_reply(
        &store::job(&db, row.id)
            .await?
            .ok_or_else(ApiError::internal)?,
        actor.viewer(),
    )
}

/// Contacted, hired or not selected. A hire counts as a match, and the job is
/// filled when its headcount is reached.
pub async fn decide_application(
    ctx: &mut Ctx,
    actor: &Actor<'_>,
    app: ApplicationRow,
    job: JobRow,
) -> AppResult<serde_json::Value> {
    let change: ApplicationStatusChange = ctx.body().await?;
    change.validate(app.status(), Party::Employer)?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let mut statements = store::set_application_status(&db, &app, change.status, &now)?;
    if change.status.counts_as_match()
        && job.status() == JobStatus::Live
        && job.hires + 1 >= job.headcount
    {
        statements.extend(store::set_job_status(
            &db,
            &job,
            JobStatus::Filled,
            None,
            &now,
        )?);
    }
    statements.extend(actor.audit(
        ctx,
        "job_application.status",
        "job_application",
        app.id,
        &job.union_path,
        Some(serde_json::json!({ "status": app.status() })),
        Some(serde_json::to_value(&change)?),
    )?);
    db::batch(&db, statements).await?;
    let applicant = store::applicant(&db, app.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(serde_json::to_value(JobApplicantEnvelope { applicant })?)
}

/// Publishes the drafts an employer posted while it waited for verification.
pub fn publish_drafts(ctx: &Ctx, drafts: &[JobRow]) -> AppResult<Vec<D1PreparedStatement>> {
    let db = ctx.db()?;
    let mut out = Vec::new();
    for d in drafts {
        out.extend(store::set_job_status(
            &db,
            d,
            JobStatus::Live,
            None,
            &ctx.now_text(),
        )?);
    }
    Ok(out)
}
