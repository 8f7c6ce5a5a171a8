//! The one application form. Name, phone, union and the sealed ID number come
//! from the worker's enrolment and account and are never typed again; a worker
//! who is not a member (where the programme allows it) types name and ID
//! number once. Each kind adds its own fields:
//!
//! - hardship: the household and its money (the self-check's inputs), the cause,
//!   and the bank account for payment (sealed, shown masked);
//! - medical: the hospital and its level, the stay, the costs — a claim later
//!   than 10 days after discharge is refused (`medical.rs`);
//! - scholarship: the child (ID number sealed, and a keyed index so one child
//!   gets one scholarship a year), the school and its stage;
//! - seasonal: the campaign and the station.
//!
//! Photos and scans: the form carries the ids of the worker's uploads
//! (`attachments`), which the Worker links to the application in the same batch.

use super::hardship::{HardshipCategory, SelfCheckInput, SelfCheckResult};
use super::medical::{notice_deadline, Deadline, NOTICE_DAYS};
use super::programme::{Campaign, ProgrammeKind};
use super::{finish, text_field};
use crate::error::{why, FieldErrors};
use crate::id_number::IdNumber;
use crate::lang::Text;
use crate::membership::validate_name;
use crate::money::MAX_INPUT_FEN;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_NOTE: usize = 200;
pub const MAX_PLACE_NAME: usize = 40;

crate::vocabulary! {
    /// What brought a household into hardship.
    pub enum HardshipCause {
        Illness = "illness", "因病", "Illness";
        Accident = "accident", "因意外", "Accident";
        Disability = "disability", "因残", "Disability";
        Education = "education", "因学", "School costs";
        Disaster = "disaster", "因灾", "Disaster";
        Unemployment = "unemployment", "失业", "Loss of work";
        Other = "other", "其他原因", "Other";
    }
}

crate::vocabulary! {
    /// The grade of a hospital (医院等级).
    pub enum HospitalLevel {
        Level1 = "level_1", "一级医院", "Grade-1 hospital";
        Level2 = "level_2", "二级医院", "Grade-2 hospital";
        Level3 = "level_3", "三级医院", "Grade-3 hospital";
    }
}

crate::vocabulary! {
    /// Where the child studies.
    pub enum SchoolStage {
        University = "university", "大学(含大专)", "University or college";
        HighSchool = "high_school", "高中(含中职)", "High school or vocational school";
    }
}

/// A worker who is not a member, where the programme lets gig workers apply:
/// the real name and ID number, typed once (the ID is sealed on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NonMemberApplicant {
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 18)))]
    pub id_number: String,
}

/// The fields of each kind, as the worker types them. `kind` must be the programme's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ApplicationDetails {
    Hardship {
        /// People in the household, the worker included (1–20).
        household: u32,
        /// The household's yearly disposable income, fen.
        income_fen: i64,
        /// The year's fixed costs (刚性支出: medical, education), fen.
        fixed_costs_fen: i64,
        /// An accident caused disability or death this year.
        #[serde(default)]
        accident: bool,
        /// The year's hardship costs (bills after an illness or accident), fen.
        #[serde(default)]
        hardship_costs_fen: i64,
        cause: HardshipCause,
        /// The bank card the aid is paid to: 12–30 digits (spaces allowed).
        #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
        bank_account: String,
        /// 0–200 characters on the household's situation.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
        note: String,
    },
    Medical {
        /// 2–40 characters.
        #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
        hospital: String,
        hospital_level: HospitalLevel,
        admitted_on: NaiveDate,
        discharged_on: NaiveDate,
        /// The bill in fen, what 医保 (health insurance) paid, and what the worker paid.
        total_cost_fen: i64,
        insurance_paid_fen: i64,
        self_paid_fen: i64,
    },
    Scholarship {
        /// The child's real name.
        #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
        child_name: String,
        /// The child's ID number (sealed on the server; one scholarship a year per child).
        #[cfg_attr(feature = "openapi", schemars(length(max = 18)))]
        child_id_number: String,
        /// 2–40 characters: the school that admitted the child.
        #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
        school: String,
        stage: SchoolStage,
    },
    Seasonal {
        campaign: Campaign,
        /// The station where the handout is collected, when there is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        station_id: Option<i64>,
    },
    HealthCheck {
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
        note: String,
    },
    Other {
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
        note: String,
    },
}

