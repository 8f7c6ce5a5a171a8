//! Applications and their history: the worker's own, the staff queue, and the
//! statements of each status change (run in one batch with the budget move,
//! the history row, the text owed and the audit entry).

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::benefits::*;
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRow {
    pub id: i64,
    pub programme_id: i64,
    pub programme_name: String,
    pub kind: String,
    pub union_id: i64,
    pub union_code: String,
    pub union_name: String,
    pub union_path: String,
    pub user_id: i64,
    pub phone: String,
    pub member_id: Option<i64>,
    pub member_union_name: Option<String>,
    pub name: String,
    pub id_number_masked: String,
    pub facts: String,
    pub self_check: Option<String>,
    pub status: String,
    pub version: i64,
    pub amount_fen: Option<i64>,
    pub reason: Option<String>,
    pub documents_requested: Option<String>,
    pub notice_ends_on: Option<String>,
    pub paid_fen: Option<i64>,
    pub paid_on: Option<String>,
    pub payment_method: Option<String>,
    pub payment_reference: Option<String>,
    pub submitted_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "a.id, a.programme_id, p.name AS programme_name, a.kind, p.union_id, u.code AS union_code,
  u.name AS union_name, a.union_path, a.user_id, us.phone, a.member_id, a.member_union_name, a.name, a.id_number_masked,
  a.facts, a.self_check, a.status, a.version, a.amount_fen, a.reason, a.documents_requested, a.notice_ends_on,
  a.paid_fen, a.paid_on, a.payment_method, a.payment_reference, a.submitted_at, a.updated_at";
const FROM: &str = "benefit_applications a JOIN benefit_programmes p ON p.id = a.programme_id
  JOIN unions u ON u.id = p.union_id JOIN users us ON us.id = a.user_id";

fn date(s: &Option<String>) -> Option<chrono::NaiveDate> {
    s.as_deref().and_then(|d| d.parse().ok())
}

impl ApplicationRow {
    pub fn kind(&self) -> ProgrammeKind {
        ProgrammeKind::parse(&self.kind).unwrap_or(ProgrammeKind::Other)
    }
    pub fn status(&self) -> ApplicationStatus {
        ApplicationStatus::parse(&self.status).unwrap_or(ApplicationStatus::Submitted)
    }
    pub fn facts(&self) -> Option<ApplicationFacts> {
        serde_json::from_str(&self.facts).ok()
    }
    pub fn documents_requested(&self) -> Vec<String> {
        self.documents_requested
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or_default()
    }
    pub fn notice_ends_on(&self) -> Option<chrono::NaiveDate> {
        date(&self.notice_ends_on)
    }

    /// The view; `staff` adds the applicant's phone.
    pub fn wire(&self, staff: bool) -> Application {
        Application {
            id: self.id,
            programme_id: self.programme_id,
            programme_name: self.programme_name.clone(),
            kind: self.kind(),
            union: UnionRef {
                id: self.union_id,
                code: self.union_code.clone(),
                name: self.union_name.clone(),
            },
            name: self.name.clone(),
            id_number_masked: self.id_number_masked.clone(),
            phone: staff.then(|| self.phone.clone()),
            as_member: self.member_id.is_some(),
            member_union: self.member_union_name.clone(),
            facts: self.facts().unwrap_or(ApplicationFacts::Other {
                note: String::new(),
            }),
            self_check: self
                .self_check
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok()),
            status: self.status(),
            amount_fen: self.amount_fen,
            reason: self.reason.clone(),
            documents_requested: self.documents_requested(),
            notice_ends_on: self.notice_ends_on(),
            paid_fen: self.paid_fen,
            paid_on: date(&self.paid_on),
            payment_method: self
                .payment_method
                .as_deref()
                .and_then(PaymentMethod::parse),
            // Filled from `attachments` for one application (`views::application`).
            attachments: Vec::new(),
            submitted_at: self.submitted_at.clone(),
            updated_at: self.updated_at.clone(),
            version: self.version.max(0) as u32,
        }
    }
}

pub async fn application(db: &D1Database, id: i64) -> AppResult<Option<ApplicationRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?"),
        params![id],
    )
    .await
}

