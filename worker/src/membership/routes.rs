//! Worker-facing membership handlers, and the dispatch of every membership route.

use super::{admin, leave, store};
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::rate_limit::{self, Limit};
use crate::reply::{ok, svg};
use crate::unions::store as unions;
use shared::membership::card::link_expiry;
use shared::membership::disclosure::Disclosure;
use shared::membership::suggest::covering_regions;
use shared::membership::*;
use shared::routes::params;
use shared::server::crypto;
use shared::{ApiError, Text};
use worker::Response;

pub async fn handle(route: MembershipRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        MembershipRoute::Areas => areas(ctx).await,
        MembershipRoute::Suggestions => suggestions(ctx).await,
        MembershipRoute::Apply => apply(ctx).await,
        MembershipRoute::MyApplications => my_applications(ctx).await,
        MembershipRoute::Withdraw => withdraw(ctx).await,
        MembershipRoute::Mine => mine(ctx).await,
        MembershipRoute::Card => card(ctx).await,
        MembershipRoute::CardQr => card_qr(ctx).await,
        MembershipRoute::Transfer => transfer(ctx).await,
        MembershipRoute::Leave => leave::leave(ctx).await,
        MembershipRoute::WithdrawConsent => leave::withdraw_consent(ctx).await,
        MembershipRoute::Verify => verify(ctx).await,
        MembershipRoute::ReviewQueue => admin::queue(ctx).await,
        MembershipRoute::Decide => admin::decide_one(ctx).await,
        MembershipRoute::DecideBulk => admin::decide_bulk(ctx).await,
        MembershipRoute::RevealApplicant => admin::reveal_applicant(ctx).await,
        MembershipRoute::Members => admin::members(ctx).await,
        MembershipRoute::MembersExport => admin::export_members(ctx).await,
        MembershipRoute::ApplicationsExport => admin::export_applications(ctx).await,
        MembershipRoute::RevealMember => admin::reveal_member(ctx).await,
        MembershipRoute::CloseUnion => admin::close_union(ctx).await,
        MembershipRoute::Figures => admin::figures(ctx).await,
        MembershipRoute::JoinPoster => admin::join_poster(ctx).await,
    }
}

async fn areas(ctx: &Ctx) -> AppResult<Response> {
    let rows = unions::join_areas(&ctx.db()?).await?;
    let areas = rows
        .into_iter()
        .map(|a| JoinArea {
            name: area_name(&a.name, a.parent_name.as_deref()),
            region_code: a.region_code,
        })
        .collect();
    ok(&JoinAreas { areas })
}

/// Open grassroots unions of the worker's area (and wider), plus project unions
/// whose name or site matches what the worker typed; the shared rules rank them.
async fn suggestions(ctx: &Ctx) -> AppResult<Response> {
    let facts = SuggestQuery::read(ctx.query())?;
    let db = ctx.db()?;
    let regions = facts
        .region_code
        .as_deref()
        .map(covering_regions)
        .unwrap_or_default();
    let site = facts.site.as_deref().map(site_key).unwrap_or_default();
    let rows =
        unions::candidates_for_joining(&db, &serde_json::to_string(&regions)?, &site).await?;
    let candidates: Vec<_> = rows.iter().map(unions::UnionRow::summary).collect();
    let suggestions = suggest(&candidates, &facts, ctx.today())
        .into_iter()
        .map(|s| UnionSuggestion {
            union: s.union.clone(),
            fit: s.fit,
            reason: s.reason.get(ctx.lang).to_string(),
        })
        .collect();
    ok(&UnionSuggestions { suggestions })
}

/// Enrolments a day per account (each lands in a staff queue).
const APPLICATIONS_PER_DAY: Limit = Limit::new(5, 24 * 3600);

