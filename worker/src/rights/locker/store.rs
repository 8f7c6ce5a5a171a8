//! Every statement on the locker's tables (migration 0019). Rows are only
//! ever inserted; [`erase`] is the account deletion's exception.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::attachments::AttachmentView;
use shared::geo::LatLng;
use shared::rights::*;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct EntryRow {
    pub id: i64,
    pub user_id: i64,
    pub seq: i64,
    pub date: String,
    pub project: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub employer_id: Option<i64>,
    pub employer_name: String,
    pub boss_phone: String,
    pub pay_kind: String,
    pub quantity_x100: i64,
    pub rate_fen: i64,
    pub advance_fen: i64,
    pub paid_fen: i64,
    pub note: String,
    pub attachments: String,
    pub supersedes_id: Option<i64>,
    pub supersedes_seq: Option<i64>,
    pub received_at: String,
    pub prev_hash: String,
    pub hash: String,
    pub superseded_by: Option<i64>,
}

const COLUMNS: &str = "e.id, e.user_id, e.seq, e.date, e.project, e.address, e.lat, e.lng,
  e.employer_id, e.employer_name, e.boss_phone, e.pay_kind, e.quantity_x100, e.rate_fen,
  e.advance_fen, e.paid_fen, e.note, e.attachments, e.supersedes_id, e.supersedes_seq,
  e.received_at, e.prev_hash, e.hash,
  (SELECT c.id FROM locker_entries c WHERE c.supersedes_id = e.id) AS superseded_by";

impl EntryRow {
    /// The day as stored; `None` when a stored field no longer reads (only
    /// a row changed outside the Worker can be so).
    pub fn day(&self) -> Option<DayEntry> {
        Some(DayEntry {
            date: chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").ok()?,
            project: self.project.clone(),
            address: self.address.clone(),
            position: match (self.lat, self.lng) {
                (Some(lat), Some(lng)) => Some(LatLng { lat, lng }),
                _ => None,
            },
            employer_id: self.employer_id,
            employer_name: self.employer_name.clone(),
            boss_phone: self.boss_phone.clone(),
            pay_kind: PayKind::parse(&self.pay_kind)?,
            quantity_x100: self.quantity_x100,
            rate_fen: self.rate_fen,
            advance_fen: self.advance_fen,
            paid_fen: self.paid_fen,
            note: self.note.clone(),
            attachments: serde_json::from_str(&self.attachments).ok()?,
        })
    }

    /// The link as verification reads it: the canonical text rebuilt from
    /// the stored fields (an unreadable row gets one that cannot match).
    pub fn link(&self) -> ChainLink {
        ChainLink {
            seq: self.seq,
            prev_hash: self.prev_hash.clone(),
            hash: self.hash.clone(),
            canonical: self
                .day()
                .map(|d| canonical(self.seq, &d, self.supersedes_seq))
                .unwrap_or_default(),
            received_at: self.received_at.clone(),
            supersedes_seq: self.supersedes_seq,
        }
    }
}

/// The last link of a worker's chain: (seq, hash).
#[derive(Debug, Clone, Deserialize)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

pub async fn head(db: &D1Database, user_id: i64) -> AppResult<Option<Head>> {
    db::first(
        db,
        "SELECT seq, hash FROM locker_entries WHERE user_id = ? ORDER BY seq DESC LIMIT 1",
        params![user_id],
    )
    .await
}

/// What one append writes.
pub struct NewEntry<'a> {
    pub id: i64,
    pub user_id: i64,
    pub seq: i64,
    pub day: &'a DayEntry,
    /// (id, seq) of the entry it corrects.
    pub supersedes: Option<(i64, i64)>,
    pub received_at: &'a str,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

pub fn insert(db: &D1Database, e: &NewEntry<'_>) -> AppResult<D1PreparedStatement> {
    let d = e.day;
    db::stmt(
        db,
        "INSERT INTO locker_entries (id, user_id, seq, date, project, address, lat, lng, employer_id,
           employer_name, boss_phone, pay_kind, quantity_x100, rate_fen, advance_fen, paid_fen, note,
           attachments, supersedes_id, supersedes_seq, received_at, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            e.id,
            e.user_id,
            e.seq,
            d.date.to_string(),
            d.project,
            d.address,
            d.position.map(|p| p.lat),
            d.position.map(|p| p.lng),
            d.employer_id,
            d.employer_name,
            d.boss_phone,
            d.pay_kind.code(),
            d.quantity_x100,
            d.rate_fen,
            d.advance_fen,
            d.paid_fen,
            d.note,
            serde_json::to_string(&d.attachments)?,
            e.supersedes.map(|s| s.0),
            e.supersedes.map(|s| s.1),
            e.received_at,
            e.prev_hash,
            e.hash
        ],
    )
}

