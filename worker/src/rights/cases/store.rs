//! All SQL of wage-arrears cases. Literal SQL with bound values only.
#![allow(clippy::too_many_arguments)]

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::rights::cases::*;
use shared::rights::clocks::ReferralTarget;
use shared::rights::holidays::{Calendar, CalendarDay, DayKind};
use worker::{D1Database, D1PreparedStatement};

/// The constraint names D1 reports, for `on_constraint`.
pub mod constraints {
    pub const CASE_ID: &str = "rights_cases.id";
    pub const CLAIMANT_ID: &str = "rights_claimants.id";
    pub const ONCE: &str = "rights_claimants.case_id, rights_claimants.user_id";
    pub const VERSION: &str = "rights_case_events.case_id, rights_case_events.version";
}

const COLUMNS: &str = "c.id, c.status, c.version, c.union_id, c.union_path, u.code AS union_code, u.name AS union_name, u.region_code,
  c.employer_id, c.employer_name, c.boss_phone, c.site_name, c.site_address, c.main_contractor, c.period_from, c.period_to,
  c.facts, c.filer_user_id, c.missing, c.reason, c.accepted_on, c.referral_to, c.referred_on, c.referral_accepted_on,
  c.satisfaction, c.settled_on_time, c.created_at,
  (SELECT count(*) FROM rights_claimants k WHERE k.case_id = c.id) AS claimant_count,
  (SELECT coalesce(sum(k.amount_claimed_fen), 0) FROM rights_claimants k WHERE k.case_id = c.id) AS claimed_fen,
  (SELECT coalesce(sum(k.recovered_fen), 0) FROM rights_claimants k WHERE k.case_id = c.id) AS recovered_fen";
const FROM: &str = "rights_cases c JOIN unions u ON u.id = c.union_id";

#[derive(Debug, Clone, Deserialize)]
pub struct CaseRow {
    pub id: i64,
    pub status: String,
    pub version: i64,
    pub union_id: i64,
    pub union_path: String,
    pub union_code: String,
    pub union_name: String,
    pub region_code: Option<String>,
    pub employer_id: Option<i64>,
    pub employer_name: String,
    pub boss_phone: Option<String>,
    pub site_name: String,
    pub site_address: String,
    pub main_contractor: Option<String>,
    pub period_from: String,
    pub period_to: String,
    pub facts: String,
    pub filer_user_id: i64,
    pub missing: String,
    pub reason: Option<String>,
    pub accepted_on: Option<String>,
    pub referral_to: Option<String>,
    pub referred_on: Option<String>,
    pub referral_accepted_on: Option<String>,
    pub satisfaction: Option<String>,
    pub settled_on_time: i64,
    pub created_at: String,
    pub claimant_count: i64,
    pub claimed_fen: i64,
    pub recovered_fen: i64,
}

pub fn date(s: &Option<String>) -> Option<chrono::NaiveDate> {
    s.as_deref().and_then(|d| d.parse().ok())
}

