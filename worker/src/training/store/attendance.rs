//! Attendance: at most one row per session and trainee (the primary key).

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// Counts a trainee present. A second scan, or a staff mark on a scan, changes nothing.
pub fn attend(
    db: &D1Database,
    session_id: i64,
    enrolment_id: i64,
    union_path: &str,
    method: shared::training::AttendanceMethod,
    marked_by: Option<&str>,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO training_attendance (session_id, enrolment_id, union_path, method, at, marked_by) VALUES (?, ?, ?, ?, ?, ?)",
        params![session_id, enrolment_id, union_path, method.code(), now, marked_by],
    )
}

pub fn unmark(
    db: &D1Database,
    session_id: i64,
    enrolment_id: i64,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "DELETE FROM training_attendance WHERE session_id = ? AND enrolment_id = ?",
        params![session_id, enrolment_id],
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct AttendanceRow {
    pub session_id: i64,
    pub enrolment_id: i64,
    pub method: String,
    pub at: String,
    pub marked_by: Option<String>,
}

impl AttendanceRow {
    pub fn method(&self) -> shared::training::AttendanceMethod {
        shared::training::AttendanceMethod::parse(&self.method)
            .unwrap_or(shared::training::AttendanceMethod::Staff)
    }
}

const COLUMNS: &str = "a.session_id, a.enrolment_id, a.method, a.at, a.marked_by";

pub async fn attendance_of_session(
    db: &D1Database,
    session_id: i64,
) -> AppResult<Vec<AttendanceRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM training_attendance a WHERE a.session_id = ?"),
        params![session_id],
    )
    .await
}

pub async fn attendance_of_course(
    db: &D1Database,
    course_id: i64,
) -> AppResult<Vec<AttendanceRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE s.course_id = ? ORDER BY s.starts_at"),
        params![course_id],
    )
    .await
}

pub async fn attendance_one(
    db: &D1Database,
    session_id: i64,
    enrolment_id: i64,
) -> AppResult<Option<AttendanceRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM training_attendance a WHERE a.session_id = ? AND a.enrolment_id = ?"),
        params![session_id, enrolment_id],
    )
    .await
}

/// Staff names of the marks on a sheet (`staff:{id}` → display name).
pub async fn staff_names(db: &D1Database, ids: &[i64]) -> AppResult<Vec<(i64, String)>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        display_name: String,
    }
    Ok(db::all::<Row>(
        db,
        "SELECT id, display_name FROM staff WHERE id IN (SELECT value FROM json_each(?))",
        params![serde_json::to_string(ids)?],
    )
    .await?
    .into_iter()
    .map(|r| (r.id, r.display_name))
    .collect())
}
