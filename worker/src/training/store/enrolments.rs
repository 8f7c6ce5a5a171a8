//! Sign-ups: placing them (a place or the waitlist), cancelling, promoting
//! the first in line, assessing, and reading them back with their attendance.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::training::*;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct EnrolmentRow {
    pub id: i64,
    pub course_id: i64,
    pub user_id: i64,
    pub union_path: String,
    pub name: String,
    pub phone: String,
    pub status: String,
    pub signed_up_at: String,
    pub outcome: String,
    pub rank: Option<i64>,
    pub note: Option<String>,
    pub updated_at: String,
    pub attended_sessions: i64,
    pub attended_hours: i64,
    pub certificate_serial: Option<String>,
    pub waitlist_position: Option<i64>,
}

const ENROLMENT_COLUMNS: &str = "e.id, e.course_id, e.user_id, e.union_path, e.name, u.phone, e.status, e.signed_up_at, e.outcome, e.rank, e.note,
  e.updated_at,
  (SELECT count(*) FROM training_attendance a WHERE a.enrolment_id = e.id) AS attended_sessions,
  (SELECT coalesce(sum(s.hours), 0) FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE a.enrolment_id = e.id) AS attended_hours,
  (SELECT t.serial FROM training_certificates t WHERE t.enrolment_id = e.id AND t.revoked_at IS NULL) AS certificate_serial,
  CASE WHEN e.status = 'waitlisted' THEN 1 + (SELECT count(*) FROM training_enrolments w
    WHERE w.course_id = e.course_id AND w.status = 'waitlisted' AND w.queue_no < e.queue_no) END AS waitlist_position";
const ENROLMENT_FROM: &str = "training_enrolments e JOIN users u ON u.id = e.user_id";

impl EnrolmentRow {
    pub fn status(&self) -> EnrolmentStatus {
        EnrolmentStatus::parse(&self.status).unwrap_or(EnrolmentStatus::Cancelled)
    }
    pub fn outcome(&self) -> Outcome {
        Outcome::parse(&self.outcome).unwrap_or_default()
    }
    pub fn rank(&self) -> Option<u32> {
        self.rank.and_then(|r| u32::try_from(r).ok())
    }
    pub fn attended_hours(&self) -> u32 {
        self.attended_hours.max(0) as u32
    }

