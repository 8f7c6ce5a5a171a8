//! Station rows: how one reads back (summary, page, input form), one by id,
//! the list of areas, and the writes of create, edit and import.
use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::geo::Datum;
use shared::stations::*;
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

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

pub(super) const COLUMNS: &str = "s.id, s.union_id, s.union_path, u.code AS union_code, u.name AS union_name, s.name, s.station_type, s.province, s.city,
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

#[derive(Deserialize)]
struct NextId {
    n: i64,
}

/// The id the next station gets. Taken before the insert so that its audit
/// entry goes in the same batch; the primary key decides a race.
pub async fn next_id(db: &D1Database) -> AppResult<i64> {
    let row: Option<NextId> = db::first(
        db,
        "SELECT coalesce(max(id), 0) + 1 AS n FROM stations",
        params![],
    )
    .await?;
    Ok(row.map(|r| r.n).unwrap_or(1))
}

/// A new station; `id` as taken by [`next_id`], or `None` for the next free one.
pub fn insert(
    db: &D1Database,
    id: Option<i64>,
    input: &StationInput,
    union_path: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let p = input.wgs84();
    db::stmt(
        db,
        "INSERT INTO stations (id, union_id, union_path, name, station_type, province, city, district, address, lat, lng, source_datum, phone,
                               schedule, amenities, status, description, created_at, updated_at)
         VALUES (?18, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
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
            now,
            id
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
