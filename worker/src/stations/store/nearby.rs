//! The nearest stations: boxes of growing size probed at once in the R*Tree,
//! then station rows for the nearest few only.
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
/// The boxes probed at once (one D1 batch, one round trip): 250 m doubling to
/// 2,048 km, then the largest.
const PROBES: usize = 15;
/// A box's corners lie within this many times its half-width (√2, and a margin
/// for the sphere): the circle that holds a whole box.
const OVERFLOW_GROWTH: f64 = 1.5;

fn probe_radii() -> [f64; PROBES] {
    let mut radii = [0.0; PROBES];
    for (i, r) in radii.iter_mut().enumerate() {
        *r = (250.0 * f64::powi(2.0, i as i32)).min(MAX_RADIUS_M);
    }
    radii[PROBES - 1] = MAX_RADIUS_M;
    radii
}

const BOX_SQL: &str = "SELECT id, min_lat AS lat, min_lng AS lng FROM stations_rtree
     WHERE min_lat >= ?1 AND max_lat <= ?2 AND min_lng >= ?3 AND max_lng <= ?4
       AND listed = 1 AND (amenities & ?5) = ?5 AND (?6 IS NULL OR station_type = ?6)
     LIMIT ?7";

pub struct NearbyResult {
    pub stations: Vec<StationSummary>,
    pub radius_m: f64,
    /// Rows D1 read, over all the boxes tried (for the bench).
    pub rows_read: usize,
}

/// The filters of a nearest question, as bound in `BOX_SQL`.
struct Ask {
    k: usize,
    /// Candidates needed within the circle: with "open now" more, the schedule decides later.
    wanted: usize,
    mask: i64,
    station_type: Option<&'static str>,
}

/// The candidates of one box within its inscribed circle, nearest first.
fn rank(q: &Nearby, rows: Vec<Candidate>, radius: f64) -> Vec<(u32, i64)> {
    let mut ranked: Vec<(u32, i64)> = rows
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
    ranked
}

fn box_stmt(
    db: &D1Database,
    q: &Nearby,
    a: &Ask,
    radius: f64,
    cap: u32,
) -> AppResult<worker::D1PreparedStatement> {
    let b = geo::bbox(q.at, radius);
    db::stmt(
        db,
        BOX_SQL,
        params![
            b.min_lat,
            b.max_lat,
            b.min_lng,
            b.max_lng,
            a.mask,
            a.station_type,
            cap + 1
        ],
    )
}

