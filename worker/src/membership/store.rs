//! All SQL of union membership. ID numbers arrive here only sealed.
//! Statement builders bind one argument per column, hence the long signatures.
#![allow(clippy::too_many_arguments)]

use crate::db;
use crate::error::{AppError, AppResult};
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::id_number::Gender;
use shared::membership::*;
use shared::unions::UnionSummary;
use worker::{D1Database, D1PreparedStatement};

/// What an application or membership stores about the person.
pub struct Person<'a> {
    pub name: &'a str,
    pub sealed: &'a str,
    pub index: &'a str,
    pub masked: &'a str,
    pub gender: Gender,
    /// Only the year, and only when it keeps the disclosure rule
    /// (`shared::membership::disclosure::Disclosure`).
    pub birth_year: Option<i32>,
    /// The blind-index key version `index` was computed under.
    pub index_version: u32,
    pub hometown: &'a str,
    pub employer_or_project: &'a str,
    pub trade: &'a str,
    pub employment_form: &'a str,
    pub contact_address: &'a str,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationRow {
    pub id: i64,
    pub user_id: i64,
    pub union_id: i64,
    pub union_path: String,
    pub kind: String,
    pub status: String,
    pub name: String,
    pub id_number_sealed: Option<String>,
    pub id_number_masked: String,
    pub gender: String,
    pub birth_year: Option<i32>,
    pub hometown: String,
    pub employer_or_project: String,
    pub trade: String,
    pub employment_form: String,
    pub contact_address: String,
    pub from_union_name: Option<String>,
    pub transfer_reason: Option<String>,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    pub rejection_reason: Option<String>,
    pub union_name: String,
    /// 1 when another account is an active member with this ID number.
    pub id_number_conflict: i64,
}

const APPLICATION_COLUMNS: &str = "a.id, a.user_id, a.union_id, a.union_path, a.kind, a.status, a.name, a.id_number_sealed, a.id_number_masked,
  a.gender, a.birth_year, a.hometown, a.employer_or_project, a.trade, a.employment_form, a.contact_address,
  f.name AS from_union_name, a.transfer_reason, a.submitted_at, a.decided_at, a.rejection_reason, u.name AS union_name,
  EXISTS (SELECT 1 FROM members m WHERE m.id_number_index = a.id_number_index AND m.status = 'active' AND m.user_id <> a.user_id) AS id_number_conflict";
const APPLICATION_FROM: &str = "applications a JOIN unions u ON u.id = a.union_id LEFT JOIN unions f ON f.id = a.from_union_id";

impl ApplicationRow {
    pub fn kind(&self) -> ApplicationKind {
        ApplicationKind::parse(&self.kind).unwrap_or(ApplicationKind::Enrolment)
    }

    pub fn status(&self) -> ApplicationStatus {
        ApplicationStatus::parse(&self.status).unwrap_or(ApplicationStatus::Pending)
    }

    pub fn applicant(&self) -> Applicant {
        Applicant {
            name: self.name.clone(),
            id_number_masked: self.id_number_masked.clone(),
            gender: Gender::parse(&self.gender).unwrap_or(Gender::Male),
            birth_year: self.birth_year,
            hometown: self.hometown.clone(),
            employer_or_project: self.employer_or_project.clone(),
            trade: shared::trades::Trade::parse(&self.trade)
                .unwrap_or(shared::trades::Trade::Other),
            employment_form: EmploymentForm::parse(&self.employment_form)
                .unwrap_or(EmploymentForm::Other),
            contact_address: self.contact_address.clone(),
        }
    }

    pub fn review_item(&self) -> ReviewItem {
        ReviewItem {
            application_id: self.id,
            kind: self.kind(),
            status: self.status(),
            union_id: self.union_id,
            union_name: self.union_name.clone(),
            submitted_at: parse_time(&self.submitted_at),
            applicant: self.applicant(),
            from_union_name: self.from_union_name.clone(),
            transfer_reason: self.transfer_reason.clone(),
            id_number_conflict: self.id_number_conflict != 0,
        }
    }

    pub fn view(&self, union: UnionSummary) -> ApplicationView {
        ApplicationView {
            id: self.id,
            kind: self.kind(),
            union,
            status: self.status(),
            submitted_at: parse_time(&self.submitted_at),
            decided_at: self.decided_at.as_deref().map(parse_time),
            rejection_reason: self.rejection_reason.clone(),
            id_number_masked: self.id_number_masked.clone(),
        }
    }
}

pub fn parse_time(s: &str) -> chrono::DateTime<chrono::Utc> {
    shared::time::parse_rfc3339_z(s).unwrap_or_default()
}

