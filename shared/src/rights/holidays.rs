//! The working-day calendar the statutory clocks count in: Chinese public
//! holidays (法定节假日) and the weekend days made working days in exchange
//! (调休上班). The Worker keeps the calendar in an editable table
//! (`rights_calendar`, seeded with [`CALENDAR_2026`]); this module only
//! counts, so the same rule runs in the tests, the Worker and the screens.

use crate::lang::Text;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::vocabulary! {
    /// What a calendar entry makes of its day.
    pub enum DayKind {
        /// A public holiday or a day of its bridge: no work, also on a weekday.
        Holiday = "holiday", "放假", "Holiday";
        /// A weekend day worked in exchange for a bridge (调休上班).
        Workday = "workday", "调休上班", "Working day (swapped)";
    }
}

/// One entry of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    /// The holiday it belongs to, e.g. 春节. 1–20 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub name: String,
}

/// The State Council's 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知):
/// (first day off, last day off, name, weekend days worked in exchange).
pub const SCHEDULE_2026: &[(&str, &str, &str, &[&str])] = &[
    ("2026-01-01", "2026-01-03", "元旦", &["2026-01-04"]),
    (
        "2026-02-15",
        "2026-02-23",
        "春节",
        &["2026-02-14", "2026-02-28"],
    ),
    ("2026-04-04", "2026-04-06", "清明节", &[]),
    ("2026-05-01", "2026-05-05", "劳动节", &["2026-05-09"]),
    ("2026-06-19", "2026-06-21", "端午节", &[]),
    ("2026-09-25", "2026-09-27", "中秋节", &[]),
    (
        "2026-10-01",
        "2026-10-07",
        "国庆节",
        &["2026-09-20", "2026-10-10"],
    ),
];

/// [`SCHEDULE_2026`] day by day, as the seed writes it.
pub fn calendar_2026() -> Vec<CalendarDay> {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date of the schedule");
    let mut out = Vec::new();
    for (from, to, name, worked) in SCHEDULE_2026 {
        let mut day = d(from);
        while day <= d(to) {
            out.push(CalendarDay {
                date: day,
                kind: DayKind::Holiday,
                name: (*name).into(),
            });
            day += Duration::days(1);
        }
        for w in *worked {
            out.push(CalendarDay {
                date: d(w),
                kind: DayKind::Workday,
                name: (*name).into(),
            });
        }
    }
    out.sort_by_key(|c| c.date);
    out
}

