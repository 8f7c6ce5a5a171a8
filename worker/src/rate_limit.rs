//! Token-bucket rate limits in D1: one UPSERT per check, consistent across
//! every Worker instance (KV's eventual consistency would let bursts through).
//! A bucket row lives until it has refilled (`full_ms`), so housekeeping never
//! hands back a daily cap early.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::ApiError;
use worker::D1Database;

/// `capacity` requests, refilled evenly over `per_secs`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub capacity: f64,
    pub per_secs: f64,
}

impl Limit {
    pub const fn new(capacity: u32, per_secs: u32) -> Limit {
        Limit {
            capacity: capacity as f64,
            per_secs: per_secs as f64,
        }
    }
}

#[derive(Deserialize)]
struct Left {
    tokens: f64,
}

/// Takes one token from `bucket`, or answers 429 with when to retry.
pub async fn take(db: &D1Database, bucket: &str, limit: Limit, now_ms: f64) -> AppResult<()> {
    let rate_per_ms = limit.capacity / (limit.per_secs * 1000.0);
    let left: Option<Left> = db::first(
        db,
        // `full_ms`: when the bucket holds `capacity` again (every SET reads the old row).
        "INSERT INTO rate_limits (bucket, tokens, updated_ms, full_ms)
           VALUES (?1, ?2 - 1, ?3, ?3 + CAST(1 / ?4 AS INTEGER) + 1)
         ON CONFLICT (bucket) DO UPDATE SET
           tokens = max(-1, min(?2, tokens + (?3 - updated_ms) * ?4) - 1),
           full_ms = ?3 + CAST((?2 - max(-1, min(?2, tokens + (?3 - updated_ms) * ?4) - 1)) / ?4 AS INTEGER) + 1,
           updated_ms = ?3
         RETURNING tokens",
        params![bucket, limit.capacity, (now_ms as i64), rate_per_ms],
    )
    .await?;
    match left {
        Some(l) if l.tokens < 0.0 => {
            let wait_ms = (-l.tokens) / rate_per_ms;
            Err(ApiError::rate_limited((wait_ms / 1000.0).ceil() as u32).into())
        }
        _ => Ok(()),
    }
}

/// Empties `bucket`'s record, as after a success that ends the need for the
/// limit (a right second-factor code forgives the wrong ones before it).
pub async fn forget(db: &D1Database, bucket: &str) -> AppResult<()> {
    db::run(
        db,
        "DELETE FROM rate_limits WHERE bucket = ?",
        params![bucket],
    )
    .await?;
    Ok(())
}
