//! Choosing one of a fixed list: a labelled `<select>` wired to a `FormState`,
//! and big radio cards with a plain hint under each choice.

use super::form::{described_by, FieldFrame, FormState};
use crate::i18n::use_lang;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use shared::Text;

/// One choice: the code sent to the API and its label.
#[derive(Clone)]
pub struct Choice {
    pub code: String,
    pub label: Text,
    pub hint: Option<Text>,
}

impl Choice {
    pub fn new(code: impl Into<String>, label: Text) -> Choice {
        Choice {
            code: code.into(),
            label,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Text) -> Choice {
        self.hint = Some(hint);
        self
    }
}

/// A labelled drop-down; `value` is the chosen code ("" for none yet).
#[component]
pub fn SelectField(
    #[prop(into)] label: Signal<&'static str>,
    /// Field name, as the API names it in errors.
    name: &'static str,
    value: RwSignal<String>,
    form: FormState,
    choices: Vec<Choice>,
    /// The empty first option ("请选择").
    #[prop(into)]
    placeholder: Signal<&'static str>,
    /// The element id, when one page shows the same field more than once (default `field-{name}`).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error = form.error(name);
    let described = described_by(&id, error);
    view! {
        <FieldFrame label=label id=id.clone() error=error>
            <select
                id=id
                name=name
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=move || value.get().is_empty()>{placeholder}</option>
                {choices.into_iter().map(|c| {
                    let code = c.code.clone();
                    view! { <option value=c.code.clone() selected=move || value.get() == code>{move || c.label.get(lang.get()).to_string()}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}

/// Radio choices as big cards, each with its hint: for choices a worker must
/// tell apart by meaning, not by name (用工形式).
#[component]
pub fn RadioCards(
    #[prop(into)] legend: Signal<&'static str>,
    name: &'static str,
    value: RwSignal<String>,
    form: FormState,
    choices: Vec<Choice>,
) -> impl IntoView {
    let lang = use_lang();
    let error = form.error(name);
    view! {
        <fieldset class="field radio-cards" aria-invalid=move || error.get().is_some().to_string()>
            <legend>{legend}</legend>
            {choices.into_iter().map(|c| {
                let code = c.code.clone();
                let chosen = c.code.clone();
                view! {
                    <label class="radio-card" class:radio-card--on=move || value.get() == chosen>
                        <input type="radio" name=name value=c.code.clone() prop:checked=move || value.get() == code
                            on:change=move |ev| value.set(event_target_value(&ev))/>
                        <span class="radio-card-text">
                            <strong>{move || c.label.get(lang.get()).to_string()}</strong>
                            {c.hint.map(|h| view! { <span class="field-hint">{move || h.get(lang.get()).to_string()}</span> })}
                        </span>
                    </label>
                }
            }).collect_view()}
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </fieldset>
    }
}

/// A stored enum's code as the API spells it (`"male"`, `"carpenter"`).
pub fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The enum value of a code, if it is one.
pub fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// The fixed list of trades (工种), as choices.
pub fn trade_choices() -> Vec<Choice> {
    shared::trades::Trade::ALL
        .iter()
        .map(|t| Choice::new(t.code(), t.label()))
        .collect()
}
