//! The stations side of a worker's data export (`/api/me/data`): what they
//! reported and where they checked in while signed in (`user:<id>`).

use crate::db;
use crate::error::AppResult;
use crate::params;
use shared::accounts::{StationReportRecord, VisitRecord};
use worker::D1Database;

pub async fn export_reports(db: &D1Database, user_id: i64) -> AppResult<Vec<StationReportRecord>> {
    db::all(
        db,
        "SELECT id, station_id, kind, amenity, note, created_at, resolved_at
         FROM station_reports WHERE reporter = ? ORDER BY id",
        params![format!("user:{user_id}")],
    )
    .await
}

pub async fn export_visits(db: &D1Database, user_id: i64) -> AppResult<Vec<VisitRecord>> {
    db::all(
        db,
        "SELECT station_id, hour FROM station_visits WHERE visitor = ? ORDER BY hour",
        params![format!("user:{user_id}")],
    )
    .await
}
