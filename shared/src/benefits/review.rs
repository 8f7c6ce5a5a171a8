//! What staff send when they review: ask for documents, decide (an amount
//! within the programme's rule, or a refusal with its reason), and record
//! payments one by one or in bulk. Each is checked here and again by the Worker.

use super::programme::{AmountRule, ProgrammeStatus, MAX_DOCUMENT, MAX_DOCUMENTS};
use super::status::PaymentMethod;
use super::{finish, text_field};
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_REASON: usize = 200;
pub const MAX_REFERENCE: usize = 40;
/// A bulk payment pays at most this many applications.
pub const MAX_BULK: usize = 200;
/// A payment is recorded at most this many days after it was made.
pub const MAX_PAYMENT_AGE_DAYS: i64 = 366;

/// `POST …/request-documents`: which documents are missing, and a word why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DocumentsRequest {
    /// 1–12 documents of 2–40 characters, e.g. 出院小结.
    #[cfg_attr(
        feature = "openapi",
        schemars(inner(length(max = 40)), length(max = 12))
    )]
    pub documents: Vec<String>,
    /// 0–200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: String,
}

impl DocumentsRequest {
    pub fn validate(&self) -> Result<DocumentsRequest, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.documents.is_empty() || self.documents.len() > MAX_DOCUMENTS {
            errors.add(
                "documents",
                Text::owned(
                    format!("请写明要补的材料(1到{MAX_DOCUMENTS}项)"),
                    format!("Name the documents needed (1 to {MAX_DOCUMENTS})"),
                ),
            );
        }
        let documents = self
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| text_field(&mut errors, &format!("documents[{i}]"), d, 2, MAX_DOCUMENT))
            .collect();
        let note = text_field(&mut errors, "note", &self.note, 0, MAX_REASON);
        finish(errors, DocumentsRequest { documents, note })
    }
}

/// `POST …/documents-supplied` (the worker): the uploads that answer the
/// request, linked to the same application; `{}` or `null` when there are none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DocumentsAdded {
    /// Public ids of the worker's uploads (`POST /api/attachments`).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(inner(length(max = 64)), length(max = 10))
    )]
    pub attachments: Vec<String>,
}

crate::vocabulary! {
    /// A staff decision.
    pub enum DecisionKind {
        Approve = "approve", "批准", "Approve";
        Reject = "reject", "不批准", "Refuse";
    }
}

/// `POST …/decision`: approve with an amount, or refuse with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DecisionInput {
    pub decision: DecisionKind,
    /// Approve: the amount in fen, within the programme's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    /// Refuse: 2–200 characters the worker reads.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub reason: String,
}

/// A checked decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve { amount_fen: i64 },
    Reject { reason: String },
}

impl DecisionInput {
    /// Checks the decision against the programme's amount rule. A fixed
    /// programme's amount may be left out: it is the fixed amount.
    pub fn validate(&self, rule: AmountRule) -> Result<Decision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let decision = match self.decision {
            DecisionKind::Approve => {
                let amount_fen = match (self.amount_fen, rule.kind) {
                    (Some(a), _) => a,
                    (None, super::AmountKind::Fixed) => rule.amount_fen,
                    (None, super::AmountKind::UpTo) => {
                        errors.add("amount_fen", why::required());
                        0
                    }
                };
                if errors.is_empty() {
                    errors.check("amount_fen", rule.check(amount_fen));
                }
                Decision::Approve { amount_fen }
            }
            DecisionKind::Reject => Decision::Reject {
                reason: text_field(&mut errors, "reason", &self.reason, 2, MAX_REASON),
            },
        };
        finish(errors, decision)
    }
}

/// `POST …/payment`: what was paid, when and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PaymentInput {
    /// Fen, at most the approved amount; left out, the approved amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    /// Asia/Shanghai date, not in the future, at most a year ago.
    pub paid_on: NaiveDate,
    pub method: PaymentMethod,
    /// 0–40 characters: a bank reference or voucher number.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub reference: String,
}

/// A checked payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub amount_fen: i64,
    pub paid_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: String,
}

fn check_paid_on(errors: &mut FieldErrors, paid_on: NaiveDate, today: NaiveDate) {
    if paid_on > today {
        errors.add(
            "paid_on",
            Text::new(
                "发放日期不能在今天以后",
                "The payment date cannot be after today",
            ),
        );
    } else if (today - paid_on).num_days() > MAX_PAYMENT_AGE_DAYS {
        errors.add(
            "paid_on",
            Text::new(
                "发放日期太早了,请核对",
                "That payment date is too long ago; please check",
            ),
        );
    }
}

impl PaymentInput {
    /// Checks the payment of an application approved for `approved_fen`.
    pub fn validate(&self, approved_fen: i64, today: NaiveDate) -> Result<Payment, FieldErrors> {
        let mut errors = FieldErrors::new();
        let amount_fen = self.amount_fen.unwrap_or(approved_fen);
        if !(1..=approved_fen).contains(&amount_fen) {
            errors.add(
                "amount_fen",
                Text::owned(
                    format!(
                        "发放金额应在0.01元到批准的{}之间",
                        crate::money::yuan(approved_fen)
                    ),
                    format!(
                        "The amount paid must be ¥0.01 to the {} approved",
                        crate::money::yuan_sign(approved_fen)
                    ),
                ),
            );
        }
        check_paid_on(&mut errors, self.paid_on, today);
        let reference = text_field(&mut errors, "reference", &self.reference, 0, MAX_REFERENCE);
        finish(
            errors,
            Payment {
                amount_fen,
                paid_on: self.paid_on,
                method: self.method,
                reference,
            },
        )
    }
}

