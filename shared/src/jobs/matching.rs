//! The two-way match (撮合): one score for a job and a worker's card, used to
//! rank jobs for a worker and workers for a job, by the API and by the app alike.
//!
//! The score is 0–100, the sum of five parts:
//!
//! | part | points | how |
//! |---|---|---|
//! | trade | 45 | same trade: 39 + 1 per year of experience, up to 6 (a union-issued certificate in the job's trade makes it a same-trade match worth at least 3 years); a related trade (same group): 12; else 0 |
//! | distance | 25 | 25 within 2 km, falling evenly to 0 at 50 km; without the worker's position: 15 if the job's district is one of the card's areas, 8 if the card names no area, else 0 |
//! | wage | 15 | the job's lowest wage meets the expectation: 15; only its top does: 11; below: 10 → 0 as the top falls from 100 % to 70 % of the expectation; not comparable (piece rate against a time wage): 5 |
//! | availability | 10 | free by the start (or today, if under way): 10; later: 10 → 0 over 30 days; free only after the job ends: 0 |
//! | verified employer | 5 | verified by union staff: 5 |
//!
//! A same-trade job therefore always outranks a related-trade job that is
//! otherwise equal, however close (39 − 12 > 25). Wages are compared in their
//! own unit when both sides use the same one, else as daily equivalents
//! (`money::WageUnit::daily_equivalent`). Ties rank nearer first, then by id.

use super::{CardCertificate, JobCard, JobCardInput, JobStatus, JobSummary, TradeExperience};
use crate::geo::{self, LatLng};
use crate::lang::Text;
use crate::money::WageUnit;
use crate::trades::{Trade, TradeGroup};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TRADE_SAME: f64 = 39.0;
pub const TRADE_EXPERIENCE_MAX_YEARS: u8 = 6;
/// A union-issued certificate in the job's trade counts as this many years at least.
pub const CERTIFIED_YEARS: u8 = 3;
pub const TRADE_RELATED: f64 = 12.0;
pub const DISTANCE_MAX: f64 = 25.0;
pub const DISTANCE_FULL_KM: f64 = 2.0;
pub const DISTANCE_ZERO_KM: f64 = 50.0;
pub const DISTANCE_IN_AREA: f64 = 15.0;
pub const DISTANCE_UNKNOWN: f64 = 8.0;
pub const WAGE_MAX: f64 = 15.0;
pub const WAGE_TOP_MEETS: f64 = 11.0;
pub const WAGE_BELOW_MAX: f64 = 10.0;
/// Below this share of the expectation, a wage earns no points.
pub const WAGE_BELOW_FLOOR: f64 = 0.7;
pub const WAGE_NOT_COMPARABLE: f64 = 5.0;
pub const AVAILABILITY_MAX: f64 = 10.0;
pub const AVAILABILITY_GRACE_DAYS: f64 = 30.0;
pub const VERIFIED_EMPLOYER: f64 = 5.0;

/// What matching needs to know of a job.
#[derive(Debug, Clone)]
pub struct JobFacts<'a> {
    pub id: i64,
    pub trades: &'a [Trade],
    pub wage_min_fen: i64,
    pub wage_max_fen: i64,
    pub wage_unit: WageUnit,
    pub position: LatLng,
    pub district: &'a str,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub employer_verified: bool,
}

impl<'a> From<&'a JobSummary> for JobFacts<'a> {
    fn from(j: &'a JobSummary) -> Self {
        JobFacts {
            id: j.id,
            trades: &j.trades,
            wage_min_fen: j.wage_min_fen,
            wage_max_fen: j.wage_max_fen,
            wage_unit: j.wage_unit,
            position: j.position(),
            district: &j.district,
            starts_on: j.starts_on,
            ends_on: j.ends_on,
            employer_verified: j.employer.is_verified(),
        }
    }
}

/// What matching needs to know of a worker (their job card).
#[derive(Debug, Clone)]
pub struct WorkerFacts<'a> {
    pub trades: &'a [TradeExperience],
    pub expected_wage_fen: i64,
    pub expected_wage_unit: WageUnit,
    pub position: Option<LatLng>,
    pub areas: &'a [String],
    pub available_from: NaiveDate,
    /// Certificates unions issued (the typed ones are not checked, so they do not count).
    pub certificates: &'a [CardCertificate],
}

