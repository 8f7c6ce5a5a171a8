//! What staff send to move a case, each with the data its status needs.

use super::super::clocks::ReferralTarget;
use super::complaint::MAX_CLAIM_FEN;
use super::status::CaseAction;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_REASON: usize = 200;
pub const MAX_MISSING: usize = 10;

crate::vocabulary! {
    /// How satisfied the claimants are at the follow-up (回访).
    pub enum Satisfaction {
        Satisfied = "satisfied", "满意", "Satisfied";
        Neutral = "neutral", "基本满意", "Mostly satisfied";
        Dissatisfied = "dissatisfied", "不满意", "Not satisfied";
    }
}

crate::vocabulary! {
    /// What a mediation session came to.
    pub enum SessionResult {
        Agreed = "agreed", "达成协议", "Agreement reached";
        Continued = "continued", "继续调解", "To be continued";
        Failed = "failed", "调解不成", "No agreement";
        Absent = "absent", "对方未到场", "The employer did not come";
    }
}

/// One claimant's share of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AgreementLine {
    pub claimant_id: i64,
    pub amount_fen: i64,
    pub pay_by: NaiveDate,
}

/// One claimant's money recovered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RecoveryLine {
    pub claimant_id: i64,
    pub amount_fen: i64,
    pub paid_on: NaiveDate,
}

/// `POST /api/admin/rights/cases/{case_id}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CaseActionInput {
    Verify,
    RequestInfo {
        #[cfg_attr(
            feature = "openapi",
            schemars(inner(length(max = 40)), length(max = 10))
        )]
        missing: Vec<String>,
    },
    Accept,
    Decline {
        #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
        reason: String,
    },
    StartMediation,
    Agree {
        #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
        lines: Vec<AgreementLine>,
    },
    Refer {
        to: ReferralTarget,
        on: NaiveDate,
    },
    ReferralAccepted {
        on: NaiveDate,
    },
    Recover {
        #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
        lines: Vec<RecoveryLine>,
    },
    FollowUp {
        satisfaction: Satisfaction,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
        note: String,
    },
    Close {
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
        note: String,
    },
}

impl CaseActionInput {
    pub fn action(&self) -> CaseAction {
        match self {
            CaseActionInput::Verify => CaseAction::Verify,
            CaseActionInput::RequestInfo { .. } => CaseAction::RequestInfo,
            CaseActionInput::Accept => CaseAction::Accept,
            CaseActionInput::Decline { .. } => CaseAction::Decline,
            CaseActionInput::StartMediation => CaseAction::StartMediation,
            CaseActionInput::Agree { .. } => CaseAction::Agree,
            CaseActionInput::Refer { .. } => CaseAction::Refer,
            CaseActionInput::ReferralAccepted { .. } => CaseAction::ReferralAccepted,
            CaseActionInput::Recover { .. } => CaseAction::Recover,
            CaseActionInput::FollowUp { .. } => CaseAction::FollowUp,
            CaseActionInput::Close { .. } => CaseAction::Close,
        }
    }

