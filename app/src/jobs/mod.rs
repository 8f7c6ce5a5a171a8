//! Finding work on the worker's side: search (木工, 电焊 and longer words, by
//! trade, near me, 日结, gigs starting today), a job's page (apply in one tap,
//! report a fake ad), the job card (求职卡) and its matches, applications and
//! invitations, job fairs, and an employer's public record. Served by the `jobs`
//! bundle; the employer's own area is the `employer` bundle (`crate::employer`).

mod app;
mod applications;
mod card;
mod detail;
mod employer_page;
mod fairs;
mod item;
mod matches;
mod search;

pub use app::App;
pub use item::{start_text, wage_line, JobItem};
