//! What may be shown or stored beside a sealed ID number (issue 12, item 1).
//!
//! **Rule:** everything shown without the audited reveal, taken together (the
//! mask, the birth year, the gender, every other field), and everything D1
//! stores beside the sealed value and its blind index, must leave at least
//! [`MIN_CANDIDATES`] ID numbers it could be. Otherwise the "masked" number is
//! the number: the old mask `110105********002X` showed the sequence and the
//! check character, and the birth date stood beside it, so it left exactly one.
//!
//! What is disclosed now ([`Disclosure::of`]): the address code (the mask
//! `110105************`), the gender and the birth *year*. That leaves every day
//! of the year (up to today) times the 500 sequences of that gender, the check
//! character following from them: 365 × 500 = 182,500. The enrolment form still
//! asks for the full birth date, to check it against the number, and keeps only
//! the year. Age is never shown (it would add nothing the year does not, but a
//! birthday-exact age would). The hometown (籍贯) says no more than the address
//! code already does.
//!
//! [`candidates`] counts exactly: it enumerates the dates and sequences
//! consistent with what is disclosed and, when the check character is shown,
//! keeps only those whose MOD 11-2 check matches it.

use crate::id_number::{check_character, earliest_birth_date, Gender, IdNumber};
use chrono::{Datelike, NaiveDate};

/// The least number of ID numbers that what is disclosed may leave.
pub const MIN_CANDIDATES: u64 = 10_000;

/// Weights of the 17 information digits (GB 11643).
const WEIGHTS: [u64; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// What an observer learns about one person's ID number without the reveal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosed<'a> {
    /// 18 characters, `*` where hidden (e.g. `110105************`).
    pub mask: &'a str,
    pub birth_date: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub gender: Option<Gender>,
}

/// What the product shows and stores beside a sealed ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    pub masked: String,
    pub gender: Gender,
    /// `None` when even the year would leave too few candidates (born in the
    /// first days of the current year).
    pub birth_year: Option<i32>,
}

impl Disclosure {
    /// The mask, the gender and (when it keeps the rule) the birth year.
    pub fn of(id: &IdNumber, today: NaiveDate) -> Disclosure {
        let masked = id.masked();
        let gender = id.gender();
        let year = id.birth_year();
        let with_year = Disclosed {
            mask: &masked,
            birth_date: None,
            birth_year: Some(year),
            gender: Some(gender),
        };
        let birth_year = (candidates(&with_year, today) >= MIN_CANDIDATES).then_some(year);
        Disclosure {
            masked,
            gender,
            birth_year,
        }
    }

    /// How many ID numbers this leaves.
    pub fn candidates(&self, today: NaiveDate) -> u64 {
        candidates(
            &Disclosed {
                mask: &self.masked,
                birth_date: None,
                birth_year: self.birth_year,
                gender: Some(self.gender),
            },
            today,
        )
    }
}

/// Whether what is disclosed keeps the rule.
pub fn keeps_the_rule(d: &Disclosed, today: NaiveDate) -> bool {
    candidates(d, today) >= MIN_CANDIDATES
}

