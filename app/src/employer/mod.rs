//! The employer's own area (the `employer` bundle, under /employer): the
//! companies an account acts for, registering one, its jobs in every status,
//! the job form, applicants and hires. The job form, its status actions and the
//! applicants list are public: union staff use the same screens (`Acting`).

pub mod acting;
mod app;
pub mod applicants;
mod edit;
mod edit_job;
pub mod fields;
pub mod job_form;
pub mod job_status;
mod jobs;
mod mine;
mod new_job;
mod register;

pub use app::App;
pub use edit::EditEmployer;
pub use edit_job::EditJob;
pub use jobs::EmployerJobs;
pub use mine::{standing, Mine};
pub use new_job::NewJob;
pub use register::Register;

use crate::api::{self, ApiFailure};
use shared::api_url;
use shared::error::{ErrorBody, ErrorCode};
use shared::jobs::{Employer, EmployerList, JobsRoute};

/// One of the companies the signed-in account acts for (with its contact
/// phone), or a 404 when it acts for no such company.
pub async fn my_employer(id: i64) -> Result<Employer, ApiFailure> {
    let list = api::get::<EmployerList>(&api_url!(JobsRoute::MyEmployers)).await?;
    list.employers
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| ApiFailure::Api {
            status: 404,
            error: ErrorBody {
                code: ErrorCode::NotFound,
                message: crate::i18n::t(
                    "没有这家企业,或者您不是它的联系人",
                    "No such company, or you are not its contact",
                )()
                .to_string(),
                fields: Default::default(),
            },
        })
}
