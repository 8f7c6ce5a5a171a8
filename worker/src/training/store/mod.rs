//! All SQL of training, one file per part of the capability. Literal SQL
//! with bound values only; optional filters are `(?n IS NULL OR …)`, never
//! text put together from input.
#![allow(clippy::too_many_arguments)]

mod attendance;
mod certificates;
mod courses;
mod enrolments;
mod export;
mod figures;
mod notices;

pub use attendance::*;
pub use certificates::*;
pub use courses::*;
pub use enrolments::*;
pub use export::*;
pub use figures::*;
pub use notices::*;

/// The id a new row of `table` will get: explicit ids let one batch write a
/// row and the rows that refer to it. Two writers racing for the same id make
/// one batch fail on the primary key, and nothing is half-written.
pub async fn next_id(db: &worker::D1Database, table: IdTable) -> crate::error::AppResult<i64> {
    let sql = match table {
        IdTable::Courses => "SELECT coalesce(max(id), 0) + 1 AS n FROM training_courses",
        IdTable::Certificates => "SELECT coalesce(max(id), 0) + 1 AS n FROM training_certificates",
    };
    Ok(
        crate::db::first::<crate::db::Count>(db, sql, crate::params![])
            .await?
            .map_or(1, |c| c.n),
    )
}

#[derive(Debug, Clone, Copy)]
pub enum IdTable {
    Courses,
    Certificates,
}
