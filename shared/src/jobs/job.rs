//! A job (招工信息): what employers and staff post, the rules it must meet, its
//! lifecycle, and what each viewer may see of it.

use super::{finish, text_field, ApplicationStatus, EmployerRef};
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::geo::{self, LatLng};
use crate::lang::Text;
use crate::money::{self, WageUnit};
use crate::trades::Trade;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// At most this many trades on one job.
pub const MAX_TRADES: usize = 5;
/// A job may be advertised at most this many days ahead (`valid_until`).
pub const MAX_VALID_DAYS: u64 = 90;
/// A job may start at most this many days ahead.
pub const MAX_START_DAYS: u64 = 180;
/// The top of a wage range may be at most this many times its bottom: wider
/// ranges ("200–2000 a day") are how misleading ads lure workers.
pub const MAX_WAGE_SPREAD: i64 = 3;

crate::vocabulary! {
    /// When wages are paid.
    pub enum Settlement {
        Daily = "daily", "日结", "Paid daily";
        Weekly = "weekly", "周结", "Paid weekly";
        Monthly = "monthly", "月结", "Paid monthly";
    }
}

/// Where the work is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Place {
    /// WGS-84 (what the phone's location gives).
    pub lat: f64,
    pub lng: f64,
    /// The district as people say it, e.g. 蜀山区, 2–20 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub district: String,
}

impl Place {
    pub fn position(&self) -> LatLng {
        LatLng::new(self.lat, self.lng)
    }

    fn validate(&self, errors: &mut FieldErrors) -> Place {
        check_position(errors, "place.lat", self.position());
        let district = text_field(errors, "place.district", &self.district, 2, 20);
        Place {
            district,
            ..self.clone()
        }
    }
}

/// A WGS-84 position that must be valid and inside China.
pub(super) fn check_position(errors: &mut FieldErrors, field: &str, p: LatLng) {
    let swapped = LatLng::new(p.lng, p.lat);
    if (!p.is_valid() || geo::out_of_china(p)) && swapped.is_valid() && !geo::out_of_china(swapped)
    {
        errors.add(
            field,
            Text::new(
                "纬度和经度好像写反了",
                "Latitude and longitude seem swapped",
            ),
        );
    } else if !p.is_valid() {
        errors.add(field, Text::new("坐标不正确", "Invalid coordinates"));
    } else if geo::out_of_china(p) {
        errors.add(
            field,
            Text::new(
                "这个位置不在中国境内,请检查经纬度是否写反",
                "This position is outside China; are latitude and longitude swapped?",
            ),
        );
    }
}

/// Checks a list of trades: 1 to `max`, no repeats.
pub(super) fn check_trades(
    errors: &mut FieldErrors,
    field: &str,
    trades: impl IntoIterator<Item = Trade>,
    max: usize,
) {
    let trades: Vec<Trade> = trades.into_iter().collect();
    if trades.is_empty() {
        errors.add(
            field,
            Text::new("请至少选一个工种", "Choose at least one trade"),
        );
    } else if trades.len() > max {
        errors.add(
            field,
            Text::owned(
                format!("最多选{max}个工种"),
                format!("Choose at most {max} trades"),
            ),
        );
    } else if trades
        .iter()
        .enumerate()
        .any(|(i, t)| trades[..i].contains(t))
    {
        errors.add(
            field,
            Text::new("同一个工种选了两次", "A trade is chosen twice"),
        );
    }
}

/// What an employer (or staff on its behalf) posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobInput {
    /// Set when union staff post on an employer's behalf (at a job fair, say);
    /// an employer's own contacts leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_id: Option<i64>,
    /// 2–40 characters, e.g. 招木工5名.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub title: String,
    /// 1–5 trades from the shared list.
    pub trades: Vec<Trade>,
    /// At most 1000 characters; may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 1000)))]
    pub description: String,
    pub wage_min_fen: i64,
    pub wage_max_fen: i64,
    pub wage_unit: WageUnit,
    pub settlement: Settlement,
    /// Workers wanted, 1–500.
    pub headcount: u32,
    pub place: Place,
    /// Asia/Shanghai date; may be in the past for work already under way.
    pub starts_on: NaiveDate,
    /// Last day of work, if the job has one.
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// e.g. 7:00–17:00,午休1小时; 2–40 characters.
    #[cfg_attr(feature = "openapi", schemars(length(max = 40)))]
    pub working_hours: String,
    /// Meals provided (包吃).
    pub board: bool,
    /// Lodging provided (包住).
    pub lodging: bool,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub contact_name: String,
    /// A mainland mobile; shown only to workers who applied.
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub contact_phone: String,
    /// The ad is taken off the list after this Asia/Shanghai date: today to 90 days ahead.
    pub valid_until: NaiveDate,
}

