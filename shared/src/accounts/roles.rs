use serde::{Deserialize, Serialize};

/// Roles of union staff, weakest first. Each includes the powers of those before it.
/// A staff member holds one role at one union node and acts for its whole subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Reads reports in their subtree.
    Viewer,
    /// Operates the capabilities in their subtree.
    Staff,
    /// Also manages staff accounts in their subtree and reads its audit log.
    UnionAdmin,
    /// Everything, everywhere.
    PlatformAdmin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [
        StaffRole::Viewer,
        StaffRole::Staff,
        StaffRole::UnionAdmin,
        StaffRole::PlatformAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Viewer => "viewer",
            StaffRole::Staff => "staff",
            StaffRole::UnionAdmin => "union_admin",
            StaffRole::PlatformAdmin => "platform_admin",
        }
    }

    pub fn parse(s: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> crate::lang::Text {
        use crate::lang::Text;
        match self {
            StaffRole::Viewer => Text::new("只读查看", "Viewer"),
            StaffRole::Staff => Text::new("工会干事", "Union staff"),
            StaffRole::UnionAdmin => Text::new("工会管理员", "Union admin"),
            StaffRole::PlatformAdmin => Text::new("平台管理员", "Platform admin"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(StaffRole::Viewer < StaffRole::Staff);
        assert!(StaffRole::Staff < StaffRole::UnionAdmin);
        assert!(StaffRole::UnionAdmin < StaffRole::PlatformAdmin);
        for r in StaffRole::ALL {
            assert_eq!(StaffRole::parse(r.as_str()), Some(r));
        }
    }
}
