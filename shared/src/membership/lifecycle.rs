//! The life of an application (pending → approved / rejected / withdrawn) and of
//! a membership (active → transferred out / ended), and the events that make up
//! a member's history timeline.
//!
//! A worker holds at most one active membership. Moving to another union (by
//! request or when a project union closes) ends the old membership as
//! `transferred_out` and starts a new active one there, with its own number.

use super::form::optional_text;
use crate::lang::Text;

crate::vocabulary! {
    /// Why an application was made.
    pub enum ApplicationKind {
        /// A first enrolment (入会).
        Enrolment = "enrolment", "入会申请", "Application to join";
        /// A member asks to move to another union (会籍转移).
        Transfer = "transfer", "转会申请", "Request to transfer";
    }
}

crate::vocabulary! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Pending = "pending", "等待审核", "Waiting for review";
        Approved = "approved", "已通过", "Approved";
        Rejected = "rejected", "没通过", "Not approved";
        Withdrawn = "withdrawn", "已撤回", "Withdrawn";
    }
}

crate::vocabulary! {
    /// Where one membership (one worker in one union) stands.
    pub enum MembershipStatus {
        Active = "active", "正常", "Active";
        /// Moved to another union, by request or because this one closed.
        TransferredOut = "transferred_out", "已转出", "Transferred out";
        /// The member left, withdrew consent or deleted their account.
        Ended = "ended", "已退会", "Ended";
    }
}

crate::vocabulary! {
    /// One entry of a member's history timeline.
    pub enum MembershipEventKind {
        Applied = "applied", "提交了申请", "Applied";
        Approved = "approved", "申请通过", "Application approved";
        Rejected = "rejected", "申请没通过", "Application not approved";
        Withdrawn = "withdrawn", "撤回了申请", "Application withdrawn";
        Joined = "joined", "成为会员", "Became a member";
        /// Moved to another union at the member's own request.
        Transferred = "transferred", "转会", "Transferred";
        /// Moved to the fallback union because the project union closed (兜底).
        MovedByClosure = "moved_by_closure", "项目工会关闭,转入兜底工会", "Project union closed; moved to the fallback union";
        Left = "left", "退会", "Left the union";
    }
}

impl ApplicationStatus {
    /// An open application blocks another one by the same worker to the same union.
    pub fn is_open(self) -> bool {
        self == ApplicationStatus::Pending
    }

    /// Only a pending application moves, and only to a decision or a withdrawal.
    pub fn can_move_to(self, to: ApplicationStatus) -> bool {
        self == ApplicationStatus::Pending && to != ApplicationStatus::Pending
    }

    /// The new status, or why not (shown as a 409).
    pub fn move_to(self, to: ApplicationStatus) -> Result<ApplicationStatus, Text> {
        if self.can_move_to(to) {
            Ok(to)
        } else if self == ApplicationStatus::Pending {
            Err(Text::new(
                "这份申请还在等待审核",
                "This application is still waiting for review",
            ))
        } else {
            Err(Text::new(
                "这份申请已经处理过了,不能再改",
                "This application has already been decided and cannot change",
            ))
        }
    }
}

impl MembershipStatus {
    /// Only an active membership moves; transferred-out and ended ones are history.
    pub fn can_move_to(self, to: MembershipStatus) -> bool {
        self == MembershipStatus::Active && to != MembershipStatus::Active
    }

    /// The new status, or why not (shown as a 409).
    pub fn move_to(self, to: MembershipStatus) -> Result<MembershipStatus, Text> {
        if self.can_move_to(to) {
            Ok(to)
        } else {
            Err(Text::new(
                "这个会籍已经结束或转出了",
                "This membership has already ended or moved",
            ))
        }
    }
}

/// Longest rejection reason, in characters.
pub const REJECTION_REASON_MAX: usize = 200;

/// A rejection must say why (the worker reads it), in at most 200 characters;
/// line breaks are allowed.
pub fn validate_rejection_reason(raw: &str) -> Result<String, Text> {
    match optional_text(raw, REJECTION_REASON_MAX, true)? {
        Some(reason) => Ok(reason),
        None => Err(Text::new(
            "请写明没通过的原因,申请人会看到",
            "Say why it is not approved; the applicant will read it",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::why;
    use ApplicationStatus as A;
    use MembershipStatus as M;

    #[test]
    fn only_pending_applications_are_decided_or_withdrawn() {
        for to in [A::Approved, A::Rejected, A::Withdrawn] {
            assert_eq!(A::Pending.move_to(to), Ok(to));
        }
        assert!(A::Pending.move_to(A::Pending).is_err());
        for from in [A::Approved, A::Rejected, A::Withdrawn] {
            for &to in A::ALL {
                assert!(!from.can_move_to(to), "{from:?} -> {to:?}");
            }
            assert!(from
                .move_to(A::Approved)
                .unwrap_err()
                .zh
                .contains("已经处理过"));
            assert!(!from.is_open());
        }
        assert!(A::Pending.is_open());
    }

    #[test]
    fn only_active_memberships_move() {
        assert_eq!(M::Active.move_to(M::TransferredOut), Ok(M::TransferredOut));
        assert_eq!(M::Active.move_to(M::Ended), Ok(M::Ended));
        assert!(M::Active.move_to(M::Active).is_err());
        for from in [M::TransferredOut, M::Ended] {
            for &to in M::ALL {
                assert!(from.move_to(to).is_err(), "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn stored_codes_round_trip_and_are_the_json_values() {
        fn check<T: Copy + PartialEq + std::fmt::Debug + serde::Serialize>(
            all: &[T],
            code: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
            label: fn(T) -> Text,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert!(seen.insert(code(v)));
                assert_eq!(parse(code(v)), Some(v));
                assert_eq!(serde_json::to_value(v).unwrap(), code(v));
                assert!(!label(v).zh.is_empty() && !label(v).en.is_empty());
            }
            assert_eq!(parse("nonsense"), None);
        }
        check(
            ApplicationKind::ALL,
            ApplicationKind::code,
            ApplicationKind::parse,
            ApplicationKind::label,
        );
        check(A::ALL, A::code, A::parse, A::label);
        check(M::ALL, M::code, M::parse, M::label);
        check(
            MembershipEventKind::ALL,
            MembershipEventKind::code,
            MembershipEventKind::parse,
            MembershipEventKind::label,
        );
        assert_eq!(M::TransferredOut.code(), "transferred_out");
        assert_eq!(
            MembershipEventKind::MovedByClosure.code(),
            "moved_by_closure"
        );
    }

    #[test]
    fn rejections_need_a_short_reason() {
        assert!(validate_rejection_reason("  ")
            .unwrap_err()
            .zh
            .contains("申请人会看到"));
        assert_eq!(
            validate_rejection_reason(" 您的工地不在本工会范围,请申请本区联合工会 ").unwrap(),
            "您的工地不在本工会范围,请申请本区联合工会"
        );
        assert_eq!(
            validate_rejection_reason("第一条\n第二条").unwrap(),
            "第一条\n第二条"
        );
        assert!(validate_rejection_reason(&"字".repeat(REJECTION_REASON_MAX)).is_ok());
        assert_eq!(
            validate_rejection_reason(&"字".repeat(REJECTION_REASON_MAX + 1)).unwrap_err(),
            why::too_long(REJECTION_REASON_MAX)
        );
    }
}
