//! The certificate (结业证书): serial number, name, course, dates and hours,
//! organiser and issue date, and a QR code whose link opens a public page
//! that says "valid" with the name masked (王*国), the course and the date.
//!
//! Link: `/verify/certificate?c={serial}&sig={hex}`, where `sig` is
//! HMAC-SHA256 over [`certificate_payload`] with a Worker secret. It does not
//! expire: a certificate is for life, and what a scan shows comes from the
//! record, so an altered serial or a forged signature shows nothing.

use super::course::{CourseKind, SkillLevel};
use super::{decode_sig, hex, SIG_LEN};
use crate::jobs::CardCertificate;
use crate::lang::Text;
use crate::query::Query;
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const VERIFY_CERTIFICATE_PATH: &str = "/verify/certificate";
const PAYLOAD_TAG: &str = "gongyou/training-certificate/v1";
const SERIAL_PREFIX: &str = "GYPX";

/// `GYPX-2025-000123`: the issue year and the certificate's number.
pub fn serial(year: i32, id: i64) -> String {
    format!("{SERIAL_PREFIX}-{year:04}-{id:06}")
}

/// The number of a well-formed serial.
pub fn parse_serial(s: &str) -> Option<i64> {
    let rest = s.strip_prefix(SERIAL_PREFIX)?.strip_prefix('-')?;
    let (year, id) = rest.split_once('-')?;
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year) || !(6..=12).contains(&id.len()) || !digits(id) {
        return None;
    }
    id.parse().ok().filter(|n| *n > 0)
}

/// Exactly the bytes the Worker HMACs: `gongyou/training-certificate/v1\n{serial}`.
pub fn certificate_payload(serial: &str) -> Vec<u8> {
    format!("{PAYLOAD_TAG}\n{serial}").into_bytes()
}

pub fn certificate_path(serial: &str, sig: &[u8; SIG_LEN]) -> String {
    format!("{VERIFY_CERTIFICATE_PATH}?c={serial}&sig={}", hex(sig))
}

/// `GET /api/verify/certificate?c=…&sig=…`, as the link carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CertificateQuery {
    /// The serial number.
    #[cfg_attr(feature = "openapi", schemars(length(max = 24)))]
    pub c: String,
    /// HMAC-SHA256, 64 hex digits.
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub sig: String,
}

/// A certificate link read back, ready for the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateLink {
    pub serial: String,
    pub id: i64,
    pub sig: [u8; SIG_LEN],
}

impl CertificateLink {
    pub fn from_query(q: &Query) -> Option<CertificateLink> {
        let serial = q.str("c")?.to_string();
        let id = parse_serial(&serial)?;
        Some(CertificateLink {
            id,
            sig: decode_sig(q.str("sig")?)?,
            serial,
        })
    }

    pub fn payload(&self) -> Vec<u8> {
        certificate_payload(&self.serial)
    }
}

/// 王建国 → 王*国, 王芳 → 王*, 欧阳娜娜 → 欧**娜: the first and last characters stay.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// A certificate as its holder (and the staff who issued it) see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Certificate {
    pub id: i64,
    pub serial: String,
    /// 家政服务结业证书, or a competition's 第3名.
    pub name: String,
    pub holder_name: String,
    pub course_id: i64,
    pub kind: CourseKind,
    pub course_title: String,
    pub trade: Trade,
    pub level: SkillLevel,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub hours: u32,
    /// A competition's rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// The organising union's name.
    pub organiser: String,
    pub issued_on: NaiveDate,
    /// Path and query of the QR code's link; prefix the site's origin.
    pub verify_path: String,
}

impl Certificate {
    /// What goes on the worker's job card for matching.
    pub fn for_job_card(&self) -> CardCertificate {
        CardCertificate {
            serial: self.serial.clone(),
            name: self.name.clone(),
            trade: self.trade,
            issued_on: self.issued_on,
        }
    }
}

/// What a scan shows: the name masked, nothing else personal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicCertificate {
    pub serial: String,
    pub name: String,
    /// Masked: 王*国.
    pub holder: String,
    pub course_title: String,
    pub trade: Trade,
    pub level: SkillLevel,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub hours: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    pub organiser: String,
    pub issued_on: NaiveDate,
}

impl From<&Certificate> for PublicCertificate {
    fn from(c: &Certificate) -> Self {
        PublicCertificate {
            serial: c.serial.clone(),
            name: c.name.clone(),
            holder: mask_name(&c.holder_name),
            course_title: c.course_title.clone(),
            trade: c.trade,
            level: c.level,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            hours: c.hours,
            rank: c.rank,
            organiser: c.organiser.clone(),
            issued_on: c.issued_on,
        }
    }
}

crate::vocabulary! {
    /// Why a certificate link does not verify.
    pub enum CertificateFailure {
        /// Malformed, altered, or not signed by us.
        Invalid = "invalid", "这不是有效的结业证书二维码", "This is not a valid certificate code";
        /// Signed by us, but the certificate was withdrawn.
        Revoked = "revoked", "这张证书已被注销", "This certificate has been withdrawn";
    }
}

/// `{"valid": true, "certificate": {...}}` or `{"valid": false, "reason": "invalid"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CertificateCheck {
    pub valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<PublicCertificate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<CertificateFailure>,
}