    /// Checks the data against the case's claimants (id → amount claimed) and today.
    /// An agreement names every claimant once; a recovery names some of them once.
    pub fn validate(
        &self,
        claimants: &[(i64, i64)],
        today: NaiveDate,
    ) -> Result<CaseActionInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = |e: &mut FieldErrors, field: &str, v: &str, min: usize, max: usize| {
            let v = v.trim();
            let n = v.chars().count();
            if n < min {
                e.add(
                    field,
                    if n == 0 {
                        why::required()
                    } else {
                        why::too_short(min)
                    },
                );
            } else if n > max {
                e.add(field, why::too_long(max));
            }
            v.to_string()
        };
        let known = |id: i64| claimants.iter().any(|(c, _)| *c == id);
        let not_future = |e: &mut FieldErrors, field: &str, d: NaiveDate| {
            if d > today {
                e.add(
                    field,
                    Text::new("日期不能在今天之后", "The date cannot be after today"),
                );
            } else if d < today - Duration::days(366) {
                e.add(
                    field,
                    Text::new(
                        "日期不能早于一年前",
                        "The date cannot be more than a year ago",
                    ),
                );
            }
        };
        let out = match self {
            CaseActionInput::RequestInfo { missing } => {
                if missing.is_empty() || missing.len() > MAX_MISSING {
                    e.add(
                        "missing",
                        Text::owned(
                            format!("请写明缺少什么(1到{MAX_MISSING}项)"),
                            format!("Say what is missing (1 to {MAX_MISSING})"),
                        ),
                    );
                }
                let missing = missing
                    .iter()
                    .enumerate()
                    .map(|(i, m)| text(&mut e, &format!("missing[{i}]"), m, 2, 40))
                    .collect();
                CaseActionInput::RequestInfo { missing }
            }
            CaseActionInput::Decline { reason } => CaseActionInput::Decline {
                reason: text(&mut e, "reason", reason, 2, MAX_REASON),
            },
            CaseActionInput::Agree { lines } => {
                for (i, l) in lines.iter().enumerate() {
                    if !known(l.claimant_id)
                        || lines[..i].iter().any(|o| o.claimant_id == l.claimant_id)
                    {
                        e.add(format!("lines[{i}].claimant_id"), why::not_a_choice());
                    }
                    if l.amount_fen <= 0 || l.amount_fen > MAX_CLAIM_FEN {
                        e.add(
                            format!("lines[{i}].amount_fen"),
                            why::out_of_range("0.01元", "1000000元"),
                        );
                    }
                    if l.pay_by < today || l.pay_by > today + Duration::days(366) {
                        e.add(
                            format!("lines[{i}].pay_by"),
                            Text::new(
                                "付清日期应在今天到一年之内",
                                "The pay-by date must be between today and a year from now",
                            ),
                        );
                    }
                }
                if lines.len() != claimants.len() {
                    e.add(
                        "lines",
                        Text::new(
                            "调解协议要写明每一位投诉人的金额",
                            "The agreement names an amount for every claimant",
                        ),
                    );
                }
                self.clone()
            }
            CaseActionInput::Recover { lines } => {
                if lines.is_empty() {
                    e.add("lines", why::required());
                }
                for (i, l) in lines.iter().enumerate() {
                    if !known(l.claimant_id)
                        || lines[..i].iter().any(|o| o.claimant_id == l.claimant_id)
                    {
                        e.add(format!("lines[{i}].claimant_id"), why::not_a_choice());
                    }
                    if l.amount_fen <= 0 || l.amount_fen > MAX_CLAIM_FEN {
                        e.add(
                            format!("lines[{i}].amount_fen"),
                            why::out_of_range("0.01元", "1000000元"),
                        );
                    }
                    not_future(&mut e, &format!("lines[{i}].paid_on"), l.paid_on);
                }
                self.clone()
            }
            CaseActionInput::Refer { to, on } => {
                not_future(&mut e, "on", *on);
                CaseActionInput::Refer { to: *to, on: *on }
            }
            CaseActionInput::ReferralAccepted { on } => {
                not_future(&mut e, "on", *on);
                self.clone()
            }
            CaseActionInput::FollowUp { satisfaction, note } => CaseActionInput::FollowUp {
                satisfaction: *satisfaction,
                note: text(&mut e, "note", note, 0, MAX_REASON),
            },
            CaseActionInput::Close { note } => CaseActionInput::Close {
                note: text(&mut e, "note", note, 0, MAX_REASON),
            },
            CaseActionInput::Verify | CaseActionInput::Accept | CaseActionInput::StartMediation => {
                self.clone()
            }
        };
        if e.is_empty() {
            Ok(out)
        } else {
            Err(e)
        }
    }
}

/// `POST /api/admin/rights/cases/{case_id}/sessions`: a mediation session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionInput {
    pub held_on: NaiveDate,
    pub result: SessionResult,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub note: String,
}

