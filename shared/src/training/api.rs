//! Envelopes, lists and queries of the training API, and the staff's roster
//! and attendance sheet.

use super::assessment::Outcome;
use super::attendance::AttendanceMethod;
use super::certificate::Certificate;
use super::course::{Course, CourseKind, CourseSession};
use super::signup::EnrolmentStatus;
use super::{finish, text_field};
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::geo::LatLng;
use crate::lang::Text;
use crate::query::Query;
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Courses near a worker: within this many km unless asked otherwise…
pub const DEFAULT_RADIUS_KM: u32 = 50;
/// …and at most this far.
pub const MAX_RADIUS_KM: u32 = 300;

/// `{"course": {...}}`, with the signed-in worker's own sign-up when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CourseEnvelope {
    pub course: Course,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_enrolment: Option<Enrolment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CourseList {
    pub courses: Vec<Course>,
    pub meta: ListMeta,
}

/// `GET /api/training/courses`: courses and competitions open for sign-up,
/// nearest first when a position is given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CoursesQuery {
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    /// 1–300, default 50 (with a position).
    pub radius_km: Option<u32>,
    /// A trade code.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub trade: Option<String>,
    /// `course` or `competition`.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub kind: Option<String>,
}

/// The checked `CoursesQuery`.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseSearch {
    pub at: Option<LatLng>,
    pub radius_km: u32,
    pub trade: Option<Trade>,
    pub kind: Option<CourseKind>,
}

impl CoursesQuery {
    pub fn read(q: &Query) -> Result<CourseSearch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let at = match (
            q.opt::<f64>("lat", &mut errors),
            q.opt::<f64>("lng", &mut errors),
        ) {
            (Some(lat), Some(lng)) => {
                let p = LatLng::new(lat, lng);
                if !p.is_valid() {
                    errors.add("lat", Text::new("坐标不正确", "Invalid coordinates"));
                }
                Some(p)
            }
            (None, None) => None,
            _ => {
                errors.add(
                    "lat",
                    Text::new("经度和纬度要一起提供", "Give lat and lng together"),
                );
                None
            }
        };
        let radius_km = q
            .opt::<u32>("radius_km", &mut errors)
            .unwrap_or(DEFAULT_RADIUS_KM);
        if !(1..=MAX_RADIUS_KM).contains(&radius_km) {
            errors.add("radius_km", why::out_of_range(1, MAX_RADIUS_KM));
        }
        let trade = choice(q, "trade", Trade::parse, &mut errors);
        let kind = choice(q, "kind", CourseKind::parse, &mut errors);
        finish(
            errors,
            CourseSearch {
                at,
                radius_km,
                trade,
                kind,
            },
        )
    }
}

fn choice<T>(
    q: &Query,
    name: &str,
    parse: fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Option<T> {
    let raw = q.str(name)?;
    let v = parse(raw);
    if v.is_none() {
        errors.add(name, why::not_a_choice());
    }
    v
}

/// `GET /api/admin/training/courses?union_id=&kind=&q=&cursor=&limit=`: newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AdminCoursesQuery {
    pub union_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub kind: Option<String>,
    /// 1–30 characters of the title.
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<u32>,
    /// Courses starting on or after this day (概览's "this week" link).
    pub starts_from: Option<NaiveDate>,
    /// Courses starting on or before this day.
    pub starts_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdminCourses {
    pub union_id: Option<i64>,
    pub kind: Option<CourseKind>,
    pub q: Option<String>,
    pub before_id: Option<i64>,
    pub limit: u32,
    pub starts_from: Option<NaiveDate>,
    pub starts_until: Option<NaiveDate>,
}

impl AdminCoursesQuery {
    pub fn read(q: &Query) -> Result<AdminCourses, FieldErrors> {
        let mut errors = FieldErrors::new();
        let union_id = q.opt("union_id", &mut errors);
        let kind = choice(q, "kind", CourseKind::parse, &mut errors);
        let text = q.str("q").map(|t| text_field(&mut errors, "q", t, 1, 30));
        let before_id = q.str("cursor").and_then(|c| {
            let id = crate::api::cursor::decode(c)
                .and_then(|s| s.parse::<i64>().ok())
                .filter(|id| *id > 0);
            if id.is_none() {
                errors.add(
                    "cursor",
                    Text::new("翻页信息已失效", "This page link is out of date"),
                );
            }
            id
        });
        let limit = crate::api::page_limit(q.opt("limit", &mut errors), 50, 100);
        let mut day = |name: &str| -> Option<NaiveDate> {
            let parsed = q.str(name)?.parse().ok();
            if parsed.is_none() {
                errors.add(name, why::bad_date());
            }
            parsed
        };
        let starts_from = day("starts_from");
        let starts_until = day("starts_until");
        if let (Some(f), Some(u)) = (starts_from, starts_until) {
            if u < f {
                errors.add(
                    "starts_until",
                    Text::new(
                        "结束日期不能早于开始日期",
                        "The last day cannot be before the first",
                    ),
                );
            }
        }
        finish(
            errors,
            AdminCourses {
                union_id,
                kind,
                q: text,
                before_id,
                limit,
                starts_from,
                starts_until,
            },
        )
    }
}

/// A worker's sign-up, as the worker sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Enrolment {
    pub id: i64,
    pub course_id: i64,
    pub course_title: String,
    pub kind: CourseKind,
    pub trade: Trade,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub organiser: String,
    pub name: String,
    pub status: EnrolmentStatus,
    /// 1 = next to be promoted; only while waitlisted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u32>,
    pub attended_sessions: u32,
    pub attended_hours: u32,
    pub total_hours: u32,
    pub pass_percent: u8,
    pub hours_met: bool,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_serial: Option<String>,
    pub signed_up_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EnrolmentEnvelope {
    pub enrolment: Enrolment,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EnrolmentList {
    pub enrolments: Vec<Enrolment>,
    pub meta: ListMeta,
}

/// One trainee on the staff's roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RosterEntry {
    pub enrolment_id: i64,
    pub name: String,
    /// The account's mobile number, to call the trainee.
    pub phone: String,
    pub status: EnrolmentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<u32>,
    /// Sessions attended, by id.
    pub attended: Vec<i64>,
    pub attended_hours: u32,
    /// 课时达标率.
    pub percent: u8,
    pub hours_met: bool,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_serial: Option<String>,
    pub signed_up_at: String,
}

/// The roster: who holds a place, and the waitlist in the order it is served.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Roster {
    pub course: Course,
    pub enrolled: Vec<RosterEntry>,
    pub waitlist: Vec<RosterEntry>,
    /// Sign-ups cancelled (not listed).
    pub cancelled: u32,
}

