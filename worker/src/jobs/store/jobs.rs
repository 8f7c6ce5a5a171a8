//! Jobs: rows, writes, and the three indexes a live job is in (position,
//! trigram text, bigram text). A job is in the indexes exactly while it is live.

use super::decode::{flag, json_list};
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::geo::{self, LatLng};
use shared::jobs::{
    text_search, trade_mask, ApplicationStatus, EmployerRef, EmployerStatus, Job, JobContact,
    JobInput, JobStatus, JobSummary, Place, Settlement, Viewer,
};
use shared::money::WageUnit;
use shared::trades::Trade;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct JobRow {
    pub id: i64,
    pub employer_id: i64,
    pub employer_name: String,
    pub employer_status: String,
    pub union_path: String,
    pub title: String,
    pub trades: String,
    pub description: String,
    pub wage_min_fen: i64,
    pub wage_max_fen: i64,
    pub wage_unit: String,
    pub settlement: String,
    pub headcount: i64,
    pub lat: f64,
    pub lng: f64,
    pub district: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub working_hours: String,
    pub board: i64,
    pub lodging: i64,
    pub contact_name: String,
    pub contact_phone: String,
    pub valid_until: String,
    pub status: String,
    pub posted_at: Option<String>,
    pub created_at: String,
    pub hires: i64,
}

pub const JOB_COLUMNS: &str = "j.id, j.employer_id, e.name AS employer_name, e.status AS employer_status, j.union_path, j.title, j.trades,
  j.description, j.wage_min_fen, j.wage_max_fen, j.wage_unit, j.settlement, j.headcount, j.lat, j.lng, j.district, j.starts_on,
  j.ends_on, j.working_hours, j.board, j.lodging, j.contact_name, j.contact_phone, j.valid_until, j.status, j.posted_at,
  j.created_at, j.hires";
pub const JOB_FROM: &str = "jobs j JOIN employers e ON e.id = j.employer_id";

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap_or_default()
}

impl JobRow {
    pub fn status(&self) -> JobStatus {
        JobStatus::parse(&self.status).unwrap_or(JobStatus::Draft)
    }

    pub fn trade_list(&self) -> Vec<Trade> {
        json_list(&self.trades)
    }

    pub fn position(&self) -> LatLng {
        LatLng::new(self.lat, self.lng)
    }

    pub fn valid_until(&self) -> chrono::NaiveDate {
        date(&self.valid_until)
    }

    /// Live on `today` (not past its last day) and from an employer that may publish.
    pub fn is_open(&self, today: chrono::NaiveDate) -> bool {
        self.status().effective(self.valid_until(), today) == JobStatus::Live
            && self.employer().is_verified()
    }

    pub fn employer(&self) -> EmployerRef {
        EmployerRef {
            id: self.employer_id,
            name: self.employer_name.clone(),
            status: EmployerStatus::parse(&self.employer_status).unwrap_or_default(),
        }
    }

    /// The list form; `near` adds the distance from there.
    pub fn summary(&self, near: Option<LatLng>) -> JobSummary {
        JobSummary {
            id: self.id,
            title: self.title.clone(),
            trades: self.trade_list(),
            wage_min_fen: self.wage_min_fen,
            wage_max_fen: self.wage_max_fen,
            wage_unit: WageUnit::parse(&self.wage_unit).unwrap_or(WageUnit::Day),
            settlement: Settlement::parse(&self.settlement).unwrap_or(Settlement::Monthly),
            headcount: self.headcount as u32,
            district: self.district.clone(),
            lat: self.lat,
            lng: self.lng,
            starts_on: date(&self.starts_on),
            ends_on: self.ends_on.as_deref().map(date),
            board: flag(self.board),
            lodging: flag(self.lodging),
            employer: self.employer(),
            status: self.status(),
            valid_until: self.valid_until(),
            posted_at: self
                .posted_at
                .clone()
                .unwrap_or_else(|| self.created_at.clone()),
            distance_m: near.map(|p| geo::distance_m(p, self.position()).round() as u32),
        }
    }

    /// The job's page as `viewer` may see it.
    pub fn wire(
        &self,
        viewer: Viewer,
        my_application: Option<ApplicationStatus>,
        near: Option<LatLng>,
    ) -> Job {
        Job {
            summary: self.summary(near),
            description: self.description.clone(),
            working_hours: self.working_hours.clone(),
            contact: JobContact::for_viewer(&self.contact_name, &self.contact_phone, viewer),
            hires: self.hires as u32,
            my_application,
        }
    }

