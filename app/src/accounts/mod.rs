//! Accounts on the worker side: sign-in by SMS code, and 我的.

mod login;
mod me;

pub use login::Login;
pub use me::{Me, Sessions, SignOutButton};
