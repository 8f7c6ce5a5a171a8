//! Handlers of accounts: parse, authorise, call the store, shape the reply.

use super::sms::{self, SmsProvider};
use super::store::{self, StaffRow};
use crate::audit;
use crate::auth::{bad_credentials, Staff};
use crate::ctx::{no_content, ok, Ctx};
use crate::db;
use crate::error::AppResult;
use crate::rate_limit::{self, Limit};
use crate::session::{self, SessionKind};
use shared::accounts::*;
use shared::api::{cursor, page_limit, ListMeta};
use shared::phone::mask_mobile;
use shared::routes::params;
use shared::server::{crypto, password};
use shared::{ApiError, FieldErrors, Text};
use worker::Response;

pub async fn handle(route: AccountsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        AccountsRoute::OtpSend => otp_send(ctx).await,
        AccountsRoute::OtpVerify => otp_verify(ctx).await,
        AccountsRoute::StaffLogin => staff_login(ctx).await,
        AccountsRoute::Bootstrap => bootstrap(ctx).await,
        AccountsRoute::Logout => logout(ctx).await,
        AccountsRoute::Me => me(ctx).await,
        AccountsRoute::MeUpdate => me_update(ctx).await,
        AccountsRoute::Sessions => sessions(ctx).await,
        AccountsRoute::SessionEnd => session_end(ctx).await,
        AccountsRoute::PasswordChange => password_change(ctx).await,
        AccountsRoute::ExportData => export_data(ctx).await,
        AccountsRoute::DeleteAccount => delete_account(ctx).await,
        AccountsRoute::StaffList => staff_list(ctx).await,
        AccountsRoute::StaffCreate => staff_create(ctx).await,
        AccountsRoute::StaffUpdate => staff_update(ctx).await,
        AccountsRoute::AuditList => audit_list(ctx).await,
    }
}

// Limits: per number, per IP address, per username.
const SEND_PER_PHONE: Limit = Limit::new(5, 3600);
const SEND_PER_IP: Limit = Limit::new(20, 3600);
const VERIFY_PER_IP: Limit = Limit::new(30, 600);
const VERIFY_PER_PHONE: Limit = Limit::new(10, 600);
const LOGIN_PER_USER: Limit = Limit::new(5, 900);
const LOGIN_PER_IP: Limit = Limit::new(20, 900);
const BOOTSTRAP_PER_IP: Limit = Limit::new(5, 3600);

fn code_hash(key: &[u8], phone: &str, code: &str) -> String {
    crypto::hmac_sha256_hex(key, format!("otp:{phone}:{code}").as_bytes())
}

fn secs_between(later: &str, earlier: &str) -> i64 {
    match (
        chrono::DateTime::parse_from_rfc3339(later),
        chrono::DateTime::parse_from_rfc3339(earlier),
    ) {
        (Ok(a), Ok(b)) => (a - b).num_seconds(),
        _ => i64::MAX,
    }
}

async fn otp_send(ctx: &mut Ctx) -> AppResult<Response> {
    let input: OtpRequest = ctx.body().await?;
    let phone = input.validate()?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    if let Some(existing) = store::challenge(&db, &phone).await? {
        let since = secs_between(&now, &existing.sent_at);
        if since < OTP_RESEND_SECS {
            let mut err = ApiError::rate_limited((OTP_RESEND_SECS - since) as u32);
            err.message = Text::new(
                "验证码已发送,请等60秒后再重新获取",
                "A code was just sent; wait 60 seconds before asking again",
            );
            return Err(err.into());
        }
    }
    rate_limit::take(
        &db,
        &format!("otp-send-ip:{}", ctx.client_ip()),
        SEND_PER_IP,
        ctx.now_ms(),
    )
    .await?;
    rate_limit::take(
        &db,
        &format!("otp-send-phone:{phone}"),
        SEND_PER_PHONE,
        ctx.now_ms(),
    )
    .await?;

    let code = crypto::numeric_code(OTP_DIGITS);
    let expires = shared::time::rfc3339(ctx.now + chrono::Duration::seconds(OTP_TTL_SECS));
    store::put_challenge(
        &db,
        &phone,
        &code_hash(&ctx.signing_key()?, &phone, &code),
        &now,
        &expires,
    )
    .await?;
    sms::provider(ctx)?.send_code(&phone, &code, &now).await?;
    no_content()
}

