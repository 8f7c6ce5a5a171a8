//! Opening hours: a weekly schedule of spans (24-hour days and spans past
//! midnight included) and dated closures. Evaluated in Asia/Shanghai.
//!
//! JSON form, also the D1 column: `{"weekly": [["08:00-20:00"], …7 days from
//! Monday…], "closures": [{"from": "2025-01-28", "to": "2025-02-04", "reason": "春节"}]}`.
//! A span `22:00-06:00` starts on its own day and ends the next morning; `00:00-24:00` is all day.

use crate::error::{why, FieldErrors};
use crate::lang::{Lang, Text};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

/// Minutes from midnight; `close <= open` means it closes the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub open: u16,
    pub close: u16,
}

impl Span {
    pub const ALL_DAY: Span = Span {
        open: 0,
        close: 1440,
    };

    pub fn crosses_midnight(self) -> bool {
        self.close <= self.open
    }

    pub fn parse(s: &str) -> Option<Span> {
        let (a, b) = s.trim().split_once(['-', '–', '~', '至'])?;
        let minutes = |t: &str| -> Option<u16> {
            let (h, m) = t.trim().split_once([':', '：']).unwrap_or((t.trim(), "0"));
            let (h, m): (u16, u16) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
            (h <= 24 && m < 60 && (h < 24 || m == 0)).then_some(h * 60 + m)
        };
        let (open, close) = (minutes(a)?, minutes(b)?);
        (open < 1440 && open != close).then_some(Span { open, close })
    }

    fn hhmm(m: u16) -> String {
        format!("{:02}:{:02}", m / 60, m % 60)
    }

    pub fn to_text(self) -> String {
        format!("{}-{}", Self::hhmm(self.open), Self::hhmm(self.close))
    }

    /// Minutes of the day this span covers on its own day: [open, end).
    fn own_day_end(self) -> u16 {
        if self.crosses_midnight() {
            1440
        } else {
            self.close
        }
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Span::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a span like 08:00-20:00: {s}")))
    }
}

