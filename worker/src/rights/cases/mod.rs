//! Wage-arrears cases (欠薪投诉): a worker files, co-workers join by a signed
//! invitation, the union where the work happened follows the case through
//! its statuses to money recovered, with the statutory clocks counted in the
//! holiday calendar and a text to each claimant at every step.
//!
//! | file | handlers of |
//! |---|---|
//! | `routes.rs` | dispatch; anyone (thresholds) and workers (file, their cases, invite, join, information added, representatives) |
//! | `admin.rs` | union staff: the queue, the overdue list, a case, status changes, sessions, 按时结清, the calendar |
//! | `change.rs` | one status change as one D1 batch: state, history, per-worker rows, texts, audit; the clock columns after |
//! | `views.rs` | the views of a case (a claimant's own money only), its clocks, the invitation's signature |
//! | `notices.rs` | sending the status texts |
//! | `store.rs` | all SQL |

mod admin;
mod change;
pub mod notices;
pub mod routes;
pub mod store;
pub mod views;