async fn otp_verify(ctx: &mut Ctx) -> AppResult<Response> {
    let input: OtpVerify = ctx.body().await?;
    let (phone, code) = input.validate()?;
    check_code(ctx, &phone, &code, "code").await?;
    let user = store::upsert_user(&ctx.db()?, &phone, &ctx.now_text()).await?;
    let me = Me::Worker(WorkerMe {
        user_id: user.id,
        phone_masked: mask_mobile(&user.phone),
        display_name: user.display_name.clone(),
        lang: user.lang(),
    });
    signed_in(ctx, SessionKind::Worker, user.id, me).await
}

/// Checks the SMS code last sent to `phone` and uses it up: sign-in, and an
/// employer's contact phone. Tries are limited per number and per address;
/// a wrong code names `field`.
pub async fn check_code(ctx: &Ctx, phone: &str, code: &str, field: &str) -> AppResult<()> {
    let db = ctx.db()?;
    rate_limit::take(
        &db,
        &format!("otp-verify-ip:{}", ctx.client_ip()),
        VERIFY_PER_IP,
        ctx.now_ms(),
    )
    .await?;
    rate_limit::take(
        &db,
        &format!("otp-verify-phone:{phone}"),
        VERIFY_PER_PHONE,
        ctx.now_ms(),
    )
    .await?;
    let now = ctx.now_text();
    let expired = || {
        ApiError::field(
            field,
            Text::new(
                "验证码已过期,请重新获取",
                "The code has expired; ask for a new one",
            ),
        )
    };
    let challenge = store::challenge(&db, phone).await?.ok_or_else(expired)?;
    if challenge.expires_at <= now {
        return Err(expired().into());
    }
    if challenge.attempts >= OTP_MAX_ATTEMPTS {
        let mut err = ApiError::rate_limited(OTP_RESEND_SECS as u32);
        err.message = Text::new(
            "错误次数太多,请重新获取验证码",
            "Too many wrong tries; ask for a new code",
        );
        return Err(err.into());
    }
    if !crypto::ct_eq(
        code_hash(&ctx.signing_key()?, phone, code).as_bytes(),
        challenge.code_hash.as_bytes(),
    ) {
        let attempts = store::fail_challenge(&db, phone).await?;
        let left = (OTP_MAX_ATTEMPTS - attempts).max(0);
        return Err(ApiError::field(
            field,
            Text::owned(
                format!("验证码不对,还可以再试{left}次"),
                format!("Wrong code; {left} tries left"),
            ),
        )
        .into());
    }
    store::delete_challenge(&db, phone).await
}

/// Ends any session the request came with (rotation), starts a new one and
/// answers with `me` and the new cookie.
async fn signed_in(ctx: &Ctx, kind: SessionKind, subject: i64, me: Me) -> AppResult<Response> {
    let kv = ctx.kv()?;
    if let Some(old) = &ctx.session {
        session::destroy(&kv, old).await?;
    }
    let device = describe_device(&ctx.header("user-agent").unwrap_or_default());
    let (s, token) = session::create(&kv, kind, subject, device, ctx.now_ms()).await?;
    let mut resp = ok(&MeEnvelope { me })?;
    resp.headers_mut().set("set-cookie", &s.cookie(&token))?;
    Ok(resp)
}

fn staff_me(row: &StaffRow) -> Me {
    Me::Staff(StaffMe {
        staff_id: row.id,
        username: row.username.clone(),
        display_name: row.display_name.clone(),
        role: row.role(),
        union: row.union_ref(),
    })
}

