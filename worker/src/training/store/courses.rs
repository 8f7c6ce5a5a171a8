//! Courses and their sessions.

use crate::db;
use crate::error::AppResult;
use crate::params;
use serde::Deserialize;
use shared::accounts::Scope;
use shared::geo::{BBox, LatLng};
use shared::training::*;
use shared::unions::UnionRef;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct CourseRow {
    pub id: i64,
    pub kind: String,
    pub union_id: i64,
    pub union_path: String,
    pub union_code: String,
    pub union_name: String,
    pub title: String,
    pub trade: String,
    pub level: String,
    pub places: i64,
    pub signup_opens_on: String,
    pub signup_closes_on: String,
    pub eligibility: String,
    pub fee_fen: i64,
    pub pass_percent: i64,
    pub description: String,
    pub hours: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub enrolled: i64,
    pub waitlisted: i64,
}

const COURSE_COLUMNS: &str = "c.id, c.kind, c.union_id, c.union_path, u.code AS union_code, u.name AS union_name, c.title, c.trade, c.level,
  c.places, c.signup_opens_on, c.signup_closes_on, c.eligibility, c.fee_fen, c.pass_percent, c.description, c.hours, c.starts_on, c.ends_on,
  c.lat, c.lng,
  (SELECT count(*) FROM training_enrolments e WHERE e.course_id = c.id AND e.status = 'enrolled') AS enrolled,
  (SELECT count(*) FROM training_enrolments e WHERE e.course_id = c.id AND e.status = 'waitlisted') AS waitlisted";
const COURSE_FROM: &str = "training_courses c JOIN unions u ON u.id = c.union_id";

impl CourseRow {
    pub fn kind(&self) -> CourseKind {
        CourseKind::parse(&self.kind).unwrap_or(CourseKind::Course)
    }
    pub fn eligibility(&self) -> Eligibility {
        Eligibility::parse(&self.eligibility).unwrap_or(Eligibility::MembersOnly)
    }
    pub fn date(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap_or_default()
    }
    pub fn starts_on(&self) -> chrono::NaiveDate {
        Self::date(&self.starts_on)
    }
    pub fn ends_on(&self) -> chrono::NaiveDate {
        Self::date(&self.ends_on)
    }
    pub fn opens_on(&self) -> chrono::NaiveDate {
        Self::date(&self.signup_opens_on)
    }
    pub fn closes_on(&self) -> chrono::NaiveDate {
        Self::date(&self.signup_closes_on)
    }
    pub fn position(&self) -> Option<LatLng> {
        self.lat
            .zip(self.lng)
            .map(|(lat, lng)| LatLng::new(lat, lng))
    }
    pub fn union(&self) -> UnionRef {
        UnionRef {
            id: self.union_id,
            code: self.union_code.clone(),
            name: self.union_name.clone(),
        }
    }

    pub fn wire(
        &self,
        sessions: &[SessionRow],
        today: chrono::NaiveDate,
        from: Option<LatLng>,
    ) -> Course {
        let places = self.places.max(0) as u32;
        let enrolled = self.enrolled.max(0) as u32;
        Course {
            id: self.id,
            kind: self.kind(),
            title: self.title.clone(),
            trade: shared::trades::Trade::parse(&self.trade)
                .unwrap_or(shared::trades::Trade::Other),
            level: SkillLevel::parse(&self.level).unwrap_or(SkillLevel::Basic),
            union: self.union(),
            places,
            enrolled,
            waitlisted: self.waitlisted.max(0) as u32,
            places_left: places.saturating_sub(enrolled),
            signup_opens_on: self.opens_on(),
            signup_closes_on: self.closes_on(),
            signup: signup_window(self.opens_on(), self.closes_on(), today),
            eligibility: self.eligibility(),
            fee_fen: self.fee_fen,
            pass_percent: self.pass_percent.clamp(0, 100) as u8,
            description: self.description.clone(),
            hours: self.hours.max(0) as u32,
            starts_on: self.starts_on(),
            ends_on: self.ends_on(),
            sessions: sessions
                .iter()
                .filter(|s| s.course_id == self.id)
                .map(SessionRow::wire)
                .collect(),
            distance_m: from
                .zip(self.position())
                .map(|(a, b)| shared::geo::distance_m(a, b).round() as u32),
        }
    }
}