/// `{"entry": {...}}`: one trainee after an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RosterEntryEnvelope {
    pub entry: RosterEntry,
}

/// One trainee on a session's attendance sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SheetRow {
    pub enrolment_id: i64,
    pub name: String,
    pub present: bool,
    /// How the attendance was taken, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<AttendanceMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The staff member who marked it by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marked_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AttendanceSheet {
    pub course_id: i64,
    pub course_title: String,
    pub session: CourseSession,
    pub rows: Vec<SheetRow>,
    pub present: u32,
}

/// Staff mark one trainee present (or take a mark back) on a session's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AttendanceMark {
    pub enrolment_id: i64,
    pub present: bool,
}

/// A scan that counted (or had already counted: `already`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CheckInReply {
    pub course_id: i64,
    pub course_title: String,
    pub session: CourseSession,
    pub method: AttendanceMethod,
    pub at: String,
    pub already: bool,
}

/// The session code staff show: its link (for the QR image and to type in) and its times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CheckInLink {
    pub course_id: i64,
    pub course_title: String,
    pub session: CourseSession,
    /// Path and query; prefix the site's origin.
    pub path: String,
    /// Scans count from…
    pub opens_at: String,
    /// …until.
    pub expires_at: String,
}

/// Certificates for a whole course in one batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct IssueReply {
    /// Issued now.
    pub issued: u32,
    /// Already held one.
    pub already: u32,
    /// Holding a place but not passed (or not placed) with the hours met.
    pub not_eligible: u32,
    /// Every certificate of the course, the new ones included.
    pub certificates: Vec<Certificate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CertificateList {
    pub certificates: Vec<Certificate>,
    pub meta: ListMeta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CertificateEnvelope {
    pub certificate: Certificate,
}

/// Withdrawing a certificate issued in error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RevokeInput {
    /// 2–100 characters: why.
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub reason: String,
}

impl RevokeInput {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = text_field(&mut errors, "reason", &self.reason, 2, 100);
        finish(errors, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_course_search_reads_its_query() {
        let s = CoursesQuery::read(&Query::parse("lat=35.09&lng=118.40&trade=domestic_worker"))
            .unwrap();
        assert_eq!(s.at, Some(LatLng::new(35.09, 118.40)));
        assert_eq!(
            (s.radius_km, s.trade),
            (DEFAULT_RADIUS_KM, Some(Trade::DomesticWorker))
        );
        assert_eq!(CoursesQuery::read(&Query::parse("")).unwrap().at, None);
        for (bad, field) in [
            ("lat=35", "lat"),
            ("lat=x&lng=1", "lat"),
            ("radius_km=0", "radius_km"),
            ("trade=astronaut", "trade"),
            ("kind=party", "kind"),
        ] {
            assert!(
                CoursesQuery::read(&Query::parse(bad))
                    .unwrap_err()
                    .get(field)
                    .is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_staff_list_filters_by_start_day() {
        let l = AdminCoursesQuery::read(&Query::parse(
            "starts_from=2026-11-30&starts_until=2026-12-06",
        ))
        .unwrap();
        assert_eq!(l.starts_from, "2026-11-30".parse().ok());
        assert_eq!(l.starts_until, "2026-12-06".parse().ok());
        let bad = AdminCoursesQuery::read(&Query::parse("starts_from=30/11")).unwrap_err();
        assert!(bad.get("starts_from").is_some());
        let backwards = AdminCoursesQuery::read(&Query::parse(
            "starts_from=2026-12-06&starts_until=2026-11-30",
        ))
        .unwrap_err();
        assert!(backwards.get("starts_until").is_some());
    }

    #[test]
    fn the_staff_list_reads_its_query() {
        let l = AdminCoursesQuery::read(&Query::parse("union_id=3&kind=competition&limit=500"))
            .unwrap();
        assert_eq!(
            (l.union_id, l.kind, l.limit),
            (Some(3), Some(CourseKind::Competition), 100)
        );
        assert!(AdminCoursesQuery::read(&Query::parse("cursor=zz"))
            .unwrap_err()
            .get("cursor")
            .is_some());
        assert!(
            AdminCoursesQuery::read(&Query::parse(&format!("q={}", "字".repeat(31))))
                .unwrap_err()
                .get("q")
                .is_some()
        );
    }

    #[test]
    fn a_revocation_says_why() {
        assert_eq!(
            RevokeInput {
                reason: " 发错了人 ".into()
            }
            .validate()
            .unwrap(),
            "发错了人"
        );
        assert!(RevokeInput {
            reason: "错".into()
        }
        .validate()
        .is_err());
    }
}
