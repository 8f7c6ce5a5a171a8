//! Who may apply where, moving a membership at the member's request (会籍转移),
//! and closing a union with its members moved to a fallback union (兜底).

use super::form::{optional_text, required_text, ADDRESS_MAX};
use super::lifecycle::ApplicationKind;
use crate::error::{ApiError, FieldErrors};
use crate::lang::Text;
use crate::trades::Trade;
use crate::unions::{UnionKind, UnionStatus, UnionSummary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest reason a member gives for a transfer, in characters.
pub const TRANSFER_REASON_MAX: usize = 200;

/// The 409 for a second open application by the same worker to the same union.
pub fn duplicate_application() -> ApiError {
    ApiError::conflict(Text::new(
        "您已经申请过这个工会,正在等待审核,不用再申请",
        "You have already applied to this union and are waiting for review",
    ))
}

/// Whether a worker may apply to `target` today. `member_of` is the union of
/// their active membership, if any: a member moves by transfer, a non-member
/// joins by enrolment. A closed target is a 422 on `union_id`; a wrong kind of
/// application is a 409.
pub fn check_can_apply(
    kind: ApplicationKind,
    target: &UnionSummary,
    member_of: Option<i64>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    target
        .accepts_members(today)
        .map_err(|why| ApiError::field("union_id", why))?;
    match (kind, member_of) {
        (_, Some(current)) if current == target.id => Err(ApiError::conflict(Text::new(
            "您已经是这个工会的会员了",
            "You are already a member of this union",
        ))),
        (ApplicationKind::Enrolment, Some(_)) => Err(ApiError::conflict(Text::new(
            "您已经是工会会员了。换了工作或工地,请申请转会",
            "You are already a union member. If you changed job or site, ask for a transfer",
        ))),
        (ApplicationKind::Transfer, None) => Err(ApiError::conflict(Text::new(
            "您还不是工会会员,请先申请入会",
            "You are not a union member yet; apply to join first",
        ))),
        _ => Ok(()),
    }
}

/// A member asks to move to another union, usually after changing job or site.
/// It becomes a `transfer` application that the receiving union reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct TransferRequest {
    pub to_union_id: i64,
    /// The new employer or project.
    #[cfg_attr(feature = "openapi", schemars(length(max = crate::membership::form::ADDRESS_MAX)))]
    pub employer_or_project: String,
    /// The new trade, if it changed.
    pub trade: Option<Trade>,
    /// Optional words for the receiving union's staff.
    #[cfg_attr(feature = "openapi", schemars(length(max = TRANSFER_REASON_MAX)))]
    pub reason: String,
}

/// A transfer request that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTransfer {
    pub to_union_id: i64,
    pub employer_or_project: String,
    pub trade: Option<Trade>,
    pub reason: Option<String>,
}

impl TransferRequest {
    /// Checks the request of a member of `current_union_id`. `target` is the
    /// union found for `to_union_id` within reach, `None` when there is none.
    pub fn validate(
        &self,
        current_union_id: i64,
        target: Option<&UnionSummary>,
        today: NaiveDate,
    ) -> Result<ValidTransfer, FieldErrors> {
        let mut errors = FieldErrors::new();
        match target.filter(|t| t.id == self.to_union_id) {
            _ if self.to_union_id <= 0 => errors.add("to_union_id", crate::error::why::required()),
            None => errors.add(
                "to_union_id",
                Text::new("没有找到这个工会", "This union was not found"),
            ),
            Some(t) if t.id == current_union_id => errors.add(
                "to_union_id",
                Text::new(
                    "您现在就是这个工会的会员",
                    "You are already a member of this union",
                ),
            ),
            Some(t) => {
                errors.check("to_union_id", t.accepts_members(today));
            }
        }
        let employer = errors.check(
            "employer_or_project",
            required_text(&self.employer_or_project, ADDRESS_MAX),
        );
        let reason = errors.check(
            "reason",
            optional_text(&self.reason, TRANSFER_REASON_MAX, true),
        );
        match (employer, reason) {
            (Some(employer_or_project), Some(reason)) if errors.is_empty() => Ok(ValidTransfer {
                to_union_id: self.to_union_id,
                employer_or_project,
                trade: self.trade,
                reason,
            }),
            _ => Err(errors),
        }
    }
}

/// Staff close a union (usually a project union when its project ends); its
/// active members move to the fallback union in one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CloseProjectInput {
    /// Where the members go; absent means the union's designated fallback.
    pub fallback_union_id: Option<i64>,
}

impl CloseProjectInput {
    /// The fallback to use: the one chosen now, else the one designated earlier.
    pub fn fallback_for(&self, closing: &UnionSummary) -> Option<i64> {
        self.fallback_union_id.or(closing.fallback_union_id)
    }
}

