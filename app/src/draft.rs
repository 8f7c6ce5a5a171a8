//! Form values that survive a reload or closing the app: read from the phone on
//! creation, written back on every change, cleared after a successful submit.

use crate::storage;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::collections::BTreeMap;

pub fn persisted<T>(key: impl Into<String>, default: T) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let key = key.into();
    let value = RwSignal::new(storage::get_json(&key).unwrap_or(default));
    Effect::new(move |_| value.with(|v| storage::set_json(&key, v)));
    value
}

pub fn clear(key: &str) {
    storage::remove(key);
}

/// The text fields of one form, kept together on the phone under one key.
#[derive(Clone, Copy)]
pub struct FormDraft {
    key: StoredValue<String>,
    fields: RwSignal<BTreeMap<String, String>>,
}

/// Where a draft records what it was started from (see `FormDraft::based_on`).
const BASE: &str = "_base";

impl FormDraft {
    pub fn new(key: impl Into<String>) -> FormDraft {
        let key = key.into();
        FormDraft {
            fields: persisted(key.clone(), BTreeMap::new()),
            key: StoredValue::new(key),
        }
    }

    /// A draft of an edit of `base` (a record as the server has it): a draft
    /// kept from an earlier version of the record is dropped, so the form never
    /// shows stale values over newer ones.
    pub fn based_on(key: impl Into<String>, base: &str) -> FormDraft {
        let draft = FormDraft::new(key);
        if draft
            .fields
            .with_untracked(|f| f.get(BASE).map(String::as_str) != Some(base))
        {
            draft
                .fields
                .set(BTreeMap::from([(BASE.to_string(), base.to_string())]));
        }
        draft
    }

    /// A field's value, starting from the draft and saved on every change.
    pub fn field(&self, name: &'static str) -> RwSignal<String> {
        self.field_or(name, String::new())
    }

    /// Like `field`, starting from `initial` when the draft has no value yet.
    pub fn field_or(&self, name: &'static str, initial: String) -> RwSignal<String> {
        let fields = self.fields;
        let value =
            RwSignal::new(fields.with_untracked(|f| f.get(name).cloned().unwrap_or(initial)));
        Effect::new(move |_| {
            let v = value.get();
            fields.update(|f| {
                f.insert(name.to_string(), v);
            });
        });
        value
    }

    /// Forgets the draft (after the server has the submission). The phone's copy
    /// goes at once: the form is usually replaced right after, before its
    /// effects would run again.
    pub fn clear(&self) {
        // Untracked: the effect that saves the draft must not write it back.
        self.fields.update_untracked(BTreeMap::clear);
        clear(&self.key.get_value());
    }
}
