//! A course (培训班) or a skills competition (技能竞赛) in one frame: trade
//! and level, places, sessions, the organising union, the sign-up window, who
//! may join and the fee. A competition has one session (its event date) and
//! ends in a rank instead of pass or fail.

use super::session::{SessionInput, SessionPlace, ValidSession};
use super::{finish, text_field};
use crate::error::FieldErrors;
use crate::geo::LatLng;
use crate::lang::Text;
use crate::money;
use crate::trades::Trade;
use crate::unions::UnionRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 30;
pub const MAX_DESCRIPTION: usize = 500;
pub const MAX_PLACES: u32 = 1000;
pub const MAX_SESSIONS: usize = 60;
/// A subsidised fee is at most ¥10,000.
pub const MAX_FEE_FEN: i64 = 1_000_000;
/// The 课时达标率 a course asks unless staff choose otherwise.
pub const DEFAULT_PASS_PERCENT: u8 = 80;
pub const MIN_PASS_PERCENT: u8 = 50;

crate::vocabulary! {
    /// A course, or a competition in the same frame.
    pub enum CourseKind {
        Course = "course", "培训班", "Course";
        Competition = "competition", "技能竞赛", "Skills competition";
    }
}

crate::vocabulary! {
    /// The national vocational skill grade (职业技能等级) a course prepares for.
    pub enum SkillLevel {
        Basic = "basic", "入门(不定级)", "Basic (no grade)";
        Level5 = "level_5", "五级/初级工", "Grade 5 (junior)";
        Level4 = "level_4", "四级/中级工", "Grade 4 (intermediate)";
        Level3 = "level_3", "三级/高级工", "Grade 3 (senior)";
        Level2 = "level_2", "二级/技师", "Grade 2 (technician)";
        Level1 = "level_1", "一级/高级技师", "Grade 1 (senior technician)";
    }
}

crate::vocabulary! {
    /// Who may sign up.
    pub enum Eligibility {
        /// Active members of the organising union or a union below it.
        MembersOnly = "members_only", "仅限本工会会员", "Members of this union only";
        Open = "open", "所有劳动者都可报名", "Open to every worker";
    }
}

/// A course or competition as staff enter it (create, and edit with the same form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CourseInput {
    pub kind: CourseKind,
    /// The organising union, in the caller's subtree.
    pub union_id: i64,
    /// 2–30 characters, e.g. 家政服务; the certificate is named after it (家政服务结业证书).
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub title: String,
    pub trade: Trade,
    pub level: SkillLevel,
    /// 1–1000; further sign-ups join the waitlist.
    pub places: u32,
    /// Asia/Shanghai dates, both included.
    pub signup_opens_on: NaiveDate,
    pub signup_closes_on: NaiveDate,
    pub eligibility: Eligibility,
    /// What a trainee pays, in fen: 0 is free, more is a subsidised fee (at most ¥10,000).
    pub fee_fen: i64,
    /// 课时达标率 needed to pass, 50–100 (courses; a competition ignores it).
    #[serde(default = "default_pass_percent")]
    pub pass_percent: u8,
    /// 0–500 characters: what is taught, what to bring.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub description: String,
    /// A course: 1–60 sessions. A competition: exactly one, the event.
    pub sessions: Vec<SessionInput>,
}

fn default_pass_percent() -> u8 {
    DEFAULT_PASS_PERCENT
}

/// A checked course: text trimmed, sessions in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCourse {
    pub input: CourseInput,
    pub sessions: Vec<ValidSession>,
}