/// The `k` nearest stations passing `q`'s filters, in at most two D1 round
/// trips (a rare third when a box is too lumpy to judge):
/// 1. one batch probes boxes of doubling size around the point in the R*Tree
///    (filtering there on its auxiliary columns), each read only up to a small
///    cap — a box under the cap was read whole;
/// 2. the smallest box read whole with `k` matches within its inscribed circle
///    (so nothing outside could be nearer) gives the answer: station rows are
///    read for its nearest few. When a box overflows its cap before that, the
///    one just smaller held too few, so the answer lies in that first
///    overflowing box, so within the circle around that box: the R*Tree rows of
///    the box around that circle are ordered by distance in SQL and the
///    station rows of the nearest few come back in the same round trip.
pub async fn nearby(
    db: &D1Database,
    q: &Nearby,
    now: chrono::NaiveDateTime,
) -> AppResult<NearbyResult> {
    let k = q.limit as usize;
    let wanted = if q.open_now { k * 3 } else { k };
    let a = Ask {
        k,
        wanted,
        mask: q.amenities.0 as i64,
        station_type: q.station_type.map(|t| t.code()),
    };
    // Just over what is needed: a box under it was read whole; the boxes past
    // the first that overflows are wasted reads, so each costs little.
    let probe_cap = (wanted + 1) as u32;
    let radii = probe_radii();
    let statements = radii
        .iter()
        .map(|r| box_stmt(db, q, &a, *r, probe_cap))
        .collect::<AppResult<Vec<_>>>()?;
    let probes: Vec<(Vec<Candidate>, usize)> = db::batch_all(db, statements).await?;
    let mut rows_read: usize = probes.iter().map(|(_, read)| read).sum();
    let mut known_short = 0.0_f64;
    let mut choice = None;
    for (radius, (rows, _)) in radii.iter().zip(probes) {
        if rows.len() as u32 > probe_cap {
            choice = Some((*radius, None));
            break;
        }
        let ranked = rank(q, rows, *radius);
        if ranked.len() >= wanted || *radius >= MAX_RADIUS_M {
            choice = Some((*radius, Some(ranked)));
            break;
        }
        known_short = *radius;
    }
    let Some((radius, ranked)) = choice else {
        return grow(db, q, &a, known_short, MAX_RADIUS_M, rows_read, now).await;
    };
    let ranked = match ranked {
        Some(ranked) => ranked,
        None => {
            // The first overflowing box holds more than enough, and lies within
            // the circle of one half as large again: that box nearest first,
            // with its station rows.
            let radius = (radius * OVERFLOW_GROWTH).min(MAX_RADIUS_M);
            let (found, read) = dense_box(db, q, &a, radius).await?;
            rows_read += read;
            match found {
                Some((ranked, rows)) if ranked.len() >= wanted || radius >= MAX_RADIUS_M => {
                    return Ok(NearbyResult {
                        stations: pick(q, &a, &ranked, &rows, now),
                        radius_m: radius,
                        rows_read,
                    });
                }
                // Too lumpy to judge from one box: the step-by-step search, from what is known.
                Some(_) => {
                    let next = (radius * 2.0).min(MAX_RADIUS_M);
                    return grow(db, q, &a, radius, next, rows_read, now).await;
                }
                None => {
                    let mid = (known_short + radius) / 2.0;
                    return grow(db, q, &a, known_short, mid, rows_read, now).await;
                }
            }
        }
    };
    let (stations, read) = station_rows(db, q, &a, &ranked, now).await?;
    Ok(NearbyResult {
        stations,
        radius_m: radius,
        rows_read: rows_read + read,
    })
}

#[derive(Deserialize)]
struct BoxPos {
    id: i64,
    rt_lat: f64,
    rt_lng: f64,
}

/// The candidates of one box nearest the point by a flat-earth measure (SQL
/// can only order by arithmetic), with their station rows: the R*Tree rows of
/// the box are read, station rows only for those few. Ranked exactly within the
/// box's inscribed circle; with the rows read.
#[allow(clippy::type_complexity)]
async fn dense_box(
    db: &D1Database,
    q: &Nearby,
    a: &Ask,
    radius: f64,
) -> AppResult<(Option<(Vec<(u32, i64)>, Vec<StationDb>)>, usize)> {
    let b = geo::bbox(q.at, radius);
    // Metres per degree of longitude here, relative to latitude.
    let lng_scale = q.at.lat.to_radians().cos();
    // A margin over what is needed: the flat measure may order the last few a
    // little differently from the exact distance.
    let take = (a.wanted * 3) as u32;
    let sql = format!(
        "WITH near AS (
           SELECT id, min_lat AS rt_lat, min_lng AS rt_lng FROM stations_rtree
           WHERE min_lat >= ?1 AND max_lat <= ?2 AND min_lng >= ?3 AND max_lng <= ?4
             AND listed = 1 AND (amenities & ?5) = ?5 AND (?6 IS NULL OR station_type = ?6)
           ORDER BY (min_lat - ?8) * (min_lat - ?8) + (min_lng - ?9) * (min_lng - ?9) * ?10 * ?10
           LIMIT ?7)
         SELECT {COLUMNS}, near.rt_lat, near.rt_lng
         FROM near JOIN stations s ON s.id = near.id JOIN unions u ON u.id = s.union_id"
    );
    let stmt = db::stmt(
        db,
        &sql,
        params![
            b.min_lat,
            b.max_lat,
            b.min_lng,
            b.max_lng,
            a.mask,
            a.station_type,
            take,
            q.at.lat,
            q.at.lng,
            lng_scale
        ],
    )?;
    let results = db::batch_results(db, vec![stmt]).await?;
    let Some(result) = results.first() else {
        return Ok((None, 0));
    };
    let read = result
        .meta()
        .ok()
        .flatten()
        .and_then(|m| m.rows_read)
        .unwrap_or(0);
    let decode = |e: worker::Error| crate::error::AppError::Internal(format!("decode box: {e}"));
    let positions: Vec<BoxPos> = result.results().map_err(decode)?;
    let rows: Vec<StationDb> = result.results().map_err(decode)?;
    let candidates = positions
        .into_iter()
        .map(|p| Candidate {
            id: p.id,
            lat: p.rt_lat,
            lng: p.rt_lng,
        })
        .collect();
    let mut ranked = rank(q, candidates, radius);
    // Only the first `wanted` are sure to be the nearest; the rest of the margin is dropped.
    ranked.truncate(a.wanted);
    Ok((Some((ranked, rows)), read))
}