/// The number of valid ID numbers (birth date from 1900 to `today`) consistent
/// with `d`. A hidden address digit counts as any of ten (an upper bound there;
/// the product always shows the address code). A malformed mask counts 0.
pub fn candidates(d: &Disclosed, today: NaiveDate) -> u64 {
    let mask: Vec<u8> = d.mask.bytes().collect();
    if mask.len() != 18 {
        return 0;
    }
    let shown = |i: usize| (mask[i] != b'*').then_some(mask[i]);
    let digit_ok = |i: usize, digit: u8| shown(i).is_none_or(|c| c == b'0' + digit);
    if (0..17).any(|i| shown(i).is_some_and(|c| !c.is_ascii_digit())) {
        return 0;
    }

    // Each part's weighted sums mod 11, as counts per remainder.
    let mut region = [0u64; 11];
    let hidden: Vec<usize> = (0..6).filter(|&i| shown(i).is_none()).collect();
    let fixed: u64 = (0..6)
        .filter_map(|i| shown(i).map(|c| u64::from(c - b'0') * WEIGHTS[i]))
        .sum();
    for combo in 0..10u64.pow(hidden.len() as u32) {
        let mut rest = combo;
        let mut sum = fixed;
        for &i in &hidden {
            sum += (rest % 10) * WEIGHTS[i];
            rest /= 10;
        }
        region[(sum % 11) as usize] += 1;
    }

    let mut dates = [0u64; 11];
    let (mut day, last) = match (d.birth_date, d.birth_year) {
        (Some(b), _) => (b, b),
        (None, Some(y)) => (
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(today),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(today),
        ),
        (None, None) => (earliest_birth_date(), today),
    };
    day = day.max(earliest_birth_date());
    let last = last.min(today);
    while day <= last {
        let digits = day.format("%Y%m%d").to_string();
        let fits = d.birth_date.is_none_or(|b| b == day)
            && d.birth_year.is_none_or(|y| y == day.year())
            && digits
                .bytes()
                .enumerate()
                .all(|(k, c)| digit_ok(6 + k, c - b'0'));
        if fits {
            let sum: u64 = digits
                .bytes()
                .enumerate()
                .map(|(k, c)| u64::from(c - b'0') * WEIGHTS[6 + k])
                .sum();
            dates[(sum % 11) as usize] += 1;
        }
        day = day.succ_opt().expect("dates before today have a next day");
    }

    let mut sequences = [0u64; 11];
    for seq in 0..1000u32 {
        let digits = [seq / 100, seq / 10 % 10, seq % 10].map(|n| n as u8);
        let male = digits[2] % 2 == 1;
        let fits = d.gender.is_none_or(|g| (g == Gender::Male) == male)
            && digits.iter().enumerate().all(|(k, &n)| digit_ok(14 + k, n));
        if fits {
            let sum: u64 = digits
                .iter()
                .enumerate()
                .map(|(k, &n)| u64::from(n) * WEIGHTS[14 + k])
                .sum();
            sequences[(sum % 11) as usize] += 1;
        }
    }

    let mut total = 0;
    for (a, ra) in region.iter().enumerate() {
        for (b, rb) in dates.iter().enumerate() {
            for (c, rc) in sequences.iter().enumerate() {
                let remainder = (a + b + c) % 11;
                if shown(17).is_none_or(|ch| ch == check_of_remainder(remainder)) {
                    total += ra * rb * rc;
                }
            }
        }
    }
    total
}

