//! The worker's side: job cards, applications and the employer's view of
//! them, and staff invitations.

use super::decode::{flag, json_list};
use super::jobs::JobRow;
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::geo::LatLng;
use shared::jobs::{
    trade_mask, Application, ApplicationStatus, JobApplicant, JobCard, JobCardInput,
    TradeExperience,
};
use shared::money::WageUnit;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct CardRow {
    pub id: i64,
    pub user_id: i64,
    pub display_name: Option<String>,
    pub trades: String,
    pub certificates: String,
    pub expected_wage_fen: i64,
    pub expected_wage_unit: String,
    pub areas: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub available_from: String,
    pub visible: i64,
    pub updated_at: String,
    /// JSON list of the union-issued certificates (training), for matching.
    pub verified: Option<String>,
}

const CARD_COLUMNS: &str = "c.id, c.user_id, u.display_name, c.trades, c.certificates, c.expected_wage_fen, c.expected_wage_unit, c.areas,
  c.lat, c.lng, c.available_from, c.visible, c.updated_at,
  (SELECT json_group_array(json_object('serial', t.serial, 'name', t.name, 'trade', t.trade, 'issued_on', t.issued_on))
     FROM training_certificates t WHERE t.user_id = c.user_id AND t.revoked_at IS NULL) AS verified";
const CARD_FROM: &str = "job_cards c JOIN users u ON u.id = c.user_id";

impl CardRow {
    pub fn wire(&self) -> JobCard {
        JobCard {
            id: self.id,
            card: JobCardInput {
                trades: json_list(&self.trades),
                certificates: json_list(&self.certificates),
                expected_wage_fen: self.expected_wage_fen,
                expected_wage_unit: WageUnit::parse(&self.expected_wage_unit)
                    .unwrap_or(WageUnit::Day),
                areas: json_list(&self.areas),
                position: self
                    .lat
                    .zip(self.lng)
                    .map(|(lat, lng)| LatLng::new(lat, lng)),
                available_from: self.available_from.parse().unwrap_or_default(),
                visible: flag(self.visible),
            },
            verified_certificates: self.verified.as_deref().map(json_list).unwrap_or_default(),
            updated_at: self.updated_at.clone(),
        }
    }
}

pub async fn card_of(db: &D1Database, user_id: i64) -> AppResult<Option<CardRow>> {
    db::first(
        db,
        &format!("SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.user_id = ?"),
        params![user_id],
    )
    .await
}

pub async fn cards_by_ids(db: &D1Database, ids: &[i64]) -> AppResult<Vec<CardRow>> {
    db::all(db, &format!("SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.id IN (SELECT value FROM json_each(?)) AND c.visible = 1"), params![serde_json::to_string(ids)?]).await
}

/// Visible cards with a trade in `mask`, or whose holder has a union
/// certificate in `certified` (the job's own trades), most recently updated
/// first: the pool a job's candidates are ranked from.
pub async fn visible_cards(
    db: &D1Database,
    mask: i64,
    certified: i64,
    limit: u32,
) -> AppResult<Vec<CardRow>> {
    db::all(
        db,
        &format!(
            "SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.visible = 1 AND ((c.trade_mask & ?1) <> 0
               OR EXISTS (SELECT 1 FROM training_certificates t WHERE t.user_id = c.user_id AND t.revoked_at IS NULL AND (t.trade_mask & ?2) <> 0))
             ORDER BY c.updated_at DESC LIMIT ?3"
        ),
        params![mask, certified, limit],
    )
    .await
}

