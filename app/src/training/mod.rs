//! Training, the worker's side: free skills courses and competitions near the
//! worker under 服务 with the places left, a course's page with sign-up (a
//! full course puts the worker on the waitlist) and cancelling, checking in at
//! a session by scanning its QR code, the worker's certificates under 我的
//! (printable, each with its QR code), and the public page that QR code opens.

mod certificates;
mod check_in;
mod course;
mod list;
mod verify;

pub use certificates::Certificates;
pub use check_in::CheckIn;
pub use course::CoursePage;
pub use list::Services;
pub use verify::VerifyCertificate;

use crate::i18n::text;
use shared::training::{Course, CourseSession, Enrolment, EnrolmentStatus};
use shared::Text;

/// `2025-04-01 09:00–17:00`.
pub fn session_when(s: &CourseSession) -> String {
    format!("{} {}–{}", s.date, s.starts_at, s.ends_at)
}

/// `2025-04-01` or `2025-04-01 — 2025-04-04`.
pub fn dates(starts_on: chrono::NaiveDate, ends_on: chrono::NaiveDate) -> String {
    if starts_on == ends_on {
        starts_on.to_string()
    } else {
        format!("{starts_on} — {ends_on}")
    }
}

/// How full a course is, in the words a worker reads: places left, or the waitlist.
pub fn places_text(c: &Course) -> Text {
    if c.places_left > 0 {
        Text::owned(
            format!("还剩{}个名额(共{}个)", c.places_left, c.places),
            format!("{} of {} places left", c.places_left, c.places),
        )
    } else {
        Text::owned(
            format!("名额已满,可以报名候补(已有{}人候补)", c.waitlisted),
            format!(
                "Full: sign up to join the waitlist ({} waiting)",
                c.waitlisted
            ),
        )
    }
}

/// Where a sign-up stands: 已报上, or 候补第 N 位.
pub fn standing(e: &Enrolment) -> impl Fn() -> String + Send + Sync + 'static {
    let value = match (e.status, e.waitlist_position) {
        (EnrolmentStatus::Waitlisted, Some(n)) => {
            Text::owned(format!("候补第 {n} 位"), format!("Waitlist: number {n}"))
        }
        (status, _) => status.label(),
    };
    text(value)
}
