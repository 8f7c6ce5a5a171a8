//! All SQL of the union tree.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::trades::Trade;
use shared::unions::{
    PublicUnion, Union, UnionCreate, UnionKind, UnionLevel, UnionRef, UnionStatus, UnionSummary,
    UnionUpdate,
};
use worker::{D1Database, D1PreparedStatement};

const COLUMNS: &str = "u.id, u.code, u.name, u.level, u.kind, u.status, u.parent_id, u.path, u.join_code, u.region_code,
  u.project_starts_on, u.project_ends_on, u.fallback_union_id, u.trades, u.address, u.created_at, u.closed_at,
  (SELECT count(*) FROM unions c WHERE c.parent_id = u.id) AS children";

#[derive(Debug, Clone, Deserialize)]
pub struct UnionRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: String,
    pub kind: String,
    pub status: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub join_code: String,
    pub region_code: Option<String>,
    pub project_starts_on: Option<String>,
    pub project_ends_on: Option<String>,
    pub fallback_union_id: Option<i64>,
    pub trades: Option<String>,
    pub address: Option<String>,
    pub created_at: String,
    pub closed_at: Option<String>,
    pub children: i64,
}

impl UnionRow {
    pub fn level(&self) -> UnionLevel {
        UnionLevel::parse(&self.level).unwrap_or(UnionLevel::Grassroots)
    }

    pub fn kind(&self) -> UnionKind {
        UnionKind::parse(&self.kind).unwrap_or(UnionKind::Joint)
    }

    pub fn status(&self) -> UnionStatus {
        UnionStatus::parse(&self.status).unwrap_or(UnionStatus::Open)
    }

    /// Ids along the path, from the top of the tree down to this union.
    pub fn lineage(&self) -> Vec<i64> {
        self.path
            .split('/')
            .filter_map(|s| s.parse().ok())
            .collect()
    }

    /// The union's own facts, as every capability sees them.
    pub fn summary(&self) -> UnionSummary {
        UnionSummary {
            id: self.id,
            code: self.code.clone(),
            name: self.name.clone(),
            level: self.level(),
            kind: self.kind(),
            status: self.status(),
            parent_id: self.parent_id,
            region_code: self.region_code.clone().filter(|r| !r.is_empty()),
            project_starts_on: self
                .project_starts_on
                .as_deref()
                .and_then(|d| d.parse().ok()),
            project_ends_on: self.project_ends_on.as_deref().and_then(|d| d.parse().ok()),
            fallback_union_id: self.fallback_union_id,
            join_code: self.join_code.clone(),
            address: self.address.clone(),
            trades: self
                .trades
                .as_deref()
                .and_then(|t| serde_json::from_str::<Vec<Trade>>(t).ok()),
        }
    }

    pub fn into_wire(self) -> Union {
        Union {
            summary: self.summary(),
            depth: self.lineage().len().saturating_sub(1) as u32,
            children: self.children as u32,
            created_at: self.created_at,
            closed_at: self.closed_at,
        }
    }
}

pub async fn by_id(db: &D1Database, id: i64) -> AppResult<Option<UnionRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM unions u WHERE u.id = ?"),
        params![id],
    )
    .await
}

pub async fn by_join_code(db: &D1Database, join_code: &str) -> AppResult<Option<UnionRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM unions u WHERE u.join_code = ?"),
        params![join_code.to_ascii_uppercase()],
    )
    .await
}

#[derive(Deserialize)]
struct RefRow {
    id: i64,
    code: String,
    name: String,
}

/// References of several unions, in the order of `ids`.
pub async fn refs(db: &D1Database, ids: &[i64]) -> AppResult<Vec<UnionRef>> {
    let json = serde_json::to_string(ids)?;
    let rows: Vec<RefRow> = db::all(
        db,
        "SELECT id, code, name FROM unions WHERE id IN (SELECT value FROM json_each(?))",
        params![json],
    )
    .await?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id))
        .map(|r| UnionRef {
            id: r.id,
            code: r.code.clone(),
            name: r.name.clone(),
        })
        .collect())
}

pub async fn public_view(db: &D1Database, row: UnionRow) -> AppResult<PublicUnion> {
    let lineage = row.lineage();
    let parents = refs(db, &lineage[..lineage.len().saturating_sub(1)]).await?;
    Ok(PublicUnion {
        summary: row.summary(),
        parents,
    })
}

/// Direct children of a union (or the roots), in name order, with seek pagination on (name, id).
pub async fn children(
    db: &D1Database,
    parent: Option<i64>,
    after: Option<(String, i64)>,
    limit: u32,
) -> AppResult<Vec<UnionRow>> {
    let (after_name, after_id) = after.unwrap_or_default();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM unions u
             WHERE ((?1 IS NULL AND u.parent_id IS NULL) OR u.parent_id = ?1)
               AND (u.name > ?2 OR (u.name = ?2 AND u.id > ?3))
             ORDER BY u.name, u.id LIMIT ?4"
        ),
        params![parent, after_name, after_id, limit],
    )
    .await
}

/// Unions in scope whose name contains `text`.
pub async fn search(
    db: &D1Database,
    scope: &Scope,
    text: &str,
    after: Option<(String, i64)>,
    limit: u32,
) -> AppResult<Vec<UnionRow>> {
    let (lo, hi) = scope.bounds();
    let (after_name, after_id) = after.unwrap_or_default();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM unions u
             WHERE u.path >= ?1 AND u.path < ?2 AND instr(u.name, ?3) > 0
               AND (u.name > ?4 OR (u.name = ?4 AND u.id > ?5))
             ORDER BY u.name, u.id LIMIT ?6"
        ),
        params![lo, hi, text, after_name, after_id, limit],
    )
    .await
}

