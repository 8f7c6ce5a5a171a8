//! The station map: public search and station pages, reports and check-ins,
//! open data; and the staff side (`admin.rs`).

mod admin;
pub mod routes;
pub mod store;
