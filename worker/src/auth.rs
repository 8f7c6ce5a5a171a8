//! Who is asking. The session cookie gives a person; for staff the role and
//! union come fresh from D1 on every request (never from the client, never
//! cached in the session), so a demotion or a disabled account takes effect at once.
//! The result is a `principal::Principal` on the `Ctx`.

use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::params;
use crate::principal::{Principal, Staff};
use crate::session::{self, SessionKind};
use serde::Deserialize;
use shared::accounts::{requires_second_factor, StaffRole};
use shared::routes::Access;
use shared::ApiError;

#[derive(Deserialize)]
struct StaffRow {
    id: i64,
    display_name: String,
    role: String,
    union_id: Option<i64>,
    union_path: Option<String>,
    status: String,
}

/// Resolves the request's session into a principal (or nothing).
pub async fn resolve(ctx: &mut Ctx) -> AppResult<()> {
    let Some(header) = ctx.header("cookie") else {
        return Ok(());
    };
    let Some(token) = session::token_from_cookie_header(&header) else {
        return Ok(());
    };
    let kv = ctx.kv()?;
    let Some(s) = session::load(&kv, token, ctx.now_ms()).await? else {
        return Ok(());
    };
    let principal = match s.kind {
        SessionKind::Worker => Some(Principal::Worker { user_id: s.subject }),
        // A staff session without the second factor is over once the role needs
        // one (a session from before it was required, say).
        SessionKind::Staff => load_staff(ctx, s.subject)
            .await?
            .filter(|staff| s.second_factor || !requires_second_factor(staff.role))
            .map(Principal::Staff),
        SessionKind::SecondFactor => {
            let Some(staff) = load_staff(ctx, s.subject).await? else {
                session::destroy(&kv, &s).await?;
                return Ok(());
            };
            ctx.second_factor_due = Some(staff);
            ctx.session = Some(s);
            return Ok(());
        }
    };
    if principal.is_none() {
        session::destroy(&kv, &s).await?;
        return Ok(());
    }
    ctx.session = Some(s);
    ctx.principal = principal;
    Ok(())
}

async fn load_staff(ctx: &Ctx, staff_id: i64) -> AppResult<Option<Staff>> {
    let row: Option<StaffRow> = db::first(
        &ctx.db()?,
        "SELECT s.id, s.display_name, s.role, s.union_id, u.path AS union_path, s.status
         FROM staff s LEFT JOIN unions u ON u.id = s.union_id WHERE s.id = ?",
        params![staff_id],
    )
    .await?;
    Ok(row.filter(|r| r.status == "active").and_then(|r| {
        Some(Staff {
            id: r.id,
            display_name: r.display_name,
            role: StaffRole::parse(&r.role)?,
            union_id: r.union_id,
            union_path: r.union_path,
        })
    }))
}

/// The coarse gate of a route's `access`, before any handler runs.
/// `second_factor_due`: the request comes halfway through a staff sign-in.
pub fn gate(
    access: Access,
    principal: Option<&Principal>,
    second_factor_due: bool,
) -> AppResult<()> {
    let allowed = match (access, principal) {
        (Access::Public, _) => true,
        (Access::SecondFactor, _) if second_factor_due => true,
        (_, None) => return Err(ApiError::unauthenticated().into()),
        (Access::SignedIn, Some(_)) => true,
        (Access::Worker, Some(Principal::Worker { .. })) => true,
        (Access::Staff(min), Some(Principal::Staff(s))) => s.role >= min,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden().into())
    }
}
