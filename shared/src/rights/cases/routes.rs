#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::accounts::StaffRole;
#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
use crate::rights::holidays::CalendarDayInput;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CasesRoute {
    File,
    MyCases,
    MyCase,
    Invite,
    InvitePreview,
    Join,
    InfoSupplied,
    Representatives,
    Thresholds,
    Queue,
    Overdue,
    AdminCase,
    Act,
    AddSession,
    SettledOnTime,
    Calendar,
    SetCalendarDay,
}

const fn r(
    id: CasesRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(RouteId::Cases(id), method, path, access, summary, reply)
}

const STAFF: Access = Access::Staff(StaffRole::Staff);
const VIEWER: Access = Access::Staff(StaffRole::Viewer);
const WORKER: Access = Access::Worker;

pub const ROUTES: &[Route] = &[
    r(CasesRoute::Thresholds, Method::Get, "/api/rights/thresholds", Access::Public, "Province thresholds of 拒不支付劳动报酬罪 on file (information)", Reply::Json(schema!(ThresholdList))),
    // A signed-in worker: file, invite co-workers, join, follow one's own case.
    r(CasesRoute::File, Method::Post, "/api/rights/cases", WORKER, "File a wage-arrears complaint with one's own claim; assigned to the union where the work happened", Reply::Json(schema!(CaseEnvelope))).body(schema!(ComplaintInput)).idempotent(),
    r(CasesRoute::MyCases, Method::Get, "/api/rights/cases", WORKER, "One's cases, newest first", Reply::Json(schema!(CaseList))),
    r(CasesRoute::MyCase, Method::Get, "/api/rights/cases/{case_id}", WORKER, "One of one's cases: status, next step, clocks, one's own claim and money only", Reply::Json(schema!(CaseEnvelope))),
    r(CasesRoute::Invite, Method::Get, "/api/rights/cases/{case_id}/invite", WORKER, "A claimant's signed invitation link and QR code for co-workers (14 days)", Reply::Json(schema!(InviteView))),
    r(CasesRoute::InvitePreview, Method::Get, "/api/rights/case-invites", WORKER, "What an invitation is for, once its signature is checked", Reply::Json(schema!(InvitePreview))).query(schema!(InviteQuery)),
    r(CasesRoute::Join, Method::Post, "/api/rights/cases/{case_id}/claimants", WORKER, "Join a collective complaint by its invitation, with one's own days and amount", Reply::Json(schema!(CaseEnvelope))).body(schema!(JoinInput)).idempotent(),
    r(CasesRoute::InfoSupplied, Method::Post, "/api/rights/cases/{case_id}/info-supplied", WORKER, "The filer says the missing information is added: back to checking", Reply::Json(schema!(CaseEnvelope))).idempotent(),
    r(CasesRoute::Representatives, Method::Post, "/api/rights/cases/{case_id}/representatives", WORKER, "The filer records the 3–5 representatives of 10 or more claimants", Reply::Json(schema!(CaseEnvelope))).body(schema!(RepresentativesInput)).idempotent(),
    // Union staff, scoped to their subtree.
    r(CasesRoute::Queue, Method::Get, "/api/admin/rights/cases", VIEWER, "Cases of the subtree, newest first, each with its most urgent clock", Reply::Json(schema!(CaseList))).query(schema!(CasesQuery)),
    r(CasesRoute::Overdue, Method::Get, "/api/admin/rights/overdue", VIEWER, "Open cases of the subtree with a statutory clock past due (or due soon), most urgent first", Reply::Json(schema!(CaseList))).query(schema!(ClocksQuery)),
    r(CasesRoute::AdminCase, Method::Get, "/api/admin/rights/cases/{case_id}", VIEWER, "One case with every claimant, evidence, sessions, clocks and history", Reply::Json(schema!(CaseEnvelope))),
    r(CasesRoute::Act, Method::Post, "/api/admin/rights/cases/{case_id}/status", STAFF, "Move a case with the data its next status needs (missing items, reason, agreement, referral, recovery, satisfaction)", Reply::Json(schema!(CaseEnvelope))).body(schema!(CaseActionInput)).idempotent(),
    r(CasesRoute::AddSession, Method::Post, "/api/admin/rights/cases/{case_id}/sessions", STAFF, "Record a mediation session with its date and result", Reply::Json(schema!(CaseEnvelope))).body(schema!(SessionInput)).idempotent(),
    r(CasesRoute::SettledOnTime, Method::Post, "/api/admin/rights/cases/{case_id}/settled-on-time", STAFF, "Mark a closed case's employer as having paid on time (按时结清), or take it back", Reply::Json(schema!(CaseEnvelope))).body(schema!(SettledInput)),
    r(CasesRoute::Calendar, Method::Get, "/api/admin/rights/calendar", VIEWER, "The holiday and swapped working-day calendar of a year, which the clocks count in", Reply::Json(schema!(CalendarList))).query(schema!(CalendarQuery)),
    r(CasesRoute::SetCalendarDay, Method::Put, "/api/admin/rights/calendar", Access::Staff(StaffRole::PlatformAdmin), "Add, change or remove one day of the calendar", Reply::Json(schema!(CalendarList))).body(schema!(CalendarDayInput)),
];
