//! The signed-in person's own account: who they are, their profile, their
//! sessions, a staff member's password, and a worker's data (export, deletion).

use crate::accounts::store;
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::rate_limit::{self, Limit};
use crate::reply::{no_content, ok};
use crate::session::{self, SessionKind};
use shared::accounts::*;
use shared::api::ListMeta;
use shared::phone::mask_mobile;
use shared::routes::params;
use shared::server::password;
use shared::{ApiError, FieldErrors, Text};
use worker::Response;

/// Tries at the current password, per staff member.
const PASSWORD_CHANGE_PER_STAFF: Limit = Limit::new(5, 900);

async fn current_me(ctx: &Ctx) -> AppResult<Me> {
    let db = ctx.db()?;
    match ctx.current_session()?.kind {
        SessionKind::Worker => {
            let user = store::user(&db, ctx.worker_id()?)
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
            Ok(Me::Worker(WorkerMe {
                user_id: user.id,
                phone_masked: mask_mobile(&user.phone),
                lang: user.lang(),
                display_name: user.display_name,
            }))
        }
        SessionKind::Staff => {
            let row = store::staff_by_id(&db, ctx.staff()?.id)
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
            Ok(row.me())
        }
        // The gate lets no half-finished sign-in this far.
        SessionKind::SecondFactor => Err(ApiError::unauthenticated().into()),
    }
}

pub async fn me(ctx: &mut Ctx) -> AppResult<Response> {
    ok(&MeEnvelope {
        me: current_me(ctx).await?,
        second_factor: None,
    })
}

pub async fn me_update(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let input: ProfileUpdate = ctx.body().await?;
    input.validate()?;
    let name = input.display_name.as_deref().map(str::trim);
    store::update_user(&ctx.db()?, user_id, name, input.lang).await?;
    ok(&MeEnvelope {
        me: current_me(ctx).await?,
        second_factor: None,
    })
}

/// The caller's live sessions, as `/api/me/sessions` and the data export show them.
async fn own_sessions(ctx: &Ctx) -> AppResult<Vec<SessionInfo>> {
    let current = ctx.current_session()?;
    let stamp = |ms: f64| shared::time::rfc3339(shared::time::from_millis(ms));
    Ok(
        session::list(&ctx.kv()?, current.kind, current.subject, ctx.now_ms())
            .await?
            .iter()
            .map(|s| SessionInfo {
                id: s.sid.clone(),
                created_at: stamp(s.created_ms),
                last_seen_at: stamp(s.last_seen_ms),
                expires_at: stamp(s.expires_ms),
                device: s.device.clone(),
                current: s.sid == current.sid,
            })
            .collect(),
    )
}

pub async fn sessions(ctx: &mut Ctx) -> AppResult<Response> {
    let sessions = own_sessions(ctx).await?;
    let limit = sessions.len() as u32;
    ok(&SessionList {
        sessions,
        meta: ListMeta {
            next_cursor: None,
            limit,
        },
    })
}

pub async fn session_end(ctx: &mut Ctx) -> AppResult<Response> {
    let current = ctx.current_session()?.clone();
    let kv = ctx.kv()?;
    let target = session::list(&kv, current.kind, current.subject, ctx.now_ms())
        .await?
        .into_iter()
        .find(|s| s.sid == ctx.param(params::SESSION_ID))
        .ok_or_else(ApiError::not_found)?;
    session::destroy(&kv, &target).await?;
    let mut resp = no_content()?;
    if target.sid == current.sid {
        resp.headers_mut()
            .set("set-cookie", &session::clear_cookie())?;
    }
    Ok(resp)
}

