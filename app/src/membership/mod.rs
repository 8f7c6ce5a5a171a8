//! Joining the union on the worker's side: a QR poster leads to `/join/{code}`,
//! the enrolment form (or, for a member, the transfer form), the member card and
//! progress at `/membership`, leaving and withdrawing consent at
//! `/membership/leave` and `/membership/consent`, and the staff check of a scanned card at
//! `/verify/member`. Served by the `account` bundle, with sign-in and 我的, so
//! one download covers a scan from sign-in to submission.

mod card;
mod consent;
mod enrol;
mod find;
mod join;
mod leave;
mod mine;
mod transfer;
mod verify;

pub use consent::WithdrawConsent;
pub use find::Find;
pub use join::Join;
pub use leave::{EndingLinks, Leave};
pub use mine::Mine;
pub use verify::Verify;

/// Forgets this person's membership kept on the phone — the card and any
/// unsent form drafts — when they sign out or delete the account: on a shared
/// phone the next person must not see their details or ID number.
pub fn forget() {
    card::forget();
    crate::draft::clear(enrol::DRAFT);
    crate::draft::clear(transfer::DRAFT);
    crate::draft::clear(leave::DRAFT);
}
