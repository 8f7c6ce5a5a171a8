//! Union staff handlers, scoped to the caller's subtree: programmes (create,
//! edit, pause, close), the review queue, and each application's review:
//! start, ask for documents, decide within the rule and the budget, confirm a
//! scholarship after its notice, record payments one by one or in bulk. Every
//! change is audited in the batch that makes it.

use super::change::{self, Change};
use super::store::{self, constraints, ApplicationRow, IdTable, ProgrammeRow};
use super::{notices, views};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::ok;
use crate::unions::scope::{in_scope, scope_of};
use shared::api::ListMeta;
use shared::benefits::*;
use shared::routes::params;
use shared::{ApiError, Text};
use worker::Response;

fn owner(ctx: &Ctx) -> AppResult<String> {
    Ok(format!("staff:{}", ctx.staff()?.id))
}

async fn programme_in_scope(ctx: &Ctx) -> AppResult<ProgrammeRow> {
    let p = store::programme(&ctx.db()?, ctx.id(params::PROGRAMME_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&p.union_path)?;
    Ok(p)
}

async fn application_in_scope(ctx: &Ctx) -> AppResult<ApplicationRow> {
    let a = store::application(&ctx.db()?, ctx.id(params::BENEFIT_APPLICATION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&a.union_path)?;
    Ok(a)
}

async fn programme_json(ctx: &Ctx, id: i64) -> AppResult<serde_json::Value> {
    let row = store::programme(&ctx.db()?, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(serde_json::to_value(ProgrammeEnvelope {
        programme: row.wire(ctx.today()),
    })?)
}

pub async fn programmes(ctx: &Ctx) -> AppResult<Response> {
    let q = AdminProgrammesQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let mut rows = store::programmes_in_scope(
        &ctx.db()?,
        &scope,
        q.kind,
        q.status,
        q.before_id,
        q.limit + 1,
    )
    .await?;
    let meta = ListMeta::page(&mut rows, q.limit, |r| r.id);
    let today = ctx.today();
    ok(&ProgrammeList {
        programmes: rows.iter().map(|r| r.wire(today)).collect(),
        meta,
    })
}

fn outside_scope() -> ApiError {
    ApiError::forbidden_field(
        "union_id",
        Text::new("不在您的管辖范围内", "This is outside your scope"),
    )
}

pub async fn create_programme(ctx: &mut Ctx) -> AppResult<Response> {
    let owner = owner(ctx)?;
    let by = owner.clone();
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let input: ProgrammeInput = ctx.body().await?;
        let union = in_scope(ctx, input.union_id)
            .await
            .map_err(|_| outside_scope())?;
        let valid = input.validate(Some(ctx.today()))?;
        let db = ctx.db()?;
        let now = ctx.now_text();
        let id = store::next_id(&db, IdTable::Programmes).await?;
        let statements = vec![
            store::insert_programme(&db, id, &valid, &union.path, &by, &now)?,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    "benefit_programme.create",
                    "benefit_programme",
                    id,
                    &union.path,
                    Some(serde_json::to_value(&valid)?),
                )
                .in_union(union.id),
                &now,
                &ctx.client_ip(),
            )?,
        ];
        db::batch(&db, statements)
            .await
            .on_constraint(constraints::PROGRAMME_ID, || ApiError::rate_limited(1))?;
        programme_json(ctx, id).await
    })
    .await
}

pub async fn programme(ctx: &Ctx) -> AppResult<Response> {
    let p = programme_in_scope(ctx).await?;
    ok(&programme_json(ctx, p.id).await?)
}

