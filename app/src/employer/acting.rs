//! Who is acting on a job, which decides the API paths: one of the employer's
//! own contacts (`/api/employers/{id}/…`), or union staff on its behalf
//! (`/api/admin/…`). The job form, its status actions and the applicants list
//! are the same screens for both.

use shared::api_url;
use shared::jobs::JobsRoute;
use shared::routes::{Method, Url};

/// The side a job screen works for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acting {
    /// A signed-in contact of this employer.
    Contact(i64),
    /// Union staff with the job in their scope.
    Staff,
}

impl Acting {
    pub fn is_staff(self) -> bool {
        self == Acting::Staff
    }

    /// Where a new job is posted (POST) or an existing one saved (PUT).
    pub fn save_job(self, job_id: Option<i64>) -> (Method, Url) {
        match (self, job_id) {
            (Acting::Contact(e), None) => {
                (Method::Post, api_url!(JobsRoute::PostJob, EMPLOYER_ID = e))
            }
            (Acting::Contact(e), Some(j)) => (
                Method::Put,
                api_url!(JobsRoute::EditJob, EMPLOYER_ID = e, JOB_ID = j),
            ),
            (Acting::Staff, None) => (Method::Post, api_url!(JobsRoute::AdminPostJob)),
            (Acting::Staff, Some(j)) => {
                (Method::Put, api_url!(JobsRoute::AdminEditJob, JOB_ID = j))
            }
        }
    }

    pub fn status_path(self, job_id: i64) -> Url {
        match self {
            Acting::Contact(e) => {
                api_url!(JobsRoute::SetJobStatus, EMPLOYER_ID = e, JOB_ID = job_id)
            }
            Acting::Staff => api_url!(JobsRoute::AdminSetJobStatus, JOB_ID = job_id),
        }
    }

    pub fn applicants_path(self, job_id: i64) -> Url {
        match self {
            Acting::Contact(e) => api_url!(JobsRoute::Applicants, EMPLOYER_ID = e, JOB_ID = job_id),
            Acting::Staff => api_url!(JobsRoute::AdminApplicants, JOB_ID = job_id),
        }
    }

    pub fn applicant_status_path(self, application_id: i64) -> Url {
        match self {
            Acting::Contact(e) => api_url!(
                JobsRoute::SetApplicantStatus,
                EMPLOYER_ID = e,
                JOB_APPLICATION_ID = application_id
            ),
            Acting::Staff => api_url!(
                JobsRoute::AdminSetApplicantStatus,
                JOB_APPLICATION_ID = application_id
            ),
        }
    }
}
