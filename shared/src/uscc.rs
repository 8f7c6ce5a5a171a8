//! Unified social credit codes (统一社会信用代码, GB 32100-2015): the 18-character
//! registration number of every company, labour subcontractor and organisation
//! in China. Employers are checked against it before union staff verify them.
//!
//! Layout: 1 registration authority · 2 organisation type · 3–8 administrative
//! division (digits) · 9–17 organisation code · 18 check character.

use crate::lang::Text;
use std::fmt;

/// The 31 characters a code may use, in value order (no I, O, S, V, Z).
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A code whose length, characters and check character are right, upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uscc(String);

fn value(c: u8) -> Option<u32> {
    CHARSET.iter().position(|&x| x == c).map(|v| v as u32)
}

/// The check character for the first 17 characters, or `None` if one is not in the charset.
pub fn check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in b.iter().zip(WEIGHTS) {
        sum += value(*c)? * w;
    }
    let v = (31 - sum % 31) % 31;
    Some(CHARSET[v as usize] as char)
}

/// Upper-case ASCII without any whitespace; full-width letters and digits (from
/// Chinese input methods) become ASCII.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Uscc {
    /// Checks a typed-in code; the error says what is wrong in plain words.
    pub fn parse(raw: &str) -> Result<Uscc, Text> {
        let code = normalize(raw);
        let n = code.chars().count();
        if n == 0 {
            return Err(crate::error::why::required());
        }
        if n != 18 {
            return Err(Text::owned(
                format!("统一社会信用代码是18位,您填了{n}位"),
                format!("A unified social credit code has 18 characters; this has {n}"),
            ));
        }
        if let Some((i, c)) = code
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii() || value(*c as u8).is_none())
        {
            let pos = i + 1;
            let hint = match c {
                'O' => ("(是不是数字0?)", " (did you mean the digit 0?)"),
                'I' => ("(是不是数字1?)", " (did you mean the digit 1?)"),
                _ => ("", ""),
            };
            return Err(Text::owned(
                format!("第{pos}位“{c}”不对:代码只用数字和大写字母,不用 I、O、S、V、Z{}", hint.0),
                format!("Character {pos} \"{c}\" is wrong: codes use digits and capital letters except I, O, S, V, Z{}", hint.1),
            ));
        }
        if !code.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err(Text::new(
                "第3到8位是行政区划代码,应全为数字",
                "Characters 3 to 8 are the division code and must be digits",
            ));
        }
        if check_char(&code[..17]) != code.chars().nth(17) {
            return Err(Text::new(
                "统一社会信用代码有误(最后一位校验码对不上),请对照营业执照重新填写",
                "This code is not valid (its last, check character does not match); copy it again from the business licence",
            ));
        }
        Ok(Uscc(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six-digit administrative division of the registering authority, e.g. `350100`.
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }

    /// What kind of registrant this is, for the codes employers carry (authority 9:
    /// market regulation). `None` for other authorities and types.
    pub fn registrant_kind(&self) -> Option<Text> {
        match &self.0[..2] {
            "91" => Some(Text::new("企业", "Company")),
            "92" => Some(Text::new("个体工商户", "Individual business")),
            "93" => Some(Text::new("农民专业合作社", "Farmers' cooperative")),
            _ => None,
        }
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The normalised code, or why it is not one (for `FieldErrors::check`).
pub fn parse_uscc(raw: &str) -> Result<String, Text> {
    Uscc::parse(raw).map(|u| u.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real codes from public business registrations; each check character was
    /// also computed by hand from the weights above.
    const VALID: &[&str] = &[
        "91350100M000100Y43",
        "91110000802100433B",
        "914403001922038216",
        "91310000775785552L",
        "91440300708461136T",
        "91110108551385082Q",
    ];

    #[test]
    fn published_codes_pass() {
        for code in VALID {
            let u = Uscc::parse(code).unwrap_or_else(|e| panic!("{code}: {}", e.zh));
            assert_eq!(u.as_str(), *code);
        }
    }

    #[test]
    fn check_character_is_computed_from_the_weights() {
        // 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28 = 1640
        // (the zeros add nothing); 1640 mod 31 = 28; 31 − 28 = 3.
        assert_eq!(check_char("91350100M000100Y4"), Some('3'));
        assert_eq!(check_char("91350100M000100Y"), None);
        assert_eq!(check_char("91350100M000100YO"), None);
        // A sum divisible by 31 gives check value 0 (31 → 0), never an out-of-range 31.
        assert_eq!(check_char("00000000000000000"), Some('0'));
    }

    #[test]
    fn normalises_case_spaces_and_full_width() {
        let u = Uscc::parse(" 9135 0100 m000 100y43\t").unwrap();
        assert_eq!(u.as_str(), "91350100M000100Y43");
        let full_width = "９１３５０１００Ｍ０００１００Ｙ４３";
        assert_eq!(
            Uscc::parse(full_width).unwrap().as_str(),
            "91350100M000100Y43"
        );
        assert_eq!(
            parse_uscc("91350100m000100y43").unwrap(),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn every_single_character_corruption_is_caught() {
        for code in VALID {
            for pos in 0..18 {
                for &c in CHARSET {
                    let mut bytes = code.as_bytes().to_vec();
                    if bytes[pos] == c {
                        continue;
                    }
                    bytes[pos] = c;
                    let bad = String::from_utf8(bytes).unwrap();
                    assert!(Uscc::parse(&bad).is_err(), "{bad} should fail");
                }
            }
        }
    }

    #[test]
    fn swapped_neighbours_are_caught() {
        let code = VALID[0].as_bytes();
        for pos in 0..17 {
            if code[pos] == code[pos + 1] {
                continue;
            }
            let mut b = code.to_vec();
            b.swap(pos, pos + 1);
            assert!(
                Uscc::parse(std::str::from_utf8(&b).unwrap()).is_err(),
                "swap at {pos}"
            );
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Uscc::parse("  ").unwrap_err().zh, "这一项必须填写");
        let short = Uscc::parse("91350100M000100Y4").unwrap_err();
        assert!(
            short.zh.contains("18位") && short.zh.contains("17位"),
            "{}",
            short.zh
        );
        let letter_o = Uscc::parse("91350100MO00100Y43").unwrap_err();
        assert!(
            letter_o.zh.contains("第10位") && letter_o.zh.contains("数字0"),
            "{}",
            letter_o.zh
        );
        let chinese = Uscc::parse("91350100M000100Y4三").unwrap_err();
        assert!(chinese.zh.contains("第18位"), "{}", chinese.zh);
        let division = Uscc::parse("9135A100M000100Y43").unwrap_err();
        assert!(division.zh.contains("行政区划"), "{}", division.zh);
        let check = Uscc::parse("91350100M000100Y44").unwrap_err();
        assert!(check.zh.contains("校验码"), "{}", check.zh);
        assert!(check.en.contains("check character"));
    }

    #[test]
    fn parts_are_readable() {
        let u = Uscc::parse(VALID[0]).unwrap();
        assert_eq!(u.division(), "350100");
        assert_eq!(u.registrant_kind().unwrap().zh, "企业");
        assert_eq!(u.to_string(), VALID[0]);
    }
}
