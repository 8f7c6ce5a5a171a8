//! Employers (用工企业) and labour subcontractors: registration with their unified
//! social credit code, verification by union staff before any job goes live,
//! and the public record shown on the employer's page.

use super::{finish, text_field, ReportReason};
use crate::api::ListMeta;
use crate::error::FieldErrors;
use crate::lang::Text;
use crate::unions::UnionRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What an employer's contact fills in to register the company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerInput {
    /// The name on the business licence, 2–60 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub name: String,
    /// 统一社会信用代码, 18 characters with a valid check character.
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub uscc: String,
    /// Who workers and staff deal with, 1–20 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub contact_name: String,
    /// A mainland mobile number.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub contact_phone: String,
    /// The SMS code sent to `contact_phone`. Needed unless it is the signed-in
    /// account's own number, which sign-in has already verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 12)))]
    pub code: Option<String>,
    /// Where the company hires: the 6-digit division code of its city or
    /// district (340102). Decides which union's staff verify it.
    #[cfg_attr(feature = "openapi", schemars(length(max = 6)))]
    pub region_code: String,
}

impl EmployerInput {
    /// Checks every field; on success returns the input normalised (trimmed,
    /// code in capitals, phone as 11 digits).
    pub fn validate(&self) -> Result<EmployerInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let uscc = errors.check("uscc", crate::uscc::parse_uscc(&self.uscc));
        let details = EmployerEdit {
            name: self.name.clone(),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            code: self.code.clone(),
            region_code: self.region_code.clone(),
        }
        .checked(&mut errors);
        finish(
            errors,
            EmployerInput {
                name: details.name,
                uscc: uscc.unwrap_or_default(),
                contact_name: details.contact_name,
                contact_phone: details.contact_phone,
                code: details.code,
                region_code: details.region_code,
            },
        )
    }
}

/// A correction of an employer's name, contact or area, by one of its contacts
/// (`PATCH /api/employers/{id}`) or by union staff in scope. The credit code
/// never changes: it is the company. A new name goes back to union staff for
/// verification ([`EmployerStatus::after_rename`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerEdit {
    /// The name on the business licence, 2–60 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub contact_name: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub contact_phone: String,
    /// The SMS code sent to a new `contact_phone` (an employer's contact
    /// changing it; staff check the number in person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 12)))]
    pub code: Option<String>,
    /// The 6-digit division code of where it hires; decides its union.
    #[cfg_attr(feature = "openapi", schemars(length(max = 6)))]
    pub region_code: String,
}

impl EmployerEdit {
    /// Checks every field (the registration's rules); returns it normalised
    /// (trimmed, phone as 11 digits).
    pub fn validate(&self) -> Result<EmployerEdit, FieldErrors> {
        let mut errors = FieldErrors::new();
        let out = self.checked(&mut errors);
        finish(errors, out)
    }

    fn checked(&self, errors: &mut FieldErrors) -> EmployerEdit {
        let name = text_field(errors, "name", &self.name, 2, 60);
        let contact_name = text_field(errors, "contact_name", &self.contact_name, 1, 20);
        let contact_phone = errors.check(
            "contact_phone",
            crate::phone::parse_mobile(&self.contact_phone),
        );
        let code = match self
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(c) => errors.check("code", crate::accounts::parse_code(c)),
            None => None,
        };
        let region_code = errors.check(
            "region_code",
            crate::unions::validate_region_code(&self.region_code),
        );
        EmployerEdit {
            name,
            contact_name,
            contact_phone: contact_phone.unwrap_or_default(),
            code,
            region_code: region_code.unwrap_or_default(),
        }
    }
}

crate::vocabulary! {
    /// Where an employer stands with the union.
    #[derive(Default)]
    pub enum EmployerStatus {
        /// Registered, waiting for union staff to check the licence.
        #[default]
        Pending = "pending", "待工会核实", "Awaiting union check";
        /// Checked by union staff; its jobs may go live.
        Verified = "verified", "工会已核实", "Verified by the union";
        /// Stopped by staff (fake ads, wage arrears…); its jobs are hidden.
        Suspended = "suspended", "已暂停", "Suspended";
    }
}

/// Who asks for an employer's record (`GET /api/employers/{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordViewer {
    /// Anyone else: a stranger, any worker, staff of another subtree.
    Public,
    /// One of the employer's own contact accounts.
    Contact,
    /// Staff whose subtree holds the employer.
    StaffInScope,
}

