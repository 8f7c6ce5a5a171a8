//! The job list (`GET /api/jobs`) and the worker's match candidates. SQL narrows
//! with indexes; the shared rule `JobSearch::accepts` has the last word on every
//! row, so the API and the phone mean the same thing by each filter.

use super::jobs::{JobRow, JOB_COLUMNS, JOB_FROM};
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::geo::{self, LatLng};
use shared::jobs::text_search::SearchPlan;
use shared::jobs::{trade_mask, JobCursor, JobSearch, JobSort};
use worker::D1Database;

/// Conditions every listed job meets (bound: ?1 today, ?2 trade mask or 0,
/// ?3 minimum daily wage, ?4 settlement, ?5 starts-today flag, ?6 employer).
const FILTERS: &str = "j.status = 'live' AND j.valid_until >= ?1 AND e.status = 'verified'
  AND (?2 = 0 OR (j.trade_mask & ?2) <> 0)
  AND (?3 IS NULL OR j.daily_max_fen >= ?3)
  AND (?4 IS NULL OR j.settlement = ?4)
  AND (?5 = 0 OR (j.starts_on <= ?1 AND (j.ends_on IS NULL OR j.ends_on >= ?1)))
  AND (?6 IS NULL OR j.employer_id = ?6)";

/// The text condition on ?7, by plan (the indexes' rowid is `jobs.listing_seq`).
fn text_clause(plan: &SearchPlan) -> &'static str {
    match plan {
        SearchPlan::Trigram(_) => {
            "AND j.listing_seq IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?7)"
        }
        SearchPlan::Bigram(_) => {
            "AND j.listing_seq IN (SELECT rowid FROM jobs_fts_bigram WHERE jobs_fts_bigram MATCH ?7)"
        }
        SearchPlan::None => "AND ?7 IS NULL",
    }
}

/// Newest first with text: the newest `?15` matches straight from the top of
/// the index (rowid = listing sequence, which grows with `posted_at`), after
/// the cursor's job (?13), then the common filters on those rows only.
fn text_window_clause(plan: &SearchPlan) -> Option<&'static str> {
    match plan {
        SearchPlan::Trigram(_) => Some(
            "AND j.listing_seq IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?7
               AND (?13 IS NULL OR rowid < (SELECT listing_seq FROM jobs WHERE id = ?13)) ORDER BY rowid DESC LIMIT ?15)",
        ),
        SearchPlan::Bigram(_) => Some(
            "AND j.listing_seq IN (SELECT rowid FROM jobs_fts_bigram WHERE jobs_fts_bigram MATCH ?7
               AND (?13 IS NULL OR rowid < (SELECT listing_seq FROM jobs WHERE id = ?13)) ORDER BY rowid DESC LIMIT ?15)",
        ),
        SearchPlan::None => None,
    }
}

/// A page of results (one more than the limit when there is a next page) and
/// what D1 read to answer (for the bench).
pub struct Found {
    pub rows: Vec<JobRow>,
    pub rows_read: usize,
}

pub async fn search(db: &D1Database, s: &JobSearch, today: chrono::NaiveDate) -> AppResult<Found> {
    match s.sort {
        JobSort::Nearest => nearest(db, s, today).await,
        JobSort::Newest | JobSort::HighestWage => ordered(db, s, today).await,
    }
}

/// Binds the common filters (?1–?7) and runs `sql` with `rest` after them.
async fn filtered(
    db: &D1Database,
    sql: &str,
    s: &JobSearch,
    today: &str,
    rest: &[&dyn db::Bind],
) -> AppResult<(Vec<JobRow>, usize)> {
    let mask = s.trade.map_or(0, |t| trade_mask([t]));
    let settlement = s.settlement.map(|x| x.code());
    let mut values: Vec<&dyn db::Bind> = vec![
        &today,
        &mask,
        &s.min_daily_wage_fen,
        &settlement,
        &s.starts_today,
        &s.employer_id,
    ];
    let text = s.text.fts_query().map(str::to_string);
    values.push(&text);
    values.extend_from_slice(rest);
    let (rows, meta) = db::all_with_meta(db, sql, &values).await?;
    Ok((rows, meta.and_then(|m| m.rows_read).unwrap_or(0)))
}

