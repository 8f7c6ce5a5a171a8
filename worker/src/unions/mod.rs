//! The union tree.

pub mod routes;
pub mod store;
