//! The staff workspace's home page (概览): what needs doing today in the
//! chosen subtree, as counts that each open their queue already filtered.
//!
//! The extension point: a capability with a queue adds a [`Queue`] variant
//! (its label and the path of its filtered queue) and answers its count in
//! the Worker's overview handler. The list carries only the queues the
//! caller may work (a viewer sees no review queues), in this order.

use crate::accounts::StaffRole;
use crate::lang::Text;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// A queue of work with a count on 概览.
    pub enum Queue {
        /// Enrolment and transfer applications waiting for a decision.
        Enrolments = "enrolments", "待审核的入会申请", "Enrolments waiting for review";
        /// Stations with a worker's open report, or not checked for `RECHECK_AFTER_DAYS`.
        StationsToRecheck = "stations_to_recheck", "待核实的驿站", "Stations due for re-checking";
        /// Workers' reports of fake or misleading job ads, not yet decided.
        JobReports = "job_reports", "待处理的虚假招工举报", "Fake-ad reports to handle";
        /// Courses and competitions starting this week (Monday to Sunday, Asia/Shanghai).
        CoursesThisWeek = "courses_this_week", "本周开课的培训", "Courses starting this week";
        /// Open wage cases with a statutory clock due soon or past due (`rights::clocks`).
        CasesWithClockDue = "cases_with_clock_due", "期限将到或已过的欠薪案件", "Wage cases with a deadline due";
    }
}

/// A station not checked by staff for this many days is due again.
pub const RECHECK_AFTER_DAYS: i64 = 180;

impl Queue {
    /// The least role that works this queue (the count is shown only to them).
    pub fn role(self) -> StaffRole {
        match self {
            Queue::Enrolments | Queue::JobReports | Queue::CasesWithClockDue => StaffRole::Staff,
            Queue::StationsToRecheck | Queue::CoursesThisWeek => StaffRole::Viewer,
        }
    }

    /// The workspace path of the queue, filtered to what is counted (`week`:
    /// this week's Monday and Sunday).
    pub fn path(self, week: (NaiveDate, NaiveDate)) -> String {
        match self {
            Queue::Enrolments => "/admin/applications".into(),
            Queue::StationsToRecheck => "/admin/stations/recheck".into(),
            Queue::JobReports => "/admin/job-reports".into(),
            Queue::CasesWithClockDue => "/admin/rights/overdue?due=soon".into(),
            Queue::CoursesThisWeek => format!(
                "/admin/training?starts_from={}&starts_until={}",
                week.0, week.1
            ),
        }
    }

    /// What the count says, e.g. "3 份入会申请待审核".
    pub fn says(self, n: u32) -> Text {
        let l = self.label();
        Text::owned(format!("{}:{n}", l.zh), format!("{}: {n}", l.en))
    }
}

/// Monday and Sunday of the week of `today`.
pub fn week_of(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    (monday, monday + Duration::days(6))
}

/// The oldest last-checked date that is not yet due for re-checking.
pub fn recheck_cutoff(today: NaiveDate) -> NaiveDate {
    today - Duration::days(RECHECK_AFTER_DAYS)
}

/// One count on 概览.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueueCount {
    pub queue: Queue,
    pub count: u32,
    /// The workspace path of the queue, already filtered.
    pub path: String,
}

/// `GET /api/admin/overview`: the counts of the subtree, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OverviewCounts {
    pub counts: Vec<QueueCount>,
}

impl OverviewCounts {
    pub fn get(&self, queue: Queue) -> Option<u32> {
        self.counts
            .iter()
            .find(|c| c.queue == queue)
            .map(|c| c.count)
    }
}

/// `?union_id=`: one union of the caller's subtree (default: the whole subtree).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OverviewQuery {
    pub union_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OverviewRoute {
    Counts,
}

pub const ROUTES: &[Route] = &[Route::new(
    RouteId::Overview(OverviewRoute::Counts),
    Method::Get,
    "/api/admin/overview",
    Access::Staff(StaffRole::Viewer),
    "概览: counts of the work waiting in the subtree, each with the path of its filtered queue",
    Reply::Json(schema!(OverviewCounts)),
)
.query(schema!(OverviewQuery))];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_week_runs_monday_to_sunday() {
        // 2026-12-03 is a Thursday.
        assert_eq!(week_of(d("2026-12-03")), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(week_of(d("2026-11-30")), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(week_of(d("2026-12-06")), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(recheck_cutoff(d("2026-12-03")), d("2026-06-06"));
    }

    #[test]
    fn each_queue_links_to_its_filtered_list() {
        let week = week_of(d("2026-12-03"));
        assert_eq!(
            Queue::CoursesThisWeek.path(week),
            "/admin/training?starts_from=2026-11-30&starts_until=2026-12-06"
        );
        assert_eq!(Queue::Enrolments.path(week), "/admin/applications");
        assert_eq!(Queue::Enrolments.role(), StaffRole::Staff);
        assert_eq!(Queue::Enrolments.says(3).zh, "待审核的入会申请:3");
        let counts = OverviewCounts {
            counts: vec![QueueCount {
                queue: Queue::JobReports,
                count: 2,
                path: Queue::JobReports.path(week),
            }],
        };
        assert_eq!(counts.get(Queue::JobReports), Some(2));
        assert_eq!(counts.get(Queue::Enrolments), None);
        for q in Queue::ALL {
            assert_eq!(Queue::parse(q.code()), Some(*q));
        }
    }
}