impl ValidCourse {
    /// The course's 课时: the sum of its sessions'.
    pub fn hours(&self) -> u32 {
        self.sessions.iter().map(|s| u32::from(s.hours)).sum()
    }
    pub fn starts_on(&self) -> NaiveDate {
        self.sessions.first().map(|s| s.date).unwrap_or_default()
    }
    pub fn ends_on(&self) -> NaiveDate {
        self.sessions.last().map(|s| s.date).unwrap_or_default()
    }
    /// Where "courses near me" measures from: the first session given by address with a position.
    pub fn address_position(&self) -> Option<LatLng> {
        self.sessions.iter().find_map(|s| match &s.place {
            SessionPlace::Address { position, .. } => *position,
            SessionPlace::Station { .. } => None,
        })
    }
    /// Ids of the stations the sessions use (the Worker checks they exist).
    pub fn station_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .sessions
            .iter()
            .filter_map(|s| match s.place {
                SessionPlace::Station { station_id } => Some(station_id),
                SessionPlace::Address { .. } => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl CourseInput {
    /// Checks the course against `today` (Asia/Shanghai).
    pub fn validate(&self, today: NaiveDate) -> Result<ValidCourse, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = text_field(&mut errors, "title", &self.title, 2, MAX_TITLE);
        let description = text_field(
            &mut errors,
            "description",
            &self.description,
            0,
            MAX_DESCRIPTION,
        );
        if self.places == 0 || self.places > MAX_PLACES {
            errors.add("places", crate::error::why::out_of_range(1, MAX_PLACES));
        }
        if !(0..=MAX_FEE_FEN).contains(&self.fee_fen) {
            errors.add(
                "fee_fen",
                Text::owned(
                    format!("费用应在0(免费)到{}之间", money::yuan(MAX_FEE_FEN)),
                    format!(
                        "The fee must be 0 (free) to {}",
                        money::yuan_sign(MAX_FEE_FEN)
                    ),
                ),
            );
        }
        if self.kind == CourseKind::Course && !(MIN_PASS_PERCENT..=100).contains(&self.pass_percent)
        {
            errors.add(
                "pass_percent",
                crate::error::why::out_of_range(MIN_PASS_PERCENT, 100),
            );
        }
        if self.signup_closes_on < self.signup_opens_on {
            errors.add(
                "signup_closes_on",
                Text::new(
                    "报名截止不能早于报名开始",
                    "Sign-up cannot close before it opens",
                ),
            );
        }
        let count = self.sessions.len();
        match self.kind {
            CourseKind::Course if count == 0 || count > MAX_SESSIONS => errors.add(
                "sessions",
                Text::owned(
                    format!("培训班要排1到{MAX_SESSIONS}次课"),
                    format!("A course has 1 to {MAX_SESSIONS} sessions"),
                ),
            ),
            CourseKind::Competition if count != 1 => errors.add(
                "sessions",
                Text::new(
                    "技能竞赛只有一个比赛日",
                    "A competition has exactly one event date",
                ),
            ),
            _ => {}
        }
        let mut sessions: Vec<ValidSession> = self
            .sessions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.validate(&mut errors, &format!("sessions[{i}]"), today))
            .collect();
        sessions.sort_by_key(|s| (s.date, s.starts_min));
        if let Some(first) = sessions.first() {
            if self.signup_closes_on > first.date {
                errors.add(
                    "signup_closes_on",
                    Text::new(
                        "报名最晚在第一次课当天截止",
                        "Sign-up must close by the day of the first session",
                    ),
                );
            }
        }
        let mut ids: Vec<i64> = self.sessions.iter().filter_map(|s| s.id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            errors.add(
                "sessions",
                Text::new("同一次课出现了两遍", "A session is listed twice"),
            );
        }
        finish(
            errors,
            ValidCourse {
                input: CourseInput {
                    title,
                    description,
                    ..self.clone()
                },
                sessions,
            },
        )
    }
}

/// What the fee line says: 免费, or 补贴后每人 ¥120.
pub fn fee_text(fee_fen: i64) -> Text {
    if fee_fen == 0 {
        Text::new("免费", "Free")
    } else {
        Text::owned(
            format!("补贴后每人{}", money::yuan(fee_fen)),
            format!("{} per person after subsidy", money::yuan_sign(fee_fen)),
        )
    }
}

crate::vocabulary! {
    /// Where the sign-up window stands today.
    pub enum SignupWindow {
        NotYet = "not_yet", "还没开始报名", "Sign-up has not opened yet";
        Open = "open", "正在报名", "Sign-up is open";
        Closed = "closed", "报名已截止", "Sign-up has closed";
    }
}

pub fn signup_window(opens_on: NaiveDate, closes_on: NaiveDate, today: NaiveDate) -> SignupWindow {
    if today < opens_on {
        SignupWindow::NotYet
    } else if today > closes_on {
        SignupWindow::Closed
    } else {
        SignupWindow::Open
    }
}

/// A session as everyone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CourseSession {
    pub id: i64,
    /// Asia/Shanghai date and clock times.
    pub date: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub hours: u8,
    /// As entered (round-trips into the edit form).
    pub place: SessionPlace,
    /// What to show: the station's name and address, or the address.
    pub place_name: String,
    /// WGS-84, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<LatLng>,
}

/// A course or competition with its sessions and how full it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Course {
    pub id: i64,
    pub kind: CourseKind,
    pub title: String,
    pub trade: Trade,
    pub level: SkillLevel,
    /// The organiser (主办).
    pub union: UnionRef,
    pub places: u32,
    pub enrolled: u32,
    pub waitlisted: u32,
    pub places_left: u32,
    pub signup_opens_on: NaiveDate,
    pub signup_closes_on: NaiveDate,
    pub signup: SignupWindow,
    pub eligibility: Eligibility,
    pub fee_fen: i64,
    pub pass_percent: u8,
    pub description: String,
    /// The sum of the sessions' 课时.
    pub hours: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub sessions: Vec<CourseSession>,
    /// Metres from the position asked about, when both are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

impl Course {
    /// The certificate's name: 家政服务结业证书, or for a competition 第3名.
    pub fn certificate_name(&self, rank: Option<u32>) -> String {
        certificate_name(self.kind, &self.title, rank)
    }
}

