//! Union staff handlers, scoped to the caller's subtree: the queue, the
//! overdue list, a case with every claimant, status changes with the data
//! each needs, mediation sessions, 按时结清, and the working-day calendar.
//! Every change is audited in the batch that makes it.

use super::change::Change;
use super::store::{self, CaseRow};
use super::views::{self, Viewer};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::idempotency;
use crate::reply::ok;
use crate::unions::scope::scope_of;
use shared::api::ListMeta;
use shared::rights::cases::*;
use shared::rights::clocks::ClockState;
use shared::rights::holidays::CalendarDayInput;
use shared::routes::params;
use shared::{ApiError, Text};
use worker::Response;

fn owner(ctx: &Ctx) -> AppResult<String> {
    Ok(format!("staff:{}", ctx.staff()?.id))
}

async fn case_in_scope(ctx: &Ctx) -> AppResult<CaseRow> {
    let row = store::case(&ctx.db()?, ctx.id(params::CASE_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&row.union_path)?;
    Ok(row)
}

pub async fn queue(ctx: &Ctx) -> AppResult<Response> {
    let q = CasesQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let db = ctx.db()?;
    let mut rows = store::cases_in_scope(&db, &scope, q.status, q.before_id, q.limit + 1).await?;
    let meta = ListMeta::page(&mut rows, q.limit, |r| r.id);
    let claimants = store::claimants(&db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let cal = store::calendar(&db).await?;
    let today = ctx.today();
    ok(&CaseList {
        cases: rows
            .iter()
            .map(|r| views::summary(r, &claimants, &cal, today, Viewer::Staff))
            .collect(),
        meta,
    })
}

/// Open cases with a clock past due (`due=overdue`, the default) or also
/// within its warning (`due=soon`), most urgent first.
pub async fn overdue(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: u32 = 200;
    let mut errors = shared::FieldErrors::new();
    let union_id: Option<i64> = ctx.query().opt("union_id", &mut errors);
    let soon = match ctx.query().str("due") {
        None | Some("overdue") => false,
        Some("soon") => true,
        Some(_) => {
            errors.add("due", shared::error::why::not_a_choice());
            false
        }
    };
    errors.finish()?;
    let scope = scope_of(ctx, union_id).await?;
    let db = ctx.db()?;
    let today = ctx.today();
    let rows = store::warning_by(&db, &scope, &today.to_string(), LIMIT).await?;
    let claimants = store::claimants(&db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let cal = store::calendar(&db).await?;
    let mut cases: Vec<CaseSummary> = rows
        .iter()
        .map(|r| views::summary(r, &claimants, &cal, today, Viewer::Staff))
        .filter(|s| {
            s.clock.as_ref().is_some_and(|c| match c.state {
                ClockState::Overdue => true,
                ClockState::DueSoon => soon,
                ClockState::Running => false,
            })
        })
        .collect();
    cases.sort_by_key(|s| s.clock.as_ref().map(|c| c.days_left));
    ok(&CaseList {
        cases,
        meta: ListMeta {
            next_cursor: None,
            limit: LIMIT,
        },
    })
}

pub async fn case(ctx: &Ctx) -> AppResult<Response> {
    let row = case_in_scope(ctx).await?;
    ok(&views::case_json(ctx, row.id, Viewer::Staff).await?)
}

fn needs_reps() -> ApiError {
    ApiError::conflict(Text::new(
        "10人以上的集体投诉,请先由工友推举3到5名代表",
        "With 10 or more workers, the workers first choose 3 to 5 representatives",
    ))
}

/// Moves a case with the data its next status needs.
pub async fn act(ctx: &mut Ctx) -> AppResult<Response> {
    let row = case_in_scope(ctx).await?;
    let owner = owner(ctx)?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let input: CaseActionInput = ctx.body().await?;
        // A move the status does not allow is a 409 whatever its data.
        Change::new(&row, input.action())?;
        let db = ctx.db()?;
        let claimants = store::claimants(&db, &[row.id]).await?;
        let today = ctx.today();
        let valid = input.validate(
            &claimants
                .iter()
                .map(|c| (c.id, c.amount_claimed_fen))
                .collect::<Vec<_>>(),
            today,
        )?;
        let mut ch = Change::new(&row, valid.action())?;
        let staff = ctx.staff()?.clone();
        let now = ctx.now_text();
        let mut extra = Vec::new();
        match &valid {
            CaseActionInput::RequestInfo { missing } => {
                ch.state.missing = missing.clone();
                ch.note = Some(missing.join("、"));
            }
            CaseActionInput::Decline { reason } => {
                ch.state.reason = Some(reason.clone());
                ch.note = Some(reason.clone());
            }
            CaseActionInput::Accept => {
                if needs_representatives(claimants.len())
                    && !claimants.iter().any(|c| c.representative != 0)
                {
                    return Err(needs_reps().into());
                }
                ch.state.accepted_on = Some(today.to_string());
            }
            CaseActionInput::Agree { lines } => {
                for l in lines {
                    extra.push(store::set_agreement(
                        &db,
                        l.claimant_id,
                        row.id,
                        l.amount_fen,
                        &l.pay_by.to_string(),
                    )?);
                }
            }
            CaseActionInput::Refer { to, on } => {
                if store::date(&row.accepted_on).is_some_and(|a| *on < a) {
                    return Err(ApiError::field(
                        "on",
                        Text::new("转介不能早于受理", "A referral cannot be before acceptance"),
                    )
                    .into());
                }
                ch.state.referral_to = Some(to.code().into());
                ch.state.referred_on = Some(on.to_string());
                ch.state.referral_accepted_on = None;
                ch.note = Some(to.label().zh.to_string());
            }
            CaseActionInput::ReferralAccepted { on } => {
                if ch.state.referral_accepted_on.is_some() {
                    return Err(ApiError::conflict(Text::new(
                        "已经记录过对方受理",
                        "The acceptance is already recorded",
                    ))
                    .into());
                }
                if store::date(&row.referred_on).is_some_and(|r| *on < r) {
                    return Err(ApiError::field(
                        "on",
                        Text::new(
                            "受理不能早于转介",
                            "Acceptance cannot be before the referral",
                        ),
                    )
                    .into());
                }
                ch.state.referral_accepted_on = Some(on.to_string());
            }
            CaseActionInput::Recover { lines } => {
                for l in lines {
                    extra.extend(store::add_recovery(
                        &db,
                        l.claimant_id,
                        row.id,
                        l.amount_fen,
                        &l.paid_on.to_string(),
                        staff.id,
                        &now,
                    )?);
                }
                let sum: i64 = lines.iter().map(|l| l.amount_fen).sum();
                ch.note = Some(shared::money::yuan(sum));
            }
            CaseActionInput::FollowUp { satisfaction, note } => {
                ch.state.satisfaction = Some(satisfaction.code().into());
                ch.note = Some(if note.is_empty() {
                    satisfaction.label().zh.to_string()
                } else {
                    note.clone()
                });
            }
            CaseActionInput::Close { note } => {
                ch.state.closed = true;
                ch.note = (!note.is_empty()).then(|| note.clone());
            }
            CaseActionInput::Verify | CaseActionInput::StartMediation => {}
        }
        ch.commit(ctx, &row, Some(&staff), extra).await?;
        views::case_json(ctx, row.id, Viewer::Staff).await
    })
    .await
}

/// A mediation session: only while mediating.
pub async fn add_session(ctx: &mut Ctx) -> AppResult<Response> {
    let row = case_in_scope(ctx).await?;
    let owner = owner(ctx)?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let input: SessionInput = ctx.body().await?;
        let valid = input.validate(store::date(&row.accepted_on), ctx.today())?;
        if row.status() != CaseStatus::Mediating {
            return Err(ApiError::conflict(Text::new("只有调解中的案件才能记录调解", "Sessions are recorded only while mediating")).into());
        }
        let db = ctx.db()?;
        let now = ctx.now_text();
        let statements = vec![
            store::insert_session(&db, row.id, &valid, ctx.staff()?.id, &now)?,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    "rights_case.session",
                    "rights_case",
                    row.id,
                    &row.union_path,
                    Some(serde_json::json!({"held_on": valid.held_on, "result": valid.result.code()})),
                )
                .in_union(row.union_id),
                &now,
                &ctx.client_ip(),
            )?,
        ];
        db::batch(&db, statements).await?;
        views::case_json(ctx, row.id, Viewer::Staff).await
    })
    .await
}