/// Whether `closing` can close with its members moved to `fallback` (`None`
/// when no such union was found in reach). Errors name `fallback_union_id`,
/// except a union already closed, which is a 409.
pub fn check_closure(
    closing: &UnionSummary,
    fallback: Option<&UnionSummary>,
    today: NaiveDate,
) -> Result<(), ApiError> {
    if closing.kind == UnionKind::Federation {
        return Err(ApiError::bad_request(Text::new(
            "总工会不能这样关闭,只能关闭基层工会",
            "Only grassroots unions can be closed this way",
        )));
    }
    if closing.status == UnionStatus::Closed {
        return Err(ApiError::conflict(Text::new(
            "这个工会已经关闭了",
            "This union is already closed",
        )));
    }
    let why = match fallback {
        None => Text::new(
            "请选择会员要转去的兜底工会",
            "Choose the union the members move to (the fallback)",
        ),
        Some(f) if f.id == closing.id => Text::new(
            "兜底工会不能是要关闭的这个工会",
            "The fallback cannot be the union being closed",
        ),
        Some(f) => match f.accepts_members(today) {
            Ok(()) => return Ok(()),
            Err(why) => why,
        },
    };
    Err(ApiError::field("fallback_union_id", why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::unions::tests::union;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    #[test]
    fn workers_join_once_and_then_transfer() {
        let target = union(2, UnionKind::Joint, "340102");
        assert!(check_can_apply(ApplicationKind::Enrolment, &target, None, today()).is_ok());
        assert!(check_can_apply(ApplicationKind::Transfer, &target, Some(1), today()).is_ok());

        let err =
            check_can_apply(ApplicationKind::Enrolment, &target, Some(1), today()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert!(err.message.zh.contains("请申请转会"));
        assert_eq!(
            check_can_apply(ApplicationKind::Transfer, &target, None, today())
                .unwrap_err()
                .code,
            ErrorCode::Conflict
        );
        assert_eq!(
            check_can_apply(ApplicationKind::Transfer, &target, Some(2), today())
                .unwrap_err()
                .code,
            ErrorCode::Conflict
        );

        let mut closed = target.clone();
        closed.status = UnionStatus::Closed;
        let err = check_can_apply(ApplicationKind::Enrolment, &closed, None, today()).unwrap_err();
        assert_eq!(err.status(), 422);
        assert_eq!(err.fields[0].field, "union_id");
        assert_eq!(duplicate_application().status(), 409);
    }

    fn request(to: i64) -> TransferRequest {
        TransferRequest {
            to_union_id: to,
            employer_or_project: "合肥滨湖新区安置房项目".into(),
            trade: Some(Trade::Carpenter),
            reason: String::new(),
        }
    }

    #[test]
    fn a_transfer_names_a_reachable_open_union_and_the_new_job() {
        let target = union(2, UnionKind::Project, "340111");
        let ok = request(2).validate(1, Some(&target), today()).unwrap();
        assert_eq!(ok.reason, None);
        assert_eq!(ok.trade, Some(Trade::Carpenter));

        let errors = request(2).validate(1, None, today()).unwrap_err();
        assert_eq!(errors.get("to_union_id").unwrap().zh, "没有找到这个工会");
        let errors = request(2).validate(2, Some(&target), today()).unwrap_err();
        assert!(errors.get("to_union_id").unwrap().zh.contains("现在就是"));
        let errors = request(0).validate(1, None, today()).unwrap_err();
        assert_eq!(
            errors.get("to_union_id").unwrap(),
            &crate::error::why::required()
        );
        let errors = request(3).validate(1, Some(&target), today()).unwrap_err();
        assert!(
            errors.get("to_union_id").is_some(),
            "a target that is not the one asked for is not found"
        );

        let mut ended = target.clone();
        ended.project_ends_on = NaiveDate::from_ymd_opt(2025, 5, 1);
        let errors = request(2).validate(1, Some(&ended), today()).unwrap_err();
        assert!(errors.get("to_union_id").unwrap().zh.contains("完工"));

        let mut bad = request(2);
        bad.employer_or_project = String::new();
        bad.reason = "字".repeat(TRANSFER_REASON_MAX + 1);
        let errors = bad.validate(1, Some(&target), today()).unwrap_err();
        assert!(errors.get("employer_or_project").is_some() && errors.get("reason").is_some());
    }

    #[test]
    fn closing_moves_members_to_an_open_fallback() {
        let mut project = union(5, UnionKind::Project, "340102");
        let joint = union(9, UnionKind::Joint, "340102");
        assert!(check_closure(&project, Some(&joint), today()).is_ok());

        project.fallback_union_id = Some(9);
        assert_eq!(CloseProjectInput::default().fallback_for(&project), Some(9));
        assert_eq!(
            CloseProjectInput {
                fallback_union_id: Some(12)
            }
            .fallback_for(&project),
            Some(12)
        );

        let err = check_closure(&project, None, today()).unwrap_err();
        assert_eq!(err.fields[0].field, "fallback_union_id");
        assert!(check_closure(&project, Some(&project), today()).is_err());
        let mut closed_joint = joint.clone();
        closed_joint.status = UnionStatus::Closed;
        assert_eq!(
            check_closure(&project, Some(&closed_joint), today())
                .unwrap_err()
                .status(),
            422
        );
        let federation = union(1, UnionKind::Federation, "340102");
        assert!(check_closure(&project, Some(&federation), today()).is_err());
        assert_eq!(
            check_closure(&federation, Some(&joint), today())
                .unwrap_err()
                .status(),
            400
        );

        project.status = UnionStatus::Closed;
        assert_eq!(
            check_closure(&project, Some(&joint), today())
                .unwrap_err()
                .status(),
            409
        );
    }
}
