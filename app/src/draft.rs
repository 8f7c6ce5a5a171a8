//! Form values that survive a reload or closing the app: read from the phone on
//! creation, written back on every change, cleared after a successful submit.

use crate::storage;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

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
