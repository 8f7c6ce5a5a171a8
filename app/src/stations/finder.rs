//! The home screen: the nearest stations, filtered by what the worker needs.
//! Online the server answers; offline the phone answers from the stations it
//! saved, nearest first, and says when they were saved.

use super::card::{local_now, StationCard};
use super::place::{Place, PlacePicker};
use super::saved;
use crate::api::{self, ApiFailure};
use crate::components::hotlines::Hotlines;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::draft::persisted;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::geo::LatLng;
use shared::routes::Url;
use shared::stations::{
    nearest_first, Amenity, AmenitySet, Nearby, NearbyList, StationSummary, StationType,
    StationsRoute,
};

/// The amenities riders ask for most, shown first.
const COMMON: [Amenity; 8] = [
    Amenity::Toilet,
    Amenity::DrinkingWater,
    Amenity::Microwave,
    Amenity::PhoneCharging,
    Amenity::BatterySwap,
    Amenity::Rest,
    Amenity::CoolingHeating,
    Amenity::Wifi,
];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Filters {
    amenities: Vec<Amenity>,
    station_type: Option<StationType>,
    open_now: bool,
}

impl Filters {
    /// The filters as query arguments of `url`.
    fn apply(&self, url: Url) -> Url {
        let amenities: Vec<&str> = self.amenities.iter().map(|a| a.code()).collect();
        url.arg_text("amenity", &amenities.join(","))
            .arg_opt("type", self.station_type.map(|t| t.code()))
            .arg_opt("open_now", self.open_now.then_some(true))
    }
}

#[derive(Clone)]
enum Found {
    Loading,
    Online(Vec<StationSummary>),
    /// Worked out on the phone; with when the saved stations were fetched.
    Offline(Vec<StationSummary>, String),
    Failed(ApiFailure),
}

const LIMIT: u32 = 20;

#[component]
pub fn Finder() -> impl IntoView {
    let place = persisted("gy.place", None::<Place>);
    let filters = persisted("gy.filters", Filters::default());
    let found = RwSignal::new(Found::Loading);
    let reload = RwSignal::new(0u32);

    Effect::new(move |_| {
        reload.track();
        let (Some(p), f) = (place.get(), filters.get()) else {
            return;
        };
        found.set(Found::Loading);
        leptos::task::spawn_local(async move {
            let url = f.apply(nearby(p.at).arg("limit", LIMIT));
            match api::get::<NearbyList>(&url).await {
                Ok(list) => {
                    found.set(Found::Online(list.stations));
                    refresh_saved(&p).await;
                }
                Err(ApiFailure::Offline) => found.set(from_saved(&p, &f)),
                Err(e) => found.set(Found::Failed(e)),
            }
        });
    });

    view! {
        <main class="page">
            <h1 class="page-title">{t("附近的驿站", "Stations near you")}</h1>
            {move || match place.get() {
                None => view! { <PlacePicker place=place/> }.into_any(),
                Some(p) => view! { <Where place=p chosen=place/> }.into_any(),
            }}
            <Show when=move || place.get().is_some()>
                <FilterBar filters=filters/>
                <Results found=found retry=Callback::new(move |_| reload.update(|n| *n += 1))/>
            </Show>
            <super::open_data::OpenDataLinks/>
            <Hotlines/>
        </main>
    }
}

/// The stations nearest `at`.
pub fn nearby(at: LatLng) -> Url {
    api_url!(StationsRoute::Nearby)
        .arg("lat", shared::geo::fixed(at.lat, 6))
        .arg("lng", shared::geo::fixed(at.lng, 6))
}

/// Saves the nearest stations (unfiltered) for offline use, when worth it.
async fn refresh_saved(p: &Place) {
    if !saved::stale(p.at, js_sys::Date::now()) {
        return;
    }
    let url = nearby(p.at).arg("limit", 50);
    if let Ok(text) = api::get_text(&url).await {
        saved::save(p.at, &text);
    }
}

fn from_saved(p: &Place, f: &Filters) -> Found {
    let Some(s) = saved::load() else {
        return Found::Failed(ApiFailure::Offline);
    };
    let filter = Nearby {
        at: p.at,
        limit: LIMIT,
        amenities: AmenitySet::of(&f.amenities),
        station_type: f.station_type,
        open_now: f.open_now,
    };
    let now = local_now();
    Found::Offline(
        nearest_first(&s.stations, p.at, LIMIT as usize, |st| {
            filter.accepts(st, now)
        }),
        s.meta.computed_at,
    )
}

