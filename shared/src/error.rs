//! Typed API errors. Every failure the API reports is one of these codes, with a
//! message and per-field reasons in the caller's language. The wire shape is
//! `{"error": {"code": "...", "message": "...", "fields": {"field": "why"}}}`.

use crate::lang::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    Validation,
    /// The body is larger than the route accepts (413); nothing past the limit was read.
    PayloadTooLarge,
    RateLimited,
    /// Never caused by the caller's input; details are logged, not sent.
    Internal,
}

impl ErrorCode {
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthenticated => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::Validation => 422,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
        }
    }

    fn default_message(self) -> Text {
        match self {
            ErrorCode::BadRequest => Text::new("请求格式不正确", "The request is malformed"),
            ErrorCode::Unauthenticated => Text::new("请先登录", "Please sign in first"),
            ErrorCode::Forbidden => {
                Text::new("您没有权限进行此操作", "You are not allowed to do this")
            }
            ErrorCode::NotFound => Text::new("没有找到", "Not found"),
            ErrorCode::Conflict => {
                Text::new("与已有记录冲突", "This conflicts with an existing record")
            }
            ErrorCode::Validation => Text::new("请检查填写的内容", "Please check what you entered"),
            ErrorCode::PayloadTooLarge => Text::new("提交的内容太大", "What you sent is too large"),
            ErrorCode::RateLimited => Text::new(
                "操作太频繁,请稍后再试",
                "Too many attempts, please try again later",
            ),
            ErrorCode::Internal => Text::new(
                "服务暂时出错,请稍后再试",
                "Something went wrong, please try again later",
            ),
        }
    }
}

/// Why one field was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub why: Text,
}

/// A collector for validation: rules push field errors, then `finish` turns a
/// non-empty list into a 422 `ApiError`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, why: Text) {
        let field = field.into();
        // Keep the first reason per field: it is the most basic one.
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError { field, why });
        }
    }

    /// Records the error of a field check, if any.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Text>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(why) => {
                self.add(field, why);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&Text> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.why)
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self))
        }
    }
}

/// Checks a free-text field's length in characters (after trimming) and returns it trimmed.
pub fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n == 0 && min > 0 {
        errors.add(field, why::required());
    } else if n < min {
        errors.add(field, why::too_short(min));
    } else if n > max {
        errors.add(field, why::too_long(max));
    }
    v.to_string()
}

/// `Ok(value)` when no field error was recorded.
pub fn finish<T>(errors: FieldErrors, value: T) -> Result<T, FieldErrors> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(errors)
    }
}

