//! A session (一次课, or a competition's event): its Asia/Shanghai date and
//! clock times, the 课时 it counts, and where it is — a union station or an
//! address. Also when its reminder text is due.

use super::text_field;
use crate::error::FieldErrors;
use crate::geo::{self, LatLng};
use crate::lang::Text;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A session counts at most this many 课时.
pub const MAX_SESSION_HOURS: u8 = 12;
/// Sessions are planned at most this far ahead.
pub const MAX_DAYS_AHEAD: u64 = 366;
pub const MAX_ADDRESS: usize = 100;
/// The reminder goes out this long before a session starts ("the day before").
pub const REMINDER_HOURS_BEFORE: i64 = 24;

/// Where a session takes place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SessionPlace {
    /// A union station (its name, address and position come from the station).
    Station { station_id: i64 },
    /// Any other address, e.g. a training school's classroom.
    Address {
        /// 2–100 characters.
        #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
        address: String,
        /// WGS-84, when known: lets "courses near me" find it.
        #[serde(default)]
        position: Option<LatLng>,
    },
}

/// One session as staff enter it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionInput {
    /// An existing session's id when editing a course; absent for a new one.
    #[serde(default)]
    pub id: Option<i64>,
    /// Asia/Shanghai date.
    pub date: NaiveDate,
    /// Asia/Shanghai clock time `HH:MM`.
    #[cfg_attr(feature = "openapi", schemars(length(max = 5)))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 5)))]
    pub ends_at: String,
    /// 课时 this session counts towards the course's hours: 1–12, and no more
    /// than the session's length in hours (rounded up).
    pub hours: u8,
    pub place: SessionPlace,
}

