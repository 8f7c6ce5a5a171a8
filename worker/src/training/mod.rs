//! Training (技能培训): courses and skills competitions, sign-up with a
//! waitlist, attendance by session QR code or by hand, assessment,
//! certificates employers can verify, texts to trainees, and the figures.
//!
//! | file | handlers of |
//! |---|---|
//! | `routes.rs` | dispatch; anyone (courses, certificate check) and workers (sign-up, cancel, check-in, certificates) |
//! | `admin.rs` | union staff: courses and sessions, roster, attendance sheet, session code, assessment, certificates, figures |
//! | `views.rs` | wire types put together from store rows; link signing |
//! | `notices.rs` | sending the texts (promoted from the waitlist, the day-before reminder) |
//! | `store/` | all SQL |

mod admin;
pub mod notices;
pub mod routes;
pub mod store;
mod views;
