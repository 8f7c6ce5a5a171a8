//! The status machine of a wage-arrears case (欠薪投诉), written once for the
//! Worker (which refuses any other move) and the screens (which show every
//! status to each claimant in plain words, with the next step):
//!
//! ```text
//! registered ─┬─ verify ─────────► verifying ─┬─ request_info ─► needs_info ── info_supplied ─► verifying
//!             │                                │
//!             ├─ accept ◄──────────────────────┤  (also straight from registered)
//!             └─ decline ─► not_accepted       └─ decline ─► not_accepted
//! accepted ──── start_mediation ─► mediating ─┬─ agree ─► agreed ─┐
//!          └─── refer ─────────────────────── ┴─ refer ─► referred ┤ (referral_accepted: the office took it, stays referred)
//!                                                                  └─ recover ─► recovered (partial: recover again)
//! recovered ─ follow_up ─► follow_up ─ close ─► closed   (close also from agreed, referred, recovered)
//! ```
//!
//! Mediation sessions are recorded while `mediating` and do not move the case.

use super::super::clocks::ReferralTarget;
use crate::lang::Text;
use crate::money::{yuan, yuan_sign};
use chrono::NaiveDate;

crate::vocabulary! {
    /// Where a case stands.
    pub enum CaseStatus {
        Registered = "registered", "已登记", "Registered";
        Verifying = "verifying", "核实中", "Being checked";
        NeedsInfo = "needs_info", "需补正", "More information needed";
        Accepted = "accepted", "已受理", "Accepted";
        NotAccepted = "not_accepted", "不予受理", "Not accepted";
        Mediating = "mediating", "调解中", "In mediation";
        Agreed = "agreed", "调解成功", "Agreement reached";
        Referred = "referred", "已转介", "Referred";
        Recovered = "recovered", "已追回", "Wages recovered";
        FollowUp = "follow_up", "已回访", "Followed up";
        Closed = "closed", "已结案", "Closed";
    }
}

crate::vocabulary! {
    /// What moves a case on.
    pub enum CaseAction {
        Verify = "verify", "开始核实", "Start checking";
        RequestInfo = "request_info", "要求补正", "Ask for more information";
        /// The filer, once the missing information is added.
        InfoSupplied = "info_supplied", "已补正", "Information added";
        Accept = "accept", "受理", "Accept";
        Decline = "decline", "不予受理", "Do not accept";
        StartMediation = "start_mediation", "开始调解", "Start mediation";
        Agree = "agree", "调解成功", "Record the agreement";
        Refer = "refer", "转介", "Refer";
        /// The office referred to accepted the case (or legal aid decided).
        ReferralAccepted = "referral_accepted", "对方已受理", "Accepted by the office";
        Recover = "recover", "记录追回", "Record wages recovered";
        FollowUp = "follow_up", "回访", "Follow up";
        Close = "close", "结案", "Close";
    }
}

impl CaseAction {
    /// Only `info_supplied` is the claimants'; every other action is staff's.
    pub fn by_worker(self) -> bool {
        self == CaseAction::InfoSupplied
    }
}

/// Where `action` takes a case that is `from`; `None` when the move is not allowed.
/// `recovered_in_full`: after a `recover`, whether every claimant has their money.
pub fn next_status(from: CaseStatus, action: CaseAction) -> Option<CaseStatus> {
    use CaseAction as A;
    use CaseStatus::*;
    Some(match (from, action) {
        (Registered, A::Verify) => Verifying,
        (Registered | Verifying, A::RequestInfo) => NeedsInfo,
        (NeedsInfo, A::InfoSupplied) => Verifying,
        (Registered | Verifying, A::Accept) => Accepted,
        (Registered | Verifying | NeedsInfo, A::Decline) => NotAccepted,
        (Accepted, A::StartMediation) => Mediating,
        (Mediating, A::Agree) => Agreed,
        (Accepted | Mediating, A::Refer) => Referred,
        (Referred, A::ReferralAccepted) => Referred,
        (Agreed | Referred | Recovered, A::Recover) => Recovered,
        (Recovered, A::FollowUp) => FollowUp,
        (Agreed | Referred | Recovered | FollowUp, A::Close) => Closed,
        _ => return None,
    })
}

