//! All SQL of jobs and gig matching, one file per part of the capability.
//! Literal SQL with bound values only; the few statements that vary pick from
//! constant fragments (a sort order, a full-text table), never from input.
//! This file only gathers the parts; helpers they share live in a part of
//! their own (`decode.rs`), so no part reaches back up here.
#![allow(clippy::too_many_arguments)]

mod decode;
mod employers;
mod export;
mod fairs;
mod figures;
mod jobs;
mod moderation;
mod search;
mod seekers;

pub use employers::*;
pub use export::*;
pub use fairs::*;
pub use figures::*;
pub use jobs::*;
pub use moderation::*;
pub use search::*;
pub use seekers::*;
