//! Training, staff side: the courses and competitions of the subtree, the
//! course editor with its sessions, each course's roster and waitlist,
//! assessment and certificates in one batch, a session's attendance sheet
//! and its printable check-in QR code, and the monthly figures with CSV.

mod attendance;
mod course;
mod figures;
mod form;
mod list;
mod qr;
mod roster;

pub use attendance::AttendancePage;
pub use course::{CoursePage, EditCourse, NewCourse};
pub use figures::Figures;
pub use list::Courses;
pub use qr::SessionQr;

use crate::auth::use_auth;
use shared::accounts::StaffRole;

/// Whether the signed-in staff may change things (viewers only read).
pub fn may_act() -> bool {
    use_auth()
        .staff()
        .is_some_and(|s| s.role >= StaffRole::Staff)
}

/// `2025-04-01 09:00–17:00`.
pub fn session_when(s: &shared::training::CourseSession) -> String {
    format!("{} {}–{}", s.date, s.starts_at, s.ends_at)
}
