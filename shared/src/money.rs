//! Money: amounts are integer fen (分) everywhere — in JSON, in D1 and in rules —
//! and become yuan only when typed in or shown. Wages also carry a unit (per
//! hour, day, month or piece) and can be compared as a daily equivalent.

use crate::error::why;
use crate::lang::Text;

pub const FEN_PER_YUAN: i64 = 100;
/// The largest amount accepted from a form: ¥10,000,000.
pub const MAX_INPUT_FEN: i64 = 10_000_000 * FEN_PER_YUAN;
/// A working day, for turning an hourly wage into a daily one.
pub const HOURS_PER_DAY: i64 = 8;
/// Working days in a month, for turning a monthly wage into a daily one (the
/// 26 days of a six-day week, common on sites and in factories).
pub const WORKDAYS_PER_MONTH: i64 = 26;

fn bad_amount() -> Text {
    Text::new(
        "金额应为数字,最多两位小数,例如 350 或 350.50",
        "Enter an amount like 350 or 350.50 (at most two decimals)",
    )
}

/// Reads an amount typed in yuan — `350`, `350.5`, `¥350.00`, `1,200元`, full-width
/// digits — into fen. Negative amounts and more than two decimals are refused.
pub fn parse_yuan(raw: &str) -> Result<i64, Text> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '\u{FF0C}'))
        .map(|c| match c {
            // Full-width digits and point, as Chinese input methods type them.
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{FF0E}' => '.',
            _ => c,
        })
        .collect();
    let s = s.strip_prefix(['\u{A5}', '\u{FFE5}']).unwrap_or(&s);
    let s = s
        .strip_suffix("元")
        .or_else(|| s.strip_suffix("块"))
        .unwrap_or(s);
    if s.is_empty() {
        return Err(why::required());
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || (s.contains('.') && frac.is_empty()) {
        return Err(bad_amount());
    }
    if frac.len() > 2 {
        return Err(Text::new(
            "金额最多两位小数(到分)",
            "At most two decimals (fen)",
        ));
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 9 {
        return Err(too_much());
    }
    let yuan: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad_amount())?
    };
    let fen: i64 = format!("{frac:0<2}").parse().map_err(|_| bad_amount())?;
    let total = yuan * FEN_PER_YUAN + fen;
    if total > MAX_INPUT_FEN {
        return Err(too_much());
    }
    Ok(total)
}

fn too_much() -> Text {
    Text::new(
        "金额太大,请检查是否多打了0",
        "That amount is too large; check for extra zeros",
    )
}

/// `350`, `350.50`, `0.05`: yuan without a unit, decimals only when there are fen.
pub fn amount(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    let (y, f) = (a / 100, a % 100);
    if f == 0 {
        format!("{sign}{y}")
    } else {
        format!("{sign}{y}.{f:02}")
    }
}

/// `350元`, `350.50元`.
pub fn yuan(fen: i64) -> String {
    format!("{}元", amount(fen))
}

/// `¥350`, `¥350.50`.
pub fn yuan_sign(fen: i64) -> String {
    if fen < 0 {
        format!("-¥{}", amount(-fen))
    } else {
        format!("¥{}", amount(fen))
    }
}

crate::vocabulary! {
    /// What a wage is counted per.
    pub enum WageUnit {
        Hour = "hour", "时薪", "Hourly wage";
        Day = "day", "日薪", "Daily wage";
        Month = "month", "月薪", "Monthly wage";
        Piece = "piece", "计件", "Piece rate";
    }
}

impl WageUnit {
    /// The unit after an amount: 元/小时, 元/天, 元/月, 元/件.
    pub fn per(self) -> Text {
        match self {
            WageUnit::Hour => Text::new("元/小时", "yuan/hour"),
            WageUnit::Day => Text::new("元/天", "yuan/day"),
            WageUnit::Month => Text::new("元/月", "yuan/month"),
            WageUnit::Piece => Text::new("元/件", "yuan/piece"),
        }
    }

    /// Wages outside this range (fen, inclusive) are almost surely typed in the
    /// wrong unit or with a slip of the finger; it is not a judgement of pay.
    pub fn plausible_fen(self) -> (i64, i64) {
        match self {
            WageUnit::Hour => (10 * FEN_PER_YUAN, 500 * FEN_PER_YUAN),
            WageUnit::Day => (50 * FEN_PER_YUAN, 3_000 * FEN_PER_YUAN),
            WageUnit::Month => (1_000 * FEN_PER_YUAN, 100_000 * FEN_PER_YUAN),
            WageUnit::Piece => (1, 5_000 * FEN_PER_YUAN),
        }
    }

    /// Checks a wage amount against `plausible_fen`.
    pub fn check_plausible(self, fen: i64) -> Result<(), Text> {
        let (lo, hi) = self.plausible_fen();
        if (lo..=hi).contains(&fen) {
            return Ok(());
        }
        let (label, per) = (self.label(), self.per());
        Err(Text::owned(
            format!(
                "{}应在 {} 到 {} {}之间,请检查金额和单位",
                label.zh,
                amount(lo),
                amount(hi),
                per.zh
            ),
            format!(
                "{} should be between {} and {} {}; check the amount and the unit",
                label.en,
                amount(lo),
                amount(hi),
                per.en
            ),
        ))
    }

    /// This wage as a daily wage, for comparing wages in different units: hourly
    /// × 8, monthly ÷ 26 (rounded to the fen). Piece rates are not comparable.
    pub fn daily_equivalent(self, fen: i64) -> Option<i64> {
        match self {
            WageUnit::Hour => Some(fen * HOURS_PER_DAY),
            WageUnit::Day => Some(fen),
            WageUnit::Month => Some((fen + WORKDAYS_PER_MONTH / 2).div_euclid(WORKDAYS_PER_MONTH)),
            WageUnit::Piece => None,
        }
    }
}