async fn staff_login(ctx: &mut Ctx) -> AppResult<Response> {
    let input: StaffLogin = ctx.body().await?;
    input.validate()?;
    let username = input.username.trim().to_ascii_lowercase();
    let db = ctx.db()?;
    rate_limit::take(
        &db,
        &format!("login-ip:{}", ctx.client_ip()),
        LOGIN_PER_IP,
        ctx.now_ms(),
    )
    .await?;
    rate_limit::take(
        &db,
        &format!("login-user:{username}"),
        LOGIN_PER_USER,
        ctx.now_ms(),
    )
    .await?;
    let Some(row) = store::staff_by_username(&db, &username).await? else {
        password::verify_dummy(&input.password);
        return Err(bad_credentials());
    };
    if !password::verify(&input.password, &row.password_hash) {
        return Err(bad_credentials());
    }
    if row.status != "active" {
        return Err(ApiError::with_message(
            shared::ErrorCode::Forbidden,
            Text::new(
                "这个账号已停用,请联系上级工会管理员",
                "This account is disabled; contact your union admin",
            ),
        )
        .into());
    }
    let rehash =
        password::needs_rehash(&row.password_hash).then(|| password::hash(&input.password));
    store::record_login(&db, row.id, &ctx.now_text(), rehash.as_deref()).await?;
    signed_in(ctx, SessionKind::Staff, row.id, staff_me(&row)).await
}

async fn bootstrap(ctx: &mut Ctx) -> AppResult<Response> {
    let input: Bootstrap = ctx.body().await?;
    let db = ctx.db()?;
    rate_limit::take(
        &db,
        &format!("bootstrap-ip:{}", ctx.client_ip()),
        BOOTSTRAP_PER_IP,
        ctx.now_ms(),
    )
    .await?;
    let expected = ctx.secret("BOOTSTRAP_TOKEN").unwrap_or_default();
    if expected.len() < 16 || !crypto::ct_eq(expected.as_bytes(), input.token.trim().as_bytes()) {
        return Err(ApiError::with_message(
            shared::ErrorCode::Forbidden,
            Text::new("初始化口令不对", "The bootstrap token is wrong"),
        )
        .into());
    }
    if store::staff_count(&db).await? > 0 {
        return Err(ApiError::conflict(Text::new(
            "平台已经初始化过了",
            "This deployment has already been set up",
        ))
        .into());
    }
    let create = StaffCreate {
        username: input.username,
        display_name: input.display_name,
        role: StaffRole::PlatformAdmin,
        union_id: None,
        password: input.password,
    };
    let row = insert_staff(ctx, &db, &create, None).await?;
    signed_in(ctx, SessionKind::Staff, row.id, staff_me(&row)).await
}

/// Validates (incl. the server-only common-password check), inserts and audits a staff member.
async fn insert_staff(
    ctx: &Ctx,
    db: &worker::D1Database,
    input: &StaffCreate,
    creator: Option<&Staff>,
) -> AppResult<StaffRow> {
    input.validate()?;
    let username = validate_username(&input.username).unwrap_or_default();
    let display_name = validate_display_name(&input.display_name).unwrap_or_default();
    let mut errors = FieldErrors::new();
    errors.check("password", password::check(&input.password, &username));
    errors.finish()?;
    if store::staff_by_username(db, &username).await?.is_some() {
        return Err(ApiError::field(
            "username",
            Text::new("这个用户名已被使用", "This username is taken"),
        )
        .into());
    }
    let now = ctx.now_text();
    let hash = password::hash(&input.password);
    db::batch(
        db,
        vec![store::insert_staff(
            db,
            input,
            &username,
            &display_name,
            &hash,
            creator.map(|c| c.id),
            &now,
        )?],
    )
    .await?;
    let row = store::staff_by_username(db, &username)
        .await?
        .ok_or_else(ApiError::internal)?;
    let actor = creator.cloned().unwrap_or(Staff {
        id: row.id,
        display_name: row.display_name.clone(),
        role: row.role(),
        union_id: None,
        union_path: None,
    });
    let event = audit::Event {
        action: if creator.is_some() {
            "staff.create"
        } else {
            "staff.bootstrap"
        },
        target_type: "staff",
        target_id: row.id.to_string(),
        union_id: row.union_id,
        union_path: row.scope_path(),
        before: None,
        after: Some(serde_json::to_value(row.to_wire())?),
    };
    audit::record(db, &actor, &event, &now, &ctx.client_ip()).await?;
    Ok(row)
}

async fn logout(ctx: &mut Ctx) -> AppResult<Response> {
    let s = ctx.current_session()?;
    session::destroy(&ctx.kv()?, s).await?;
    let mut resp = no_content()?;
    resp.headers_mut()
        .set("set-cookie", &session::clear_cookie())?;
    Ok(resp)
}

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
            Ok(staff_me(&row))
        }
    }
}

