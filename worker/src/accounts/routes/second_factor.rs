//! The staff second factor, the step after the password: setting up an
//! authenticator app, and giving its code (or a recovery code) at sign-in.
//! Only a `SecondFactor` session reaches these; success ends it and starts a
//! full staff session.

use super::sign_in::{full_staff_session, with_cookie};
use crate::accounts::store;
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::principal::Staff;
use crate::rate_limit::{self, Limit};
use crate::reply::ok;
use shared::accounts::*;
use shared::server::{qr, totp};
use shared::{ApiError, Text};
use worker::Response;

/// Codes typed per staff member: 5 in 15 minutes and 20 a day, counted before
/// judging (parallel guesses cannot slip through); a right code forgives them.
/// With three steps live, each guess has 3 in a million.
const CODE_TRIES: [(&str, Limit); 2] = [
    ("second-factor", Limit::new(5, 900)),
    ("second-factor-day", Limit::new(20, 86_400)),
];

/// The staff member halfway through signing in (the gate let only them in).
fn due(ctx: &Ctx) -> AppResult<Staff> {
    ctx.second_factor_due
        .clone()
        .ok_or_else(|| ApiError::unauthenticated().into())
}

fn wrong_code() -> AppError {
    ApiError::field(
        "code",
        Text::new(
            "验证码不对或已经用过,请看身份验证器 App 里最新的6位数字",
            "That code is wrong or already used; enter the newest 6 digits from your authenticator app",
        ),
    )
    .into()
}

fn now_secs(ctx: &Ctx) -> u64 {
    (ctx.now_ms() / 1000.0) as u64
}

async fn read_code(ctx: &mut Ctx, staff_id: i64) -> AppResult<CodeInput> {
    let input: SecondFactorCode = ctx.body().await?;
    let code = input.parse().map_err(|why| ApiError::field("code", why))?;
    let db = ctx.db()?;
    for (name, limit) in CODE_TRIES {
        rate_limit::take(&db, &format!("{name}:{staff_id}"), limit, ctx.now_ms()).await?;
    }
    Ok(code)
}

/// A right code: the wrong ones before it no longer count.
async fn forgive_tries(db: &worker::D1Database, staff_id: i64) -> AppResult<()> {
    for (name, _) in CODE_TRIES {
        rate_limit::forget(db, &format!("{name}:{staff_id}")).await?;
    }
    Ok(())
}

fn open_secret(ctx: &Ctx, staff_id: i64, sealed: &str) -> AppResult<Vec<u8>> {
    let text = ctx
        .keyring()?
        .open(sealed, &crate::accounts::second_factor_aad(staff_id))
        .ok_or_else(|| AppError::Internal("a TOTP secret does not open".into()))?;
    shared::server::crypto::b64_decode(&text)
        .ok_or_else(|| AppError::Internal("a TOTP secret is not base64".into()))
}

/// `POST /api/auth/second-factor`: the code from the app, or a recovery code.
pub async fn verify(ctx: &mut Ctx) -> AppResult<Response> {
    let staff = due(ctx)?;
    let code = read_code(ctx, staff.id).await?;
    let db = ctx.db()?;
    let Some(factor) = store::second_factor(&db, staff.id)
        .await?
        .filter(|f| f.confirmed_at.is_some())
    else {
        return Err(not_set_up());
    };
    let now = ctx.now_text();
    match code {
        CodeInput::Totp(code) => {
            let secret = open_secret(ctx, staff.id, &factor.secret_sealed)?;
            let step = totp::verify(&secret, code, now_secs(ctx), factor.last_step as u64)
                .ok_or_else(wrong_code)?;
            if !store::use_step(&db, staff.id, step).await? {
                return Err(wrong_code());
            }
        }
        CodeInput::Recovery(code) => {
            let hash = totp::recovery_hash(&ctx.signing_key()?, staff.id, &code);
            if !store::use_recovery_code(&db, staff.id, &hash, &now).await? {
                return Err(wrong_code());
            }
            let row = staff_row(&db, staff.id).await?;
            let event = own_event("staff.recovery_code_used", &row);
            db::batch(
                &db,
                vec![audit::statement(
                    &db,
                    &staff,
                    &event,
                    &now,
                    &ctx.client_ip(),
                )?],
            )
            .await?;
        }
    }
    forgive_tries(&db, staff.id).await?;
    let row = staff_row(&db, staff.id).await?;
    let cookie = full_staff_session(ctx, &row).await?;
    with_cookie(
        ok(&MeEnvelope {
            me: row.me(),
            second_factor: None,
        })?,
        &cookie,
    )
}

