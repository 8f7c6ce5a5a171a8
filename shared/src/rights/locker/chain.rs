//! The hash chain of a worker's locker. Each entry's link is
//!
//! ```text
//! hash = SHA-256( prev_hash "\n" canonical "\n" received_at )   (lower-case hex)
//! ```
//!
//! where `prev_hash` is the previous entry's hash ([`GENESIS`] for the first),
//! `canonical` is [`canonical`] of the entry (JSON, fields in a fixed order,
//! positions in whole micro-degrees, so the same entry always gives the same
//! bytes) and `received_at` is the server's receipt time, RFC 3339 UTC. A
//! change to any stored field, a removed or reordered entry, or a receipt
//! time rewritten breaks every link from there on.

use super::DayEntry;
use serde::{Deserialize, Serialize};

/// The `prev_hash` of a chain's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const VERSION: &str = "gongyou/rights-locker/v1";

#[derive(Serialize)]
struct Canonical<'a> {
    v: &'static str,
    seq: i64,
    date: String,
    project: &'a str,
    address: &'a str,
    lat_e6: Option<i64>,
    lng_e6: Option<i64>,
    employer_id: Option<i64>,
    employer_name: &'a str,
    boss_phone: &'a str,
    pay_kind: &'static str,
    quantity_x100: i64,
    rate_fen: i64,
    advance_fen: i64,
    paid_fen: i64,
    note: &'a str,
    attachments: &'a [String],
    supersedes_seq: Option<i64>,
}

/// The entry's canonical text: what its link hashes.
pub fn canonical(seq: i64, day: &DayEntry, supersedes_seq: Option<i64>) -> String {
    let e6 = |x: f64| (x * 1e6).round() as i64;
    serde_json::to_string(&Canonical {
        v: VERSION,
        seq,
        date: day.date.to_string(),
        project: &day.project,
        address: &day.address,
        lat_e6: day.position.map(|p| e6(p.lat)),
        lng_e6: day.position.map(|p| e6(p.lng)),
        employer_id: day.employer_id,
        employer_name: &day.employer_name,
        boss_phone: &day.boss_phone,
        pay_kind: day.pay_kind.code(),
        quantity_x100: day.quantity_x100,
        rate_fen: day.rate_fen,
        advance_fen: day.advance_fen,
        paid_fen: day.paid_fen,
        note: &day.note,
        attachments: &day.attachments,
        supersedes_seq,
    })
    .unwrap_or_default()
}

/// The bytes a link hashes.
pub fn link_message(prev_hash: &str, canonical: &str, received_at: &str) -> Vec<u8> {
    format!("{prev_hash}\n{canonical}\n{received_at}").into_bytes()
}

/// The link's hash (the Worker computes it when an entry arrives).
#[cfg(feature = "server")]
pub fn link_hash(prev_hash: &str, canonical: &str, received_at: &str) -> String {
    crate::server::crypto::sha256_hex(&link_message(prev_hash, canonical, received_at))
}

/// One stored link, as verification reads it back: the canonical text is
/// rebuilt from the stored fields, never read from a stored copy.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainLink {
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
    pub canonical: String,
    pub received_at: String,
    pub supersedes_seq: Option<i64>,
}

crate::vocabulary! {
    /// What is wrong with a chain, at its first bad entry.
    pub enum ChainProblem {
        Gap = "gap", "记录的序号不连续(有记录被删掉或插入)", "The entries' numbers have a gap (an entry was removed or inserted)";
        Link = "link", "这一条和前一条接不上(顺序或前一条被改过)", "This entry does not follow the one before (order or the previous entry changed)";
        Altered = "altered", "这一条的内容或时间被改过", "This entry's content or time was changed";
        Supersede = "supersede", "更正指向了不存在或已经更正过的记录", "A correction points at an entry that is missing or already corrected";
    }
}

/// The verdict of a chain check (`GET /api/rights/locker/verify`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ChainVerdict {
    pub ok: bool,
    /// Entries checked.
    pub entries: u32,
    /// The last entry's hash ([`GENESIS`] for an empty locker): quoting it
    /// fixes the whole chain as it stands.
    pub head_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_bad_seq: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<ChainProblem>,
    /// RFC 3339.
    pub checked_at: String,
}

