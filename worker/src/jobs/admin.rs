//! Union staff handlers, scoped to the caller's subtree: verify employers and
//! keep their record, post and moderate jobs, find and invite candidates, run
//! job fairs, read the figures.

use super::actions::{self, Actor};
use super::employer::duplicate_uscc;
use super::store::{self, EmployerRow, IdTable, JobRow};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::ok;
use crate::unions::scope::{in_scope, scope_of};
use shared::jobs::matching::{rank_cards, Candidate};
use shared::jobs::reach::{card_in_reach, StaffReach};
use shared::jobs::*;
use shared::membership::FiguresQuery;
use shared::routes::params;
use shared::{ApiError, Text};
use worker::Response;

fn outside_scope(field: &str) -> ApiError {
    ApiError::forbidden_field(
        field,
        Text::new("不在您的管辖范围内", "This is outside your scope"),
    )
}

async fn employer_in_scope(ctx: &Ctx) -> AppResult<EmployerRow> {
    let e = store::employer(&ctx.db()?, ctx.id(params::EMPLOYER_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&e.union_path)?;
    Ok(e)
}

async fn job_in_scope(ctx: &Ctx) -> AppResult<JobRow> {
    let j = store::job(&ctx.db()?, ctx.id(params::JOB_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&j.union_path)?;
    Ok(j)
}

/// The union a staff member acts as: their own, or for platform admins (who
/// have none) the union that looks after the employer.
async fn acting_union(ctx: &Ctx, employer_id: i64) -> AppResult<i64> {
    match ctx.staff()?.union_id {
        Some(id) => Ok(id),
        None => Ok(store::employer(&ctx.db()?, employer_id)
            .await?
            .ok_or_else(ApiError::internal)?
            .union_id),
    }
}

async fn employer_reply(ctx: &Ctx, id: i64) -> AppResult<Response> {
    let db = ctx.db()?;
    let e = store::employer(&db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&EmployerEnvelope {
        employer: store::wire_one(&db, &e, true).await?,
    })
}

pub async fn employers(ctx: &Ctx) -> AppResult<Response> {
    let q = AdminList::parse(ctx.query(), employer_status)?;
    let scope = scope_of(ctx, q.union_id).await?;
    let db = ctx.db()?;
    let mut rows = store::employers_in_scope(
        &db,
        &scope,
        q.status,
        q.q.as_deref(),
        q.before_id,
        q.limit + 1,
    )
    .await?;
    let meta = q.page(&mut rows, |r| r.id);
    ok(&EmployerList {
        employers: store::wire_all(&db, &rows, true).await?,
        meta,
    })
}

/// Every employer of the subtree (of `?status=`) as CSV, newest first.
pub async fn export_employers(ctx: &Ctx) -> AppResult<Response> {
    use shared::jobs::spreadsheet::{employer_cells, EMPLOYER_HEADING};
    let q = AdminList::parse(ctx.query(), employer_status)?;
    let scope = scope_of(ctx, q.union_id).await?;
    let status = q.status;
    crate::export::csv(
        ctx.db()?,
        EMPLOYER_HEADING,
        "employers.csv",
        i64::MAX,
        move |db, before| {
            let scope = scope.clone();
            async move {
                let page = store::employers_in_scope(
                    &db,
                    &scope,
                    status,
                    None,
                    Some(before),
                    crate::export::PAGE,
                );
                let got = page.await.map(|rows| {
                    let next = crate::export::next_after(&rows, |r| r.id);
                    (
                        rows.iter()
                            .map(|r| employer_cells(&r.wire(Vec::new(), true)))
                            .collect(),
                        next,
                    )
                });
                (db, got)
            }
        },
    )
}

/// Every job of the subtree (of `?status=`) as CSV, newest first.
pub async fn export_jobs(ctx: &Ctx) -> AppResult<Response> {
    use shared::jobs::spreadsheet::{job_cells, JOB_HEADING};
    let q = AdminList::parse(ctx.query(), job_status)?;
    let scope = scope_of(ctx, q.union_id).await?;
    let status = q.status;
    crate::export::csv(
        ctx.db()?,
        JOB_HEADING,
        "jobs.csv",
        i64::MAX,
        move |db, before| {
            let scope = scope.clone();
            async move {
                let page = store::jobs_in_scope(
                    &db,
                    &scope,
                    status,
                    None,
                    Some(before),
                    crate::export::PAGE,
                );
                let got = page.await.map(|rows| {
                    let next = crate::export::next_after(&rows, |r| r.id);
                    (
                        rows.iter().map(|r| job_cells(&r.summary(None))).collect(),
                        next,
                    )
                });
                (db, got)
            }
        },
    )
}

/// An employer staff checked in person: verified by the chosen union at once.
pub async fn create_employer(ctx: &mut Ctx) -> AppResult<Response> {
    let input: StaffEmployerInput = ctx.body().await?;
    let union = in_scope(ctx, input.union_id)
        .await
        .map_err(|_| outside_scope("union_id"))?;
    let employer = input.employer.validate()?;
    let staff = ctx.staff()?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let id = store::next_id(&db, IdTable::Employers).await?;
    let mut statements = store::insert_employer(
        &db,
        id,
        &employer,
        union.id,
        &union.path,
        EmployerStatus::Verified,
        Some(&format!("staff:{}", staff.id)),
        None,
        &now,
    )?;
    let mut logged = employer.clone();
    logged.code = None;
    statements.push(audit::statement(
        &db,
        staff,
        &audit::Event::new(
            "employer.create",
            "employer",
            id,
            &union.path,
            Some(serde_json::to_value(&logged)?),
        ),
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements)
        .await
        .on_constraint("employers.uscc", duplicate_uscc)
        // Another employer took this id first: the staff member submits again.
        .on_constraint("employers.id", || ApiError::rate_limited(1))?;
    employer_reply(ctx, id).await
}

pub async fn employer(ctx: &Ctx) -> AppResult<Response> {
    let e = employer_in_scope(ctx).await?;
    employer_reply(ctx, e.id).await
}

/// Verify (its waiting drafts go live), suspend (its jobs leave every list) or reinstate.
pub async fn set_employer_status(ctx: &mut Ctx) -> AppResult<Response> {
    let e = employer_in_scope(ctx).await?;
    let change: EmployerStatusChange = ctx.body().await?;
    change.validate(e.status())?;
    let staff = ctx.staff()?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let note = change
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let mut statements = vec![store::set_employer_status(
        &db,
        e.id,
        change.status,
        note,
        Some(acting_union(ctx, e.id).await?),
        &format!("staff:{}", staff.id),
        &now,
    )?];
    if change.status == EmployerStatus::Verified {
        statements.extend(actions::publish_drafts(
            ctx,
            &store::publishable_drafts(&db, e.id, &ctx.today().to_string()).await?,
        )?);
    }
    let action = if change.status == EmployerStatus::Verified {
        "employer.verify"
    } else {
        "employer.status"
    };
    let mut entry = audit::Event::new(
        action,
        "employer",
        e.id,
        &e.union_path,
        Some(serde_json::to_value(&change)?),
    );
    entry.before = Some(serde_json::json!({ "status": e.status() }));
    statements.push(audit::statement(
        &db,
        staff,
        &entry,
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements).await?;
    employer_reply(ctx, e.id).await
}

pub async fn raise_flag(ctx: &mut Ctx) -> AppResult<Response> {
    let e = employer_in_scope(ctx).await?;
    let input: EmployerFlagInput = ctx.body().await?;
    let flag = input.validate()?;
    let db = ctx.db()?;
    if let Some(job_id) = flag.job_id {
        store::job(&db, job_id)
            .await?
            .filter(|j| j.employer_id == e.id)
            .ok_or_else(|| {
                ApiError::field(
                    "job_id",
                    Text::new(
                        "这不是这家企业的岗位",
                        "This is not one of this employer's jobs",
                    ),
                )
            })?;
    }
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::insert_flag(
                &db,
                e.id,
                &flag,
                acting_union(ctx, e.id).await?,
                &format!("staff:{}", staff.id),
                &now,
            )?,
            audit::statement(
                &db,
                staff,
                &audit::Event::new(
                    "employer.flag",
                    "employer",
                    e.id,
                    &e.union_path,
                    Some(serde_json::to_value(&flag)?),
                ),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    employer_reply(ctx, e.id).await
}

pub async fn clear_flag(ctx: &Ctx) -> AppResult<Response> {
    let e = employer_in_scope(ctx).await?;
    let flag_id = ctx.id(params::FLAG_ID)?;
    let db = ctx.db()?;
    let flag = store::flags_of(&db, &[e.id])
        .await?
        .into_iter()
        .map(|(_, f)| f)
        .find(|f| f.id == flag_id)
        .ok_or_else(ApiError::not_found)?;
    if flag.cleared_at.is_some() {
        return Err(ApiError::conflict(Text::new(
            "这个标记已经清除了",
            "This flag is already cleared",
        ))
        .into());
    }
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::clear_flag(&db, e.id, flag_id, &format!("staff:{}", staff.id), &now)?,
            audit::statement(
                &db,
                staff,
                &audit::Event::new(
                    "employer.clear_flag",
                    "employer_flag",
                    flag_id,
                    &e.union_path,
                    None,
                ),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    employer_reply(ctx, e.id).await
}

pub async fn jobs(ctx: &Ctx) -> AppResult<Response> {
    let q = AdminList::parse(ctx.query(), job_status)?;
    let scope = scope_of(ctx, q.union_id).await?;
    let mut rows = store::jobs_in_scope(
        &ctx.db()?,
        &scope,
        q.status,
        q.q.as_deref(),
        q.before_id,
        q.limit + 1,
    )
    .await?;
    let meta = q.page(&mut rows, |r| r.id);
    ok(&JobList {
        jobs: rows.iter().map(|r| r.summary(None)).collect(),
        meta,
    })
}

/// A job on an employer's behalf (at a fair, say); the employer must be in scope.
pub async fn post_job(ctx: &mut Ctx) -> AppResult<Response> {
    let staff_id = ctx.staff()?.id;
    idempotency::once(
        ctx,
        &format!("staff:{staff_id}"),
        async move |ctx: &mut Ctx| {
            let input: JobInput = ctx.body().await?;
            let employer_id = input.employer_id.ok_or_else(|| {
                ApiError::field(
                    "employer_id",
                    Text::new("请选择替哪家企业发布", "Choose the employer to post for"),
                )
            })?;
            let e = store::employer(&ctx.db()?, employer_id)
                .await?
                .ok_or_else(|| {
                    ApiError::field("employer_id", Text::new("没有这家企业", "No such employer"))
                })?;
            if !ctx.staff()?.scope().contains(&e.union_path) {
                return Err(outside_scope("employer_id").into());
            }
            let staff = ctx.staff()?.clone();
            actions::create_job(ctx, &Actor::Staff(&staff), &e, input).await
        },
    )
    .await
}

pub async fn edit_job(ctx: &mut Ctx) -> AppResult<Response> {
    let job = job_in_scope(ctx).await?;
    let staff = ctx.staff()?.clone();
    ok(&actions::edit_job(ctx, &Actor::Staff(&staff), job).await?)
}

pub async fn set_job_status(ctx: &mut Ctx) -> AppResult<Response> {
    let job = job_in_scope(ctx).await?;
    let staff = ctx.staff()?.clone();
    ok(&actions::change_status(ctx, &Actor::Staff(&staff), job).await?)
}

/// Staff reading applicants' phone numbers: one audit entry per applicant, written
/// before the numbers are shown. It names the application (a reference), never the number.
async fn audit_phone_reads(ctx: &Ctx, job: &JobRow, applicants: &[JobApplicant]) -> AppResult<()> {
    if applicants.is_empty() {
        return Ok(());
    }
    let db = ctx.db()?;
    let staff = ctx.staff()?;
    let (now, ip) = (ctx.now_text(), ctx.client_ip());
    let statements = applicants
        .iter()
        .map(|a| {
            let event = audit::Event::new(
                "job_applicant.phone_read",
                "job_application",
                a.id,
                &job.union_path,
                Some(serde_json::json!({ "job_id": job.id })),
            );
            audit::statement(&db, staff, &event, &now, &ip)
        })
        .collect::<AppResult<Vec<_>>>()?;
    db::batch(&db, statements).await.map(|_| ())
}

pub async fn applicants(ctx: &Ctx) -> AppResult<Response> {
    let job = job_in_scope(ctx).await?;
    let applicants = store::applicants(&ctx.db()?, job.id, 200).await?;
    audit_phone_reads(ctx, &job, &applicants).await?;
    ok(&JobApplicantList {
        meta: shared::api::ListMeta {
            next_cursor: None,
            limit: 200,
        },
        applicants,
    })
}

pub async fn set_applicant_status(ctx: &mut Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let app = store::application(&db, ctx.id(params::JOB_APPLICATION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let job = store::job(&db, app.job_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&job.union_path)?;
    let staff = ctx.staff()?.clone();
    let decided = actions::decide_application(ctx, &Actor::Staff(&staff), app, job.clone()).await?;
    let shown: JobApplicantEnvelope = serde_json::from_value(decided.clone())?;
    audit_phone_reads(ctx, &job, std::slice::from_ref(&shown.applicant)).await?;
    ok(&decided)
}

/// The job's area (district name, the employer's division code) and the
/// caller's region: what `card_in_reach` needs to keep candidates near.
async fn reach_of(ctx: &Ctx, job: &JobRow) -> AppResult<(String, String, Option<String>)> {
    let db = ctx.db()?;
    let job_region = store::employer(&db, job.employer_id)
        .await?
        .map(|e| e.region_code)
        .unwrap_or_default();
    let staff_region = match ctx.staff()?.union_id {
        Some(id) => Some(
            crate::unions::store::by_id(&db, id)
                .await?
                .and_then(|u| u.region_code)
                .unwrap_or_default(),
        ),
        None => None,
    };
    Ok((job.district.clone(), job_region, staff_region))
}

fn staff_reach(region: &Option<String>) -> StaffReach<'_> {
    match region {
        Some(r) => StaffReach::Region(Some(r)),
        None => StaffReach::Everywhere,
    }
}

/// Visible job cards with a same or related trade whose areas lie in the job's
/// area or the caller's region, ranked by the shared match score; distances
/// in bands only.
pub async fn candidates(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: usize = 30;
    let job = job_in_scope(ctx).await?;
    let (district, job_region, staff_region) = reach_of(ctx, &job).await?;
    let summary = job.summary(None);
    let rows = store::visible_cards(
        &ctx.db()?,
        related_mask(summary.trades.iter().copied()),
        trade_mask(summary.trades.iter().copied()),
        300,
    )
    .await?;
    let cards: Vec<JobCard> = rows
        .iter()
        .map(|r| r.wire())
        .filter(|c| {
            card_in_reach(
                &c.card.areas,
                &district,
                &job_region,
                staff_reach(&staff_region),
            )
        })
        .collect();
    let candidates = rank_cards(&summary, &cards, ctx.today())
        .into_iter()
        .take(LIMIT)
        .map(|(c, m)| Candidate {
            card_id: c.id,
            display_name: rows
                .iter()
                .find(|r| r.id == c.id)
                .and_then(|r| r.display_name.clone()),
            trades: c.card.trades.clone(),
            certificates: c.card.certificates.clone(),
            verified_certificates: c.verified_certificates.clone(),
            expected_wage_fen: c.card.expected_wage_fen,
            expected_wage_unit: c.card.expected_wage_unit,
            available_from: c.card.available_from,
            matched: m.banded(),
        })
        .collect();
    ok(&CandidateList {
        candidates,
        meta: shared::api::ListMeta {
            next_cursor: None,
            limit: LIMIT as u32,
        },
    })
}

pub async fn invite(ctx: &mut Ctx) -> AppResult<Response> {
    let job = job_in_scope(ctx).await?;
    let input: InvitationInput = ctx.body().await?;
    let ids = input.validate()?;
    if !job.is_open(ctx.today()) {
        return Err(ApiError::conflict(Text::new(
            "这个岗位现在不招人,不能推荐",
            "This job is not hiring now",
        ))
        .into());
    }
    let db = ctx.db()?;
    let cards = store::cards_by_ids(&db, &ids).await?;
    let (district, job_region, staff_region) = reach_of(ctx, &job).await?;
    if cards.iter().any(|c| {
        !card_in_reach(
            &c.wire().card.areas,
            &district,
            &job_region,
            staff_reach(&staff_region),
        )
    }) {
        return Err(outside_scope("card_ids").into());
    }
    if cards.len() != ids.len() {
        return Err(ApiError::field(
            "card_ids",
            Text::new(
                "有的工友已经隐藏了求职卡",
                "Some of these workers have hidden their job cards",
            ),
        )
        .into());
    }
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    let users: Vec<i64> = cards.iter().map(|c| c.user_id).collect();
    let union_id = acting_union(ctx, job.employer_id).await?;
    let done = db::batch(
        &db,
        vec![
            store::invite(
                &db,
                job.id,
                &users,
                union_id,
                &format!("staff:{}", staff.id),
                &now,
            )?,
            audit::statement(
                &db,
                staff,
                &audit::Event::new(
                    "job.invite",
                    "job",
                    job.id,
                    &job.union_path,
                    Some(serde_json::json!({ "card_ids": ids })),
                ),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    let invited = done[0].changes as u32;
    ok(&InvitationReply {
        invited,
        already: users.len() as u32 - invited,
    })
}

pub async fn reports(ctx: &Ctx) -> AppResult<Response> {
    let q = AdminList::parse(ctx.query(), report_status)?;
    let scope = scope_of(ctx, q.union_id).await?;
    let db = ctx.db()?;
    let mut rows = store::reports_in_scope(
        &db,
        &scope,
        q.status.unwrap_or(ReportStatus::Open),
        q.before_id,
        q.limit + 1,
    )
    .await?;
    let meta = q.page(&mut rows, |r| r.id);
    let jobs = store::jobs_by_ids(&db, &rows.iter().map(|r| r.job_id).collect::<Vec<_>>()).await?;
    let reports = rows
        .iter()
        .filter_map(|r| Some(r.wire(jobs.iter().find(|j| j.id == r.job_id)?)))
        .collect();
    ok(&JobReportList { reports, meta })
}

/// Take the job down (upholding every open report on it, optionally flagging
/// the employer) or dismiss this report.
pub async fn decide_report(ctx: &mut Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let report = store::report(&db, ctx.id(params::REPORT_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let job = store::job(&db, report.job_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&job.union_path)?;
    let input: ReportDecision = ctx.body().await?;
    let decision = input.validate()?;
    if report.status() != ReportStatus::Open {
        return Err(ApiError::conflict(Text::new(
            "这条举报已经处理过了",
            "This report has already been decided",
        ))
        .into());
    }
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    let by = format!("staff:{}", staff.id);
    let take_down = decision.action == ReportAction::TakeDown;
    let mut statements = vec![store::decide(&db, &report, take_down, &by, &now)?];
    if take_down && job.status().can_become(JobStatus::TakenDown) {
        statements.extend(store::set_job_status(
            &db,
            &job,
            JobStatus::TakenDown,
            None,
            &now,
        )?);
    }
    if decision.flag_employer {
        let union_id = acting_union(ctx, job.employer_id).await?;
        let flag = EmployerFlagInput {
            reason: report.reason(),
            job_id: Some(job.id),
            note: decision.note.clone(),
        };
        statements.push(store::insert_flag(
            &db,
            job.employer_id,
            &flag,
            union_id,
            &by,
            &now,
        )?);
    }
    let action = if take_down {
        "job_report.take_down"
    } else {
        "job_report.dismiss"
    };
    statements.push(audit::statement(
        &db,
        staff,
        &audit::Event::new(
            action,
            "job_report",
            report.id,
            &job.union_path,
            Some(serde_json::to_value(&decision)?),
        ),
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements).await?;
    let report = store::report(&db, report.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let job = store::job(&db, job.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&JobReportEnvelope {
        report: report.wire(&job),
    })
}

/// Every employer of a fair is verified and in the caller's subtree.
async fn check_fair_employers(ctx: &Ctx, ids: &[i64]) -> AppResult<()> {
    let staff_scope = ctx.staff()?.scope();
    let listed = store::verified_employers(&ctx.db()?, ids).await?;
    if listed.iter().any(|e| !staff_scope.contains(&e.union_path)) {
        return Err(outside_scope("employer_ids").into());
    }
    if listed.len() != ids.len() {
        return Err(ApiError::field(
            "employer_ids",
            Text::new(
                "名单里有不存在或未经核实的企业",
                "The list has an employer that does not exist or is not verified",
            ),
        )
        .into());
    }
    Ok(())
}

/// The fair of the path, in wire form, if its union is in the caller's subtree (else 404).
async fn fair_in_scope(ctx: &Ctx) -> AppResult<(store::FairRow, JobFair)> {
    let db = ctx.db()?;
    let row = store::fair(&db, ctx.id(params::FAIR_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&row.union_path)?;
    let wire = store::with_employers(&db, vec![row.clone()], &ctx.today().to_string())
        .await?
        .pop()
        .ok_or_else(ApiError::internal)?;
    Ok((row, wire))
}

async fn fair_reply(ctx: &Ctx, id: i64) -> AppResult<Response> {
    let db = ctx.db()?;
    let row = store::fair(&db, id).await?.ok_or_else(ApiError::internal)?;
    let job_fair = store::with_employers(&db, vec![row], &ctx.today().to_string())
        .await?
        .pop()
        .ok_or_else(ApiError::internal)?;
    ok(&JobFairEnvelope { job_fair })
}

/// Edits one fair (not yet over or cancelled); it may move to another union in scope.
pub async fn edit_fair(ctx: &mut Ctx) -> AppResult<Response> {
    let (row, current) = fair_in_scope(ctx).await?;
    let input: JobFairInput = ctx.body().await?;
    let union = in_scope(ctx, input.union_id)
        .await
        .map_err(|_| outside_scope("union_id"))?;
    let fair = input.validate_edit(&current, ctx.now)?;
    check_fair_employers(ctx, &fair.employer_ids).await?;
    let db = ctx.db()?;
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    let mut statements = store::update_fair(&db, row.id, &fair, &union.path, &now)?;
    let mut entry = audit::Event::new(
        "job_fair.edit",
        "job_fair",
        row.id,
        &union.path,
        Some(serde_json::to_value(&fair)?),
    );
    entry.before = Some(serde_json::to_value(&current)?);
    statements.push(audit::statement(
        &db,
        staff,
        &entry,
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements).await?;
    fair_reply(ctx, row.id).await
}

/// Cancels a fair with a reason that workers see beside "已取消".
pub async fn cancel_fair(ctx: &mut Ctx) -> AppResult<Response> {
    let (row, current) = fair_in_scope(ctx).await?;
    let input: FairCancelInput = ctx.body().await?;
    let reason = input.validate(&current, ctx.now)?;
    let db = ctx.db()?;
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    let entry = audit::Event::new(
        "job_fair.cancel",
        "job_fair",
        row.id,
        &row.union_path,
        Some(serde_json::json!({ "reason": reason })),
    );
    db::batch(
        &db,
        vec![
            store::cancel_fair(&db, row.id, &reason, &now)?,
            audit::statement(&db, staff, &entry, &now, &ctx.client_ip())?,
        ],
    )
    .await?;
    fair_reply(ctx, row.id).await
}

/// Staff correct an employer's name, contact or area (see `employer::apply_edit`).
pub async fn edit_employer(ctx: &mut Ctx) -> AppResult<Response> {
    let e = employer_in_scope(ctx).await?;
    super::employer::apply_edit(ctx, super::employer::Editor::Staff, e).await
}

/// A fair, or a monthly series of fairs on the 28th, for a union in scope.
pub async fn create_fair(ctx: &mut Ctx) -> AppResult<Response> {
    let input: JobFairInput = ctx.body().await?;
    let union = in_scope(ctx, input.union_id)
        .await
        .map_err(|_| outside_scope("union_id"))?;
    let fair = input.validate(ctx.now)?;
    let db = ctx.db()?;
    check_fair_employers(ctx, &fair.employer_ids).await?;
    let staff = ctx.staff()?;
    let now = ctx.now_text();
    let by = format!("staff:{}", staff.id);
    let first = store::next_id(&db, IdTable::Fairs).await?;
    let mut statements = Vec::new();
    let mut ids = Vec::new();
    for (i, (starts, ends)) in fair.occurrences().iter().enumerate() {
        let id = first + i as i64;
        ids.push(id);
        statements.extend(store::insert_fair(
            &db,
            id,
            &fair,
            starts,
            ends,
            &union.path,
            &by,
            &now,
        )?);
    }
    statements.push(audit::statement(
        &db,
        staff,
        &audit::Event::new(
            "job_fair.create",
            "job_fair",
            first,
            &union.path,
            Some(serde_json::to_value(&fair)?),
        ),
        &now,
        &ctx.client_ip(),
    )?);
    // Another fair took these ids first: the staff member submits again.
    db::batch(&db, statements)
        .await
        .on_constraint("job_fairs.id", || ApiError::rate_limited(1))?;
    let mut rows = Vec::new();
    for id in ids {
        rows.extend(store::fair(&db, id).await?);
    }
    let job_fairs = store::with_employers(&db, rows, &ctx.today().to_string()).await?;
    ok(&JobFairList {
        meta: shared::api::ListMeta {
            next_cursor: None,
            limit: job_fairs.len() as u32,
        },
        job_fairs,
    })
}

pub async fn figures(ctx: &Ctx) -> AppResult<Response> {
    let q = FiguresQuery::read(ctx.query())?;
    let range = q.range(ctx.today())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let utc = |d| shanghai_time(d, 0, 0).unwrap_or_default();
    let db = ctx.db()?;
    let months = store::monthly(&db, &scope, &utc(range.start), &utc(range.end)).await?;
    let (live, verified) = store::standing(&db, &scope, &ctx.today().to_string()).await?;
    ok(&JobsFigures::new(range, months, live, verified))
}