impl CaseRow {
    pub fn status(&self) -> CaseStatus {
        CaseStatus::parse(&self.status).unwrap_or(CaseStatus::Registered)
    }
    pub fn referral(&self) -> Option<ReferralTarget> {
        self.referral_to.as_deref().and_then(ReferralTarget::parse)
    }
    pub fn missing(&self) -> Vec<String> {
        serde_json::from_str(&self.missing).unwrap_or_default()
    }
    pub fn period(&self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        (
            self.period_from.parse().unwrap_or_default(),
            self.period_to.parse().unwrap_or_default(),
        )
    }
    /// The province's area code of the union where the work happened.
    pub fn province(&self) -> Option<String> {
        self.region_code
            .as_deref()
            .filter(|r| r.len() >= 2)
            .map(|r| format!("{}0000", &r[..2]))
    }
    pub fn union_ref(&self) -> shared::unions::UnionRef {
        shared::unions::UnionRef {
            id: self.union_id,
            code: self.union_code.clone(),
            name: self.union_name.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClaimantRow {
    pub id: i64,
    pub case_id: i64,
    pub user_id: i64,
    pub phone: String,
    pub name: String,
    pub days: i64,
    pub amount_claimed_fen: i64,
    pub still_employed: i64,
    pub left_on: Option<String>,
    pub is_filer: i64,
    pub representative: i64,
    pub agreed_fen: Option<i64>,
    pub pay_by: Option<String>,
    pub recovered_fen: i64,
    pub recovered_on: Option<String>,
    pub joined_at: String,
}

impl ClaimantRow {
    pub fn left_on(&self) -> Option<chrono::NaiveDate> {
        (self.still_employed == 0)
            .then(|| date(&self.left_on))
            .flatten()
    }
}

pub async fn next_id(db: &D1Database, claimants: bool) -> AppResult<i64> {
    let sql = if claimants {
        "SELECT coalesce(max(id), 0) + 1 AS n FROM rights_claimants"
    } else {
        "SELECT coalesce(max(id), 0) + 1 AS n FROM rights_cases"
    };
    Ok(db::first::<db::Count>(db, sql, params![])
        .await?
        .map_or(1, |c| c.n))
}

pub struct NewCase<'a> {
    pub id: i64,
    pub union_id: i64,
    pub union_path: &'a str,
    pub employer_id: Option<i64>,
    pub employer_name: &'a str,
    pub boss_phone: Option<&'a str>,
    pub valid: &'a ComplaintInput,
    pub filer_user_id: i64,
}

pub fn insert_case(db: &D1Database, c: &NewCase, now: &str) -> AppResult<D1PreparedStatement> {
    let v = c.valid;
    let main = (!v.main_contractor.is_empty()).then_some(v.main_contractor.as_str());
    db::stmt(
        db,
        "INSERT INTO rights_cases (id, union_id, union_path, employer_id, employer_name, boss_phone, site_name, site_address,
           main_contractor, period_from, period_to, facts, filer_user_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            c.id,
            c.union_id,
            c.union_path,
            c.employer_id,
            c.employer_name,
            c.boss_phone,
            v.site.name,
            v.site.address,
            main,
            v.period_from.to_string(),
            v.period_to.to_string(),
            v.facts,
            c.filer_user_id,
            now
        ],
    )
}

pub fn insert_claimant(
    db: &D1Database,
    id: i64,
    case_id: i64,
    user_id: i64,
    claim: &ClaimInput,
    is_filer: bool,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO rights_claimants (id, case_id, user_id, name, days, amount_claimed_fen, still_employed, left_on, is_filer, joined_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            case_id,
            user_id,
            claim.name,
            claim.days,
            claim.amount_claimed_fen,
            claim.still_employed,
            claim.left_on.map(|d| d.to_string()),
            is_filer,
            now
        ],
    )
}

pub fn insert_event(
    db: &D1Database,
    case_id: i64,
    version: i64,
    action: Option<CaseAction>,
    status: CaseStatus,
    note: Option<&str>,
    by_staff: bool,
    by_id: i64,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO rights_case_events (case_id, version, action, status, note, by_staff, by_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case_id,
            version,
            action.map(|a| a.code()),
            status.code(),
            note,
            by_staff,
            by_id,
            now
        ],
    )
}

/// A text to each claimant of the case about its new version.
pub fn insert_notices(
    db: &D1Database,
    case_id: i64,
    version: i64,
    status: CaseStatus,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT OR IGNORE INTO rights_case_notices (case_id, claimant_id, version, status, created_at)
         SELECT ?1, id, ?2, ?3, ?4 FROM rights_claimants WHERE case_id = ?1",
        params![case_id, version, status.code(), now],
    )
}

pub async fn case(db: &D1Database, id: i64) -> AppResult<Option<CaseRow>> {
    db::first(
        db,
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE c.id = ?"),
        params![id],
    )
    .await
}

pub async fn cases_of_user(db: &D1Database, user_id: i64, limit: u32) -> AppResult<Vec<CaseRow>> {
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE c.id IN (SELECT case_id FROM rights_claimants WHERE user_id = ?1)
             ORDER BY c.id DESC LIMIT ?2"
        ),
        params![user_id, limit],
    )
    .await
}

pub async fn cases_in_scope(
    db: &D1Database,
    scope: &Scope,
    status: Option<CaseStatus>,
    before_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<CaseRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE c.union_path >= ?1 AND c.union_path < ?2
               AND (?3 IS NULL OR c.status = ?3) AND (?4 IS NULL OR c.id < ?4)
             ORDER BY c.id DESC LIMIT ?5"
        ),
        params![lo, hi, status.map(|s| s.code()), before_id, limit],
    )
    .await
}