/// A failure the API reports to its caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: Text,
    pub fields: Vec<FieldError>,
    /// With 429: seconds until a retry can succeed (sent as `Retry-After`).
    pub retry_after: Option<u32>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            message: code.default_message(),
            code,
            fields: Vec::new(),
            retry_after: None,
        }
    }

    pub fn with_message(code: ErrorCode, message: Text) -> Self {
        ApiError {
            code,
            message,
            fields: Vec::new(),
            retry_after: None,
        }
    }

    pub fn validation(errors: FieldErrors) -> Self {
        ApiError {
            fields: errors.0,
            ..ApiError::new(ErrorCode::Validation)
        }
    }

    /// A 422 for one field.
    pub fn field(field: &str, why: Text) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, why);
        ApiError::validation(e)
    }

    /// A 403 that names the field pointing outside what the caller may act on
    /// (e.g. a union outside their subtree in a creation's body).
    pub fn forbidden_field(field: &str, why: Text) -> Self {
        ApiError {
            fields: vec![FieldError {
                field: field.into(),
                why,
            }],
            ..Self::new(ErrorCode::Forbidden)
        }
    }

    pub fn bad_request(message: Text) -> Self {
        Self::with_message(ErrorCode::BadRequest, message)
    }
    pub fn unauthenticated() -> Self {
        Self::new(ErrorCode::Unauthenticated)
    }
    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden)
    }
    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound)
    }
    pub fn conflict(message: Text) -> Self {
        Self::with_message(ErrorCode::Conflict, message)
    }
    pub fn rate_limited(retry_after_secs: u32) -> Self {
        ApiError {
            retry_after: Some(retry_after_secs.max(1)),
            ..Self::new(ErrorCode::RateLimited)
        }
    }
    /// A 413: the body is over `limit_bytes`.
    pub fn too_large(limit_bytes: u32) -> Self {
        let kb = limit_bytes.div_ceil(1024);
        Self::with_message(
            ErrorCode::PayloadTooLarge,
            Text::owned(
                format!("提交的内容太大,最多 {kb} KB"),
                format!("What you sent is too large: at most {kb} KB"),
            ),
        )
    }
    pub fn internal() -> Self {
        Self::new(ErrorCode::Internal)
    }

    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// The wire form in the reader's language.
    pub fn render(&self, lang: Lang) -> ErrorEnvelope {
        ErrorEnvelope {
            error: ErrorBody {
                code: self.code,
                message: self.message.get(lang).to_string(),
                fields: self
                    .fields
                    .iter()
                    .map(|f| (f.field.clone(), f.why.get(lang).to_string()))
                    .collect(),
            },
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::validation(e)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// In the caller's language (zh-CN unless `Accept-Language` prefers English).
    pub message: String,
    /// Field name → why it was rejected, in the caller's language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// Plain reasons shared by many rules.
pub mod why {
    use crate::lang::Text;

    pub fn required() -> Text {
        Text::new("这一项必须填写", "This is required")
    }
    pub fn too_long(max: usize) -> Text {
        Text::owned(
            format!("不能超过{max}个字"),
            format!("At most {max} characters"),
        )
    }
    pub fn too_short(min: usize) -> Text {
        Text::owned(
            format!("至少需要{min}个字"),
            format!("At least {min} characters"),
        )
    }
    pub fn out_of_range(min: impl std::fmt::Display, max: impl std::fmt::Display) -> Text {
        Text::owned(
            format!("应在 {min} 到 {max} 之间"),
            format!("Must be between {min} and {max}"),
        )
    }
    pub fn not_a_choice() -> Text {
        Text::new("请从列表中选择", "Choose one of the listed options")
    }
    pub fn bad_date() -> Text {
        Text::new(
            "日期格式应为 年-月-日,例如 2025-03-28",
            "Use a date like 2025-03-28",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_are_trimmed_and_measured_in_characters() {
        let mut e = FieldErrors::new();
        assert_eq!(text_field(&mut e, "a", "  木工  ", 2, 4), "木工");
        assert!(e.is_empty());
        text_field(&mut e, "b", "木", 2, 4);
        text_field(&mut e, "c", "钢筋工程", 2, 3);
        text_field(&mut e, "d", "   ", 2, 4);
        text_field(&mut e, "e", "", 0, 4);
        assert_eq!(e.get("b"), Some(&why::too_short(2)));
        assert_eq!(e.get("c"), Some(&why::too_long(3)));
        assert_eq!(e.get("d"), Some(&why::required()));
        assert_eq!(e.get("e"), None);
    }

    #[test]
    fn validation_error_renders_fields_in_both_languages() {
        let mut errs = FieldErrors::new();
        errs.add("phone", Text::new("手机号不正确", "Invalid mobile number"));
        errs.add("phone", Text::new("第二个原因", "second reason"));
        let err = errs.finish().unwrap_err();
        assert_eq!(err.status(), 422);
        let zh = err.render(Lang::ZhCn);
        assert_eq!(zh.error.fields["phone"], "手机号不正确");
        let en = err.render(Lang::En);
        assert_eq!(en.error.fields["phone"], "Invalid mobile number");
        assert_eq!(en.error.message, "Please check what you entered");
        let json = serde_json::to_value(&en).unwrap();
        assert_eq!(json["error"]["code"], "validation");
    }

    #[test]
    fn every_caller_error_is_a_4xx() {
        for code in [
            ErrorCode::BadRequest,
            ErrorCode::Unauthenticated,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::Validation,
            ErrorCode::RateLimited,
        ] {
            assert!((400..500).contains(&code.status()), "{code:?}");
        }
    }

    #[test]
    fn empty_field_errors_pass() {
        assert!(FieldErrors::new().finish().is_ok());
    }
}
