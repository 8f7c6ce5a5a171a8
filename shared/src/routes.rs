//! The route table: every API endpoint, written once. The Worker dispatches from
//! it, the OpenAPI document is generated from it, and the RBAC matrix test reads
//! each route's `access` from that document. A route cannot exist without all three.
//!
//! Each capability lists its routes in its own module (`ROUTES`) with its own
//! route-id enum, so adding an endpoint touches only that capability.

use crate::accounts::StaffRole;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Some(match s {
            "GET" | "HEAD" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// GET never changes state; everything else does and is Origin-checked.
    pub fn changes_state(self) -> bool {
        self != Method::Get
    }
}

/// Who may call a route. Scope (which unions) is checked by the handler against
/// the resource; this is the coarse gate applied before any handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// A signed-in worker (phone account). Employers' contacts are workers too.
    Worker,
    /// Anyone signed in, worker or staff (own sessions, sign-out).
    SignedIn,
    /// Union staff with at least this role, limited to their union's subtree.
    Staff(StaffRole),
}

impl Access {
    /// The value of the `x-access` extension in the OpenAPI document.
    pub fn label(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Worker => "worker",
            Access::SignedIn => "signed_in",
            Access::Staff(StaffRole::Viewer) => "staff:viewer",
            Access::Staff(StaffRole::Staff) => "staff:staff",
            Access::Staff(StaffRole::UnionAdmin) => "staff:union_admin",
            Access::Staff(StaffRole::PlatformAdmin) => "staff:platform_admin",
        }
    }
}

#[cfg(feature = "openapi")]
pub type SchemaFn = fn(&mut schemars::SchemaGenerator) -> schemars::Schema;
/// Without the `openapi` feature (the app), schemas are not carried at all.
#[cfg(not(feature = "openapi"))]
pub type SchemaFn = ();

#[cfg(feature = "openapi")]
pub fn schema_ref<T: schemars::JsonSchema>(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.subschema_for::<T>()
}

/// `schema!(T)`: the schema of a wire type, or nothing when the feature is off.
#[cfg(feature = "openapi")]
macro_rules! schema {
    ($t:ty) => {
        $crate::routes::schema_ref::<$t> as $crate::routes::SchemaFn
    };
}
#[cfg(not(feature = "openapi"))]
macro_rules! schema {
    ($t:ty) => {
        ()
    };
}
pub(crate) use schema;

/// What a successful call returns.
#[derive(Clone, Copy)]
pub enum Reply {
    Json(SchemaFn),
    /// UTF-8 CSV with a BOM (opens in Excel).
    Csv,
    Svg,
    /// 204, no body.
    Empty,
}

#[derive(Clone, Copy)]
pub struct Route {
    pub id: RouteId,
    pub method: Method,
    /// OpenAPI-style template: `/api/stations/{id}`.
    pub path: &'static str,
    pub access: Access,
    /// Short English summary for the document.
    pub summary: &'static str,
    /// Query parameters, as a struct whose fields are the parameters.
    pub query: Option<SchemaFn>,
    /// JSON request body.
    pub body: Option<SchemaFn>,
    pub reply: Reply,
    /// The request must carry an `Idempotency-Key` header; a replay returns the first result.
    pub idempotent: bool,
}

impl Route {
    /// A route with no query, no body and a JSON reply; refine with the builders below.
    pub const fn new(
        id: RouteId,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        reply: Reply,
    ) -> Route {
        Route {
            id,
            method,
            path,
            access,
            summary,
            query: None,
            body: None,
            reply,
            idempotent: false,
        }
    }
    pub const fn query(mut self, schema: SchemaFn) -> Route {
        self.query = Some(schema);
        self
    }
    pub const fn body(mut self, schema: SchemaFn) -> Route {
        self.body = Some(schema);
        self
    }
    pub const fn idempotent(mut self) -> Route {
        self.idempotent = true;
        self
    }