impl JobInput {
    /// Checks every field against `today` (Asia/Shanghai); on success returns
    /// the input normalised (trimmed, phone as 11 digits).
    pub fn validate(&self, today: NaiveDate) -> Result<JobInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = text_field(&mut errors, "title", &self.title, 2, 40);
        check_trades(
            &mut errors,
            "trades",
            self.trades.iter().copied(),
            MAX_TRADES,
        );
        let description = text_field(&mut errors, "description", &self.description, 0, 1000);
        check_wage(
            &mut errors,
            self.wage_min_fen,
            self.wage_max_fen,
            self.wage_unit,
        );
        if !(1..=500).contains(&self.headcount) {
            errors.add("headcount", why::out_of_range(1, 500));
        }
        let place = self.place.validate(&mut errors);
        self.check_dates(&mut errors, today);
        let working_hours = text_field(&mut errors, "working_hours", &self.working_hours, 2, 40);
        let contact_name = text_field(&mut errors, "contact_name", &self.contact_name, 1, 20);
        let contact_phone = errors
            .check(
                "contact_phone",
                crate::phone::parse_mobile(&self.contact_phone),
            )
            .unwrap_or_default();
        finish(
            errors,
            JobInput {
                title,
                description,
                place,
                working_hours,
                contact_name,
                contact_phone,
                ..self.clone()
            },
        )
    }

    fn check_dates(&self, errors: &mut FieldErrors, today: NaiveDate) {
        if self.starts_on > today + Days::new(MAX_START_DAYS) {
            errors.add(
                "starts_on",
                Text::owned(
                    format!("开工日期最多在{MAX_START_DAYS}天以后"),
                    format!("The start can be at most {MAX_START_DAYS} days ahead"),
                ),
            );
        }
        if let Some(ends) = self.ends_on {
            if ends < self.starts_on {
                errors.add(
                    "ends_on",
                    Text::new(
                        "结束日期不能早于开工日期",
                        "The end date cannot be before the start date",
                    ),
                );
            } else if ends < today {
                errors.add(
                    "ends_on",
                    Text::new("这份工已经结束了", "This work has already ended"),
                );
            }
        }
        if self.valid_until < today {
            errors.add(
                "valid_until",
                Text::new("有效期不能早于今天", "Valid-until cannot be before today"),
            );
        } else if self.valid_until > today + Days::new(MAX_VALID_DAYS) {
            errors.add(
                "valid_until",
                Text::owned(
                    format!("有效期最长{MAX_VALID_DAYS}天"),
                    format!("An ad runs for at most {MAX_VALID_DAYS} days"),
                ),
            );
        } else if self.ends_on.is_some_and(|e| self.valid_until > e) {
            errors.add(
                "valid_until",
                Text::new(
                    "有效期不能晚于结束日期",
                    "Valid-until cannot be after the end date",
                ),
            );
        }
    }

    /// The text the full-text tables index: title, trade names, district, description.
    pub fn search_text(&self) -> String {
        search_text(
            &self.title,
            &self.trades,
            &self.place.district,
            &self.description,
        )
    }
}

/// One text for both FTS5 tables (the trigram table gets `text_search::normalize`
/// of it, the bigram table `text_search::bigrams`), so a search for 木工 finds a
/// job whose trade is 木工 even when its title does not say so.
pub fn search_text(title: &str, trades: &[Trade], district: &str, description: &str) -> String {
    let mut out = String::from(title.trim());
    for t in trades {
        out.push(' ');
        out.push_str(&t.label().zh);
    }
    for part in [district.trim(), description.trim()] {
        if !part.is_empty() {
            out.push(' ');
            out.push_str(part);
        }
    }
    out
}

