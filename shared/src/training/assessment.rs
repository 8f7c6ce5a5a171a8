//! Assessment at the end: a course's trainee passes or fails (passing needs
//! the hours met), a competition's entrant is given a rank. Who gets a
//! certificate follows from it.
//!
//! The rank is generic; what a rank earns depends on the contest. In the
//! national workers' skills contest the top 5 become 全国技术能手 and are
//! promoted to 技师, places 6–20 become 高级工 — shown as information only.

use super::attendance::{attendance_percent, hours_met};
use super::course::CourseKind;
use super::text_field;
use crate::error::FieldErrors;
use crate::lang::Text;
use serde::{Deserialize, Serialize};

pub const MAX_NOTE: usize = 200;

crate::vocabulary! {
    /// The outcome of a trainee or an entrant.
    #[derive(Default)]
    pub enum Outcome {
        #[default]
        Pending = "pending", "未考核", "Not assessed yet";
        Passed = "passed", "合格", "Passed";
        Failed = "failed", "不合格", "Failed";
        /// A competition's entrant with a rank.
        Placed = "placed", "获得名次", "Placed";
    }
}

/// `POST /api/admin/training/enrolments/{enrolment_id}/assessment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AssessmentInput {
    /// A course: `passed` or `failed` (`pending` takes an assessment back).
    /// A competition: `placed` with a rank, or `pending`.
    pub outcome: Outcome,
    /// A competition's rank, 1 = first.
    #[serde(default)]
    pub rank: Option<u32>,
    /// 0–200 characters, e.g. 实操考核 86 分.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: Option<String>,
}

/// What the Worker knows of the trainee when assessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub kind: CourseKind,
    pub attended_hours: u32,
    pub total_hours: u32,
    pub pass_percent: u8,
    pub attended_sessions: u32,
    /// Entrants holding a place (a rank cannot be beyond them).
    pub entrants: u32,
}

/// A checked assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub outcome: Outcome,
    pub rank: Option<u32>,
    pub note: Option<String>,
}

impl AssessmentInput {
    pub fn validate(&self, s: Standing) -> Result<Assessment, FieldErrors> {
        let mut errors = FieldErrors::new();
        let note = self
            .note
            .as_deref()
            .map(|n| text_field(&mut errors, "note", n, 0, MAX_NOTE))
            .filter(|n| !n.is_empty());
        let mut rank = None;
        match (s.kind, self.outcome) {
            (_, Outcome::Pending) => {}
            (CourseKind::Course, Outcome::Passed) => {
                if !hours_met(s.attended_hours, s.total_hours, s.pass_percent) {
                    errors.add(
                        "outcome",
                        Text::owned(
                            format!(
                                "课时达标率{}%,未达到{}%,不能评为合格",
                                attendance_percent(s.attended_hours, s.total_hours),
                                s.pass_percent
                            ),
                            format!(
                                "Attended {}% of the hours, below the {}% needed to pass",
                                attendance_percent(s.attended_hours, s.total_hours),
                                s.pass_percent
                            ),
                        ),
                    );
                }
            }
            (CourseKind::Course, Outcome::Failed) => {}
            (CourseKind::Competition, Outcome::Placed) => {
                if s.attended_sessions == 0 {
                    errors.add(
                        "outcome",
                        Text::new(
                            "没有签到参赛,不能给名次",
                            "No check-in at the event: no rank",
                        ),
                    );
                }
                match self.rank {
                    Some(r) if (1..=s.entrants.max(1)).contains(&r) => rank = Some(r),
                    _ => errors.add(
                        "rank",
                        crate::error::why::out_of_range(1, s.entrants.max(1)),
                    ),
                }
            }
            _ => errors.add(
                "outcome",
                match s.kind {
                    CourseKind::Course => {
                        Text::new("培训班评合格或不合格", "A course is passed or failed")
                    }
                    CourseKind::Competition => {
                        Text::new("技能竞赛评名次", "A competition gives a rank")
                    }
                },
            ),
        }
        if s.kind == CourseKind::Course && self.rank.is_some() {
            errors.add("rank", Text::new("培训班不排名次", "A course has no ranks"));
        }
        super::finish(
            errors,
            Assessment {
                outcome: self.outcome,
                rank,
                note,
            },
        )
    }
}

/// Whether a certificate is due: a course's trainee passed with the hours met,
/// or a competition's entrant was placed.
pub fn certificate_due(kind: CourseKind, outcome: Outcome, hours_met_now: bool) -> bool {
    match kind {
        CourseKind::Course => outcome == Outcome::Passed && hours_met_now,
        CourseKind::Competition => outcome == Outcome::Placed,
    }
}

