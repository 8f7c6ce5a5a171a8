//! Rights (维权): the evidence locker (记工本) a worker keeps of the days they
//! worked, and the wage-arrears complaints and cases the union follows with
//! their statutory clocks, counted in the holiday calendar.
//!
//! | module | holds |
//! |---|---|
//! | `locker/` | day entries, their canonical form and hash chain, corrections, 对工 codes, the monthly summary, the locker's routes |
//! | `cases/` | complaints, the case status machine, staff actions, thresholds, views, routes |
//! | `clocks.rs` | the statutory clocks and their warnings |
//! | `holidays.rs` | public holidays and swapped working days; working-day counting |

pub mod cases;
pub mod clocks;
pub mod holidays;
pub mod locker;

pub use cases::{CasesRoute, ROUTES as CASES_ROUTES};
pub use locker::*;
