//! Time in the domain's zone. China has used UTC+8 without daylight saving since
//! 1991, so Asia/Shanghai is a fixed offset for every date this product handles.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// Wall-clock time in Asia/Shanghai.
pub fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&shanghai()).naive_local()
}

/// "Today" in Asia/Shanghai.
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    local(t).date()
}

/// RFC 3339 with a `Z`, second precision: the one timestamp format of the API and D1.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Parses the API's own timestamps (`2025-03-28T08:00:00Z`) without chrono's
/// general parser, which costs the phone's app kilobytes.
pub fn parse_rfc3339_z(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)?;
    let t = date.and_hms_opt(n(11..13)?, n(14..16)?, n(17..19)?)?;
    Some(t.and_utc())
}

pub fn from_millis(ms: f64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn shanghai_day_starts_at_16_utc() {
        let t = Utc.with_ymd_and_hms(2025, 3, 27, 16, 0, 0).unwrap();
        assert_eq!(local_date(t).to_string(), "2025-03-28");
        let t = Utc.with_ymd_and_hms(2025, 3, 27, 15, 59, 59).unwrap();
        assert_eq!(local_date(t).to_string(), "2025-03-27");
    }

    #[test]
    fn rfc3339_uses_z() {
        let t = Utc.with_ymd_and_hms(2025, 3, 28, 8, 0, 0).unwrap();
        assert_eq!(rfc3339(t), "2025-03-28T08:00:00Z");
        assert_eq!(parse_rfc3339_z("2025-03-28T08:00:00Z"), Some(t));
        assert_eq!(parse_rfc3339_z(&rfc3339(t)), Some(t));
        for bad in [
            "2025-03-28 08:00:00Z",
            "2025-02-30T08:00:00Z",
            "2025-03-28T08:00:00+08:00",
            "",
        ] {
            assert_eq!(parse_rfc3339_z(bad), None, "{bad}");
        }
    }
}
