//! Handlers of accounts, one file per concern: parse, authorise, call the
//! store, shape the reply.
//!
//! | file | handlers of |
//! |---|---|
//! | `sign_in.rs` | SMS codes and worker sign-in, staff sign-in, bootstrap, sign-out |
//! | `second_factor.rs` | the staff second factor: setting up an authenticator, giving its code |
//! | `me.rs` | the signed-in person: profile, sessions, password, data export and deletion |
//! | `staff.rs` | staff management and the audit log, in the caller's subtree |

mod me;
mod second_factor;
mod sign_in;
mod staff;

use crate::ctx::Ctx;
use crate::error::AppResult;
use shared::accounts::AccountsRoute;
use worker::Response;

pub async fn handle(route: AccountsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        AccountsRoute::OtpSend => sign_in::otp_send(ctx).await,
        AccountsRoute::OtpVerify => sign_in::otp_verify(ctx).await,
        AccountsRoute::StaffLogin => sign_in::staff_login(ctx).await,
        AccountsRoute::SecondFactorVerify => second_factor::verify(ctx).await,
        AccountsRoute::SecondFactorEnrol => second_factor::enrol(ctx).await,
        AccountsRoute::SecondFactorConfirm => second_factor::confirm(ctx).await,
        AccountsRoute::Bootstrap => sign_in::bootstrap(ctx).await,
        AccountsRoute::Logout => sign_in::logout(ctx).await,
        AccountsRoute::Me => me::me(ctx).await,
        AccountsRoute::MeUpdate => me::me_update(ctx).await,
        AccountsRoute::Sessions => me::sessions(ctx).await,
        AccountsRoute::SessionEnd => me::session_end(ctx).await,
        AccountsRoute::PasswordChange => me::password_change(ctx).await,
        AccountsRoute::ExportData => me::export_data(ctx).await,
        AccountsRoute::DeleteAccount => me::delete_account(ctx).await,
        AccountsRoute::StaffList => staff::list(ctx).await,
        AccountsRoute::StaffCreate => staff::create(ctx).await,
        AccountsRoute::StaffUpdate => staff::update(ctx).await,
        AccountsRoute::AuditList => staff::audit_log(ctx).await,
    }
}