pub async fn application(db: &D1Database, id: i64) -> AppResult<Option<ApplicationRow>> {
    db::first(
        db,
        &format!("SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM} WHERE a.id = ?"),
        params![id],
    )
    .await
}

pub async fn applications_of(db: &D1Database, user_id: i64) -> AppResult<Vec<ApplicationRow>> {
    db::all(db, &format!("SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM} WHERE a.user_id = ? ORDER BY a.submitted_at DESC, a.id DESC LIMIT 100"), params![user_id]).await
}

/// Applications in `scope`, pending first then newest, after the seek key (rank, id).
pub async fn queue(
    db: &D1Database,
    scope: &Scope,
    status: Option<ApplicationStatus>,
    kind: Option<ApplicationKind>,
    after_id: i64,
    limit: u32,
) -> AppResult<Vec<ApplicationRow>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!(
            "SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM}
             WHERE a.union_path >= ?1 AND a.union_path < ?2 AND (?3 IS NULL OR a.status = ?3) AND (?4 IS NULL OR a.kind = ?4) AND a.id > ?5
             ORDER BY a.id LIMIT ?6"
        ),
        params![lo, hi, status.map(|s| s.code()), kind.map(|k| k.code()), after_id, limit],
    )
    .await
}

pub fn insert_application(
    db: &D1Database,
    user_id: i64,
    union: &UnionSummary,
    union_path: &str,
    kind: ApplicationKind,
    p: &Person,
    consent_version: &str,
    from_union_id: Option<i64>,
    transfer_reason: Option<&str>,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO applications (user_id, union_id, union_path, kind, name, id_number_sealed, id_number_index, id_number_masked, gender, birth_year,
           hometown, employer_or_project, trade, employment_form, contact_address, consent_version, consent_at, from_union_id, transfer_reason, submitted_at,
           id_index_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?17, ?20)",
        params![
            user_id, union.id, union_path, kind.code(), p.name, p.sealed, p.index, p.masked, p.gender.code(), p.birth_year,
            p.hometown, p.employer_or_project, p.trade, p.employment_form, p.contact_address, consent_version, now, from_union_id, transfer_reason,
            p.index_version
        ],
    )
}

/// A transfer request: the member's record copied into an application to the
/// target union, with the new employer or site (and trade, if it changed).
pub fn insert_transfer(
    db: &D1Database,
    user_id: i64,
    target: &UnionSummary,
    target_path: &str,
    member_id: i64,
    employer_or_project: &str,
    trade: Option<&str>,
    reason: Option<&str>,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO applications (user_id, union_id, union_path, kind, name, id_number_sealed, id_number_index, id_number_masked, gender, birth_year,
           hometown, employer_or_project, trade, employment_form, contact_address, consent_version, consent_at, from_union_id, transfer_reason, submitted_at,
           id_index_version)
         SELECT m.user_id, ?2, ?3, 'transfer', m.name, m.id_number_sealed, m.id_number_index, m.id_number_masked, m.gender, m.birth_year, m.hometown,
                ?5, coalesce(?6, m.trade), m.employment_form, m.contact_address,
                coalesce((SELECT consent_version FROM applications WHERE id = m.application_id), ?9), ?8, m.union_id, ?7, ?8, m.id_index_version
         FROM members m WHERE m.id = ?4 AND m.user_id = ?1 AND m.status = 'active'",
        params![user_id, target.id, target_path, member_id, employer_or_project, trade, reason, now, CONSENT_VERSION],
    )
}

pub fn event(
    db: &D1Database,
    user_id: i64,
    kind: MembershipEventKind,
    union: &UnionSummary,
    union_path: &str,
    other: Option<&UnionSummary>,
    member_no: Option<&str>,
    note: Option<&str>,
    at: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, other_union_id, other_union_name, member_no, note, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![user_id, kind.code(), union.id, union_path, union.name, other.map(|o| o.id), other.map(|o| o.name.clone()), member_no, note, at],
    )
}

/// An event carrying the member number the approval of `application_id` issued
/// in the same batch (composed in SQL, since the number is allocated there).
pub fn event_with_new_member_no(
    db: &D1Database,
    application_id: i64,
    user_id: i64,
    kind: MembershipEventKind,
    union: &UnionSummary,
    union_path: &str,
    other: Option<&UnionSummary>,
    note: Option<&str>,
    at: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, other_union_id, other_union_name, member_no, note, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT member_no FROM members WHERE application_id = ?8 ORDER BY id DESC LIMIT 1), ?9, ?10)",
        params![user_id, kind.code(), union.id, union_path, union.name, other.map(|o| o.id), other.map(|o| o.name.clone()), application_id, note, at],
    )
}

