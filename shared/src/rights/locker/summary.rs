//! The locker's summary: per employer and month, the days worked, the amount
//! earned at the agreed wage, advances (借支), wages received, and what is
//! still owed. Only entries that stand count: a superseded entry is replaced
//! by its correction.

use super::{DayEntry, PayKind};
use crate::lang::Text;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One employer in one month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerMonth {
    /// `2026-11`.
    pub month: String,
    pub employer_id: Option<i64>,
    pub employer_name: String,
    /// The 包工头's number (empty for a verified employer).
    pub boss_phone: String,
    /// Distinct dates with an entry.
    pub days_worked: u32,
    /// 点工 by the day, in hundredths of a day (工).
    pub day_units_x100: i64,
    /// 点工 by the hour, in hundredths.
    pub hours_x100: i64,
    /// 包工 units, in hundredths.
    pub piece_units_x100: i64,
    pub earned_fen: i64,
    pub advance_fen: i64,
    pub paid_fen: i64,
    /// Earned less advances and wages received; below zero when overpaid.
    pub owed_fen: i64,
    pub entries: u32,
}

/// The totals over every row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SummaryTotals {
    pub days_worked: u32,
    pub earned_fen: i64,
    pub advance_fen: i64,
    pub paid_fen: i64,
    pub owed_fen: i64,
}

/// `GET /api/rights/locker/summary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LockerSummary {
    /// The month asked for, if one was.
    pub month: Option<String>,
    /// Newest month first, then by employer name.
    pub employers: Vec<EmployerMonth>,
    pub totals: SummaryTotals,
}

/// The key that tells employers apart: a verified employer by its id, a
/// 包工头 by name and number.
fn key(d: &DayEntry) -> (Option<i64>, String, String) {
    match d.employer_id {
        Some(id) => (Some(id), String::new(), String::new()),
        None => (None, d.employer_name.clone(), d.boss_phone.clone()),
    }
}

/// The summary of the entries that stand (superseded ones left out by the caller).
pub fn summarize<'a>(
    days: impl IntoIterator<Item = &'a DayEntry>,
    month: Option<String>,
) -> LockerSummary {
    type Key = (String, (Option<i64>, String, String));
    let mut rows: BTreeMap<Key, (EmployerMonth, BTreeSet<chrono::NaiveDate>)> = BTreeMap::new();
    let mut all_dates = BTreeSet::new();
    for d in days {
        let (row, dates) = rows.entry((d.month(), key(d))).or_insert_with(|| {
            (
                EmployerMonth {
                    month: d.month(),
                    employer_id: d.employer_id,
                    employer_name: d.employer_name.clone(),
                    boss_phone: d.boss_phone.clone(),
                    ..EmployerMonth::default()
                },
                BTreeSet::new(),
            )
        });
        dates.insert(d.date);
        all_dates.insert(d.date);
        match d.pay_kind {
            PayKind::Day => row.day_units_x100 += d.quantity_x100,
            PayKind::Hour => row.hours_x100 += d.quantity_x100,
            PayKind::Piece => row.piece_units_x100 += d.quantity_x100,
        }
        row.earned_fen += d.earned_fen();
        row.advance_fen += d.advance_fen;
        row.paid_fen += d.paid_fen;
        row.entries += 1;
    }
    let mut employers: Vec<EmployerMonth> = rows
        .into_values()
        .map(|(mut row, dates)| {
            row.days_worked = dates.len() as u32;
            row.owed_fen = row.earned_fen - row.advance_fen - row.paid_fen;
            row
        })
        .collect();
    employers.sort_by(|a, b| {
        b.month
            .cmp(&a.month)
            .then(a.employer_name.cmp(&b.employer_name))
    });
    let mut totals = SummaryTotals {
        days_worked: all_dates.len() as u32,
        ..SummaryTotals::default()
    };
    for r in &employers {
        totals.earned_fen += r.earned_fen;
        totals.advance_fen += r.advance_fen;
        totals.paid_fen += r.paid_fen;
        totals.owed_fen += r.owed_fen;
    }
    LockerSummary {
        month,
        employers,
        totals,
    }
}

