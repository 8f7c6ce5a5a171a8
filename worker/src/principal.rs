//! Who is asking, once `auth` has resolved the session: a worker, or a staff
//! member with their role and union. Plain data and the checks on it; loading
//! it is `auth`'s job.

use crate::error::AppResult;
use shared::accounts::{Scope, StaffRole};
use shared::ApiError;

#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i64,
    pub display_name: String,
    pub role: StaffRole,
    pub union_id: Option<i64>,
    /// Path of the staff member's union; `None` for platform admins.
    pub union_path: Option<String>,
}

impl Staff {
    /// The unions this staff member acts for.
    pub fn scope(&self) -> Scope {
        match (&self.role, &self.union_path) {
            (StaffRole::PlatformAdmin, _) | (_, None) => Scope::everything(),
            (_, Some(path)) => Scope::under(path),
        }
    }

    /// Rejects with 404 (no leak that it exists) unless `path` is in scope.
    pub fn check_scope(&self, path: &str) -> AppResult<()> {
        if self.scope().contains(path) {
            Ok(())
        } else {
            Err(ApiError::not_found().into())
        }
    }

    pub fn require(&self, role: StaffRole) -> AppResult<()> {
        if self.role >= role {
            Ok(())
        } else {
            Err(ApiError::forbidden().into())
        }
    }
}

#[derive(Debug, Clone)]
pub enum Principal {
    Worker { user_id: i64 },
    Staff(Staff),
}
