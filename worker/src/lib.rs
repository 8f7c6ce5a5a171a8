//! Gongyou's Cloudflare Worker: the JSON API under `/api/`. Static assets (the
//! Trunk-built app) are served by the Workers assets binding before this code
//! runs, so every request that reaches here is an API call.

mod accounts;
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
    Ok(router::handle(req, env).await)
}

fn console_error_panic_hook_once() {
    use std::sync::Once;
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| worker::console_error!("panic: {info}")));
    });
}
