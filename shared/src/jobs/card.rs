//! The worker's side: the job card (求职卡), applications and their status, and
//! reports of fake or misleading ads.

use super::job::{check_position, check_trades};
use super::{finish, text_field, JobSummary};
use crate::error::FieldErrors;
use crate::geo::LatLng;
use crate::lang::Text;
use crate::money::WageUnit;
use crate::trades::Trade;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_CARD_TRADES: usize = 5;
pub const MAX_CERTIFICATES: usize = 10;
pub const MAX_AREAS: usize = 5;
/// `available_from` at most this many days ahead.
pub const MAX_AVAILABLE_DAYS: u64 = 365;

/// A trade the worker does, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TradeExperience {
    pub trade: Trade,
    /// Years of experience, 0–50.
    pub years: u8,
}

/// The job card in one short form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobCardInput {
    /// 1–5 trades with years of experience.
    pub trades: Vec<TradeExperience>,
    /// e.g. 焊工证, 电工证, 高处作业证: at most 10, each 2–30 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(inner(length(max = 30))))]
    pub certificates: Vec<String>,
    pub expected_wage_fen: i64,
    pub expected_wage_unit: WageUnit,
    /// Where the worker wants to work: district names (蜀山区) or 6-digit
    /// division codes (340104), at most 5. Empty means anywhere.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(inner(length(max = 20))))]
    pub areas: Vec<String>,
    /// Where the worker stays (WGS-84), used only to compute distances to jobs;
    /// never shown to employers.
    #[serde(default)]
    pub position: Option<LatLng>,
    /// Asia/Shanghai date; a past date means "now".
    pub available_from: NaiveDate,
    /// Hidden cards are not matched to jobs nor shown to staff.
    pub visible: bool,
}

/// Trims, drops empty entries and repeats.
fn tidy(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// A division code (6 digits) or a place name of 2–20 characters.
fn check_area(area: &str) -> Result<(), Text> {
    let n = area.chars().count();
    let code = area.bytes().all(|b| b.is_ascii_digit());
    if (code && n == 6) || (!code && (2..=20).contains(&n)) {
        Ok(())
    } else {
        Err(Text::owned(
            format!("“{area}”不是区县名称或6位行政区划代码"),
            format!("\"{area}\" is neither a district name nor a 6-digit division code"),
        ))
    }
}

impl JobCardInput {
    /// Checks the card against `today` (Asia/Shanghai); on success returns it
    /// tidied (lists trimmed, without blanks and repeats).
    pub fn validate(&self, today: NaiveDate) -> Result<JobCardInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        check_trades(
            &mut errors,
            "trades",
            self.trades.iter().map(|t| t.trade),
            MAX_CARD_TRADES,
        );
        if self.trades.iter().any(|t| t.years > 50) {
            errors.add(
                "trades",
                Text::new(
                    "工作年限应在0到50年之间",
                    "Years of experience must be 0 to 50",
                ),
            );
        }
        let certificates = tidy(&self.certificates);
        if certificates.len() > MAX_CERTIFICATES {
            errors.add(
                "certificates",
                Text::owned(
                    format!("最多填{MAX_CERTIFICATES}个证书"),
                    format!("At most {MAX_CERTIFICATES} certificates"),
                ),
            );
        }
        for c in &certificates {
            text_field(&mut errors, "certificates", c, 2, 30);
        }
        errors.check(
            "expected_wage_fen",
            self.expected_wage_unit
                .check_plausible(self.expected_wage_fen),
        );
        let areas = tidy(&self.areas);
        if areas.len() > MAX_AREAS {
            errors.add(
                "areas",
                Text::owned(
                    format!("最多选{MAX_AREAS}个地区"),
                    format!("At most {MAX_AREAS} areas"),
                ),
            );
        }
        for a in &areas {
            errors.check("areas", check_area(a));
        }
        if let Some(p) = self.position {
            check_position(&mut errors, "position", p);
        }
        if self.available_from > today + Days::new(MAX_AVAILABLE_DAYS) {
            errors.add(
                "available_from",
                Text::new(
                    "到岗日期最多在一年以后",
                    "Available-from can be at most a year ahead",
                ),
            );
        }
        finish(
            errors,
            JobCardInput {
                certificates,
                areas,
                ..self.clone()
            },
        )
    }
}

/// A certificate a union issued to the worker (a training course's 结业证书,
/// a competition's rank). It joins the card by itself when issued — the worker
/// cannot type or remove it — and matching reads its trade (`持证: …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CardCertificate {
    pub serial: String,
    /// e.g. 家政服务结业证书.
    pub name: String,
    pub trade: Trade,
    pub issued_on: NaiveDate,
}

