//! The union scope of a staff request: which union (and so which subtree) a
//! handler may act on. Every capability's staff handlers scope through these.

use super::store::{self, UnionRow};
use crate::ctx::Ctx;
use crate::error::AppResult;
use shared::accounts::Scope;
use shared::ApiError;

/// A union the caller may act on, or 404.
pub async fn in_scope(ctx: &Ctx, id: i64) -> AppResult<UnionRow> {
    let staff = ctx.staff()?;
    let row = store::by_id(&ctx.db()?, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    staff.check_scope(&row.path)?;
    Ok(row)
}

/// The scope of a staff list: the caller's subtree, narrowed to `union_id` when
/// given (which must itself be in the caller's subtree, else 404).
pub async fn scope_of(ctx: &Ctx, union_id: Option<i64>) -> AppResult<Scope> {
    match union_id {
        Some(id) => Ok(Scope::under(&in_scope(ctx, id).await?.path)),
        None => Ok(ctx.staff()?.scope()),
    }
}
