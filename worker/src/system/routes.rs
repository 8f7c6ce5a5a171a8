//! Health and the OpenAPI document.

use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::reply::ok;
use shared::system::{Health, SystemRoute};
use worker::Response;

pub async fn handle(route: SystemRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        SystemRoute::Health => health(ctx).await,
        SystemRoute::OpenApi => ok(&shared::openapi::document(env!("CARGO_PKG_VERSION"))),
    }
}

async fn health(ctx: &Ctx) -> AppResult<Response> {
    let migrations = match ctx.db() {
        Ok(db) => db::first::<db::Count>(&db, "SELECT count(*) AS n FROM d1_migrations", &[])
            .await
            .ok()
            .flatten()
            .map(|c| c.n as u32),
        Err(_) => None,
    };
    let kv = match ctx.kv() {
        Ok(kv) => kv.get("health-probe").text().await.is_ok(),
        Err(_) => false,
    };
    let database = migrations.is_some();
    ok(&Health {
        status: if database && kv { "ok" } else { "degraded" }.into(),
        database,
        kv,
        migrations: migrations.unwrap_or(0),
        version: env!("CARGO_PKG_VERSION").into(),
        time: shared::time::rfc3339(ctx.now),
    })
}