/// Inserts a union under `parent`; its path is computed in the same statement.
/// The id the next union gets. Taken before the insert so that its audit entry
/// goes in the same batch; the primary key decides a race.
pub async fn next_id(db: &D1Database) -> AppResult<i64> {
    next_id_of(db, "SELECT coalesce(max(id), 0) + 1 AS n FROM unions").await
}

#[derive(Deserialize)]
struct NextId {
    n: i64,
}

async fn next_id_of(db: &D1Database, sql: &str) -> AppResult<i64> {
    let row: Option<NextId> = db::first(db, sql, params![]).await?;
    Ok(row.map(|r| r.n).unwrap_or(1))
}

/// The path a new union with `id` gets under `parent`.
pub fn child_path(parent: &UnionRow, id: i64) -> String {
    format!("{}{id}/", parent.path)
}

#[allow(clippy::too_many_arguments)]
pub fn insert(
    db: &D1Database,
    id: i64,
    parent: &UnionRow,
    input: &UnionCreate,
    code: &str,
    name: &str,
    join_code: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let trades = input
        .trades
        .as_ref()
        .map(|t| serde_json::to_string(t).unwrap_or_default());
    let starts = input.project_starts_on.map(|d| d.to_string());
    let ends = input.project_ends_on.map(|d| d.to_string());
    db::stmt(
        db,
        "INSERT INTO unions (id, code, name, level, kind, parent_id, path, join_code, region_code, project_starts_on, project_ends_on,
                             fallback_union_id, trades, address, created_at, updated_at)
         VALUES (?15, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            code,
            name,
            input.level.code(),
            input.kind.code(),
            parent.id,
            child_path(parent, id),
            join_code,
            input.region_code.as_deref().unwrap_or(parent.region_code.as_deref().unwrap_or("")).to_string(),
            starts,
            ends,
            input.fallback_union_id,
            trades,
            input.address,
            now,
            id,
        ],
    )
}

/// Unions a worker might join: open grassroots unions of the given regions, and
/// project unions whose name or site contains the typed site (normalised) or its
/// first three characters. The shared rule ranks them.
pub async fn candidates_for_joining(
    db: &D1Database,
    regions_json: &str,
    site_key: &str,
) -> AppResult<Vec<UnionRow>> {
    let head: String = site_key.chars().take(3).collect();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM unions u
             WHERE u.level = 'grassroots' AND u.status = 'open' AND (
               u.region_code IN (SELECT value FROM json_each(?1))
               OR (length(?2) >= 2 AND u.kind = 'project'
                   AND (instr(u.name, ?2) > 0 OR instr(coalesce(u.address, ''), ?2) > 0 OR instr(u.name, ?3) > 0 OR instr(coalesce(u.address, ''), ?3) > 0)))
             LIMIT 200"
        ),
        params![regions_json, site_key, head],
    )
    .await
}

#[derive(Deserialize)]
pub struct AreaRow {
    pub region_code: String,
    pub name: String,
    pub parent_name: Option<String>,
}

/// City and district federations with an open grassroots union somewhere under them.
pub async fn join_areas(db: &D1Database) -> AppResult<Vec<AreaRow>> {
    db::all(
        db,
        "SELECT f.region_code, f.name, p.name AS parent_name FROM unions f LEFT JOIN unions p ON p.id = f.parent_id
         WHERE f.kind = 'federation' AND f.level IN ('city', 'district') AND f.status = 'open' AND f.region_code IS NOT NULL
           AND EXISTS (SELECT 1 FROM unions g WHERE g.level = 'grassroots' AND g.status = 'open' AND g.path LIKE f.path || '%')
         GROUP BY f.region_code ORDER BY f.region_code",
        params![],
    )
    .await
}

pub async fn by_code(db: &D1Database, code: &str) -> AppResult<Option<UnionRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM unions u WHERE u.code = ?"),
        params![code],
    )
    .await
}

pub fn update(
    db: &D1Database,
    id: i64,
    input: &UnionUpdate,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let trades = input
        .trades
        .as_ref()
        .map(|t| serde_json::to_string(t).unwrap_or_default());
    let starts = input.project_starts_on.map(|d| d.to_string());
    let ends = input.project_ends_on.map(|d| d.to_string());
    let address = input.address.as_deref().map(str::trim);
    let region = input.region_code.as_deref().map(str::trim);
    db::stmt(
        db,
        "UPDATE unions SET
           name = coalesce(?2, name),
           address = coalesce(?3, address),
           region_code = coalesce(?4, region_code),
           project_ends_on = CASE WHEN kind = 'project' THEN coalesce(?5, project_ends_on) ELSE project_ends_on END,
           fallback_union_id = CASE WHEN kind = 'project' THEN coalesce(?6, fallback_union_id) ELSE fallback_union_id END,
           trades = coalesce(?7, trades),
           project_starts_on = CASE WHEN kind = 'project' THEN coalesce(?9, project_starts_on) ELSE project_starts_on END,
           updated_at = ?8
         WHERE id = ?1",
        params![id, input.name.as_deref().map(str::trim), address, region, ends, input.fallback_union_id, trades, now, starts],
    )
}
