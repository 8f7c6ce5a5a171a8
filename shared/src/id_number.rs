//! Resident ID numbers (公民身份号码) per GB 11643-1999: a six-digit address code
//! (GB/T 2260), the birth date `YYYYMMDD`, a three-digit sequence (odd for men,
//! even for women) and a check character by ISO 7064 MOD 11-2.
//!
//! An ID number is sensitive personal information (PIPL Art. 28). [`IdNumber`]
//! therefore has no `Display` and no `Serialize`: its `Debug` is masked, and the
//! plain number is reached only through [`IdNumber::expose`], which the Worker
//! calls to encrypt and to compute the keyed hash, and nowhere else.

use crate::lang::Text;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Weights of the 17 information digits: 2^(17-i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each remainder of the weighted sum mod 11.
const CHECK: [u8; 11] = *b"10X98765432";

/// First two digits in use (GB/T 2260 province-level codes): 11–15 north,
/// 21–23 north-east, 31–37 east, 41–46 central-south, 50–54 south-west,
/// 61–65 north-west, 71 Taiwan (listed in GB/T 2260); 81, 82, 83 are the
/// `810000`/`820000`/`830000` codes of residence permits for people from
/// Hong Kong, Macao and Taiwan (港澳台居民居住证, 2018), which use the same format.
const PROVINCES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// The earliest birth date accepted.
pub fn earliest_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")
}

crate::vocabulary! {
    /// Gender as recorded in the ID number.
    pub enum Gender {
        Male = "male", "男", "Male";
        Female = "female", "女", "Female";
    }
}

/// Why a typed ID number was refused. [`IdNumberError::why`] says it plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdNumberError {
    Empty,
    /// 15 digits: the first-generation number, no longer valid since 2013.
    OldFifteenDigits,
    /// Neither 15 digits nor 18 characters; holds the count typed.
    WrongLength(usize),
    /// Something other than digits, or an X anywhere but last.
    BadCharacters,
    /// The first two digits are no province's code.
    UnknownArea,
    /// Digits 7–14 are no calendar date (e.g. 19490230).
    NotADate,
    /// A real date, but after today or before 1900.
    DateOutOfRange,
    /// The 18th character does not match the other 17.
    CheckCharacter,
}

impl IdNumberError {
    /// The reason shown under the field.
    pub fn why(self) -> Text {
        match self {
            IdNumberError::Empty => Text::new("请填写身份证号", "Please enter your ID number"),
            IdNumberError::OldFifteenDigits => Text::new(
                "这是老的15位号码,请填写现在身份证上的18位号码",
                "This is an old 15-digit number; enter the 18-character number on your current ID card",
            ),
            IdNumberError::WrongLength(n) => Text::owned(
                format!("身份证号应该是18位,现在填了{n}位"),
                format!("An ID number has 18 characters; you entered {n}"),
            ),
            IdNumberError::BadCharacters => Text::new(
                "身份证号只能填数字,只有最后一位可以是X",
                "Use digits only; only the last character may be X",
            ),
            IdNumberError::UnknownArea => Text::new(
                "前两位是省份代码,没有这个代码,请核对",
                "The first two digits are a province code, and this code does not exist; please check",
            ),
            IdNumberError::NotADate => Text::new(
                "第7到14位是出生日期,没有这一天,请核对",
                "Digits 7 to 14 are the date of birth, and this date does not exist; please check",
            ),
            IdNumberError::DateOutOfRange => Text::new(
                "第7到14位的出生日期不对,不能晚于今天,也不能早于1900年,请核对",
                "Digits 7 to 14 are the date of birth; it cannot be after today or before 1900; please check",
            ),
            IdNumberError::CheckCharacter => Text::new(
                "最后一位校验码不对,请核对",
                "The last character (the check character) does not match; please check the number",
            ),
        }
    }
}

/// A valid 18-character ID number in canonical form (ASCII digits, upper-case X).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber([u8; 18]);

impl IdNumber {
    /// Checks a number as typed. Spaces anywhere and invisible characters are
    /// dropped, full-width digits become ASCII, and `x`/`ｘ`/`Ｘ` become `X`.
    /// `today` (Asia/Shanghai) bounds the birth date; no clock is read here.
    pub fn parse(input: &str, today: NaiveDate) -> Result<IdNumber, IdNumberError> {
        let chars = normalise(input);
        if chars.is_empty() {
            return Err(IdNumberError::Empty);
        }
        if chars.len() != 18 {
            return Err(
                if chars.len() == 15 && chars.iter().all(char::is_ascii_digit) {
                    IdNumberError::OldFifteenDigits
                } else {
                    IdNumberError::WrongLength(chars.len())
                },
            );
        }
        let mut bytes = [0u8; 18];
        for (i, c) in chars.iter().enumerate() {
            let ok = c.is_ascii_digit() || (i == 17 && *c == 'X');
            if !ok {
                return Err(IdNumberError::BadCharacters);
            }
            bytes[i] = *c as u8;
        }
        let province = (bytes[0] - b'0') * 10 + (bytes[1] - b'0');
        if !PROVINCES.contains(&province) {
            return Err(IdNumberError::UnknownArea);
        }
        let date = birth_date_of(&bytes).ok_or(IdNumberError::NotADate)?;
        if date < earliest_birth_date() || date > today {
            return Err(IdNumberError::DateOutOfRange);
        }
        let first17: &[u8; 17] = bytes[..17].try_into().expect("17 bytes");
        if check_character(first17) != bytes[17] {
            return Err(IdNumberError::CheckCharacter);
        }
        Ok(IdNumber(bytes))
    }

