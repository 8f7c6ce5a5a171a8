//! The Worker's one error type, mapped to HTTP in exactly one place
//! (`into_response`). Caller mistakes are `Api` errors with a message in the
//! caller's language; everything else is `Internal`, logged and never shown.

use shared::{ApiError, Lang};
use worker::Response;

#[derive(Debug)]
pub enum AppError {
    Api(ApiError),
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        AppError::Api(e)
    }
}

impl From<shared::FieldErrors> for AppError {
    fn from(e: shared::FieldErrors) -> Self {
        AppError::Api(e.into())
    }
}

impl From<worker::Error> for AppError {
    fn from(e: worker::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<worker::kv::KvError> for AppError {
    fn from(e: worker::kv::KvError) -> Self {
        AppError::Internal(format!("kv: {e}"))
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        AppError::Internal(format!("json: {e}"))
    }
}

impl AppError {
    pub fn into_response(self, lang: Lang) -> Response {
        let api = match self {
            AppError::Api(e) => e,
            AppError::Internal(detail) => {
                worker::console_error!("internal error: {detail}");
                ApiError::internal()
            }
        };
        let mut response = crate::ctx::json_response(api.status(), &api.render(lang));
        if let Some(secs) = api.retry_after {
            let _ = response.headers_mut().set("retry-after", &secs.to_string());
        }
        response
    }
}