/// A worker's job card as stored; the owner sees all of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobCard {
    pub id: i64,
    #[serde(flatten)]
    pub card: JobCardInput,
    /// Certificates unions issued (verifiable), beside the typed `certificates`.
    #[serde(default)]
    pub verified_certificates: Vec<CardCertificate>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobCardEnvelope {
    pub job_card: JobCard,
}

crate::vocabulary! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Applied = "applied", "已申请", "Applied";
        Contacted = "contacted", "已联系", "Contacted";
        Hired = "hired", "已录用", "Hired";
        NotSelected = "not_selected", "未录用", "Not selected";
        /// The worker took it back.
        Withdrawn = "withdrawn", "已撤回", "Withdrawn";
    }
}

/// Who changes an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Worker,
    /// The employer, or union staff acting for it.
    Employer,
}

impl ApplicationStatus {
    /// Hired, not selected and withdrawn are final.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Hired
                | ApplicationStatus::NotSelected
                | ApplicationStatus::Withdrawn
        )
    }

    /// A hire is a match (撮合) in the union's figures.
    pub fn counts_as_match(self) -> bool {
        self == ApplicationStatus::Hired
    }

    /// The employer moves an open application to contacted, hired or not
    /// selected (contacted only from applied); the worker may withdraw an open one.
    pub fn can_become(self, next: ApplicationStatus, by: Party) -> bool {
        use ApplicationStatus::*;
        if self.is_final() {
            return false;
        }
        match by {
            Party::Worker => next == Withdrawn,
            Party::Employer => matches!(
                (self, next),
                (Applied, Contacted) | (_, Hired) | (_, NotSelected)
            ),
        }
    }
}

/// A worker's application, as the worker follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Application {
    pub id: i64,
    pub job: JobSummary,
    pub status: ApplicationStatus,
    pub applied_at: String,
    pub updated_at: String,
}

/// The employer (or staff) sets an application's status with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationStatusChange {
    pub status: ApplicationStatus,
}

impl ApplicationStatusChange {
    pub fn validate(&self, current: ApplicationStatus, by: Party) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !current.can_become(self.status, by) {
            errors.add(
                "status",
                Text::owned(
                    format!(
                        "“{}”不能改为“{}”",
                        current.label().zh,
                        self.status.label().zh
                    ),
                    format!(
                        "\"{}\" cannot become \"{}\"",
                        current.label().en,
                        self.status.label().en
                    ),
                ),
            );
        }
        finish(errors, ())
    }
}

crate::vocabulary! {
    /// Why a worker reports a job ad.
    pub enum ReportReason {
        /// There is no such job.
        FakeJob = "fake_job", "没有这份工,是假招工", "There is no such job";
        /// The pay is not what the ad says.
        WrongWage = "wrong_wage", "工资和写的不一样", "The pay is not what it says";
        /// Asks the worker for money (deposit, training or "introduction" fees).
        ChargesFee = "charges_fee", "要我先交钱", "They asked me for money";
        Other = "other", "其他问题", "Something else";
    }
}

/// A worker reports a job ad with this; it goes to the staff moderation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReportInput {
    pub reason: ReportReason,
    /// At most 200 characters; needed for "other".
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: Option<String>,
}

impl JobReportInput {
    pub fn validate(&self) -> Result<JobReportInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let min = if self.reason == ReportReason::Other {
            2
        } else {
            0
        };
        let note = text_field(
            &mut errors,
            "note",
            self.note.as_deref().unwrap_or(""),
            min,
            200,
        );
        finish(
            errors,
            JobReportInput {
                reason: self.reason,
                note: (!note.is_empty()).then_some(note),
            },
        )
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::jobs::job::tests::d;

    pub fn card() -> JobCardInput {
        JobCardInput {
            trades: vec![
                TradeExperience {
                    trade: Trade::Carpenter,
                    years: 12,
                },
                TradeExperience {
                    trade: Trade::Labourer,
                    years: 3,
                },
            ],
            certificates: vec![
                " 木工职业技能等级证书 ".into(),
                "".into(),
                "木工职业技能等级证书".into(),
            ],
            expected_wage_fen: 30_000,
            expected_wage_unit: WageUnit::Day,
            areas: vec!["蜀山区".into(), "340104".into()],
            position: Some(LatLng::new(31.85, 117.26)),
            available_from: d("2025-03-28"),
            visible: true,
        }
    }

    #[test]
    fn a_good_card_is_tidied() {
        let ok = card().validate(d("2025-03-25")).unwrap();
        assert_eq!(ok.certificates, vec!["木工职业技能等级证书".to_string()]);
        assert_eq!(ok.areas.len(), 2);
    }

