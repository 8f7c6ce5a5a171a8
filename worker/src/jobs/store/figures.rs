//! The jobs figures unions report: per month (Asia/Shanghai) for a subtree.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::jobs::JobsMonth;
use worker::D1Database;

#[derive(Deserialize)]
struct MonthCount {
    month: String,
    n: i64,
    #[serde(default)]
    places: Option<i64>,
}

/// Counts by Shanghai month of each kind of event in `[from, to)` (UTC times).
pub async fn monthly(
    db: &D1Database,
    scope: &Scope,
    from: &str,
    to: &str,
) -> AppResult<Vec<JobsMonth>> {
    let (lo, hi) = scope.bounds();
    let count = |sql: &'static str| {
        let (lo, hi) = (lo.clone(), hi.clone());
        async move { db::all::<MonthCount>(db, sql, params![lo, hi, from, to]).await }
    };
    let posted = count(
        "SELECT strftime('%Y-%m', posted_at, '+8 hours') AS month, count(*) AS n, sum(headcount) AS places FROM jobs
         WHERE union_path >= ?1 AND union_path < ?2 AND posted_at >= ?3 AND posted_at < ?4 GROUP BY month",
    )
    .await?;
    let applied = count(
        "SELECT strftime('%Y-%m', applied_at, '+8 hours') AS month, count(*) AS n FROM job_applications
         WHERE union_path >= ?1 AND union_path < ?2 AND applied_at >= ?3 AND applied_at < ?4 GROUP BY month",
    )
    .await?;
    let hired = count(
        "SELECT strftime('%Y-%m', hired_at, '+8 hours') AS month, count(*) AS n FROM job_applications
         WHERE union_path >= ?1 AND union_path < ?2 AND hired_at >= ?3 AND hired_at < ?4 GROUP BY month",
    )
    .await?;
    let verified = count(
        "SELECT strftime('%Y-%m', verified_at, '+8 hours') AS month, count(*) AS n FROM employers
         WHERE union_path >= ?1 AND union_path < ?2 AND verified_at >= ?3 AND verified_at < ?4 GROUP BY month",
    )
    .await?;
    let mut months: Vec<JobsMonth> = Vec::new();
    let mut add = |rows: Vec<MonthCount>, f: fn(&mut JobsMonth, &MonthCount)| {
        for r in rows {
            let at = match months.iter().position(|m| m.month == r.month) {
                Some(i) => i,
                None => {
                    months.push(JobsMonth {
                        month: r.month.clone(),
                        jobs_posted: 0,
                        places_offered: 0,
                        applications: 0,
                        matches: 0,
                        employers_verified: 0,
                    });
                    months.len() - 1
                }
            };
            f(&mut months[at], &r);
        }
    };
    add(posted, |m, r| {
        m.jobs_posted = r.n as u32;
        m.places_offered = r.places.unwrap_or(0) as u32;
    });
    add(applied, |m, r| m.applications = r.n as u32);
    add(hired, |m, r| m.matches = r.n as u32);
    add(verified, |m, r| m.employers_verified = r.n as u32);
    Ok(months)
}

/// Live jobs and verified employers of the subtree now.
pub async fn standing(db: &D1Database, scope: &Scope, today: &str) -> AppResult<(u32, u32)> {
    let (lo, hi) = scope.bounds();
    let live: Option<db::Count> = db::first(db, "SELECT count(*) AS n FROM jobs WHERE union_path >= ?1 AND union_path < ?2 AND status = 'live' AND valid_until >= ?3", params![lo, hi, today]).await?;
    let verified: Option<db::Count> = db::first(db, "SELECT count(*) AS n FROM employers WHERE union_path >= ?1 AND union_path < ?2 AND status = 'verified'", params![lo, hi]).await?;
    Ok((
        live.map_or(0, |c| c.n as u32),
        verified.map_or(0, |c| c.n as u32),
    ))
}