impl CaseStatus {
    /// No move leaves it.
    pub fn is_final(self) -> bool {
        matches!(self, CaseStatus::NotAccepted | CaseStatus::Closed)
    }

    /// Co-workers may still join (before the union accepts it).
    pub fn open_to_join(self) -> bool {
        matches!(
            self,
            CaseStatus::Registered | CaseStatus::Verifying | CaseStatus::NeedsInfo
        )
    }

    /// The mediation clock runs (accepted, not yet agreed or referred).
    pub fn mediation_running(self) -> bool {
        matches!(self, CaseStatus::Accepted | CaseStatus::Mediating)
    }

    /// Every status in the order a case usually goes through them.
    pub fn path() -> &'static [CaseStatus] {
        use CaseStatus::*;
        &[
            Registered, Verifying, Accepted, Mediating, Agreed, Recovered, FollowUp, Closed,
        ]
    }
}

/// Why a move is not allowed, plainly.
pub fn not_allowed(from: CaseStatus, action: CaseAction) -> Text {
    Text::owned(
        format!("案件现在是“{}”,不能{}", from.label().zh, action.label().zh),
        format!(
            "The case is “{}”; it cannot be given “{}”",
            from.label().en,
            action.label().en
        ),
    )
}

/// What the plain words of a status draw on, for one claimant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepFacts<'a> {
    /// The union handling the case.
    pub union: &'a str,
    pub missing: &'a [String],
    pub reason: Option<&'a str>,
    pub referral: Option<ReferralTarget>,
    /// This claimant's agreed amount and pay-by date.
    pub agreed: Option<(i64, NaiveDate)>,
    /// This claimant's money recovered so far, and what they claimed.
    pub recovered_fen: i64,
    pub claimed_fen: i64,
}

fn ymd(d: NaiveDate) -> (String, String) {
    (
        d.format("%Y年%-m月%-d日").to_string(),
        d.format("%-d %b %Y").to_string(),
    )
}

/// A status in plain words and what comes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseStep {
    pub words: Text,
    pub next: Text,
}