/// `还欠 ¥1200`, `已结清`, or `多付 ¥50`, for the screen.
pub fn owed_text(owed_fen: i64) -> Text {
    use crate::money::yuan_sign as yuan;
    match owed_fen {
        0 => Text::new("已结清", "Settled"),
        n if n > 0 => Text::owned(format!("还欠 {}", yuan(n)), format!("Owed {}", yuan(n))),
        n => Text::owned(
            format!("多付 {}", yuan(-n)),
            format!("Overpaid {}", yuan(-n)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(
        date: &str,
        boss: &str,
        kind: PayKind,
        q: i64,
        rate: i64,
        advance: i64,
        paid: i64,
    ) -> DayEntry {
        DayEntry {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            project: "瑶海区保障房二期".into(),
            address: "合肥市瑶海区".into(),
            position: None,
            employer_id: None,
            employer_name: boss.into(),
            boss_phone: "13800138000".into(),
            pay_kind: kind,
            quantity_x100: q,
            rate_fen: rate,
            advance_fen: advance,
            paid_fen: paid,
            note: String::new(),
            attachments: vec![],
        }
    }

    #[test]
    fn per_employer_and_month_with_advances_paid_and_owed() {
        let days = [
            day("2026-11-02", "王德发", PayKind::Day, 100, 350_00, 0, 0),
            day("2026-11-03", "王德发", PayKind::Day, 150, 350_00, 200_00, 0),
            // Two entries on one date count as one day worked.
            day("2026-11-03", "王德发", PayKind::Hour, 200, 40_00, 0, 0),
            day(
                "2026-11-20",
                "李四",
                PayKind::Piece,
                12_50,
                30_00,
                0,
                100_00,
            ),
            day("2026-10-30", "王德发", PayKind::Day, 100, 300_00, 0, 300_00),
        ];
        let s = summarize(&days, None);
        assert_eq!(s.employers.len(), 3);
        let (nov_li, nov_wang, oct_wang) = (&s.employers[0], &s.employers[1], &s.employers[2]);
        assert_eq!(
            (nov_li.month.as_str(), nov_li.employer_name.as_str()),
            ("2026-11", "李四")
        );
        assert_eq!(
            (nov_wang.employer_name.as_str(), oct_wang.month.as_str()),
            ("王德发", "2026-10")
        );
        assert_eq!(nov_wang.days_worked, 2);
        assert_eq!(nov_wang.day_units_x100, 250);
        assert_eq!(nov_wang.hours_x100, 200);
        assert_eq!(nov_wang.earned_fen, 350_00 + 525_00 + 80_00);
        assert_eq!(nov_wang.advance_fen, 200_00);
        assert_eq!(nov_wang.owed_fen, 955_00 - 200_00);
        assert_eq!(nov_wang.entries, 3);
        assert_eq!(
            (nov_li.piece_units_x100, nov_li.earned_fen, nov_li.owed_fen),
            (12_50, 375_00, 275_00)
        );
        assert_eq!(oct_wang.owed_fen, 0);
        assert_eq!(s.totals.days_worked, 4);
        assert_eq!(s.totals.earned_fen, 955_00 + 375_00 + 300_00);
        assert_eq!(s.totals.owed_fen, 755_00 + 275_00);
        assert_eq!(owed_text(oct_wang.owed_fen).zh, "已结清");
        assert_eq!(owed_text(-5000).zh, "多付 ¥50");
    }

    #[test]
    fn the_same_boss_name_with_another_phone_is_another_employer() {
        let a = day("2026-11-02", "王德发", PayKind::Day, 100, 350_00, 0, 0);
        let mut b = a.clone();
        b.boss_phone = "13900139000".into();
        let mut v = a.clone();
        v.employer_id = Some(3);
        v.employer_name = "安徽建工".into();
        v.boss_phone = String::new();
        assert_eq!(summarize([&a, &b, &v], None).employers.len(), 3);
        assert!(summarize([], Some("2026-11".into())).employers.is_empty());
    }
}
