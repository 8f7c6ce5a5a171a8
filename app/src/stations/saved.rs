//! The stations near the worker, kept on the phone: with no network the list
//! is worked out here, nearest first, from the last stations fetched. Kept as
//! the API's JSON text (plus where it was asked for), so the app needs no code
//! to write stations back out.

use crate::storage;
use shared::geo::LatLng;
use shared::stations::{NearbyList, StationSummary};

const TEXT: &str = "gy.stations.saved";
const AT: &str = "gy.stations.saved.at";

pub fn save(at: LatLng, list_json: &str) {
    storage::set(TEXT, list_json);
    storage::set(AT, &format!("{},{}", at.lat, at.lng));
}

fn saved_at() -> Option<LatLng> {
    let text = storage::get(AT)?;
    let (lat, lng) = text.split_once(',')?;
    Some(LatLng::new(lat.parse().ok()?, lng.parse().ok()?))
}

/// The saved list (stations and when the server computed it).
pub fn load() -> Option<NearbyList> {
    serde_json::from_str(&storage::get(TEXT)?).ok()
}

/// One station from the saved ones (the station page offline).
pub fn station(id: i64) -> Option<StationSummary> {
    load()?.stations.into_iter().find(|s| s.id == id)
}

/// Worth refreshing: nothing saved, saved elsewhere (over 2 km away), or over 10 minutes old.
pub fn stale(at: LatLng, now_ms: f64) -> bool {
    let (Some(list), Some(there)) = (load(), saved_at()) else {
        return true;
    };
    let age = shared::time::parse_rfc3339_z(&list.meta.computed_at)
        .map(|t| now_ms - t.timestamp_millis() as f64)
        .unwrap_or(f64::MAX);
    shared::geo::distance_m(there, at) > 2_000.0 || age > 600_000.0
}
