//! The statutory clocks of a wage case, counted in the working-day calendar
//! of `holidays.rs`:
//!
//! | clock | from | limit | law |
//! |---|---|---|---|
//! | mediation | acceptance by the union | 15 days, then arbitration is open | 劳动争议调解仲裁法 Art. 14 |
//! | labour inspection: acceptance | the referral | 5 working days | 劳动保障监察条例 |
//! | labour inspection: investigation | its acceptance | 60 working days, +30 with approval | 劳动保障监察条例 Art. 17 |
//! | arbitration: acceptance | the referral | 5 days | 劳动争议调解仲裁法 Art. 29 |
//! | arbitration: award | its acceptance | 45 days, +15 with approval | 劳动争议调解仲裁法 Art. 43 |
//! | legal aid: decision | the referral | 7 days | 法律援助法 Art. 43 |
//! | the one-year limit | the day the worker left | 1 year; not running while still employed | 劳动争议调解仲裁法 Art. 27 |
//!
//! A clock is `due_soon` within its warning window and `overdue` the day after it is due.

use super::holidays::Calendar;
use crate::lang::Text;
use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// One statutory deadline.
    pub enum ClockKind {
        Mediation = "mediation", "调解期限(15日)", "Mediation (15 days)";
        InspectionAcceptance = "inspection_acceptance", "劳动监察受理(5个工作日)", "Labour inspection: acceptance (5 working days)";
        InspectionInvestigation = "inspection_investigation", "劳动监察调查(60个工作日)", "Labour inspection: investigation (60 working days)";
        ArbitrationAcceptance = "arbitration_acceptance", "仲裁受理(5日)", "Arbitration: acceptance (5 days)";
        ArbitrationAward = "arbitration_award", "仲裁裁决(45日)", "Arbitration: award (45 days)";
        LegalAidDecision = "legal_aid_decision", "法律援助决定(7日)", "Legal aid: decision (7 days)";
        TimeLimit = "time_limit", "仲裁时效(1年)", "Time limit for arbitration (1 year)";
    }
}

crate::vocabulary! {
    /// Where a clock stands today.
    pub enum ClockState {
        Running = "running", "期限内", "Running";
        DueSoon = "due_soon", "即将到期", "Due soon";
        Overdue = "overdue", "已过期限", "Past due";
    }
}

crate::vocabulary! {
    /// Where a case is referred when the union cannot settle it.
    pub enum ReferralTarget {
        Inspection = "inspection", "劳动保障监察(12333)", "Labour inspection (12333)";
        Arbitration = "arbitration", "劳动争议仲裁", "Labour arbitration";
        LegalAid = "legal_aid", "法律援助(12348)", "Legal aid (12348)";
    }
}

impl ReferralTarget {
    pub fn hotline(self) -> Option<&'static str> {
        match self {
            ReferralTarget::Inspection => Some("12333"),
            ReferralTarget::LegalAid => Some("12348"),
            ReferralTarget::Arbitration => None,
        }
    }
}

pub const MEDIATION_DAYS: i64 = 15;
pub const INSPECTION_ACCEPTANCE_WORKING_DAYS: u32 = 5;
pub const INSPECTION_INVESTIGATION_WORKING_DAYS: u32 = 60;
pub const INSPECTION_EXTENSION_WORKING_DAYS: u32 = 30;
pub const ARBITRATION_ACCEPTANCE_DAYS: i64 = 5;
pub const ARBITRATION_AWARD_DAYS: i64 = 45;
pub const ARBITRATION_EXTENSION_DAYS: i64 = 15;
pub const LEGAL_AID_DECISION_DAYS: i64 = 7;

impl ClockKind {
    /// Warnings start this many calendar days before the clock is due.
    pub fn warn_days(self) -> i64 {
        match self {
            ClockKind::Mediation | ClockKind::LegalAidDecision => 3,
            ClockKind::InspectionAcceptance | ClockKind::ArbitrationAcceptance => 2,
            ClockKind::InspectionInvestigation | ClockKind::ArbitrationAward => 10,
            ClockKind::TimeLimit => 60,
        }
    }

