//! Fake-ad reports and the staff moderation queue.

use super::jobs::JobRow;
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::jobs::{JobReport, JobReportInput, ReportReason, ReportStatus};
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct ReportRow {
    pub id: i64,
    pub job_id: i64,
    pub reason: String,
    pub note: Option<String>,
    pub status: String,
    pub created_at: String,
    pub decided_at: Option<String>,
    pub open_on_job: i64,
}

const COLUMNS: &str = "r.id, r.job_id, r.reason, r.note, r.status, r.created_at, r.decided_at,
  (SELECT count(*) FROM job_reports o WHERE o.job_id = r.job_id AND o.status = 'open') AS open_on_job";

impl ReportRow {
    pub fn status(&self) -> ReportStatus {
        ReportStatus::parse(&self.status).unwrap_or(ReportStatus::Open)
    }

    pub fn reason(&self) -> ReportReason {
        ReportReason::parse(&self.reason).unwrap_or(ReportReason::Other)
    }

    pub fn wire(&self, job: &JobRow) -> JobReport {
        JobReport {
            id: self.id,
            job: job.summary(None),
            reason: self.reason(),
            note: self.note.clone(),
            status: self.status(),
            reported_at: self.created_at.clone(),
            decided_at: self.decided_at.clone(),
            open_on_job: self.open_on_job as u32,
        }
    }
}

pub fn insert_report(
    db: &D1Database,
    job: &JobRow,
    user_id: i64,
    r: &JobReportInput,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO job_reports (job_id, user_id, union_path, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        params![job.id, user_id, job.union_path, r.reason.code(), r.note, now],
    )
}

pub async fn report(db: &D1Database, id: i64) -> AppResult<Option<ReportRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM job_reports r WHERE r.id = ?"),
        params![id],
    )
    .await
}

/// Reports of a subtree, newest first; open ones only unless `status` says otherwise.
pub async fn reports_in_scope(
    db: &D1Database,
    scope: &Scope,
    status: ReportStatus,
    before_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<ReportRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM job_reports r WHERE r.union_path >= ?1 AND r.union_path < ?2 AND r.status = ?3 AND (?4 IS NULL OR r.id < ?4) ORDER BY r.id DESC LIMIT ?5"),
        params![lo, hi, status.code(), before_id, limit],
    )
    .await
}

/// Taking the job down upholds every open report on it; dismissing closes only this one.
pub fn decide(
    db: &D1Database,
    report: &ReportRow,
    upheld: bool,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    if upheld {
        db::stmt(db, "UPDATE job_reports SET status = 'upheld', decided_at = ?2, decided_by = ?3 WHERE job_id = ?1 AND status = 'open'", params![report.job_id, now, by])
    } else {
        db::stmt(db, "UPDATE job_reports SET status = 'dismissed', decided_at = ?2, decided_by = ?3 WHERE id = ?1", params![report.id, now, by])
    }
}

/// 概览: fake-ad reports of the subtree not yet decided.
pub fn count_open_reports(db: &D1Database, scope: &Scope) -> AppResult<D1PreparedStatement> {
    let (lo, hi) = scope.bounds();
    db::stmt(
        db,
        "SELECT count(*) AS n FROM job_reports WHERE union_path >= ?1 AND union_path < ?2 AND status = 'open'",
        params![lo, hi],
    )
}