/// Newest or highest wage: a walk down the matching partial index with seek
/// pagination, in batches until a page passes the shared rule (the distance
/// filter is a box in SQL, a circle in the rule).
async fn ordered(db: &D1Database, s: &JobSearch, today: chrono::NaiveDate) -> AppResult<Found> {
    let (key, order) = match s.sort {
        JobSort::Newest => ("j.posted_at", "ORDER BY j.posted_at DESC, j.id DESC"),
        _ => (
            "coalesce(j.daily_max_fen, -1)",
            "ORDER BY j.daily_max_fen DESC, j.id DESC",
        ),
    };
    let within = if s.near.is_some() && s.radius_km.is_some() {
        "AND j.id IN (SELECT id FROM jobs_rtree WHERE min_lat >= ?8 AND max_lat <= ?9 AND min_lng >= ?10 AND max_lng <= ?11)"
    } else {
        "AND ?8 IS NULL AND ?9 IS NULL AND ?10 IS NULL AND ?11 IS NULL"
    };
    let sql = format!(
        "SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE {FILTERS} {} {within}
           AND (?12 IS NULL OR {key} < ?12 OR ({key} = ?12 AND j.id < ?13)) {order} LIMIT ?14",
        text_clause(&s.text)
    );
    let b = s
        .near
        .zip(s.radius_km)
        .map(|(at, r)| geo::bbox(at, r * 1000.0));
    let (b1, b2, b3, b4) = (
        b.map(|b| b.min_lat),
        b.map(|b| b.max_lat),
        b.map(|b| b.min_lng),
        b.map(|b| b.max_lng),
    );
    let today_text = today.to_string();
    let want = s.limit as usize + 1;
    let batch = (want * 2).max(20) as u32;
    let (mut out, mut rows_read) = (Vec::new(), 0);
    // Newest with text: first the newest few matches only. When enough of them
    // pass every filter they are the page (nothing older can come before
    // them); otherwise the general walk below answers.
    if let (JobSort::Newest, Some(window)) = (s.sort, text_window_clause(&s.text)) {
        let window_sql = format!(
            "SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE {FILTERS} {window} {within}
               AND (?12 IS NULL OR j.posted_at < ?12 OR (j.posted_at = ?12 AND j.id < ?13))
             ORDER BY j.posted_at DESC, j.id DESC LIMIT ?14"
        );
        let window_size = (want * 4) as u32;
        let (rows, read) = filtered(
            db,
            &window_sql,
            s,
            &today_text,
            &[
                &b1,
                &b2,
                &b3,
                &b4,
                &s.after.and_then(|c| c.posted_at()),
                &s.after.map(|c| c.id),
                &(want as u32),
                &window_size,
            ],
        )
        .await?;
        rows_read += read;
        out.extend(
            rows.into_iter()
                .filter(|r| s.accepts(&r.summary(s.near), today)),
        );
        if out.len() >= want {
            out.truncate(want);
            return Ok(Found {
                rows: out,
                rows_read,
            });
        }
        out.clear();
    }
    // Where the next batch starts: the search's own cursor, then the last row seen.
    let mut seek = s.after;
    for _ in 0..10 {
        let seek_id = seek.map(|c| c.id);
        // The newest key is text in SQL (posted_at), the wage key a number.
        let (rows, read) = match s.sort {
            JobSort::Newest => {
                filtered(
                    db,
                    &sql,
                    s,
                    &today_text,
                    &[
                        &b1,
                        &b2,
                        &b3,
                        &b4,
                        &seek.and_then(|c| c.posted_at()),
                        &seek_id,
                        &batch,
                    ],
                )
                .await?
            }
            _ => {
                filtered(
                    db,
                    &sql,
                    s,
                    &today_text,
                    &[&b1, &b2, &b3, &b4, &seek.map(|c| c.key), &seek_id, &batch],
                )
                .await?
            }
        };
        rows_read += read;
        let full = rows.len() as u32 == batch;
        seek = rows
            .last()
            .and_then(|r| JobCursor::after(s.sort, &r.summary(None)));
        out.extend(
            rows.into_iter()
                .filter(|r| s.accepts(&r.summary(s.near), today)),
        );
        if out.len() >= want || !full {
            break;
        }
    }
    out.truncate(want);
    Ok(Found {
        rows: out,
        rows_read,
    })
}

#[derive(Deserialize)]
struct Point {
    id: i64,
    lat: f64,
    lng: f64,
}

/// At most this many positions are read from the R*Tree per box, unless a
/// smaller box already proved too sparse (then up to `DENSE_CAP`).
const BOX_CAP: usize = 600;
const DENSE_CAP: usize = 5_000;
const START_RADIUS_M: f64 = 3_000.0;
const MAX_RADIUS_M: f64 = shared::jobs::MAX_RADIUS_KM * 1000.0;

