//! Building responses: JSON (`ok`, `json_response`), 204, SVG and other typed
//! bodies, and the one mapping of `AppError` to HTTP (`error`).

use crate::error::{AppError, AppResult};
use serde::Serialize;
use shared::Lang;
use worker::{Headers, Response};

pub fn json_response<T: Serialize>(status: u16, body: &T) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".into());
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    let _ = headers.set("cache-control", "no-store");
    Response::ok(text)
        .map(|r| r.with_status(status).with_headers(headers))
        .unwrap_or_else(|_| Response::empty().unwrap())
}

/// 200 with a JSON body.
pub fn ok<T: Serialize>(body: &T) -> AppResult<Response> {
    Ok(json_response(200, body))
}

/// 204, no body.
pub fn no_content() -> AppResult<Response> {
    Ok(Response::empty()?.with_status(204))
}

/// An SVG image (QR codes), cacheable by the browser for a day.
pub fn svg(body: String) -> AppResult<Response> {
    let mut r = typed(body.into_bytes(), "image/svg+xml; charset=utf-8", None)?;
    r.headers_mut()
        .set("cache-control", "private, max-age=86400")?;
    Ok(r)
}

/// A non-JSON body (CSV, SVG) with its content type.
pub fn typed(body: Vec<u8>, content_type: &str, filename: Option<&str>) -> AppResult<Response> {
    let headers = Headers::new();
    headers.set("content-type", content_type)?;
    if let Some(name) = filename {
        headers.set(
            "content-disposition",
            &format!("attachment; filename=\"{name}\""),
        )?;
    }
    Ok(Response::from_bytes(body)?.with_headers(headers))
}

/// A download written as it is read: `pages` yields the file's bytes a part
/// at a time, so an export of any size never sits whole in memory.
pub fn typed_stream<S>(pages: S, content_type: &str, filename: &str) -> AppResult<Response>
where
    S: futures_util::Stream<Item = Result<Vec<u8>, worker::Error>> + 'static,
{
    let headers = Headers::new();
    headers.set("content-type", content_type)?;
    headers.set(
        "content-disposition",
        &format!("attachment; filename=\"{filename}\""),
    )?;
    Ok(Response::from_stream(pages)?.with_headers(headers))
}

/// The error reply, in the caller's language: the only place an `AppError`
/// becomes HTTP. Internal details are logged, never sent.
pub fn error(e: AppError, lang: Lang) -> Response {
    let api = e.into_api();
    let mut response = json_response(api.status(), &api.render(lang));
    if let Some(secs) = api.retry_after {
        let _ = response.headers_mut().set("retry-after", &secs.to_string());
    }
    response
}
