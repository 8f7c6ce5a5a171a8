//! All SQL of benefits, one file per part of the capability. Literal SQL with
//! bound values only; optional filters are `(?n IS NULL OR …)`, never text put
//! together from input.
#![allow(clippy::too_many_arguments)]

mod applications;
mod figures;
mod households;
mod notices;
mod programmes;

pub use applications::*;
pub use figures::*;
pub use households::*;
pub use notices::*;
pub use programmes::*;

/// The id a new row of `table` will get: explicit ids let one batch write a
/// row and the rows that refer to it. Two writers racing for the same id make
/// one batch fail on the primary key, and nothing is half-written.
pub async fn next_id(db: &worker::D1Database, table: IdTable) -> crate::error::AppResult<i64> {
    let sql = match table {
        IdTable::Programmes => "SELECT coalesce(max(id), 0) + 1 AS n FROM benefit_programmes",
        IdTable::Applications => "SELECT coalesce(max(id), 0) + 1 AS n FROM benefit_applications",
    };
    Ok(
        crate::db::first::<crate::db::Count>(db, sql, crate::params![])
            .await?
            .map_or(1, |c| c.n),
    )
}

#[derive(Debug, Clone, Copy)]
pub enum IdTable {
    Programmes,
    Applications,
}

/// The constraint names D1 reports, for `on_constraint`.
pub mod constraints {
    pub const PROGRAMME_ID: &str = "benefit_programmes.id";
    pub const APPLICATION_ID: &str = "benefit_applications.id";
    pub const BUDGET_KEPT: &str = "benefit_budget_kept";
    pub const VERSION: &str =
        "benefit_application_events.application_id, benefit_application_events.version";
    pub const ONCE_PER_PERIOD: &str = "benefit_applications.programme_id, benefit_applications.period, benefit_applications.person_index";
    pub const CHILD_ONCE_A_YEAR: &str =
        "benefit_applications.child_index, benefit_applications.child_year";
}
