//! Public station handlers and the dispatch of every station route.

use super::{admin, store};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::idempotency;
use crate::principal::Principal;
use crate::rate_limit::{self, Limit};
use crate::reply::{ok, typed};
use shared::api::{cursor, page_limit, ListMeta};
use shared::geo::Datum;
use shared::routes::params;
use shared::stations::{open_data, *};
use shared::ApiError;
use worker::Response;

pub async fn handle(route: StationsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        StationsRoute::Nearby => nearby(ctx).await,
        StationsRoute::Areas => areas(ctx).await,
        StationsRoute::MapConfig => map_config(ctx),
        StationsRoute::Get => get(ctx).await,
        StationsRoute::Report => report(ctx).await,
        StationsRoute::Visit => visit(ctx).await,
        StationsRoute::OpenDataJson => open_data_json(ctx).await,
        StationsRoute::OpenDataCsv => open_data_csv(ctx).await,
        StationsRoute::AdminList => admin::list(ctx).await,
        StationsRoute::AdminCreate => admin::create(ctx).await,
        StationsRoute::Recheck => admin::recheck(ctx).await,
        StationsRoute::Import => admin::import(ctx).await,
        StationsRoute::Export => admin::export(ctx).await,
        StationsRoute::AdminGet => admin::get(ctx).await,
        StationsRoute::AdminUpdate => admin::update(ctx).await,
        StationsRoute::Verify => admin::verify(ctx).await,
        StationsRoute::Visits => admin::visits(ctx).await,
        StationsRoute::Poster => admin::poster(ctx).await,
    }
}

async fn nearby(ctx: &Ctx) -> AppResult<Response> {
    let q = Nearby::parse(ctx.query())?;
    let found = store::nearby(&ctx.db()?, &q, ctx.local_now()).await?;
    let mut resp = ok(&NearbyList {
        stations: found.stations,
        meta: NearbyMeta {
            limit: q.limit,
            radius_m: found.radius_m.round() as u32,
            computed_at: ctx.now_text(),
        },
    })?;
    // For the bench: how much D1 read to answer.
    resp.headers_mut()
        .set("x-d1-rows-read", &found.rows_read.to_string())?;
    if ctx.query().flag("compare_full_scan")
        && ctx.secret("ENVIRONMENT").as_deref() == Some("development")
    {
        let full = store::nearby_full_scan_rows_read(&ctx.db()?, &q).await?;
        resp.headers_mut()
            .set("x-d1-rows-read-full-scan", &full.to_string())?;
    }
    Ok(resp)
}

/// Districts change rarely and the grouping reads every station: cached in KV for an hour.
async fn areas(ctx: &Ctx) -> AppResult<Response> {
    const KEY: &str = "cache:station-areas";
    let kv = ctx.kv()?;
    if let Some(cached) = kv.get(KEY).json::<AreaList>().await? {
        return ok(&cached);
    }
    let areas = store::areas(&ctx.db()?).await?;
    let list = AreaList {
        meta: ListMeta {
            next_cursor: None,
            limit: areas.len() as u32,
        },
        areas,
    };
    kv.put(KEY, serde_json::to_string(&list)?)?
        .expiration_ttl(3600)
        .execute()
        .await?;
    ok(&list)
}

/// Tiles are configurable (vars MAP_TILE_URL, MAP_TILE_SUBDOMAINS, MAP_TILE_DATUM,
/// MAP_ATTRIBUTION); the default is 高德 (AutoNavi), drawn in GCJ-02.
fn map_config(ctx: &Ctx) -> AppResult<Response> {
    let tile_url = ctx.secret("MAP_TILE_URL").unwrap_or_else(|| "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}".into());
    let datum = ctx
        .secret("MAP_TILE_DATUM")
        .and_then(|d| Datum::from_text(&d))
        .unwrap_or(Datum::Gcj02);
    ok(&MapConfig {
        tile_url,
        subdomains: ctx
            .secret("MAP_TILE_SUBDOMAINS")
            .unwrap_or_else(|| "1234".into()),
        datum,
        attribution: ctx
            .secret("MAP_ATTRIBUTION")
            .unwrap_or_else(|| "© 高德地图".into()),
    })
}

/// A station anyone may see: not defunct.
async fn public_station(ctx: &Ctx) -> AppResult<store::StationDb> {
    let id = ctx.id(params::STATION_ID)?;
    store::by_id(&ctx.db()?, id)
        .await?
        .filter(|s| s.status != "defunct")
        .ok_or_else(|| ApiError::not_found().into())
}

async fn get(ctx: &Ctx) -> AppResult<Response> {
    let s = public_station(ctx).await?;
    let visits = store::visits_on(&ctx.db()?, s.id, &ctx.today().to_string()).await?;
    ok(&StationEnvelope {
        station: s.wire(ctx.local_now(), visits),
    })
}

