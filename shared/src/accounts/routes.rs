use super::*;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountsRoute {
    OtpSend,
    OtpVerify,
    StaffLogin,
    SecondFactorVerify,
    SecondFactorEnrol,
    SecondFactorConfirm,
    Bootstrap,
    Logout,
    Me,
    MeUpdate,
    Sessions,
    SessionEnd,
    PasswordChange,
    ExportData,
    DeleteAccount,
    StaffList,
    StaffCreate,
    StaffUpdate,
    AuditList,
}

const fn r(
    id: AccountsRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(RouteId::Accounts(id), method, path, access, summary, reply)
}

pub const ROUTES: &[Route] = &[
    r(
        AccountsRoute::OtpSend,
        Method::Post,
        "/api/auth/otp",
        Access::Public,
        "Text a 6-digit sign-in code to a mobile number",
        Reply::Empty,
    )
    .body(schema!(OtpRequest)),
    r(
        AccountsRoute::OtpVerify,
        Method::Post,
        "/api/auth/otp/verify",
        Access::Public,
        "Sign a worker in with the texted code (sets the session cookie)",
        Reply::Json(schema!(MeEnvelope)),
    )
    .body(schema!(OtpVerify)),
    r(
        AccountsRoute::StaffLogin,
        Method::Post,
        "/api/auth/staff-login",
        Access::Public,
        "Sign union staff in with username and password",
        Reply::Json(schema!(MeEnvelope)),
    )
    .body(schema!(StaffLogin)),
    r(
        AccountsRoute::SecondFactorVerify,
        Method::Post,
        "/api/auth/second-factor",
        Access::SecondFactor,
        "Finish a staff sign-in with the authenticator's code or a recovery code",
        Reply::Json(schema!(MeEnvelope)),
    )
    .body(schema!(SecondFactorCode)),
    r(
        AccountsRoute::SecondFactorEnrol,
        Method::Post,
        "/api/auth/second-factor/enrolment",
        Access::SecondFactor,
        "Start setting up an authenticator: a new secret and its QR code",
        Reply::Json(schema!(SecondFactorEnrolment)),
    ),
    r(
        AccountsRoute::SecondFactorConfirm,
        Method::Post,
        "/api/auth/second-factor/enrolment/confirm",
        Access::SecondFactor,
        "Confirm the authenticator with its first code; answers the recovery codes once",
        Reply::Json(schema!(SecondFactorConfirmed)),
    )
    .body(schema!(SecondFactorCode)),
    r(
        AccountsRoute::Bootstrap,
        Method::Post,
        "/api/auth/bootstrap",
        Access::Public,
        "Create the first platform admin of a fresh deployment (BOOTSTRAP_TOKEN)",
        Reply::Json(schema!(MeEnvelope)),
    )
    .body(schema!(Bootstrap)),
    r(
        AccountsRoute::Logout,
        Method::Post,
        "/api/auth/logout",
        Access::SignedIn,
        "Sign out: ends this session on the server",
        Reply::Empty,
    ),
    r(
        AccountsRoute::Me,
        Method::Get,
        "/api/me",
        Access::SignedIn,
        "Who is signed in",
        Reply::Json(schema!(MeEnvelope)),
    ),
    r(
        AccountsRoute::MeUpdate,
        Method::Patch,
        "/api/me",
        Access::Worker,
        "Change one's own display name or language",
        Reply::Json(schema!(MeEnvelope)),
    )
    .body(schema!(ProfileUpdate)),
    r(
        AccountsRoute::Sessions,
        Method::Get,
        "/api/me/sessions",
        Access::SignedIn,
        "One's own signed-in devices",
        Reply::Json(schema!(SessionList)),
    ),
    r(
        AccountsRoute::SessionEnd,
        Method::Delete,
        "/api/me/sessions/{session_id}",
        Access::SignedIn,
        "End one of one's own sessions",
        Reply::Empty,
    ),
    r(
        AccountsRoute::PasswordChange,
        Method::Post,
        "/api/me/password",
        Access::Staff(StaffRole::Viewer),
        "Change one's own staff password (ends one's other sessions)",
        Reply::Empty,
    )
    .body(schema!(PasswordChange)),
    r(
        AccountsRoute::ExportData,
        Method::Get,
        "/api/me/data",
        Access::Worker,
        "Everything kept about oneself, as JSON (ID numbers masked)",
        Reply::Json(schema!(PersonalData)),
    ),
    r(
        AccountsRoute::DeleteAccount,
        Method::Delete,
        "/api/me",
        Access::Worker,
        "Delete one's account: memberships end, personal data is erased, anonymous figures stay",
        Reply::Empty,
    ),
    r(
        AccountsRoute::StaffList,
        Method::Get,
        "/api/admin/staff",
        Access::Staff(StaffRole::UnionAdmin),
        "Staff accounts in the caller's subtree",
        Reply::Json(schema!(StaffList)),
    )
    .query(schema!(StaffQuery)),
    r(
        AccountsRoute::StaffCreate,
        Method::Post,
        "/api/admin/staff",
        Access::Staff(StaffRole::UnionAdmin),
        "Create a staff account in the caller's subtree",
        Reply::Json(schema!(StaffEnvelope)),
    )
    .body(schema!(StaffCreate)),
    r(
        AccountsRoute::StaffUpdate,
        Method::Patch,
        "/api/admin/staff/{staff_id}",
        Access::Staff(StaffRole::UnionAdmin),
        "Change, disable or reset a staff account in the caller's subtree",
        Reply::Json(schema!(StaffEnvelope)),
    )
    .body(schema!(StaffUpdate)),
    r(
        AccountsRoute::AuditList,
        Method::Get,
        "/api/admin/audit",
        Access::Staff(StaffRole::UnionAdmin),
        "The audit log of the caller's subtree, newest first",
        Reply::Json(schema!(AuditList)),
    )
    .query(schema!(AuditQuery)),
];