#[component]
fn Where(place: Place, chosen: RwSignal<Option<Place>>) -> impl IntoView {
    let label = place.area.clone();
    let map = format!(
        "/map?lat={}&lng={}",
        shared::geo::fixed(place.at.lat, 6),
        shared::geo::fixed(place.at.lng, 6)
    );
    view! {
        <div class="where">
            <span>"📍 " {match label { Some(a) => a.into_any(), None => t("我的位置附近", "Near my position").into_any() }}</span>
            <button type="button" class="linklike" on:click=move |_| chosen.set(None)>{t("换个地方", "Change")}</button>
            <AppLink href=map class="btn btn--secondary btn--small-map">{t("看地图", "Map")}</AppLink>
        </div>
    }
}

#[component]
fn FilterBar(filters: RwSignal<Filters>) -> impl IntoView {
    let lang = use_lang();
    let more = RwSignal::new(false);
    let chip = move |a: Amenity| {
        let on = move || filters.with(|f| f.amenities.contains(&a));
        view! {
            <button type="button" class="chip" class:chip--on=on aria-pressed=move || on().to_string()
                on:click=move |_| filters.update(|f| if f.amenities.contains(&a) { f.amenities.retain(|x| *x != a) } else { f.amenities.push(a) })>
                <span aria-hidden="true">{a.icon()}</span>" "{move || a.label().get(lang.get()).to_string()}
            </button>
        }
    };
    view! {
        <section class="filters" aria-label=t("筛选", "Filters")>
            <div class="chips">
                <button type="button" class="chip" class:chip--on=move || filters.with(|f| f.open_now)
                    aria-pressed=move || filters.with(|f| f.open_now).to_string()
                    on:click=move |_| filters.update(|f| f.open_now = !f.open_now)>
                    "🕒 " {t("现在开门", "Open now")}
                </button>
                {COMMON.into_iter().map(chip).collect_view()}
                <Show when=move || more.get()>
                    {Amenity::ALL.iter().copied().filter(|a| !COMMON.contains(a)).map(chip).collect_view()}
                </Show>
                <button type="button" class="chip chip--more" aria-expanded=move || more.get().to_string() on:click=move |_| more.update(|m| *m = !*m)>
                    {move || if more.get() { t("收起", "Fewer")() } else { t("更多设施", "More")() }}
                </button>
            </div>
            <div class="field field--inline">
                <label for="filter-type">{t("类型", "Type")}</label>
                <select id="filter-type" on:change=move |ev| filters.update(|f| f.station_type = StationType::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || filters.with(|f| f.station_type.is_none())>{t("全部类型", "All types")}</option>
                    {StationType::ALL.iter().copied().map(|ty| view! {
                        <option value=ty.code() selected=move || filters.with(|f| f.station_type == Some(ty))>{move || ty.label().get(lang.get()).to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
        </section>
    }
}

#[component]
fn Results(found: RwSignal<Found>, retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let list = move |stations: Vec<StationSummary>| {
        if stations.is_empty() {
            view! { <p class="card">{t("附近没有符合条件的驿站,试试少选几项设施。", "No station nearby matches; try fewer amenities.")}</p> }.into_any()
        } else {
            view! { <ul class="stations" aria-label=t("驿站列表,最近的在前", "Stations, nearest first")>
                {stations.into_iter().map(|s| view! { <StationCard station=s/> }).collect_view()}
            </ul> }.into_any()
        }
    };
    move || {
        match found.get() {
        Found::Loading => view! { <Loading/> }.into_any(),
        Found::Online(s) => list(s),
        Found::Offline(s, at) => view! {
            <p class="notice" role="status">{t("没有网络:这是手机里保存的驿站,更新于 ", "Offline: stations saved on this phone, updated ")}{local_time(&at, lang.get())}</p>
            {list(s)}
        }.into_any(),
        Found::Failed(e) => view! { <ErrorView failure=e retry=retry/> }.into_any(),
    }
    }
}