    /// What happens when the clock runs out, for the worker and the staff.
    pub fn then(self) -> Text {
        match self {
            ClockKind::Mediation => Text::new(
                "调解15日内未达成协议的,可以申请劳动争议仲裁",
                "If mediation has not succeeded within 15 days, the workers may go to arbitration",
            ),
            ClockKind::InspectionAcceptance => Text::new(
                "劳动监察应在5个工作日内决定是否立案,请跟进",
                "Labour inspection decides within 5 working days whether to open a case; follow it up",
            ),
            ClockKind::InspectionInvestigation => Text::new(
                "劳动监察应在60个工作日内查处完毕,经批准可延长30个工作日",
                "Labour inspection finishes within 60 working days, 30 more with approval",
            ),
            ClockKind::ArbitrationAcceptance => Text::new(
                "仲裁委员会应在5日内决定是否受理",
                "The arbitration committee decides within 5 days whether to accept",
            ),
            ClockKind::ArbitrationAward => Text::new(
                "仲裁应在受理后45日内结束,经批准可延长15日",
                "The award comes within 45 days of acceptance, 15 more with approval",
            ),
            ClockKind::LegalAidDecision => Text::new(
                "法律援助机构应在7日内决定是否给予援助",
                "The legal aid office decides within 7 days",
            ),
            ClockKind::TimeLimit => Text::new(
                "申请仲裁的时效为1年,从离职之日起算;在职期间不计算",
                "Arbitration must be asked for within 1 year of leaving; the time while still employed does not count",
            ),
        }
    }
}

/// One clock of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Clock {
    pub kind: ClockKind,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The latest day with the extension the law allows, if it allows one.
    pub extended_to: Option<NaiveDate>,
    pub state: ClockState,
    /// Calendar days from today to `due_on` (negative: past due).
    pub days_left: i64,
}

impl Clock {
    fn new(
        kind: ClockKind,
        started_on: NaiveDate,
        due_on: NaiveDate,
        extended_to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Clock {
        let days_left = (due_on - today).num_days();
        let state = if days_left < 0 {
            ClockState::Overdue
        } else if days_left <= kind.warn_days() {
            ClockState::DueSoon
        } else {
            ClockState::Running
        };
        Clock {
            kind,
            started_on,
            due_on,
            extended_to,
            state,
            days_left,
        }
    }

    /// A warning line: "调解期限(15日)还剩2天(到12月18日)".
    pub fn warning(&self) -> Text {
        let (zh_d, en_d) = (
            self.due_on.format("%Y年%-m月%-d日").to_string(),
            self.due_on.format("%-d %b %Y").to_string(),
        );
        let l = self.kind.label();
        match self.state {
            ClockState::Overdue => Text::owned(
                format!("{}已于{zh_d}到期,已过{}天", l.zh, -self.days_left),
                format!("{} was due on {en_d}, {} day(s) ago", l.en, -self.days_left),
            ),
            _ => Text::owned(
                format!("{}还剩{}天(到{zh_d})", l.zh, self.days_left),
                format!("{}: {} day(s) left (until {en_d})", l.en, self.days_left),
            ),
        }
    }
}

/// A referral and what is known of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Referral {
    pub to: ReferralTarget,
    pub on: NaiveDate,
    /// The day the office accepted it (or, for legal aid, decided).
    pub accepted_on: Option<NaiveDate>,
}

/// What the clocks of a case are counted from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClockFacts {
    /// The union accepted the case (受理) and it is still in mediation.
    pub mediation_from: Option<NaiveDate>,
    pub referral: Option<Referral>,
    /// The case is still open, so the one-year limit matters.
    pub open: bool,
    /// Per claimant: `None` while still employed, else the day they left.
    pub left_on: Vec<Option<NaiveDate>>,
}

/// The one-year limit of a claimant who left on `left_on`; none while employed.
pub fn time_limit(left_on: Option<NaiveDate>) -> Option<NaiveDate> {
    left_on.and_then(|d| d.checked_add_months(Months::new(12)))
}

