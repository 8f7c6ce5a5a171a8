//! What 朗读 (read aloud) says: a page's main facts as plain sentences, built
//! from the page's data (never from the screen's text), in both languages.
//! Speech engines read `35050` fen or `2025-12-01` badly, so money is said in
//! 元 (`350元5角`) and dates as people say them (`12月1日`).

use crate::jobs::{Job, JobStatus};
use crate::lang::Text;
use crate::membership::{ApplicationStatus, ApplicationView};
use crate::money::{amount, WageUnit, FEN_PER_YUAN};
use crate::stations::{StationStatus, StationSummary};
use crate::training::{Course, Enrolment, EnrolmentStatus, Outcome};
use chrono::{Datelike, NaiveDate, NaiveDateTime};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An amount as it is said: `350元`, `350元5角`, `350元零5分`, `350元5角5分`
/// (`350 yuan`, `350 yuan 50 fen`).
pub fn yuan(fen: i64) -> Text {
    let a = fen.unsigned_abs();
    let (y, jiao, f) = (a / 100, a % 100 / 10, a % 10);
    let sign = if fen < 0 { "负" } else { "" };
    let zh = match (jiao, f) {
        (0, 0) => format!("{sign}{y}元"),
        (j, 0) => format!("{sign}{y}元{j}角"),
        (0, f) => format!("{sign}{y}元零{f}分"),
        (j, f) => format!("{sign}{y}元{j}角{f}分"),
    };
    let en = match a % 100 {
        0 => format!("{}{y} yuan", if fen < 0 { "minus " } else { "" }),
        c => format!("{}{y} yuan {c} fen", if fen < 0 { "minus " } else { "" }),
    };
    Text::owned(zh, en)
}

/// A date as it is said: `12月1日` (`1 December`); the year too when it is not
/// this year's: `2027年1月5日`.
pub fn date(d: NaiveDate, today: NaiveDate) -> Text {
    let (m, day) = (d.month(), d.day());
    let month = MONTHS[d.month0() as usize];
    if d.year() == today.year() {
        Text::owned(format!("{m}月{day}日"), format!("{day} {month}"))
    } else {
        let y = d.year();
        Text::owned(format!("{y}年{m}月{day}日"), format!("{day} {month} {y}"))
    }
}

/// A wage: `每天300到350元` (`300 to 350 yuan a day`).
pub fn wage(min_fen: i64, max_fen: i64, unit: WageUnit) -> Text {
    let (lo, hi) = (yuan(min_fen), yuan(max_fen));
    let (per_zh, per_en) = match unit {
        WageUnit::Hour => ("每小时", "an hour"),
        WageUnit::Day => ("每天", "a day"),
        WageUnit::Month => ("每月", "a month"),
        WageUnit::Piece => ("每件", "a piece"),
    };
    if min_fen == max_fen {
        Text::owned(format!("{per_zh}{}", lo.zh), format!("{} {per_en}", lo.en))
    } else if min_fen % FEN_PER_YUAN == 0 && max_fen % FEN_PER_YUAN == 0 {
        // `300到350元`, not `300元到350元`.
        Text::owned(
            format!("{per_zh}{}到{}", amount(min_fen), hi.zh),
            format!("{} to {} {per_en}", amount(min_fen), hi.en),
        )
    } else {
        Text::owned(
            format!("{per_zh}{}到{}", lo.zh, hi.zh),
            format!("{} to {} {per_en}", lo.en, hi.en),
        )
    }
}

/// Hours as said: `08:00–20:00` → `8:00到20:00` (`8:00 to 20:00`).
fn spoken_hours(t: Text) -> Text {
    let said = |s: &str, to: &str| {
        let c: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, &ch) in c.iter().enumerate() {
            let leading_zero = ch == '0'
                && (i == 0 || !c[i - 1].is_ascii_digit())
                && c.get(i + 1).is_some_and(char::is_ascii_digit)
                && c.get(i + 2) == Some(&':');
            match ch {
                _ if leading_zero => {}
                '–' => out.push_str(to),
                _ => out.push(ch),
            }
        }
        out
    };
    Text::owned(said(&t.zh, "到"), said(&t.en, " to "))
}

