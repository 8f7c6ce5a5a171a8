//! Programmes: the staff's list and form, the workers' find, the open data,
//! and the budget columns every decision moves.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::benefits::*;
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct ProgrammeRow {
    pub id: i64,
    pub kind: String,
    pub campaign: Option<String>,
    pub union_id: i64,
    pub union_path: String,
    pub union_code: String,
    pub union_name: String,
    pub name: String,
    pub eligibility: String,
    pub required_documents: String,
    pub amount_kind: String,
    pub amount_fen: i64,
    pub opens_on: String,
    pub closes_on: String,
    pub budget_fen: i64,
    pub places: i64,
    pub committed_fen: i64,
    pub committed_places: i64,
    pub paid_fen: i64,
    pub who_may_apply: String,
    pub region_code: Option<String>,
    pub dibao_fen: Option<i64>,
    pub notice_days: Option<i64>,
    pub status: String,
    pub updated_at: String,
}

const COLUMNS: &str = "p.id, p.kind, p.campaign, p.union_id, p.union_path, u.code AS union_code, u.name AS union_name,
  p.name, p.eligibility, p.required_documents, p.amount_kind, p.amount_fen, p.opens_on, p.closes_on,
  p.budget_fen, p.places, p.committed_fen, p.committed_places, p.paid_fen, p.who_may_apply, p.region_code,
  p.dibao_fen, p.notice_days, p.status, p.updated_at";
const FROM: &str = "benefit_programmes p JOIN unions u ON u.id = p.union_id";

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap_or_default()
}

impl ProgrammeRow {
    pub fn kind(&self) -> ProgrammeKind {
        ProgrammeKind::parse(&self.kind).unwrap_or(ProgrammeKind::Other)
    }
    pub fn campaign(&self) -> Option<Campaign> {
        self.campaign.as_deref().and_then(Campaign::parse)
    }
    pub fn status(&self) -> ProgrammeStatus {
        ProgrammeStatus::parse(&self.status).unwrap_or(ProgrammeStatus::Closed)
    }
    pub fn who_may_apply(&self) -> WhoMayApply {
        WhoMayApply::parse(&self.who_may_apply).unwrap_or(WhoMayApply::MembersOnly)
    }
    pub fn amount(&self) -> AmountRule {
        AmountRule {
            kind: AmountKind::parse(&self.amount_kind).unwrap_or(AmountKind::Fixed),
            amount_fen: self.amount_fen,
        }
    }
    pub fn opens_on(&self) -> chrono::NaiveDate {
        date(&self.opens_on)
    }
    pub fn closes_on(&self) -> chrono::NaiveDate {
        date(&self.closes_on)
    }
    pub fn budget_left_fen(&self) -> i64 {
        (self.budget_fen - self.committed_fen).max(0)
    }
    pub fn places_left(&self) -> u32 {
        (self.places - self.committed_places).max(0) as u32
    }
    /// The year an application to this programme counts in ("once per period").
    pub fn period(&self) -> i32 {
        use chrono::Datelike;
        self.opens_on().year()
    }

    pub fn wire(&self, today: chrono::NaiveDate) -> Programme {
        Programme {
            id: self.id,
            kind: self.kind(),
            campaign: self.campaign(),
            union: UnionRef {
                id: self.union_id,
                code: self.union_code.clone(),
                name: self.union_name.clone(),
            },
            name: self.name.clone(),
            eligibility: self.eligibility.clone(),
            required_documents: serde_json::from_str(&self.required_documents).unwrap_or_default(),
            amount: self.amount(),
            opens_on: self.opens_on(),
            closes_on: self.closes_on(),
            window: window_state(self.opens_on(), self.closes_on(), today),
            budget_fen: self.budget_fen,
            places: self.places.max(0) as u32,
            committed_fen: self.committed_fen,
            committed_places: self.committed_places.max(0) as u32,
            budget_left_fen: self.budget_left_fen(),
            places_left: self.places_left(),
            paid_fen: self.paid_fen,
            who_may_apply: self.who_may_apply(),
            region_code: self.region_code.clone(),
            dibao_fen: self.dibao_fen,
            notice_days: self.notice_days.map(|n| n.max(0) as u32),
            status: self.status(),
            updated_at: self.updated_at.clone(),
        }
    }
}

pub async fn programme(db: &D1Database, id: i64) -> AppResult<Option<ProgrammeRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE p.id = ?"),
        params![id],
    )
    .await
}

/// The staff's list: newest first, keyset-paged on the id.
pub async fn programmes_in_scope(
    db: &D1Database,
    scope: &Scope,
    kind: Option<ProgrammeKind>,
    status: Option<ProgrammeStatus>,
    before_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<ProgrammeRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE p.union_path >= ?1 AND p.union_path < ?2
               AND (?3 IS NULL OR p.kind = ?3) AND (?4 IS NULL OR p.status = ?4) AND (?5 IS NULL OR p.id < ?5)
             ORDER BY p.id DESC LIMIT ?6"
        ),
        params![
            lo,
            hi,
            kind.map(|k| k.code()),
            status.map(|s| s.code()),
            before_id,
            limit
        ],
    )
    .await
}

