//! The printable check-in poster of a station: its name and a QR code that
//! opens /stations/{id}/checkin.

use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::stations::{AdminStationEnvelope, StationsRoute};

#[component]
pub fn Poster() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let station = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<AdminStationEnvelope>(&api_url!(StationsRoute::AdminGet, STATION_ID = id))
                .await
        }
    });
    view! {
        <main class="page poster">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || station.get().map(|r: Result<AdminStationEnvelope, ApiFailure>| match r {
                    Ok(s) => {
                        let st = s.station.station;
                        view! {
                            <div class="poster-sheet">
                                <p class="poster-union">{st.union.name.clone()}</p>
                                <h1 class="poster-name">{st.summary.name.clone()}</h1>
                                <img class="poster-qr" src=String::from(api_url!(StationsRoute::Poster, STATION_ID = st.summary.id)) alt=t("签到二维码", "Check-in QR code") width="320" height="320"/>
                                <p class="poster-call">{t("工友们,进站请扫码签到", "Workers: scan to check in")}</p>
                                <p class="poster-help">{t("用手机相机或微信扫一扫", "Use your phone camera or WeChat to scan")}" · "{t("维权热线 12351", "Rights hotline 12351")}</p>
                            </div>
                            <button type="button" class="btn btn--primary no-print" on:click=move |_| { let _ = window().print(); }>{t("打印海报", "Print poster")}</button>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
