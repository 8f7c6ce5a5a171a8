//! The union tree.

pub mod routes;
pub mod scope;
pub mod store;
