//! All SQL of accounts: users, staff, their second factor, SMS challenges and audit reads.

use crate::db::{self, Count};
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::{
    AuditEntry, Me, Scope, StaffCreate, StaffMe, StaffMember, StaffRole, StaffStatus, StaffUpdate,
};
use shared::unions::UnionRef;
use shared::Lang;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub phone: String,
    pub display_name: Option<String>,
    pub lang: Option<String>,
}

impl UserRow {
    pub fn lang(&self) -> Lang {
        if self.lang.as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::ZhCn
        }
    }
}

/// Finds or creates the user of a verified phone number.
pub async fn upsert_user(db: &D1Database, phone: &str, now: &str) -> AppResult<UserRow> {
    let row: Option<UserRow> = db::first(
        db,
        "INSERT INTO users (phone, created_at, last_login_at) VALUES (?1, ?2, ?2)
         ON CONFLICT (phone) DO UPDATE SET last_login_at = ?2
         RETURNING id, phone, display_name, lang",
        params![phone, now],
    )
    .await?;
    row.ok_or_else(|| crate::error::AppError::Internal("upsert user returned nothing".into()))
}

pub async fn user(db: &D1Database, id: i64) -> AppResult<Option<UserRow>> {
    db::first(
        db,
        "SELECT id, phone, display_name, lang FROM users WHERE id = ?",
        params![id],
    )
    .await
}

pub async fn update_user(
    db: &D1Database,
    id: i64,
    display_name: Option<&str>,
    lang: Option<Lang>,
) -> AppResult<()> {
    db::run(
        db,
        "UPDATE users SET display_name = coalesce(?2, display_name), lang = coalesce(?3, lang) WHERE id = ?1",
        params![id, display_name, lang.map(|l| l.tag())],
    )
    .await?;
    Ok(())
}

// --- SMS challenges -------------------------------------------------------

#[derive(Debug, Deserialize)]
pub struct Challenge {
    pub sent_at: String,
    pub expires_at: String,
}

pub async fn challenge(db: &D1Database, phone: &str) -> AppResult<Option<Challenge>> {
    db::first(
        db,
        "SELECT sent_at, expires_at FROM otp_challenges WHERE phone = ?",
        params![phone],
    )
    .await
}

pub async fn put_challenge(
    db: &D1Database,
    phone: &str,
    code_hash: &str,
    sent_at: &str,
    expires_at: &str,
) -> AppResult<()> {
    db::run(
        db,
        "INSERT INTO otp_challenges (phone, code_hash, sent_at, expires_at, attempts) VALUES (?1, ?2, ?3, ?4, 0)
         ON CONFLICT (phone) DO UPDATE SET code_hash = ?2, sent_at = ?3, expires_at = ?4, attempts = 0",
        params![phone, code_hash, sent_at, expires_at],
    )
    .await?;
    Ok(())
}

/// What claiming one try at a code found.
pub enum Claimed {
    /// A try was counted (this is try number `attempts`); judge the code against the hash.
    Try { code_hash: String, attempts: i64 },
    /// No live code for this number (none sent, or expired).
    NoCode,
    /// All tries are used up.
    NoTriesLeft,
}

/// Counts one try before the code is judged, in one statement, so parallel
/// guesses cannot all read "0 tries so far": at most `max_attempts` are judged.
pub async fn claim_try(
    db: &D1Database,
    phone: &str,
    now: &str,
    max_attempts: i64,
) -> AppResult<Claimed> {
    #[derive(Deserialize)]
    struct T {
        code_hash: String,
        attempts: i64,
    }
    let t: Option<T> = db::first(
        db,
        "UPDATE otp_challenges SET attempts = attempts + 1
         WHERE phone = ?1 AND expires_at > ?2 AND attempts < ?3
         RETURNING code_hash, attempts",
        params![phone, now, max_attempts],
    )
    .await?;
    if let Some(t) = t {
        return Ok(Claimed::Try {
            code_hash: t.code_hash,
            attempts: t.attempts,
        });
    }
    Ok(match challenge(db, phone).await? {
        Some(c) if c.expires_at.as_str() > now => Claimed::NoTriesLeft,
        _ => Claimed::NoCode,
    })
}

