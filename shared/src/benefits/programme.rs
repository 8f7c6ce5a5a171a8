//! A programme (帮扶项目) a union runs for its subtree: what kind it is, who
//! may apply and how they read it in plain words, the documents to bring, how
//! much it pays (a fixed sum, or up to a cap), the application window, the
//! budget in fen and in places, and whether it is open, paused or closed.

use super::{finish, text_field};
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::money::{yuan, yuan_sign};
use crate::unions::UnionRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 40;
pub const MAX_ELIGIBILITY: usize = 500;
pub const MAX_DOCUMENTS: usize = 12;
pub const MAX_DOCUMENT: usize = 40;
/// The largest single award: ¥200,000.
pub const MAX_AWARD_FEN: i64 = 20_000_000;
/// The largest budget of one programme: ¥100 million.
pub const MAX_BUDGET_FEN: i64 = 10_000_000_000;
pub const MAX_PLACES: u32 = 100_000;
/// A window is at most a year long.
pub const MAX_WINDOW_DAYS: i64 = 366;
/// 公示 (public notice) days of a scholarship unless staff choose otherwise…
pub const DEFAULT_NOTICE_DAYS: u32 = 5;
/// …and at most this many.
pub const MAX_NOTICE_DAYS: u32 = 30;

crate::vocabulary! {
    /// What a programme gives.
    pub enum ProgrammeKind {
        Hardship = "hardship", "困难帮扶", "Hardship aid";
        Medical = "medical", "职工医疗互助", "Medical mutual aid";
        Scholarship = "scholarship", "金秋助学", "Scholarship";
        Seasonal = "seasonal", "四季送", "Seasonal campaign";
        HealthCheck = "health_check", "免费体检", "Free health check";
        Other = "other", "其他帮扶", "Other support";
    }
}

crate::vocabulary! {
    /// The four seasonal campaigns (四季送).
    pub enum Campaign {
        SpringJobs = "spring_jobs", "春送岗位", "Spring: jobs";
        SummerCool = "summer_cool", "夏送清凉", "Summer: cooling";
        AutumnSchool = "autumn_school", "秋送助学", "Autumn: school grants";
        WinterWarmth = "winter_warmth", "冬送温暖", "Winter: warmth";
    }
}

crate::vocabulary! {
    /// How much an approved application gets.
    pub enum AmountKind {
        /// Everyone approved gets `amount_fen`.
        Fixed = "fixed", "固定金额", "A fixed amount";
        /// Staff decide an amount from ¥0.01 to `amount_fen`.
        UpTo = "up_to", "最高金额", "Up to an amount";
    }
}

crate::vocabulary! {
    /// Who may apply.
    pub enum WhoMayApply {
        /// Active members of the running union or a union below it.
        MembersOnly = "members_only", "仅限本工会会员", "Members of this union only";
        /// Members, and workers who are not members but work in the programme's area
        /// (新就业形态劳动者: riders, couriers, drivers).
        MembersAndGigWorkers = "members_and_gig_workers", "会员和本地区新就业形态劳动者", "Members, and gig workers in the area";
    }
}

crate::vocabulary! {
    /// Whether a programme takes applications.
    pub enum ProgrammeStatus {
        Open = "open", "接受申请", "Open";
        Paused = "paused", "暂停受理", "Paused";
        /// Final: a closed programme never opens again (decisions and payments on
        /// what was already submitted go on).
        Closed = "closed", "已结束", "Closed";
    }
}

impl ProgrammeStatus {
    /// Open ↔ paused, and either → closed; closed is final.
    pub fn can_become(self, to: ProgrammeStatus) -> bool {
        use ProgrammeStatus::*;
        matches!(
            (self, to),
            (Open, Paused) | (Paused, Open) | (Open | Paused, Closed)
        )
    }
}

crate::vocabulary! {
    /// Where the application window stands today.
    pub enum WindowState {
        NotYet = "not_yet", "还没开始申请", "Applications have not opened yet";
        Open = "open", "正在接受申请", "Applications are open";
        Closed = "closed", "申请已截止", "Applications have closed";
    }
}