/// 按时结清: only on a closed case with an agreement or money recovered.
pub async fn settled_on_time(ctx: &mut Ctx) -> AppResult<Response> {
    let row = case_in_scope(ctx).await?;
    let input: SettledInput = ctx.body().await?;
    if row.status() != CaseStatus::Closed
        || (row.recovered_fen == 0 && !has_agreement(ctx, row.id).await?)
    {
        return Err(ApiError::conflict(Text::new(
            "只有追回工资或调解成功并已结案的案件才能标记按时结清",
            "Only a closed case with money recovered or an agreement can be marked as paid on time",
        ))
        .into());
    }
    let db = ctx.db()?;
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::set_settled(&db, row.id, input.settled, &now)?,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    "rights_case.settled_on_time",
                    "rights_case",
                    row.id,
                    &row.union_path,
                    Some(serde_json::json!({"settled": input.settled})),
                )
                .in_union(row.union_id),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    ok(&views::case_json(ctx, row.id, Viewer::Staff).await?)
}

async fn has_agreement(ctx: &Ctx, id: i64) -> AppResult<bool> {
    Ok(store::claimants(&ctx.db()?, &[id])
        .await?
        .iter()
        .any(|c| c.agreed_fen.is_some()))
}

async fn calendar_json(ctx: &Ctx, year: i32) -> AppResult<CalendarList> {
    use chrono::Datelike;
    Ok(CalendarList {
        days: store::calendar_days(&ctx.db()?)
            .await?
            .into_iter()
            .filter(|d| d.date.year() == year)
            .collect(),
    })
}

pub async fn calendar(ctx: &Ctx) -> AppResult<Response> {
    use chrono::Datelike;
    let mut errors = shared::FieldErrors::new();
    let year: Option<i32> = ctx.query().opt("year", &mut errors);
    errors.finish()?;
    let year = year.unwrap_or_else(|| ctx.today().year());
    ok(&calendar_json(ctx, year).await?)
}

/// Platform admins keep the calendar (the State Council's schedule is national).
pub async fn set_calendar_day(ctx: &mut Ctx) -> AppResult<Response> {
    use chrono::Datelike;
    let input: CalendarDayInput = ctx.body().await?;
    let valid = input.validate(ctx.today())?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::set_calendar_day(&db, &valid, &now)?,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event {
                    target_id: valid.date.to_string(),
                    ..audit::Event::new(
                        "rights_calendar.set",
                        "rights_calendar",
                        0,
                        "/",
                        Some(serde_json::to_value(&valid)?),
                    )
                },
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    ok(&calendar_json(ctx, valid.date.year()).await?)
}
