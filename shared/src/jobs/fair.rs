//! Job fairs (招聘会): campaigns such as 春风行动 and the monthly fair on the
//! 28th, each with a place, a time and the employers taking part.

use super::job::check_position;
use super::{finish, text_field, EmployerRef};
use crate::api::ListMeta;
use crate::error::FieldErrors;
use crate::geo::LatLng;
use crate::lang::Text;
use crate::time;
use crate::unions::UnionRef;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A fair lasts at most this many days (a campaign is several fairs).
pub const MAX_FAIR_DAYS: i64 = 31;
/// A fair is announced at most this many days ahead.
pub const MAX_FAIR_LEAD_DAYS: i64 = 366;
pub const MAX_FAIR_EMPLOYERS: usize = 300;
/// The day of the month of the monthly fair.
pub const MONTHLY_FAIR_DAY: u32 = 28;
/// At most this many months of fair dates are generated at once.
pub const MAX_MONTHS: usize = 36;

/// Staff create a fair for their subtree with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobFairInput {
    /// e.g. 2025年春风行动专场招聘会, 2–40 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub name: String,
    /// Venue and address, 2–100 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub place: String,
    /// WGS-84, both or neither.
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lng: Option<f64>,
    /// RFC 3339 UTC, e.g. `2025-03-28T01:00:00Z` (09:00 in Shanghai).
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub ends_at: String,
    /// The union that runs it; its subtree's workers see it first.
    pub union_id: i64,
    /// Employers taking part, at most 300.
    #[serde(default)]
    pub employer_ids: Vec<i64>,
    /// For the monthly fair: also hold it on the 28th of this many following
    /// months (0–11), at the same time of day. The first must be on a 28th.
    #[serde(default)]
    pub repeat_monthly: u8,
}

fn bad_time() -> Text {
    Text::new(
        "时间格式应为 2025-03-28T01:00:00Z",
        "Use a time like 2025-03-28T01:00:00Z",
    )
}

impl JobFairInput {
    /// Checks the fields against `now`; on success returns the input trimmed.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<JobFairInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = text_field(&mut errors, "name", &self.name, 2, 40);
        let place = text_field(&mut errors, "place", &self.place, 2, 100);
        match (self.lat, self.lng) {
            (Some(lat), Some(lng)) => check_position(&mut errors, "lat", LatLng::new(lat, lng)),
            (None, None) => {}
            (Some(_), None) => errors.add(
                "lng",
                Text::new("经度和纬度要一起填", "Give lat and lng together"),
            ),
            (None, Some(_)) => errors.add(
                "lat",
                Text::new("经度和纬度要一起填", "Give lat and lng together"),
            ),
        }
        let starts = errors.check(
            "starts_at",
            time::parse_rfc3339_z(&self.starts_at).ok_or_else(bad_time),
        );
        let ends = errors.check(
            "ends_at",
            time::parse_rfc3339_z(&self.ends_at).ok_or_else(bad_time),
        );
        if let (Some(s), Some(e)) = (starts, ends) {
            if e <= s {
                errors.add(
                    "ends_at",
                    Text::new("结束时间要晚于开始时间", "The end must be after the start"),
                );
            } else if e - s > Duration::days(MAX_FAIR_DAYS) {
                errors.add(
                    "ends_at",
                    Text::owned(
                        format!("一场招聘会最长{MAX_FAIR_DAYS}天"),
                        format!("A fair lasts at most {MAX_FAIR_DAYS} days"),
                    ),
                );
            } else if e <= now {
                errors.add(
                    "ends_at",
                    Text::new("这场招聘会已经结束了", "This fair is already over"),
                );
            }
            if s > now + Duration::days(MAX_FAIR_LEAD_DAYS) {
                errors.add(
                    "starts_at",
                    Text::new(
                        "最多提前一年发布招聘会",
                        "A fair can be announced at most a year ahead",
                    ),
                );
            }
        }
        if self.repeat_monthly > MAX_REPEAT_MONTHS {
            errors.add(
                "repeat_monthly",
                crate::error::why::out_of_range(0, MAX_REPEAT_MONTHS),
            );
        } else if self.repeat_monthly > 0
            && starts.is_some_and(|s| time::local_date(s).day() != MONTHLY_FAIR_DAY)
        {
            errors.add(
                "repeat_monthly",
                Text::new(
                    "每月举办的招聘会,第一场要在28号",
                    "A monthly fair must start on the 28th",
                ),
            );
        }
        let ids = &self.employer_ids;
        if ids.len() > MAX_FAIR_EMPLOYERS {
            errors.add(
                "employer_ids",
                Text::owned(
                    format!("最多{MAX_FAIR_EMPLOYERS}家企业"),
                    format!("At most {MAX_FAIR_EMPLOYERS} employers"),
                ),
            );
        } else if ids
            .iter()
            .enumerate()
            .any(|(i, id)| *id <= 0 || ids[..i].contains(id))
        {
            errors.add(
                "employer_ids",
                Text::new(
                    "企业名单有重复或无效的企业",
                    "The employer list has a repeated or invalid entry",
                ),
            );
        }
        finish(
            errors,
            JobFairInput {
                name,
                place,
                ..self.clone()
            },
        )
    }
}