/// The same form; the kind and the union stay, and budget and places never
/// drop below what is already committed.
pub async fn edit_programme(ctx: &mut Ctx) -> AppResult<Response> {
    let p = programme_in_scope(ctx).await?;
    let input: ProgrammeInput = ctx.body().await?;
    let valid = input.validate(None)?;
    if valid.union_id != p.union_id {
        return Err(ApiError::field(
            "union_id",
            Text::new("主办工会不能改", "The running union cannot change"),
        )
        .into());
    }
    if valid.kind != p.kind() {
        return Err(ApiError::field(
            "kind",
            Text::new("项目类别不能改", "The kind of programme cannot change"),
        )
        .into());
    }
    let mut errors = shared::FieldErrors::new();
    if valid.budget_fen < p.committed_fen {
        errors.add(
            "budget_fen",
            Text::owned(
                format!(
                    "已批准{},预算不能更少",
                    shared::money::yuan(p.committed_fen)
                ),
                format!(
                    "{} is already approved; the budget cannot be less",
                    shared::money::yuan_sign(p.committed_fen)
                ),
            ),
        );
    }
    if i64::from(valid.places) < p.committed_places {
        errors.add(
            "places",
            Text::owned(
                format!("已批准{}人,名额不能更少", p.committed_places),
                format!(
                    "{} are already approved; there cannot be fewer places",
                    p.committed_places
                ),
            ),
        );
    }
    errors.finish()?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let statements = vec![
        store::update_programme(&db, p.id, &valid, &now)?,
        audit::statement(
            &db,
            ctx.staff()?,
            &audit::Event {
                before: Some(serde_json::to_value(p.wire(ctx.today()).input())?),
                ..audit::Event::new(
                    "benefit_programme.edit",
                    "benefit_programme",
                    p.id,
                    &p.union_path,
                    Some(serde_json::to_value(&valid)?),
                )
                .in_union(p.union_id)
            },
            &now,
            &ctx.client_ip(),
        )?,
    ];
    db::batch(&db, statements)
        .await
        .on_constraint(constraints::BUDGET_KEPT, || {
            ApiError::conflict(Text::new(
                "刚有申请被批准,预算或名额不能再减,请刷新后再改",
                "An application was just approved; reload before lowering the budget or places",
            ))
        })?;
    ok(&programme_json(ctx, p.id).await?)
}

pub async fn set_status(ctx: &mut Ctx) -> AppResult<Response> {
    let owner = owner(ctx)?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let p = programme_in_scope(ctx).await?;
        let input: ProgrammeStatusInput = ctx.body().await?;
        let from = p.status();
        if !from.can_become(input.status) {
            return Err(ApiError::conflict(Text::owned(
                format!(
                    "项目现在是“{}”,不能改为“{}”",
                    from.label().zh,
                    input.status.label().zh
                ),
                format!(
                    "The programme is “{}”; it cannot become “{}”",
                    from.label().en,
                    input.status.label().en
                ),
            ))
            .into());
        }
        let db = ctx.db()?;
        let now = ctx.now_text();
        let changed = db::batch(
            &db,
            vec![
                store::set_status(&db, p.id, from, input.status, &now)?,
                audit::statement(
                    &db,
                    ctx.staff()?,
                    &audit::Event::new(
                        &format!("benefit_programme.{}", input.status.code()),
                        "benefit_programme",
                        p.id,
                        &p.union_path,
                        Some(serde_json::json!({ "status": input.status.code() })),
                    )
                    .in_union(p.union_id),
                    &now,
                    &ctx.client_ip(),
                )?,
            ],
        )
        .await?;
        if changed.first().is_none_or(|c| c.changes == 0) {
            return Err(change::changed_meanwhile().into());
        }
        programme_json(ctx, p.id).await
    })
    .await
}

pub async fn queue(ctx: &Ctx) -> AppResult<Response> {
    let q = QueueQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let mut rows = store::queue(
        &ctx.db()?,
        &scope,
        q.programme_id,
        q.status,
        q.after_id,
        q.limit + 1,
    )
    .await?;
    let meta = ListMeta::page(&mut rows, q.limit, |r| r.id);
    ok(&ApplicationList {
        applications: rows.iter().map(|r| r.wire(true)).collect(),
        meta,
    })
}

pub async fn application(ctx: &Ctx) -> AppResult<Response> {
    let a = application_in_scope(ctx).await?;
    ok(&views::application_json(ctx, a.id, true).await?)
}

