//! The training figures: per Asia/Shanghai month for a subtree.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::training::{TrainingMonth, HIRED_WITHIN_DAYS};
use worker::D1Database;

#[derive(Deserialize)]
struct MonthCount {
    month: String,
    n: i64,
}

/// Counts by Shanghai month in `[from, to)` (UTC times), and over the whole
/// range the people certified and the courses starting (`[from_day, to_day)`, Shanghai dates).
pub async fn monthly(
    db: &D1Database,
    scope: &Scope,
    from: &str,
    to: &str,
    from_day: &str,
    to_day: &str,
) -> AppResult<(Vec<TrainingMonth>, u32, u32)> {
    let (lo, hi) = scope.bounds();
    let count = |sql: &'static str| {
        let (lo, hi) = (lo.clone(), hi.clone());
        async move { db::all::<MonthCount>(db, sql, params![lo, hi, from, to]).await }
    };
    let enrolled = count(
        "SELECT strftime('%Y-%m', enrolled_at, '+8 hours') AS month, count(*) AS n FROM training_enrolments
         WHERE union_path >= ?1 AND union_path < ?2 AND status = 'enrolled' AND enrolled_at >= ?3 AND enrolled_at < ?4 GROUP BY month",
    )
    .await?;
    let attended = count(
        "SELECT strftime('%Y-%m', at, '+8 hours') AS month, count(*) AS n FROM training_attendance
         WHERE union_path >= ?1 AND union_path < ?2 AND at >= ?3 AND at < ?4 GROUP BY month",
    )
    .await?;
    let completed = count(
        "SELECT strftime('%Y-%m', assessed_at, '+8 hours') AS month, count(*) AS n FROM training_enrolments
         WHERE union_path >= ?1 AND union_path < ?2 AND outcome IN ('passed', 'placed') AND assessed_at >= ?3 AND assessed_at < ?4 GROUP BY month",
    )
    .await?;
    let certified = count(
        "SELECT strftime('%Y-%m', issued_at, '+8 hours') AS month, count(*) AS n FROM training_certificates
         WHERE union_path >= ?1 AND union_path < ?2 AND revoked_at IS NULL AND issued_at >= ?3 AND issued_at < ?4 GROUP BY month",
    )
    .await?;
    let days = format!("+{HIRED_WITHIN_DAYS} days");
    let hired: Vec<MonthCount> = db::all(
        db,
        "SELECT strftime('%Y-%m', t.issued_at, '+8 hours') AS month, count(*) AS n FROM training_certificates t
         WHERE t.union_path >= ?1 AND t.union_path < ?2 AND t.revoked_at IS NULL AND t.issued_at >= ?3 AND t.issued_at < ?4
           AND EXISTS (SELECT 1 FROM job_applications a WHERE a.user_id = t.user_id AND a.hired_at >= t.issued_at
                       AND a.hired_at < strftime('%Y-%m-%dT%H:%M:%SZ', t.issued_at, ?5))
         GROUP BY month",
        params![lo, hi, from, to, days],
    )
    .await?;
    let mut months: Vec<TrainingMonth> = Vec::new();
    let mut add = |rows: Vec<MonthCount>, f: fn(&mut TrainingMonth, u32)| {
        for r in rows {
            let at = match months.iter().position(|m| m.month == r.month) {
                Some(i) => i,
                None => {
                    months.push(TrainingMonth {
                        month: r.month.clone(),
                        ..Default::default()
                    });
                    months.len() - 1
                }
            };
            f(&mut months[at], r.n.max(0) as u32);
        }
    };
    add(enrolled, |m, n| m.enrolled = n);
    add(attended, |m, n| m.attended = n);
    add(completed, |m, n| m.completed = n);
    add(certified, |m, n| m.certified = n);
    add(hired, |m, n| m.hired_within_90_days = n);
    let people: Option<db::Count> = db::first(
        db,
        "SELECT count(DISTINCT user_id) AS n FROM training_certificates
         WHERE union_path >= ?1 AND union_path < ?2 AND revoked_at IS NULL AND issued_at >= ?3 AND issued_at < ?4",
        params![lo, hi, from, to],
    )
    .await?;
    let courses: Option<db::Count> = db::first(
        db,
        "SELECT count(*) AS n FROM training_courses WHERE union_path >= ?1 AND union_path < ?2 AND starts_on >= ?3 AND starts_on < ?4",
        params![lo, hi, from_day, to_day],
    )
    .await?;
    Ok((
        months,
        people.map_or(0, |c| c.n as u32),
        courses.map_or(0, |c| c.n as u32),
    ))
}