/// `POST /api/benefits/programmes/{programme_id}/applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationInput {
    /// Only for a worker who is not a member, where the programme allows it;
    /// members leave it out (their enrolment profile is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<NonMemberApplicant>,
    pub details: ApplicationDetails,
    /// The public ids of the worker's uploads (`POST /api/attachments`) that go
    /// with it — receipts, the discharge summary — linked in the same batch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "openapi",
        schemars(inner(length(max = 64)), length(max = 10))
    )]
    pub attachments: Vec<String>,
}

/// What an application holds of each kind, as everyone entitled sees it:
/// the bank account and the child's ID number masked, never in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ApplicationFacts {
    Hardship {
        household: u32,
        income_fen: i64,
        fixed_costs_fen: i64,
        accident: bool,
        hardship_costs_fen: i64,
        cause: HardshipCause,
        /// `**** 0123`.
        bank_account_masked: String,
        note: String,
    },
    Medical {
        hospital: String,
        hospital_level: HospitalLevel,
        admitted_on: NaiveDate,
        discharged_on: NaiveDate,
        total_cost_fen: i64,
        insurance_paid_fen: i64,
        self_paid_fen: i64,
    },
    Scholarship {
        child_name: String,
        /// `340102************`.
        child_id_masked: String,
        school: String,
        stage: SchoolStage,
    },
    Seasonal {
        campaign: Campaign,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        station_id: Option<i64>,
    },
    HealthCheck {
        note: String,
    },
    Other {
        note: String,
    },
}

impl ApplicationFacts {
    pub fn kind(&self) -> ProgrammeKind {
        match self {
            ApplicationFacts::Hardship { .. } => ProgrammeKind::Hardship,
            ApplicationFacts::Medical { .. } => ProgrammeKind::Medical,
            ApplicationFacts::Scholarship { .. } => ProgrammeKind::Scholarship,
            ApplicationFacts::Seasonal { .. } => ProgrammeKind::Seasonal,
            ApplicationFacts::HealthCheck { .. } => ProgrammeKind::HealthCheck,
            ApplicationFacts::Other { .. } => ProgrammeKind::Other,
        }
    }

    /// The self-check's inputs of a hardship application.
    pub fn self_check_input(&self) -> Option<SelfCheckInput> {
        match self {
            ApplicationFacts::Hardship {
                household,
                income_fen,
                fixed_costs_fen,
                accident,
                hardship_costs_fen,
                ..
            } => Some(SelfCheckInput {
                income_fen: *income_fen,
                fixed_costs_fen: *fixed_costs_fen,
                household: *household,
                accident: *accident,
                hardship_costs_fen: *hardship_costs_fen,
            }),
            _ => None,
        }
    }
}

impl ApplicationDetails {
    pub fn kind(&self) -> ProgrammeKind {
        match self {
            ApplicationDetails::Hardship { .. } => ProgrammeKind::Hardship,
            ApplicationDetails::Medical { .. } => ProgrammeKind::Medical,
            ApplicationDetails::Scholarship { .. } => ProgrammeKind::Scholarship,
            ApplicationDetails::Seasonal { .. } => ProgrammeKind::Seasonal,
            ApplicationDetails::HealthCheck { .. } => ProgrammeKind::HealthCheck,
            ApplicationDetails::Other { .. } => ProgrammeKind::Other,
        }
    }
}

/// A checked application: what is stored in the open (`facts`), and what the
/// Worker seals before storing (`bank_account`, `child_id`, the non-member's ID).
#[derive(Debug, Clone)]
pub struct ValidApplication {
    pub facts: ApplicationFacts,
    /// Digits only.
    pub bank_account: Option<String>,
    pub child_id: Option<IdNumber>,
    /// A non-member's name and ID number.
    pub applicant: Option<(String, IdNumber)>,
}

