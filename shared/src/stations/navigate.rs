//! "Take me there": links into the phone's map apps, each in the coordinate
//! system it expects — 高德 GCJ-02, 百度 BD-09, the system map (`geo:`) WGS-84.

use crate::geo::{fixed, gcj02_to_bd09, wgs84_to_gcj02, LatLng};
use crate::query::encode;

#[derive(Debug, Clone, PartialEq)]
pub struct NavLinks {
    pub amap: String,
    pub baidu: String,
    pub geo: String,
}

/// Links to a WGS-84 position named `name`.
pub fn nav_links(at: LatLng, name: &str) -> NavLinks {
    let g = wgs84_to_gcj02(at);
    let b = gcj02_to_bd09(g);
    let n = encode(name);
    let pair = |first: f64, second: f64| format!("{},{}", fixed(first, 6), fixed(second, 6));
    let here = pair(at.lat, at.lng);
    NavLinks {
        amap: format!("https://uri.amap.com/marker?position={}&name={n}&coordinate=gaode&callnative=1", pair(g.lng, g.lat)),
        baidu: format!("https://api.map.baidu.com/marker?location={}&title={n}&content={n}&coord_type=bd09ll&output=html&src=gongyou", pair(b.lat, b.lng)),
        geo: format!("geo:{here}?q={here}({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::distance_m;

    fn number_pair(link: &str, key: &str) -> (f64, f64) {
        let v = link
            .split(key)
            .nth(1)
            .unwrap()
            .split(['&', '?', '('])
            .next()
            .unwrap();
        let (a, b) = v.split_once(',').unwrap();
        (a.parse().unwrap(), b.parse().unwrap())
    }

    #[test]
    fn each_app_gets_its_own_datum() {
        let at = LatLng::new(31.8636, 117.3170);
        let l = nav_links(at, "长江东路爱心驿站");
        let (lng, lat) = number_pair(&l.amap, "position=");
        let g = wgs84_to_gcj02(at);
        assert!(distance_m(LatLng::new(lat, lng), g) < 0.5);
        assert!(
            distance_m(LatLng::new(lat, lng), at) > 300.0,
            "amap is offset from WGS-84"
        );
        let (blat, blng) = number_pair(&l.baidu, "location=");
        assert!(distance_m(LatLng::new(blat, blng), gcj02_to_bd09(g)) < 0.5);
        assert!(l.baidu.contains("coord_type=bd09ll"));
        let (wlat, wlng) = number_pair(&l.geo, "geo:");
        assert!(distance_m(LatLng::new(wlat, wlng), at) < 0.5);
        assert!(l.amap.contains("name=%E9%95%BF"));
    }
}
