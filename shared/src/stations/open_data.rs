//! Open data in Open Referral HSDS 3.0 (`service` with its `organization`,
//! `service_at_locations` → `location` → `addresses`, `schedules`, `phones`, and
//! `attributes` for the station type and amenities). Public facts only: no staff
//! names, no reports, no visits. Every id is a UUID derived from the station's
//! own id (`stable_id`), so it is the same in every export.
//! The records validate against HSDS's `schema/compiled/service.json`
//! (`e2e/schemas/hsds-3.0/`, checked by `e2e/api/open-data.test.mjs`).

use super::Station;
#[cfg(feature = "server")]
use super::{Amenity, StationStatus, StationType};
use crate::api::ListMeta;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsOrganization {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsPhone {
    pub id: String,
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsAddress {
    pub id: String,
    pub location_id: String,
    pub address_1: String,
    pub city: String,
    /// The district (区县).
    pub region: String,
    pub state_province: String,
    /// Required by HSDS; not recorded for stations, so always empty.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2: `CN`.
    pub country: String,
    /// Always `physical`.
    pub address_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsLocation {
    pub id: String,
    /// Always `physical`.
    pub location_type: String,
    pub name: String,
    /// WGS-84, as HSDS requires.
    pub latitude: f64,
    pub longitude: f64,
    pub addresses: Vec<HsdsAddress>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsServiceAtLocation {
    pub id: String,
    pub service_id: String,
    pub location_id: String,
    pub location: HsdsLocation,
}

/// One weekly opening (HSDS `schedule`: freq WEEKLY, byday MO…SU), in
/// Asia/Shanghai time (`timezone` 8, times with `+08:00`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsSchedule {
    pub id: String,
    pub service_id: String,
    pub freq: String,
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
    pub timezone: i32,
}

/// A vocabulary the attributes' terms come from (HSDS `taxonomy`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsTaxonomy {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// One term: a station type or an amenity (HSDS `taxonomy_term`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsTaxonomyTerm {
    pub id: String,
    /// The code the API uses, e.g. `drinking_water`.
    pub code: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub description: String,
    /// The taxonomy's name.
    pub taxonomy: String,
    pub taxonomy_id: String,
    pub taxonomy_detail: HsdsTaxonomy,
    pub language: String,
}

/// A term attached to the service (HSDS `attribute`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsAttribute {
    pub id: String,
    pub link_id: String,
    /// `station_type` or `amenity`.
    pub link_type: String,
    /// Always `service`.
    pub link_entity: String,
    pub taxonomy_term_id: String,
    pub taxonomy_term: HsdsTaxonomyTerm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsService {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `active`, `temporarily closed` or `defunct`.
    pub status: String,
    /// The Asia/Shanghai date staff last checked the station on the ground.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<String>,
    /// When the record was last edited (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    pub organization: HsdsOrganization,
    pub service_at_locations: Vec<HsdsServiceAtLocation>,
    pub phones: Vec<HsdsPhone>,
    pub schedules: Vec<HsdsSchedule>,
    /// The station type, then each amenity.
    pub attributes: Vec<HsdsAttribute>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsDataset {
    pub title: String,
    pub license: String,
    /// `3.0`: each of `services` is an HSDS 3.0 `service`.
    pub hsds_version: String,
    pub generated_at: String,
    pub services: Vec<HsdsService>,
    pub meta: ListMeta,
}

/// The namespace of every open-data UUID (itself the UUID v5 of
/// `https://gongyou.org.cn/open-data` in RFC 9562's URL namespace). Never change
/// it: the ids re-users keep would all change.
#[cfg(feature = "server")]
const NAMESPACE: [u8; 16] = [
    0xab, 0x94, 0x80, 0x6a, 0xa5, 0x3c, 0x57, 0xf7, 0xbc, 0xd7, 0x21, 0x9d, 0x63, 0x43, 0xfe, 0x43,
];

/// The UUID of one record, from what it is and its own key, e.g.
/// `stable_id("service", "3")`: the same in every export, different for every record.
#[cfg(feature = "server")]
pub fn stable_id(kind: &str, key: &str) -> String {
    crate::server::uuid::v5(NAMESPACE, &format!("{kind}/{key}"))
}

#[cfg(feature = "server")]
const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

#[cfg(feature = "server")]
/// `2025-03-28T08:00:00Z` or SQLite's `2025-03-28 08:00:00` (both UTC).
fn utc(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_utc())
        .ok()
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
                .ok()
                .map(|t| t.and_utc())
        })
}

#[cfg(feature = "server")]
fn taxonomy(kind: &str, zh: &str, en: &str) -> HsdsTaxonomy {
    HsdsTaxonomy {
        id: stable_id("taxonomy", kind),
        name: format!("gongyou-{kind}"),
        description: format!("工友驿站 {zh} / Gongyou {en}"),
    }
}

