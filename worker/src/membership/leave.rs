//! A member leaving the union (退会) and a worker withdrawing the enrolment
//! consent, from 我的. Both are submissions a phone may retry (Idempotency-Key),
//! and both are audited with the member as the actor.

use super::store;
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::idempotency;
use shared::membership::*;
use shared::{ApiError, ErrorCode, Text};
use worker::Response;

fn not_a_member() -> ApiError {
    ApiError::with_message(
        ErrorCode::NotFound,
        Text::new("您还不是工会会员", "You are not a union member yet"),
    )
}

/// The audit entry of a member's own change to their membership, by member number.
fn member_event<'a>(
    action: &'a str,
    m: &'a store::MemberDb,
    after: serde_json::Value,
) -> audit::Event<'a> {
    audit::Event {
        action,
        target_type: "member",
        target_id: m.member_no.clone(),
        union_id: Some(m.union_id),
        union_path: &m.union_path,
        before: None,
        after: Some(after),
    }
}

/// Leaving with a reason, today or on a later day; replies with the history as it now stands.
pub async fn leave(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: LeaveRequest = ctx.body().await?;
            let today = ctx.today();
            let valid = input.validate(today)?;
            let db = ctx.db()?;
            let m = store::active_member(&db, user_id)
                .await?
                .filter(|m| m.status_on(today) == MembershipStatus::Active)
                .ok_or_else(not_a_member)?;
            if let Some(on) = m.leaving_on() {
                return Err(ApiError::conflict(Text::owned(
                    format!("您已经申请退会,{on}生效"),
                    format!("You have already asked to leave, from {on}"),
                ))
                .into());
            }
            let now = ctx.now_text();
            let mut statements = store::leave(&db, &m, &valid, today, &now)?;
            let event = member_event(
                "membership.leave",
                &m,
                serde_json::json!({
                    "reason": valid.reason.code(),
                    "effective_on": valid.effective_on,
                }),
            );
            statements.push(audit::member_statement(
                &db,
                &event,
                &now,
                &ctx.client_ip(),
            )?);
            db::batch(&db, statements).await?;
            Ok(serde_json::to_value(
                store::history(&db, user_id, today).await?,
            )?)
        },
    )
    .await
}

/// Withdrawing consent: says what it changed. With nothing to withdraw it changes nothing.
pub async fn withdraw_consent(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: ConsentWithdrawal = ctx.body().await?;
            input.validate()?;
            let db = ctx.db()?;
            let pending: Vec<_> = store::applications_of(&db, user_id)
                .await?
                .into_iter()
                .filter(|a| a.status() == ApplicationStatus::Pending)
                .collect();
            let member = store::active_member(&db, user_id).await?;
            let (today, now, ip) = (ctx.today().to_string(), ctx.now_text(), ctx.client_ip());
            let mut statements = store::withdraw_consent(&db, user_id, &today, &now)?;
            for a in &pending {
                let e = audit::Event::new(
                    "membership.consent_withdrawn",
                    "application",
                    a.id,
                    &a.union_path,
                    Some(serde_json::json!({ "status": "withdrawn", "id_number": "purged" })),
                );
                statements.push(audit::member_statement(
                    &db,
                    &e.in_union(a.union_id),
                    &now,
                    &ip,
                )?);
            }
            if let Some(m) = &member {
                let e = member_event(
                    "membership.consent_withdrawn",
                    m,
                    serde_json::json!({ "status": "ended", "id_number": "purged" }),
                );
                statements.push(audit::member_statement(&db, &e, &now, &ip)?);
            }
            db::batch(&db, statements).await?;
            Ok(serde_json::to_value(ConsentWithdrawalReply {
                applications_withdrawn: pending.len() as u32,
                membership_ended: member.map(|m| m.member_no),
            })?)
        },
    )
    .await
}
