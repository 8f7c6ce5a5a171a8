//! 困难职工档案 (households on file). An approved hardship application whose
//! self-check found the household in hardship opens a file with that category,
//! the date it was opened, and a next review date a year on; staff close it
//! when the household is out of hardship (脱困). One open file per person.

use super::hardship::HardshipCategory;
use super::{finish, text_field};
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::query::Query;
use crate::unions::UnionRef;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A file is reviewed this many months after it was opened (or last reviewed).
pub const REVIEW_MONTHS: u32 = 12;

crate::vocabulary! {
    /// Whether a household is on file.
    pub enum HouseholdStatus {
        OnFile = "on_file", "在档", "On file";
        /// 脱困: out of hardship, the file closed.
        Closed = "closed", "已脱困", "Out of hardship";
    }
}

/// The next review: a year after `since` (29 February → 28 February).
pub fn next_review_on(since: NaiveDate) -> NaiveDate {
    since
        .checked_add_months(Months::new(REVIEW_MONTHS))
        .unwrap_or(since)
}

/// Whether a file opened on `since` files a household of `category`: only the
/// three hardship categories are filed.
pub fn files(category: HardshipCategory) -> bool {
    category != HardshipCategory::NotEligible
}

/// A household on file, as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Household {
    pub id: i64,
    /// The approved hardship application that opened the file.
    pub application_id: i64,
    /// The union whose programme filed it.
    pub union: UnionRef,
    pub name: String,
    pub id_number_masked: String,
    pub category: HardshipCategory,
    pub since: NaiveDate,
    pub next_review_on: NaiveDate,
    /// The review date has come.
    pub review_due: bool,
    pub status: HouseholdStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HouseholdEnvelope {
    pub household: Household,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HouseholdList {
    pub households: Vec<Household>,
    pub meta: ListMeta,
}

/// `GET /api/admin/benefits/households?union_id=&status=&category=&cursor=&limit=`, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HouseholdsQuery {
    pub union_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub status: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub category: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 64)))]
    pub cursor: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Households {
    pub union_id: Option<i64>,
    pub status: Option<HouseholdStatus>,
    pub category: Option<HardshipCategory>,
    pub after_id: Option<i64>,
    pub limit: u32,
}

impl HouseholdsQuery {
    pub fn read(q: &Query) -> Result<Households, FieldErrors> {
        let mut errors = FieldErrors::new();
        let union_id = q.opt("union_id", &mut errors);
        let status = q.str("status").and_then(|s| {
            let v = HouseholdStatus::parse(s);
            if v.is_none() {
                errors.add("status", why::not_a_choice());
            }
            v
        });
        let category = q.str("category").and_then(|s| {
            let v = HardshipCategory::parse(s).filter(|c| files(*c));
            if v.is_none() {
                errors.add("category", why::not_a_choice());
            }
            v
        });
        let after_id = super::api::cursor(q, &mut errors);
        let limit = crate::api::page_limit(q.opt("limit", &mut errors), 50, 100);
        finish(
            errors,
            Households {
                union_id,
                status,
                category,
                after_id,
                limit,
            },
        )
    }
}

/// `POST …/households/{household_id}/close`: out of hardship (脱困).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CloseHouseholdInput {
    /// Asia/Shanghai date: not before the file opened, not after today.
    pub closed_on: NaiveDate,
    /// 2–200 characters: why the household is out of hardship.
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub note: String,
}

impl CloseHouseholdInput {
    pub fn validate(
        &self,
        since: NaiveDate,
        today: NaiveDate,
    ) -> Result<CloseHouseholdInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.closed_on < since {
            errors.add(
                "closed_on",
                Text::new(
                    "脱困日期不能早于建档日期",
                    "The closing date cannot be before the file opened",
                ),
            );
        } else if self.closed_on > today {
            errors.add(
                "closed_on",
                Text::new(
                    "脱困日期不能在今天以后",
                    "The closing date cannot be after today",
                ),
            );
        }
        let note = text_field(&mut errors, "note", &self.note, 2, super::MAX_REASON);
        finish(
            errors,
            CloseHouseholdInput {
                closed_on: self.closed_on,
                note,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_file_is_reviewed_a_year_on_and_only_hardship_is_filed() {
        assert_eq!(next_review_on(d("2025-03-10")), d("2026-03-10"));
        assert_eq!(next_review_on(d("2024-02-29")), d("2025-02-28"));
        assert!(
            files(HardshipCategory::Deep)
                && files(HardshipCategory::Relative)
                && files(HardshipCategory::Accident)
        );
        assert!(!files(HardshipCategory::NotEligible));
    }

    #[test]
    fn closing_is_dated_between_the_opening_and_today() {
        let close = |on: &str, note: &str| CloseHouseholdInput {
            closed_on: d(on),
            note: note.into(),
        };
        let (since, today) = (d("2025-03-10"), d("2025-09-01"));
        assert!(close("2025-09-01", "丈夫康复后重新就业")
            .validate(since, today)
            .is_ok());
        assert!(close("2025-03-09", "重新就业")
            .validate(since, today)
            .unwrap_err()
            .get("closed_on")
            .is_some());
        assert!(close("2025-09-02", "重新就业")
            .validate(since, today)
            .unwrap_err()
            .get("closed_on")
            .is_some());
        assert!(close("2025-05-01", "")
            .validate(since, today)
            .unwrap_err()
            .get("note")
            .is_some());
    }
}