/// A bank account's digits (spaces and dashes dropped), 12–30 of them.
pub fn parse_bank_account(raw: &str) -> Result<String, Text> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.is_empty() {
        Err(why::required())
    } else if !digits.bytes().all(|b| b.is_ascii_digit()) || !(12..=30).contains(&digits.len()) {
        Err(Text::new(
            "银行卡号是12到30位数字,请核对",
            "A bank account number is 12 to 30 digits; please check",
        ))
    } else {
        Ok(digits)
    }
}

/// `**** 0123`: only the last four digits show.
pub fn mask_bank_account(digits: &str) -> String {
    let tail: String = digits
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("**** {tail}")
}

fn fen(errors: &mut FieldErrors, field: &str, value: i64, min: i64) {
    if !(min..=MAX_INPUT_FEN).contains(&value) {
        errors.add(
            field,
            why::out_of_range(min as f64 / 100.0, MAX_INPUT_FEN / 100),
        );
    }
}

fn id_number(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    today: NaiveDate,
) -> Option<IdNumber> {
    match IdNumber::parse(raw, today) {
        Ok(id) => Some(id),
        Err(e) => {
            errors.add(field, e.why());
            None
        }
    }
}

fn real_name(errors: &mut FieldErrors, field: &str, raw: &str) -> String {
    let n = text_field(errors, field, raw, 2, 20);
    if errors.get(field).is_some() {
        return n;
    }
    errors.check(field, validate_name(&n)).unwrap_or(n)
}

/// Why a medical claim is too late on `today`, if it is: more than 10 days after discharge.
pub fn medical_claim_late(discharged_on: NaiveDate, today: NaiveDate) -> Option<Text> {
    match notice_deadline(discharged_on, today) {
        Deadline::DaysLeft(_) => None,
        Deadline::Passed(n) => Some(Text::owned(
            format!("出院后{NOTICE_DAYS}天内要申报,现在已过期{n}天,不能再申请互助"),
            format!(
                "A claim must be notified within {NOTICE_DAYS} days of discharge; this is {n} day{} late",
                if n == 1 { "" } else { "s" }
            ),
        )),
    }
}

