//! Staff handlers of the station map, scoped to the caller's union subtree.

use super::store::{self, StationDb};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::{ok, svg, typed_stream};
use crate::unions::scope::{in_scope, scope_of};
use shared::api::{cursor, page_limit, ListMeta};
use shared::routes::params;
use shared::stations::*;
use shared::{ApiError, FieldErrors, Text};
use worker::Response;

/// A station the caller may act on (404 outside the subtree).
async fn station_in_scope(ctx: &Ctx) -> AppResult<StationDb> {
    let s = store::by_id(&ctx.db()?, ctx.id(params::STATION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&s.union_path)?;
    Ok(s)
}

fn week_start(ctx: &Ctx) -> String {
    (ctx.today() - chrono::Duration::days(6)).to_string()
}

pub async fn list(ctx: &Ctx) -> AppResult<Response> {
    let q = StationRowsQuery::parse(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let after = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| {
            let (name, id) = c.rsplit_once('|')?;
            Some((name.to_string(), id.parse().ok()?))
        })
        .unwrap_or_default();
    let rows =
        store::rows_in_scope(&ctx.db()?, &scope, &q, &week_start(ctx), after, limit + 1).await?;
    let next = (rows.len() > limit as usize).then(|| {
        let last = &rows[limit as usize - 1];
        cursor::encode(&format!("{}|{}", last.name, last.id))
    });
    ok(&StationRows {
        stations: rows.into_iter().take(limit as usize).collect(),
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

pub async fn recheck(ctx: &Ctx) -> AppResult<Response> {
    let q = StationRowsQuery::parse(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let stations = store::recheck(&ctx.db()?, &scope, &week_start(ctx), limit).await?;
    ok(&StationRows {
        stations,
        meta: ListMeta {
            next_cursor: None,
            limit,
        },
    })
}

async fn admin_view(ctx: &Ctx, id: i64) -> AppResult<AdminStation> {
    let db = ctx.db()?;
    let s = store::by_id(&db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let visits = store::visits_on(&db, id, &ctx.today().to_string()).await?;
    Ok(AdminStation {
        verified_by: s.verified_by.clone(),
        open_reports: store::open_reports(&db, id).await?,
        station: s.wire(ctx.local_now(), visits),
    })
}

pub async fn get(ctx: &Ctx) -> AppResult<Response> {
    let s = station_in_scope(ctx).await?;
    ok(&AdminStationEnvelope {
        station: admin_view(ctx, s.id).await?,
    })
}

/// Validates the input and finds the (in-scope) union's path.
async fn checked_input(ctx: &mut Ctx) -> AppResult<(StationInput, String)> {
    let input: StationInput = ctx.body().await?;
    input.validate()?;
    let union = in_scope(ctx, input.union_id).await.map_err(|_| {
        ApiError::forbidden_field(
            "union_id",
            Text::new(
                "这个工会不在您的管辖范围内",
                "This union is outside your scope",
            ),
        )
    })?;
    Ok((input, union.path))
}

fn event<'a>(
    action: &'a str,
    id: i64,
    union_id: i64,
    path: &'a str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> audit::Event<'a> {
    audit::Event {
        action,
        target_type: "station",
        target_id: id.to_string(),
        union_id: Some(union_id),
        union_path: path,
        before,
        after,
    }
}

pub async fn create(ctx: &mut Ctx) -> AppResult<Response> {
    let (input, path) = checked_input(ctx).await?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let id = store::next_id(&db).await?;
    let e = event(
        "station.create",
        id,
        input.union_id,
        &path,
        None,
        Some(serde_json::to_value(&input)?),
    );
    db::batch(
        &db,
        vec![
            store::insert(&db, Some(id), &input, &path, &now)?,
            audit::statement(&db, ctx.staff()?, &e, &now, &ctx.client_ip())?,
        ],
    )
    .await
    // Another station took the same new id at the same moment: try again.
    .on_constraint("stations.id", || ApiError::rate_limited(1))?;
    ok(&AdminStationEnvelope {
        station: admin_view(ctx, id).await?,
    })
}

pub async fn update(ctx: &mut Ctx) -> AppResult<Response> {
    let before = station_in_scope(ctx).await?;
    let (input, path) = checked_input(ctx).await?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let e = event(
        "station.update",
        before.id,
        input.union_id,
        &path,
        Some(serde_json::to_value(before.input(ctx.local_now()))?),
        Some(serde_json::to_value(&input)?),
    );
    db::batch(
        &db,
        vec![
            store::update(&db, before.id, &input, &path, &now)?,
            audit::statement(&db, ctx.staff()?, &e, &now, &ctx.client_ip())?,
        ],
    )
    .await?;
    ok(&AdminStationEnvelope {
        station: admin_view(ctx, before.id).await?,
    })
}

pub async fn verify(ctx: &mut Ctx) -> AppResult<Response> {
    let s = station_in_scope(ctx).await?;
    let db = ctx.db()?;
    let now = ctx.now_text();
    let staff = ctx.staff()?;
    let reports = store::open_reports(&db, s.id).await?;
    let e = event(
        "station.verify",
        s.id,
        s.union_id,
        &s.union_path,
        None,
        Some(serde_json::json!({ "resolved_reports": reports.len() })),
    );
    let mut statements = store::verify(&db, s.id, &staff.display_name, &now)?;
    statements.push(audit::statement(&db, staff, &e, &now, &ctx.client_ip())?);
    db::batch(&db, statements).await?;
    ok(&AdminStationEnvelope {
        station: admin_view(ctx, s.id).await?,
    })
}

/// One batch of a spreadsheet: every row checked again here; all inserted in one
/// D1 transaction, or none. Replays of the same batch (same Idempotency-Key)
/// return the first result instead of importing twice.
pub async fn import(ctx: &mut Ctx) -> AppResult<Response> {
    let owner = format!("station-import:{}", ctx.staff()?.id);
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let batch: StationImport = ctx.body().await?;
        if batch.rows.is_empty() || batch.rows.len() > IMPORT_BATCH {
            return Err(ApiError::field("rows", Text::owned(format!("每批1到{IMPORT_BATCH}行"), format!("1 to {IMPORT_BATCH} rows per batch"))).into());
        }
        let union = in_scope(ctx, batch.union_id)
            .await
            .map_err(|_| ApiError::forbidden_field("union_id", Text::new("这个工会不在您的管辖范围内", "This union is outside your scope")))?;
        let mut errors = FieldErrors::new();
        for row in &batch.rows {
            if row.station.union_id != batch.union_id {
                errors.0.push(shared::error::FieldError { field: format!("rows.{}.union_id", row.line), why: Text::new("每批只能导入到同一个工会", "A batch goes to one union") });
            }
            if let Err(e) = row.station.validate() {
                for f in e.0 {
                    errors.0.push(shared::error::FieldError { field: format!("rows.{}.{}", row.line, f.field), why: f.why });
                }
            }
        }
        errors.finish()?;
        let db = ctx.db()?;
        let now = ctx.now_text();
        let mut statements = Vec::with_capacity(batch.rows.len() + 1);
        for row in &batch.rows {
            statements.push(store::insert(&db, None, &row.station, &union.path, &now)?);
        }
        let e = event("station.import", 0, union.id, &union.path, None, Some(serde_json::json!({ "rows": batch.rows.iter().map(|r| r.line).collect::<Vec<_>>() })));
        statements.push(audit::statement(&db, ctx.staff()?, &e, &now, &ctx.client_ip())?);
        let results = db::batch(&db, statements).await?;
        let ids: Vec<i64> = results.iter().take(batch.rows.len()).map(|c| c.last_row_id).collect();
        Ok(serde_json::to_value(ImportResult { imported: ids.len() as u32, ids })?)
    })
    .await
}

/// Rows of the export read per D1 call.
const EXPORT_PAGE: u32 = 2_000;

/// Every station of the subtree, in id order, streamed a page at a time: the
/// file starts at once and holds every row, however many (200,000 work).
pub async fn export(ctx: &Ctx) -> AppResult<Response> {
    let q = StationRowsQuery::parse(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let now = ctx.local_now();
    // (db, after this id, first page?) — `None` once the last page is written.
    let start = Some((ctx.db()?, 0i64, true));
    let pages = futures_util::stream::unfold(start, move |state| {
        let scope = scope.clone();
        async move {
            let (db, after, first) = state?;
            let rows = match store::page_in_scope(&db, &scope, after, EXPORT_PAGE).await {
                Ok(rows) => rows,
                Err(e) => {
                    worker::console_error!("station export page after {after}: {e:?}");
                    return Some((Err(worker::Error::RustError("export failed".into())), None));
                }
            };
            let more = rows.len() == EXPORT_PAGE as usize;
            let last = rows.last().map_or(after, |r| r.id);
            let inputs: Vec<StationInput> = rows.iter().map(|r| r.input(now)).collect();
            let bytes = shared::stations::export_page(&inputs, first);
            Some((Ok(bytes), more.then_some((db, last, false))))
        }
    });
    typed_stream(pages, "text/csv; charset=utf-8", "stations-export.csv")
}

pub async fn visits(ctx: &Ctx) -> AppResult<Response> {
    let s = station_in_scope(ctx).await?;
    let mut errors = FieldErrors::new();
    let days: u32 = ctx.query().opt("days", &mut errors).unwrap_or(30);
    if !(1..=366).contains(&days) {
        errors.add("days", shared::error::why::out_of_range(1, 366));
    }
    errors.finish()?;
    let from = (ctx.today() - chrono::Duration::days(days as i64 - 1)).to_string();
    let counts = store::visit_days(&ctx.db()?, s.id, &from).await?;
    ok(&VisitFigures {
        station_id: s.id,
        total: counts.iter().map(|d| d.visits).sum(),
        days: counts,
    })
}

/// The QR code printed on the station's poster: scanning it opens the check-in page.
pub async fn poster(ctx: &Ctx) -> AppResult<Response> {
    let s = station_in_scope(ctx).await?;
    let origin = ctx.req.url()?.origin().ascii_serialization();
    svg(shared::server::qr::svg(
        &format!("{origin}/stations/{}/checkin", s.id),
        480,
    ))
}
