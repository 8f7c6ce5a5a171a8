//! The re-check queue: reported stations first, then the longest unverified.
//! "Verified today" stamps a station and clears its reports.

use super::list::StationTable;
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::routes::Method;
use shared::stations::{AdminStationEnvelope, StationRows, StationsRoute};

#[component]
pub fn Recheck() -> impl IntoView {
    let scope = use_scope();
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
    let queue = LocalResource::new(move || {
        let url = scope
            .scoped(api_url!(StationsRoute::Recheck))
            .arg("limit", 50);
        async move { api::get::<StationRows>(&url).await }
    });
    let verify = Callback::new(move |id: i64| {
        leptos::task::spawn_local(async move {
            match api::send::<_, AdminStationEnvelope>(
                Method::Post,
                &api_url!(StationsRoute::Verify, STATION_ID = id),
                &(),
                None,
            )
            .await
            {
                Ok(s) => {
                    message.set(Some(format!(
                        "{} {}",
                        t("已核实:", "Verified: ")(),
                        s.station.station.summary.name
                    )));
                    queue.refetch();
                }
                Err(e) => message.set(Some(e.message(lang.get_untracked()))),
            }
        });
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("待核实的驿站", "Stations to re-check")}</h1>
            <p class="muted">{t("有人报告问题的排在前面,其次是最久没有核实的。", "Stations with reported problems come first, then the longest unverified.")}</p>
            {move || message.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || queue.get().map(|r: Result<StationRows, ApiFailure>| match r {
                    Ok(l) => view! { <StationTable rows=l.stations verify=verify/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
