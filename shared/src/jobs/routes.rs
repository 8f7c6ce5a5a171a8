#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::accounts::StaffRole;
#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
use crate::membership::FiguresQuery;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobsRoute {
    Search,
    Get,
    Employer,
    Fairs,
    Fair,
    Apply,
    Report,
    MyApplications,
    Withdraw,
    MyCard,
    SaveCard,
    Matches,
    Invitations,
    InvitationsUnseen,
    InvitationsSeen,
    Register,
    MyEmployers,
    EmployerJobs,
    PostJob,
    EditJob,
    SetJobStatus,
    Applicants,
    SetApplicantStatus,
    AdminEmployers,
    AdminEmployersExport,
    AdminJobsExport,
    AdminCreateEmployer,
    AdminEmployer,
    SetEmployerStatus,
    RaiseFlag,
    ClearFlag,
    AdminJobs,
    AdminPostJob,
    AdminEditJob,
    AdminSetJobStatus,
    AdminApplicants,
    AdminSetApplicantStatus,
    Candidates,
    Invite,
    Reports,
    DecideReport,
    CreateFair,
    EditFair,
    CancelFair,
    EditEmployer,
    AdminEditEmployer,
    Figures,
}

const fn r(
    id: JobsRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(RouteId::Jobs(id), method, path, access, summary, reply)
}

const STAFF: Access = Access::Staff(StaffRole::Staff);
const VIEWER: Access = Access::Staff(StaffRole::Viewer);
const WORKER: Access = Access::Worker;

