//! Medical mutual aid's time limits: the claim must be notified within 10
//! days of discharge from hospital, and the right lapses 2 years after the
//! hospital bill is settled. Both are counted in whole days, in Asia/Shanghai.

use chrono::{Datelike, NaiveDate};

use crate::lang::Text;

/// Days after discharge within which a claim must be notified.
pub const NOTICE_DAYS: i64 = 10;
/// Years after settlement after which the claim lapses.
pub const CLAIM_LIMIT_YEARS: i32 = 2;

/// Where a deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// Days left, the last day included (0 = today is the last day).
    DaysLeft(i64),
    /// Passed this many days ago.
    Passed(i64),
}

impl Deadline {
    fn on(last_day: NaiveDate, today: NaiveDate) -> Deadline {
        let left = (last_day - today).num_days();
        if left >= 0 {
            Deadline::DaysLeft(left)
        } else {
            Deadline::Passed(-left)
        }
    }

    /// A plain countdown in both languages.
    pub fn text(self) -> Text {
        match self {
            Deadline::DaysLeft(0) => Text::new("今天是最后一天", "Today is the last day"),
            Deadline::DaysLeft(n) => Text::owned(
                format!("还剩 {n} 天"),
                format!("{n} day{} left", if n == 1 { "" } else { "s" }),
            ),
            Deadline::Passed(n) => Text::owned(
                format!("已过期 {n} 天"),
                format!("Passed {n} day{} ago", if n == 1 { "" } else { "s" }),
            ),
        }
    }
}

/// The countdown to a last day (a programme's closing date, say) on `today`.
pub fn deadline_on(last_day: NaiveDate, today: NaiveDate) -> Deadline {
    Deadline::on(last_day, today)
}

/// The last day to notify a claim: discharge + 10 days.
pub fn notice_last_day(discharged_on: NaiveDate) -> NaiveDate {
    discharged_on + chrono::Duration::days(NOTICE_DAYS)
}

/// The notice period's countdown on `today`.
pub fn notice_deadline(discharged_on: NaiveDate, today: NaiveDate) -> Deadline {
    Deadline::on(notice_last_day(discharged_on), today)
}

/// The last day of the claim: the day before the 2nd anniversary of
/// settlement (a 29 February settlement lapses after 28 February).
pub fn claim_last_day(settled_on: NaiveDate) -> NaiveDate {
    let year = settled_on.year() + CLAIM_LIMIT_YEARS;
    let anniversary = settled_on
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(settled_on);
    anniversary.pred_opt().unwrap_or(anniversary)
}

/// The 2-year claim limit's countdown on `today`.
pub fn claim_deadline(settled_on: NaiveDate, today: NaiveDate) -> Deadline {
    Deadline::on(claim_last_day(settled_on), today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn notice_is_due_ten_days_after_discharge() {
        let out = d(2025, 3, 1);
        assert_eq!(notice_deadline(out, d(2025, 3, 1)), Deadline::DaysLeft(10));
        assert_eq!(notice_deadline(out, d(2025, 3, 11)), Deadline::DaysLeft(0));
        assert_eq!(notice_deadline(out, d(2025, 3, 12)), Deadline::Passed(1));
    }

    #[test]
    fn the_claim_lapses_two_years_after_settlement() {
        let settled = d(2024, 5, 20);
        assert_eq!(claim_last_day(settled), d(2026, 5, 19));
        assert_eq!(
            claim_deadline(settled, d(2026, 5, 19)),
            Deadline::DaysLeft(0)
        );
        assert_eq!(claim_deadline(settled, d(2026, 5, 20)), Deadline::Passed(1));
        // Leap day: the anniversary falls on 1 March, so 28 February is the last day.
        assert_eq!(claim_last_day(d(2024, 2, 29)), d(2026, 2, 28));
    }

    #[test]
    fn countdowns_read_in_both_languages() {
        assert_eq!(Deadline::DaysLeft(0).text().zh, "今天是最后一天");
        assert_eq!(Deadline::DaysLeft(3).text().en, "3 days left");
        assert_eq!(Deadline::Passed(1).text().en, "Passed 1 day ago");
        assert_eq!(Deadline::Passed(2).text().zh, "已过期 2 天");
    }
}
