//! The 中文 / English switch, remembered on the phone: a card on 我的, and a
//! one-button toggle for headers (the staff workspace).

use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::Lang;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let option = move |value: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="seg"
                class:seg--on=move || lang.get() == value
                aria-pressed=move || (lang.get() == value).to_string()
                lang=value.tag()
                on:click=move |_| lang.set(value)
            >{label}</button>
        }
    };
    view! {
        <section class="card" aria-labelledby="lang-title">
            <h2 id="lang-title">{t("语言", "Language")}</h2>
            <div class="segmented" role="group" aria-labelledby="lang-title">
                {option(Lang::ZhCn, "中文")}
                {option(Lang::En, "English")}
            </div>
        </section>
    }
}

/// One button naming the other language, in that language: 中文 ⇄ English.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let lang = use_lang();
    let other = move || match lang.get() {
        Lang::ZhCn => Lang::En,
        Lang::En => Lang::ZhCn,
    };
    view! {
        <button
            type="button"
            class="btn btn--ghost"
            lang=move || other().tag()
            on:click=move |_| lang.set(other())
        >
            {move || match other() {
                Lang::En => "English",
                Lang::ZhCn => "中文",
            }}
        </button>
    }
}
