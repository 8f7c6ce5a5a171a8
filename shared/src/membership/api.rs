//! Wire types of the enrolment API: applications as the worker sees them, the
//! staff review queue and decisions, members, history and closures. ID numbers
//! appear only masked (`110105************`), beside at most the gender and the
//! birth year ([`super::disclosure`]); the full number is reached only through
//! the audited reveal endpoint.

use super::form::{EmploymentForm, EnrolmentForm};
use super::leave::LeaveReason;
use super::lifecycle::{
    validate_rejection_reason, ApplicationKind, ApplicationStatus, MembershipEventKind,
    MembershipStatus,
};
use crate::api::ListMeta;
use crate::error::FieldErrors;
use crate::id_number::Gender;
use crate::lang::Text;
use crate::trades::Trade;
use crate::unions::UnionSummary;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Body of an enrolment: the union chosen (by QR code or suggestion) and the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct NewApplication {
    pub union_id: i64,
    pub form: EnrolmentForm,
}

/// An application as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationView {
    pub id: i64,
    pub kind: ApplicationKind,
    pub union: UnionSummary,
    pub status: ApplicationStatus,
    pub submitted_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was not approved, in the staff member's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    pub id_number_masked: String,
}

/// `{"application": {...}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationReply {
    pub application: ApplicationView,
}

/// `{"applications": [...], "meta": {...}}`: the worker's own applications, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationList {
    pub applications: Vec<ApplicationView>,
    pub meta: ListMeta,
}

/// Query of the staff review queue; scoped to the caller's subtree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ReviewQueueQuery {
    /// One union of the subtree (with the unions below it); absent = the whole subtree.
    pub union_id: Option<i64>,
    /// Default `pending`.
    pub status: Option<ApplicationStatus>,
    pub kind: Option<ApplicationKind>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

impl ReviewQueueQuery {
    /// Reads `?union_id=&status=&kind=&cursor=&limit=`, naming any bad value.
    pub fn read(q: &crate::query::Query) -> Result<ReviewQueueQuery, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::new();
        let mut choice = |name: &str, parse: &dyn Fn(&str) -> bool| -> Option<String> {
            let v = q.str(name)?;
            if parse(v) {
                Some(v.to_string())
            } else {
                errors.add(name, crate::error::why::not_a_choice());
                None
            }
        };
        let status = choice("status", &|v| ApplicationStatus::parse(v).is_some())
            .and_then(|v| ApplicationStatus::parse(&v));
        let kind = choice("kind", &|v| ApplicationKind::parse(v).is_some())
            .and_then(|v| ApplicationKind::parse(&v));
        let out = ReviewQueueQuery {
            union_id: q.opt("union_id", &mut errors),
            status,
            kind,
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

/// The applicant's details as staff review them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Applicant {
    pub name: String,
    pub id_number_masked: String,
    pub gender: Gender,
    /// The year only (never the date): with the mask and the gender it leaves
    /// ≥ 10,000 possible ID numbers. Absent when erased, or when even the year
    /// would leave too few (born in the first days of this year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    pub hometown: String,
    pub employer_or_project: String,
    pub trade: Trade,
    pub employment_form: EmploymentForm,
    pub contact_address: String,
}

/// One application in the staff review queue, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewItem {
    pub application_id: i64,
    pub kind: ApplicationKind,
    pub status: ApplicationStatus,
    pub union_id: i64,
    pub union_name: String,
    pub submitted_at: DateTime<Utc>,
    pub applicant: Applicant,
    /// Transfers: the union the member comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_union_name: Option<String>,
    /// Transfers: the member's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_reason: Option<String>,
    /// Another account is already an active member with this ID number. The
    /// applicant is never told (that would reveal who is a member); staff
    /// check who is who, and approving is refused while the other membership lasts.
    #[serde(default)]
    pub id_number_conflict: bool,
}

/// `{"applications": [...], "meta": {...}}` for staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewQueue {
    pub applications: Vec<ReviewItem>,
    pub meta: ListMeta,
}

crate::vocabulary! {
    /// What staff decide.
    pub enum Decision {
        Approve = "approve", "通过", "Approve";
        Reject = "reject", "不通过", "Reject";
    }
}

impl Decision {
    /// The application status the decision leads to.
    pub fn status(self) -> ApplicationStatus {
        match self {
            Decision::Approve => ApplicationStatus::Approved,
            Decision::Reject => ApplicationStatus::Rejected,
        }
    }
}

/// A decision with its reason: required when rejecting, ignored when approving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDecision {
    pub decision: Decision,
    pub rejection_reason: Option<String>,
}

