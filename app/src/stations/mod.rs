//! The station map on the worker's phone: the nearest stations (the home
//! screen), a station's page, and check-in from its QR poster.

mod card;
mod checkin;
mod detail;
mod finder;
mod open_data;
pub mod place;
mod saved;

pub use card::StationCard;
pub use checkin::Checkin;
pub use detail::Detail;
pub use finder::{nearby, Finder};
