//! How a station looks in a list, and the small pieces shared with its page.

use crate::components::link::AppLink;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::stations::{Amenity, StationSummary};
use shared::Lang;

/// "570 米" / "1.2 公里" (or "570 m" / "1.2 km").
pub fn distance_text(m: u32, lang: Lang) -> String {
    match (m < 1000, lang) {
        (true, Lang::ZhCn) => format!("{m} 米"),
        (true, Lang::En) => format!("{m} m"),
        (false, Lang::ZhCn) => format!("{} 公里", shared::geo::fixed(m as f64 / 1000.0, 1)),
        (false, Lang::En) => format!("{} km", shared::geo::fixed(m as f64 / 1000.0, 1)),
    }
}

/// Asia/Shanghai wall-clock time now.
pub fn local_now() -> chrono::NaiveDateTime {
    shared::time::local(shared::time::from_millis(js_sys::Date::now()))
}

#[component]
pub fn OpenBadge(open: bool) -> impl IntoView {
    view! {
        <span class="badge" class:badge--open=open class:badge--closed=!open>
            {if open { t("开放中", "Open now") } else { t("已关门", "Closed now") }}
        </span>
    }
}

#[component]
pub fn AmenityIcons(amenities: Vec<Amenity>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="amenity-icons" aria-label=t("设施", "Amenities")>
            {amenities.into_iter().map(|a| view! {
                <li title=move || a.label().get(lang.get()).to_string()>
                    <span aria-hidden="true">{a.icon()}</span>
                    <span class="sr-only">{move || a.label().get(lang.get()).to_string()}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn StationCard(station: StationSummary) -> impl IntoView {
    let lang = use_lang();
    let s = station;
    let today = local_now().date();
    let hours = s.schedule.hours_on(today);
    let open = s.is_open_at(local_now());
    let distance = s.distance_m;
    let kind = s.station_type;
    view! {
        <li class="station">
            <AppLink href=format!("/stations/{}", s.id) class="station-link">
                <div class="station-head">
                    <span class="station-icon" aria-hidden="true">{kind.icon()}</span>
                    <strong class="station-name">{s.name.clone()}</strong>
                    {distance.map(|d| view! { <span class="distance">{move || distance_text(d, lang.get())}</span> })}
                </div>
                <div class="station-meta">
                    <OpenBadge open=open/>
                    <span>{t("今天 ", "Today ")}{move || hours.get(lang.get()).to_string()}</span>
                    <span class="muted">{move || kind.label().get(lang.get()).to_string()}</span>
                </div>
                <div class="muted">{s.address.clone()}</div>
                <AmenityIcons amenities=s.amenities.clone()/>
            </AppLink>
        </li>
    }
}
