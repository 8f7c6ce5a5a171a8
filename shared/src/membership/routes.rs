#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::accounts::StaffRole;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};
use serde::{Deserialize, Serialize};

/// The plain ID number, for staff of the member's subtree; each reveal is audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RevealedIdNumber {
    pub id_number: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MembershipRoute {
    Areas,
    Suggestions,
    Apply,
    MyApplications,
    Withdraw,
    Mine,
    Card,
    CardQr,
    Transfer,
    Leave,
    WithdrawConsent,
    Verify,
    ReviewQueue,
    Decide,
    DecideBulk,
    RevealApplicant,
    Members,
    MembersExport,
    ApplicationsExport,
    RevealMember,
    CloseUnion,
    Figures,
    JoinPoster,
}

const fn r(
    id: MembershipRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(
        RouteId::Membership(id),
        method,
        path,
        access,
        summary,
        reply,
    )
}

const STAFF: Access = Access::Staff(StaffRole::Staff);
const VIEWER: Access = Access::Staff(StaffRole::Viewer);

pub const ROUTES: &[Route] = &[
    r(MembershipRoute::Areas, Method::Get, "/api/membership/areas", Access::Public, "Cities and districts with unions to join, for workers without a QR code", Reply::Json(schema!(JoinAreas))),
    r(MembershipRoute::Suggestions, Method::Get, "/api/membership/suggestions", Access::Public, "Unions to join without a QR code: the project union of a named site, else the area's joint union (兜底)", Reply::Json(schema!(UnionSuggestions))).query(schema!(SuggestQuery)),
    r(MembershipRoute::Apply, Method::Post, "/api/membership/applications", Access::Worker, "Submit the enrolment form (入会登记表) to a union", Reply::Json(schema!(ApplicationReply))).body(schema!(NewApplication)).idempotent(),
    r(MembershipRoute::MyApplications, Method::Get, "/api/membership/applications", Access::Worker, "One's own applications and their status", Reply::Json(schema!(ApplicationList))),
    r(MembershipRoute::Withdraw, Method::Post, "/api/membership/applications/{application_id}/withdraw", Access::Worker, "Withdraw one's own pending application", Reply::Json(schema!(ApplicationReply))),
    r(MembershipRoute::Mine, Method::Get, "/api/membership/me", Access::Worker, "One's memberships and their history, as a timeline", Reply::Json(schema!(MemberHistory))),
    r(MembershipRoute::Card, Method::Get, "/api/membership/card", Access::Worker, "One's member card, with a signed, expiring verification link", Reply::Json(schema!(MemberCardReply))),
    r(MembershipRoute::CardQr, Method::Get, "/api/membership/card/qr.svg", Access::Worker, "The member card's QR code (the verification link)", Reply::Svg),
    r(MembershipRoute::Transfer, Method::Post, "/api/membership/transfers", Access::Worker, "Ask to move one's membership to another union (changing jobs)", Reply::Json(schema!(ApplicationReply))).body(schema!(TransferRequest)).idempotent(),
    r(MembershipRoute::Leave, Method::Post, "/api/membership/leave", Access::Worker, "Leave the union (退会) with a reason, today or on a later day", Reply::Json(schema!(MemberHistory))).body(schema!(LeaveRequest)).idempotent(),
    r(MembershipRoute::WithdrawConsent, Method::Post, "/api/membership/consent/withdraw", Access::Worker, "Withdraw the enrolment consent: pending applications withdrawn, ID numbers purged, membership ended", Reply::Json(schema!(ConsentWithdrawalReply))).body(schema!(ConsentWithdrawal)).idempotent(),
    r(MembershipRoute::Verify, Method::Get, "/api/membership/verify", VIEWER, "Check a scanned member card: valid member of which union, nothing more", Reply::Json(schema!(VerifyResult))).query(schema!(VerifyQuery)),
    r(MembershipRoute::ReviewQueue, Method::Get, "/api/admin/applications", STAFF, "Applications in the caller's subtree (pending first)", Reply::Json(schema!(ReviewQueue))).query(schema!(ReviewQueueQuery)),
    r(MembershipRoute::ApplicationsExport, Method::Get, "/api/admin/applications/export.csv", STAFF, "Every application of the subtree (?status=, all by default) as CSV with a BOM, ID numbers masked", Reply::Csv).query(schema!(ReviewQueueQuery)),
    r(MembershipRoute::DecideBulk, Method::Post, "/api/admin/applications/decisions", STAFF, "Approve (or reject with a reason) many applications at once", Reply::Json(schema!(BulkDecisionReply))).body(schema!(BulkDecision)),
    r(MembershipRoute::Decide, Method::Post, "/api/admin/applications/{application_id}/decision", STAFF, "Approve, or reject with a reason the worker sees", Reply::Json(schema!(BulkDecisionReply))).body(schema!(DecisionInput)),
    r(MembershipRoute::RevealApplicant, Method::Post, "/api/admin/applications/{application_id}/reveal-id", STAFF, "Show an applicant's full ID number (audited)", Reply::Json(schema!(RevealedIdNumber))),
    r(MembershipRoute::Members, Method::Get, "/api/admin/members", VIEWER, "Members of the caller's subtree", Reply::Json(schema!(MemberList))).query(schema!(ReviewQueueQuery)),
    r(MembershipRoute::MembersExport, Method::Get, "/api/admin/members/export.csv", VIEWER, "Every member of the subtree as CSV with a BOM, ID numbers masked", Reply::Csv).query(schema!(ReviewQueueQuery)),
    r(MembershipRoute::RevealMember, Method::Post, "/api/admin/members/{member_no}/reveal-id", STAFF, "Show a member's full ID number (audited)", Reply::Json(schema!(RevealedIdNumber))),
    r(MembershipRoute::CloseUnion, Method::Post, "/api/admin/unions/{union_id}/close", Access::Staff(StaffRole::UnionAdmin), "Close a (project) union: its members move to the fallback union in one batch", Reply::Json(schema!(ClosureReply))).body(schema!(CloseProjectInput)),
    r(MembershipRoute::Figures, Method::Get, "/api/admin/membership/figures", VIEWER, "Members joined per union per month, transfers and closure moves", Reply::Json(schema!(MembershipFigures))).query(schema!(FiguresQuery)),
    r(MembershipRoute::JoinPoster, Method::Get, "/api/admin/unions/{union_id}/poster.svg", VIEWER, "The QR code of a union's join poster (/join/{join_code})", Reply::Svg),
];
