//! Membership figures for the unions' reports: members joined per union per
//! month, and the moves between unions. Months are Asia/Shanghai months, `YYYY-MM`.

use crate::error::FieldErrors;
use crate::lang::Text;
use crate::query::Query;
use crate::unions::UnionKind;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest span of one figures request, in months.
pub const FIGURES_MAX_MONTHS: u32 = 36;
/// Months shown when the request names none: the last 12, this one included.
pub const FIGURES_DEFAULT_MONTHS: u32 = 12;

/// Query of the figures: a union of the caller's subtree and a month range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct FiguresQuery {
    /// Absent = the caller's own union and everything below it.
    pub union_id: Option<i64>,
    /// First month, `YYYY-MM`; default 11 months before `to`.
    pub from: Option<String>,
    /// Last month, `YYYY-MM`; default this month.
    pub to: Option<String>,
}

/// A checked month range: `[start, end)` as dates, for SQL on `YYYY-MM-DD` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRange {
    /// First day of the first month.
    pub start: NaiveDate,
    /// First day after the last month.
    pub end: NaiveDate,
}

impl MonthRange {
    pub fn from_key(&self) -> String {
        month_key(self.start)
    }

    pub fn to_key(&self) -> String {
        month_key(self.end - chrono::Days::new(1))
    }
}

/// `2025-03` for any day in March 2025.
pub fn month_key(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The first day of a `YYYY-MM` month.
pub fn parse_month(s: &str) -> Option<NaiveDate> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

fn bad_month() -> Text {
    Text::new(
        "月份格式应为 年-月,例如 2025-03",
        "Use a month like 2025-03",
    )
}

impl FiguresQuery {
    /// Reads `?union_id=…&from=2025-01&to=2025-12`.
    pub fn read(q: &Query) -> Result<FiguresQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let union_id = q.opt("union_id", &mut errors);
        let query = FiguresQuery {
            union_id,
            from: q.str("from").map(String::from),
            to: q.str("to").map(String::from),
        };
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// The month range asked for; `today` (Asia/Shanghai) sets the defaults.
    pub fn range(&self, today: NaiveDate) -> Result<MonthRange, FieldErrors> {
        let mut errors = FieldErrors::new();
        let month_of =
            |raw: &Option<String>, field: &str, errors: &mut FieldErrors| match raw.as_deref() {
                None => Some(None),
                Some(s) => errors
                    .check(field, parse_month(s).ok_or_else(bad_month))
                    .map(Some),
            };
        let to = month_of(&self.to, "to", &mut errors);
        let from = month_of(&self.from, "from", &mut errors);
        let (Some(to), Some(from)) = (to, from) else {
            return Err(errors);
        };
        let last = to.unwrap_or_else(|| today.with_day(1).expect("day 1 exists"));
        let first = from.unwrap_or_else(|| last - Months::new(FIGURES_DEFAULT_MONTHS - 1));
        if first > last {
            errors.add(
                "from",
                Text::new(
                    "开始月份不能晚于结束月份",
                    "The first month cannot be after the last",
                ),
            );
        } else if first + Months::new(FIGURES_MAX_MONTHS) <= last {
            errors.add(
                "from",
                Text::owned(
                    format!("一次最多查{FIGURES_MAX_MONTHS}个月"),
                    format!("At most {FIGURES_MAX_MONTHS} months at a time"),
                ),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(MonthRange {
            start: first,
            end: last + Months::new(1),
        })
    }
}

/// One union in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MonthlyFigure {
    pub union_id: i64,
    pub union_name: String,
    pub union_kind: UnionKind,
    /// `YYYY-MM`.
    pub month: String,
    /// New members by enrolment.
    pub joined: u32,
    /// Arrived from another union at their own request.
    pub transferred_in: u32,
    /// Left for another union at their own request.
    pub transferred_out: u32,
    /// Arrived here because their project union closed (兜底).
    pub moved_in_by_closure: u32,
    /// Moved away because this union closed.
    pub moved_out_by_closure: u32,
    pub left: u32,
}

/// Totals over all rows. Moves are counted once, on arrival.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FigureTotals {
    pub joined: u32,
    /// Of `joined`, those who joined a project union (the seed reports' figure).
    pub joined_via_project_unions: u32,
    pub transferred: u32,
    pub moved_by_closure: u32,
    pub left: u32,
}

/// `{"from": "2025-01", "to": "2025-12", "rows": [...], "totals": {...}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MembershipFigures {
    pub from: String,
    pub to: String,
    /// By month, then union name.
    pub rows: Vec<MonthlyFigure>,
    pub totals: FigureTotals,
}

