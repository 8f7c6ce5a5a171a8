//! Gongyou's shared crate: the API contract (wire types, route table), validation
//! and domain rules, used by both the app (wasm, in the browser) and the Worker.
//! It has no wasm-only dependencies, so `cargo test` runs it natively.

pub mod accounts;
pub mod api;
pub mod attachments;
pub mod benefits;
pub mod bundles;
pub mod error;
pub mod geo;
pub mod headers;
pub mod id_number;
pub mod jobs;
pub mod lang;
#[cfg(feature = "openapi")]
pub mod limits;
pub mod membership;
pub mod money;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod overview;
pub mod phone;
pub mod query;
pub mod rights;
pub mod routes;
#[cfg(feature = "server")]
pub mod server;
pub mod speech;
pub mod stations;
pub mod system;
pub mod time;
pub mod trades;
pub mod training;
pub mod unions;
pub mod uscc;
pub mod vocab;

pub use error::{ApiError, ErrorCode, FieldErrors};
pub use lang::{Lang, Text};
