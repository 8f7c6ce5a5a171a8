//! The wire types of the jobs API that are not a domain type of their own:
//! envelopes and lists, the employer's view of applicants, the staff's
//! moderation queue, invitations, query parameters and figures.

use super::matching::{Candidate, MatchedJob};
use super::{
    finish, text_field, Application, ApplicationStatus, EmployerInput, EmployerStatus, JobStatus,
    JobSummary, ReportReason, TradeExperience,
};
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::geo::LatLng;
use crate::lang::Text;
use crate::query::Query;
use crate::unions::UnionRef;
use serde::{Deserialize, Serialize};

/// Union staff register an employer they have checked in person (at a job
/// fair, say): it is verified by `union_id` at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StaffEmployerInput {
    /// The union in the caller's subtree that vouches for it.
    pub union_id: i64,
    #[serde(flatten)]
    pub employer: EmployerInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationEnvelope {
    pub application: Application,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApplicationList {
    pub applications: Vec<Application>,
    pub meta: ListMeta,
}

/// What an applicant shares with the employer by applying: how to reach them
/// and their job card, if they keep one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobApplicant {
    /// The application's id.
    pub id: i64,
    pub job_id: i64,
    pub status: ApplicationStatus,
    pub applied_at: String,
    pub updated_at: String,
    pub display_name: Option<String>,
    pub phone: String,
    pub trades: Vec<TradeExperience>,
    pub certificates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobApplicantEnvelope {
    pub applicant: JobApplicant,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobApplicantList {
    pub applicants: Vec<JobApplicant>,
    pub meta: ListMeta,
}

/// Jobs ranked for the signed-in worker's job card, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MatchList {
    pub matches: Vec<MatchedJob>,
    pub meta: ListMeta,
}

/// Workers ranked for a job, best first (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CandidateList {
    pub candidates: Vec<Candidate>,
    pub meta: ListMeta,
}

/// `GET /api/job-card/matches?lat=&lng=`: the phone's position now, if shared;
/// otherwise the card's own position or areas are used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MatchesQuery {
    pub lat: Option<f64>,
    pub lng: Option<f64>,
}

impl MatchesQuery {
    pub fn read(q: &Query) -> Result<Option<LatLng>, FieldErrors> {
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
                if errors.is_empty() {
                    errors.add(
                        "lat",
                        Text::new("经度和纬度要一起提供", "Give lat and lng together"),
                    );
                }
                None
            }
        };
        finish(errors, at)
    }
}

/// Staff invite chosen workers (by job card) to look at a job; they see it in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InvitationInput {
    /// 1–50 job cards from the job's candidate list.
    pub card_ids: Vec<i64>,
}

pub const MAX_INVITATIONS: usize = 50;