/// Sentences, kept apart so each can be one utterance.
#[derive(Default)]
struct Sentences(Vec<Text>);

impl Sentences {
    fn say(&mut self, zh: String, en: String) {
        self.0.push(Text::owned(zh, en));
    }
}

/// A station: its name, open now (and today's hours), what it has, where it
/// is, and its phone.
pub fn station(s: &StationSummary, city: Option<&str>, now: NaiveDateTime) -> Vec<Text> {
    let mut out = Sentences::default();
    let kind = s.station_type.label();
    out.say(
        format!("{},{}。", s.name, kind.zh),
        format!("{}, {}.", s.name, kind.en),
    );
    if s.status != StationStatus::Active {
        let st = s.status.label();
        out.say(format!("{}。", st.zh), format!("{}.", st.en));
    }
    let hours = spoken_hours(s.schedule.hours_on(now.date()));
    if s.is_open_at(now) {
        out.say(
            format!("现在开放。今天{}。", hours.zh),
            format!("Open now. Today: {}.", hours.en),
        );
    } else {
        out.say(
            format!("现在没有开放。今天{}。", hours.zh),
            format!("Closed now. Today: {}.", hours.en),
        );
    }
    if !s.amenities.is_empty() {
        let (zh, en): (Vec<_>, Vec<_>) = s
            .amenities
            .iter()
            .map(|a| {
                let l = a.label();
                (l.zh.into_owned(), l.en.into_owned())
            })
            .unzip();
        out.say(
            format!("这里有:{}。", zh.join("、")),
            format!("Here you'll find: {}.", en.join(", ")),
        );
    }
    let city = city.unwrap_or("");
    out.say(
        format!("地址:{city}{}{}。", s.district, s.address),
        format!("Address: {city}{} {}.", s.district, s.address),
    );
    if let Some(m) = s.distance_m {
        out.say(
            format!("离您大约{}。", distance_zh(m)),
            format!("About {} from you.", distance_en(m)),
        );
    }
    if let Some(p) = &s.phone {
        out.say(format!("电话:{p}。"), format!("Phone: {p}."));
    }
    out.0
}

fn distance_zh(m: u32) -> String {
    if m < 1000 {
        format!("{m}米")
    } else {
        format!("{}公里", (m + 500) / 1000)
    }
}

fn distance_en(m: u32) -> String {
    match m {
        0..1000 => format!("{m} metres"),
        1000..1500 => "1 kilometre".into(),
        _ => format!("{} kilometres", (m + 500) / 1000),
    }
}