/// Uses the code up; false if a parallel request used it first.
pub async fn use_challenge(db: &D1Database, phone: &str, code_hash: &str) -> AppResult<bool> {
    Ok(db::run(
        db,
        "DELETE FROM otp_challenges WHERE phone = ? AND code_hash = ?",
        params![phone, code_hash],
    )
    .await?
    .changes
        == 1)
}

// --- Staff ----------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct StaffRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub union_id: Option<i64>,
    pub union_code: Option<String>,
    pub union_name: Option<String>,
    pub union_path: Option<String>,
    pub password_hash: String,
    pub status: String,
    pub created_at: String,
    pub last_login_at: Option<String>,
    /// 1 when an authenticator is confirmed.
    pub second_factor: i64,
}

const STAFF_COLUMNS: &str = "s.id, s.username, s.display_name, s.role, s.union_id, u.code AS union_code, u.name AS union_name,
  u.path AS union_path, s.password_hash, s.status, s.created_at, s.last_login_at,
  EXISTS (SELECT 1 FROM staff_second_factors f WHERE f.staff_id = s.id AND f.confirmed_at IS NOT NULL) AS second_factor";

impl StaffRow {
    pub fn role(&self) -> StaffRole {
        StaffRole::parse(&self.role).unwrap_or(StaffRole::Viewer)
    }

    pub fn union_ref(&self) -> Option<UnionRef> {
        Some(UnionRef {
            id: self.union_id?,
            code: self.union_code.clone()?,
            name: self.union_name.clone()?,
        })
    }

    /// The member as the API shows it: never the password hash.
    pub fn to_wire(&self) -> StaffMember {
        StaffMember {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role(),
            union: self.union_ref(),
            status: StaffStatus::parse(&self.status).unwrap_or(StaffStatus::Disabled),
            created_at: self.created_at.clone(),
            last_login_at: self.last_login_at.clone(),
            second_factor: self.second_factor != 0,
        }
    }

    /// The signed-in staff member as `/api/me` shows them.
    pub fn me(&self) -> Me {
        Me::Staff(StaffMe {
            staff_id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role(),
            union: self.union_ref(),
        })
    }

    /// Path used for audit scoping: platform admins' actions file under the root.
    pub fn scope_path(&self) -> &str {
        self.union_path.as_deref().unwrap_or("/")
    }
}

pub async fn staff_by_username(db: &D1Database, username: &str) -> AppResult<Option<StaffRow>> {
    db::first(db, &format!("SELECT {STAFF_COLUMNS} FROM staff s LEFT JOIN unions u ON u.id = s.union_id WHERE s.username = ?"), params![username]).await
}

pub async fn staff_by_id(db: &D1Database, id: i64) -> AppResult<Option<StaffRow>> {
    db::first(db, &format!("SELECT {STAFF_COLUMNS} FROM staff s LEFT JOIN unions u ON u.id = s.union_id WHERE s.id = ?"), params![id]).await
}

pub async fn staff_count(db: &D1Database) -> AppResult<i64> {
    Ok(
        db::first::<Count>(db, "SELECT count(*) AS n FROM staff", &[])
            .await?
            .map(|c| c.n)
            .unwrap_or(0),
    )
}

/// Staff whose union is in `scope`, by id. Platform admins (no union) are listed
/// only when `scope` is everything.
pub async fn staff_in_scope(
    db: &D1Database,
    scope: &Scope,
    after_id: i64,
    limit: u32,
) -> AppResult<Vec<StaffRow>> {
    let (lo, hi) = scope.bounds();
    let everything = scope.root().is_none();
    db::all(
        db,
        &format!(
            "SELECT {STAFF_COLUMNS} FROM staff s LEFT JOIN unions u ON u.id = s.union_id
             WHERE ((u.path >= ?1 AND u.path < ?2) OR (?3 AND s.union_id IS NULL)) AND s.id > ?4
             ORDER BY s.id LIMIT ?5"
        ),
        params![lo, hi, everything, after_id, limit],
    )
    .await
}

