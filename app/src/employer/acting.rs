//! Who is acting on a job, which decides the API paths: one of the employer's
//! own contacts (`/api/employers/{id}/…`), or union staff on its behalf
//! (`/api/admin/…`). The job form, its status actions and the applicants list
//! are the same screens for both.

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
    pub fn job_path(self, job_id: Option<i64>) -> String {
        match (self, job_id) {
            (Acting::Contact(e), None) => format!("/api/employers/{e}/jobs"),
            (Acting::Contact(e), Some(j)) => format!("/api/employers/{e}/jobs/{j}"),
            (Acting::Staff, None) => "/api/admin/jobs".into(),
            (Acting::Staff, Some(j)) => format!("/api/admin/jobs/{j}"),
        }
    }

    pub fn status_path(self, job_id: i64) -> String {
        format!("{}/status", self.job_path(Some(job_id)))
    }

    pub fn applicants_path(self, job_id: i64) -> String {
        format!("{}/applicants", self.job_path(Some(job_id)))
    }

    pub fn applicant_status_path(self, application_id: i64) -> String {
        match self {
            Acting::Contact(e) => {
                format!("/api/employers/{e}/applications/{application_id}/status")
            }
            Acting::Staff => format!("/api/admin/job-applications/{application_id}/status"),
        }
    }
}
