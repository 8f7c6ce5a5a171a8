//! Job fairs and the employers taking part.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::jobs::{EmployerRef, EmployerStatus, JobFair, JobFairInput};
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct FairRow {
    pub id: i64,
    pub name: String,
    pub place: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub starts_at: String,
    pub ends_at: String,
    pub union_id: i64,
    pub union_code: String,
    pub union_name: String,
    pub union_path: String,
    pub cancelled_at: Option<String>,
    pub cancel_reason: Option<String>,
}

const COLUMNS: &str = "f.id, f.name, f.place, f.lat, f.lng, f.starts_at, f.ends_at, f.union_id, u.code AS union_code, u.name AS union_name,
  f.union_path, f.cancelled_at, f.cancel_reason";
const FROM: &str = "job_fairs f JOIN unions u ON u.id = f.union_id";

#[derive(Deserialize)]
struct TakingPart {
    fair_id: i64,
    id: i64,
    name: String,
    status: String,
    live_jobs: i64,
}

/// The fairs' wire form: each with its employers and their live jobs counted.
pub async fn with_employers(
    db: &D1Database,
    rows: Vec<FairRow>,
    today: &str,
) -> AppResult<Vec<JobFair>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let parts: Vec<TakingPart> = db::all(
        db,
        "SELECT p.fair_id, e.id, e.name, e.status,
           (SELECT count(*) FROM jobs j WHERE j.employer_id = e.id AND j.status = 'live' AND j.valid_until >= ?2) AS live_jobs
         FROM job_fair_employers p JOIN employers e ON e.id = p.employer_id WHERE p.fair_id IN (SELECT value FROM json_each(?1)) ORDER BY e.name",
        params![serde_json::to_string(&ids)?, today],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|f| {
            let mine: Vec<&TakingPart> = parts.iter().filter(|p| p.fair_id == f.id).collect();
            JobFair {
                id: f.id,
                name: f.name,
                place: f.place,
                lat: f.lat,
                lng: f.lng,
                starts_at: f.starts_at,
                ends_at: f.ends_at,
                union: UnionRef {
                    id: f.union_id,
                    code: f.union_code,
                    name: f.union_name,
                },
                cancelled_at: f.cancelled_at,
                cancel_reason: f.cancel_reason,
                jobs_count: mine
                    .iter()
                    .filter(|p| p.status == "verified")
                    .map(|p| p.live_jobs as u32)
                    .sum(),
                employers: mine
                    .iter()
                    .map(|p| EmployerRef {
                        id: p.id,
                        name: p.name.clone(),
                        status: EmployerStatus::parse(&p.status).unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect())
}

pub async fn fair(db: &D1Database, id: i64) -> AppResult<Option<FairRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE f.id = ?"),
        params![id],
    )
    .await
}

/// The calendar: fairs not yet over (soonest first), or with `past` every fair
/// (latest first); within `scope` when given.
pub async fn fairs(
    db: &D1Database,
    scope: Option<&Scope>,
    past: bool,
    now: &str,
    limit: u32,
) -> AppResult<Vec<FairRow>> {
    let (lo, hi) = scope
        .map(Scope::bounds)
        .unwrap_or_else(|| ("/".into(), "0".into()));
    if past {
        db::all(db, &format!("SELECT {COLUMNS} FROM {FROM} WHERE f.union_path >= ?1 AND f.union_path < ?2 ORDER BY f.starts_at DESC, f.id DESC LIMIT ?3"), params![lo, hi, limit]).await
    } else {
        db::all(db, &format!("SELECT {COLUMNS} FROM {FROM} WHERE f.ends_at >= ?3 AND f.union_path >= ?1 AND f.union_path < ?2 ORDER BY f.starts_at, f.id LIMIT ?4"), params![lo, hi, now, limit]).await
    }
}

/// One fair (of a series), with its employers.
pub fn insert_fair(
    db: &D1Database,
    id: i64,
    f: &JobFairInput,
    starts_at: &str,
    ends_at: &str,
    union_path: &str,
    by: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            "INSERT INTO job_fairs (id, name, place, lat, lng, starts_at, ends_at, union_id, union_path, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params![id, f.name, f.place, f.lat, f.lng, starts_at, ends_at, f.union_id, union_path, by, now],
        )?,
        db::stmt(db, "INSERT INTO job_fair_employers (fair_id, employer_id) SELECT ?1, value FROM json_each(?2)", params![id, serde_json::to_string(&f.employer_ids)?])?,
    ])
}

/// New facts of one fair (not a series): the employer list is replaced.
pub fn update_fair(
    db: &D1Database,
    id: i64,
    f: &JobFairInput,
    union_path: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            "UPDATE job_fairs SET name = ?2, place = ?3, lat = ?4, lng = ?5, starts_at = ?6, ends_at = ?7, union_id = ?8, union_path = ?9, updated_at = ?10
             WHERE id = ?1 AND cancelled_at IS NULL",
            params![id, f.name, f.place, f.lat, f.lng, f.starts_at, f.ends_at, f.union_id, union_path, now],
        )?,
        db::stmt(db, "DELETE FROM job_fair_employers WHERE fair_id = ?", params![id])?,
        db::stmt(db, "INSERT INTO job_fair_employers (fair_id, employer_id) SELECT ?1, value FROM json_each(?2)", params![id, serde_json::to_string(&f.employer_ids)?])?,
    ])
}

/// Cancels a fair; it stays in the calendar marked cancelled, with the reason.
pub fn cancel_fair(
    db: &D1Database,
    id: i64,
    reason: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE job_fairs SET cancelled_at = ?3, cancel_reason = ?2, updated_at = ?3 WHERE id = ?1 AND cancelled_at IS NULL",
        params![id, reason, now],
    )
}
