//! Rights (维权): wage-arrears complaints and cases with their statutory
//! clocks, counted in the holiday calendar.
//!
//! | module | holds |
//! |---|---|
//! | `cases/` | complaints, the case status machine, staff actions, thresholds, views, routes |
//! | `clocks.rs` | the statutory clocks and their warnings |
//! | `holidays.rs` | public holidays and swapped working days; working-day counting |

pub mod cases;
pub mod clocks;
pub mod holidays;

pub use cases::{CasesRoute, ROUTES as CASES_ROUTES};
