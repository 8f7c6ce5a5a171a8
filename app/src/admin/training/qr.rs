//! `/admin/training/sessions/:id/qr`: the session's check-in QR code, to
//! show on a screen at the door or print. Trainees scan it with the phone's
//! camera; it counts from an hour before the session until two hours after.

use super::session_when;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::training::{CheckInLink, TrainingRoute};

#[component]
pub fn SessionQr() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let link = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<CheckInLink>(&api_url!(
                TrainingRoute::SessionCode,
                COURSE_SESSION_ID = id
            ))
            .await
        }
    });
    view! {
        <main class="page poster">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || link.get().map(|r: Result<CheckInLink, ApiFailure>| match r {
                    Ok(l) => view! { <Sheet link=l/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Sheet(link: CheckInLink) -> impl IntoView {
    let lang = use_lang();
    let origin = window().location().origin().unwrap_or_default();
    let (opens, expires) = (link.opens_at.clone(), link.expires_at.clone());
    view! {
        <A href=format!("/admin/training/sessions/{}", link.session.id) attr:class="linklike no-print">{t("‹ 回到签到表", "‹ Back to the attendance sheet")}</A>
        <div class="poster-sheet">
            <p class="poster-union">{t("培训签到", "Training check-in")}</p>
            <h1 class="poster-name">{link.course_title.clone()}</h1>
            <p>{session_when(&link.session)}" · "{link.session.place_name.clone()}</p>
            <img class="poster-qr" src=String::from(api_url!(TrainingRoute::SessionQr, COURSE_SESSION_ID = link.session.id)) alt=t("签到二维码", "Check-in QR code") width="320" height="320"/>
            <p class="poster-call">{t("学员请扫码签到", "Trainees: scan to check in")}</p>
            <p>{move || format!("{} {} — {}", t("签到时间", "Check-in open")(), local_time(&opens, lang.get()), local_time(&expires, lang.get()))}</p>
            <p class="poster-help">
                {t("用手机相机或微信扫一扫,每次课只记一次", "Use the phone camera or WeChat; each session counts once")}" · "
                {t("扫不了可以打开 ", "Or open ")}<span class="poster-url">{format!("{origin}{}", link.path)}</span>
            </p>
        </div>
        <button type="button" class="btn btn--primary no-print" on:click=move |_| { let _ = window().print(); }>{t("打印签到码", "Print the code")}</button>
    }
}