/// Every clock running on a case today, soonest first.
pub fn clocks(f: &ClockFacts, cal: &Calendar, today: NaiveDate) -> Vec<Clock> {
    let mut out = Vec::new();
    if let Some(from) = f.mediation_from {
        out.push(Clock::new(
            ClockKind::Mediation,
            from,
            from + Duration::days(MEDIATION_DAYS),
            None,
            today,
        ));
    }
    if let Some(r) = f.referral {
        match (r.to, r.accepted_on) {
            (ReferralTarget::Inspection, None) => out.push(Clock::new(
                ClockKind::InspectionAcceptance,
                r.on,
                cal.add_working_days(r.on, INSPECTION_ACCEPTANCE_WORKING_DAYS),
                None,
                today,
            )),
            (ReferralTarget::Inspection, Some(a)) => out.push(Clock::new(
                ClockKind::InspectionInvestigation,
                a,
                cal.add_working_days(a, INSPECTION_INVESTIGATION_WORKING_DAYS),
                Some(cal.add_working_days(
                    a,
                    INSPECTION_INVESTIGATION_WORKING_DAYS + INSPECTION_EXTENSION_WORKING_DAYS,
                )),
                today,
            )),
            (ReferralTarget::Arbitration, None) => out.push(Clock::new(
                ClockKind::ArbitrationAcceptance,
                r.on,
                r.on + Duration::days(ARBITRATION_ACCEPTANCE_DAYS),
                None,
                today,
            )),
            (ReferralTarget::Arbitration, Some(a)) => out.push(Clock::new(
                ClockKind::ArbitrationAward,
                a,
                a + Duration::days(ARBITRATION_AWARD_DAYS),
                Some(a + Duration::days(ARBITRATION_AWARD_DAYS + ARBITRATION_EXTENSION_DAYS)),
                today,
            )),
            (ReferralTarget::LegalAid, None) => out.push(Clock::new(
                ClockKind::LegalAidDecision,
                r.on,
                r.on + Duration::days(LEGAL_AID_DECISION_DAYS),
                None,
                today,
            )),
            // Legal aid decided: its own clocks are the lawyer's.
            (ReferralTarget::LegalAid, Some(_)) => {}
        }
    }
    if f.open {
        // The claimant whose limit ends first.
        if let Some((left, due)) = f
            .left_on
            .iter()
            .filter_map(|l| l.and_then(|d| time_limit(Some(d)).map(|t| (d, t))))
            .min_by_key(|(_, t)| *t)
        {
            out.push(Clock::new(ClockKind::TimeLimit, left, due, None, today));
        }
    }
    out.sort_by_key(|c| c.due_on);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn one(f: ClockFacts, today: &str) -> Clock {
        let c = clocks(&f, &Calendar::china_2026(), d(today));
        assert_eq!(c.len(), 1, "{c:?}");
        c[0].clone()
    }

    #[test]
    fn mediation_is_15_calendar_days_and_warns_3_days_before() {
        let f = || ClockFacts {
            mediation_from: Some(d("2026-09-28")),
            ..Default::default()
        };
        // Calendar days: the 国庆 holiday does not stop it.
        let c = one(f(), "2026-10-01");
        assert_eq!(c.due_on, d("2026-10-13"));
        assert_eq!(c.state, ClockState::Running);
        assert_eq!(c.days_left, 12);
        assert_eq!(one(f(), "2026-10-09").state, ClockState::Running); // 4 left
        assert_eq!(one(f(), "2026-10-10").state, ClockState::DueSoon); // 3 left
        assert_eq!(one(f(), "2026-10-13").state, ClockState::DueSoon); // due today
        let late = one(f(), "2026-10-14");
        assert_eq!(late.state, ClockState::Overdue);
        assert_eq!(late.days_left, -1);
        assert!(
            late.warning().zh.contains("已过1天"),
            "{}",
            late.warning().zh
        );
    }

    #[test]
    fn labour_inspection_counts_working_days_over_the_holidays() {
        let referral = |accepted_on| ClockFacts {
            referral: Some(Referral {
                to: ReferralTarget::Inspection,
                on: d("2026-09-30"),
                accepted_on,
            }),
            ..Default::default()
        };
        // 5 working days after Wed 30 Sep: 8, 9, 10 (Saturday worked), 12, 13 Oct.
        let a = one(referral(None), "2026-10-02");
        assert_eq!(a.kind, ClockKind::InspectionAcceptance);
        assert_eq!(a.due_on, d("2026-10-13"));
        assert_eq!(one(referral(None), "2026-10-11").state, ClockState::DueSoon);
        assert_eq!(one(referral(None), "2026-10-14").state, ClockState::Overdue);
        // Accepted Tue 13 Oct: 60 working days, then 30 more.
        let i = one(referral(Some(d("2026-10-13"))), "2026-10-14");
        assert_eq!(i.kind, ClockKind::InspectionInvestigation);
        let cal = Calendar::china_2026();
        assert_eq!(cal.working_days_between(d("2026-10-13"), i.due_on), 60);
        assert!(cal.is_working_day(i.due_on));
        assert_eq!(i.due_on, d("2027-01-05"));
        assert_eq!(
            cal.working_days_between(d("2026-10-13"), i.extended_to.unwrap()),
            90
        );
    }

    #[test]
    fn investigation_across_the_spring_festival() {
        // Accepted Fri 30 Jan 2026. February has 20 weekdays, 6 of them (16–20, 23) off,
        // and two Saturdays (14, 28) worked: 16 working days.
        let cal = Calendar::china_2026();
        assert_eq!(
            cal.working_days_between(d("2026-01-31"), d("2026-02-28")),
            16
        );
        let c = one(
            ClockFacts {
                referral: Some(Referral {
                    to: ReferralTarget::Inspection,
                    on: d("2026-01-28"),
                    accepted_on: Some(d("2026-01-30")),
                }),
                ..Default::default()
            },
            "2026-02-01",
        );
        // Without the calendar the 60th working day would be 24 Apr; the holidays
        // (Spring Festival −6, 清明 Mon 6 Apr −1) and the two worked Saturdays (+2) take five
        // more: 27–30 Apr, then 劳动节 (1–5 May) pushes the last one to Wed 6 May.
        assert_eq!(
            Calendar::default().add_working_days(d("2026-01-30"), 60),
            d("2026-04-24")
        );
        assert_eq!(c.due_on, d("2026-05-06"));
    }

    #[test]
    fn arbitration_acceptance_5_days_award_45_plus_15() {
        let f = |accepted_on| ClockFacts {
            referral: Some(Referral {
                to: ReferralTarget::Arbitration,
                on: d("2026-03-02"),
                accepted_on,
            }),
            ..Default::default()
        };
        let a = one(f(None), "2026-03-02");
        assert_eq!(
            (a.kind, a.due_on, a.state),
            (
                ClockKind::ArbitrationAcceptance,
                d("2026-03-07"),
                ClockState::Running
            )
        );
        assert_eq!(one(f(None), "2026-03-05").state, ClockState::DueSoon);
        assert_eq!(one(f(None), "2026-03-08").state, ClockState::Overdue);
        let w = one(f(Some(d("2026-03-06"))), "2026-03-06");
        assert_eq!(w.kind, ClockKind::ArbitrationAward);
        assert_eq!(w.due_on, d("2026-04-20"));
        assert_eq!(w.extended_to, Some(d("2026-05-05")));
        assert_eq!(
            one(f(Some(d("2026-03-06"))), "2026-04-10").state,
            ClockState::DueSoon
        );
        assert_eq!(
            one(f(Some(d("2026-03-06"))), "2026-04-21").state,
            ClockState::Overdue
        );
    }

    #[test]
    fn legal_aid_decides_within_7_days_then_the_clock_stops() {
        let f = |accepted_on| ClockFacts {
            referral: Some(Referral {
                to: ReferralTarget::LegalAid,
                on: d("2026-05-01"),
                accepted_on,
            }),
            ..Default::default()
        };
        let c = one(f(None), "2026-05-01");
        assert_eq!(c.due_on, d("2026-05-08"));
        assert_eq!(one(f(None), "2026-05-09").state, ClockState::Overdue);
        assert!(clocks(
            &f(Some(d("2026-05-04"))),
            &Calendar::china_2026(),
            d("2026-05-09")
        )
        .is_empty());
    }

    #[test]
    fn the_one_year_limit_does_not_run_while_employed() {
        let cal = Calendar::china_2026();
        let employed = ClockFacts {
            open: true,
            left_on: vec![None, None],
            ..Default::default()
        };
        assert!(clocks(&employed, &cal, d("2026-06-01")).is_empty());
        assert_eq!(time_limit(None), None);
        let left = ClockFacts {
            open: true,
            left_on: vec![None, Some(d("2026-03-31")), Some(d("2026-01-15"))],
            ..Default::default()
        };
        let c = one(left.clone(), "2026-06-01");
        assert_eq!(
            (c.kind, c.started_on, c.due_on),
            (ClockKind::TimeLimit, d("2026-01-15"), d("2027-01-15"))
        );
        assert_eq!(c.state, ClockState::Running);
        assert_eq!(one(left.clone(), "2026-11-16").state, ClockState::DueSoon);
        assert_eq!(one(left.clone(), "2027-01-16").state, ClockState::Overdue);
        // A closed case shows no limit.
        assert!(clocks(
            &ClockFacts {
                open: false,
                ..left
            },
            &cal,
            d("2026-06-01")
        )
        .is_empty());
        // 29 Feb has no twin: the limit ends on 28 Feb.
        assert_eq!(time_limit(Some(d("2028-02-29"))), Some(d("2029-02-28")));
    }

    #[test]
    fn clocks_come_soonest_first() {
        let f = ClockFacts {
            mediation_from: Some(d("2026-03-01")),
            open: true,
            left_on: vec![Some(d("2025-04-01"))],
            ..Default::default()
        };
        let c = clocks(&f, &Calendar::china_2026(), d("2026-03-10"));
        assert_eq!(
            c.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [ClockKind::Mediation, ClockKind::TimeLimit]
        );
        assert_eq!(c[1].state, ClockState::DueSoon);
    }
}