/// The window on `today` (Asia/Shanghai), both ends included.
pub fn window_state(opens_on: NaiveDate, closes_on: NaiveDate, today: NaiveDate) -> WindowState {
    if today < opens_on {
        WindowState::NotYet
    } else if today > closes_on {
        WindowState::Closed
    } else {
        WindowState::Open
    }
}

/// How much an approved application gets, in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AmountRule {
    pub kind: AmountKind,
    /// The fixed amount, or the cap; ¥0.01 to ¥200,000.
    pub amount_fen: i64,
}

impl AmountRule {
    /// Whether staff may decide `fen` under this rule.
    pub fn check(self, fen: i64) -> Result<(), Text> {
        match self.kind {
            AmountKind::Fixed if fen != self.amount_fen => Err(Text::owned(
                format!("这个项目固定发放{}", yuan(self.amount_fen)),
                format!("This programme pays a fixed {}", yuan_sign(self.amount_fen)),
            )),
            AmountKind::UpTo if !(1..=self.amount_fen).contains(&fen) => Err(Text::owned(
                format!("金额应在0.01元到{}之间", yuan(self.amount_fen)),
                format!("The amount must be ¥0.01 to {}", yuan_sign(self.amount_fen)),
            )),
            _ => Ok(()),
        }
    }

    /// 每人2000元 / 最高5000元.
    pub fn text(self) -> Text {
        match self.kind {
            AmountKind::Fixed => Text::owned(
                format!("每人{}", yuan(self.amount_fen)),
                format!("{} each", yuan_sign(self.amount_fen)),
            ),
            AmountKind::UpTo => Text::owned(
                format!("最高{}", yuan(self.amount_fen)),
                format!("Up to {}", yuan_sign(self.amount_fen)),
            ),
        }
    }
}

/// Whether a programme's area (a GB/T 2260 code) covers a worker's area: the
/// same code, or a province (`340000`) or city (`340100`) containing it.
pub fn region_covers(programme: &str, area: &str) -> bool {
    if programme == area {
        return true;
    }
    if !valid_region(programme) || !valid_region(area) {
        return false;
    }
    let prefix = if programme.ends_with("0000") {
        &programme[..2]
    } else if programme.ends_with("00") {
        &programme[..4]
    } else {
        return false;
    };
    area.starts_with(prefix)
}

/// A GB/T 2260 six-digit division code: 11…82 then four digits.
pub fn valid_region(code: &str) -> bool {
    code.len() == 6
        && code.bytes().all(|b| b.is_ascii_digit())
        && (11..=82).contains(&code[..2].parse::<u32>().unwrap_or(0))
}

/// A programme as staff enter it (create, and edit with the same form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProgrammeInput {
    pub kind: ProgrammeKind,
    /// Seasonal programmes only: which of the four campaigns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<Campaign>,
    /// The running union, in the caller's subtree.
    pub union_id: i64,
    /// 2–40 characters, e.g. 2025年金秋助学.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub name: String,
    /// Who qualifies, in plain words: 4–500 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub eligibility: String,
    /// What to bring or photograph, 0–12 items of 2–40 characters.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schemars(inner(length(max = 40)), length(max = 12))
    )]
    pub required_documents: Vec<String>,
    pub amount: AmountRule,
    /// Asia/Shanghai dates, both included; at most a year apart.
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// The money there is, in fen: at least one award, at most ¥100 million.
    pub budget_fen: i64,
    /// How many applications may be approved, 1–100,000.
    pub places: u32,
    pub who_may_apply: WhoMayApply,
    /// The area whose gig workers may apply (GB/T 2260), with `members_and_gig_workers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 6)))]
    pub region_code: Option<String>,
    /// Hardship aid: the city's 低保 in fen per person per month, for the self-check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dibao_fen: Option<i64>,
    /// Scholarships: days of 公示 before approval, 1–30 (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days: Option<u32>,
}

