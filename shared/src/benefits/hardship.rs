//! The hardship self-check. The union configures its city's 低保 (minimum
//! living standard, fen per person per month); a worker types the household's
//! yearly disposable income, its fixed costs (刚性支出: medical, education) and
//! how many people live in it, and sees the figure and the category it falls in:
//!
//! - figure = (income − fixed costs) ÷ 12 ÷ household size;
//! - 深度困难 when the figure is below 低保;
//! - 相对困难 when it is below 2 × 低保;
//! - 意外致困 after an accident that caused disability or death, or when the
//!   year's hardship costs exceed 80% of the household's income.
//!
//! The check is a guide, not a decision: staff decide on the application.

use serde::{Deserialize, Serialize};

use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::money::{yuan_sign, MAX_INPUT_FEN};

/// The most people counted in one household.
pub const MAX_HOUSEHOLD: u32 = 20;
/// Hardship costs above this share of income (in percent) make a household 意外致困.
pub const ACCIDENT_COST_PERCENT: i64 = 80;
/// The largest 低保 a union may configure: ¥10,000 per person per month.
pub const MAX_DIBAO_FEN: i64 = 1_000_000;

crate::vocabulary! {
    /// Where the self-check puts a household.
    pub enum HardshipCategory {
        Deep = "deep", "深度困难", "Deep hardship";
        Relative = "relative", "相对困难", "Relative hardship";
        Accident = "accident", "意外致困", "Hardship after an accident";
        NotEligible = "not_eligible", "暂不符合困难标准", "Above the hardship line";
    }
}

/// What the worker types into the self-check. Amounts are fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SelfCheckInput {
    /// The household's yearly disposable income.
    pub income_fen: i64,
    /// The year's fixed costs (刚性支出: medical, education).
    pub fixed_costs_fen: i64,
    /// People living in the household, the worker included.
    pub household: u32,
    /// An accident caused disability or death in the household this year.
    #[serde(default)]
    pub accident: bool,
    /// The year's hardship costs (medical bills after an illness or accident).
    #[serde(default)]
    pub hardship_costs_fen: i64,
}

/// The self-check's answer, with every number it used so the worker can follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SelfCheckResult {
    pub category: HardshipCategory,
    /// (income − fixed costs) ÷ 12 ÷ household, in fen, rounded down; never below 0.
    pub monthly_per_person_fen: i64,
    /// The union's 低保 used for the check.
    pub dibao_fen: i64,
}

fn amount(errors: &mut FieldErrors, field: &str, fen: i64) {
    if !(0..=MAX_INPUT_FEN).contains(&fen) {
        errors.add(field, why::out_of_range(0, MAX_INPUT_FEN / 100));
    }
}

