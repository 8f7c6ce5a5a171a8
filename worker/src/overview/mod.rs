//! 概览: the counts of work waiting in a staff member's subtree. It reads the
//! other capabilities' stores (never their handlers): each queue's count is a
//! statement of its own capability, and all of them go to D1 in one batch.
//! A capability with a queue adds its `shared::overview::Queue` variant and
//! one line in `statement` below.

pub mod routes;