impl InvitationInput {
    pub fn validate(&self) -> Result<Vec<i64>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let ids = &self.card_ids;
        if ids.is_empty() {
            errors.add(
                "card_ids",
                Text::new("请至少选一位工友", "Choose at least one worker"),
            );
        } else if ids.len() > MAX_INVITATIONS {
            errors.add(
                "card_ids",
                Text::owned(
                    format!("一次最多通知{MAX_INVITATIONS}人"),
                    format!("At most {MAX_INVITATIONS} at a time"),
                ),
            );
        } else if ids
            .iter()
            .enumerate()
            .any(|(i, id)| *id <= 0 || ids[..i].contains(id))
        {
            errors.add(
                "card_ids",
                Text::new(
                    "名单有重复或无效的人",
                    "The list has a repeated or invalid entry",
                ),
            );
        }
        finish(errors, ids.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InvitationReply {
    /// Workers notified now.
    pub invited: u32,
    /// Already invited to this job before (not notified twice).
    pub already: u32,
}

/// A job a union recommended to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Invitation {
    pub id: i64,
    pub job: JobSummary,
    pub union: UnionRef,
    pub invited_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InvitationList {
    pub invitations: Vec<Invitation>,
    pub meta: ListMeta,
}

/// How many invitations to open jobs the worker has not seen yet (the badge
/// on 找活's 为我推荐); after `InvitationsSeen`, 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnseenInvitations {
    pub unseen: u32,
}

crate::vocabulary! {
    /// Where a fake-ad report stands in the moderation queue.
    pub enum ReportStatus {
        Open = "open", "待处理", "Open";
        /// Staff agreed and took the job down.
        Upheld = "upheld", "已下架岗位", "Job taken down";
        /// Staff found nothing wrong.
        Dismissed = "dismissed", "查无问题", "No problem found";
    }
}

/// What the reporting worker gets back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReportReceipt {
    pub id: i64,
    pub status: ReportStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReportReceiptEnvelope {
    pub report: JobReportReceipt,
}

/// A report in the staff moderation queue. The reporter stays anonymous.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReport {
    pub id: i64,
    pub job: JobSummary,
    pub reason: ReportReason,
    pub note: Option<String>,
    pub status: ReportStatus,
    pub reported_at: String,
    pub decided_at: Option<String>,
    /// Open reports on the same job, this one included.
    pub open_on_job: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReportList {
    pub reports: Vec<JobReport>,
    pub meta: ListMeta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    /// Take the job down (every open report on it is upheld).
    TakeDown,
    /// Nothing wrong: close the report.
    Dismiss,
}

/// Staff decide a report with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportDecision {
    pub action: ReportAction,
    /// Also raise a flag on the employer's public record (only with take-down).
    #[serde(default)]
    pub flag_employer: bool,
    /// What staff found, 2–200 characters; shown on the flag.
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: String,
}

impl ReportDecision {
    pub fn validate(&self) -> Result<ReportDecision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let note = text_field(&mut errors, "note", &self.note, 2, 200);
        if self.flag_employer && self.action == ReportAction::Dismiss {
            errors.add(
                "flag_employer",
                Text::new(
                    "查无问题时不能标记企业",
                    "An employer cannot be flagged when nothing was found",
                ),
            );
        }
        finish(
            errors,
            ReportDecision {
                note,
                ..self.clone()
            },
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobReportEnvelope {
    pub report: JobReport,
}

/// Paging of staff lists: `?union_id=&status=&cursor=&limit=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AdminListQuery {
    /// Absent = the caller's whole subtree.
    pub union_id: Option<i64>,
    /// A status of the listed thing (employer, job, report).
    pub status: Option<String>,
    /// Words to look for, 1–40 characters: in an employer's name (or its whole
    /// credit code), in a job's title. Reports ignore it.
    pub q: Option<String>,
    /// Newest first; pass `meta.next_cursor` back for more.
    pub cursor: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<u32>,
}

/// The checked form of `AdminListQuery`, its status parsed by `parse_status`.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminList<S> {
    pub union_id: Option<i64>,
    pub status: Option<S>,
    pub q: Option<String>,
    /// Rows with a smaller id than this (newest first).
    pub before_id: Option<i64>,
    pub limit: u32,
}

impl<S> AdminList<S> {
    pub fn parse(
        q: &Query,
        parse_status: impl Fn(&str) -> Option<S>,
    ) -> Result<AdminList<S>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let union_id = q.opt("union_id", &mut errors);
        let status = q.str("status").and_then(|s| {
            let parsed = parse_status(s);
            if parsed.is_none() {
                errors.add("status", why::not_a_choice());
            }
            parsed
        });
        let before_id = q.str("cursor").and_then(|c| {
            let id = crate::api::cursor::decode(c)
                .and_then(|s| s.parse::<i64>().ok())
                .filter(|id| *id > 0);
            if id.is_none() {
                errors.add(
                    "cursor",
                    Text::new(
                        "翻页信息已失效,请从第一页重新查看",
                        "This page link is out of date; start again from the first page",
                    ),
                );
            }
            id
        });
        let limit = crate::api::page_limit(q.opt("limit", &mut errors), 50, 100);
        let text = q.str("q").map(str::to_string);
        if text.as_deref().is_some_and(|t| t.chars().count() > 40) {
            errors.add("q", why::too_long(40));
        }
        finish(
            errors,
            AdminList {
                union_id,
                status,
                q: text,
                before_id,
                limit,
            },
        )
    }

    /// The list's `meta`, given one row more than `limit` was asked for: trims
    /// `rows` to the page and points the cursor at its last id.
    pub fn page<T>(&self, rows: &mut Vec<T>, id: impl Fn(&T) -> i64) -> ListMeta {
        let more = rows.len() > self.limit as usize;
        rows.truncate(self.limit as usize);
        let next_cursor = more
            .then(|| {
                rows.last()
                    .map(|r| crate::api::cursor::encode(&id(r).to_string()))
            })
            .flatten();
        ListMeta {
            next_cursor,
            limit: self.limit,
        }
    }
}

