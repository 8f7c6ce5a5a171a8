//! Staff accounts, created by a union admin inside their own subtree.

use super::{password_length, StaffRole};
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::unions::UnionRef;
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// Whether a staff account may sign in.
    pub enum StaffStatus {
        Active = "active", "正常", "Active";
        Disabled = "disabled", "已停用", "Disabled";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffMember {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: StaffRole,
    pub union: Option<UnionRef>,
    pub status: StaffStatus,
    pub created_at: String,
    pub last_login_at: Option<String>,
    /// Whether an authenticator app is set up for the second factor.
    pub second_factor: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffEnvelope {
    pub staff_member: StaffMember,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffList {
    pub staff: Vec<StaffMember>,
    pub meta: ListMeta,
}

/// Query of `GET /api/admin/staff`: staff of a union's subtree (default: the caller's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffQuery {
    pub union_id: Option<i64>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

impl StaffQuery {
    pub fn parse(q: &crate::query::Query) -> Result<StaffQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let out = StaffQuery {
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffCreate {
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub display_name: String,
    pub role: StaffRole,
    /// Required for every role but platform admin.
    pub union_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = super::PASSWORD_MAX)))]
    pub password: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffUpdate {
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub display_name: Option<String>,
    pub role: Option<StaffRole>,
    pub union_id: Option<i64>,
    pub status: Option<StaffStatus>,
    /// A new password; ends the member's sessions. Only for staff below the
    /// caller; one's own password is changed with the current one (`/api/me/password`).
    #[cfg_attr(feature = "openapi", schemars(length(max = super::PASSWORD_MAX)))]
    pub password: Option<String>,
    /// `true` removes the member's authenticator and recovery codes (a lost
    /// phone); they set up a new one at their next sign-in. Only below the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_second_factor: Option<bool>,
}

pub fn validate_username(username: &str) -> Result<String, Text> {
    let u = username.trim().to_ascii_lowercase();
    let ok = (3..=32).contains(&u.len())
        && u.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        });
    if ok {
        Ok(u)
    } else {
        Err(Text::new(
            "用户名为3到32位小写字母、数字或 . _ -",
            "3–32 lowercase letters, digits or . _ -",
        ))
    }
}

pub fn validate_display_name(name: &str) -> Result<String, Text> {
    let n = name.trim();
    match n.chars().count() {
        0 => Err(why::required()),
        c if c > 30 => Err(why::too_long(30)),
        _ => Ok(n.to_string()),
    }
}

fn choose_union() -> Text {
    Text::new("请选择所属工会", "Choose the union")
}

fn no_union_for_platform_admin() -> Text {
    Text::new(
        "平台管理员不属于任何工会,不要选择工会",
        "A platform admin belongs to no union; leave the union empty",
    )
}

impl StaffCreate {
    /// Checks the fields, and the rule the staff table enforces: a platform admin
    /// has no union, every other role has one.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check("username", validate_username(&self.username));
        errors.check("display_name", validate_display_name(&self.display_name));
        errors.check("password", password_length(&self.password));
        match (
            self.role == StaffRole::PlatformAdmin,
            self.union_id.is_some(),
        ) {
            (false, false) => errors.add("union_id", choose_union()),
            (true, true) => errors.add("union_id", no_union_for_platform_admin()),
            _ => {}
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl StaffUpdate {
    /// Checks the change against the member it changes (their stored `role` and
    /// `union_id`), by the rule the staff table enforces: a platform admin has no
    /// union, every other role has one. A change keeps the union unless it names
    /// another, so a member with a union cannot become a platform admin, and a
    /// platform admin given a lower role needs a union.
    pub fn validate_for(&self, role: StaffRole, union_id: Option<i64>) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let new_role = self.role.unwrap_or(role);
        let has_union = self.union_id.or(union_id).is_some();
        match (new_role == StaffRole::PlatformAdmin, has_union) {
            (false, false) => errors.add("union_id", choose_union()),
            (true, true) if self.union_id.is_some() => {
                errors.add("union_id", no_union_for_platform_admin())
            }
            (true, true) => errors.add(
                "role",
                Text::new(
                    "属于某个工会的账号不能改为平台管理员,请另建平台管理员账号",
                    "An account of a union cannot become a platform admin; create a platform admin account instead",
                ),
            ),
            _ => {}
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Some(n) = &self.display_name {
            errors.check("display_name", validate_display_name(n));
        }
        if let Some(p) = &self.password {
            errors.check("password", password_length(p));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_simple() {
        assert_eq!(validate_username(" Yaohai.Admin ").unwrap(), "yaohai.admin");
        assert!(validate_username("ab").is_err());
        assert!(validate_username("张三").is_err());
    }

    #[test]
    fn union_required_below_platform_admin() {
        let c = StaffCreate {
            username: "abc".into(),
            display_name: "张三".into(),
            role: StaffRole::Staff,
            union_id: None,
            password: "long enough pass".into(),
        };
        assert!(c.validate().unwrap_err().get("union_id").is_some());
        let c = StaffCreate {
            role: StaffRole::PlatformAdmin,
            ..c
        };
        assert!(c.validate().is_ok());
    }

    #[test]
    fn platform_admins_have_no_union() {
        let c = StaffCreate {
            username: "abc".into(),
            display_name: "张三".into(),
            role: StaffRole::PlatformAdmin,
            union_id: Some(3),
            password: "long enough pass".into(),
        };
        assert!(c.validate().unwrap_err().get("union_id").is_some());
    }

    #[test]
    fn a_change_keeps_role_and_union_together() {
        let change = |role: Option<StaffRole>, union_id: Option<i64>| StaffUpdate {
            role,
            union_id,
            ..Default::default()
        };
        let staff = (StaffRole::Staff, Some(3));
        let admin = (StaffRole::PlatformAdmin, None);
        let field = |u: StaffUpdate, (role, union): (StaffRole, Option<i64>)| {
            u.validate_for(role, union)
                .err()
                .map(|e| e.0[0].field.clone())
        };
        // Allowed: no change to either, another union, a lower role with a union.
        assert_eq!(field(StaffUpdate::default(), staff), None);
        assert_eq!(field(StaffUpdate::default(), admin), None);
        assert_eq!(field(change(None, Some(4)), staff), None);
        assert_eq!(field(change(Some(StaffRole::Viewer), None), staff), None);
        assert_eq!(
            field(change(Some(StaffRole::UnionAdmin), Some(4)), admin),
            None
        );
        // Refused, naming the field to fix.
        assert_eq!(
            field(change(Some(StaffRole::PlatformAdmin), None), staff).as_deref(),
            Some("role")
        );
        assert_eq!(
            field(change(Some(StaffRole::PlatformAdmin), Some(4)), staff).as_deref(),
            Some("union_id")
        );
        assert_eq!(
            field(change(None, Some(4)), admin).as_deref(),
            Some("union_id")
        );
        assert_eq!(
            field(change(Some(StaffRole::Staff), None), admin).as_deref(),
            Some("union_id")
        );
    }
}