/// The check character of a weighted sum's remainder (the table of GB 11643).
fn check_of_remainder(remainder: usize) -> u8 {
    // check_character works on digits; the remainder table is its last step.
    let mut first17 = [b'0'; 17];
    // Weight of position 7 (index 7) is 1: a digit there adds itself, so any
    // remainder 0..=9 is reached directly; 10 needs weight 10 (index 2) once.
    if remainder == 10 {
        first17[2] = b'1';
    } else {
        first17[7] = b'0' + remainder as u8;
    }
    check_character(&first17)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EXAMPLE: &str = "11010519491231002X";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn example() -> IdNumber {
        IdNumber::parse(EXAMPLE, today()).unwrap()
    }

    #[test]
    fn the_remainder_table_is_gb_11643s() {
        let chars: Vec<u8> = (0..11).map(check_of_remainder).collect();
        assert_eq!(chars, b"10X98765432".to_vec());
    }

    #[test]
    fn mask_birth_year_and_gender_leave_a_year_of_days_times_500_sequences() {
        let shown = Disclosure::of(&example(), today());
        assert_eq!(shown.masked, "110105************");
        assert_eq!(shown.birth_year, Some(1949));
        assert_eq!(shown.gender, Gender::Female);
        let n = shown.candidates(today());
        assert_eq!(n, 365 * 500);
        assert!(n >= MIN_CANDIDATES);
    }

    #[test]
    fn the_old_mask_beside_the_birth_date_gave_the_number_back() {
        // What the review queue showed and D1 stored before: the mask with the
        // sequence and check character, and the birth date beside it.
        let old = Disclosed {
            mask: "110105********002X",
            birth_date: NaiveDate::from_ymd_opt(1949, 12, 31),
            birth_year: None,
            gender: Some(Gender::Female),
        };
        assert_eq!(candidates(&old, today()), 1);
        assert!(!keeps_the_rule(&old, today()));
        // The new mask beside the full birth date still fails: 500 sequences.
        let date_beside_new_mask = Disclosed {
            mask: "110105************",
            ..old.clone()
        };
        assert_eq!(candidates(&date_beside_new_mask, today()), 500);
        assert!(!keeps_the_rule(&date_beside_new_mask, today()));
        // The old mask alone (digits 15–18 shown) leaves only the dates whose
        // check matches: about one in eleven of 46,000 days.
        let old_mask_alone = Disclosed {
            mask: "110105********002X",
            birth_date: None,
            birth_year: None,
            gender: None,
        };
        let n = candidates(&old_mask_alone, today());
        assert!((3_000..6_000).contains(&n), "{n}");
        assert!(!keeps_the_rule(&old_mask_alone, today()));
        // And with the year: a few dozen.
        let with_year = Disclosed {
            birth_year: Some(1949),
            ..old_mask_alone
        };
        assert!(candidates(&with_year, today()) < 100);
    }

    #[test]
    fn the_check_character_is_counted_exactly() {
        // All but the check character shown: one number, whatever its check.
        let all_but_check = Disclosed {
            mask: "11010519491231002*",
            birth_date: None,
            birth_year: None,
            gender: None,
        };
        assert_eq!(candidates(&all_but_check, today()), 1);
        let wrong_check = Disclosed {
            mask: "110105194912310021",
            ..all_but_check.clone()
        };
        assert_eq!(candidates(&wrong_check, today()), 0);
        let right_check = Disclosed {
            mask: EXAMPLE,
            ..all_but_check
        };
        assert_eq!(candidates(&right_check, today()), 1);
        // The last three sequence digits hidden, check shown: about 1000 / 11.
        let seq_hidden = Disclosed {
            mask: "11010519491231***X",
            birth_date: None,
            birth_year: None,
            gender: None,
        };
        let n = candidates(&seq_hidden, today());
        assert!((80..100).contains(&n), "{n}");
    }

    #[test]
    fn a_birth_year_that_would_leave_too_few_is_withheld() {
        // Born on 3 January of this year: only three days of the year so far.
        let jan = NaiveDate::from_ymd_opt(2025, 1, 5).unwrap();
        let first17: &[u8; 17] = b"11010520250103002";
        let number = format!("11010520250103002{}", check_character(first17) as char);
        let id = IdNumber::parse(&number, jan).unwrap();
        let shown = Disclosure::of(&id, jan);
        assert_eq!(shown.birth_year, None);
        assert!(shown.candidates(jan) >= MIN_CANDIDATES);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn what_is_shown_of_any_number_leaves_at_least_10000(
            days in 0i64..=(today() - earliest_birth_date()).num_days(),
            seq in 0u32..1000,
            area in 0u32..10_000,
        ) {
            let born = earliest_birth_date() + chrono::Duration::days(days);
            let first17 = format!("11{area:04}{}{seq:03}", born.format("%Y%m%d"));
            let b: &[u8; 17] = first17.as_bytes().try_into().unwrap();
            let id = IdNumber::parse(&format!("{first17}{}", check_character(b) as char), today()).unwrap();
            let shown = Disclosure::of(&id, today());
            prop_assert!(shown.candidates(today()) >= MIN_CANDIDATES);
            prop_assert_eq!(&shown.masked[..6], &first17[..6]);
        }
    }
}
