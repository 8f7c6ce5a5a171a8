//! Wire conventions shared by every endpoint (see docs/API.md):
//! one resource is `{"station": {...}}`, a list is `{"stations": [...], "meta": {...}}`
//! with seek pagination through an opaque `next_cursor`.

use serde::{Deserialize, Serialize};

/// The `meta` object of every list response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ListMeta {
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    pub limit: u32,
}

impl ListMeta {
    /// Cuts `rows`, read with one more than `limit`, to the page, with the
    /// cursor of the last row's `key` when more rows remain.
    pub fn page<T>(rows: &mut Vec<T>, limit: u32, key: impl Fn(&T) -> i64) -> ListMeta {
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = more
            .then(|| rows.last().map(|r| cursor::encode(&key(r).to_string())))
            .flatten();
        ListMeta { next_cursor, limit }
    }
}

/// The header an app sends with every submission: a random id the phone keeps
/// (`localStorage`), so anonymous submissions are scoped per device (one
/// stranger's Idempotency-Key can neither replay nor block another's).
pub const DEVICE_ID_HEADER: &str = "device-id";

/// A device id as the app makes them: 8 to 64 ASCII letters, digits and `-`.
pub fn valid_device_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Clamps a requested page size to `1..=max`, with `default` when absent.
pub fn page_limit(requested: Option<u32>, default: u32, max: u32) -> u32 {
    requested.unwrap_or(default).clamp(1, max)
}

/// Seek cursors are opaque to clients: the sort key of the last row, hex-encoded
/// so they survive any URL without escaping.
pub mod cursor {
    pub fn encode(key: &str) -> String {
        key.bytes().map(|b| format!("{b:02x}")).collect()
    }

    pub fn decode(cursor: &str) -> Option<String> {
        if !cursor.len().is_multiple_of(2) || cursor.len() > 512 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..cursor.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(cursor.get(i..i + 2)?, 16).ok())
            .collect();
        String::from_utf8(bytes?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_ids_are_the_apps_random_ids_only() {
        assert!(valid_device_id("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!valid_device_id("short"));
        assert!(!valid_device_id(&"a".repeat(65)));
        assert!(!valid_device_id("device id with spaces"));
        assert!(!valid_device_id("dev:ice:1234"));
    }

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let key = "2025-03-28T08:00:00Z|42";
        assert_eq!(cursor::decode(&cursor::encode(key)).as_deref(), Some(key));
        assert_eq!(cursor::decode("zz"), None);
        assert_eq!(cursor::decode("abc"), None);
    }

    #[test]
    fn page_limit_is_clamped() {
        assert_eq!(page_limit(None, 20, 100), 20);
        assert_eq!(page_limit(Some(0), 20, 100), 1);
        assert_eq!(page_limit(Some(1000), 20, 100), 100);
    }
}