pub async fn course(db: &D1Database, id: i64) -> AppResult<Option<CourseRow>> {
    db::first(
        db,
        &format!("SELECT {COURSE_COLUMNS} FROM {COURSE_FROM} WHERE c.id = ?"),
        params![id],
    )
    .await
}

/// Courses of a subtree, newest first; `starts` (first, last day) keeps
/// those starting within it.
pub async fn courses_in_scope(
    db: &D1Database,
    scope: &Scope,
    kind: Option<CourseKind>,
    q: Option<&str>,
    starts: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
    before_id: Option<i64>,
    limit: u32,
) -> AppResult<Vec<CourseRow>> {
    let (lo, hi) = scope.bounds();
    let (from, until) = (
        starts.0.map(|d| d.to_string()),
        starts.1.map(|d| d.to_string()),
    );
    db::all(
        db,
        &format!(
            "SELECT {COURSE_COLUMNS} FROM {COURSE_FROM}
             WHERE c.union_path >= ?1 AND c.union_path < ?2 AND (?3 IS NULL OR c.kind = ?3) AND (?4 IS NULL OR instr(c.title, ?4) > 0)
               AND c.id < ?5 AND (?7 IS NULL OR c.starts_on >= ?7) AND (?8 IS NULL OR c.starts_on <= ?8) ORDER BY c.id DESC LIMIT ?6"
        ),
        params![lo, hi, kind.map(|k| k.code()), q, before_id.unwrap_or(i64::MAX), limit, from, until],
    )
    .await
}

