//! Accounts: signing in, sessions, staff management and the audit log.

pub mod routes;
mod sms;
pub mod store;
