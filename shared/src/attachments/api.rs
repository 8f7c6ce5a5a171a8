//! The wire types of attachments.

use serde::{Deserialize, Serialize};

/// One uploaded file, as its owner and the staff handling its record see it.
/// The bytes themselves are at `GET /api/attachments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AttachmentView {
    /// The public id: random, in the file's URL.
    #[cfg_attr(feature = "openapi", schemars(length(max = 43)))]
    pub id: String,
    /// `image/jpeg`, `image/png` or `application/pdf`, read from the file itself.
    #[cfg_attr(feature = "openapi", schemars(length(max = 32)))]
    pub content_type: String,
    pub bytes: u32,
    /// RFC 3339.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AttachmentEnvelope {
    pub attachment: AttachmentView,
}

/// The attachments of one record, oldest first (for a capability's own reply).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AttachmentList {
    pub attachments: Vec<AttachmentView>,
}