/// Courses open for sign-up today; with `within`, those inside it and those
/// whose place has no position (they are shown last).
pub async fn open_courses(
    db: &D1Database,
    today: &str,
    within: Option<BBox>,
    trade: Option<&str>,
    kind: Option<&str>,
    limit: u32,
) -> AppResult<Vec<CourseRow>> {
    let b = within.map(|b| (b.min_lat, b.max_lat, b.min_lng, b.max_lng));
    db::all(
        db,
        &format!(
            "SELECT {COURSE_COLUMNS} FROM {COURSE_FROM}
             WHERE c.signup_closes_on >= ?1 AND c.signup_opens_on <= ?1 AND (?2 IS NULL OR c.trade = ?2) AND (?3 IS NULL OR c.kind = ?3)
               AND (?4 IS NULL OR c.lat IS NULL OR (c.lat BETWEEN ?4 AND ?5 AND c.lng BETWEEN ?6 AND ?7))
             ORDER BY c.starts_on, c.id LIMIT ?8"
        ),
        params![today, trade, kind, b.map(|b| b.0), b.map(|b| b.1), b.map(|b| b.2), b.map(|b| b.3), limit],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionRow {
    pub id: i64,
    pub course_id: i64,
    pub date: String,
    pub starts_clock: String,
    pub ends_clock: String,
    pub starts_at: String,
    pub ends_at: String,
    pub hours: i64,
    pub station_id: Option<i64>,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub station_name: Option<String>,
    pub station_address: Option<String>,
    pub station_lat: Option<f64>,
    pub station_lng: Option<f64>,
}

const SESSION_COLUMNS: &str = "s.id, s.course_id, s.date, s.starts_clock, s.ends_clock, s.starts_at, s.ends_at, s.hours, s.station_id, s.address, s.lat, s.lng,
  st.name AS station_name, st.address AS station_address, st.lat AS station_lat, st.lng AS station_lng";
const SESSION_FROM: &str = "training_sessions s LEFT JOIN stations st ON st.id = s.station_id";

impl SessionRow {
    pub fn starts_at(&self) -> chrono::DateTime<chrono::Utc> {
        shared::time::parse_rfc3339_z(&self.starts_at).unwrap_or_default()
    }
    pub fn ends_at(&self) -> chrono::DateTime<chrono::Utc> {
        shared::time::parse_rfc3339_z(&self.ends_at).unwrap_or_default()
    }
    pub fn date(&self) -> chrono::NaiveDate {
        self.date.parse().unwrap_or_default()
    }
    pub fn place_name(&self) -> String {
        match (&self.station_name, &self.station_address, &self.address) {
            (Some(name), Some(addr), _) => format!("{name}({addr})"),
            (Some(name), None, _) => name.clone(),
            (None, _, Some(addr)) => addr.clone(),
            _ => String::new(),
        }
    }
    pub fn position(&self) -> Option<LatLng> {
        self.station_lat
            .zip(self.station_lng)
            .or(self.lat.zip(self.lng))
            .map(|(lat, lng)| LatLng::new(lat, lng))
    }
    pub fn wire(&self) -> CourseSession {
        let place = match (self.station_id, &self.address) {
            (Some(station_id), _) => SessionPlace::Station { station_id },
            (None, address) => SessionPlace::Address {
                address: address.clone().unwrap_or_default(),
                position: self
                    .lat
                    .zip(self.lng)
                    .map(|(lat, lng)| LatLng::new(lat, lng)),
            },
        };
        CourseSession {
            id: self.id,
            date: self.date(),
            starts_at: self.starts_clock.clone(),
            ends_at: self.ends_clock.clone(),
            hours: self.hours.clamp(0, 255) as u8,
            place,
            place_name: self.place_name(),
            position: self.position(),
        }
    }
}

pub async fn sessions_of(db: &D1Database, course_ids: &[i64]) -> AppResult<Vec<SessionRow>> {
    db::all(
        db,
        &format!("SELECT {SESSION_COLUMNS} FROM {SESSION_FROM} WHERE s.course_id IN (SELECT value FROM json_each(?)) ORDER BY s.starts_at, s.id"),
        params![serde_json::to_string(course_ids)?],
    )
    .await
}

pub async fn session(db: &D1Database, id: i64) -> AppResult<Option<SessionRow>> {
    db::first(
        db,
        &format!("SELECT {SESSION_COLUMNS} FROM {SESSION_FROM} WHERE s.id = ?"),
        params![id],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct StationPlace {
    pub id: i64,
    pub lat: f64,
    pub lng: f64,
}

/// The stations a course's sessions name, as far as they exist.
pub async fn stations(db: &D1Database, ids: &[i64]) -> AppResult<Vec<StationPlace>> {
    db::all(
        db,
        "SELECT id, lat, lng FROM stations WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'defunct'",
        params![serde_json::to_string(ids)?],
    )
    .await
}

/// Sessions with attendance among `ids` (they cannot be removed).
pub async fn attended_sessions(db: &D1Database, ids: &[i64]) -> AppResult<Vec<i64>> {
    #[derive(Deserialize)]
    struct Id {
        session_id: i64,
    }
    Ok(db::all::<Id>(
        db,
        "SELECT DISTINCT session_id FROM training_attendance WHERE session_id IN (SELECT value FROM json_each(?))",
        params![serde_json::to_string(ids)?],
    )
    .await?
    .into_iter()
    .map(|r| r.session_id)
    .collect())
}

/// The columns of a course that come from its sessions and its place.
pub struct Derived {
    pub position: Option<LatLng>,
}

/// A session's stored columns: clock texts, instants, then its place.
struct SessionValues {
    starts_clock: String,
    ends_clock: String,
    starts_at: String,
    ends_at: String,
    station_id: Option<i64>,
    address: Option<String>,
    lat: Option<f64>,
    lng: Option<f64>,
}

fn session_values(s: &ValidSession) -> SessionValues {
    let (station_id, address, lat, lng) = match &s.place {
        SessionPlace::Station { station_id } => (Some(*station_id), None, None, None),
        SessionPlace::Address { address, position } => (
            None,
            Some(address.clone()),
            position.map(|p| p.lat),
            position.map(|p| p.lng),
        ),
    };
    SessionValues {
        starts_clock: clock_text(s.starts_min),
        ends_clock: clock_text(s.ends_min),
        starts_at: shared::time::rfc3339(s.starts_at()),
        ends_at: shared::time::rfc3339(s.ends_at()),
        station_id,
        address,
        lat,
        lng,
    }
}

fn insert_session(
    db: &D1Database,
    course_id: i64,
    s: &ValidSession,
) -> AppResult<D1PreparedStatement> {
    let SessionValues {
        starts_clock: sc,
        ends_clock: ec,
        starts_at: sa,
        ends_at: ea,
        station_id: station,
        address,
        lat,
        lng,
    } = session_values(s);
    db::stmt(
        db,
        "INSERT INTO training_sessions (course_id, date, starts_clock, ends_clock, starts_at, ends_at, hours, station_id, address, lat, lng)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![course_id, s.date.to_string(), sc, ec, sa, ea, i64::from(s.hours), station, address, lat, lng],
    )
}

/// A new course with an explicit id (`next_id`) and its sessions.
pub fn insert_course(
    db: &D1Database,
    id: i64,
    c: &ValidCourse,
    union_id: i64,
    union_path: &str,
    derived: &Derived,
    by: &str,
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let i = &c.input;
    let mut out = vec![db::stmt(
        db,
        "INSERT INTO training_courses (id, kind, union_id, union_path, title, trade, level, places, signup_opens_on, signup_closes_on, eligibility,
           fee_fen, pass_percent, description, hours, starts_on, ends_on, lat, lng, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)",
        params![
            id, i.kind.code(), union_id, union_path, i.title, i.trade.code(), i.level.code(), i.places, i.signup_opens_on.to_string(),
            i.signup_closes_on.to_string(), i.eligibility.code(), i.fee_fen, i64::from(i.pass_percent), i.description, c.hours(),
            c.starts_on().to_string(), c.ends_on().to_string(), derived.position.map(|p| p.lat), derived.position.map(|p| p.lng), by, now
        ],
    )?];
    for s in &c.sessions {
        out.push(insert_session(db, id, s)?);
    }
    Ok(out)
}

/// An edit: the course's fields, kept sessions updated, new ones added, the
/// rest removed (the handler has checked none of them has attendance; the
/// condition here keeps it so under a race).
pub fn update_course(
    db: &D1Database,
    id: i64,
    c: &ValidCourse,
    derived: &Derived,
    removed: &[i64],
    now: &str,
) -> AppResult<Vec<D1PreparedStatement>> {
    let i = &c.input;
    let mut out = vec![db::stmt(
        db,
        "UPDATE training_courses SET title = ?2, trade = ?3, level = ?4, places = ?5, signup_opens_on = ?6, signup_closes_on = ?7, eligibility = ?8,
           fee_fen = ?9, pass_percent = ?10, description = ?11, hours = ?12, starts_on = ?13, ends_on = ?14, lat = ?15, lng = ?16, updated_at = ?17
         WHERE id = ?1",
        params![
            id, i.title, i.trade.code(), i.level.code(), i.places, i.signup_opens_on.to_string(), i.signup_closes_on.to_string(),
            i.eligibility.code(), i.fee_fen, i64::from(i.pass_percent), i.description, c.hours(), c.starts_on().to_string(),
            c.ends_on().to_string(), derived.position.map(|p| p.lat), derived.position.map(|p| p.lng), now
        ],
    )?];
    for r in removed {
        out.push(db::stmt(
            db,
            "DELETE FROM training_notices WHERE session_id = ?",
            params![r],
        )?);
        out.push(db::stmt(
            db,
            "DELETE FROM training_sessions WHERE id = ?1 AND course_id = ?2 AND NOT EXISTS (SELECT 1 FROM training_attendance WHERE session_id = ?1)",
            params![r, id],
        )?);
    }
    for s in &c.sessions {
        match s.id {
            None => out.push(insert_session(db, id, s)?),
            Some(sid) => {
                let SessionValues {
                    starts_clock: sc,
                    ends_clock: ec,
                    starts_at: sa,
                    ends_at: ea,
                    station_id: station,
                    address,
                    lat,
                    lng,
                } = session_values(s);
                out.push(db::stmt(
                    db,
                    "UPDATE training_sessions SET date = ?3, starts_clock = ?4, ends_clock = ?5, starts_at = ?6, ends_at = ?7, hours = ?8,
                       station_id = ?9, address = ?10, lat = ?11, lng = ?12 WHERE id = ?1 AND course_id = ?2",
                    params![sid, id, s.date.to_string(), sc, ec, sa, ea, i64::from(s.hours), station, address, lat, lng],
                )?);
            }
        }
    }
    Ok(out)
}

/// 概览: courses of the subtree starting between `from` and `until` (inclusive).
pub fn count_starting(
    db: &D1Database,
    scope: &Scope,
    from: &str,
    until: &str,
) -> AppResult<D1PreparedStatement> {
    let (lo, hi) = scope.bounds();
    db::stmt(
        db,
        "SELECT count(*) AS n FROM training_courses WHERE union_path >= ?1 AND union_path < ?2 AND starts_on >= ?3 AND starts_on <= ?4",
        params![lo, hi, from, until],
    )
}