/// The enrolment form: validated by the shared rule, the ID number sealed and
/// hashed here, one open application per union, created once per Idempotency-Key.
async fn apply(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: NewApplication = ctx.body().await?;
            let valid = input.form.validate(ctx.today())?;
            let db = ctx.db()?;
            let union = unions::by_id(&db, input.union_id).await?.ok_or_else(|| {
                ApiError::field("union_id", Text::new("没有这个工会", "No such union"))
            })?;
            let summary = union.summary();
            let member_of = store::active_member(&db, user_id)
                .await?
                .map(|m| m.union_id);
            check_can_apply(ApplicationKind::Enrolment, &summary, member_of, ctx.today())?;
            rate_limit::take(
                &db,
                &format!("enrol-user:{user_id}"),
                APPLICATIONS_PER_DAY,
                ctx.now_ms(),
            )
            .await?;
            let keyring = ctx.keyring()?;
            let id = valid.id_number.expose();
            // No answer here may depend on whether this ID number is already a
            // member's (that would tell any account who is in a union, and block
            // the real person behind a stranger's use of their number): the
            // queue shows staff the conflict (`ReviewItem::id_number_conflict`).
            let index = keyring.blind_index("id_number", id);
            let sealed = keyring.seal(id, &format!("user:{user_id}"));
            // Only what leaves ≥ 10,000 candidate numbers is kept beside the
            // sealed value: the area code, the gender and the birth year.
            let shown = Disclosure::of(&valid.id_number, ctx.today());
            let person = store::Person {
                name: &valid.name,
                sealed: &sealed,
                index: &index,
                index_version: keyring.index_version(),
                masked: &shown.masked,
                gender: shown.gender,
                birth_year: shown.birth_year,
                hometown: &valid.hometown,
                employer_or_project: &valid.employer_or_project,
                trade: valid.trade.code(),
                employment_form: valid.employment_form.code(),
                contact_address: &valid.contact_address,
            };
            let now = ctx.now_text();
            // The same person's rows still indexed under an older blind-index
            // key move to the current one first, so the conflict check and the
            // one-active-member index compare like with like.
            let mut statements = Vec::new();
            for (version, old) in keyring.blind_indexes("id_number", id) {
                if version != keyring.index_version() {
                    statements.extend(store::reindex_person(
                        &db,
                        version,
                        &old,
                        keyring.index_version(),
                        &index,
                    )?);
                }
            }
            let application = statements.len();
            statements.extend([
                store::insert_application(
                    &db,
                    user_id,
                    &summary,
                    &union.path,
                    ApplicationKind::Enrolment,
                    &person,
                    &valid.consent_version,
                    None,
                    None,
                    &now,
                )?,
                store::event(
                    &db,
                    user_id,
                    MembershipEventKind::Applied,
                    &summary,
                    &union.path,
                    None,
                    None,
                    None,
                    &now,
                )?,
            ]);
            let done = db::batch(&db, statements).await.on_constraint(
                "applications.user_id, applications.union_id",
                duplicate_application,
            )?;
            let row = store::application(&db, done[application].last_row_id)
                .await?
                .ok_or_else(ApiError::internal)?;
            Ok(serde_json::to_value(ApplicationReply {
                application: row.view(summary),
            })?)
        },
    )
    .await
}

async fn views(ctx: &Ctx, rows: Vec<store::ApplicationRow>) -> AppResult<Vec<ApplicationView>> {
    let db = ctx.db()?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let union = unions::by_id(&db, r.union_id)
            .await?
            .ok_or_else(ApiError::internal)?;
        out.push(r.view(union.summary()));
    }
    Ok(out)
}

async fn my_applications(ctx: &Ctx) -> AppResult<Response> {
    let rows = store::applications_of(&ctx.db()?, ctx.worker_id()?).await?;
    let applications = views(ctx, rows).await?;
    ok(&ApplicationList {
        meta: shared::api::ListMeta {
            next_cursor: None,
            limit: applications.len() as u32,
        },
        applications,
    })
}

async fn withdraw(ctx: &Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let app = store::application(&db, ctx.id(params::APPLICATION_ID)?)
        .await?
        .filter(|a| a.user_id == user_id)
        .ok_or_else(ApiError::not_found)?;
    if app.status() != ApplicationStatus::Pending {
        return Err(ApiError::conflict(Text::new(
            "这份申请已经处理过了,不能撤回",
            "This application has been decided and cannot be withdrawn",
        ))
        .into());
    }
    let union = unions::by_id(&db, app.union_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::set_application_status(
                &db,
                app.id,
                ApplicationStatus::Withdrawn,
                None,
                None,
                &now,
            )?,
            store::event(
                &db,
                user_id,
                MembershipEventKind::Withdrawn,
                &union.summary(),
                &union.path,
                None,
                None,
                None,
                &now,
            )?,
        ],
    )
    .await?;
    let row = store::application(&db, app.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&ApplicationReply {
        application: row.view(union.summary()),
    })
}

async fn mine(ctx: &Ctx) -> AppResult<Response> {
    ok(&store::history(&ctx.db()?, ctx.worker_id()?, ctx.today()).await?)
}

fn sign(ctx: &Ctx, member_no: &MemberNo, exp: i64) -> AppResult<[u8; 32]> {
    Ok(crypto::hmac_sha256(
        &ctx.signing_key()?,
        &signing_payload(member_no, exp),
    ))
}

