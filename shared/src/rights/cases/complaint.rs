//! What a worker files (投诉), what each co-worker adds to a collective
//! complaint, and the signed invitation that lets them.

use crate::error::{finish, text_field as text, why, FieldErrors};
use crate::lang::Text;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The period of work claimed for reaches at most this far back (the
/// inspection does not pursue violations older than 2 years, Art. 20; arbitration
/// allows a year after leaving, so older work can still be claimed).
pub const MAX_PERIOD_YEARS: i64 = 3;
/// One claimant claims at most ¥1,000,000 (a typo guard, not a legal limit).
pub const MAX_CLAIM_FEN: i64 = 100_000_000;
pub const MAX_EVIDENCE: usize = crate::attachments::MAX_PER_SUBJECT;
pub const MAX_FACTS: usize = 2000;
/// A collective complaint holds at most this many claimants.
pub const MAX_CLAIMANTS: usize = 500;
/// 10 or more workers with a common claim choose representatives (劳动争议调解仲裁法 Art. 7).
pub const REPRESENTATIVES_FROM: usize = 10;
/// …three to five of them (劳动人事争议仲裁办案规则 Art. 7).
pub const REPRESENTATIVES_MIN: usize = 3;
pub const REPRESENTATIVES_MAX: usize = 5;

/// Whether a case of `claimants` workers needs representatives.
pub fn needs_representatives(claimants: usize) -> bool {
    claimants >= REPRESENTATIVES_FROM
}

/// Who owes the wages: a 包工头 (name and phone) or a verified employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EmployerParty {
    Boss {
        #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
        name: String,
        #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
        phone: String,
    },
    Verified {
        employer_id: i64,
    },
}

/// Where the work happened; `union_id` is the union of that place, which handles the case (首问负责).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SiteInput {
    /// The project's name, 2–60 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub name: String,
    /// 4–120 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 120)))]
    pub address: String,
    pub union_id: i64,
}

/// One claimant's own part: their name, the days worked, the amount owed and their evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClaimInput {
    /// The name on the complaint, 2–20 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub name: String,
    /// Days worked in the period, 1–1100.
    pub days: u32,
    /// Wages owed, fen.
    pub amount_claimed_fen: i64,
    /// Attachment ids uploaded before (`POST /api/attachments`), at most 10.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(inner(length(max = 64)), length(max = 10))
    )]
    pub evidence: Vec<String>,
    /// Still working for this employer: the one-year limit does not run.
    pub still_employed: bool,
    /// The day they left, when not still employed.
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
}

/// `POST /api/rights/cases`: a complaint, with the filer's own claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ComplaintInput {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub employer: EmployerParty,
    pub site: SiteInput,
    /// The main contractor (总包), if known; pays first when a subcontractor defaults (条例 Art. 30).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub main_contractor: String,
    /// What happened, in the worker's words, 0–2000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 2000)))]
    pub facts: String,
    pub claim: ClaimInput,
}

impl ClaimInput {
    /// Checks the claim; `prefix` names the fields (`claim.`), `period` bounds the days.
    pub fn check(
        &self,
        errors: &mut FieldErrors,
        prefix: &str,
        period: Option<(NaiveDate, NaiveDate)>,
        today: NaiveDate,
    ) -> ClaimInput {
        let name = text(errors, &format!("{prefix}name"), &self.name, 2, 20);
        let max_days = period.map_or(1100, |(f, t)| {
            ((t - f).num_days() + 1).clamp(1, 1100) as u32
        });
        if self.days == 0 || self.days > max_days {
            errors.add(
                format!("{prefix}days"),
                Text::owned(
                    format!("天数应在1到{max_days}之间(不超过投诉的时间段)"),
                    format!("Days must be 1 to {max_days} (no more than the period)"),
                ),
            );
        }
        if self.amount_claimed_fen <= 0 || self.amount_claimed_fen > MAX_CLAIM_FEN {
            errors.add(
                format!("{prefix}amount_claimed_fen"),
                why::out_of_range("0.01元", "1000000元"),
            );
        }
        if self.evidence.len() > MAX_EVIDENCE {
            errors.add(format!("{prefix}evidence"), why::too_long(MAX_EVIDENCE));
        }
        let mut evidence: Vec<String> = Vec::new();
        for (i, e) in self.evidence.iter().enumerate() {
            let e = e.trim();
            if !crate::attachments::is_public_id(e) {
                errors.add(format!("{prefix}evidence[{i}]"), why::not_a_choice());
            } else if evidence.iter().any(|x| x == e) {
                errors.add(
                    format!("{prefix}evidence[{i}]"),
                    Text::new("同一个附件只能选一次", "Each file only once"),
                );
            } else {
                evidence.push(e.to_string());
            }
        }
        let left_on = match (self.still_employed, self.left_on) {
            (true, _) => None,
            (false, None) => {
                errors.add(
                    format!("{prefix}left_on"),
                    Text::new("请填写离开的日期", "Give the day you left"),
                );
                None
            }
            (false, Some(d)) if d > today => {
                errors.add(
                    format!("{prefix}left_on"),
                    Text::new(
                        "离开的日期不能在今天之后",
                        "The day you left cannot be after today",
                    ),
                );
                None
            }
            (false, Some(d)) => {
                if let Some((from, _)) = period {
                    if d < from {
                        errors.add(
                            format!("{prefix}left_on"),
                            Text::new(
                                "离开的日期不能早于开始干活的日期",
                                "You cannot have left before the work began",
                            ),
                        );
                    }
                }
                Some(d)
            }
        };
        ClaimInput {
            name,
            days: self.days,
            amount_claimed_fen: self.amount_claimed_fen,
            evidence,
            still_employed: self.still_employed,
            left_on,
        }
    }