pub async fn entry(db: &D1Database, id: i64) -> AppResult<Option<EntryRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM locker_entries e WHERE e.id = ?"),
        params![id],
    )
    .await
}

/// The caller's own entry, else 404.
pub async fn own_entry(db: &D1Database, id: i64, user_id: i64) -> AppResult<EntryRow> {
    entry(db, id)
        .await?
        .filter(|e| e.user_id == user_id)
        .ok_or_else(|| shared::ApiError::not_found().into())
}

/// Both ends of a date range, every date when none is given: always a
/// range, so the (user_id, date) index reads only the month asked for.
fn range(between: Option<(String, String)>) -> (String, String) {
    between.unwrap_or_else(|| ("0000-01-01".into(), "9999-12-31".into()))
}

/// A worker's entries between two dates (both included, `None` for all),
/// newest day first, at most `limit`.
pub async fn entries_of(
    db: &D1Database,
    user_id: i64,
    between: Option<(String, String)>,
    limit: u32,
) -> AppResult<Vec<EntryRow>> {
    let (from, to) = range(between);
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM locker_entries e
             WHERE e.user_id = ?1 AND e.date >= ?2 AND e.date <= ?3
             ORDER BY e.date DESC, e.seq DESC LIMIT ?4"
        ),
        params![user_id, from, to, limit],
    )
    .await
}

/// The entries that stand (not superseded), for the summary.
pub async fn standing_of(
    db: &D1Database,
    user_id: i64,
    between: Option<(String, String)>,
) -> AppResult<Vec<EntryRow>> {
    let (from, to) = range(between);
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM locker_entries e
             WHERE e.user_id = ?1 AND e.date >= ?2 AND e.date <= ?3
               AND NOT EXISTS (SELECT 1 FROM locker_entries c WHERE c.supersedes_id = e.id)"
        ),
        params![user_id, from, to],
    )
    .await
}

