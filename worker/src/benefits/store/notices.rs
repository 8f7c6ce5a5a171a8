//! Texts owed to applicants: written in the batch of the status change that
//! calls for them, claimed (`sent_at`) before sending so nothing is sent twice,
//! and released if sending failed (the hourly housekeeping retries).

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// Attempts before a text is given up.
pub const MAX_ATTEMPTS: i64 = 5;

#[derive(Debug, Clone, Deserialize)]
pub struct NoticeRow {
    pub id: i64,
    pub phone: String,
    pub programme: String,
    pub status: String,
    pub amount_fen: Option<i64>,
    pub detail: String,
}

pub fn insert_notice(
    db: &D1Database,
    application_id: i64,
    version: i64,
    status: &str,
    amount_fen: Option<i64>,
    detail: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO benefit_notices (application_id, version, status, amount_fen, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![application_id, version, status, amount_fen, detail, now],
    )
}

/// Texts not yet sent, of one application or of all.
pub async fn pending(
    db: &D1Database,
    application_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<NoticeRow>> {
    db::all(
        db,
        "SELECT n.id, u.phone, p.name AS programme, n.status, n.amount_fen, n.detail
         FROM benefit_notices n
         JOIN benefit_applications a ON a.id = n.application_id
         JOIN benefit_programmes p ON p.id = a.programme_id
         JOIN users u ON u.id = a.user_id
         WHERE n.sent_at IS NULL AND n.attempts < ?1 AND u.phone NOT LIKE 'deleted:%'
           AND (?2 IS NULL OR n.application_id = ?2)
         ORDER BY n.id LIMIT ?3",
        params![MAX_ATTEMPTS, application_id, limit],
    )
    .await
}

/// Takes a text for sending; false when someone else already has.
pub async fn claim(db: &D1Database, id: i64, now: &str) -> AppResult<bool> {
    Ok(db::run(
        db,
        "UPDATE benefit_notices SET sent_at = ?2, attempts = attempts + 1 WHERE id = ?1 AND sent_at IS NULL",
        params![id, now],
    )
    .await?
    .changes
        == 1)
}

/// Gives a text back after a failed send.
pub async fn release(db: &D1Database, id: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE benefit_notices SET sent_at = NULL WHERE id = ?",
        params![id],
    )
    .await?;
    Ok(())
}

/// Texts older than a month are of no use any more, sent or not.
pub fn forget_old(db: &D1Database, before: &str) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "DELETE FROM benefit_notices WHERE created_at < ?",
        params![before],
    )
}