/// Open programmes taking applications today whose union is one of `unions`
/// (paths: a member's union and those above it), or that take gig workers of
/// one of `regions` (an area and the city and province containing it).
pub async fn open_for(
    db: &D1Database,
    today: &str,
    unions: &[String],
    regions: &[String],
    kind: Option<ProgrammeKind>,
) -> AppResult<Vec<ProgrammeRow>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE p.status = 'open' AND p.opens_on <= ?1 AND p.closes_on >= ?1
               AND (p.union_path IN (SELECT value FROM json_each(?2))
                    OR (p.who_may_apply = 'members_and_gig_workers' AND p.region_code IN (SELECT value FROM json_each(?3))))
               AND (?4 IS NULL OR p.kind = ?4)
             ORDER BY p.closes_on, p.id LIMIT 100"
        ),
        params![
            today,
            serde_json::to_string(unions)?,
            serde_json::to_string(regions)?,
            kind.map(|k| k.code())
        ],
    )
    .await
}

/// Every programme open today, for the open data (at most `limit`, after `after_id`).
pub async fn open_programmes(
    db: &D1Database,
    today: &str,
    after_id: i64,
    limit: u32,
) -> AppResult<Vec<ProgrammeRow>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE p.status = 'open' AND p.closes_on >= ?1 AND p.id > ?2 ORDER BY p.id LIMIT ?3"
        ),
        params![today, after_id, limit],
    )
    .await
}

pub fn insert_programme(
    db: &D1Database,
    id: i64,
    p: &ProgrammeInput,
    union_path: &str,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO benefit_programmes (id, kind, campaign, union_id, union_path, name, eligibility, required_documents,
           amount_kind, amount_fen, opens_on, closes_on, budget_fen, places, who_may_apply, region_code, dibao_fen,
           notice_days, status, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 'open', ?19, ?20, ?20)",
        params![
            id,
            p.kind.code(),
            p.campaign.map(|c| c.code()),
            p.union_id,
            union_path,
            p.name,
            p.eligibility,
            serde_json::to_string(&p.required_documents)?,
            p.amount.kind.code(),
            p.amount.amount_fen,
            p.opens_on.to_string(),
            p.closes_on.to_string(),
            p.budget_fen,
            p.places,
            p.who_may_apply.code(),
            p.region_code,
            p.dibao_fen,
            p.notice_days,
            by,
            now
        ],
    )
}

/// The edit: everything but the kind and the union. The budget CHECK refuses a
/// budget or places below what is already committed.
pub fn update_programme(
    db: &D1Database,
    id: i64,
    p: &ProgrammeInput,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE benefit_programmes SET campaign = ?2, name = ?3, eligibility = ?4, required_documents = ?5,
           amount_kind = ?6, amount_fen = ?7, opens_on = ?8, closes_on = ?9, budget_fen = ?10, places = ?11,
           who_may_apply = ?12, region_code = ?13, dibao_fen = ?14, notice_days = ?15, updated_at = ?16
         WHERE id = ?1",
        params![
            id,
            p.campaign.map(|c| c.code()),
            p.name,
            p.eligibility,
            serde_json::to_string(&p.required_documents)?,
            p.amount.kind.code(),
            p.amount.amount_fen,
            p.opens_on.to_string(),
            p.closes_on.to_string(),
            p.budget_fen,
            p.places,
            p.who_may_apply.code(),
            p.region_code,
            p.dibao_fen,
            p.notice_days,
            now
        ],
    )
}

/// Pause, reopen or close, only from the status it was read in.
pub fn set_status(
    db: &D1Database,
    id: i64,
    from: ProgrammeStatus,
    to: ProgrammeStatus,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE benefit_programmes SET status = ?3, updated_at = ?4 WHERE id = ?1 AND status = ?2",
        params![id, from.code(), to.code(), now],
    )
}

/// Moves the budget columns by (committed fen, committed places, paid fen),
/// only if the application is still at `version` (else it changes nothing, and
/// the history row of the same batch fails on its key). `benefit_budget_kept`
/// refuses a commitment beyond the budget or the places.
pub fn move_budget(
    db: &D1Database,
    programme_id: i64,
    application_id: i64,
    version: i64,
    committed_fen: i64,
    committed_places: i64,
    paid_fen: i64,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE benefit_programmes SET committed_fen = committed_fen + ?4, committed_places = committed_places + ?5,
           paid_fen = paid_fen + ?6
         WHERE id = ?1 AND EXISTS (SELECT 1 FROM benefit_applications WHERE id = ?2 AND version = ?3)",
        params![
            programme_id,
            application_id,
            version,
            committed_fen,
            committed_places,
            paid_fen
        ],
    )
}

/// Whether a station exists (a seasonal handout's collection point).
pub async fn station_exists(db: &D1Database, id: i64) -> AppResult<bool> {
    Ok(db::first::<db::Count>(
        db,
        "SELECT count(*) AS n FROM stations WHERE id = ?",
        params![id],
    )
    .await?
    .is_some_and(|c| c.n > 0))
}