/// A wage range for people: `300–350元/天` (`¥300–350 yuan/day`), or one amount
/// when both ends are equal.
pub fn wage_text(min_fen: i64, max_fen: i64, unit: WageUnit) -> Text {
    let n = if min_fen == max_fen {
        amount(min_fen)
    } else {
        format!("{}–{}", amount(min_fen), amount(max_fen))
    };
    let per = unit.per();
    Text::owned(format!("{n}{}", per.zh), format!("{n} {}", per.en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_yuan("350"), Ok(35_000));
        assert_eq!(parse_yuan("350.5"), Ok(35_050));
        assert_eq!(parse_yuan("350.05"), Ok(35_005));
        assert_eq!(parse_yuan("¥350.00"), Ok(35_000));
        assert_eq!(parse_yuan(" ¥ 350 "), Ok(35_000));
        assert_eq!(parse_yuan("350元"), Ok(35_000));
        assert_eq!(parse_yuan("1,200"), Ok(120_000));
        assert_eq!(parse_yuan("3,500元"), Ok(350_000));
        assert_eq!(parse_yuan("\u{FFE5}３５０．５"), Ok(35_050));
        assert_eq!(parse_yuan("1\u{FF0C}200块"), Ok(120_000));
        assert_eq!(parse_yuan("0.5"), Ok(50));
        assert_eq!(parse_yuan("0"), Ok(0));
        assert_eq!(parse_yuan("007"), Ok(700));
        assert_eq!(parse_yuan("10000000"), Ok(MAX_INPUT_FEN));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(parse_yuan("  "), Err(why::required()));
        assert_eq!(parse_yuan("¥"), Err(why::required()));
        for bad in [
            "-350",
            "350.",
            ".5",
            "3.5.0",
            "abc",
            "三百五",
            "350 yuan",
            "1e3",
            "+350",
        ] {
            assert!(parse_yuan(bad).is_err(), "{bad}");
        }
        assert!(parse_yuan("350.505").unwrap_err().zh.contains("两位小数"));
        assert!(parse_yuan("10000000.01").unwrap_err().zh.contains("太大"));
        assert!(parse_yuan("99999999999999999999")
            .unwrap_err()
            .zh
            .contains("太大"));
    }

    #[test]
    fn shows_yuan() {
        assert_eq!(yuan(35_000), "350元");
        assert_eq!(yuan(35_050), "350.50元");
        assert_eq!(yuan(5), "0.05元");
        assert_eq!(yuan_sign(35_000), "¥350");
        assert_eq!(yuan_sign(35_050), "¥350.50");
        assert_eq!(yuan_sign(-120), "-¥1.20");
        for fen in [0, 1, 99, 100, 35_050, 123_456_789] {
            assert_eq!(parse_yuan(&yuan(fen)), Ok(fen));
            assert_eq!(parse_yuan(&yuan_sign(fen)), Ok(fen));
        }
    }

    #[test]
    fn wage_units_have_plain_labels() {
        assert_eq!(WageUnit::Hour.label().zh, "时薪");
        assert_eq!(WageUnit::Day.label().zh, "日薪");
        assert_eq!(WageUnit::Month.label().zh, "月薪");
        assert_eq!(WageUnit::Piece.label().zh, "计件");
        let pers: Vec<_> = WageUnit::ALL.iter().map(|u| u.per().zh).collect();
        assert_eq!(pers, ["元/小时", "元/天", "元/月", "元/件"]);
        for &u in WageUnit::ALL {
            assert_eq!(WageUnit::parse(u.code()), Some(u));
            assert_eq!(serde_json::to_value(u).unwrap(), u.code());
        }
    }

    #[test]
    fn daily_equivalents_compare_units() {
        assert_eq!(WageUnit::Hour.daily_equivalent(2_500), Some(20_000));
        assert_eq!(WageUnit::Day.daily_equivalent(35_000), Some(35_000));
        // 7,800 a month over 26 days is 300 a day.
        assert_eq!(WageUnit::Month.daily_equivalent(780_000), Some(30_000));
        // 6,000 / 26 = 230.769… → 230.77.
        assert_eq!(WageUnit::Month.daily_equivalent(600_000), Some(23_077));
        assert_eq!(WageUnit::Piece.daily_equivalent(80), None);
    }

    #[test]
    fn implausible_wages_point_at_the_unit() {
        assert!(WageUnit::Day.check_plausible(35_000).is_ok());
        // 350 a month is almost surely a daily wage in the wrong unit.
        let e = WageUnit::Month.check_plausible(35_000).unwrap_err();
        assert_eq!(e.zh, "月薪应在 1000 到 100000 元/月之间,请检查金额和单位");
        assert!(WageUnit::Hour.check_plausible(35_000).is_ok());
        assert!(WageUnit::Hour.check_plausible(350_000).is_err());
        assert!(WageUnit::Piece.check_plausible(50).is_ok());
        assert!(WageUnit::Piece.check_plausible(0).is_err());
    }

    #[test]
    fn wage_ranges_read_naturally() {
        let t = wage_text(30_000, 35_000, WageUnit::Day);
        assert_eq!(t.zh, "300–350元/天");
        assert_eq!(t.en, "300–350 yuan/day");
        assert_eq!(wage_text(50, 50, WageUnit::Piece).zh, "0.50元/件");
    }
}
