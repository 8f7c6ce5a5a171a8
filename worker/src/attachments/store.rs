//! Every statement on `attachments` (migration 0017).

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::attachments::{AttachmentView, Holding, Linked};
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct AttachmentRow {
    pub id: i64,
    pub public_id: String,
    pub owner_user_id: i64,
    pub capability: Option<String>,
    pub subject_id: Option<i64>,
    pub union_path: Option<String>,
    pub content_type: String,
    pub bytes: i64,
    pub sha256: String,
    pub r2_key: String,
    pub created_at: String,
}

const COLUMNS: &str =
    "id, public_id, owner_user_id, capability, subject_id, union_path, content_type, bytes,
  sha256, r2_key, created_at";

impl AttachmentRow {
    pub fn view(&self) -> AttachmentView {
        AttachmentView {
            id: self.public_id.clone(),
            content_type: self.content_type.clone(),
            bytes: u32::try_from(self.bytes).unwrap_or(0),
            created_at: self.created_at.clone(),
        }
    }

    pub fn holding(&self) -> Holding<'_> {
        Holding {
            owner_user_id: self.owner_user_id,
            union_path: self.union_path.as_deref(),
        }
    }

    pub fn linked(&self) -> Option<Linked<'_>> {
        Some(Linked {
            capability: self.capability.as_deref()?,
            subject_id: self.subject_id?,
        })
    }
}

/// What a new upload's row holds.
pub struct NewAttachment<'a> {
    pub public_id: &'a str,
    pub owner_user_id: i64,
    pub content_type: &'a str,
    pub bytes: u32,
    pub sha256: &'a str,
    pub r2_key: &'a str,
    pub key_version: u32,
    pub created_at: &'a str,
}

pub async fn insert(db: &D1Database, a: &NewAttachment<'_>) -> AppResult<()> {
    db::run(
        db,
        "INSERT INTO attachments (public_id, owner_user_id, content_type, bytes, sha256, r2_key, key_version, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            a.public_id,
            a.owner_user_id,
            a.content_type,
            a.bytes,
            a.sha256,
            a.r2_key,
            a.key_version,
            a.created_at
        ],
    )
    .await?;
    Ok(())
}

pub async fn by_public_id(db: &D1Database, public_id: &str) -> AppResult<Option<AttachmentRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM attachments WHERE public_id = ?"),
        params![public_id],
    )
    .await
}

/// The rows of these public ids (any owner; the caller judges).
pub async fn by_public_ids(
    db: &D1Database,
    public_ids: &[String],
) -> AppResult<Vec<AttachmentRow>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM attachments WHERE public_id IN (SELECT value FROM json_each(?))"
        ),
        params![serde_json::to_string(public_ids)?],
    )
    .await
}

/// A record's files, oldest first.
pub async fn of_subject(
    db: &D1Database,
    capability: &str,
    subject_id: i64,
) -> AppResult<Vec<AttachmentRow>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM attachments WHERE capability = ? AND subject_id = ? ORDER BY id"
        ),
        params![capability, subject_id],
    )
    .await
}

/// Links one file to a record, only if it is still its owner's. A file
/// already linked to another record aborts the batch (trigger
/// `attachments_link_once`); linking it to the same record again changes nothing.
pub fn link(
    db: &D1Database,
    public_id: &str,
    owner_user_id: i64,
    capability: &str,
    subject_id: i64,
    union_path: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE attachments SET capability = ?, subject_id = ?, union_path = ?, linked_at = coalesce(linked_at, ?)
         WHERE public_id = ? AND owner_user_id = ?",
        params![capability, subject_id, union_path, now, public_id, owner_user_id],
    )
}

/// Files sealed under another key than `current`, at most `limit`.
pub async fn stale(db: &D1Database, current: u32, limit: u32) -> AppResult<Vec<AttachmentRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM attachments WHERE key_version <> ? ORDER BY id LIMIT ?"),
        params![current, limit],
    )
    .await
}

/// Points a row at its re-sealed object, only if it still points at
/// `old_key`; false when it changed or went meanwhile.
pub async fn resealed(
    db: &D1Database,
    id: i64,
    old_key: &str,
    new_key: &str,
    sha256: &str,
    key_version: u32,
) -> AppResult<bool> {
    Ok(db::run(
        db,
        "UPDATE attachments SET r2_key = ?, sha256 = ?, key_version = ? WHERE id = ? AND r2_key = ?",
        params![new_key, sha256, key_version, id, old_key],
    )
    .await?
    .changes
        == 1)
}

/// Deletes a person's unlinked files' rows, answering their objects' keys.
pub async fn delete_unlinked_of(db: &D1Database, owner_user_id: i64) -> AppResult<Vec<Removed>> {
    db::all(
        db,
        "DELETE FROM attachments WHERE owner_user_id = ? AND capability IS NULL RETURNING r2_key",
        params![owner_user_id],
    )
    .await
}

/// Deletes a person's files linked to records of `capability` (a capability
/// whose records go with the account), answering their objects' keys.
pub async fn delete_linked_of(
    db: &D1Database,
    owner_user_id: i64,
    capability: &str,
) -> AppResult<Vec<Removed>> {
    db::all(
        db,
        "DELETE FROM attachments WHERE owner_user_id = ? AND capability = ? RETURNING r2_key",
        params![owner_user_id, capability],
    )
    .await
}

/// Deletes an unlinked file's row; false when it was linked or gone meanwhile.
pub async fn delete_unlinked(db: &D1Database, id: i64) -> AppResult<bool> {
    Ok(db::run(
        db,
        "DELETE FROM attachments WHERE id = ? AND capability IS NULL",
        params![id],
    )
    .await?
    .changes
        == 1)
}

#[derive(Debug, Clone, Deserialize)]
pub struct Removed {
    pub r2_key: String,
}

/// Deletes unlinked uploads created before `before`, oldest first, at most
/// `limit`, answering their objects' keys. Rows go first, in one statement: a
/// file a record links meanwhile is never taken from it.
pub async fn delete_unlinked_before(
    db: &D1Database,
    before: &str,
    limit: u32,
) -> AppResult<Vec<Removed>> {
    db::all(
        db,
        "DELETE FROM attachments WHERE id IN (
           SELECT id FROM attachments WHERE capability IS NULL AND created_at < ? ORDER BY created_at LIMIT ?)
         RETURNING r2_key",
        params![before, limit],
    )
    .await
}
