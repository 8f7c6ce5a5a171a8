//! The staff second factor: a time-based one-time code (TOTP, RFC 6238) from an
//! authenticator app, with one-time recovery codes. Staff who can reveal ID
//! numbers must use it (ASVS 5.0 L2 for administrative access); the password
//! alone opens only the step that asks for it.

use super::StaffRole;
use crate::lang::Text;
use serde::{Deserialize, Serialize};

/// Codes have 6 digits and change every 30 seconds; one step either side of the
/// server's clock is accepted, and no step twice.
pub const TOTP_DIGITS: u32 = 6;
pub const TOTP_STEP_SECS: u64 = 30;
pub const TOTP_DRIFT_STEPS: u64 = 1;
/// Recovery codes given at enrolment, each usable once.
pub const RECOVERY_CODES: usize = 10;
/// A recovery code: 10 characters of Crockford base32, shown as `xxxxx-xxxxx`.
pub const RECOVERY_CODE_CHARS: usize = 10;
/// Between the password and the code: at most 10 minutes.
pub const SECOND_FACTOR_SECS: i64 = 10 * 60;
/// The issuer an authenticator app shows beside the account.
pub const TOTP_ISSUER: &str = "工友驿站";

/// Whether staff of this role sign in with a second factor: everyone who can
/// reveal an ID number (the reveal routes need [`StaffRole::Staff`]).
pub const fn requires_second_factor(role: StaffRole) -> bool {
    !matches!(role, StaffRole::Viewer)
}

crate::vocabulary! {
    /// What a staff member still owes after the password.
    pub enum SecondFactorStep {
        /// Type the code from the authenticator app (or a recovery code).
        Code = "code", "输入动态验证码", "Enter the code";
        /// Not enrolled yet: scan the QR code first.
        Enrol = "enrol", "绑定身份验证器", "Set up an authenticator";
    }
}

/// Beside `me` in the sign-in reply when the password was right but the
/// second factor is still owed; the session then opens only that step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecondFactorDue {
    pub step: SecondFactorStep,
}

/// A code typed at the second step: 6 digits, or a recovery code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecondFactorCode {
    #[cfg_attr(feature = "openapi", schemars(length(max = 32)))]
    pub code: String,
}

/// What the authenticator app needs: the QR code, and the key to type by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecondFactorEnrolment {
    /// The secret in base32, grouped by four for typing.
    pub secret: String,
    /// `otpauth://totp/...`, the text of the QR code.
    pub otpauth_uri: String,
    pub qr_svg: String,
}

/// Enrolment confirmed: the recovery codes, shown this once, and the session
/// is a full one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SecondFactorConfirmed {
    pub me: super::Me,
    pub recovery_codes: Vec<String>,
}

/// A typed code, told apart by its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeInput {
    Totp(u32),
    /// Normalised: upper case, no separators, Crockford's look-alikes mapped.
    Recovery(String),
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl SecondFactorCode {
    /// The app's check before sending (the Worker parses again).
    pub fn validate(&self) -> Result<(), crate::error::FieldErrors> {
        let mut errors = crate::error::FieldErrors::new();
        errors.check("code", self.parse());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn parse(&self) -> Result<CodeInput, Text> {
        let raw: String = self
            .code
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if raw.len() == TOTP_DIGITS as usize && raw.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(CodeInput::Totp(raw.parse().expect("six digits")));
        }
        let recovery: Option<String> = raw
            .chars()
            .map(|c| match c.to_ascii_uppercase() {
                'O' => Some('0'),
                'I' | 'L' => Some('1'),
                c if CROCKFORD.contains(&(c as u8)) && c.is_ascii() => Some(c),
                _ => None,
            })
            .collect();
        match recovery {
            Some(code) if code.len() == RECOVERY_CODE_CHARS => Ok(CodeInput::Recovery(code)),
            _ => Err(Text::new(
                "请输入身份验证器 App 里的6位数字,或一个恢复码",
                "Enter the 6 digits from your authenticator app, or a recovery code",
            )),
        }
    }
}

/// `xxxxx-xxxxx` from 10 random characters' worth of bytes (50 bits).
pub fn recovery_code_from(bytes: [u8; RECOVERY_CODE_CHARS]) -> String {
    let chars: String = bytes
        .iter()
        .map(|b| CROCKFORD[(b & 31) as usize] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// RFC 4648 base32 without padding, as authenticator apps expect.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = u64::from_be_bytes([0, 0, 0, buf[0], buf[1], buf[2], buf[3], buf[4]]);
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..chars {
            out.push(ALPHABET[((n >> (35 - 5 * i)) & 31) as usize] as char);
        }
    }
    out
}

/// The QR code's text (Key Uri Format): issuer and account, SHA1, 6 digits, 30 s.
pub fn otpauth_uri(username: &str, secret_base32: &str) -> String {
    let label = format!("{TOTP_ISSUER}:{username}");
    format!(
        "otpauth://totp/{}?secret={secret_base32}&issuer={}&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP_SECS}",
        encode(&label),
        encode(TOTP_ISSUER),
    )
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    crate::query::encode_into(&mut out, text);
    out
}

/// The time steps a code typed at `now_secs` may belong to, newest first, that
/// are later than the last step used (so no code counts twice).
pub fn candidate_steps(now_secs: u64, last_used_step: u64) -> impl Iterator<Item = u64> {
    let now = now_secs / TOTP_STEP_SECS;
    (now.saturating_sub(TOTP_DRIFT_STEPS)..=now + TOTP_DRIFT_STEPS)
        .rev()
        .filter(move |step| *step > last_used_step)
}