/// Open cases whose earliest clock warns by `day`, soonest first.
pub async fn warning_by(
    db: &D1Database,
    scope: &Scope,
    day: &str,
    limit: u32,
) -> AppResult<Vec<CaseRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE c.union_path >= ?1 AND c.union_path < ?2
               AND c.next_warn_on IS NOT NULL AND c.next_warn_on <= ?3
             ORDER BY c.next_due_on, c.id LIMIT ?4"
        ),
        params![lo, hi, day, limit],
    )
    .await
}

/// 概览: open cases of the subtree with a clock in its warning window or past due.
pub fn count_clocks_due(
    db: &D1Database,
    scope: &Scope,
    today: &str,
) -> AppResult<D1PreparedStatement> {
    let (lo, hi) = scope.bounds();
    db::stmt(
        db,
        "SELECT count(*) AS n FROM rights_cases WHERE union_path >= ?1 AND union_path < ?2
           AND next_warn_on IS NOT NULL AND next_warn_on <= ?3",
        params![lo, hi, today],
    )
}

pub async fn claimants(db: &D1Database, case_ids: &[i64]) -> AppResult<Vec<ClaimantRow>> {
    let ids = serde_json::to_string(case_ids)?;
    db::all(
        db,
        "SELECT k.id, k.case_id, k.user_id, u.phone, k.name, k.days, k.amount_claimed_fen, k.still_employed, k.left_on,
           k.is_filer, k.representative, k.agreed_fen, k.pay_by, k.recovered_fen, k.recovered_on, k.joined_at
         FROM rights_claimants k JOIN users u ON u.id = k.user_id
         WHERE k.case_id IN (SELECT value FROM json_each(?1)) ORDER BY k.case_id, k.id",
        params![ids],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventRow {
    pub action: Option<String>,
    pub status: String,
    pub note: Option<String>,
    pub by_staff: i64,
    pub at: String,
}

impl EventRow {
    pub fn wire(&self) -> CaseEvent {
        CaseEvent {
            action: self.action.as_deref().and_then(CaseAction::parse),
            status: CaseStatus::parse(&self.status).unwrap_or(CaseStatus::Registered),
            note: self.note.clone(),
            by_staff: self.by_staff != 0,
            at: self.at.clone(),
        }
    }
}

pub async fn history(db: &D1Database, case_id: i64) -> AppResult<Vec<EventRow>> {
    db::all(
        db,
        "SELECT action, status, note, by_staff, at FROM rights_case_events WHERE case_id = ? ORDER BY version",
        params![case_id],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionRow {
    pub held_on: String,
    pub result: String,
    pub note: String,
}

pub async fn sessions(db: &D1Database, case_id: i64) -> AppResult<Vec<SessionRow>> {
    db::all(
        db,
        "SELECT held_on, result, note FROM rights_mediation_sessions WHERE case_id = ? ORDER BY held_on, id",
        params![case_id],
    )
    .await
}

pub fn insert_session(
    db: &D1Database,
    case_id: i64,
    s: &SessionInput,
    staff_id: i64,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO rights_mediation_sessions (case_id, held_on, result, note, staff_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![case_id, s.held_on.to_string(), s.result.code(), s.note, staff_id, now],
    )
}

/// The new state of a case after a change, only from the version it was read at.
pub struct NewState {
    pub status: CaseStatus,
    pub missing: Vec<String>,
    pub reason: Option<String>,
    pub accepted_on: Option<String>,
    pub referral_to: Option<String>,
    pub referred_on: Option<String>,
    pub referral_accepted_on: Option<String>,
    pub satisfaction: Option<String>,
    pub closed: bool,
}

impl NewState {
    pub fn of(row: &CaseRow) -> NewState {
        NewState {
            status: row.status(),
            missing: row.missing(),
            reason: row.reason.clone(),
            accepted_on: row.accepted_on.clone(),
            referral_to: row.referral_to.clone(),
            referred_on: row.referred_on.clone(),
            referral_accepted_on: row.referral_accepted_on.clone(),
            satisfaction: row.satisfaction.clone(),
            closed: false,
        }
    }
}

pub fn update_state(
    db: &D1Database,
    id: i64,
    version: i64,
    s: &NewState,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE rights_cases SET status = ?3, version = ?2 + 1, missing = ?4, reason = ?5, accepted_on = ?6, referral_to = ?7,
           referred_on = ?8, referral_accepted_on = ?9, satisfaction = ?10, closed_at = CASE WHEN ?11 THEN ?12 ELSE closed_at END,
           updated_at = ?12
         WHERE id = ?1 AND version = ?2",
        params![
            id,
            version,
            s.status.code(),
            serde_json::to_string(&s.missing)?,
            s.reason,
            s.accepted_on,
            s.referral_to,
            s.referred_on,
            s.referral_accepted_on,
            s.satisfaction,
            s.closed,
            now
        ],
    )
}

/// The earliest clock's due and warning days, worked out after a change.
pub fn set_clock(
    db: &D1Database,
    id: i64,
    due: Option<String>,
    warn: Option<String>,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE rights_cases SET next_due_on = ?2, next_warn_on = ?3 WHERE id = ?1",
        params![id, due, warn],
    )
}

pub fn set_agreement(
    db: &D1Database,
    claimant_id: i64,
    case_id: i64,
    fen: i64,
    pay_by: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE rights_claimants SET agreed_fen = ?3, pay_by = ?4 WHERE id = ?1 AND case_id = ?2",
        params![claimant_id, case_id, fen, pay_by],
    )
}

pub fn add_recovery(
    db: &D1Database,
    claimant_id: i64,
    case_id: i64,
    fen: i64,
    paid_on: &str,
    staff_id: i64,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            "INSERT INTO rights_recoveries (case_id, claimant_id, amount_fen, paid_on, staff_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![case_id, claimant_id, fen, paid_on, staff_id, now],
        )?,
        db::stmt(
            db,
            "UPDATE rights_claimants SET recovered_fen = recovered_fen + ?3,
               recovered_on = CASE WHEN recovered_on IS NULL OR recovered_on < ?4 THEN ?4 ELSE recovered_on END
             WHERE id = ?1 AND case_id = ?2",
            params![claimant_id, case_id, fen, paid_on],
        )?,
    ])
}