    /// The job as its form shows it, for editing and re-indexing.
    pub fn input(&self) -> JobInput {
        let s = self.summary(None);
        JobInput {
            employer_id: Some(self.employer_id),
            title: s.title,
            trades: s.trades,
            description: self.description.clone(),
            wage_min_fen: s.wage_min_fen,
            wage_max_fen: s.wage_max_fen,
            wage_unit: s.wage_unit,
            settlement: s.settlement,
            headcount: s.headcount,
            place: Place {
                lat: s.lat,
                lng: s.lng,
                district: s.district,
            },
            starts_on: s.starts_on,
            ends_on: s.ends_on,
            working_hours: self.working_hours.clone(),
            board: s.board,
            lodging: s.lodging,
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            valid_until: s.valid_until,
        }
    }
}

pub async fn job(db: &D1Database, id: i64) -> AppResult<Option<JobRow>> {
    db::first(
        db,
        &format!("SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE j.id = ?"),
        params![id],
    )
    .await
}

/// Jobs by id, in no particular order.
pub async fn jobs_by_ids(db: &D1Database, ids: &[i64]) -> AppResult<Vec<JobRow>> {
    db::all(
        db,
        &format!(
            "SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE j.id IN (SELECT value FROM json_each(?))"
        ),
        params![serde_json::to_string(ids)?],
    )
    .await
}

/// One employer's jobs in every status, newest first.
pub async fn employer_jobs(
    db: &D1Database,
    employer_id: i64,
    limit: u32,
) -> AppResult<Vec<JobRow>> {
    db::all(db, &format!("SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE j.employer_id = ? ORDER BY j.id DESC LIMIT ?"), params![employer_id, limit]).await
}

/// Jobs of a subtree in every status, newest first, before `before_id`; `text` in the title.
pub async fn jobs_in_scope(
    db: &D1Database,
    scope: &Scope,
    status: Option<JobStatus>,
    text: Option<&str>,
    before_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<JobRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE j.union_path >= ?1 AND j.union_path < ?2 AND (?3 IS NULL OR j.status = ?3) AND (?4 IS NULL OR j.id < ?4)
               AND (?6 IS NULL OR instr(j.title, ?6) > 0)
             ORDER BY j.id DESC LIMIT ?5"
        ),
        params![lo, hi, status.map(|s| s.code()), before_id, limit, text],
    )
    .await
}

fn daily_max(input: &JobInput) -> Option<i64> {
    input.wage_unit.daily_equivalent(input.wage_max_fen)
}

/// A new job with an explicit id (`next_id`), then its index rows when live.
pub fn insert_job(
    db: &D1Database,
    id: i64,
    employer_id: i64,
    union_path: &str,
    j: &JobInput,
    status: JobStatus,
    by: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let live = status == JobStatus::Live;
    let mut out = vec![db::stmt(
        db,
        "INSERT INTO jobs (id, employer_id, union_path, title, trades, trade_mask, description, wage_min_fen, wage_max_fen, wage_unit, daily_max_fen,
           settlement, headcount, lat, lng, district, starts_on, ends_on, working_hours, board, lodging, contact_name, contact_phone, valid_until,
           status, posted_at, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
           CASE WHEN ?26 THEN ?28 END, ?27, ?28, ?28)",
        params![
            id, employer_id, union_path, j.title, serde_json::to_string(&j.trades)?, trade_mask(j.trades.iter().copied()), j.description,
            j.wage_min_fen, j.wage_max_fen, j.wage_unit.code(), daily_max(j), j.settlement.code(), j.headcount, j.place.lat, j.place.lng,
            j.place.district, j.starts_on.to_string(), j.ends_on.map(|d| d.to_string()), j.working_hours, j.board, j.lodging,
            j.contact_name, j.contact_phone, j.valid_until.to_string(), status.code(), live, by, now
        ],
    )?];
    out.extend(index(db, id, live.then_some(j))?);
    Ok(out)
}

/// Replaces a job's content (its status stays), and its index rows.
pub fn update_job(
    db: &D1Database,
    id: i64,
    j: &JobInput,
    live: bool,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let mut out = vec![db::stmt(
        db,
        "UPDATE jobs SET title = ?2, trades = ?3, trade_mask = ?4, description = ?5, wage_min_fen = ?6, wage_max_fen = ?7, wage_unit = ?8,
           daily_max_fen = ?9, settlement = ?10, headcount = ?11, lat = ?12, lng = ?13, district = ?14, starts_on = ?15, ends_on = ?16,
           working_hours = ?17, board = ?18, lodging = ?19, contact_name = ?20, contact_phone = ?21, valid_until = ?22, updated_at = ?23
         WHERE id = ?1",
        params![
            id, j.title, serde_json::to_string(&j.trades)?, trade_mask(j.trades.iter().copied()), j.description, j.wage_min_fen, j.wage_max_fen,
            j.wage_unit.code(), daily_max(j), j.settlement.code(), j.headcount, j.place.lat, j.place.lng, j.place.district,
            j.starts_on.to_string(), j.ends_on.map(|d| d.to_string()), j.working_hours, j.board, j.lodging, j.contact_name, j.contact_phone,
            j.valid_until.to_string(), now
        ],
    )?];
    out.extend(index(db, id, live.then_some(j))?);
    Ok(out)
}