/// Whether `viewer` may read the record at all. Ids are sequential, so before
/// union staff have verified an employer its record (name, contact person) is
/// for its own contacts and staff in scope only: everyone else gets a 404. Once
/// verified it stays public, also when suspended (workers should see why).
pub fn record_visible(viewer: RecordViewer, ever_verified: bool) -> bool {
    ever_verified || viewer != RecordViewer::Public
}

impl EmployerStatus {
    /// Only verified employers' jobs go live (workers' top complaint is fake ads).
    pub fn may_publish(self) -> bool {
        self == EmployerStatus::Verified
    }

    /// The standing after an edit: a verified employer with a new name waits
    /// for union staff to check the licence again (its jobs leave the list
    /// until then); a suspended one stays suspended.
    pub fn after_rename(self, renamed: bool) -> EmployerStatus {
        if renamed && self == EmployerStatus::Verified {
            EmployerStatus::Pending
        } else {
            self
        }
    }

    /// The changes staff may make: verify or refuse a new registration, suspend
    /// a verified employer, reinstate a suspended one.
    pub fn can_become(self, next: EmployerStatus) -> bool {
        use EmployerStatus::*;
        matches!(
            (self, next),
            (Pending, Verified)
                | (Pending, Suspended)
                | (Verified, Suspended)
                | (Suspended, Verified)
        )
    }
}

/// Staff verify, suspend or reinstate an employer with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerStatusChange {
    pub status: EmployerStatus,
    /// Why; required when suspending, at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: Option<String>,
}

impl EmployerStatusChange {
    /// Checks the change from `current`.
    pub fn validate(&self, current: EmployerStatus) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !current.can_become(self.status) {
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
        let note = self.note.as_deref().unwrap_or("");
        let min = if self.status == EmployerStatus::Suspended {
            2
        } else {
            0
        };
        text_field(&mut errors, "note", note, min, 200);
        finish(errors, ())
    }
}

/// A flag union staff raised on an employer, usually after a worker's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerFlag {
    pub id: i64,
    pub reason: ReportReason,
    pub note: Option<String>,
    /// The job it was about, if any.
    pub job_id: Option<i64>,
    pub raised_by: UnionRef,
    pub raised_at: String,
    /// When staff cleared it (it stays on the record, shown as cleared).
    pub cleared_at: Option<String>,
}

/// Staff raise a flag with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerFlagInput {
    pub reason: ReportReason,
    #[serde(default)]
    pub job_id: Option<i64>,
    /// What staff found, 2–200 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: String,
}

impl EmployerFlagInput {
    pub fn validate(&self) -> Result<EmployerFlagInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let note = text_field(&mut errors, "note", &self.note, 2, 200);
        finish(
            errors,
            EmployerFlagInput {
                note,
                ..self.clone()
            },
        )
    }
}

/// The employer's wage-payment record from the rights capability's wage-arrears
/// cases (欠薪案件): only cases closed with money recovered or a mediated
/// agreement count; open allegations never show (`open_cases` stays 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WageRecord {
    /// Complaints being handled now.
    pub open_cases: u32,
    /// Complaints closed (paid, mediated or judged).
    pub closed_cases: u32,
    /// Of those, the cases staff marked as paid on time (按时结清).
    #[serde(default)]
    pub settled_on_time: u32,
    /// Wages recovered for workers through closed cases, fen.
    pub recovered_fen: i64,
    /// The date of the latest complaint, Asia/Shanghai.
    pub last_case_on: Option<NaiveDate>,
}

impl WageRecord {
    /// One line for the employer's page: clean, or how many cases.
    pub fn summary(&self) -> Text {
        match (self.open_cases, self.closed_cases) {
            (0, 0) => Text::new("无欠薪记录", "No wage-arrears record"),
            (0, c) if self.settled_on_time >= c => Text::owned(
                format!(
                    "有{c}起欠薪案件已结案,为工人追回{},均已按时结清",
                    crate::money::yuan(self.recovered_fen)
                ),
                format!(
                    "{c} wage-arrears case(s) closed, {} recovered for workers, all paid on time",
                    crate::money::yuan_sign(self.recovered_fen)
                ),
            ),
            (0, c) => Text::owned(
                format!(
                    "有{c}起欠薪案件已结案,为工人追回{}",
                    crate::money::yuan(self.recovered_fen)
                ),
                format!(
                    "{c} wage-arrears case(s) closed, {} recovered for workers",
                    crate::money::yuan_sign(self.recovered_fen)
                ),
            ),
            (o, _) => Text::owned(
                format!("有{o}起欠薪投诉正在处理"),
                format!("{o} wage-arrears complaint(s) being handled"),
            ),
        }
    }
}

