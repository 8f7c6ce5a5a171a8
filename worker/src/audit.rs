//! Writing the append-only audit log. Stores put the entry in the same D1
//! batch as the change it records, so neither can happen without the other.

use crate::db;
use crate::error::AppResult;
use crate::params;
use crate::principal::Staff;
use serde_json::Value;
use worker::{D1Database, D1PreparedStatement};

/// What a staff member did, to which union's part of the tree.
pub struct Event<'a> {
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: String,
    /// The union the action concerns (for scoping who may read the entry).
    pub union_id: Option<i64>,
    pub union_path: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl<'a> Event<'a> {
    /// An entry filed under a union path, with the state after the change.
    pub fn new(
        action: &'a str,
        target_type: &'a str,
        id: i64,
        union_path: &'a str,
        after: Option<Value>,
    ) -> Self {
        Event {
            action,
            target_type,
            target_id: id.to_string(),
            union_id: None,
            union_path,
            before: None,
            after,
        }
    }

    /// The same entry, naming the union it concerns.
    pub fn in_union(self, union_id: i64) -> Self {
        Event {
            union_id: Some(union_id),
            ..self
        }
    }
}

/// Staff id of entries a member made about their own membership (leaving,
/// withdrawing consent): no staff account has it.
pub const MEMBER_ACTOR_ID: i64 = 0;
/// Staff name of those entries.
pub const MEMBER_ACTOR_NAME: &str = "会员本人";

/// `before` and `after` as the log keeps them: references to the target
/// instead of phone numbers and names (`shared::server::audit`).
fn kept(event: &Event) -> (Option<String>, Option<String>) {
    let target = format!("{}:{}", event.target_type, event.target_id);
    let (before, after) = shared::server::audit::references_only(
        event.before.as_ref(),
        event.after.as_ref(),
        &target,
    );
    (
        before.as_ref().map(Value::to_string),
        after.as_ref().map(Value::to_string),
    )
}

pub fn statement(
    db: &D1Database,
    staff: &Staff,
    event: &Event,
    at: &str,
    ip: &str,
) -> AppResult<D1PreparedStatement> {
    let (before, after) = kept(event);
    db::stmt(
        db,
        "INSERT INTO audit_log (at, staff_id, staff_name, union_id, union_path, action, target_type, target_id, before, after, ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![at, staff.id, staff.display_name, event.union_id, event.union_path, event.action, event.target_type, event.target_id, before, after, ip],
    )
}

/// An entry of a member's own action, filed under the union it concerns so
/// that union's admins read it with the rest of their log.
pub fn member_statement(
    db: &D1Database,
    event: &Event,
    at: &str,
    ip: &str,
) -> AppResult<D1PreparedStatement> {
    let (_, after) = kept(event);
    db::stmt(
        db,
        "INSERT INTO audit_log (at, staff_id, staff_name, union_id, union_path, action, target_type, target_id, before, after, ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        params![at, MEMBER_ACTOR_ID, MEMBER_ACTOR_NAME, event.union_id, event.union_path, event.action, event.target_type, event.target_id, after, ip],
    )
}

/// Staff id of entries an employer's contact made (correcting its record).
pub const EMPLOYER_ACTOR_ID: i64 = 0;
/// Staff name of those entries.
pub const EMPLOYER_ACTOR_NAME: &str = "企业联系人";

/// An entry of an employer contact's own change, filed under the employer's
/// union so its staff see what changed before they verify it again.
pub fn employer_statement(
    db: &D1Database,
    event: &Event,
    at: &str,
    ip: &str,
) -> AppResult<D1PreparedStatement> {
    let (before, after) = kept(event);
    db::stmt(
        db,
        "INSERT INTO audit_log (at, staff_id, staff_name, union_id, union_path, action, target_type, target_id, before, after, ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![at, EMPLOYER_ACTOR_ID, EMPLOYER_ACTOR_NAME, event.union_id, event.union_path, event.action, event.target_type, event.target_id, before, after, ip],
    )
}

/// Records an event on its own (when there is no other statement to batch with).
pub async fn record(
    db: &D1Database,
    staff: &Staff,
    event: &Event<'_>,
    at: &str,
    ip: &str,
) -> AppResult<()> {
    db::batch(db, vec![statement(db, staff, event, at, ip)?])
        .await
        .map(|_| ())
}
