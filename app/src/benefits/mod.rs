//! Benefits (帮扶), the worker's side, under 服务: the programmes open to the
//! worker, the hardship self-check with its numbers shown, the one
//! application form (the profile from enrolment, each kind's own fields,
//! photos through the file picker, a draft kept on the phone and sent
//! through the outbox), and the worker's applications with the status, the
//! next step and who handles it in plain words, read aloud on request.
//!
//! | file | screen |
//! |---|---|
//! | `list.rs` | `/services/benefits`: the programmes open to me; the 帮扶 card on `/services` |
//! | `check.rs` | `/services/benefits/:id/check`: the hardship self-check |
//! | `apply.rs` | `/services/benefits/:id/apply`: the application form |
//! | `mine.rs` | `/services/benefits/mine`: my applications |

mod apply;
mod check;
mod list;
mod mine;

pub use apply::Apply;
pub use check::SelfCheck;
pub use list::{Programmes, ServicesCard};
pub use mine::MyApplications;

use crate::components::time::today;
use shared::benefits::{Deadline, Programme, ProgrammeKind};
use shared::Text;

/// The outbox kind of an application.
pub const KIND: &str = "benefit_application";

/// Where the form of programme `id` is kept on the phone.
pub fn draft_key(programme_id: i64) -> String {
    format!("gy.draft.benefit.{programme_id}")
}

/// The file picker's scope of programme `id`'s form.
pub fn files_scope(kind: ProgrammeKind) -> &'static str {
    match kind {
        ProgrammeKind::Hardship => "benefits.hardship",
        ProgrammeKind::Medical => "benefits.medical",
        ProgrammeKind::Scholarship => "benefits.scholarship",
        ProgrammeKind::Seasonal => "benefits.seasonal",
        ProgrammeKind::HealthCheck => "benefits.health_check",
        ProgrammeKind::Other => "benefits.other",
    }
}

/// 还剩 3 天截止 / 申请已截止, for a programme's window.
pub fn closing_text(p: &Programme) -> Text {
    match p.closing_countdown(today()) {
        Deadline::DaysLeft(n) if n > 0 => Text::owned(
            format!("{} 截止,还剩 {n} 天", p.closes_on),
            format!(
                "Closes {} ({n} day{} left)",
                p.closes_on,
                if n == 1 { "" } else { "s" }
            ),
        ),
        d => d.text(),
    }
}
