//! The training figures unions report each month (Asia/Shanghai months,
//! `YYYY-MM`) for a subtree: enrolled, attended, completed and certified, and
//! of the certified, how many were hired within 90 days (from job
//! applications marked hired). People (人) are counted apart from visits (人次).

use crate::membership::MonthRange;
use serde::{Deserialize, Serialize};

/// A certificate counts as "hired" when a hire follows within this many days.
pub const HIRED_WITHIN_DAYS: i64 = 90;

/// One month of a subtree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrainingMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Places taken (人次), by the day the place was given; cancelled ones not counted.
    pub enrolled: u32,
    /// Session attendances (人次), by the session's day.
    pub attended: u32,
    /// Trainees assessed as passed, or competition entrants placed (人次).
    pub completed: u32,
    /// Certificates issued.
    pub certified: u32,
    /// Of the certificates issued this month, those whose holder was hired
    /// through a job application within 90 days of the issue.
    pub hired_within_90_days: u32,
}

/// Totals, with people counted once however many courses they took.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrainingTotals {
    pub enrolled: u32,
    pub attended: u32,
    pub completed: u32,
    pub certified: u32,
    pub hired_within_90_days: u32,
    /// Distinct people who got a certificate in the range (人).
    pub people_certified: u32,
    /// Courses and competitions whose first session falls in the range.
    pub courses: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrainingFigures {
    pub from: String,
    pub to: String,
    /// The scope's union name, for the report's heading.
    pub scope: String,
    pub months: Vec<TrainingMonth>,
    pub totals: TrainingTotals,
}

impl TrainingFigures {
    /// Every month of the range (empty ones too), in order, and the totals.
    pub fn new(
        range: MonthRange,
        scope: String,
        counted: Vec<TrainingMonth>,
        people_certified: u32,
        courses: u32,
    ) -> TrainingFigures {
        let mut months = Vec::new();
        let mut day = range.start;
        while day < range.end {
            let key = crate::membership::figures::month_key(day);
            months.push(counted.iter().find(|m| m.month == key).cloned().unwrap_or(
                TrainingMonth {
                    month: key,
                    ..Default::default()
                },
            ));
            day = day + chrono::Months::new(1);
        }
        let totals = months.iter().fold(
            TrainingTotals {
                people_certified,
                courses,
                ..Default::default()
            },
            |mut t, m| {
                t.enrolled += m.enrolled;
                t.attended += m.attended;
                t.completed += m.completed;
                t.certified += m.certified;
                t.hired_within_90_days += m.hired_within_90_days;
                t
            },
        );
        TrainingFigures {
            from: range.from_key(),
            to: range.to_key(),
            scope,
            months,
            totals,
        }
    }

    /// The report as spreadsheet rows: a heading, a header row, a row per month and the totals.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![
            vec![
                format!("技能培训统计 Training figures: {}", self.scope),
                format!("{} — {}", self.from, self.to),
            ],
            [
                "月份 Month",
                "报名(人次) Enrolled",
                "出勤(人次) Attended",
                "结业(人次) Completed",
                "发证(本) Certified",
                "发证后90天内就业(人) Hired within 90 days",
            ]
            .map(String::from)
            .to_vec(),
        ];
        let line = |label: String, m: &TrainingMonth| {
            vec![
                label,
                m.enrolled.to_string(),
                m.attended.to_string(),
                m.completed.to_string(),
                m.certified.to_string(),
                m.hired_within_90_days.to_string(),
            ]
        };
        rows.extend(self.months.iter().map(|m| line(m.month.clone(), m)));
        let t = &self.totals;
        rows.push(line(
            "合计 Total".into(),
            &TrainingMonth {
                month: String::new(),
                enrolled: t.enrolled,
                attended: t.attended,
                completed: t.completed,
                certified: t.certified,
                hired_within_90_days: t.hired_within_90_days,
            },
        ));
        rows.push(vec![
            "获证人数(人) People certified".into(),
            t.people_certified.to_string(),
        ]);
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::membership::FiguresQuery;

    #[test]
    fn every_month_is_listed_and_added_up() {
        let q = FiguresQuery {
            union_id: None,
            from: Some("2025-02".into()),
            to: Some("2025-04".into()),
        };
        let range = q.range("2025-04-10".parse().unwrap()).unwrap();
        let april = TrainingMonth {
            month: "2025-04".into(),
            enrolled: 30,
            attended: 110,
            completed: 28,
            certified: 28,
            hired_within_90_days: 9,
        };
        let feb = TrainingMonth {
            month: "2025-02".into(),
            enrolled: 5,
            ..Default::default()
        };
        let f = TrainingFigures::new(range, "河东区总工会".into(), vec![april, feb], 27, 2);
        assert_eq!(
            f.months
                .iter()
                .map(|m| m.month.as_str())
                .collect::<Vec<_>>(),
            ["2025-02", "2025-03", "2025-04"]
        );
        assert_eq!(
            f.months[1],
            TrainingMonth {
                month: "2025-03".into(),
                ..Default::default()
            }
        );
        assert_eq!(
            (
                f.totals.enrolled,
                f.totals.certified,
                f.totals.people_certified,
                f.totals.courses
            ),
            (35, 28, 27, 2)
        );
        let rows = f.csv_rows();
        assert_eq!(rows[1][0], "月份 Month");
        assert_eq!(rows[4], ["2025-04", "30", "110", "28", "28", "9"]);
        assert_eq!(rows[5][0], "合计 Total");
        assert_eq!(rows[5][1], "35");
        assert!(rows[0][0].ends_with("河东区总工会"));
    }
}
