//! Wire types of stations, the rules for staff input, and the nearby query.

use super::{Amenity, AmenitySet, Schedule, StationStatus, StationType};
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::geo::{self, Datum, LatLng};
use crate::lang::Text;
use crate::query::Query;
use crate::unions::UnionRef;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A station in a list: enough to decide and to work offline (its schedule is
/// included so the phone can tell "open now" without a network).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationSummary {
    pub id: i64,
    pub name: String,
    pub station_type: StationType,
    pub union_name: String,
    pub district: String,
    pub address: String,
    /// WGS-84.
    pub lat: f64,
    pub lng: f64,
    pub phone: Option<String>,
    pub amenities: Vec<Amenity>,
    pub status: StationStatus,
    pub schedule: Schedule,
    /// Computed in Asia/Shanghai when the list was made.
    pub open_now: bool,
    /// From the position asked about, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

impl StationSummary {
    pub fn position(&self) -> LatLng {
        LatLng::new(self.lat, self.lng)
    }

    /// Open at this Asia/Shanghai time (status first, then the schedule).
    pub fn is_open_at(&self, at: NaiveDateTime) -> bool {
        self.status == StationStatus::Active && self.schedule.is_open(at)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Station {
    #[serde(flatten)]
    pub summary: StationSummary,
    pub union: UnionRef,
    pub province: String,
    pub city: String,
    /// The datum the position was entered in (it is stored converted to WGS-84).
    pub source_datum: Datum,
    pub description: Option<String>,
    pub last_verified_at: Option<String>,
    pub updated_at: String,
    pub visits_today: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationEnvelope {
    pub station: Station,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NearbyMeta {
    pub limit: u32,
    /// The radius searched to find them, in metres.
    pub radius_m: u32,
    /// When the list was computed (RFC 3339), for "updated at" offline.
    pub computed_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NearbyList {
    pub stations: Vec<StationSummary>,
    pub meta: NearbyMeta,
}

/// `GET /api/stations?lat=&lng=&limit=&amenity=a,b&type=&open_now=true`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NearbyQuery {
    /// Latitude, WGS-84, −90…90.
    pub lat: f64,
    /// Longitude, WGS-84, −180…180.
    pub lng: f64,
    /// 1…50, default 10.
    pub limit: Option<u32>,
    /// Comma-separated amenity codes; stations must have all of them.
    pub amenity: Option<String>,
    /// A station type code.
    #[serde(rename = "type")]
    pub station_type: Option<StationType>,
    /// Only stations open right now (Asia/Shanghai).
    pub open_now: Option<bool>,
}

/// The parsed, checked form of `NearbyQuery`.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearby {
    pub at: LatLng,
    pub limit: u32,
    pub amenities: AmenitySet,
    pub station_type: Option<StationType>,
    pub open_now: bool,
}

impl Nearby {
    pub fn parse(q: &Query) -> Result<Nearby, FieldErrors> {
        let mut errors = FieldErrors::new();
        let lat: Option<f64> = q.required("lat", &mut errors);
        let lng: Option<f64> = q.required("lng", &mut errors);
        if let Some(lat) = lat {
            if !(-90.0..=90.0).contains(&lat) {
                errors.add(
                    "lat",
                    Text::new(
                        "纬度应在 -90 到 90 之间",
                        "Latitude must be between -90 and 90",
                    ),
                );
            }
        }
        if let Some(lng) = lng {
            if !(-180.0..=180.0).contains(&lng) {
                errors.add(
                    "lng",
                    Text::new(
                        "经度应在 -180 到 180 之间",
                        "Longitude must be between -180 and 180",
                    ),
                );
            }
        }
        let limit: Option<u32> = q.opt("limit", &mut errors);
        if limit.is_some_and(|l| !(1..=50).contains(&l)) {
            errors.add("limit", why::out_of_range(1, 50));
        }
        let mut amenities = Vec::new();
        for code in q.list("amenity") {
            match Amenity::from_text(&code) {
                Some(a) => amenities.push(a),
                None => errors.add(
                    "amenity",
                    Text::owned(
                        format!("没有“{code}”这项设施"),
                        format!("No amenity called \"{code}\""),
                    ),
                ),
            }
        }
        let station_type = q.str("type").and_then(|t| {
            let parsed = StationType::from_text(t);
            if parsed.is_none() {
                errors.add("type", why::not_a_choice());
            }
            parsed
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Nearby {
            at: LatLng::new(lat.unwrap_or_default(), lng.unwrap_or_default()),
            limit: limit.unwrap_or(10),
            amenities: AmenitySet::of(&amenities),
            station_type,
            open_now: q.flag("open_now"),
        })
    }

    /// Whether a station passes the filters at this Asia/Shanghai time.
    pub fn accepts(&self, s: &StationSummary, now: NaiveDateTime) -> bool {
        s.status != StationStatus::Defunct
            && AmenitySet::of(&s.amenities).contains_all(self.amenities)
            && self.station_type.is_none_or(|t| t == s.station_type)
            && (!self.open_now || s.is_open_at(now))
    }
}

/// The `k` nearest stations to `here` that pass `filter`, with distances — what
/// the phone computes from its saved stations when there is no network.
pub fn nearest_first(
    stations: &[StationSummary],
    here: LatLng,
    k: usize,
    filter: impl Fn(&StationSummary) -> bool,
) -> Vec<StationSummary> {
    let mut out: Vec<StationSummary> = stations
        .iter()
        .filter(|s| filter(s))
        .map(|s| StationSummary {
            distance_m: Some(geo::distance_m(here, s.position()).round() as u32),
            ..s.clone()
        })
        .collect();
    out.sort_by_key(|s| (s.distance_m, s.id));
    out.truncate(k);
    out
}

/// Staff create or edit a station with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationInput {
    pub union_id: i64,
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub name: String,
    pub station_type: StationType,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub province: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub city: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub district: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    /// The datum of `lat`/`lng` as entered; GCJ-02 is converted to WGS-84 on save.
    #[serde(default)]
    pub datum: Datum,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub phone: Option<String>,
    pub amenities: Vec<Amenity>,
    pub schedule: Schedule,
    #[serde(default)]
    pub status: StationStatus,
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub description: Option<String>,
}

fn text_field(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 {
        errors.add(field, why::required());
    } else if n < min {
        errors.add(field, why::too_short(min));
    } else if n > max {
        errors.add(field, why::too_long(max));
    }
}

/// A Chinese mobile (11 digits) or a landline with area code (0551-12345678) or without (12345678), or 12351-style hotlines.
pub fn validate_phone(phone: &str) -> Result<String, Text> {
    let p = phone.trim();
    if let Ok(m) = crate::phone::parse_mobile(p) {
        return Ok(m);
    }
    let digits: String = p.chars().filter(|c| c.is_ascii_digit()).collect();
    let shape_ok = p
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')'));
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    let local = !digits.starts_with('0') && (7..=8).contains(&digits.len());
    let hotline = digits.len() == 5 && digits.starts_with("123");
    if shape_ok && (landline || local || hotline) {
        Ok(p.to_string())
    } else {
        Err(Text::new(
            "电话应为手机号或带区号的座机号,例如 0551-12345678",
            "Give a mobile or a landline with area code, e.g. 0551-12345678",
        ))
    }
}

impl StationInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        text_field(&mut errors, "name", &self.name, 2, 60);
        text_field(&mut errors, "province", &self.province, 2, 20);
        text_field(&mut errors, "city", &self.city, 2, 20);
        text_field(&mut errors, "district", &self.district, 2, 20);
        text_field(&mut errors, "address", &self.address, 4, 100);
        let p = LatLng::new(self.lat, self.lng);
        if !p.is_valid() {
            errors.add("lat", Text::new("坐标不正确", "Invalid coordinates"));
        } else if geo::out_of_china(p) {
            errors.add(
                "lat",
                Text::new(
                    "这个位置不在中国境内,请检查经纬度是否写反",
                    "This position is outside China; are latitude and longitude swapped?",
                ),
            );
        }
        if let Some(phone) = &self.phone {
            if !phone.trim().is_empty() {
                errors.check("phone", validate_phone(phone));
            }
        }
        if let Some(d) = &self.description {
            if d.chars().count() > 500 {
                errors.add("description", why::too_long(500));
            }
        }
        self.schedule.validate("schedule", &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The position to store: WGS-84.
    pub fn wgs84(&self) -> LatLng {
        self.datum.to_wgs84(LatLng::new(self.lat, self.lng))
    }
}

crate::vocabulary! {
    /// What a worker can report about a station, in one tap.
    pub enum ReportKind {
        Closed = "closed", "关门了", "It's closed";
        Moved = "moved", "搬走了", "It has moved";
        AmenityMissing = "amenity_missing", "设施没有", "An amenity is missing";
        Other = "other", "其他问题", "Something else";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportInput {
    pub kind: ReportKind,
    /// Which amenity is missing (with `amenity_missing`).
    pub amenity: Option<Amenity>,
    /// At most 200 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: Option<String>,
}

impl ReportInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.note.as_ref().is_some_and(|n| n.chars().count() > 200) {
            errors.add("note", why::too_long(200));
        }
        if self.amenity.is_some() && self.kind != ReportKind::AmenityMissing {
            errors.add(
                "amenity",
                Text::new(
                    "只有“设施没有”才需要选设施",
                    "Choose an amenity only for \"amenity missing\"",
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Report {
    pub id: i64,
    pub station_id: i64,
    pub kind: ReportKind,
    pub amenity: Option<Amenity>,
    pub note: Option<String>,
    pub created_at: String,
    pub resolved_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportEnvelope {
    pub report: Report,
}

/// A check-in from a station's QR poster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VisitInput {
    /// A random id the phone keeps, so anonymous visits count once an hour.
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub device_id: String,
}

impl VisitInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        if crate::api::valid_device_id(&self.device_id) {
            Ok(())
        } else {
            let mut e = FieldErrors::new();
            e.add(
                "device_id",
                Text::new("设备编号不正确", "Invalid device id"),
            );
            Err(e)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Visit {
    /// False when this person already checked in here within the hour.
    pub counted: bool,
    pub visits_today: u32,
    pub station_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VisitEnvelope {
    pub visit: Visit,
}

/// A place a worker can pick instead of sharing their position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Area {
    pub province: String,
    pub city: String,
    pub district: String,
    /// The middle of the district's stations (WGS-84).
    pub lat: f64,
    pub lng: f64,
    pub stations: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AreaList {
    pub areas: Vec<Area>,
    pub meta: ListMeta,
}

/// How the app draws maps: the tile URL template and its coordinate system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MapConfig {
    /// Leaflet URL template, e.g. `https://webrd0{s}.is.autonavi.com/appmaptile?…&x={x}&y={y}&z={z}`.
    pub tile_url: String,
    pub subdomains: String,
    /// GCJ-02 for 高德/腾讯 tiles: positions are converted before drawing.
    pub datum: Datum,
    pub attribution: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stations::Span;

    fn station(id: i64, lat: f64, lng: f64, amenities: &[Amenity]) -> StationSummary {
        StationSummary {
            id,
            name: format!("站{id}"),
            station_type: StationType::UnionStation,
            union_name: "瑶海区总工会".into(),
            district: "瑶海区".into(),
            address: "合肥".into(),
            lat,
            lng,
            phone: None,
            amenities: amenities.to_vec(),
            status: StationStatus::Active,
            schedule: Schedule::every_day(Span::parse("08:00-20:00").unwrap()),
            open_now: true,
            distance_m: None,
        }
    }

    #[test]
    fn nearby_query_checks_ranges_and_vocabulary() {
        let ok = Nearby::parse(&Query::parse(
            "lat=31.86&lng=117.31&amenity=toilet,microwave&type=caring_station&open_now=true",
        ))
        .unwrap();
        assert_eq!(ok.limit, 10);
        assert!(ok.amenities.contains(Amenity::Microwave));
        assert_eq!(ok.station_type, Some(StationType::CaringStation));
        assert!(ok.open_now);
        let bad =
            Nearby::parse(&Query::parse("lat=91&lng=200&limit=500&amenity=jacuzzi")).unwrap_err();
        assert_eq!(
            bad.get("lat").unwrap().en,
            "Latitude must be between -90 and 90"
        );
        assert!(
            bad.get("lng").is_some() && bad.get("limit").is_some() && bad.get("amenity").is_some()
        );
        assert!(Nearby::parse(&Query::parse("lng=117"))
            .unwrap_err()
            .get("lat")
            .is_some());
    }

    #[test]
    fn nearest_first_sorts_and_filters_on_the_phone() {
        let here = LatLng::new(31.86, 117.31);
        let list = vec![
            station(1, 31.90, 117.31, &[Amenity::Toilet]),
            station(2, 31.861, 117.31, &[Amenity::DrinkingWater]),
            station(3, 31.87, 117.31, &[Amenity::Toilet, Amenity::Microwave]),
        ];
        let all = nearest_first(&list, here, 10, |_| true);
        assert_eq!(all.iter().map(|s| s.id).collect::<Vec<_>>(), vec![2, 3, 1]);
        assert!(all[0].distance_m.unwrap() < 200);
        let q = Nearby::parse(&Query::parse("lat=31.86&lng=117.31&amenity=toilet")).unwrap();
        let at = NaiveDateTime::parse_from_str("2025-03-28 12:00", "%Y-%m-%d %H:%M").unwrap();
        let toilets = nearest_first(&list, here, 1, |s| q.accepts(s, at));
        assert_eq!(toilets.iter().map(|s| s.id).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn staff_input_rules() {
        let input = StationInput {
            union_id: 3,
            name: "站塘路工会驿站".into(),
            station_type: StationType::UnionStation,
            province: "安徽省".into(),
            city: "合肥市".into(),
            district: "瑶海区".into(),
            address: "站塘路88号".into(),
            lat: 31.87,
            lng: 117.33,
            datum: Datum::Gcj02,
            phone: Some("0551-64123456".into()),
            amenities: vec![Amenity::Toilet],
            schedule: Schedule::always(),
            status: StationStatus::Active,
            description: None,
        };
        assert!(input.validate().is_ok());
        // GCJ-02 input is stored in WGS-84, a few hundred metres away.
        let w = input.wgs84();
        assert!((200.0..800.0).contains(&geo::distance_m(w, LatLng::new(31.87, 117.33))));
        let swapped = StationInput {
            lat: 117.33,
            lng: 31.87,
            ..input.clone()
        };
        assert!(swapped.validate().unwrap_err().get("lat").is_some());
        let bad_phone = StationInput {
            phone: Some("call me".into()),
            ..input.clone()
        };
        assert!(bad_phone.validate().unwrap_err().get("phone").is_some());
        assert!(validate_phone("12351").is_ok());
        assert!(validate_phone("13800138000").is_ok());
    }
}
