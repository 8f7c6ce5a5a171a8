//! Open data, shaped after Open Referral HSDS (organization → service →
//! location → schedule). Public facts only: no staff names, no reports, no visits.

use super::{Station, StationStatus};
use crate::api::ListMeta;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsOrganization {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsAddress {
    pub address_1: String,
    pub city: String,
    pub region: String,
    pub state_province: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsLocation {
    pub id: String,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    /// Always WGS84 here.
    pub datum: String,
    pub address: HsdsAddress,
}

/// One weekly opening (HSDS `schedule`: freq WEEKLY, byday MO…SU).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsSchedule {
    pub freq: String,
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsService {
    pub id: String,
    pub name: String,
    /// Station type code, e.g. `outdoor_worker_station`.
    pub service_type: String,
    pub status: String,
    pub amenities: Vec<String>,
    pub phones: Vec<String>,
    pub organization: HsdsOrganization,
    pub location: HsdsLocation,
    pub schedules: Vec<HsdsSchedule>,
    pub last_verified_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsDataset {
    pub title: String,
    pub license: String,
    pub generated_at: String,
    pub services: Vec<HsdsService>,
    pub meta: ListMeta,
}

const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

pub fn service(s: &Station) -> HsdsService {
    let sum = &s.summary;
    let schedules = sum
        .schedule
        .weekly
        .iter()
        .enumerate()
        .flat_map(|(i, spans)| {
            spans.iter().map(move |sp| {
                let (open, close) = sp
                    .to_text()
                    .split_once('-')
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .unwrap_or_default();
                HsdsSchedule {
                    freq: "WEEKLY".into(),
                    byday: BYDAY[i].into(),
                    opens_at: open,
                    closes_at: close,
                }
            })
        })
        .collect();
    HsdsService {
        id: format!("station-{}", sum.id),
        name: sum.name.clone(),
        service_type: sum.station_type.code().into(),
        status: match sum.status {
            StationStatus::Active => "active",
            StationStatus::TemporarilyClosed => "inactive",
            StationStatus::Defunct => "defunct",
        }
        .into(),
        amenities: sum.amenities.iter().map(|a| a.code().to_string()).collect(),
        phones: sum.phone.iter().cloned().collect(),
        organization: HsdsOrganization {
            id: format!("union-{}", s.union.code),
            name: s.union.name.clone(),
        },
        location: HsdsLocation {
            id: format!("location-{}", sum.id),
            name: sum.name.clone(),
            latitude: sum.lat,
            longitude: sum.lng,
            datum: "WGS84".into(),
            address: HsdsAddress {
                address_1: sum.address.clone(),
                city: s.city.clone(),
                region: sum.district.clone(),
                state_province: s.province.clone(),
                country: "CN".into(),
            },
        },
        schedules,
        last_verified_at: s.last_verified_at.clone(),
    }
}

/// The CSV columns of the open data (one row per station).
pub const CSV_HEADER: &[&str] = &[
    "id",
    "name",
    "type",
    "organization",
    "province",
    "city",
    "district",
    "address",
    "latitude_wgs84",
    "longitude_wgs84",
    "phone",
    "amenities",
    "hours",
    "status",
    "last_verified_at",
];

pub fn csv_row(s: &Station) -> Vec<String> {
    let sum = &s.summary;
    vec![
        sum.id.to_string(),
        sum.name.clone(),
        sum.station_type.code().into(),
        s.union.name.clone(),
        s.province.clone(),
        s.city.clone(),
        sum.district.clone(),
        sum.address.clone(),
        format!("{:.6}", sum.lat),
        format!("{:.6}", sum.lng),
        sum.phone.clone().unwrap_or_default(),
        sum.amenities
            .iter()
            .map(|a| a.code())
            .collect::<Vec<_>>()
            .join("|"),
        super::import::hours_text(&sum.schedule),
        sum.status.code().into(),
        s.last_verified_at.clone().unwrap_or_default(),
    ]
}
