//! Employers, their contacts and the flags staff raise on them.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::jobs::{
    Employer, EmployerEdit, EmployerFlag, EmployerFlagInput, EmployerInput, EmployerStatus,
    ReportReason,
};
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct EmployerRow {
    pub id: i64,
    pub name: String,
    pub uscc: String,
    pub status: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub region_code: String,
    pub union_id: i64,
    pub union_code: String,
    pub union_name: String,
    pub union_path: String,
    pub verified_by_union_id: Option<i64>,
    pub verified_by_code: Option<String>,
    pub verified_by_name: Option<String>,
    pub verified_at: Option<String>,
    pub created_at: String,
    pub jobs_posted: i64,
    pub hires: i64,
}

const COLUMNS: &str = "e.id, e.name, e.uscc, e.status, e.contact_name, e.contact_phone, e.region_code,
  e.union_id, u.code AS union_code, u.name AS union_name, e.union_path,
  e.verified_by_union_id, v.code AS verified_by_code, v.name AS verified_by_name, e.verified_at, e.created_at,
  (SELECT count(*) FROM jobs j WHERE j.employer_id = e.id AND j.posted_at IS NOT NULL) AS jobs_posted,
  (SELECT coalesce(sum(j.hires), 0) FROM jobs j WHERE j.employer_id = e.id) AS hires";
const FROM: &str = "employers e JOIN unions u ON u.id = e.union_id LEFT JOIN unions v ON v.id = e.verified_by_union_id";

impl EmployerRow {
    pub fn status(&self) -> EmployerStatus {
        EmployerStatus::parse(&self.status).unwrap_or_default()
    }

    /// The wire form. `with_phone` for the employer's contacts and staff in scope.
    pub fn wire(&self, flags: Vec<EmployerFlag>, with_phone: bool) -> Employer {
        Employer {
            id: self.id,
            name: self.name.clone(),
            uscc: self.uscc.clone(),
            status: self.status(),
            union: UnionRef {
                id: self.union_id,
                code: self.union_code.clone(),
                name: self.union_name.clone(),
            },
            region_code: self.region_code.clone(),
            contact_name: self.contact_name.clone(),
            contact_phone: with_phone.then(|| self.contact_phone.clone()),
            verified_by: match (
                self.verified_by_union_id,
                &self.verified_by_code,
                &self.verified_by_name,
            ) {
                (Some(id), Some(code), Some(name)) => Some(UnionRef {
                    id,
                    code: code.clone(),
                    name: name.clone(),
                }),
                _ => None,
            },
            verified_at: self.verified_at.clone(),
            jobs_posted: self.jobs_posted as u32,
            hires: self.hires as u32,
            flags,
            // The employer page adds the rights capability's wage record.
            wage_record: None,
            created_at: self.created_at.clone(),
        }
    }
}

pub async fn employer(db: &D1Database, id: i64) -> AppResult<Option<EmployerRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE e.id = ?"),
        params![id],
    )
    .await
}

/// The employers an account acts for: those it registered or was added to, and
/// those whose contact phone is the account's own (proven at sign-in), such as
/// employers union staff registered for it.
pub async fn employers_of_user(db: &D1Database, user_id: i64) -> AppResult<Vec<EmployerRow>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE e.id IN (SELECT employer_id FROM employer_contacts WHERE user_id = ?1)
               OR e.contact_phone = (SELECT phone FROM users WHERE id = ?1) ORDER BY e.id"
        ),
        params![user_id],
    )
    .await
}

/// Whether the account acts for the employer (see `employers_of_user`).
pub async fn is_contact(db: &D1Database, employer_id: i64, user_id: i64) -> AppResult<bool> {
    let row: Option<db::Count> = db::first(
        db,
        "SELECT count(*) AS n FROM employers e WHERE e.id = ?1
           AND (EXISTS (SELECT 1 FROM employer_contacts c WHERE c.employer_id = e.id AND c.user_id = ?2) OR e.contact_phone = (SELECT phone FROM users WHERE id = ?2))",
        params![employer_id, user_id],
    )
    .await?;
    Ok(row.is_some_and(|c| c.n > 0))
}