#[derive(Deserialize)]
struct NextId {
    n: i64,
}

/// The id the next staff member gets. Taken before the insert so that its audit
/// entry goes in the same batch; the primary key decides a race.
pub async fn next_staff_id(db: &D1Database) -> AppResult<i64> {
    let row: Option<NextId> = db::first(
        db,
        "SELECT coalesce(max(id), 0) + 1 AS n FROM staff",
        params![],
    )
    .await?;
    Ok(row.map(|r| r.n).unwrap_or(1))
}

#[allow(clippy::too_many_arguments)]
pub fn insert_staff(
    db: &D1Database,
    id: i64,
    input: &StaffCreate,
    username: &str,
    display_name: &str,
    hash: &str,
    created_by: Option<i64>,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO staff (id, username, display_name, role, union_id, password_hash, created_by, created_at, updated_at)
         VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![username, display_name, input.role.code(), input.union_id, hash, created_by, now, id],
    )
}

pub fn update_staff(
    db: &D1Database,
    id: i64,
    input: &StaffUpdate,
    new_hash: Option<&str>,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let status = input.status.map(StaffStatus::code);
    db::stmt(
        db,
        "UPDATE staff SET
           display_name = coalesce(?2, display_name),
           role = coalesce(?3, role),
           union_id = coalesce(?4, union_id),
           status = coalesce(?5, status),
           password_hash = coalesce(?6, password_hash),
           updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            input.display_name.as_deref().map(str::trim),
            input.role.map(|r| r.code()),
            input.union_id,
            status,
            new_hash,
            now
        ],
    )
}

/// A sign-in (`signed_in_at`) and/or a password hash upgraded to new KDF parameters.
pub async fn record_login(
    db: &D1Database,
    id: i64,
    signed_in_at: Option<&str>,
    rehash: Option<&str>,
) -> AppResult<()> {
    db::run(db, "UPDATE staff SET last_login_at = coalesce(?2, last_login_at), password_hash = coalesce(?3, password_hash) WHERE id = ?1", params![id, signed_in_at, rehash]).await?;
    Ok(())
}

// --- Second factor ------------------------------------------------------------

#[derive(Deserialize)]
pub struct SecondFactorRow {
    pub secret_sealed: String,
    pub confirmed_at: Option<String>,
    pub last_step: i64,
}

pub async fn second_factor(db: &D1Database, staff_id: i64) -> AppResult<Option<SecondFactorRow>> {
    db::first(
        db,
        "SELECT secret_sealed, confirmed_at, last_step FROM staff_second_factors WHERE staff_id = ?",
        params![staff_id],
    )
    .await
}

/// Keeps a new, unconfirmed secret (replacing an earlier unconfirmed one); a
/// confirmed authenticator is never replaced here. False when one is confirmed.
pub async fn begin_enrolment(
    db: &D1Database,
    staff_id: i64,
    sealed: &str,
    now: &str,
) -> AppResult<bool> {
    let changed = db::run(
        db,
        "INSERT INTO staff_second_factors (staff_id, secret_sealed, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (staff_id) DO UPDATE SET secret_sealed = ?2, created_at = ?3, last_step = 0
         WHERE confirmed_at IS NULL",
        params![staff_id, sealed, now],
    )
    .await?;
    Ok(changed.changes > 0)
}

/// Confirms the pending secret `sealed` with its first accepted step and keeps
/// the recovery codes' hashes, replacing any earlier ones.
pub fn confirm_enrolment(
    db: &D1Database,
    staff_id: i64,
    sealed: &str,
    step: u64,
    code_hashes: &[String],
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let mut statements = vec![
        db::stmt(
            db,
            "UPDATE staff_second_factors SET confirmed_at = ?3, last_step = ?4
             WHERE staff_id = ?1 AND secret_sealed = ?2 AND confirmed_at IS NULL",
            params![staff_id, sealed, now, step as i64],
        )?,
        db::stmt(
            db,
            "DELETE FROM staff_recovery_codes WHERE staff_id = ?",
            params![staff_id],
        )?,
    ];
    for hash in code_hashes {
        statements.push(db::stmt(
            db,
            "INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?1, ?2)",
            params![staff_id, hash],
        )?);
    }
    Ok(statements)
}

