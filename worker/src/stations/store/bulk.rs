//! Whole-scope reads: every station of a subtree for the spreadsheet export
//! (which imports again to the same stations), and the pages of open data.

use super::stations::{StationDb, COLUMNS};
use crate::db;
use crate::error::AppResult;
use crate::params;
use shared::accounts::Scope;
use worker::D1Database;

/// A page of a subtree's stations in id order, after `after_id` (the staff
/// export reads the whole subtree this way, a page at a time).
pub async fn page_in_scope(
    db: &D1Database,
    scope: &Scope,
    after_id: i64,
    limit: u32,
) -> AppResult<Vec<StationDb>> {
    let (lo, hi) = scope.bounds();
    db::all(db, &format!("SELECT {COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id WHERE s.union_path >= ?1 AND s.union_path < ?2 AND s.id > ?3 ORDER BY s.id LIMIT ?4"), params![lo, hi, after_id, limit]).await
}

/// Open data: stations by id after `after_id`, optionally of one province, never defunct.
pub async fn open_data_page(
    db: &D1Database,
    province: Option<&str>,
    after_id: i64,
    limit: u32,
) -> AppResult<Vec<StationDb>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id
             WHERE s.id > ?1 AND s.status <> 'defunct' AND (?2 IS NULL OR s.province = ?2) ORDER BY s.id LIMIT ?3"
        ),
        params![after_id, province, limit],
    )
    .await
}