impl<'a> From<&'a JobCardInput> for WorkerFacts<'a> {
    fn from(c: &'a JobCardInput) -> Self {
        WorkerFacts {
            trades: &c.trades,
            expected_wage_fen: c.expected_wage_fen,
            expected_wage_unit: c.expected_wage_unit,
            position: c.position,
            areas: &c.areas,
            available_from: c.available_from,
            certificates: &[],
        }
    }
}

impl<'a> From<&'a JobCard> for WorkerFacts<'a> {
    fn from(c: &'a JobCard) -> Self {
        WorkerFacts {
            certificates: &c.verified_certificates,
            ..WorkerFacts::from(&c.card)
        }
    }
}

impl WorkerFacts<'_> {
    /// The same worker seen from another position (the phone's, right now).
    pub fn at(self, position: Option<LatLng>) -> Self {
        WorkerFacts {
            position: position.or(self.position),
            ..self
        }
    }
}

/// How a wage compares with what the worker expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WageFit {
    Above,
    Meets,
    Below,
}

/// One reason behind a score, language-neutral on the wire; `text` renders it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    SameTrade,
    /// The worker holds a union-issued certificate in the job's trade.
    Certified {
        name: String,
    },
    RelatedTrade,
    OtherTrade,
    /// Straight-line distance between the job and the worker.
    Distance {
        m: u32,
    },
    /// The distance as staff see it (`reach::DistanceBand`), never in metres.
    DistanceBand {
        band: super::reach::DistanceBand,
    },
    /// The job's district is one of the card's areas (no position known).
    InArea,
    /// Compared in `unit` (the common unit, or `day` for daily equivalents).
    Wage {
        unit: WageUnit,
        fit: WageFit,
    },
    /// The worker is free this many days after the start.
    StartsLate {
        days: u32,
    },
    /// The job ends before the worker is free.
    EndsBeforeAvailable,
    UnverifiedEmployer,
}

/// `800 m`, `3.2 km`, `23 km` (whole numbers only: no float formatting).
pub fn distance_text(m: u32) -> String {
    let tenths = (m + 50) / 100; // hundreds of metres, rounded
    if tenths < 10 {
        format!("{} m", tenths.max(1) * 100)
    } else if tenths < 100 {
        format!("{}.{} km", tenths / 10, tenths % 10)
    } else {
        format!("{} km", (m + 500) / 1000)
    }
}

fn wage_word(unit: WageUnit) -> (&'static str, &'static str) {
    match unit {
        WageUnit::Hour => ("时薪", "Hourly wage"),
        WageUnit::Day => ("日薪", "Daily wage"),
        WageUnit::Month => ("月薪", "Monthly wage"),
        WageUnit::Piece => ("计件单价", "Piece rate"),
    }
}

impl Reason {
    pub fn text(&self) -> Text {
        match *self {
            Reason::SameTrade => Text::new("工种一致", "Same trade"),
            Reason::Certified { ref name } => {
                Text::owned(format!("持证: {name}"), format!("Certified: {name}"))
            }
            Reason::RelatedTrade => Text::new("工种相近", "Related trade"),
            Reason::OtherTrade => Text::new("工种不同", "Different trade"),
            Reason::Distance { m } => Text::owned(distance_text(m), distance_text(m)),
            Reason::DistanceBand { band } => band.label(),
            Reason::InArea => Text::new("在期望地区", "In your chosen area"),
            Reason::Wage { unit, fit } => {
                let (zh, en) = wage_word(unit);
                let (fz, fe) = match fit {
                    WageFit::Above => ("高于期望", "above expectation"),
                    WageFit::Meets => ("符合期望", "meets expectation"),
                    WageFit::Below => ("低于期望", "below expectation"),
                };
                Text::owned(format!("{zh}{fz}"), format!("{en} {fe}"))
            }
            Reason::StartsLate { days } => Text::owned(
                format!("晚{days}天到岗"),
                format!("Free {days} days after the start"),
            ),
            Reason::EndsBeforeAvailable => {
                Text::new("能到岗时活已干完", "The job ends before you are free")
            }
            Reason::UnverifiedEmployer => {
                Text::new("企业未经工会核实", "Employer not verified by the union")
            }
        }
    }
}