/// At most this many repeats of a monthly fair at once (a year in all).
pub const MAX_REPEAT_MONTHS: u8 = 11;

impl JobFairInput {
    /// The (start, end) of every fair this input creates: itself, then the
    /// 28th of each following month at the same Shanghai time and length.
    /// Call on validated input.
    pub fn occurrences(&self) -> Vec<(String, String)> {
        let (Some(s), Some(e)) = (
            time::parse_rfc3339_z(&self.starts_at),
            time::parse_rfc3339_z(&self.ends_at),
        ) else {
            return Vec::new();
        };
        let length = e - s;
        let local = time::local(s);
        let mut month = Month::of(local.date());
        let mut out = vec![(self.starts_at.clone(), self.ends_at.clone())];
        for _ in 0..self.repeat_monthly {
            month = month.next();
            let start =
                month.day(MONTHLY_FAIR_DAY).and_time(local.time()).and_utc() - Duration::hours(8);
            out.push((time::rfc3339(start), time::rfc3339(start + length)));
        }
        out
    }
}

crate::vocabulary! {
    /// Where a fair is in time.
    pub enum FairPhase {
        Upcoming = "upcoming", "即将举办", "Upcoming";
        Ongoing = "ongoing", "正在举办", "On now";
        Over = "over", "已结束", "Over";
        /// Called off by staff; kept in the calendar with the reason.
        Cancelled = "cancelled", "已取消", "Cancelled";
    }
}

/// Staff cancel a fair with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FairCancelInput {
    /// Why, shown to workers: 2–200 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub reason: String,
}

impl FairCancelInput {
    /// Checks the reason and that `fair` can still be cancelled at `now`;
    /// returns the reason trimmed.
    pub fn validate(&self, fair: &JobFair, now: DateTime<Utc>) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = text_field(&mut errors, "reason", &self.reason, 2, 200);
        match fair.phase(now) {
            Some(FairPhase::Cancelled) => errors.add(
                "reason",
                Text::new("这场招聘会已经取消了", "This fair is already cancelled"),
            ),
            Some(FairPhase::Over) => errors.add(
                "reason",
                Text::new(
                    "已经结束的招聘会不能取消",
                    "A fair that is over cannot be cancelled",
                ),
            ),
            _ => {}
        }
        finish(errors, reason)
    }
}