/// Checks a wage range: each end plausible for its unit, bottom ≤ top, and a
/// top at most `MAX_WAGE_SPREAD` times the bottom.
pub(super) fn check_wage(errors: &mut FieldErrors, min: i64, max: i64, unit: WageUnit) {
    let min_ok = errors
        .check("wage_min_fen", unit.check_plausible(min))
        .is_some();
    let max_ok = errors
        .check("wage_max_fen", unit.check_plausible(max))
        .is_some();
    if min_ok && max_ok {
        if max < min {
            errors.add(
                "wage_max_fen",
                Text::new(
                    "最高工资不能低于最低工资",
                    "The top of the range cannot be below the bottom",
                ),
            );
        } else if max > min * MAX_WAGE_SPREAD {
            errors.add(
                "wage_max_fen",
                Text::owned(
                    format!("工资范围太宽:最高不超过最低的{MAX_WAGE_SPREAD}倍,请写实际能拿到的工资"),
                    format!("The range is too wide: the top may be at most {MAX_WAGE_SPREAD} times the bottom; give the wage people really get"),
                ),
            );
        }
    }
}

crate::vocabulary! {
    /// Where a job is in its life. Live jobs past their `valid_until` count as
    /// expired (see `effective`) even before a housekeeping job rewrites them.
    pub enum JobStatus {
        /// Saved, not shown to workers.
        Draft = "draft", "草稿", "Draft";
        /// On the list and open to applications.
        Live = "live", "招工中", "Hiring";
        /// Enough workers hired.
        Filled = "filled", "已招满", "Filled";
        /// Past its valid-until date.
        Expired = "expired", "已过期", "Expired";
        /// Removed by union staff after a report (moderation).
        TakenDown = "taken_down", "已下架", "Taken down";
    }
}

impl JobStatus {
    /// The allowed changes: publish a draft; a live job fills or expires; a
    /// filled or expired job is reopened (expired ones with a new valid-until);
    /// staff take down any published job and may restore it.
    pub fn can_become(self, next: JobStatus) -> bool {
        use JobStatus::*;
        matches!(
            (self, next),
            (Draft, Live)
                | (Live, Filled)
                | (Live, Expired)
                | (Live, TakenDown)
                | (Filled, Live)
                | (Expired, Live)
                | (Filled, TakenDown)
                | (Expired, TakenDown)
                | (TakenDown, Live)
        )
    }

    /// Changes only union staff may make: taking a job down and restoring it.
    pub fn staff_only(self, next: JobStatus) -> bool {
        next == JobStatus::TakenDown || self == JobStatus::TakenDown
    }

    /// The status as of `today`: a live job past its valid-until date is expired.
    pub fn effective(self, valid_until: NaiveDate, today: NaiveDate) -> JobStatus {
        if self == JobStatus::Live && valid_until < today {
            JobStatus::Expired
        } else {
            self
        }
    }
}

/// Who is looking at a job, which decides whether its contact phone is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone who has not applied, signed in or not.
    Public,
    /// A signed-in worker who applied to this job.
    Applicant,
    /// The employer's own contacts.
    Owner,
    /// Union staff with the job in their scope.
    Staff,
}

/// The job's contact. The phone is set only through `for_viewer`, so a handler
/// cannot hand it to someone who has not applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobContact {
    pub name: String,
    /// Present only for a worker who applied, the employer and staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

impl JobContact {
    pub fn for_viewer(name: &str, phone: &str, viewer: Viewer) -> JobContact {
        let shown = viewer != Viewer::Public;
        JobContact {
            name: name.to_string(),
            phone: shown.then(|| phone.to_string()),
        }
    }

    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }

    /// What to show in place of a hidden phone.
    pub fn hidden_note() -> Text {
        Text::new("申请后可以看到联系电话", "Apply to see the phone number")
    }
}

/// A job in a list: enough to decide whether to open it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobSummary {
    pub id: i64,
    pub title: String,
    pub trades: Vec<Trade>,
    pub wage_min_fen: i64,
    pub wage_max_fen: i64,
    pub wage_unit: WageUnit,
    pub settlement: Settlement,
    pub headcount: u32,
    pub district: String,
    /// WGS-84.
    pub lat: f64,
    pub lng: f64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub board: bool,
    pub lodging: bool,
    pub employer: EmployerRef,
    /// As stored; use `effective_status` for what to show.
    pub status: JobStatus,
    pub valid_until: NaiveDate,
    pub posted_at: String,
    /// From the position asked about, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

impl JobSummary {
    pub fn position(&self) -> LatLng {
        LatLng::new(self.lat, self.lng)
    }

    pub fn effective_status(&self, today: NaiveDate) -> JobStatus {
        self.status.effective(self.valid_until, today)
    }

    /// The range as a daily wage, for comparing and sorting; `None` for piece rates.
    pub fn daily_wage(&self) -> Option<(i64, i64)> {
        Some((
            self.wage_unit.daily_equivalent(self.wage_min_fen)?,
            self.wage_unit.daily_equivalent(self.wage_max_fen)?,
        ))
    }