    pub fn validate(
        &self,
        period: (NaiveDate, NaiveDate),
        today: NaiveDate,
    ) -> Result<ClaimInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let v = self.check(&mut errors, "", Some(period), today);
        finish(errors, v)
    }
}

impl ComplaintInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ComplaintInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut period = None;
        if self.period_to < self.period_from {
            errors.add(
                "period_to",
                Text::new(
                    "结束日期不能早于开始日期",
                    "The end cannot be before the start",
                ),
            );
        } else if self.period_to > today {
            errors.add(
                "period_to",
                Text::new("结束日期不能在今天之后", "The end cannot be after today"),
            );
        } else if self.period_from < today - Duration::days(366 * MAX_PERIOD_YEARS) {
            errors.add(
                "period_from",
                Text::owned(
                    format!("只能投诉{MAX_PERIOD_YEARS}年内的工资"),
                    format!("Only wages of the last {MAX_PERIOD_YEARS} years"),
                ),
            );
        } else {
            period = Some((self.period_from, self.period_to));
        }
        let employer = match &self.employer {
            EmployerParty::Boss { name, phone } => {
                let name = text(&mut errors, "employer.name", name, 1, 20);
                let phone = match crate::phone::parse_mobile(phone) {
                    Ok(p) => p,
                    Err(e) => {
                        errors.add("employer.phone", e);
                        String::new()
                    }
                };
                EmployerParty::Boss { name, phone }
            }
            EmployerParty::Verified { employer_id } => {
                if *employer_id <= 0 {
                    errors.add("employer.employer_id", why::not_a_choice());
                }
                EmployerParty::Verified {
                    employer_id: *employer_id,
                }
            }
        };
        let site = SiteInput {
            name: text(&mut errors, "site.name", &self.site.name, 2, 60),
            address: text(&mut errors, "site.address", &self.site.address, 4, 120),
            union_id: self.site.union_id,
        };
        if site.union_id <= 0 {
            errors.add("site.union_id", why::not_a_choice());
        }
        let main_contractor = text(&mut errors, "main_contractor", &self.main_contractor, 0, 60);
        let facts = text(&mut errors, "facts", &self.facts, 0, MAX_FACTS);
        let claim = self.claim.check(&mut errors, "claim.", period, today);
        finish(
            errors,
            ComplaintInput {
                period_from: self.period_from,
                period_to: self.period_to,
                employer,
                site,
                main_contractor,
                facts,
                claim,
            },
        )
    }
}

/// `POST /api/rights/cases/{case_id}/claimants`: a co-worker joins with the
/// invitation's expiry and signature and adds their own claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JoinInput {
    pub exp: i64,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub sig: String,
    pub claim: ClaimInput,
}

/// `POST …/representatives`: the claimants chosen to act for all (3–5, at 10 or more workers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RepresentativesInput {
    #[cfg_attr(feature = "openapi", schemars(length(max = 5)))]
    pub claimant_ids: Vec<i64>,
}

