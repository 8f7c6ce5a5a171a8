#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockerRoute {
    Append,
    Entries,
    Entry,
    Summary,
    Verify,
    ConfirmCode,
    ConfirmQr,
    ConfirmPreview,
    Confirm,
}

const fn r(
    id: LockerRoute,
    method: Method,
    path: &'static str,
    summary: &'static str,
    reply: Reply,
) -> Route {
    // Every locker route is the signed-in worker's own; nobody else reads a locker.
    Route::new(
        RouteId::Locker(id),
        method,
        path,
        Access::Worker,
        summary,
        reply,
    )
}

pub const ROUTES: &[Route] = &[
    r(LockerRoute::Append, Method::Post, "/api/rights/locker/entries", "Record a day (or a correction that supersedes one): appended to one's hash chain with the server's receipt time", Reply::Json(schema!(EntryEnvelope))).body(schema!(EntryInput)).idempotent(),
    r(LockerRoute::Entries, Method::Get, "/api/rights/locker/entries", "One's entries, newest day first, superseded ones marked", Reply::Json(schema!(EntryList))).query(schema!(MonthQuery)),
    r(LockerRoute::Entry, Method::Get, "/api/rights/locker/entries/{locker_entry_id}", "One of one's entries with its photos and 对工 confirmations", Reply::Json(schema!(EntryEnvelope))),
    r(LockerRoute::Summary, Method::Get, "/api/rights/locker/summary", "Days, earned, advances, paid and owed per employer and month", Reply::Json(schema!(LockerSummary))).query(schema!(MonthQuery)),
    r(LockerRoute::Verify, Method::Get, "/api/rights/locker/verify", "Check one's whole hash chain", Reply::Json(schema!(ChainVerdict))),
    r(LockerRoute::ConfirmCode, Method::Get, "/api/rights/locker/entries/{locker_entry_id}/confirm-code", "The signed, expiring 对工 link of one's entry", Reply::Json(schema!(ConfirmLink))),
    r(LockerRoute::ConfirmQr, Method::Get, "/api/rights/locker/entries/{locker_entry_id}/confirm-qr.svg", "The 对工 QR code of one's entry, to show a co-worker", Reply::Svg),
    r(LockerRoute::ConfirmPreview, Method::Get, "/api/rights/locker/confirmations/preview", "What a scanned 对工 code confirms: the day, the site, the worker masked", Reply::Json(schema!(ConfirmPreview))).query(schema!(ConfirmQuery)),
    r(LockerRoute::Confirm, Method::Post, "/api/rights/locker/confirmations", "Confirm a co-worker's day with their scanned code; recorded once per co-worker", Reply::Json(schema!(ConfirmReply))).body(schema!(ConfirmInput)).idempotent(),
];