/// Parsers for `AdminList::parse`.
pub fn employer_status(s: &str) -> Option<EmployerStatus> {
    EmployerStatus::parse(s)
}
pub fn job_status(s: &str) -> Option<JobStatus> {
    JobStatus::parse(s)
}
pub fn report_status(s: &str) -> Option<ReportStatus> {
    ReportStatus::parse(s)
}

/// `GET /api/job-fairs`: the calendar from today on, or of one union's subtree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FairsQuery {
    /// Only fairs run by this union or the unions below it.
    pub union_id: Option<i64>,
    /// Also fairs already over (staff look back).
    pub past: Option<bool>,
    /// 1–100, default 30.
    pub limit: Option<u32>,
}

/// One union in one month: the jobs figures unions report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobsMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Jobs that went live (first publication).
    pub jobs_posted: u32,
    /// Workers wanted by those jobs.
    pub places_offered: u32,
    pub applications: u32,
    /// Hires: each is a match (撮合).
    pub matches: u32,
    pub employers_verified: u32,
}

/// `GET /api/admin/job-figures`: by month for the chosen subtree, with totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobsFigures {
    pub from: String,
    pub to: String,
    pub months: Vec<JobsMonth>,
    pub totals: JobsTotals,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobsTotals {
    pub jobs_posted: u32,
    pub places_offered: u32,
    pub applications: u32,
    pub matches: u32,
    pub employers_verified: u32,
    /// Live jobs now.
    pub live_jobs: u32,
    /// Verified employers now.
    pub verified_employers: u32,
}

