//! The job list query, `GET /api/jobs`: Chinese text, filters, sort and seek
//! pagination, parsed once with per-field reasons for the 422.

use super::text_search::{self, SearchPlan};
use super::{JobStatus, JobSummary, Settlement};
use crate::api::{self, page_limit};
use crate::error::{why, FieldErrors};
use crate::geo::{self, LatLng};
use crate::lang::Text;
use crate::money::WageUnit;
use crate::query::Query;
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 50;
pub const MAX_Q_CHARS: usize = 50;
pub const MAX_RADIUS_KM: f64 = 100.0;
/// The lowest daily wages the search screen offers as chips, in yuan (0: any).
pub const WAGE_FLOOR_CHOICES_YUAN: [u32; 4] = [0, 200, 300, 400];
/// The distances the search screen offers as chips, in km (0: any distance).
pub const RADIUS_CHOICES_KM: [u32; 4] = [3, 10, 30, 0];

crate::vocabulary! {
    /// How the list is ordered.
    pub enum JobSort {
        /// Closest first (needs `lat`/`lng`); the default when a position is given.
        Nearest = "nearest", "离我最近", "Nearest";
        /// Most recently posted first; the default otherwise.
        Newest = "newest", "最新发布", "Newest";
        /// Highest daily-equivalent top wage first; piece rates last.
        HighestWage = "highest_wage", "工资最高", "Highest wage";
    }
}

impl JobSort {
    /// The job's seek key under this sort: distance in metres (nearest), Unix
    /// seconds of `posted_at` (newest), daily-equivalent top wage in fen, −1 for
    /// piece rates (highest wage). `None` when the job lacks it.
    pub fn key(self, job: &JobSummary) -> Option<i64> {
        match self {
            JobSort::Nearest => job.distance_m.map(i64::from),
            JobSort::Newest => crate::time::parse_rfc3339_z(&job.posted_at).map(|t| t.timestamp()),
            JobSort::HighestWage => Some(job.daily_wage().map_or(-1, |(_, max)| max)),
        }
    }

    /// The list order: by key (ascending for nearest, descending otherwise), then
    /// by id in the same direction, so equal keys never repeat or skip across pages.
    pub fn order(self, a: &JobSummary, b: &JobSummary) -> Ordering {
        let (ka, kb) = (
            self.key(a).unwrap_or(i64::MAX),
            self.key(b).unwrap_or(i64::MAX),
        );
        match self {
            JobSort::Nearest => (ka, a.id).cmp(&(kb, b.id)),
            JobSort::Newest | JobSort::HighestWage => (kb, b.id).cmp(&(ka, a.id)),
        }
    }
}

/// Where the next page starts: the last row's sort key and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobCursor {
    pub sort: JobSort,
    pub key: i64,
    pub id: i64,
}

fn stale_cursor() -> Text {
    Text::new(
        "翻页信息已失效,请从第一页重新查看",
        "This page link is out of date; start again from the first page",
    )
}

impl JobCursor {
    /// The cursor after `last` (the last job of a page).
    pub fn after(sort: JobSort, last: &JobSummary) -> Option<JobCursor> {
        Some(JobCursor {
            sort,
            key: sort.key(last)?,
            id: last.id,
        })
    }

    /// Opaque to clients: `meta.next_cursor`.
    pub fn encode(&self) -> String {
        api::cursor::encode(&format!("{}|{}|{}", self.sort.code(), self.key, self.id))
    }

    /// Reads a cursor made for `sort`; one made for another sort is refused.
    pub fn decode(s: &str, sort: JobSort) -> Result<JobCursor, Text> {
        let raw = api::cursor::decode(s).ok_or_else(stale_cursor)?;
        let mut parts = raw.split('|');
        let (Some(s), Some(k), Some(i), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(stale_cursor());
        };
        match (JobSort::parse(s), k.parse(), i.parse()) {
            (Some(found), Ok(key), Ok(id)) if found == sort => Ok(JobCursor { sort, key, id }),
            _ => Err(stale_cursor()),
        }
    }