/// Who is acting, for reports and visits: the signed-in worker, else the phone.
fn visitor(ctx: &Ctx, device: Option<&str>) -> String {
    match &ctx.principal {
        Some(Principal::Worker { user_id }) => format!("user:{user_id}"),
        Some(Principal::Staff(s)) => format!("staff:{}", s.id),
        None => device
            .map(|d| format!("device:{d}"))
            .unwrap_or_else(|| "anonymous".into()),
    }
}

/// Whose Idempotency-Keys a report's key is among: the signed-in person, or
/// for a stranger the device (`shared::api::DEVICE_ID_HEADER`), never all
/// strangers together.
fn report_owner(ctx: &Ctx) -> AppResult<String> {
    if ctx.principal.is_some() {
        return Ok(visitor(ctx, None));
    }
    match ctx.header(shared::api::DEVICE_ID_HEADER) {
        Some(d) if shared::api::valid_device_id(&d) => Ok(visitor(ctx, Some(&d))),
        _ => Err(ApiError::bad_request(shared::Text::new(
            "缺少有效的设备编号(Device-Id),请刷新页面再试",
            "A valid Device-Id header is required; reload the page and try again",
        ))
        .into()),
    }
}

const REPORTS_PER_IP: Limit = Limit::new(30, 3600);

async fn report(ctx: &mut Ctx) -> AppResult<Response> {
    let station = public_station(ctx).await?;
    let reporter = visitor(ctx, None);
    let owner = format!("station-report:{}", report_owner(ctx)?);
    rate_limit::take(
        &ctx.db()?,
        &format!("station-report-ip:{}", ctx.client_ip()),
        REPORTS_PER_IP,
        ctx.now_ms(),
    )
    .await?;
    idempotency::once(ctx, &owner, async move |ctx: &mut Ctx| {
        let input: ReportInput = ctx.body().await?;
        input.validate()?;
        let r =
            store::add_report(&ctx.db()?, station.id, &input, &reporter, &ctx.now_text()).await?;
        Ok(serde_json::to_value(ReportEnvelope { report: r })?)
    })
    .await
}

async fn visit(ctx: &mut Ctx) -> AppResult<Response> {
    let station = public_station(ctx).await?;
    let input: VisitInput = ctx.body().await?;
    input.validate()?;
    let db = ctx.db()?;
    rate_limit::take(
        &db,
        &format!("visit-ip:{}", ctx.client_ip()),
        Limit::new(120, 3600),
        ctx.now_ms(),
    )
    .await?;
    let local = ctx.local_now();
    let hour = local.format("%Y-%m-%dT%H").to_string();
    let day = local.date().to_string();
    let counted = store::add_visit(
        &db,
        station.id,
        &visitor(ctx, Some(&input.device_id)),
        &hour,
        &day,
    )
    .await?;
    let visits_today = store::visits_on(&db, station.id, &day).await?;
    ok(&VisitEnvelope {
        visit: Visit {
            counted,
            visits_today,
            station_name: station.name,
        },
    })
}

/// `?province=` and seek paging (`?cursor=`, `?limit=` up to 5000) for both formats.
struct OpenDataPage {
    stations: Vec<Station>,
    meta: ListMeta,
}

async fn open_data_page(ctx: &Ctx) -> AppResult<OpenDataPage> {
    let mut errors = shared::FieldErrors::new();
    let limit = page_limit(ctx.query().opt("limit", &mut errors), 1000, 5000);
    errors.finish()?;
    let after = ctx
        .query()
        .str("cursor")
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let rows =
        store::open_data_page(&ctx.db()?, ctx.query().str("province"), after, limit + 1).await?;
    let next = (rows.len() > limit as usize)
        .then(|| cursor::encode(&rows[limit as usize - 1].id.to_string()));
    let now = ctx.local_now();
    let stations = rows
        .iter()
        .take(limit as usize)
        .map(|r| r.wire(now, 0))
        .collect();
    Ok(OpenDataPage {
        stations,
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

async fn open_data_json(ctx: &Ctx) -> AppResult<Response> {
    let page = open_data_page(ctx).await?;
    ok(&HsdsDataset {
        title: "工友驿站 · 工会驿站与户外劳动者服务站点".into(),
        license: "CC BY 4.0".into(),
        hsds_version: "3.0".into(),
        generated_at: ctx.now_text(),
        services: page.stations.iter().map(open_data::service).collect(),
        meta: page.meta,
    })
}

async fn open_data_csv(ctx: &Ctx) -> AppResult<Response> {
    let page = open_data_page(ctx).await?;
    let mut rows = vec![open_data::CSV_HEADER
        .iter()
        .map(|h| h.to_string())
        .collect::<Vec<_>>()];
    rows.extend(page.stations.iter().map(open_data::csv_row));
    let mut resp = typed(
        shared::server::spreadsheet::csv_bytes(&rows),
        "text/csv; charset=utf-8",
        Some("stations.csv"),
    )?;
    if let Some(next) = page.meta.next_cursor {
        resp.headers_mut().set(
            "link",
            &format!("</api/open-data/stations.csv?cursor={next}>; rel=\"next\""),
        )?;
    }
    Ok(resp)
}
