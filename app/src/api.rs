//! The one fetch helper of the app. Every call sends the reader's language and
//! turns failures into `ApiFailure`: no network, the API's typed error, or a
//! reply the app cannot read. Paths come from `shared::api_url!`.

use crate::{i18n, storage};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{de::DeserializeOwned, Serialize};
use shared::error::{ErrorBody, ErrorCode, ErrorEnvelope};
use shared::routes::Method;
use shared::{Lang, Text};
use std::future::Future;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// No answer from the API: no signal, the server unreachable, or something
    /// else answering in its place — a page that is not JSON (a captive portal's
    /// sign-in page, a proxy's or the CDN's error page). The API always answers
    /// JSON, so such a page means it was not reached. Safe to retry.
    Offline,
    /// The API answered with an error.
    Api { status: u16, error: ErrorBody },
    /// The API answered (JSON) but not in the shape this version of the app
    /// expects: a success whose body does not decode, or an error status without
    /// the API's error envelope. A contract bug or an old app, not the network;
    /// retrying the same request will not help.
    BadReply,
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
            ApiFailure::BadReply => Text::new(
                "出了点问题,请稍后再试,或更新应用",
                "Something went wrong. Try again later, or update the app",
            )
            .get(lang)
            .to_string(),
        }
    }

    /// Why one field was rejected, if the API said so.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiFailure::Api { error, .. } => error.fields.get(name).cloned(),
            ApiFailure::Offline | ApiFailure::BadReply => None,
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        matches!(self, ApiFailure::Api { error, .. } if error.code == code)
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiFailure::Api { status, .. } => Some(*status),
            ApiFailure::Offline | ApiFailure::BadReply => None,
        }
    }
}

/// A random id this phone keeps: sent with every submission, so the server
/// keeps an anonymous person's Idempotency-Keys apart from other strangers',
/// and used to count an anonymous check-in once an hour.
pub fn device_id() -> String {
    const KEY: &str = "gy.device";
    storage::get(KEY).unwrap_or_else(|| {
        let id = crate::outbox::new_key();
        storage::set(KEY, &id);
        id
    })
}

fn prepare(builder: RequestBuilder) -> RequestBuilder {
    builder
        .header("Accept-Language", i18n::current().tag())
        .header("Accept", "application/json")
}

/// Our API answers JSON (or nothing, for 204); see `ApiFailure::Offline`.
fn is_json(resp: &Response) -> bool {
    resp.headers()
        .get("content-type")
        .is_some_and(|t| t.contains("json"))
}

/// A successful reply decoded as `T` ("" for 204 decodes as `null`). JSON that
/// does not decode is a `BadReply`; a page that is not JSON, `Offline`.
fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiFailure> {
    let text = if reply.text.is_empty() {
        "null"
    } else {
        &reply.text
    };
    serde_json::from_str(text).map_err(|_| {
        if reply.json || reply.text.is_empty() {
            ApiFailure::BadReply
        } else {
            ApiFailure::Offline
        }
    })
}

/// The body of a successful reply, and whether it came as JSON.
struct Reply {
    text: String,
    json: bool,
}

async fn finish(sent: Result<Response, gloo_net::Error>) -> Result<Reply, ApiFailure> {
    let resp = sent.map_err(|_| ApiFailure::Offline)?;
    let status = resp.status();
    let json = is_json(&resp);
    if status == 401 {
        // The session ended (expired, signed out elsewhere): guards send the person to sign in.
        crate::auth::set_me(None);
    }
    // A body that does not arrive in full is a dropped connection.
    let text = resp.text().await.map_err(|_| ApiFailure::Offline)?;
    if (200..300).contains(&status) {
        return Ok(Reply { text, json });
    }
    match serde_json::from_str::<ErrorEnvelope>(&text) {
        Ok(env) => Err(ApiFailure::Api {
            status,
            error: env.error,
        }),
        Err(_) if json => Err(ApiFailure::BadReply),
        // Not our API answering (a proxy, a captive portal): see `ApiFailure::Offline`.
        Err(_) => Err(ApiFailure::Offline),
    }
}

/// A GET decoded as `T`. The request is made before the future is returned, so
/// it does not borrow `path` (`api::get(&api_url!(…))` in a resource is fine).
pub fn get<T: DeserializeOwned>(path: &str) -> impl Future<Output = Result<T, ApiFailure>> {
    let request = prepare(Request::get(path));
    async move { decode(finish(request.send().await).await?) }
}

/// The text of a successful GET, to keep on the phone as it came.
pub fn get_text(path: &str) -> impl Future<Output = Result<String, ApiFailure>> {
    let request = prepare(Request::get(path));
    async move { Ok(finish(request.send().await).await?.text) }
}

/// POST/PUT/PATCH/DELETE with a JSON body. `idempotency_key` makes a retry safe.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
    idempotency_key: Option<&str>,
) -> Result<T, ApiFailure> {
    let text = serde_json::to_string(body).map_err(|_| ApiFailure::BadReply)?;
    decode(send_raw(method, path, text, idempotency_key).await?)
}

/// Like `send`, with the body and the reply as JSON text (the outbox stores them so).
pub async fn send_text(
    method: Method,
    path: &str,
    body: String,
    idempotency_key: Option<&str>,
) -> Result<String, ApiFailure> {
    Ok(send_raw(method, path, body, idempotency_key).await?.text)
}

async fn send_raw(
    method: Method,
    path: &str,
    body: String,
    idempotency_key: Option<&str>,
) -> Result<Reply, ApiFailure> {
    let builder = match method {
        Method::Put => Request::put(path),
        Method::Patch => Request::patch(path),
        Method::Delete => Request::delete(path),
        Method::Post => Request::post(path),
        Method::Get => Request::get(path),
    };
    let mut builder = prepare(builder);
    if let Some(key) = idempotency_key {
        builder = builder
            .header("Idempotency-Key", key)
            .header(shared::api::DEVICE_ID_HEADER, &device_id());
    }
    let request = builder
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ApiFailure::Offline)?;
    let reply = finish(request.send().await).await?;
    // Our API answers a change with JSON or nothing (204); a page instead means
    // it was not reached, so the outbox keeps the submission.
    if !reply.json && !reply.text.is_empty() {
        return Err(ApiFailure::Offline);
    }
    Ok(reply)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    send(Method::Post, path, body, None).await
}

/// POSTs a file (a `Blob`) as the raw body, with its Idempotency-Key, and
/// decodes the JSON reply: the attachments upload.
pub async fn send_file<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::Blob,
    idempotency_key: &str,
) -> Result<T, ApiFailure> {
    let content_type = match file.type_() {
        t if t.is_empty() => "application/octet-stream".to_string(),
        t => t,
    };
    let request = prepare(Request::post(path))
        .header("Idempotency-Key", idempotency_key)
        .header(shared::api::DEVICE_ID_HEADER, &device_id())
        .header("Content-Type", &content_type)
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|_| ApiFailure::Offline)?;
    decode(finish(request.send().await).await?)
}
