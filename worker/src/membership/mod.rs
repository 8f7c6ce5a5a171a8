//! Union membership: joining by QR code or suggestion, the review queue, member
//! cards, transfers, project-union closure, figures; and a worker's own data.

mod admin;
mod leave;
pub mod rotation;
pub mod routes;
pub mod store;
