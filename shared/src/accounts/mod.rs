//! Accounts: who is asking, and what they may do.

mod roles;
pub use roles::*;