pub fn set_application_status(
    db: &D1Database,
    id: i64,
    status: ApplicationStatus,
    by: Option<&str>,
    reason: Option<&str>,
    now: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        "UPDATE applications SET status = ?2, decided_at = ?3, decided_by = ?4, rejection_reason = ?5 WHERE id = ?1 AND status = 'pending'",
        params![id, status.code(), now, by, reason],
    )
}

// --- Members ----------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
pub struct MemberDb {
    pub id: i64,
    pub user_id: i64,
    pub union_id: i64,
    pub union_path: String,
    pub member_no: String,
    pub status: String,
    pub joined_on: String,
    pub ended_on: Option<String>,
    pub name: String,
    pub id_number_sealed: Option<String>,
    pub id_number_masked: String,
    pub trade: String,
    pub union_name: String,
    pub leaving_on: Option<String>,
}

const MEMBER_COLUMNS: &str = "m.id, m.user_id, m.union_id, m.union_path, m.member_no, m.status, m.joined_on, m.ended_on, m.name, m.id_number_sealed,
  m.id_number_masked, m.trade, u.name AS union_name, m.leaving_on";

impl MemberDb {
    pub fn status(&self) -> MembershipStatus {
        MembershipStatus::parse(&self.status).unwrap_or(MembershipStatus::Ended)
    }

    pub fn leaving_on(&self) -> Option<chrono::NaiveDate> {
        self.leaving_on.as_deref().and_then(|d| d.parse().ok())
    }

    /// The status on `today`: ended from the chosen leaving day on.
    pub fn status_on(&self, today: chrono::NaiveDate) -> MembershipStatus {
        leave::status_on(self.status(), self.leaving_on(), today)
    }

    pub fn row(&self) -> MemberRow {
        MemberRow {
            member_no: self.member_no.clone(),
            name: self.name.clone(),
            id_number_masked: self.id_number_masked.clone(),
            union_id: self.union_id,
            union_name: self.union_name.clone(),
            status: self.status(),
            trade: shared::trades::Trade::parse(&self.trade)
                .unwrap_or(shared::trades::Trade::Other),
            joined_on: self.joined_on.parse().unwrap_or_default(),
        }
    }
}

pub async fn active_member(db: &D1Database, user_id: i64) -> AppResult<Option<MemberDb>> {
    db::first(db, &format!("SELECT {MEMBER_COLUMNS} FROM members m JOIN unions u ON u.id = m.union_id WHERE m.user_id = ? AND m.status = 'active'"), params![user_id]).await
}

pub async fn memberships_of(db: &D1Database, user_id: i64) -> AppResult<Vec<MemberDb>> {
    db::all(db, &format!("SELECT {MEMBER_COLUMNS} FROM members m JOIN unions u ON u.id = m.union_id WHERE m.user_id = ? ORDER BY m.joined_on DESC, m.id DESC"), params![user_id]).await
}

pub async fn member_by_no(db: &D1Database, member_no: &str) -> AppResult<Option<MemberDb>> {
    db::first(db, &format!("SELECT {MEMBER_COLUMNS} FROM members m JOIN unions u ON u.id = m.union_id WHERE m.member_no = ?"), params![member_no]).await
}

pub async fn members_in_scope(
    db: &D1Database,
    scope: &Scope,
    after_id: i64,
    limit: u32,
) -> AppResult<Vec<MemberDb>> {
    let (lo, hi) = scope.bounds();
    db::all(
        db,
        &format!("SELECT {MEMBER_COLUMNS} FROM members m JOIN unions u ON u.id = m.union_id WHERE m.union_path >= ?1 AND m.union_path < ?2 AND m.id > ?3 ORDER BY m.id LIMIT ?4"),
        params![lo, hi, after_id, limit],
    )
    .await
}

/// The statements that make an approved application a membership: the next
/// member number of the union's year, the member row (copied from the
/// application, number composed in SQL), and the end of the old membership for
/// a transfer. Run in one batch, so numbers are never skipped or reused.
pub fn admit(
    db: &D1Database,
    app: &ApplicationRow,
    union: &UnionSummary,
    year: i32,
    today: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let mut out = vec![db::stmt(
        db,
        "INSERT INTO member_sequences (union_id, year, last_seq) VALUES (?1, ?2, 1)
         ON CONFLICT (union_id, year) DO UPDATE SET last_seq = last_seq + 1",
        params![union.id, year],
    )?];
    if app.kind() == ApplicationKind::Transfer {
        out.push(db::stmt(db, "UPDATE members SET status = 'transferred_out', ended_on = ?2 WHERE user_id = ?1 AND status = 'active'", params![app.user_id, today])?);
    }
    out.push(db::stmt(
        db,
        "INSERT INTO members (user_id, union_id, union_path, member_no, status, joined_on, name, id_number_sealed, id_number_index, id_number_masked,
           gender, birth_year, hometown, employer_or_project, trade, employment_form, contact_address, application_id, created_at, id_index_version)
         SELECT a.user_id, a.union_id, a.union_path,
                printf('%s-%d-%06d', ?2, ?3, (SELECT last_seq FROM member_sequences WHERE union_id = a.union_id AND year = ?3)),
                'active', ?4, a.name, a.id_number_sealed, a.id_number_index, a.id_number_masked, a.gender, a.birth_year, a.hometown,
                a.employer_or_project, a.trade, a.employment_form, a.contact_address, a.id, ?5, a.id_index_version
         FROM applications a WHERE a.id = ?1",
        params![app.id, union.code, year, today, now],
    )?);
    Ok(out)
}