/// Employers of a subtree, newest first, before `before_id`; `text` in the name, or the whole credit code.
pub async fn employers_in_scope(
    db: &D1Database,
    scope: &Scope,
    status: Option<EmployerStatus>,
    text: Option<&str>,
    before_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<EmployerRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE e.union_path >= ?1 AND e.union_path < ?2 AND (?3 IS NULL OR e.status = ?3) AND (?4 IS NULL OR e.id < ?4)
               AND (?6 IS NULL OR instr(e.name, ?6) > 0 OR e.uscc = upper(?6))
             ORDER BY e.id DESC LIMIT ?5"
        ),
        params![lo, hi, status.map(|s| s.code()), before_id, limit, text],
    )
    .await
}

/// Employers by id (for fairs), verified ones only, in id order.
pub async fn verified_employers(db: &D1Database, ids: &[i64]) -> AppResult<Vec<EmployerRow>> {
    db::all(db, &format!("SELECT {COLUMNS} FROM {FROM} WHERE e.id IN (SELECT value FROM json_each(?)) AND e.status = 'verified' ORDER BY e.id"), params![serde_json::to_string(ids)?]).await
}

/// The shallowest open federation whose area is `region_code`: the union whose
/// staff verify employers hiring there (the district's, not a street's).
pub async fn union_for_region(
    db: &D1Database,
    region_code: &str,
) -> AppResult<Option<(i64, String)>> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        path: String,
    }
    let row: Option<Row> = db::first(
        db,
        "SELECT id, path FROM unions WHERE region_code = ? AND kind = 'federation' AND status = 'open' ORDER BY length(path), id LIMIT 1",
        params![region_code],
    )
    .await?;
    Ok(row.map(|r| (r.id, r.path)))
}

/// The new employer (with an explicit id, see `next_id`) and its first contact.
pub fn insert_employer(
    db: &D1Database,
    id: i64,
    e: &EmployerInput,
    union_id: i64,
    union_path: &str,
    status: EmployerStatus,
    verified_by: Option<&str>,
    user_id: Option<i64>,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let verified = status == EmployerStatus::Verified;
    let mut out = vec![db::stmt(
        db,
        "INSERT INTO employers (id, name, uscc, status, contact_name, contact_phone, region_code, union_id, union_path,
           verified_by_union_id, verified_by, verified_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CASE WHEN ?10 THEN ?8 END, ?11, CASE WHEN ?10 THEN ?12 END, ?12, ?12)",
        params![id, e.name, e.uscc, status.code(), e.contact_name, e.contact_phone, e.region_code, union_id, union_path, verified, verified_by, now],
    )?];
    if let Some(user) = user_id {
        out.push(db::stmt(
            db,
            "INSERT INTO employer_contacts (employer_id, user_id, created_at) VALUES (?, ?, ?)",
            params![id, user, now],
        )?);
    }
    Ok(out)
}

/// A correction of name, contact or area. A new area can mean a new union
/// (`union_id`, `union_path`): the employer's jobs move with it, so the staff
/// who now look after it see them; applications and reports keep the path
/// they were made under.
pub fn update_employer(
    db: &D1Database,
    id: i64,
    e: &EmployerEdit,
    status: EmployerStatus,
    union_id: i64,
    union_path: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            "UPDATE employers SET name = ?2, contact_name = ?3, contact_phone = ?4, region_code = ?5, status = ?6,
               union_id = ?7, union_path = ?8, updated_at = ?9 WHERE id = ?1",
            params![id, e.name, e.contact_name, e.contact_phone, e.region_code, status.code(), union_id, union_path, now],
        )?,
        db::stmt(
            db,
            "UPDATE jobs SET union_path = ?2 WHERE employer_id = ?1 AND union_path <> ?2",
            params![id, union_path],
        )?,
    ])
}

/// A status change by staff of `union_id`. The first verification is kept.
pub fn set_employer_status(
    db: &D1Database,
    id: i64,
    status: EmployerStatus,
    note: Option<&str>,
    union_id: Option<i64>,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let verified = status == EmployerStatus::Verified;
    db::stmt(
        db,
        "UPDATE employers SET status = ?2, status_note = ?3, updated_at = ?6,
           verified_by_union_id = CASE WHEN ?4 AND verified_at IS NULL THEN ?5 ELSE verified_by_union_id END,
           verified_by = CASE WHEN ?4 AND verified_at IS NULL THEN ?7 ELSE verified_by END,
           verified_at = CASE WHEN ?4 AND verified_at IS NULL THEN ?6 ELSE verified_at END
         WHERE id = ?1",
        params![id, status.code(), note, verified, union_id, now, by],
    )
}