    pub fn wire(&self, course: &super::courses::CourseRow) -> Enrolment {
        let total = course.hours.max(0) as u32;
        let pass = course.pass_percent.clamp(0, 100) as u8;
        Enrolment {
            id: self.id,
            course_id: self.course_id,
            course_title: course.title.clone(),
            kind: course.kind(),
            trade: shared::trades::Trade::parse(&course.trade)
                .unwrap_or(shared::trades::Trade::Other),
            starts_on: course.starts_on(),
            ends_on: course.ends_on(),
            organiser: course.union_name.clone(),
            name: self.name.clone(),
            status: self.status(),
            waitlist_position: self.waitlist_position.map(|p| p.max(1) as u32),
            attended_sessions: self.attended_sessions.max(0) as u32,
            attended_hours: self.attended_hours(),
            total_hours: total,
            pass_percent: pass,
            hours_met: hours_met(self.attended_hours(), total, pass),
            outcome: self.outcome(),
            rank: self.rank(),
            certificate_serial: self.certificate_serial.clone(),
            signed_up_at: self.signed_up_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    pub fn entry(&self, course: &super::courses::CourseRow, attended: Vec<i64>) -> RosterEntry {
        let total = course.hours.max(0) as u32;
        let pass = course.pass_percent.clamp(0, 100) as u8;
        RosterEntry {
            enrolment_id: self.id,
            name: self.name.clone(),
            phone: self.phone.clone(),
            status: self.status(),
            waitlist_position: self.waitlist_position.map(|p| p.max(1) as u32),
            attended,
            attended_hours: self.attended_hours(),
            percent: attendance_percent(self.attended_hours(), total),
            hours_met: hours_met(self.attended_hours(), total, pass),
            outcome: self.outcome(),
            rank: self.rank(),
            note: self.note.clone(),
            certificate_serial: self.certificate_serial.clone(),
            signed_up_at: self.signed_up_at.clone(),
        }
    }
}

pub async fn enrolment(db: &D1Database, id: i64) -> AppResult<Option<EnrolmentRow>> {
    db::first(
        db,
        &format!("SELECT {ENROLMENT_COLUMNS} FROM {ENROLMENT_FROM} WHERE e.id = ?"),
        params![id],
    )
    .await
}

pub async fn enrolment_for(
    db: &D1Database,
    course_id: i64,
    user_id: i64,
) -> AppResult<Option<EnrolmentRow>> {
    db::first(
        db,
        &format!("SELECT {ENROLMENT_COLUMNS} FROM {ENROLMENT_FROM} WHERE e.course_id = ? AND e.user_id = ?"),
        params![course_id, user_id],
    )
    .await
}

/// Everyone holding a place or waiting, places first, each in queue order.
pub async fn roster(db: &D1Database, course_id: i64) -> AppResult<Vec<EnrolmentRow>> {
    db::all(
        db,
        &format!(
            "SELECT {ENROLMENT_COLUMNS} FROM {ENROLMENT_FROM} WHERE e.course_id = ? AND e.status IN ('enrolled', 'waitlisted')
             ORDER BY e.status = 'waitlisted', e.queue_no"
        ),
        params![course_id],
    )
    .await
}

pub async fn cancelled_count(db: &D1Database, course_id: i64) -> AppResult<u32> {
    Ok(db::first::<db::Count>(
        db,
        "SELECT count(*) AS n FROM training_enrolments WHERE course_id = ? AND status = 'cancelled'",
        params![course_id],
    )
    .await?
    .map_or(0, |c| c.n as u32))
}

/// A worker's sign-ups, newest first.
pub async fn enrolments_of(
    db: &D1Database,
    user_id: i64,
    limit: u32,
) -> AppResult<Vec<EnrolmentRow>> {
    db::all(
        db,
        &format!("SELECT {ENROLMENT_COLUMNS} FROM {ENROLMENT_FROM} WHERE e.user_id = ? ORDER BY e.id DESC LIMIT ?"),
        params![user_id, limit],
    )
    .await
}

/// A sign-up, placed in one statement: a place while one is free and nobody
/// waits (shared::training::placement), else the end of the waitlist. A
/// worker who had cancelled signs up again on the same row, at the end of the
/// queue; a live sign-up is left as it is.
pub fn sign_up(
    db: &D1Database,
    course_id: i64,
    user_id: i64,
    union_path: &str,
    name: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO training_enrolments (course_id, user_id, union_path, name, status, queue_no, signed_up_at, enrolled_at, updated_at)
         SELECT c.id, ?2, ?3, ?4, p.status, (SELECT coalesce(max(queue_no), 0) + 1 FROM training_enrolments WHERE course_id = c.id), ?5,
           CASE WHEN p.status = 'enrolled' THEN ?5 END, ?5
         FROM training_courses c,
           (SELECT CASE WHEN (SELECT count(*) FROM training_enrolments WHERE course_id = ?1 AND status = 'enrolled') < (SELECT places FROM training_courses WHERE id = ?1)
                     AND NOT EXISTS (SELECT 1 FROM training_enrolments WHERE course_id = ?1 AND status = 'waitlisted')
                   THEN 'enrolled' ELSE 'waitlisted' END AS status) p
         WHERE c.id = ?1
         ON CONFLICT (course_id, user_id) DO UPDATE SET status = excluded.status, queue_no = excluded.queue_no, name = excluded.name,
           signed_up_at = excluded.signed_up_at, enrolled_at = excluded.enrolled_at, promoted_at = NULL, cancelled_at = NULL,
           outcome = 'pending', rank = NULL, note = NULL, assessed_at = NULL, assessed_by = NULL, updated_at = excluded.updated_at
         WHERE training_enrolments.status = 'cancelled'",
        params![course_id, user_id, union_path, name, now],
    )
}

pub fn cancel(db: &D1Database, enrolment_id: i64, now: &str) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE training_enrolments SET status = 'cancelled', cancelled_at = ?2, updated_at = ?2 WHERE id = ?1 AND status IN ('enrolled', 'waitlisted')",
        params![enrolment_id, now],
    )
}

