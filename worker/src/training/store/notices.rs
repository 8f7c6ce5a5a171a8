//! Texts owed to trainees: written in the batch of the change that calls for
//! them, claimed (`sent_at`) before sending so nothing is sent twice, and
//! released again if sending failed (the hourly housekeeping retries).

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
    pub kind: String,
    pub phone: String,
    pub title: String,
    /// The session the text is about: the reminder's, or a promoted trainee's next one.
    pub date: Option<String>,
    pub starts_clock: Option<String>,
    pub place: Option<String>,
}

const PENDING: &str = "SELECT n.id, n.kind, u.phone, c.title, s.date, s.starts_clock, coalesce(st.name, s.address) AS place
  FROM training_notices n
  JOIN training_enrolments e ON e.id = n.enrolment_id
  JOIN users u ON u.id = e.user_id
  JOIN training_courses c ON c.id = e.course_id
  LEFT JOIN training_sessions s ON s.id = coalesce(n.session_id,
    (SELECT s2.id FROM training_sessions s2 WHERE s2.course_id = e.course_id AND s2.ends_at > ?1 ORDER BY s2.starts_at LIMIT 1))
  LEFT JOIN stations st ON st.id = s.station_id
  WHERE n.sent_at IS NULL AND n.attempts < ?2 AND e.status = 'enrolled' AND u.phone NOT LIKE 'deleted:%'";

/// Texts not yet sent, of one course or of all.
pub async fn pending(
    db: &D1Database,
    course_id: Option<i64>,
    now: &str,
    limit: u32,
) -> AppResult<Vec<NoticeRow>> {
    db::all(
        db,
        &format!("{PENDING} AND (?3 IS NULL OR e.course_id = ?3) ORDER BY n.id LIMIT ?4"),
        params![now, MAX_ATTEMPTS, course_id, limit],
    )
    .await
}

/// Takes a text for sending; false when someone else already has.
pub async fn claim(db: &D1Database, id: i64, now: &str) -> AppResult<bool> {
    Ok(db::run(
        db,
        "UPDATE training_notices SET sent_at = ?2, attempts = attempts + 1 WHERE id = ?1 AND sent_at IS NULL",
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
        "UPDATE training_notices SET sent_at = NULL WHERE id = ?",
        params![id],
    )
    .await?;
    Ok(())
}

/// The reminders of every session starting in `(now, until]` for everyone holding a place.
pub fn reminders_due(db: &D1Database, now: &str, until: &str) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO training_notices (enrolment_id, kind, ref, session_id, created_at)
         SELECT e.id, 'reminder', CAST(s.id AS TEXT), s.id, ?1 FROM training_sessions s
         JOIN training_enrolments e ON e.course_id = s.course_id AND e.status = 'enrolled'
         WHERE s.starts_at > ?1 AND s.starts_at <= ?2",
        params![now, until],
    )
}

/// Texts older than a month are of no use any more, sent or not.
pub fn forget_old(db: &D1Database, before: &str) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "DELETE FROM training_notices WHERE created_at < ?",
        params![before],
    )
}
