//! Attachments (附件): photos and documents that go with another capability's
//! record — a receipt or a discharge summary with a benefit application, a
//! photo of the site with a wage-arrears complaint. One module for all of
//! them: it knows files, owners and scopes, never what a capability does.
//!
//! A worker uploads a file first (it belongs to them, linked to nothing); the
//! capability links it to its record when the form is submitted, in the same
//! D1 batch, and gives it the record's union so the staff who handle the
//! record may read it.
//!
//! | file | holds |
//! |---|---|
//! | `rules.rs` | what is accepted (JPEG, PNG, PDF by their first bytes), sizes, how many per record, the phone's compression targets |
//! | `access.rs` | who may read or delete an attachment |
//! | `api.rs` | the wire types |
//! | `routes.rs` | the route table |

mod access;
mod api;
mod routes;
mod rules;

pub use access::*;
pub use api::*;
pub use routes::*;
pub use rules::*;
