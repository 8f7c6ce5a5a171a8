//! A masked ID number with the audited "show the full number" button. Only
//! staff (not viewers) may reveal; every reveal is written to the audit log.

use crate::api;
use crate::auth::use_auth;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::accounts::StaffRole;
use shared::membership::RevealedIdNumber;
use shared::routes::Url;

#[component]
pub fn RevealId(
    /// As the API shows it: `110105************`.
    masked: String,
    /// The reveal endpoint (POST).
    path: Url,
    /// Whose number it is, for the button's accessible name.
    owner: String,
) -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let may_reveal = auth.staff().is_some_and(|s| s.role >= StaffRole::Staff);
    let shown = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reveal = move |_| {
        let path = path.clone();
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api::post::<_, RevealedIdNumber>(&path, &()).await {
                Ok(r) => shown.set(Some(r.id_number)),
                Err(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
            busy.set(false);
        });
    };
    // The visible words first, then whose number (several are on one screen).
    let label = move || format!("{} {owner}", t("显示完整号码", "Show full number")());
    view! {
        <span class="id-number">
            <span class="id-digits">{move || shown.get().unwrap_or_else(|| masked.clone())}</span>
            {may_reveal.then(|| view! {
                <Show when=move || shown.get().is_none() fallback=move || view! {
                    <button type="button" class="linklike" on:click=move |_| shown.set(None)>{t("隐藏", "Hide")}</button>
                }>
                    <button type="button" class="linklike" aria-label=label.clone() disabled=move || busy.get() on:click=reveal.clone()>
                        {t("显示完整号码", "Show full number")}
                    </button>
                </Show>
            })}
            {move || failure.get().map(|m| view! { <span class="field-error" role="alert">{m}</span> })}
        </span>
    }
}

/// Said once on screens that can reveal ID numbers.
#[component]
pub fn RevealNote() -> impl IntoView {
    view! { <p class="muted">{t("身份证号默认只显示一部分。点“显示完整号码”会记入操作日志,只在核对身份时使用。", "ID numbers are shown in part. Showing a full number is written to the audit log; do it only to check someone's identity.")}</p> }
}
