//! Staff handlers of membership, scoped to the caller's union subtree.

use super::store::{self, ApplicationRow};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::reply::{ok, svg};
use crate::unions::scope::{in_scope, scope_of};
use crate::unions::store as unions;
use chrono::Datelike;
use shared::api::{cursor, page_limit, ListMeta};
use shared::membership::*;
use shared::routes::params;
use shared::{ApiError, Text};
use worker::Response;

fn audit_event<'a>(
    action: &'a str,
    target_type: &'a str,
    target_id: String,
    union_id: i64,
    path: &'a str,
    after: serde_json::Value,
) -> audit::Event<'a> {
    audit::Event {
        action,
        target_type,
        target_id,
        union_id: Some(union_id),
        union_path: path,
        before: None,
        after: Some(after),
    }
}

pub async fn queue(ctx: &Ctx) -> AppResult<Response> {
    let q = ReviewQueueQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let after = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let status = q.status.or(Some(ApplicationStatus::Pending));
    let rows = store::queue(&ctx.db()?, &scope, status, q.kind, after, limit + 1).await?;
    let next = (rows.len() > limit as usize)
        .then(|| cursor::encode(&rows[limit as usize - 1].id.to_string()));
    ok(&ReviewQueue {
        applications: rows
            .iter()
            .take(limit as usize)
            .map(ApplicationRow::review_item)
            .collect(),
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

/// Decides one application; a skip says why it was left as it was.
async fn decide(ctx: &Ctx, id: i64, d: &ValidDecision) -> AppResult<DecisionOutcome> {
    let skip = |s| {
        Ok(DecisionOutcome {
            application_id: id,
            status: None,
            skipped: Some(s),
            member_no: None,
        })
    };
    let db = ctx.db()?;
    let staff = ctx.staff()?;
    let Some(app) = store::application(&db, id)
        .await?
        .filter(|a| staff.scope().contains(&a.union_path))
    else {
        return skip(DecisionSkip::NotFound);
    };
    if app.status() != ApplicationStatus::Pending {
        return skip(DecisionSkip::AlreadyDecided);
    }
    let union = unions::by_id(&db, app.union_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let summary = union.summary();
    let now = ctx.now_text();
    let day = ctx.today();
    let ip = ctx.client_ip();
    let status = d.decision.status();
    let mut statements = vec![store::set_application_status(
        &db,
        id,
        status,
        Some(&staff.display_name),
        d.rejection_reason.as_deref(),
        &now,
    )?];
    if status == ApplicationStatus::Rejected {
        statements.push(store::event(
            &db,
            app.user_id,
            MembershipEventKind::Rejected,
            &summary,
            &union.path,
            None,
            None,
            d.rejection_reason.as_deref(),
            &now,
        )?);
    } else {
        if summary.accepts_members(day).is_err() {
            return skip(DecisionSkip::UnionNotAccepting);
        }
        let current = store::active_member(&db, app.user_id).await?;
        if app.kind() == ApplicationKind::Enrolment && current.is_some() {
            return skip(DecisionSkip::AlreadyMember);
        }
        statements.extend(store::admit(
            &db,
            &app,
            &summary,
            day.year(),
            &day.to_string(),
            &now,
        )?);
        statements.push(store::event(
            &db,
            app.user_id,
            MembershipEventKind::Approved,
            &summary,
            &union.path,
            None,
            None,
            None,
            &now,
        )?);
        match (app.kind(), &current) {
            (ApplicationKind::Transfer, Some(old)) => {
                let old_union = unions::by_id(&db, old.union_id)
                    .await?
                    .ok_or_else(ApiError::internal)?;
                let old_summary = old_union.summary();
                statements.push(store::event_with_new_member_no(
                    &db,
                    app.id,
                    app.user_id,
                    MembershipEventKind::Transferred,
                    &summary,
                    &union.path,
                    Some(&old_summary),
                    None,
                    &now,
                )?);
                statements.push(store::event(
                    &db,
                    app.user_id,
                    MembershipEventKind::Transferred,
                    &old_summary,
                    &old_union.path,
                    Some(&summary),
                    Some(&old.member_no),
                    Some("转出"),
                    &now,
                )?);
            }
            _ => statements.push(store::event_with_new_member_no(
                &db,
                app.id,
                app.user_id,
                MembershipEventKind::Joined,
                &summary,
                &union.path,
                None,
                None,
                &now,
            )?),
        }
    }
    let action = if status == ApplicationStatus::Approved {
        "membership.approve"
    } else {
        "membership.reject"
    };
    let e = audit_event(
        action,
        "application",
        id.to_string(),
        union.id,
        &union.path,
        serde_json::json!({ "status": status.code(), "reason": d.rejection_reason }),
    );
    statements.push(audit::statement(&db, staff, &e, &now, &ip)?);
    match db::batch(&db, statements).await {
        Ok(_) => {}
        // An active membership already exists for this account or ID number.
        Err(e) if e.is_unique("members.user_id") || e.is_unique("members.id_number_index") => {
            return skip(DecisionSkip::AlreadyMember)
        }
        Err(e) => return Err(e),
    }
    let member_no = if status == ApplicationStatus::Approved {
        store::newest_member_no(&db, app.user_id, union.id).await?
    } else {
        None
    };
    Ok(DecisionOutcome {
        application_id: id,
        status: Some(status),
        skipped: None,
        member_no,
    })
}

pub async fn decide_one(ctx: &mut Ctx) -> AppResult<Response> {
    let id = ctx.id(params::APPLICATION_ID)?;
    // Scope before the body: outside the subtree there is nothing to find.
    let app = store::application(&ctx.db()?, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&app.union_path)?;
    let input: DecisionInput = ctx.body().await?;
    let valid = input.validate()?;
    let outcome = decide(ctx, id, &valid).await?;
    ok(&BulkDecisionReply::new(vec![outcome]))
}

pub async fn decide_bulk(ctx: &mut Ctx) -> AppResult<Response> {
    let input: BulkDecision = ctx.body().await?;
    let (valid, ids) = input.validate()?;
    // Any application outside the caller's subtree refuses the whole batch: nothing is half-done.
    let db = ctx.db()?;
    for id in &ids {
        let app = store::application(&db, *id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        ctx.staff()?.check_scope(&app.union_path)?;
    }
    let mut results = Vec::with_capacity(ids.len());
    for id in ids {
        results.push(decide(ctx, id, &valid).await?);
    }
    ok(&BulkDecisionReply::new(results))
}

/// Opens a sealed ID number for staff of the subtree, and writes that they looked.
async fn reveal(
    ctx: &Ctx,
    sealed: Option<&str>,
    user_id: i64,
    target_type: &str,
    target_id: String,
    union_id: i64,
    path: &str,
) -> AppResult<Response> {
    let sealed = sealed.ok_or_else(|| {
        ApiError::with_message(
            shared::ErrorCode::NotFound,
            Text::new(
                "这个人的身份证号已经删除",
                "This person's ID number has been deleted",
            ),
        )
    })?;
    let id_number = ctx
        .keyring()?
        .open(sealed, &format!("user:{user_id}"))
        .ok_or_else(|| crate::error::AppError::Internal("sealed ID number did not open".into()))?;
    let e = audit::Event {
        action: "id_number.reveal",
        target_type,
        target_id,
        union_id: Some(union_id),
        union_path: path,
        before: None,
        after: None,
    };
    audit::record(
        &ctx.db()?,
        ctx.staff()?,
        &e,
        &ctx.now_text(),
        &ctx.client_ip(),
    )
    .await?;
    let mut r = ok(&RevealedIdNumber { id_number })?;
    r.headers_mut().set("cache-control", "no-store")?;
    Ok(r)
}

pub async fn reveal_applicant(ctx: &Ctx) -> AppResult<Response> {
    let app = store::application(&ctx.db()?, ctx.id(params::APPLICATION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&app.union_path)?;
    reveal(
        ctx,
        app.id_number_sealed.as_deref(),
        app.user_id,
        "application",
        app.id.to_string(),
        app.union_id,
        &app.union_path,
    )
    .await
}

pub async fn reveal_member(ctx: &Ctx) -> AppResult<Response> {
    let m = store::member_by_no(&ctx.db()?, ctx.param(params::MEMBER_NO))
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&m.union_path)?;
    reveal(
        ctx,
        m.id_number_sealed.as_deref(),
        m.user_id,
        "member",
        m.member_no.clone(),
        m.union_id,
        &m.union_path,
    )
    .await
}

pub async fn members(ctx: &Ctx) -> AppResult<Response> {
    let q = ReviewQueueQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let after = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let rows = store::members_in_scope(&ctx.db()?, &scope, after, limit + 1).await?;
    let next = (rows.len() > limit as usize)
        .then(|| cursor::encode(&rows[limit as usize - 1].id.to_string()));
    ok(&MemberList {
        members: rows
            .iter()
            .take(limit as usize)
            .map(store::MemberDb::row)
            .collect(),
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

/// Every member of the subtree as CSV, a page at a time in id order.
pub async fn export_members(ctx: &Ctx) -> AppResult<Response> {
    use shared::membership::spreadsheet::{member_cells, MEMBER_HEADING};
    let q = ReviewQueueQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    crate::export::csv(
        ctx.db()?,
        MEMBER_HEADING,
        "members.csv",
        0,
        move |db, after| {
            let scope = scope.clone();
            async move {
                let got = store::members_in_scope(&db, &scope, after, crate::export::PAGE)
                    .await
                    .map(|rows| {
                        let next = crate::export::next_after(&rows, |r| r.id);
                        (rows.iter().map(|r| member_cells(&r.row())).collect(), next)
                    });
                (db, got)
            }
        },
    )
}

/// Every application of the subtree (of `?status=` when given) as CSV.
pub async fn export_applications(ctx: &Ctx) -> AppResult<Response> {
    use shared::membership::spreadsheet::{application_cells, APPLICATION_HEADING};
    let q = ReviewQueueQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let (status, kind) = (q.status, q.kind);
    crate::export::csv(
        ctx.db()?,
        APPLICATION_HEADING,
        "applications.csv",
        0,
        move |db, after| {
            let scope = scope.clone();
            async move {
                let got = store::queue(&db, &scope, status, kind, after, crate::export::PAGE)
                    .await
                    .map(|rows| {
                        let next = crate::export::next_after(&rows, |r| r.id);
                        let cells = rows
                            .iter()
                            .map(|r| application_cells(&r.review_item()))
                            .collect();
                        (cells, next)
                    });
                (db, got)
            }
        },
    )
}

/// Closing a project union: its members move to the fallback (兜底) union in one
/// batch, with new member numbers there; their history keeps both.
pub async fn close_union(ctx: &mut Ctx) -> AppResult<Response> {
    let closing = in_scope(ctx, ctx.id(params::UNION_ID)?).await?;
    let input: CloseProjectInput = ctx.body().await?;
    let closing_summary = closing.summary();
    let fallback = match input.fallback_for(&closing_summary) {
        Some(id) => Some(in_scope(ctx, id).await.map_err(|_| {
            ApiError::forbidden_field(
                "fallback_union_id",
                Text::new(
                    "兜底工会不在您的管辖范围内",
                    "The fallback union is outside your scope",
                ),
            )
        })?),
        None => None,
    };
    let fallback_summary = fallback.as_ref().map(unions::UnionRow::summary);
    check_closure(&closing_summary, fallback_summary.as_ref(), ctx.today())?;
    let (fallback, fallback_summary) = (
        fallback.ok_or_else(ApiError::internal)?,
        fallback_summary.ok_or_else(ApiError::internal)?,
    );
    let db = ctx.db()?;
    let ids = store::active_member_ids(&db, closing.id).await?;
    let now = ctx.now_text();
    let day = ctx.today();
    let mut statements = store::move_members(
        &db,
        &closing_summary,
        &closing.path,
        &fallback_summary,
        &fallback.path,
        &ids,
        day.year(),
        &day.to_string(),
        &now,
    )?;
    let e = audit_event(
        "union.close",
        "union",
        closing.id.to_string(),
        closing.id,
        &closing.path,
        serde_json::json!({ "fallback_union_id": fallback.id, "members_moved": ids.len() }),
    );
    statements.push(audit::statement(
        &db,
        ctx.staff()?,
        &e,
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements).await?;
    let closed = unions::by_id(&db, closing.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&ClosureReply {
        union: closed.summary(),
        fallback_union: fallback_summary,
        moved: ids.len() as u32,
    })
}

pub async fn figures(ctx: &Ctx) -> AppResult<Response> {
    let q = FiguresQuery::read(ctx.query())?;
    let range = q.range(ctx.today())?;
    let scope = scope_of(ctx, q.union_id).await?;
    // Month edges are Asia/Shanghai midnights; events are stored in UTC.
    let utc = |d: chrono::NaiveDate| {
        shared::time::rfc3339(
            d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::Duration::hours(8),
        )
    };
    let rows = store::figures(&ctx.db()?, &scope, &utc(range.start), &utc(range.end)).await?;
    ok(&MembershipFigures::new(range, rows))
}

pub async fn join_poster(ctx: &Ctx) -> AppResult<Response> {
    let u = in_scope(ctx, ctx.id(params::UNION_ID)?).await?;
    let origin = ctx.req.url()?.origin().ascii_serialization();
    svg(shared::server::qr::svg(
        &format!("{origin}/join/{}", u.join_code),
        480,
    ))
}
