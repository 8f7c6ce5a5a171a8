//! Form plumbing: one `FormState` holds per-field messages (from the shared
//! validation before sending, or from the API after), a message for the whole
//! form, and a busy flag; `TextField` wires a labelled input to it.

use crate::api::ApiFailure;
use crate::easy::MicButton;
use crate::i18n::use_lang;
use leptos::prelude::*;
use shared::{FieldErrors, Lang};
use std::collections::BTreeMap;

#[derive(Clone, Copy)]
pub struct FormState {
    pub fields: RwSignal<BTreeMap<String, String>>,
    pub general: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    // Captured at creation: `failed` runs in async tasks, outside the reactive owner.
    lang: RwSignal<Lang>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            fields: RwSignal::new(BTreeMap::new()),
            general: RwSignal::new(None),
            busy: RwSignal::new(false),
            lang: use_lang(),
        }
    }

    pub fn error(&self, name: &'static str) -> Signal<Option<String>> {
        let fields = self.fields;
        Signal::derive(move || fields.with(|f| f.get(name).cloned()))
    }

    pub fn clear(&self) {
        self.fields.set(BTreeMap::new());
        self.general.set(None);
    }

    /// Shows the shared validation's reasons; returns true when there were none.
    pub fn check(&self, result: Result<(), FieldErrors>) -> bool {
        let lang = self.lang.get_untracked();
        match result {
            Ok(()) => true,
            Err(errors) => {
                self.fields.set(
                    errors
                        .0
                        .iter()
                        .map(|e| (e.field.clone(), e.why.get(lang).to_string()))
                        .collect(),
                );
                false
            }
        }
    }

    /// Shows what the API said: field reasons where it named fields, else one message.
    pub fn failed(&self, failure: &ApiFailure) {
        let lang = self.lang.get_untracked();
        if let ApiFailure::Api { error, .. } = failure {
            if !error.fields.is_empty() {
                self.fields.set(error.fields.clone());
                self.general.set(Some(error.message.clone()));
                return;
            }
        }
        self.general.set(Some(failure.message(lang)));
    }
}

/// The form-wide message, if any.
#[component]
pub fn FormError(form: FormState) -> impl IntoView {
    move || {
        form.general
            .get()
            .map(|m| view! { <div class="form-error" role="alert">{m}</div> })
    }
}

/// The frame every field shares: its label, a hint, the control, and the
/// reason it was refused (linked to the control by `described_by`).
#[component]
pub fn FieldFrame(
    #[prop(into)] label: Signal<&'static str>,
    /// The control's element id.
    id: String,
    #[prop(default = None)] hint: Option<Signal<&'static str>>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <span class="field-hint">{h}</span> })}
            {children()}
            {move || error.get().map(|e| view! { <span class="field-error" id=err_id.clone()>{e}</span> })}
        </div>
    }
}

/// `aria-describedby` of a control in a `FieldFrame`: its error, while there is one.
pub fn described_by(
    id: &str,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let err_id = format!("{id}-error");
    move || error.get().map(|_| err_id.clone())
}

/// A labelled input with its error and hint, accessible by label.
#[component]
pub fn TextField(
    /// Visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Field name, as the API names it in errors.
    name: &'static str,
    value: RwSignal<String>,
    form: FormState,
    /// `text`, `tel`, `password`, `date`, `number`…
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// The element id, when one page shows the same field more than once (default `field-{name}`).
    #[prop(optional, into)]
    id: Option<String>,
    /// Offer 🎤 (speak instead of type) where the browser can listen.
    #[prop(optional)]
    voice: bool,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error = form.error(name);
    let described = described_by(&id, error);
    let mic = voice.then(|| view! { <MicButton value=value field=id.clone()/> });
    view! {
        <FieldFrame label=label id=id.clone() hint=hint error=error>
            <input
                id=id
                name=name
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete
                maxlength=maxlength
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {mic}
        </FieldFrame>
    }
}

/// A labelled multi-line text box, wired like `TextField`, with 🎤 where the
/// browser can listen.
#[component]
pub fn TextArea(
    #[prop(into)] label: Signal<&'static str>,
    /// Field name, as the API names it in errors.
    name: &'static str,
    value: RwSignal<String>,
    form: FormState,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// The element id, when one page shows the same field more than once (default `field-{name}`).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error = form.error(name);
    let described = described_by(&id, error);
    let mic_for = id.clone();
    view! {
        <FieldFrame label=label id=id.clone() hint=hint error=error>
            <textarea
                id=id
                name=name
                rows=rows
                maxlength=maxlength
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <MicButton value=value field=mic_for/>
        </FieldFrame>
    }
}
