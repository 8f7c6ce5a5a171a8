//! The one fetch helper of the app. Every call sends the reader's language and
//! turns failures into `ApiFailure`: either no network, or the API's typed error.

use crate::i18n;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{de::DeserializeOwned, Serialize};
use shared::error::{ErrorBody, ErrorCode, ErrorEnvelope};
use shared::{Lang, Text};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// No answer: no signal, or the server unreachable. Safe to retry.
    Offline,
    /// The API answered with an error.
    Api { status: u16, error: ErrorBody },
}

impl ApiFailure {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiFailure::Offline => Text::new(
                "网络不通,请检查信号后重试",
                "No connection. Check your signal and try again",
            )
            .get(lang)
            .to_string(),
            ApiFailure::Api { error, .. } => error.message.clone(),
        }
    }

    /// Why one field was rejected, if the API said so.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiFailure::Api { error, .. } => error.fields.get(name).cloned(),
            ApiFailure::Offline => None,
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        matches!(self, ApiFailure::Api { error, .. } if error.code == code)
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Api { status, .. } => Some(*status),
            ApiFailure::Offline => None,
        }
    }
}

fn prepare(builder: RequestBuilder) -> RequestBuilder {
    builder
        .header("Accept-Language", i18n::current().tag())
        .header("Accept", "application/json")
}

async fn finish<T: DeserializeOwned>(
    sent: Result<Response, gloo_net::Error>,
) -> Result<T, ApiFailure> {
    let text = finish_text(sent).await?;
    serde_json::from_str(if text.is_empty() { "null" } else { &text })
        .map_err(|_| ApiFailure::Offline)
}

/// The body of a successful reply as JSON text ("" for 204), or the failure.
async fn finish_text(sent: Result<Response, gloo_net::Error>) -> Result<String, ApiFailure> {
    let resp = sent.map_err(|_| ApiFailure::Offline)?;
    let status = resp.status();
    if (200..300).contains(&status) {
        return resp.text().await.map_err(|_| ApiFailure::Offline);
    }
    if status == 401 {
        // The session ended (expired, signed out elsewhere): guards send the person to sign in.
        crate::auth::set_me(None);
    }
    match resp.json::<ErrorEnvelope>().await {
        Ok(env) => Err(ApiFailure::Api {
            status,
            error: env.error,
        }),
        // Not our API answering (a proxy, a captive portal): treat as no connection.
        Err(_) => Err(ApiFailure::Offline),
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    finish(prepare(Request::get(path)).send().await).await
}

/// The JSON text of a successful GET, to keep on the phone as it came.
pub async fn get_text(path: &str) -> Result<String, ApiFailure> {
    finish_text(prepare(Request::get(path)).send().await).await
}

/// POST/PUT/PATCH/DELETE with a JSON body. `idempotency_key` makes a retry safe.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
    idempotency_key: Option<&str>,
) -> Result<T, ApiFailure> {
    let text = serde_json::to_string(body).map_err(|_| ApiFailure::Offline)?;
    let reply = send_text(method, path, text, idempotency_key).await?;
    serde_json::from_str(if reply.is_empty() { "null" } else { &reply })
        .map_err(|_| ApiFailure::Offline)
}

/// Like `send`, with the body and the reply as JSON text (the outbox stores them so).
pub async fn send_text(
    method: &str,
    path: &str,
    body: String,
    idempotency_key: Option<&str>,
) -> Result<String, ApiFailure> {
    let builder = match method {
        "PUT" => Request::put(path),
        "PATCH" => Request::patch(path),
        "DELETE" => Request::delete(path),
        _ => Request::post(path),
    };
    let mut builder = prepare(builder);
    if let Some(key) = idempotency_key {
        builder = builder.header("Idempotency-Key", key);
    }
    let request = builder
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ApiFailure::Offline)?;
    finish_text(request.send().await).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    send("POST", path, body, None).await
}
