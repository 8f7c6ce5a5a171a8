#[cfg_attr(not(feature = "openapi"), allow(unused_imports))]
// the types appear only in `schema!`
use super::*;
use crate::accounts::StaffRole;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StationsRoute {
    Nearby,
    Areas,
    MapConfig,
    Get,
    Report,
    Visit,
    OpenDataJson,
    OpenDataCsv,
    AdminList,
    AdminCreate,
    Recheck,
    Import,
    Export,
    AdminGet,
    AdminUpdate,
    Verify,
    Visits,
    Poster,
}

const fn r(
    id: StationsRoute,
    method: Method,
    path: &'static str,
    access: Access,
    summary: &'static str,
    reply: Reply,
) -> Route {
    Route::new(RouteId::Stations(id), method, path, access, summary, reply)
}

const STAFF: Access = Access::Staff(StaffRole::Staff);
const VIEWER: Access = Access::Staff(StaffRole::Viewer);

/// A batch of `IMPORT_BATCH` (50) spreadsheet rows, each a whole station.
const IMPORT_BODY_LIMIT: u32 = 512 * 1024;

pub const ROUTES: &[Route] = &[
    r(
        StationsRoute::Nearby,
        Method::Get,
        "/api/stations",
        Access::Public,
        "Nearest stations to a WGS-84 point, nearest first, with filters",
        Reply::Json(schema!(NearbyList)),
    )
    .query(schema!(NearbyQuery)),
    r(
        StationsRoute::Areas,
        Method::Get,
        "/api/stations/areas",
        Access::Public,
        "Cities and districts with stations, to choose instead of sharing one's position",
        Reply::Json(schema!(AreaList)),
    ),
    r(
        StationsRoute::MapConfig,
        Method::Get,
        "/api/stations/map-config",
        Access::Public,
        "Map tiles to draw with, and their datum",
        Reply::Json(schema!(MapConfig)),
    ),
    r(
        StationsRoute::Get,
        Method::Get,
        "/api/stations/{station_id}",
        Access::Public,
        "One station",
        Reply::Json(schema!(StationEnvelope)),
    ),
    r(
        StationsRoute::Report,
        Method::Post,
        "/api/stations/{station_id}/reports",
        Access::Public,
        "Report a problem with a station (closed, moved, amenity missing, other)",
        Reply::Json(schema!(ReportEnvelope)),
    )
    .body(schema!(ReportInput))
    .idempotent(),
    r(
        StationsRoute::Visit,
        Method::Post,
        "/api/stations/{station_id}/visits",
        Access::Public,
        "Check in at a station (QR poster); at most once an hour per person",
        Reply::Json(schema!(VisitEnvelope)),
    )
    .body(schema!(VisitInput)),
    r(
        StationsRoute::OpenDataJson,
        Method::Get,
        "/api/open-data/stations.json",
        Access::Public,
        "Open data as Open Referral HSDS 3.0 services, no personal data (paged; ?province=)",
        Reply::Json(schema!(HsdsDataset)),
    ),
    r(
        StationsRoute::OpenDataCsv,
        Method::Get,
        "/api/open-data/stations.csv",
        Access::Public,
        "Open data as UTF-8 CSV with BOM (paged; ?province=)",
        Reply::Csv,
    ),
    r(
        StationsRoute::AdminList,
        Method::Get,
        "/api/admin/stations",
        VIEWER,
        "Stations of the caller's subtree",
        Reply::Json(schema!(StationRows)),
    )
    .query(schema!(StationRowsQuery)),
    r(
        StationsRoute::AdminCreate,
        Method::Post,
        "/api/admin/stations",
        STAFF,
        "Create a station for a union in the caller's subtree",
        Reply::Json(schema!(AdminStationEnvelope)),
    )
    .body(schema!(StationInput)),
    r(
        StationsRoute::Recheck,
        Method::Get,
        "/api/admin/stations/recheck",
        VIEWER,
        "Stations to re-check: most open reports first, then longest unverified",
        Reply::Json(schema!(StationRows)),
    )
    .query(schema!(StationRowsQuery)),
    r(
        StationsRoute::Import,
        Method::Post,
        "/api/admin/stations/import",
        STAFF,
        "Import one batch of spreadsheet rows (all or nothing)",
        Reply::Json(schema!(ImportResult)),
    )
    .body(schema!(StationImport))
    .body_limit(IMPORT_BODY_LIMIT)
    .idempotent(),
    r(
        StationsRoute::Export,
        Method::Get,
        "/api/admin/stations/export.csv",
        VIEWER,
        "The subtree's stations in the import columns (CSV with BOM)",
        Reply::Csv,
    )
    .query(schema!(StationRowsQuery)),
    r(
        StationsRoute::AdminGet,
        Method::Get,
        "/api/admin/stations/{station_id}",
        VIEWER,
        "A station with its open reports",
        Reply::Json(schema!(AdminStationEnvelope)),
    ),
    r(
        StationsRoute::AdminUpdate,
        Method::Put,
        "/api/admin/stations/{station_id}",
        STAFF,
        "Edit a station (also to close it)",
        Reply::Json(schema!(AdminStationEnvelope)),
    )
    .body(schema!(StationInput)),
    r(
        StationsRoute::Verify,
        Method::Post,
        "/api/admin/stations/{station_id}/verify",
        STAFF,
        "Verified today: stamps the station and resolves its open reports",
        Reply::Json(schema!(AdminStationEnvelope)),
    ),
    r(
        StationsRoute::Visits,
        Method::Get,
        "/api/admin/stations/{station_id}/visits",
        VIEWER,
        "Check-ins per day",
        Reply::Json(schema!(VisitFigures)),
    )
    .query(schema!(VisitsQuery)),
    r(
        StationsRoute::Poster,
        Method::Get,
        "/api/admin/stations/{station_id}/poster.svg",
        VIEWER,
        "The check-in QR code of the station's poster",
        Reply::Svg,
    ),
];