impl ApplicationInput {
    /// Checks the form for a programme of `kind` (and `campaign`), on `today`
    /// (Asia/Shanghai). `member` says whether the worker applies as a member
    /// (then `applicant` must be absent) or not (then it is required).
    pub fn validate(
        &self,
        kind: ProgrammeKind,
        campaign: Option<Campaign>,
        member: bool,
        today: NaiveDate,
    ) -> Result<ValidApplication, FieldErrors> {
        let mut errors = FieldErrors::new();
        let applicant = match (&self.applicant, member) {
            (Some(_), true) | (None, true) => None,
            (None, false) => {
                errors.add(
                    "applicant",
                    Text::new(
                        "您还不是会员,请填写姓名和身份证号",
                        "You are not a member: give your name and ID number",
                    ),
                );
                None
            }
            (Some(a), false) => {
                let name = real_name(&mut errors, "applicant.name", &a.name);
                id_number(&mut errors, "applicant.id_number", &a.id_number, today)
                    .map(|id| (name, id))
            }
        };
        if self.details.kind() != kind {
            errors.add(
                "details.kind",
                Text::owned(
                    format!("这是{}项目的申请表", kind.label().zh),
                    format!("This is the form of a {} programme", kind.label().en),
                ),
            );
            return Err(errors);
        }
        let mut bank = None;
        let mut child_id = None;
        let facts = match &self.details {
            ApplicationDetails::Hardship {
                household,
                income_fen,
                fixed_costs_fen,
                accident,
                hardship_costs_fen,
                cause,
                bank_account,
                note,
            } => {
                let check = SelfCheckInput {
                    income_fen: *income_fen,
                    fixed_costs_fen: *fixed_costs_fen,
                    household: *household,
                    accident: *accident,
                    hardship_costs_fen: *hardship_costs_fen,
                };
                if let Err(e) = check.validate() {
                    for f in e.0 {
                        errors.add(format!("details.{}", f.field), f.why);
                    }
                }
                bank = errors.check("details.bank_account", parse_bank_account(bank_account));
                ApplicationFacts::Hardship {
                    household: *household,
                    income_fen: *income_fen,
                    fixed_costs_fen: *fixed_costs_fen,
                    accident: *accident,
                    hardship_costs_fen: *hardship_costs_fen,
                    cause: *cause,
                    bank_account_masked: bank.as_deref().map(mask_bank_account).unwrap_or_default(),
                    note: text_field(&mut errors, "details.note", note, 0, MAX_NOTE),
                }
            }
            ApplicationDetails::Medical {
                hospital,
                hospital_level,
                admitted_on,
                discharged_on,
                total_cost_fen,
                insurance_paid_fen,
                self_paid_fen,
            } => {
                let hospital =
                    text_field(&mut errors, "details.hospital", hospital, 2, MAX_PLACE_NAME);
                if *hospital_level == HospitalLevel::Level1 {
                    errors.add(
                        "details.hospital_level",
                        Text::new(
                            "医疗互助只认二级及以上医院的住院",
                            "Medical mutual aid covers stays in grade-2 or higher hospitals only",
                        ),
                    );
                }
                if discharged_on < admitted_on {
                    errors.add(
                        "details.discharged_on",
                        Text::new(
                            "出院日期不能早于入院日期",
                            "Discharge cannot be before admission",
                        ),
                    );
                } else if *discharged_on > today {
                    errors.add(
                        "details.discharged_on",
                        Text::new("出院以后才能申请", "Apply after discharge from hospital"),
                    );
                } else if let Some(late) = medical_claim_late(*discharged_on, today) {
                    errors.add("details.discharged_on", late);
                }
                fen(&mut errors, "details.total_cost_fen", *total_cost_fen, 1);
                fen(
                    &mut errors,
                    "details.insurance_paid_fen",
                    *insurance_paid_fen,
                    0,
                );
                fen(&mut errors, "details.self_paid_fen", *self_paid_fen, 1);
                if errors.get("details.total_cost_fen").is_none()
                    && insurance_paid_fen.saturating_add(*self_paid_fen) > *total_cost_fen
                {
                    errors.add(
                        "details.self_paid_fen",
                        Text::new(
                            "医保支付加自付不能超过总费用",
                            "Insurance and self-paid together cannot exceed the total cost",
                        ),
                    );
                }
                ApplicationFacts::Medical {
                    hospital,
                    hospital_level: *hospital_level,
                    admitted_on: *admitted_on,
                    discharged_on: *discharged_on,
                    total_cost_fen: *total_cost_fen,
                    insurance_paid_fen: *insurance_paid_fen,
                    self_paid_fen: *self_paid_fen,
                }
            }
            ApplicationDetails::Scholarship {
                child_name,
                child_id_number,
                school,
                stage,
            } => {
                let child_name = real_name(&mut errors, "details.child_name", child_name);
                child_id = id_number(
                    &mut errors,
                    "details.child_id_number",
                    child_id_number,
                    today,
                );
                ApplicationFacts::Scholarship {
                    child_name,
                    child_id_masked: child_id.as_ref().map(IdNumber::masked).unwrap_or_default(),
                    school: text_field(&mut errors, "details.school", school, 2, MAX_PLACE_NAME),
                    stage: *stage,
                }
            }
            ApplicationDetails::Seasonal {
                campaign: chosen,
                station_id,
            } => {
                if campaign.is_some_and(|c| c != *chosen) {
                    errors.add(
                        "details.campaign",
                        Text::new(
                            "这个项目不是这一季的",
                            "This programme is another campaign's",
                        ),
                    );
                }
                if station_id.is_some_and(|s| s <= 0) {
                    errors.add("details.station_id", why::not_a_choice());
                }
                ApplicationFacts::Seasonal {
                    campaign: *chosen,
                    station_id: *station_id,
                }
            }
            ApplicationDetails::HealthCheck { note } => ApplicationFacts::HealthCheck {
                note: text_field(&mut errors, "details.note", note, 0, MAX_NOTE),
            },
            ApplicationDetails::Other { note } => ApplicationFacts::Other {
                note: text_field(&mut errors, "details.note", note, 0, MAX_NOTE),
            },
        };
        finish(
            errors,
            ValidApplication {
                facts,
                bank_account: bank,
                child_id,
                applicant,
            },
        )
    }
}