/// The member number just issued to the user in this union.
pub async fn newest_member_no(
    db: &D1Database,
    user_id: i64,
    union_id: i64,
) -> AppResult<Option<String>> {
    #[derive(Deserialize)]
    struct No {
        member_no: String,
    }
    Ok(db::first::<No>(
        db,
        "SELECT member_no FROM members WHERE user_id = ? AND union_id = ? ORDER BY id DESC LIMIT 1",
        params![user_id, union_id],
    )
    .await?
    .map(|n| n.member_no))
}

/// Closing a union: its active members move to `fallback` in one batch (new
/// numbers there, old rows kept as history), and its pending applications are withdrawn.
pub fn move_members(
    db: &D1Database,
    closing: &UnionSummary,
    closing_path: &str,
    fallback: &UnionSummary,
    fallback_path: &str,
    member_ids: &[i64],
    year: i32,
    today: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let ids = serde_json::to_string(member_ids)?;
    let n = member_ids.len() as i64;
    Ok(vec![
        db::stmt(db, "UPDATE unions SET status = 'closed', closed_at = ?2, updated_at = ?2 WHERE id = ?1", params![closing.id, now])?,
        db::stmt(db, "UPDATE applications SET status = 'withdrawn', decided_at = ?2, rejection_reason = '工会已关闭' WHERE union_id = ?1 AND status = 'pending'", params![closing.id, now])?,
        db::stmt(db, "INSERT INTO member_sequences (union_id, year, last_seq) VALUES (?1, ?2, 0) ON CONFLICT (union_id, year) DO NOTHING", params![fallback.id, year])?,
        db::stmt(db, "UPDATE members SET status = 'transferred_out', ended_on = ?2 WHERE id IN (SELECT value FROM json_each(?1))", params![ids, today])?,
        db::stmt(
            db,
            "INSERT INTO members (user_id, union_id, union_path, member_no, status, joined_on, name, id_number_sealed, id_number_index, id_number_masked,
               gender, birth_year, hometown, employer_or_project, trade, employment_form, contact_address, application_id, created_at, id_index_version)
             SELECT m.user_id, ?2, ?3, printf('%s-%d-%06d', ?4, ?5, s.last_seq + row_number() OVER (ORDER BY m.id)), 'active', ?6,
                    m.name, m.id_number_sealed, m.id_number_index, m.id_number_masked, m.gender, m.birth_year, m.hometown, m.employer_or_project,
                    m.trade, m.employment_form, m.contact_address, m.application_id, ?7, m.id_index_version
             FROM members m JOIN member_sequences s ON s.union_id = ?2 AND s.year = ?5
             WHERE m.id IN (SELECT value FROM json_each(?1))",
            params![ids, fallback.id, fallback_path, fallback.code, year, today, now],
        )?,
        db::stmt(db, "UPDATE member_sequences SET last_seq = last_seq + ?3 WHERE union_id = ?1 AND year = ?2", params![fallback.id, year, n])?,
        db::stmt(
            db,
            "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, other_union_id, other_union_name, member_no, note, at)
             SELECT n.user_id, 'moved_by_closure', ?2, ?3, ?4, ?5, ?6, n.member_no, NULL, ?7
             FROM members n JOIN members o ON o.user_id = n.user_id AND o.id IN (SELECT value FROM json_each(?1))
             WHERE n.union_id = ?2 AND n.status = 'active'",
            params![ids, fallback.id, fallback_path, fallback.name, closing.id, closing.name, now],
        )?,
        db::stmt(
            db,
            "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, other_union_id, other_union_name, member_no, note, at)
             SELECT o.user_id, 'moved_by_closure', ?2, ?3, ?4, ?5, ?6, o.member_no, '转出', ?7 FROM members o WHERE o.id IN (SELECT value FROM json_each(?1))",
            params![ids, closing.id, closing_path, closing.name, fallback.id, fallback.name, now],
        )?,
    ])
}

