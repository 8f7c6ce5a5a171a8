//! The separate consent to processing sensitive personal information (PIPL
//! Art. 29) that every enrolment carries, with its plain-language statement
//! (PIPL Art. 17, 30) and the retention rules the statement promises.
//!
//! Changing any text here means a new [`CONSENT_VERSION`]: forms agreed to an
//! older version are refused until the worker reads and agrees again.

use crate::lang::Text;
use chrono::{Days, NaiveDate};

/// The version of the statement below; a form's `consent.version` must equal it.
pub const CONSENT_VERSION: &str = "enrolment-consent-v2";

/// One part of the statement: a short heading and a few plain sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentSection {
    pub heading: Text,
    pub body: Text,
}

/// The statement's title.
pub const CONSENT_TITLE: Text = Text::new(
    "入会登记:您的个人信息怎么用",
    "Joining the union: how your personal information is used",
);

/// What is collected, why, who sees it, how it is kept, for how long, and how to
/// withdraw: shown in full above the consent box, in this order.
pub const CONSENT_SECTIONS: &[ConsentSection] = &[
    ConsentSection {
        heading: Text::new("收集什么", "What we collect"),
        body: Text::new(
            "您的姓名、身份证号、性别、出生年份、籍贯、工作单位或项目、工种、用工形式、联系地址,还有您登录用的手机号。其中身份证号是敏感个人信息。表上填的出生日期只用来和身份证号核对,不保存,只保存年份。",
            "Your name, ID number, gender, year of birth, hometown, employer or project, trade, form of employment and contact address, and the mobile number you sign in with. Your ID number is sensitive personal information. The date of birth on the form is only checked against your ID number and is not kept: only the year is.",
        ),
    },
    ConsentSection {
        heading: Text::new("为什么要", "Why"),
        body: Text::new(
            "工会会员要实名登记。这些信息只用来办理入会、管理会籍(比如转会),和给您提供会员服务,比如困难帮扶、医疗互助、助学、法律维权和技能培训。不用来做别的事。",
            "Union members are registered under their real name. We use this information only to register you, to keep your membership (for example when you transfer), and to give you member services such as hardship aid, medical mutual aid, scholarships, legal help and skills training. It is used for nothing else.",
        ),
    },
    ConsentSection {
        heading: Text::new("谁能看到", "Who sees it"),
        body: Text::new(
            "您申请加入的工会和它的上级工会的工作人员。他们看到的身份证号只有前6位(地区),后面都隐藏,像这样:110105************。确实需要看完整号码时,每看一次都会记下是谁、什么时候看的。我们不会把您的信息给用工单位、包工头或其他任何人,法律另有规定的除外。",
            "Staff of the union you apply to and of the unions above it. They see only the first 6 digits of your ID number (the area), the rest hidden, like this: 110105************. When one of them really needs the full number, each look is recorded: who, and when. We do not give your information to employers, labour contractors or anyone else, unless the law requires it.",
        ),
    },
    ConsentSection {
        heading: Text::new("怎么保存,存多久", "How it is kept, and for how long"),
        body: Text::new(
            "身份证号加密保存。您是会员期间一直保存。申请没通过或您撤回申请的,90天后删除。退会、撤回同意或注销账号后,30天内删除您的身份证号和登记信息,只留下不带姓名的统计数字(比如每月入会人数)。",
            "Your ID number is stored encrypted. We keep your information for as long as you are a member. If your application is not approved or you withdraw it, it is deleted after 90 days. After you leave, withdraw your consent or delete your account, your ID number and registration details are deleted within 30 days; only figures without names are kept (such as how many joined each month).",
        ),
    },
    ConsentSection {
        heading: Text::new("怎么撤回", "How to withdraw"),
        body: Text::new(
            "您可以随时在“我的”页面撤回同意、导出或删除自己的信息,或注销账号。撤回同意后,会籍就不能保留了;撤回以前已经办好的事不受影响。有问题请打工会服务热线12351。",
            "At any time, on the 我的 (Me) page, you can withdraw your consent, download or delete your information, or delete your account. Without your consent your membership cannot continue; what was done before you withdrew is not affected. Questions: call the union hotline 12351.",
        ),
    },
];

/// The label of the separate consent box (not pre-ticked).
pub const CONSENT_AGREE: Text = Text::new(
    "我看懂了上面的说明,同意工会按这个说明处理我的身份证号等敏感个人信息",
    "I have read the statement above and agree that the union processes my ID number and other sensitive personal information as it says",
);

/// Days an application that was not approved, or was withdrawn, is kept after its decision.
pub const CLOSED_APPLICATION_KEEP_DAYS: u64 = 90;
/// Days within which personal data is deleted after leaving, withdrawing consent or deleting the account.
pub const DELETE_AFTER_LEAVING_DAYS: u64 = 30;

/// What starts a deletion clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// An application was rejected or withdrawn.
    ApplicationClosed,
    /// The member left, withdrew consent or deleted their account.
    Left,
}

impl Retention {
    /// The last day (Asia/Shanghai) the personal data may still exist, for an
    /// event on `on`. The Worker's hourly housekeeping erases anything past it
    /// (`worker/src/maintenance.rs`).
    pub fn delete_by(self, on: NaiveDate) -> NaiveDate {
        let days = match self {
            Retention::ApplicationClosed => CLOSED_APPLICATION_KEEP_DAYS,
            Retention::Left => DELETE_AFTER_LEAVING_DAYS,
        };
        on.checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(lang: crate::Lang) -> String {
        CONSENT_SECTIONS
            .iter()
            .map(|s| format!("{}\n{}\n", s.heading.get(lang), s.body.get(lang)))
            .collect()
    }

    #[test]
    fn statement_covers_what_why_who_how_long_and_withdrawal() {
        let zh = whole(crate::Lang::ZhCn);
        for must in [
            "身份证号",
            "办理入会",
            "会员服务",
            "上级工会",
            "隐藏",
            "每看一次都会记下",
            "加密",
            "撤回同意",
            "注销账号",
            "12351",
        ] {
            assert!(zh.contains(must), "statement lacks {must}");
        }
        let en = whole(crate::Lang::En);
        for must in [
            "ID number",
            "register",
            "member services",
            "unions above it",
            "hidden",
            "recorded",
            "encrypted",
            "withdraw",
        ] {
            assert!(en.contains(must), "statement lacks {must}");
        }
    }

    #[test]
    fn promised_periods_match_the_rules() {
        let zh = whole(crate::Lang::ZhCn);
        assert!(zh.contains(&format!("{CLOSED_APPLICATION_KEEP_DAYS}天后删除")));
        assert!(zh.contains(&format!("{DELETE_AFTER_LEAVING_DAYS}天内删除")));
        let en = whole(crate::Lang::En);
        assert!(en.contains(&format!("after {CLOSED_APPLICATION_KEEP_DAYS} days")));
        assert!(en.contains(&format!("within {DELETE_AFTER_LEAVING_DAYS} days")));

        let on = NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
        assert_eq!(
            Retention::ApplicationClosed.delete_by(on).to_string(),
            "2026-03-15"
        );
        assert_eq!(Retention::Left.delete_by(on).to_string(), "2026-01-14");
    }

    #[test]
    fn example_mask_matches_the_real_mask() {
        let id = crate::id_number::IdNumber::parse(
            "11010519491231002X",
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        )
        .unwrap();
        assert!(CONSENT_SECTIONS[2].body.zh.contains(&id.masked()));
    }
}