    /// The capability (OpenAPI tag) this route belongs to.
    pub fn tag(&self) -> &'static str {
        self.id.capability()
    }

    /// Matches a concrete path against the template, returning the `{param}` values.
    pub fn matches<'a>(&self, path: &'a str) -> Option<Vec<(&'static str, &'a str)>> {
        let mut params = Vec::new();
        let mut want = self.path.trim_end_matches('/').split('/');
        let mut got = path.trim_end_matches('/').split('/');
        loop {
            match (want.next(), got.next()) {
                (None, None) => return Some(params),
                (Some(w), Some(g)) => {
                    if let Some(name) = w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                        if g.is_empty() {
                            return None;
                        }
                        params.push((name, g));
                    } else if w != g {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
}

/// A path parameter: the `{name}` of a route template, and what its handler
/// reads (`ctx.id(params::JOB_ID)`). A misspelt constant does not compile, and
/// a test checks that every template names only these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Param(pub &'static str);

impl Param {
    pub fn name(self) -> &'static str {
        self.0
    }
}

/// Every path parameter of the API.
pub mod params {
    use super::Param;

    pub const APPLICATION_ID: Param = Param("application_id");
    pub const CERTIFICATE_ID: Param = Param("certificate_id");
    pub const COURSE_ID: Param = Param("course_id");
    /// A training session (one class of a course); `session_id` is a sign-in session.
    pub const COURSE_SESSION_ID: Param = Param("course_session_id");
    pub const EMPLOYER_ID: Param = Param("employer_id");
    pub const ENROLMENT_ID: Param = Param("enrolment_id");
    pub const FAIR_ID: Param = Param("fair_id");
    pub const FLAG_ID: Param = Param("flag_id");
    pub const JOB_APPLICATION_ID: Param = Param("job_application_id");
    pub const JOB_ID: Param = Param("job_id");
    pub const JOIN_CODE: Param = Param("join_code");
    pub const MEMBER_NO: Param = Param("member_no");
    pub const REPORT_ID: Param = Param("report_id");
    pub const SESSION_ID: Param = Param("session_id");
    pub const STAFF_ID: Param = Param("staff_id");
    pub const STATION_ID: Param = Param("station_id");
    pub const UNION_ID: Param = Param("union_id");

    pub const ALL: &[Param] = &[
        APPLICATION_ID,
        CERTIFICATE_ID,
        COURSE_ID,
        COURSE_SESSION_ID,
        EMPLOYER_ID,
        ENROLMENT_ID,
        FAIR_ID,
        FLAG_ID,
        JOB_APPLICATION_ID,
        JOB_ID,
        JOIN_CODE,
        MEMBER_NO,
        REPORT_ID,
        SESSION_ID,
        STAFF_ID,
        STATION_ID,
        UNION_ID,
    ];
}

/// The `{name}`s of a template, in order.
pub fn template_params(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
}

/// One variant per capability; each wraps that capability's own route enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteId {
    System(crate::system::SystemRoute),
    Accounts(crate::accounts::AccountsRoute),
    Unions(crate::unions::UnionsRoute),
    Stations(crate::stations::StationsRoute),
    Membership(crate::membership::MembershipRoute),
    Jobs(crate::jobs::JobsRoute),
    Training(crate::training::TrainingRoute),
}

impl RouteId {
    /// The OpenAPI `operationId`, e.g. `SystemHealth`; the Worker also returns it
    /// in the `x-gongyou-route` header so tests can prove every route is dispatched.
    pub fn operation_id(self) -> String {
        format!("{self:?}").replace(['(', ')'], "")
    }

    pub fn capability(self) -> &'static str {
        match self {
            RouteId::System(_) => "system",
            RouteId::Accounts(_) => "accounts",
            RouteId::Unions(_) => "unions",
            RouteId::Stations(_) => "stations",
            RouteId::Membership(_) => "membership",
            RouteId::Jobs(_) => "jobs",
            RouteId::Training(_) => "training",
        }
    }
}

/// Every route of the API.
pub fn all() -> impl Iterator<Item = &'static Route> {
    crate::system::ROUTES
        .iter()
        .chain(crate::accounts::ROUTES)
        .chain(crate::unions::ROUTES)
        .chain(crate::stations::ROUTES)
        .chain(crate::membership::ROUTES)
        .chain(crate::jobs::ROUTES)
        .chain(crate::training::ROUTES)
}

/// A matched route and its path parameters, as (name, raw value).
pub type Matched<'a> = (&'static Route, Vec<(&'static str, &'a str)>);

/// Finds the route for a request. `Err(true)` means the path exists with another method (405).
pub fn find(method: Method, path: &str) -> Result<Matched<'_>, bool> {
    let mut path_exists = false;
    for route in all() {
        if let Some(params) = route.matches(path) {
            if route.method == method {
                return Ok((route, params));
            }
            path_exists = true;
        }
    }
    Err(path_exists)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn templates_match_concrete_paths() {
        let r = Route::new(
            RouteId::System(crate::system::SystemRoute::Health),
            Method::Get,
            "/api/things/{id}/parts/{part}",
            Access::Public,
            "",
            Reply::Empty,
        );
        assert_eq!(
            r.matches("/api/things/42/parts/7"),
            Some(vec![("id", "42"), ("part", "7")])
        );
        assert_eq!(r.matches("/api/things/42/parts/"), None);
        assert_eq!(r.matches("/api/things/42"), None);
        assert_eq!(r.matches("/api/things/42/parts/7/extra"), None);
    }

    #[test]
    fn every_route_is_unique_and_under_api() {
        let mut seen = HashSet::new();
        let mut ids = HashSet::new();
        for r in all() {
            assert!(r.path.starts_with("/api/"), "{}", r.path);
            assert!(
                seen.insert((r.method, r.path)),
                "duplicate route {} {}",
                r.method.as_str(),
                r.path
            );
            assert!(ids.insert(r.id), "duplicate route id {:?}", r.id);
            if !r.method.changes_state() {
                assert!(
                    r.body.is_none() && !r.idempotent,
                    "GET {} must not take a body",
                    r.path
                );
            }
        }
    }

    #[test]
    fn every_template_parameter_is_a_declared_param() {
        for r in all() {
            for name in template_params(r.path) {
                assert!(
                    params::ALL.iter().any(|p| p.name() == name),
                    "{} uses {{{name}}}, which is not in routes::params",
                    r.path
                );
            }
        }
    }

    #[test]
    fn literal_segments_win_over_params_when_listed_first() {
        // `find` returns the first match, so capability tables list literal paths
        // (e.g. /api/stations/nearby) before templated ones (/api/stations/{id}).
        for r in all() {
            for other in all() {
                if std::ptr::eq(r, other) || r.method != other.method {
                    continue;
                }
                if let Some(params) = other.matches(r.path) {
                    if params.iter().all(|(_, v)| !v.starts_with('{')) {
                        let (found, _) = find(r.method, r.path).unwrap();
                        assert!(
                            std::ptr::eq(found, r),
                            "{} is shadowed by {}",
                            r.path,
                            other.path
                        );
                    }
                }
            }
        }
    }
}