impl RepresentativesInput {
    pub fn validate(&self, claimants: usize) -> Result<Vec<i64>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut ids = self.claimant_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if !needs_representatives(claimants) {
            errors.add(
                "claimant_ids",
                Text::owned(
                    format!("{REPRESENTATIVES_FROM}人以上的集体投诉才推举代表"),
                    format!("Representatives are chosen only with {REPRESENTATIVES_FROM} or more workers"),
                ),
            );
        } else if ids.len() < REPRESENTATIVES_MIN
            || ids.len() > REPRESENTATIVES_MAX
            || ids.len() != self.claimant_ids.len()
        {
            errors.add(
                "claimant_ids",
                Text::owned(
                    format!("请推举{REPRESENTATIVES_MIN}到{REPRESENTATIVES_MAX}名不同的代表"),
                    format!("Choose {REPRESENTATIVES_MIN} to {REPRESENTATIVES_MAX} different representatives"),
                ),
            );
        }
        finish(errors, ids)
    }
}

/// The signed text of a case's invitation link (HMAC-SHA256 with `SIGNING_KEY`):
/// the purpose tag keeps any other signature from passing for one.
pub fn invite_payload(case_id: i64, exp: i64) -> String {
    format!("gongyou/rights-case-invite/v1\n{case_id}\n{exp}")
}

/// An invitation is good for 14 days.
pub const INVITE_DAYS: i64 = 14;