/// Literal paths come before templated ones (`/api/employers/mine` before `/api/employers/{employer_id}`).
pub const ROUTES: &[Route] = &[
    // Anyone: the job list, a job, an employer's record, the fair calendar.
    r(JobsRoute::Search, Method::Get, "/api/jobs", Access::Public, "Live jobs: Chinese text (2+ characters), trade, distance, wage, settlement, gigs starting today; nearest, newest or highest wage", Reply::Json(schema!(JobList))).query(schema!(JobSearchQuery)),
    r(JobsRoute::Get, Method::Get, "/api/jobs/{job_id}", Access::Public, "One job; the contact phone only for a worker who applied, the employer and staff in scope", Reply::Json(schema!(JobEnvelope))),
    r(JobsRoute::MyEmployers, Method::Get, "/api/employers/mine", WORKER, "The employers the signed-in account acts for", Reply::Json(schema!(EmployerList))),
    r(JobsRoute::Employer, Method::Get, "/api/employers/{employer_id}", Access::Public, "An employer's record: verified by which union, jobs posted, hires, staff flags, wage record", Reply::Json(schema!(EmployerEnvelope))),
    r(JobsRoute::Fairs, Method::Get, "/api/job-fairs", Access::Public, "Job fairs from today on (春风行动, the monthly fair on the 28th)", Reply::Json(schema!(JobFairList))).query(schema!(FairsQuery)),
    r(JobsRoute::Fair, Method::Get, "/api/job-fairs/{fair_id}", Access::Public, "One fair with its employers", Reply::Json(schema!(JobFairEnvelope))),
    // A signed-in worker: apply, report, follow applications, keep a job card, see matches.
    r(JobsRoute::Apply, Method::Post, "/api/jobs/{job_id}/applications", WORKER, "Apply in one tap; shows the contact phone from then on", Reply::Json(schema!(ApplicationEnvelope))).idempotent(),
    r(JobsRoute::Report, Method::Post, "/api/jobs/{job_id}/reports", WORKER, "Report a fake or misleading ad to the staff moderation queue", Reply::Json(schema!(JobReportReceiptEnvelope))).body(schema!(JobReportInput)).idempotent(),
    r(JobsRoute::MyApplications, Method::Get, "/api/job-applications", WORKER, "One's applications and their status", Reply::Json(schema!(ApplicationList))),
    r(JobsRoute::Withdraw, Method::Post, "/api/job-applications/{job_application_id}/withdraw", WORKER, "Take back one's open application", Reply::Json(schema!(ApplicationEnvelope))),
    r(JobsRoute::MyCard, Method::Get, "/api/job-card", WORKER, "One's job card (求职卡); 404 until saved", Reply::Json(schema!(JobCardEnvelope))),
    r(JobsRoute::SaveCard, Method::Put, "/api/job-card", WORKER, "Create or replace one's job card", Reply::Json(schema!(JobCardEnvelope))).body(schema!(JobCardInput)),
    r(JobsRoute::Matches, Method::Get, "/api/job-card/matches", WORKER, "Live jobs ranked for one's job card, with reasons", Reply::Json(schema!(MatchList))).query(schema!(MatchesQuery)),
    r(JobsRoute::Invitations, Method::Get, "/api/job-invitations", WORKER, "Jobs union staff recommended to the worker", Reply::Json(schema!(InvitationList))),
    r(JobsRoute::InvitationsUnseen, Method::Get, "/api/job-invitations/unseen", WORKER, "How many invitations to open jobs the worker has not seen (the badge on 找活)", Reply::Json(schema!(UnseenInvitations))),
    r(JobsRoute::InvitationsSeen, Method::Post, "/api/job-invitations/seen", WORKER, "Marks every invitation the worker has as seen (on opening 为我推荐)", Reply::Json(schema!(UnseenInvitations))),
    // An employer's contacts (signed-in accounts): register, post, hire.
    r(JobsRoute::Register, Method::Post, "/api/employers", WORKER, "Register an employer (统一社会信用代码, contact phone verified by code); union staff verify it", Reply::Json(schema!(EmployerEnvelope))).body(schema!(EmployerInput)).idempotent(),
    r(JobsRoute::EditEmployer, Method::Patch, "/api/employers/{employer_id}", WORKER, "Correct the employer's name, contact or area (its contacts only); a new name goes back to union staff for verification", Reply::Json(schema!(EmployerEnvelope))).body(schema!(EmployerEdit)),
    r(JobsRoute::EmployerJobs, Method::Get, "/api/employers/{employer_id}/jobs", WORKER, "The employer's jobs in every status (its contacts only)", Reply::Json(schema!(JobList))),
    r(JobsRoute::PostJob, Method::Post, "/api/employers/{employer_id}/jobs", WORKER, "Post a job: live at once for a verified employer, else a draft until verified", Reply::Json(schema!(JobEnvelope))).body(schema!(JobInput)).idempotent(),
    r(JobsRoute::EditJob, Method::Put, "/api/employers/{employer_id}/jobs/{job_id}", WORKER, "Edit one of the employer's jobs", Reply::Json(schema!(JobEnvelope))).body(schema!(JobInput)),
    r(JobsRoute::SetJobStatus, Method::Post, "/api/employers/{employer_id}/jobs/{job_id}/status", WORKER, "Publish, mark filled, or reopen one of the employer's jobs", Reply::Json(schema!(JobEnvelope))).body(schema!(JobStatusChange)),
    r(JobsRoute::Applicants, Method::Get, "/api/employers/{employer_id}/jobs/{job_id}/applicants", WORKER, "Who applied to one of the employer's jobs", Reply::Json(schema!(JobApplicantList))),
    r(JobsRoute::SetApplicantStatus, Method::Post, "/api/employers/{employer_id}/applications/{job_application_id}/status", WORKER, "Mark an applicant contacted, hired or not selected", Reply::Json(schema!(JobApplicantEnvelope))).body(schema!(ApplicationStatusChange)),
    // Union staff, scoped to their subtree.
    r(JobsRoute::AdminEmployers, Method::Get, "/api/admin/employers", VIEWER, "Employers of the caller's subtree (newest first; ?status=pending for the queue)", Reply::Json(schema!(EmployerList))).query(schema!(AdminListQuery)),
    r(JobsRoute::AdminEmployersExport, Method::Get, "/api/admin/employers/export.csv", VIEWER, "Every employer of the subtree (?status=) as CSV with a BOM", Reply::Csv).query(schema!(AdminListQuery)),
    r(JobsRoute::AdminCreateEmployer, Method::Post, "/api/admin/employers", STAFF, "Register an employer checked in person; verified by the chosen union at once", Reply::Json(schema!(EmployerEnvelope))).body(schema!(StaffEmployerInput)),
    r(JobsRoute::AdminEmployer, Method::Get, "/api/admin/employers/{employer_id}", VIEWER, "An employer with its contact phone", Reply::Json(schema!(EmployerEnvelope))),
    r(JobsRoute::AdminEditEmployer, Method::Patch, "/api/admin/employers/{employer_id}", STAFF, "Correct an employer's name, contact or area; a new name goes back to the verification queue", Reply::Json(schema!(EmployerEnvelope))).body(schema!(EmployerEdit)),
    r(JobsRoute::SetEmployerStatus, Method::Post, "/api/admin/employers/{employer_id}/status", STAFF, "Verify, suspend or reinstate an employer", Reply::Json(schema!(EmployerEnvelope))).body(schema!(EmployerStatusChange)),
    r(JobsRoute::RaiseFlag, Method::Post, "/api/admin/employers/{employer_id}/flags", STAFF, "Raise a flag on the employer's public record", Reply::Json(schema!(EmployerEnvelope))).body(schema!(EmployerFlagInput)),
    r(JobsRoute::ClearFlag, Method::Post, "/api/admin/employers/{employer_id}/flags/{flag_id}/clear", STAFF, "Clear a flag (it stays on the record as cleared)", Reply::Json(schema!(EmployerEnvelope))),
    r(JobsRoute::AdminJobs, Method::Get, "/api/admin/jobs", VIEWER, "Jobs of the caller's subtree in every status", Reply::Json(schema!(JobList))).query(schema!(AdminListQuery)),
    r(JobsRoute::AdminJobsExport, Method::Get, "/api/admin/jobs/export.csv", VIEWER, "Every job of the subtree (?status=) as CSV with a BOM", Reply::Csv).query(schema!(AdminListQuery)),
    r(JobsRoute::AdminPostJob, Method::Post, "/api/admin/jobs", STAFF, "Post a job on an employer's behalf (e.g. at a job fair)", Reply::Json(schema!(JobEnvelope))).body(schema!(JobInput)).idempotent(),
    r(JobsRoute::AdminEditJob, Method::Put, "/api/admin/jobs/{job_id}", STAFF, "Edit a job", Reply::Json(schema!(JobEnvelope))).body(schema!(JobInput)),
    r(JobsRoute::AdminSetJobStatus, Method::Post, "/api/admin/jobs/{job_id}/status", STAFF, "Change a job's status, including taking it down and restoring it", Reply::Json(schema!(JobEnvelope))).body(schema!(JobStatusChange)),
    r(JobsRoute::AdminApplicants, Method::Get, "/api/admin/jobs/{job_id}/applicants", STAFF, "Who applied to a job", Reply::Json(schema!(JobApplicantList))),
    r(JobsRoute::Candidates, Method::Get, "/api/admin/jobs/{job_id}/candidates", STAFF, "Workers whose job cards match a job, best first, with reasons", Reply::Json(schema!(CandidateList))),
    r(JobsRoute::Invite, Method::Post, "/api/admin/jobs/{job_id}/invitations", STAFF, "Notify chosen candidates of a job in the app", Reply::Json(schema!(InvitationReply))).body(schema!(InvitationInput)),
    r(JobsRoute::AdminSetApplicantStatus, Method::Post, "/api/admin/job-applications/{job_application_id}/status", STAFF, "Record an applicant contacted, hired or not selected for the employer", Reply::Json(schema!(JobApplicantEnvelope))).body(schema!(ApplicationStatusChange)),
    r(JobsRoute::Reports, Method::Get, "/api/admin/job-reports", STAFF, "The moderation queue: reports of fake or misleading ads (?status=open)", Reply::Json(schema!(JobReportList))).query(schema!(AdminListQuery)),
    r(JobsRoute::DecideReport, Method::Post, "/api/admin/job-reports/{report_id}/decision", STAFF, "Take the job down (optionally flagging the employer) or dismiss the report", Reply::Json(schema!(JobReportEnvelope))).body(schema!(ReportDecision)),
    r(JobsRoute::CreateFair, Method::Post, "/api/admin/job-fairs", STAFF, "Create a job fair (or a monthly series on the 28th) for a union in the subtree", Reply::Json(schema!(JobFairList))).body(schema!(JobFairInput)),
    r(JobsRoute::EditFair, Method::Put, "/api/admin/job-fairs/{fair_id}", STAFF, "Edit a fair not yet over or cancelled (one date; no repeats)", Reply::Json(schema!(JobFairEnvelope))).body(schema!(JobFairInput)),
    r(JobsRoute::CancelFair, Method::Post, "/api/admin/job-fairs/{fair_id}/cancel", STAFF, "Cancel a fair with a reason; workers see it marked 已取消", Reply::Json(schema!(JobFairEnvelope))).body(schema!(FairCancelInput)),
    r(JobsRoute::Figures, Method::Get, "/api/admin/job-figures", VIEWER, "Jobs posted, applications and matches (hires) per month", Reply::Json(schema!(JobsFigures))).query(schema!(FiguresQuery)),
];
