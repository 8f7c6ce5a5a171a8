//! Dispatch from the shared route table. The coarse gates every route gets —
//! Origin on state changes, JSON bodies — run here, once, before any handler.

use crate::auth;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::reply;
use shared::routes::{self, Method, RouteId};
use shared::{ApiError, Lang, Text};
use worker::{Env, Request, Response};

pub async fn handle(req: Request, env: Env) -> Response {
    let lang = Lang::from_accept_language(
        req.headers()
            .get("accept-language")
            .ok()
            .flatten()
            .as_deref(),
    );
    let mut matched = None;
    let before = crate::db::Tally::now();
    let development = env
        .var("ENVIRONMENT")
        .map(|v| v.to_string())
        .or_else(|_| env.secret("ENVIRONMENT").map(|v| v.to_string()))
        .is_ok_and(|v| v == "development");
    let mut response = match route(req, env, &mut matched).await {
        Ok(r) => r,
        Err(e) => reply::error(e, lang),
    };
    let headers = response.headers_mut();
    if development {
        // What this request asked of D1, for the bench and the API tests.
        let used = crate::db::Tally::since(before);
        let _ = headers.set("x-d1-round-trips", &used.round_trips.to_string());
        let _ = headers.set("x-d1-rows-read", &used.rows_read.to_string());
    }
    if let Some(id) = matched {
        let _ = headers.set("x-gongyou-route", &id.operation_id());
    }
    let _ = headers.set("content-language", lang.tag());
    let _ = headers.set("vary", "accept-language, cookie");
    response
}

async fn route(req: Request, env: Env, matched: &mut Option<RouteId>) -> AppResult<Response> {
    let url = req.url()?;
    let path = url.path().to_string();
    let method = Method::parse(req.method().as_ref()).ok_or_else(method_not_supported)?;
    let (route, params) = match routes::find(method, &path) {
        Ok(found) => found,
        Err(true) => return Err(method_not_supported()),
        Err(false) => return Err(ApiError::not_found().into()),
    };
    *matched = Some(route.id);
    let params = params
        .into_iter()
        .map(|(k, v)| (k, shared::query::decode(v)))
        .collect();

    if method.changes_state() {
        check_origin(&req, &url, &env)?;
        if route.body.is_some() {
            check_json(&req)?;
        }
    }

    let mut ctx = Ctx::new(req, env, route, params);
    auth::resolve(&mut ctx).await?;
    auth::gate(
        route.access,
        ctx.principal.as_ref(),
        ctx.second_factor_due.is_some(),
    )?;
    dispatch(route.id, &mut ctx).await
}

async fn dispatch(id: RouteId, ctx: &mut Ctx) -> AppResult<Response> {
    match id {
        RouteId::System(r) => crate::system::routes::handle(r, ctx).await,
        RouteId::Accounts(r) => crate::accounts::routes::handle(r, ctx).await,
        RouteId::Unions(r) => crate::unions::routes::handle(r, ctx).await,
        RouteId::Stations(r) => crate::stations::routes::handle(r, ctx).await,
        RouteId::Membership(r) => crate::membership::routes::handle(r, ctx).await,
        RouteId::Jobs(r) => crate::jobs::routes::handle(r, ctx).await,
        RouteId::Training(r) => crate::training::routes::handle(r, ctx).await,
        RouteId::Overview(r) => crate::overview::routes::handle(r, ctx).await,
        RouteId::Attachments(r) => crate::attachments::routes::handle(r, ctx).await,
        RouteId::Benefits(r) => crate::benefits::routes::handle(r, ctx).await,
        RouteId::Locker(r) => crate::rights::locker::routes::handle(r, ctx).await,
        RouteId::Cases(r) => crate::rights::cases::routes::handle(r, ctx).await,
    }
}

fn method_not_supported() -> AppError {
    ApiError::bad_request(Text::new(
        "不支持此请求方法",
        "This method is not supported here",
    ))
    .into()
}

/// A state-changing request must come from our own pages: its `Origin` must be
/// this Worker's origin, or one listed in the `ALLOWED_ORIGINS` var.
fn check_origin(req: &Request, url: &worker::Url, env: &Env) -> AppResult<()> {
    let origin = req.headers().get("origin").ok().flatten();
    let own = url.origin().ascii_serialization();
    let allowed = env
        .var("ALLOWED_ORIGINS")
        .map(|v| v.to_string())
        .unwrap_or_default();
    match origin {
        Some(o) if o == own || allowed.split(',').any(|a| a.trim() == o) => Ok(()),
        _ => Err(ApiError::with_message(
            shared::ErrorCode::Forbidden,
            Text::new(
                "请求来源不被允许",
                "This request did not come from this site",
            ),
        )
        .into()),
    }
}

fn check_json(req: &Request) -> AppResult<()> {
    let ct = req
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if ct.to_ascii_lowercase().starts_with("application/json") {
        Ok(())
    } else {
        Err(ApiError::bad_request(Text::new(
            "请求内容必须是 JSON",
            "The request body must be JSON (Content-Type: application/json)",
        ))
        .into())
    }
}
