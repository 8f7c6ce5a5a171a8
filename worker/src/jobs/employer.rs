//! Handlers for an employer's contacts: register the company, post and edit
//! its jobs, see who applied and mark hires. Every route names the employer;
//! an account that does not act for it gets 404.

use super::actions::{self, Actor};
use super::store::{self, EmployerRow, IdTable, JobRow};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::ok;
use shared::api::ListMeta;
use shared::jobs::*;
use shared::membership::suggest::covering_regions;
use shared::routes::params;
use shared::{ApiError, Text};
use worker::Response;

/// The union whose staff will verify an employer hiring in `region_code`: the
/// area's own federation, else the city's or province's.
pub async fn union_for(ctx: &Ctx, region_code: &str) -> AppResult<(i64, String)> {
    let db = ctx.db()?;
    for code in covering_regions(region_code) {
        if let Some(found) = store::union_for_region(&db, &code).await? {
            return Ok(found);
        }
    }
    Err(ApiError::field(
        "region_code",
        Text::new(
            "这个地区的工会还没有上平台,暂时不能在这里登记",
            "No union of this area is on the platform yet",
        ),
    )
    .into())
}

/// A 409 that also names the field, so the form shows it beside the code.
pub fn duplicate_uscc() -> ApiError {
    let why = Text::new(
        "这家企业已经登记过了,请联系企业现有的联系人或当地工会",
        "This company is already registered; contact its current contact person or the local union",
    );
    ApiError {
        code: shared::ErrorCode::Conflict,
        message: why.clone(),
        ..ApiError::field("uscc", why)
    }
}

async fn reply(ctx: &Ctx, id: i64) -> AppResult<serde_json::Value> {
    let db = ctx.db()?;
    let e = store::employer(&db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(serde_json::to_value(EmployerEnvelope {
        employer: store::wire_one(&db, &e, true).await?,
    })?)
}

/// Registration: the contact phone is the account's own (proven at sign-in) or
/// proven now by the code texted to it.
pub async fn register(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: EmployerInput = ctx.body().await?;
            let employer = input.validate()?;
            let db = ctx.db()?;
            let account = crate::accounts::store::user(&db, user_id)
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
            if employer.contact_phone != account.phone {
                let code = employer.code.as_deref().ok_or_else(|| {
                    ApiError::field(
                        "code",
                        Text::new(
                            "请填写发到联系电话上的验证码",
                            "Enter the code texted to the contact phone",
                        ),
                    )
                })?;
                crate::accounts::otp::check_code(ctx, &employer.contact_phone, code, "code")
                    .await?;
            }
            let (union_id, union_path) = union_for(ctx, &employer.region_code).await?;
            let now = ctx.now_text();
            for _ in 0..3 {
                let id = store::next_id(&db, IdTable::Employers).await?;
                let statements = store::insert_employer(
                    &db,
                    id,
                    &employer,
                    union_id,
                    &union_path,
                    EmployerStatus::Pending,
                    None,
                    Some(user_id),
                    &now,
                )?;
                match db::batch(&db, statements)
                    .await
                    .on_constraint("employers.uscc", duplicate_uscc)
                {
                    Ok(_) => return reply(ctx, id).await,
                    // Another registration took this id first: take the next one.
                    Err(e) if e.is_unique("employers.id") => continue,
                    Err(e) => return Err(e),
                }
            }
            Err(ApiError::rate_limited(1).into())
        },
    )
    .await
}

/// Who corrects an employer's record.
pub enum Editor {
    /// One of its contacts: a new contact phone needs the code texted to it
    /// (unless it is the account's own), like registration.
    Contact { user_id: i64 },
    /// Union staff in scope (checked the change in person); a new area must
    /// stay in their subtree.
    Staff,
}

