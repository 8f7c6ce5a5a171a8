#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::open_data::HsdsProgrammeDataset;
#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
use super::*;
use crate::accounts::StaffRole;
#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
use crate::membership::FiguresQuery;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BenefitsRoute {
    OpenData,
    Programme,
    PublicNotice,
    Find,
    Apply,
    MyApplications,
    MyApplication,
    DocumentsSupplied,
    AdminProgrammes,
    CreateProgramme,
    AdminProgramme,
    EditProgramme,
    SetProgrammeStatus,
    Queue,
    AdminApplication,
    StartReview,
    RequestDocuments,
    Decide,
    ConfirmNotice,
    RecordPayment,
    BulkPayment,
    Households,
    CloseHousehold,
    Figures,
    FiguresCsv,
}

const fn r(
    id: BenefitsRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(RouteId::Benefits(id), method, path, access, summary, reply)
}

const STAFF: Access = Access::Staff(StaffRole::Staff);
const VIEWER: Access = Access::Staff(StaffRole::Viewer);
const WORKER: Access = Access::Worker;

pub const ROUTES: &[Route] = &[
    // Anyone: the open data, one programme, and a scholarship's public notice (names masked).
    r(BenefitsRoute::OpenData, Method::Get, "/api/open-data/benefits.json", Access::Public, "Open programmes as Open Referral HSDS 3.0 services (application process, required documents, service areas), no personal data", Reply::Json(schema!(HsdsProgrammeDataset))),
    r(BenefitsRoute::Programme, Method::Get, "/api/benefits/programmes/{programme_id}", Access::Public, "One programme: eligibility in plain words, documents, amount rule, window, places left", Reply::Json(schema!(ProgrammeEnvelope))),
    r(BenefitsRoute::PublicNotice, Method::Get, "/api/benefits/programmes/{programme_id}/public-notice", Access::Public, "A scholarship's public notice (公示): masked names and amounts", Reply::Json(schema!(PublicNotice))),
    // A signed-in worker: find, apply once, follow the status, add documents asked for.
    r(BenefitsRoute::Find, Method::Get, "/api/benefits/programmes", WORKER, "Programmes open to the caller today: their union's and those above it, and their area's for gig workers", Reply::Json(schema!(ProgrammeList))).query(schema!(FindQuery)),
    r(BenefitsRoute::Apply, Method::Post, "/api/benefits/programmes/{programme_id}/applications", WORKER, "Apply with the enrolment profile and the programme's own fields; once per person and period", Reply::Json(schema!(ApplicationEnvelope))).body(schema!(ApplicationInput)).idempotent(),
    r(BenefitsRoute::MyApplications, Method::Get, "/api/benefits/applications", WORKER, "One's applications, newest first, each with its status", Reply::Json(schema!(ApplicationList))),
    r(BenefitsRoute::MyApplication, Method::Get, "/api/benefits/applications/{benefit_application_id}", WORKER, "One of one's applications with its history", Reply::Json(schema!(ApplicationEnvelope))),
    r(BenefitsRoute::DocumentsSupplied, Method::Post, "/api/benefits/applications/{benefit_application_id}/documents-supplied", WORKER, "Say the documents asked for are added (with the uploads, linked to the same application): back to review", Reply::Json(schema!(ApplicationEnvelope))).body(schema!(DocumentsAdded)).idempotent(),
    // Union staff, scoped to their subtree.
    r(BenefitsRoute::AdminProgrammes, Method::Get, "/api/admin/benefits/programmes", VIEWER, "Programmes of the caller's subtree, newest first", Reply::Json(schema!(ProgrammeList))).query(schema!(AdminProgrammesQuery)),
    r(BenefitsRoute::CreateProgramme, Method::Post, "/api/admin/benefits/programmes", STAFF, "Create a programme for a union in the subtree", Reply::Json(schema!(ProgrammeEnvelope))).body(schema!(ProgrammeInput)).idempotent(),
    r(BenefitsRoute::AdminProgramme, Method::Get, "/api/admin/benefits/programmes/{programme_id}", VIEWER, "One programme of the subtree with its budget use", Reply::Json(schema!(ProgrammeEnvelope))),
    r(BenefitsRoute::EditProgramme, Method::Put, "/api/admin/benefits/programmes/{programme_id}", STAFF, "Edit a programme; budget and places never below what is committed", Reply::Json(schema!(ProgrammeEnvelope))).body(schema!(ProgrammeInput)),
    r(BenefitsRoute::SetProgrammeStatus, Method::Post, "/api/admin/benefits/programmes/{programme_id}/status", STAFF, "Pause, reopen or close a programme", Reply::Json(schema!(ProgrammeEnvelope))).body(schema!(ProgrammeStatusInput)).idempotent(),
    r(BenefitsRoute::Queue, Method::Get, "/api/admin/benefits/applications", VIEWER, "The review queue of the subtree, by programme and status, oldest first", Reply::Json(schema!(ApplicationList))).query(schema!(QueueQuery)),
    r(BenefitsRoute::AdminApplication, Method::Get, "/api/admin/benefits/applications/{benefit_application_id}", VIEWER, "One application of the subtree with its history", Reply::Json(schema!(ApplicationEnvelope))),
    r(BenefitsRoute::StartReview, Method::Post, "/api/admin/benefits/applications/{benefit_application_id}/review", STAFF, "Take a submitted application into review", Reply::Json(schema!(ApplicationEnvelope))).idempotent(),
    r(BenefitsRoute::RequestDocuments, Method::Post, "/api/admin/benefits/applications/{benefit_application_id}/request-documents", STAFF, "Ask the applicant for documents, naming them", Reply::Json(schema!(ApplicationEnvelope))).body(schema!(DocumentsRequest)).idempotent(),
    r(BenefitsRoute::Decide, Method::Post, "/api/admin/benefits/applications/{benefit_application_id}/decision", STAFF, "Approve an amount within the rule and the budget (in one batch), or refuse with a reason", Reply::Json(schema!(ApplicationEnvelope))).body(schema!(DecisionInput)).idempotent(),
    r(BenefitsRoute::ConfirmNotice, Method::Post, "/api/admin/benefits/applications/{benefit_application_id}/confirm", STAFF, "Approve a scholarship once its public notice has ended", Reply::Json(schema!(ApplicationEnvelope))).idempotent(),
    r(BenefitsRoute::RecordPayment, Method::Post, "/api/admin/benefits/applications/{benefit_application_id}/payment", STAFF, "Record the payment of an approved application", Reply::Json(schema!(ApplicationEnvelope))).body(schema!(PaymentInput)).idempotent(),
    r(BenefitsRoute::BulkPayment, Method::Post, "/api/admin/benefits/payments", STAFF, "Record the payments of several approved applications at once (all or none)", Reply::Json(schema!(BulkPaymentReply))).body(schema!(BulkPaymentInput)).idempotent(),
    r(BenefitsRoute::Households, Method::Get, "/api/admin/benefits/households", VIEWER, "困难职工档案: households on file in the subtree, by status and category, with review dates", Reply::Json(schema!(HouseholdList))).query(schema!(HouseholdsQuery)),
    r(BenefitsRoute::CloseHousehold, Method::Post, "/api/admin/benefits/households/{household_id}/close", STAFF, "Close a household's file: out of hardship (脱困)", Reply::Json(schema!(HouseholdEnvelope))).body(schema!(CloseHouseholdInput)).idempotent(),
    r(BenefitsRoute::Figures, Method::Get, "/api/admin/benefits/figures", VIEWER, "Applications, approvals, payments and amount paid per month and programme (people apart from 人次), median days to a decision", Reply::Json(schema!(BenefitFigures))).query(schema!(FiguresQuery)),
    r(BenefitsRoute::FiguresCsv, Method::Get, "/api/admin/benefits/figures.csv", VIEWER, "The same figures as a spreadsheet (UTF-8 CSV with a BOM)", Reply::Csv).query(schema!(FiguresQuery)),
];
