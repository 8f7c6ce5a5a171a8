//! 困难职工档案: households on file, opened in the batch that approves a
//! hardship application, closed by staff (脱困).

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::benefits::*;
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct HouseholdRow {
    pub id: i64,
    pub application_id: i64,
    pub union_id: i64,
    pub union_code: String,
    pub union_name: String,
    pub union_path: String,
    pub name: String,
    pub id_number_masked: String,
    pub category: String,
    pub since: String,
    pub next_review_on: String,
    pub status: String,
    pub closed_on: Option<String>,
    pub closing_note: Option<String>,
}

const COLUMNS: &str = "h.id, h.application_id, h.union_id, u.code AS union_code, u.name AS union_name, h.union_path, h.name,
  h.id_number_masked, h.category, h.since, h.next_review_on, h.status, h.closed_on, h.closing_note";
const FROM: &str = "benefit_households h JOIN unions u ON u.id = h.union_id";

impl HouseholdRow {
    pub fn since(&self) -> chrono::NaiveDate {
        self.since.parse().unwrap_or_default()
    }
    pub fn status(&self) -> HouseholdStatus {
        HouseholdStatus::parse(&self.status).unwrap_or(HouseholdStatus::Closed)
    }
    pub fn wire(&self, today: chrono::NaiveDate) -> Household {
        let next: chrono::NaiveDate = self.next_review_on.parse().unwrap_or_default();
        Household {
            id: self.id,
            application_id: self.application_id,
            union: UnionRef {
                id: self.union_id,
                code: self.union_code.clone(),
                name: self.union_name.clone(),
            },
            name: self.name.clone(),
            id_number_masked: self.id_number_masked.clone(),
            category: HardshipCategory::parse(&self.category).unwrap_or(HardshipCategory::Relative),
            since: self.since(),
            next_review_on: next,
            review_due: self.status() == HouseholdStatus::OnFile && today >= next,
            status: self.status(),
            closed_on: self.closed_on.as_deref().and_then(|d| d.parse().ok()),
            closing_note: self.closing_note.clone(),
        }
    }
}

pub async fn household(db: &D1Database, id: i64) -> AppResult<Option<HouseholdRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE h.id = ?"),
        params![id],
    )
    .await
}

/// The households on file opened by a worker's own applications.
pub async fn households_of(db: &D1Database, user_id: i64) -> AppResult<Vec<HouseholdRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE h.user_id = ? ORDER BY h.id"),
        params![user_id],
    )
    .await
}

pub async fn households_in_scope(
    db: &D1Database,
    scope: &Scope,
    status: Option<HouseholdStatus>,
    category: Option<HardshipCategory>,
    after_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<HouseholdRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE h.union_path >= ?1 AND h.union_path < ?2
               AND (?3 IS NULL OR h.status = ?3) AND (?4 IS NULL OR h.category = ?4) AND h.id > ?5
             ORDER BY h.id LIMIT ?6"
        ),
        params![
            lo,
            hi,
            status.map(|s| s.code()),
            category.map(|c| c.code()),
            after_id.unwrap_or(0),
            limit
        ],
    )
    .await
}

/// Opens the file of the household of an application just approved (at
/// `version`), when its self-check found a hardship category and the person is
/// not on file already (then their open file stays as it is).
pub fn file_household(
    db: &D1Database,
    application_id: i64,
    version: i64,
    since: &str,
    next_review_on: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO benefit_households (application_id, person_index, user_id, union_id, union_path, name,
           id_number_masked, category, since, next_review_on, status, created_at, updated_at)
         SELECT a.id, a.person_index, a.user_id, p.union_id, a.union_path, a.name, a.id_number_masked,
           a.self_check_category, ?3, ?4, 'on_file', ?5, ?5
         FROM benefit_applications a JOIN benefit_programmes p ON p.id = a.programme_id
         WHERE a.id = ?1 AND a.version = ?2 AND a.self_check_category IN ('deep', 'relative', 'accident')",
        params![application_id, version, since, next_review_on, now],
    )
}

pub fn close_household(
    db: &D1Database,
    id: i64,
    closed_on: &str,
    note: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE benefit_households SET status = 'closed', closed_on = ?2, closing_note = ?3, updated_at = ?4
         WHERE id = ?1 AND status = 'on_file'",
        params![id, closed_on, note, now],
    )
}