pub fn set_representatives(
    db: &D1Database,
    case_id: i64,
    ids: &[i64],
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE rights_claimants SET representative = (id IN (SELECT value FROM json_each(?2))) WHERE case_id = ?1",
        params![case_id, serde_json::to_string(ids)?],
    )
}

pub fn set_settled(
    db: &D1Database,
    case_id: i64,
    settled: bool,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE rights_cases SET settled_on_time = ?2, updated_at = ?3 WHERE id = ?1",
        params![case_id, settled, now],
    )
}

#[derive(Debug, Clone, Deserialize)]
struct WageRecordRow {
    closed: i64,
    recovered: i64,
    settled: i64,
    last_on: Option<String>,
}

/// The employer page's 欠薪记录: closed cases with money recovered or a
/// mediated agreement; open allegations are never counted.
pub async fn wage_record(db: &D1Database, employer_id: i64) -> AppResult<shared::jobs::WageRecord> {
    let row: Option<WageRecordRow> = db::first(
        db,
        "SELECT count(*) AS closed, coalesce(sum(r), 0) AS recovered, coalesce(sum(c.settled_on_time), 0) AS settled,
           max(substr(c.created_at, 1, 10)) AS last_on
         FROM (SELECT c.id, c.settled_on_time, c.created_at,
                 (SELECT coalesce(sum(recovered_fen), 0) FROM rights_claimants k WHERE k.case_id = c.id) AS r,
                 (SELECT count(*) FROM rights_claimants k WHERE k.case_id = c.id AND k.agreed_fen IS NOT NULL) AS a
               FROM rights_cases c WHERE c.employer_id = ?1 AND c.status = 'closed') c
         WHERE c.r > 0 OR c.a > 0",
        params![employer_id],
    )
    .await?;
    let row = row.unwrap_or(WageRecordRow {
        closed: 0,
        recovered: 0,
        settled: 0,
        last_on: None,
    });
    Ok(shared::jobs::WageRecord {
        open_cases: 0,
        closed_cases: row.closed as u32,
        settled_on_time: row.settled as u32,
        recovered_fen: row.recovered,
        last_case_on: date(&row.last_on),
    })
}

#[derive(Debug, Clone, Deserialize)]
struct CalendarRow {
    day: String,
    kind: String,
    name: String,
}

pub async fn calendar_days(db: &D1Database) -> AppResult<Vec<CalendarDay>> {
    let rows: Vec<CalendarRow> = db::all(
        db,
        "SELECT day, kind, name FROM rights_calendar ORDER BY day",
        params![],
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(CalendarDay {
                date: r.day.parse().ok()?,
                kind: DayKind::parse(&r.kind)?,
                name: r.name,
            })
        })
        .collect())
}

