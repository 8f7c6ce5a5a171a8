//! The digital member card (会员证) and the signed, expiring link in its QR code.
//!
//! Link: `/verify/member?m={member_no}&exp={unix_seconds}&sig={hex}`, prefixed
//! with the site's origin in the QR code. `sig` is the lower-case hex of
//! HMAC-SHA256 over [`signing_payload`], keyed by a Worker secret; the Worker
//! computes and checks it (in constant time), nothing here does. Whoever scans
//! it learns only "a valid member of X union", or why not.

use super::lifecycle::MembershipStatus;
use super::member_no::MemberNo;
use crate::lang::Text;
use crate::query::Query;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Path of the verification page in the app.
pub const VERIFY_PATH: &str = "/verify/member";
/// How long a card's QR code stays valid. The app fetches a fresh one whenever
/// it is online, so a card shown without signal still works for a week.
pub const CARD_LINK_TTL_SECS: i64 = 7 * 24 * 3600;
/// Bytes of an HMAC-SHA256 signature.
pub const SIG_LEN: usize = 32;
/// Names the purpose and version of the signed bytes, so no other signature
/// made with the same key can pass for a card link.
const PAYLOAD_TAG: &str = "gongyou/member-card/v1";

/// Exactly the bytes the Worker HMACs: `gongyou/member-card/v1\n{member_no}\n{exp}`
/// in UTF-8 (ASCII in fact), `exp` in decimal without padding.
pub fn signing_payload(member_no: &MemberNo, exp: i64) -> Vec<u8> {
    format!("{PAYLOAD_TAG}\n{member_no}\n{exp}").into_bytes()
}

/// The expiry to sign for a card link made at `now` (Unix seconds).
pub fn link_expiry(now: i64) -> i64 {
    now.saturating_add(CARD_LINK_TTL_SECS)
}

/// The path and query of a card link. Member numbers need no escaping.
pub fn verify_path(member_no: &MemberNo, exp: i64, sig: &[u8; SIG_LEN]) -> String {
    let hex: String = sig.iter().map(|b| format!("{b:02x}")).collect();
    format!("{VERIFY_PATH}?m={member_no}&exp={exp}&sig={hex}")
}

/// The query of `GET /api/verify/member`, as documented; read it with [`VerifyLink::from_query`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VerifyQuery {
    /// Member number.
    pub m: String,
    /// Expiry, Unix seconds.
    pub exp: i64,
    /// HMAC-SHA256, 64 hex digits.
    pub sig: String,
}

/// A card link read from its query, ready for the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyLink {
    pub member_no: MemberNo,
    pub exp: i64,
    pub sig: [u8; SIG_LEN],
}

impl VerifyLink {
    /// `None` for anything malformed; the Worker then answers
    /// [`VerifyResult::invalid`] without saying which part was wrong.
    pub fn from_query(q: &Query) -> Option<VerifyLink> {
        let member_no = MemberNo::parse(q.str("m")?)?;
        let exp = q
            .str("exp")
            .filter(|e| (1..=12).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()?;
        let sig = decode_sig(q.str("sig")?)?;
        Some(VerifyLink {
            member_no,
            exp,
            sig,
        })
    }

    /// The bytes whose HMAC must equal `sig`.
    pub fn payload(&self) -> Vec<u8> {
        signing_payload(&self.member_no, self.exp)
    }
}

fn decode_sig(hex: &str) -> Option<[u8; SIG_LEN]> {
    if hex.len() != SIG_LEN * 2 {
        return None;
    }
    let mut out = [0u8; SIG_LEN];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

crate::vocabulary! {
    /// Why a card does not verify.
    pub enum VerifyFailure {
        /// Malformed, or the signature does not match.
        Invalid = "invalid", "这不是有效的会员证二维码", "This is not a valid member card code";
        /// Signed by us but past its expiry.
        Expired = "expired", "二维码过期了,请会员联网后重新打开会员证", "This code has expired; the member should open the card again while online";
        /// The membership has ended or moved to another union.
        Ended = "ended", "这张会员证已经失效", "This member card is no longer valid";
    }
}

/// What a scan shows: a valid member of which union, or why not. Nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VerifyResult {
    pub valid: bool,
    /// Only when valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_name: Option<String>,
    /// Only when not valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<VerifyFailure>,
}

impl VerifyResult {
    pub fn valid(union_name: impl Into<String>) -> VerifyResult {
        VerifyResult {
            valid: true,
            union_name: Some(union_name.into()),
            reason: None,
        }
    }