/// Records `step` as used, in one statement so two requests with the same
/// code cannot both pass. False when it (or a later one) was already used.
pub async fn use_step(db: &D1Database, staff_id: i64, step: u64) -> AppResult<bool> {
    let changed = db::run(
        db,
        "UPDATE staff_second_factors SET last_step = ?2
         WHERE staff_id = ?1 AND last_step < ?2 AND confirmed_at IS NOT NULL",
        params![staff_id, step as i64],
    )
    .await?;
    Ok(changed.changes > 0)
}

/// Uses up a recovery code; false when there is no such unused code.
pub async fn use_recovery_code(
    db: &D1Database,
    staff_id: i64,
    code_hash: &str,
    now: &str,
) -> AppResult<bool> {
    let changed = db::run(
        db,
        "UPDATE staff_recovery_codes SET used_at = ?3
         WHERE staff_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
        params![staff_id, code_hash, now],
    )
    .await?;
    Ok(changed.changes > 0)
}

#[derive(Deserialize)]
pub struct SealedSecret {
    pub staff_id: i64,
    pub secret_sealed: String,
}

/// Confirmed secrets not sealed under the current key (`current` is `v{n}:`).
pub async fn stale_second_factors(
    db: &D1Database,
    current: &str,
    limit: u32,
) -> AppResult<Vec<SealedSecret>> {
    db::all(
        db,
        "SELECT staff_id, secret_sealed FROM staff_second_factors
         WHERE confirmed_at IS NOT NULL AND substr(secret_sealed, 1, length(?1)) <> ?1
         ORDER BY staff_id LIMIT ?2",
        params![current, limit],
    )
    .await
}

/// Replaces a sealed secret, unless it changed since it was read.
pub async fn reseal_second_factor(
    db: &D1Database,
    staff_id: i64,
    old: &str,
    new: &str,
) -> AppResult<bool> {
    let changed = db::run(
        db,
        "UPDATE staff_second_factors SET secret_sealed = ?3 WHERE staff_id = ?1 AND secret_sealed = ?2",
        params![staff_id, old, new],
    )
    .await?;
    Ok(changed.changes > 0)
}

/// Removes the authenticator and recovery codes (a reset by staff above).
pub fn reset_second_factor(db: &D1Database, staff_id: i64) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            "DELETE FROM staff_second_factors WHERE staff_id = ?",
            params![staff_id],
        )?,
        db::stmt(
            db,
            "DELETE FROM staff_recovery_codes WHERE staff_id = ?",
            params![staff_id],
        )?,
    ])
}

// --- Audit log ------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct AuditRow {
    id: i64,
    at: String,
    staff_id: i64,
    staff_name: String,
    union_id: Option<i64>,
    union_code: Option<String>,
    union_name: Option<String>,
    action: String,
    target_type: String,
    target_id: String,
    before: Option<String>,
    after: Option<String>,
}

/// Entries about unions in `scope`, newest first, before `before_id`.
pub async fn audit_in_scope(
    db: &D1Database,
    scope: &Scope,
    before_id: i64,
    limit: u32,
) -> AppResult<Vec<AuditEntry>> {
    let (lo, hi) = scope.bounds();
    let rows: Vec<AuditRow> = db::all(
        db,
        "SELECT a.id, a.at, a.staff_id, a.staff_name, a.union_id, u.code AS union_code, u.name AS union_name,
                a.action, a.target_type, a.target_id, a.before, a.after
         FROM audit_log a LEFT JOIN unions u ON u.id = a.union_id
         WHERE a.union_path >= ?1 AND a.union_path < ?2 AND a.id < ?3
         ORDER BY a.id DESC LIMIT ?4",
        params![lo, hi, before_id, limit],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            union: match (r.union_id, r.union_code, r.union_name) {
                (Some(id), Some(code), Some(name)) => Some(UnionRef { id, code, name }),
                _ => None,
            },
            action: r.action,
            target_type: r.target_type,
            target_id: r.target_id,
            before: r.before.and_then(|b| serde_json::from_str(&b).ok()),
            after: r.after.and_then(|a| serde_json::from_str(&a).ok()),
        })
        .collect())
}