/// The documents a kind usually asks for, to pre-fill the form.
pub fn default_documents(kind: ProgrammeKind) -> &'static [&'static str] {
    match kind {
        ProgrammeKind::Hardship => &["身份证", "家庭收入情况说明", "医疗或教育支出票据", "银行卡"],
        ProgrammeKind::Medical => &[
            "申请表",
            "身份证",
            "银行卡",
            "参加互助的凭证",
            "二级及以上医院的病历",
            "出院小结",
            "医保结算单",
            "原始收费票据",
        ],
        ProgrammeKind::Scholarship => &["身份证", "子女身份证或户口本", "录取通知书"],
        ProgrammeKind::Seasonal | ProgrammeKind::HealthCheck => &["身份证"],
        ProgrammeKind::Other => &[],
    }
}

impl ProgrammeInput {
    /// Checks the programme; `today` (Asia/Shanghai) bounds the closing date of a new one.
    pub fn validate(&self, today: Option<NaiveDate>) -> Result<ProgrammeInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = text_field(&mut errors, "name", &self.name, 2, MAX_NAME);
        let eligibility = text_field(
            &mut errors,
            "eligibility",
            &self.eligibility,
            4,
            MAX_ELIGIBILITY,
        );
        let mut documents = Vec::new();
        if self.required_documents.len() > MAX_DOCUMENTS {
            errors.add(
                "required_documents",
                Text::owned(
                    format!("材料最多列{MAX_DOCUMENTS}项"),
                    format!("List at most {MAX_DOCUMENTS} documents"),
                ),
            );
        }
        for (i, d) in self.required_documents.iter().enumerate() {
            let d = text_field(
                &mut errors,
                &format!("required_documents[{i}]"),
                d,
                2,
                MAX_DOCUMENT,
            );
            if documents.contains(&d) {
                errors.add(
                    format!("required_documents[{i}]"),
                    Text::new("这项材料列了两遍", "This document is listed twice"),
                );
            }
            documents.push(d);
        }
        match (self.kind, self.campaign) {
            (ProgrammeKind::Seasonal, None) => errors.add(
                "campaign",
                Text::new("请选择四季送的哪一季", "Choose the seasonal campaign"),
            ),
            (ProgrammeKind::Seasonal, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.add(
                "campaign",
                Text::new(
                    "只有四季送项目有季节",
                    "Only seasonal programmes have a campaign",
                ),
            ),
        }
        if !(1..=MAX_AWARD_FEN).contains(&self.amount.amount_fen) {
            errors.add(
                "amount.amount_fen",
                why::out_of_range("0.01", MAX_AWARD_FEN / 100),
            );
        }
        if !(1..=MAX_BUDGET_FEN).contains(&self.budget_fen) {
            errors.add(
                "budget_fen",
                why::out_of_range("0.01", MAX_BUDGET_FEN / 100),
            );
        } else if self.budget_fen < self.amount.amount_fen {
            errors.add(
                "budget_fen",
                Text::new(
                    "预算至少要够发一份",
                    "The budget must cover at least one award",
                ),
            );
        }
        if !(1..=MAX_PLACES).contains(&self.places) {
            errors.add("places", why::out_of_range(1, MAX_PLACES));
        }
        if self.closes_on < self.opens_on {
            errors.add(
                "closes_on",
                Text::new(
                    "截止日期不能早于开始日期",
                    "The window cannot close before it opens",
                ),
            );
        } else if (self.closes_on - self.opens_on).num_days() > MAX_WINDOW_DAYS {
            errors.add(
                "closes_on",
                Text::new("申请期最长一年", "The window is at most a year long"),
            );
        }
        if today.is_some_and(|t| self.closes_on < t) {
            errors.add(
                "closes_on",
                Text::new("截止日期已经过了", "The closing date has passed"),
            );
        }
        let region_code = self
            .region_code
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        match (self.who_may_apply, region_code) {
            (WhoMayApply::MembersAndGigWorkers, None) => errors.add(
                "region_code",
                Text::new(
                    "请填写面向哪个地区的劳动者(6位行政区划代码)",
                    "Give the area whose workers may apply (a 6-digit division code)",
                ),
            ),
            (_, Some(r)) if !valid_region(r) => errors.add(
                "region_code",
                Text::new(
                    "行政区划代码是6位数字,例如340102",
                    "A division code is 6 digits, e.g. 340102",
                ),
            ),
            _ => {}
        }
        let dibao_fen = match (self.kind, self.dibao_fen) {
            (ProgrammeKind::Hardship, None) => {
                errors.add(
                    "dibao_fen",
                    Text::new(
                        "困难帮扶要填写本地低保标准(每人每月)",
                        "Hardship aid needs the local minimum living standard (per person per month)",
                    ),
                );
                None
            }
            (ProgrammeKind::Hardship, Some(d)) => {
                errors.check("dibao_fen", super::validate_dibao(d));
                Some(d)
            }
            _ => None,
        };
        let notice_days = match self.kind {
            ProgrammeKind::Scholarship => {
                let n = self.notice_days.unwrap_or(DEFAULT_NOTICE_DAYS);
                if !(1..=MAX_NOTICE_DAYS).contains(&n) {
                    errors.add("notice_days", why::out_of_range(1, MAX_NOTICE_DAYS));
                }
                Some(n)
            }
            _ => None,
        };
        finish(
            errors,
            ProgrammeInput {
                name,
                eligibility,
                required_documents: documents,
                region_code: match self.who_may_apply {
                    WhoMayApply::MembersOnly => None,
                    WhoMayApply::MembersAndGigWorkers => region_code.map(str::to_string),
                },
                dibao_fen,
                notice_days,
                ..self.clone()
            },
        )
    }
}