/// The active member's card and a fresh verification link.
async fn current_card(ctx: &Ctx) -> AppResult<MemberCard> {
    let m = store::active_member(&ctx.db()?, ctx.worker_id()?)
        .await?
        .filter(|m| m.status_on(ctx.today()) == MembershipStatus::Active)
        .ok_or_else(|| {
            ApiError::with_message(
                shared::ErrorCode::NotFound,
                Text::new("您还不是工会会员", "You are not a union member yet"),
            )
        })?;
    let no = MemberNo::parse(&m.member_no).ok_or_else(ApiError::internal)?;
    let exp = link_expiry(ctx.now.timestamp());
    Ok(MemberCard {
        name: m.name.clone(),
        union_name: m.union_name.clone(),
        member_no: m.member_no.clone(),
        joined_on: m.joined_on.parse().unwrap_or_default(),
        verify_path: verify_path(&no, exp, &sign(ctx, &no, exp)?),
        verify_expires_at: chrono::DateTime::from_timestamp(exp, 0).unwrap_or_default(),
    })
}

async fn card(ctx: &Ctx) -> AppResult<Response> {
    ok(&MemberCardReply {
        card: current_card(ctx).await?,
    })
}

async fn card_qr(ctx: &Ctx) -> AppResult<Response> {
    let card = current_card(ctx).await?;
    let origin = ctx.req.url()?.origin().ascii_serialization();
    let mut r = svg(shared::server::qr::svg(
        &format!("{origin}{}", card.verify_path),
        360,
    ))?;
    // The link inside expires; never keep an old one.
    r.headers_mut().set("cache-control", "no-store")?;
    Ok(r)
}

async fn transfer(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: TransferRequest = ctx.body().await?;
            let db = ctx.db()?;
            let current = store::active_member(&db, user_id).await?;
            let target = unions::by_id(&db, input.to_union_id).await?;
            let target_summary = target.as_ref().map(unions::UnionRow::summary);
            let Some(current) = current else {
                return Err(check_can_apply(
                    ApplicationKind::Transfer,
                    target_summary.as_ref().ok_or_else(ApiError::not_found)?,
                    None,
                    ctx.today(),
                )
                .err()
                .unwrap_or_else(ApiError::not_found)
                .into());
            };
            if let Some(on) = current.leaving_on() {
                return Err(ApiError::conflict(Text::owned(
                    format!("您已经申请{on}退会,不能再转会"),
                    format!("You are leaving on {on}, so you cannot transfer"),
                ))
                .into());
            }
            let valid = input.validate(current.union_id, target_summary.as_ref(), ctx.today())?;
            let (target, summary) = (
                target.ok_or_else(ApiError::not_found)?,
                target_summary.ok_or_else(ApiError::not_found)?,
            );
            check_can_apply(
                ApplicationKind::Transfer,
                &summary,
                Some(current.union_id),
                ctx.today(),
            )?;
            // The transfer carries the member's record, with the new job or site.
            let now = ctx.now_text();
            let done = db::batch(
                &db,
                vec![
                    store::insert_transfer(
                        &db,
                        user_id,
                        &summary,
                        &target.path,
                        current.id,
                        &valid.employer_or_project,
                        valid.trade.map(|t| t.code()),
                        valid.reason.as_deref(),
                        &now,
                    )?,
                    store::event(
                        &db,
                        user_id,
                        MembershipEventKind::Applied,
                        &summary,
                        &target.path,
                        None,
                        None,
                        valid.reason.as_deref(),
                        &now,
                    )?,
                ],
            )
            .await
            .on_constraint(
                "applications.user_id, applications.union_id",
                duplicate_application,
            )?;
            let row = store::application(&db, done[0].last_row_id)
                .await?
                .ok_or_else(ApiError::internal)?;
            Ok(serde_json::to_value(ApplicationReply {
                application: row.view(summary),
            })?)
        },
    )
    .await
}

/// A scanned card: the signature first (a forged link learns nothing), then
/// expiry and whether the membership is still active. Staff see only the union.
async fn verify(ctx: &Ctx) -> AppResult<Response> {
    let Some(link) = VerifyLink::from_query(ctx.query()) else {
        return ok(&VerifyResult::invalid(VerifyFailure::Invalid));
    };
    let expected = crypto::hmac_sha256(&ctx.signing_key()?, &link.payload());
    let signature_ok = crypto::ct_eq(&expected, &link.sig);
    let member = if signature_ok {
        store::member_by_no(&ctx.db()?, &link.member_no.to_string()).await?
    } else {
        None
    };
    let today = ctx.today();
    let membership = member
        .as_ref()
        .map(|m| (m.status_on(today), m.union_name.as_str()));
    ok(&VerifyResult::decide(
        signature_ok,
        link.exp,
        ctx.now.timestamp(),
        membership,
    ))
}