fn check_decision(
    decision: Option<Decision>,
    reason: &str,
    errors: &mut FieldErrors,
) -> Option<ValidDecision> {
    let decision = errors.check(
        "decision",
        decision.ok_or_else(crate::error::why::not_a_choice),
    )?;
    let rejection_reason = match decision {
        Decision::Approve => None,
        Decision::Reject => Some(errors.check("reason", validate_rejection_reason(reason))?),
    };
    Some(ValidDecision {
        decision,
        rejection_reason,
    })
}

/// Body of a decision on one application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct DecisionInput {
    pub decision: Option<Decision>,
    /// Why not approved; the applicant reads it. Required to reject, at most 200 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = crate::membership::lifecycle::REJECTION_REASON_MAX)))]
    pub reason: String,
}

impl DecisionInput {
    pub fn validate(&self) -> Result<ValidDecision, FieldErrors> {
        let mut errors = FieldErrors::new();
        check_decision(self.decision, &self.reason, &mut errors).ok_or(errors)
    }
}

/// Most applications decided in one bulk call.
pub const BULK_MAX: usize = 100;

/// Body of a bulk decision: the same decision (and reason) for many applications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct BulkDecision {
    pub application_ids: Vec<i64>,
    pub decision: Option<Decision>,
    #[cfg_attr(feature = "openapi", schemars(length(max = crate::membership::lifecycle::REJECTION_REASON_MAX)))]
    pub reason: String,
}

impl BulkDecision {
    /// The decision and the distinct ids in their given order.
    pub fn validate(&self) -> Result<(ValidDecision, Vec<i64>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut ids = Vec::with_capacity(self.application_ids.len());
        for &id in &self.application_ids {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            errors.add(
                "application_ids",
                Text::new("请至少选择一份申请", "Select at least one application"),
            );
        } else if ids.len() > BULK_MAX {
            errors.add(
                "application_ids",
                Text::owned(
                    format!("一次最多处理{BULK_MAX}份申请"),
                    format!("At most {BULK_MAX} applications at a time"),
                ),
            );
        } else if ids.iter().any(|&id| id <= 0) {
            errors.add(
                "application_ids",
                Text::new("申请编号不对", "An application id is not valid"),
            );
        }
        let decision = check_decision(self.decision, &self.reason, &mut errors);
        match decision {
            Some(d) if errors.is_empty() => Ok((d, ids)),
            _ => Err(errors),
        }
    }
}

crate::vocabulary! {
    /// Why one application of a bulk call was left as it was.
    pub enum DecisionSkip {
        /// No such application in the caller's subtree.
        NotFound = "not_found", "没有找到这份申请", "Application not found";
        /// Already approved, rejected or withdrawn.
        AlreadyDecided = "already_decided", "已经处理过了", "Already decided";
        /// The union no longer takes members (closed, or its project ended).
        UnionNotAccepting = "union_not_accepting", "这个工会现在不接收会员", "This union takes no members now";
        /// Enrolment of someone who became a member elsewhere meanwhile.
        AlreadyMember = "already_member", "申请人已经是别的工会的会员", "The applicant is already a member of another union";
    }
}

/// The result for one application of a bulk call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DecisionOutcome {
    pub application_id: i64,
    /// The status now; unchanged when skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplicationStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<DecisionSkip>,
    /// The member number issued on approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_no: Option<String>,
}

/// `{"results": [...], "decided": n, "skipped": m}`, results in request order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkDecisionReply {
    pub results: Vec<DecisionOutcome>,
    pub decided: u32,
    pub skipped: u32,
}

impl BulkDecisionReply {
    pub fn new(results: Vec<DecisionOutcome>) -> BulkDecisionReply {
        let skipped = results.iter().filter(|r| r.skipped.is_some()).count() as u32;
        BulkDecisionReply {
            decided: results.len() as u32 - skipped,
            skipped,
            results,
        }
    }
}

/// One membership (one worker in one union).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MembershipView {
    pub member_no: String,
    pub union: UnionSummary,
    pub status: MembershipStatus,
    pub joined_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<NaiveDate>,
    /// The day the member chose to leave on, while it is still ahead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaving_on: Option<NaiveDate>,
}