    #[test]
    fn card_limits_are_checked() {
        let today = d("2025-03-25");
        let many = JobCardInput {
            certificates: (0..11).map(|i| format!("证书{i}")).collect(),
            ..card()
        };
        assert_eq!(
            many.validate(today)
                .unwrap_err()
                .get("certificates")
                .unwrap()
                .zh,
            "最多填10个证书"
        );
        let areas = JobCardInput {
            areas: ["蜀山区", "包河区", "庐阳区", "瑶海区", "肥西县", "肥东县"]
                .map(String::from)
                .to_vec(),
            ..card()
        };
        assert!(areas.validate(today).unwrap_err().get("areas").is_some());
        let bad_area = JobCardInput {
            areas: vec!["3401".into()],
            ..card()
        };
        assert!(bad_area
            .validate(today)
            .unwrap_err()
            .get("areas")
            .unwrap()
            .zh
            .contains("3401"));
        let none = JobCardInput {
            trades: vec![],
            ..card()
        };
        assert!(none.validate(today).unwrap_err().get("trades").is_some());
        let old = JobCardInput {
            trades: vec![TradeExperience {
                trade: Trade::Mason,
                years: 70,
            }],
            ..card()
        };
        assert!(old
            .validate(today)
            .unwrap_err()
            .get("trades")
            .unwrap()
            .zh
            .contains("年限"));
        let wage = JobCardInput {
            expected_wage_unit: WageUnit::Month,
            ..card()
        };
        assert!(wage
            .validate(today)
            .unwrap_err()
            .get("expected_wage_fen")
            .is_some());
        let far = JobCardInput {
            available_from: d("2026-06-01"),
            ..card()
        };
        assert!(far
            .validate(today)
            .unwrap_err()
            .get("available_from")
            .is_some());
        let abroad = JobCardInput {
            position: Some(LatLng::new(48.85, 2.35)),
            ..card()
        };
        assert!(abroad
            .validate(today)
            .unwrap_err()
            .get("position")
            .unwrap()
            .zh
            .contains("不在中国"));
        let anywhere = JobCardInput {
            areas: vec![],
            position: None,
            ..card()
        };
        assert!(anywhere.validate(today).is_ok());
    }

    #[test]
    fn applications_follow_their_path() {
        use ApplicationStatus::*;
        assert!(Applied.can_become(Contacted, Party::Employer));
        assert!(Applied.can_become(Hired, Party::Employer));
        assert!(Contacted.can_become(Hired, Party::Employer));
        assert!(Contacted.can_become(NotSelected, Party::Employer));
        assert!(Applied.can_become(Withdrawn, Party::Worker));
        assert!(Contacted.can_become(Withdrawn, Party::Worker));
        // Workers cannot hire themselves, employers cannot withdraw for them.
        assert!(!Applied.can_become(Hired, Party::Worker));
        assert!(!Applied.can_become(Withdrawn, Party::Employer));
        assert!(!Contacted.can_become(Contacted, Party::Employer));
        assert!(!Contacted.can_become(Applied, Party::Employer));
        for done in [Hired, NotSelected, Withdrawn] {
            for &next in ApplicationStatus::ALL {
                assert!(
                    !done.can_become(next, Party::Employer)
                        && !done.can_become(next, Party::Worker)
                );
            }
        }
        assert!(Hired.counts_as_match());
        assert!(!Contacted.counts_as_match());
        assert_eq!(NotSelected.label().zh, "未录用");
        assert_eq!(serde_json::to_value(NotSelected).unwrap(), "not_selected");
        let change = ApplicationStatusChange { status: Hired };
        assert!(change.validate(Contacted, Party::Employer).is_ok());
        assert!(change
            .validate(Withdrawn, Party::Employer)
            .unwrap_err()
            .get("status")
            .is_some());
        for &s in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn reports_need_a_note_only_for_other() {
        let fee = JobReportInput {
            reason: ReportReason::ChargesFee,
            note: Some("  ".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(fee.note, None);
        let other = JobReportInput {
            reason: ReportReason::Other,
            note: None,
        };
        assert_eq!(
            other.validate().unwrap_err().get("note").unwrap().zh,
            "这一项必须填写"
        );
        let long = JobReportInput {
            reason: ReportReason::FakeJob,
            note: Some("假".repeat(201)),
        };
        assert_eq!(
            long.validate().unwrap_err().get("note").unwrap().zh,
            "不能超过200个字"
        );
        assert_eq!(
            serde_json::to_value(ReportReason::ChargesFee).unwrap(),
            "charges_fee"
        );
        for &r in ReportReason::ALL {
            assert_eq!(ReportReason::parse(r.code()), Some(r));
        }
    }
}
