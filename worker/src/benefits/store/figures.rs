//! The monthly figures of a subtree, in one round trip: applications by the
//! Shanghai month of submission, approvals by the month of the decision,
//! payments by their date, and the days each decision took.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;

#[derive(Debug, Clone, Deserialize)]
pub struct CountRow {
    pub month: String,
    pub programme_id: i64,
    pub programme_name: String,
    pub kind: String,
    pub n: i64,
    pub people: i64,
    pub fen: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DaysRow {
    pub month: String,
    pub programme_id: i64,
    pub days: i64,
}

/// (applications, approvals, payments, decision days) of `[start, end)` (UTC
/// instants) and `[start_day, end_day)` (Shanghai dates, for payments).
pub async fn monthly(
    db: &worker::D1Database,
    scope: &Scope,
    start: &str,
    end: &str,
    start_day: &str,
    end_day: &str,
) -> AppResult<(Vec<CountRow>, Vec<CountRow>, Vec<CountRow>, Vec<DaysRow>)> {
    let (lo, hi) = scope.bounds();
    let statements = vec![
        db::stmt(
            db,
            "SELECT strftime('%Y-%m', a.submitted_at, '+8 hours') AS month, a.programme_id, p.name AS programme_name, p.kind,
               count(*) AS n, count(DISTINCT a.person_index) AS people, 0 AS fen
             FROM benefit_applications a JOIN benefit_programmes p ON p.id = a.programme_id
             WHERE a.union_path >= ?1 AND a.union_path < ?2 AND a.submitted_at >= ?3 AND a.submitted_at < ?4
             GROUP BY 1, 2",
            params![lo, hi, start, end],
        )?,
        db::stmt(
            db,
            "SELECT strftime('%Y-%m', e.at, '+8 hours') AS month, a.programme_id, p.name AS programme_name, p.kind,
               count(*) AS n, count(DISTINCT a.person_index) AS people, 0 AS fen
             FROM benefit_application_events e JOIN benefit_applications a ON a.id = e.application_id
             JOIN benefit_programmes p ON p.id = a.programme_id
             WHERE a.union_path >= ?1 AND a.union_path < ?2 AND e.action = 'approve' AND e.at >= ?3 AND e.at < ?4
             GROUP BY 1, 2",
            params![lo, hi, start, end],
        )?,
        db::stmt(
            db,
            "SELECT substr(a.paid_on, 1, 7) AS month, a.programme_id, p.name AS programme_name, p.kind,
               count(*) AS n, count(DISTINCT a.person_index) AS people, coalesce(sum(a.paid_fen), 0) AS fen
             FROM benefit_applications a JOIN benefit_programmes p ON p.id = a.programme_id
             WHERE a.union_path >= ?1 AND a.union_path < ?2 AND a.status = 'paid' AND a.paid_on >= ?3 AND a.paid_on < ?4
             GROUP BY 1, 2",
            params![lo, hi, start_day, end_day],
        )?,
        db::stmt(
            db,
            "SELECT strftime('%Y-%m', a.decided_at, '+8 hours') AS month, a.programme_id,
               CAST(julianday(a.decided_at) - julianday(a.submitted_at) AS INTEGER) AS days
             FROM benefit_applications a
             WHERE a.union_path >= ?1 AND a.union_path < ?2 AND a.decided_at >= ?3 AND a.decided_at < ?4",
            params![lo, hi, start, end],
        )?,
    ];
    let results = db::batch_results(db, statements).await?;
    let rows = |i: usize| -> AppResult<Vec<CountRow>> {
        results[i]
            .results::<CountRow>()
            .map_err(|e| crate::error::AppError::Internal(format!("decode figures: {e}")))
    };
    let days = results[3]
        .results::<DaysRow>()
        .map_err(|e| crate::error::AppError::Internal(format!("decode figures: {e}")))?;
    Ok((rows(0)?, rows(1)?, rows(2)?, days))
}
