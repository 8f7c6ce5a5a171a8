//! `/stations/{id}/checkin`: what the poster's QR code opens. Records a visit
//! (anonymous, or as the signed-in worker) and welcomes the worker.

use crate::i18n::{t, use_lang};
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::routes::Method;
use shared::stations::{StationsRoute, VisitEnvelope, VisitInput};

#[derive(Clone)]
enum State {
    Sending,
    Done(shared::stations::Visit),
    Queued,
    Failed(String),
}

#[component]
pub fn Checkin() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id =
        params.with_untracked(|p| p.get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0));
    let state = RwSignal::new(State::Sending);
    leptos::task::spawn_local(async move {
        let input = VisitInput {
            device_id: crate::api::device_id(),
        };
        state.set(
            match outbox::submit::<_, VisitEnvelope>(
                "visit",
                Method::Post,
                &api_url!(StationsRoute::Visit, STATION_ID = id),
                &input,
            )
            .await
            {
                Submitted::Sent(v) => State::Done(v.visit),
                Submitted::Queued => State::Queued,
                Submitted::Refused(e) => State::Failed(e.message(lang.get_untracked())),
            },
        );
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("到站签到", "Check in")}</h1>
            {move || match state.get() {
                State::Sending => view! { <crate::components::status::Loading/> }.into_any(),
                State::Done(v) => view! {
                    <section class="card checkin" role="status">
                        <p class="checkin-big">{if v.counted { "✅" } else { "👋" }}</p>
                        <p><strong>{t("欢迎来到 ", "Welcome to ")}{v.station_name.clone()}</strong></p>
                        <p>{if v.counted { t("签到成功,歇一歇再出发。", "You are checked in. Take a rest.")() } else { t("这个小时您已经签到过了。", "You already checked in here this hour.")() }}</p>
                        <p class="muted">{t("今天到站人次:", "Visits today: ")}{v.visits_today}</p>
                    </section>
                }.into_any(),
                State::Queued => view! { <p class="notice" role="status">{t("没有网络,签到已保存,有网络时自动发送。", "Offline: your check-in is saved and will be sent when you are online.")}</p> }.into_any(),
                State::Failed(m) => view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
            }}
            <A href=format!("/stations/{id}") attr:class="btn btn--secondary btn--block">{t("看这个驿站", "See this station")}</A>
        </main>
    }
}
