//! Loading, error and not-found states, the same on every screen.

use crate::api::ApiFailure;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="status status--loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {t("正在加载…", "Loading…")}
        </div>
    }
}

/// An API failure in plain words, with a retry button when one is given.
#[component]
pub fn ErrorView(
    failure: ApiFailure,
    #[prop(optional, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    let message = move || failure.message(lang.get());
    view! {
        <div class="status status--error" role="alert">
            <p>{message}</p>
            {retry.map(|r| view! {
                <button class="btn btn--secondary" on:click=move |_| r.run(())>{t("重试", "Try again")}</button>
            })}
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="page">
            <h1>{t("没有这个页面", "Page not found")}</h1>
            <p>{t("链接可能有误,或页面已经移走。", "The link may be wrong, or the page has moved.")}</p>
            <A href="/" attr:class="btn btn--primary">{t("回到首页", "Back to home")}</A>
        </main>
    }
}