    pub fn invalid(reason: VerifyFailure) -> VerifyResult {
        VerifyResult {
            valid: false,
            union_name: None,
            reason: Some(reason),
        }
    }

    /// The verdict of a scan. `signature_ok` is the Worker's HMAC check of the
    /// link; `membership` is the current status and union name of that member
    /// number, if it exists. The signature is judged first, so a forged link
    /// learns nothing about any member.
    pub fn decide(
        signature_ok: bool,
        exp: i64,
        now: i64,
        membership: Option<(MembershipStatus, &str)>,
    ) -> VerifyResult {
        if !signature_ok {
            return VerifyResult::invalid(VerifyFailure::Invalid);
        }
        if exp < now {
            return VerifyResult::invalid(VerifyFailure::Expired);
        }
        match membership {
            Some((MembershipStatus::Active, union_name)) => VerifyResult::valid(union_name),
            _ => VerifyResult::invalid(VerifyFailure::Ended),
        }
    }

    /// One line for the scanning screen.
    pub fn message(&self) -> Text {
        match (&self.union_name, self.reason) {
            (Some(name), _) if self.valid => Text::owned(
                format!("{name}的有效会员"),
                format!("A valid member of {name}"),
            ),
            (_, Some(reason)) => reason.label(),
            _ => VerifyFailure::Invalid.label(),
        }
    }
}

/// The card the member shows: name, union, member number and join date, with
/// the link for its QR code. No ID number, not even masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberCard {
    pub name: String,
    pub union_name: String,
    pub member_no: String,
    /// Asia/Shanghai date the membership began.
    pub joined_on: NaiveDate,
    /// Path and query for the QR code; prefix the site's origin.
    pub verify_path: String,
    /// When the QR code stops verifying; fetch a new card before then.
    pub verify_expires_at: DateTime<Utc>,
}

