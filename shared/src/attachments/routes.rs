#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttachmentsRoute {
    Upload,
    Get,
    Delete,
}

const fn r(
    id: AttachmentsRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(
        RouteId::Attachments(id),
        method,
        path,
        access,
        summary,
        reply,
    )
}

/// The types an upload may be (the body's own first bytes decide).
pub const UPLOAD_TYPES: &[&str] = &["image/jpeg", "image/png", "application/pdf"];

pub const ROUTES: &[Route] = &[
    r(AttachmentsRoute::Upload, Method::Post, "/api/attachments", Access::Worker, "Upload a photo or PDF (the raw file as the body, at most 5 MB), sealed at rest; it is the uploader's until a record links it", Reply::Json(schema!(AttachmentEnvelope))).raw_body(UPLOAD_TYPES).body_limit(MAX_BYTES).idempotent(),
    r(AttachmentsRoute::Get, Method::Get, "/api/attachments/{attachment_id}", Access::SignedIn, "The file: to its owner, and to staff whose subtree holds the record it is linked to (404 to anyone else)", Reply::File(UPLOAD_TYPES)),
    r(AttachmentsRoute::Delete, Method::Delete, "/api/attachments/{attachment_id}", Access::Worker, "Delete one's own file while no record holds it", Reply::Empty),
];
