//! All SQL of the station map.

use crate::db::{self, Count};
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::geo::{self, Datum, LatLng};
use shared::stations::*;
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement, D1ResultMeta};

/// A station row as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct StationDb {
    pub id: i64,
    pub union_id: i64,
    pub union_path: String,
    pub union_code: String,
    pub union_name: String,
    pub name: String,
    pub station_type: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    pub source_datum: String,
    pub phone: Option<String>,
    pub schedule: String,
    pub amenities: i64,
    pub status: String,
    pub description: Option<String>,
    pub last_verified_at: Option<String>,
    pub verified_by: Option<String>,
    pub updated_at: String,
}

const COLUMNS: &str = "s.id, s.union_id, s.union_path, u.code AS union_code, u.name AS union_name, s.name, s.station_type, s.province, s.city,
  s.district, s.address, s.lat, s.lng, s.source_datum, s.phone, s.schedule, s.amenities, s.status, s.description, s.last_verified_at,
  s.verified_by, s.updated_at";

impl StationDb {
    pub fn summary(&self, now: chrono::NaiveDateTime) -> StationSummary {
        let mut s = StationSummary {
            id: self.id,
            name: self.name.clone(),
            station_type: StationType::parse(&self.station_type)
                .unwrap_or(StationType::UnionStation),
            union_name: self.union_name.clone(),
            district: self.district.clone(),
            address: self.address.clone(),
            lat: self.lat,
            lng: self.lng,
            phone: self.phone.clone(),
            amenities: AmenitySet(self.amenities as u32).to_vec(),
            status: StationStatus::parse(&self.status).unwrap_or_default(),
            schedule: serde_json::from_str(&self.schedule).unwrap_or_default(),
            open_now: false,
            distance_m: None,
        };
        s.open_now = s.is_open_at(now);
        s
    }

    pub fn wire(&self, now: chrono::NaiveDateTime, visits_today: u32) -> Station {
        Station {
            summary: self.summary(now),
            union: UnionRef {
                id: self.union_id,
                code: self.union_code.clone(),
                name: self.union_name.clone(),
            },
            province: self.province.clone(),
            city: self.city.clone(),
            source_datum: if self.source_datum == "gcj02" {
                Datum::Gcj02
            } else {
                Datum::Wgs84
            },
            description: self.description.clone(),
            last_verified_at: self.last_verified_at.clone(),
            updated_at: self.updated_at.clone(),
            visits_today,
        }
    }

    /// Back to the input form (for export, which re-imports to the same station).
    pub fn input(&self, now: chrono::NaiveDateTime) -> StationInput {
        let s = self.summary(now);
        StationInput {
            union_id: self.union_id,
            name: s.name,
            station_type: s.station_type,
            province: self.province.clone(),
            city: self.city.clone(),
            district: s.district,
            address: s.address,
            lat: s.lat,
            lng: s.lng,
            datum: Datum::Wgs84,
            phone: s.phone,
            amenities: s.amenities,
            schedule: s.schedule,
            status: s.status,
            description: self.description.clone(),
        }
    }
}

pub async fn by_id(db: &D1Database, id: i64) -> AppResult<Option<StationDb>> {
    db::first(
        db,
        &format!(
            "SELECT {COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id WHERE s.id = ?"
        ),
        params![id],
    )
    .await
}

// --- Nearest stations ------------------------------------------------------

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

// --- Areas ----------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct AreaRow {
    province: String,
    city: String,
    district: String,
    lat: f64,
    lng: f64,
    stations: i64,
}

pub async fn areas(db: &D1Database) -> AppResult<Vec<Area>> {
    let rows: Vec<AreaRow> = db::all(
        db,
        "SELECT province, city, district, avg(lat) AS lat, avg(lng) AS lng, count(*) AS stations
         FROM stations WHERE status <> 'defunct' GROUP BY province, city, district ORDER BY province, city, district",
        params![],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Area {
            province: r.province,
            city: r.city,
            district: r.district,
            lat: r.lat,
            lng: r.lng,
            stations: r.stations as u32,
        })
        .collect())
}

// --- Reports and visits ----------------------------------------------------

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
        .ok_or_else(|| crate::error::AppError::Internal("report insert returned nothing".into()))
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

// --- Staff ----------------------------------------------------------------

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

/// Every station in `scope` (export), by name.
pub async fn all_in_scope(db: &D1Database, scope: &Scope, limit: u32) -> AppResult<Vec<StationDb>> {
    let (lo, hi) = scope.bounds();
    db::all(db, &format!("SELECT {COLUMNS} FROM stations s JOIN unions u ON u.id = s.union_id WHERE s.union_path >= ? AND s.union_path < ? ORDER BY s.name, s.id LIMIT ?"), params![lo, hi, limit]).await
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

pub fn insert(
    db: &D1Database,
    input: &StationInput,
    union_path: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let p = input.wgs84();
    db::stmt(
        db,
        "INSERT INTO stations (union_id, union_path, name, station_type, province, city, district, address, lat, lng, source_datum, phone,
                               schedule, amenities, status, description, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        params![
            input.union_id,
            union_path,
            input.name.trim(),
            input.station_type.code(),
            input.province.trim(),
            input.city.trim(),
            input.district.trim(),
            input.address.trim(),
            p.lat,
            p.lng,
            input.datum.code(),
            input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()),
            serde_json::to_string(&input.schedule)?,
            AmenitySet::of(&input.amenities).0 as i64,
            input.status.code(),
            input.description.as_deref().map(str::trim).filter(|d| !d.is_empty()),
            now
        ],
    )
}

pub fn update(
    db: &D1Database,
    id: i64,
    input: &StationInput,
    union_path: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let p = input.wgs84();
    db::stmt(
        db,
        "UPDATE stations SET union_id = ?2, union_path = ?3, name = ?4, station_type = ?5, province = ?6, city = ?7, district = ?8,
           address = ?9, lat = ?10, lng = ?11, source_datum = ?12, phone = ?13, schedule = ?14, amenities = ?15, status = ?16,
           description = ?17, updated_at = ?18
         WHERE id = ?1",
        params![
            id,
            input.union_id,
            union_path,
            input.name.trim(),
            input.station_type.code(),
            input.province.trim(),
            input.city.trim(),
            input.district.trim(),
            input.address.trim(),
            p.lat,
            p.lng,
            input.datum.code(),
            input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()),
            serde_json::to_string(&input.schedule)?,
            AmenitySet::of(&input.amenities).0 as i64,
            input.status.code(),
            input.description.as_deref().map(str::trim).filter(|d| !d.is_empty()),
            now
        ],
    )
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
