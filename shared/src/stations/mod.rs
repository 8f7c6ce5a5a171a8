//! The station map (驿站地图): union stations, outdoor workers' stations, 1-yuan
//! dormitories, canteens… where they are, what they offer, when they are open.

mod admin;
pub mod csv;
mod import;
mod kinds;
mod model;
mod navigate;
pub mod open_data;
mod routes;
mod schedule;

pub use admin::*;
pub use import::*;
pub use kinds::*;
pub use model::*;
pub use navigate::*;
pub use open_data::{HsdsDataset, HsdsService};
pub use routes::*;
pub use schedule::*;