/// A score with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Match {
    /// 0–100.
    pub score: u8,
    pub reasons: Vec<Reason>,
    /// Metres between the job and the worker, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

impl Match {
    /// The reasons in one line: `工种一致 · 3.2 km · 日薪高于期望`.
    pub fn summary(&self) -> Text {
        let (zh, en): (Vec<String>, Vec<String>) = self
            .reasons
            .iter()
            .map(|r| r.text())
            .map(|t| (t.zh.into_owned(), t.en.into_owned()))
            .unzip();
        Text::owned(zh.join(" · "), en.join(" · "))
    }
}

fn trade_part(job: &JobFacts, worker: &WorkerFacts) -> (f64, Vec<Reason>) {
    let same = worker
        .trades
        .iter()
        .filter(|t| job.trades.contains(&t.trade))
        .map(|t| t.years)
        .max();
    let certified = worker
        .certificates
        .iter()
        .find(|c| job.trades.contains(&c.trade));
    let same = match (same, certified) {
        (years, Some(_)) => Some(years.unwrap_or(0).max(CERTIFIED_YEARS)),
        (years, None) => years,
    };
    if let Some(years) = same {
        let mut reasons = vec![Reason::SameTrade];
        reasons.extend(certified.map(|c| Reason::Certified {
            name: c.name.clone(),
        }));
        return (
            TRADE_SAME + f64::from(years.min(TRADE_EXPERIENCE_MAX_YEARS)),
            reasons,
        );
    }
    let group = |t: Trade| Some(t.group()).filter(|g| *g != TradeGroup::Other);
    let related = worker.trades.iter().any(|w| {
        job.trades
            .iter()
            .any(|j| group(*j).is_some() && group(*j) == group(w.trade))
    });
    if related {
        (TRADE_RELATED, vec![Reason::RelatedTrade])
    } else {
        (0.0, vec![Reason::OtherTrade])
    }
}

/// A district matches an area by name either way round (蜀山 ~ 蜀山区); division codes never match a name.
fn in_area(district: &str, areas: &[String]) -> bool {
    let d = district.trim();
    !d.is_empty()
        && areas.iter().map(|a| a.trim()).any(|a| {
            !a.is_empty()
                && !a.bytes().all(|b| b.is_ascii_digit())
                && (d.contains(a) || a.contains(d))
        })
}

fn distance_part(job: &JobFacts, worker: &WorkerFacts) -> (f64, Option<Reason>, Option<u32>) {
    let area = in_area(job.district, worker.areas);
    if let Some(p) = worker.position {
        let m = geo::distance_m(p, job.position);
        let km = m / 1000.0;
        let pts = if km <= DISTANCE_FULL_KM {
            DISTANCE_MAX
        } else {
            (DISTANCE_MAX * (DISTANCE_ZERO_KM - km) / (DISTANCE_ZERO_KM - DISTANCE_FULL_KM))
                .max(0.0)
        };
        let m = m.round() as u32;
        let pts = if area { pts.max(DISTANCE_IN_AREA) } else { pts };
        (pts, Some(Reason::Distance { m }), Some(m))
    } else if area {
        (DISTANCE_IN_AREA, Some(Reason::InArea), None)
    } else if worker.areas.is_empty() {
        (DISTANCE_UNKNOWN, None, None)
    } else {
        (0.0, None, None)
    }
}

