//! Accounts: who is asking, and what they may do. Workers sign in by SMS code,
//! staff by password; staff act for one union and everything below it.

mod audit;
mod auth;
mod export;
mod roles;
mod routes;
mod scope;
mod second_factor;
mod staff;

pub use audit::*;
pub use auth::*;
pub use export::*;
pub use roles::*;
pub use routes::*;
pub use scope::*;
pub use second_factor::*;
pub use staff::*;
