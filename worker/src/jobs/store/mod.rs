//! All SQL of jobs and gig matching, one file per part of the capability.
//! Literal SQL with bound values only; the few statements that vary pick from
//! constant fragments (a sort order, a full-text table), never from input.
#![allow(clippy::too_many_arguments)]

mod employers;
mod fairs;
mod figures;
mod jobs;
mod moderation;
mod search;
mod seekers;

pub use employers::*;
pub use fairs::*;
pub use figures::*;
pub use jobs::*;
pub use moderation::*;
pub use search::*;
pub use seekers::*;

/// D1 has no booleans: 0 and 1.
fn flag(v: i64) -> bool {
    v != 0
}

/// A stored JSON list, or empty when unreadable.
fn json_list<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_default()
}
