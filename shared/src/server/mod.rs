//! Server-only rules (feature `server`): crypto primitives, the password KDF and
//! SMS request signing. Natively tested here; compiled into the Worker only.

pub mod audit;
pub mod crypto;
pub mod password;
pub mod qr;
pub mod sealed;
pub mod sms_aliyun;
pub mod spreadsheet;
pub mod totp;
pub mod uuid;
