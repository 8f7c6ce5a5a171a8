//! `GET /api/admin/overview`: parse, scope, one batch of counts, reply.

use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::reply::ok;
use crate::unions::scope::scope_of;
use shared::accounts::Scope;
use shared::overview::*;
use worker::{D1Database, D1PreparedStatement, Response};

pub async fn handle(route: OverviewRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        OverviewRoute::Counts => counts(ctx).await,
    }
}

/// The count of `queue` in `scope`, as one statement of its capability's store.
fn statement(
    db: &D1Database,
    queue: Queue,
    scope: &Scope,
    today: chrono::NaiveDate,
) -> AppResult<D1PreparedStatement> {
    match queue {
        Queue::Enrolments => crate::membership::store::count_pending(db, scope),
        Queue::StationsToRecheck => crate::stations::store::count_due_for_recheck(
            db,
            scope,
            &recheck_cutoff(today).to_string(),
        ),
        Queue::JobReports => crate::jobs::store::count_open_reports(db, scope),
        Queue::CasesWithClockDue => {
            crate::rights::cases::store::count_clocks_due(db, scope, &today.to_string())
        }
        Queue::CoursesThisWeek => {
            let (monday, sunday) = week_of(today);
            crate::training::store::count_starting(
                db,
                scope,
                &monday.to_string(),
                &sunday.to_string(),
            )
        }
    }
}

async fn counts(ctx: &Ctx) -> AppResult<Response> {
    let mut errors = shared::FieldErrors::new();
    let union_id: Option<i64> = ctx.query().opt("union_id", &mut errors);
    errors.finish()?;
    let scope = scope_of(ctx, union_id).await?;
    let role = ctx.staff()?.role;
    let today = ctx.today();
    let queues: Vec<Queue> = Queue::ALL
        .iter()
        .copied()
        .filter(|q| role >= q.role())
        .collect();
    let db = ctx.db()?;
    let statements = queues
        .iter()
        .map(|q| statement(&db, *q, &scope, today))
        .collect::<AppResult<Vec<_>>>()?;
    let results = db::batch_all::<db::Count>(&db, statements).await?;
    let week = week_of(today);
    let counts = queues
        .iter()
        .zip(results)
        .map(|(q, (rows, _))| QueueCount {
            queue: *q,
            count: rows.first().map_or(0, |c| c.n.max(0) as u32),
            path: q.path(week),
        })
        .collect();
    ok(&OverviewCounts { counts })
}