pub async fn active_member_ids(db: &D1Database, union_id: i64) -> AppResult<Vec<i64>> {
    #[derive(Deserialize)]
    struct Id {
        id: i64,
    }
    Ok(db::all::<Id>(
        db,
        "SELECT id FROM members WHERE union_id = ? AND status = 'active' ORDER BY id",
        params![union_id],
    )
    .await?
    .into_iter()
    .map(|i| i.id)
    .collect())
}

// --- History and figures -----------------------------------------------------

#[derive(Debug, Deserialize)]
struct EventRow {
    at: String,
    kind: String,
    union_id: i64,
    union_name: String,
    other_union_name: Option<String>,
    member_no: Option<String>,
    note: Option<String>,
}

pub async fn timeline(db: &D1Database, user_id: i64) -> AppResult<Vec<TimelineEntry>> {
    let rows: Vec<EventRow> = db::all(
        db,
        // A move is recorded on both unions; the member reads it once, from where they arrived.
        "SELECT at, kind, union_id, union_name, other_union_name, member_no, note FROM membership_events
         WHERE user_id = ? AND NOT (kind IN ('transferred', 'moved_by_closure') AND coalesce(note, '') = '转出') ORDER BY at, id",
        params![user_id],
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(TimelineEntry {
                at: parse_time(&r.at),
                kind: MembershipEventKind::parse(&r.kind)?,
                union_id: r.union_id,
                union_name: r.union_name,
                other_union_name: r.other_union_name,
                member_no: r.member_no,
                note: r.note,
            })
        })
        .collect())
}

/// A worker's memberships and timeline (their own page, and their data export),
/// as they stand on `today`.
pub async fn history(
    db: &D1Database,
    user_id: i64,
    today: chrono::NaiveDate,
) -> AppResult<MemberHistory> {
    let mut memberships = Vec::new();
    for m in memberships_of(db, user_id).await? {
        let union = crate::unions::store::by_id(db, m.union_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("member {} has no union", m.member_no)))?;
        memberships.push(MembershipView {
            member_no: m.member_no.clone(),
            union: union.summary(),
            status: m.status_on(today),
            joined_on: m.joined_on.parse().unwrap_or_default(),
            ended_on: m
                .ended_on
                .as_deref()
                .and_then(|d| d.parse().ok())
                .or_else(|| m.leaving_on().filter(|d| *d <= today)),
            leaving_on: m.leaving_on().filter(|d| *d > today),
        });
    }
    Ok(MemberHistory {
        memberships,
        timeline: timeline(db, user_id).await?,
    })
}

#[derive(Debug, Deserialize)]
struct FigureRow {
    union_id: i64,
    union_name: String,
    union_kind: String,
    month: String,
    joined: i64,
    transferred_in: i64,
    transferred_out: i64,
    moved_in: i64,
    moved_out: i64,
    left_count: i64,
}

/// Joins, transfers, closure moves and departures per union per month, in `scope`.
pub async fn figures(
    db: &D1Database,
    scope: &Scope,
    from: &str,
    to_exclusive: &str,
) -> AppResult<Vec<MonthlyFigure>> {
    let (lo, hi) = scope.bounds();
    // Events are stored in UTC; +8 hours gives the Asia/Shanghai month.
    let rows: Vec<FigureRow> = db::all(
        db,
        "SELECT e.union_id, u.name AS union_name, u.kind AS union_kind, strftime('%Y-%m', e.at, '+8 hours') AS month,
                sum(e.kind = 'joined') AS joined,
                sum(e.kind = 'transferred' AND e.note IS NULL) AS transferred_in,
                sum(e.kind = 'transferred' AND e.note IS NOT NULL) AS transferred_out,
                sum(e.kind = 'moved_by_closure' AND e.note IS NULL) AS moved_in,
                sum(e.kind = 'moved_by_closure' AND e.note IS NOT NULL) AS moved_out,
                sum(e.kind = 'left') AS left_count
         FROM membership_events e JOIN unions u ON u.id = e.union_id
         WHERE e.union_path >= ?1 AND e.union_path < ?2 AND e.at >= ?3 AND e.at < ?4
         GROUP BY e.union_id, month",
        params![lo, hi, from, to_exclusive],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MonthlyFigure {
            union_id: r.union_id,
            union_name: r.union_name,
            union_kind: shared::unions::UnionKind::parse(&r.union_kind)
                .unwrap_or(shared::unions::UnionKind::Joint),
            month: r.month,
            joined: r.joined as u32,
            transferred_in: r.transferred_in as u32,
            transferred_out: r.transferred_out as u32,
            moved_in_by_closure: r.moved_in as u32,
            moved_out_by_closure: r.moved_out as u32,
            left: r.left_count as u32,
        })
        .collect())
}

