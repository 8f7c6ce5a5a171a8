//! The reader's language: zh-CN by default, English on request, remembered on
//! the phone. UI text is written inline as pairs: `t("附近驿站", "Nearby stations")`.

use crate::storage;
use leptos::prelude::*;
use shared::{Lang, Text};
use std::cell::Cell;

const KEY: &str = "gy.lang";

thread_local! {
    // Mirrors the signal for code outside the reactive tree (the API client).
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::ZhCn) };
}

pub fn provide() {
    let saved = match storage::get(KEY).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::ZhCn,
    };
    let lang = RwSignal::new(saved);
    Effect::new(move |_| {
        let l = lang.get();
        CURRENT.with(|c| c.set(l));
        storage::set(KEY, l.tag());
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", l.tag());
        }
    });
    CURRENT.with(|c| c.set(saved));
    provide_context(lang);
}

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// The language right now, outside reactive code.
pub fn current() -> Lang {
    CURRENT.with(|c| c.get())
}

/// The reader's language, reactively where there is a reactive owner, else
/// (in async tasks) the current one.
fn lang_now(lang: Option<RwSignal<Lang>>) -> Lang {
    lang.map(|l| l.get()).unwrap_or_else(current)
}

/// A reactive UI string in the reader's language. Safe in async tasks too.
pub fn t(
    zh: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_context::<RwSignal<Lang>>();
    move || match lang_now(lang) {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// A shared-crate `Text` (validation messages, labels) in the reader's language.
pub fn text(value: Text) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_context::<RwSignal<Lang>>();
    move || value.get(lang_now(lang)).to_string()
}