fn wage_part(job: &JobFacts, worker: &WorkerFacts) -> (f64, Option<Reason>) {
    let (unit, min, max, expected) = if job.wage_unit == worker.expected_wage_unit {
        (
            job.wage_unit,
            job.wage_min_fen,
            job.wage_max_fen,
            worker.expected_wage_fen,
        )
    } else {
        let day = |fen, unit: WageUnit| unit.daily_equivalent(fen);
        match (
            day(job.wage_min_fen, job.wage_unit),
            day(job.wage_max_fen, job.wage_unit),
            day(worker.expected_wage_fen, worker.expected_wage_unit),
        ) {
            (Some(min), Some(max), Some(exp)) => (WageUnit::Day, min, max, exp),
            _ => return (WAGE_NOT_COMPARABLE, None),
        }
    };
    if expected <= 0 {
        return (
            WAGE_MAX,
            Some(Reason::Wage {
                unit,
                fit: WageFit::Meets,
            }),
        );
    }
    if min >= expected {
        let fit = if min > expected {
            WageFit::Above
        } else {
            WageFit::Meets
        };
        (WAGE_MAX, Some(Reason::Wage { unit, fit }))
    } else if max >= expected {
        (
            WAGE_TOP_MEETS,
            Some(Reason::Wage {
                unit,
                fit: WageFit::Meets,
            }),
        )
    } else {
        let share = max as f64 / expected as f64;
        let pts = WAGE_BELOW_MAX
            * ((share - WAGE_BELOW_FLOOR) / (1.0 - WAGE_BELOW_FLOOR)).clamp(0.0, 1.0);
        (
            pts,
            Some(Reason::Wage {
                unit,
                fit: WageFit::Below,
            }),
        )
    }
}

fn availability_part(
    job: &JobFacts,
    worker: &WorkerFacts,
    today: NaiveDate,
) -> (f64, Option<Reason>) {
    let start = job.starts_on.max(today);
    if worker.available_from <= start {
        return (AVAILABILITY_MAX, None);
    }
    if job.ends_on.is_some_and(|end| worker.available_from > end) {
        return (0.0, Some(Reason::EndsBeforeAvailable));
    }
    let days = (worker.available_from - start).num_days();
    let pts = (AVAILABILITY_MAX * (1.0 - days as f64 / AVAILABILITY_GRACE_DAYS)).max(0.0);
    (pts, Some(Reason::StartsLate { days: days as u32 }))
}

/// Scores one job against one worker on `today` (Asia/Shanghai). Reasons come
/// in a fixed order: trade (and a certificate in it), distance or area, wage,
/// availability, employer.
pub fn score(job: &JobFacts, worker: &WorkerFacts, today: NaiveDate) -> Match {
    let mut reasons = Vec::new();
    let (trade, r) = trade_part(job, worker);
    reasons.extend(r);
    let (distance, r, distance_m) = distance_part(job, worker);
    reasons.extend(r);
    let (wage, r) = wage_part(job, worker);
    reasons.extend(r);
    let (availability, r) = availability_part(job, worker, today);
    reasons.extend(r);
    let verified = if job.employer_verified {
        VERIFIED_EMPLOYER
    } else {
        reasons.push(Reason::UnverifiedEmployer);
        0.0
    };
    let total = trade + distance + wage + availability + verified;
    Match {
        score: total.round().clamp(0.0, 100.0) as u8,
        reasons,
        distance_m,
    }
}

/// Best first: higher score, then nearer (unknown distance last), then lower id.
fn rank<T>(mut scored: Vec<(T, Match, i64)>) -> Vec<(T, Match)> {
    scored.sort_by(|(_, a, ia), (_, b, ib)| {
        b.score
            .cmp(&a.score)
            .then(
                a.distance_m
                    .unwrap_or(u32::MAX)
                    .cmp(&b.distance_m.unwrap_or(u32::MAX)),
            )
            .then(ia.cmp(ib))
    });
    scored.into_iter().map(|(t, m, _)| (t, m)).collect()
}

/// Jobs for a worker, best first. Only jobs live on `today` are ranked. `here`
/// (the phone's position now) replaces the card's position when given.
pub fn rank_jobs<'a>(
    worker: WorkerFacts<'_>,
    here: Option<LatLng>,
    jobs: &'a [JobSummary],
    today: NaiveDate,
) -> Vec<(&'a JobSummary, Match)> {
    let worker = worker.at(here);
    let scored = jobs
        .iter()
        .filter(|j| j.effective_status(today) == JobStatus::Live)
        .map(|j| (j, score(&JobFacts::from(j), &worker, today), j.id))
        .collect();
    rank(scored)
}

