//! Member numbers (会员编号): `{union_code}-{year}-{seq}`, e.g.
//! `AH-HF-YH-2025-000123` for the 123rd member that union took in 2025.
//!
//! - `union_code` is the union's stable code ([`crate::unions::is_union_code`]);
//! - `year` is the Asia/Shanghai year of approval, four digits;
//! - `seq` counts from 1 within that union and year, zero-padded to six digits.
//!
//! Only `A–Z`, `0–9` and `-` occur, so a number goes into URLs and QR codes as
//! it is, and numbers of one union and year sort as text in issue order. The
//! code may itself contain hyphens; a number is read from the right. A member
//! who moves to another union gets that union's next number.

use crate::unions::is_union_code;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Highest sequence in one union and year.
pub const SEQ_MAX: u32 = 999_999;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberNo {
    union_code: String,
    year: u16,
    seq: u32,
}

impl MemberNo {
    /// A number from its parts; `None` for a bad code, a year outside
    /// 1900–9999 or a sequence outside 1–999999.
    pub fn new(union_code: &str, year: i32, seq: u32) -> Option<MemberNo> {
        let year_ok = (1900..=9999).contains(&year);
        (is_union_code(union_code) && year_ok && (1..=SEQ_MAX).contains(&seq)).then(|| MemberNo {
            union_code: union_code.to_string(),
            year: year as u16,
            seq,
        })
    }

    /// The next number of a union, for a member approved on `approved_on`
    /// (Asia/Shanghai). `last_seq` is the highest sequence that union has
    /// already issued that year, if any. `None` when the year is full.
    pub fn issue(
        union_code: &str,
        approved_on: NaiveDate,
        last_seq: Option<u32>,
    ) -> Option<MemberNo> {
        MemberNo::new(
            union_code,
            approved_on.year(),
            last_seq.unwrap_or(0).checked_add(1)?,
        )
    }

    /// The number after this one in the same union and year (for batch moves).
    pub fn following(&self) -> Option<MemberNo> {
        MemberNo::new(
            &self.union_code,
            i32::from(self.year),
            self.seq.checked_add(1)?,
        )
    }

    /// Reads a number as printed or typed (case and surrounding spaces ignored).
    /// Only the canonical form is accepted: six-digit sequence, four-digit year.
    pub fn parse(s: &str) -> Option<MemberNo> {
        let s = s.trim().to_ascii_uppercase();
        let mut parts = s.rsplitn(3, '-');
        let (seq, year, code) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(seq, 6) || !digits(year, 4) {
            return None;
        }
        MemberNo::new(code, year.parse().ok()?, seq.parse().ok()?)
    }

    pub fn union_code(&self) -> &str {
        &self.union_code
    }

    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }

    pub fn seq(&self) -> u32 {
        self.seq
    }
}

/// The canonical text, as printed on the card.
impl fmt::Display for MemberNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{:06}", self.union_code, self.year, self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_read_union_year_and_sequence() {
        let n = MemberNo::new("AH-HF-YH", 2025, 123).unwrap();
        assert_eq!(n.to_string(), "AH-HF-YH-2025-000123");
        assert_eq!(MemberNo::parse("AH-HF-YH-2025-000123"), Some(n.clone()));
        assert_eq!(MemberNo::parse("  ah-hf-yh-2025-000123 "), Some(n));
    }

    #[test]
    fn codes_ending_in_digits_are_read_from_the_right() {
        let n = MemberNo::new("BJ-2024", 2025, 7).unwrap();
        assert_eq!(n.to_string(), "BJ-2024-2025-000007");
        let back = MemberNo::parse("BJ-2024-2025-000007").unwrap();
        assert_eq!(
            (back.union_code(), back.year(), back.seq()),
            ("BJ-2024", 2025, 7)
        );
    }

    #[test]
    fn issuing_counts_per_union_and_year() {
        assert_eq!(
            MemberNo::issue("AH-HF-YH", day("2025-01-01"), None)
                .unwrap()
                .to_string(),
            "AH-HF-YH-2025-000001"
        );
        assert_eq!(
            MemberNo::issue("AH-HF-YH", day("2025-12-31"), Some(41))
                .unwrap()
                .to_string(),
            "AH-HF-YH-2025-000042"
        );
        assert_eq!(
            MemberNo::issue("AH-HF-YH", day("2025-12-31"), Some(SEQ_MAX)),
            None
        );
        let first = MemberNo::issue("JS-NT-QD", day("2026-03-01"), Some(9)).unwrap();
        let next = first.following().unwrap();
        assert_eq!(next.to_string(), "JS-NT-QD-2026-000011");
        assert!(
            first.to_string() < next.to_string(),
            "text order is issue order"
        );
        assert_eq!(
            MemberNo::new("A1", 2025, SEQ_MAX).unwrap().following(),
            None
        );
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in [
            "",
            "AH-HF-YH",
            "AH-HF-YH-2025",
            "AH-HF-YH-2025-123",
            "AH-HF-YH-2025-0000123",
            "AH-HF-YH-25-000123",
            "AH-HF-YH-2025-000000",
            "AH-HF-YH-1899-000001",
            "AH-HF-YH-2025-00012a",
            "AH_HF-2025-000001",
            "-2025-000001",
            "AH--HF-2025-000001",
            "合肥-2025-000001",
            "AH-HF-YH-2025-+00012",
        ] {
            assert_eq!(MemberNo::parse(bad), None, "{bad}");
        }
        assert_eq!(MemberNo::new("ah", 2025, 1), None);
        assert_eq!(MemberNo::new("AH", 2025, 0), None);
        assert_eq!(MemberNo::new("AH", 10_000, 1), None);
    }

    proptest! {
        #[test]
        fn every_issued_number_parses_back(code in "[A-Z0-9]{1,6}(-[A-Z0-9]{1,6}){0,3}", year in 1900i32..=9999, seq in 1u32..=SEQ_MAX) {
            prop_assume!(is_union_code(&code));
            let n = MemberNo::new(&code, year, seq).unwrap();
            let text = n.to_string();
            prop_assert!(text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert_eq!(MemberNo::parse(&text), Some(n));
        }
    }
}