/// A programme as staff and workers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Programme {
    pub id: i64,
    pub kind: ProgrammeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<Campaign>,
    /// The running union (主办).
    pub union: UnionRef,
    pub name: String,
    pub eligibility: String,
    pub required_documents: Vec<String>,
    pub amount: AmountRule,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// Where the window stands today.
    pub window: WindowState,
    pub budget_fen: i64,
    pub places: u32,
    /// Approved (or on 公示) and not yet refused: what the budget has promised.
    pub committed_fen: i64,
    pub committed_places: u32,
    pub budget_left_fen: i64,
    pub places_left: u32,
    /// Paid out so far.
    pub paid_fen: i64,
    pub who_may_apply: WhoMayApply,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dibao_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days: Option<u32>,
    pub status: ProgrammeStatus,
    /// When staff last changed the programme (RFC 3339, UTC).
    pub updated_at: String,
}

impl Programme {
    /// Whether it takes an application today, and if not, why in plain words.
    pub fn accepting(&self, today: NaiveDate) -> Result<(), Text> {
        check_accepting(self.status, self.opens_on, self.closes_on, today)
    }

    /// The countdown to the window's closing date (a scholarship's 还剩 3 天).
    pub fn closing_countdown(&self, today: NaiveDate) -> super::Deadline {
        super::deadline_on(self.closes_on, today)
    }

    /// 每人2000元 / 最高5000元.
    pub fn amount_text(&self) -> Text {
        self.amount.text()
    }

    /// The form of this programme, to edit it.
    pub fn input(&self) -> ProgrammeInput {
        ProgrammeInput {
            kind: self.kind,
            campaign: self.campaign,
            union_id: self.union.id,
            name: self.name.clone(),
            eligibility: self.eligibility.clone(),
            required_documents: self.required_documents.clone(),
            amount: self.amount,
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            budget_fen: self.budget_fen,
            places: self.places,
            who_may_apply: self.who_may_apply,
            region_code: self.region_code.clone(),
            dibao_fen: self.dibao_fen,
            notice_days: self.notice_days,
        }
    }
}