/// Runs `make` (which builds the change from the application) once per key,
/// commits it, sends the text and answers with the application.
async fn review<F>(ctx: &mut Ctx, make: F) -> AppResult<Response>
where
    F: AsyncFnOnce(&mut Ctx, &ApplicationRow) -> AppResult<Change>,
{
    let owner = owner(ctx)?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let row = application_in_scope(ctx).await?;
        let change = make(ctx, &row).await?;
        change.commit(ctx, &row, Some(ctx.staff()?)).await?;
        notices::send_now(ctx, &[row.id]).await;
        views::application_json(ctx, row.id, true).await
    })
    .await
}

pub async fn start_review(ctx: &mut Ctx) -> AppResult<Response> {
    review(ctx, async |_ctx: &mut Ctx, row: &ApplicationRow| {
        Change::new(row, StatusAction::StartReview)
    })
    .await
}

pub async fn request_documents(ctx: &mut Ctx) -> AppResult<Response> {
    review(ctx, async |ctx: &mut Ctx, row: &ApplicationRow| {
        let input: DocumentsRequest = ctx.body().await?;
        let valid = input.validate()?;
        let mut c = Change::new(row, StatusAction::RequestDocuments)?;
        c.state.documents_requested = valid.documents.clone();
        c.documents = valid.documents;
        c.note = (!valid.note.is_empty()).then_some(valid.note);
        Ok(c)
    })
    .await
}

/// Approve within the rule and the budget (the programme's CHECK is the final
/// word, in the same batch), or refuse with a reason.
pub async fn decide(ctx: &mut Ctx) -> AppResult<Response> {
    review(ctx, async |ctx: &mut Ctx, row: &ApplicationRow| {
        let input: DecisionInput = ctx.body().await?;
        let p = store::programme(&ctx.db()?, row.programme_id)
            .await?
            .ok_or_else(ApiError::internal)?;
        match input.validate(p.amount())? {
            Decision::Approve { amount_fen } => {
                let mut c = Change::new(row, StatusAction::Approve)?;
                check_budget(p.budget_left_fen(), p.places_left(), amount_fen)
                    .map_err(ApiError::conflict)?;
                c.state.amount_fen = Some(amount_fen);
                c.state.reason = None;
                c.state.decided = true;
                if c.state.status == ApplicationStatus::PublicNotice {
                    let days = p.notice_days.unwrap_or(i64::from(DEFAULT_NOTICE_DAYS));
                    c.state.notice_ends_on = Some(ctx.today() + chrono::Duration::days(days));
                }
                c.budget = Some((amount_fen, 1, 0));
                c.amount_fen = Some(amount_fen);
                if row.kind() == ProgrammeKind::Hardship {
                    let today = ctx.today();
                    c.household = Some((today, next_review_on(today)));
                }
                Ok(c)
            }
            Decision::Reject { reason } => {
                let mut c = Change::new(row, StatusAction::Reject)?;
                if row.status().holds_budget() {
                    c.budget = Some((-row.amount_fen.unwrap_or(0), -1, 0));
                }
                c.state.reason = Some(reason.clone());
                c.state.decided = true;
                c.note = Some(reason);
                Ok(c)
            }
        }
    })
    .await
}

/// A scholarship's notice has run its days without objection: approved.
pub async fn confirm_notice(ctx: &mut Ctx) -> AppResult<Response> {
    review(ctx, async |ctx: &mut Ctx, row: &ApplicationRow| {
        let c = Change::new(row, StatusAction::ConfirmNotice)?;
        if let Some(ends) = row.notice_ends_on() {
            if ctx.today() <= ends {
                return Err(ApiError::conflict(Text::owned(
                    format!("公示到{ends}结束,结束后才能确认"),
                    format!("The notice runs until {ends}; confirm after it ends"),
                ))
                .into());
            }
        }
        Ok(c)
    })
    .await
}

/// The change that pays an approved application: what was paid counts as
/// paid, and what was approved but not paid goes back to the budget.
fn pay(row: &ApplicationRow, payment: &Payment) -> AppResult<Change> {
    let mut c = Change::new(row, StatusAction::Pay)?;
    let approved = row.amount_fen.unwrap_or(0);
    c.state.paid_fen = Some(payment.amount_fen);
    c.state.paid_on = Some(payment.paid_on);
    c.state.payment_method = Some(payment.method);
    c.state.payment_reference = (!payment.reference.is_empty()).then(|| payment.reference.clone());
    c.budget = Some((payment.amount_fen - approved, 0, payment.amount_fen));
    c.amount_fen = Some(payment.amount_fen);
    c.note = c.state.payment_reference.clone();
    Ok(c)
}

