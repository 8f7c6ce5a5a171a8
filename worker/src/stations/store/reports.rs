//! Problems workers report, and the verification that resolves them.
use crate::db;
use crate::error::{AppError, AppResult};
use crate::params;
use serde::Deserialize;
use shared::stations::*;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Deserialize)]
struct ReportRow {
    id: i64,
    station_id: i64,
    kind: String,
    amenity: Option<String>,
    note: Option<String>,
    created_at: String,
    resolved_at: Option<String>,
}

impl ReportRow {
    fn wire(self) -> Report {
        Report {
            id: self.id,
            station_id: self.station_id,
            kind: ReportKind::parse(&self.kind).unwrap_or(ReportKind::Other),
            amenity: self.amenity.as_deref().and_then(Amenity::parse),
            note: self.note,
            created_at: self.created_at,
            resolved_at: self.resolved_at,
        }
    }
}

pub async fn add_report(
    db: &D1Database,
    station_id: i64,
    r: &ReportInput,
    reporter: &str,
    now: &str,
) -> AppResult<Report> {
    let row: Option<ReportRow> = db::first(
        db,
        "INSERT INTO station_reports (station_id, kind, amenity, note, reporter, created_at) VALUES (?, ?, ?, ?, ?, ?)
         RETURNING id, station_id, kind, amenity, note, created_at, resolved_at",
        params![station_id, r.kind.code(), r.amenity.map(|a| a.code()), r.note.as_deref().map(str::trim), reporter, now],
    )
    .await?;
    row.map(ReportRow::wire)
        .ok_or_else(|| AppError::Internal("report insert returned nothing".into()))
}

pub async fn open_reports(db: &D1Database, station_id: i64) -> AppResult<Vec<Report>> {
    let rows: Vec<ReportRow> = db::all(
        db,
        "SELECT id, station_id, kind, amenity, note, created_at, resolved_at FROM station_reports
         WHERE station_id = ? AND resolved_at IS NULL ORDER BY id",
        params![station_id],
    )
    .await?;
    Ok(rows.into_iter().map(ReportRow::wire).collect())
}

pub fn verify(
    db: &D1Database,
    id: i64,
    by: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(db, "UPDATE stations SET last_verified_at = ?2, verified_by = ?3 WHERE id = ?1", params![id, now, by])?,
        db::stmt(db, "UPDATE station_reports SET resolved_at = ?2, resolved_by = ?3 WHERE station_id = ?1 AND resolved_at IS NULL", params![id, now, by])?,
    ])
}