/// Checks `links` (in `seq` order as stored) with `hash` as the link hash:
/// numbers 1, 2, 3… without a gap, each `prev_hash` the hash before it, each
/// hash recomputed from the stored fields, each correction pointing at an
/// earlier entry not corrected before.
pub fn verify_with(
    links: &[ChainLink],
    hash: impl Fn(&str, &str, &str) -> String,
    checked_at: String,
) -> ChainVerdict {
    let mut prev = GENESIS.to_string();
    let mut corrected = std::collections::HashSet::new();
    let bad = |seq: i64, problem: ChainProblem, n: usize| ChainVerdict {
        ok: false,
        entries: n as u32,
        head_hash: links.last().map_or(GENESIS.to_string(), |l| l.hash.clone()),
        first_bad_seq: Some(seq),
        problem: Some(problem),
        checked_at: checked_at.clone(),
    };
    for (i, l) in links.iter().enumerate() {
        if l.seq != i as i64 + 1 {
            return bad(i as i64 + 1, ChainProblem::Gap, links.len());
        }
        if l.prev_hash != prev {
            return bad(l.seq, ChainProblem::Link, links.len());
        }
        if hash(&l.prev_hash, &l.canonical, &l.received_at) != l.hash {
            return bad(l.seq, ChainProblem::Altered, links.len());
        }
        if let Some(s) = l.supersedes_seq {
            if s < 1 || s >= l.seq || !corrected.insert(s) {
                return bad(l.seq, ChainProblem::Supersede, links.len());
            }
        }
        prev = l.hash.clone();
    }
    ChainVerdict {
        ok: true,
        entries: links.len() as u32,
        head_hash: prev,
        first_bad_seq: None,
        problem: None,
        checked_at,
    }
}