/// `POST /api/auth/second-factor/enrolment`: a new secret for the app to scan.
/// Asking again replaces a secret not yet confirmed.
pub async fn enrol(ctx: &mut Ctx) -> AppResult<Response> {
    let staff = due(ctx)?;
    let db = ctx.db()?;
    let row = staff_row(&db, staff.id).await?;
    let secret = totp::new_secret();
    let sealed = ctx.keyring()?.seal(
        &shared::server::crypto::b64(&secret),
        &crate::accounts::second_factor_aad(staff.id),
    );
    if !store::begin_enrolment(&db, staff.id, &sealed, &ctx.now_text()).await? {
        return Err(ApiError::conflict(Text::new(
            "身份验证器已经绑定过了;换了手机请请上级工会管理员重置",
            "An authenticator is already set up; if you changed phones, ask an admin above you to reset it",
        ))
        .into());
    }
    let key = base32(&secret);
    let otpauth_uri = otpauth_uri(&row.username, &key);
    ok(&SecondFactorEnrolment {
        qr_svg: qr::svg(&otpauth_uri, 240),
        otpauth_uri,
        secret: group_by_four(&key),
    })
}

/// `POST /api/auth/second-factor/enrolment/confirm`: the app's first code
/// proves it holds the secret; the recovery codes are answered this once.
pub async fn confirm(ctx: &mut Ctx) -> AppResult<Response> {
    let staff = due(ctx)?;
    let CodeInput::Totp(code) = read_code(ctx, staff.id).await? else {
        return Err(wrong_code());
    };
    let db = ctx.db()?;
    let Some(factor) = store::second_factor(&db, staff.id)
        .await?
        .filter(|f| f.confirmed_at.is_none())
    else {
        return Err(not_set_up());
    };
    let secret = open_secret(ctx, staff.id, &factor.secret_sealed)?;
    let step = totp::verify(&secret, code, now_secs(ctx), 0).ok_or_else(wrong_code)?;
    let codes = totp::new_recovery_codes();
    let key = ctx.signing_key()?;
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| match (SecondFactorCode { code: c.clone() }).parse() {
            Ok(CodeInput::Recovery(n)) => totp::recovery_hash(&key, staff.id, &n),
            _ => unreachable!("recovery codes parse back"),
        })
        .collect();
    let row = staff_row(&db, staff.id).await?;
    let now = ctx.now_text();
    let event = own_event("staff.second_factor_enrol", &row);
    let mut statements =
        store::confirm_enrolment(&db, staff.id, &factor.secret_sealed, step, &hashes, &now)?;
    statements.push(audit::statement(
        &db,
        &staff,
        &event,
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements).await?;
    forgive_tries(&db, staff.id).await?;
    let row = staff_row(&db, staff.id).await?;
    let cookie = full_staff_session(ctx, &row).await?;
    with_cookie(
        ok(&SecondFactorConfirmed {
            me: row.me(),
            recovery_codes: codes,
        })?,
        &cookie,
    )
}

/// An audit entry about one's own account, filed under one's union.
fn own_event<'a>(action: &'a str, row: &'a store::StaffRow) -> audit::Event<'a> {
    audit::Event {
        union_id: row.union_id,
        ..audit::Event::new(action, "staff", row.id, row.scope_path(), None)
    }
}

fn not_set_up() -> AppError {
    ApiError::conflict(Text::new(
        "请重新登录后再试",
        "Please sign in again and try once more",
    ))
    .into()
}

async fn staff_row(db: &worker::D1Database, id: i64) -> AppResult<store::StaffRow> {
    store::staff_by_id(db, id)
        .await?
        .ok_or_else(|| ApiError::unauthenticated().into())
}

/// `ABCD EFGH …`, easier to type into an app by hand.
fn group_by_four(key: &str) -> String {
    key.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("base32 is ASCII"))
        .collect::<Vec<_>>()
        .join(" ")
}