/// Gives every free place of the course to the waitlist, first in line first
/// (shared::training::promotions), marking them promoted at `now`.
pub fn promote(db: &D1Database, course_id: i64, now: &str) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE training_enrolments SET status = 'enrolled', enrolled_at = ?2, promoted_at = ?2, updated_at = ?2
         WHERE id IN (SELECT id FROM training_enrolments WHERE course_id = ?1 AND status = 'waitlisted' ORDER BY queue_no
           LIMIT max(0, (SELECT places FROM training_courses WHERE id = ?1)
                        - (SELECT count(*) FROM training_enrolments WHERE course_id = ?1 AND status = 'enrolled')))",
        params![course_id, now],
    )
}

/// The "you have a place now" text of everyone `promote` moved up at `now`.
pub fn promotion_notices(
    db: &D1Database,
    course_id: i64,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO training_notices (enrolment_id, kind, ref, created_at)
         SELECT id, 'promoted', ?2, ?2 FROM training_enrolments WHERE course_id = ?1 AND status = 'enrolled' AND promoted_at = ?2",
        params![course_id, now],
    )
}

pub fn assess(
    db: &D1Database,
    enrolment_id: i64,
    a: &Assessment,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let pending = a.outcome == Outcome::Pending;
    db::stmt(
        db,
        "UPDATE training_enrolments SET outcome = ?2, rank = ?3, note = ?4, assessed_at = CASE WHEN ?5 THEN NULL ELSE ?6 END,
           assessed_by = CASE WHEN ?5 THEN NULL ELSE ?7 END, updated_at = ?6 WHERE id = ?1",
        params![enrolment_id, a.outcome.code(), a.rank, a.note, pending, now, by],
    )
}

/// The courses where this worker holds a place or waits (their places are
/// freed when the account is deleted).
pub async fn open_courses_of(db: &D1Database, user_id: i64) -> AppResult<Vec<i64>> {
    #[derive(Deserialize)]
    struct Id {
        course_id: i64,
    }
    Ok(db::all::<Id>(
        db,
        "SELECT course_id FROM training_enrolments WHERE user_id = ? AND status IN ('enrolled', 'waitlisted')",
        params![user_id],
    )
    .await?
    .into_iter()
    .map(|r| r.course_id)
    .collect())
}

/// What deleting an account does to training: open sign-ups are cancelled and
/// their places go to the waitlists (texted by the next housekeeping run);
/// names are erased from sign-ups, and certificates are withdrawn with the
/// name erased, so their QR codes no longer show a person. Counts stay for
/// the figures.
pub fn erase_trainee(
    db: &D1Database,
    user_id: i64,
    courses: &[i64],
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let mut out = vec![
        db::stmt(db, "DELETE FROM training_notices WHERE sent_at IS NULL AND enrolment_id IN (SELECT id FROM training_enrolments WHERE user_id = ?)", params![user_id])?,
        db::stmt(
            db,
            "UPDATE training_enrolments SET status = 'cancelled', cancelled_at = ?2, updated_at = ?2 WHERE user_id = ?1 AND status IN ('enrolled', 'waitlisted')",
            params![user_id, now],
        )?,
        db::stmt(db, "UPDATE training_enrolments SET name = '(已注销)', note = NULL WHERE user_id = ?", params![user_id])?,
        db::stmt(
            db,
            "UPDATE training_certificates SET holder_name = '(已注销)', revoked_at = coalesce(revoked_at, ?2), revoked_by = coalesce(revoked_by, 'account_deleted'),
               revoke_reason = coalesce(revoke_reason, '账号已注销') WHERE user_id = ?1",
            params![user_id, now],
        )?,
    ];
    for c in courses {
        out.push(promote(db, *c, now)?);
        out.push(promotion_notices(db, *c, now)?);
    }
    Ok(out)
}
