//! Where the worker is: from the browser's geolocation (after we say why), or
//! a city and district they choose. Remembered on the phone.

use crate::api::{self, ApiFailure};
use crate::i18n::t;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::geo::LatLng;
use shared::stations::{AreaList, StationsRoute};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub at: LatLng,
    /// The district chosen, or `None` for "my position".
    pub area: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LocateError {
    Denied,
    Unavailable,
}

/// Asks the browser for the position (this is when it shows its permission prompt).
pub async fn locate() -> Result<LatLng, LocateError> {
    let geo = window()
        .navigator()
        .geolocation()
        .map_err(|_| LocateError::Unavailable)?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let opts = web_sys::PositionOptions::new();
        opts.set_enable_high_accuracy(true);
        opts.set_timeout(15_000);
        opts.set_maximum_age(60_000);
        let _ = geo.get_current_position_with_error_callback_and_options(
            &resolve,
            Some(&reject),
            &opts,
        );
    });
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(pos) => {
            let coords = pos.unchecked_into::<web_sys::Position>().coords();
            Ok(LatLng::new(coords.latitude(), coords.longitude()))
        }
        Err(e) => {
            let code = js_sys::Reflect::get(&e, &JsValue::from_str("code"))
                .ok()
                .and_then(|c| c.as_f64());
            Err(if code == Some(1.0) {
                LocateError::Denied
            } else {
                LocateError::Unavailable
            })
        }
    }
}

/// The "where are you?" card: share the position, or pick a district.
#[component]
pub fn PlacePicker(place: RwSignal<Option<Place>>) -> impl IntoView {
    let problem = RwSignal::new(None::<LocateError>);
    let busy = RwSignal::new(false);
    let use_position = move |_| {
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(at) => place.set(Some(Place { at, area: None })),
                Err(e) => problem.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card place" aria-labelledby="place-title">
            <h2 id="place-title">{t("您在哪里?", "Where are you?")}</h2>
            <p class="muted">{t("用您的位置找最近的驿站。位置只在手机上用来算距离,不会保存到服务器。", "We use your position to find the nearest stations. It is used on this phone to work out distances and is not stored on our server.")}</p>
            <button type="button" class="btn btn--primary btn--block" on:click=use_position disabled=move || busy.get()>
                "📍 " {t("用我的位置", "Use my position")}
            </button>
            {move || problem.get().map(|p| view! {
                <p class="field-error" role="alert">{match p {
                    LocateError::Denied => t("没有得到位置权限。可以在下面选城市和区县。", "No permission for your position. You can choose a city and district below.")(),
                    LocateError::Unavailable => t("暂时定不了位。可以在下面选城市和区县。", "Your position is not available. You can choose a city and district below.")(),
                }}</p>
            })}
            <AreaChooser place=place/>
        </section>
    }
}

#[component]
fn AreaChooser(place: RwSignal<Option<Place>>) -> impl IntoView {
    // Kept as the API's JSON text, for choosing a district offline.
    const KEY: &str = "gy.areas";
    let parse = |text: &str| {
        serde_json::from_str::<AreaList>(text)
            .map(|l| l.areas)
            .unwrap_or_default()
    };
    let areas = RwSignal::new(
        crate::storage::get(KEY)
            .map(|t| parse(&t))
            .unwrap_or_default(),
    );
    let failed = RwSignal::new(None::<ApiFailure>);
    leptos::task::spawn_local(async move {
        match api::get_text(&api_url!(StationsRoute::Areas)).await {
            Ok(text) => {
                crate::storage::set(KEY, &text);
                areas.set(parse(&text));
            }
            Err(e) => failed.set(Some(e)),
        }
    });
    let city = RwSignal::new(String::new());
    let cities = move || {
        let mut c: Vec<String> = areas.with(|a| {
            a.iter()
                .map(|a| format!("{} {}", a.province, a.city))
                .collect()
        });
        c.dedup();
        c
    };
    let choose = move |district: String| {
        if let Some(a) = areas.with(|list| {
            list.iter()
                .find(|a| {
                    format!("{} {}", a.province, a.city) == city.get_untracked()
                        && a.district == district
                })
                .cloned()
        }) {
            place.set(Some(Place {
                at: LatLng::new(a.lat, a.lng),
                area: Some(format!("{}{}", a.city, a.district)),
            }));
        }
    };
    view! {
        <div class="field">
            <label for="area-city">{t("城市", "City")}</label>
            <select id="area-city" on:change=move |ev| city.set(event_target_value(&ev))>
                <option value="">{t("请选择", "Choose")}</option>
                {move || cities().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
            </select>
        </div>
        <Show when=move || !city.get().is_empty()>
            <div class="field">
                <label for="area-district">{t("区县", "District")}</label>
                <select id="area-district" on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="">{t("请选择", "Choose")}</option>
                    {move || areas.with(|list| list.iter().filter(|a| format!("{} {}", a.province, a.city) == city.get()).map(|a| {
                        let d = a.district.clone();
                        view! { <option value=d.clone()>{format!("{} ({})", d, a.stations)}</option> }
                    }).collect_view())}
                </select>
            </div>
        </Show>
        {move || (areas.with(Vec::is_empty) && failed.get().is_some()).then(|| view! {
            <p class="muted">{t("没有网络,暂时选不了城市。", "Offline: cities cannot be listed right now.")}</p>
        })}
    }
}
