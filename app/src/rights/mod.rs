//! Rights (维权), the worker's side: filing a wage complaint, inviting
//! co-workers by link or QR code, joining a collective complaint, and one's
//! cases with the status, the next step (read aloud), the clocks and the hotlines.

mod case_file;
mod case_join;
mod case_page;

pub use case_file::{FileCase, MyCases};
pub use case_join::JoinCase;
pub use case_page::CasePage;