/// Live jobs with one of `mask`'s trades (0: any) within `radius_m`, nearest
/// first, as (distance, id); `None` when the box holds more than the cap.
async fn ring(
    db: &D1Database,
    at: LatLng,
    radius_m: f64,
    mask: i64,
    cap: usize,
    rows_read: &mut usize,
) -> AppResult<Option<Vec<(u32, i64)>>> {
    let b = geo::bbox(at, radius_m);
    let (points, meta): (Vec<Point>, _) = db::all_with_meta(
        db,
        "SELECT id, min_lat AS lat, min_lng AS lng FROM jobs_rtree
         WHERE min_lat >= ?1 AND max_lat <= ?2 AND min_lng >= ?3 AND max_lng <= ?4 AND (?5 = 0 OR (trade_mask & ?5) <> 0) LIMIT ?6",
        params![b.min_lat, b.max_lat, b.min_lng, b.max_lng, mask, cap as u32 + 1],
    )
    .await?;
    *rows_read += meta.and_then(|m| m.rows_read).unwrap_or(0);
    if points.len() > cap {
        return Ok(None);
    }
    let mut ranked: Vec<(u32, i64)> = points
        .into_iter()
        .map(|p| {
            (
                geo::distance_m(at, LatLng::new(p.lat, p.lng)).round() as u32,
                p.id,
            )
        })
        .filter(|(d, _)| f64::from(*d) <= radius_m)
        .collect();
    ranked.sort();
    Ok(Some(ranked))
}

/// Nearest first: rings of growing radius from the R*Tree (trade filter inside
/// it), rows read only for the positions in the ring, until a page passes the
/// shared rule within the ring — then nothing outside it could come earlier.
async fn nearest(db: &D1Database, s: &JobSearch, today: chrono::NaiveDate) -> AppResult<Found> {
    let Some(at) = s.near else {
        return Ok(Found {
            rows: Vec::new(),
            rows_read: 0,
        });
    };
    let mask = s.trade.map_or(0, |t| trade_mask([t]));
    let limit_m = s.radius_km.map_or(MAX_RADIUS_M, |r| r * 1000.0);
    let after = s.after.map(|c| (c.key as u32, c.id));
    let want = s.limit as usize + 1;
    let sql = format!("SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE {FILTERS} {} AND j.id IN (SELECT value FROM json_each(?8))", text_clause(&s.text));
    let today_text = today.to_string();
    // With text, the ring-by-ring walk (the text condition reads every match anyway).
    if after.is_none() && matches!(s.text, SearchPlan::None) {
        if let Some(found) = nearest_first_page(db, s, today, at, mask, limit_m, &sql).await? {
            return Ok(found);
        }
    }
    let floor = after.map_or(0.0, |(d, _)| f64::from(d));
    let mut radius = (floor + START_RADIUS_M).min(limit_m);
    // The largest ring read whole that held too few, and the smallest found too dense.
    let (mut sparse, mut dense) = (None::<f64>, None::<f64>);
    let mut cap = BOX_CAP;
    let (mut out, mut rows_read) = (Vec::new(), 0);
    for _ in 0..16 {
        let Some(ranked) = ring(db, at, radius, mask, cap, &mut rows_read).await? else {
            dense = Some(radius);
            match sparse {
                // Between a ring too sparse and one too dense: read the dense one whole.
                Some(_) if cap == BOX_CAP => cap = DENSE_CAP,
                Some(_) => break,
                None => radius = floor + (radius - floor) / 2.0,
            }
            continue;
        };
        let ids: Vec<i64> = ranked
            .iter()
            .filter(|p| after.is_none_or(|a| **p > a))
            .map(|(_, id)| *id)
            .collect();
        let (rows, read) = if ids.is_empty() {
            (Vec::new(), 0)
        } else {
            filtered(db, &sql, s, &today_text, &[&serde_json::to_string(&ids)?]).await?
        };
        rows_read += read;
        let mut passing: Vec<JobRow> = rows
            .into_iter()
            .filter(|r| s.accepts(&r.summary(s.near), today))
            .collect();
        passing.sort_by(|a, b| JobSort::Nearest.order(&a.summary(s.near), &b.summary(s.near)));
        out = passing;
        if out.len() >= want || radius >= limit_m || cap == DENSE_CAP {
            break;
        }
        sparse = Some(radius);
        let grown = (radius * 2.5).min(limit_m);
        radius = dense.map_or(grown, |d| grown.min((radius + d) / 2.0).max(radius + 1.0));
    }
    out.truncate(want);
    Ok(Found {
        rows: out,
        rows_read,
    })
}

