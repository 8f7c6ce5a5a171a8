//! Sessions: opaque 256-bit tokens in a `__Host-` cookie; the server keeps them
//! in KV under the token's SHA-256 (a KV dump reveals no usable token), with a
//! TTL. A per-person index key lets people list and end their own sessions.
//!
//! Workers stay signed in 30 days. Staff sessions end after 30 minutes idle
//! (the KV TTL is renewed as they work) and 12 hours after sign-in at most.
//! Between a staff member's password and their second factor there is a
//! `SecondFactor` session of 10 minutes that opens only that step.

use crate::error::AppResult;
use serde::{Deserialize, Serialize};
use shared::accounts::{
    session_alive, SECOND_FACTOR_SECS, STAFF_IDLE_SECS, STAFF_MAX_SECS, WORKER_SESSION_SECS,
};
use shared::server::crypto;
use worker::kv::KvStore;

pub const COOKIE: &str = "__Host-gongyou";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Worker,
    Staff,
    /// A staff member who gave the password and still owes the second factor.
    SecondFactor,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Worker => "worker",
            SessionKind::Staff => "staff",
            SessionKind::SecondFactor => "second-factor",
        }
    }

    fn lifetime_secs(self) -> i64 {
        match self {
            SessionKind::Worker => WORKER_SESSION_SECS,
            SessionKind::Staff => STAFF_MAX_SECS,
            SessionKind::SecondFactor => SECOND_FACTOR_SECS,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// Public id: the first 16 hex digits of the token hash.
    pub sid: String,
    pub kind: SessionKind,
    /// users.id for workers, staff.id for staff.
    pub subject: i64,
    pub created_ms: f64,
    pub last_seen_ms: f64,
    /// Absolute end.
    pub expires_ms: f64,
    pub device: String,
    /// A staff session begun with the second factor (the password and a code).
    #[serde(default)]
    pub second_factor: bool,
    #[serde(skip)]
    key_hash: String,
}

fn session_key(hash: &str) -> String {
    format!("session:{hash}")
}

fn index_prefix(kind: SessionKind, subject: i64) -> String {
    format!("sessions-of:{}:{subject}:", kind.as_str())
}

impl Session {
    fn ttl_secs(&self, now_ms: f64) -> u64 {
        let left = ((self.expires_ms - now_ms) / 1000.0).max(60.0);
        let ttl = match self.kind {
            SessionKind::Worker | SessionKind::SecondFactor => left,
            SessionKind::Staff => left.min(STAFF_IDLE_SECS as f64),
        };
        ttl.max(60.0) as u64
    }

    fn alive(&self, now_ms: f64) -> bool {
        session_alive(
            self.kind == SessionKind::Staff,
            self.last_seen_ms,
            self.expires_ms,
            now_ms,
        )
    }

    async fn store(&self, kv: &KvStore, now_ms: f64) -> AppResult<()> {
        let ttl = self.ttl_secs(now_ms);
        kv.put(&session_key(&self.key_hash), serde_json::to_string(self)?)?
            .expiration_ttl(ttl)
            .execute()
            .await?;
        kv.put(
            &format!("{}{}", index_prefix(self.kind, self.subject), self.sid),
            self.key_hash.clone(),
        )?
        .expiration_ttl(ttl)
        .execute()
        .await?;
        Ok(())
    }

    /// The cookie that carries this session's token.
    pub fn cookie(&self, token: &str) -> String {
        let max_age = self.kind.lifetime_secs();
        format!("{COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}")
    }
}

/// The cookie that removes the session cookie.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0")
}

/// Reads the session token from a `Cookie` header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .find_map(|part| part.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .filter(|t| !t.is_empty() && t.len() <= 128)
}

/// Starts a session; returns it with the token for the cookie.
/// `second_factor`: a staff session begun with the password and a code.
pub async fn create(
    kv: &KvStore,
    kind: SessionKind,
    subject: i64,
    device: String,
    second_factor: bool,
    now_ms: f64,
) -> AppResult<(Session, String)> {
    let token = crypto::token();
    let hash = crypto::sha256_hex(token.as_bytes());
    let lifetime = kind.lifetime_secs();
    let session = Session {
        sid: hash[..16].to_string(),
        kind,
        subject,
        created_ms: now_ms,
        last_seen_ms: now_ms,
        expires_ms: now_ms + (lifetime * 1000) as f64,
        device,
        second_factor,
        key_hash: hash,
    };
    session.store(kv, now_ms).await?;
    Ok((session, token))
}

/// The live session of a token, renewing a staff session's idle timer.
pub async fn load(kv: &KvStore, token: &str, now_ms: f64) -> AppResult<Option<Session>> {
    let hash = crypto::sha256_hex(token.as_bytes());
    let Some(text) = kv.get(&session_key(&hash)).text().await? else {
        return Ok(None);
    };
    let Ok(mut session) = serde_json::from_str::<Session>(&text) else {
        return Ok(None);
    };
    session.key_hash = hash;
    if !session.alive(now_ms) {
        destroy(kv, &session).await?;
        return Ok(None);
    }
    // Renew at most once a minute (KV writes are not free); workers once an hour.
    let renew_after = match session.kind {
        SessionKind::Staff => 60_000.0,
        SessionKind::Worker => 3_600_000.0,
        SessionKind::SecondFactor => f64::INFINITY,
    };
    if now_ms - session.last_seen_ms > renew_after {
        session.last_seen_ms = now_ms;
        session.store(kv, now_ms).await?;
    }
    Ok(Some(session))
}

pub async fn destroy(kv: &KvStore, session: &Session) -> AppResult<()> {
    kv.delete(&session_key(&session.key_hash)).await?;
    kv.delete(&format!(
        "{}{}",
        index_prefix(session.kind, session.subject),
        session.sid
    ))
    .await?;
    Ok(())
}

/// Every live session of one person.
pub async fn list(
    kv: &KvStore,
    kind: SessionKind,
    subject: i64,
    now_ms: f64,
) -> AppResult<Vec<Session>> {
    let listed = kv
        .list()
        .prefix(index_prefix(kind, subject))
        .execute()
        .await?;
    let mut out = Vec::new();
    for key in listed.keys {
        let Some(hash) = kv.get(&key.name).text().await? else {
            continue;
        };
        let Some(text) = kv.get(&session_key(&hash)).text().await? else {
            kv.delete(&key.name).await?;
            continue;
        };
        if let Ok(mut s) = serde_json::from_str::<Session>(&text) {
            s.key_hash = hash;
            if s.alive(now_ms) {
                out.push(s);
            }
        }
    }
    out.sort_by(|a, b| b.last_seen_ms.total_cmp(&a.last_seen_ms));
    Ok(out)
}

/// Ends every session of one person (password reset, account disabled or
/// deleted); for staff also a sign-in waiting for its second factor.
pub async fn destroy_all(
    kv: &KvStore,
    kind: SessionKind,
    subject: i64,
    now_ms: f64,
) -> AppResult<()> {
    let mut kinds = vec![kind];
    if kind == SessionKind::Staff {
        kinds.push(SessionKind::SecondFactor);
    }
    for kind in kinds {
        for s in list(kv, kind, subject, now_ms).await? {
            destroy(kv, &s).await?;
        }
    }
    Ok(())
}