#[cfg(feature = "server")]
fn attribute(
    service_id: &str,
    tax: &HsdsTaxonomy,
    link_type: &str,
    code: &str,
    label: crate::lang::Text,
) -> HsdsAttribute {
    let term_id = stable_id("taxonomy_term", &format!("{link_type}/{code}"));
    HsdsAttribute {
        id: stable_id("attribute", &format!("{service_id}/{link_type}/{code}")),
        link_id: service_id.to_string(),
        link_type: link_type.into(),
        link_entity: "service".into(),
        taxonomy_term_id: term_id.clone(),
        taxonomy_term: HsdsTaxonomyTerm {
            id: term_id,
            code: code.into(),
            name: label.zh.to_string(),
            description: label.en.to_string(),
            taxonomy: tax.name.clone(),
            taxonomy_id: tax.id.clone(),
            taxonomy_detail: tax.clone(),
            language: "zh".into(),
        },
    }
}

#[cfg(feature = "server")]
pub fn service(s: &Station) -> HsdsService {
    let sum = &s.summary;
    let key = sum.id.to_string();
    let id = stable_id("service", &key);
    let location_id = stable_id("location", &key);
    let sid = id.clone();
    let schedules = sum
        .schedule
        .weekly
        .iter()
        .enumerate()
        .flat_map(|(i, spans)| {
            let sid = sid.clone();
            let key = key.clone();
            spans.iter().enumerate().map(move |(n, sp)| {
                let (open, close) = sp
                    .to_text()
                    .split_once('-')
                    .map(|(a, b)| (format!("{a}+08:00"), format!("{b}+08:00")))
                    .unwrap_or_default();
                HsdsSchedule {
                    id: stable_id("schedule", &format!("{key}/{}/{n}", BYDAY[i])),
                    service_id: sid.clone(),
                    freq: "WEEKLY".into(),
                    byday: BYDAY[i].into(),
                    opens_at: open,
                    closes_at: close,
                    timezone: 8,
                }
            })
        })
        .collect();
    let types = taxonomy("station-type", "驿站类型", "station types");
    let amenities = taxonomy("amenity", "驿站设施", "station amenities");
    let ty: StationType = sum.station_type;
    let attributes = std::iter::once(attribute(
        &id,
        &types,
        "station_type",
        ty.code(),
        ty.label(),
    ))
    .chain(
        sum.amenities
            .iter()
            .map(|a: &Amenity| attribute(&id, &amenities, "amenity", a.code(), a.label())),
    )
    .collect();
    let union_name = &s.union.name;
    HsdsService {
        id: id.clone(),
        name: sum.name.clone(),
        description: s.description.clone().filter(|d| !d.trim().is_empty()),
        status: match sum.status {
            StationStatus::Active => "active",
            StationStatus::TemporarilyClosed => "temporarily closed",
            StationStatus::Defunct => "defunct",
        }
        .into(),
        // The date in Asia/Shanghai (UTC+8), as every date of the API.
        assured_date: s.last_verified_at.as_deref().and_then(utc).map(|t| {
            (t + chrono::Duration::hours(8))
                .format("%Y-%m-%d")
                .to_string()
        }),
        last_modified: utc(&s.updated_at)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        organization: HsdsOrganization {
            id: stable_id("organization", &s.union.code),
            name: union_name.clone(),
            description: format!(
                "{union_name}:中华全国总工会系统的工会组织,建设并管理本站点。 \
                 A trade union of the All-China Federation of Trade Unions that runs this station."
            ),
        },
        service_at_locations: vec![HsdsServiceAtLocation {
            id: stable_id("service_at_location", &key),
            service_id: id.clone(),
            location_id: location_id.clone(),
            location: HsdsLocation {
                id: location_id.clone(),
                location_type: "physical".into(),
                name: sum.name.clone(),
                latitude: sum.lat,
                longitude: sum.lng,
                addresses: vec![HsdsAddress {
                    id: stable_id("address", &key),
                    location_id,
                    address_1: sum.address.clone(),
                    city: s.city.clone(),
                    region: sum.district.clone(),
                    state_province: s.province.clone(),
                    postal_code: String::new(),
                    country: "CN".into(),
                    address_type: "physical".into(),
                }],
            },
        }],
        phones: sum
            .phone
            .iter()
            .map(|number| HsdsPhone {
                id: stable_id("phone", &key),
                number: number.clone(),
            })
            .collect(),
        schedules,
        attributes,
    }
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    fn is_uuid(s: &str) -> bool {
        let parts: Vec<_> = s.split('-').map(str::len).collect();
        parts == [8, 4, 4, 4, 12]
            && s.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
            && s.as_bytes()[14] == b'5'
    }

    #[test]
    fn ids_are_stable_version_5_uuids_and_differ_per_record() {
        let a = stable_id("service", "3");
        assert!(is_uuid(&a), "{a}");
        assert_eq!(a, stable_id("service", "3"));
        assert_ne!(a, stable_id("service", "4"));
        assert_ne!(a, stable_id("location", "3"));
        // Pinned: an export's ids must never change between releases.
        assert_eq!(a, crate::server::uuid::v5(NAMESPACE, "service/3"));
    }

    #[test]
    fn dates_become_shanghai_dates_and_utc_times() {
        let t = utc("2025-03-27 17:30:00").unwrap();
        assert_eq!(
            (t + chrono::Duration::hours(8))
                .format("%Y-%m-%d")
                .to_string(),
            "2025-03-28"
        );
        assert!(utc("2025-03-28T08:00:00Z").is_some());
        assert!(utc("yesterday").is_none());
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
