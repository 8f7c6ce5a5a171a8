//! A worker's own data, to take away (`GET /api/me/data`, PIPL Art. 45):
//! everything held about the person, table by table. Each section is typed;
//! [`EXPORT_TABLES`] names every table with rows linked to an account and the
//! section that carries them, and an API test fails when a table with an
//! account column is in neither it nor [`NOT_PERSONAL_TABLES`].
//!
//! Never in here: the plain ID number (only its mask), its sealed value or blind
//! index, session tokens or their hashes, SMS code hashes, stored replies.

use super::{SessionInfo, WorkerMe};
use serde::{Deserialize, Serialize};

/// Every table holding rows linked to an account (by user id, phone, `user:<id>`
/// or through an enrolment), with the section of [`PersonalData`] that holds them.
pub const EXPORT_TABLES: &[(&str, &str)] = &[
    ("users", "account"),
    ("applications", "applications"),
    ("members", "memberships"),
    ("membership_events", "history"),
    ("employer_contacts", "employer_links"),
    ("employers", "employer_links"),
    ("jobs", "employer_links"),
    ("job_cards", "job_card"),
    ("job_applications", "job_applications"),
    ("job_invitations", "job_invitations"),
    ("job_reports", "job_reports"),
    ("training_enrolments", "training_enrolments"),
    ("training_attendance", "training_attendance"),
    ("training_certificates", "training_certificates"),
    ("training_notices", "training_texts"),
    ("benefit_applications", "benefit_applications"),
    ("benefit_households", "benefit_households"),
    ("locker_entries", "locker_entries"),
    ("locker_confirmations", "locker_confirmations"),
    ("rights_cases", "rights_cases"),
    ("rights_claimants", "rights_cases"),
    ("station_reports", "station_reports"),
    ("station_visits", "station_visits"),
    ("otp_challenges", "sign_in_code"),
    ("rate_limits", "rate_limits"),
    ("idempotency_keys", "submissions"),
    ("audit_log", "audit_entries"),
];

/// Tables with a phone or person column that hold no one's personal data, and why.
pub const NOT_PERSONAL_TABLES: &[(&str, &str)] = &[
    (
        "stations",
        "a station's public phone number, shown on the map",
    ),
    ("staff", "staff accounts, not workers' accounts"),
];

/// Sessions are kept in KV, not D1: the section that carries them.
pub const SESSIONS_SECTION: &str = "sessions";

/// Where the rows of one table are in the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ExportSource {
    pub table: String,
    pub section: String,
}

/// The sources list of an export: every D1 table, then the KV sessions.
pub fn export_sources() -> Vec<ExportSource> {
    EXPORT_TABLES
        .iter()
        .map(|(t, s)| ExportSource {
            table: (*t).into(),
            section: (*s).into(),
        })
        .chain(std::iter::once(ExportSource {
            table: "kv:session".into(),
            section: SESSIONS_SECTION.into(),
        }))
        .collect()
}

/// One enrolment record (入会申请) as submitted: the registration details and
/// the consent given, with the ID number masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EnrolmentRecord {
    pub id: i64,
    pub union_id: i64,
    pub union_name: String,
    pub kind: String,
    pub status: String,
    pub name: String,
    pub id_number_masked: String,
    pub gender: Option<String>,
    /// The year only: the birth date is checked against the ID number, never kept.
    pub birth_year: Option<i32>,
    pub hometown: String,
    pub employer_or_project: String,
    pub trade: String,
    pub employment_form: String,
    pub contact_address: String,
    /// The consent statement agreed to, and when.
    pub consent_version: String,
    pub consent_at: String,
    pub from_union_id: Option<i64>,
    pub transfer_reason: Option<String>,
    pub submitted_at: String,
    pub decided_at: Option<String>,
    pub rejection_reason: Option<String>,
}

/// One membership (会员) record with the details kept on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MembershipRecord {
    pub id: i64,
    pub union_id: i64,
    pub union_name: String,
    pub member_no: String,
    pub status: String,
    pub joined_on: String,
    pub ended_on: Option<String>,
    pub leaving_on: Option<String>,
    pub leave_reason: Option<String>,
    pub leave_note: Option<String>,
    pub name: String,
    pub id_number_masked: String,
    pub gender: Option<String>,
    /// The year only: the birth date is checked against the ID number, never kept.
    pub birth_year: Option<i32>,
    pub hometown: String,
    pub employer_or_project: String,
    pub trade: String,
    pub employment_form: String,
    pub contact_address: String,
    pub application_id: Option<i64>,
    pub created_at: String,
}