impl JobsFigures {
    /// Every month of the range, in order, with zeros where nothing happened.
    pub fn new(
        range: crate::membership::MonthRange,
        mut months: Vec<JobsMonth>,
        live_jobs: u32,
        verified_employers: u32,
    ) -> JobsFigures {
        let mut all = Vec::new();
        let mut m = range.start;
        while m < range.end {
            let key = crate::membership::figures::month_key(m);
            let row = months
                .iter()
                .position(|r| r.month == key)
                .map(|i| months.swap_remove(i));
            all.push(row.unwrap_or(JobsMonth {
                month: key,
                jobs_posted: 0,
                places_offered: 0,
                applications: 0,
                matches: 0,
                employers_verified: 0,
            }));
            m = m + chrono::Months::new(1);
        }
        let totals = all.iter().fold(
            JobsTotals {
                live_jobs,
                verified_employers,
                ..Default::default()
            },
            |mut t, r| {
                t.jobs_posted += r.jobs_posted;
                t.places_offered += r.places_offered;
                t.applications += r.applications;
                t.matches += r.matches;
                t.employers_verified += r.employers_verified;
                t
            },
        );
        JobsFigures {
            from: range.from_key(),
            to: range.to_key(),
            months: all,
            totals,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_lists_parse_status_cursor_and_limit() {
        let q = Query::parse("union_id=7&status=pending&limit=500");
        let l = AdminList::parse(&q, employer_status).unwrap();
        assert_eq!(
            (l.union_id, l.status, l.before_id, l.limit, l.q),
            (Some(7), Some(EmployerStatus::Pending), None, 100, None)
        );
        assert_eq!(
            AdminList::parse(&Query::parse("q=%20%E7%91%B6%E6%B5%B7%20"), job_status)
                .unwrap()
                .q
                .as_deref(),
            Some("瑶海")
        );
        assert!(
            AdminList::parse(&Query::parse(&format!("q={}", "字".repeat(41))), job_status)
                .unwrap_err()
                .get("q")
                .is_some()
        );
        let e = AdminList::parse(
            &Query::parse("status=sleeping&cursor=zz&union_id=x"),
            employer_status,
        )
        .unwrap_err();
        assert!(
            e.get("status").is_some() && e.get("cursor").is_some() && e.get("union_id").is_some()
        );
        let mut rows = vec![9, 8, 7];
        let l = AdminList::<JobStatus> {
            union_id: None,
            status: None,
            q: None,
            before_id: None,
            limit: 2,
        };
        let meta = l.page(&mut rows, |r| *r);
        assert_eq!(rows, vec![9, 8]);
        let next = AdminList::parse(
            &Query::parse(&format!("cursor={}", meta.next_cursor.unwrap())),
            job_status,
        )
        .unwrap();
        assert_eq!(next.before_id, Some(8));
        let mut last = vec![1];
        assert_eq!(l.page(&mut last, |r| *r).next_cursor, None);
    }

    #[test]
    fn matches_query_wants_both_coordinates() {
        assert_eq!(MatchesQuery::read(&Query::parse("")).unwrap(), None);
        assert_eq!(
            MatchesQuery::read(&Query::parse("lat=31.8&lng=117.2")).unwrap(),
            Some(LatLng::new(31.8, 117.2))
        );
        assert!(MatchesQuery::read(&Query::parse("lat=31.8"))
            .unwrap_err()
            .get("lat")
            .is_some());
        assert!(MatchesQuery::read(&Query::parse("lat=91&lng=1")).is_err());
        assert_eq!(
            MatchesQuery::read(&Query::parse("lat=x&lng=1"))
                .unwrap_err()
                .get("lat")
                .unwrap()
                .zh,
            "应为数字"
        );
    }

    #[test]
    fn invitations_and_decisions_are_checked() {
        assert_eq!(
            InvitationInput {
                card_ids: vec![3, 4]
            }
            .validate()
            .unwrap(),
            vec![3, 4]
        );
        for bad in [vec![], vec![3, 3], vec![0], (1..=51).collect()] {
            assert!(InvitationInput { card_ids: bad }.validate().is_err());
        }
        let d = ReportDecision {
            action: ReportAction::TakeDown,
            flag_employer: true,
            note: " 查实为虚假招工 ".into(),
        };
        assert_eq!(d.validate().unwrap().note, "查实为虚假招工");
        let d = ReportDecision {
            action: ReportAction::Dismiss,
            flag_employer: true,
            note: "查无问题".into(),
        };
        assert!(d.validate().unwrap_err().get("flag_employer").is_some());
        let d = ReportDecision {
            action: ReportAction::Dismiss,
            flag_employer: false,
            note: "".into(),
        };
        assert!(d.validate().unwrap_err().get("note").is_some());
    }

    #[test]
    fn figures_fill_every_month() {
        let range = crate::membership::MonthRange {
            start: "2025-01-01".parse().unwrap(),
            end: "2025-04-01".parse().unwrap(),
        };
        let feb = JobsMonth {
            month: "2025-02".into(),
            jobs_posted: 3,
            places_offered: 12,
            applications: 5,
            matches: 2,
            employers_verified: 1,
        };
        let f = JobsFigures::new(range, vec![feb], 4, 2);
        assert_eq!(
            f.months
                .iter()
                .map(|m| m.month.as_str())
                .collect::<Vec<_>>(),
            ["2025-01", "2025-02", "2025-03"]
        );
        assert_eq!(f.months[1].matches, 2);
        assert_eq!(
            (
                f.totals.matches,
                f.totals.places_offered,
                f.totals.live_jobs
            ),
            (2, 12, 4)
        );
        assert_eq!((f.from.as_str(), f.to.as_str()), ("2025-01", "2025-03"));
    }
}