impl CertificateCheck {
    /// The verdict: the signature first (a forgery learns nothing), then the
    /// record (`found`: the certificate of that serial, and whether it was revoked).
    pub fn decide(
        signature_ok: bool,
        found: Option<(PublicCertificate, bool)>,
    ) -> CertificateCheck {
        let invalid = |reason| CertificateCheck {
            valid: false,
            certificate: None,
            reason: Some(reason),
        };
        match (signature_ok, found) {
            (true, Some((_, true))) => invalid(CertificateFailure::Revoked),
            (true, Some((c, false))) => CertificateCheck {
                valid: true,
                certificate: Some(c),
                reason: None,
            },
            _ => invalid(CertificateFailure::Invalid),
        }
    }

    /// One line for the page.
    pub fn message(&self) -> Text {
        match (&self.certificate, self.reason) {
            (Some(c), _) if self.valid => Text::owned(
                format!("有效:{}的{},{}颁发", c.holder, c.name, c.organiser),
                format!(
                    "Valid: {}'s {}, issued by {}",
                    c.holder, c.name, c.organiser
                ),
            ),
            (_, Some(r)) => r.label(),
            _ => CertificateFailure::Invalid.label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert() -> Certificate {
        Certificate {
            id: 123,
            serial: serial(2025, 123),
            name: "家政服务结业证书".into(),
            holder_name: "王秀国".into(),
            course_id: 9,
            kind: CourseKind::Course,
            course_title: "家政服务".into(),
            trade: Trade::DomesticWorker,
            level: SkillLevel::Level5,
            starts_on: "2025-04-01".parse().unwrap(),
            ends_on: "2025-04-04".parse().unwrap(),
            hours: 32,
            rank: None,
            organiser: "河东区总工会".into(),
            issued_on: "2025-04-05".parse().unwrap(),
            verify_path: String::new(),
        }
    }

    #[test]
    fn serials_read_back() {
        assert_eq!(serial(2025, 123), "GYPX-2025-000123");
        assert_eq!(parse_serial("GYPX-2025-000123"), Some(123));
        assert_eq!(parse_serial("GYPX-2025-1234567"), Some(1_234_567));
        for bad in [
            "GYPX-2025-123",
            "GYPX-25-000123",
            "XXPX-2025-000123",
            "GYPX-2025-000000",
            "GYPX-2025-00012a",
            "",
        ] {
            assert_eq!(parse_serial(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_link_is_signed_over_the_serial() {
        assert_eq!(
            certificate_payload("GYPX-2025-000123"),
            b"gongyou/training-certificate/v1\nGYPX-2025-000123".to_vec()
        );
        let sig: [u8; SIG_LEN] = [7; SIG_LEN];
        let path = certificate_path("GYPX-2025-000123", &sig);
        assert_eq!(
            path,
            format!(
                "/verify/certificate?c=GYPX-2025-000123&sig={}",
                "07".repeat(SIG_LEN)
            )
        );
        let link =
            CertificateLink::from_query(&Query::parse(path.split_once('?').unwrap().1)).unwrap();
        assert_eq!((link.id, link.sig), (123, sig));
        assert_eq!(
            CertificateLink::from_query(&Query::parse("c=GYPX-2025-000123&sig=abc")),
            None
        );
        assert_eq!(
            CertificateLink::from_query(&Query::parse(&format!(
                "c=GYPX-2025-12&sig={}",
                "07".repeat(32)
            ))),
            None
        );
    }

    #[test]
    fn names_are_masked() {
        assert_eq!(mask_name("王建国"), "王*国");
        assert_eq!(mask_name("王芳"), "王*");
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(mask_name("李"), "*");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn a_scan_shows_valid_with_the_name_masked_and_nothing_more() {
        let public = PublicCertificate::from(&cert());
        let ok = CertificateCheck::decide(true, Some((public.clone(), false)));
        assert!(ok.valid);
        assert_eq!(
            ok.message().zh,
            "有效:王*国的家政服务结业证书,河东区总工会颁发"
        );
        let json = serde_json::to_value(&ok).unwrap();
        assert_eq!(json["certificate"]["holder"], "王*国");
        assert!(!json.to_string().contains("王秀国"));
        assert!(json["certificate"].get("holder_name").is_none());
        assert_eq!(
            CertificateCheck::decide(false, Some((public.clone(), false))).reason,
            Some(CertificateFailure::Invalid)
        );
        assert_eq!(
            CertificateCheck::decide(true, None).reason,
            Some(CertificateFailure::Invalid)
        );
        let revoked = CertificateCheck::decide(true, Some((public, true)));
        assert_eq!(
            (revoked.valid, revoked.reason, revoked.certificate),
            (false, Some(CertificateFailure::Revoked), None)
        );
        assert_eq!(
            serde_json::to_value(CertificateCheck::decide(false, None)).unwrap(),
            serde_json::json!({"valid": false, "reason": "invalid"})
        );
    }

    #[test]
    fn the_job_card_gets_the_name_and_trade() {
        let c = cert().for_job_card();
        assert_eq!(
            (c.name.as_str(), c.trade),
            ("家政服务结业证书", Trade::DomesticWorker)
        );
    }
}
