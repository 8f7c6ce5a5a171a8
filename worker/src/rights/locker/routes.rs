//! The locker's handlers for the signed-in worker, and the dispatch of every
//! locker route. Every route reads only the caller's own locker: another
//! worker's entry is "not found".

use super::store::{self, own_entry, wire, EntryRow, NewEntry};
use super::{confirm, CAPABILITY, PRIVATE_PATH};
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::idempotency;
use crate::reply::ok;
use shared::api::ListMeta;
use shared::rights::*;
use shared::routes::params;
use shared::server::crypto;
use shared::{ApiError, Text};
use worker::{D1Database, Response};

pub async fn handle(route: LockerRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        LockerRoute::Append => append(ctx).await,
        LockerRoute::Entries => entries(ctx).await,
        LockerRoute::Entry => entry(ctx).await,
        LockerRoute::Summary => summary(ctx).await,
        LockerRoute::Verify => verify(ctx).await,
        LockerRoute::ConfirmCode => confirm::code(ctx).await,
        LockerRoute::ConfirmQr => confirm::qr(ctx).await,
        LockerRoute::ConfirmPreview => confirm::preview(ctx).await,
        LockerRoute::Confirm => confirm::confirm(ctx).await,
    }
}

/// How many times an append links again after losing a race for its place.
const APPEND_TRIES: usize = 5;
const LIST_LIMIT: u32 = 400;
const CHAIN_PAGE: u32 = 1000;

/// An entry id: random below 2^53 (exact in JavaScript), so the entry and
/// the links of its files go in one batch.
fn new_id() -> i64 {
    ((u64::from_le_bytes(crypto::random_bytes::<8>()) >> 11) as i64).max(1)
}

async fn envelope(db: &D1Database, row: EntryRow) -> AppResult<serde_json::Value> {
    let entry = wire(db, std::slice::from_ref(&row))
        .await?
        .pop()
        .ok_or_else(ApiError::internal)?;
    Ok(serde_json::to_value(EntryEnvelope { entry })?)
}

fn already_corrected() -> ApiError {
    ApiError::conflict(Text::new(
        "这条记录已经更正过了,请更正最新的那一条",
        "This entry was already corrected; correct the newest one",
    ))
}

/// Appends a day (or a correction) to the caller's chain: the link is
/// computed with the server's receipt time and written, with the links of
/// its files, in one batch. A batch that lost its place in the chain to a
/// concurrent append (the UNIQUE keys on (user, seq) and (user, prev_hash))
/// reads the new head and links again. A replay (same key) answers the
/// first entry and appends nothing.
async fn append(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: EntryInput = ctx.body().await?;
            let mut day = input.validate(ctx.today())?;
            let db = ctx.db()?;
            if let Some(id) = day.employer_id {
                let employer = crate::jobs::store::employer(&db, id)
                    .await?
                    .filter(|e| e.status == "verified")
                    .ok_or_else(|| {
                        ApiError::field(
                            "employer_id",
                            Text::new(
                                "没有这个已认证的企业,可以填包工头的名字和电话",
                                "No such verified employer; give the labour boss's name and phone instead",
                            ),
                        )
                    })?;
                day.employer_name = employer.name;
            }
            let supersedes = match input.supersedes {
                None => None,
                Some(id) => {
                    let old = store::entry(&db, id)
                        .await?
                        .filter(|e| e.user_id == user_id)
                        .ok_or_else(|| {
                            ApiError::field(
                                "supersedes",
                                Text::new("没有找到要更正的记录", "The entry to correct was not found"),
                            )
                        })?;
                    if old.superseded_by.is_some() {
                        return Err(already_corrected().into());
                    }
                    Some((old.id, old.seq))
                }
            };
            for _ in 0..APPEND_TRIES {
                let head = store::head(&db, user_id).await?;
                let (seq, prev) = head.map_or((1, GENESIS.to_string()), |h| (h.seq + 1, h.hash));
                let received_at = ctx.now_text();
                let text = canonical(seq, &day, supersedes.map(|s| s.1));
                let hash = link_hash(&prev, &text, &received_at);
                let id = new_id();
                let mut statements = vec![store::insert(
                    &db,
                    &NewEntry {
                        id,
                        user_id,
                        seq,
                        day: &day,
                        supersedes,
                        received_at: &received_at,
                        prev_hash: &prev,
                        hash: &hash,
                    },
                )?];
                statements.extend(
                    crate::attachments::link_statements(
                        &db,
                        &day.attachments,
                        user_id,
                        CAPABILITY,
                        id,
                        PRIVATE_PATH,
                    )
                    .await?,
                );
                match db::batch(&db, statements).await {
                    Ok(_) => {
                        let row = store::entry(&db, id).await?.ok_or_else(ApiError::internal)?;
                        return envelope(&db, row).await;
                    }
                    Err(e) if e.is_unique("locker_entries.supersedes_id") => {
                        return Err(already_corrected().into())
                    }
                    // Another append took this place (or, rarely, this id): link again.
                    Err(AppError::Unique { .. }) => continue,
                    Err(e) => return Err(e),
                }
            }
            let mut busy = ApiError::rate_limited(2);
            busy.message = Text::new(
                "同时提交的记录太多,请稍后再试",
                "Too many entries at once; try again shortly",
            );
            Err(busy.into())
        },
    )
    .await
}

