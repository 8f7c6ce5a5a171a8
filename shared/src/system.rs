//! Service-level endpoints: health and the API's own description.

use crate::routes::{schema, Access, Method, Reply, Route, RouteId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SystemRoute {
    Health,
    OpenApi,
}

pub const ROUTES: &[Route] = &[
    Route::new(
        RouteId::System(SystemRoute::Health),
        Method::Get,
        "/api/health",
        Access::Public,
        "Service health: database and KV reachable",
        Reply::Json(schema!(Health)),
    ),
    Route::new(
        RouteId::System(SystemRoute::OpenApi),
        Method::Get,
        "/api/openapi.json",
        Access::Public,
        "This OpenAPI 3.1 document",
        Reply::Json(schema!(serde_json::Value)),
    ),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Health {
    /// "ok" when every dependency answered.
    pub status: String,
    pub database: bool,
    pub kv: bool,
    /// Migrations applied to D1.
    pub migrations: u32,
    pub version: String,
    pub time: String,
}
