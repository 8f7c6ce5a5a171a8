//! Training (技能培训): free or subsidised skills courses and skills
//! competitions (技能竞赛) that unions run, with sign-up and a waitlist,
//! attendance by a session QR code or by staff hand, assessment, the
//! certificate (结业证书) employers can verify, and the monthly figures.
//!
//! | file | holds |
//! |---|---|
//! | `session.rs` | a session: date, times, 课时, place (a station or an address); the day-before reminder |
//! | `course.rs` | a course or competition: trade, level, places, sign-up window, who may join, fee |
//! | `signup.rs` | sign-up, the waitlist and its order, promotion when a place frees, cancellation |
//! | `attendance.rs` | the signed, expiring session QR code; how attendance was taken; the hours-met rule (课时达标率) |
//! | `assessment.rs` | pass or fail for courses, a rank for competitions (and the national contest's rewards) |
//! | `certificate.rs` | the certificate, its serial, its signed verification link, the masked public view |
//! | `figures.rs` | the monthly figures and their CSV |
//! | `notice.rs` | the texts: promoted from the waitlist, the session reminder |
//! | `api.rs` | envelopes, lists, queries, the roster and the attendance sheet |
//! | `routes.rs` | the capability's route table |

mod api;
mod assessment;
mod attendance;
mod certificate;
mod course;
mod figures;
mod notice;
mod routes;
mod session;
mod signup;

pub use api::*;
pub use assessment::*;
pub use attendance::*;
pub use certificate::*;
pub use course::*;
pub use figures::*;
pub use notice::*;
pub use routes::*;
pub use session::*;
pub use signup::*;

use crate::error::{finish, text_field};

/// Bytes of an HMAC-SHA256 signature (session codes, certificate links).
pub const SIG_LEN: usize = 32;

/// Lower-case hex of a signature.
fn hex(sig: &[u8; SIG_LEN]) -> String {
    sig.iter().map(|b| format!("{b:02x}")).collect()
}

/// A signature from its 64 hex digits; `None` for anything else.
fn decode_sig(hex: &str) -> Option<[u8; SIG_LEN]> {
    if hex.len() != SIG_LEN * 2 || !hex.is_ascii() {
        return None;
    }
    let mut out = [0u8; SIG_LEN];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_round_trip_through_hex() {
        let sig: [u8; SIG_LEN] = std::array::from_fn(|i| (i * 7) as u8);
        assert_eq!(decode_sig(&hex(&sig)), Some(sig));
        assert_eq!(decode_sig(&hex(&sig).to_uppercase()), Some(sig));
        assert_eq!(decode_sig("abcd"), None);
        assert_eq!(decode_sig(&"zz".repeat(SIG_LEN)), None);
        assert_eq!(decode_sig(&"é".repeat(SIG_LEN)), None);
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn wire_types_describe_themselves() {
        let course = schemars::schema_for!(CourseEnvelope).to_value().to_string();
        for needle in [
            "places_left",
            "signup_closes_on",
            "eligibility",
            "fee_fen",
            "pass_percent",
            "sessions",
        ] {
            assert!(course.contains(needle), "{needle}");
        }
        let input = schemars::schema_for!(CourseInput).to_value();
        assert_eq!(input["properties"]["title"]["maxLength"], MAX_TITLE as u64);
        let check = schemars::schema_for!(CertificateCheck)
            .to_value()
            .to_string();
        assert!(
            check.contains("holder") && check.contains("reason"),
            "{check}"
        );
    }
}