/// `POST /api/admin/benefits/payments`: several approved applications paid
/// their approved amounts on one day by one method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkPaymentInput {
    /// 1–200 applications, each approved and in the caller's subtree.
    pub application_ids: Vec<i64>,
    pub paid_on: NaiveDate,
    pub method: PaymentMethod,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub reference: String,
}

impl BulkPaymentInput {
    /// Checks the batch; ids come back sorted without repeats.
    pub fn validate(&self, today: NaiveDate) -> Result<(Vec<i64>, Payment), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut ids = self.application_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() || ids.len() > MAX_BULK || ids.iter().any(|i| *i <= 0) {
            errors.add(
                "application_ids",
                Text::owned(
                    format!("一次发放1到{MAX_BULK}份申请"),
                    format!("Pay 1 to {MAX_BULK} applications at a time"),
                ),
            );
        }
        check_paid_on(&mut errors, self.paid_on, today);
        let reference = text_field(&mut errors, "reference", &self.reference, 0, MAX_REFERENCE);
        finish(
            errors,
            (
                ids,
                Payment {
                    amount_fen: 0,
                    paid_on: self.paid_on,
                    method: self.method,
                    reference,
                },
            ),
        )
    }
}

/// `POST …/programmes/{programme_id}/status`: pause, reopen or close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProgrammeStatusInput {
    pub status: ProgrammeStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefits::AmountKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const CAP: AmountRule = AmountRule {
        kind: AmountKind::UpTo,
        amount_fen: 500_000,
    };
    const FIXED: AmountRule = AmountRule {
        kind: AmountKind::Fixed,
        amount_fen: 200_000,
    };

    fn approve(amount_fen: Option<i64>) -> DecisionInput {
        DecisionInput {
            decision: DecisionKind::Approve,
            amount_fen,
            reason: String::new(),
        }
    }

    #[test]
    fn a_decision_stays_within_the_rule() {
        assert_eq!(
            approve(Some(500_000)).validate(CAP),
            Ok(Decision::Approve {
                amount_fen: 500_000
            })
        );
        assert!(approve(Some(500_001))
            .validate(CAP)
            .unwrap_err()
            .get("amount_fen")
            .is_some());
        assert!(
            approve(None).validate(CAP).is_err(),
            "a capped amount must be named"
        );
        assert_eq!(
            approve(None).validate(FIXED),
            Ok(Decision::Approve {
                amount_fen: 200_000
            })
        );
        assert!(approve(Some(100_000)).validate(FIXED).is_err());
        let reject = DecisionInput {
            decision: DecisionKind::Reject,
            amount_fen: None,
            reason: " 收入高于标准 ".into(),
        };
        assert_eq!(
            reject.validate(CAP),
            Ok(Decision::Reject {
                reason: "收入高于标准".into()
            })
        );
        let bare = DecisionInput {
            reason: "".into(),
            ..reject
        };
        assert!(bare.validate(CAP).unwrap_err().get("reason").is_some());
    }

    #[test]
    fn documents_requested_are_named() {
        let r = DocumentsRequest {
            documents: vec![" 出院小结 ".into()],
            note: "".into(),
        };
        assert_eq!(r.validate().unwrap().documents, ["出院小结"]);
        let none = DocumentsRequest {
            documents: vec![],
            note: "".into(),
        };
        assert!(none.validate().unwrap_err().get("documents").is_some());
    }

    #[test]
    fn payments_are_at_most_the_approved_amount_and_not_in_the_future() {
        let p = PaymentInput {
            amount_fen: None,
            paid_on: d("2025-03-10"),
            method: PaymentMethod::BankTransfer,
            reference: "".into(),
        };
        assert_eq!(
            p.validate(200_000, d("2025-03-10")).unwrap().amount_fen,
            200_000
        );
        let over = PaymentInput {
            amount_fen: Some(200_001),
            ..p.clone()
        };
        assert!(over
            .validate(200_000, d("2025-03-10"))
            .unwrap_err()
            .get("amount_fen")
            .is_some());
        assert!(p
            .validate(200_000, d("2025-03-09"))
            .unwrap_err()
            .get("paid_on")
            .is_some());
        assert!(p
            .validate(200_000, d("2026-03-12"))
            .unwrap_err()
            .get("paid_on")
            .is_some());
        let bulk = BulkPaymentInput {
            application_ids: vec![3, 1, 3],
            paid_on: d("2025-03-10"),
            method: PaymentMethod::Cash,
            reference: "".into(),
        };
        assert_eq!(bulk.validate(d("2025-03-10")).unwrap().0, [1, 3]);
        let empty = BulkPaymentInput {
            application_ids: vec![],
            ..bulk
        };
        assert!(empty
            .validate(d("2025-03-10"))
            .unwrap_err()
            .get("application_ids")
            .is_some());
    }
}
