//! The evidence locker (记工本): a worker's days, appended to their hash
//! chain with the server's receipt time, corrected by superseding entries,
//! summarised per employer and month, verified end to end, and confirmed by
//! co-workers (对工) through a signed QR code.
//!
//! | file | holds |
//! |---|---|
//! | `routes.rs` | dispatch; append, list, one entry, summary, verify |
//! | `confirm.rs` | 对工: the code, its QR, the preview and the confirmation |
//! | `store.rs` | all SQL, the export and the erasure with the account |

mod confirm;
pub mod routes;
pub mod store;

/// The attachments' capability name for locker entries.
pub const CAPABILITY: &str = "rights_locker";
/// The union path written on a locker entry's files: the locker is the
/// worker's own, so no union's subtree holds it: not being a union path,
/// no staff scope takes it in (`shared::attachments::may_read`), not even a
/// platform admin's.
pub const PRIVATE_PATH: &str = "locker:private";
