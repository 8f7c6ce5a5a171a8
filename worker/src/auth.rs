//! Who is asking. The session cookie gives a person; for staff the role and
//! union come fresh from D1 on every request (never from the client, never
//! cached in the session), so a demotion or a disabled account takes effect at once.

use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::params;
use crate::session::{self, Session, SessionKind};
use serde::Deserialize;
use shared::accounts::{Scope, StaffRole};
use shared::routes::Access;
use shared::{ApiError, Text};

#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i64,
    pub display_name: String,
    pub role: StaffRole,
    pub union_id: Option<i64>,
    /// Path of the staff member's union; `None` for platform admins.
    pub union_path: Option<String>,
}

impl Staff {
    /// The unions this staff member acts for.
    pub fn scope(&self) -> Scope {
        match (&self.role, &self.union_path) {
            (StaffRole::PlatformAdmin, _) | (_, None) => Scope::everything(),
            (_, Some(path)) => Scope::under(path),
        }
    }

    /// Rejects with 404 (no leak that it exists) unless `path` is in scope.
    pub fn check_scope(&self, path: &str) -> AppResult<()> {
        if self.scope().contains(path) {
            Ok(())
        } else {
            Err(ApiError::not_found().into())
        }
    }

    pub fn require(&self, role: StaffRole) -> AppResult<()> {
        if self.role >= role {
            Ok(())
        } else {
            Err(ApiError::forbidden().into())
        }
    }
}

#[derive(Debug, Clone)]
pub enum Principal {
    Worker { user_id: i64 },
    Staff(Staff),
}

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
        SessionKind::Staff => load_staff(ctx, s.subject).await?.map(Principal::Staff),
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
pub fn gate(access: Access, principal: Option<&Principal>) -> AppResult<()> {
    let allowed = match (access, principal) {
        (Access::Public, _) => true,
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

impl Ctx {
    /// The signed-in worker's user id (the route's gate already required one).
    pub fn worker_id(&self) -> AppResult<i64> {
        match &self.principal {
            Some(Principal::Worker { user_id }) => Ok(*user_id),
            Some(_) => Err(ApiError::forbidden().into()),
            None => Err(ApiError::unauthenticated().into()),
        }
    }

    pub fn staff(&self) -> AppResult<&Staff> {
        match &self.principal {
            Some(Principal::Staff(s)) => Ok(s),
            Some(_) => Err(ApiError::forbidden().into()),
            None => Err(ApiError::unauthenticated().into()),
        }
    }

    pub fn current_session(&self) -> AppResult<&Session> {
        self.session
            .as_ref()
            .ok_or_else(|| AppError::Api(ApiError::unauthenticated()))
    }
}

/// "Wrong username or password", the same for both so neither can be probed.
pub fn bad_credentials() -> AppError {
    ApiError::with_message(
        shared::ErrorCode::Unauthenticated,
        Text::new("用户名或密码不对", "Wrong username or password"),
    )
    .into()
}