    /// Whether `job` belongs after this cursor, i.e. on a later page.
    pub fn precedes(&self, job: &JobSummary) -> bool {
        let Some(k) = self.sort.key(job) else {
            return false;
        };
        match self.sort {
            JobSort::Nearest => (k, job.id) > (self.key, self.id),
            JobSort::Newest | JobSort::HighestWage => (k, job.id) < (self.key, self.id),
        }
    }

    /// For newest: the `posted_at` text to bind in the seek condition.
    pub fn posted_at(&self) -> Option<String> {
        (self.sort == JobSort::Newest)
            .then(|| chrono::DateTime::from_timestamp(self.key, 0).map(crate::time::rfc3339))
            .flatten()
    }
}

/// The query parameters of `GET /api/jobs`, for the API description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobSearchQuery {
    /// Chinese text, 2–50 characters: 木工, 电焊, 钢筋工 日结. All words must match.
    pub q: Option<String>,
    /// A trade code.
    pub trade: Option<Trade>,
    /// WGS-84 latitude of the searcher (with `lng`).
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    /// Only jobs within this many km of `lat`/`lng`, 0.5–100.
    pub radius_km: Option<f64>,
    /// Lowest acceptable wage in fen per day (daily equivalent; piece rates are left out).
    pub min_wage: Option<i64>,
    pub settlement: Option<Settlement>,
    /// Gigs (零工) one can start today.
    pub starts_today: Option<bool>,
    /// Only this employer's jobs (its page).
    pub employer_id: Option<i64>,
    pub sort: Option<JobSort>,
    pub cursor: Option<String>,
    /// 1–50, default 20 (larger values are clamped).
    pub limit: Option<u32>,
}

/// The checked form of `JobSearchQuery`.
#[derive(Debug, Clone, PartialEq)]
pub struct JobSearch {
    /// The cleaned text, as typed (for echoing back), if any.
    pub q: Option<String>,
    /// How to ask FTS5 for `q`.
    pub text: SearchPlan,
    pub trade: Option<Trade>,
    pub near: Option<LatLng>,
    pub radius_km: Option<f64>,
    pub min_daily_wage_fen: Option<i64>,
    pub settlement: Option<Settlement>,
    pub starts_today: bool,
    pub employer_id: Option<i64>,
    pub sort: JobSort,
    pub after: Option<JobCursor>,
    pub limit: u32,
}

fn choice<T>(
    q: &Query,
    name: &str,
    errors: &mut FieldErrors,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let raw = q.str(name)?;
    let v = parse(raw);
    if v.is_none() {
        errors.add(name, why::not_a_choice());
    }
    v
}

fn needs_position() -> Text {
    Text::new(
        "请先提供位置(经纬度)",
        "Give a position (lat and lng) first",
    )
}

