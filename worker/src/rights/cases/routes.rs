//! Wage-arrears case handlers for workers, and the dispatch of every case
//! route. Parse → authorise → store → reply.

use super::store::{self, constraints};
use super::views::{self, Viewer, EVIDENCE};
use super::{admin, change};
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::ok;
use shared::api::ListMeta;
use shared::rights::cases::*;
use shared::routes::params;
use shared::server::crypto;
use shared::{ApiError, Text};
use worker::Response;

pub async fn handle(route: CasesRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        CasesRoute::Thresholds => thresholds(ctx).await,
        CasesRoute::File => file(ctx).await,
        CasesRoute::MyCases => my_cases(ctx).await,
        CasesRoute::MyCase => my_case(ctx).await,
        CasesRoute::Invite => invite(ctx).await,
        CasesRoute::InvitePreview => invite_preview(ctx).await,
        CasesRoute::Join => join(ctx).await,
        CasesRoute::InfoSupplied => info_supplied(ctx).await,
        CasesRoute::Representatives => representatives(ctx).await,
        CasesRoute::Queue => admin::queue(ctx).await,
        CasesRoute::Overdue => admin::overdue(ctx).await,
        CasesRoute::AdminCase => admin::case(ctx).await,
        CasesRoute::Act => admin::act(ctx).await,
        CasesRoute::AddSession => admin::add_session(ctx).await,
        CasesRoute::SettledOnTime => admin::settled_on_time(ctx).await,
        CasesRoute::Calendar => admin::calendar(ctx).await,
        CasesRoute::SetCalendarDay => admin::set_calendar_day(ctx).await,
    }
}

async fn thresholds(ctx: &Ctx) -> AppResult<Response> {
    let rows = store::thresholds(&ctx.db()?).await?;
    ok(&ThresholdList {
        thresholds: rows.iter().map(store::ThresholdRow::wire).collect(),
    })
}

fn no_union() -> ApiError {
    ApiError::field(
        "site.union_id",
        Text::new(
            "没有这个工会,请选择工地所在地的工会",
            "No such union; choose the union where the site is",
        ),
    )
}

fn already_in() -> ApiError {
    ApiError::conflict(Text::new(
        "您已经在这份投诉里了",
        "You are already a claimant of this complaint",
    ))
}

/// Files once per Idempotency-Key: the case, the filer's claim, the first
/// history row and the evidence links in one batch.
async fn file(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: ComplaintInput = ctx.body().await?;
            let valid = input.validate(ctx.today())?;
            let db = ctx.db()?;
            let union = crate::unions::store::by_id(&db, valid.site.union_id)
                .await?
                .filter(|u| u.status == "open")
                .ok_or_else(no_union)?;
            let (employer_id, employer_name, boss_phone) = match &valid.employer {
                EmployerParty::Boss { name, phone } => (None, name.clone(), Some(phone.clone())),
                EmployerParty::Verified { employer_id } => {
                    let e = store::employer(&db, *employer_id)
                        .await?
                        .filter(|e| e.status == "verified")
                        .ok_or_else(|| {
                            ApiError::field(
                                "employer.employer_id",
                                Text::new("没有这家已核实的单位", "No such verified employer"),
                            )
                        })?;
                    (Some(*employer_id), e.name, None)
                }
            };
            let id = store::next_id(&db, false).await?;
            let claimant_id = store::next_id(&db, true).await?;
            let now = ctx.now_text();
            let mut statements = vec![
                store::insert_case(
                    &db,
                    &store::NewCase {
                        id,
                        union_id: union.id,
                        union_path: &union.path,
                        employer_id,
                        employer_name: &employer_name,
                        boss_phone: boss_phone.as_deref(),
                        valid: &valid,
                        filer_user_id: user_id,
                    },
                    &now,
                )?,
                store::insert_claimant(&db, claimant_id, id, user_id, &valid.claim, true, &now)?,
                store::insert_event(
                    &db,
                    id,
                    1,
                    None,
                    CaseStatus::Registered,
                    None,
                    false,
                    user_id,
                    &now,
                )?,
            ];
            statements.extend(
                crate::attachments::link_statements(
                    &db,
                    &valid.claim.evidence,
                    user_id,
                    EVIDENCE,
                    claimant_id,
                    &union.path,
                )
                .await?,
            );
            db::batch(&db, statements)
                .await
                .on_constraint(constraints::CASE_ID, || ApiError::rate_limited(1))
                .on_constraint(constraints::CLAIMANT_ID, || ApiError::rate_limited(1))?;
            change::refresh_clock(ctx, id).await?;
            views::case_json(ctx, id, Viewer::Claimant(user_id)).await
        },
    )
    .await
}

