//! Rights (维权), the worker's side. The evidence locker (记工本): a list by month
//! with the summary per employer, a day's form (kept on the phone as it is
//! typed, sent through the outbox so days recorded offline wait and go once),
//! a day's page with its correction and its 对工 QR code, the chain check,
//! and the page a co-worker's scan opens to confirm the day. Wage complaints:
//! filing one, inviting co-workers by link or QR code, joining a collective
//! complaint, and one's cases with the status, the next step (read aloud), the
//! clocks and the hotlines.
//!
//! | file | screen |
//! |---|---|
//! | `locker.rs` | `/rights`: the month, its summary and its days |
//! | `day_form.rs` | `/rights/new`, `/rights/entry/:id/correct` |
//! | `entry.rs` | `/rights/entry/:id`: the day, its link, 对工 |
//! | `verify.rs` | `/rights/verify` |
//! | `confirm.rs` | `/rights/confirm?e=…&exp=…&sig=…` |
//! | `case_file.rs` | `/rights/cases`, `/rights/cases/new` |
//! | `case_join.rs` | `/rights/join` |
//! | `case_page.rs` | `/rights/cases/:id` |

mod case_file;
mod case_join;
mod case_page;
mod confirm;
mod day_form;
mod entry;
mod locker;
mod verify;

pub use case_file::{FileCase, MyCases};
pub use case_join::JoinCase;
pub use case_page::CasePage;
pub use confirm::ConfirmDay;
pub use day_form::{CorrectDay, NewDay};
pub use entry::EntryPage;
pub use locker::Locker;
pub use verify::VerifyChain;

use shared::rights::{quantity_text, DayEntry};

/// The outbox kind of a day sent from the form.
pub const KIND: &str = "rights_locker_entry";

/// `1.5 天 × ¥350` in the reader's words.
pub fn work_text(d: &DayEntry) -> shared::Text {
    let unit = d.pay_kind.unit();
    let rate = shared::money::yuan_sign(d.rate_fen);
    let q = quantity_text(d.quantity_x100);
    shared::Text::owned(
        format!("{q} {} × {rate}", unit.zh),
        format!("{q} {} × {rate}", unit.en),
    )
}
