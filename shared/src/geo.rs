//! Positions on the earth. Stations are stored in WGS-84 (what phones' GPS and
//! browsers' geolocation give); Chinese map providers draw in GCJ-02 (高德, 腾讯)
//! or BD-09 (百度), so positions are converted at the edges: when drawing on such
//! tiles, when building navigation links, and when importing GCJ-02 coordinates.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

impl LatLng {
    pub const fn new(lat: f64, lng: f64) -> LatLng {
        LatLng { lat, lng }
    }

    pub fn is_valid(&self) -> bool {
        self.lat.is_finite()
            && self.lng.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lng)
    }
}

crate::vocabulary! {
    /// The coordinate system a position was given in.
    #[derive(Default)]
    pub enum Datum {
        /// What browsers' geolocation and GPS give.
        #[default]
        Wgs84 = "wgs84", "WGS-84 (GPS)", "WGS-84 (GPS)";
        /// What Chinese map providers (高德, 腾讯) use.
        Gcj02 = "gcj02", "GCJ-02 (国测局坐标)", "GCJ-02 (Chinese maps)";
    }
}

impl Datum {
    /// Accepts the spellings people type in spreadsheets: WGS84, wgs-84, GCJ02, gcj-02, 火星坐标…
    pub fn from_text(s: &str) -> Option<Datum> {
        let k: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        match k.as_str() {
            "wgs84" | "gps" => Some(Datum::Wgs84),
            "gcj02" | "gcj" => Some(Datum::Gcj02),
            _ => match s.trim() {
                "火星坐标" | "国测局坐标" | "高德坐标" => Some(Datum::Gcj02),
                _ => None,
            },
        }
    }

    /// The WGS-84 position of `p` given in this datum.
    pub fn to_wgs84(self, p: LatLng) -> LatLng {
        match self {
            Datum::Wgs84 => p,
            Datum::Gcj02 => gcj02_to_wgs84(p),
        }
    }
}

const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres.
/// `x` with `digits` decimals (at most 9), rounded half away from zero: `fixed(31.86, 6)`
/// is `"31.860000"`. Integer formatting only, so the phone's app carries none of
/// the float formatting machinery `format!("{:.6}")` pulls in (twiggy: ~5 KB).
pub fn fixed(x: f64, digits: u32) -> String {
    let scale = 10u64.pow(digits.min(9));
    let scaled = (x.abs() * scale as f64).round() as u64;
    let sign = if x < 0.0 && scaled > 0 { "-" } else { "" };
    let whole = scaled / scale;
    if digits == 0 {
        return format!("{sign}{whole}");
    }
    let width = digits.min(9) as usize;
    format!("{sign}{whole}.{:0width$}", scaled % scale)
}

pub fn distance_m(a: LatLng, b: LatLng) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlng = (b.lng - a.lng).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlng / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// A box that contains every point within `radius_m` of `center`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lng: f64,
    pub max_lng: f64,
}

pub fn bbox(center: LatLng, radius_m: f64) -> BBox {
    let dlat = (radius_m / EARTH_RADIUS_M).to_degrees();
    // Widen the longitude span by the latitude of the box's edge nearest a pole.
    let edge_lat = (center.lat.abs() + dlat).min(89.9).to_radians();
    let dlng = (dlat / edge_lat.cos()).min(180.0);
    BBox {
        min_lat: (center.lat - dlat).max(-90.0),
        max_lat: (center.lat + dlat).min(90.0),
        min_lng: (center.lng - dlng).max(-180.0),
        max_lng: (center.lng + dlng).min(180.0),
    }
}

// GCJ-02 is WGS-84 with a published obfuscating offset on the Krasovsky ellipsoid.
const KRASOVSKY_A: f64 = 6_378_245.0;
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;

/// Outside mainland China (roughly) no offset applies.
pub fn out_of_china(p: LatLng) -> bool {
    !(73.66..=135.05).contains(&p.lng) || !(3.86..=53.55).contains(&p.lat)
}