/// `家政服务` → `家政服务结业证书`; a competition's: `花饽饽制作技能竞赛第3名`.
pub fn certificate_name(kind: CourseKind, title: &str, rank: Option<u32>) -> String {
    let title = title.trim();
    match kind {
        CourseKind::Course if title.ends_with("结业证书") => title.to_string(),
        CourseKind::Course => format!("{title}结业证书"),
        CourseKind::Competition => match rank {
            Some(r) => format!("{title}第{r}名"),
            None => title.to_string(),
        },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::session::tests::{d, session};
    use super::*;

    pub fn course() -> CourseInput {
        CourseInput {
            kind: CourseKind::Course,
            union_id: 3,
            title: " 家政服务 ".into(),
            trade: Trade::DomesticWorker,
            level: SkillLevel::Level5,
            places: 30,
            signup_opens_on: d("2025-03-20"),
            signup_closes_on: d("2025-03-31"),
            eligibility: Eligibility::Open,
            fee_fen: 0,
            pass_percent: 80,
            description: "四天,理论加实操".into(),
            sessions: vec![
                session("2025-04-02", "09:00", "17:00", 8),
                session("2025-04-01", "09:00", "17:00", 8),
            ],
        }
    }

    #[test]
    fn a_course_is_trimmed_sorted_and_counts_its_hours() {
        let c = course().validate(d("2025-03-28")).unwrap();
        assert_eq!(c.input.title, "家政服务");
        assert_eq!(c.hours(), 16);
        assert_eq!(c.starts_on(), d("2025-04-01"));
        assert_eq!(c.ends_on(), d("2025-04-02"));
        assert_eq!(c.address_position(), Some(LatLng::new(31.869, 117.331)));
    }

    #[test]
    fn bad_courses_name_their_fields() {
        let bad = CourseInput {
            title: "家".into(),
            places: 0,
            fee_fen: -1,
            pass_percent: 30,
            signup_closes_on: d("2025-04-05"),
            description: "长".repeat(501),
            ..course()
        };
        let e = bad.validate(d("2025-03-28")).unwrap_err();
        for f in [
            "title",
            "places",
            "fee_fen",
            "pass_percent",
            "signup_closes_on",
            "description",
        ] {
            assert!(e.get(f).is_some(), "{f}: {e:?}");
        }
        let backwards = CourseInput {
            signup_opens_on: d("2025-04-01"),
            signup_closes_on: d("2025-03-30"),
            ..course()
        };
        assert!(backwards
            .validate(d("2025-03-28"))
            .unwrap_err()
            .get("signup_closes_on")
            .is_some());
        let none = CourseInput {
            sessions: vec![],
            ..course()
        };
        assert!(none
            .validate(d("2025-03-28"))
            .unwrap_err()
            .get("sessions")
            .is_some());
        let twice = CourseInput {
            sessions: vec![
                SessionInput {
                    id: Some(4),
                    ..session("2025-04-01", "09:00", "12:00", 3)
                },
                SessionInput {
                    id: Some(4),
                    ..session("2025-04-02", "09:00", "12:00", 3)
                },
            ],
            ..course()
        };
        assert!(twice
            .validate(d("2025-03-28"))
            .unwrap_err()
            .get("sessions")
            .is_some());
    }

    #[test]
    fn a_competition_has_one_event_date_and_no_hours_rule() {
        let one = CourseInput {
            kind: CourseKind::Competition,
            title: "花饽饽制作技能竞赛".into(),
            pass_percent: 0,
            sessions: vec![session("2025-04-01", "09:00", "12:00", 3)],
            ..course()
        };
        assert!(one.validate(d("2025-03-28")).is_ok());
        let two = CourseInput {
            sessions: course().sessions,
            ..one
        };
        assert!(two
            .validate(d("2025-03-28"))
            .unwrap_err()
            .get("sessions")
            .is_some());
    }

    #[test]
    fn the_window_and_fee_read_plainly() {
        let (o, c) = (d("2025-03-20"), d("2025-03-31"));
        assert_eq!(signup_window(o, c, d("2025-03-19")), SignupWindow::NotYet);
        assert_eq!(signup_window(o, c, d("2025-03-20")), SignupWindow::Open);
        assert_eq!(signup_window(o, c, d("2025-03-31")), SignupWindow::Open);
        assert_eq!(signup_window(o, c, d("2025-04-01")), SignupWindow::Closed);
        assert_eq!(fee_text(0).zh, "免费");
        assert_eq!(fee_text(12_000).zh, "补贴后每人120元");
    }

    #[test]
    fn certificates_are_named_after_the_course() {
        assert_eq!(
            certificate_name(CourseKind::Course, "家政服务", None),
            "家政服务结业证书"
        );
        assert_eq!(
            certificate_name(CourseKind::Course, "面点制作结业证书", None),
            "面点制作结业证书"
        );
        assert_eq!(
            certificate_name(CourseKind::Competition, "花饽饽制作技能竞赛", Some(3)),
            "花饽饽制作技能竞赛第3名"
        );
    }
}
