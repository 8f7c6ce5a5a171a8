//! Benefits, staff side: the programmes of the subtree (create, edit, pause,
//! reopen, close), the review queue by status, and one application with the
//! moves the status machine allows (review, ask for documents, approve or
//! refuse, confirm after 公示, record the payment).
//!
//! | file | screen |
//! |---|---|
//! | `list.rs` | `/admin/benefits`: the programmes |
//! | `form.rs` | the programme form (new and edit) |
//! | `programme.rs` | `/admin/benefits/:id` with pause/reopen/close; `/new`, `/:id/edit` |
//! | `queue.rs` | `/admin/benefit-applications`: the review queue |
//! | `application.rs` | `/admin/benefit-applications/:id`: one application and its actions |

mod application;
mod form;
mod list;
mod programme;
mod queue;

pub use application::ApplicationPage;
pub use list::Programmes;
pub use programme::{EditProgramme, NewProgramme, ProgrammePage};
pub use queue::Queue;

use shared::Text;

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> Text,
) -> Vec<crate::components::choice::Choice> {
    all.iter()
        .map(|v| crate::components::choice::Choice::new(code(*v), label(*v)))
        .collect()
}