/// One line of the history timeline. For moves (`transferred`,
/// `moved_by_closure`, and `applied` to a transfer) `union_*` is where the
/// member went and `other_union_name` where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: MembershipEventKind,
    pub union_id: i64,
    pub union_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_union_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_no: Option<String>,
    /// The rejection reason, for `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl TimelineEntry {
    /// The line as the member reads it.
    pub fn describe(&self) -> Text {
        use MembershipEventKind as K;
        let u = &self.union_name;
        let other = self.other_union_name.as_deref().unwrap_or("");
        let no = self.member_no.as_deref().unwrap_or("");
        let (zh, en) = match self.kind {
            K::Applied if self.other_union_name.is_some() => (
                format!("申请从{other}转到{u}"),
                format!("Asked to transfer from {other} to {u}"),
            ),
            K::Applied => (format!("申请加入{u}"), format!("Applied to join {u}")),
            K::Approved => (
                format!("{u}通过了申请"),
                format!("{u} approved the application"),
            ),
            K::Rejected => match &self.note {
                Some(why) => (
                    format!("{u}没有通过申请:{why}"),
                    format!("{u} did not approve the application: {why}"),
                ),
                None => (
                    format!("{u}没有通过申请"),
                    format!("{u} did not approve the application"),
                ),
            },
            K::Withdrawn => (
                format!("撤回了加入{u}的申请"),
                format!("Withdrew the application to {u}"),
            ),
            K::Joined => (
                format!("成为{u}会员,会员编号{no}"),
                format!("Became a member of {u}, member number {no}"),
            ),
            K::Transferred => (
                format!("从{other}转到{u}"),
                format!("Transferred from {other} to {u}"),
            ),
            K::MovedByClosure => (
                format!("{other}关闭了,会籍转到{u}"),
                format!("{other} closed; membership moved to {u}"),
            ),
            K::Left => match self.note.as_deref().and_then(LeaveReason::parse) {
                Some(why) => (
                    format!("退出了{u}(原因:{})", why.label().zh),
                    format!("Left {u} (reason: {})", why.label().en),
                ),
                None => (format!("退出了{u}"), format!("Left {u}")),
            },
        };
        Text::owned(zh, en)
    }
}

/// A worker's memberships (current first) and history (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberHistory {
    pub memberships: Vec<MembershipView>,
    pub timeline: Vec<TimelineEntry>,
}

/// One member in a staff list of their subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberRow {
    pub member_no: String,
    pub name: String,
    pub id_number_masked: String,
    pub union_id: i64,
    pub union_name: String,
    pub status: MembershipStatus,
    pub trade: Trade,
    pub joined_on: NaiveDate,
}

/// `{"members": [...], "meta": {...}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberList {
    pub members: Vec<MemberRow>,
    pub meta: ListMeta,
}

