//! Gongyou's Cloudflare Worker: the JSON API under `/api/`. The home bundle of
//! the client is served by the assets binding before this code runs; the other
//! bundles' deep links (e.g. /admin/staff) come here and get their shell (`shells.rs`).

mod accounts;
mod attachments;
mod audit;
mod auth;
mod benefits;
mod ctx;
mod db;
mod error;
mod export;
mod idempotency;
mod jobs;
mod maintenance;
mod membership;
mod overview;
mod principal;
mod rate_limit;
mod reply;
mod rights;
mod router;
mod session;
mod shells;
mod stations;
mod system;
mod training;
mod unions;

use worker::{event, Context, Env, Request, Response, Result, ScheduleContext, ScheduledEvent};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    console_error_panic_hook_once();
    let resp = if let Some(dir) = shells::owner(&req.path()) {
        shells::serve(req, env, dir).await?
    } else {
        router::handle(req, env).await
    };
    Ok(with_security_headers(resp))
}

/// The same security headers as `public/_headers` gives the files served
/// straight from the assets (`shared::headers`), on everything the Worker
/// answers: the JSON API, the bundles' shells and their files. A copy of the
/// headers, as a fetched response's own cannot be changed.
fn with_security_headers(resp: Response) -> Response {
    let headers = resp.headers().clone();
    for (name, value) in shared::headers::SECURITY_HEADERS {
        let _ = headers.set(name, value);
    }
    resp.with_headers(headers)
}

#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    console_error_panic_hook_once();
    let now = shared::time::from_millis(js_sys::Date::now());
    if let Err(e) = maintenance::run(&env, now).await {
        worker::console_error!("maintenance failed: {e:?}");
    }
}

fn console_error_panic_hook_once() {
    use std::sync::Once;
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| worker::console_error!("panic: {info}")));
    });
}
