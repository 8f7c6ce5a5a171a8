//! A row of chips choosing one status of a staff list ("" for all).

use crate::i18n::use_lang;
use leptos::prelude::*;
use shared::Text;

#[component]
pub fn StatusChips(
    #[prop(into)] label: Signal<&'static str>,
    choices: Vec<(&'static str, Text)>,
    value: RwSignal<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="chips" role="group" aria-label=label>
            {choices.into_iter().map(|(code, text)| view! {
                <button type="button" class="chip" aria-pressed=move || (value.get() == code).to_string() on:click=move |_| value.set(code.to_string())>
                    {move || text.get(lang.get()).to_string()}
                </button>
            }).collect_view()}
        </div>
    }
}

/// "全部" first, then each status with its label.
pub fn with_all<S: Copy>(
    all: &[S],
    code: fn(S) -> &'static str,
    label: fn(S) -> Text,
) -> Vec<(&'static str, Text)> {
    std::iter::once(("", Text::new("全部", "All")))
        .chain(all.iter().map(|s| (code(*s), label(*s))))
        .collect()
}
