//! `/rights/entry/:id`: one day as the union received it — the facts, the
//! photos, when it arrived and its link in the chain, co-workers' 对工, and
//! the two things a worker may do: correct it, or show a co-worker the QR
//! code that confirms it.

use super::work_text;
use crate::api;
use crate::auth::RequireWorker;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::money::yuan_sign;
use shared::rights::*;

#[component]
pub fn EntryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let entry = LocalResource::new(move || {
        let url = api_url!(LockerRoute::Entry, LOCKER_ENTRY_ID = id());
        async move { api::get::<EntryEnvelope>(&url).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("这一天的记录", "This day's record")}</h1>
            <RequireWorker>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || entry.get().map(|r| match r {
                        Ok(e) => view! { <Day entry=e.entry/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
                <AppLink href="/rights".to_string() class="btn btn--secondary btn--block">{t("回到记工本", "Back to my work log")}</AppLink>
            </RequireWorker>
        </main>
    }
}

#[component]
fn Day(entry: LockerEntry) -> impl IntoView {
    let lang = use_lang();
    let show_qr = RwSignal::new(false);
    let e = entry.clone();
    let d = e.day.clone();
    let received = e.received_at.clone();
    view! {
        <section class="card" aria-labelledby="day-title">
            <h2 id="day-title">{d.date.to_string()}" · "{d.project.clone()}</h2>
            {e.superseded_by.map(|n| view! {
                <p class="notice" role="status">{t("这条记录已更正,汇总按更正后的算。", "This record was corrected; the summary counts the correction.")}" "
                    <AppLink href=format!("/rights/entry/{n}")>{t("看更正后的", "See the correction")}</AppLink></p>
            })}
            {e.supersedes.map(|n| view! {
                <p class="muted">{t("这是一条更正。", "This is a correction.")}" "<AppLink href=format!("/rights/entry/{n}")>{t("看原来的记录", "See the first record")}</AppLink></p>
            })}
            <dl class="facts">
                <dt>{t("工地", "Site")}</dt><dd>{d.address.clone()}</dd>
                <dt>{t("老板", "Employer")}</dt><dd>{d.employer_name.clone()}" "{d.boss_phone.clone()}</dd>
                <dt>{text(d.pay_kind.label())}</dt><dd>{text(work_text(&d))}</dd>
                <dt>{t("应得", "Earned")}</dt><dd data-testid="earned">{yuan_sign(e.earned_fen)}</dd>
                <dt>{t("借支", "Advance")}</dt><dd>{yuan_sign(d.advance_fen)}</dd>
                <dt>{t("已结", "Paid")}</dt><dd>{yuan_sign(d.paid_fen)}</dd>
                {(!d.note.is_empty()).then(|| view! { <dt>{t("备注", "Note")}</dt><dd>{d.note.clone()}</dd> })}
                <dt>{t("工会收到时间", "Received by the union")}</dt><dd>{move || local_time(&received, lang.get())}</dd>
                <dt>{t("第几条", "Entry number")}</dt><dd>{e.seq}</dd>
                <dt>{t("存证编码", "Hash")}</dt><dd class="hash" data-testid="hash">{e.hash.clone()}</dd>
            </dl>
            {(!e.files.is_empty()).then(|| view! {
                <ul class="locker-photos">
                    {e.files.iter().map(|f| {
                        let src = format!("/api/attachments/{}", f.id);
                        view! { <li>{if f.content_type.starts_with("image/") {
                            view! { <img src=src alt=t("照片", "Photo") loading="lazy"/> }.into_any()
                        } else {
                            view! { <a href=src rel="external">"PDF"</a> }.into_any()
                        }}</li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
        <section class="card" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{t("工友对工", "Confirmed by co-workers")}</h2>
            {if e.confirmations.is_empty() {
                view! { <p class="muted">{t("还没有工友确认。请同一个工地的工友用手机扫下面的码。", "No co-worker has confirmed yet. Ask one on the same site to scan the code below.")}</p> }.into_any()
            } else {
                view! { <ul data-testid="confirmations">{e.confirmations.iter().map(|c| {
                    let at = c.at.clone();
                    view! { <li>"✓ "{c.by.clone()}" · "{move || local_time(&at, lang.get())}</li> }
                }).collect_view()}</ul> }.into_any()
            }}
            {e.superseded_by.is_none().then(|| view! {
                <button type="button" class="btn btn--secondary btn--block btn--big" on:click=move |_| show_qr.update(|s| *s = !*s)>{t("给工友扫码对工", "Show the code to a co-worker")}</button>
                <Show when=move || show_qr.get()>
                    <figure class="locker-qr">
                        <img src=String::from(api_url!(LockerRoute::ConfirmQr, LOCKER_ENTRY_ID = entry.id)) alt=t("对工二维码", "Confirmation QR code") width="280" height="280"/>
                        <figcaption class="muted">{t("工友登录后用手机相机扫码,确认这天和您一起干活。码12小时内有效。", "The co-worker signs in and scans it with their camera to confirm this day. Valid for 12 hours.")}</figcaption>
                    </figure>
                </Show>
            })}
        </section>
        {e.superseded_by.is_none().then(|| view! {
            <AppLink href=format!("/rights/entry/{}/correct", e.id) class="btn btn--secondary btn--block".to_string()>{t("记错了?更正这一天", "Wrong? Correct this day")}</AppLink>
        })}
    }
}
