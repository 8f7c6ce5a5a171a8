//! Benefits (服务与帮扶): programmes unions run for their subtree, the one
//! application form, the status machine followed to the money with a text at
//! each step, and the staff review with the budget never overspent.
//!
//! | file | handlers of |
//! |---|---|
//! | `routes.rs` | dispatch; anyone (open data, a programme, a public notice) and workers (find, apply, their applications, documents added) |
//! | `admin.rs` | union staff: programmes, the queue, review, decisions, payments one by one and in bulk, households on file, figures |
//! | `change.rs` | one status change as one D1 batch: budget, state, history, text, audit |
//! | `views.rs` | wire types put together from store rows |
//! | `notices.rs` | sending the status texts |
//! | `store/` | all SQL |

mod admin;
mod change;
pub mod notices;
pub mod routes;
pub mod store;
mod views;