// --- A worker's own data ---------------------------------------------------------

/// Deleting an account: pending applications withdrawn, memberships ended,
/// personal data erased from every row; the anonymous facts (union, trade,
/// dates) stay for the figures.
pub fn erase_person(
    db: &D1Database,
    user_id: i64,
    today: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let mut out = vec![
        db::stmt(
            db,
            "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, member_no, note, at)
             SELECT m.user_id, 'left', m.union_id, m.union_path, u.name, m.member_no, '注销账号', ?2 FROM members m JOIN unions u ON u.id = m.union_id
             WHERE m.user_id = ?1 AND m.status = 'active'",
            params![user_id, now],
        )?,
        db::stmt(db, "UPDATE members SET status = 'ended', ended_on = ?2 WHERE user_id = ?1 AND status = 'active'", params![user_id, today])?,
        db::stmt(db, "UPDATE applications SET status = 'withdrawn', decided_at = ?2 WHERE user_id = ?1 AND status = 'pending'", params![user_id, now])?,
    ];
    out.extend(purge_registration(db, user_id, "(已注销)")?);
    out.push(db::stmt(
        db,
        "UPDATE station_reports SET reporter = 'anonymous' WHERE reporter = ?",
        params![format!("user:{user_id}")],
    )?);
    out.push(db::stmt(
        db,
        "UPDATE users SET phone = 'deleted:' || id, display_name = NULL WHERE id = ?",
        params![user_id],
    )?);
    Ok(out)
}

/// What erasing a registration sets on an application row, and on a membership
/// row: the ID number (sealed, index and mask) and the registration details go;
/// `?2` takes the name's place.
const ERASED_APPLICATION: &str = "name = ?2, id_number_sealed = NULL, id_number_index = NULL, id_number_masked = '', birth_year = NULL,
    hometown = '', employer_or_project = '', contact_address = '', transfer_reason = NULL";
const ERASED_MEMBER: &str = "name = ?2, id_number_sealed = NULL, id_number_index = NULL, id_number_masked = '', birth_year = NULL,
    hometown = '', employer_or_project = '', contact_address = '', leave_note = NULL";

/// Erases the ID number and the registration details from every application
/// and membership of the user; `name` takes the name's place.
fn purge_registration(
    db: &D1Database,
    user_id: i64,
    name: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    Ok(vec![
        db::stmt(
            db,
            &format!("UPDATE applications SET {ERASED_APPLICATION} WHERE user_id = ?1"),
            params![user_id, name],
        )?,
        db::stmt(
            db,
            &format!("UPDATE members SET {ERASED_MEMBER} WHERE user_id = ?1"),
            params![user_id, name],
        )?,
    ])
}

// --- Leaving and withdrawing consent ------------------------------------------

/// The moment a leaving counts from: now when it is today, else the first
/// moment of the chosen day in Asia/Shanghai (so the figures count it in the
/// month it takes effect).
pub fn leaving_at(on: chrono::NaiveDate, today: chrono::NaiveDate, now: &str) -> String {
    if on <= today {
        return now.to_string();
    }
    let midnight = on.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(8);
    shared::time::rfc3339(midnight.and_utc())
}

/// A member leaves: ended at once when the day is today, else the day is kept
/// and the membership stays active until then. The `left` event carries the
/// reason's code. Both statements touch only an active membership not already leaving.
pub fn leave(
    db: &D1Database,
    m: &MemberDb,
    leave: &ValidLeave,
    today: chrono::NaiveDate,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let on = leave.effective_on.to_string();
    let ended = leave.effective_on <= today;
    Ok(vec![
        db::stmt(
            db,
            "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, member_no, note, at)
             SELECT m.user_id, 'left', m.union_id, m.union_path, u.name, m.member_no, ?2, ?3 FROM members m JOIN unions u ON u.id = m.union_id
             WHERE m.id = ?1 AND m.status = 'active' AND m.leaving_on IS NULL",
            params![m.id, leave.reason.code(), leaving_at(leave.effective_on, today, now)],
        )?,
        db::stmt(
            db,
            "UPDATE members SET leaving_on = ?2, leave_reason = ?3, leave_note = ?4,
               status = CASE WHEN ?5 THEN 'ended' ELSE status END, ended_on = CASE WHEN ?5 THEN ?2 ELSE ended_on END
             WHERE id = ?1 AND status = 'active' AND leaving_on IS NULL",
            params![m.id, on, leave.reason.code(), leave.note.as_deref(), ended],
        )?,
    ])
}

