//! Wire types put together from store rows.

use super::store;
use crate::ctx::Ctx;
use crate::error::AppResult;
use shared::benefits::ApplicationEnvelope;
use shared::ApiError;

/// The capability's name on its linked files (`attachments.capability`).
pub const CAPABILITY: &str = "benefits";

/// `{"application", "history"}` of one application; `staff` adds the phone.
pub async fn application_json(ctx: &Ctx, id: i64, staff: bool) -> AppResult<serde_json::Value> {
    Ok(serde_json::to_value(application(ctx, id, staff).await?)?)
}

pub async fn application(ctx: &Ctx, id: i64, staff: bool) -> AppResult<ApplicationEnvelope> {
    let db = ctx.db()?;
    let row = store::application(&db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let history = store::history(&db, id).await?;
    let mut application = row.wire(staff);
    application.attachments = crate::attachments::of_subject(&db, CAPABILITY, id).await?;
    Ok(ApplicationEnvelope {
        application,
        history: history.iter().map(store::EventRow::wire).collect(),
    })
}

/// The Asia/Shanghai date of a stored UTC time (`YYYY-MM-DD`).
pub fn local_date(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| shared::time::local_date(t.to_utc()).to_string())
        .unwrap_or_else(|_| utc.chars().take(10).collect())
}