/// An employer the account acts for (用工企业联系人), with the employer's
/// record and the jobs whose contact phone is the account's number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerLink {
    pub employer_id: i64,
    pub employer_name: String,
    pub uscc: String,
    pub status: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub linked_at: String,
    /// Jobs of this employer that give the account's own number as contact.
    #[serde(default)]
    pub jobs_with_my_phone: Vec<i64>,
}

/// An invitation from union staff to apply for a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InvitationRecord {
    pub id: i64,
    pub job_id: i64,
    pub job_title: String,
    pub union_id: i64,
    pub invited_at: String,
    pub seen_at: Option<String>,
}

/// A report of a job ad made by the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReportRecord {
    pub id: i64,
    pub job_id: i64,
    pub reason: String,
    pub note: Option<String>,
    pub status: String,
    pub created_at: String,
    pub decided_at: Option<String>,
}

/// A sign-up for a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrainingEnrolmentRecord {
    pub id: i64,
    pub course_id: i64,
    pub course_title: String,
    pub name: String,
    pub status: String,
    pub queue_no: Option<i64>,
    pub signed_up_at: String,
    pub enrolled_at: Option<String>,
    pub promoted_at: Option<String>,
    pub cancelled_at: Option<String>,
    pub outcome: Option<String>,
    pub rank: Option<i64>,
    pub note: Option<String>,
    pub assessed_at: Option<String>,
}

/// A session attended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AttendanceRecord {
    pub session_id: i64,
    pub enrolment_id: i64,
    /// `qr` (the worker's own check-in) or `staff` (marked by hand).
    pub method: String,
    pub at: String,
}

/// A certificate issued to the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CertificateRecord {
    pub id: i64,
    pub serial: String,
    pub course_id: i64,
    pub holder_name: String,
    pub course_title: String,
    pub issued_on: String,
    pub revoked_at: Option<String>,
    pub revoke_reason: Option<String>,
}

/// A text message about a course, sent or waiting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrainingTextRecord {
    pub id: i64,
    pub enrolment_id: i64,
    pub kind: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// A report about a station made while signed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationReportRecord {
    pub id: i64,
    pub station_id: i64,
    pub kind: String,
    pub amenity: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub resolved_at: Option<String>,
}

/// A station check-in (kept two days, then only the daily counts stay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VisitRecord {
    pub station_id: i64,
    /// The hour of the visit.
    pub hour: String,
}

/// A sign-in code waiting for the account's number (the code itself is kept
/// only as a keyed hash, which is not exported).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignInCodeRecord {
    pub sent_at: String,
    pub expires_at: String,
    pub attempts: i64,
}

/// A rate-limit counter kept under the account's number or id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RateLimitRecord {
    pub bucket: String,
    pub tokens: f64,
    pub updated_ms: f64,
}

/// A submission kept for a day so that the phone's retry is not done twice
/// (the stored reply is not repeated here: it is this export's own data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SubmissionRecord {
    pub key: String,
    pub created_at: String,
}

/// An audit entry about the account's own memberships, enrolments or
/// certificates: what staff (or the member) did, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditSubjectEntry {
    pub at: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub union_id: Option<i64>,
}