/// Withdrawing consent: pending applications withdrawn, an active membership
/// ended today (also one already leaving on a later day), and the ID numbers
/// and registration details purged from every row of the user. The events
/// carry no personal data and stay as the member's history.
pub fn withdraw_consent(
    db: &D1Database,
    user_id: i64,
    today: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let reason = LeaveReason::ConsentWithdrawn.code();
    let mut out = vec![
        db::stmt(
            db,
            "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, note, at)
             SELECT a.user_id, 'withdrawn', a.union_id, a.union_path, u.name, ?2, ?3 FROM applications a JOIN unions u ON u.id = a.union_id
             WHERE a.user_id = ?1 AND a.status = 'pending'",
            params![user_id, reason, now],
        )?,
        db::stmt(db, "UPDATE applications SET status = 'withdrawn', decided_at = ?2 WHERE user_id = ?1 AND status = 'pending'", params![user_id, now])?,
        // A leaving already scheduled for a later day happens today instead: its event moves to now.
        db::stmt(
            db,
            "DELETE FROM membership_events WHERE user_id = ?1 AND kind = 'left' AND at > ?2
               AND member_no IN (SELECT member_no FROM members WHERE user_id = ?1 AND status = 'active')",
            params![user_id, now],
        )?,
        db::stmt(
            db,
            "INSERT INTO membership_events (user_id, kind, union_id, union_path, union_name, member_no, note, at)
             SELECT m.user_id, 'left', m.union_id, m.union_path, u.name, m.member_no, ?2, ?3 FROM members m JOIN unions u ON u.id = m.union_id
             WHERE m.user_id = ?1 AND m.status = 'active'",
            params![user_id, reason, now],
        )?,
        db::stmt(
            db,
            "UPDATE members SET status = 'ended', ended_on = ?2, leaving_on = ?2, leave_reason = ?3 WHERE user_id = ?1 AND status = 'active'",
            params![user_id, today, reason],
        )?,
    ];
    out.extend(purge_registration(db, user_id, "(已撤回同意)")?);
    Ok(out)
}

/// The housekeeping, as the consent statement promises
/// ([`shared::membership::Retention`]): the ID number and registration details
/// of applications rejected or withdrawn more than
/// [`CLOSED_APPLICATION_KEEP_DAYS`] ago, and of memberships ended more than
/// [`DELETE_AFTER_LEAVING_DAYS`] ago, are erased. `closed_before` is an RFC 3339
/// instant, `ended_before` a date (Asia/Shanghai).
pub async fn purge_expired_registrations(
    db: &D1Database,
    closed_before: &str,
    ended_before: &str,
) -> AppResult<()> {
    const ERASED: &str = "(已删除)";
    let statements = vec![
        db::stmt(
            db,
            &format!(
                "UPDATE applications SET {ERASED_APPLICATION}
                 WHERE status IN ('rejected', 'withdrawn') AND decided_at < ?1 AND id_number_sealed IS NOT NULL"
            ),
            params![closed_before, ERASED],
        )?,
        db::stmt(
            db,
            &format!(
                "UPDATE members SET {ERASED_MEMBER}
                 WHERE status = 'ended' AND ended_on < ?1 AND id_number_sealed IS NOT NULL"
            ),
            params![ended_before, ERASED],
        )?,
    ];
    db::batch(db, statements).await.map(|_| ())
}

/// The housekeeping: memberships whose leaving day has come are marked ended.
pub async fn end_due_departures(db: &D1Database, today: &str) -> AppResult<()> {
    db::run(
        db,
        "UPDATE members SET status = 'ended', ended_on = leaving_on WHERE status = 'active' AND leaving_on IS NOT NULL AND leaving_on <= ?",
        params![today],
    )
    .await
    .map(|_| ())
}

// --- Key rotation --------------------------------------------------------------

/// The two tables that hold sealed ID numbers (a fixed set: the name is never
/// anything a request chose).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedTable {
    Applications,
    Members,
}

impl SealedTable {
    pub const ALL: [SealedTable; 2] = [SealedTable::Applications, SealedTable::Members];

    fn name(self) -> &'static str {
        match self {
            SealedTable::Applications => "applications",
            SealedTable::Members => "members",
        }
    }
}

/// A row whose ID number is sealed under an older key, or indexed under an
/// older blind-index version.
#[derive(Debug, Clone, Deserialize)]
pub struct StaleSealedRow {
    pub id: i64,
    pub user_id: i64,
    pub id_number_sealed: String,
    pub id_number_index: Option<String>,
    pub id_index_version: i64,
}