async fn my_cases(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: u32 = 100;
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let rows = store::cases_of_user(&db, user_id, LIMIT).await?;
    let claimants = store::claimants(&db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let cal = store::calendar(&db).await?;
    let today = ctx.today();
    ok(&CaseList {
        cases: rows
            .iter()
            .map(|r| views::summary(r, &claimants, &cal, today, Viewer::Claimant(user_id)))
            .collect(),
        meta: ListMeta {
            next_cursor: None,
            limit: LIMIT,
        },
    })
}

async fn my_case(ctx: &Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    ok(&views::case_json(ctx, ctx.id(params::CASE_ID)?, Viewer::Claimant(user_id)).await?)
}

/// The caller's own claim in the case of the path, or 404.
async fn own(ctx: &Ctx) -> AppResult<(store::CaseRow, store::ClaimantRow)> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let row = store::case(&db, ctx.id(params::CASE_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mine = store::claimants(&db, &[row.id])
        .await?
        .into_iter()
        .find(|c| c.user_id == user_id)
        .ok_or_else(ApiError::not_found)?;
    Ok((row, mine))
}

fn closed_to_joining() -> ApiError {
    ApiError::conflict(Text::new(
        "工会已经受理这份投诉,不能再加入;请另外投诉",
        "The union has taken up this complaint; it cannot be joined now. File your own",
    ))
}

async fn invite(ctx: &Ctx) -> AppResult<Response> {
    let (row, _) = own(ctx).await?;
    if !row.status().open_to_join() {
        return Err(closed_to_joining().into());
    }
    let exp = ctx.now.timestamp() + INVITE_DAYS * 86_400;
    let sig = views::invite_sig(ctx, row.id, exp)?;
    let path = invite_path(row.id, exp, &sig);
    let origin = ctx.req.url()?.origin().ascii_serialization();
    ok(&InviteView {
        svg: shared::server::qr::svg(&format!("{origin}{path}"), 320),
        path,
        expires_at: shared::time::rfc3339(
            chrono::DateTime::from_timestamp(exp, 0).unwrap_or_default(),
        ),
    })
}

fn bad_invite() -> ApiError {
    ApiError::with_message(
        shared::ErrorCode::NotFound,
        Text::new(
            "邀请码无效或已过期,请让工友重新分享",
            "This invitation is not valid or has expired; ask your co-worker to share it again",
        ),
    )
}

/// Judges an invitation: the signature first, then the expiry.
fn check_invite(ctx: &Ctx, case_id: i64, exp: i64, sig: &str) -> AppResult<()> {
    let expected = views::invite_sig(ctx, case_id, exp)?;
    if !crypto::ct_eq(expected.as_bytes(), sig.as_bytes()) || exp < ctx.now.timestamp() {
        return Err(bad_invite().into());
    }
    Ok(())
}

async fn invite_preview(ctx: &Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let q = ctx.query();
    let mut errors = shared::FieldErrors::new();
    let c: Option<i64> = q.required("c", &mut errors);
    let exp: Option<i64> = q.required("exp", &mut errors);
    let sig = q.str("sig").unwrap_or_default().to_string();
    errors.finish()?;
    let (Some(c), Some(exp)) = (c, exp) else {
        return Err(bad_invite().into());
    };
    check_invite(ctx, c, exp, &sig)?;
    let db = ctx.db()?;
    let row = store::case(&db, c).await?.ok_or_else(bad_invite)?;
    let joined = store::claimants(&db, &[c])
        .await?
        .iter()
        .any(|k| k.user_id == user_id);
    let (from, to) = row.period();
    ok(&InvitePreview {
        case_id: row.id,
        union_name: row.union_name.clone(),
        employer_name: row.employer_name.clone(),
        site_name: row.site_name.clone(),
        period_from: from,
        period_to: to,
        claimant_count: row.claimant_count as u32,
        joined,
        open_to_join: row.status().open_to_join(),
    })
}

/// A co-worker joins with their own days and amount.
async fn join(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let case_id = ctx.id(params::CASE_ID)?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: JoinInput = ctx.body().await?;
            check_invite(ctx, case_id, input.exp, &input.sig)?;
            let db = ctx.db()?;
            let row = store::case(&db, case_id).await?.ok_or_else(bad_invite)?;
            if !row.status().open_to_join() {
                return Err(closed_to_joining().into());
            }
            let claimants = store::claimants(&db, &[case_id]).await?;
            if claimants.iter().any(|k| k.user_id == user_id) {
                return Err(already_in().into());
            }
            if claimants.len() >= MAX_CLAIMANTS {
                return Err(ApiError::conflict(Text::owned(
                    format!("一份投诉最多{MAX_CLAIMANTS}人"),
                    format!("A complaint holds at most {MAX_CLAIMANTS} workers"),
                ))
                .into());
            }
            let claim = input
                .claim
                .validate(row.period(), ctx.today())
                .map_err(|e| prefix(e, "claim."))?;
            let claimant_id = store::next_id(&db, true).await?;
            let now = ctx.now_text();
            let mut statements = vec![store::insert_claimant(
                &db,
                claimant_id,
                case_id,
                user_id,
                &claim,
                false,
                &now,
            )?];
            statements.extend(
                crate::attachments::link_statements(
                    &db,
                    &claim.evidence,
                    user_id,
                    EVIDENCE,
                    claimant_id,
                    &row.union_path,
                )
                .await?,
            );
            db::batch(&db, statements)
                .await
                .on_constraint(constraints::ONCE, already_in)
                .on_constraint(constraints::CLAIMANT_ID, || ApiError::rate_limited(1))?;
            change::refresh_clock(ctx, case_id).await?;
            views::case_json(ctx, case_id, Viewer::Claimant(user_id)).await
        },
    )
    .await
}

