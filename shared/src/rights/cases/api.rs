//! Envelopes, lists, queries and the views of a case. A claimant's view holds
//! only their own claim and money; staff see every claimant.

use super::super::clocks::{Clock, ReferralTarget};
use super::action::{Satisfaction, SessionResult};
use super::status::{CaseAction, CaseStatus, StepFacts};
use super::threshold::ThresholdCheck;
use crate::attachments::AttachmentView;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::query::Query;
use crate::unions::UnionRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One claimant's part of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClaimView {
    pub id: i64,
    pub name: String,
    /// Staff only: the claimant's phone (for calls at 核实 and 回访).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub days: u32,
    pub amount_claimed_fen: i64,
    pub still_employed: bool,
    pub left_on: Option<NaiveDate>,
    pub is_filer: bool,
    pub representative: bool,
    /// The mediated agreement's amount and pay-by date for this claimant.
    pub agreed_fen: Option<i64>,
    pub pay_by: Option<NaiveDate>,
    /// Recovered so far, and the latest payment's date.
    pub recovered_fen: i64,
    pub recovered_on: Option<NaiveDate>,
    pub evidence: Vec<AttachmentView>,
    pub joined_at: String,
}

/// A mediation session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionView {
    pub held_on: NaiveDate,
    pub result: SessionResult,
    pub note: String,
}

/// One step of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseEvent {
    /// `None`: the complaint was filed.
    pub action: Option<CaseAction>,
    pub status: CaseStatus,
    pub note: Option<String>,
    pub by_staff: bool,
    pub at: String,
}

/// Who owes the wages, as the case shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerView {
    pub name: String,
    /// A verified employer's id (its public page shows its wage record).
    pub employer_id: Option<i64>,
    /// A labour boss's phone: staff and claimants only.
    pub phone: Option<String>,
}

/// A case as a claimant or staff sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseView {
    pub id: i64,
    pub status: CaseStatus,
    pub union: UnionRef,
    pub employer: EmployerView,
    pub site_name: String,
    pub site_address: String,
    pub main_contractor: Option<String>,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub facts: String,
    pub claimant_count: u32,
    /// Staff: the sum of the claims; a claimant: their own.
    pub claimed_fen: i64,
    pub recovered_fen: i64,
    pub missing: Vec<String>,
    pub reason: Option<String>,
    pub referral: Option<ReferralTarget>,
    pub referred_on: Option<NaiveDate>,
    pub referral_accepted_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub settled_on_time: bool,
    pub needs_representatives: bool,
    pub clocks: Vec<Clock>,
    pub threshold: Option<ThresholdCheck>,
    /// The caller's own claim (claimants), or `None` (staff).
    pub mine: Option<ClaimView>,
    /// Every claim (staff only; empty for claimants).
    pub claimants: Vec<ClaimView>,
    pub sessions: Vec<SessionView>,
    pub history: Vec<CaseEvent>,
    pub created_at: String,
}

impl CaseView {
    /// The plain words of the status for the caller (a claimant's own money).
    pub fn step(&self) -> super::status::CaseStep {
        let mine = self.mine.as_ref();
        self.status.step(&StepFacts {
            union: &self.union.name,
            missing: &self.missing,
            reason: self.reason.as_deref(),
            referral: self.referral,
            agreed: mine.and_then(|m| m.agreed_fen.zip(m.pay_by)),
            recovered_fen: mine.map_or(self.recovered_fen, |m| m.recovered_fen),
            claimed_fen: mine.map_or(self.claimed_fen, |m| m.amount_claimed_fen),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseEnvelope {
    pub case: CaseView,
}

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseSummary {
    pub id: i64,
    pub status: CaseStatus,
    pub union: UnionRef,
    pub employer_name: String,
    pub site_name: String,
    pub claimant_count: u32,
    pub claimed_fen: i64,
    pub recovered_fen: i64,
    /// The clock due first (overdue or soonest).
    pub clock: Option<Clock>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaseList {
    pub cases: Vec<CaseSummary>,
    pub meta: crate::api::ListMeta,
}

/// `GET …/invite`: the invitation link and its QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InviteView {
    pub path: String,
    pub svg: String,
    pub expires_at: String,
}

/// `GET /api/rights/case-invites?c=&exp=&sig=`: what a co-worker sees before joining.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InvitePreview {
    pub case_id: i64,
    pub union_name: String,
    pub employer_name: String,
    pub site_name: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub claimant_count: u32,
    /// Already a claimant of this case.
    pub joined: bool,
    pub open_to_join: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InviteQuery {
    pub c: Option<i64>,
    pub exp: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub sig: Option<String>,
}

/// `GET /api/admin/rights/cases?union_id=&status=&cursor=&limit=`, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CasesQuery {
    pub union_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub status: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cases {
    pub union_id: Option<i64>,
    pub status: Option<CaseStatus>,
    pub before_id: Option<i64>,
    pub limit: u32,
}

impl CasesQuery {
    pub fn read(q: &Query) -> Result<Cases, FieldErrors> {
        let mut errors = FieldErrors::new();
        let union_id = q.opt("union_id", &mut errors);
        let status = q.str("status").and_then(|s| {
            let v = CaseStatus::parse(s);
            if v.is_none() {
                errors.add("status", why::not_a_choice());
            }
            v
        });
        let before_id = q.str("cursor").and_then(|c| {
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
        });
        let limit = crate::api::page_limit(q.opt("limit", &mut errors), 50, 100);
        if errors.is_empty() {
            Ok(Cases {
                union_id,
                status,
                before_id,
                limit,
            })
        } else {
            Err(errors)
        }
    }
}

/// `GET /api/admin/rights/cases/clocks?union_id=&due=overdue|soon`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClocksQuery {
    pub union_id: Option<i64>,
    /// `overdue` (default): clocks past due; `soon`: also those within their warning.
    #[cfg_attr(feature = "openapi", schemars(length(max = 10)))]
    pub due: Option<String>,
}

/// `POST …/settled-on-time`: staff confirm the employer paid as agreed (按时结清).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SettledInput {
    pub settled: bool,
}

/// The province thresholds on file (information).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThresholdList {
    pub thresholds: Vec<super::threshold::Threshold>,
}

/// The calendar of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarList {
    pub days: Vec<super::super::holidays::CalendarDay>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CalendarQuery {
    pub year: Option<i32>,
}
