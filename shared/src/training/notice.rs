//! The texts (SMS) a trainee gets: "you have a place now" when promoted from
//! the waitlist, and the reminder the day before each session. The Worker
//! sends them through the account's SMS provider; an approved provider
//! template takes the same three variables.

use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// Which text.
    pub enum NoticeKind {
        Promoted = "promoted", "候补转正通知", "Promoted from the waitlist";
        Reminder = "reminder", "上课提醒", "Session reminder";
    }
}

/// What fills a text: the course, when (`4月1日 09:00`) and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeFacts {
    pub course: String,
    pub when: String,
    pub place: String,
}

/// `4月1日 09:00` from a Shanghai date and clock.
pub fn when_text(date: chrono::NaiveDate, clock: &str) -> String {
    use chrono::Datelike;
    format!("{}月{}日 {clock}", date.month(), date.day())
}

/// Long names are cut so a text stays one SMS.
fn short(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

impl NoticeFacts {
    /// The template variables, each short enough for an SMS template.
    pub fn params(&self) -> serde_json::Value {
        serde_json::json!({
            "course": short(&self.course, 20),
            "time": short(&self.when, 20),
            "place": short(&self.place, 30),
        })
    }

    /// The whole text, as a console provider prints it.
    pub fn text(&self, kind: NoticeKind) -> String {
        let (c, t, p) = (
            short(&self.course, 20),
            short(&self.when, 20),
            short(&self.place, 30),
        );
        match kind {
            NoticeKind::Promoted => {
                format!("【工友驿站】好消息:您已从候补转为正式学员——{c}。第一次课:{t},{p}。不能来请在工友驿站里取消,把名额让给别人。")
            }
            NoticeKind::Reminder => {
                format!("【工友驿站】上课提醒:{c},{t},地点:{p}。到场后扫码签到。")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_name_the_course_time_and_place() {
        let f = NoticeFacts {
            course: "家政服务".into(),
            when: when_text("2025-04-01".parse().unwrap(), "09:00"),
            place: "河东区工友创业园培训教室".into(),
        };
        assert_eq!(f.when, "4月1日 09:00");
        let t = f.text(NoticeKind::Promoted);
        assert!(
            t.contains("家政服务")
                && t.contains("4月1日 09:00")
                && t.contains("河东区工友创业园培训教室"),
            "{t}"
        );
        assert!(f
            .text(NoticeKind::Reminder)
            .starts_with("【工友驿站】上课提醒:家政服务"));
        let long = NoticeFacts {
            place: "很".repeat(40),
            ..f
        };
        assert_eq!(long.params()["place"].as_str().unwrap().chars().count(), 31);
        assert!(!long.text(NoticeKind::Reminder).contains(&"很".repeat(31)));
    }
}
