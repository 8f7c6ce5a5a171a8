//! Sending texts: sign-in codes, and notices (a training place freed up, a
//! session tomorrow). Two providers behind one trait: Aliyun SMS for real
//! phones, and a console provider for development and tests that prints the
//! text to the Worker log. The console provider can never be active when a real
//! provider is configured, and no code is ever put in an API response.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use shared::benefits::StatusNotice;
use shared::rights::cases::CaseNotice;
use shared::server::crypto;
use shared::server::sms_aliyun::{self, AliyunConfig};
use shared::training::{NoticeFacts, NoticeKind};
use worker::Env;

#[allow(async_fn_in_trait)]
pub trait SmsProvider {
    async fn send_code(&self, phone: &str, code: &str, timestamp: &str) -> AppResult<()>;
    async fn send_notice(
        &self,
        phone: &str,
        kind: NoticeKind,
        facts: &NoticeFacts,
        timestamp: &str,
    ) -> AppResult<()>;
    /// A benefits application changed status.
    async fn send_benefit_status(
        &self,
        phone: &str,
        notice: &StatusNotice,
        timestamp: &str,
    ) -> AppResult<()>;
    /// A wage-arrears case changed status (each claimant gets one).
    async fn send_case_status(
        &self,
        phone: &str,
        notice: &CaseNotice,
        timestamp: &str,
    ) -> AppResult<()>;
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

    async fn send_notice(
        &self,
        phone: &str,
        kind: NoticeKind,
        facts: &NoticeFacts,
        _timestamp: &str,
    ) -> AppResult<()> {
        worker::console_log!("[sms:console] to {phone}: {}", facts.text(kind));
        Ok(())
    }

    async fn send_benefit_status(
        &self,
        phone: &str,
        notice: &StatusNotice,
        _timestamp: &str,
    ) -> AppResult<()> {
        worker::console_log!("[sms:console] to {phone}: {}", notice.text());
        Ok(())
    }

    async fn send_case_status(
        &self,
        phone: &str,
        notice: &CaseNotice,
        _timestamp: &str,
    ) -> AppResult<()> {
        worker::console_log!("[sms:console] to {phone}: {}", notice.text());
        Ok(())
    }
}

/// Aliyun, with the approved template of each notice (absent: notices are not sent).
pub struct AliyunSms(pub AliyunConfig, pub NoticeTemplates);

