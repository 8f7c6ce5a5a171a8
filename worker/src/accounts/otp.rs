//! SMS codes: sending one (a new code only after a minute; limits per number
//! and per address) and checking one (a few tries, then a new code), for signing
//! in and for proving an employer's contact phone.

use super::sms::{self, SmsProvider};
use super::store;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::error::AppResult;
use crate::rate_limit::{self, Limit};
use shared::accounts::{
    OTP_DIGITS, OTP_MAX_ATTEMPTS, OTP_RESEND_SECS, OTP_SENDS_PER_PHONE_PER_DAY, OTP_TTL_SECS,
};
use shared::server::crypto;
use shared::{ApiError, Text};

// Limits: per number, per IP address.
const SEND_PER_PHONE: Limit = Limit::new(5, 3600);
const SEND_PER_PHONE_PER_DAY: Limit = Limit::new(OTP_SENDS_PER_PHONE_PER_DAY, 24 * 3600);
const SEND_PER_IP: Limit = Limit::new(20, 3600);
const VERIFY_PER_IP: Limit = Limit::new(30, 600);
const VERIFY_PER_PHONE: Limit = Limit::new(10, 600);

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

/// Texts a new code to `phone` (already validated), keeping only its hash.
pub async fn send(ctx: &Ctx, phone: &str) -> AppResult<()> {
    let db = ctx.db()?;
    let now = ctx.now_text();
    if let Some(existing) = store::challenge(&db, phone).await? {
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
    rate_limit::take(
        &db,
        &format!("otp-send-phone-day:{phone}"),
        SEND_PER_PHONE_PER_DAY,
        ctx.now_ms(),
    )
    .await
    .map_err(|e| match e {
        AppError::Api(mut e) => {
            e.message = Text::new(
                "这个号码今天收到的验证码太多了,请明天再试",
                "This number has had too many codes today; try again tomorrow",
            );
            AppError::Api(e)
        }
        other => other,
    })?;

    let code = crypto::numeric_code(OTP_DIGITS);
    let expires = shared::time::rfc3339(ctx.now + chrono::Duration::seconds(OTP_TTL_SECS));
    store::put_challenge(
        &db,
        phone,
        &code_hash(&ctx.signing_key()?, phone, &code),
        &now,
        &expires,
    )
    .await?;
    sms::provider(ctx)?.send_code(phone, &code, &now).await?;
    Ok(())
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
    let (stored_hash, attempts) = match store::claim_try(&db, phone, &now, OTP_MAX_ATTEMPTS).await?
    {
        store::Claimed::Try {
            code_hash,
            attempts,
        } => (code_hash, attempts),
        store::Claimed::NoCode => return Err(expired().into()),
        store::Claimed::NoTriesLeft => {
            let mut err = ApiError::rate_limited(OTP_RESEND_SECS as u32);
            err.message = Text::new(
                "错误次数太多,请重新获取验证码",
                "Too many wrong tries; ask for a new code",
            );
            return Err(err.into());
        }
    };
    if !crypto::ct_eq(
        code_hash(&ctx.signing_key()?, phone, code).as_bytes(),
        stored_hash.as_bytes(),
    ) {
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
    if !store::use_challenge(&db, phone, &stored_hash).await? {
        return Err(expired().into());
    }
    Ok(())
}