impl JobSearch {
    pub fn parse(q: &Query) -> Result<JobSearch, FieldErrors> {
        let mut errors = FieldErrors::new();

        let text_q = q
            .str("q")
            .map(text_search::normalize)
            .filter(|s| !s.is_empty());
        let raw_len = q.str("q").map_or(0, |s| s.chars().count());
        let text = if raw_len > MAX_Q_CHARS {
            errors.add("q", why::too_long(MAX_Q_CHARS));
            SearchPlan::None
        } else {
            let plan = text_search::plan(q.str("q").unwrap_or(""));
            if raw_len > 0 && plan == SearchPlan::None {
                errors.add(
                    "q",
                    Text::new(
                        "请输入至少两个字的词,例如“木工”",
                        "Type a word of at least two characters, e.g. 木工",
                    ),
                );
            }
            plan
        };

        let trade = choice(q, "trade", &mut errors, Trade::parse);
        let lat: Option<f64> = q.opt("lat", &mut errors);
        let lng: Option<f64> = q.opt("lng", &mut errors);
        let near = match (lat, lng) {
            (Some(lat), Some(lng)) => {
                let p = LatLng::new(lat, lng);
                if !p.is_valid() {
                    errors.add("lat", Text::new("坐标不正确", "Invalid coordinates"));
                }
                Some(p)
            }
            (Some(_), None) if q.str("lng").is_none() => {
                errors.add(
                    "lng",
                    Text::new("经度和纬度要一起提供", "Give lat and lng together"),
                );
                None
            }
            (None, Some(_)) if q.str("lat").is_none() => {
                errors.add(
                    "lat",
                    Text::new("经度和纬度要一起提供", "Give lat and lng together"),
                );
                None
            }
            _ => None,
        };

        let radius_km: Option<f64> = q.opt("radius_km", &mut errors);
        if let Some(r) = radius_km {
            if !(0.5..=MAX_RADIUS_KM).contains(&r) {
                errors.add("radius_km", why::out_of_range(0.5, MAX_RADIUS_KM));
            } else if near.is_none() && errors.get("lat").is_none() && errors.get("lng").is_none() {
                errors.add("radius_km", needs_position());
            }
        }

        let min_wage: Option<i64> = q.opt("min_wage", &mut errors);
        let (_, day_max) = WageUnit::Day.plausible_fen();
        if min_wage.is_some_and(|w| !(0..=day_max).contains(&w)) {
            errors.add(
                "min_wage",
                Text::new(
                    "日薪下限应在 0 到 3000 元之间",
                    "The lowest daily wage must be between 0 and 3000 yuan",
                ),
            );
        }

        let settlement = choice(q, "settlement", &mut errors, Settlement::parse);
        let employer_id = q.opt("employer_id", &mut errors);
        let sort = choice(q, "sort", &mut errors, JobSort::parse);
        if sort == Some(JobSort::Nearest)
            && near.is_none()
            && errors.get("lat").is_none()
            && errors.get("lng").is_none()
        {
            errors.add("sort", needs_position());
        }
        let sort = sort.unwrap_or(if near.is_some() {
            JobSort::Nearest
        } else {
            JobSort::Newest
        });
        let after = q
            .str("cursor")
            .and_then(|c| errors.check("cursor", JobCursor::decode(c, sort)));
        let limit = page_limit(q.opt("limit", &mut errors), DEFAULT_LIMIT, MAX_LIMIT);

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(JobSearch {
            q: text_q,
            text,
            trade,
            near,
            radius_km,
            min_daily_wage_fen: min_wage,
            settlement,
            starts_today: q.flag("starts_today"),
            employer_id,
            sort,
            after,
            limit,
        })
    }

