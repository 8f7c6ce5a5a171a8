//! Signing in: workers by SMS code, staff by password; the signed-in "me";
//! sessions a person can see and end.

use super::StaffRole;
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::lang::{Lang, Text};
use crate::unions::UnionRef;
use serde::{Deserialize, Serialize};

/// SMS codes: 6 digits, valid 5 minutes, 5 wrong tries, a new one after 60 s.
pub const OTP_DIGITS: u32 = 6;
pub const OTP_TTL_SECS: i64 = 5 * 60;
pub const OTP_MAX_ATTEMPTS: i64 = 5;
pub const OTP_RESEND_SECS: i64 = 60;
/// At most this many codes are texted to one number a day (SMS costs money, and
/// a flood of codes is harassment), on top of 5 an hour.
pub const OTP_SENDS_PER_PHONE_PER_DAY: u32 = 10;

/// Workers stay signed in 30 days; staff 30 minutes idle, 12 hours at most.
pub const WORKER_SESSION_SECS: i64 = 30 * 24 * 3600;
pub const STAFF_IDLE_SECS: i64 = 30 * 60;
pub const STAFF_MAX_SECS: i64 = 12 * 3600;

/// Whether a session is still good at `now_ms`: before its absolute end and,
/// for staff, used within the idle limit.
pub fn session_alive(staff: bool, last_seen_ms: f64, expires_ms: f64, now_ms: f64) -> bool {
    let idle_ok = !staff || now_ms - last_seen_ms <= (STAFF_IDLE_SECS * 1000) as f64;
    now_ms < expires_ms && idle_ok
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// The length rule of the password policy (the app checks it as you type; the
/// Worker adds the common-password check).
pub fn password_length(password: &str) -> Result<(), Text> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Err(Text::owned(
            format!("密码至少{PASSWORD_MIN}个字符,可以用一句好记的话"),
            format!("Use at least {PASSWORD_MIN} characters; a memorable phrase works well"),
        ))
    } else if n > PASSWORD_MAX {
        Err(why::too_long(PASSWORD_MAX))
    } else {
        Ok(())
    }
}

pub fn parse_code(raw: &str) -> Result<String, Text> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == OTP_DIGITS as usize && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(Text::new(
            "验证码是短信里的6位数字",
            "The code is the 6 digits in the text message",
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OtpRequest {
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub phone: String,
}

impl OtpRequest {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let phone = errors.check("phone", crate::phone::parse_mobile(&self.phone));
        phone.ok_or(errors)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OtpVerify {
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 12)))]
    pub code: String,
}

impl OtpVerify {
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let phone = errors.check("phone", crate::phone::parse_mobile(&self.phone));
        let code = errors.check("code", parse_code(&self.code));
        match (phone, code) {
            (Some(p), Some(c)) => Ok((p, c)),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffLogin {
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = PASSWORD_MAX)))]
    pub password: String,
}

impl StaffLogin {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.username.trim().is_empty() {
            errors.add("username", why::required());
        }
        if self.password.is_empty() {
            errors.add("password", why::required());
        } else if self.password.chars().count() > PASSWORD_MAX {
            errors.add("password", why::too_long(PASSWORD_MAX));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The one-time creation of the first platform admin on a fresh deployment,
/// authorised by the `BOOTSTRAP_TOKEN` secret. Refused once any staff exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Bootstrap {
    #[cfg_attr(feature = "openapi", schemars(length(max = 256)))]
    pub token: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = PASSWORD_MAX)))]
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WorkerMe {
    pub user_id: i64,
    /// `138****8000`
    pub phone_masked: String,
    pub display_name: Option<String>,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffMe {
    pub staff_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: StaffRole,
    /// Absent for platform admins, whose scope is every union.
    pub union: Option<UnionRef>,
}

/// Who is signed in: `{"worker": {...}}` or `{"staff": {...}}`. (Externally
/// tagged on purpose: an internally tagged enum makes serde buffer the whole
/// object, which costs the phone's app kilobytes of wasm.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Me {
    Worker(WorkerMe),
    Staff(StaffMe),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MeEnvelope {
    pub me: Me,
    /// Set when staff signed in with the password and still owe the second
    /// factor: until it is given, the session opens only that step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_factor: Option<super::SecondFactorDue>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProfileUpdate {
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub display_name: Option<String>,
    pub lang: Option<Lang>,
}

impl ProfileUpdate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Some(name) = &self.display_name {
            let n = name.trim().chars().count();
            if n > 30 {
                errors.add("display_name", why::too_long(30));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A staff member changes their own password (the current one proves it is them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PasswordChange {
    #[cfg_attr(feature = "openapi", schemars(length(max = PASSWORD_MAX)))]
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = PASSWORD_MAX)))]
    pub new_password: String,
}