/// May `actor` reset the password or second factor of `target`? Only of staff
/// below them: a lower role in their subtree, or a union strictly beneath
/// theirs. Peers (same role, same union) cannot; nor can anyone reset a
/// platform admin but through their own account.
pub fn may_reset(actor: (StaffRole, Option<&str>), target: (StaffRole, Option<&str>)) -> bool {
    let (actor_role, actor_path) = actor;
    let (target_role, target_path) = target;
    if target_role == StaffRole::PlatformAdmin || target_role > actor_role {
        return false;
    }
    let (actor_path, target_path) = match (actor_role, actor_path, target_path) {
        (StaffRole::PlatformAdmin, _, _) => return true,
        (_, Some(a), Some(t)) => (a, t),
        _ => return false,
    };
    if !target_path.starts_with(actor_path) {
        return false;
    }
    target_role < actor_role || target_path.len() > actor_path.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_who_can_reveal_an_id_number_needs_the_second_factor() {
        use crate::routes::Access;
        let reveals: Vec<_> = crate::routes::all()
            .filter(|r| r.path.ends_with("/reveal-id"))
            .collect();
        assert!(reveals.len() >= 2);
        for route in reveals {
            let Access::Staff(min) = route.access else {
                panic!("{:?} is not a staff route", route.id)
            };
            for &role in StaffRole::ALL {
                if role >= min {
                    assert!(
                        requires_second_factor(role),
                        "{role:?} reveals via {:?}",
                        route.id
                    );
                }
            }
        }
        assert!(!requires_second_factor(StaffRole::Viewer));
    }

    #[test]
    fn codes_are_six_digits_or_a_recovery_code() {
        let parse = |s: &str| SecondFactorCode { code: s.into() }.parse();
        assert_eq!(parse(" 287 082 "), Ok(CodeInput::Totp(287082)));
        assert_eq!(parse("012345"), Ok(CodeInput::Totp(12345)));
        assert_eq!(
            parse("abcde-fghjk"),
            Ok(CodeInput::Recovery("ABCDEFGHJK".into()))
        );
        // Look-alikes a person may type for Crockford's digits.
        assert_eq!(
            parse("oi1l0-00000"),
            Ok(CodeInput::Recovery("0111000000".into()))
        );
        for bad in [
            "",
            "12345",
            "1234567",
            "abcde-fghj",
            "abcde-fghjku",
            "ABCDE-FGHJ!",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse("x").unwrap_err().en.contains("recovery code"));
    }

    #[test]
    fn recovery_codes_round_trip_through_the_parser() {
        let code = recovery_code_from([0, 1, 2, 31, 32, 33, 200, 255, 17, 9]);
        // Each byte's low five bits pick one of 32 characters (256 = 8 × 32: no bias).
        assert_eq!(code, "012Z0-18ZH9");
        let CodeInput::Recovery(n) = (SecondFactorCode { code: code.clone() }).parse().unwrap()
        else {
            panic!()
        };
        assert_eq!(n, code.replace('-', ""));
    }

    #[test]
    fn base32_matches_rfc_4648() {
        // RFC 4648 §10 test vectors, without padding.
        for (input, want) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(input.as_bytes()), want);
        }
        // RFC 6238's SHA1 test secret.
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
    }

    #[test]
    fn the_uri_names_issuer_account_and_parameters() {
        let uri = otpauth_uri("hedong.staff", "GEZDGNBV");
        assert!(uri.starts_with(
            "otpauth://totp/%E5%B7%A5%E5%8F%8B%E9%A9%BF%E7%AB%99%3Ahedong.staff?secret=GEZDGNBV&"
        ));
        assert!(uri.contains("&algorithm=SHA1&digits=6&period=30"));
    }

    #[test]
    fn a_step_is_accepted_once_and_only_near_now() {
        let now = 59; // step 1
        assert_eq!(candidate_steps(now, 0).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(candidate_steps(now, 1).collect::<Vec<_>>(), vec![2]);
        assert_eq!(candidate_steps(now, 2).count(), 0);
        assert_eq!(
            candidate_steps(3000, 0).collect::<Vec<_>>(),
            vec![101, 100, 99]
        );
    }

    #[test]
    fn resets_only_below() {
        use StaffRole::*;
        let city = Some("/1/2/");
        let district = Some("/1/2/5/");
        let other = Some("/1/3/");
        // A lower role at one's own union, or the same role a union beneath.
        assert!(may_reset((UnionAdmin, city), (Staff, city)));
        assert!(may_reset((UnionAdmin, city), (UnionAdmin, district)));
        // Peers, higher roles and other subtrees: no.
        assert!(!may_reset((UnionAdmin, city), (UnionAdmin, city)));
        assert!(!may_reset((Staff, city), (UnionAdmin, district)));
        assert!(!may_reset((UnionAdmin, city), (Staff, other)));
        assert!(!may_reset((UnionAdmin, district), (Staff, city)));
        // Platform admins reset anyone but another platform admin.
        assert!(may_reset((PlatformAdmin, None), (UnionAdmin, city)));
        assert!(!may_reset((PlatformAdmin, None), (PlatformAdmin, None)));
        // A sibling whose id merely starts with the same digits is not beneath.
        assert!(!may_reset((UnionAdmin, city), (Staff, Some("/1/23/"))));
    }
}
