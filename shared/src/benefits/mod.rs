//! Benefits (服务与帮扶): the rules of the hardship self-check (困难职工帮扶)
//! and of medical mutual aid's time limits (职工医疗互助).
//!
//! | file | holds |
//! |---|---|
//! | `hardship.rs` | the hardship self-check: the monthly figure per person and the category it falls in, with the numbers shown |
//! | `medical.rs` | medical mutual aid's deadlines: notice after discharge, and the 2-year claim limit |

mod hardship;
mod medical;

pub use hardship::*;
pub use medical::*;