impl CaseStatus {
    /// The status in plain words for a claimant, with the next step.
    pub fn step(self, f: &StepFacts) -> CaseStep {
        let u = f.union;
        match self {
            CaseStatus::Registered => CaseStep {
                words: Text::owned(format!("投诉已登记,由{u}负责"), format!("Your complaint is registered; {u} handles it")),
                next: Text::new(
                    "工会工作人员会核实情况,可能打电话问您。工友可以用邀请码一起加入",
                    "Union staff will check the facts and may call you. Co-workers can join with the invitation code",
                ),
            },
            CaseStatus::Verifying => CaseStep {
                words: Text::new("工会正在核实您的投诉", "The union is checking your complaint"),
                next: Text::new(
                    "核实后决定是否受理,结果会发短信告诉您",
                    "After checking it decides whether to accept the case; the result comes by text",
                ),
            },
            CaseStatus::NeedsInfo => CaseStep {
                words: Text::owned(
                    format!("还需要补充:{}", f.missing.join("、")),
                    format!("More is needed: {}", f.missing.join(", ")),
                ),
                next: Text::new(
                    "请把这些材料补上(可以拍照),然后点“已补正”",
                    "Add these (photos are fine), then tap “Information added”",
                ),
            },
            CaseStatus::Accepted => CaseStep {
                words: Text::owned(format!("{u}已受理您的投诉"), format!("{u} has accepted your complaint")),
                next: Text::new(
                    "工会会约老板或包工头调解。调解15天没有结果,您可以申请劳动仲裁",
                    "The union will call in the employer or labour boss to mediate. If 15 days pass without agreement, you may go to arbitration",
                ),
            },
            CaseStatus::NotAccepted => CaseStep {
                words: Text::owned(
                    format!("工会没有受理:{}", f.reason.unwrap_or("")),
                    format!("The union did not accept the case: {}", f.reason.unwrap_or("")),
                ),
                next: Text::new(
                    "您还可以打12333找劳动监察,或打12348申请法律援助",
                    "You can still call 12333 for labour inspection, or 12348 for legal aid",
                ),
            },
            CaseStatus::Mediating => CaseStep {
                words: Text::new("工会正在调解", "The union is mediating"),
                next: Text::new(
                    "调解成功会写下每个人拿多少钱、哪天前付清;15天没有结果可以申请仲裁",
                    "An agreement names each worker's amount and pay-by date; after 15 days without one you may go to arbitration",
                ),
            },
            CaseStatus::Agreed => {
                let (amount, by) = f.agreed.unwrap_or((0, NaiveDate::MIN));
                let (zh, en) = ymd(by);
                CaseStep {
                    words: Text::owned(
                        format!("调解成功:您应拿到{},在{zh}前付清", yuan(amount)),
                        format!("Agreement reached: you are owed {}, to be paid by {en}", yuan_sign(amount)),
                    ),
                    next: Text::new(
                        "到期没付,告诉工会;调解协议可以向法院申请支付令",
                        "If it is not paid by then, tell the union; the agreement supports a payment order from the court",
                    ),
                }
            }
            CaseStatus::Referred => {
                let to = f.referral.map(|r| r.label()).unwrap_or_else(|| Text::new("有关部门", "the office concerned"));
                CaseStep {
                    words: Text::owned(format!("案件已转给{}", to.zh), format!("The case is referred to {}", to.en)),
                    next: match f.referral {
                        Some(ReferralTarget::Inspection) => Text::new(
                            "劳动监察5个工作日内决定是否立案,有问题可以打12333",
                            "Labour inspection decides within 5 working days whether to open a case; call 12333 with questions",
                        ),
                        Some(ReferralTarget::Arbitration) => Text::new(
                            "仲裁委5日内决定是否受理,仲裁不收费",
                            "The arbitration committee decides within 5 days; arbitration is free",
                        ),
                        _ => Text::new(
                            "法律援助机构7日内决定是否援助,农民工讨薪不查经济困难,可打12348",
                            "Legal aid decides within 7 days; migrant workers claiming wages skip the means test. Call 12348",
                        ),
                    },
                }
            }
            CaseStatus::Recovered => {
                let full = f.recovered_fen >= f.claimed_fen && f.claimed_fen > 0;
                CaseStep {
                    words: if full {
                        Text::owned(
                            format!("已追回您的工资{}", yuan(f.recovered_fen)),
                            format!("Your wages of {} are recovered", yuan_sign(f.recovered_fen)),
                        )
                    } else {
                        Text::owned(
                            format!("已追回{},还差{}", yuan(f.recovered_fen), yuan((f.claimed_fen - f.recovered_fen).max(0))),
                            format!(
                                "{} recovered so far, {} still owed",
                                yuan_sign(f.recovered_fen),
                                yuan_sign((f.claimed_fen - f.recovered_fen).max(0))
                            ),
                        )
                    },
                    next: Text::new(
                        "工会会回访,问您钱是否到手、对处理是否满意",
                        "The union will ask whether the money reached you and whether you are satisfied",
                    ),
                }
            }
            CaseStatus::FollowUp => CaseStep {
                words: Text::new("工会已回访", "The union has followed up"),
                next: Text::new("案件即将结案", "The case will be closed"),
            },
            CaseStatus::Closed => CaseStep {
                words: Text::new("案件已结案", "The case is closed"),
                next: Text::new(
                    "还有问题,可以打12351工会热线",
                    "With any further problem, call the union hotline 12351",
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseAction as A;
    use CaseStatus::*;

    #[test]
    fn the_usual_path_to_closed() {
        let mut s = Registered;
        for a in [
            A::Verify,
            A::Accept,
            A::StartMediation,
            A::Agree,
            A::Recover,
            A::FollowUp,
            A::Close,
        ] {
            s = next_status(s, a).unwrap_or_else(|| panic!("{s:?} {a:?}"));
        }
        assert_eq!(s, Closed);
    }

    #[test]
    fn information_asked_for_comes_back_to_checking() {
        assert_eq!(next_status(Verifying, A::RequestInfo), Some(NeedsInfo));
        assert_eq!(next_status(NeedsInfo, A::InfoSupplied), Some(Verifying));
        assert_eq!(next_status(NeedsInfo, A::Accept), None);
        assert_eq!(next_status(NeedsInfo, A::Decline), Some(NotAccepted));
    }

    #[test]
    fn referral_and_partial_recovery() {
        assert_eq!(next_status(Mediating, A::Refer), Some(Referred));
        assert_eq!(next_status(Accepted, A::Refer), Some(Referred));
        assert_eq!(next_status(Referred, A::ReferralAccepted), Some(Referred));
        assert_eq!(next_status(Referred, A::Recover), Some(Recovered));
        assert_eq!(next_status(Recovered, A::Recover), Some(Recovered));
        assert_eq!(next_status(Agreed, A::Close), Some(Closed));
        assert_eq!(next_status(Registered, A::Recover), None);
        assert_eq!(next_status(Registered, A::Agree), None);
    }

    #[test]
    fn final_statuses_have_no_way_out() {
        for s in CaseStatus::ALL.iter().filter(|s| s.is_final()) {
            for a in CaseAction::ALL {
                assert_eq!(next_status(*s, *a), None, "{s:?} {a:?}");
            }
        }
    }

    #[test]
    fn only_the_information_is_the_workers() {
        for a in CaseAction::ALL {
            assert_eq!(a.by_worker(), *a == A::InfoSupplied);
        }
    }

    #[test]
    fn every_status_has_words_and_a_next_step() {
        let missing = vec!["考勤记录".to_string()];
        let f = StepFacts {
            union: "天全县总工会",
            missing: &missing,
            reason: Some("不属于欠薪"),
            referral: Some(ReferralTarget::Inspection),
            agreed: Some((500_000, NaiveDate::from_ymd_opt(2026, 12, 20).unwrap())),
            recovered_fen: 200_000,
            claimed_fen: 500_000,
        };
        for s in CaseStatus::ALL {
            let step = s.step(&f);
            assert!(
                !step.words.zh.is_empty() && !step.words.en.is_empty(),
                "{s:?}"
            );
            assert!(
                !step.next.zh.is_empty() && !step.next.en.is_empty(),
                "{s:?}"
            );
        }
        assert!(NeedsInfo.step(&f).words.zh.contains("考勤记录"));
        assert!(Agreed.step(&f).words.zh.contains("2026年12月20日"));
        assert!(
            Agreed.step(&f).words.zh.contains("5000"),
            "{}",
            Agreed.step(&f).words.zh
        );
        assert!(Recovered.step(&f).words.zh.contains("还差"));
        assert!(Referred.step(&f).next.zh.contains("12333"));
        let full = StepFacts {
            recovered_fen: 500_000,
            ..f.clone()
        };
        assert!(!Recovered.step(&full).words.zh.contains("还差"));
    }
}

/// The text each claimant gets when their case changes status. It names the
/// union and the new status only; the amounts are on the case page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNotice {
    pub union: String,
    pub status: CaseStatus,
}

impl CaseNotice {
    pub fn text(&self) -> String {
        format!(
            "【工友驿站】您在{}的欠薪投诉现在是“{}”。打开工友驿站“我的投诉”查看下一步。",
            self.union,
            self.status.label().zh
        )
    }

    /// The parameters of an approved template taking `${union}` and `${status}`.
    pub fn params(&self) -> serde_json::Value {
        serde_json::json!({ "union": self.union, "status": self.status.label().zh })
    }
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    #[test]
    fn the_text_names_the_union_and_status_only() {
        let n = CaseNotice {
            union: "天全县总工会".into(),
            status: CaseStatus::Accepted,
        };
        assert!(n.text().contains("天全县总工会") && n.text().contains("已受理"));
        assert_eq!(n.params()["status"], "已受理");
    }
}