/// A job: what, the wage and how it is paid, the trades, where, when it
/// starts, board and lodging, how many are wanted, and the employer.
pub fn job(j: &Job, today: NaiveDate) -> Vec<Text> {
    let s = &j.summary;
    let mut out = Sentences::default();
    out.say(format!("{}。", s.title), format!("{}.", s.title));
    let status = s.effective_status(today);
    if status != JobStatus::Live {
        let st = status.label();
        out.say(format!("{}。", st.zh), format!("{}.", st.en));
    }
    let w = wage(s.wage_min_fen, s.wage_max_fen, s.wage_unit);
    let settle = s.settlement.label();
    out.say(
        format!("工资{},{}。", w.zh, settle.zh),
        format!("Pay: {}, {}.", w.en, settle.en.to_lowercase()),
    );
    if !s.trades.is_empty() {
        let (zh, en): (Vec<_>, Vec<_>) = s
            .trades
            .iter()
            .map(|t| {
                let l = t.label();
                (l.zh.into_owned(), l.en.into_owned())
            })
            .unzip();
        out.say(
            format!("工种:{}。", zh.join("、")),
            format!("Trade: {}.", en.join(", ")),
        );
    }
    out.say(
        format!("地点:{}。", s.district),
        format!("Where: {}.", s.district),
    );
    let days = (s.starts_on - today).num_days();
    let start = date(s.starts_on, today);
    match days {
        d if d < 0 => out.say(
            "已经开工,随时能来。".into(),
            "Under way: start any day.".into(),
        ),
        0 => out.say("今天开工。".into(), "Starts today.".into()),
        1 => out.say("明天开工。".into(), "Starts tomorrow.".into()),
        _ => out.say(
            format!("{}开工。", start.zh),
            format!("Starts on {}.", start.en),
        ),
    }
    if let Some(e) = s.ends_on {
        let e = date(e, today);
        out.say(format!("干到{}。", e.zh), format!("Until {}.", e.en));
    }
    let board = match (s.board, s.lodging) {
        (true, true) => Text::new("包吃包住。", "Meals and lodging provided."),
        (true, false) => Text::new("包吃,不包住。", "Meals, no lodging."),
        (false, true) => Text::new("包住,不包吃。", "Lodging, no meals."),
        (false, false) => Text::new("不包吃住。", "No meals or lodging."),
    };
    out.0.push(board);
    out.say(
        format!("招{}人。", s.headcount),
        format!("{} wanted.", people_en(s.headcount)),
    );
    if s.employer.is_verified() {
        out.say(
            format!("用工企业:{},工会已核实。", s.employer.name),
            format!("Employer: {}, verified by the union.", s.employer.name),
        );
    } else {
        out.say(
            format!("用工企业:{},还没有通过工会核实。", s.employer.name),
            format!(
                "Employer: {}, not yet verified by the union.",
                s.employer.name
            ),
        );
    }
    out.0
}

fn people_en(n: u32) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// Where the worker's union applications stand (`/membership`), newest first.
pub fn applications(list: &[ApplicationView], today: NaiveDate) -> Vec<Text> {
    let mut out = Sentences::default();
    if list.is_empty() {
        out.say(
            "您还没有入会申请。".into(),
            "You have no applications to join.".into(),
        );
    }
    for a in list {
        let kind = a.kind.label();
        let status = a.status.label();
        let on = date(crate::time::local_date(a.submitted_at), today);
        out.say(
            format!(
                "您{}向{}提交的{}:{}。",
                on.zh, a.union.name, kind.zh, status.zh
            ),
            format!(
                "Your {}, to {}, sent on {}: {}.",
                kind.en.to_lowercase(),
                a.union.name,
                on.en,
                status.en.to_lowercase()
            ),
        );
        match (a.status, &a.rejection_reason) {
            (ApplicationStatus::Rejected, Some(r)) => {
                out.say(format!("原因:{r}。"), format!("Reason: {r}."))
            }
            (ApplicationStatus::Pending, _) => out.say(
                "工会干事审核后会发短信告诉您。".into(),
                "Union staff will review it and tell you by SMS.".into(),
            ),
            _ => {}
        }
    }
    out.0
}

