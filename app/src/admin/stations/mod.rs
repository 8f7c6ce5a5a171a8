//! Stations, staff side: the list, the editor, the re-check queue, spreadsheet
//! import and the check-in poster.

mod editor;
mod import;
mod list;
mod poster;
mod recheck;

pub use editor::{EditStation, NewStation};
pub use import::Import;
pub use list::Stations;
pub use poster::Poster;
pub use recheck::Recheck;