/// [`verify_with`] SHA-256 links.
#[cfg(feature = "server")]
pub fn verify_chain(links: &[ChainLink], checked_at: String) -> ChainVerdict {
    verify_with(links, link_hash, checked_at)
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;
    use crate::rights::locker::{EntryInput, PayKind};
    use chrono::NaiveDate;

    fn day(n: u32) -> DayEntry {
        EntryInput {
            date: format!("2026-11-{n:02}"),
            project: "瑶海区保障房二期".into(),
            address: "合肥市瑶海区长江东路".into(),
            position: Some(crate::geo::LatLng {
                lat: 31.8619,
                lng: 117.3106,
            }),
            employer_id: None,
            boss_name: "王德发".into(),
            boss_phone: "13800138000".into(),
            pay_kind: PayKind::Day,
            quantity_x100: 100,
            rate_fen: 350_00,
            advance_fen: 0,
            paid_fen: 0,
            note: "扎钢筋".into(),
            attachments: vec![],
            supersedes: None,
        }
        .validate(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())
        .unwrap()
    }

    /// Appends as the Worker does.
    fn append(chain: &mut Vec<ChainLink>, d: &DayEntry, supersedes_seq: Option<i64>) {
        let seq = chain.len() as i64 + 1;
        let prev = chain.last().map_or(GENESIS.to_string(), |l| l.hash.clone());
        let canonical = canonical(seq, d, supersedes_seq);
        let received_at = format!("2026-12-03T08:00:{:02}Z", seq % 60);
        chain.push(ChainLink {
            seq,
            hash: link_hash(&prev, &canonical, &received_at),
            prev_hash: prev,
            canonical,
            received_at,
            supersedes_seq,
        });
    }

    fn chain(n: u32) -> Vec<ChainLink> {
        let mut c = Vec::new();
        for i in 1..=n {
            append(&mut c, &day(i), None);
        }
        c
    }

    fn now() -> String {
        "2026-12-03T09:00:00Z".into()
    }

    #[test]
    fn a_chain_as_appended_verifies() {
        let c = chain(20);
        let v = verify_chain(&c, now());
        assert!(v.ok, "{v:?}");
        assert_eq!((v.entries, v.head_hash.as_str()), (20, c[19].hash.as_str()));
        let empty = verify_chain(&[], now());
        assert!(empty.ok && empty.entries == 0 && empty.head_hash == GENESIS);
    }

    #[test]
    fn the_link_is_sha256_of_prev_canonical_and_receipt_time() {
        let c = chain(1);
        let expected = crate::server::crypto::sha256_hex(
            format!("{GENESIS}\n{}\n{}", c[0].canonical, c[0].received_at).as_bytes(),
        );
        assert_eq!(c[0].hash, expected);
        assert_eq!(c[0].hash.len(), 64);
        // The canonical form is stable and carries every field.
        assert_eq!(canonical(1, &day(1), None), canonical(1, &day(1), None));
        for needle in [
            "\"lat_e6\":31861900",
            "\"boss_phone\":\"13800138000\"",
            "\"rate_fen\":35000",
            "\"note\":\"扎钢筋\"",
        ] {
            assert!(
                c[0].canonical.contains(needle),
                "{needle} in {}",
                c[0].canonical
            );
        }
    }

    #[test]
    fn tampering_with_any_field_or_time_is_detected_at_that_entry() {
        let c = chain(5);
        let mut altered = day(3);
        altered.rate_fen = 500_00;
        let mut t = c.clone();
        t[2].canonical = canonical(3, &altered, None);
        let v = verify_chain(&t, now());
        assert_eq!(
            (v.ok, v.first_bad_seq, v.problem),
            (false, Some(3), Some(ChainProblem::Altered))
        );
        let mut t = c.clone();
        t[1].received_at = "2026-12-04T08:00:00Z".into();
        assert_eq!(verify_chain(&t, now()).first_bad_seq, Some(2));
        // Re-hashing the altered entry does not help: the next link breaks.
        let mut t = c.clone();
        t[2].canonical = canonical(3, &altered, None);
        t[2].hash = link_hash(&t[2].prev_hash, &t[2].canonical, &t[2].received_at);
        let v = verify_chain(&t, now());
        assert_eq!(
            (v.first_bad_seq, v.problem),
            (Some(4), Some(ChainProblem::Link))
        );
    }

    #[test]
    fn removed_inserted_or_reordered_entries_are_detected() {
        let c = chain(5);
        let mut t = c.clone();
        t.remove(2);
        assert_eq!(verify_chain(&t, now()).problem, Some(ChainProblem::Gap));
        let mut t = c.clone();
        t.swap(1, 2);
        let v = verify_chain(&t, now());
        assert!(!v.ok && v.first_bad_seq == Some(2), "{v:?}");
        // The last entry dropped: still a valid (shorter) chain, but its head
        // hash is not the one quoted before.
        let mut t = c.clone();
        t.pop();
        let v = verify_chain(&t, now());
        assert!(v.ok && v.head_hash != c[4].hash);
        // Renumbered after a removal: the links break.
        let mut t = c.clone();
        t.remove(2);
        for (i, l) in t.iter_mut().enumerate() {
            l.seq = i as i64 + 1;
        }
        assert_eq!(verify_chain(&t, now()).problem, Some(ChainProblem::Link));
    }

    #[test]
    fn a_correction_supersedes_an_earlier_entry_once() {
        let mut c = chain(3);
        let mut fixed = day(2);
        fixed.quantity_x100 = 50;
        append(&mut c, &fixed, Some(2));
        assert!(verify_chain(&c, now()).ok);
        // A correction of the correction is fine; correcting seq 2 again is not.
        let mut ok = c.clone();
        append(&mut ok, &fixed, Some(4));
        assert!(verify_chain(&ok, now()).ok);
        let mut twice = c.clone();
        append(&mut twice, &fixed, Some(2));
        let v = verify_chain(&twice, now());
        assert_eq!(
            (v.first_bad_seq, v.problem),
            (Some(5), Some(ChainProblem::Supersede))
        );
        // Pointing forward, or at itself, is refused.
        let mut forward = chain(2);
        append(&mut forward, &fixed, Some(3));
        assert_eq!(
            verify_chain(&forward, now()).problem,
            Some(ChainProblem::Supersede)
        );
        // What a correction points at is part of its link.
        let mut t = c.clone();
        t[3].canonical = canonical(4, &fixed, Some(1));
        assert_eq!(verify_chain(&t, now()).problem, Some(ChainProblem::Altered));
    }
}