/// What a rank earns in the national workers' skills contest (information only).
pub fn national_contest_reward(rank: u32) -> Option<Text> {
    match rank {
        1..=5 => Some(Text::new(
            "全国技术能手,晋升技师",
            "全国技术能手 (National Technical Expert), promoted to technician",
        )),
        6..=20 => Some(Text::new(
            "晋升高级工",
            "Promoted to senior worker (高级工)",
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(attended: u32) -> Standing {
        Standing {
            kind: CourseKind::Course,
            attended_hours: attended,
            total_hours: 32,
            pass_percent: 80,
            attended_sessions: attended / 8,
            entrants: 30,
        }
    }

    fn input(outcome: Outcome, rank: Option<u32>) -> AssessmentInput {
        AssessmentInput {
            outcome,
            rank,
            note: None,
        }
    }

    #[test]
    fn passing_needs_the_hours() {
        assert!(input(Outcome::Passed, None).validate(course(32)).is_ok());
        let e = input(Outcome::Passed, None)
            .validate(course(24))
            .unwrap_err();
        assert!(e.get("outcome").unwrap().zh.contains("75%"), "{e:?}");
        assert!(
            input(Outcome::Failed, None).validate(course(8)).is_ok(),
            "failing needs nothing"
        );
        assert!(
            input(Outcome::Pending, None).validate(course(0)).is_ok(),
            "taking it back"
        );
        assert!(input(Outcome::Placed, Some(1))
            .validate(course(32))
            .is_err());
        assert!(input(Outcome::Passed, Some(1))
            .validate(course(32))
            .unwrap_err()
            .get("rank")
            .is_some());
        let long = AssessmentInput {
            note: Some("好".repeat(201)),
            ..input(Outcome::Failed, None)
        };
        assert!(long.validate(course(0)).unwrap_err().get("note").is_some());
        let noted = AssessmentInput {
            note: Some("  实操 86 分 ".into()),
            ..input(Outcome::Passed, None)
        };
        assert_eq!(
            noted.validate(course(32)).unwrap().note.as_deref(),
            Some("实操 86 分")
        );
    }

    #[test]
    fn a_competition_gives_ranks_to_those_who_competed() {
        let entrant = Standing {
            kind: CourseKind::Competition,
            attended_hours: 3,
            total_hours: 3,
            pass_percent: 0,
            attended_sessions: 1,
            entrants: 12,
        };
        assert_eq!(
            input(Outcome::Placed, Some(3))
                .validate(entrant)
                .unwrap()
                .rank,
            Some(3)
        );
        assert!(input(Outcome::Placed, Some(13))
            .validate(entrant)
            .unwrap_err()
            .get("rank")
            .is_some());
        assert!(input(Outcome::Placed, None)
            .validate(entrant)
            .unwrap_err()
            .get("rank")
            .is_some());
        assert!(input(Outcome::Passed, None)
            .validate(entrant)
            .unwrap_err()
            .get("outcome")
            .is_some());
        let absent = Standing {
            attended_sessions: 0,
            ..entrant
        };
        assert!(input(Outcome::Placed, Some(1))
            .validate(absent)
            .unwrap_err()
            .get("outcome")
            .is_some());
    }

    #[test]
    fn who_gets_a_certificate() {
        assert!(certificate_due(CourseKind::Course, Outcome::Passed, true));
        assert!(
            !certificate_due(CourseKind::Course, Outcome::Passed, false),
            "hours changed since"
        );
        assert!(!certificate_due(CourseKind::Course, Outcome::Failed, true));
        assert!(!certificate_due(CourseKind::Course, Outcome::Pending, true));
        assert!(certificate_due(
            CourseKind::Competition,
            Outcome::Placed,
            false
        ));
        assert!(!certificate_due(
            CourseKind::Competition,
            Outcome::Pending,
            true
        ));
    }

    #[test]
    fn the_national_contest_rewards_are_information() {
        assert!(national_contest_reward(1).unwrap().zh.contains("技师"));
        assert!(national_contest_reward(5)
            .unwrap()
            .zh
            .contains("全国技术能手"));
        assert_eq!(national_contest_reward(6).unwrap().zh, "晋升高级工");
        assert!(national_contest_reward(20).is_some());
        assert_eq!(national_contest_reward(21), None);
        assert_eq!(national_contest_reward(0), None);
    }
}