async fn me(ctx: &mut Ctx) -> AppResult<Response> {
    ok(&MeEnvelope {
        me: current_me(ctx).await?,
    })
}

async fn me_update(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let input: ProfileUpdate = ctx.body().await?;
    input.validate()?;
    let name = input.display_name.as_deref().map(str::trim);
    store::update_user(&ctx.db()?, user_id, name, input.lang).await?;
    ok(&MeEnvelope {
        me: current_me(ctx).await?,
    })
}

async fn sessions(ctx: &mut Ctx) -> AppResult<Response> {
    let current = ctx.current_session()?;
    let list = session::list(&ctx.kv()?, current.kind, current.subject, ctx.now_ms()).await?;
    let stamp = |ms: f64| shared::time::rfc3339(shared::time::from_millis(ms));
    let sessions: Vec<SessionInfo> = list
        .iter()
        .map(|s| SessionInfo {
            id: s.sid.clone(),
            created_at: stamp(s.created_ms),
            last_seen_at: stamp(s.last_seen_ms),
            expires_at: stamp(s.expires_ms),
            device: s.device.clone(),
            current: s.sid == current.sid,
        })
        .collect();
    let limit = sessions.len() as u32;
    ok(&SessionList {
        sessions,
        meta: ListMeta {
            next_cursor: None,
            limit,
        },
    })
}