/// A worker's own data, to take away (`GET /api/me/data`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PersonalData {
    pub exported_at: String,
    /// Every table (and the KV sessions) this export reads, and its section.
    pub sources: Vec<ExportSource>,
    pub account: WorkerMe,
    /// The full mobile number: it is the worker's own.
    pub phone: String,
    pub account_created_at: String,
    pub last_login_at: Option<String>,
    /// The enrolment records with their consent (入会申请).
    pub applications: Vec<EnrolmentRecord>,
    pub memberships: Vec<MembershipRecord>,
    /// The member card's view: memberships and their timeline.
    pub history: crate::membership::MemberHistory,
    pub employer_links: Vec<EmployerLink>,
    /// The job card (求职卡), if one is kept.
    #[serde(default)]
    pub job_card: Option<crate::jobs::JobCard>,
    pub job_applications: Vec<crate::jobs::Application>,
    pub job_invitations: Vec<InvitationRecord>,
    pub job_reports: Vec<JobReportRecord>,
    pub training_enrolments: Vec<TrainingEnrolmentRecord>,
    pub training_attendance: Vec<AttendanceRecord>,
    pub training_certificates: Vec<CertificateRecord>,
    pub training_texts: Vec<TrainingTextRecord>,
    /// Benefit applications with their history (bank account and ID only masked).
    #[serde(default)]
    pub benefit_applications: Vec<crate::benefits::Application>,
    /// Households on file (困难职工档案) opened by one's hardship applications.
    #[serde(default)]
    pub benefit_households: Vec<crate::benefits::Household>,
    /// The evidence locker (记工本): every day recorded, corrections included,
    /// with the confirmations co-workers gave.
    #[serde(default)]
    pub locker_entries: Vec<crate::rights::LockerEntry>,
    /// 对工 confirmations one gave on co-workers' days.
    #[serde(default)]
    pub locker_confirmations: Vec<crate::rights::GivenConfirmation>,
    /// Wage complaints one is a claimant of, with one's own claim and money.
    #[serde(default)]
    pub rights_cases: Vec<crate::rights::cases::CaseView>,
    pub station_reports: Vec<StationReportRecord>,
    pub station_visits: Vec<VisitRecord>,
    /// Signed-in devices (no tokens, no token hashes).
    pub sessions: Vec<SessionInfo>,
    #[serde(default)]
    pub sign_in_code: Option<SignInCodeRecord>,
    pub rate_limits: Vec<RateLimitRecord>,
    pub submissions: Vec<SubmissionRecord>,
    pub audit_entries: Vec<AuditSubjectEntry>,
    /// What is kept after an account is deleted, and why.
    pub retention: String,
}

/// The sections of [`PersonalData`] that hold records, for the 我的数据 screen:
/// (field, 中文, English).
pub const EXPORT_SECTIONS: &[(&str, &str, &str)] = &[
    ("account", "账号", "Account"),
    (
        "applications",
        "入会申请(含同意书版本和时间)",
        "Enrolment records (with the consent given)",
    ),
    ("memberships", "会员记录", "Memberships"),
    ("history", "会员经历", "Membership history"),
    ("employer_links", "代表的用工企业", "Employers you act for"),
    ("job_card", "求职卡", "Job card"),
    ("job_applications", "岗位申请", "Job applications"),
    ("job_invitations", "岗位邀请", "Job invitations"),
    ("job_reports", "举报的岗位", "Job ads you reported"),
    ("training_enrolments", "培训报名", "Course sign-ups"),
    ("training_attendance", "培训签到", "Course attendance"),
    ("training_certificates", "培训证书", "Certificates"),
    ("training_texts", "培训短信", "Course text messages"),
    ("benefit_applications", "帮扶申请", "Benefit applications"),
    ("benefit_households", "困难职工档案", "Households on file"),
    (
        "locker_entries",
        "记工本(每天的记录和更正)",
        "Evidence locker (each day and its corrections)",
    ),
    (
        "locker_confirmations",
        "我给工友的对工确认",
        "Days you confirmed for co-workers",
    ),
    ("rights_cases", "欠薪投诉", "Wage complaints"),
    ("station_reports", "驿站反馈", "Station reports"),
    ("station_visits", "到站签到", "Station check-ins"),
    ("sessions", "登录设备", "Signed-in devices"),
    ("sign_in_code", "待用的验证码", "A pending sign-in code"),
    ("rate_limits", "频率限制计数", "Rate-limit counters"),
    (
        "submissions",
        "防重复提交记录",
        "Submissions kept against double sending",
    ),
    (
        "audit_entries",
        "与你有关的操作记录",
        "Audit entries about you",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_section_is_a_field_and_has_a_label() {
        let fields: Vec<&str> = EXPORT_SECTIONS.iter().map(|(f, _, _)| *f).collect();
        for s in export_sources() {
            assert!(
                fields.contains(&s.section.as_str()),
                "{} has no label",
                s.section
            );
        }
        // No table is both exported and declared not personal.
        for (t, _) in NOT_PERSONAL_TABLES {
            assert!(!EXPORT_TABLES.iter().any(|(e, _)| e == t), "{t}");
        }
    }
}