    /// Whether a job passes every filter but the text (which FTS5 decides): live
    /// on `today`, trade, distance, wage, settlement, starts today, after the cursor.
    /// This is the meaning the SQL must have; the phone also uses it on saved jobs.
    pub fn accepts(&self, job: &JobSummary, today: NaiveDate) -> bool {
        let within = match (self.near, self.radius_km) {
            (Some(at), Some(r)) => geo::distance_m(at, job.position()) <= r * 1000.0,
            _ => true,
        };
        job.effective_status(today) == JobStatus::Live
            && self.trade.is_none_or(|t| job.trades.contains(&t))
            && within
            && self
                .min_daily_wage_fen
                .is_none_or(|min| job.daily_wage().is_some_and(|(_, max)| max >= min))
            && self.settlement.is_none_or(|s| job.settlement == s)
            && (!self.starts_today || job.starts_today(today))
            && self.employer_id.is_none_or(|e| job.employer.id == e)
            && self.after.is_none_or(|c| c.precedes(job))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::job::tests::{d, summary};

    #[test]
    fn every_chip_of_the_search_screen_is_a_valid_query() {
        for y in WAGE_FLOOR_CHOICES_YUAN.into_iter().filter(|y| *y > 0) {
            let fen = i64::from(y) * crate::money::FEN_PER_YUAN;
            let s = parse(&format!("min_wage={fen}")).unwrap();
            assert_eq!(s.min_daily_wage_fen, Some(fen));
        }
        for km in RADIUS_CHOICES_KM.into_iter().filter(|k| *k > 0) {
            let s = parse(&format!("lat=31.82&lng=117.22&radius_km={km}")).unwrap();
            assert_eq!(s.radius_km, Some(f64::from(km)));
        }
        assert!(WAGE_FLOOR_CHOICES_YUAN.contains(&0) && RADIUS_CHOICES_KM.contains(&0));
    }

    fn parse(raw: &str) -> Result<JobSearch, FieldErrors> {
        JobSearch::parse(&Query::parse(raw))
    }

    #[test]
    fn an_empty_query_lists_the_newest() {
        let s = parse("").unwrap();
        assert_eq!(s.sort, JobSort::Newest);
        assert_eq!(s.text, SearchPlan::None);
        assert_eq!(s.limit, DEFAULT_LIMIT);
        assert!(!s.starts_today);
    }

    #[test]
    fn a_full_query_parses() {
        let s = parse("q=%E6%9C%A8%E5%B7%A5&trade=carpenter&lat=31.82&lng=117.22&radius_km=10&min_wage=30000&settlement=daily&starts_today=true&limit=500").unwrap();
        assert_eq!(s.q.as_deref(), Some("木工"));
        assert_eq!(s.text, SearchPlan::Bigram("\"木工\"".into()));
        assert_eq!(s.trade, Some(Trade::Carpenter));
        assert_eq!(s.near, Some(LatLng::new(31.82, 117.22)));
        assert_eq!(s.radius_km, Some(10.0));
        assert_eq!(s.min_daily_wage_fen, Some(30_000));
        assert_eq!(s.settlement, Some(Settlement::Daily));
        assert!(s.starts_today);
        assert_eq!(s.sort, JobSort::Nearest);
        assert_eq!(s.limit, MAX_LIMIT);
        assert_eq!(
            parse("q=钢筋工").unwrap().text,
            SearchPlan::Trigram("\"钢筋工\"".into())
        );
    }

    #[test]
    fn each_bad_parameter_gets_its_reason() {
        let e = parse("q=焊&trade=astronaut&lat=abc&lng=117&radius_km=500&min_wage=-5&settlement=yearly&sort=cheapest&limit=x").unwrap_err();
        assert!(e.get("q").unwrap().zh.contains("两个字"));
        assert_eq!(e.get("trade"), Some(&why::not_a_choice()));
        assert_eq!(e.get("lat").unwrap().zh, "应为数字");
        assert_eq!(
            e.get("radius_km"),
            Some(&why::out_of_range(0.5, MAX_RADIUS_KM))
        );
        assert!(e.get("min_wage").is_some());
        assert_eq!(e.get("settlement"), Some(&why::not_a_choice()));
        assert_eq!(e.get("sort"), Some(&why::not_a_choice()));
        assert_eq!(e.get("limit").unwrap().zh, "应为数字");
        let long = format!("q={}", "木".repeat(51));
        assert_eq!(parse(&long).unwrap_err().get("q"), Some(&why::too_long(50)));
    }

    #[test]
    fn distance_needs_a_position() {
        assert_eq!(
            parse("sort=nearest").unwrap_err().get("sort").unwrap().zh,
            "请先提供位置(经纬度)"
        );
        assert!(parse("radius_km=5").unwrap_err().get("radius_km").is_some());
        assert!(parse("lat=31.8")
            .unwrap_err()
            .get("lng")
            .unwrap()
            .zh
            .contains("一起"));
        assert!(parse("lng=117.2").unwrap_err().get("lat").is_some());
        assert!(parse("lat=95&lng=117").unwrap_err().get("lat").is_some());
        assert!(parse("lat=NaN&lng=117").unwrap_err().get("lat").is_some());
        assert_eq!(
            parse("lat=31.8&lng=117.2&sort=newest").unwrap().sort,
            JobSort::Newest
        );
        assert_eq!(
            parse("sort=highest_wage").unwrap().sort,
            JobSort::HighestWage
        );
    }

    #[test]
    fn cursors_round_trip_and_belong_to_their_sort() {
        let job = JobSummary {
            distance_m: Some(3200),
            ..summary(42)
        };
        for &sort in JobSort::ALL {
            let c = JobCursor::after(sort, &job).unwrap();
            assert_eq!(JobCursor::decode(&c.encode(), sort), Ok(c));
            let other = JobSort::ALL.iter().copied().find(|s| *s != sort).unwrap();
            assert!(JobCursor::decode(&c.encode(), other).is_err());
        }
        let newest = JobCursor::after(JobSort::Newest, &job).unwrap();
        assert_eq!(newest.posted_at().as_deref(), Some("2025-03-20T01:00:00Z"));
        let e = parse("cursor=zz").unwrap_err();
        assert!(e.get("cursor").unwrap().zh.contains("第一页"));
        let good = parse(&format!("cursor={}", newest.encode())).unwrap();
        assert_eq!(good.after, Some(newest));
        assert!(parse(&format!("cursor={}", api::cursor::encode("newest|x|1"))).is_err());
    }

    #[test]
    fn pages_neither_repeat_nor_skip() {
        let mut jobs: Vec<JobSummary> = (1..=7)
            .map(|id| JobSummary {
                distance_m: Some([500, 500, 900, 1200, 1200, 1200, 3000][id as usize - 1]),
                wage_max_fen: [35_000, 35_000, 40_000, 30_000, 35_000, 35_000, 50_000]
                    [id as usize - 1],
                posted_at: format!("2025-03-2{}T01:00:00Z", id % 3),
                ..summary(id)
            })
            .collect();
        let today = d("2025-03-28");
        for &sort in JobSort::ALL {
            jobs.sort_by(|a, b| sort.order(a, b));
            let mut seen = Vec::new();
            let mut search = JobSearch {
                sort,
                after: None,
                limit: 3,
                ..parse("").unwrap()
            };
            loop {
                let page: Vec<&JobSummary> = jobs
                    .iter()
                    .filter(|j| search.accepts(j, today))
                    .take(search.limit as usize)
                    .collect();
                if page.is_empty() {
                    break;
                }
                seen.extend(page.iter().map(|j| j.id));
                search.after = JobCursor::after(sort, page.last().unwrap());
            }
            let all: Vec<i64> = jobs.iter().map(|j| j.id).collect();
            assert_eq!(seen, all, "{sort:?}");
        }
        jobs.sort_by(|a, b| JobSort::HighestWage.order(a, b));
        assert_eq!(jobs[0].id, 7);
        jobs.sort_by(|a, b| JobSort::Nearest.order(a, b));
        assert_eq!(
            jobs.iter().map(|j| j.id).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7]
        );
    }