/// The link a co-worker opens (the app's page; the QR code carries it).
pub fn invite_path(case_id: i64, exp: i64, sig: &str) -> String {
    format!("/rights/join?c={case_id}&exp={exp}&sig={sig}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn claim() -> ClaimInput {
        ClaimInput {
            name: "王建国".into(),
            days: 20,
            amount_claimed_fen: 600_000,
            evidence: vec![ID_A.into()],
            still_employed: true,
            left_on: None,
        }
    }

    fn complaint() -> ComplaintInput {
        ComplaintInput {
            period_from: d("2026-10-01"),
            period_to: d("2026-10-31"),
            employer: EmployerParty::Boss {
                name: "李老板".into(),
                phone: "13800138000".into(),
            },
            site: SiteInput {
                name: "天全县城南安置房项目".into(),
                address: "雅安市天全县城南大道".into(),
                union_id: 3,
            },
            main_contractor: "四川某建工集团".into(),
            facts: "十月份干了20天,工资一直没发".into(),
            claim: claim(),
        }
    }

    const TODAY: &str = "2026-12-03";
    const ID_A: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const ID_B: &str = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    #[test]
    fn a_complaint_with_a_labour_boss_passes() {
        assert!(complaint().validate(d(TODAY)).is_ok());
        let v = ComplaintInput {
            employer: EmployerParty::Verified { employer_id: 4 },
            main_contractor: String::new(),
            ..complaint()
        };
        assert!(v.validate(d(TODAY)).is_ok());
    }

    #[test]
    fn the_period_is_checked() {
        let back = ComplaintInput {
            period_to: d("2026-09-01"),
            ..complaint()
        };
        assert!(back
            .validate(d(TODAY))
            .unwrap_err()
            .get("period_to")
            .is_some());
        let future = ComplaintInput {
            period_to: d("2026-12-04"),
            ..complaint()
        };
        assert!(future
            .validate(d(TODAY))
            .unwrap_err()
            .get("period_to")
            .is_some());
        let old = ComplaintInput {
            period_from: d("2023-11-01"),
            ..complaint()
        };
        assert!(old
            .validate(d(TODAY))
            .unwrap_err()
            .get("period_from")
            .is_some());
        let today = ComplaintInput {
            period_to: d(TODAY),
            ..complaint()
        };
        assert!(today.validate(d(TODAY)).is_ok());
    }

    #[test]
    fn the_employer_needs_a_name_and_a_mobile_or_an_id() {
        let e = ComplaintInput {
            employer: EmployerParty::Boss {
                name: " ".into(),
                phone: "123".into(),
            },
            ..complaint()
        };
        let errs = e.validate(d(TODAY)).unwrap_err();
        assert!(errs.get("employer.name").is_some() && errs.get("employer.phone").is_some());
        let e = ComplaintInput {
            employer: EmployerParty::Verified { employer_id: 0 },
            ..complaint()
        };
        assert!(e
            .validate(d(TODAY))
            .unwrap_err()
            .get("employer.employer_id")
            .is_some());
    }

    #[test]
    fn the_site_is_named_and_placed() {
        let s = ComplaintInput {
            site: SiteInput {
                name: "x".into(),
                address: "".into(),
                union_id: 0,
            },
            ..complaint()
        };
        let errs = s.validate(d(TODAY)).unwrap_err();
        for f in ["site.name", "site.address", "site.union_id"] {
            assert!(errs.get(f).is_some(), "{f}");
        }
        let long = ComplaintInput {
            main_contractor: "总".repeat(61),
            ..complaint()
        };
        assert!(long
            .validate(d(TODAY))
            .unwrap_err()
            .get("main_contractor")
            .is_some());
    }

    #[test]
    fn days_fit_the_period_and_amounts_are_positive() {
        let days = |n| ComplaintInput {
            claim: ClaimInput { days: n, ..claim() },
            ..complaint()
        };
        assert!(days(31).validate(d(TODAY)).is_ok());
        assert!(days(32)
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.days")
            .is_some());
        assert!(days(0)
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.days")
            .is_some());
        let amount = |f| ComplaintInput {
            claim: ClaimInput {
                amount_claimed_fen: f,
                ..claim()
            },
            ..complaint()
        };
        assert!(amount(0)
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.amount_claimed_fen")
            .is_some());
        assert!(amount(MAX_CLAIM_FEN).validate(d(TODAY)).is_ok());
        assert!(amount(MAX_CLAIM_FEN + 1).validate(d(TODAY)).is_err());
    }

    #[test]
    fn evidence_ids_are_few_distinct_and_plain() {
        let ev = |v: Vec<&str>| ComplaintInput {
            claim: ClaimInput {
                evidence: v.into_iter().map(String::from).collect(),
                ..claim()
            },
            ..complaint()
        };
        assert!(ev(vec![ID_A, ID_B]).validate(d(TODAY)).is_ok());
        assert!(ev(vec![ID_A, ID_A])
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.evidence[1]")
            .is_some());
        assert!(ev(vec!["a'1"])
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.evidence[0]")
            .is_some());
        let many: Vec<String> = (0..11).map(|i| format!("{i:A>43}")).collect();
        let c = ComplaintInput {
            claim: ClaimInput {
                evidence: many,
                ..claim()
            },
            ..complaint()
        };
        assert!(c
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.evidence")
            .is_some());
    }

    #[test]
    fn a_worker_who_left_says_when() {
        let left = |l| ComplaintInput {
            claim: ClaimInput {
                still_employed: false,
                left_on: l,
                ..claim()
            },
            ..complaint()
        };
        assert!(left(None)
            .validate(d(TODAY))
            .unwrap_err()
            .get("claim.left_on")
            .is_some());
        assert!(left(Some(d("2026-12-04"))).validate(d(TODAY)).is_err());
        assert!(left(Some(d("2026-09-30"))).validate(d(TODAY)).is_err());
        assert_eq!(
            left(Some(d("2026-11-01")))
                .validate(d(TODAY))
                .unwrap()
                .claim
                .left_on,
            Some(d("2026-11-01"))
        );
        // Still employed: a left date sent anyway is dropped.
        let c = ComplaintInput {
            claim: ClaimInput {
                left_on: Some(d("2026-11-01")),
                ..claim()
            },
            ..complaint()
        };
        assert_eq!(c.validate(d(TODAY)).unwrap().claim.left_on, None);
    }

    #[test]
    fn representatives_from_ten_workers_three_to_five() {
        assert!(!needs_representatives(9));
        assert!(needs_representatives(10));
        let r = |ids: Vec<i64>| RepresentativesInput { claimant_ids: ids };
        assert!(r(vec![1, 2, 3]).validate(9).is_err());
        assert_eq!(r(vec![3, 1, 2]).validate(10).unwrap(), vec![1, 2, 3]);
        assert!(r(vec![1, 2]).validate(10).is_err());
        assert!(r(vec![1, 2, 3, 4, 5]).validate(12).is_ok());
        assert!(r(vec![1, 2, 3, 4, 5, 6]).validate(12).is_err());
        assert!(r(vec![1, 1, 2]).validate(12).is_err());
    }

    #[test]
    fn the_invitation_is_signed_with_its_purpose() {
        assert_eq!(
            invite_payload(7, 1_800_000_000),
            "gongyou/rights-case-invite/v1\n7\n1800000000"
        );
        assert_eq!(invite_path(7, 5, "ab"), "/rights/join?c=7&exp=5&sig=ab");
    }
}