impl MembershipFigures {
    /// Sorts the rows and adds them up.
    pub fn new(range: MonthRange, mut rows: Vec<MonthlyFigure>) -> MembershipFigures {
        rows.sort_by(|a, b| {
            (&a.month, &a.union_name, a.union_id).cmp(&(&b.month, &b.union_name, b.union_id))
        });
        let totals = rows.iter().fold(FigureTotals::default(), |mut t, r| {
            t.joined += r.joined;
            if r.union_kind == UnionKind::Project {
                t.joined_via_project_unions += r.joined;
            }
            t.transferred += r.transferred_in;
            t.moved_by_closure += r.moved_in_by_closure;
            t.left += r.left;
            t
        });
        MembershipFigures {
            from: range.from_key(),
            to: range.to_key(),
            rows,
            totals,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn query(from: Option<&str>, to: Option<&str>) -> FiguresQuery {
        FiguresQuery {
            union_id: None,
            from: from.map(String::from),
            to: to.map(String::from),
        }
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!(parse_month("2025-03"), Some(day("2025-03-01")));
        for bad in [
            "2025-3",
            "2025-13",
            "25-03",
            "2025/03",
            "2025-03-01",
            "",
            "abcd-ef",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        assert_eq!(month_key(day("2025-03-31")), "2025-03");
    }

    #[test]
    fn ranges_default_to_the_last_twelve_months() {
        let r = query(None, None).range(day("2025-06-15")).unwrap();
        assert_eq!((r.start, r.end), (day("2024-07-01"), day("2025-07-01")));
        assert_eq!(
            (r.from_key(), r.to_key()),
            ("2024-07".to_string(), "2025-06".to_string())
        );
        let r = query(Some("2025-01"), Some("2025-12"))
            .range(day("2025-06-15"))
            .unwrap();
        assert_eq!((r.start, r.end), (day("2025-01-01"), day("2026-01-01")));
        let r = query(None, Some("2025-02"))
            .range(day("2025-06-15"))
            .unwrap();
        assert_eq!(r.start, day("2024-03-01"));
    }

    #[test]
    fn ranges_are_checked() {
        let t = day("2025-06-15");
        assert!(query(Some("2025-07"), Some("2025-06"))
            .range(t)
            .unwrap_err()
            .get("from")
            .unwrap()
            .zh
            .contains("不能晚于"));
        assert!(query(Some("2022-06"), Some("2025-06"))
            .range(t)
            .unwrap_err()
            .get("from")
            .unwrap()
            .zh
            .contains("最多"));
        assert!(
            query(Some("2022-07"), Some("2025-06")).range(t).is_ok(),
            "exactly 36 months"
        );
        let errors = query(Some("2025-1"), Some("June")).range(t).unwrap_err();
        assert!(errors.get("from").is_some() && errors.get("to").is_some());
        assert!(FiguresQuery::read(&Query::parse("union_id=abc"))
            .unwrap_err()
            .get("union_id")
            .is_some());
        let q = FiguresQuery::read(&Query::parse("union_id=4&from=2025-01")).unwrap();
        assert_eq!(
            (q.union_id, q.from.as_deref(), q.to),
            (Some(4), Some("2025-01"), None)
        );
    }

    fn row(
        union_id: i64,
        kind: UnionKind,
        month: &str,
        joined: u32,
        moved_in: u32,
        moved_out: u32,
    ) -> MonthlyFigure {
        MonthlyFigure {
            union_id,
            union_name: format!("工会{union_id}"),
            union_kind: kind,
            month: month.into(),
            joined,
            transferred_in: 1,
            transferred_out: 1,
            moved_in_by_closure: moved_in,
            moved_out_by_closure: moved_out,
            left: 0,
        }
    }

    #[test]
    fn totals_count_each_move_once() {
        let range = query(Some("2025-01"), Some("2025-02"))
            .range(day("2025-06-15"))
            .unwrap();
        let figures = MembershipFigures::new(
            range,
            vec![
                row(2, UnionKind::Joint, "2025-02", 3, 40, 0),
                row(1, UnionKind::Project, "2025-02", 0, 0, 40),
                row(1, UnionKind::Project, "2025-01", 50, 0, 0),
            ],
        );
        assert_eq!(
            figures
                .rows
                .iter()
                .map(|r| (r.month.as_str(), r.union_id))
                .collect::<Vec<_>>(),
            [("2025-01", 1), ("2025-02", 1), ("2025-02", 2)]
        );
        assert_eq!(
            figures.totals,
            FigureTotals {
                joined: 53,
                joined_via_project_unions: 50,
                transferred: 3,
                moved_by_closure: 40,
                left: 0
            }
        );
        assert_eq!(
            (figures.from.as_str(), figures.to.as_str()),
            ("2025-01", "2025-02")
        );
    }
}
