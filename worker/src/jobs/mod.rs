//! Jobs and gig matching (招工/零工市场): verified employers post jobs, workers
//! search them, keep a job card and apply; both sides see matches with reasons;
//! staff verify employers, moderate reports, invite candidates and run fairs.
//!
//! | file | handlers of |
//! |---|---|
//! | `routes.rs` | dispatch; anyone (search, a job, an employer, fairs) and workers (apply, report, job card, matches) |
//! | `employer.rs` | an employer's contacts: register, post and edit jobs, applicants |
//! | `admin.rs` | union staff: employers, jobs, candidates, moderation, fairs, figures |
//! | `actions.rs` | what contacts and staff both do: create, edit and move jobs; decide applications |
//! | `store/` | all SQL |

mod actions;
mod admin;
mod employer;
pub mod routes;
pub mod store;
