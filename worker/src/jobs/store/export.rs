//! The jobs side of a worker's data export (`/api/me/data`).

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::{EmployerLink, InvitationRecord, JobReportRecord};
use worker::D1Database;

#[derive(Deserialize)]
struct LinkRow {
    employer_id: i64,
    employer_name: String,
    uscc: String,
    status: String,
    contact_name: String,
    contact_phone: String,
    linked_at: String,
    /// JSON array of job ids.
    jobs: Option<String>,
}

/// The employers the account acts for, each with its jobs that give the
/// account's own number as contact.
pub async fn export_employer_links(
    db: &D1Database,
    user_id: i64,
    phone: &str,
) -> AppResult<Vec<EmployerLink>> {
    let rows: Vec<LinkRow> = db::all(
        db,
        "SELECT e.id AS employer_id, e.name AS employer_name, e.uscc, e.status, e.contact_name, e.contact_phone,
                c.created_at AS linked_at,
                (SELECT json_group_array(j.id) FROM jobs j WHERE j.employer_id = e.id AND j.contact_phone = ?2) AS jobs
         FROM employer_contacts c JOIN employers e ON e.id = c.employer_id
         WHERE c.user_id = ?1 ORDER BY e.id",
        params![user_id, phone],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EmployerLink {
            employer_id: r.employer_id,
            employer_name: r.employer_name,
            uscc: r.uscc,
            status: r.status,
            contact_name: r.contact_name,
            contact_phone: r.contact_phone,
            linked_at: r.linked_at,
            jobs_with_my_phone: r
                .jobs
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
        })
        .collect())
}

pub async fn export_invitations(db: &D1Database, user_id: i64) -> AppResult<Vec<InvitationRecord>> {
    db::all(
        db,
        "SELECT i.id, i.job_id, coalesce(j.title, '') AS job_title, i.union_id, i.invited_at, i.seen_at
         FROM job_invitations i LEFT JOIN jobs j ON j.id = i.job_id
         WHERE i.user_id = ? ORDER BY i.id",
        params![user_id],
    )
    .await
}

pub async fn export_reports(db: &D1Database, user_id: i64) -> AppResult<Vec<JobReportRecord>> {
    db::all(
        db,
        "SELECT id, job_id, reason, note, status, created_at, decided_at
         FROM job_reports WHERE user_id = ? ORDER BY id",
        params![user_id],
    )
    .await
}