async fn session_end(ctx: &mut Ctx) -> AppResult<Response> {
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

async fn password_change(ctx: &mut Ctx) -> AppResult<Response> {
    let me = ctx.staff()?.clone();
    let input: PasswordChange = ctx.body().await?;
    input.validate()?;
    let db = ctx.db()?;
    rate_limit::take(
        &db,
        &format!("password-change:{}", me.id),
        LOGIN_PER_USER,
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

/// Everything kept about the worker, to take away. ID numbers stay masked.
async fn export_data(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let user = store::user(&db, user_id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let account = WorkerMe {
        user_id,
        phone_masked: mask_mobile(&user.phone),
        lang: user.lang(),
        display_name: user.display_name.clone(),
    };
    let rows = crate::membership::store::applications_of(&db, user_id).await?;
    let mut applications = Vec::with_capacity(rows.len());
    for r in rows {
        let union = crate::unions::store::by_id(&db, r.union_id)
            .await?
            .ok_or_else(ApiError::internal)?;
        applications.push(r.view(union.summary()));
    }
    let retention = shared::membership::CONSENT_SECTIONS
        .iter()
        .map(|s| format!("{}\n{}", s.heading.get(ctx.lang), s.body.get(ctx.lang)))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut resp = ok(&PersonalData {
        exported_at: ctx.now_text(),
        account,
        phone: user.phone,
        applications,
        history: crate::membership::routes::history(ctx, user_id).await?,
        job_card: crate::jobs::store::card_of(&db, user_id)
            .await?
            .map(|c| c.wire()),
        job_applications: crate::jobs::store::applications_of(&db, user_id, 1000)
            .await?
            .iter()
            .map(|(a, j)| a.wire(j))
            .collect(),
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
async fn delete_account(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let today = shared::time::local_date(ctx.now).to_string();
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
    db::batch(&db, erase).await?;
    session::destroy_all(&ctx.kv()?, SessionKind::Worker, user_id, ctx.now_ms()).await?;
    let mut resp = no_content()?;
    resp.headers_mut()
        .set("set-cookie", &session::clear_cookie())?;
    Ok(resp)
}

async fn staff_list(ctx: &mut Ctx) -> AppResult<Response> {
    let q = StaffQuery::parse(ctx.query())?;
    let scope = crate::unions::routes::scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let after = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let rows = store::staff_in_scope(&ctx.db()?, &scope, after, limit + 1).await?;
    let next = (rows.len() > limit as usize)
        .then(|| cursor::encode(&rows[limit as usize - 1].id.to_string()));
    let staff = rows
        .iter()
        .take(limit as usize)
        .map(StaffRow::to_wire)
        .collect();
    ok(&StaffList {
        staff,
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

/// A union admin may grant at most their own role, and only platform admins make platform admins.
fn check_grantable(actor: &Staff, role: StaffRole) -> AppResult<()> {
    if role > actor.role
        || (role == StaffRole::PlatformAdmin && actor.role != StaffRole::PlatformAdmin)
    {
        return Err(ApiError::field(
            "role",
            Text::new(
                "您不能授予比自己更高的角色",
                "You cannot grant a role above your own",
            ),
        )
        .into());
    }
    Ok(())
}

async fn staff_create(ctx: &mut Ctx) -> AppResult<Response> {
    let input: StaffCreate = ctx.body().await?;
    input.validate()?;
    let actor = ctx.staff()?.clone();
    check_grantable(&actor, input.role)?;
    if let Some(union_id) = input.union_id {
        crate::unions::routes::in_scope(ctx, union_id)
            .await
            .map_err(|_| {
                ApiError::forbidden_field(
                    "union_id",
                    Text::new(
                        "这个工会不在您的管辖范围内",
                        "This union is outside your scope",
                    ),
                )
            })?;
    }
    let db = ctx.db()?;
    let row = insert_staff(ctx, &db, &input, Some(&actor)).await?;
    ok(&StaffEnvelope {
        staff_member: row.to_wire(),
    })
}

async fn staff_update(ctx: &mut Ctx) -> AppResult<Response> {
    let actor = ctx.staff()?.clone();
    let db = ctx.db()?;
    let target = store::staff_by_id(&db, ctx.id(params::STAFF_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    actor.check_scope(target.scope_path())?;
    if target.role() > actor.role {
        return Err(ApiError::forbidden().into());
    }
    let input: StaffUpdate = ctx.body().await?;
    input.validate()?;
    if let Some(role) = input.role {
        check_grantable(&actor, role)?;
        if target.id == actor.id && role < actor.role {
            return Err(ApiError::field(
                "role",
                Text::new("不能降低自己的角色", "You cannot lower your own role"),
            )
            .into());
        }
    }
    if let Some(union_id) = input.union_id {
        crate::unions::routes::in_scope(ctx, union_id)
            .await
            .map_err(|_| {
                ApiError::forbidden_field(
                    "union_id",
                    Text::new(
                        "这个工会不在您的管辖范围内",
                        "This union is outside your scope",
                    ),
                )
            })?;
    }
    let new_hash = match &input.password {
        Some(p) => {
            let mut errors = FieldErrors::new();
            errors.check("password", password::check(p, &target.username));
            errors.finish()?;
            Some(password::hash(p))
        }
        None => None,
    };
    let now = ctx.now_text();
    let mut after = serde_json::to_value(&input)?;
    if after.get("password").is_some_and(|p| !p.is_null()) {
        after["password"] = serde_json::json!("(changed)");
    }
    let event = audit::Event {
        action: "staff.update",
        target_type: "staff",
        target_id: target.id.to_string(),
        union_id: target.union_id,
        union_path: target.scope_path(),
        before: Some(serde_json::to_value(target.to_wire())?),
        after: Some(after),
    };
    db::batch(
        &db,
        vec![
            store::update_staff(&db, target.id, &input, new_hash.as_deref(), &now)?,
            audit::statement(&db, &actor, &event, &now, &ctx.client_ip())?,
        ],
    )
    .await?;
    // A new password, a disabled account or a changed role ends their sessions.
    let access_changed = input.password.is_some()
        || input.status == Some(StaffStatus::Disabled)
        || input.role.is_some()
        || input.union_id.is_some();
    if access_changed && target.id != actor.id {
        session::destroy_all(&ctx.kv()?, SessionKind::Staff, target.id, ctx.now_ms()).await?;
    }
    let row = store::staff_by_id(&db, target.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ok(&StaffEnvelope {
        staff_member: row.to_wire(),
    })
}

async fn audit_list(ctx: &mut Ctx) -> AppResult<Response> {
    let q = AuditQuery::parse(ctx.query())?;
    let scope = crate::unions::routes::scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let before = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(i64::MAX);
    let mut entries = store::audit_in_scope(&ctx.db()?, &scope, before, limit + 1).await?;
    let next = (entries.len() > limit as usize)
        .then(|| cursor::encode(&entries[limit as usize - 1].id.to_string()));
    entries.truncate(limit as usize);
    ok(&AuditList {
        entries,
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}
