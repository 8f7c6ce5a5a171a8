//! The files themselves, in R2 (binding `ATTACHMENTS`), sealed with the
//! keyring: the object never holds the plaintext, and the row's public id is
//! the associated data, so an object swapped under another row does not open.

use super::store::AttachmentRow;
use crate::error::{AppError, AppResult};
use shared::server::crypto;
use shared::server::sealed::Keyring;
use worker::{Bucket, Env};

pub fn bucket(env: &Env) -> AppResult<Bucket> {
    Ok(env.bucket("ATTACHMENTS")?)
}

fn aad(public_id: &str) -> String {
    format!("attachment:{public_id}")
}

/// Where a file's object sealed under key `version` lives (a new key on
/// re-sealing, so the row moves to it only once it is written).
pub fn key_of(public_id: &str, version: u32) -> String {
    format!("attachments/{public_id}.v{version}")
}

/// What the row records of a stored object.
pub struct Stored {
    pub key_version: u32,
    pub sha256: String,
}

/// Seals `plain` and writes it under `key`.
pub async fn put(
    bucket: &Bucket,
    ring: &Keyring,
    key: &str,
    public_id: &str,
    plain: &[u8],
) -> AppResult<Stored> {
    let sealed = ring.seal_bytes(plain, &aad(public_id));
    let stored = Stored {
        key_version: ring.current_version(),
        sha256: crypto::sha256_hex(&sealed),
    };
    bucket.put(key, sealed).execute().await?;
    Ok(stored)
}

/// The plaintext of a row's object. A missing object, or one that does not
/// match its row or open, is a fault of ours (500, logged), not the caller's.
pub async fn read(bucket: &Bucket, ring: &Keyring, row: &AttachmentRow) -> AppResult<Vec<u8>> {
    let object = bucket
        .get(&row.r2_key)
        .execute()
        .await?
        .ok_or_else(|| AppError::Internal(format!("attachment {}: no object", row.id)))?;
    let sealed = object
        .body()
        .ok_or_else(|| AppError::Internal(format!("attachment {}: object has no body", row.id)))?
        .bytes()
        .await?;
    if crypto::sha256_hex(&sealed) != row.sha256 {
        return Err(AppError::Internal(format!(
            "attachment {}: object is not the one stored",
            row.id
        )));
    }
    ring.open_bytes(&sealed, &aad(&row.public_id))
        .ok_or_else(|| AppError::Internal(format!("attachment {}: does not open", row.id)))
}

/// Deletes objects (at most 1000 a call, as R2 allows).
pub async fn delete(bucket: &Bucket, keys: Vec<String>) -> AppResult<()> {
    for chunk in keys.chunks(1000) {
        bucket.delete_multiple(chunk.to_vec()).await?;
    }
    Ok(())
}