pub async fn save_card(
    db: &D1Database,
    user_id: i64,
    c: &JobCardInput,
    now: &str,
) -> AppResult<()> {
    db::run(
        db,
        "INSERT INTO job_cards (user_id, trades, trade_mask, certificates, expected_wage_fen, expected_wage_unit, areas, lat, lng, available_from, visible, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (user_id) DO UPDATE SET trades = ?2, trade_mask = ?3, certificates = ?4, expected_wage_fen = ?5, expected_wage_unit = ?6,
           areas = ?7, lat = ?8, lng = ?9, available_from = ?10, visible = ?11, updated_at = ?12",
        params![
            user_id, serde_json::to_string(&c.trades)?, trade_mask(c.trades.iter().map(|t| t.trade)), serde_json::to_string(&c.certificates)?,
            c.expected_wage_fen, c.expected_wage_unit.code(), serde_json::to_string(&c.areas)?, c.position.map(|p| p.lat), c.position.map(|p| p.lng),
            c.available_from.to_string(), c.visible, now
        ],
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRow {
    pub id: i64,
    pub job_id: i64,
    pub user_id: i64,
    pub status: String,
    pub applied_at: String,
    pub updated_at: String,
}

impl ApplicationRow {
    pub fn status(&self) -> ApplicationStatus {
        ApplicationStatus::parse(&self.status).unwrap_or(ApplicationStatus::Applied)
    }

    pub fn wire(&self, job: &JobRow) -> Application {
        Application {
            id: self.id,
            job: job.summary(None),
            status: self.status(),
            applied_at: self.applied_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }
}

const APPLICATION_COLUMNS: &str = "id, job_id, user_id, status, applied_at, updated_at";

pub async fn application(db: &D1Database, id: i64) -> AppResult<Option<ApplicationRow>> {
    db::first(
        db,
        &format!("SELECT {APPLICATION_COLUMNS} FROM job_applications WHERE id = ?"),
        params![id],
    )
    .await
}

pub async fn application_for(
    db: &D1Database,
    job_id: i64,
    user_id: i64,
) -> AppResult<Option<ApplicationRow>> {
    db::first(
        db,
        &format!(
            "SELECT {APPLICATION_COLUMNS} FROM job_applications WHERE job_id = ? AND user_id = ?"
        ),
        params![job_id, user_id],
    )
    .await
}

/// A worker's applications with their jobs, newest first.
pub async fn applications_of(
    db: &D1Database,
    user_id: i64,
    limit: u32,
) -> AppResult<Vec<(ApplicationRow, JobRow)>> {
    let apps: Vec<ApplicationRow> = db::all(db, &format!("SELECT {APPLICATION_COLUMNS} FROM job_applications WHERE user_id = ? ORDER BY id DESC LIMIT ?"), params![user_id, limit]).await?;
    let jobs =
        super::jobs::jobs_by_ids(db, &apps.iter().map(|a| a.job_id).collect::<Vec<_>>()).await?;
    Ok(apps
        .into_iter()
        .filter_map(|a| Some((a.clone(), jobs.iter().find(|j| j.id == a.job_id)?.clone())))
        .collect())
}

pub fn insert_application(
    db: &D1Database,
    job: &JobRow,
    user_id: i64,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO job_applications (job_id, user_id, union_path, status, applied_at, updated_at) VALUES (?, ?, ?, 'applied', ?4, ?4)",
        params![job.id, user_id, job.union_path, now],
    )
}

/// A status change; a hire also counts on the job, and fills it when the
/// headcount is reached (it then leaves the indexes, see `set_job_status`).
pub fn set_application_status(
    db: &D1Database,
    app: &ApplicationRow,
    status: ApplicationStatus,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let hired = status == ApplicationStatus::Hired;
    let mut out = vec![db::stmt(
        db,
        "UPDATE job_applications SET status = ?2, updated_at = ?3, hired_at = CASE WHEN ?4 THEN ?3 ELSE hired_at END WHERE id = ?1",
        params![app.id, status.code(), now, hired],
    )?];
    if hired {
        out.push(db::stmt(
            db,
            "UPDATE jobs SET hires = hires + 1, updated_at = ?2 WHERE id = ?1",
            params![app.job_id, now],
        )?);
    }
    Ok(out)
}

#[derive(Deserialize)]
struct ApplicantRow {
    id: i64,
    job_id: i64,
    status: String,
    applied_at: String,
    updated_at: String,
    display_name: Option<String>,
    phone: String,
    trades: Option<String>,
    certificates: Option<String>,
}

/// Who applied to a job (the employer's and staff's view), newest first.
pub async fn applicants(db: &D1Database, job_id: i64, limit: u32) -> AppResult<Vec<JobApplicant>> {
    applicant_rows(
        db,
        "a.job_id = ?1 ORDER BY a.id DESC LIMIT ?2",
        job_id,
        limit,
    )
    .await
}

pub async fn applicant(db: &D1Database, application_id: i64) -> AppResult<Option<JobApplicant>> {
    Ok(applicant_rows(db, "a.id = ?1 LIMIT ?2", application_id, 1)
        .await?
        .pop())
}

async fn applicant_rows(
    db: &D1Database,
    condition: &'static str,
    id: i64,
    limit: u32,
) -> AppResult<Vec<JobApplicant>> {
    let rows: Vec<ApplicantRow> = db::all(
        db,
        &format!(
            "SELECT a.id, a.job_id, a.status, a.applied_at, a.updated_at, u.display_name, u.phone, c.trades, c.certificates
             FROM job_applications a JOIN users u ON u.id = a.user_id LEFT JOIN job_cards c ON c.user_id = a.user_id WHERE {condition}"
        ),
        params![id, limit],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| JobApplicant {
            id: r.id,
            job_id: r.job_id,
            status: ApplicationStatus::parse(&r.status).unwrap_or(ApplicationStatus::Applied),
            applied_at: r.applied_at,
            updated_at: r.updated_at,
            display_name: r.display_name,
            phone: r.phone,
            trades: r
                .trades
                .as_deref()
                .map(json_list::<TradeExperience>)
                .unwrap_or_default(),
            certificates: r.certificates.as_deref().map(json_list).unwrap_or_default(),
        })
        .collect())
}

/// Invites `user_ids` to `job_id`; those already invited are left as they were.
pub fn invite(
    db: &D1Database,
    job_id: i64,
    user_ids: &[i64],
    union_id: i64,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO job_invitations (job_id, user_id, union_id, invited_by, invited_at)
         SELECT ?1, value, ?2, ?3, ?4 FROM json_each(?5)",
        params![job_id, union_id, by, now, serde_json::to_string(user_ids)?],
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvitationRow {
    pub id: i64,
    pub job_id: i64,
    pub union_id: i64,
    pub invited_at: String,
    /// When the worker first opened 为我推荐 after it came (migration 0011).
    pub seen_at: Option<String>,
}

pub async fn invitations_of(
    db: &D1Database,
    user_id: i64,
    limit: u32,
) -> AppResult<Vec<(InvitationRow, JobRow)>> {
    let rows: Vec<InvitationRow> = db::all(db, "SELECT id, job_id, union_id, invited_at, seen_at FROM job_invitations WHERE user_id = ? ORDER BY id DESC LIMIT ?", params![user_id, limit]).await?;
    let jobs =
        super::jobs::jobs_by_ids(db, &rows.iter().map(|r| r.job_id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.clone(), jobs.iter().find(|j| j.id == r.job_id)?.clone())))
        .collect())
}

/// Marks the worker's invitations seen (those not seen before keep `now`).
pub async fn see_invitations(db: &D1Database, user_id: i64, now: &str) -> AppResult<()> {
    db::run(
        db,
        "UPDATE job_invitations SET seen_at = ?2 WHERE user_id = ?1 AND seen_at IS NULL",
        params![user_id, now],
    )
    .await?;
    Ok(())
}

/// What deleting an account removes or anonymises of its jobs data: the job
/// card and invitations go; open applications are withdrawn; the employer
/// contact link ends (the employer's record stays for the workers it hired).
pub fn erase_seeker(
    db: &D1Database,
    user_id: i64,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(db, "DELETE FROM job_cards WHERE user_id = ?", params![user_id])?,
        db::stmt(db, "DELETE FROM job_invitations WHERE user_id = ?", params![user_id])?,
        db::stmt(db, "UPDATE job_applications SET status = 'withdrawn', updated_at = ?2 WHERE user_id = ?1 AND status IN ('applied', 'contacted')", params![user_id, now])?,
        db::stmt(db, "DELETE FROM employer_contacts WHERE user_id = ?", params![user_id])?,
    ])
}
