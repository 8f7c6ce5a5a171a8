//! The status machine of an application, written once for the Worker (which
//! refuses any other move) and the screens (which show each status in plain
//! words, with the next step and who handles it):
//!
//! ```text
//! submitted ─┬─ start_review ──────► reviewing
//!            ├─ request_documents ─► needs_documents ── documents_supplied ─► reviewing
//! reviewing ─┤
//!            ├─ approve ───────────► approved          (scholarship: public_notice ── confirm_notice ─► approved)
//!            └─ reject ────────────► rejected          (also from needs_documents and public_notice)
//! approved ──── pay ───────────────► paid
//! ```
//!
//! Approving commits the amount against the programme's budget and a place;
//! refusing during 公示 gives them back.

use super::programme::ProgrammeKind;
use crate::lang::Text;
use crate::money::{yuan, yuan_sign};
use chrono::NaiveDate;

crate::vocabulary! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Submitted = "submitted", "已提交", "Submitted";
        Reviewing = "reviewing", "审核中", "Under review";
        NeedsDocuments = "needs_documents", "需补材料", "Documents needed";
        /// Scholarships: the names (masked) are on public notice for N days.
        PublicNotice = "public_notice", "公示中", "On public notice";
        Approved = "approved", "已批准", "Approved";
        Rejected = "rejected", "未批准", "Not approved";
        Paid = "paid", "已发放", "Paid";
    }
}

crate::vocabulary! {
    /// What moves an application on.
    pub enum StatusAction {
        StartReview = "start_review", "开始审核", "Start the review";
        RequestDocuments = "request_documents", "要求补材料", "Ask for documents";
        /// The worker, once the documents asked for are added.
        DocumentsSupplied = "documents_supplied", "已补交材料", "Documents added";
        Approve = "approve", "批准", "Approve";
        Reject = "reject", "不批准", "Refuse";
        /// Scholarships: the notice period is over and nobody objected.
        ConfirmNotice = "confirm_notice", "公示期满,确认批准", "Confirm after the notice";
        Pay = "pay", "发放", "Record the payment";
    }
}

crate::vocabulary! {
    /// How the money or the goods were handed over.
    pub enum PaymentMethod {
        BankTransfer = "bank_transfer", "银行转账", "Bank transfer";
        Cash = "cash", "现金", "Cash";
        InKind = "in_kind", "实物发放", "Goods handed over";
    }
}

impl StatusAction {
    /// Only `documents_supplied` is the worker's; every other action is staff's.
    pub fn by_worker(self) -> bool {
        self == StatusAction::DocumentsSupplied
    }
}

/// Where `action` takes an application of a `kind` programme that is `from`;
/// `None` when the move is not allowed.
pub fn next_status(
    from: ApplicationStatus,
    action: StatusAction,
    kind: ProgrammeKind,
) -> Option<ApplicationStatus> {
    use ApplicationStatus::*;
    use StatusAction::*;
    Some(match (from, action) {
        (Submitted, StartReview) => Reviewing,
        (Submitted | Reviewing, RequestDocuments) => NeedsDocuments,
        (NeedsDocuments, DocumentsSupplied) => Reviewing,
        (Submitted | Reviewing, Approve) if kind == ProgrammeKind::Scholarship => PublicNotice,
        (Submitted | Reviewing, Approve) => Approved,
        (Submitted | Reviewing | NeedsDocuments | PublicNotice, Reject) => Rejected,
        (PublicNotice, ConfirmNotice) => Approved,
        (Approved, Pay) => Paid,
        _ => return None,
    })
}

impl ApplicationStatus {
    /// Whether the programme's budget holds this application's amount.
    pub fn holds_budget(self) -> bool {
        matches!(
            self,
            ApplicationStatus::PublicNotice | ApplicationStatus::Approved | ApplicationStatus::Paid
        )
    }

    /// No move leaves it.
    pub fn is_final(self) -> bool {
        matches!(self, ApplicationStatus::Rejected | ApplicationStatus::Paid)
    }

    /// Still counts against "once per period": everything but a refusal.
    pub fn counts_once(self) -> bool {
        self != ApplicationStatus::Rejected
    }
}