pub async fn record_payment(ctx: &mut Ctx) -> AppResult<Response> {
    review(ctx, async |ctx: &mut Ctx, row: &ApplicationRow| {
        let input: PaymentInput = ctx.body().await?;
        if row.status() != ApplicationStatus::Approved {
            return Err(ApiError::conflict(not_allowed(row.status(), StatusAction::Pay)).into());
        }
        let payment = input.validate(row.amount_fen.unwrap_or(0), ctx.today())?;
        pay(row, &payment)
    })
    .await
}

/// Several approved applications paid their approved amounts in one batch:
/// all of them, or (one not approved, out of scope, or changed meanwhile) none.
pub async fn bulk_payment(ctx: &mut Ctx) -> AppResult<Response> {
    let owner = owner(ctx)?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let input: BulkPaymentInput = ctx.body().await?;
        let (ids, payment) = input.validate(ctx.today())?;
        let db = ctx.db()?;
        let rows = store::applications(&db, &ids).await?;
        let staff = ctx.staff()?;
        let scope = staff.scope();
        // One that does not exist for the caller makes the whole batch not found.
        if rows.len() != ids.len() || rows.iter().any(|r| !scope.contains(&r.union_path)) {
            return Err(ApiError::not_found().into());
        }
        if let Some(r) = rows
            .iter()
            .find(|r| r.status() != ApplicationStatus::Approved)
        {
            return Err(ApiError::field(
                "application_ids",
                Text::owned(
                    format!(
                        "第{}号申请现在是“{}”,只有已批准的才能发放",
                        r.id,
                        r.status().label().zh
                    ),
                    format!(
                        "Application {} is “{}”; only approved ones can be paid",
                        r.id,
                        r.status().label().en
                    ),
                ),
            )
            .into());
        }
        let now = ctx.now_text();
        let ip = ctx.client_ip();
        let mut statements = Vec::new();
        let mut total = 0;
        for r in &rows {
            let each = Payment {
                amount_fen: r.amount_fen.unwrap_or(0),
                ..payment.clone()
            };
            total += each.amount_fen;
            statements.extend(pay(r, &each)?.statements(&db, r, Some(staff), &now, &ip)?);
        }
        change::run(&db, statements).await?;
        notices::send_now(ctx, &ids).await;
        let mut applications = Vec::new();
        for r in store::applications(&db, &ids).await? {
            applications.push(r.wire(true));
        }
        Ok(serde_json::to_value(BulkPaymentReply {
            applications,
            paid_fen: total,
        })?)
    })
    .await
}

pub async fn households(ctx: &Ctx) -> AppResult<Response> {
    let q = HouseholdsQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let mut rows = store::households_in_scope(
        &ctx.db()?,
        &scope,
        q.status,
        q.category,
        q.after_id,
        q.limit + 1,
    )
    .await?;
    let meta = ListMeta::page(&mut rows, q.limit, |r| r.id);
    let today = ctx.today();
    ok(&HouseholdList {
        households: rows.iter().map(|r| r.wire(today)).collect(),
        meta,
    })
}