impl PasswordChange {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.current_password.is_empty() {
            errors.add("current_password", why::required());
        }
        errors.check("new_password", password_length(&self.new_password));
        if errors.is_empty() && self.new_password == self.current_password {
            errors.add(
                "new_password",
                Text::new(
                    "新密码不能和原密码相同",
                    "The new password must differ from the current one",
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// One signed-in device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    /// A short description of the browser, e.g. "Android · Chrome".
    pub device: String,
    /// This is the session making the request.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionList {
    pub sessions: Vec<SessionInfo>,
    pub meta: ListMeta,
}

/// "Android · Chrome" from a User-Agent header, for the sessions list.
pub fn describe_device(user_agent: &str) -> String {
    let ua = user_agent;
    let os = [
        ("HarmonyOS", "HarmonyOS"),
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "Mac"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, v)| v);
    let browser = [
        ("MicroMessenger", "WeChat"),
        ("Edg/", "Edge"),
        ("HeadlessChrome", "Chrome"),
        ("Chrome", "Chrome"),
        ("Firefox", "Firefox"),
        ("Safari", "Safari"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, v)| v);
    match (os, browser) {
        (Some(o), Some(b)) => format!("{o} · {b}"),
        (Some(o), None) => o.to_string(),
        (None, Some(b)) => b.to_string(),
        (None, None) => "?".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_sessions_end_after_30_idle_minutes_or_12_hours() {
        let min = 60_000.0;
        let start = 1_000_000.0;
        let end = start + (STAFF_MAX_SECS * 1000) as f64;
        assert!(session_alive(true, start, end, start + 29.0 * min));
        assert!(!session_alive(true, start, end, start + 31.0 * min), "idle");
        // Active all day long still ends at 12 hours.
        assert!(session_alive(true, end - min, end, end - 1.0));
        assert!(!session_alive(true, end - min, end, end + 1.0), "absolute");
        // Workers have no idle limit within their 30 days.
        let wend = start + (WORKER_SESSION_SECS * 1000) as f64;
        assert!(session_alive(
            false,
            start,
            wend,
            start + 20.0 * 24.0 * 60.0 * min
        ));
        assert!(!session_alive(false, start, wend, wend));
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(parse_code(" 123 456 ").unwrap(), "123456");
        assert!(parse_code("12345").is_err());
        assert!(parse_code("12345a").is_err());
    }

    #[test]
    fn verify_reports_both_fields() {
        let errs = OtpVerify {
            phone: "123".into(),
            code: "x".into(),
        }
        .validate()
        .unwrap_err();
        assert!(errs.get("phone").is_some() && errs.get("code").is_some());
    }

    #[test]
    fn password_length_bounds() {
        assert!(password_length("1234567").is_err());
        assert!(password_length("12345678").is_ok());
        assert!(password_length(&"a".repeat(64)).is_ok());
        assert!(password_length(&"a".repeat(129)).is_err());
    }

    #[test]
    fn me_is_tagged_by_kind() {
        let me = Me::Worker(WorkerMe {
            user_id: 1,
            phone_masked: "138****8000".into(),
            display_name: None,
            lang: Lang::ZhCn,
        });
        let v = serde_json::to_value(&me).unwrap();
        assert_eq!(v["worker"]["user_id"], 1);
        assert_eq!(v["worker"]["lang"], "zh-CN");
        assert_eq!(serde_json::from_value::<Me>(v).unwrap(), me);
    }

    #[test]
    fn devices_are_described_plainly() {
        let ua = "Mozilla/5.0 (Linux; Android 13; V2154A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
        assert_eq!(describe_device(ua), "Android · Chrome");
        assert_eq!(describe_device(""), "?");
    }
}
