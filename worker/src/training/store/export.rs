//! The training side of a worker's data export (`/api/me/data`).

use crate::db;
use crate::error::AppResult;
use crate::params;
use shared::accounts::{
    AttendanceRecord, CertificateRecord, TrainingEnrolmentRecord, TrainingTextRecord,
};
use worker::D1Database;

pub async fn export_enrolments(
    db: &D1Database,
    user_id: i64,
) -> AppResult<Vec<TrainingEnrolmentRecord>> {
    db::all(
        db,
        "SELECT e.id, e.course_id, coalesce(c.title, '') AS course_title, coalesce(e.name, '') AS name, e.status,
                e.queue_no, e.signed_up_at, e.enrolled_at, e.promoted_at, e.cancelled_at, e.outcome, e.rank,
                e.note, e.assessed_at
         FROM training_enrolments e LEFT JOIN training_courses c ON c.id = e.course_id
         WHERE e.user_id = ? ORDER BY e.id",
        params![user_id],
    )
    .await
}

pub async fn export_attendance(db: &D1Database, user_id: i64) -> AppResult<Vec<AttendanceRecord>> {
    db::all(
        db,
        "SELECT a.session_id, a.enrolment_id, a.method, a.at
         FROM training_attendance a JOIN training_enrolments e ON e.id = a.enrolment_id
         WHERE e.user_id = ? ORDER BY a.at",
        params![user_id],
    )
    .await
}

pub async fn export_certificates(
    db: &D1Database,
    user_id: i64,
) -> AppResult<Vec<CertificateRecord>> {
    db::all(
        db,
        "SELECT id, serial, course_id, coalesce(holder_name, '') AS holder_name, coalesce(course_title, '') AS course_title,
                issued_on, revoked_at, revoke_reason
         FROM training_certificates WHERE user_id = ? ORDER BY id",
        params![user_id],
    )
    .await
}

pub async fn export_texts(db: &D1Database, user_id: i64) -> AppResult<Vec<TrainingTextRecord>> {
    db::all(
        db,
        "SELECT n.id, n.enrolment_id, n.kind, n.created_at, n.sent_at
         FROM training_notices n JOIN training_enrolments e ON e.id = n.enrolment_id
         WHERE e.user_id = ? ORDER BY n.id",
        params![user_id],
    )
    .await
}
