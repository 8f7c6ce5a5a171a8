//! The `map` bundle (/map): the stations on a map, with the list beside it.
//! Leaflet's code comes with this bundle only, so the home screen stays light,
//! and the list works even when no map tiles load. The map is drawn by a few
//! lines of JavaScript over the vendored Leaflet (`draw_map` below): a Rust
//! wrapper of Leaflet's whole API would cost the phone about 100 KB of wasm.

use crate::api::{self, ApiFailure};
use crate::components::layout::WorkerLayout;
use crate::components::link::CurrentBundle;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{self, t};
use crate::stations::StationCard;
use crate::{outbox, pwa};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use shared::api_url;
use shared::geo::{wgs84_to_gcj02, Datum, LatLng};
use shared::stations::{MapConfig, NearbyList, StationSummary, StationsRoute};
use wasm_bindgen::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    provide_context(CurrentBundle("map"));
    i18n::provide();
    pwa::provide();
    outbox::provide();
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("map") view=MapPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[derive(Clone)]
struct Data {
    config: MapConfig,
    stations: Vec<StationSummary>,
}

#[component]
fn MapPage() -> impl IntoView {
    let query = use_query_map();
    let at = query.with_untracked(|q| {
        let get = |k: &str| q.get(k).and_then(|v| v.parse::<f64>().ok());
        LatLng::new(
            get("lat").unwrap_or(31.8580),
            get("lng").unwrap_or(117.3073),
        )
    });
    let data = RwSignal::new(None::<Result<Data, ApiFailure>>);
    leptos::task::spawn_local(async move {
        let url = crate::stations::nearby(at).arg("limit", 30);
        let stations = api::get::<NearbyList>(&url).await;
        let config = api::get::<MapConfig>(&api_url!(StationsRoute::MapConfig)).await;
        data.set(Some(match (stations, config) {
            (Ok(s), Ok(c)) => Ok(Data {
                config: c,
                stations: s.stations,
            }),
            (Err(e), _) | (_, Err(e)) => Err(e),
        }));
    });
    view! {
        <main class="page page--wide">
            <h1 class="page-title">{t("驿站地图", "Station map")}</h1>
            {move || match data.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorView failure=e/> }.into_any(),
                Some(Ok(d)) => view! {
                    <div class="map-layout">
                        <StationMap at=at data=d.clone()/>
                        <ul class="stations" aria-label=t("驿站列表,最近的在前", "Stations, nearest first")>
                            {d.stations.into_iter().map(|s| view! { <StationCard station=s/> }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
            }}
        </main>
    }
}

/// Positions are WGS-84; tiles of 高德/腾讯 are drawn in GCJ-02, so convert for them.
fn on_tiles(p: LatLng, datum: Datum) -> [f64; 2] {
    let q = if datum == Datum::Gcj02 {
        wgs84_to_gcj02(p)
    } else {
        p
    };
    [q.lat, q.lng]
}

#[wasm_bindgen(inline_js = r##"
// Draws the map with the page's Leaflet (window.L); names go in as text, never HTML.
export function draw_map(el, spec_json) {
  const spec = JSON.parse(spec_json);
  const map = L.map(el, { scrollWheelZoom: false }).setView(spec.here, 14);
  L.tileLayer(spec.tiles, { attribution: spec.attribution }).addTo(map);
  L.circle(spec.here, { radius: 30, color: "#1a56db", fillColor: "#1a56db" }).addTo(map);
  for (const s of spec.stations) {
    const popup = document.createElement("div");
    const name = document.createElement("strong");
    name.textContent = s.name;
    const link = document.createElement("a");
    link.href = s.href;
    link.rel = "external";
    link.textContent = spec.details;
    popup.append(name, document.createElement("br"), link);
    L.marker(s.at, { title: s.name, alt: s.name }).addTo(map).bindPopup(popup);
  }
  return () => map.remove();
}
"##)]
extern "C" {
    /// Answers the function that removes the map again.
    fn draw_map(el: &web_sys::HtmlElement, spec_json: &str) -> js_sys::Function;
}

#[component]
fn StationMap(at: LatLng, data: Data) -> impl IntoView {
    let datum = data.config.datum;
    // One fixed subdomain keeps the template valid for any provider.
    let tiles = data.config.tile_url.replace(
        "{s}",
        data.config
            .subdomains
            .chars()
            .next()
            .map(String::from)
            .as_deref()
            .unwrap_or("a"),
    );
    let spec = serde_json::json!({
        "here": on_tiles(at, datum),
        "tiles": tiles,
        "attribution": data.config.attribution,
        "details": t("查看详情", "Details")(),
        "stations": data.stations.iter().map(|s| serde_json::json!({
            "name": s.name,
            "at": on_tiles(s.position(), datum),
            "href": format!("/stations/{}", s.id),
        })).collect::<Vec<_>>(),
    })
    .to_string();
    let el = NodeRef::<Div>::new();
    let remove = StoredValue::new_local(None::<js_sys::Function>);
    Effect::new(move |_| {
        if let Some(div) = el.get() {
            if remove.with_value(Option::is_none) {
                remove.set_value(Some(draw_map(&div, &spec)));
            }
        }
    });
    on_cleanup(move || {
        if let Some(f) = remove.try_get_value().flatten() {
            let _ = f.call0(&JsValue::NULL);
        }
    });
    view! {
        <div class="map-box" role="region" aria-label=t("地图", "Map")>
            <div class="map" node_ref=el></div>
        </div>
    }
}
