//! Mainland mobile numbers: 11 digits starting with 1[3-9]. Spaces, dashes and a
//! +86 / 0086 prefix are tolerated in input and removed.

use crate::lang::Text;

/// The number in its canonical 11-digit form, or why it is not one.
pub fn parse_mobile(raw: &str) -> Result<String, Text> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .unwrap_or(&digits)
        .to_string();
    if digits.is_empty() {
        return Err(crate::error::why::required());
    }
    let ok = digits.len() == 11
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.starts_with('1')
        && (b'3'..=b'9').contains(&digits.as_bytes()[1]);
    if ok {
        Ok(digits)
    } else {
        Err(Text::new(
            "手机号应为11位数字,以13到19开头",
            "A mobile number has 11 digits and starts with 13–19",
        ))
    }
}

/// `138****5678`: enough to recognise one's own number, no more.
pub fn mask_mobile(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "****".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mainland_mobiles_in_common_spellings() {
        assert_eq!(parse_mobile("13800138000").unwrap(), "13800138000");
        assert_eq!(parse_mobile("+86 138-0013-8000").unwrap(), "13800138000");
        assert_eq!(parse_mobile("0086 19912345678").unwrap(), "19912345678");
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "1380013800",
            "138001380001",
            "12800138000",
            "23800138000",
            "1380013800a",
            "010-12345678",
        ] {
            assert!(parse_mobile(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn masks_the_middle() {
        assert_eq!(mask_mobile("13800138000"), "138****8000");
        assert_eq!(mask_mobile("x"), "****");
    }
}
