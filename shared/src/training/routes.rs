#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::accounts::StaffRole;
#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
use crate::membership::FiguresQuery;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrainingRoute {
    Courses,
    Course,
    VerifyCertificate,
    SignUp,
    MyEnrolments,
    Cancel,
    CheckIn,
    MyCertificates,
    CertificateQr,
    AdminCourses,
    CreateCourse,
    AdminCourse,
    EditCourse,
    Roster,
    IssueCertificates,
    AttendanceSheet,
    MarkAttendance,
    SessionCode,
    SessionQr,
    Assess,
    RevokeCertificate,
    Figures,
    FiguresCsv,
}

const fn r(
    id: TrainingRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(RouteId::Training(id), method, path, access, summary, reply)
}

const STAFF: Access = Access::Staff(StaffRole::Staff);
const VIEWER: Access = Access::Staff(StaffRole::Viewer);
const WORKER: Access = Access::Worker;
/// Up to 60 sessions, each with its own place.
const COURSE_BODY_LIMIT: u32 = 64 * 1024;

pub const ROUTES: &[Route] = &[
    // Anyone: courses open for sign-up, one course, and checking a certificate's QR code.
    r(TrainingRoute::Courses, Method::Get, "/api/training/courses", Access::Public, "Courses and competitions open for sign-up, nearest first, with places left", Reply::Json(schema!(CourseList))).query(schema!(CoursesQuery)),
    r(TrainingRoute::Course, Method::Get, "/api/training/courses/{course_id}", Access::Public, "One course with its sessions; a signed-in worker also gets their own sign-up", Reply::Json(schema!(CourseEnvelope))),
    r(TrainingRoute::VerifyCertificate, Method::Get, "/api/verify/certificate", Access::Public, "What a certificate's QR code shows: valid, the name masked, the course and the date — or why not", Reply::Json(schema!(CertificateCheck))).query(schema!(CertificateQuery)),
    // A signed-in worker: sign up (a full course puts them on the waitlist), cancel, check in, certificates.
    r(TrainingRoute::SignUp, Method::Post, "/api/training/courses/{course_id}/enrolments", WORKER, "Sign up: a place while there is one, else the end of the waitlist", Reply::Json(schema!(EnrolmentEnvelope))).body(schema!(SignupInput)).idempotent(),
    r(TrainingRoute::MyEnrolments, Method::Get, "/api/training/enrolments", WORKER, "One's courses: places, waitlist positions, attendance, outcome", Reply::Json(schema!(EnrolmentList))),
    r(TrainingRoute::Cancel, Method::Post, "/api/training/enrolments/{enrolment_id}/cancel", WORKER, "Cancel one's sign-up; a freed place goes to the first on the waitlist, who is told by SMS", Reply::Json(schema!(EnrolmentEnvelope))).idempotent(),
    r(TrainingRoute::CheckIn, Method::Post, "/api/training/check-ins", WORKER, "Check in with a scanned session code; counted once per session", Reply::Json(schema!(CheckInReply))).body(schema!(CheckInInput)).idempotent(),
    r(TrainingRoute::MyCertificates, Method::Get, "/api/training/certificates", WORKER, "One's certificates, each with its verification link", Reply::Json(schema!(CertificateList))),
    r(TrainingRoute::CertificateQr, Method::Get, "/api/training/certificates/{certificate_id}/qr.svg", WORKER, "The QR code of one's certificate, for printing", Reply::Svg),
    // Union staff, scoped to their subtree.
    r(TrainingRoute::AdminCourses, Method::Get, "/api/admin/training/courses", VIEWER, "Courses and competitions of the caller's subtree, newest first", Reply::Json(schema!(CourseList))).query(schema!(AdminCoursesQuery)),
    r(TrainingRoute::CreateCourse, Method::Post, "/api/admin/training/courses", STAFF, "Create a course or competition with its sessions for a union in the subtree", Reply::Json(schema!(CourseEnvelope))).body(schema!(CourseInput)).body_limit(COURSE_BODY_LIMIT).idempotent(),
    r(TrainingRoute::AdminCourse, Method::Get, "/api/admin/training/courses/{course_id}", VIEWER, "One course of the subtree", Reply::Json(schema!(CourseEnvelope))),
    r(TrainingRoute::EditCourse, Method::Put, "/api/admin/training/courses/{course_id}", STAFF, "Edit a course and its sessions; added places go to the waitlist first", Reply::Json(schema!(CourseEnvelope))).body(schema!(CourseInput)).body_limit(COURSE_BODY_LIMIT),
    r(TrainingRoute::Roster, Method::Get, "/api/admin/training/courses/{course_id}/roster", VIEWER, "The roster and the waitlist in order, with attendance and outcomes", Reply::Json(schema!(Roster))),
    r(TrainingRoute::IssueCertificates, Method::Post, "/api/admin/training/courses/{course_id}/certificates", STAFF, "Issue the certificates of a whole course in one batch (those passed with the hours met)", Reply::Json(schema!(IssueReply))),
    r(TrainingRoute::AttendanceSheet, Method::Get, "/api/admin/training/sessions/{course_session_id}/attendance", VIEWER, "A session's attendance sheet: who came, and how it was taken", Reply::Json(schema!(AttendanceSheet))),
    r(TrainingRoute::MarkAttendance, Method::Post, "/api/admin/training/sessions/{course_session_id}/attendance", STAFF, "Mark a trainee present by hand, or take a mark back", Reply::Json(schema!(AttendanceSheet))).body(schema!(AttendanceMark)),
    r(TrainingRoute::SessionCode, Method::Get, "/api/admin/training/sessions/{course_session_id}/check-in-code", STAFF, "The session's signed, expiring check-in link", Reply::Json(schema!(CheckInLink))),
    r(TrainingRoute::SessionQr, Method::Get, "/api/admin/training/sessions/{course_session_id}/qr.svg", STAFF, "The session's check-in QR code, to show on screen or print", Reply::Svg),
    r(TrainingRoute::Assess, Method::Post, "/api/admin/training/enrolments/{enrolment_id}/assessment", STAFF, "Record a trainee passed or failed (a competition: a rank)", Reply::Json(schema!(RosterEntryEnvelope))).body(schema!(AssessmentInput)),
    r(TrainingRoute::RevokeCertificate, Method::Post, "/api/admin/training/certificates/{certificate_id}/revoke", STAFF, "Withdraw a certificate issued in error; its QR code then says so", Reply::Json(schema!(CertificateEnvelope))).body(schema!(RevokeInput)),
    r(TrainingRoute::Figures, Method::Get, "/api/admin/training/figures", VIEWER, "Enrolled, attended, completed, certified, and hired within 90 days, per month", Reply::Json(schema!(TrainingFigures))).query(schema!(FiguresQuery)),
    r(TrainingRoute::FiguresCsv, Method::Get, "/api/admin/training/figures.csv", VIEWER, "The same figures as a spreadsheet (UTF-8 CSV with a BOM)", Reply::Csv).query(schema!(FiguresQuery)),
];