    /// The plain number, e.g. `11010519491231002X`. Call only to encrypt it, to
    /// compute its keyed hash, or in the audited reveal; never log or display it.
    pub fn expose(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII by construction")
    }

    /// The address code (first 6 digits) with everything after it hidden:
    /// `110105************`. The birth date, the sequence and the check
    /// character stay hidden, so the mask with the birth year and gender shown
    /// beside it leaves ≥ 10,000 candidates ([`crate::membership::disclosure`]).
    pub fn masked(&self) -> String {
        format!("{}{}", &self.expose()[..6], "*".repeat(12))
    }

    /// The year of birth (digits 7–10).
    pub fn birth_year(&self) -> i32 {
        self.birth_date().year()
    }

    /// Male when the 17th digit is odd.
    pub fn gender(&self) -> Gender {
        if (self.0[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// The date of birth in digits 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        birth_date_of(&self.0).expect("checked at parse")
    }

    /// Age in whole years on `today`.
    pub fn age_on(&self, today: NaiveDate) -> u32 {
        let born = self.birth_date();
        let had_birthday = (today.month(), today.day()) >= (born.month(), born.day());
        (today.year() - born.year() - i32::from(!had_birthday)).max(0) as u32
    }
}

/// Masked, so an ID number in a `{:?}` or a panic message leaks nothing.
impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

/// The ISO 7064 MOD 11-2 check character of 17 ASCII digits.
pub fn check_character(first17: &[u8; 17]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

fn birth_date_of(bytes: &[u8; 18]) -> Option<NaiveDate> {
    let num = |r: std::ops::Range<usize>| {
        bytes[r]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(num(6..10) as i32, num(10..12), num(12..14))
}

/// Drops whitespace (incl. the ideographic space) and zero-width characters,
/// maps full-width digits to ASCII and every form of x to `X`.
fn normalise(input: &str) -> Vec<char> {
    input
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        })
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'x' | 'ｘ' | 'Ｘ' => 'X',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EXAMPLE: &str = "11010519491231002X";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn with_check(first17: &str) -> String {
        let b: &[u8; 17] = first17.as_bytes().try_into().unwrap();
        format!("{first17}{}", check_character(b) as char)
    }

    #[test]
    fn the_standard_example_is_a_woman_born_on_new_years_eve_1949() {
        let id = IdNumber::parse(EXAMPLE, today()).unwrap();
        assert_eq!(id.expose(), EXAMPLE);
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.masked(), "110105************");
        assert_eq!(id.birth_year(), 1949);
        assert_eq!(id.age_on(today()), 75);
        assert_eq!(
            id.age_on(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()),
            76
        );
    }

    #[test]
    fn debug_output_never_shows_the_middle() {
        let id = IdNumber::parse(EXAMPLE, today()).unwrap();
        let shown = format!("{id:?} {:?}", Some(&id));
        assert!(
            !shown.contains("19491231") && !shown.contains("002X"),
            "{shown}"
        );
        assert!(shown.contains("110105************"));
    }

    #[test]
    fn typing_variants_are_normalised() {
        for typed in [
            "11010519491231002x",
            " 110105 19491231 002X ",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            "110105\u{3000}19491231\u{200B}002X\n",
        ] {
            let id = IdNumber::parse(typed, today()).unwrap_or_else(|e| panic!("{typed:?}: {e:?}"));
            assert_eq!(id.expose(), EXAMPLE);
        }
    }

    #[test]
    fn each_problem_gets_its_own_reason() {
        let t = today();
        assert_eq!(IdNumber::parse("  ", t), Err(IdNumberError::Empty));
        assert_eq!(
            IdNumber::parse("110105491231002", t),
            Err(IdNumberError::OldFifteenDigits)
        );
        assert_eq!(
            IdNumber::parse("1101051949123100", t),
            Err(IdNumberError::WrongLength(16))
        );
        assert_eq!(
            IdNumber::parse("11010519491231002XX", t),
            Err(IdNumberError::WrongLength(19))
        );
        assert_eq!(
            IdNumber::parse("1101051949123100X2", t),
            Err(IdNumberError::BadCharacters)
        );
        assert_eq!(
            IdNumber::parse("11010519491231-02X", t),
            Err(IdNumberError::BadCharacters)
        );
        assert_eq!(
            IdNumber::parse(&with_check("10010519491231002"), t),
            Err(IdNumberError::UnknownArea)
        );
        assert_eq!(
            IdNumber::parse(&with_check("91010519491231002"), t),
            Err(IdNumberError::UnknownArea)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010519490230002"), t),
            Err(IdNumberError::NotADate)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010519491331002"), t),
            Err(IdNumberError::NotADate)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010518991231002"), t),
            Err(IdNumberError::DateOutOfRange)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010520250602002"), t),
            Err(IdNumberError::DateOutOfRange)
        );
        assert!(
            IdNumber::parse(&with_check("11010520250601002"), t).is_ok(),
            "born today"
        );
        assert!(
            IdNumber::parse(&with_check("11010520000229002"), t).is_ok(),
            "leap day"
        );
        assert_eq!(
            IdNumber::parse("110105194912310021", t),
            Err(IdNumberError::CheckCharacter)
        );
        assert_eq!(
            IdNumberError::CheckCharacter.why().zh,
            "最后一位校验码不对,请核对"
        );
        assert_eq!(
            IdNumberError::WrongLength(16).why().zh,
            "身份证号应该是18位,现在填了16位"
        );
    }

    #[test]
    fn every_listed_province_and_residence_permit_prefix_is_accepted() {
        for p in PROVINCES {
            let id = with_check(&format!("{p:02}000019800101001"));
            assert!(IdNumber::parse(&id, today()).is_ok(), "{id}");
        }
        // A Hong Kong resident's residence permit number.
        assert!(IdNumber::parse(&with_check("81000019800101001"), today()).is_ok());
        for p in [
            0, 10, 16, 20, 24, 30, 38, 40, 47, 49, 55, 60, 66, 70, 72, 80, 84, 90, 99,
        ] {
            let id = with_check(&format!("{p:02}000019800101001"));
            assert_eq!(
                IdNumber::parse(&id, today()),
                Err(IdNumberError::UnknownArea),
                "{id}"
            );
        }
    }

    #[test]
    fn check_guards_single_errors_but_not_double_ones() {
        // MOD 11-2 promises to catch one wrong character, not two: changing two
        // digits so their weighted change sums to 0 mod 11 passes. Digits 15 and
        // 16 have weights 8 and 4: +1 at one and +9 at the other adds 8+36 = 44.
        // ("0 0" became "1 9".)
        let twice_wrong = "11010519491231192X";
        let original = IdNumber::parse(EXAMPLE, today()).unwrap();
        let other = IdNumber::parse(twice_wrong, today()).expect("a double error can slip through");
        assert_ne!(original, other);
    }

    const CHARS: &[u8; 11] = b"0123456789X";

    /// Valid numbers: any listed province, any area digits, any date from 1900 to
    /// today, any sequence; the check character computed.
    fn valid_number() -> impl Strategy<Value = String> {
        let days = (today() - earliest_birth_date()).num_days();
        (
            prop::sample::select(PROVINCES.to_vec()),
            0u32..10_000,
            0..=days,
            0u32..1000,
        )
            .prop_map(|(p, area, d, seq)| {
                let born = earliest_birth_date() + chrono::Duration::days(d);
                with_check(&format!("{p:02}{area:04}{}{seq:03}", born.format("%Y%m%d")))
            })
    }

    proptest! {
        #[test]
        fn generated_valid_numbers_pass(n in valid_number()) {
            let id = IdNumber::parse(&n, today()).unwrap();
            prop_assert_eq!(id.expose(), n.as_str());
            let seq_odd = (n.as_bytes()[16] - b'0') % 2 == 1;
            prop_assert_eq!(id.gender() == Gender::Male, seq_odd);
            prop_assert_eq!(id.birth_date().format("%Y%m%d").to_string(), &n[6..14]);
            prop_assert_eq!(id.masked().len(), 18);
            prop_assert_eq!(&id.masked()[..6], &n[..6]);
            prop_assert!(id.masked()[6..].bytes().all(|b| b == b'*'));
            // The lower-case x form is the same number.
            prop_assert_eq!(IdNumber::parse(&n.to_lowercase(), today()).unwrap(), id);
        }

        #[test]
        fn any_single_character_substitution_is_caught(n in valid_number(), pos in 0usize..18, pick in 0usize..11) {
            let mut bytes = n.clone().into_bytes();
            prop_assume!(bytes[pos] != CHARS[pick]);
            bytes[pos] = CHARS[pick];
            let corrupted = String::from_utf8(bytes).unwrap();
            let result = IdNumber::parse(&corrupted, today());
            prop_assert!(result.is_err(), "{} accepted", corrupted);
            if pos == 17 {
                prop_assert_eq!(result, Err(IdNumberError::CheckCharacter));
            }
        }

        /// Swapping neighbours a,b changes the weighted sum by (a-b)·w(i+1), never
        /// 0 mod 11 since w(i) = 2·w(i+1): every adjacent transposition of two
        /// different characters is caught, the check character included.
        #[test]
        fn adjacent_transpositions_of_different_characters_are_caught(n in valid_number(), pos in 0usize..17) {
            let mut bytes = n.clone().into_bytes();
            prop_assume!(bytes[pos] != bytes[pos + 1]);
            bytes.swap(pos, pos + 1);
            let swapped = String::from_utf8(bytes).unwrap();
            prop_assert!(IdNumber::parse(&swapped, today()).is_err(), "{} accepted", swapped);
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
            let _ = IdNumber::parse(&s, today());
        }
    }
}
