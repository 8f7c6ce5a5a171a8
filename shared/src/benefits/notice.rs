//! The text (SMS) a worker gets when their application changes status. The
//! Worker sends it through the account's SMS provider; an approved provider
//! template takes the same variables (`params`).

use super::status::ApplicationStatus;
use crate::money::yuan;
use serde::{Deserialize, Serialize};

/// What fills a status text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusNotice {
    pub programme: String,
    pub status: ApplicationStatus,
    pub amount_fen: Option<i64>,
    /// The documents asked for, or the reason of a refusal.
    pub detail: String,
}

fn short(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

impl StatusNotice {
    /// The template variables, each short enough for an SMS template.
    pub fn params(&self) -> serde_json::Value {
        serde_json::json!({
            "programme": short(&self.programme, 20),
            "status": self.status.label().zh,
            "detail": short(&self.detail_text(), 40),
        })
    }

    fn detail_text(&self) -> String {
        let amount = self.amount_fen.map(yuan).unwrap_or_default();
        match self.status {
            ApplicationStatus::NeedsDocuments => format!("请补交:{}", self.detail),
            ApplicationStatus::PublicNotice => format!("拟资助{amount},正在公示"),
            ApplicationStatus::Approved => format!("批准金额{amount}"),
            ApplicationStatus::Rejected => format!("原因:{}", self.detail),
            ApplicationStatus::Paid => format!("已发放{amount}"),
            ApplicationStatus::Submitted | ApplicationStatus::Reviewing => String::new(),
        }
    }

    /// The whole text, as a console provider prints it.
    pub fn text(&self) -> String {
        let p = short(&self.programme, 20);
        let status = self.status.label().zh;
        let detail = short(&self.detail_text(), 40);
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(",{detail}")
        };
        format!("【工友驿站】您申请的{p}:{status}{detail}。详情请在工友驿站“我的申请”里查看。")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_names_the_programme_and_the_status() {
        let n = StatusNotice {
            programme: "2025年困难职工帮扶".into(),
            status: ApplicationStatus::Paid,
            amount_fen: Some(200_000),
            detail: String::new(),
        };
        assert_eq!(
            n.text(),
            "【工友驿站】您申请的2025年困难职工帮扶:已发放,已发放2000元。详情请在工友驿站“我的申请”里查看。"
        );
        let docs = StatusNotice {
            status: ApplicationStatus::NeedsDocuments,
            detail: "出院小结、医保结算单".into(),
            ..n.clone()
        };
        assert!(docs.text().contains("请补交:出院小结、医保结算单"));
        assert_eq!(docs.params()["status"], "需补材料");
        let r = StatusNotice {
            status: ApplicationStatus::Reviewing,
            ..n
        };
        assert!(r.text().contains("审核中。"), "{}", r.text());
    }
}
