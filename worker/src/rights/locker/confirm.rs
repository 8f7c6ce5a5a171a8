//! 对工: the worker shows a signed, expiring code for one of their days; a
//! co-worker, signed in, scans it, sees what they confirm, and confirms once.

use super::store::{self, own_entry};
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::idempotency;
use crate::reply::{ok, svg};
use shared::rights::*;
use shared::routes::params;
use shared::server::crypto;
use shared::ApiError;
use worker::Response;

fn sign(ctx: &Ctx, payload: &[u8]) -> AppResult<[u8; SIG_LEN]> {
    Ok(crypto::hmac_sha256(&ctx.signing_key()?, payload))
}

fn failure(f: ConfirmFailure) -> ApiError {
    match f {
        ConfirmFailure::Invalid => ApiError::field("sig", f.label()),
        ConfirmFailure::Expired | ConfirmFailure::Own | ConfirmFailure::Superseded => {
            ApiError::conflict(f.label())
        }
    }
}

async fn link(ctx: &Ctx) -> AppResult<ConfirmLink> {
    let db = ctx.db()?;
    let row = own_entry(&db, ctx.id(params::LOCKER_ENTRY_ID)?, ctx.worker_id()?).await?;
    if row.superseded_by.is_some() {
        return Err(failure(ConfirmFailure::Superseded).into());
    }
    let exp = confirm_expiry(ctx.now);
    let sig = sign(ctx, &confirm_payload(row.id, exp))?;
    Ok(ConfirmLink {
        entry_id: row.id,
        path: confirm_path(row.id, exp, &sig),
        expires_at: shared::time::rfc3339(
            chrono::DateTime::from_timestamp(exp, 0).unwrap_or_default(),
        ),
    })
}

pub async fn code(ctx: &Ctx) -> AppResult<Response> {
    ok(&link(ctx).await?)
}

pub async fn qr(ctx: &Ctx) -> AppResult<Response> {
    let link = link(ctx).await?;
    let origin = ctx.req.url()?.origin().ascii_serialization();
    svg(shared::server::qr::svg(
        &format!("{origin}{}", link.path),
        320,
    ))
}

/// The code judged (signature first), and what it confirms.
async fn judged(
    ctx: &Ctx,
    code: Option<ConfirmCode>,
) -> AppResult<(store::EntryRow, ConfirmPreview)> {
    let code = code.ok_or_else(|| failure(ConfirmFailure::Invalid))?;
    let user_id = ctx.worker_id()?;
    let signature_ok = crypto::ct_eq(&sign(ctx, &code.payload())?, &code.sig);
    let db = ctx.db()?;
    let row = if signature_ok {
        store::entry(&db, code.entry_id).await?
    } else {
        None
    };
    judge_confirm(
        signature_ok,
        code.exp,
        ctx.now,
        row.as_ref().map(|r| r.superseded_by.is_some()),
        row.as_ref().is_some_and(|r| r.user_id == user_id),
    )
    .map_err(failure)?;
    let row = row.ok_or_else(ApiError::internal)?;
    let owner = crate::accounts::store::user(&db, row.user_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let already = store::confirmation_by(&db, row.id, user_id)
        .await?
        .is_some();
    let preview = ConfirmPreview {
        entry_id: row.id,
        date: chrono::NaiveDate::parse_from_str(&row.date, "%Y-%m-%d").unwrap_or_default(),
        project: row.project.clone(),
        address: row.address.clone(),
        worker: masked_person(owner.display_name.as_deref(), &owner.phone),
        already,
    };
    Ok((row, preview))
}

pub async fn preview(ctx: &Ctx) -> AppResult<Response> {
    let code = ConfirmCode::from_query(ctx.query());
    ok(&judged(ctx, code).await?.1)
}

pub async fn confirm(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: ConfirmInput = ctx.body().await?;
            let (row, preview) = judged(ctx, ConfirmCode::read(&input)).await?;
            let db = ctx.db()?;
            db::batch(
                &db,
                vec![store::confirm(&db, row.id, user_id, &ctx.now_text())?],
            )
            .await?;
            let me = crate::accounts::store::user(&db, user_id)
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
            let at = store::confirmation_by(&db, row.id, user_id)
                .await?
                .ok_or_else(ApiError::internal)?
                .confirmed_at;
            let confirmation = Confirmation {
                by: masked_person(me.display_name.as_deref(), &me.phone),
                at,
            };
            Ok(serde_json::to_value(ConfirmReply {
                preview,
                confirmation,
            })?)
        },
    )
    .await
}
