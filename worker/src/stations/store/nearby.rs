//! The nearest stations: a growing box read from the R*Tree, then station rows
//! for the nearest few only.
use super::stations::{StationDb, COLUMNS};
use crate::db::{self, Count};
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::geo::{self, LatLng};
use shared::stations::*;
use worker::{D1Database, D1ResultMeta};

/// A candidate straight from the spatial index (no station row read yet).
#[derive(Debug, Clone, Deserialize)]
struct Candidate {
    id: i64,
    lat: f64,
    lng: f64,
}

/// How many candidates one box may return before it is judged too dense and shrunk.
const CANDIDATE_CAP: u32 = 400;
const MAX_RADIUS_M: f64 = 3_000_000.0;

pub struct NearbyResult {
    pub stations: Vec<StationSummary>,
    pub radius_m: f64,
    /// Rows D1 read, over all the boxes tried (for the bench).
    pub rows_read: usize,
}

/// The `k` nearest stations passing `q`'s filters. Reads a box around the point
/// from the R*Tree, filtering there on its auxiliary columns; grows the box until
/// `k` matches lie within its inscribed circle (so nothing outside could be
/// nearer), sizing each step from the density seen; shrinks a box too dense to
/// read whole. Station rows are then read for the nearest candidates only.
pub async fn nearby(
    db: &D1Database,
    q: &Nearby,
    now: chrono::NaiveDateTime,
) -> AppResult<NearbyResult> {
    let k = q.limit as usize;
    let station_type = q.station_type.map(|t| t.code());
    let mask = q.amenities.0 as i64;
    let mut radius = 2_000.0_f64;
    let mut known_short = 0.0_f64; // a radius already found to hold too few
    let mut rows_read = 0;
    let mut ranked: Vec<(u32, i64)> = Vec::new();
    for _ in 0..20 {
        let b = geo::bbox(q.at, radius);
        let (rows, meta): (Vec<Candidate>, Option<D1ResultMeta>) = db::all_with_meta(
            db,
            "SELECT id, min_lat AS lat, min_lng AS lng FROM stations_rtree
             WHERE min_lat >= ?1 AND max_lat <= ?2 AND min_lng >= ?3 AND max_lng <= ?4
               AND listed = 1 AND (amenities & ?5) = ?5 AND (?6 IS NULL OR station_type = ?6)
             LIMIT ?7",
            params![
                b.min_lat,
                b.max_lat,
                b.min_lng,
                b.max_lng,
                mask,
                station_type,
                CANDIDATE_CAP + 1
            ],
        )
        .await?;
        rows_read += meta.and_then(|m| m.rows_read).unwrap_or(0);
        if rows.len() as u32 > CANDIDATE_CAP && radius > 50.0 {
            // Too dense to judge from a partial read: look closer.
            radius = if known_short > 0.0 {
                (known_short + radius) / 2.0
            } else {
                radius / 4.0
            };
            continue;
        }
        let found = rows.len();
        ranked = rows
            .into_iter()
            .map(|c| {
                (
                    geo::distance_m(q.at, LatLng::new(c.lat, c.lng)).round() as u32,
                    c.id,
                )
            })
            .filter(|(d, _)| *d as f64 <= radius)
            .collect();
        ranked.sort();
        // With "open now" more candidates are needed; the schedule decides below.
        let wanted = if q.open_now { k * 3 } else { k };
        if ranked.len() >= wanted || radius >= MAX_RADIUS_M {
            break;
        }
        known_short = radius;
        // Grow towards the radius that should hold enough at the density seen.
        let factor = if found == 0 {
            8.0
        } else {
            ((wanted as f64 / found as f64).sqrt() * 1.5).clamp(1.5, 8.0)
        };
        radius = (radius * factor).min(MAX_RADIUS_M);
    }
    // Station rows for the nearest candidates only, in order.
    let mut stations = Vec::with_capacity(k);
    for chunk in ranked.chunks(if q.open_now { 60 } else { k.max(1) }) {
        let ids: Vec<i64> = chunk.iter().map(|(_, id)| *id).collect();
        let (rows, meta): (Vec<StationDb>, _) = db::all_with_meta(
            db,
            &format!("SELECT {COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id WHERE s.id IN (SELECT value FROM json_each(?))"),
            params![serde_json::to_string(&ids)?],
        )
        .await?;
        rows_read += meta.and_then(|m| m.rows_read).unwrap_or(0);
        for (distance, id) in chunk {
            let Some(row) = rows.iter().find(|r| r.id == *id) else {
                continue;
            };
            let mut s = row.summary(now);
            s.distance_m = Some(*distance);
            if !q.open_now || s.open_now {
                stations.push(s);
            }
        }
        if stations.len() >= k || !q.open_now {
            break;
        }
    }
    stations.truncate(k);
    Ok(NearbyResult {
        stations,
        radius_m: radius,
        rows_read,
    })
}

/// The same question answered by reading every station (the bench's yardstick).
pub async fn nearby_full_scan_rows_read(db: &D1Database, q: &Nearby) -> AppResult<usize> {
    let (_, meta): (Vec<Count>, _) = db::all_with_meta(
        db,
        "SELECT s.id AS n FROM stations s WHERE s.status <> 'defunct' AND (s.amenities & ?1) = ?1
         ORDER BY (s.lat - ?2) * (s.lat - ?2) + (s.lng - ?3) * (s.lng - ?3) LIMIT ?4",
        params![q.amenities.0 as i64, q.at.lat, q.at.lng, q.limit],
    )
    .await?;
    Ok(meta.and_then(|m| m.rows_read).unwrap_or(0))
}