fn between(month: Option<(i32, u32)>) -> Option<(String, String)> {
    month.map(|(y, m)| {
        let (first, last) = month_bounds(y, m);
        (first.to_string(), last.to_string())
    })
}

async fn entries(ctx: &Ctx) -> AppResult<Response> {
    let month = MonthQuery::read(ctx.query())?;
    let db = ctx.db()?;
    let rows = store::entries_of(&db, ctx.worker_id()?, between(month), LIST_LIMIT).await?;
    ok(&EntryList {
        entries: wire(&db, &rows).await?,
        meta: ListMeta {
            next_cursor: None,
            limit: LIST_LIMIT,
        },
    })
}

async fn entry(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let row = own_entry(&db, ctx.id(params::LOCKER_ENTRY_ID)?, ctx.worker_id()?).await?;
    ok(&envelope(&db, row).await?)
}

async fn summary(ctx: &Ctx) -> AppResult<Response> {
    let month = MonthQuery::read(ctx.query())?;
    let db = ctx.db()?;
    let rows = store::standing_of(&db, ctx.worker_id()?, between(month)).await?;
    let days: Vec<DayEntry> = rows.iter().filter_map(EntryRow::day).collect();
    ok(&summarize(
        &days,
        month.map(|(y, m)| format!("{y:04}-{m:02}")),
    ))
}

/// Reads the whole chain a page at a time and checks it. A correction whose
/// stored target is not the entry its (hashed) `supersedes_seq` names is
/// reported as a bad correction.
async fn verify(ctx: &Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let db = ctx.db()?;
    let mut rows: Vec<EntryRow> = Vec::new();
    loop {
        let after = rows.last().map_or(0, |r| r.seq);
        let page = store::chain_page(&db, user_id, after, CHAIN_PAGE).await?;
        let done = page.len() < CHAIN_PAGE as usize;
        rows.extend(page);
        if done {
            break;
        }
    }
    let links: Vec<ChainLink> = rows
        .iter()
        .map(|r| {
            let mut link = r.link();
            if let (Some(target), Some(s)) = (r.supersedes_id, r.supersedes_seq) {
                let points_right = rows
                    .get((s - 1).max(0) as usize)
                    .is_some_and(|t| t.seq == s && t.id == target);
                if !points_right {
                    link.supersedes_seq = Some(0);
                }
            }
            link
        })
        .collect();
    ok(&verify_chain(&links, ctx.now_text()))
}
