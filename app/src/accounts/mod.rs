//! Accounts on the worker side: sign-in by SMS code, and 我的 — the `account`
//! bundle (/login, /me).

mod app;
mod login;
mod me;

pub use app::App;
pub use login::Login;
pub use me::{Me, Sessions, SignOutButton};