/// Corrects name, contact or area. A new name sends a verified employer back
/// to union staff (`EmployerStatus::after_rename`); a new area moves it to the
/// union of that area. Audited in the same batch.
pub async fn apply_edit(ctx: &mut Ctx, editor: Editor, e: EmployerRow) -> AppResult<Response> {
    let input: EmployerEdit = ctx.body().await?;
    let edit = input.validate()?;
    let db = ctx.db()?;
    if let Editor::Contact { user_id } = editor {
        if edit.contact_phone != e.contact_phone {
            let account = crate::accounts::store::user(&db, user_id)
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
            if edit.contact_phone != account.phone {
                let code = edit.code.as_deref().ok_or_else(|| {
                    ApiError::field(
                        "code",
                        Text::new(
                            "请填写发到新联系电话上的验证码",
                            "Enter the code texted to the new contact phone",
                        ),
                    )
                })?;
                crate::accounts::otp::check_code(ctx, &edit.contact_phone, code, "code").await?;
            }
        }
    }
    let (union_id, union_path) = if edit.region_code == e.region_code {
        (e.union_id, e.union_path.clone())
    } else {
        union_for(ctx, &edit.region_code).await?
    };
    if matches!(editor, Editor::Staff) && !ctx.staff()?.scope().contains(&union_path) {
        return Err(ApiError::forbidden_field(
            "region_code",
            Text::new(
                "这个地区不在您的管辖范围内",
                "This area is outside your scope",
            ),
        )
        .into());
    }
    let renamed = edit.name != e.name;
    let status = e.status().after_rename(renamed);
    let now = ctx.now_text();
    let mut statements =
        store::update_employer(&db, e.id, &edit, status, union_id, &union_path, &now)?;
    let mut logged = edit.clone();
    logged.code = None;
    let mut after = serde_json::to_value(&logged)?;
    after["status"] = status.code().into();
    after["union_id"] = union_id.into();
    let mut event = audit::Event::new("employer.edit", "employer", e.id, &union_path, Some(after))
        .in_union(union_id);
    event.before = Some(serde_json::json!({
        "name": e.name, "contact_name": e.contact_name, "contact_phone": e.contact_phone,
        "region_code": e.region_code, "status": e.status(), "union_id": e.union_id,
    }));
    statements.push(match editor {
        Editor::Staff => audit::statement(&db, ctx.staff()?, &event, &now, &ctx.client_ip())?,
        Editor::Contact { .. } => audit::employer_statement(&db, &event, &now, &ctx.client_ip())?,
    });
    db::batch(&db, statements).await?;
    let e = store::employer(&db, e.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&EmployerEnvelope {
        employer: store::wire_one(&db, &e, true).await?,
    })
}

/// `PATCH /api/employers/{id}`: one of its contacts corrects the record.
pub async fn edit(ctx: &mut Ctx) -> AppResult<Response> {
    let (user_id, e) = my_employer(ctx).await?;
    apply_edit(ctx, Editor::Contact { user_id }, e).await
}

pub async fn mine(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let rows = store::employers_of_user(&db, ctx.worker_id()?).await?;
    let employers = store::wire_all(&db, &rows, true).await?;
    ok(&EmployerList {
        meta: ListMeta {
            next_cursor: None,
            limit: employers.len() as u32,
        },
        employers,
    })
}

/// The employer of the path, if the signed-in account acts for it (else 404).
async fn my_employer(ctx: &Ctx) -> AppResult<(i64, EmployerRow)> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let id = ctx.id(params::EMPLOYER_ID)?;
    if !store::is_contact(&db, id, user_id).await? {
        return Err(ApiError::not_found().into());
    }
    Ok((
        user_id,
        store::employer(&db, id)
            .await?
            .ok_or_else(ApiError::not_found)?,
    ))
}

/// One of the employer's jobs.
async fn my_job(ctx: &Ctx) -> AppResult<(i64, JobRow)> {
    let (user_id, employer) = my_employer(ctx).await?;
    let job = store::job(&ctx.db()?, ctx.id(params::JOB_ID)?)
        .await?
        .filter(|j| j.employer_id == employer.id)
        .ok_or_else(ApiError::not_found)?;
    Ok((user_id, job))
}

pub async fn jobs(ctx: &Ctx) -> AppResult<Response> {
    let (_, employer) = my_employer(ctx).await?;
    let rows = store::employer_jobs(&ctx.db()?, employer.id, 200).await?;
    let jobs: Vec<JobSummary> = rows.iter().map(|r| r.summary(None)).collect();
    ok(&JobList {
        meta: ListMeta {
            next_cursor: None,
            limit: 200,
        },
        jobs,
    })
}

pub async fn post_job(ctx: &mut Ctx) -> AppResult<Response> {
    let (user_id, employer) = my_employer(ctx).await?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: JobInput = ctx.body().await?;
            actions::create_job(ctx, &Actor::Contact { user_id }, &employer, input).await
        },
    )
    .await
}

pub async fn edit_job(ctx: &mut Ctx) -> AppResult<Response> {
    let (user_id, job) = my_job(ctx).await?;
    ok(&actions::edit_job(ctx, &Actor::Contact { user_id }, job).await?)
}

pub async fn set_job_status(ctx: &mut Ctx) -> AppResult<Response> {
    let (user_id, job) = my_job(ctx).await?;
    ok(&actions::change_status(ctx, &Actor::Contact { user_id }, job).await?)
}

pub async fn applicants(ctx: &Ctx) -> AppResult<Response> {
    let (_, job) = my_job(ctx).await?;
    let applicants = store::applicants(&ctx.db()?, job.id, 200).await?;
    ok(&JobApplicantList {
        meta: ListMeta {
            next_cursor: None,
            limit: 200,
        },
        applicants,
    })
}

pub async fn set_applicant_status(ctx: &mut Ctx) -> AppResult<Response> {
    let (user_id, employer) = my_employer(ctx).await?;
    let db = ctx.db()?;
    let app = store::application(&db, ctx.id(params::JOB_APPLICATION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let job = store::job(&db, app.job_id)
        .await?
        .filter(|j| j.employer_id == employer.id)
        .ok_or_else(ApiError::not_found)?;
    ok(&actions::decide_application(ctx, &Actor::Contact { user_id }, app, job).await?)
}