/// An employer as named in a job or a fair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerRef {
    pub id: i64,
    pub name: String,
    pub status: EmployerStatus,
}

impl EmployerRef {
    pub fn is_verified(&self) -> bool {
        self.status == EmployerStatus::Verified
    }
}

/// The employer's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Employer {
    pub id: i64,
    pub name: String,
    pub uscc: String,
    pub status: EmployerStatus,
    /// The union that looks after it: its staff verify it and moderate its jobs.
    pub union: UnionRef,
    pub region_code: String,
    pub contact_name: String,
    /// Only for union staff in scope and the employer's own contacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    /// The union whose staff verified it.
    pub verified_by: Option<UnionRef>,
    pub verified_at: Option<String>,
    pub jobs_posted: u32,
    /// Workers hired through Gongyou (each is a match, 撮合).
    pub hires: u32,
    pub flags: Vec<EmployerFlag>,
    /// `None` until the rights capability reports wage-arrears cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage_record: Option<WageRecord>,
    pub created_at: String,
}

impl Employer {
    /// How jobs and fairs name it.
    pub fn to_ref(&self) -> EmployerRef {
        EmployerRef {
            id: self.id,
            name: self.name.clone(),
            status: self.status,
        }
    }

    /// Flags not yet cleared.
    pub fn open_flags(&self) -> usize {
        self.flags.iter().filter(|f| f.cleared_at.is_none()).count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerEnvelope {
    pub employer: Employer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EmployerList {
    pub employers: Vec<Employer>,
    pub meta: ListMeta,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_is_checked_like_a_registration_and_a_new_name_is_checked_again() {
        let edit = EmployerEdit {
            name: " 合肥建工劳务有限公司 ".into(),
            contact_name: "王经理".into(),
            contact_phone: "139 0551 2345".into(),
            code: None,
            region_code: "340102".into(),
        };
        let ok = edit.validate().unwrap();
        assert_eq!(ok.name, "合肥建工劳务有限公司");
        assert_eq!(ok.contact_phone, "13905512345");
        let bad = EmployerEdit {
            name: "甲".into(),
            contact_phone: "2345".into(),
            region_code: "3401".into(),
            ..edit.clone()
        }
        .validate()
        .unwrap_err();
        for f in ["name", "contact_phone", "region_code"] {
            assert!(bad.get(f).is_some(), "{f}");
        }
        assert!(bad.get("uscc").is_none());
        use EmployerStatus::*;
        assert_eq!(Verified.after_rename(true), Pending);
        assert_eq!(Verified.after_rename(false), Verified);
        assert_eq!(Suspended.after_rename(true), Suspended);
        assert_eq!(Pending.after_rename(true), Pending);
    }

    #[test]
    fn unverified_records_are_only_for_contacts_and_staff_in_scope() {
        use RecordViewer::*;
        assert!(!record_visible(Public, false));
        assert!(record_visible(Contact, false));
        assert!(record_visible(StaffInScope, false));
        for v in [Public, Contact, StaffInScope] {
            assert!(record_visible(v, true));
        }
    }

    fn input() -> EmployerInput {
        EmployerInput {
            name: " 福州市某建筑劳务有限公司 ".into(),
            uscc: "91350100m000100y43".into(),
            contact_name: "陈经理".into(),
            contact_phone: "+86 138-0013-8000".into(),
            code: Some(" 123456 ".into()),
            region_code: " 350102 ".into(),
        }
    }

    #[test]
    fn a_good_registration_is_normalised() {
        let ok = input().validate().unwrap();
        assert_eq!(ok.name, "福州市某建筑劳务有限公司");
        assert_eq!(ok.uscc, "91350100M000100Y43");
        assert_eq!(ok.contact_phone, "13800138000");
        assert_eq!(ok.code.as_deref(), Some("123456"));
        assert_eq!(ok.region_code, "350102");
        let no_code = EmployerInput {
            code: Some("  ".into()),
            ..input()
        }
        .validate()
        .unwrap();
        assert_eq!(no_code.code, None);
    }

    #[test]
    fn each_bad_field_gets_its_own_reason() {
        let bad = EmployerInput {
            name: "某".into(),
            uscc: "91350100M000100Y44".into(),
            contact_name: "".into(),
            contact_phone: "12345".into(),
            code: Some("12".into()),
            region_code: "3501".into(),
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(e.get("name").unwrap().zh, "至少需要2个字");
        assert!(e.get("uscc").unwrap().zh.contains("校验码"));
        assert_eq!(e.get("contact_name").unwrap().zh, "这一项必须填写");
        assert!(e.get("contact_phone").unwrap().zh.contains("11位"));
        assert!(e.get("code").unwrap().zh.contains("6位"));
        assert!(e.get("region_code").unwrap().zh.contains("6位数字"));
        let long = EmployerInput {
            name: "建".repeat(61),
            ..input()
        };
        assert_eq!(
            long.validate().unwrap_err().get("name").unwrap().zh,
            "不能超过60个字"
        );
    }

    #[test]
    fn only_verified_employers_publish() {
        assert!(EmployerStatus::Verified.may_publish());
        assert!(!EmployerStatus::Pending.may_publish());
        assert!(!EmployerStatus::Suspended.may_publish());
    }

    #[test]
    fn status_changes_follow_the_review() {
        use EmployerStatus::*;
        assert!(Pending.can_become(Verified));
        assert!(Pending.can_become(Suspended));
        assert!(Verified.can_become(Suspended));
        assert!(Suspended.can_become(Verified));
        assert!(!Verified.can_become(Pending));
        assert!(!Suspended.can_become(Pending));
        for &s in EmployerStatus::ALL {
            assert!(!s.can_become(s), "{s:?}");
            assert_eq!(EmployerStatus::parse(s.code()), Some(s));
        }
        let suspend = EmployerStatusChange {
            status: Suspended,
            note: None,
        };
        assert_eq!(
            suspend
                .validate(Verified)
                .unwrap_err()
                .get("note")
                .unwrap()
                .zh,
            "这一项必须填写"
        );
        let suspend = EmployerStatusChange {
            status: Suspended,
            note: Some("发布虚假招工信息".into()),
        };
        assert!(suspend.validate(Verified).is_ok());
        let back = EmployerStatusChange {
            status: Pending,
            note: None,
        };
        assert!(back
            .validate(Verified)
            .unwrap_err()
            .get("status")
            .unwrap()
            .zh
            .contains("不能改为"));
        assert!(EmployerStatusChange {
            status: Verified,
            note: None
        }
        .validate(Pending)
        .is_ok());
    }

    #[test]
    fn wage_record_shows_closed_cases_and_money_recovered() {
        let e = Employer {
            id: 1,
            name: "某公司".into(),
            uscc: "91350100M000100Y43".into(),
            status: EmployerStatus::Verified,
            union: UnionRef {
                id: 3,
                code: "FJ-FZ-GL".into(),
                name: "鼓楼区总工会".into(),
            },
            region_code: "350102".into(),
            contact_name: "陈经理".into(),
            contact_phone: None,
            verified_by: None,
            verified_at: None,
            jobs_posted: 3,
            hires: 2,
            flags: vec![],
            wage_record: None,
            created_at: "2025-03-01T00:00:00Z".into(),
        };
        let json = serde_json::to_value(&e).unwrap();
        assert!(json.get("wage_record").is_none());
        assert!(json.get("contact_phone").is_none());
        assert_eq!(json["status"], "verified");
        assert!(e.to_ref().is_verified());
        assert_eq!(WageRecord::default().summary().zh, "无欠薪记录");
        let open = WageRecord {
            open_cases: 2,
            closed_cases: 1,
            ..Default::default()
        };
        assert_eq!(open.summary().zh, "有2起欠薪投诉正在处理");
        let closed = WageRecord {
            closed_cases: 1,
            recovered_fen: 1_155_000,
            ..Default::default()
        };
        assert_eq!(closed.summary().zh, "有1起欠薪案件已结案,为工人追回11550元");
        let settled = WageRecord {
            settled_on_time: 1,
            ..closed
        };
        assert!(settled.summary().zh.ends_with("均已按时结清"));
    }

    #[test]
    fn flags_need_a_note() {
        let f = EmployerFlagInput {
            reason: ReportReason::ChargesFee,
            job_id: Some(7),
            note: " 向工人收取押金 ".into(),
        };
        assert_eq!(f.validate().unwrap().note, "向工人收取押金");
        let f = EmployerFlagInput {
            note: " ".into(),
            ..f
        };
        assert!(f.validate().unwrap_err().get("note").is_some());
    }
}
