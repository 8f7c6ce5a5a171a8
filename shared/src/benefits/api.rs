//! Envelopes, lists and queries of the benefits API, and the views of an
//! application (the worker's and the staff queue's) with its history.

use super::application::{ApplicationFacts, StoredSelfCheck};
use super::programme::{Programme, ProgrammeKind, ProgrammeStatus};
use super::status::{ApplicationStatus, PaymentMethod, StatusAction, StatusStep, StepFacts};
use super::{finish, programme::valid_region};
use crate::api::ListMeta;
use crate::attachments::AttachmentView;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::query::Query;
use crate::unions::UnionRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `{"programme": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProgrammeEnvelope {
    pub programme: Programme,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProgrammeList {
    pub programmes: Vec<Programme>,
    pub meta: ListMeta,
}

fn choice<T>(
    q: &Query,
    name: &str,
    parse: fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Option<T> {
    let raw = q.str(name)?;
    let v = parse(raw);
    if v.is_none() {
        errors.add(name, why::not_a_choice());
    }
    v
}

pub(super) fn cursor(q: &Query, errors: &mut FieldErrors) -> Option<i64> {
    q.str("cursor").and_then(|c| {
        let id = crate::api::cursor::decode(c)
            .and_then(|s| s.parse::<i64>().ok())
            .filter(|id| *id > 0);
        if id.is_none() {
            errors.add(
                "cursor",
                Text::new("翻页信息已失效", "This page link is out of date"),
            );
        }
        id
    })
}

/// `GET /api/benefits/programmes?region_code=&kind=`: what the signed-in worker
/// may apply for today — their union's and the unions' above it (as a member),
/// and programmes open to gig workers of `region_code` (their work area).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FindQuery {
    /// GB/T 2260 six-digit code of where the worker works.
    #[cfg_attr(feature = "openapi", schemars(length(max = 6)))]
    pub region_code: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindProgrammes {
    pub region_code: Option<String>,
    pub kind: Option<ProgrammeKind>,
}

impl FindQuery {
    pub fn read(q: &Query) -> Result<FindProgrammes, FieldErrors> {
        let mut errors = FieldErrors::new();
        let region_code = q.str("region_code").map(str::trim).map(str::to_string);
        if region_code.as_deref().is_some_and(|r| !valid_region(r)) {
            errors.add(
                "region_code",
                Text::new("行政区划代码是6位数字", "A division code is 6 digits"),
            );
        }
        let kind = choice(q, "kind", ProgrammeKind::parse, &mut errors);
        finish(errors, FindProgrammes { region_code, kind })
    }
}

/// `GET /api/admin/benefits/programmes?union_id=&kind=&status=&cursor=&limit=`: newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AdminProgrammesQuery {
    pub union_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub kind: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub status: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdminProgrammes {
    pub union_id: Option<i64>,
    pub kind: Option<ProgrammeKind>,
    pub status: Option<ProgrammeStatus>,
    pub before_id: Option<i64>,
    pub limit: u32,
}

impl AdminProgrammesQuery {
    pub fn read(q: &Query) -> Result<AdminProgrammes, FieldErrors> {
        let mut errors = FieldErrors::new();
        let union_id = q.opt("union_id", &mut errors);
        let kind = choice(q, "kind", ProgrammeKind::parse, &mut errors);
        let status = choice(q, "status", ProgrammeStatus::parse, &mut errors);
        let before_id = cursor(q, &mut errors);
        let limit = crate::api::page_limit(q.opt("limit", &mut errors), 50, 100);
        finish(
            errors,
            AdminProgrammes {
                union_id,
                kind,
                status,
                before_id,
                limit,
            },
        )
    }
}

/// `GET /api/admin/benefits/applications?programme_id=&status=&union_id=&cursor=&limit=`:
/// the review queue of the caller's subtree, oldest first (first come, first served).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueueQuery {
    pub programme_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub status: Option<String>,
    pub union_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    pub programme_id: Option<i64>,
    pub status: Option<ApplicationStatus>,
    pub union_id: Option<i64>,
    pub after_id: Option<i64>,
    pub limit: u32,
}

impl QueueQuery {
    pub fn read(q: &Query) -> Result<Queue, FieldErrors> {
        let mut errors = FieldErrors::new();
        let programme_id = q.opt("programme_id", &mut errors);
        let status = choice(q, "status", ApplicationStatus::parse, &mut errors);
        let union_id = q.opt("union_id", &mut errors);
        let after_id = cursor(q, &mut errors);
        let limit = crate::api::page_limit(q.opt("limit", &mut errors), 50, 100);
        finish(
            errors,
            Queue {
                programme_id,
                status,
                union_id,
                after_id,
                limit,
            },
        )
    }
}

/// One application, as the applicant and staff in scope see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Application {
    pub id: i64,
    pub programme_id: i64,
    pub programme_name: String,
    pub kind: ProgrammeKind,
    /// The union running the programme (who handles it).
    pub union: UnionRef,
    /// From the enrolment profile (a member) or typed once (a gig worker).
    pub name: String,
    /// `340102************`.
    pub id_number_masked: String,
    /// The applicant's account phone; staff only (absent in the worker's own view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Applied as a member (of this union), or as a gig worker of the area.
    pub as_member: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_union: Option<String>,
    pub facts: ApplicationFacts,
    /// Hardship: the server's own run of the self-check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_check: Option<StoredSelfCheck>,
    pub status: ApplicationStatus,
    /// Decided (approved or proposed on 公示), fen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    /// Why it was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// While `needs_documents`: which ones.
    #[serde(default)]
    pub documents_requested: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_ends_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethod>,
    /// The photos and scans linked to this application, oldest first (read
    /// at `GET /api/attachments/{id}`); empty in lists.
    #[serde(default)]
    pub attachments: Vec<AttachmentView>,
    pub submitted_at: String,
    pub updated_at: String,
    /// Counts the changes; each history entry carries the version it made.
    pub version: u32,
}

impl Application {
    /// The status in plain words, with the next step and who handles it.
    pub fn step(&self) -> StatusStep {
        self.status.step(&StepFacts {
            union: &self.union.name,
            amount_fen: self.paid_fen.or(self.amount_fen),
            reason: self.reason.as_deref(),
            documents: &self.documents_requested,
            notice_ends_on: self.notice_ends_on,
            paid_on: self.paid_on,
            method: self.payment_method,
        })
    }
}

/// One change of an application's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationEvent {
    /// 1 is the submission.
    pub version: u32,
    /// Absent for the submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<StatusAction>,
    pub status: ApplicationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    /// The reason, the note on documents, or the payment's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub documents: Vec<String>,
    /// `worker` or `staff`.
    pub by: String,
    pub at: String,
}

/// `{"application": {...}, "history": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationEnvelope {
    pub application: Application,
    /// Oldest first.
    pub history: Vec<ApplicationEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationList {
    pub applications: Vec<Application>,
    pub meta: ListMeta,
}

/// What a bulk payment did: every application paid, in id order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkPaymentReply {
    pub applications: Vec<Application>,
    pub paid_fen: i64,
}

/// One line of a scholarship's public notice (公示): the name masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NoticeEntry {
    /// `王*国`: the applicant's name.
    pub name_masked: String,
    /// The child's name, masked too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_masked: Option<String>,
    pub amount_fen: i64,
    pub notice_ends_on: NaiveDate,
}

/// `GET /api/benefits/programmes/{programme_id}/public-notice`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicNotice {
    pub programme_id: i64,
    pub programme_name: String,
    pub union: UnionRef,
    pub entries: Vec<NoticeEntry>,
}
