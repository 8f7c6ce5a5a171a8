//! Accounts: signing in, sessions, staff management and the audit log.

pub mod routes;
pub mod sms;
pub mod store;