pub async fn applications(db: &D1Database, ids: &[i64]) -> AppResult<Vec<ApplicationRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id"),
        params![serde_json::to_string(ids)?],
    )
    .await
}

/// A worker's own, newest first.
pub async fn applications_of(
    db: &D1Database,
    user_id: i64,
    limit: u32,
) -> AppResult<Vec<ApplicationRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.user_id = ? ORDER BY a.id DESC LIMIT ?"),
        params![user_id, limit],
    )
    .await
}

/// The review queue of a subtree, oldest first, keyset-paged on the id.
pub async fn queue(
    db: &D1Database,
    scope: &Scope,
    programme_id: Option<i64>,
    status: Option<ApplicationStatus>,
    after_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<ApplicationRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE a.union_path >= ?1 AND a.union_path < ?2
               AND (?3 IS NULL OR a.programme_id = ?3) AND (?4 IS NULL OR a.status = ?4) AND a.id > ?5
             ORDER BY a.id LIMIT ?6"
        ),
        params![
            lo,
            hi,
            programme_id,
            status.map(|s| s.code()),
            after_id.unwrap_or(0),
            limit
        ],
    )
    .await
}

/// Applications on public notice of a programme (scholarships), for the notice board.
pub async fn on_notice(db: &D1Database, programme_id: i64) -> AppResult<Vec<ApplicationRow>> {
    db::all(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.programme_id = ? AND a.status = 'public_notice' ORDER BY a.id LIMIT 500"),
        params![programme_id],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventRow {
    pub version: i64,
    pub action: Option<String>,
    pub status: String,
    pub amount_fen: Option<i64>,
    pub note: Option<String>,
    pub documents: Option<String>,
    pub by_kind: String,
    pub at: String,
}

impl EventRow {
    pub fn wire(&self) -> ApplicationEvent {
        ApplicationEvent {
            version: self.version.max(0) as u32,
            action: self.action.as_deref().and_then(StatusAction::parse),
            status: ApplicationStatus::parse(&self.status).unwrap_or(ApplicationStatus::Submitted),
            amount_fen: self.amount_fen,
            note: self.note.clone(),
            documents: self
                .documents
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_default(),
            by: self.by_kind.clone(),
            at: self.at.clone(),
        }
    }
}

pub async fn history(db: &D1Database, application_id: i64) -> AppResult<Vec<EventRow>> {
    db::all(
        db,
        "SELECT version, action, status, amount_fen, note, documents, by_kind, at FROM benefit_application_events
         WHERE application_id = ? ORDER BY version",
        params![application_id],
    )
    .await
}

/// The keyed index of a member's ID number (who the person is).
pub async fn member_index(db: &D1Database, member_id: i64) -> AppResult<Option<String>> {
    #[derive(Deserialize)]
    struct Row {
        id_number_index: Option<String>,
    }
    Ok(db::first::<Row>(
        db,
        "SELECT id_number_index FROM members WHERE id = ?",
        params![member_id],
    )
    .await?
    .and_then(|r| r.id_number_index))
}

/// What a new application stores beside its facts.
pub struct NewApplication<'a> {
    pub id: i64,
    pub programme: &'a super::programmes::ProgrammeRow,
    pub user_id: i64,
    pub member_id: Option<i64>,
    pub member_union_name: Option<&'a str>,
    pub name: &'a str,
    pub id_number_sealed: Option<&'a str>,
    pub id_number_masked: &'a str,
    pub person_index: &'a str,
    pub facts: &'a ApplicationFacts,
    pub bank_account_sealed: Option<&'a str>,
    pub child_id_sealed: Option<&'a str>,
    pub child_index: Option<&'a str>,
    pub self_check: Option<&'a StoredSelfCheck>,
}

pub fn insert_application(
    db: &D1Database,
    a: &NewApplication,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let period = a.programme.period();
    db::stmt(
        db,
        "INSERT INTO benefit_applications (id, programme_id, kind, union_path, user_id, member_id, member_union_name, name,
           id_number_sealed, id_number_masked, person_index, period, facts, bank_account_sealed, child_id_sealed,
           child_index, child_year, self_check, self_check_category, status, version, submitted_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 'submitted', 1, ?20, ?20)",
        params![
            a.id,
            a.programme.id,
            a.programme.kind,
            a.programme.union_path,
            a.user_id,
            a.member_id,
            a.member_union_name,
            a.name,
            a.id_number_sealed,
            a.id_number_masked,
            a.person_index,
            period,
            serde_json::to_string(a.facts)?,
            a.bank_account_sealed,
            a.child_id_sealed,
            a.child_index,
            a.child_index.map(|_| period),
            a.self_check.map(serde_json::to_string).transpose()?,
            a.self_check.map(|s| s.category.code()),
            now
        ],
    )
}