#[derive(Deserialize)]
struct FlagRow {
    id: i64,
    employer_id: i64,
    reason: String,
    note: Option<String>,
    job_id: Option<i64>,
    union_id: i64,
    union_code: String,
    union_name: String,
    raised_at: String,
    cleared_at: Option<String>,
}

/// The flags of each of `employer_ids`, newest first, as (employer id, flag).
pub async fn flags_of(
    db: &D1Database,
    employer_ids: &[i64],
) -> AppResult<Vec<(i64, EmployerFlag)>> {
    let rows: Vec<FlagRow> = db::all(
        db,
        "SELECT f.id, f.employer_id, f.reason, f.note, f.job_id, f.union_id, u.code AS union_code, u.name AS union_name, f.raised_at, f.cleared_at
         FROM employer_flags f JOIN unions u ON u.id = f.union_id
         WHERE f.employer_id IN (SELECT value FROM json_each(?)) ORDER BY f.id DESC LIMIT 1000",
        params![serde_json::to_string(employer_ids)?],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let flag = EmployerFlag {
                id: r.id,
                reason: ReportReason::parse(&r.reason).unwrap_or(ReportReason::Other),
                note: r.note,
                job_id: r.job_id,
                raised_by: UnionRef {
                    id: r.union_id,
                    code: r.union_code,
                    name: r.union_name,
                },
                raised_at: r.raised_at,
                cleared_at: r.cleared_at,
            };
            (r.employer_id, flag)
        })
        .collect())
}

/// Employers in wire form, each with its flags (one query for all).
pub async fn wire_all(
    db: &D1Database,
    rows: &[EmployerRow],
    with_phone: bool,
) -> AppResult<Vec<Employer>> {
    let flags = flags_of(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .iter()
        .map(|r| {
            r.wire(
                flags
                    .iter()
                    .filter(|(e, _)| *e == r.id)
                    .map(|(_, f)| f.clone())
                    .collect(),
                with_phone,
            )
        })
        .collect())
}

/// One employer in wire form.
pub async fn wire_one(db: &D1Database, row: &EmployerRow, with_phone: bool) -> AppResult<Employer> {
    Ok(wire_all(db, std::slice::from_ref(row), with_phone)
        .await?
        .remove(0))
}

pub fn insert_flag(
    db: &D1Database,
    employer_id: i64,
    f: &EmployerFlagInput,
    union_id: i64,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO employer_flags (employer_id, reason, note, job_id, union_id, raised_by, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        params![employer_id, f.reason.code(), f.note, f.job_id, union_id, by, now],
    )
}

/// Clears an open flag of the employer.
pub fn clear_flag(
    db: &D1Database,
    employer_id: i64,
    flag_id: i64,
    by: &str,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(db, "UPDATE employer_flags SET cleared_at = ?3, cleared_by = ?4 WHERE id = ?1 AND employer_id = ?2 AND cleared_at IS NULL", params![flag_id, employer_id, now, by])
}

/// The id a new row of `table` will get: explicit ids let one batch write a
/// row and the rows that refer to it. Two writers racing for the same id make
/// one batch fail on the primary key, and nothing is half-written.
pub async fn next_id(db: &D1Database, table: IdTable) -> AppResult<i64> {
    let sql = match table {
        IdTable::Employers => "SELECT coalesce(max(id), 0) + 1 AS n FROM employers",
        IdTable::Jobs => "SELECT coalesce(max(id), 0) + 1 AS n FROM jobs",
        IdTable::Fairs => "SELECT coalesce(max(id), 0) + 1 AS n FROM job_fairs",
    };
    Ok(db::first::<db::Count>(db, sql, params![])
        .await?
        .map_or(1, |c| c.n))
}

#[derive(Debug, Clone, Copy)]
pub enum IdTable {
    Employers,
    Jobs,
    Fairs,
}