    /// `300–350元/天`.
    pub fn wage_text(&self) -> Text {
        money::wage_text(self.wage_min_fen, self.wage_max_fen, self.wage_unit)
    }

    /// A gig (零工) one can start today: it has started or starts today and has not ended.
    pub fn starts_today(&self, today: NaiveDate) -> bool {
        self.starts_on <= today && self.ends_on.is_none_or(|e| e >= today)
    }
}

/// A job's own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Job {
    #[serde(flatten)]
    pub summary: JobSummary,
    pub description: String,
    pub working_hours: String,
    pub contact: JobContact,
    /// Workers hired for it so far.
    pub hires: u32,
    /// The signed-in worker's own application, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_application: Option<ApplicationStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobEnvelope {
    pub job: Job,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobList {
    pub jobs: Vec<JobSummary>,
    pub meta: ListMeta,
}

/// Staff or the employer change a job's status with this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobStatusChange {
    pub status: JobStatus,
    /// Required when a reopened job needs a new date (expired → live).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

impl JobStatusChange {
    /// Checks the change from `current` by someone who is (or is not) staff.
    pub fn validate(
        &self,
        current: JobStatus,
        by_staff: bool,
        today: NaiveDate,
    ) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !current.can_become(self.status) {
            errors.add(
                "status",
                Text::owned(
                    format!(
                        "“{}”不能改为“{}”",
                        current.label().zh,
                        self.status.label().zh
                    ),
                    format!(
                        "\"{}\" cannot become \"{}\"",
                        current.label().en,
                        self.status.label().en
                    ),
                ),
            );
        } else if current.staff_only(self.status) && !by_staff {
            errors.add(
                "status",
                Text::new(
                    "只有工会干事可以下架或恢复岗位",
                    "Only union staff can take a job down or restore it",
                ),
            );
        }
        match self.valid_until {
            Some(v) if v < today || v > today + Days::new(MAX_VALID_DAYS) => {
                errors.add(
                    "valid_until",
                    why::out_of_range(today, today + Days::new(MAX_VALID_DAYS)),
                );
            }
            None if current == JobStatus::Expired && self.status == JobStatus::Live => {
                errors.add(
                    "valid_until",
                    Text::new(
                        "重新发布要填新的有效期",
                        "Reopening needs a new valid-until date",
                    ),
                );
            }
            _ => {}
        }
        finish(errors, ())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::jobs::EmployerStatus;

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    pub fn input() -> JobInput {
        JobInput {
            employer_id: None,
            title: " 招木工5名 ".into(),
            trades: vec![Trade::Carpenter],
            description: "住宅楼模板支护,长期有活".into(),
            wage_min_fen: 30_000,
            wage_max_fen: 35_000,
            wage_unit: WageUnit::Day,
            settlement: Settlement::Daily,
            headcount: 5,
            place: Place {
                lat: 31.8206,
                lng: 117.2272,
                district: "蜀山区".into(),
            },
            starts_on: d("2025-03-28"),
            ends_on: Some(d("2025-06-30")),
            working_hours: "7:00–17:00,午休1小时".into(),
            board: true,
            lodging: false,
            contact_name: "王师傅".into(),
            contact_phone: "138 0013 8000".into(),
            valid_until: d("2025-04-30"),
        }
    }

    pub fn summary(id: i64) -> JobSummary {
        JobSummary {
            id,
            title: "招木工5名".into(),
            trades: vec![Trade::Carpenter],
            wage_min_fen: 30_000,
            wage_max_fen: 35_000,
            wage_unit: WageUnit::Day,
            settlement: Settlement::Daily,
            headcount: 5,
            district: "蜀山区".into(),
            lat: 31.8206,
            lng: 117.2272,
            starts_on: d("2025-03-28"),
            ends_on: None,
            board: true,
            lodging: false,
            employer: EmployerRef {
                id: 1,
                name: "合肥某建筑劳务公司".into(),
                status: EmployerStatus::Verified,
            },
            status: JobStatus::Live,
            valid_until: d("2025-04-30"),
            posted_at: "2025-03-20T01:00:00Z".into(),
            distance_m: None,
        }
    }

    const TODAY: &str = "2025-03-25";

    #[test]
    fn a_good_job_passes_normalised() {
        let ok = input().validate(d(TODAY)).unwrap();
        assert_eq!(ok.title, "招木工5名");
        assert_eq!(ok.contact_phone, "13800138000");
        assert_eq!(
            ok.search_text(),
            "招木工5名 木工 蜀山区 住宅楼模板支护,长期有活"
        );
        let labourer = search_text("招小工", &[Trade::Labourer], "包河区", "");
        assert_eq!(labourer, "招小工 普工(小工) 包河区");
    }

