//! Leaving the union (退会) and withdrawing the enrolment consent, both from 我的.
//!
//! A member leaves with a reason and an effective date: today, or a later day
//! within [`LEAVE_MAX_DAYS_AHEAD`]. Until that day the membership and its card
//! stay valid; from that day on the card no longer verifies.
//!
//! Withdrawing consent stops the processing the consent covers at once: a
//! pending application is withdrawn, every sealed ID number and the
//! registration details are purged, and an active membership ends today with
//! the reason [`LeaveReason::ConsentWithdrawn`].

use super::form::optional_text;
use super::lifecycle::MembershipStatus;
use crate::error::FieldErrors;
use crate::lang::Text;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Latest effective date of leaving, in days after today.
pub const LEAVE_MAX_DAYS_AHEAD: u64 = 90;
/// Longest note a leaving member may add, in characters.
pub const LEAVE_NOTE_MAX: usize = 200;

crate::vocabulary! {
    /// Why a member left.
    pub enum LeaveReason {
        ChangedJob = "changed_job", "换了工作或工地", "Changed job or site";
        MovedAway = "moved_away", "离开本地了", "Moved away";
        StoppedWorking = "stopped_working", "不干这行了或退休了", "Stopped working or retired";
        NotUseful = "not_useful", "觉得用处不大", "Not useful to me";
        Other = "other", "其他原因", "Another reason";
        /// Set by withdrawing consent, never chosen in the leaving form.
        ConsentWithdrawn = "consent_withdrawn", "撤回了个人信息处理同意", "Withdrew consent";
    }
}

impl LeaveReason {
    /// The reasons a member picks from when leaving.
    pub const CHOOSABLE: &'static [LeaveReason] = &[
        LeaveReason::ChangedJob,
        LeaveReason::MovedAway,
        LeaveReason::StoppedWorking,
        LeaveReason::NotUseful,
        LeaveReason::Other,
    ];
}

/// Where a membership stands on `today`: an active one whose leaving date has
/// come is over, even before the housekeeping marks it ended.
pub fn status_on(
    status: MembershipStatus,
    leaving_on: Option<NaiveDate>,
    today: NaiveDate,
) -> MembershipStatus {
    match leaving_on {
        Some(day) if status == MembershipStatus::Active && day <= today => MembershipStatus::Ended,
        _ => status,
    }
}

/// `POST /api/membership/leave`: the member's own request to leave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct LeaveRequest {
    pub reason: Option<LeaveReason>,
    /// Optional words, e.g. what would have kept them.
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: String,
    /// Asia/Shanghai date the membership ends: today up to 90 days ahead.
    pub effective_on: Option<NaiveDate>,
}

/// A leaving request that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLeave {
    pub reason: LeaveReason,
    pub note: Option<String>,
    pub effective_on: NaiveDate,
}

/// The last day a member may choose to leave on, asked on `today`.
pub fn latest_leave_day(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(LEAVE_MAX_DAYS_AHEAD))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the effective date is neither in the past nor too far ahead.
pub fn check_effective_on(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Text> {
    if day < today {
        Err(Text::new(
            "退会日期不能早于今天",
            "The leaving date cannot be in the past",
        ))
    } else if day > latest_leave_day(today) {
        Err(Text::owned(
            format!("退会日期最晚是{LEAVE_MAX_DAYS_AHEAD}天以后"),
            format!("The leaving date can be at most {LEAVE_MAX_DAYS_AHEAD} days ahead"),
        ))
    } else {
        Ok(day)
    }
}

impl LeaveRequest {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidLeave, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = match self.reason {
            None => {
                errors.add(
                    "reason",
                    Text::new("请选一个退会原因", "Choose why you are leaving"),
                );
                None
            }
            Some(LeaveReason::ConsentWithdrawn) => {
                errors.add(
                    "reason",
                    Text::new(
                        "要撤回同意,请用“撤回同意”按钮",
                        "To withdraw your consent, use the “Withdraw consent” button",
                    ),
                );
                None
            }
            Some(r) => Some(r),
        };
        let note = errors.check("note", optional_text(&self.note, LEAVE_NOTE_MAX, true));
        let effective_on = match self.effective_on {
            None => {
                errors.add(
                    "effective_on",
                    Text::new("请选退会日期", "Choose the leaving date"),
                );
                None
            }
            Some(day) => errors.check("effective_on", check_effective_on(day, today)),
        };
        match (reason, note, effective_on) {
            (Some(reason), Some(note), Some(effective_on)) if errors.is_empty() => Ok(ValidLeave {
                reason,
                note,
                effective_on,
            }),
            _ => Err(errors),
        }
    }
}

/// `POST /api/membership/consent/withdraw`: the worker confirms, having read
/// [`CONSENT_WITHDRAWAL_EFFECTS`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ConsentWithdrawal {
    /// Must be true: the worker read what withdrawing means.
    pub understood: bool,
}

