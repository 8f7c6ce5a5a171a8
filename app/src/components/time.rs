//! Showing RFC 3339 timestamps as Asia/Shanghai wall-clock time.

use shared::Lang;

/// `2025-03-28T08:00:00Z` → `3月28日 16:00` (or `28 Mar 16:00`).
pub fn local_time(rfc3339: &str, lang: Lang) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(rfc3339) else { return rfc3339.to_string() };
    let local = shared::time::local(t.with_timezone(&chrono::Utc));
    match lang {
        Lang::ZhCn => local.format("%-m月%-d日 %H:%M").to_string(),
        Lang::En => local.format("%-d %b %H:%M").to_string(),
    }
}
