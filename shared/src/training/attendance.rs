//! Attendance: once per session per trainee, taken by scanning the session's
//! QR code or marked by staff, and recorded with how it was taken. Then the
//! hours-met rule (课时达标率): the share of the course's 课时 attended.
//!
//! The session code: `/training/check-in?s={session_id}&exp={unix_seconds}&sig={hex}`,
//! prefixed with the site's origin in the QR code that staff show on screen or
//! print. `sig` is HMAC-SHA256 over [`check_in_payload`] with a Worker secret
//! (the Worker signs and checks; nothing here does). It expires two hours after
//! the session ends, and the Worker accepts a scan only from an hour before the
//! session starts, so a photo of the poster is no use on another day.

use super::{decode_sig, hex, SIG_LEN};
use crate::lang::Text;
use crate::query::Query;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Path of the check-in page in the app.
pub const CHECK_IN_PATH: &str = "/training/check-in";
/// A scan counts from this long before the session starts…
pub const CHECK_IN_OPENS_MINUTES: i64 = 60;
/// …until this long after it ends (the code's expiry).
pub const CHECK_IN_CLOSES_MINUTES: i64 = 120;
const PAYLOAD_TAG: &str = "gongyou/training-check-in/v1";

crate::vocabulary! {
    /// How an attendance was taken.
    pub enum AttendanceMethod {
        Qr = "qr", "扫码签到", "Scanned the session code";
        Staff = "staff", "工作人员登记", "Marked by staff";
    }
}

/// Exactly the bytes the Worker HMACs: `gongyou/training-check-in/v1\n{session_id}\n{exp}`.
pub fn check_in_payload(session_id: i64, exp: i64) -> Vec<u8> {
    format!("{PAYLOAD_TAG}\n{session_id}\n{exp}").into_bytes()
}

/// The expiry of a session's code: two hours after the session ends.
pub fn check_in_expiry(ends_at: DateTime<Utc>) -> i64 {
    (ends_at + Duration::minutes(CHECK_IN_CLOSES_MINUTES)).timestamp()
}

/// When scans start to count.
pub fn check_in_opens(starts_at: DateTime<Utc>) -> DateTime<Utc> {
    starts_at - Duration::minutes(CHECK_IN_OPENS_MINUTES)
}

/// The path and query of a session's code.
pub fn check_in_path(session_id: i64, exp: i64, sig: &[u8; SIG_LEN]) -> String {
    format!("{CHECK_IN_PATH}?s={session_id}&exp={exp}&sig={}", hex(sig))
}

/// What the phone sends after scanning: the three parts of the code's query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CheckInInput {
    /// `s` of the code.
    pub session_id: i64,
    /// `exp`, Unix seconds.
    pub exp: i64,
    /// `sig`, 64 hex digits.
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub sig: String,
}

/// A code read back, ready for the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInCode {
    pub session_id: i64,
    pub exp: i64,
    pub sig: [u8; SIG_LEN],
}

impl CheckInCode {
    /// `None` for anything malformed; the Worker then answers "not a valid code".
    pub fn read(input: &CheckInInput) -> Option<CheckInCode> {
        (input.session_id > 0 && (1..=99_999_999_999).contains(&input.exp)).then_some(())?;
        Some(CheckInCode {
            session_id: input.session_id,
            exp: input.exp,
            sig: decode_sig(input.sig.trim())?,
        })
    }

    /// From the code's own query (`s=…&exp=…&sig=…`), as the check-in page gets it.
    pub fn from_query(q: &Query) -> Option<CheckInCode> {
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
        let s = q.str("s").filter(|s| digits(s))?.parse().ok()?;
        let exp = q.str("exp").filter(|s| digits(s))?.parse().ok()?;
        Self::read(&CheckInInput {
            session_id: s,
            exp,
            sig: q.str("sig")?.to_string(),
        })
    }

    pub fn payload(&self) -> Vec<u8> {
        check_in_payload(self.session_id, self.exp)
    }
}

crate::vocabulary! {
    /// Why a scan did not count.
    pub enum CheckInFailure {
        Invalid = "invalid", "这不是有效的签到码", "This is not a valid check-in code";
        Expired = "expired", "这次课的签到已经结束", "Check-in for this session has closed";
        NotYet = "not_yet", "还没到签到时间(开课前1小时开始)", "Check-in opens an hour before the session";
        NotEnrolled = "not_enrolled", "您没有报上这个班,不能签到", "You are not enrolled in this course";
    }
}

/// The verdict of a scan, the signature judged first so a forged code learns
/// nothing about any session. `session` is the session's start, if it exists;
/// `enrolled` whether the scanning worker holds a place in its course.
pub fn judge_check_in(
    signature_ok: bool,
    exp: i64,
    now: DateTime<Utc>,
    session_starts_at: Option<DateTime<Utc>>,
    enrolled: bool,
) -> Result<(), CheckInFailure> {
    if !signature_ok {
        return Err(CheckInFailure::Invalid);
    }
    let Some(starts) = session_starts_at else {
        return Err(CheckInFailure::Invalid);
    };
    if exp < now.timestamp() {
        return Err(CheckInFailure::Expired);
    }
    if now < check_in_opens(starts) {
        return Err(CheckInFailure::NotYet);
    }
    if !enrolled {
        return Err(CheckInFailure::NotEnrolled);
    }
    Ok(())
}

