//! Gongyou's Cloudflare Worker: the JSON API under `/api/`. The workers' app is
//! served by the assets binding before this code runs; the staff workspace's
//! deep links under `/admin/` come here and get its shell (`admin.rs`).

mod accounts;
mod admin;
mod audit;
mod auth;
mod ctx;
mod db;
mod error;
mod idempotency;
mod rate_limit;
mod router;
mod session;
mod system;
mod unions;

use worker::{event, Context, Env, Request, Response, Result};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    console_error_panic_hook_once();
    let path = req.path();
    if path == "/admin" || path.starts_with("/admin/") {
        return admin::serve(req, env).await;
    }
    Ok(router::handle(req, env).await)
}

fn console_error_panic_hook_once() {
    use std::sync::Once;
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| worker::console_error!("panic: {info}")));
    });
}
