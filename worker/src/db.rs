//! Thin helpers over D1. SQL is always a literal with `?` placeholders, written
//! in a capability's `store.rs`; values are only ever bound, never formatted in.

use crate::error::{AppError, AppResult};
use serde::{de::DeserializeOwned, Deserialize};
use std::cell::Cell;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1ResultMeta};

thread_local! {
    static TALLY: Cell<Tally> = const { Cell::new(Tally { round_trips: 0, rows_read: 0 }) };
}

/// What this isolate has asked of D1 so far: every call below is one network
/// round trip in production (a batch is one). The router reads it before and
/// after a request and, in development only, answers the difference in the
/// `x-d1-round-trips` / `x-d1-rows-read` headers the bench and the API tests
/// read. Exact when requests do not overlap, as in the bench and the tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub round_trips: usize,
    pub rows_read: usize,
}

impl Tally {
    pub fn now() -> Tally {
        TALLY.with(Cell::get)
    }

    /// What was asked between `earlier` and now.
    pub fn since(earlier: Tally) -> Tally {
        let now = Tally::now();
        Tally {
            round_trips: now.round_trips.saturating_sub(earlier.round_trips),
            rows_read: now.rows_read.saturating_sub(earlier.rows_read),
        }
    }
}

/// Counts one round trip and what it read.
fn count(metas: impl IntoIterator<Item = Option<D1ResultMeta>>) {
    let read: usize = metas
        .into_iter()
        .map(|m| m.and_then(|m| m.rows_read).unwrap_or(0))
        .sum();
    TALLY.with(|t| {
        let mut v = t.get();
        v.round_trips += 1;
        v.rows_read += read;
        t.set(v);
    });
}

/// A value that can be bound to a placeholder.
pub trait Bind {
    fn js(&self) -> JsValue;
}

impl Bind for i64 {
    fn js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}
impl Bind for i32 {
    fn js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}
impl Bind for u32 {
    fn js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}
impl Bind for f64 {
    fn js(&self) -> JsValue {
        JsValue::from_f64(*self)
    }
}
impl Bind for bool {
    fn js(&self) -> JsValue {
        JsValue::from_f64(if *self { 1.0 } else { 0.0 })
    }
}
impl Bind for str {
    fn js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}
impl Bind for String {
    fn js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}
impl<T: Bind + ?Sized> Bind for &T {
    fn js(&self) -> JsValue {
        (**self).js()
    }
}
impl<T: Bind> Bind for Option<T> {
    fn js(&self) -> JsValue {
        self.as_ref().map(Bind::js).unwrap_or(JsValue::NULL)
    }
}

/// The bound values of a query: `params![id, name]`.
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => { &[$(&$v as &dyn $crate::db::Bind),*] };
}

/// Prepares `sql` with its bound values.
pub fn stmt(db: &D1Database, sql: &str, values: &[&dyn Bind]) -> AppResult<D1PreparedStatement> {
    let values: Vec<JsValue> = values.iter().map(|v| v.js()).collect();
    db.prepare(sql)
        .bind(&values)
        .map_err(|e| AppError::Internal(format!("bind {sql}: {e}")))
}

/// All rows of a query.
pub async fn all<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    values: &[&dyn Bind],
) -> AppResult<Vec<T>> {
    Ok(all_with_meta(db, sql, values).await?.0)
}

/// All rows, with D1's metadata (`rows_read` feeds the benchmarks).
pub async fn all_with_meta<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    values: &[&dyn Bind],
) -> AppResult<(Vec<T>, Option<D1ResultMeta>)> {
    let result = stmt(db, sql, values)?.all().await;
    let result = result.map_err(|e| {
        count([None]);
        query_error(sql, e)
    })?;
    count([result.meta().ok().flatten()]);
    let rows = result
        .results::<T>()
        .map_err(|e| AppError::Internal(format!("decode {sql}: {e}")))?;
    Ok((rows, result.meta().ok().flatten()))
}