/// The first `k` of `ranked` (open ones with "open now") from their rows.
fn pick(
    q: &Nearby,
    a: &Ask,
    ranked: &[(u32, i64)],
    rows: &[StationDb],
    now: chrono::NaiveDateTime,
) -> Vec<StationSummary> {
    let mut stations = Vec::with_capacity(a.k);
    for (distance, id) in ranked {
        if stations.len() >= a.k {
            break;
        }
        let Some(row) = rows.iter().find(|r| r.id == *id) else {
            continue;
        };
        let mut s = row.summary(now);
        s.distance_m = Some(*distance);
        if !q.open_now || s.open_now {
            stations.push(s);
        }
    }
    stations
}

/// Station rows for the nearest candidates only, in order (one round trip:
/// with "open now" every candidate in the circle, else the first `k`).
async fn station_rows(
    db: &D1Database,
    q: &Nearby,
    a: &Ask,
    ranked: &[(u32, i64)],
    now: chrono::NaiveDateTime,
) -> AppResult<(Vec<StationSummary>, usize)> {
    let take = if q.open_now { ranked.len() } else { a.k };
    let ids: Vec<i64> = ranked.iter().take(take).map(|(_, id)| *id).collect();
    if ids.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let (rows, meta): (Vec<StationDb>, _) = db::all_with_meta(
        db,
        &format!("SELECT {COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id WHERE s.id IN (SELECT value FROM json_each(?))"),
        params![serde_json::to_string(&ids)?],
    )
    .await?;
    let read = meta.and_then(|m| m.rows_read).unwrap_or(0);
    Ok((pick(q, a, ranked, &rows, now), read))
}

/// The step-by-step search (one box per round trip), for the rare lumpy case the
/// probes cannot settle: grows the box from `radius` until enough matches lie
/// within its inscribed circle, sizing each step from the density seen and
/// shrinking a box too dense to read whole; `known_short` already held too few.
async fn grow(
    db: &D1Database,
    q: &Nearby,
    a: &Ask,
    mut known_short: f64,
    mut radius: f64,
    mut rows_read: usize,
    now: chrono::NaiveDateTime,
) -> AppResult<NearbyResult> {
    let mut ranked: Vec<(u32, i64)> = Vec::new();
    for _ in 0..20 {
        let (rows, meta): (Vec<Candidate>, Option<D1ResultMeta>) = {
            let b = geo::bbox(q.at, radius);
            db::all_with_meta(
                db,
                BOX_SQL,
                params![
                    b.min_lat,
                    b.max_lat,
                    b.min_lng,
                    b.max_lng,
                    a.mask,
                    a.station_type,
                    CANDIDATE_CAP + 1
                ],
            )
            .await?
        };
        rows_read += meta.and_then(|m| m.rows_read).unwrap_or(0);
        if rows.len() as u32 > CANDIDATE_CAP && radius > 50.0 {
            radius = if known_short > 0.0 {
                (known_short + radius) / 2.0
            } else {
                radius / 4.0
            };
            continue;
        }
        let found = rows.len();
        ranked = rank(q, rows, radius);
        if ranked.len() >= a.wanted || radius >= MAX_RADIUS_M {
            break;
        }
        known_short = radius;
        let factor = if found == 0 {
            8.0
        } else {
            ((a.wanted as f64 / found as f64).sqrt() * 1.5).clamp(1.5, 8.0)
        };
        radius = (radius * factor).min(MAX_RADIUS_M);
    }
    let (stations, read) = station_rows(db, q, a, &ranked, now).await?;
    Ok(NearbyResult {
        stations,
        radius_m: radius,
        rows_read: rows_read + read,
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
