//! 拒不支付劳动报酬罪 (刑法 Art. 276-1): whether a case's sums reach the
//! province's threshold, shown as information only. The crime applies only
//! after an official order to pay is ignored; the thresholds are set per
//! province within the national ranges (one worker owed 3 months or more,
//! ¥5,000–20,000; 10 or more workers, ¥30,000–100,000). The Worker keeps them
//! in an editable table (`rights_thresholds`).

use crate::lang::Text;
use crate::money::yuan;
use serde::{Deserialize, Serialize};

/// The national floors, for a province with no figures on file.
pub const NATIONAL_INDIVIDUAL_FEN: i64 = 500_000;
pub const NATIONAL_COLLECTIVE_FEN: i64 = 3_000_000;
/// One worker's arrears count from this many months (the interpretation's "三个月以上").
pub const INDIVIDUAL_MONTHS: u32 = 3;
pub const COLLECTIVE_WORKERS: usize = 10;

/// A province's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Threshold {
    /// The province's area code, e.g. 430000; 000000 is the national floor.
    pub province_code: String,
    pub province_name: String,
    /// One worker owed 3 months or more.
    pub individual_fen: i64,
    /// 10 or more workers together.
    pub collective_fen: i64,
}

/// What the case shows about the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThresholdCheck {
    pub threshold: Threshold,
    /// Claimants whose own claim reaches the individual figure over 3 months or more.
    pub individuals_reaching: u32,
    /// 10 or more workers whose total reaches the collective figure.
    pub collective_reached: bool,
}

/// `claims`: (amount claimed, months of the period). `months` is rounded up.
pub fn check(t: &Threshold, claims: &[(i64, u32)]) -> ThresholdCheck {
    let individuals_reaching = claims
        .iter()
        .filter(|(fen, months)| *fen >= t.individual_fen && *months >= INDIVIDUAL_MONTHS)
        .count() as u32;
    let total: i64 = claims.iter().map(|(f, _)| f).sum();
    let collective_reached = claims.len() >= COLLECTIVE_WORKERS && total >= t.collective_fen;
    ThresholdCheck {
        threshold: t.clone(),
        individuals_reaching,
        collective_reached,
    }
}

impl ThresholdCheck {
    /// The information line: the figures, and that it is information only.
    pub fn says(&self) -> Text {
        let t = &self.threshold;
        let reached = self.collective_reached || self.individuals_reaching > 0;
        let (zh, en) = if reached {
            ("已达到", "reach")
        } else {
            ("未达到", "do not reach")
        };
        Text::owned(
            format!(
                "{}拒不支付劳动报酬罪的数额标准:个人欠薪3个月以上{},10人以上{}。本案数额{zh}标准。仅供参考:经政府有关部门责令支付仍不支付的,才构成犯罪。",
                t.province_name,
                yuan(t.individual_fen),
                yuan(t.collective_fen)
            ),
            format!(
                "{}'s thresholds for the crime of refusing to pay wages: {} for one worker owed 3 months or more, {} for 10 or more workers. The sums here {en} them. Information only: the crime applies only once an official order to pay is ignored.",
                t.province_name,
                crate::money::yuan_sign(t.individual_fen),
                crate::money::yuan_sign(t.collective_fen)
            ),
        )
    }
}

/// The months a period covers, counting a started month (1 Oct–15 Dec: 3).
pub fn months_of(from: chrono::NaiveDate, to: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    if to < from {
        return 0;
    }
    let m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    (m + 1).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn hunan() -> Threshold {
        Threshold {
            province_code: "430000".into(),
            province_name: "湖南省".into(),
            individual_fen: 600_000,
            collective_fen: 4_000_000,
        }
    }

    #[test]
    fn one_worker_reaches_it_at_the_figure_and_three_months() {
        let t = hunan();
        assert_eq!(check(&t, &[(600_000, 3)]).individuals_reaching, 1);
        assert_eq!(check(&t, &[(599_999, 3)]).individuals_reaching, 0);
        assert_eq!(check(&t, &[(600_000, 2)]).individuals_reaching, 0);
        assert!(check(&t, &[(600_000, 3)]).says().zh.contains("已达到"));
        assert!(check(&t, &[(100, 1)]).says().zh.contains("未达到"));
        assert!(check(&t, &[(100, 1)]).says().zh.contains("仅供参考"));
    }

    #[test]
    fn ten_workers_reach_it_together() {
        let t = hunan();
        let nine = vec![(500_000, 1); 9];
        assert!(!check(&t, &nine).collective_reached);
        let ten = vec![(400_000, 1); 10];
        assert!(check(&t, &ten).collective_reached);
        let ten_short = vec![(399_999, 1); 10];
        assert!(!check(&t, &ten_short).collective_reached);
    }

    #[test]
    fn months_count_started_months() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(months_of(d("2026-10-01"), d("2026-10-31")), 1);
        assert_eq!(months_of(d("2026-10-20"), d("2026-12-03")), 3);
        assert_eq!(months_of(d("2025-12-20"), d("2026-01-03")), 2);
        assert_eq!(months_of(d("2026-12-03"), d("2026-10-01")), 0);
    }
}
