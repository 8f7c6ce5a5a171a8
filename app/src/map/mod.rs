//! The `map` bundle (/map): the stations on a map, with the list beside it.
//! Leaflet's code comes with this bundle only, so the home screen stays light,
//! and the list works even when no map tiles load.

use crate::api::{self, ApiFailure};
use crate::components::layout::WorkerLayout;
use crate::components::link::CurrentBundle;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{self, t};
use crate::stations::StationCard;
use crate::{outbox, pwa};
use leptos::prelude::*;
use leptos_leaflet::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use shared::api_url;
use shared::geo::{wgs84_to_gcj02, Datum, LatLng};
use shared::stations::{MapConfig, NearbyList, StationSummary, StationsRoute};

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
fn on_tiles(p: LatLng, datum: Datum) -> Position {
    let q = if datum == Datum::Gcj02 {
        wgs84_to_gcj02(p)
    } else {
        p
    };
    Position::new(q.lat, q.lng)
}

#[component]
fn StationMap(at: LatLng, data: Data) -> impl IntoView {
    let datum = data.config.datum;
    // One fixed subdomain keeps the template valid for any provider.
    let url = data.config.tile_url.replace(
        "{s}",
        data.config
            .subdomains
            .chars()
            .next()
            .map(String::from)
            .as_deref()
            .unwrap_or("a"),
    );
    let here = on_tiles(at, datum);
    view! {
        <div class="map-box" role="region" aria-label=t("地图", "Map")>
            <MapContainer class="map" center=here zoom=14.0 scroll_wheel_zoom=false>
                <TileLayer url=url attribution=data.config.attribution.clone()/>
                <Circle center=JsSignal::derive_local(move || here) radius=30.0 color="#1a56db" fill_color="#1a56db"/>
                {data.stations.into_iter().map(|s| {
                    let p = on_tiles(s.position(), datum);
                    view! {
                        <Marker position=JsSignal::derive_local(move || p) title=s.name.clone()>
                            <Popup>
                                <strong>{s.name.clone()}</strong><br/>
                                <a href=format!("/stations/{}", s.id) rel="external">{t("查看详情", "Details")}</a>
                            </Popup>
                        </Marker>
                    }
                }).collect_view()}
            </MapContainer>
        </div>
    }
}
