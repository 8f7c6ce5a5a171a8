//! 对工: a co-worker on the same site confirms a worker's day by scanning the
//! QR code the worker shows. The code is the app's
//! `/rights/confirm?e={entry_id}&exp={unix_seconds}&sig={hex}`, `sig` being
//! HMAC-SHA256 with a Worker secret over [`confirm_payload`] (its purpose tag
//! keeps any other signature from passing as one). It expires
//! [`CONFIRM_VALID_HOURS`] after it is shown, so it is used on the day, on
//! site. A confirmation is recorded once per co-worker and entry.

use super::{decode_sig, hex, SIG_LEN};
use crate::query::Query;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The app's page a 对工 code opens.
pub const CONFIRM_PATH: &str = "/rights/confirm";
pub const CONFIRM_VALID_HOURS: i64 = 12;
const PAYLOAD_TAG: &str = "gongyou/rights-confirm/v1";

/// Exactly the bytes the Worker HMACs: `gongyou/rights-confirm/v1\n{entry_id}\n{exp}`.
pub fn confirm_payload(entry_id: i64, exp: i64) -> Vec<u8> {
    format!("{PAYLOAD_TAG}\n{entry_id}\n{exp}").into_bytes()
}

/// The expiry of a code shown at `now`.
pub fn confirm_expiry(now: DateTime<Utc>) -> i64 {
    now.timestamp() + CONFIRM_VALID_HOURS * 3600
}

/// The path and query of a code.
pub fn confirm_path(entry_id: i64, exp: i64, sig: &[u8; SIG_LEN]) -> String {
    format!("{CONFIRM_PATH}?e={entry_id}&exp={exp}&sig={}", hex(sig))
}

/// The code a worker shows (`GET …/entries/{id}/confirm-code`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConfirmLink {
    pub entry_id: i64,
    /// The app path with its query; the QR code holds it after the site's origin.
    pub path: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// What the co-worker's phone sends: the three parts of the code's query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConfirmInput {
    /// `e` of the code.
    pub entry_id: i64,
    /// `exp`, Unix seconds.
    pub exp: i64,
    /// `sig`, 64 hex digits.
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub sig: String,
}

/// `?e=&exp=&sig=` of the preview, as the code carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConfirmQuery {
    pub e: Option<i64>,
    pub exp: Option<i64>,
    pub sig: Option<String>,
}

/// A code read back, ready for the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmCode {
    pub entry_id: i64,
    pub exp: i64,
    pub sig: [u8; SIG_LEN],
}

impl ConfirmCode {
    /// `None` for anything malformed ("not a valid code").
    pub fn read(input: &ConfirmInput) -> Option<ConfirmCode> {
        (input.entry_id > 0 && (1..=99_999_999_999).contains(&input.exp)).then_some(())?;
        Some(ConfirmCode {
            entry_id: input.entry_id,
            exp: input.exp,
            sig: decode_sig(input.sig.trim())?,
        })
    }

    /// From the code's own query (`e=…&exp=…&sig=…`).
    pub fn from_query(q: &Query) -> Option<ConfirmCode> {
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_digit());
        let e = q.str("e").filter(|s| digits(s))?.parse().ok()?;
        let exp = q.str("exp").filter(|s| digits(s))?.parse().ok()?;
        Self::read(&ConfirmInput {
            entry_id: e,
            exp,
            sig: q.str("sig")?.to_string(),
        })
    }

    pub fn input(&self) -> ConfirmInput {
        ConfirmInput {
            entry_id: self.entry_id,
            exp: self.exp,
            sig: hex(&self.sig),
        }
    }

    pub fn payload(&self) -> Vec<u8> {
        confirm_payload(self.entry_id, self.exp)
    }
}

crate::vocabulary! {
    /// Why a 对工 scan did not count.
    pub enum ConfirmFailure {
        Invalid = "invalid", "这不是有效的对工码", "This is not a valid confirmation code";
        Expired = "expired", "这个对工码已过期,请对方重新出示", "This code has expired; ask for a new one";
        Own = "own", "不能给自己对工", "You cannot confirm your own day";
        Superseded = "superseded", "这一天的记录已经更正过,请对方出示新的码", "This day was corrected; ask for the new code";
    }
}