fn prefix(e: shared::FieldErrors, p: &str) -> shared::FieldErrors {
    let mut out = shared::FieldErrors::new();
    for f in e.0 {
        out.add(format!("{p}{}", f.field), f.why);
    }
    out
}

fn filer_only() -> ApiError {
    ApiError::with_message(
        shared::ErrorCode::Forbidden,
        Text::new(
            "只有发起投诉的工友可以这样做",
            "Only the worker who filed the complaint can do this",
        ),
    )
}

/// The filer says the missing information is added: back to checking.
async fn info_supplied(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let (row, mine) = own(ctx).await?;
            if mine.is_filer == 0 {
                return Err(filer_only().into());
            }
            let ch = change::Change::new(&row, CaseAction::InfoSupplied)?;
            ch.commit(ctx, &row, None, Vec::new()).await?;
            views::case_json(ctx, row.id, Viewer::Claimant(user_id)).await
        },
    )
    .await
}

/// The filer records the representatives (3–5 at 10 or more claimants).
async fn representatives(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let (row, mine) = own(ctx).await?;
            if mine.is_filer == 0 {
                return Err(filer_only().into());
            }
            let input: RepresentativesInput = ctx.body().await?;
            let db = ctx.db()?;
            let claimants = store::claimants(&db, &[row.id]).await?;
            let ids = input.validate(claimants.len())?;
            if !ids.iter().all(|id| claimants.iter().any(|c| c.id == *id)) {
                return Err(
                    ApiError::field("claimant_ids", shared::error::why::not_a_choice()).into(),
                );
            }
            if row.status().is_final() {
                return Err(ApiError::conflict(Text::new("案件已结束", "The case is over")).into());
            }
            db::batch(&db, vec![store::set_representatives(&db, row.id, &ids)?]).await?;
            views::case_json(ctx, row.id, Viewer::Claimant(user_id)).await
        },
    )
    .await
}