/// Workers (visible job cards) for a job, best first: the staff's candidate list.
pub fn rank_cards<'a>(
    job: &JobSummary,
    cards: &'a [JobCard],
    today: NaiveDate,
) -> Vec<(&'a JobCard, Match)> {
    let facts = JobFacts::from(job);
    let scored = cards
        .iter()
        .filter(|c| c.card.visible)
        .map(|c| (c, score(&facts, &WorkerFacts::from(c), today), c.id))
        .collect();
    rank(scored)
}

/// A job in the worker's match list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MatchedJob {
    pub job: JobSummary,
    #[serde(rename = "match")]
    pub matched: Match,
}

/// A worker in a job's candidate list (staff and the employer). The card's
/// position and metres are never sent, only a distance band in `matched`
/// (`Match::banded`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Candidate {
    pub card_id: i64,
    /// As the worker chose to be called, e.g. 王师傅.
    pub display_name: Option<String>,
    pub trades: Vec<TradeExperience>,
    pub certificates: Vec<String>,
    /// Certificates unions issued, verifiable by their QR codes.
    #[serde(default)]
    pub verified_certificates: Vec<CardCertificate>,
    pub expected_wage_fen: i64,
    pub expected_wage_unit: WageUnit,
    pub available_from: NaiveDate,
    #[serde(rename = "match")]
    pub matched: Match,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::card::tests::card;
    use crate::jobs::job::tests::{d, summary};
    use crate::jobs::EmployerStatus;

    const TODAY: &str = "2025-03-25";

    /// The card's worker stays here; `summary()` jobs are at (31.8206, 117.2272).
    fn worker_at(lat: f64, lng: f64) -> JobCardInput {
        JobCardInput {
            position: Some(LatLng::new(lat, lng)),
            areas: vec![],
            ..card()
        }
    }

    /// A job `km` north of (31.85, 117.26).
    fn job_north(id: i64, km: f64) -> JobSummary {
        JobSummary {
            lat: 31.85 + km / 111.195,
            lng: 117.26,
            ..summary(id)
        }
    }

    fn score_of(job: &JobSummary, card: &JobCardInput) -> Match {
        score(&JobFacts::from(job), &WorkerFacts::from(card), d(TODAY))
    }

    #[test]
    fn reasons_read_as_in_the_issue() {
        let job = JobSummary {
            wage_min_fen: 32_000,
            wage_max_fen: 36_000,
            ..job_north(1, 3.2)
        };
        let m = score_of(&job, &worker_at(31.85, 117.26));
        assert_eq!(m.summary().zh, "工种一致 · 3.2 km · 日薪高于期望");
        assert_eq!(
            m.summary().en,
            "Same trade · 3.2 km · Daily wage above expectation"
        );
    }

    #[test]
    fn a_perfect_match_scores_100_and_the_weights_add_up() {
        let max = TRADE_SAME
            + f64::from(TRADE_EXPERIENCE_MAX_YEARS)
            + DISTANCE_MAX
            + WAGE_MAX
            + AVAILABILITY_MAX
            + VERIFIED_EMPLOYER;
        assert_eq!(max, 100.0);
        let job = JobSummary {
            wage_min_fen: 32_000,
            ..job_north(1, 0.5)
        };
        assert_eq!(score_of(&job, &worker_at(31.85, 117.26)).score, 100);
    }

    #[test]
    fn same_trade_beats_a_closer_job_in_another_trade() {
        let me = worker_at(31.85, 117.26); // carpenter 12 years, general labourer 3 years
        let far_same = job_north(1, 45.0);
        let near_related = JobSummary {
            trades: vec![Trade::Mason],
            ..job_north(2, 0.3)
        };
        let near_other = JobSummary {
            trades: vec![Trade::Cook],
            ..job_north(3, 0.3)
        };
        let ranked: Vec<i64> = rank_jobs(
            (&me).into(),
            None,
            &[near_other, near_related, far_same],
            d(TODAY),
        )
        .iter()
        .map(|(j, _)| j.id)
        .collect();
        assert_eq!(ranked, [1, 2, 3]);
        // Even a newcomer to the trade, at the far edge of the distance scale.
        let newcomer = JobCardInput {
            trades: vec![TradeExperience {
                trade: Trade::Mason,
                years: 0,
            }],
            ..worker_at(31.85, 117.26)
        };
        let far = JobSummary {
            trades: vec![Trade::Mason],
            ..job_north(1, 80.0)
        };
        let near = JobSummary {
            trades: vec![Trade::Carpenter],
            ..job_north(2, 0.1)
        };
        assert!(score_of(&far, &newcomer).score > score_of(&near, &newcomer).score);
    }

    #[test]
    fn closer_beats_farther_in_the_same_trade() {
        let me = worker_at(31.85, 117.26);
        let jobs = [job_north(1, 30.0), job_north(2, 8.0), job_north(3, 1.0)];
        let ranked: Vec<i64> = rank_jobs((&me).into(), None, &jobs, d(TODAY))
            .iter()
            .map(|(j, _)| j.id)
            .collect();
        assert_eq!(ranked, [3, 2, 1]);
    }

    #[test]
    fn the_phones_position_replaces_the_cards() {
        let me = worker_at(31.85, 117.26);
        let jobs = [job_north(1, 20.0), job_north(2, 1.0)];
        let here = Some(LatLng::new(31.85 + 20.0 / 111.195, 117.26));
        let ranked = rank_jobs((&me).into(), here, &jobs, d(TODAY));
        assert_eq!(ranked[0].0.id, 1);
        assert!(ranked[0].1.distance_m.unwrap() < 100);
    }

    #[test]
    fn better_pay_ranks_higher_and_is_said_so() {
        let me = worker_at(31.85, 117.26); // expects 300 a day
        let above = JobSummary {
            wage_min_fen: 32_000,
            wage_max_fen: 36_000,
            ..job_north(1, 5.0)
        };
        let meets = JobSummary {
            wage_min_fen: 28_000,
            wage_max_fen: 32_000,
            ..job_north(2, 5.0)
        };
        let below = JobSummary {
            wage_min_fen: 22_000,
            wage_max_fen: 25_000,
            ..job_north(3, 5.0)
        };
        let far_below = JobSummary {
            wage_min_fen: 15_000,
            wage_max_fen: 18_000,
            ..job_north(4, 5.0)
        };
        let ranked: Vec<(i64, u8)> = rank_jobs(
            (&me).into(),
            None,
            &[far_below, below, meets, above],
            d(TODAY),
        )
        .iter()
        .map(|(j, m)| (j.id, m.score))
        .collect();
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert!(ranked[2].1 > ranked[3].1, "{ranked:?}");
        let low = JobSummary {
            wage_min_fen: 22_000,
            wage_max_fen: 25_000,
            ..job_north(3, 5.0)
        };
        assert!(score_of(&low, &me).summary().zh.contains("日薪低于期望"));
    }

    #[test]
    fn wages_in_other_units_compare_as_daily_equivalents() {
        let me = worker_at(31.85, 117.26); // 300 a day
        let monthly = JobSummary {
            wage_unit: WageUnit::Month,
            wage_min_fen: 806_000,
            wage_max_fen: 900_000,
            ..job_north(1, 1.0)
        }; // 310/day
        let m = score_of(&monthly, &me);
        assert!(
            m.reasons.contains(&Reason::Wage {
                unit: WageUnit::Day,
                fit: WageFit::Above
            }),
            "{m:?}"
        );
        let hourly_card = JobCardInput {
            expected_wage_unit: WageUnit::Hour,
            expected_wage_fen: 3_000,
            ..me.clone()
        };
        let hourly = JobSummary {
            wage_unit: WageUnit::Hour,
            wage_min_fen: 3_500,
            wage_max_fen: 4_000,
            ..job_north(2, 1.0)
        };
        assert!(score_of(&hourly, &hourly_card)
            .summary()
            .zh
            .contains("时薪高于期望"));
        let piece = JobSummary {
            wage_unit: WageUnit::Piece,
            wage_min_fen: 50,
            wage_max_fen: 80,
            ..job_north(3, 1.0)
        };
        let m = score_of(&piece, &me);
        assert!(!m.reasons.iter().any(|r| matches!(r, Reason::Wage { .. })));
    }

    #[test]
    fn availability_counts() {
        let me = JobCardInput {
            available_from: d("2025-04-09"),
            ..worker_at(31.85, 117.26)
        }; // free 12 days after the 28th
        let on_time = JobSummary {
            starts_on: d("2025-04-10"),
            ..job_north(1, 1.0)
        };
        let late = job_north(2, 1.0);
        let over = JobSummary {
            ends_on: Some(d("2025-04-05")),
            ..job_north(3, 1.0)
        };
        let jobs = [over, late, on_time];
        let ranked = rank_jobs((&me).into(), None, &jobs, d(TODAY));
        assert_eq!(
            ranked.iter().map(|(j, _)| j.id).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert!(ranked[1]
            .1
            .reasons
            .contains(&Reason::StartsLate { days: 12 }));
        assert!(ranked[2].1.summary().zh.contains("活已干完"));
        // Work under way counts from today, not from its past start.
        let now = JobCardInput {
            available_from: d(TODAY),
            ..worker_at(31.85, 117.26)
        };
        let under_way = JobSummary {
            starts_on: d("2025-03-01"),
            ..job_north(4, 1.0)
        };
        assert!(!score_of(&under_way, &now)
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::StartsLate { .. })));
    }

    #[test]
    fn verified_employers_rank_higher() {
        let me = worker_at(31.85, 117.26);
        let mut pending = job_north(1, 2.0);
        pending.employer.status = EmployerStatus::Pending;
        let verified = job_north(2, 2.0);
        let a = score_of(&pending, &me);
        let b = score_of(&verified, &me);
        assert_eq!(b.score - a.score, 5);
        assert!(a.summary().zh.ends_with("企业未经工会核实"));
    }

    #[test]
    fn areas_stand_in_for_a_missing_position() {
        let in_area = JobCardInput {
            position: None,
            areas: vec!["蜀山".into()],
            ..card()
        };
        let elsewhere = JobCardInput {
            position: None,
            areas: vec!["包河区".into()],
            ..card()
        };
        let anywhere = JobCardInput {
            position: None,
            areas: vec![],
            ..card()
        };
        let job = summary(1); // 蜀山区
        let (a, b, c) = (
            score_of(&job, &in_area),
            score_of(&job, &elsewhere),
            score_of(&job, &anywhere),
        );
        assert!(a.reasons.contains(&Reason::InArea));
        assert!(
            a.score > c.score && c.score > b.score,
            "{} {} {}",
            a.score,
            c.score,
            b.score
        );
        let code_only = JobCardInput {
            position: None,
            areas: vec!["340104".into()],
            ..card()
        };
        assert!(!score_of(&job, &code_only).reasons.contains(&Reason::InArea));
    }

    #[test]
    fn candidates_rank_by_the_same_score_with_experience_counting() {
        let job = job_north(1, 0.0);
        let make = |id: i64, years: u8, km: f64, visible: bool| JobCard {
            id,
            card: JobCardInput {
                trades: vec![TradeExperience {
                    trade: Trade::Carpenter,
                    years,
                }],
                visible,
                ..worker_at(31.85 + km / 111.195, 117.26)
            },
            verified_certificates: vec![],
            updated_at: "2025-03-20T00:00:00Z".into(),
        };
        let cards = [
            make(10, 1, 1.0, true),
            make(11, 8, 1.0, true),
            make(12, 20, 1.0, false),
            make(13, 8, 1.0, true),
        ];
        let ranked = rank_cards(&job, &cards, d(TODAY));
        assert_eq!(
            ranked.iter().map(|(c, _)| c.id).collect::<Vec<_>>(),
            [11, 13, 10]
        );
        // Two-way: the same pair scores the same from either side.
        let from_worker = rank_jobs(
            (&cards[1]).into(),
            None,
            std::slice::from_ref(&job),
            d(TODAY),
        );
        assert_eq!(from_worker[0].1, ranked[0].1);
    }

    fn certified(card: JobCardInput, trade: Trade, name: &str) -> JobCard {
        JobCard {
            id: 1,
            card,
            verified_certificates: vec![CardCertificate {
                serial: "GYPX-2025-000001".into(),
                name: name.into(),
                trade,
                issued_on: d("2025-03-20"),
            }],
            updated_at: "2025-03-20T00:00:00Z".into(),
        }
    }

    #[test]
    fn a_union_certificate_in_the_jobs_trade_is_a_reason_and_counts() {
        let newcomer = JobCardInput {
            trades: vec![TradeExperience {
                trade: Trade::DomesticWorker,
                years: 0,
            }],
            ..worker_at(31.85, 117.26)
        };
        let job = JobSummary {
            trades: vec![Trade::DomesticWorker],
            ..job_north(1, 1.0)
        };
        let plain = score_of(&job, &newcomer);
        let card = certified(newcomer.clone(), Trade::DomesticWorker, "家政服务结业证书");
        let with = score(&JobFacts::from(&job), &WorkerFacts::from(&card), d(TODAY));
        assert_eq!(with.reasons[0], Reason::SameTrade);
        assert_eq!(
            with.reasons[1],
            Reason::Certified {
                name: "家政服务结业证书".into()
            }
        );
        assert!(with
            .summary()
            .zh
            .starts_with("工种一致 · 持证: 家政服务结业证书 · "));
        assert_eq!(
            with.score - plain.score,
            CERTIFIED_YEARS,
            "counts as three years"
        );
        // A certificate in another trade says nothing and adds nothing.
        let other = certified(newcomer.clone(), Trade::PastryCook, "面点制作结业证书");
        assert_eq!(
            score(&JobFacts::from(&job), &WorkerFacts::from(&other), d(TODAY)),
            plain
        );
        // A trade learnt on the course but not on the card still makes a same-trade match.
        let cook = JobCardInput {
            trades: vec![TradeExperience {
                trade: Trade::Cleaner,
                years: 2,
            }],
            ..newcomer
        };
        let card = certified(cook, Trade::DomesticWorker, "家政服务结业证书");
        let m = score(&JobFacts::from(&job), &WorkerFacts::from(&card), d(TODAY));
        assert!(m.reasons.contains(&Reason::SameTrade), "{m:?}");
        // Ranked the same way from either side.
        let ranked = rank_cards(&job, std::slice::from_ref(&card), d(TODAY));
        assert_eq!(ranked[0].1, m);
        assert_eq!(
            serde_json::to_value(&m.reasons[1]).unwrap(),
            serde_json::json!({"kind": "certified", "name": "家政服务结业证书"})
        );
    }

    #[test]
    fn expired_and_taken_down_jobs_are_not_matched() {
        let me = worker_at(31.85, 117.26);
        let expired = JobSummary {
            valid_until: d("2025-03-24"),
            ..job_north(1, 1.0)
        };
        let down = JobSummary {
            status: JobStatus::TakenDown,
            ..job_north(2, 1.0)
        };
        assert!(rank_jobs((&me).into(), None, &[expired, down], d(TODAY)).is_empty());
    }

    #[test]
    fn distances_read_plainly() {
        assert_eq!(distance_text(20), "100 m");
        assert_eq!(distance_text(849), "800 m");
        assert_eq!(distance_text(3_240), "3.2 km");
        assert_eq!(distance_text(949), "900 m");
        assert_eq!(distance_text(950), "1.0 km");
        assert_eq!(distance_text(9_949), "9.9 km");
        assert_eq!(distance_text(9_950), "10 km");
        assert_eq!(distance_text(23_400), "23 km");
    }

    #[test]
    fn scores_are_deterministic_and_serialise() {
        let me = worker_at(31.85, 117.26);
        let job = job_north(1, 3.2);
        assert_eq!(score_of(&job, &me), score_of(&job, &me));
        let json = serde_json::to_value(MatchedJob {
            job: job.clone(),
            matched: score_of(&job, &me),
        })
        .unwrap();
        assert_eq!(json["match"]["reasons"][0]["kind"], "same_trade");
        assert_eq!(json["match"]["reasons"][1]["kind"], "distance");
        assert_eq!(
            json["match"]["reasons"][2],
            serde_json::json!({"kind": "wage", "unit": "day", "fit": "meets"})
        );
    }
}
