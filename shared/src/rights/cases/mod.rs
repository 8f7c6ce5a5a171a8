//! Wage-arrears complaints and cases (欠薪投诉): a worker files, co-workers
//! join by a signed invitation, the union where the work happened follows the
//! case to money recovered.
//!
//! | file | holds |
//! |---|---|
//! | `status.rs` | the status machine and each status in plain words with the next step |
//! | `complaint.rs` | the complaint, each claimant's claim, representatives, the invitation's signed text |
//! | `action.rs` | what staff send for each move (missing items, reason, agreement, referral, recovery, follow-up), mediation sessions |
//! | `threshold.rs` | the province thresholds of 拒不支付劳动报酬罪, as information |
//! | `api.rs` | views, lists and queries |
//! | `routes.rs` | the route table |
//!
//! The clocks are in `rights::clocks`, the calendar they count in in `rights::holidays`.

mod action;
mod api;
mod complaint;
mod routes;
mod status;
mod threshold;

pub use action::*;
pub use api::*;
pub use complaint::*;
pub use routes::*;
pub use status::*;
pub use threshold::*;
