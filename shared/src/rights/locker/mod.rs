//! The evidence locker (记工本): one entry per day a worker records — the
//! site, who employed them, 点工 or 包工 and the agreed wage, advances (借支)
//! and wages received, a note and photos. Entries are append-only: a
//! correction is a new entry that supersedes an old one. Each entry is a link
//! of a hash chain (SHA-256 over the previous hash, the canonical entry and
//! the server's receipt time), so the union is the neutral third party that
//! recorded the data at the time (《民事诉讼证据规定》Art. 94).
//!
//! | file | holds |
//! |---|---|
//! | `entry.rs` | the day entry as typed, its validation, and the entry as stored |
//! | `chain.rs` | the canonical form, the link hash (feature `server`), chain verification |
//! | `summary.rs` | days, earned, advances, paid and owed per employer and month |
//! | `confirm.rs` | 对工: the signed code a co-worker scans, and the confirmation |
//! | `routes.rs` | the locker's route table |

mod chain;
mod confirm;
mod entry;
mod routes;
mod summary;

pub use chain::*;
pub use confirm::*;
pub use entry::*;
pub use routes::*;
pub use summary::*;

/// Bytes of an HMAC-SHA256 signature (对工 codes).
pub const SIG_LEN: usize = 32;

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
