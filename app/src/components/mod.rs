//! Building blocks shared by every screen.

pub mod attachments;
pub mod choice;
pub mod countdown;
pub mod form;
pub mod hotlines;
pub mod language;
pub mod layout;
pub mod link;
pub mod navigate;
pub mod status;
pub mod time;