/// Why a move is not allowed, plainly.
pub fn not_allowed(from: ApplicationStatus, action: StatusAction) -> Text {
    Text::owned(
        format!("申请现在是“{}”,不能{}", from.label().zh, action.label().zh),
        format!(
            "The application is “{}”; it cannot be given “{}”",
            from.label().en,
            action.label().en
        ),
    )
}

/// What a status means for the worker: the status in plain words, the next
/// step, and who handles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusStep {
    pub words: Text,
    pub next: Text,
    pub who: Text,
}

/// What the plain words of a status draw on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepFacts<'a> {
    /// The running union's name.
    pub union: &'a str,
    pub amount_fen: Option<i64>,
    pub reason: Option<&'a str>,
    pub documents: &'a [String],
    pub notice_ends_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub method: Option<PaymentMethod>,
}

fn ymd(d: NaiveDate) -> (String, String) {
    (
        d.format("%Y年%-m月%-d日").to_string(),
        d.format("%-d %b %Y").to_string(),
    )
}

impl ApplicationStatus {
    /// The status in plain words, with the next step and who handles it.
    pub fn step(self, f: &StepFacts) -> StatusStep {
        let union = Text::owned(
            format!("{}工作人员", f.union),
            format!("Staff of {}", f.union),
        );
        let you = Text::new("您本人", "You");
        let amount = f.amount_fen.unwrap_or(0);
        match self {
            ApplicationStatus::Submitted => StatusStep {
                words: Text::new(
                    "申请已提交,等待工会审核",
                    "Your application is in; the union will review it",
                ),
                next: Text::new(
                    "工会审核您的申请,有结果会发短信告诉您",
                    "The union reviews it and texts you the result",
                ),
                who: union,
            },
            ApplicationStatus::Reviewing => StatusStep {
                words: Text::new(
                    "工会正在审核您的申请",
                    "The union is reviewing your application",
                ),
                next: Text::new(
                    "等待审核结果,有结果会发短信",
                    "Wait for the decision; it comes by text",
                ),
                who: union,
            },
            ApplicationStatus::NeedsDocuments => {
                let list = f.documents.join("、");
                StatusStep {
                    words: Text::owned(
                        format!("还需要补交材料:{list}"),
                        format!("More documents are needed: {}", f.documents.join(", ")),
                    ),
                    next: Text::new(
                        "请在这份申请里补上这些材料,然后点“已补交”",
                        "Add them to this application, then tap “Documents added”",
                    ),
                    who: you,
                }
            }
            ApplicationStatus::PublicNotice => {
                let (zh, en) = f.notice_ends_on.map(ymd).unwrap_or_default();
                StatusStep {
                    words: Text::owned(
                        format!(
                            "拟资助{},正在公示(名字只显示首尾字),{zh}公示结束",
                            yuan(amount)
                        ),
                        format!(
                            "{} is proposed and on public notice (name masked) until {en}",
                            yuan_sign(amount)
                        ),
                    ),
                    next: Text::new(
                        "公示期满没有异议就批准发放",
                        "If nobody objects, it is approved when the notice ends",
                    ),
                    who: union,
                }
            }
            ApplicationStatus::Approved => StatusStep {
                words: Text::owned(
                    format!("已批准,金额{}", yuan(amount)),
                    format!("Approved: {}", yuan_sign(amount)),
                ),
                next: Text::new(
                    "工会安排发放,发放后会发短信",
                    "The union pays it and texts you when it is paid",
                ),
                who: union,
            },
            ApplicationStatus::Rejected => StatusStep {
                words: Text::owned(
                    format!("未批准。原因:{}", f.reason.unwrap_or("")),
                    format!("Not approved. Reason: {}", f.reason.unwrap_or("")),
                ),
                next: Text::new(
                    "有疑问可以问工会,或拨打12351职工服务热线",
                    "Ask the union, or call the workers' hotline 12351",
                ),
                who: union,
            },
            ApplicationStatus::Paid => {
                let (zh, en) = f.paid_on.map(ymd).unwrap_or_default();
                let method = f.method.map(|m| m.label()).unwrap_or(Text::new("", ""));
                StatusStep {
                    words: Text::owned(
                        format!("已发放{},{zh},{}", yuan(amount), method.zh),
                        format!(
                            "{} paid on {en} by {}",
                            yuan_sign(amount),
                            method.en.to_lowercase()
                        ),
                    ),
                    next: Text::new(
                        "已经办完了,请查收",
                        "All done; please check you received it",
                    ),
                    who: you,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus::*;
    use StatusAction::*;

    #[test]
    fn the_allowed_moves_and_nothing_else() {
        let k = ProgrammeKind::Hardship;
        let allowed = [
            (Submitted, StartReview, Reviewing),
            (Submitted, RequestDocuments, NeedsDocuments),
            (Reviewing, RequestDocuments, NeedsDocuments),
            (NeedsDocuments, DocumentsSupplied, Reviewing),
            (Submitted, Approve, Approved),
            (Reviewing, Approve, Approved),
            (Submitted, Reject, Rejected),
            (Reviewing, Reject, Rejected),
            (NeedsDocuments, Reject, Rejected),
            (PublicNotice, Reject, Rejected),
            (PublicNotice, ConfirmNotice, Approved),
            (Approved, Pay, Paid),
        ];
        for from in ApplicationStatus::ALL {
            for action in StatusAction::ALL {
                let want = allowed
                    .iter()
                    .find(|(f, a, _)| f == from && a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(next_status(*from, *action, k), want, "{from} {action}");
            }
        }
    }

    #[test]
    fn a_scholarship_goes_on_public_notice_before_approval() {
        let s = ProgrammeKind::Scholarship;
        assert_eq!(next_status(Reviewing, Approve, s), Some(PublicNotice));
        assert_eq!(next_status(PublicNotice, ConfirmNotice, s), Some(Approved));
        assert_eq!(next_status(Approved, Pay, s), Some(Paid));
    }

    #[test]
    fn final_statuses_go_nowhere_and_the_budget_is_held_from_approval() {
        for from in [Rejected, Paid] {
            assert!(from.is_final());
            for a in StatusAction::ALL {
                assert_eq!(next_status(from, *a, ProgrammeKind::Other), None);
            }
        }
        assert!(PublicNotice.holds_budget() && Approved.holds_budget() && Paid.holds_budget());
        assert!(!Reviewing.holds_budget() && !Rejected.holds_budget());
        assert!(!Rejected.counts_once() && Paid.counts_once());
        assert!(DocumentsSupplied.by_worker() && !Approve.by_worker());
    }

    #[test]
    fn each_status_reads_plainly_with_the_next_step_and_who() {
        let docs = vec!["出院小结".to_string(), "医保结算单".to_string()];
        let f = StepFacts {
            union: "瑶海区总工会",
            amount_fen: Some(200_000),
            reason: Some("收入高于标准"),
            documents: &docs,
            notice_ends_on: Some("2025-09-10".parse().unwrap()),
            paid_on: Some("2025-09-12".parse().unwrap()),
            method: Some(PaymentMethod::BankTransfer),
        };
        let needs = NeedsDocuments.step(&f);
        assert_eq!(needs.words.zh, "还需要补交材料:出院小结、医保结算单");
        assert_eq!(needs.who.zh, "您本人");
        assert_eq!(Approved.step(&f).words.zh, "已批准,金额2000元");
        assert_eq!(Reviewing.step(&f).who.zh, "瑶海区总工会工作人员");
        assert!(Rejected.step(&f).words.zh.contains("收入高于标准"));
        assert_eq!(
            Paid.step(&f).words.zh,
            "已发放2000元,2025年9月12日,银行转账"
        );
        assert_eq!(
            Paid.step(&f).words.en,
            "¥2000 paid on 12 Sep 2025 by bank transfer"
        );
        assert!(PublicNotice
            .step(&f)
            .words
            .zh
            .contains("2025年9月10日公示结束"));
        for s in ApplicationStatus::ALL {
            let st = s.step(&f);
            assert!(!st.words.en.is_empty() && !st.next.zh.is_empty() && !st.who.en.is_empty());
        }
        assert_eq!(not_allowed(Paid, Approve).zh, "申请现在是“已发放”,不能批准");
    }
}