/// The worker's sign-up for a course (`/training/{id}`): where it stands,
/// attendance, the outcome.
pub fn enrolment(c: &Course, e: &Enrolment, today: NaiveDate) -> Vec<Text> {
    let mut out = Sentences::default();
    let (from, to) = (date(c.starts_on, today), date(c.ends_on, today));
    out.say(
        format!("{},{}到{}。", c.title, from.zh, to.zh),
        format!("{}, {} to {}.", c.title, from.en, to.en),
    );
    match (e.status, e.waitlist_position) {
        (EnrolmentStatus::Waitlisted, Some(n)) => out.say(
            format!("您在候补名单第{n}位,有人取消就按顺序递补,递补上会发短信告诉您。"),
            format!(
                "You are number {n} on the waitlist; if you get a place you will be told by SMS."
            ),
        ),
        (status, _) => {
            let st = status.label();
            out.say(
                format!("您的报名:{}。", st.zh),
                format!("Your sign-up: {}.", st.en.to_lowercase()),
            )
        }
    }
    out.say(
        format!(
            "已签到{}次,{}课时,共{}课时。",
            e.attended_sessions, e.attended_hours, e.total_hours
        ),
        format!(
            "Checked in {} times: {} of {} hours.",
            e.attended_sessions, e.attended_hours, e.total_hours
        ),
    );
    if e.outcome != Outcome::Pending {
        let o = e.outcome.label();
        out.say(format!("考核:{}。", o.zh), format!("Assessment: {}.", o.en));
    }
    if e.certificate_serial.is_some() {
        out.say(
            "结业证书已经发给您,在“我的证书”里。".into(),
            "Your certificate is under “My certificates”.".into(),
        );
    }
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn money_is_said_in_yuan() {
        assert_eq!(yuan(35_000).zh, "350元");
        assert_eq!(yuan(35_050).zh, "350元5角");
        assert_eq!(yuan(35_005).zh, "350元零5分");
        assert_eq!(yuan(35_055).zh, "350元5角5分");
        assert_eq!(yuan(5).zh, "0元零5分");
        assert_eq!(yuan(-120).zh, "负1元2角");
        assert_eq!(yuan(35_000).en, "350 yuan");
        assert_eq!(yuan(35_050).en, "350 yuan 50 fen");
        // Never the fen figure itself.
        assert!(!yuan(35_000).zh.contains("35000"));
    }

    #[test]
    fn wages_are_said_per_unit() {
        let w = wage(30_000, 35_000, WageUnit::Day);
        assert_eq!(w.zh, "每天300到350元");
        assert_eq!(w.en, "300 to 350 yuan a day");
        assert_eq!(wage(2_550, 2_550, WageUnit::Hour).zh, "每小时25元5角");
        assert_eq!(wage(50, 80, WageUnit::Piece).zh, "每件0元5角到0元8角");
        assert_eq!(
            wage(780_000, 780_000, WageUnit::Month).en,
            "7800 yuan a month"
        );
    }

    #[test]
    fn dates_are_said_as_people_say_them() {
        let today = d(2025, 11, 20);
        assert_eq!(date(d(2025, 12, 1), today).zh, "12月1日");
        assert_eq!(date(d(2025, 12, 1), today).en, "1 December");
        assert_eq!(date(d(2026, 1, 5), today).zh, "2026年1月5日");
        assert_eq!(date(d(2026, 1, 5), today).en, "5 January 2026");
        assert!(!date(d(2025, 12, 1), today).zh.contains('-'));
    }

    #[test]
    fn hours_read_with_words() {
        let h = spoken_hours(Text::new("08:00–20:00", "08:00–20:00"));
        assert_eq!(h.zh, "8:00到20:00");
        assert_eq!(h.en, "8:00 to 20:00");
        assert_eq!(
            spoken_hours(Text::new("22:00–次日06:00", "")).zh,
            "22:00到次日6:00"
        );
        assert_eq!(
            spoken_hours(Text::new("10:05–20:00", "")).zh,
            "10:05到20:00"
        );
    }

    #[test]
    fn distances_round_to_what_helps() {
        assert_eq!(distance_zh(350), "350米");
        assert_eq!(distance_zh(2_600), "3公里");
        assert_eq!(distance_en(1_200), "1 kilometre");
        assert_eq!(distance_en(2_600), "3 kilometres");
    }

    fn hefei_station() -> StationSummary {
        use crate::stations::{Amenity, Schedule, Span, StationType};
        StationSummary {
            id: 1,
            name: "瑶海区工会驿站".into(),
            station_type: StationType::UnionStation,
            union_name: "瑶海区总工会".into(),
            district: "瑶海区".into(),
            address: "长江东路1号".into(),
            lat: 31.86,
            lng: 117.31,
            phone: Some("0551-1234567".into()),
            amenities: vec![Amenity::DrinkingWater, Amenity::Toilet],
            status: StationStatus::Active,
            schedule: Schedule::every_day(Span::parse("08:00-20:00").unwrap()),
            open_now: true,
            distance_m: Some(350),
        }
    }

    #[test]
    fn a_station_says_its_name_and_whether_it_is_open() {
        let s = hefei_station();
        let at = |h| d(2025, 12, 1).and_hms_opt(h, 0, 0).unwrap();
        let zh: Vec<_> = station(&s, Some("合肥市"), at(10))
            .into_iter()
            .map(|t| t.zh.into_owned())
            .collect();
        assert_eq!(zh[0], "瑶海区工会驿站,工会驿站。");
        assert_eq!(zh[1], "现在开放。今天8:00到20:00。");
        assert!(
            zh[2].starts_with("这里有:") && zh[2].contains('、'),
            "{}",
            zh[2]
        );
        assert_eq!(zh[3], "地址:合肥市瑶海区长江东路1号。");
        assert_eq!(zh[4], "离您大约350米。");
        let night = station(&s, None, at(22));
        assert!(night[1].zh.starts_with("现在没有开放"));
        assert!(night[1].en.starts_with("Closed now"));
    }

    #[test]
    fn a_job_says_its_wage_in_yuan_and_its_start_as_a_date() {
        use crate::jobs::{EmployerRef, EmployerStatus, JobSummary, Settlement};
        use crate::trades::Trade;
        let j = Job {
            summary: JobSummary {
                id: 1,
                title: "招木工5名".into(),
                trades: vec![Trade::Carpenter],
                wage_min_fen: 30_000,
                wage_max_fen: 35_000,
                wage_unit: WageUnit::Day,
                settlement: Settlement::Daily,
                headcount: 5,
                district: "蜀山区".into(),
                lat: 31.82,
                lng: 117.22,
                starts_on: d(2025, 12, 1),
                ends_on: None,
                board: true,
                lodging: false,
                employer: EmployerRef {
                    id: 1,
                    name: "合肥某建筑劳务公司".into(),
                    status: EmployerStatus::Verified,
                },
                status: JobStatus::Live,
                valid_until: d(2025, 12, 30),
                posted_at: "2025-11-20T01:00:00Z".into(),
                distance_m: None,
            },
            description: String::new(),
            working_hours: String::new(),
            contact: serde_json::from_str(r#"{"name":"王师傅"}"#).unwrap(),
            hires: 0,
            my_application: None,
        };
        let all: String = job(&j, d(2025, 11, 20))
            .iter()
            .map(|t| t.zh.as_ref())
            .collect();
        assert!(all.starts_with("招木工5名。"), "{all}");
        assert!(all.contains("工资每天300到350元,日结。"), "{all}");
        assert!(all.contains("12月1日开工。"), "{all}");
        assert!(all.contains("包吃,不包住。"), "{all}");
        assert!(
            !all.contains("30000") && !all.contains("2025-12-01"),
            "{all}"
        );
        let en: String = job(&j, d(2025, 11, 20))
            .iter()
            .map(|t| t.en.as_ref())
            .collect();
        assert!(
            en.contains("Pay: 300 to 350 yuan a day, paid daily."),
            "{en}"
        );
        assert!(en.contains("Starts on 1 December."), "{en}");
    }

    #[test]
    fn an_application_says_where_it_stands() {
        let view: ApplicationView = serde_json::from_value(serde_json::json!({
            "id": 1,
            "kind": "enrolment",
            "union": {
                "id": 2, "code": "AH-HF-YH", "name": "瑶海区总工会", "level": "district",
                "kind": "federation", "status": "open", "join_code": "yh"
            },
            "status": "rejected",
            "submitted_at": "2025-11-30T17:00:00Z",
            "rejection_reason": "身份证号和姓名对不上",
            "id_number_masked": "3401**********1234"
        }))
        .unwrap();
        let said = applications(&[view], d(2025, 12, 3));
        // 17:00 UTC on 30 November is 1 December in Shanghai.
        assert_eq!(said[0].zh, "您12月1日向瑶海区总工会提交的入会申请:没通过。");
        assert_eq!(said[1].zh, "原因:身份证号和姓名对不上。");
        assert_eq!(
            said[0].en,
            "Your application to join, to 瑶海区总工会, sent on 1 December: not approved."
        );
    }
}