/// An application's state after a change (written whole).
#[derive(Debug, Clone)]
pub struct NewState {
    pub status: ApplicationStatus,
    pub amount_fen: Option<i64>,
    pub reason: Option<String>,
    pub documents_requested: Vec<String>,
    pub notice_ends_on: Option<chrono::NaiveDate>,
    pub paid_fen: Option<i64>,
    pub paid_on: Option<chrono::NaiveDate>,
    pub payment_method: Option<PaymentMethod>,
    pub payment_reference: Option<String>,
    pub decided: bool,
}

impl NewState {
    /// The state as it is now, to change from.
    pub fn of(row: &ApplicationRow) -> NewState {
        NewState {
            status: row.status(),
            amount_fen: row.amount_fen,
            reason: row.reason.clone(),
            documents_requested: row.documents_requested(),
            notice_ends_on: row.notice_ends_on(),
            paid_fen: row.paid_fen,
            paid_on: date(&row.paid_on),
            payment_method: row.payment_method.as_deref().and_then(PaymentMethod::parse),
            payment_reference: row.payment_reference.clone(),
            decided: false,
        }
    }
}

/// Writes the new state, only if the application is still at `version`.
pub fn update_state(
    db: &D1Database,
    id: i64,
    version: i64,
    s: &NewState,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    let documents = (!s.documents_requested.is_empty())
        .then(|| serde_json::to_string(&s.documents_requested))
        .transpose()?;
    db::stmt(
        db,
        "UPDATE benefit_applications SET status = ?3, version = ?2 + 1, amount_fen = ?4, reason = ?5, documents_requested = ?6,
           notice_ends_on = ?7, paid_fen = ?8, paid_on = ?9, payment_method = ?10, payment_reference = ?11,
           decided_at = CASE WHEN ?12 THEN ?13 ELSE decided_at END, updated_at = ?13
         WHERE id = ?1 AND version = ?2",
        params![
            id,
            version,
            s.status.code(),
            s.amount_fen,
            s.reason,
            documents,
            s.notice_ends_on.map(|d| d.to_string()),
            s.paid_fen,
            s.paid_on.map(|d| d.to_string()),
            s.payment_method.map(|m| m.code()),
            s.payment_reference,
            s.decided,
            now
        ],
    )
}

/// One history row; its (application, version) key is the optimistic lock.
pub struct NewEvent<'a> {
    pub application_id: i64,
    pub version: i64,
    pub action: Option<StatusAction>,
    pub status: ApplicationStatus,
    pub amount_fen: Option<i64>,
    pub note: Option<&'a str>,
    pub documents: &'a [String],
    pub by_staff: bool,
    pub by_id: i64,
}

pub fn insert_event(db: &D1Database, e: &NewEvent, now: &str) -> AppResult<D1PreparedStatement> {
    let documents = (!e.documents.is_empty())
        .then(|| serde_json::to_string(e.documents))
        .transpose()?;
    db::stmt(
        db,
        "INSERT INTO benefit_application_events (application_id, version, action, status, amount_fen, note, documents, by_kind, by_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            e.application_id,
            e.version,
            e.action.map(|a| a.code()),
            e.status.code(),
            e.amount_fen,
            e.note,
            documents,
            if e.by_staff { "staff" } else { "worker" },
            e.by_id,
            now
        ],
    )
}