impl JobFairInput {
    /// An edit of `fair`: the same rules as a new fair, one date only (no
    /// series), and only while the fair is neither cancelled nor over.
    pub fn validate_edit(
        &self,
        fair: &JobFair,
        now: DateTime<Utc>,
    ) -> Result<JobFairInput, FieldErrors> {
        let mut errors = match self.validate(now) {
            Ok(_) => FieldErrors::new(),
            Err(e) => e,
        };
        if self.repeat_monthly != 0 {
            errors.add(
                "repeat_monthly",
                Text::new(
                    "修改时只改这一场,不能再加重复",
                    "An edit changes this fair only; it cannot add repeats",
                ),
            );
        }
        match fair.phase(now) {
            Some(FairPhase::Cancelled) => errors.add(
                "name",
                Text::new(
                    "已取消的招聘会不能再修改",
                    "A cancelled fair cannot be edited",
                ),
            ),
            Some(FairPhase::Over) => errors.add(
                "name",
                Text::new(
                    "已经结束的招聘会不能再修改",
                    "A fair that is over cannot be edited",
                ),
            ),
            _ => {}
        }
        if errors.is_empty() {
            self.validate(now)
        } else {
            Err(errors)
        }
    }
}

/// A fair in the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobFair {
    pub id: i64,
    pub name: String,
    pub place: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub starts_at: String,
    pub ends_at: String,
    pub union: UnionRef,
    pub employers: Vec<EmployerRef>,
    /// Live jobs of the participating employers.
    pub jobs_count: u32,
    /// When staff cancelled it (RFC 3339 UTC), and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
}