/// 课时达标率: the whole percentage of `total` hours attended (100 for a course without hours).
pub fn attendance_percent(attended: u32, total: u32) -> u8 {
    if total == 0 {
        return 100;
    }
    ((u64::from(attended.min(total)) * 100) / u64::from(total)) as u8
}

/// The hours-met rule: the hours attended reach `pass_percent` of the course's hours.
pub fn hours_met(attended: u32, total: u32, pass_percent: u8) -> bool {
    u64::from(attended) * 100 >= u64::from(total) * u64::from(pass_percent)
}

/// One line for the roster: 课时 24/32 (75%), 未达标(需80%).
pub fn hours_text(attended: u32, total: u32, pass_percent: u8) -> Text {
    let pct = attendance_percent(attended, total);
    if hours_met(attended, total, pass_percent) {
        Text::owned(
            format!("课时 {attended}/{total}({pct}%),已达标"),
            format!("{attended}/{total} hours ({pct}%), met"),
        )
    } else {
        Text::owned(
            format!("课时 {attended}/{total}({pct}%),未达标(需{pass_percent}%)"),
            format!("{attended}/{total} hours ({pct}%), below the {pass_percent}% needed"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_signed_bytes_and_the_link_are_fixed() {
        assert_eq!(
            check_in_payload(42, 1_750_000_000),
            b"gongyou/training-check-in/v1\n42\n1750000000".to_vec()
        );
        let sig: [u8; SIG_LEN] = std::array::from_fn(|i| i as u8);
        let path = check_in_path(42, 1_750_000_000, &sig);
        assert!(
            path.starts_with("/training/check-in?s=42&exp=1750000000&sig=000102"),
            "{path}"
        );
        let code = CheckInCode::from_query(&Query::parse(path.split_once('?').unwrap().1)).unwrap();
        assert_eq!(
            code,
            CheckInCode {
                session_id: 42,
                exp: 1_750_000_000,
                sig
            }
        );
        assert_eq!(code.payload(), check_in_payload(42, 1_750_000_000));
    }

    #[test]
    fn malformed_codes_are_refused() {
        let sig = "ab".repeat(SIG_LEN);
        let ok = CheckInInput {
            session_id: 42,
            exp: 1_750_000_000,
            sig: sig.clone(),
        };
        assert!(CheckInCode::read(&ok).is_some());
        for bad in [
            CheckInInput {
                session_id: 0,
                ..ok.clone()
            },
            CheckInInput {
                exp: -1,
                ..ok.clone()
            },
            CheckInInput {
                sig: "abcd".into(),
                ..ok.clone()
            },
            CheckInInput {
                sig: "zz".repeat(SIG_LEN),
                ..ok.clone()
            },
        ] {
            assert_eq!(CheckInCode::read(&bad), None, "{bad:?}");
        }
        assert_eq!(
            CheckInCode::from_query(&Query::parse(&format!("s=-4&exp=1&sig={sig}"))),
            None
        );
        assert_eq!(
            CheckInCode::from_query(&Query::parse(&format!("exp=1&sig={sig}"))),
            None
        );
    }

    #[test]
    fn a_scan_counts_from_an_hour_before_until_the_code_expires() {
        let starts = Utc.with_ymd_and_hms(2025, 4, 1, 1, 0, 0).unwrap(); // 09:00 Shanghai
        let ends = starts + Duration::hours(8);
        let exp = check_in_expiry(ends);
        assert_eq!(exp, (ends + Duration::hours(2)).timestamp());
        let at = |mins: i64| starts + Duration::minutes(mins);
        assert_eq!(
            judge_check_in(true, exp, at(-61), Some(starts), true),
            Err(CheckInFailure::NotYet)
        );
        assert_eq!(
            judge_check_in(true, exp, at(-60), Some(starts), true),
            Ok(())
        );
        assert_eq!(
            judge_check_in(true, exp, at(600), Some(starts), true),
            Ok(()),
            "the code's last second"
        );
        assert_eq!(
            judge_check_in(true, exp, at(601), Some(starts), true),
            Err(CheckInFailure::Expired)
        );
        assert_eq!(
            judge_check_in(true, exp, at(5), Some(starts), false),
            Err(CheckInFailure::NotEnrolled)
        );
        assert_eq!(
            judge_check_in(false, exp, at(5), Some(starts), true),
            Err(CheckInFailure::Invalid)
        );
        assert_eq!(
            judge_check_in(false, exp, at(5), None, false),
            Err(CheckInFailure::Invalid),
            "forgeries learn nothing"
        );
        assert_eq!(
            judge_check_in(true, exp, at(5), None, true),
            Err(CheckInFailure::Invalid)
        );
    }

    #[test]
    fn the_hours_met_rule() {
        // Four 8-hour days, 80% needed: three days (24 of 32) is 75%, not enough.
        assert!(!hours_met(24, 32, 80));
        assert_eq!(attendance_percent(24, 32), 75);
        assert!(hours_met(26, 32, 80), "81%");
        assert!(hours_met(32, 32, 100));
        assert!(!hours_met(31, 32, 100));
        assert!(hours_met(0, 0, 80), "nothing required");
        assert_eq!(attendance_percent(40, 32), 100);
        assert_eq!(hours_text(24, 32, 80).zh, "课时 24/32(75%),未达标(需80%)");
        assert_eq!(hours_text(32, 32, 80).en, "32/32 hours (100%), met");
    }
}
