//! How stored values read back, for every part of the store.

/// D1 has no booleans: 0 and 1.
pub fn flag(v: i64) -> bool {
    v != 0
}

/// A stored JSON list, or empty when unreadable.
pub fn json_list<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_default()
}
