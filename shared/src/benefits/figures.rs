//! The benefits figures unions report each month (Asia/Shanghai months,
//! `YYYY-MM`), per programme: applications, approvals, payments and the
//! amount paid, with people (人) counted apart from 人次, and the median days
//! from submission to decision. Exported as CSV too.

use super::programme::ProgrammeKind;
use serde::{Deserialize, Serialize};

/// One programme in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BenefitMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub programme_id: i64,
    pub programme_name: String,
    pub kind: ProgrammeKind,
    /// Applications submitted (人次), and the distinct people who submitted them (人).
    pub applications: u32,
    pub applicants: u32,
    /// Approvals decided this month (a scholarship: put on 公示).
    pub approvals: u32,
    /// Payments dated this month (人次), the people paid (人) and the amount, fen.
    pub payments: u32,
    pub people_paid: u32,
    pub paid_fen: i64,
    /// Median whole days from submission to decision, of the decisions this month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days_to_decision: Option<u32>,
}

/// Sums of the range (人次 and fen; people are counted per month only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BenefitTotals {
    pub applications: u32,
    pub approvals: u32,
    pub payments: u32,
    pub paid_fen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BenefitFigures {
    pub from: String,
    pub to: String,
    /// The scope's union name, for the report's heading.
    pub scope: String,
    /// By month, then programme.
    pub rows: Vec<BenefitMonth>,
    pub totals: BenefitTotals,
}

/// The median of whole days (the lower middle of an even count); `None` when empty.
pub fn median(days: &mut [u32]) -> Option<u32> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    Some(days[(days.len() - 1) / 2])
}

impl BenefitFigures {
    pub fn new(
        from: String,
        to: String,
        scope: String,
        mut rows: Vec<BenefitMonth>,
    ) -> BenefitFigures {
        rows.sort_by(|a, b| (&a.month, a.programme_id).cmp(&(&b.month, b.programme_id)));
        let totals = rows
            .iter()
            .fold(BenefitTotals::default(), |t, r| BenefitTotals {
                applications: t.applications + r.applications,
                approvals: t.approvals + r.approvals,
                payments: t.payments + r.payments,
                paid_fen: t.paid_fen + r.paid_fen,
            });
        BenefitFigures {
            from,
            to,
            scope,
            rows,
            totals,
        }
    }

    /// The spreadsheet: a Chinese header row, one row per month and programme, amounts in yuan.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        let mut out = vec![[
            "月份",
            "项目编号",
            "项目",
            "类别",
            "申请(人次)",
            "申请(人)",
            "批准(人次)",
            "发放(人次)",
            "发放(人)",
            "发放金额(元)",
            "决定用时中位数(天)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()];
        for r in &self.rows {
            out.push(vec![
                r.month.clone(),
                r.programme_id.to_string(),
                r.programme_name.clone(),
                r.kind.label().zh.to_string(),
                r.applications.to_string(),
                r.applicants.to_string(),
                r.approvals.to_string(),
                r.payments.to_string(),
                r.people_paid.to_string(),
                crate::money::amount(r.paid_fen),
                r.median_days_to_decision
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(month: &str, id: i64, paid_fen: i64) -> BenefitMonth {
        BenefitMonth {
            month: month.into(),
            programme_id: id,
            programme_name: "困难帮扶".into(),
            kind: ProgrammeKind::Hardship,
            applications: 2,
            applicants: 1,
            approvals: 1,
            payments: 1,
            people_paid: 1,
            paid_fen,
            median_days_to_decision: Some(3),
        }
    }

    #[test]
    fn the_median_is_the_middle_day() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5]), Some(5));
        assert_eq!(median(&mut [9, 1, 4]), Some(4));
        assert_eq!(median(&mut [9, 1, 4, 2]), Some(2));
    }

    #[test]
    fn rows_are_ordered_totalled_and_exported() {
        let f = BenefitFigures::new(
            "2025-01".into(),
            "2025-03".into(),
            "瑶海区总工会".into(),
            vec![row("2025-03", 2, 200_000), row("2025-01", 7, 150_050)],
        );
        assert_eq!(f.rows[0].month, "2025-01");
        assert_eq!(f.totals.paid_fen, 350_050);
        assert_eq!(f.totals.applications, 4);
        let csv = f.csv_rows();
        assert_eq!(csv[0][0], "月份");
        assert_eq!(csv[1][9], "1500.50");
        assert_eq!(csv.len(), 3);
    }
}