/// A status change (and a new valid-until, when reopening), with the index
/// rows to match: in them while live, out otherwise. First publication stamps `posted_at`.
pub fn set_job_status(
    db: &D1Database,
    row: &JobRow,
    status: JobStatus,
    valid_until: Option<chrono::NaiveDate>,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let live = status == JobStatus::Live;
    let mut input = row.input();
    if let Some(v) = valid_until {
        input.valid_until = v;
    }
    let mut out = vec![db::stmt(
        db,
        "UPDATE jobs SET status = ?2, valid_until = ?3, posted_at = CASE WHEN ?4 THEN coalesce(posted_at, ?5) ELSE posted_at END, updated_at = ?5 WHERE id = ?1",
        params![row.id, status.code(), input.valid_until.to_string(), live, now],
    )?];
    out.extend(index(db, row.id, live.then_some(&input))?);
    Ok(out)
}

/// The index rows of job `id`: removed, then written again when `live` is given.
/// The full-text rows are keyed by the job's listing sequence (migration 0016),
/// which the statement before this (insert, publish) has stamped by then.
fn index(db: &D1Database, id: i64, live: Option<&JobInput>) -> AppResult<Vec<D1PreparedStatement>> {
    let mut out = vec![
        db::stmt(db, "DELETE FROM jobs_rtree WHERE id = ?", params![id])?,
        db::stmt(
            db,
            "DELETE FROM jobs_fts WHERE rowid = (SELECT listing_seq FROM jobs WHERE id = ?)",
            params![id],
        )?,
        db::stmt(
            db,
            "DELETE FROM jobs_fts_bigram WHERE rowid = (SELECT listing_seq FROM jobs WHERE id = ?)",
            params![id],
        )?,
    ];
    if let Some(j) = live {
        let text = j.search_text();
        let (lat, lng) = (j.place.lat, j.place.lng);
        out.push(db::stmt(db, "INSERT INTO jobs_rtree (id, min_lat, max_lat, min_lng, max_lng, trade_mask) VALUES (?1, ?2, ?2, ?3, ?3, ?4)", params![id, lat, lng, trade_mask(j.trades.iter().copied())])?);
        out.push(db::stmt(
            db,
            "INSERT INTO jobs_fts (rowid, text) SELECT listing_seq, ?2 FROM jobs WHERE id = ?1 AND listing_seq IS NOT NULL",
            params![id, text_search::normalize(&text)],
        )?);
        out.push(db::stmt(
            db,
            "INSERT INTO jobs_fts_bigram (rowid, text) SELECT listing_seq, ?2 FROM jobs WHERE id = ?1 AND listing_seq IS NOT NULL",
            params![id, text_search::bigrams(&text)],
        )?);
    }
    Ok(out)
}

/// Drafts of an employer still within their dates: published when it is verified.
pub async fn publishable_drafts(
    db: &D1Database,
    employer_id: i64,
    today: &str,
) -> AppResult<Vec<JobRow>> {
    db::all(db, &format!("SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE j.employer_id = ? AND j.status = 'draft' AND j.valid_until >= ?"), params![employer_id, today]).await
}

/// Housekeeping: live jobs past their last day become expired and leave the indexes.
pub async fn expire_jobs(db: &D1Database, today: &str, now: &str) -> AppResult<usize> {
    let past = "SELECT id FROM jobs WHERE status = 'live' AND valid_until < ?1";
    let past_seq = "SELECT listing_seq FROM jobs WHERE status = 'live' AND valid_until < ?1";
    let done = db::batch(
        db,
        vec![
            db::stmt(db, &format!("DELETE FROM jobs_rtree WHERE id IN ({past})"), params![today])?,
            db::stmt(db, &format!("DELETE FROM jobs_fts WHERE rowid IN ({past_seq})"), params![today])?,
            db::stmt(db, &format!("DELETE FROM jobs_fts_bigram WHERE rowid IN ({past_seq})"), params![today])?,
            db::stmt(db, "UPDATE jobs SET status = 'expired', updated_at = ?2 WHERE status = 'live' AND valid_until < ?1", params![today, now])?,
        ],
    )
    .await?;
    Ok(done.last().map_or(0, |c| c.changes))
}