pub async fn calendar(db: &D1Database) -> AppResult<Calendar> {
    Ok(Calendar::new(
        calendar_days(db)
            .await?
            .into_iter()
            .map(|c| (c.date, c.kind)),
    ))
}

pub fn set_calendar_day(
    db: &D1Database,
    day: &shared::rights::holidays::CalendarDayInput,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    match day.kind {
        Some(kind) => db::stmt(
            db,
            "INSERT INTO rights_calendar (day, kind, name, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, updated_at = excluded.updated_at",
            params![day.date.to_string(), kind.code(), day.name, now],
        ),
        None => db::stmt(db, "DELETE FROM rights_calendar WHERE day = ?", params![day.date.to_string()]),
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ThresholdRow {
    pub province_code: String,
    pub province_name: String,
    pub individual_fen: i64,
    pub collective_fen: i64,
}

impl ThresholdRow {
    pub fn wire(&self) -> Threshold {
        Threshold {
            province_code: self.province_code.clone(),
            province_name: self.province_name.clone(),
            individual_fen: self.individual_fen,
            collective_fen: self.collective_fen,
        }
    }
}

pub async fn thresholds(db: &D1Database) -> AppResult<Vec<ThresholdRow>> {
    db::all(
        db,
        "SELECT province_code, province_name, individual_fen, collective_fen FROM rights_thresholds ORDER BY province_code DESC",
        params![],
    )
    .await
}

/// A province's figures, or the national floor.
pub async fn threshold_for(
    db: &D1Database,
    province: Option<&str>,
) -> AppResult<Option<ThresholdRow>> {
    db::first(
        db,
        "SELECT province_code, province_name, individual_fen, collective_fen FROM rights_thresholds
         WHERE province_code = ?1 OR province_code = '000000' ORDER BY province_code = ?1 DESC LIMIT 1",
        params![province.unwrap_or("000000")],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmployerRow {
    pub name: String,
    pub status: String,
}

/// A verified employer named in a complaint (read here, not through jobs: no circle).
pub async fn employer(db: &D1Database, id: i64) -> AppResult<Option<EmployerRow>> {
    db::first(
        db,
        "SELECT name, status FROM employers WHERE id = ?",
        params![id],
    )
    .await
}

// ---- texts ----

#[derive(Debug, Clone, Deserialize)]
pub struct NoticeRow {
    pub id: i64,
    pub phone: String,
    pub status: String,
    pub union_name: String,
}

pub async fn pending_notices(
    db: &D1Database,
    case_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<NoticeRow>> {
    db::all(
        db,
        "SELECT n.id, u.phone, n.status, un.name AS union_name
         FROM rights_case_notices n
         JOIN rights_claimants k ON k.id = n.claimant_id
         JOIN users u ON u.id = k.user_id
         JOIN rights_cases c ON c.id = n.case_id
         JOIN unions un ON un.id = c.union_id
         WHERE n.sent_at IS NULL AND n.attempts < 5 AND u.phone NOT LIKE 'deleted:%'
           AND (?1 IS NULL OR n.case_id = ?1)
         ORDER BY n.id LIMIT ?2",
        params![case_id, limit],
    )
    .await
}

pub async fn claim_notice(db: &D1Database, id: i64, now: &str) -> AppResult<bool> {
    Ok(db::run(
        db,
        "UPDATE rights_case_notices SET sent_at = ?2, attempts = attempts + 1 WHERE id = ?1 AND sent_at IS NULL",
        params![id, now],
    )
    .await?
    .changes
        == 1)
}

pub async fn release_notice(db: &D1Database, id: i64) -> AppResult<()> {
    db::run(
        db,
        "UPDATE rights_case_notices SET sent_at = NULL WHERE id = ?",
        params![id],
    )
    .await?;
    Ok(())
}

pub fn forget_old_notices(db: &D1Database, before: &str) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "DELETE FROM rights_case_notices WHERE created_at < ?",
        params![before],
    )
}

/// Deleting an account: the claimant's name is erased from every case; the
/// claim's days and amounts stay for the other claimants and the union's figures.
pub fn erase_claimant(db: &D1Database, user_id: i64) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE rights_claimants SET name = '已注销' WHERE user_id = ?",
        params![user_id],
    )
}
