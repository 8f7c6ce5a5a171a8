//! Signing in and out: a worker with a texted code, staff with a password, the
//! first platform admin with the bootstrap token. Every sign-in starts a new
//! session (the old one of the request ends).

use super::staff;
use crate::accounts::otp;
use crate::accounts::store::{self, StaffRow};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::rate_limit::{self, Limit};
use crate::reply::{no_content, ok};
use crate::session::{self, SessionKind};
use shared::accounts::*;
use shared::phone::mask_mobile;
use shared::server::{crypto, password};
use shared::{ApiError, Text};
use worker::Response;

// Limits: per username, per IP address.
const LOGIN_PER_USER: Limit = Limit::new(5, 900);
const LOGIN_PER_IP: Limit = Limit::new(20, 900);
const BOOTSTRAP_PER_IP: Limit = Limit::new(5, 3600);

/// "Wrong username or password", the same for both so neither can be probed.
fn bad_credentials() -> AppError {
    ApiError::with_message(
        shared::ErrorCode::Unauthenticated,
        Text::new("用户名或密码不对", "Wrong username or password"),
    )
    .into()
}

pub async fn otp_send(ctx: &mut Ctx) -> AppResult<Response> {
    let input: OtpRequest = ctx.body().await?;
    let phone = input.validate()?;
    otp::send(ctx, &phone).await?;
    no_content()
}

pub async fn otp_verify(ctx: &mut Ctx) -> AppResult<Response> {
    let input: OtpVerify = ctx.body().await?;
    let (phone, code) = input.validate()?;
    otp::check_code(ctx, &phone, &code, "code").await?;
    let user = store::upsert_user(&ctx.db()?, &phone, &ctx.now_text()).await?;
    let me = Me::Worker(WorkerMe {
        user_id: user.id,
        phone_masked: mask_mobile(&user.phone),
        display_name: user.display_name.clone(),
        lang: user.lang(),
    });
    signed_in(ctx, SessionKind::Worker, user.id, me).await
}

/// Ends any session the request came with (rotation) and starts a new one;
/// answers the cookie that carries it.
async fn new_session(
    ctx: &Ctx,
    kind: SessionKind,
    subject: i64,
    second_factor: bool,
) -> AppResult<String> {
    let kv = ctx.kv()?;
    if let Some(old) = &ctx.session {
        session::destroy(&kv, old).await?;
    }
    let device = describe_device(&ctx.header("user-agent").unwrap_or_default());
    let (s, token) =
        session::create(&kv, kind, subject, device, second_factor, ctx.now_ms()).await?;
    Ok(s.cookie(&token))
}

pub fn with_cookie(mut resp: Response, cookie: &str) -> AppResult<Response> {
    resp.headers_mut().set("set-cookie", cookie)?;
    Ok(resp)
}

async fn signed_in(ctx: &Ctx, kind: SessionKind, subject: i64, me: Me) -> AppResult<Response> {
    let cookie = new_session(ctx, kind, subject, false).await?;
    with_cookie(
        ok(&MeEnvelope {
            me,
            second_factor: None,
        })?,
        &cookie,
    )
}

/// A full staff session, after the password and (where the role needs it) the
/// second factor; counts as the member's sign-in.
pub async fn full_staff_session(ctx: &Ctx, row: &StaffRow) -> AppResult<String> {
    store::record_login(&ctx.db()?, row.id, Some(&ctx.now_text()), None).await?;
    new_session(
        ctx,
        SessionKind::Staff,
        row.id,
        requires_second_factor(row.role()),
    )
    .await
}

/// The password was right: a full session, or, for a role that needs the
/// second factor, a session that opens only the step asking for it.
async fn password_accepted(ctx: &Ctx, row: &StaffRow) -> AppResult<Response> {
    if !requires_second_factor(row.role()) {
        let cookie = full_staff_session(ctx, row).await?;
        return with_cookie(
            ok(&MeEnvelope {
                me: row.me(),
                second_factor: None,
            })?,
            &cookie,
        );
    }
    let step = if row.second_factor != 0 {
        SecondFactorStep::Code
    } else {
        SecondFactorStep::Enrol
    };
    let cookie = new_session(ctx, SessionKind::SecondFactor, row.id, false).await?;
    with_cookie(
        ok(&MeEnvelope {
            me: row.me(),
            second_factor: Some(SecondFactorDue { step }),
        })?,
        &cookie,
    )
}

pub async fn staff_login(ctx: &mut Ctx) -> AppResult<Response> {
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
    if password::needs_rehash(&row.password_hash) {
        let rehash = password::hash(&input.password);
        store::record_login(&db, row.id, None, Some(&rehash)).await?;
    }
    password_accepted(ctx, &row).await
}

pub async fn bootstrap(ctx: &mut Ctx) -> AppResult<Response> {
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
    let row = staff::insert_staff(ctx, &db, &create, None).await?;
    password_accepted(ctx, &row).await
}

pub async fn logout(ctx: &mut Ctx) -> AppResult<Response> {
    let s = ctx.current_session()?;
    session::destroy(&ctx.kv()?, s).await?;
    let mut resp = no_content()?;
    resp.headers_mut()
        .set("set-cookie", &session::clear_cookie())?;
    Ok(resp)
}
