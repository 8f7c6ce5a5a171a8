//! The staff lists of a subtree: stations with their open reports and the
//! week's visits, and the re-check queue.
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::stations::*;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Deserialize)]
struct RowDb {
    id: i64,
    name: String,
    station_type: String,
    union_name: String,
    district: String,
    status: String,
    last_verified_at: Option<String>,
    updated_at: String,
    open_reports: i64,
    visits_7d: i64,
}

impl RowDb {
    fn wire(self) -> StationRow {
        StationRow {
            id: self.id,
            name: self.name,
            station_type: StationType::parse(&self.station_type)
                .unwrap_or(StationType::UnionStation),
            union_name: self.union_name,
            district: self.district,
            status: StationStatus::parse(&self.status).unwrap_or_default(),
            last_verified_at: self.last_verified_at,
            open_reports: self.open_reports as u32,
            visits_7d: self.visits_7d as u32,
            updated_at: self.updated_at,
        }
    }
}

const ROW_COLUMNS: &str = "s.id, s.name, s.station_type, u.name AS union_name, s.district, s.status, s.last_verified_at, s.updated_at,
  (SELECT count(*) FROM station_reports r WHERE r.station_id = s.id AND r.resolved_at IS NULL) AS open_reports,
  (SELECT coalesce(sum(v.visits), 0) FROM station_visit_days v WHERE v.station_id = s.id AND v.day >= ?3) AS visits_7d";

/// Stations in `scope`, by name, after the seek key (name, id).
pub async fn rows_in_scope(
    db: &D1Database,
    scope: &Scope,
    q: &StationRowsQuery,
    week_start: &str,
    after: (String, i64),
    limit: u32,
) -> AppResult<Vec<StationRow>> {
    let (lo, hi) = scope.bounds();
    let rows: Vec<RowDb> = db::all(
        db,
        &format!(
            "SELECT {ROW_COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id
             WHERE s.union_path >= ?1 AND s.union_path < ?2
               AND (?4 IS NULL OR instr(s.name, ?4) > 0) AND (?5 IS NULL OR s.status = ?5)
               AND (s.name > ?6 OR (s.name = ?6 AND s.id > ?7))
             ORDER BY s.name, s.id LIMIT ?8"
        ),
        params![
            lo,
            hi,
            week_start,
            q.q,
            q.status.map(|s| s.code()),
            after.0,
            after.1,
            limit
        ],
    )
    .await?;
    Ok(rows.into_iter().map(RowDb::wire).collect())
}

/// The re-check queue: stations with open reports (most first), then the ones
/// verified longest ago (never verified first).
pub async fn recheck(
    db: &D1Database,
    scope: &Scope,
    week_start: &str,
    limit: u32,
) -> AppResult<Vec<StationRow>> {
    let (lo, hi) = scope.bounds();
    let reported: Vec<RowDb> = db::all(
        db,
        &format!(
            "SELECT {ROW_COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id
             WHERE s.id IN (SELECT r.station_id FROM station_reports r WHERE r.resolved_at IS NULL)
               AND s.union_path >= ?1 AND s.union_path < ?2 AND s.status <> 'defunct'
             ORDER BY open_reports DESC, s.last_verified_at IS NOT NULL, s.last_verified_at LIMIT ?4"
        ),
        params![lo, hi, week_start, limit],
    )
    .await?;
    let stale: Vec<RowDb> = db::all(
        db,
        &format!(
            "SELECT {ROW_COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id
             WHERE s.union_path >= ?1 AND s.union_path < ?2 AND s.status <> 'defunct'
             ORDER BY s.last_verified_at IS NOT NULL, s.last_verified_at LIMIT ?4"
        ),
        params![lo, hi, week_start, limit],
    )
    .await?;
    let mut out: Vec<StationRow> = reported.into_iter().map(RowDb::wire).collect();
    for s in stale.into_iter().map(RowDb::wire) {
        if out.len() as u32 >= limit {
            break;
        }
        if !out.iter().any(|o| o.id == s.id) {
            out.push(s);
        }
    }
    Ok(out)
}

/// 概览: stations of the subtree due for re-checking — a worker's open
/// report, or not checked by staff since `cutoff` (or never).
pub fn count_due_for_recheck(
    db: &D1Database,
    scope: &Scope,
    cutoff: &str,
) -> AppResult<D1PreparedStatement> {
    let (lo, hi) = scope.bounds();
    db::stmt(
        db,
        "SELECT count(*) AS n FROM stations s WHERE s.union_path >= ?1 AND s.union_path < ?2 AND s.status <> 'defunct'
           AND (s.last_verified_at IS NULL OR s.last_verified_at < ?3
                OR EXISTS (SELECT 1 FROM station_reports r WHERE r.station_id = s.id AND r.resolved_at IS NULL))",
        params![lo, hi, cutoff],
    )
}