/// What the server stores of a hardship application's self-check, re-run with
/// the programme's 低保 (the worker's own answer is never trusted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StoredSelfCheck {
    pub category: HardshipCategory,
    pub monthly_per_person_fen: i64,
    pub dibao_fen: i64,
}

impl From<SelfCheckResult> for StoredSelfCheck {
    fn from(r: SelfCheckResult) -> Self {
        StoredSelfCheck {
            category: r.category,
            monthly_per_person_fen: r.monthly_per_person_fen,
            dibao_fen: r.dibao_fen,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A valid ID number born in 1985 (check character computed).
    pub fn id(serial: &str) -> String {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let body = format!("34010219850101{serial}");
        let sum: u32 = body
            .bytes()
            .zip(W)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        format!(
            "{body}{}",
            "10X98765432".as_bytes()[(sum % 11) as usize] as char
        )
    }

    pub fn hardship() -> ApplicationDetails {
        ApplicationDetails::Hardship {
            household: 4,
            income_fen: 4_800_000,
            fixed_costs_fen: 1_200_000,
            accident: false,
            hardship_costs_fen: 0,
            cause: HardshipCause::Illness,
            bank_account: "6222 0212 3456 7890 123".into(),
            note: "丈夫住院".into(),
        }
    }

    fn form(details: ApplicationDetails) -> ApplicationInput {
        ApplicationInput {
            applicant: None,
            details,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn a_hardship_form_keeps_the_account_apart_and_masked() {
        let v = form(hardship())
            .validate(ProgrammeKind::Hardship, None, true, d("2025-03-10"))
            .unwrap();
        assert_eq!(v.bank_account.as_deref(), Some("6222021234567890123"));
        let ApplicationFacts::Hardship {
            bank_account_masked,
            ..
        } = &v.facts
        else {
            panic!()
        };
        assert_eq!(bank_account_masked, "**** 0123");
        let json = serde_json::to_string(&v.facts).unwrap();
        assert!(!json.contains("6222021234567890123"), "{json}");
        assert_eq!(v.facts.self_check_input().unwrap().household, 4);
        let bad = ApplicationDetails::Hardship {
            household: 0,
            income_fen: 0,
            fixed_costs_fen: 0,
            accident: false,
            hardship_costs_fen: 0,
            cause: HardshipCause::Other,
            bank_account: "12ab".into(),
            note: String::new(),
        };
        let e = form(bad)
            .validate(ProgrammeKind::Hardship, None, true, d("2025-03-10"))
            .unwrap_err();
        assert!(e.get("details.household").is_some(), "{e:?}");
        assert!(e.get("details.bank_account").is_some());
    }

    #[test]
    fn the_form_must_be_the_programmes_kind() {
        let e = form(hardship())
            .validate(ProgrammeKind::Medical, None, true, d("2025-03-10"))
            .unwrap_err();
        assert!(e.get("details.kind").is_some());
    }

    fn medical(discharged: &str, level: HospitalLevel) -> ApplicationDetails {
        medical_paying(discharged, level, 1_000_000)
    }

    fn medical_paying(
        discharged: &str,
        level: HospitalLevel,
        self_paid_fen: i64,
    ) -> ApplicationDetails {
        ApplicationDetails::Medical {
            hospital: "安徽省立医院".into(),
            hospital_level: level,
            admitted_on: d("2025-03-01"),
            discharged_on: d(discharged),
            total_cost_fen: 3_000_000,
            insurance_paid_fen: 2_000_000,
            self_paid_fen,
        }
    }

    #[test]
    fn a_medical_claim_is_refused_after_ten_days_and_below_grade_two() {
        let today = d("2025-03-20");
        // Discharged on the 10th: the 20th is the last day.
        assert!(form(medical("2025-03-10", HospitalLevel::Level3))
            .validate(ProgrammeKind::Medical, None, true, today)
            .is_ok());
        let late = form(medical("2025-03-09", HospitalLevel::Level3))
            .validate(ProgrammeKind::Medical, None, true, today)
            .unwrap_err();
        let why = late.get("details.discharged_on").unwrap();
        assert!(why.zh.contains("已过期1天"), "{}", why.zh);
        assert!(why.en.contains("1 day late"), "{}", why.en);
        let grade1 = form(medical("2025-03-15", HospitalLevel::Level1))
            .validate(ProgrammeKind::Medical, None, true, today)
            .unwrap_err();
        assert!(grade1.get("details.hospital_level").is_some());
        let future = form(medical("2025-03-21", HospitalLevel::Level2))
            .validate(ProgrammeKind::Medical, None, true, today)
            .unwrap_err();
        assert!(future.get("details.discharged_on").is_some());
        let over = medical_paying("2025-03-15", HospitalLevel::Level2, 1_000_001);
        assert!(form(over)
            .validate(ProgrammeKind::Medical, None, true, today)
            .unwrap_err()
            .get("details.self_paid_fen")
            .is_some());
    }

    #[test]
    fn a_scholarship_seals_the_child_and_a_non_member_types_their_own_id() {
        let s = ApplicationDetails::Scholarship {
            child_name: "王小明".into(),
            child_id_number: id("002"),
            school: "合肥工业大学".into(),
            stage: SchoolStage::University,
        };
        let mut f = form(s.clone());
        let e = f
            .validate(ProgrammeKind::Scholarship, None, false, d("2025-09-01"))
            .unwrap_err();
        assert!(
            e.get("applicant").is_some(),
            "a non-member names themselves"
        );
        f.applicant = Some(NonMemberApplicant {
            name: "王建国".into(),
            id_number: id("001"),
        });
        let v = f
            .validate(ProgrammeKind::Scholarship, None, false, d("2025-09-01"))
            .unwrap();
        assert_eq!(v.applicant.as_ref().unwrap().0, "王建国");
        assert!(v.child_id.is_some());
        let json = serde_json::to_string(&v.facts).unwrap();
        assert!(json.contains("340102************") && !json.contains(&id("002")));
        let bad = ApplicationDetails::Scholarship {
            child_name: "小明1".into(),
            child_id_number: "340102".into(),
            school: "".into(),
            stage: SchoolStage::HighSchool,
        };
        let e = form(bad)
            .validate(ProgrammeKind::Scholarship, None, true, d("2025-09-01"))
            .unwrap_err();
        for f in [
            "details.child_name",
            "details.child_id_number",
            "details.school",
        ] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_seasonal_form_names_the_programmes_campaign() {
        let s = ApplicationDetails::Seasonal {
            campaign: Campaign::WinterWarmth,
            station_id: Some(4),
        };
        assert!(form(s.clone())
            .validate(
                ProgrammeKind::Seasonal,
                Some(Campaign::WinterWarmth),
                true,
                d("2025-01-10")
            )
            .is_ok());
        assert!(form(s)
            .validate(
                ProgrammeKind::Seasonal,
                Some(Campaign::SummerCool),
                true,
                d("2025-01-10")
            )
            .unwrap_err()
            .get("details.campaign")
            .is_some());
    }

    #[test]
    fn bank_accounts_are_digits_and_masked() {
        assert_eq!(
            parse_bank_account("6222-0212 3456"),
            Ok("622202123456".into())
        );
        assert!(parse_bank_account("62220212345").is_err());
        assert!(parse_bank_account("").is_err());
        assert_eq!(mask_bank_account("622202123456"), "**** 3456");
    }
}
