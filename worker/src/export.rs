//! Staff CSV exports, streamed a page at a time: the file starts at once,
//! holds every row of the subtree however many there are, and never sits whole
//! in the Worker's memory. The cells come from the shared crate
//! (`<cap>::spreadsheet`), the file's form from `server::spreadsheet`
//! (UTF-8 with a BOM, formulas made inert).

use crate::error::AppResult;
use crate::reply::typed_stream;
use shared::server::spreadsheet::{csv_head, csv_rows};
use std::future::Future;
use std::rc::Rc;
use worker::{D1Database, Response};

/// Rows read per D1 call.
pub const PAGE: u32 = 1_000;

/// One page: its rows as cells, and the cursor of the next (`None` after the last).
pub type Page = AppResult<(Vec<Vec<String>>, Option<i64>)>;

/// The cursor after `rows` when they filled a page of `PAGE`.
pub fn next_after<T>(rows: &[T], key: impl Fn(&T) -> i64) -> Option<i64> {
    (rows.len() == PAGE as usize)
        .then(|| rows.last().map(key))
        .flatten()
}

/// A CSV download of `heading`, then every page `page(db, cursor)` yields from
/// `start` on. The database handle goes into each page and comes back out, so
/// the stream owns it while the response is written.
pub fn csv<F, Fut>(
    db: D1Database,
    heading: &'static [&'static str],
    filename: &str,
    start: i64,
    page: F,
) -> AppResult<Response>
where
    F: Fn(D1Database, i64) -> Fut + 'static,
    Fut: Future<Output = (D1Database, Page)> + 'static,
{
    let page = Rc::new(page);
    let stream = futures_util::stream::unfold(Some((db, start, true)), move |state| {
        let page = page.clone();
        async move {
            let (db, cursor, first) = state?;
            let (db, got) = page(db, cursor).await;
            match got {
                Ok((rows, next)) => {
                    let mut bytes = if first { csv_head(heading) } else { Vec::new() };
                    bytes.extend(csv_rows(&rows));
                    Some((Ok(bytes), next.map(|n| (db, n, false))))
                }
                Err(e) => {
                    worker::console_error!("export page at {cursor}: {e:?}");
                    Some((Err(worker::Error::RustError("export failed".into())), None))
                }
            }
        }
    });
    typed_stream(stream, "text/csv; charset=utf-8", filename)
}
