crate::vocabulary! {
    /// Roles of union staff, weakest first. Each includes the powers of those before it.
    /// A staff member holds one role at one union node and acts for its whole subtree.
    pub enum StaffRole {
        /// Reads reports in their subtree.
        Viewer = "viewer", "只读查看", "Viewer";
        /// Operates the capabilities in their subtree.
        Staff = "staff", "工会干事", "Union staff";
        /// Also manages staff accounts in their subtree and reads its audit log.
        UnionAdmin = "union_admin", "工会管理员", "Union admin";
        /// Everything, everywhere.
        PlatformAdmin = "platform_admin", "平台管理员", "Platform admin";
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
        for &r in StaffRole::ALL {
            assert_eq!(StaffRole::parse(r.code()), Some(r));
        }
    }
}