#[cfg(feature = "openapi")]
impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "maxLength": 11, "pattern": "^\\d{2}:\\d{2}-\\d{2}:\\d{2}$", "description": "HH:MM-HH:MM; a close at or before the open runs past midnight; 00:00-24:00 is all day"})
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Closure {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Schedule {
    /// Seven days from Monday; each day's spans in order.
    pub weekly: [Vec<Span>; 7],
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<Closure>,
}

impl Schedule {
    pub fn every_day(span: Span) -> Schedule {
        Schedule {
            weekly: std::array::from_fn(|_| vec![span]),
            closures: Vec::new(),
        }
    }

    pub fn always() -> Schedule {
        Self::every_day(Span::ALL_DAY)
    }

    fn day(&self, date: NaiveDate) -> &[Span] {
        &self.weekly[date.weekday().num_days_from_monday() as usize]
    }

    pub fn closed_on(&self, date: NaiveDate) -> Option<&Closure> {
        self.closures
            .iter()
            .find(|c| c.from <= date && date <= c.to)
    }

    /// Open at this Asia/Shanghai wall-clock time?
    pub fn is_open(&self, at: NaiveDateTime) -> bool {
        let date = at.date();
        let minute = (at.hour() * 60 + at.minute()) as u16;
        let today = self.closed_on(date).is_none()
            && self
                .day(date)
                .iter()
                .any(|s| s.open <= minute && minute < s.own_day_end());
        let yesterday = date.pred_opt().is_some_and(|y| {
            self.closed_on(y).is_none()
                && self
                    .day(y)
                    .iter()
                    .any(|s| s.crosses_midnight() && minute < s.close)
        });
        today || yesterday
    }

    /// "08:00–20:00", "24小时", "22:00–次日06:00", "今天休息", or the closure's reason.
    pub fn hours_on(&self, date: NaiveDate) -> Text {
        if let Some(c) = self.closed_on(date) {
            let reason = c.reason.clone().unwrap_or_default();
            return Text::owned(
                format!("暂停开放 {reason}").trim().to_string(),
                format!("Closed {reason}").trim().to_string(),
            );
        }
        let spans = self.day(date);
        if spans.is_empty() {
            return Text::new("休息", "Closed");
        }
        if spans.iter().any(|s| s.open == 0 && s.close == 1440) {
            return Text::new("24小时", "24 hours");
        }
        let part = |s: &Span, lang: Lang| {
            let close = if s.crosses_midnight() {
                match lang {
                    Lang::ZhCn => format!("次日{}", Span::hhmm(s.close)),
                    Lang::En => format!("{} next day", Span::hhmm(s.close)),
                }
            } else {
                Span::hhmm(s.close)
            };
            format!("{}–{close}", Span::hhmm(s.open))
        };
        let join = |lang: Lang| {
            spans
                .iter()
                .map(|s| part(s, lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Text::owned(join(Lang::ZhCn), join(Lang::En))
    }

    /// Open at some point of every day, always?
    pub fn is_24_hours(&self) -> bool {
        self.closures.is_empty()
            && self
                .weekly
                .iter()
                .all(|d| d.iter().any(|s| s.open == 0 && s.close == 1440))
    }

    pub fn validate(&self, field: &str, errors: &mut FieldErrors) {
        for (i, spans) in self.weekly.iter().enumerate() {
            let mut sorted = spans.clone();
            sorted.sort_by_key(|s| s.open);
            let overlaps = sorted.windows(2).any(|w| w[1].open < w[0].own_day_end());
            if overlaps {
                errors.add(
                    format!("{field}.weekly.{i}"),
                    Text::new(
                        "同一天的时间段不能重叠",
                        "Opening spans of one day must not overlap",
                    ),
                );
            }
            if spans.len() > 4 {
                errors.add(
                    format!("{field}.weekly.{i}"),
                    Text::new("一天最多4个时间段", "At most 4 spans a day"),
                );
            }
        }
        for (i, c) in self.closures.iter().enumerate() {
            if c.to < c.from {
                errors.add(
                    format!("{field}.closures.{i}"),
                    Text::new(
                        "结束日期不能早于开始日期",
                        "The end date cannot be before the start",
                    ),
                );
            }
            if c.reason.as_ref().is_some_and(|r| r.chars().count() > 40) {
                errors.add(format!("{field}.closures.{i}"), why::too_long(40));
            }
        }
        if self.closures.len() > 20 {
            errors.add(
                format!("{field}.closures"),
                Text::new(
                    "暂停开放的日期段太多(最多20段)",
                    "Too many closures (at most 20)",
                ),
            );
        }
    }

    /// Reads the compact text people write in spreadsheets: `24小时`, `每天 08:00-20:00`,
    /// `周一至周五 08:00-18:00; 周六 09:00-12:00`, or in English `24h`, `daily 08:00-20:00`,
    /// `mon-fri 08:00-18:00; sat 09:00-12:00`. Days not named are closed.
    pub fn parse_text(text: &str) -> Option<Schedule> {
        let t = text.trim();
        if matches!(
            t.to_lowercase().as_str(),
            "24小时" | "24h" | "24 hours" | "全天" | "全天24小时"
        ) {
            return Some(Schedule::always());
        }
        let mut s = Schedule::default();
        for part in t
            .split([';', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (days, spans) = match part.find(|c: char| c.is_ascii_digit()) {
                Some(i) => (part[..i].trim(), part[i..].trim()),
                None => return None,
            };
            let days = parse_days(days)?;
            let spans: Option<Vec<Span>> = spans
                .split([',', ',', '、', ' '])
                .filter(|x| !x.trim().is_empty())
                .map(Span::parse)
                .collect();
            for d in days {
                s.weekly[d].extend(spans.clone()?);
            }
        }
        s.weekly.iter().any(|d| !d.is_empty()).then_some(s)
    }
}

impl Closure {
    /// One line per closure, as staff type it: `2025-01-28 至 2025-02-04 春节`
    /// (or `2025-01-28 - 2025-02-04 Spring Festival`; the reason is optional).
    pub fn parse_line(line: &str) -> Option<Closure> {
        let mut words = line.split_whitespace();
        let from: NaiveDate = words.next()?.parse().ok()?;
        let mut next = words.next();
        if matches!(next, Some("至" | "-" | "–" | "to")) {
            next = words.next();
        }
        let to: NaiveDate = match next {
            Some(w) => w.parse().ok()?,
            None => from,
        };
        let reason = words.collect::<Vec<_>>().join(" ");
        Some(Closure {
            from,
            to,
            reason: Some(reason).filter(|r| !r.is_empty()),
        })
    }

    pub fn to_line(&self) -> String {
        let mut s = format!("{} 至 {}", self.from, self.to);
        if let Some(r) = &self.reason {
            s.push(' ');
            s.push_str(r);
        }
        s
    }
}

const ZH_DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const EN_DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn day_index(s: &str) -> Option<usize> {
    let s = s
        .trim()
        .trim_start_matches("周")
        .trim_start_matches("星期")
        .to_lowercase();
    if s == "天" {
        return Some(6);
    }
    ZH_DAYS
        .iter()
        .position(|d| *d == s)
        .or_else(|| EN_DAYS.iter().position(|d| s.starts_with(d)))
}

fn parse_days(s: &str) -> Option<Vec<usize>> {
    let s = s.trim();
    if s.is_empty()
        || matches!(
            s.to_lowercase().as_str(),
            "每天" | "daily" | "every day" | "周一至周日"
        )
    {
        return Some((0..7).collect());
    }
    let mut out = Vec::new();
    for piece in s.split([',', ',', '、']) {
        match piece.split_once(['至', '-', '–', '~']) {
            Some((a, b)) => {
                let (a, b) = (day_index(a)?, day_index(b)?);
                if a > b {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(day_index(piece)?),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn regular_hours() {
        let s = Schedule::every_day(Span::parse("08:00-20:00").unwrap());
        assert!(!s.is_open(at("2025-03-28", "07:59")));
        assert!(s.is_open(at("2025-03-28", "08:00")));
        assert!(s.is_open(at("2025-03-28", "19:59")));
        assert!(!s.is_open(at("2025-03-28", "20:00")));
        assert_eq!(s.hours_on("2025-03-28".parse().unwrap()).zh, "08:00–20:00");
    }

    #[test]
    fn twenty_four_hours() {
        let s = Schedule::always();
        assert!(s.is_open(at("2025-03-28", "00:00")) && s.is_open(at("2025-03-28", "23:59")));
        assert!(s.is_24_hours());
        assert_eq!(s.hours_on("2025-03-28".parse().unwrap()).zh, "24小时");
    }

    #[test]
    fn spans_past_midnight_belong_to_the_day_they_start() {
        // Open Friday night 22:00 to Saturday 06:00 only (2025-03-28 is a Friday).
        let mut s = Schedule::default();
        s.weekly[4] = vec![Span::parse("22:00-06:00").unwrap()];
        assert!(!s.is_open(at("2025-03-28", "21:59")));
        assert!(s.is_open(at("2025-03-28", "23:30")));
        assert!(
            s.is_open(at("2025-03-29", "05:59")),
            "Saturday early morning"
        );
        assert!(!s.is_open(at("2025-03-29", "06:00")));
        assert!(
            !s.is_open(at("2025-03-29", "23:00")),
            "Saturday night is not scheduled"
        );
        assert_eq!(
            s.hours_on("2025-03-28".parse().unwrap()).zh,
            "22:00–次日06:00"
        );
        assert_eq!(
            s.hours_on("2025-03-28".parse().unwrap()).en,
            "22:00–06:00 next day"
        );
    }

    #[test]
    fn sunday_night_wraps_to_monday() {
        let mut s = Schedule::default();
        s.weekly[6] = vec![Span::parse("20:00-02:00").unwrap()];
        // 2025-03-30 is a Sunday, 2025-03-31 a Monday.
        assert!(s.is_open(at("2025-03-31", "01:00")));
        assert!(!s.is_open(at("2025-03-31", "03:00")));
    }

    #[test]
    fn dated_closures_win() {
        let mut s = Schedule::always();
        s.closures.push(Closure {
            from: "2025-01-28".parse().unwrap(),
            to: "2025-02-04".parse().unwrap(),
            reason: Some("春节".into()),
        });
        assert!(!s.is_open(at("2025-01-30", "12:00")));
        assert!(s.is_open(at("2025-02-05", "12:00")));
        assert_eq!(
            s.hours_on("2025-01-30".parse().unwrap()).zh,
            "暂停开放 春节"
        );
        // A night span starting on the last closed day does not open after midnight.
        let mut n = Schedule::every_day(Span::parse("22:00-06:00").unwrap());
        n.closures.push(Closure {
            from: "2025-02-04".parse().unwrap(),
            to: "2025-02-04".parse().unwrap(),
            reason: None,
        });
        assert!(!n.is_open(at("2025-02-05", "01:00")));
        assert!(n.is_open(at("2025-02-05", "23:00")));
    }

    #[test]
    fn json_round_trip() {
        let mut s = Schedule::every_day(Span::parse("08:00-20:00").unwrap());
        s.weekly[6].clear();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.starts_with("{\"weekly\":[[\"08:00-20:00\"]"));
        assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), s);
        assert!(serde_json::from_str::<Schedule>(
            "{\"weekly\":[[\"25:00-26:00\"],[],[],[],[],[],[]]}"
        )
        .is_err());
    }

    #[test]
    fn overlaps_are_rejected() {
        let mut s = Schedule::default();
        s.weekly[0] = vec![
            Span::parse("08:00-12:00").unwrap(),
            Span::parse("11:00-14:00").unwrap(),
        ];
        let mut e = FieldErrors::new();
        s.validate("schedule", &mut e);
        assert!(e.get("schedule.weekly.0").is_some());
    }

    #[test]
    fn closure_lines() {
        let c = Closure::parse_line("2025-01-28 至 2025-02-04 春节 放假").unwrap();
        assert_eq!(c.reason.as_deref(), Some("春节 放假"));
        assert_eq!(Closure::parse_line(&c.to_line()), Some(c));
        assert_eq!(
            Closure::parse_line("2025-05-01").unwrap().to,
            "2025-05-01".parse().unwrap()
        );
        assert_eq!(Closure::parse_line("next week"), None);
    }

    #[test]
    fn spreadsheet_text() {
        assert_eq!(Schedule::parse_text("24小时"), Some(Schedule::always()));
        assert_eq!(
            Schedule::parse_text("每天 08:00-20:00"),
            Some(Schedule::every_day(Span::parse("08:00-20:00").unwrap()))
        );
        let s = Schedule::parse_text("周一至周五 08:00-18:00; 周六 09:00-12:00").unwrap();
        assert_eq!(s.weekly[0], vec![Span::parse("08:00-18:00").unwrap()]);
        assert_eq!(s.weekly[5], vec![Span::parse("09:00-12:00").unwrap()]);
        assert!(s.weekly[6].is_empty());
        let e = Schedule::parse_text("mon-fri 08:00-18:00; sat 09:00-12:00").unwrap();
        assert_eq!(e, s);
        assert_eq!(
            Schedule::parse_text("daily 7:30-21:00").unwrap().weekly[3],
            vec![Span {
                open: 450,
                close: 1260
            }]
        );
        assert_eq!(Schedule::parse_text("sometimes"), None);
        assert_eq!(Schedule::parse_text("周八 08:00-18:00"), None);
    }
}
