//! All SQL of the station map, one file per part, as in `jobs/store/`. Literal
//! SQL with bound values only. This file only gathers the parts.

mod bulk;
mod export;
mod lists;
mod nearby;
mod reports;
mod stations;
mod visits;

pub use bulk::*;
pub use export::*;
pub use lists::*;
pub use nearby::*;
pub use reports::*;
pub use stations::*;
pub use visits::*;
