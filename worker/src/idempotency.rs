//! Safe retries for submissions from phones with a weak signal. A request
//! carries an `Idempotency-Key`; the first response for (owner, key) is kept
//! and returned again for every replay with the same body. The same key with a
//! different body is refused (422). A duplicate that arrives while the first is
//! still running gets 429 with `Retry-After`, never a second record.

use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::params;
use crate::reply::json_response;
use serde::Deserialize;
use shared::server::crypto;
use shared::{ApiError, Text};
use worker::Response;

#[derive(Deserialize)]
struct Stored {
    request_hash: String,
    status: i64,
    response: String,
}

/// What is kept to tell a replay from another request under the same key: a
/// keyed hash (HMAC-SHA256 with `SIGNING_KEY`, under its own purpose tag), never
/// a plain hash. An enrolment's body holds an ID number, and the ID numbers are
/// few enough (some tens of millions per area code) to try one by one against a plain
/// SHA-256 found in a copy of D1; without the key there is nothing to try.
fn fingerprint(key: &[u8], method: &str, path: &str, body: &[u8]) -> String {
    let mut message = format!("gongyou/idempotency/v1\n{method} {path}\n").into_bytes();
    message.extend_from_slice(body);
    crypto::hmac_sha256_hex(key, &message)
}

/// The key of the request, checked for shape.
pub fn key(ctx: &Ctx) -> AppResult<String> {
    let key = ctx.header("idempotency-key").unwrap_or_default();
    let ok = (8..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    if ok {
        Ok(key)
    } else {
        Err(ApiError::bad_request(Text::new(
            "缺少有效的提交编号(Idempotency-Key)",
            "A valid Idempotency-Key header is required",
        ))
        .into())
    }
}

/// Runs `work` at most once for (`owner`, the request's key). `work` returns
/// the JSON of a 200 reply; its 4xx errors are kept and replayed too.
pub async fn once<F>(ctx: &mut Ctx, owner: &str, work: F) -> AppResult<Response>
where
    F: AsyncFnOnce(&mut Ctx) -> AppResult<serde_json::Value>,
{
    let key = key(ctx)?;
    let hash = fingerprint(
        &ctx.signing_key()?,
        ctx.route.method.as_str(),
        &ctx.req.path(),
        ctx.body_bytes().await?,
    );
    let db = ctx.db()?;
    let now = ctx.now_text();

    // Claim the key: status 0 means "in progress".
    let claimed = db::run(
        &db,
        "INSERT OR IGNORE INTO idempotency_keys (owner, key, request_hash, status, response, created_at) VALUES (?, ?, ?, 0, '', ?)",
        params![owner, key, hash, now],
    )
    .await?
    .changes
        == 1;
    if !claimed {
        let stored: Stored = db::first(&db, "SELECT request_hash, status, response FROM idempotency_keys WHERE owner = ? AND key = ?", params![owner, key])
            .await?
            .ok_or_else(ApiError::internal)?;
        if stored.request_hash != hash {
            return Err(ApiError::field(
                "idempotency_key",
                Text::new(
                    "这个提交编号已用于另一份内容",
                    "This Idempotency-Key was already used for a different request",
                ),
            )
            .into());
        }
        if stored.status == 0 {
            let mut busy = ApiError::rate_limited(2);
            busy.message = Text::new(
                "正在处理上一次提交,请稍候",
                "The first submission is still being processed; try again shortly",
            );
            return Err(busy.into());
        }
        let mut resp = json_response(
            stored.status as u16,
            &serde_json::from_str::<serde_json::Value>(&stored.response)?,
        );
        resp.headers_mut().set("idempotent-replayed", "true")?;
        return Ok(resp);
    }

    let lang = ctx.lang;
    let (status, value) = match work(ctx).await {
        Ok(v) => (200u16, v),
        // 429 means "not now", not "no": kept, every retry would be refused
        // until the key is forgotten, so the key is freed like below.
        Err(AppError::Api(e)) if e.status() != 429 => {
            (e.status(), serde_json::to_value(e.render(lang))?)
        }
        Err(internal) => {
            // Not the caller's fault (or not now): free the key so a retry can succeed.
            db::run(
                &db,
                "DELETE FROM idempotency_keys WHERE owner = ? AND key = ?",
                params![owner, key],
            )
            .await?;
            return Err(internal);
        }
    };
    db::run(
        &db,
        "UPDATE idempotency_keys SET status = ?, response = ? WHERE owner = ? AND key = ?",
        params![status as i64, value.to_string(), owner, key],
    )
    .await?;
    Ok(json_response(status, &value))
}