/// `{"card": {...}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberCardReply {
    pub card: MemberCard,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no() -> MemberNo {
        MemberNo::parse("AH-HF-YH-2025-000123").unwrap()
    }

    #[test]
    fn the_signed_bytes_are_fixed() {
        assert_eq!(
            signing_payload(&no(), 1_750_000_000),
            b"gongyou/member-card/v1\nAH-HF-YH-2025-000123\n1750000000".to_vec()
        );
        assert_ne!(
            signing_payload(&no(), 1_750_000_000),
            signing_payload(&no(), 1_750_000_001)
        );
        assert_eq!(link_expiry(1_750_000_000), 1_750_604_800);
    }

    #[test]
    fn links_read_back_exactly() {
        let sig: [u8; SIG_LEN] = std::array::from_fn(|i| (i * 8) as u8);
        let path = verify_path(&no(), 1_750_000_000, &sig);
        assert_eq!(
            path,
            "/verify/member?m=AH-HF-YH-2025-000123&exp=1750000000&sig=0008101820283038404850586068707880889098a0a8b0b8c0c8d0d8e0e8f0f8"
        );
        let query = path.split_once('?').unwrap().1;
        let link = VerifyLink::from_query(&Query::parse(query)).unwrap();
        assert_eq!(
            link,
            VerifyLink {
                member_no: no(),
                exp: 1_750_000_000,
                sig
            }
        );
        assert_eq!(link.payload(), signing_payload(&no(), 1_750_000_000));
    }

    #[test]
    fn malformed_links_are_refused() {
        let sig = "ab".repeat(SIG_LEN);
        let good = format!("m=AH-HF-YH-2025-000123&exp=1750000000&sig={sig}");
        assert!(VerifyLink::from_query(&Query::parse(&good)).is_some());
        for bad in [
            format!("exp=1750000000&sig={sig}"),
            format!("m=AH-HF-YH-2025-123&exp=1750000000&sig={sig}"),
            format!("m=AH-HF-YH-2025-000123&exp=-5&sig={sig}"),
            format!("m=AH-HF-YH-2025-000123&exp=17500000000000&sig={sig}"),
            "m=AH-HF-YH-2025-000123&exp=1750000000&sig=abcd".to_string(),
            format!(
                "m=AH-HF-YH-2025-000123&exp=1750000000&sig={}",
                "zz".repeat(SIG_LEN)
            ),
            format!(
                "m=AH-HF-YH-2025-000123&exp=1750000000&sig={}",
                "é".repeat(SIG_LEN)
            ),
        ] {
            assert_eq!(VerifyLink::from_query(&Query::parse(&bad)), None, "{bad}");
        }
    }

    #[test]
    fn a_scan_says_valid_member_of_the_union_and_nothing_more() {
        let now = 1_750_000_000;
        let active = Some((MembershipStatus::Active, "瑶海区建筑行业联合工会"));
        let ok = VerifyResult::decide(true, now + 60, now, active);
        assert_eq!(ok, VerifyResult::valid("瑶海区建筑行业联合工会"));
        assert_eq!(ok.message().zh, "瑶海区建筑行业联合工会的有效会员");
        let json = serde_json::to_value(&ok).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"valid": true, "union_name": "瑶海区建筑行业联合工会"})
        );

        assert_eq!(
            VerifyResult::decide(false, now + 60, now, active).reason,
            Some(VerifyFailure::Invalid)
        );
        assert_eq!(
            VerifyResult::decide(false, now - 60, now, None).reason,
            Some(VerifyFailure::Invalid),
            "forgeries learn nothing"
        );
        assert_eq!(
            VerifyResult::decide(true, now - 1, now, active).reason,
            Some(VerifyFailure::Expired)
        );
        assert!(
            VerifyResult::decide(true, now, now, active).valid,
            "valid through its last second"
        );
        let moved = VerifyResult::decide(
            true,
            now + 60,
            now,
            Some((MembershipStatus::TransferredOut, "万达广场项目工会")),
        );
        assert_eq!(moved.reason, Some(VerifyFailure::Ended));
        assert_eq!(moved.union_name, None);
        assert_eq!(
            VerifyResult::decide(true, now + 60, now, None).reason,
            Some(VerifyFailure::Ended)
        );
        assert_eq!(
            serde_json::to_value(VerifyResult::invalid(VerifyFailure::Expired)).unwrap(),
            serde_json::json!({"valid": false, "reason": "expired"})
        );
    }

    #[test]
    fn the_card_carries_no_id_number() {
        let card = MemberCard {
            name: "王建国".into(),
            union_name: "瑶海区建筑行业联合工会".into(),
            member_no: no().to_string(),
            joined_on: NaiveDate::from_ymd_opt(2025, 3, 28).unwrap(),
            verify_path: verify_path(&no(), 1_750_000_000, &[0; SIG_LEN]),
            verify_expires_at: DateTime::from_timestamp(1_750_000_000, 0).unwrap(),
        };
        let json = serde_json::to_value(MemberCardReply { card }).unwrap();
        let keys: Vec<&str> = json["card"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "joined_on",
                "member_no",
                "name",
                "union_name",
                "verify_expires_at",
                "verify_path"
            ]
        );
        assert_eq!(json["card"]["verify_expires_at"], "2025-06-15T15:06:40Z");
        assert_eq!(json["card"]["joined_on"], "2025-03-28");
    }
}