/// A calendar: weekdays work, weekends rest, except where an entry says otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl Calendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Calendar {
        Calendar {
            days: days.into_iter().collect(),
        }
    }

    /// The seeded 2026 calendar.
    pub fn china_2026() -> Calendar {
        Calendar::new(calendar_2026().into_iter().map(|c| (c.date, c.kind)))
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.days.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The `n`th working day after `start` (the day itself does not count, as
    /// 期间开始的当日不计入). `n = 0` is `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        let mut day = from;
        while day < to {
            day += Duration::days(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }

    /// The entries of one year, in date order (for the staff page).
    pub fn year(&self, year: i32) -> Vec<(NaiveDate, DayKind)> {
        self.days
            .iter()
            .filter(|(d, _)| d.year() == year)
            .map(|(d, k)| (*d, *k))
            .collect()
    }
}

/// A calendar entry staff add or change; `kind: None` removes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarDayInput {
    pub date: NaiveDate,
    /// `null`: the day follows the week again.
    pub kind: Option<DayKind>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub name: String,
}

impl CalendarDayInput {
    /// Years the calendar may hold: the clocks run at most a couple of years ahead.
    pub fn validate(&self, today: NaiveDate) -> Result<CalendarDayInput, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::new();
        if (self.date.year() - today.year()).abs() > 2 {
            errors.add(
                "date",
                Text::new(
                    "只能设置前后两年内的日期",
                    "Only dates within two years either side",
                ),
            );
        }
        let name = self.name.trim().to_string();
        if self.kind.is_some() && name.is_empty() {
            errors.add("name", crate::error::why::required());
        }
        if name.chars().count() > 20 {
            errors.add("name", crate::error::why::too_long(20));
        }
        if self.kind == Some(DayKind::Workday)
            && !matches!(self.date.weekday(), Weekday::Sat | Weekday::Sun)
        {
            errors.add(
                "kind",
                Text::new(
                    "调休上班只能是周末",
                    "Only a weekend day can be made a working day",
                ),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CalendarDayInput {
            date: self.date,
            kind: self.kind,
            name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_2026_schedule_has_its_days_off_and_swapped_days() {
        let c = calendar_2026();
        let off = c.iter().filter(|c| c.kind == DayKind::Holiday).count();
        // 3 + 9 + 3 + 5 + 3 + 3 + 7
        assert_eq!(off, 33);
        let worked: Vec<_> = c.iter().filter(|c| c.kind == DayKind::Workday).collect();
        assert_eq!(worked.len(), 6);
        for w in worked {
            assert!(
                matches!(w.date.weekday(), Weekday::Sat | Weekday::Sun),
                "{}",
                w.date
            );
        }
    }

    #[test]
    fn weekends_holidays_and_swapped_days() {
        let cal = Calendar::china_2026();
        assert!(cal.is_working_day(d("2026-03-02"))); // Monday
        assert!(!cal.is_working_day(d("2026-03-07"))); // Saturday
        assert!(!cal.is_working_day(d("2026-10-05"))); // Monday, 国庆
        assert!(cal.is_working_day(d("2026-10-10"))); // Saturday worked
        assert!(cal.is_working_day(d("2026-01-04"))); // Sunday worked
        assert!(!cal.is_working_day(d("2026-01-01")));
        // An empty calendar knows only the week.
        assert!(Calendar::default().is_working_day(d("2026-10-05")));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_count_swapped_days() {
        let cal = Calendar::china_2026();
        // Plain week: Monday + 5 working days = next Monday.
        assert_eq!(cal.add_working_days(d("2026-03-02"), 5), d("2026-03-09"));
        assert_eq!(cal.add_working_days(d("2026-03-02"), 0), d("2026-03-02"));
        // 国庆: from Wed 30 Sep, 1–7 Oct off, Sat 10 Oct worked:
        // Thu 8, Fri 9, Sat 10, Mon 12, Tue 13.
        assert_eq!(cal.add_working_days(d("2026-09-30"), 5), d("2026-10-13"));
        // Without the calendar it would be Wed 7 Oct.
        assert_eq!(
            Calendar::default().add_working_days(d("2026-09-30"), 5),
            d("2026-10-07")
        );
        // 春节: from Fri 13 Feb: Sat 14 worked, 15–23 off, Tue 24, Wed 25, Thu 26, Fri 27.
        assert_eq!(cal.add_working_days(d("2026-02-13"), 5), d("2026-02-27"));
        // Sat 28 Feb is worked too.
        assert_eq!(cal.add_working_days(d("2026-02-13"), 6), d("2026-02-28"));
        assert_eq!(
            cal.working_days_between(d("2026-09-30"), d("2026-10-13")),
            5
        );
        assert_eq!(
            cal.working_days_between(d("2026-10-13"), d("2026-09-30")),
            0
        );
    }

    #[test]
    fn a_calendar_entry_is_checked() {
        let today = d("2026-06-01");
        let ok = CalendarDayInput {
            date: d("2026-10-10"),
            kind: Some(DayKind::Workday),
            name: "国庆节".into(),
        };
        assert!(ok.validate(today).is_ok());
        let weekday = CalendarDayInput {
            date: d("2026-10-12"),
            ..ok.clone()
        };
        assert!(weekday.validate(today).unwrap_err().get("kind").is_some());
        let unnamed = CalendarDayInput {
            name: " ".into(),
            ..ok.clone()
        };
        assert!(unnamed.validate(today).unwrap_err().get("name").is_some());
        let far = CalendarDayInput {
            date: d("2030-01-05"),
            ..ok.clone()
        };
        assert!(far.validate(today).unwrap_err().get("date").is_some());
        let cleared = CalendarDayInput {
            kind: None,
            name: String::new(),
            ..ok
        };
        assert!(cleared.validate(today).is_ok());
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    /// The migration seeds exactly the days of the schedule.
    #[test]
    fn the_migration_seeds_the_2026_schedule() {
        let sql = include_str!("../../../worker/migrations/0020_rights_cases.sql");
        let rows = sql.matches(", '2026-01-01T00:00:00Z')").count();
        let days = calendar_2026();
        assert_eq!(rows, days.len());
        for c in days {
            let row = format!("('{}', '{}', '{}',", c.date, c.kind.code(), c.name);
            assert!(sql.contains(&row), "{row}");
        }
    }
}