/// 脱困: the household is out of hardship and its file closes.
pub async fn close_household(ctx: &mut Ctx) -> AppResult<Response> {
    let owner = owner(ctx)?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let db = ctx.db()?;
        let h = store::household(&db, ctx.id(params::HOUSEHOLD_ID)?)
            .await?
            .ok_or_else(ApiError::not_found)?;
        ctx.staff()?.check_scope(&h.union_path)?;
        let input: CloseHouseholdInput = ctx.body().await?;
        if h.status() != HouseholdStatus::OnFile {
            return Err(ApiError::conflict(Text::new(
                "这户已经脱困销档了",
                "This household's file is already closed",
            ))
            .into());
        }
        let valid = input.validate(h.since(), ctx.today())?;
        let now = ctx.now_text();
        let changed = db::batch(
            &db,
            vec![
                store::close_household(&db, h.id, &valid.closed_on.to_string(), &valid.note, &now)?,
                audit::statement(
                    &db,
                    ctx.staff()?,
                    &audit::Event::new(
                        "benefit_household.close",
                        "benefit_household",
                        h.id,
                        &h.union_path,
                        Some(
                            serde_json::json!({ "closed_on": valid.closed_on, "note": valid.note }),
                        ),
                    )
                    .in_union(h.union_id),
                    &now,
                    &ctx.client_ip(),
                )?,
            ],
        )
        .await?;
        if changed.first().is_none_or(|c| c.changes == 0) {
            return Err(change::changed_meanwhile().into());
        }
        let row = store::household(&db, h.id)
            .await?
            .ok_or_else(ApiError::internal)?;
        Ok(serde_json::to_value(HouseholdEnvelope {
            household: row.wire(ctx.today()),
        })?)
    })
    .await
}

async fn benefit_figures(ctx: &Ctx) -> AppResult<BenefitFigures> {
    let q = shared::membership::FiguresQuery::read(ctx.query())?;
    let range = q.range(ctx.today())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let scope_name = match q.union_id.or(ctx.staff()?.union_id) {
        Some(id) => in_scope(ctx, id).await?.name,
        None => "全部工会".to_string(),
    };
    // Month edges are Asia/Shanghai midnights; events are stored in UTC.
    let utc =
        |d: chrono::NaiveDate| shared::time::rfc3339(shared::training::shanghai_instant(d, 0));
    let (applied, approved, paid, days) = store::monthly(
        &ctx.db()?,
        &scope,
        &utc(range.start),
        &utc(range.end),
        &range.start.to_string(),
        &range.end.to_string(),
    )
    .await?;
    let mut rows: Vec<BenefitMonth> = Vec::new();
    let mut row = |r: &store::CountRow| -> usize {
        if let Some(i) = rows
            .iter()
            .position(|m| m.month == r.month && m.programme_id == r.programme_id)
        {
            return i;
        }
        rows.push(BenefitMonth {
            month: r.month.clone(),
            programme_id: r.programme_id,
            programme_name: r.programme_name.clone(),
            kind: ProgrammeKind::parse(&r.kind).unwrap_or(ProgrammeKind::Other),
            applications: 0,
            applicants: 0,
            approvals: 0,
            payments: 0,
            people_paid: 0,
            paid_fen: 0,
            median_days_to_decision: None,
        });
        rows.len() - 1
    };
    let count = |n: i64| n.max(0) as u32;
    let mut at = Vec::new();
    for r in &applied {
        at.push((row(r), 0, r));
    }
    for r in &approved {
        at.push((row(r), 1, r));
    }
    for r in &paid {
        at.push((row(r), 2, r));
    }
    for (i, what, r) in at {
        let m = &mut rows[i];
        match what {
            0 => {
                m.applications = count(r.n);
                m.applicants = count(r.people);
            }
            1 => m.approvals = count(r.n),
            _ => {
                m.payments = count(r.n);
                m.people_paid = count(r.people);
                m.paid_fen = r.fen;
            }
        }
    }
    for m in &mut rows {
        let mut d: Vec<u32> = days
            .iter()
            .filter(|d| d.month == m.month && d.programme_id == m.programme_id)
            .map(|d| count(d.days))
            .collect();
        m.median_days_to_decision = median(&mut d);
    }
    Ok(BenefitFigures::new(
        range.from_key(),
        range.to_key(),
        scope_name,
        rows,
    ))
}

pub async fn figures(ctx: &Ctx) -> AppResult<Response> {
    ok(&benefit_figures(ctx).await?)
}

pub async fn figures_csv(ctx: &Ctx) -> AppResult<Response> {
    let f = benefit_figures(ctx).await?;
    crate::reply::typed(
        shared::server::spreadsheet::csv_bytes(&f.csv_rows()),
        "text/csv; charset=utf-8",
        Some(&format!("benefit-figures-{}-{}.csv", f.from, f.to)),
    )
}