    #[test]
    fn wages_must_be_ordered_plausible_and_not_too_wide() {
        let today = d(TODAY);
        let e = JobInput {
            wage_min_fen: 35_000,
            wage_max_fen: 30_000,
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(
            e.get("wage_max_fen").unwrap().zh,
            "最高工资不能低于最低工资"
        );
        let e = JobInput {
            wage_min_fen: 20_000,
            wage_max_fen: 200_000,
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert!(e.get("wage_max_fen").unwrap().zh.contains("范围太宽"));
        // 350 "a month" is a daily wage in the wrong unit.
        let e = JobInput {
            wage_unit: WageUnit::Month,
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert!(e.get("wage_min_fen").unwrap().zh.starts_with("月薪应在"));
        let piece = JobInput {
            wage_unit: WageUnit::Piece,
            wage_min_fen: 50,
            wage_max_fen: 80,
            ..input()
        };
        assert!(piece.validate(today).is_ok());
        let equal = JobInput {
            wage_min_fen: 30_000,
            wage_max_fen: 30_000,
            ..input()
        };
        assert!(equal.validate(today).is_ok());
    }

    #[test]
    fn dates_are_ordered_and_the_ad_runs_at_most_90_days() {
        let today = d(TODAY);
        let e = JobInput {
            ends_on: Some(d("2025-03-01")),
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert!(e.get("ends_on").unwrap().zh.contains("早于开工"));
        let e = JobInput {
            valid_until: d("2025-03-24"),
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(e.get("valid_until").unwrap().zh, "有效期不能早于今天");
        assert!(JobInput {
            valid_until: today,
            ..input()
        }
        .validate(today)
        .is_ok());
        let last = today + Days::new(90);
        assert!(JobInput {
            valid_until: last,
            ends_on: None,
            ..input()
        }
        .validate(today)
        .is_ok());
        let e = JobInput {
            valid_until: last + Days::new(1),
            ends_on: None,
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(e.get("valid_until").unwrap().zh, "有效期最长90天");
        let e = JobInput {
            valid_until: d("2025-05-01"),
            ends_on: Some(d("2025-04-30")),
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert!(e.get("valid_until").unwrap().zh.contains("结束日期"));
        // Work already under way may still hire.
        assert!(JobInput {
            starts_on: d("2025-03-01"),
            ..input()
        }
        .validate(today)
        .is_ok());
        let e = JobInput {
            starts_on: d("2026-03-01"),
            ends_on: None,
            ..input()
        }
        .validate(today)
        .unwrap_err();
        assert!(e.get("starts_on").is_some());
    }

    #[test]
    fn every_other_field_is_checked() {
        let bad = JobInput {
            title: "招".into(),
            trades: vec![],
            headcount: 0,
            place: Place {
                lat: 117.2,
                lng: 31.8,
                district: "".into(),
            },
            working_hours: "".into(),
            contact_name: " ".into(),
            contact_phone: "0551-1234567".into(),
            description: "很".repeat(1001),
            ..input()
        };
        let e = bad.validate(d(TODAY)).unwrap_err();
        for field in [
            "title",
            "trades",
            "headcount",
            "place.lat",
            "place.district",
            "working_hours",
            "contact_name",
            "contact_phone",
            "description",
        ] {
            assert!(e.get(field).is_some(), "{field}");
        }
        assert!(e.get("place.lat").unwrap().zh.contains("写反"));
        let six = JobInput {
            trades: vec![
                Trade::Carpenter,
                Trade::Mason,
                Trade::Welder,
                Trade::Painter,
                Trade::Plumber,
                Trade::Labourer,
            ],
            ..input()
        };
        assert_eq!(
            six.validate(d(TODAY))
                .unwrap_err()
                .get("trades")
                .unwrap()
                .zh,
            "最多选5个工种"
        );
        let twice = JobInput {
            trades: vec![Trade::Carpenter, Trade::Carpenter],
            ..input()
        };
        assert!(twice
            .validate(d(TODAY))
            .unwrap_err()
            .get("trades")
            .unwrap()
            .zh
            .contains("两次"));
    }

    #[test]
    fn lifecycle_moves_only_along_allowed_paths() {
        use JobStatus::*;
        let allowed = [
            (Draft, Live),
            (Live, Filled),
            (Live, Expired),
            (Live, TakenDown),
            (Filled, Live),
            (Expired, Live),
            (TakenDown, Live),
        ];
        for (a, b) in allowed {
            assert!(a.can_become(b), "{a:?} → {b:?}");
        }
        for (a, b) in [
            (Live, Draft),
            (Filled, Expired),
            (Draft, Filled),
            (Draft, TakenDown),
            (Expired, Filled),
            (TakenDown, Filled),
        ] {
            assert!(!a.can_become(b), "{a:?} → {b:?}");
        }
        for &s in JobStatus::ALL {
            assert!(!s.can_become(s));
            assert_eq!(JobStatus::parse(s.code()), Some(s));
        }
        assert!(Live.staff_only(TakenDown));
        assert!(TakenDown.staff_only(Live));
        assert!(!Live.staff_only(Filled));
    }

    #[test]
    fn status_changes_check_who_and_dates() {
        use JobStatus::*;
        let today = d(TODAY);
        let take_down = JobStatusChange {
            status: TakenDown,
            valid_until: None,
        };
        assert!(take_down.validate(Live, true, today).is_ok());
        assert!(take_down
            .validate(Live, false, today)
            .unwrap_err()
            .get("status")
            .unwrap()
            .zh
            .contains("工会干事"));
        let reopen = JobStatusChange {
            status: Live,
            valid_until: None,
        };
        assert!(reopen
            .validate(Expired, false, today)
            .unwrap_err()
            .get("valid_until")
            .is_some());
        let reopen = JobStatusChange {
            status: Live,
            valid_until: Some(d("2025-04-10")),
        };
        assert!(reopen.validate(Expired, false, today).is_ok());
        let too_far = JobStatusChange {
            status: Live,
            valid_until: Some(d("2025-12-31")),
        };
        assert!(too_far
            .validate(Filled, false, today)
            .unwrap_err()
            .get("valid_until")
            .is_some());
        let back = JobStatusChange {
            status: Draft,
            valid_until: None,
        };
        assert!(back
            .validate(Live, true, today)
            .unwrap_err()
            .get("status")
            .unwrap()
            .zh
            .contains("不能改为"));
    }

    #[test]
    fn live_jobs_expire_after_their_last_day() {
        let job = summary(1);
        assert_eq!(job.effective_status(d("2025-04-30")), JobStatus::Live);
        assert_eq!(job.effective_status(d("2025-05-01")), JobStatus::Expired);
        let filled = JobSummary {
            status: JobStatus::Filled,
            ..summary(1)
        };
        assert_eq!(filled.effective_status(d("2025-05-01")), JobStatus::Filled);
        let down = JobSummary {
            status: JobStatus::TakenDown,
            ..summary(1)
        };
        assert_eq!(down.effective_status(d("2025-05-01")), JobStatus::TakenDown);
    }

    #[test]
    fn contact_phone_is_shown_only_to_who_may_call() {
        let public = JobContact::for_viewer("王师傅", "13800138000", Viewer::Public);
        assert_eq!(public.phone(), None);
        let json = serde_json::to_value(&public).unwrap();
        assert!(json.get("phone").is_none(), "{json}");
        for v in [Viewer::Applicant, Viewer::Owner, Viewer::Staff] {
            assert_eq!(
                JobContact::for_viewer("王师傅", "13800138000", v).phone(),
                Some("13800138000")
            );
        }
        let applied = JobContact::for_viewer("王师傅", "13800138000", Viewer::Applicant);
        let back: JobContact =
            serde_json::from_value(serde_json::to_value(&applied).unwrap()).unwrap();
        assert_eq!(back.phone(), Some("13800138000"));
    }

    #[test]
    fn summaries_compare_wages_and_spot_gigs() {
        let job = summary(1);
        assert_eq!(job.daily_wage(), Some((30_000, 35_000)));
        assert_eq!(job.wage_text().zh, "300–350元/天");
        assert!(job.starts_today(d("2025-03-28")));
        assert!(!job.starts_today(d("2025-03-27")));
        let ended = JobSummary {
            ends_on: Some(d("2025-03-29")),
            ..summary(1)
        };
        assert!(!ended.starts_today(d("2025-03-30")));
        let json = serde_json::to_value(&job).unwrap();
        assert_eq!(json["settlement"], "daily");
        assert_eq!(json["starts_on"], "2025-03-28");
        assert_eq!(Settlement::Weekly.label().zh, "周结");
    }
}