/// One page of a worker's chain in order, after `after_seq`.
pub async fn chain_page(
    db: &D1Database,
    user_id: i64,
    after_seq: i64,
    limit: u32,
) -> AppResult<Vec<EntryRow>> {
    db::all(
        db,
        "SELECT e.id, e.user_id, e.seq, e.date, e.project, e.address, e.lat, e.lng,
           e.employer_id, e.employer_name, e.boss_phone, e.pay_kind, e.quantity_x100, e.rate_fen,
           e.advance_fen, e.paid_fen, e.note, e.attachments, e.supersedes_id, e.supersedes_seq,
           e.received_at, e.prev_hash, e.hash, NULL AS superseded_by
         FROM locker_entries e WHERE e.user_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?",
        params![user_id, after_seq, limit],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct ConfirmationRow {
    pub entry_id: i64,
    pub confirmed_at: String,
    pub display_name: Option<String>,
    pub phone: String,
}

impl ConfirmationRow {
    pub fn wire(&self) -> Confirmation {
        Confirmation {
            by: masked_person(self.display_name.as_deref(), &self.phone),
            at: self.confirmed_at.clone(),
        }
    }
}

/// The confirmations on these entries, oldest first.
pub async fn confirmations_of(
    db: &D1Database,
    entry_ids: &[i64],
) -> AppResult<Vec<ConfirmationRow>> {
    if entry_ids.is_empty() {
        return Ok(Vec::new());
    }
    db::all(
        db,
        "SELECT c.entry_id, c.confirmed_at, u.display_name, u.phone
         FROM locker_confirmations c JOIN users u ON u.id = c.user_id
         WHERE c.entry_id IN (SELECT value FROM json_each(?)) ORDER BY c.id",
        params![serde_json::to_string(entry_ids)?],
    )
    .await
}

/// Records a co-worker's confirmation; a second one changes nothing.
pub fn confirm(
    db: &D1Database,
    entry_id: i64,
    user_id: i64,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO locker_confirmations (entry_id, user_id, confirmed_at) VALUES (?, ?, ?)",
        params![entry_id, user_id, now],
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct Confirmed {
    pub confirmed_at: String,
}

pub async fn confirmation_by(
    db: &D1Database,
    entry_id: i64,
    user_id: i64,
) -> AppResult<Option<Confirmed>> {
    db::first(
        db,
        "SELECT confirmed_at FROM locker_confirmations WHERE entry_id = ? AND user_id = ?",
        params![entry_id, user_id],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
struct GivenRow {
    entry_id: i64,
    date: String,
    project: String,
    confirmed_at: String,
}

/// The confirmations a worker gave (their data export).
pub async fn export_given(db: &D1Database, user_id: i64) -> AppResult<Vec<GivenConfirmation>> {
    let rows: Vec<GivenRow> = db::all(
        db,
        "SELECT c.entry_id, e.date, e.project, c.confirmed_at
         FROM locker_confirmations c JOIN locker_entries e ON e.id = c.entry_id
         WHERE c.user_id = ? ORDER BY c.id",
        params![user_id],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| GivenConfirmation {
            entry_id: r.entry_id,
            date: chrono::NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").unwrap_or_default(),
            project: r.project,
            at: r.confirmed_at,
        })
        .collect())
}

/// Entries with their files and confirmations, read in two statements.
pub async fn wire(db: &D1Database, rows: &[EntryRow]) -> AppResult<Vec<LockerEntry>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let confirmations = confirmations_of(db, &ids).await?;
    let days: Vec<Option<DayEntry>> = rows.iter().map(EntryRow::day).collect();
    let mut public_ids: Vec<String> = days
        .iter()
        .flatten()
        .flat_map(|d| d.attachments.iter().cloned())
        .collect();
    public_ids.dedup();
    let files = if public_ids.is_empty() {
        Vec::new()
    } else {
        crate::attachments::store::by_public_ids(db, &public_ids).await?
    };
    Ok(rows
        .iter()
        .zip(days)
        .filter_map(|(r, day)| {
            let day = day?;
            let files: Vec<AttachmentView> = day
                .attachments
                .iter()
                .filter_map(|id| {
                    files
                        .iter()
                        .find(|f| &f.public_id == id && f.owner_user_id == r.user_id)
                        .map(|f| f.view())
                })
                .collect();
            Some(LockerEntry {
                id: r.id,
                seq: r.seq,
                earned_fen: day.earned_fen(),
                day,
                supersedes: r.supersedes_id,
                superseded_by: r.superseded_by,
                received_at: r.received_at.clone(),
                prev_hash: r.prev_hash.clone(),
                hash: r.hash.clone(),
                files,
                confirmations: confirmations
                    .iter()
                    .filter(|c| c.entry_id == r.id)
                    .map(ConfirmationRow::wire)
                    .collect(),
            })
        })
        .collect())
}

/// Every entry of a worker, in chain order, as the data export carries them.
pub async fn export_entries(db: &D1Database, user_id: i64) -> AppResult<Vec<LockerEntry>> {
    let rows: Vec<EntryRow> = db::all(
        db,
        &format!("SELECT {COLUMNS} FROM locker_entries e WHERE e.user_id = ? ORDER BY e.seq"),
        params![user_id],
    )
    .await?;
    wire(db, &rows).await
}

/// The account deletion's statements: the one way rows leave the locker.
/// The erasure row opens the delete trigger for this worker alone, and goes
/// again at the end of the same batch.
pub fn erase(db: &D1Database, user_id: i64) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            "INSERT OR IGNORE INTO locker_erasures (erased_user_id) VALUES (?)",
            params![user_id],
        )?,
        db::stmt(
            db,
            "DELETE FROM locker_confirmations
             WHERE user_id = ?1 OR entry_id IN (SELECT id FROM locker_entries WHERE user_id = ?1)",
            params![user_id],
        )?,
        db::stmt(
            db,
            "DELETE FROM locker_entries WHERE user_id = ?",
            params![user_id],
        )?,
        db::stmt(
            db,
            "DELETE FROM locker_erasures WHERE erased_user_id = ?",
            params![user_id],
        )?,
    ])
}
