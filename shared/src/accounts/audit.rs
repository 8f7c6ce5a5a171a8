//! The append-only record of what staff did.

use crate::api::ListMeta;
use crate::error::FieldErrors;
use crate::unions::UnionRef;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub union: Option<UnionRef>,
    /// What was done, e.g. `staff.create`, `union.update`, `id_number.reveal`.
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditList {
    pub entries: Vec<AuditEntry>,
    pub meta: ListMeta,
}

/// Query of `GET /api/admin/audit`: a union's subtree (default: the caller's), newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditQuery {
    pub union_id: Option<i64>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

impl AuditQuery {
    pub fn parse(q: &crate::query::Query) -> Result<AuditQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let out = AuditQuery {
            union_id: q.opt("union_id", &mut errors),
            cursor: q.str("cursor").map(String::from),
            limit: q.opt("limit", &mut errors),
        };
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}
