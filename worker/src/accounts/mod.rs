//! Accounts: signing in, sessions, staff management and the audit log.
//! `otp.rs` sends and checks SMS codes (also for employers' contact phones);
//! `sms.rs` is the SMS provider; `routes/` the handlers; `store.rs` all SQL.

pub mod otp;
pub mod routes;
pub mod sms;
pub mod store;
