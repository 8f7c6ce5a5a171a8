//! Sending sign-in codes. Two providers behind one trait: Aliyun SMS for real
//! phones, and a console provider for development and tests that prints the
//! code to the Worker log. The console provider can never be active when a real
//! provider is configured, and no code is ever put in an API response.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use shared::server::crypto;
use shared::server::sms_aliyun::{self, AliyunConfig};

#[allow(async_fn_in_trait)]
pub trait SmsProvider {
    async fn send_code(&self, phone: &str, code: &str, timestamp: &str) -> AppResult<()>;
}

/// Development only: writes the message to the Worker console.
pub struct ConsoleSms;

impl SmsProvider for ConsoleSms {
    async fn send_code(&self, phone: &str, code: &str, _timestamp: &str) -> AppResult<()> {
        worker::console_log!(
            "[sms:console] to {phone}: 【工友驿站】您的验证码是 {code},5分钟内有效。"
        );
        Ok(())
    }
}

pub struct AliyunSms(pub AliyunConfig);

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AliyunReply {
    code: String,
    message: Option<String>,
}

impl SmsProvider for AliyunSms {
    async fn send_code(&self, phone: &str, code: &str, timestamp: &str) -> AppResult<()> {
        let url = sms_aliyun::send_code_url(&self.0, phone, code, &crypto::token(), timestamp);
        let url =
            worker::Url::parse(&url).map_err(|e| AppError::Internal(format!("sms url: {e}")))?;
        let mut resp = worker::Fetch::Url(url).send().await?;
        let reply: AliyunReply = resp.json().await?;
        if reply.code == "OK" {
            Ok(())
        } else {
            Err(AppError::Internal(format!(
                "aliyun sms: {} {}",
                reply.code,
                reply.message.unwrap_or_default()
            )))
        }
    }
}

pub enum Provider {
    Console(ConsoleSms),
    Aliyun(AliyunSms),
}

impl SmsProvider for Provider {
    async fn send_code(&self, phone: &str, code: &str, timestamp: &str) -> AppResult<()> {
        match self {
            Provider::Console(p) => p.send_code(phone, code, timestamp).await,
            Provider::Aliyun(p) => p.send_code(phone, code, timestamp).await,
        }
    }
}

/// The provider the Worker's secrets configure. Aliyun wins whenever its key is set.
pub fn provider(ctx: &Ctx) -> AppResult<Provider> {
    if let Some(access_key_id) = ctx.secret("ALIYUN_ACCESS_KEY_ID") {
        let need = |name: &str| {
            ctx.secret(name)
                .ok_or_else(|| AppError::Internal(format!("{name} is not set")))
        };
        return Ok(Provider::Aliyun(AliyunSms(AliyunConfig {
            access_key_id,
            access_key_secret: need("ALIYUN_ACCESS_KEY_SECRET")?,
            sign_name: need("ALIYUN_SMS_SIGN_NAME")?,
            template_code: need("ALIYUN_SMS_TEMPLATE_CODE")?,
        })));
    }
    match ctx.secret("SMS_PROVIDER").as_deref() {
        Some("console") => Ok(Provider::Console(ConsoleSms)),
        _ => Err(AppError::Internal(
            "no SMS provider configured: set the ALIYUN_* secrets".into(),
        )),
    }
}
