//! Attachments (附件): photos and PDFs for any capability's records —
//! receipts and discharge summaries with a benefit application, evidence with
//! a wage complaint. Nothing here knows a capability: a capability links a
//! worker's uploads to its record and lists them back.
//!
//! | file | holds |
//! |---|---|
//! | `routes.rs` | upload (raw body, 5 MB, JPEG/PNG/PDF by magic bytes), read back, delete |
//! | `objects.rs` | the sealed objects in R2 |
//! | `store.rs` | all SQL |
//! | here | the API for capabilities ([`link_statements`], [`of_subject`]), and the hourly work: unlinked uploads expire ([`housekeeping`]), old keys move ([`rotate`]), a deleted account's loose files go ([`erase_unlinked_of`]) |
//!
//! A capability's form takes the ids the app's file picker uploaded and, in
//! the same D1 batch as its own record:
//!
//! ```ignore
//! let mut statements = vec![store::insert_application(&db, …)?];
//! statements.extend(
//!     crate::attachments::link_statements(&db, &input.attachments, user_id, "benefits", id, &union.path).await?,
//! );
//! db::batch(&db, statements).await?;
//! ```
//!
//! and shows them with [`of_subject`]. Staff whose scope holds `union_path`
//! may then read the files at `GET /api/attachments/{id}`.

mod objects;
pub mod routes;
pub mod store;

use crate::error::AppResult;
use shared::attachments::{check_count, is_public_id, may_link, AttachmentView, LinkRefusal};
use shared::server::sealed::Keyring;
use shared::ApiError;
use worker::{D1Database, D1PreparedStatement, Env};

/// The statements that link `public_ids` (a worker's uploads) to a record:
/// run them in the capability's own D1 batch. Refused with a 422 on the field
/// `attachments` when an id is not `owner_user_id`'s (another's, deleted, or
/// expired), already belongs to another record, or the record would hold more
/// than `MAX_PER_SUBJECT` files. Ids already linked to this record are linked
/// again harmlessly (a replayed submission). Should another submission link
/// one of them between this check and the batch, the batch aborts.
pub async fn link_statements(
    db: &D1Database,
    public_ids: &[String],
    owner_user_id: i64,
    capability: &str,
    subject_id: i64,
    union_path: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let mut ids: Vec<String> = Vec::with_capacity(public_ids.len());
    for id in public_ids {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let refuse = |why: LinkRefusal| ApiError::field("attachments", why.message());
    let too_many = || {
        ApiError::field(
            "attachments",
            shared::attachments::Refusal::TooMany.message(),
        )
    };
    check_count(0, ids.len()).map_err(|_| too_many())?;
    if !ids.iter().all(|id| is_public_id(id)) {
        return Err(refuse(LinkRefusal::Unknown).into());
    }
    let rows = store::by_public_ids(db, &ids).await?;
    if rows.len() != ids.len() {
        return Err(refuse(LinkRefusal::Unknown).into());
    }
    for row in &rows {
        may_link(
            owner_user_id,
            row.owner_user_id,
            row.linked(),
            capability,
            subject_id,
        )
        .map_err(refuse)?;
    }
    let already = store::of_subject(db, capability, subject_id)
        .await?
        .iter()
        .filter(|r| !ids.contains(&r.public_id))
        .count();
    check_count(already, ids.len()).map_err(|_| too_many())?;
    let now = shared::time::rfc3339(shared::time::from_millis(js_sys::Date::now()));
    ids.iter()
        .map(|id| {
            store::link(
                db,
                id,
                owner_user_id,
                capability,
                subject_id,
                union_path,
                &now,
            )
        })
        .collect()
}

/// The files of a record, oldest first, for the capability's own replies.
pub async fn of_subject(
    db: &D1Database,
    capability: &str,
    subject_id: i64,
) -> AppResult<Vec<AttachmentView>> {
    Ok(store::of_subject(db, capability, subject_id)
        .await?
        .iter()
        .map(store::AttachmentRow::view)
        .collect())
}

/// Unlinked uploads removed a run at most (the rest wait for the next hour).
const EXPIRE_PER_RUN: u32 = 500;

/// The hourly housekeeping: uploads no record took within a day are deleted,
/// rows and objects. Answers how many.
pub async fn housekeeping(
    env: &Env,
    db: &D1Database,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<usize> {
    let day_ago = shared::time::rfc3339(now - chrono::Duration::days(1));
    let removed = store::delete_unlinked_before(db, &day_ago, EXPIRE_PER_RUN).await?;
    let n = removed.len();
    if n > 0 {
        let keys = removed.into_iter().map(|r| r.r2_key).collect();
        objects::delete(&objects::bucket(env)?, keys).await?;
    }
    Ok(n)
}

/// Files re-sealed under the current key a run at most: each is read, opened,
/// sealed again and written (up to 5 MB), so fewer than ID numbers' 200.
const RESEAL_PER_RUN: u32 = 10;

/// Key rotation of the files (as `membership::rotation` does for ID numbers):
/// each object under an older key is sealed again under the current one, as a
/// new object; the row moves to it only if it still points at the old one,
/// then the old object goes. Answers how many moved.
pub async fn rotate(env: &Env, db: &D1Database, ring: &Keyring) -> AppResult<u32> {
    let current = ring.current_version();
    let stale = store::stale(db, current, RESEAL_PER_RUN).await?;
    if stale.is_empty() {
        return Ok(0);
    }
    let bucket = objects::bucket(env)?;
    let mut moved = 0;
    for row in stale {
        let plain = match objects::read(&bucket, ring, &row).await {
            Ok(plain) => plain,
            Err(e) => {
                worker::console_error!("attachment {}: not re-sealed: {e:?}", row.id);
                continue;
            }
        };
        let key = objects::key_of(&row.public_id, current);
        let stored = objects::put(&bucket, ring, &key, &row.public_id, &plain).await?;
        let done = store::resealed(
            db,
            row.id,
            &row.r2_key,
            &key,
            &stored.sha256,
            stored.key_version,
        )
        .await?;
        // The old object if the row moved; else (deleted or moved meanwhile) the new one.
        objects::delete(&bucket, vec![if done { row.r2_key } else { key }]).await?;
        moved += u32::from(done);
    }
    Ok(moved)
}

/// A deleted account's files no record holds, rows and objects. Files linked
/// to a record stay with it: the capability's own erasure decides about them.
pub async fn erase_unlinked_of(env: &Env, db: &D1Database, user_id: i64) -> AppResult<()> {
    let removed = store::delete_unlinked_of(db, user_id).await?;
    if !removed.is_empty() {
        let keys = removed.into_iter().map(|r| r.r2_key).collect();
        objects::delete(&objects::bucket(env)?, keys).await?;
    }
    Ok(())
}
