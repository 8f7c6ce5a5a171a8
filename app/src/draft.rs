//! Form values that survive a reload or closing the app: read from the phone on
//! creation, written back on every change, cleared after a successful submit.

use crate::storage;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::collections::BTreeMap;

pub fn persisted<T>(key: &'static str, default: T) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let value = RwSignal::new(storage::get_json(key).unwrap_or(default));
    Effect::new(move |_| value.with(|v| storage::set_json(key, v)));
    value
}

pub fn clear(key: &str) {
    storage::remove(key);
}

/// The text fields of one form, kept together on the phone under one key.
#[derive(Clone, Copy)]
pub struct FormDraft {
    key: &'static str,
    fields: RwSignal<BTreeMap<String, String>>,
}

impl FormDraft {
    pub fn new(key: &'static str) -> FormDraft {
        FormDraft { key, fields: persisted(key, BTreeMap::new()) }
    }

    /// A field's value, starting from the draft and saved on every change.
    pub fn field(&self, name: &'static str) -> RwSignal<String> {
        let fields = self.fields;
        let value = RwSignal::new(fields.with_untracked(|f| f.get(name).cloned().unwrap_or_default()));
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
        self.fields.set(BTreeMap::new());
        clear(self.key);
    }
}
