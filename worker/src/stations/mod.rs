//! The station map: public search and station pages, reports and check-ins,
//! open data (`routes.rs`); the staff side (`admin.rs`); all SQL in `store/`.

mod admin;
pub mod routes;
pub mod store;
