//! Attachment handlers: upload, read back, delete. Parse → authorise → store → reply.

use super::objects;
use super::store::{self, NewAttachment};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::idempotency;
use crate::principal::Principal;
use crate::rate_limit::{self, Limit};
use crate::reply::{no_content, typed};
use shared::attachments::*;
use shared::routes::params;
use shared::server::crypto;
use shared::{ApiError, ErrorCode};
use worker::Response;

pub async fn handle(route: AttachmentsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        AttachmentsRoute::Upload => upload(ctx).await,
        AttachmentsRoute::Get => get(ctx).await,
        AttachmentsRoute::Delete => delete(ctx).await,
    }
}

const UPLOADS: Limit = Limit::new(UPLOADS_PER_DAY, 24 * 3600);

/// The answer to a file that is not accepted: 413 or 422, saying why.
fn refused(why: Refusal) -> ApiError {
    let message = why.message();
    let mut e = if why.status() == 413 {
        ApiError::with_message(ErrorCode::PayloadTooLarge, message.clone())
    } else {
        ApiError::field("file", message.clone())
    };
    e.message = message;
    e
}

/// The body is the file itself. Its first bytes decide its type; it is sealed
/// into R2, then recorded as the uploader's, unlinked, once per Idempotency-Key.
async fn upload(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    // Read first, so a body over the limit gets this module's own message.
    if let Err(e) = ctx.body_bytes().await {
        return Err(match e {
            AppError::Api(api) if api.code == ErrorCode::PayloadTooLarge => {
                refused(Refusal::TooLarge).into()
            }
            other => other,
        });
    }
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let file = ctx.body_bytes().await?.to_vec();
            let kind = check_upload(&file).map_err(refused)?;
            let db = ctx.db()?;
            rate_limit::take(
                &db,
                &format!("attachments:{user_id}"),
                UPLOADS,
                ctx.now_ms(),
            )
            .await?;
            let public_id = crypto::token();
            let ring = ctx.keyring()?;
            let key = objects::key_of(&public_id, ring.current_version());
            let bucket = objects::bucket(&ctx.env)?;
            let stored = objects::put(&bucket, &ring, &key, &public_id, &file).await?;
            let now = ctx.now_text();
            let row = NewAttachment {
                public_id: &public_id,
                owner_user_id: user_id,
                content_type: kind.content_type(),
                bytes: file.len() as u32,
                sha256: &stored.sha256,
                r2_key: &key,
                key_version: stored.key_version,
                created_at: &now,
            };
            if let Err(e) = store::insert(&db, &row).await {
                // No row, no object: a retry starts clean.
                let _ = objects::delete(&bucket, vec![key]).await;
                return Err(e);
            }
            let attachment = AttachmentView {
                id: public_id.clone(),
                content_type: kind.content_type().to_string(),
                bytes: row.bytes,
                created_at: now.clone(),
            };
            Ok(serde_json::to_value(AttachmentEnvelope { attachment })?)
        },
    )
    .await
}

/// The row behind the path's id, or 404 (a malformed id is not looked up).
async fn row_of(ctx: &Ctx) -> AppResult<store::AttachmentRow> {
    let public_id = ctx.param(params::ATTACHMENT_ID);
    if !is_public_id(public_id) {
        return Err(ApiError::not_found().into());
    }
    store::by_public_id(&ctx.db()?, public_id)
        .await?
        .ok_or_else(|| ApiError::not_found().into())
}

/// The file, to its owner and to staff whose subtree holds its record;
/// anyone else is told there is no such file.
async fn get(ctx: &mut Ctx) -> AppResult<Response> {
    let row = row_of(ctx).await?;
    let allowed = match &ctx.principal {
        Some(Principal::Worker { user_id }) => {
            may_read(Reader::Worker { user_id: *user_id }, row.holding())
        }
        Some(Principal::Staff(staff)) => may_read(Reader::Staff(&staff.scope()), row.holding()),
        None => return Err(ApiError::unauthenticated().into()),
    };
    if !allowed {
        return Err(ApiError::not_found().into());
    }
    let kind = FileKind::from_content_type(&row.content_type).ok_or_else(|| {
        AppError::Internal(format!(
            "attachment {}: stored type {}",
            row.id, row.content_type
        ))
    })?;
    let bytes = objects::read(&objects::bucket(&ctx.env)?, &ctx.keyring()?, &row).await?;
    let mut resp = typed(bytes, kind.content_type(), None)?;
    let headers = resp.headers_mut();
    headers.set("cache-control", "private, no-store")?;
    headers.set("content-disposition", "inline")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(resp)
}

/// The owner deletes a file no record holds yet (a photo retaken, say).
async fn delete(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let row = row_of(ctx).await?;
    let linked = || ApiError::conflict(DeleteRefusal::Linked.message()).into();
    match may_delete(user_id, row.owner_user_id, row.capability.is_some()) {
        Ok(()) => {}
        Err(DeleteRefusal::NotFound) => return Err(ApiError::not_found().into()),
        Err(DeleteRefusal::Linked) => return Err(linked()),
    }
    if !store::delete_unlinked(&ctx.db()?, row.id).await? {
        return Err(linked()); // a record took it meanwhile
    }
    // The row is gone, so the file cannot be reached; an object left behind
    // (R2 failing now) is sealed and unnamed.
    if let Err(e) = objects::delete(&objects::bucket(&ctx.env)?, vec![row.r2_key]).await {
        worker::console_error!("attachment {}: object not deleted: {e:?}", row.id);
    }
    no_content()
}
