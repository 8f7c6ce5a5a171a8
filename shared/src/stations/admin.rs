//! What staff see and send about stations.

use super::{ImportRow, Report, Station, StationStatus, StationType};
use crate::api::ListMeta;
use crate::error::FieldErrors;
use crate::query::Query;
use serde::{Deserialize, Serialize};

/// A row of the staff station list and of the re-check queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationRow {
    pub id: i64,
    pub name: String,
    pub station_type: StationType,
    pub union_name: String,
    pub district: String,
    pub status: StationStatus,
    pub last_verified_at: Option<String>,
    pub open_reports: u32,
    /// Check-ins over the last 7 days (Asia/Shanghai).
    pub visits_7d: u32,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationRows {
    pub stations: Vec<StationRow>,
    pub meta: ListMeta,
}

/// `GET /api/admin/stations`: stations of a subtree (default: the caller's), by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationRowsQuery {
    pub union_id: Option<i64>,
    /// Name contains this text.
    pub q: Option<String>,
    pub status: Option<StationStatus>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

impl StationRowsQuery {
    pub fn parse(q: &Query) -> Result<StationRowsQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let status = q.str("status").and_then(|s| {
            let v = StationStatus::parse(s);
            if v.is_none() {
                errors.add("status", crate::error::why::not_a_choice());
            }
            v
        });
        let out = StationRowsQuery {
            union_id: q.opt("union_id", &mut errors),
            q: q.str("q").map(String::from),
            status,
            cursor: q.str("cursor").map(String::from),
            limit: q.opt("limit", &mut errors),
        };
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

/// A station as staff see it: with its open reports and who last verified it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AdminStation {
    pub station: Station,
    pub verified_by: Option<String>,
    pub open_reports: Vec<Report>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AdminStationEnvelope {
    pub station: AdminStation,
}

/// One batch of a spreadsheet import (the app sends a file in batches, so a
/// progress bar moves and a dropped signal loses at most one batch, which is
/// retried with the same Idempotency-Key). A batch is imported whole or not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StationImport {
    pub union_id: i64,
    pub rows: Vec<ImportRow>,
}

pub const IMPORT_BATCH: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportResult {
    pub imported: u32,
    pub ids: Vec<i64>,
}

/// `GET /api/admin/stations/{station_id}/visits?days=30`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VisitsQuery {
    /// 1…366, default 30.
    pub days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DayCount {
    /// Asia/Shanghai date.
    pub day: String,
    pub visits: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VisitFigures {
    pub station_id: i64,
    pub days: Vec<DayCount>,
    pub total: u32,
}
