//! Check-ins: one per person per station per hour, and the daily counts.
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::stations::*;
use worker::D1Database;

/// Records a check-in unless this visitor checked in here this hour; returns
/// whether it counted.
pub async fn add_visit(
    db: &D1Database,
    station_id: i64,
    visitor: &str,
    hour: &str,
    day: &str,
) -> AppResult<bool> {
    let counted = db::run(
        db,
        "INSERT OR IGNORE INTO station_visits (station_id, visitor, hour) VALUES (?, ?, ?)",
        params![station_id, visitor, hour],
    )
    .await?
    .changes
        == 1;
    if counted {
        db::run(
            db,
            "INSERT INTO station_visit_days (station_id, day, visits) VALUES (?1, ?2, 1)
             ON CONFLICT (station_id, day) DO UPDATE SET visits = visits + 1",
            params![station_id, day],
        )
        .await?;
    }
    Ok(counted)
}

pub async fn visits_on(db: &D1Database, station_id: i64, day: &str) -> AppResult<u32> {
    #[derive(Deserialize)]
    struct V {
        visits: i64,
    }
    let v: Option<V> = db::first(
        db,
        "SELECT visits FROM station_visit_days WHERE station_id = ? AND day = ?",
        params![station_id, day],
    )
    .await?;
    Ok(v.map(|v| v.visits as u32).unwrap_or(0))
}

pub async fn visit_days(
    db: &D1Database,
    station_id: i64,
    from_day: &str,
) -> AppResult<Vec<DayCount>> {
    #[derive(Deserialize)]
    struct V {
        day: String,
        visits: i64,
    }
    let rows: Vec<V> = db::all(
        db,
        "SELECT day, visits FROM station_visit_days WHERE station_id = ? AND day >= ? ORDER BY day",
        params![station_id, from_day],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|v| DayCount {
            day: v.day,
            visits: v.visits as u32,
        })
        .collect())
}

/// Raw check-ins are only needed to refuse a second one within the hour.
pub async fn forget_old_visits(db: &D1Database, before_hour: &str) -> AppResult<()> {
    db::run(
        db,
        "DELETE FROM station_visits WHERE hour < ?",
        params![before_hour],
    )
    .await?;
    Ok(())
}
