//! Accounts: signing in, sessions, staff management and the audit log.
//! `otp.rs` sends and checks SMS codes (also for employers' contact phones);
//! `sms.rs` is the SMS provider; `routes/` the handlers; `store.rs` all SQL;
//! `rotation.rs` moves second-factor secrets to the current key.

pub mod otp;
pub mod rotation;
pub mod routes;
pub mod sms;
pub mod store;

/// What a staff member's sealed TOTP secret is bound to.
pub fn second_factor_aad(staff_id: i64) -> String {
    format!("staff-totp:{staff_id}")
}