impl SelfCheckInput {
    /// Checks the figures (zh + en messages per field).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        amount(&mut errors, "income_fen", self.income_fen);
        amount(&mut errors, "fixed_costs_fen", self.fixed_costs_fen);
        amount(&mut errors, "hardship_costs_fen", self.hardship_costs_fen);
        if !(1..=MAX_HOUSEHOLD).contains(&self.household) {
            errors.add("household", why::out_of_range(1, MAX_HOUSEHOLD));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Checks a 低保 figure a union configures.
pub fn validate_dibao(dibao_fen: i64) -> Result<(), Text> {
    if (1..=MAX_DIBAO_FEN).contains(&dibao_fen) {
        Ok(())
    } else {
        Err(why::out_of_range("0.01", MAX_DIBAO_FEN / 100))
    }
}

/// (income − fixed costs) ÷ 12 ÷ household, in fen, rounded down, never below 0.
pub fn monthly_per_person_fen(income_fen: i64, fixed_costs_fen: i64, household: u32) -> i64 {
    let left = (income_fen - fixed_costs_fen).max(0);
    left / 12 / i64::from(household.max(1))
}

/// Runs the self-check against the union's 低保. Input must be valid.
pub fn self_check(input: &SelfCheckInput, dibao_fen: i64) -> SelfCheckResult {
    let figure = monthly_per_person_fen(input.income_fen, input.fixed_costs_fen, input.household);
    // Hardship costs over 80% of income: costs × 100 > income × 80 (no rounding).
    let heavy_costs = input.hardship_costs_fen > 0
        && input.hardship_costs_fen.saturating_mul(100)
            > input.income_fen.saturating_mul(ACCIDENT_COST_PERCENT);
    let category = if figure < dibao_fen {
        HardshipCategory::Deep
    } else if figure < 2 * dibao_fen {
        HardshipCategory::Relative
    } else if input.accident || heavy_costs {
        HardshipCategory::Accident
    } else {
        HardshipCategory::NotEligible
    };
    SelfCheckResult {
        category,
        monthly_per_person_fen: figure,
        dibao_fen,
    }
}

impl SelfCheckResult {
    /// The working shown to the worker, in both languages.
    pub fn explanation(&self, input: &SelfCheckInput) -> Text {
        let income = yuan_sign(input.income_fen);
        let costs = yuan_sign(input.fixed_costs_fen);
        let figure = yuan_sign(self.monthly_per_person_fen);
        let dibao = yuan_sign(self.dibao_fen);
        let n = input.household;
        Text::owned(
            format!(
                "(年收入 {income} − 刚性支出 {costs}) ÷ 12 ÷ {n} 人 = 每人每月 {figure};本地低保 {dibao}。结果:{}",
                self.category.label().zh
            ),
            format!(
                "(yearly income {income} − fixed costs {costs}) ÷ 12 ÷ {n} people = {figure} per person per month; local minimum living standard {dibao}. Result: {}",
                self.category.label().en
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIBAO: i64 = 100_000; // ¥1,000 per person per month

    fn input(income_fen: i64, household: u32) -> SelfCheckInput {
        SelfCheckInput {
            income_fen,
            fixed_costs_fen: 0,
            household,
            accident: false,
            hardship_costs_fen: 0,
        }
    }

    #[test]
    fn the_figure_is_income_less_costs_over_twelve_over_household() {
        // (¥60,000 − ¥12,000) ÷ 12 ÷ 4 = ¥1,000
        assert_eq!(monthly_per_person_fen(6_000_000, 1_200_000, 4), 100_000);
        // Costs above income do not make the figure negative.
        assert_eq!(monthly_per_person_fen(100, 1_000, 2), 0);
    }

    #[test]
    fn deep_hardship_is_strictly_below_dibao() {
        // One person, ¥1,000 a month exactly: not deep, relative.
        let at = self_check(&input(12 * DIBAO, 1), DIBAO);
        assert_eq!(at.monthly_per_person_fen, DIBAO);
        assert_eq!(at.category, HardshipCategory::Relative);
        let below = self_check(&input(12 * DIBAO - 12, 1), DIBAO);
        assert_eq!(below.monthly_per_person_fen, DIBAO - 1);
        assert_eq!(below.category, HardshipCategory::Deep);
    }

    #[test]
    fn relative_hardship_is_strictly_below_twice_dibao() {
        let at = self_check(&input(12 * 2 * DIBAO, 1), DIBAO);
        assert_eq!(at.category, HardshipCategory::NotEligible);
        let below = self_check(&input(12 * 2 * DIBAO - 12, 1), DIBAO);
        assert_eq!(below.category, HardshipCategory::Relative);
    }

    #[test]
    fn household_size_divides_the_figure() {
        // ¥72,000 a year: ¥6,000 for one person, ¥1,500 each for four.
        assert_eq!(
            self_check(&input(7_200_000, 1), DIBAO).category,
            HardshipCategory::NotEligible
        );
        assert_eq!(
            self_check(&input(7_200_000, 4), DIBAO).category,
            HardshipCategory::Relative
        );
    }

    #[test]
    fn accident_or_costs_over_eighty_percent_of_income() {
        let mut i = input(12 * 5 * DIBAO, 1);
        assert_eq!(
            self_check(&i, DIBAO).category,
            HardshipCategory::NotEligible
        );
        i.accident = true;
        assert_eq!(self_check(&i, DIBAO).category, HardshipCategory::Accident);
        i.accident = false;
        // Exactly 80% is not over 80%.
        i.hardship_costs_fen = i.income_fen * 80 / 100;
        assert_eq!(
            self_check(&i, DIBAO).category,
            HardshipCategory::NotEligible
        );
        i.hardship_costs_fen += 1;
        assert_eq!(self_check(&i, DIBAO).category, HardshipCategory::Accident);
    }

    #[test]
    fn input_is_checked_with_messages_in_both_languages() {
        let mut i = input(-1, 0);
        i.fixed_costs_fen = MAX_INPUT_FEN + 1;
        let errs = i.validate().unwrap_err();
        for f in ["income_fen", "fixed_costs_fen", "household"] {
            let t = errs.get(f).expect(f);
            assert!(!t.zh.is_empty() && !t.en.is_empty());
        }
        assert!(errs.get("hardship_costs_fen").is_none());
        assert!(input(0, MAX_HOUSEHOLD).validate().is_ok());
        assert!(input(0, MAX_HOUSEHOLD + 1).validate().is_err());
        assert!(validate_dibao(0).is_err());
        assert!(validate_dibao(MAX_DIBAO_FEN).is_ok());
    }

    #[test]
    fn the_explanation_shows_the_numbers() {
        let i = SelfCheckInput {
            income_fen: 6_000_000,
            fixed_costs_fen: 1_200_000,
            household: 4,
            accident: false,
            hardship_costs_fen: 0,
        };
        let r = self_check(&i, 110_000);
        assert_eq!(r.category, HardshipCategory::Deep);
        let t = r.explanation(&i);
        assert!(t.zh.contains("÷ 4 人"), "{}", t.zh);
        assert!(t.zh.contains("深度困难"), "{}", t.zh);
        assert!(t.en.contains("Deep hardship"), "{}", t.en);
    }
}