/// The flat-earth order SQL can compute (?8 latitude, ?9 longitude, ?10 the
/// cosine of the latitude): near enough to the exact distance to pick the
/// nearest few out of a box, which Rust then ranks exactly.
/// A ring's box lies within this many times its radius (√2 and a margin).
const OVERFLOW_GROWTH: f64 = 1.5;

const FLAT_ORDER: &str =
    "(min_lat - ?8) * (min_lat - ?8) + (min_lng - ?9) * (min_lng - ?9) * ?10 * ?10";

/// A first page nearest first in two D1 round trips: one batch probes rings
/// of doubling size in the R*Tree, each read only up to a small cap; then either
/// the rows of the largest ring read whole (the smallest ring holding a page of
/// passing jobs is the answer), or — when a ring overflows before enough were
/// seen — the jobs of that ring nearest the point, ordered in SQL. `None` when
/// the filters reject too many to judge: the ring-by-ring walk answers.
async fn nearest_first_page(
    db: &D1Database,
    s: &JobSearch,
    today: chrono::NaiveDate,
    at: LatLng,
    mask: i64,
    limit_m: f64,
    sql: &str,
) -> AppResult<Option<Found>> {
    let want = s.limit as usize + 1;
    // Probes just over a page (the ones past the first overflow are wasted
    // reads); the nearest-first read of an overflowing ring takes more, since
    // the filters outside the R*Tree may drop some.
    let cap = want + 1;
    let take = want * 4;
    let mut radii = Vec::new();
    let mut r = START_RADIUS_M;
    while r < limit_m {
        radii.push(r);
        r *= 2.0;
    }
    radii.push(limit_m);
    let statements = radii
        .iter()
        .map(|r| {
            let b = geo::bbox(at, *r);
            db::stmt(
                db,
                "SELECT id, min_lat AS lat, min_lng AS lng FROM jobs_rtree
                 WHERE min_lat >= ?1 AND max_lat <= ?2 AND min_lng >= ?3 AND max_lng <= ?4 AND (?5 = 0 OR (trade_mask & ?5) <> 0) LIMIT ?6",
                params![b.min_lat, b.max_lat, b.min_lng, b.max_lng, mask, cap as u32 + 1],
            )
        })
        .collect::<AppResult<Vec<_>>>()?;
    let probes: Vec<(Vec<Point>, usize)> = db::batch_all(db, statements).await?;
    let mut rows_read: usize = probes.iter().map(|(_, read)| read).sum();
    // The rings read whole, smallest first, and the first that overflowed.
    let (mut whole, mut overflow) = (Vec::new(), None);
    for (radius, (points, _)) in radii.iter().zip(probes) {
        if points.len() > cap {
            overflow = Some(*radius);
            break;
        }
        let mut ranked: Vec<(u32, i64)> = points
            .into_iter()
            .map(|p| {
                (
                    geo::distance_m(at, LatLng::new(p.lat, p.lng)).round() as u32,
                    p.id,
                )
            })
            .filter(|(d, _)| f64::from(*d) <= *radius)
            .collect();
        ranked.sort();
        whole.push((*radius, ranked));
    }
    let today_text = today.to_string();
    let passing = |rows: Vec<JobRow>| -> Vec<JobRow> {
        let mut p: Vec<JobRow> = rows
            .into_iter()
            .filter(|r| s.accepts(&r.summary(s.near), today))
            .collect();
        p.sort_by(|a, b| JobSort::Nearest.order(&a.summary(s.near), &b.summary(s.near)));
        p
    };
    let distance = |r: &JobRow| r.summary(s.near).distance_m.unwrap_or(u32::MAX);
    let settled = whole
        .iter()
        .any(|(r, ranked)| ranked.len() >= want || *r >= limit_m);
    match overflow {
        // Enough in a ring read whole: its rows, then the smallest ring that holds a page.
        _ if settled => {
            let Some((_, ids)) = whole.last() else {
                return Ok(None);
            };
            let ids: Vec<i64> = ids.iter().map(|(_, id)| *id).collect();
            let (rows, read) = if ids.is_empty() {
                (Vec::new(), 0)
            } else {
                filtered(db, sql, s, &today_text, &[&serde_json::to_string(&ids)?]).await?
            };
            rows_read += read;
            let rows = passing(rows);
            for (radius, _) in &whole {
                let inside = rows
                    .iter()
                    .filter(|r| f64::from(distance(r)) <= *radius)
                    .count();
                if inside >= want || *radius >= limit_m {
                    let mut out: Vec<JobRow> = rows
                        .into_iter()
                        .filter(|r| f64::from(distance(r)) <= *radius)
                        .collect();
                    out.truncate(want);
                    return Ok(Some(Found {
                        rows: out,
                        rows_read,
                    }));
                }
            }
            Ok(None)
        }
        Some(radius) => {
            // The overflowing ring holds more than a page, and lies within the circle around it.
            let radius = (radius * OVERFLOW_GROWTH).min(limit_m);
            let b = geo::bbox(at, radius);
            // CROSS JOIN: the few nearest positions drive, jobs are looked up by id.
            let ordered_sql = format!(
                "WITH near AS (
                   SELECT id FROM jobs_rtree
                   WHERE min_lat >= ?8 AND max_lat <= ?9 AND min_lng >= ?10 AND max_lng <= ?11 AND (?12 = 0 OR (trade_mask & ?12) <> 0)
                   ORDER BY {} LIMIT ?16)
                 SELECT {JOB_COLUMNS} FROM near CROSS JOIN {JOB_FROM} WHERE j.id = near.id AND {FILTERS} {}",
                FLAT_ORDER.replace("?8", "?13").replace("?9", "?14").replace("?10", "?15"),
                text_clause(&s.text)
            );
            let (rows, read) = filtered(
                db,
                &ordered_sql,
                s,
                &today_text,
                &[
                    &b.min_lat,
                    &b.max_lat,
                    &b.min_lng,
                    &b.max_lng,
                    &mask,
                    &at.lat,
                    &at.lng,
                    &at.lat.to_radians().cos(),
                    &(take as u32),
                ],
            )
            .await?;
            rows_read += read;
            let mut out: Vec<JobRow> = passing(rows)
                .into_iter()
                .filter(|r| f64::from(distance(r)) <= radius)
                .collect();
            if out.len() < want {
                return Ok(None);
            }
            out.truncate(want);
            Ok(Some(Found {
                rows: out,
                rows_read,
            }))
        }
        None => Ok(None),
    }
}

