//! Benefits handlers for anyone and for workers, and the dispatch of every
//! benefits route. Parse → authorise → store → reply.

use super::store::{self, constraints, IdTable, ProgrammeRow};
use super::{admin, notices, views};
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::ok;
use shared::accounts::Scope;
use shared::api::ListMeta;
use shared::benefits::*;
use shared::routes::params;
use shared::{ApiError, ErrorCode, Text};
use worker::Response;

pub async fn handle(route: BenefitsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        BenefitsRoute::OpenData => open_data(ctx).await,
        BenefitsRoute::Programme => programme(ctx).await,
        BenefitsRoute::PublicNotice => public_notice(ctx).await,
        BenefitsRoute::Find => find(ctx).await,
        BenefitsRoute::Apply => apply(ctx).await,
        BenefitsRoute::MyApplications => my_applications(ctx).await,
        BenefitsRoute::MyApplication => my_application(ctx).await,
        BenefitsRoute::DocumentsSupplied => documents_supplied(ctx).await,
        BenefitsRoute::AdminProgrammes => admin::programmes(ctx).await,
        BenefitsRoute::CreateProgramme => admin::create_programme(ctx).await,
        BenefitsRoute::AdminProgramme => admin::programme(ctx).await,
        BenefitsRoute::EditProgramme => admin::edit_programme(ctx).await,
        BenefitsRoute::SetProgrammeStatus => admin::set_status(ctx).await,
        BenefitsRoute::Queue => admin::queue(ctx).await,
        BenefitsRoute::AdminApplication => admin::application(ctx).await,
        BenefitsRoute::StartReview => admin::start_review(ctx).await,
        BenefitsRoute::RequestDocuments => admin::request_documents(ctx).await,
        BenefitsRoute::Decide => admin::decide(ctx).await,
        BenefitsRoute::ConfirmNotice => admin::confirm_notice(ctx).await,
        BenefitsRoute::RecordPayment => admin::record_payment(ctx).await,
        BenefitsRoute::BulkPayment => admin::bulk_payment(ctx).await,
        BenefitsRoute::Households => admin::households(ctx).await,
        BenefitsRoute::CloseHousehold => admin::close_household(ctx).await,
        BenefitsRoute::Figures => admin::figures(ctx).await,
        BenefitsRoute::FiguresCsv => admin::figures_csv(ctx).await,
    }
}

/// Open programmes as HSDS services, 1,000 at most per page (`?after=` the last id).
async fn open_data(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: u32 = 1000;
    let after = ctx
        .query()
        .str("cursor")
        .and_then(shared::api::cursor::decode)
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(0);
    let today = ctx.today();
    let rows = store::open_programmes(&ctx.db()?, &today.to_string(), after, LIMIT + 1).await?;
    let more = rows.len() > LIMIT as usize;
    let rows = &rows[..rows.len().min(LIMIT as usize)];
    let next_cursor = more
        .then(|| {
            rows.last()
                .map(|r| shared::api::cursor::encode(&r.id.to_string()))
        })
        .flatten();
    ok(&open_data::HsdsProgrammeDataset {
        title: "工友驿站 服务与帮扶项目 / Gongyou benefit programmes".into(),
        license: "CC BY 4.0".into(),
        hsds_version: "3.0".into(),
        generated_at: ctx.now_text(),
        services: rows
            .iter()
            .map(|r| open_data::service(&r.wire(today), &views::local_date(&r.updated_at)))
            .collect(),
        meta: ListMeta {
            next_cursor,
            limit: LIMIT,
        },
    })
}

