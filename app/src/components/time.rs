//! Showing times as Asia/Shanghai wall-clock time.

use chrono::{DateTime, Utc};
use shared::Lang;

/// `2025-03-28T08:00:00Z` → `3月28日 16:00` (or `28 Mar 16:00`).
pub fn local_time(rfc3339: &str, lang: Lang) -> String {
    match shared::time::parse_rfc3339_z(rfc3339) {
        Some(t) => when(t, lang),
        None => rfc3339.to_string(),
    }
}

/// A moment as `3月28日 16:00` (or `28 Mar 16:00`), Asia/Shanghai.
pub fn when(t: DateTime<Utc>, lang: Lang) -> String {
    use chrono::{Datelike, Timelike};
    // Plain formatting: chrono's strftime machinery costs the phone kilobytes.
    let l = shared::time::local(t);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::ZhCn => format!(
            "{}月{}日 {:02}:{:02}",
            l.month(),
            l.day(),
            l.hour(),
            l.minute()
        ),
        Lang::En => format!(
            "{} {} {:02}:{:02}",
            l.day(),
            MONTHS[l.month0() as usize],
            l.hour(),
            l.minute()
        ),
    }
}

/// Today's date in Asia/Shanghai, by the phone's clock.
pub fn today() -> chrono::NaiveDate {
    shared::time::local_date(shared::time::from_millis(js_sys::Date::now()))
}