/// The first row, if any.
pub async fn first<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    values: &[&dyn Bind],
) -> AppResult<Option<T>> {
    Ok(all_with_meta(db, sql, values).await?.0.into_iter().next())
}

/// Runs a statement, returning how many rows it changed.
pub async fn run(db: &D1Database, sql: &str, values: &[&dyn Bind]) -> AppResult<Changes> {
    let result = stmt(db, sql, values)?.run().await;
    let result = result.map_err(|e| {
        count([None]);
        query_error(sql, e)
    })?;
    let meta = result.meta().ok().flatten();
    count([meta.clone()]);
    Ok(Changes {
        changes: meta.as_ref().and_then(|m| m.changes).unwrap_or(0),
        last_row_id: meta.and_then(|m| m.last_row_id).unwrap_or(0),
    })
}

/// Runs statements atomically: D1 executes a batch as one transaction.
pub async fn batch(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
) -> AppResult<Vec<Changes>> {
    Ok(batch_results(db, statements)
        .await?
        .iter()
        .map(|r| {
            let meta = r.meta().ok().flatten();
            Changes {
                changes: meta.as_ref().and_then(|m| m.changes).unwrap_or(0),
                last_row_id: meta.and_then(|m| m.last_row_id).unwrap_or(0),
            }
        })
        .collect())
}

/// Runs statements in one round trip (one transaction), returning each one's
/// result: several reads answered at once.
pub async fn batch_results(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
) -> AppResult<Vec<worker::D1Result>> {
    let results = db.batch(statements).await.map_err(|e| {
        count([None]);
        query_error("batch", e)
    })?;
    count(results.iter().map(|r| r.meta().ok().flatten()));
    Ok(results)
}

/// Every statement's rows and rows read, from one round trip.
pub async fn batch_all<T: DeserializeOwned>(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
) -> AppResult<Vec<(Vec<T>, usize)>> {
    batch_results(db, statements)
        .await?
        .iter()
        .map(|r| {
            let rows = r
                .results::<T>()
                .map_err(|e| AppError::Internal(format!("decode batch: {e}")))?;
            let read = r.meta().ok().flatten().and_then(|m| m.rows_read);
            Ok((rows, read.unwrap_or(0)))
        })
        .collect()
}

pub struct Changes {
    pub changes: usize,
    pub last_row_id: i64,
}

/// A D1 failure. A UNIQUE or PRIMARY KEY violation keeps the constraint's
/// columns (`AppError::Unique`) so a handler can say what clashed
/// (`error::OnConstraint`); anything else is internal.
fn query_error(sql: &str, e: worker::Error) -> AppError {
    let detail = format!("query failed: {e} ({sql})");
    let message = e.to_string();
    if let Some(columns) = unique_columns(&message) {
        return AppError::Unique { columns, detail };
    }
    match check_name(&message) {
        Some(name) => AppError::Check { name, detail },
        None => AppError::Internal(detail),
    }
}

/// The name SQLite gives in "CHECK constraint failed: benefit_budget_kept"
/// (a named constraint; an unnamed one reports its expression).
fn check_name(message: &str) -> Option<String> {
    let rest = message.split_once("CHECK constraint failed: ")?.1;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The columns SQLite names in "UNIQUE constraint failed: staff.username"
/// (D1 wraps it: "D1_ERROR: UNIQUE constraint failed: staff.username: SQLITE_CONSTRAINT").
fn unique_columns(message: &str) -> Option<String> {
    let rest = message.split_once("UNIQUE constraint failed: ")?.1;
    let columns: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ',' | ' '))
        .collect();
    let columns = columns.trim();
    (!columns.is_empty()).then(|| columns.to_string())
}

/// The single-column count of a `SELECT count(*) AS n ...`.
#[derive(Deserialize)]
pub struct Count {
    pub n: i64,
}
