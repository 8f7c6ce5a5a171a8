//! Certificates, copied from the course and the sign-up at issue.

use super::courses::CourseRow;
use super::enrolments::EnrolmentRow;
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::trades::Trade;
use shared::training::*;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct CertificateRow {
    pub id: i64,
    pub serial: String,
    pub course_id: i64,
    pub user_id: i64,
    pub union_path: String,
    pub name: String,
    pub holder_name: String,
    pub kind: String,
    pub course_title: String,
    pub trade: String,
    pub level: String,
    pub starts_on: String,
    pub ends_on: String,
    pub hours: i64,
    pub rank: Option<i64>,
    pub organiser: String,
    pub issued_on: String,
    pub revoked_at: Option<String>,
}

const COLUMNS: &str = "id, serial, course_id, user_id, union_path, name, holder_name, kind, course_title, trade, level, starts_on,
  ends_on, hours, rank, organiser, issued_on, revoked_at";

impl CertificateRow {
    pub fn trade(&self) -> Trade {
        Trade::parse(&self.trade).unwrap_or(Trade::Other)
    }

    /// The certificate with its verification link (`path` signs it).
    pub fn wire(&self, verify_path: String) -> Certificate {
        Certificate {
            id: self.id,
            serial: self.serial.clone(),
            name: self.name.clone(),
            holder_name: self.holder_name.clone(),
            course_id: self.course_id,
            kind: CourseKind::parse(&self.kind).unwrap_or(CourseKind::Course),
            course_title: self.course_title.clone(),
            trade: self.trade(),
            level: SkillLevel::parse(&self.level).unwrap_or(SkillLevel::Basic),
            starts_on: self.starts_on.parse().unwrap_or_default(),
            ends_on: self.ends_on.parse().unwrap_or_default(),
            hours: self.hours.max(0) as u32,
            rank: self.rank.and_then(|r| u32::try_from(r).ok()),
            organiser: self.organiser.clone(),
            issued_on: self.issued_on.parse().unwrap_or_default(),
            verify_path,
        }
    }
}

pub async fn certificate(db: &D1Database, id: i64) -> AppResult<Option<CertificateRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM training_certificates WHERE id = ?"),
        params![id],
    )
    .await
}

/// A worker's certificates in force, newest first.
pub async fn certificates_of(db: &D1Database, user_id: i64) -> AppResult<Vec<CertificateRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM training_certificates WHERE user_id = ? AND revoked_at IS NULL ORDER BY id DESC"),
        params![user_id],
    )
    .await
}

/// A course's certificates in force.
pub async fn certificates_of_course(
    db: &D1Database,
    course_id: i64,
) -> AppResult<Vec<CertificateRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM training_certificates WHERE course_id = ? AND revoked_at IS NULL ORDER BY id"),
        params![course_id],
    )
    .await
}

/// A certificate for one sign-up, with an explicit id (its serial carries it).
pub fn insert_certificate(
    db: &D1Database,
    id: i64,
    serial: &str,
    course: &CourseRow,
    e: &EnrolmentRow,
    name: &str,
    issued_on: &str,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let trade = Trade::parse(&course.trade).unwrap_or(Trade::Other);
    db::stmt(
        db,
        "INSERT INTO training_certificates (id, serial, enrolment_id, course_id, user_id, union_path, name, holder_name, kind, course_title, trade,
           trade_mask, level, starts_on, ends_on, hours, rank, organiser, issued_on, issued_at, issued_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        params![
            id, serial, e.id, course.id, e.user_id, course.union_path, name, e.name, course.kind, course.title, course.trade,
            shared::jobs::trade_mask([trade]), course.level, course.starts_on, course.ends_on, course.hours, e.rank, course.union_name,
            issued_on, now, by
        ],
    )
}

pub fn revoke(
    db: &D1Database,
    id: i64,
    reason: &str,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE training_certificates SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now, by, reason],
    )
}