    #[test]
    fn filters_mean_what_they_say() {
        let today = d("2025-03-28");
        let job = summary(1); // carpenter, 300–350/day, daily, starts 2025-03-28, 蜀山区
        let s = |raw: &str| parse(raw).unwrap();
        assert!(s("trade=carpenter").accepts(&job, today));
        assert!(!s("trade=welder").accepts(&job, today));
        assert!(s("min_wage=35000").accepts(&job, today));
        assert!(!s("min_wage=35001").accepts(&job, today));
        let piece = JobSummary {
            wage_unit: WageUnit::Piece,
            wage_min_fen: 50,
            wage_max_fen: 80,
            ..summary(2)
        };
        assert!(!s("min_wage=100").accepts(&piece, today));
        assert!(s("settlement=daily").accepts(&job, today));
        assert!(!s("settlement=monthly").accepts(&job, today));
        assert!(s("starts_today=1").accepts(&job, today));
        assert!(!s("starts_today=1").accepts(&job, d("2025-03-27")));
        // About 3 km from the job.
        assert!(s("lat=31.845&lng=117.24&radius_km=5").accepts(&job, today));
        assert!(!s("lat=31.845&lng=117.24&radius_km=1").accepts(&job, today));
        // Past its valid-until date the job is expired and never listed.
        assert!(!s("").accepts(&job, d("2025-05-01")));
        let down = JobSummary {
            status: JobStatus::TakenDown,
            ..summary(3)
        };
        assert!(!s("").accepts(&down, today));
    }
}