impl ConsentWithdrawal {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !self.understood {
            errors.add(
                "understood",
                Text::new(
                    "请先勾选“我看懂了撤回的后果”",
                    "Tick “I understand what withdrawing means” first",
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// What withdrawing consent does, said before the worker confirms (in this order).
pub const CONSENT_WITHDRAWAL_EFFECTS: &[Text] = &[
    Text::new(
        "等待审核的入会或转会申请会撤回,申请里的身份证号马上彻底删除。",
        "Any application waiting for review is withdrawn, and the ID number in it is deleted for good at once.",
    ),
    Text::new(
        "如果您是会员,会籍今天就结束(退会,原因:撤回同意),会员证不再有效。",
        "If you are a member, your membership ends today (leaving, reason: consent withdrawn) and your member card is no longer valid.",
    ),
    Text::new(
        "您的身份证号和登记信息(姓名、籍贯、单位、住址等)马上删除,工会工作人员再也看不到。",
        "Your ID number and registration details (name, hometown, employer, address and so on) are deleted at once; union staff can no longer see them.",
    ),
    Text::new(
        "工会只保留不带姓名的记录:哪天申请、入会、退会(会籍记录)和每月人数统计,别的都不留。",
        "The union keeps only records without your name: the dates you applied, joined and left (your membership history) and the monthly head counts. Nothing else is kept.",
    ),
    Text::new(
        "您的账号、找活名片和培训记录不受影响;以后想入会,可以重新申请。",
        "Your account, job card and training records are not affected; you can apply to join again later.",
    ),
];

/// What withdrawing consent changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ConsentWithdrawalReply {
    /// Pending applications withdrawn.
    pub applications_withdrawn: u32,
    /// The member number of the membership that ended, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_ended: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::why;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn request(reason: Option<LeaveReason>, on: &str) -> LeaveRequest {
        LeaveRequest {
            reason,
            note: String::new(),
            effective_on: Some(day(on)),
        }
    }

    #[test]
    fn leaving_needs_a_reason_and_a_date_from_today_to_ninety_days_ahead() {
        let today = day("2026-12-02");
        let ok = request(Some(LeaveReason::ChangedJob), "2026-12-02")
            .validate(today)
            .unwrap();
        assert_eq!(ok.effective_on, today);
        assert_eq!(ok.note, None);
        assert!(request(Some(LeaveReason::Other), "2027-03-02")
            .validate(today)
            .is_ok());
        let late = request(Some(LeaveReason::Other), "2027-03-03")
            .validate(today)
            .unwrap_err();
        assert!(late.get("effective_on").unwrap().zh.contains("90天"));
        let past = request(Some(LeaveReason::Other), "2026-12-01")
            .validate(today)
            .unwrap_err();
        assert!(past
            .get("effective_on")
            .unwrap()
            .zh
            .contains("不能早于今天"));
        assert!(past.get("effective_on").unwrap().en.contains("past"));

        let none = LeaveRequest::default().validate(today).unwrap_err();
        assert!(none.get("reason").is_some() && none.get("effective_on").is_some());
        let consent = request(Some(LeaveReason::ConsentWithdrawn), "2026-12-02")
            .validate(today)
            .unwrap_err();
        assert!(consent.get("reason").unwrap().zh.contains("撤回同意"));
    }

    #[test]
    fn a_membership_ends_on_its_leaving_date() {
        let today = day("2026-12-02");
        let active = MembershipStatus::Active;
        assert_eq!(status_on(active, None, today), active);
        assert_eq!(status_on(active, Some(day("2026-12-03")), today), active);
        assert_eq!(
            status_on(active, Some(today), today),
            MembershipStatus::Ended
        );
        assert_eq!(
            status_on(active, Some(day("2026-11-30")), today),
            MembershipStatus::Ended
        );
        let moved = MembershipStatus::TransferredOut;
        assert_eq!(status_on(moved, Some(day("2026-11-30")), today), moved);
    }

    #[test]
    fn the_note_is_optional_and_short() {
        let today = day("2026-12-02");
        let mut r = request(Some(LeaveReason::NotUseful), "2026-12-10");
        r.note = "  活太少了 ".into();
        assert_eq!(r.validate(today).unwrap().note.as_deref(), Some("活太少了"));
        r.note = "字".repeat(LEAVE_NOTE_MAX + 1);
        assert_eq!(
            r.validate(today).unwrap_err().get("note"),
            Some(&why::too_long(LEAVE_NOTE_MAX))
        );
    }

    #[test]
    fn withdrawing_consent_must_be_confirmed() {
        let e = ConsentWithdrawal { understood: false }
            .validate()
            .unwrap_err();
        assert!(e.get("understood").unwrap().zh.contains("看懂"));
        assert!(ConsentWithdrawal { understood: true }.validate().is_ok());
    }

    #[test]
    fn the_effects_name_purging_ending_and_what_is_kept() {
        let zh: String = CONSENT_WITHDRAWAL_EFFECTS
            .iter()
            .map(|t| t.zh.as_ref())
            .collect();
        for must in [
            "撤回",
            "身份证号",
            "彻底删除",
            "会籍今天就结束",
            "只保留",
            "别的都不留",
        ] {
            assert!(zh.contains(must), "{must}");
        }
        assert!(!LeaveReason::CHOOSABLE.contains(&LeaveReason::ConsentWithdrawn));
        assert_eq!(LeaveReason::CHOOSABLE.len() + 1, LeaveReason::ALL.len());
    }
}