/// What closing a union did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClosureReply {
    /// The closed union.
    pub union: UnionSummary,
    pub fallback_union: UnionSummary,
    /// Members moved to the fallback union.
    pub moved: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unions::tests::union;
    use crate::unions::UnionKind;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn an_application_serialises_in_api_style() {
        let view = ApplicationView {
            id: 42,
            kind: ApplicationKind::Enrolment,
            union: union(3, UnionKind::Project, "340102"),
            status: ApplicationStatus::Rejected,
            submitted_at: at("2025-03-28T08:00:00Z"),
            decided_at: Some(at("2025-03-29T01:30:00Z")),
            rejection_reason: Some("不在本工会范围".into()),
            id_number_masked: "110105************".into(),
        };
        let json = serde_json::to_value(ApplicationReply {
            application: view.clone(),
        })
        .unwrap();
        let a = &json["application"];
        assert_eq!(a["status"], "rejected");
        assert_eq!(a["kind"], "enrolment");
        assert_eq!(a["submitted_at"], "2025-03-28T08:00:00Z");
        assert_eq!(a["decided_at"], "2025-03-29T01:30:00Z");
        assert_eq!(a["union"]["kind"], "project");
        let back: ApplicationReply = serde_json::from_value(json).unwrap();
        assert_eq!(back.application, view);
    }

    #[test]
    fn new_applications_with_missing_parts_still_parse() {
        let body: NewApplication =
            serde_json::from_str(r#"{"union_id": 3, "form": {"name": "王建国"}}"#).unwrap();
        assert_eq!(body.union_id, 3);
        assert_eq!(body.form.name, "王建国");
    }

    #[test]
    fn rejecting_needs_a_reason_and_approving_ignores_one() {
        let ok = DecisionInput {
            decision: Some(Decision::Approve),
            reason: "欢迎".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            ok,
            ValidDecision {
                decision: Decision::Approve,
                rejection_reason: None
            }
        );
        let errors = DecisionInput {
            decision: Some(Decision::Reject),
            reason: " ".into(),
        }
        .validate()
        .unwrap_err();
        assert!(errors.get("reason").is_some());
        let ok = DecisionInput {
            decision: Some(Decision::Reject),
            reason: " 不在本工会范围 ".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.rejection_reason.as_deref(), Some("不在本工会范围"));
        assert_eq!(ok.decision.status(), ApplicationStatus::Rejected);
        assert!(DecisionInput::default()
            .validate()
            .unwrap_err()
            .get("decision")
            .is_some());
    }

    #[test]
    fn bulk_decisions_are_bounded_and_deduplicated() {
        let bulk = BulkDecision {
            application_ids: vec![5, 3, 5, 9],
            decision: Some(Decision::Approve),
            reason: String::new(),
        };
        let (d, ids) = bulk.validate().unwrap();
        assert_eq!(d.decision, Decision::Approve);
        assert_eq!(ids, vec![5, 3, 9]);

        let empty = BulkDecision {
            decision: Some(Decision::Approve),
            ..Default::default()
        };
        assert!(empty
            .validate()
            .unwrap_err()
            .get("application_ids")
            .unwrap()
            .zh
            .contains("至少"));
        let too_many = BulkDecision {
            application_ids: (1..=BULK_MAX as i64 + 1).collect(),
            decision: Some(Decision::Approve),
            reason: String::new(),
        };
        assert!(too_many
            .validate()
            .unwrap_err()
            .get("application_ids")
            .unwrap()
            .zh
            .contains("最多"));
        assert!(BulkDecision {
            application_ids: (1..=BULK_MAX as i64).collect(),
            decision: Some(Decision::Approve),
            reason: String::new()
        }
        .validate()
        .is_ok());
        let bad = BulkDecision {
            application_ids: vec![1, 0],
            decision: Some(Decision::Reject),
            reason: String::new(),
        };
        let errors = bad.validate().unwrap_err();
        assert!(errors.get("application_ids").is_some() && errors.get("reason").is_some());
    }

    #[test]
    fn bulk_replies_count_what_was_done() {
        let reply = BulkDecisionReply::new(vec![
            DecisionOutcome {
                application_id: 5,
                status: Some(ApplicationStatus::Approved),
                skipped: None,
                member_no: Some("AH-HF-YH-2025-000001".into()),
            },
            DecisionOutcome {
                application_id: 3,
                status: Some(ApplicationStatus::Withdrawn),
                skipped: Some(DecisionSkip::AlreadyDecided),
                member_no: None,
            },
        ]);
        assert_eq!((reply.decided, reply.skipped), (1, 1));
        let json = serde_json::to_value(&reply).unwrap();
        assert_eq!(json["results"][1]["skipped"], "already_decided");
        assert!(json["results"][1].get("member_no").is_none());
    }

    fn entry(kind: MembershipEventKind, other: Option<&str>, note: Option<&str>) -> TimelineEntry {
        TimelineEntry {
            at: at("2025-03-28T08:00:00Z"),
            kind,
            union_id: 9,
            union_name: "瑶海区建筑行业联合工会".into(),
            other_union_name: other.map(String::from),
            member_no: Some("AH-HF-YH-2025-000123".into()),
            note: note.map(String::from),
        }
    }

    #[test]
    fn timeline_lines_read_as_sentences() {
        use MembershipEventKind as K;
        let site = Some("万达广场项目工会");
        assert_eq!(
            entry(K::MovedByClosure, site, None).describe().zh,
            "万达广场项目工会关闭了,会籍转到瑶海区建筑行业联合工会"
        );
        assert_eq!(
            entry(K::Transferred, site, None).describe().en,
            "Transferred from 万达广场项目工会 to 瑶海区建筑行业联合工会"
        );
        assert_eq!(
            entry(K::Joined, None, None).describe().zh,
            "成为瑶海区建筑行业联合工会会员,会员编号AH-HF-YH-2025-000123"
        );
        assert_eq!(
            entry(K::Rejected, None, Some("不在本工会范围"))
                .describe()
                .zh,
            "瑶海区建筑行业联合工会没有通过申请:不在本工会范围"
        );
        assert_eq!(
            entry(K::Applied, site, None).describe().zh,
            "申请从万达广场项目工会转到瑶海区建筑行业联合工会"
        );
        assert_eq!(
            entry(K::Applied, None, None).describe().zh,
            "申请加入瑶海区建筑行业联合工会"
        );
        for &k in K::ALL {
            assert!(
                entry(k, site, None).describe().zh.contains("瑶海区"),
                "{k:?}"
            );
        }
        let json = serde_json::to_value(entry(K::MovedByClosure, site, None)).unwrap();
        assert_eq!(json["kind"], "moved_by_closure");
        assert!(json.get("note").is_none());
    }
}