#[derive(Debug, Clone, Default)]
pub struct NoticeTemplates {
    pub promoted: Option<String>,
    pub reminder: Option<String>,
    pub benefit_status: Option<String>,
    pub case_status: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AliyunReply {
    code: String,
    message: Option<String>,
}

async fn aliyun_send(url: String) -> AppResult<()> {
    let url = worker::Url::parse(&url).map_err(|e| AppError::Internal(format!("sms url: {e}")))?;
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

impl AliyunSms {
    /// Sends an approved template with its parameters; no template configured is an error
    /// (the text stays pending and is retried).
    async fn send_template(
        &self,
        template: Option<&str>,
        what: &str,
        phone: &str,
        params: &serde_json::Value,
        timestamp: &str,
    ) -> AppResult<()> {
        let template = template.ok_or_else(|| {
            AppError::Internal(format!("no Aliyun template for the {what} notice"))
        })?;
        aliyun_send(sms_aliyun::send_template_url(
            &self.0,
            template,
            phone,
            params,
            &crypto::token(),
            timestamp,
        ))
        .await
    }
}

impl SmsProvider for AliyunSms {
    async fn send_code(&self, phone: &str, code: &str, timestamp: &str) -> AppResult<()> {
        aliyun_send(sms_aliyun::send_code_url(
            &self.0,
            phone,
            code,
            &crypto::token(),
            timestamp,
        ))
        .await
    }

    async fn send_notice(
        &self,
        phone: &str,
        kind: NoticeKind,
        facts: &NoticeFacts,
        timestamp: &str,
    ) -> AppResult<()> {
        let template = match kind {
            NoticeKind::Promoted => self.1.promoted.as_deref(),
            NoticeKind::Reminder => self.1.reminder.as_deref(),
        };
        self.send_template(
            template,
            &kind.to_string(),
            phone,
            &facts.params(),
            timestamp,
        )
        .await
    }

    async fn send_benefit_status(
        &self,
        phone: &str,
        notice: &StatusNotice,
        timestamp: &str,
    ) -> AppResult<()> {
        self.send_template(
            self.1.benefit_status.as_deref(),
            "benefit status",
            phone,
            &notice.params(),
            timestamp,
        )
        .await
    }

    async fn send_case_status(
        &self,
        phone: &str,
        notice: &CaseNotice,
        timestamp: &str,
    ) -> AppResult<()> {
        self.send_template(
            self.1.case_status.as_deref(),
            "case status",
            phone,
            &notice.params(),
            timestamp,
        )
        .await
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

    async fn send_notice(
        &self,
        phone: &str,
        kind: NoticeKind,
        facts: &NoticeFacts,
        timestamp: &str,
    ) -> AppResult<()> {
        match self {
            Provider::Console(p) => p.send_notice(phone, kind, facts, timestamp).await,
            Provider::Aliyun(p) => p.send_notice(phone, kind, facts, timestamp).await,
        }
    }

    async fn send_benefit_status(
        &self,
        phone: &str,
        notice: &StatusNotice,
        timestamp: &str,
    ) -> AppResult<()> {
        match self {
            Provider::Console(p) => p.send_benefit_status(phone, notice, timestamp).await,
            Provider::Aliyun(p) => p.send_benefit_status(phone, notice, timestamp).await,
        }
    }

    async fn send_case_status(
        &self,
        phone: &str,
        notice: &CaseNotice,
        timestamp: &str,
    ) -> AppResult<()> {
        match self {
            Provider::Console(p) => p.send_case_status(phone, notice, timestamp).await,
            Provider::Aliyun(p) => p.send_case_status(phone, notice, timestamp).await,
        }
    }
}

/// The provider the Worker's secrets configure. Aliyun wins whenever its key is set.
pub fn provider(ctx: &Ctx) -> AppResult<Provider> {
    provider_from(|name| ctx.secret(name))
}

/// The same, outside a request (the hourly housekeeping).
pub fn provider_for(env: &Env) -> AppResult<Provider> {
    provider_from(|name| {
        env.secret(name)
            .map(|s| s.to_string())
            .or_else(|_| env.var(name).map(|v| v.to_string()))
            .ok()
            .filter(|s| !s.is_empty())
    })
}

fn provider_from(secret: impl Fn(&str) -> Option<String>) -> AppResult<Provider> {
    if let Some(access_key_id) = secret("ALIYUN_ACCESS_KEY_ID") {
        let need = |name: &str| {
            secret(name).ok_or_else(|| AppError::Internal(format!("{name} is not set")))
        };
        return Ok(Provider::Aliyun(AliyunSms(
            AliyunConfig {
                access_key_id,
                access_key_secret: need("ALIYUN_ACCESS_KEY_SECRET")?,
                sign_name: need("ALIYUN_SMS_SIGN_NAME")?,
                template_code: need("ALIYUN_SMS_TEMPLATE_CODE")?,
            },
            NoticeTemplates {
                promoted: secret("ALIYUN_SMS_TEMPLATE_TRAINING_PROMOTED"),
                reminder: secret("ALIYUN_SMS_TEMPLATE_TRAINING_REMINDER"),
                benefit_status: secret("ALIYUN_SMS_TEMPLATE_BENEFIT_STATUS"),
                case_status: secret("ALIYUN_SMS_TEMPLATE_CASE_STATUS"),
            },
        )));
    }
    match secret("SMS_PROVIDER").as_deref() {
        Some("console") => Ok(Provider::Console(ConsoleSms)),
        _ => Err(AppError::Internal(
            "no SMS provider configured: set the ALIYUN_* secrets".into(),
        )),
    }
}