impl SessionInput {
    pub fn validate(
        &self,
        accepted_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<SessionInput, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.held_on > today {
            e.add(
                "held_on",
                Text::new("日期不能在今天之后", "The date cannot be after today"),
            );
        } else if accepted_on.is_some_and(|a| self.held_on < a) {
            e.add(
                "held_on",
                Text::new("调解不能早于受理", "Mediation cannot be before acceptance"),
            );
        }
        let note = self.note.trim().to_string();
        if note.chars().count() > 500 {
            e.add("note", why::too_long(500));
        }
        if e.is_empty() {
            Ok(SessionInput {
                note,
                ..self.clone()
            })
        } else {
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    const TODAY: &str = "2026-12-03";
    const CLAIMANTS: &[(i64, i64)] = &[(1, 600_000), (2, 450_000)];

    #[test]
    fn an_agreement_names_every_claimant_once_with_a_future_pay_by_date() {
        let line = |id, fen, by: &str| AgreementLine {
            claimant_id: id,
            amount_fen: fen,
            pay_by: d(by),
        };
        let ok = CaseActionInput::Agree {
            lines: vec![
                line(1, 600_000, "2026-12-20"),
                line(2, 400_000, "2026-12-20"),
            ],
        };
        assert!(ok.validate(CLAIMANTS, d(TODAY)).is_ok());
        let missing = CaseActionInput::Agree {
            lines: vec![line(1, 600_000, "2026-12-20")],
        };
        assert!(missing
            .validate(CLAIMANTS, d(TODAY))
            .unwrap_err()
            .get("lines")
            .is_some());
        let twice = CaseActionInput::Agree {
            lines: vec![line(1, 1, "2026-12-20"), line(1, 1, "2026-12-20")],
        };
        assert!(twice
            .validate(CLAIMANTS, d(TODAY))
            .unwrap_err()
            .get("lines[1].claimant_id")
            .is_some());
        let stranger = CaseActionInput::Agree {
            lines: vec![line(1, 1, "2026-12-20"), line(9, 1, "2026-12-20")],
        };
        assert!(stranger.validate(CLAIMANTS, d(TODAY)).is_err());
        let past = CaseActionInput::Agree {
            lines: vec![line(1, 1, "2026-12-02"), line(2, 1, "2026-12-20")],
        };
        assert!(past
            .validate(CLAIMANTS, d(TODAY))
            .unwrap_err()
            .get("lines[0].pay_by")
            .is_some());
        let zero = CaseActionInput::Agree {
            lines: vec![line(1, 0, "2026-12-20"), line(2, 1, "2026-12-20")],
        };
        assert!(zero
            .validate(CLAIMANTS, d(TODAY))
            .unwrap_err()
            .get("lines[0].amount_fen")
            .is_some());
    }

    #[test]
    fn a_recovery_names_some_claimants_with_a_past_date() {
        let line = |id, on: &str| RecoveryLine {
            claimant_id: id,
            amount_fen: 100_000,
            paid_on: d(on),
        };
        assert!(CaseActionInput::Recover {
            lines: vec![line(2, TODAY)]
        }
        .validate(CLAIMANTS, d(TODAY))
        .is_ok());
        assert!(CaseActionInput::Recover { lines: vec![] }
            .validate(CLAIMANTS, d(TODAY))
            .is_err());
        assert!(CaseActionInput::Recover {
            lines: vec![line(2, "2026-12-04")]
        }
        .validate(CLAIMANTS, d(TODAY))
        .is_err());
    }

    #[test]
    fn reasons_and_missing_items_are_written_out() {
        assert!(CaseActionInput::Decline { reason: " ".into() }
            .validate(CLAIMANTS, d(TODAY))
            .unwrap_err()
            .get("reason")
            .is_some());
        assert!(CaseActionInput::RequestInfo { missing: vec![] }
            .validate(CLAIMANTS, d(TODAY))
            .is_err());
        let ok = CaseActionInput::RequestInfo {
            missing: vec![" 考勤表 ".into()],
        }
        .validate(CLAIMANTS, d(TODAY))
        .unwrap();
        assert_eq!(
            ok,
            CaseActionInput::RequestInfo {
                missing: vec!["考勤表".into()]
            }
        );
        assert!(CaseActionInput::Refer {
            to: ReferralTarget::Arbitration,
            on: d("2026-12-04")
        }
        .validate(CLAIMANTS, d(TODAY))
        .is_err());
    }

    #[test]
    fn the_wire_form_is_tagged_by_action() {
        let v: CaseActionInput =
            serde_json::from_str(r#"{"action":"refer","to":"legal_aid","on":"2026-12-01"}"#)
                .unwrap();
        assert_eq!(v.action(), CaseAction::Refer);
        let v: CaseActionInput = serde_json::from_str(r#"{"action":"accept"}"#).unwrap();
        assert_eq!(v.action(), CaseAction::Accept);
    }

    #[test]
    fn a_session_is_after_acceptance_and_not_ahead() {
        let s = SessionInput {
            held_on: d("2026-12-01"),
            result: SessionResult::Continued,
            note: String::new(),
        };
        assert!(s.validate(Some(d("2026-11-30")), d(TODAY)).is_ok());
        assert!(s.validate(Some(d("2026-12-02")), d(TODAY)).is_err());
        assert!(SessionInput {
            held_on: d("2026-12-04"),
            ..s
        }
        .validate(None, d(TODAY))
        .is_err());
    }
}