/// Whether a programme in `status` with this window takes an application on `today`.
pub fn check_accepting(
    status: ProgrammeStatus,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Text> {
    match status {
        ProgrammeStatus::Open => {}
        ProgrammeStatus::Paused => {
            return Err(Text::new(
                "这个项目暂停受理,请稍后再来",
                "This programme is paused; come back later",
            ))
        }
        ProgrammeStatus::Closed => {
            return Err(Text::new("这个项目已结束", "This programme has closed"))
        }
    }
    match window_state(opens_on, closes_on, today) {
        WindowState::Open => Ok(()),
        w => Err(w.label()),
    }
}

/// Whether one more award of `fen` fits what is left (the Worker's D1 CHECK is
/// the final word; this is the message before trying).
pub fn check_budget(budget_left_fen: i64, places_left: u32, fen: i64) -> Result<(), Text> {
    if places_left == 0 {
        Err(Text::new(
            "名额已满,不能再批准",
            "Every place is taken; no more can be approved",
        ))
    } else if fen > budget_left_fen {
        Err(budget_short(budget_left_fen))
    } else {
        Ok(())
    }
}

/// "Only ¥x is left of the budget".
pub fn budget_short(left_fen: i64) -> Text {
    Text::owned(
        format!("预算不够了:只剩{}", yuan(left_fen.max(0))),
        format!(
            "The budget is not enough: {} is left",
            yuan_sign(left_fen.max(0))
        ),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub fn programme() -> ProgrammeInput {
        ProgrammeInput {
            kind: ProgrammeKind::Hardship,
            campaign: None,
            union_id: 3,
            name: " 2025年困难职工帮扶 ".into(),
            eligibility: "家庭人均月收入低于低保两倍的会员".into(),
            required_documents: vec!["身份证".into(), " 收入证明 ".into()],
            amount: AmountRule {
                kind: AmountKind::UpTo,
                amount_fen: 500_000,
            },
            opens_on: d("2025-03-01"),
            closes_on: d("2025-03-31"),
            budget_fen: 1_000_000,
            places: 10,
            who_may_apply: WhoMayApply::MembersOnly,
            region_code: Some("340102".into()),
            dibao_fen: Some(100_000),
            notice_days: Some(3),
        }
    }

    #[test]
    fn a_programme_is_trimmed_and_keeps_only_what_its_kind_uses() {
        let p = programme().validate(Some(d("2025-03-01"))).unwrap();
        assert_eq!(p.name, "2025年困难职工帮扶");
        assert_eq!(p.required_documents, ["身份证", "收入证明"]);
        assert_eq!(p.region_code, None, "members only: no area");
        assert_eq!(p.notice_days, None, "not a scholarship");
        let s = ProgrammeInput {
            kind: ProgrammeKind::Scholarship,
            dibao_fen: None,
            notice_days: None,
            ..programme()
        }
        .validate(None)
        .unwrap();
        assert_eq!(s.notice_days, Some(DEFAULT_NOTICE_DAYS));
        assert_eq!(s.dibao_fen, None);
    }

    #[test]
    fn bad_programmes_name_their_fields_in_both_languages() {
        let bad = ProgrammeInput {
            name: "困".into(),
            eligibility: "".into(),
            required_documents: vec!["身份证".into(), "身份证".into()],
            amount: AmountRule {
                kind: AmountKind::Fixed,
                amount_fen: 0,
            },
            budget_fen: 0,
            places: 0,
            closes_on: d("2025-02-01"),
            campaign: Some(Campaign::SummerCool),
            dibao_fen: None,
            ..programme()
        };
        let e = bad.validate(None).unwrap_err();
        for f in [
            "name",
            "eligibility",
            "required_documents[1]",
            "amount.amount_fen",
            "budget_fen",
            "places",
            "closes_on",
            "campaign",
            "dibao_fen",
        ] {
            let t = e.get(f).unwrap_or_else(|| panic!("{f}: {e:?}"));
            assert!(!t.zh.is_empty() && !t.en.is_empty());
        }
        let seasonal = ProgrammeInput {
            kind: ProgrammeKind::Seasonal,
            ..programme()
        };
        assert!(seasonal
            .validate(None)
            .unwrap_err()
            .get("campaign")
            .is_some());
        let gig = ProgrammeInput {
            who_may_apply: WhoMayApply::MembersAndGigWorkers,
            region_code: None,
            ..programme()
        };
        assert!(gig.validate(None).unwrap_err().get("region_code").is_some());
        let gig = ProgrammeInput {
            region_code: Some("990102".into()),
            ..gig
        };
        assert!(gig.validate(None).unwrap_err().get("region_code").is_some());
        let long = ProgrammeInput {
            closes_on: d("2026-03-03"),
            ..programme()
        };
        assert!(long.validate(None).unwrap_err().get("closes_on").is_some());
        let past = programme().validate(Some(d("2025-04-01"))).unwrap_err();
        assert!(past.get("closes_on").is_some());
        let short = ProgrammeInput {
            budget_fen: 499_999,
            ..programme()
        };
        assert!(short
            .validate(None)
            .unwrap_err()
            .get("budget_fen")
            .is_some());
    }

    #[test]
    fn the_amount_rule_is_fixed_or_up_to_a_cap() {
        let fixed = AmountRule {
            kind: AmountKind::Fixed,
            amount_fen: 200_000,
        };
        assert!(fixed.check(200_000).is_ok());
        assert!(fixed.check(199_999).is_err());
        assert!(fixed.check(200_001).is_err());
        let cap = AmountRule {
            kind: AmountKind::UpTo,
            amount_fen: 500_000,
        };
        assert!(cap.check(1).is_ok());
        assert!(cap.check(500_000).is_ok());
        assert!(cap.check(500_001).is_err());
        assert!(cap.check(0).is_err());
        assert_eq!(
            cap.check(500_001).unwrap_err().zh,
            "金额应在0.01元到5000元之间"
        );
        assert_eq!(fixed.text().zh, "每人2000元");
        assert_eq!(cap.text().en, "Up to ¥5000");
    }

    #[test]
    fn the_window_includes_both_ends_and_status_gates_it() {
        let (o, c) = (d("2025-03-01"), d("2025-03-31"));
        assert_eq!(window_state(o, c, d("2025-02-28")), WindowState::NotYet);
        assert_eq!(window_state(o, c, d("2025-03-01")), WindowState::Open);
        assert_eq!(window_state(o, c, d("2025-03-31")), WindowState::Open);
        assert_eq!(window_state(o, c, d("2025-04-01")), WindowState::Closed);
        assert!(check_accepting(ProgrammeStatus::Open, o, c, d("2025-03-15")).is_ok());
        assert!(check_accepting(ProgrammeStatus::Paused, o, c, d("2025-03-15")).is_err());
        assert!(check_accepting(ProgrammeStatus::Closed, o, c, d("2025-03-15")).is_err());
        assert!(check_accepting(ProgrammeStatus::Open, o, c, d("2025-04-01")).is_err());
    }

    #[test]
    fn the_closing_date_counts_down() {
        use crate::benefits::Deadline;
        assert_eq!(
            super::super::deadline_on(d("2025-09-30"), d("2025-09-27")),
            Deadline::DaysLeft(3)
        );
        assert_eq!(
            super::super::deadline_on(d("2025-09-30"), d("2025-09-30")),
            Deadline::DaysLeft(0)
        );
        assert_eq!(
            super::super::deadline_on(d("2025-09-30"), d("2025-10-01")),
            Deadline::Passed(1)
        );
    }

    #[test]
    fn status_moves_open_paused_closed_and_closed_is_final() {
        use ProgrammeStatus::*;
        assert!(Open.can_become(Paused) && Paused.can_become(Open));
        assert!(Open.can_become(Closed) && Paused.can_become(Closed));
        for to in ProgrammeStatus::ALL {
            assert!(!Closed.can_become(*to));
        }
        assert!(!Open.can_become(Open));
    }

    #[test]
    fn budget_and_places_bound_each_award() {
        assert!(check_budget(200_000, 1, 200_000).is_ok());
        assert!(check_budget(199_999, 1, 200_000).is_err());
        assert!(check_budget(1_000_000, 0, 1).is_err());
        assert_eq!(budget_short(150_000).zh, "预算不够了:只剩1500元");
    }

    #[test]
    fn areas_cover_the_districts_inside_them() {
        assert!(region_covers("340102", "340102"));
        assert!(
            region_covers("340100", "340102"),
            "a city covers its districts"
        );
        assert!(
            region_covers("340000", "341523"),
            "a province covers its cities"
        );
        assert!(!region_covers("340102", "340103"));
        assert!(!region_covers("340100", "340202"));
        assert!(!region_covers("340100", "34010"));
        assert!(valid_region("110105") && !valid_region("100105") && !valid_region("11010x"));
    }
}