/// Live jobs worth scoring for a worker: those with a same or related trade
/// (`related_mask`), the nearest few hundred within the distance that can still
/// score, or without a position, the newest few hundred.
pub async fn match_candidates(
    db: &D1Database,
    at: Option<LatLng>,
    related_mask: i64,
    today: chrono::NaiveDate,
) -> AppResult<Found> {
    const CAP: usize = 300;
    let today_text = today.to_string();
    let live = "j.status = 'live' AND j.valid_until >= ?1 AND e.status = 'verified' AND (j.trade_mask & ?2) <> 0";
    let mut rows_read = 0;
    let rows = match at {
        Some(p) => {
            // The nearest few hundred within the distance that still scores, in
            // one statement: the R*Tree rows of that box ordered in SQL, rows
            // read for those only; then exactly within the circle.
            let furthest = shared::jobs::matching::DISTANCE_ZERO_KM * 1000.0;
            let b = geo::bbox(p, furthest);
            let sql = format!(
                "WITH near AS (
                   SELECT id FROM jobs_rtree
                   WHERE min_lat >= ?3 AND max_lat <= ?4 AND min_lng >= ?5 AND max_lng <= ?6 AND (trade_mask & ?2) <> 0
                   ORDER BY {FLAT_ORDER} LIMIT ?7)
                 SELECT {JOB_COLUMNS} FROM near CROSS JOIN {JOB_FROM} WHERE j.id = near.id AND {live}"
            );
            let (rows, meta): (Vec<JobRow>, _) = db::all_with_meta(
                db,
                &sql,
                params![
                    today_text,
                    related_mask,
                    b.min_lat,
                    b.max_lat,
                    b.min_lng,
                    b.max_lng,
                    CAP as u32,
                    p.lat,
                    p.lng,
                    p.lat.to_radians().cos()
                ],
            )
            .await?;
            rows_read += meta.and_then(|m| m.rows_read).unwrap_or(0);
            rows.into_iter()
                .filter(|r| geo::distance_m(p, r.position()) <= furthest)
                .collect()
        }
        None => {
            let (rows, meta) = db::all_with_meta(db, &format!("SELECT {JOB_COLUMNS} FROM {JOB_FROM} WHERE {live} ORDER BY j.posted_at DESC, j.id DESC LIMIT ?3"), params![today_text, related_mask, CAP as u32]).await?;
            rows_read += meta.and_then(|m| m.rows_read).unwrap_or(0);
            rows
        }
    };
    Ok(Found { rows, rows_read })
}