pub async fn password_change(ctx: &mut Ctx) -> AppResult<Response> {
    let me = ctx.staff()?.clone();
    let input: PasswordChange = ctx.body().await?;
    input.validate()?;
    let db = ctx.db()?;
    rate_limit::take(
        &db,
        &format!("password-change:{}", me.id),
        PASSWORD_CHANGE_PER_STAFF,
        ctx.now_ms(),
    )
    .await?;
    let row = store::staff_by_id(&db, me.id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    if !password::verify(&input.current_password, &row.password_hash) {
        return Err(ApiError::field(
            "current_password",
            Text::new("原密码不对", "The current password is wrong"),
        )
        .into());
    }
    let mut errors = FieldErrors::new();
    errors.check(
        "new_password",
        password::check(&input.new_password, &row.username),
    );
    errors.finish()?;
    let now = ctx.now_text();
    let update = StaffUpdate {
        password: Some(input.new_password.clone()),
        ..Default::default()
    };
    let event = audit::Event {
        action: "staff.password_change",
        target_type: "staff",
        target_id: me.id.to_string(),
        union_id: row.union_id,
        union_path: row.scope_path(),
        before: None,
        after: None,
    };
    db::batch(
        &db,
        vec![
            store::update_staff(
                &db,
                me.id,
                &update,
                Some(&password::hash(&input.new_password)),
                &now,
            )?,
            audit::statement(&db, &me, &event, &now, &ctx.client_ip())?,
        ],
    )
    .await?;
    // Every other device signs in again with the new password.
    let kv = ctx.kv()?;
    let current = ctx.current_session()?.sid.clone();
    for s in session::list(&kv, SessionKind::Staff, me.id, ctx.now_ms()).await? {
        if s.sid != current {
            session::destroy(&kv, &s).await?;
        }
    }
    no_content()
}

/// Everything kept about the worker, to take away (PIPL Art. 45): every table
/// of `shared::accounts::EXPORT_TABLES`, section by section, and the sessions.
/// ID numbers stay masked; no token, token hash, code hash or stored reply.
pub async fn export_data(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let user = store::user(&db, user_id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let dates = store::account_dates(&db, user_id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let account = WorkerMe {
        user_id,
        phone_masked: mask_mobile(&user.phone),
        lang: user.lang(),
        display_name: user.display_name.clone(),
    };
    let retention = shared::membership::CONSENT_SECTIONS
        .iter()
        .map(|s| format!("{}\n{}", s.heading.get(ctx.lang), s.body.get(ctx.lang)))
        .collect::<Vec<_>>()
        .join("\n\n");
    let sessions = own_sessions(ctx).await?;
    let user_buckets = [
        format!("job-apply:{user_id}"),
        format!("enrol-user:{user_id}"),
    ];
    let mut resp = ok(&PersonalData {
        exported_at: ctx.now_text(),
        sources: export_sources(),
        account,
        account_created_at: dates.created_at,
        last_login_at: dates.last_login_at,
        applications: crate::membership::store::export_enrolments(&db, user_id).await?,
        memberships: crate::membership::store::export_memberships(&db, user_id).await?,
        history: crate::membership::store::history(&db, user_id, ctx.today()).await?,
        employer_links: crate::jobs::store::export_employer_links(&db, user_id, &user.phone)
            .await?,
        job_card: crate::jobs::store::card_of(&db, user_id)
            .await?
            .map(|c| c.wire()),
        job_applications: crate::jobs::store::applications_of(&db, user_id, 1000)
            .await?
            .iter()
            .map(|(a, j)| a.wire(j))
            .collect(),
        job_invitations: crate::jobs::store::export_invitations(&db, user_id).await?,
        job_reports: crate::jobs::store::export_reports(&db, user_id).await?,
        training_enrolments: crate::training::store::export_enrolments(&db, user_id).await?,
        training_attendance: crate::training::store::export_attendance(&db, user_id).await?,
        training_certificates: crate::training::store::export_certificates(&db, user_id).await?,
        training_texts: crate::training::store::export_texts(&db, user_id).await?,
        benefit_applications: crate::benefits::store::applications_of(&db, user_id, 1000)
            .await?
            .iter()
            .map(|a| a.wire(false))
            .collect(),
        benefit_households: crate::benefits::store::households_of(&db, user_id)
            .await?
            .iter()
            .map(|h| h.wire(ctx.today()))
            .collect(),
        locker_entries: crate::rights::locker::store::export_entries(&db, user_id).await?,
        locker_confirmations: crate::rights::locker::store::export_given(&db, user_id).await?,
        rights_cases: crate::rights::cases::views::export(ctx, user_id).await?,
        station_reports: crate::stations::store::export_reports(&db, user_id).await?,
        station_visits: crate::stations::store::export_visits(&db, user_id).await?,
        sessions,
        sign_in_code: store::export_sign_in_code(&db, &user.phone).await?,
        rate_limits: store::export_rate_limits(&db, &user.phone, &user_buckets).await?,
        submissions: store::export_submissions(&db, user_id).await?,
        audit_entries: store::export_audit_entries(&db, user_id).await?,
        phone: user.phone,
        retention,
    })?;
    resp.headers_mut().set(
        "content-disposition",
        "attachment; filename=\"gongyou-my-data.json\"",
    )?;
    Ok(resp)
}

/// Deletes the account: memberships end, personal data is erased, the sessions
/// end. Anonymous facts (union, trade, dates) stay for the union's figures.
pub async fn delete_account(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let today = ctx.today().to_string();
    let mut erase = crate::jobs::store::erase_seeker(&db, user_id, &ctx.now_text())?;
    let courses = crate::training::store::open_courses_of(&db, user_id).await?;
    erase.extend(crate::training::store::erase_trainee(
        &db,
        user_id,
        &courses,
        &ctx.now_text(),
    )?);
    erase.extend(crate::membership::store::erase_person(
        &db,
        user_id,
        &today,
        &ctx.now_text(),
    )?);
    erase.extend(crate::rights::locker::store::erase(&db, user_id)?);
    erase.push(crate::rights::cases::store::erase_claimant(&db, user_id)?);
    db::batch(&db, erase).await?;
    crate::attachments::erase_unlinked_of(&ctx.env, &db, user_id).await?;
    crate::attachments::erase_linked_of(&ctx.env, &db, user_id, crate::rights::locker::CAPABILITY)
        .await?;
    session::destroy_all(&ctx.kv()?, SessionKind::Worker, user_id, ctx.now_ms()).await?;
    let mut resp = no_content()?;
    resp.headers_mut()
        .set("set-cookie", &session::clear_cookie())?;
    Ok(resp)
}