async fn programme(ctx: &Ctx) -> AppResult<Response> {
    let row = store::programme(&ctx.db()?, ctx.id(params::PROGRAMME_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ok(&ProgrammeEnvelope {
        programme: row.wire(ctx.today()),
    })
}

/// A scholarship's 公示: masked names and amounts only.
async fn public_notice(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let p = store::programme(&db, ctx.id(params::PROGRAMME_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let entries = store::on_notice(&db, p.id)
        .await?
        .iter()
        .map(|a| NoticeEntry {
            name_masked: mask_name(&a.name),
            child_masked: match a.facts() {
                Some(ApplicationFacts::Scholarship { child_name, .. }) => {
                    Some(mask_name(&child_name))
                }
                _ => None,
            },
            amount_fen: a.amount_fen.unwrap_or(0),
            notice_ends_on: a.notice_ends_on().unwrap_or_default(),
        })
        .collect();
    let wire = p.wire(ctx.today());
    ok(&PublicNotice {
        programme_id: p.id,
        programme_name: p.name,
        union: wire.union,
        entries,
    })
}

/// A path and every path above it: `/1/3/14/` → `/1/`, `/1/3/`, `/1/3/14/`.
fn ancestors(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut acc = String::from("/");
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        acc.push_str(seg);
        acc.push('/');
        out.push(acc.clone());
    }
    out
}

/// An area and the city and province containing it: 340102 → 340102, 340100, 340000.
fn covering(region: &str) -> Vec<String> {
    let mut out = vec![region.to_string()];
    if region.len() == 6 {
        for c in [
            format!("{}00", &region[..4]),
            format!("{}0000", &region[..2]),
        ] {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

async fn find(ctx: &Ctx) -> AppResult<Response> {
    let q = FindQuery::read(ctx.query())?;
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let unions = crate::membership::store::active_member(&db, user_id)
        .await?
        .map(|m| ancestors(&m.union_path))
        .unwrap_or_default();
    let regions = q.region_code.as_deref().map(covering).unwrap_or_default();
    let today = ctx.today();
    let rows = store::open_for(&db, &today.to_string(), &unions, &regions, q.kind).await?;
    ok(&ProgrammeList {
        programmes: rows.iter().map(|r| r.wire(today)).collect(),
        meta: ListMeta {
            next_cursor: None,
            limit: 100,
        },
    })
}

/// Who applies: a member of the programme's subtree (the profile comes from the
/// membership), or a gig worker where the programme allows them (name and ID
/// number typed once, sealed here).
struct Person {
    member_id: Option<i64>,
    member_union_name: Option<String>,
    name: String,
    sealed: Option<String>,
    masked: String,
    index: String,
}

async fn person(
    ctx: &Ctx,
    p: &ProgrammeRow,
    user_id: i64,
    valid: &ValidApplication,
    member: Option<crate::membership::store::MemberDb>,
) -> AppResult<Person> {
    if let Some(m) = member {
        let index = store::member_index(&ctx.db()?, m.id)
            .await?
            .ok_or_else(ApiError::internal)?;
        return Ok(Person {
            member_id: Some(m.id),
            member_union_name: Some(m.union_name.clone()),
            name: m.name.clone(),
            sealed: m.id_number_sealed.clone(),
            masked: m.id_number_masked.clone(),
            index,
        });
    }
    let Some((name, id)) = &valid.applicant else {
        return Err(ApiError::internal().into());
    };
    let keyring = ctx.keyring()?;
    let _ = p;
    Ok(Person {
        member_id: None,
        member_union_name: None,
        name: name.clone(),
        sealed: Some(keyring.seal(id.expose(), &format!("user:{user_id}"))),
        masked: id.masked(),
        index: keyring.blind_index("id_number", id.expose()),
    })
}

/// Applies once per Idempotency-Key; the same person twice in a period, or
/// the same child twice in a year, is refused (409).
async fn apply(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let programme_id = ctx.id(params::PROGRAMME_ID)?;
    idempotency::once(ctx, &format!("user:{user_id}"), async move |ctx: &mut Ctx| {
        let input: ApplicationInput = ctx.body().await?;
        let db = ctx.db()?;
        let p = store::programme(&db, programme_id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        let today = ctx.today();
        check_accepting(p.status(), p.opens_on(), p.closes_on(), today).map_err(ApiError::conflict)?;
        let member = crate::membership::store::active_member(&db, user_id)
            .await?
            .filter(|m| Scope::under(&p.union_path).contains(&m.union_path));
        if member.is_none() && p.who_may_apply() == WhoMayApply::MembersOnly {
            return Err(ApiError::with_message(
                ErrorCode::Forbidden,
                Text::owned(
                    format!("这个项目只接受{}及下属工会会员的申请,请先入会", p.union_name),
                    format!("This programme is for members of {} and the unions below it; join first", p.union_name),
                ),
            )
            .into());
        }
        let valid = input.validate(p.kind(), p.campaign(), member.is_some(), today)?;
        if let ApplicationFacts::Seasonal {
            station_id: Some(s), ..
        } = &valid.facts
        {
            if !store::station_exists(&db, *s).await? {
                return Err(ApiError::field(
                    "details.station_id",
                    Text::new("没有这个驿站", "No such station"),
                )
                .into());
            }
        }
        let who = person(ctx, &p, user_id, &valid, member).await?;
        let keyring = ctx.keyring()?;
        let self_check: Option<StoredSelfCheck> = valid
            .facts
            .self_check_input()
            .zip(p.dibao_fen)
            .map(|(i, dibao)| self_check(&i, dibao).into());
        let bank = valid
            .bank_account
            .as_deref()
            .map(|b| keyring.seal(b, &format!("benefit-bank:{user_id}")));
        let child_sealed = valid
            .child_id
            .as_ref()
            .map(|c| keyring.seal(c.expose(), &format!("benefit-child:{user_id}")));
        let child_index = valid
            .child_id
            .as_ref()
            .map(|c| keyring.blind_index("id_number", c.expose()));
        let id = store::next_id(&db, IdTable::Applications).await?;
        let now = ctx.now_text();
        let mut statements = vec![
            store::insert_application(
                &db,
                &store::NewApplication {
                    id,
                    programme: &p,
                    user_id,
                    member_id: who.member_id,
                    member_union_name: who.member_union_name.as_deref(),
                    name: &who.name,
                    id_number_sealed: who.sealed.as_deref(),
                    id_number_masked: &who.masked,
                    person_index: &who.index,
                    facts: &valid.facts,
                    bank_account_sealed: bank.as_deref(),
                    child_id_sealed: child_sealed.as_deref(),
                    child_index: child_index.as_deref(),
                    self_check: self_check.as_ref(),
                },
                &now,
            )?,
            store::insert_event(
                &db,
                &store::NewEvent {
                    application_id: id,
                    version: 1,
                    action: None,
                    status: ApplicationStatus::Submitted,
                    amount_fen: None,
                    note: None,
                    documents: &[],
                    by_staff: false,
                    by_id: user_id,
                },
                &now,
            )?,
        ];
        statements.extend(
            crate::attachments::link_statements(
                &db,
                &input.attachments,
                user_id,
                views::CAPABILITY,
                id,
                &p.union_path,
            )
            .await?,
        );
        db::batch(&db, statements)
            .await
            .on_constraint(constraints::ONCE_PER_PERIOD, || {
                ApiError::conflict(Text::new(
                    "您这一期已经申请过这个项目了(每人每期一次)",
                    "You have already applied to this programme this period (once per person)",
                ))
            })
            .on_constraint(constraints::CHILD_ONCE_A_YEAR, || {
                ApiError::conflict(Text::new(
                    "这个孩子今年已经申请过助学金了(每个孩子每年一次)",
                    "This child already has a scholarship application this year (one per child a year)",
                ))
            })
            .on_constraint(constraints::APPLICATION_ID, || ApiError::rate_limited(1))?;
        views::application_json(ctx, id, false).await
    })
    .await
}

async fn my_applications(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: u32 = 100;
    let rows = store::applications_of(&ctx.db()?, ctx.worker_id()?, LIMIT).await?;
    ok(&ApplicationList {
        applications: rows.iter().map(|r| r.wire(false)).collect(),
        meta: ListMeta {
            next_cursor: None,
            limit: LIMIT,
        },
    })
}

/// One's own application, or 404 (someone else's does not exist for you).
async fn own(ctx: &Ctx) -> AppResult<store::ApplicationRow> {
    let row = store::application(&ctx.db()?, ctx.id(params::BENEFIT_APPLICATION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if row.user_id != ctx.worker_id()? {
        return Err(ApiError::not_found().into());
    }
    Ok(row)
}

async fn my_application(ctx: &Ctx) -> AppResult<Response> {
    let row = own(ctx).await?;
    ok(&views::application_json(ctx, row.id, false).await?)
}

/// The documents asked for are added (their uploads linked in the same batch): back to review.
async fn documents_supplied(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            // No uploads: `{}`, or `null` as earlier apps send.
            let none = matches!(ctx.body_text().await?.trim(), "" | "null");
            let input: DocumentsAdded = if none {
                DocumentsAdded::default()
            } else {
                ctx.body().await?
            };
            let row = own(ctx).await?;
            let change = super::change::Change::new(&row, StatusAction::DocumentsSupplied)?;
            let db = ctx.db()?;
            let mut statements =
                change.statements(&db, &row, None, &ctx.now_text(), &ctx.client_ip())?;
            statements.extend(
                crate::attachments::link_statements(
                    &db,
                    &input.attachments,
                    user_id,
                    views::CAPABILITY,
                    row.id,
                    &row.union_path,
                )
                .await?,
            );
            super::change::run(&db, statements).await?;
            notices::send_now(ctx, &[row.id]).await;
            views::application_json(ctx, row.id, false).await
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_areas_widen_upwards() {
        assert_eq!(ancestors("/1/3/14/"), ["/1/", "/1/3/", "/1/3/14/"]);
        assert_eq!(covering("340102"), ["340102", "340100", "340000"]);
        assert_eq!(covering("340100"), ["340100", "340000"]);
    }
}