/// Up to `limit` rows of `table` not under the current key (`sealed_prefix`,
/// e.g. `v2:`) or not indexed under the current index version.
pub async fn stale_sealed(
    db: &D1Database,
    table: SealedTable,
    sealed_prefix: &str,
    index_version: u32,
    limit: u32,
) -> AppResult<Vec<StaleSealedRow>> {
    db::all(
        db,
        &format!(
            "SELECT id, user_id, id_number_sealed, id_number_index, id_index_version FROM {}
             WHERE id_number_sealed IS NOT NULL AND (id_index_version <> ?2 OR substr(id_number_sealed, 1, length(?1)) <> ?1)
             ORDER BY id LIMIT ?3",
            table.name()
        ),
        params![sealed_prefix, index_version, limit],
    )
    .await
}

/// The account's enrolment records as submitted, with the consent given
/// (`/api/me/data`). The ID number only masked.
pub async fn export_enrolments(
    db: &D1Database,
    user_id: i64,
) -> AppResult<Vec<shared::accounts::EnrolmentRecord>> {
    db::all(
        db,
        "SELECT a.id, a.union_id, coalesce(u.name, '') AS union_name, a.kind, a.status, coalesce(a.name, '') AS name,
                coalesce(a.id_number_masked, '') AS id_number_masked, a.gender, a.birth_year, coalesce(a.hometown, '') AS hometown,
                coalesce(a.employer_or_project, '') AS employer_or_project, coalesce(a.trade, '') AS trade,
                coalesce(a.employment_form, '') AS employment_form, coalesce(a.contact_address, '') AS contact_address,
                coalesce(a.consent_version, '') AS consent_version, coalesce(a.consent_at, '') AS consent_at,
                a.from_union_id, a.transfer_reason, a.submitted_at, a.decided_at, a.rejection_reason
         FROM applications a LEFT JOIN unions u ON u.id = a.union_id
         WHERE a.user_id = ? ORDER BY a.id",
        params![user_id],
    )
    .await
}

/// Replaces one row's sealed value, unless it changed (or was erased) meanwhile.
pub fn reseal(
    db: &D1Database,
    table: SealedTable,
    id: i64,
    old: &str,
    new: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        &format!(
            "UPDATE {} SET id_number_sealed = ?3 WHERE id = ?1 AND id_number_sealed = ?2",
            table.name()
        ),
        params![id, old, new],
    )
}

/// Moves every row of one person (applications and memberships alike) from
/// an old blind index to the current one together, so rows of the same
/// person always compare equal (the conflict check, the one-active-member index).
pub fn reindex_person(
    db: &D1Database,
    old_version: u32,
    old_index: &str,
    version: u32,
    index: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    SealedTable::ALL
        .iter()
        .map(|t| {
            db::stmt(
                db,
                &format!(
                    "UPDATE {} SET id_number_index = ?3, id_index_version = ?4 WHERE id_index_version = ?1 AND id_number_index = ?2",
                    t.name()
                ),
                params![old_version, old_index, index, version],
            )
        })
        .collect()
}

/// Indexes one row that has a sealed number but no index.
pub fn index_row(
    db: &D1Database,
    table: SealedTable,
    id: i64,
    version: u32,
    index: &str,
) -> AppResult<D1PreparedStatement> {
    db::stmt(
        db,
        &format!(
            "UPDATE {} SET id_number_index = ?3, id_index_version = ?2 WHERE id = ?1",
            table.name()
        ),
        params![id, version, index],
    )
}

/// The account's membership records with the details kept on them.
pub async fn export_memberships(
    db: &D1Database,
    user_id: i64,
) -> AppResult<Vec<shared::accounts::MembershipRecord>> {
    db::all(
        db,
        "SELECT m.id, m.union_id, coalesce(u.name, '') AS union_name, m.member_no, m.status, m.joined_on, m.ended_on,
                m.leaving_on, m.leave_reason, m.leave_note, coalesce(m.name, '') AS name,
                coalesce(m.id_number_masked, '') AS id_number_masked, m.gender, m.birth_year, coalesce(m.hometown, '') AS hometown,
                coalesce(m.employer_or_project, '') AS employer_or_project, coalesce(m.trade, '') AS trade,
                coalesce(m.employment_form, '') AS employment_form, coalesce(m.contact_address, '') AS contact_address,
                m.application_id, m.created_at
         FROM members m LEFT JOIN unions u ON u.id = m.union_id
         WHERE m.user_id = ? ORDER BY m.id",
        params![user_id],
    )
    .await
}

/// 概览: applications of the subtree waiting for a decision (one count).
pub fn count_pending(db: &D1Database, scope: &Scope) -> AppResult<D1PreparedStatement> {
    let (lo, hi) = scope.bounds();
    db::stmt(
        db,
        "SELECT count(*) AS n FROM applications WHERE union_path >= ?1 AND union_path < ?2 AND status = 'pending'",
        params![lo, hi],
    )
}