impl JobFair {
    /// Cancelled, or else upcoming, on or over at `now`; `None` if its stored
    /// times are unreadable.
    pub fn phase(&self, now: DateTime<Utc>) -> Option<FairPhase> {
        if self.cancelled_at.is_some() {
            return Some(FairPhase::Cancelled);
        }
        let (s, e) = (
            time::parse_rfc3339_z(&self.starts_at)?,
            time::parse_rfc3339_z(&self.ends_at)?,
        );
        Some(if now < s {
            FairPhase::Upcoming
        } else if now < e {
            FairPhase::Ongoing
        } else {
            FairPhase::Over
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobFairEnvelope {
    pub job_fair: JobFair,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobFairList {
    pub job_fairs: Vec<JobFair>,
    pub meta: ListMeta,
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// Day `day` of this month, or its last day when the month is shorter.
    pub fn day(self, day: u32) -> NaiveDate {
        (1..=day.clamp(1, 31))
            .rev()
            .find_map(|d| NaiveDate::from_ymd_opt(self.year, self.month, d))
            .expect("day 1 exists in every month")
    }
}

/// The monthly fair dates ("on the 28th") from `first` to `last` month,
/// inclusive; at most `MAX_MONTHS` dates.
pub fn monthly_fair_dates(first: Month, last: Month) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut m = first;
    while m <= last && out.len() < MAX_MONTHS {
        out.push(m.day(MONTHLY_FAIR_DAY));
        m = m.next();
    }
    out
}

/// The next monthly fair on or after `today` (Asia/Shanghai).
pub fn next_monthly_fair(today: NaiveDate) -> NaiveDate {
    let this = Month::of(today).day(MONTHLY_FAIR_DAY);
    if this >= today {
        this
    } else {
        Month::of(today).next().day(MONTHLY_FAIR_DAY)
    }
}

/// The RFC 3339 UTC time of a Shanghai wall-clock time on `date`: a fair from
/// 9:00 is `shanghai_time(date, 9, 0)`.
pub fn shanghai_time(date: NaiveDate, hour: u32, minute: u32) -> Option<String> {
    let local = date.and_hms_opt(hour, minute, 0)?;
    Some(time::rfc3339(local.and_utc() - Duration::hours(8)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::job::tests::d;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 20, 2, 0, 0).unwrap()
    }

    fn input() -> JobFairInput {
        JobFairInput {
            name: " 2025年春风行动专场招聘会 ".into(),
            place: "合肥市人力资源市场(蜀山区)".into(),
            lat: Some(31.85),
            lng: Some(117.26),
            starts_at: "2025-03-28T01:00:00Z".into(),
            ends_at: "2025-03-28T04:00:00Z".into(),
            union_id: 3,
            employer_ids: vec![1, 2, 5],
            repeat_monthly: 0,
        }
    }

    #[test]
    fn a_good_fair_passes() {
        let ok = input().validate(now()).unwrap();
        assert_eq!(ok.name, "2025年春风行动专场招聘会");
        let no_position = JobFairInput {
            lat: None,
            lng: None,
            ..input()
        };
        assert!(no_position.validate(now()).is_ok());
    }

    #[test]
    fn fair_rules() {
        let n = now();
        let e = JobFairInput {
            ends_at: "2025-03-28T01:00:00Z".into(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("ends_at").unwrap().zh.contains("晚于"));
        let e = JobFairInput {
            ends_at: "2025-05-28T01:00:00Z".into(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("ends_at").unwrap().zh.contains("31天"));
        let e = JobFairInput {
            starts_at: "2025-03-01T01:00:00Z".into(),
            ends_at: "2025-03-01T04:00:00Z".into(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("ends_at").unwrap().zh.contains("已经结束"));
        let e = JobFairInput {
            starts_at: "2026-06-01T01:00:00Z".into(),
            ends_at: "2026-06-01T04:00:00Z".into(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("starts_at").is_some());
        let e = JobFairInput {
            starts_at: "2025-03-28 09:00".into(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("starts_at").unwrap().zh.contains("时间格式"));
        let e = JobFairInput {
            lng: None,
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("lng").is_some());
        let e = JobFairInput {
            employer_ids: vec![1, 2, 1],
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("employer_ids").is_some());
        let e = JobFairInput {
            employer_ids: (1..=301).collect(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("employer_ids").unwrap().zh.contains("300"));
        let e = JobFairInput {
            name: "春".into(),
            place: "".into(),
            ..input()
        }
        .validate(n)
        .unwrap_err();
        assert!(e.get("name").is_some() && e.get("place").is_some());
    }

    #[test]
    fn a_monthly_series_repeats_on_the_28th_at_the_same_hour() {
        let series = JobFairInput {
            repeat_monthly: 2,
            ..input()
        };
        assert!(series.validate(now()).is_ok());
        assert_eq!(
            series.occurrences(),
            [
                (
                    "2025-03-28T01:00:00Z".to_string(),
                    "2025-03-28T04:00:00Z".to_string()
                ),
                (
                    "2025-04-28T01:00:00Z".to_string(),
                    "2025-04-28T04:00:00Z".to_string()
                ),
                (
                    "2025-05-28T01:00:00Z".to_string(),
                    "2025-05-28T04:00:00Z".to_string()
                ),
            ]
        );
        assert_eq!(input().occurrences().len(), 1);
        let not_28th = JobFairInput {
            starts_at: "2025-03-27T01:00:00Z".into(),
            ends_at: "2025-03-27T04:00:00Z".into(),
            repeat_monthly: 1,
            ..input()
        };
        assert!(not_28th
            .validate(now())
            .unwrap_err()
            .get("repeat_monthly")
            .unwrap()
            .zh
            .contains("28号"));
        // 07:30 in Shanghai on the 28th is the 27th in UTC: still the 28th locally.
        let early = JobFairInput {
            starts_at: "2025-03-27T23:30:00Z".into(),
            ends_at: "2025-03-28T02:00:00Z".into(),
            repeat_monthly: 1,
            ..input()
        };
        assert!(early.validate(now()).is_ok());
        assert_eq!(early.occurrences()[1].0, "2025-04-27T23:30:00Z");
        assert!(JobFairInput {
            repeat_monthly: 12,
            ..input()
        }
        .validate(now())
        .unwrap_err()
        .get("repeat_monthly")
        .is_some());
    }

    #[test]
    fn monthly_fairs_fall_on_the_28th() {
        let dates = monthly_fair_dates(Month::new(2024, 11).unwrap(), Month::new(2025, 3).unwrap());
        let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2024-11-28",
                "2024-12-28",
                "2025-01-28",
                "2025-02-28",
                "2025-03-28"
            ]
        );
        assert!(
            monthly_fair_dates(Month::new(2025, 3).unwrap(), Month::new(2025, 2).unwrap())
                .is_empty()
        );
        assert_eq!(
            monthly_fair_dates(Month::new(2025, 1).unwrap(), Month::new(2035, 1).unwrap()).len(),
            MAX_MONTHS
        );
        assert_eq!(Month::new(2025, 13), None);
        // Days past a short month's end fall on its last day.
        assert_eq!(Month::new(2025, 2).unwrap().day(31), d("2025-02-28"));
        assert_eq!(Month::new(2024, 2).unwrap().day(30), d("2024-02-29"));
    }

    #[test]
    fn the_next_fair_is_this_month_or_next() {
        assert_eq!(next_monthly_fair(d("2025-03-20")), d("2025-03-28"));
        assert_eq!(next_monthly_fair(d("2025-03-28")), d("2025-03-28"));
        assert_eq!(next_monthly_fair(d("2025-03-29")), d("2025-04-28"));
        assert_eq!(next_monthly_fair(d("2025-12-31")), d("2026-01-28"));
    }

    #[test]
    fn shanghai_times_become_utc_and_phases_follow() {
        assert_eq!(
            shanghai_time(d("2025-03-28"), 9, 0).as_deref(),
            Some("2025-03-28T01:00:00Z")
        );
        assert_eq!(
            shanghai_time(d("2025-03-28"), 7, 30).as_deref(),
            Some("2025-03-27T23:30:00Z")
        );
        assert_eq!(shanghai_time(d("2025-03-28"), 25, 0), None);
        let fair = JobFair {
            id: 1,
            name: "春风行动".into(),
            place: "合肥市人力资源市场".into(),
            lat: None,
            lng: None,
            starts_at: "2025-03-28T01:00:00Z".into(),
            ends_at: "2025-03-28T04:00:00Z".into(),
            union: UnionRef {
                id: 3,
                code: "AH-HF".into(),
                name: "合肥市总工会".into(),
            },
            employers: vec![],
            jobs_count: 0,
            cancelled_at: None,
            cancel_reason: None,
        };
        let at = |h| Utc.with_ymd_and_hms(2025, 3, 28, h, 0, 0).unwrap();
        assert_eq!(fair.phase(at(0)), Some(FairPhase::Upcoming));
        assert_eq!(fair.phase(at(1)), Some(FairPhase::Ongoing));
        assert_eq!(fair.phase(at(4)), Some(FairPhase::Over));
        assert_eq!(FairPhase::Ongoing.label().zh, "正在举办");

        // Editing and cancelling.
        let before = Utc.with_ymd_and_hms(2025, 3, 20, 2, 0, 0).unwrap();
        assert!(input().validate_edit(&fair, before).is_ok());
        let series = JobFairInput {
            repeat_monthly: 1,
            ..input()
        };
        assert!(series
            .validate_edit(&fair, before)
            .unwrap_err()
            .get("repeat_monthly")
            .is_some());
        let cancel = FairCancelInput {
            reason: " 场馆临时维修 ".into(),
        };
        assert_eq!(cancel.validate(&fair, before).unwrap(), "场馆临时维修");
        assert!(FairCancelInput {
            reason: "停".into()
        }
        .validate(&fair, before)
        .is_err());
        assert!(cancel.validate(&fair, at(5)).is_err(), "over");
        let cancelled = JobFair {
            cancelled_at: Some("2025-03-21T00:00:00Z".into()),
            cancel_reason: Some("场馆临时维修".into()),
            ..fair.clone()
        };
        assert_eq!(cancelled.phase(at(0)), Some(FairPhase::Cancelled));
        assert_eq!(FairPhase::Cancelled.label().zh, "已取消");
        assert!(cancel.validate(&cancelled, before).is_err());
        assert!(input().validate_edit(&cancelled, before).is_err());
    }
}
