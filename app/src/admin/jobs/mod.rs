//! Jobs, staff side: the employer verification queue and records, the jobs of
//! the subtree (posting on an employer's behalf with the employers' own job
//! form, candidates and invitations), the fake-ad moderation queue, job fairs
//! and the monthly figures.

mod candidates;
mod employer_card;
mod employers;
mod fair_form;
mod fairs;
mod figures;
pub mod filter;
mod job;
mod list;
mod new_employer;
mod new_job;
mod reports;

pub use employers::Employers;
pub use fairs::Fairs;
pub use figures::Figures;
pub use job::JobPage;
pub use list::Jobs;
pub use new_employer::NewEmployer;
pub use new_job::NewJob;
pub use reports::Reports;

use crate::auth::use_auth;
use shared::accounts::StaffRole;

/// Whether the signed-in staff may change things (viewers only read).
pub fn may_act() -> bool {
    use_auth()
        .staff()
        .is_some_and(|s| s.role >= StaffRole::Staff)
}