/// `"09:30"` → minutes after midnight.
pub fn parse_clock(raw: &str) -> Option<u32> {
    let (h, m) = raw.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `570` → `"09:30"`.
pub fn clock_text(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The UTC instant of a Shanghai date and clock time (minutes after midnight).
pub fn shanghai_instant(date: NaiveDate, minutes: u32) -> DateTime<Utc> {
    let local = date
        .and_hms_opt(minutes / 60, minutes % 60, 0)
        .unwrap_or_default();
    local.and_utc() - chrono::Duration::hours(8)
}

fn bad_clock() -> Text {
    Text::new("时间应为 时:分,例如 09:00", "Use a time like 09:00")
}

/// A checked session: times as minutes after midnight.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSession {
    pub id: Option<i64>,
    pub date: NaiveDate,
    pub starts_min: u32,
    pub ends_min: u32,
    pub hours: u8,
    pub place: SessionPlace,
}

impl ValidSession {
    pub fn starts_at(&self) -> DateTime<Utc> {
        shanghai_instant(self.date, self.starts_min)
    }
    pub fn ends_at(&self) -> DateTime<Utc> {
        shanghai_instant(self.date, self.ends_min)
    }
}

impl SessionInput {
    /// Checks one session; `field` prefixes the field names (`sessions[2]`).
    /// New sessions may not be in the past; kept ones may (they happened).
    pub fn validate(
        &self,
        errors: &mut FieldErrors,
        field: &str,
        today: NaiveDate,
    ) -> Option<ValidSession> {
        let before = errors.0.len();
        let f = |name: &str| format!("{field}.{name}");
        if self.id.is_none() && self.date < today {
            errors.add(
                f("date"),
                Text::new(
                    "新的课不能排在今天以前",
                    "A new session cannot be in the past",
                ),
            );
        } else if self.date > today + Days::new(MAX_DAYS_AHEAD) {
            errors.add(
                f("date"),
                Text::new(
                    "最多提前一年排课",
                    "Sessions can be planned at most a year ahead",
                ),
            );
        }
        let starts = errors.check(
            &f("starts_at"),
            parse_clock(&self.starts_at).ok_or_else(bad_clock),
        );
        let ends = errors.check(
            &f("ends_at"),
            parse_clock(&self.ends_at).ok_or_else(bad_clock),
        );
        if let (Some(s), Some(e)) = (starts, ends) {
            if e <= s {
                errors.add(
                    f("ends_at"),
                    Text::new("结束时间要晚于开始时间", "The end must be after the start"),
                );
            } else {
                let most = (e - s).div_ceil(60).min(u32::from(MAX_SESSION_HOURS));
                if self.hours == 0 || u32::from(self.hours) > most {
                    errors.add(
                        f("hours"),
                        Text::owned(
                            format!("课时应在1到{most}之间(不超过上课时长)"),
                            format!("Hours must be 1 to {most} (no more than the session lasts)"),
                        ),
                    );
                }
            }
        }
        let place = match &self.place {
            SessionPlace::Station { station_id } => {
                if *station_id <= 0 {
                    errors.add(f("place"), Text::new("请选择驿站", "Choose a station"));
                }
                self.place.clone()
            }
            SessionPlace::Address { address, position } => {
                let address = text_field(errors, &f("place.address"), address, 2, MAX_ADDRESS);
                if let Some(p) = position {
                    if !p.is_valid() || geo::out_of_china(*p) {
                        errors.add(
                            f("place.position"),
                            Text::new("坐标不在中国境内", "The position is not in China"),
                        );
                    }
                }
                SessionPlace::Address {
                    address,
                    position: *position,
                }
            }
        };
        (errors.0.len() == before).then(|| ValidSession {
            id: self.id,
            date: self.date,
            starts_min: starts.unwrap_or(0),
            ends_min: ends.unwrap_or(0),
            hours: self.hours,
            place,
        })
    }
}

/// Whether the reminder of a session starting at `starts_at` is due at `now`:
/// from 24 hours before the start (the same time the day before) until it
/// starts. The hourly housekeeping sends each one once, so a worker who signs
/// up less than a day ahead still gets one at the next run.
pub fn reminder_due(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < starts_at && starts_at - now <= chrono::Duration::hours(REMINDER_HOURS_BEFORE)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub fn session(date: &str, from: &str, to: &str, hours: u8) -> SessionInput {
        SessionInput {
            id: None,
            date: d(date),
            starts_at: from.into(),
            ends_at: to.into(),
            hours,
            place: SessionPlace::Address {
                address: "瑶海区站塘路88号工友培训教室".into(),
                position: Some(LatLng::new(31.869, 117.331)),
            },
        }
    }

    #[test]
    fn clocks_read_and_print() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("9:05"), Some(545));
        assert_eq!(parse_clock("24:00"), None);
        assert_eq!(parse_clock("09:60"), None);
        assert_eq!(parse_clock("0930"), None);
        assert_eq!(parse_clock("09:3"), None);
        assert_eq!(clock_text(570), "09:30");
        assert_eq!(
            shanghai_instant(d("2025-04-01"), 9 * 60),
            Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).unwrap()
        );
    }

    #[test]
    fn a_session_checks_its_times_hours_and_place() {
        let today = d("2025-03-28");
        let mut e = FieldErrors::new();
        let ok = session("2025-04-01", "09:00", "12:00", 3).validate(&mut e, "s", today);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(ok.unwrap().starts_min, 540);
        // 8:30–12:00 is three and a half hours: up to 4 课时.
        let mut e = FieldErrors::new();
        assert!(session("2025-04-01", "08:30", "12:00", 4)
            .validate(&mut e, "s", today)
            .is_some());
        let mut e = FieldErrors::new();
        session("2025-04-01", "09:00", "12:00", 4).validate(&mut e, "s", today);
        assert!(e.get("s.hours").is_some());
        let mut e = FieldErrors::new();
        session("2025-04-01", "12:00", "09:00", 1).validate(&mut e, "s", today);
        assert!(e.get("s.ends_at").is_some());
        let mut e = FieldErrors::new();
        session("2025-03-27", "09:00", "12:00", 3).validate(&mut e, "s", today);
        assert!(e.get("s.date").is_some(), "a new session in the past");
        let mut e = FieldErrors::new();
        let kept = SessionInput {
            id: Some(7),
            ..session("2025-03-27", "09:00", "12:00", 3)
        };
        assert!(
            kept.validate(&mut e, "s", today).is_some(),
            "a kept session happened"
        );
        let mut e = FieldErrors::new();
        let far = SessionInput {
            place: SessionPlace::Address {
                address: "长".repeat(101),
                position: Some(LatLng::new(48.9, 2.3)),
            },
            ..session("2026-04-01", "9点", "12:00", 3)
        };
        assert!(far.validate(&mut e, "s", today).is_none());
        for field in [
            "s.date",
            "s.starts_at",
            "s.place.address",
            "s.place.position",
        ] {
            assert!(e.get(field).is_some(), "{field}: {e:?}");
        }
    }

    #[test]
    fn the_reminder_is_due_from_a_day_before_until_the_start() {
        let starts = Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).unwrap(); // 09:00 Shanghai
        let at = |h: u32, m: u32| Utc.with_ymd_and_hms(2025, 3, 31, h, m, 0).unwrap();
        assert!(!reminder_due(starts, at(0, 59)), "25 hours ahead");
        assert!(reminder_due(starts, at(1, 0)), "09:00 the day before");
        assert!(
            reminder_due(starts, at(1, 17)),
            "the first hourly run after it"
        );
        assert!(reminder_due(
            starts,
            Utc.with_ymd_and_hms(2025, 4, 1, 0, 59, 0).unwrap()
        ));
        assert!(
            !reminder_due(starts, starts),
            "too late once it has started"
        );
    }
}