/// The verdict of a scan, the signature judged first so a forged code learns
/// nothing about any entry. `entry` is `Some(superseded)` when it exists.
pub fn judge_confirm(
    signature_ok: bool,
    exp: i64,
    now: DateTime<Utc>,
    entry: Option<bool>,
    own: bool,
) -> Result<(), ConfirmFailure> {
    if !signature_ok {
        return Err(ConfirmFailure::Invalid);
    }
    let Some(superseded) = entry else {
        return Err(ConfirmFailure::Invalid);
    };
    if exp < now.timestamp() {
        return Err(ConfirmFailure::Expired);
    }
    if own {
        return Err(ConfirmFailure::Own);
    }
    if superseded {
        return Err(ConfirmFailure::Superseded);
    }
    Ok(())
}

/// One co-worker's confirmation on an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Confirmation {
    /// The co-worker's name (or masked number) as the worker sees it.
    pub by: String,
    /// RFC 3339.
    pub at: String,
}

/// What the co-worker sees before confirming, and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConfirmPreview {
    pub entry_id: i64,
    pub date: chrono::NaiveDate,
    pub project: String,
    pub address: String,
    /// The worker, masked (王*国 or 138****8000).
    pub worker: String,
    /// This co-worker already confirmed it.
    pub already: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConfirmReply {
    pub preview: ConfirmPreview,
    pub confirmation: Confirmation,
}

/// A confirmation one gave on a co-worker's day (in one's data export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GivenConfirmation {
    pub entry_id: i64,
    pub date: chrono::NaiveDate,
    pub project: String,
    /// RFC 3339.
    pub at: String,
}

/// How a person is shown on someone else's screen: the name masked, or the
/// number masked when there is no name.
pub fn masked_person(display_name: Option<&str>, phone: &str) -> String {
    match display_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => crate::benefits::mask_name(n),
        None => crate::phone::mask_mobile(phone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_malformed_ones_are_refused() {
        let sig: [u8; SIG_LEN] = std::array::from_fn(|i| (i * 11) as u8);
        let path = confirm_path(42, 1_800_000_000, &sig);
        let q = Query::parse(path.split_once('?').unwrap().1);
        let code = ConfirmCode::from_query(&q).unwrap();
        assert_eq!(
            (code.entry_id, code.exp, code.sig),
            (42, 1_800_000_000, sig)
        );
        assert_eq!(ConfirmCode::read(&code.input()), Some(code.clone()));
        assert_eq!(
            code.payload(),
            b"gongyou/rights-confirm/v1\n42\n1800000000".to_vec()
        );
        for bad in [
            "e=0&exp=1&sig=00",
            "e=1&exp=x&sig=00",
            "e=1&exp=1",
            "e=-1&exp=1&sig=00",
        ] {
            assert_eq!(ConfirmCode::from_query(&Query::parse(bad)), None, "{bad}");
        }
    }

    #[test]
    fn the_signature_is_judged_first_then_time_then_who() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let later = 1_800_000_100;
        assert_eq!(
            judge_confirm(false, later, now, Some(false), false),
            Err(ConfirmFailure::Invalid)
        );
        assert_eq!(
            judge_confirm(true, later, now, None, false),
            Err(ConfirmFailure::Invalid)
        );
        assert_eq!(
            judge_confirm(true, 1_799_999_999, now, Some(false), true),
            Err(ConfirmFailure::Expired)
        );
        assert_eq!(
            judge_confirm(true, later, now, Some(false), true),
            Err(ConfirmFailure::Own)
        );
        assert_eq!(
            judge_confirm(true, later, now, Some(true), false),
            Err(ConfirmFailure::Superseded)
        );
        assert_eq!(judge_confirm(true, later, now, Some(false), false), Ok(()));
        assert_eq!(confirm_expiry(now), 1_800_000_000 + 12 * 3600);
        assert_eq!(masked_person(Some("王建国"), "13800138000"), "王*国");
        assert_eq!(masked_person(None, "13800138000"), "138****8000");
    }
}