/// When the account was made and last signed in (`/api/me/data`).
#[derive(Deserialize)]
pub struct AccountDates {
    pub created_at: String,
    pub last_login_at: Option<String>,
}

pub async fn account_dates(db: &D1Database, user_id: i64) -> AppResult<Option<AccountDates>> {
    db::first(
        db,
        "SELECT created_at, last_login_at FROM users WHERE id = ?",
        params![user_id],
    )
    .await
}

/// A sign-in code waiting for the number, without its hash.
pub async fn export_sign_in_code(
    db: &D1Database,
    phone: &str,
) -> AppResult<Option<shared::accounts::SignInCodeRecord>> {
    db::first(
        db,
        "SELECT sent_at, expires_at, attempts FROM otp_challenges WHERE phone = ?",
        params![phone],
    )
    .await
}

/// Rate-limit counters kept under the account's number (`…:<phone>`) or id
/// (the per-account caps named in `user_buckets`).
pub async fn export_rate_limits(
    db: &D1Database,
    phone: &str,
    user_buckets: &[String],
) -> AppResult<Vec<shared::accounts::RateLimitRecord>> {
    let names = serde_json::to_string(user_buckets)?;
    db::all(
        db,
        "SELECT bucket, tokens, updated_ms FROM rate_limits
         WHERE bucket LIKE '%:' || ?1 OR bucket IN (SELECT value FROM json_each(?2)) ORDER BY bucket",
        params![phone, names],
    )
    .await
}

/// Submissions kept against double sending (key and time; not the stored reply).
pub async fn export_submissions(
    db: &D1Database,
    user_id: i64,
) -> AppResult<Vec<shared::accounts::SubmissionRecord>> {
    db::all(
        db,
        "SELECT key, created_at FROM idempotency_keys WHERE owner = ? ORDER BY created_at",
        params![format!("user:{user_id}")],
    )
    .await
}

/// Audit entries whose subject is one of the account's records: enrolments,
/// memberships, job applications and reports, course sign-ups, certificates.
/// Who did it is left out (staff names are not the worker's data).
pub async fn export_audit_entries(
    db: &D1Database,
    user_id: i64,
) -> AppResult<Vec<shared::accounts::AuditSubjectEntry>> {
    db::all(
        db,
        "SELECT at, action, target_type, target_id, union_id FROM audit_log a
         WHERE (a.target_type = 'application' AND a.target_id IN (SELECT CAST(id AS TEXT) FROM applications WHERE user_id = ?1))
            OR (a.target_type = 'member' AND a.target_id IN (SELECT member_no FROM members WHERE user_id = ?1 UNION SELECT CAST(id AS TEXT) FROM members WHERE user_id = ?1))
            OR (a.target_type = 'job_application' AND a.target_id IN (SELECT CAST(id AS TEXT) FROM job_applications WHERE user_id = ?1))
            OR (a.target_type = 'job_report' AND a.target_id IN (SELECT CAST(id AS TEXT) FROM job_reports WHERE user_id = ?1))
            OR (a.target_type = 'training_enrolment' AND a.target_id IN (SELECT CAST(id AS TEXT) FROM training_enrolments WHERE user_id = ?1))
            OR (a.target_type = 'training_certificate' AND a.target_id IN (SELECT CAST(id AS TEXT) FROM training_certificates WHERE user_id = ?1))
         ORDER BY a.id LIMIT 2000",
        params![user_id],
    )
    .await
}