fn transform_lat(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn transform_lng(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

pub fn wgs84_to_gcj02(p: LatLng) -> LatLng {
    use std::f64::consts::PI;
    if out_of_china(p) {
        return p;
    }
    let dlat = transform_lat(p.lng - 105.0, p.lat - 35.0);
    let dlng = transform_lng(p.lng - 105.0, p.lat - 35.0);
    let rad_lat = p.lat / 180.0 * PI;
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    LatLng {
        lat: p.lat
            + (dlat * 180.0) / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI),
        lng: p.lng + (dlng * 180.0) / (KRASOVSKY_A / sqrt_magic * rad_lat.cos() * PI),
    }
}

/// The exact inverse by fixed-point iteration (the one-step inverse found in
/// most code is off by up to a few metres).
pub fn gcj02_to_wgs84(g: LatLng) -> LatLng {
    if out_of_china(g) {
        return g;
    }
    let mut w = g;
    for _ in 0..30 {
        let back = wgs84_to_gcj02(w);
        let (dlat, dlng) = (g.lat - back.lat, g.lng - back.lng);
        w = LatLng {
            lat: w.lat + dlat,
            lng: w.lng + dlng,
        };
        if dlat.abs() < 1e-10 && dlng.abs() < 1e-10 {
            break;
        }
    }
    w
}

/// Baidu's BD-09, a further offset on GCJ-02.
pub fn gcj02_to_bd09(g: LatLng) -> LatLng {
    let x_pi = std::f64::consts::PI * 3000.0 / 180.0;
    let (x, y) = (g.lng, g.lat);
    let z = (x * x + y * y).sqrt() + 0.00002 * (y * x_pi).sin();
    let theta = y.atan2(x) + 0.000003 * (x * x_pi).cos();
    LatLng {
        lat: z * theta.sin() + 0.006,
        lng: z * theta.cos() + 0.0065,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_matches_the_formatter_it_replaces() {
        for x in [
            0.0,
            31.858,
            117.3073,
            -3.37,
            -122.419_416,
            12.345_678_9,
            0.000_000_4,
            99.999_999_7,
            1500.0 / 1000.0,
        ] {
            for d in [0, 1, 5, 6] {
                assert_eq!(fixed(x, d), format!("{x:.*}", d as usize), "{x} with {d}");
            }
        }
        // Halves go away from zero (the formatter rounds the binary value, which may differ).
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-0.000_000_1, 6), "0.000000");
    }

    fn close(a: LatLng, b: LatLng, metres: f64) -> bool {
        distance_m(a, b) <= metres
    }

    #[test]
    fn distances_are_great_circle_metres() {
        // Hefei Yaohai to Hefei Shushan: about 8 km.
        let yaohai = LatLng::new(31.8580, 117.3073);
        let shushan = LatLng::new(31.8513, 117.2611);
        let d = distance_m(yaohai, shushan);
        assert!((4_000.0..6_000.0).contains(&d), "{d}");
        // One degree of latitude is about 111.2 km.
        let d = distance_m(LatLng::new(30.0, 117.0), LatLng::new(31.0, 117.0));
        assert!((d - 111_195.0).abs() < 50.0, "{d}");
        assert_eq!(distance_m(yaohai, yaohai), 0.0);
    }

    #[test]
    fn bbox_contains_the_circle() {
        let c = LatLng::new(31.86, 117.31);
        let b = bbox(c, 5_000.0);
        for bearing in 0..36 {
            let a = (bearing as f64 * 10.0).to_radians();
            // A point 4.99 km away in every direction lies inside the box.
            let dlat = (4_990.0 * a.cos() / EARTH_RADIUS_M).to_degrees();
            let dlng = (4_990.0 * a.sin() / EARTH_RADIUS_M).to_degrees() / c.lat.to_radians().cos();
            let p = LatLng::new(c.lat + dlat, c.lng + dlng);
            assert!(
                p.lat >= b.min_lat
                    && p.lat <= b.max_lat
                    && p.lng >= b.min_lng
                    && p.lng <= b.max_lng,
                "{bearing}"
            );
        }
        let b = bbox(LatLng::new(89.99, 0.0), 10_000.0);
        assert!(b.max_lat <= 90.0 && b.min_lng >= -180.0);
    }

    /// A published pair (WGS-84 → GCJ-02) near Beijing's Zhongguancun.
    #[test]
    fn gcj02_matches_a_known_point() {
        let g = wgs84_to_gcj02(LatLng::new(39.980945, 116.348120));
        assert!(close(g, LatLng::new(39.982296, 116.354308), 2.0), "{g:?}");
    }

    #[test]
    fn offset_is_about_500_m_in_big_cities_and_round_trips() {
        for (name, p) in [
            ("Beijing", LatLng::new(39.9087, 116.3975)),
            ("Shanghai", LatLng::new(31.2304, 121.4737)),
            ("Hefei", LatLng::new(31.8580, 117.3073)),
            ("Guangzhou", LatLng::new(23.1291, 113.2644)),
        ] {
            let g = wgs84_to_gcj02(p);
            let offset = distance_m(p, g);
            assert!((300.0..=750.0).contains(&offset), "{name}: {offset} m");
            assert!(close(gcj02_to_wgs84(g), p, 0.01), "{name} round trip");
        }
    }

    #[test]
    fn no_offset_outside_china() {
        let tokyo = LatLng::new(35.6762, 139.6503);
        assert_eq!(wgs84_to_gcj02(tokyo), tokyo);
        assert_eq!(gcj02_to_wgs84(tokyo), tokyo);
    }

    #[test]
    fn bd09_is_a_further_small_offset() {
        let g = LatLng::new(39.915, 116.404);
        let b = gcj02_to_bd09(g);
        let d = distance_m(g, b);
        assert!((500.0..=1_200.0).contains(&d), "{d}");
    }

    #[test]
    fn datum_spellings() {
        assert_eq!(Datum::from_text("WGS-84"), Some(Datum::Wgs84));
        assert_eq!(Datum::from_text(" gcj02 "), Some(Datum::Gcj02));
        assert_eq!(Datum::from_text("火星坐标"), Some(Datum::Gcj02));
        assert_eq!(Datum::from_text("bd09"), None);
    }
}
