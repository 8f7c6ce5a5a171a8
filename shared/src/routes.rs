//! The route table: every API endpoint, written once. The Worker dispatches from
//! it, the OpenAPI document is generated from it, and the RBAC matrix test reads
//! each route's `access` from that document. A route cannot exist without all three.
//!
//! Each capability lists its routes in its own module (`ROUTES`) with its own
//! route-id enum, so adding an endpoint touches only that capability.

use crate::accounts::StaffRole;
use std::fmt;

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

/// A `Method` kept as its text ("POST"), for
/// `#[serde(with = "shared::routes::method_text")]`: the app's outbox stores
/// waiting submissions so, and items stored before methods were typed hold the
/// same text. Reading any text succeeds — a list that did not parse would lose every
/// waiting submission — and text naming no state-changing method reads as POST,
/// which is how such an item was sent then.
pub mod method_text {
    use super::Method;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(method: &Method, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(method.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Method, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Method::parse(&text.to_ascii_uppercase())
            .filter(|m| m.changes_state())
            .unwrap_or(Method::Post))
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
    /// A staff member whose password was right and who still owes the second
    /// factor (or its enrolment); such a session opens nothing else.
    SecondFactor,
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
            Access::SecondFactor => "second_factor",
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
    /// A stored file in its own content type, one of these (an attachment).
    File(&'static [&'static str]),
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
    /// A raw (non-JSON) body of one of these content types, e.g. an uploaded
    /// file; empty when the route takes none. Never together with `body`.
    pub raw_body: &'static [&'static str],
    pub reply: Reply,
    /// The request must carry an `Idempotency-Key` header; a replay returns the first result.
    pub idempotent: bool,
    /// The largest body accepted, in bytes; a larger one is refused with 413 before it is read.
    pub body_limit: u32,
}

/// What a route accepts unless it says otherwise: every form in the app fits many times over.
pub const BODY_LIMIT: u32 = 16 * 1024;

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
            raw_body: &[],
            reply,
            idempotent: false,
            body_limit: BODY_LIMIT,
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
    /// The body is a file of one of `content_types`, not JSON.
    pub const fn raw_body(mut self, content_types: &'static [&'static str]) -> Route {
        self.raw_body = content_types;
        self
    }
    pub const fn idempotent(mut self) -> Route {
        self.idempotent = true;
        self
    }
    /// A larger body than [`BODY_LIMIT`], for batches (imports).
    pub const fn body_limit(mut self, bytes: u32) -> Route {
        self.body_limit = bytes;
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

    /// Whether `names` are exactly the template's `{params}`, in order. A `const fn`,
    /// so `api_url!` checks every call when the app compiles.
    pub const fn takes(&self, names: &[Param]) -> bool {
        let t = self.path.as_bytes();
        let (mut i, mut k) = (0, 0);
        while i < t.len() {
            if t[i] == b'{' {
                let start = i + 1;
                while t[i] != b'}' {
                    i += 1;
                }
                if k == names.len() || !same_bytes(t, start, i, names[k].0.as_bytes()) {
                    return false;
                }
                k += 1;
            }
            i += 1;
        }
        k == names.len()
    }

    /// The concrete path, each `{param}` replaced by its value (percent-encoded).
    /// Panics if `params` are not the template's: the app writes `api_url!`, which
    /// checks them when it compiles.
    pub fn url(&self, params: &[(Param, &dyn fmt::Display)]) -> Url {
        Url::fill(self.path, params)
    }
}

/// `t[start..end] == name`, in a `const fn`.
const fn same_bytes(t: &[u8], start: usize, end: usize, name: &[u8]) -> bool {
    if end - start != name.len() {
        return false;
    }
    let mut j = 0;
    while j < name.len() {
        if t[start + j] != name[j] {
            return false;
        }
        j += 1;
    }
    true
}

/// A concrete URL of the API: a route's path with its parameters filled in, then
/// any query arguments. Build it with `api_url!` (or `Route::url`), add `arg`s,
/// and pass it where a `&str` is wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url(String);

impl Url {
    /// `template` with each `{name}` replaced by the value given for it.
    pub fn fill(template: &str, params: &[(Param, &dyn fmt::Display)]) -> Url {
        let mut out = String::with_capacity(template.len() + 8);
        let mut used = 0;
        for (i, seg) in template.split('/').enumerate() {
            if i > 0 {
                out.push('/');
            }
            match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => {
                    let Some((_, value)) = params.iter().find(|(p, _)| p.0 == name) else {
                        panic!("{template}: no value for {{{name}}}");
                    };
                    crate::query::encode_into(&mut out, &value.to_string());
                    used += 1;
                }
                None => out.push_str(seg),
            }
        }
        assert_eq!(
            used,
            params.len(),
            "{template}: a parameter it does not take"
        );
        Url(out)
    }

    /// Appends `name=value` to the query string (the value percent-encoded).
    pub fn arg(self, name: &str, value: impl fmt::Display) -> Url {
        self.push_arg(name, &value)
    }

    /// `arg` when there is a value; unchanged for `None`.
    pub fn arg_opt(self, name: &str, value: Option<impl fmt::Display>) -> Url {
        match value {
            Some(v) => self.push_arg(name, &v),
            None => self,
        }
    }

    /// A text argument: trimmed, and left out when blank (an empty search box).
    pub fn arg_text(self, name: &str, text: &str) -> Url {
        match text.trim() {
            "" => self,
            t => self.push_arg(name, &t),
        }
    }

    fn push_arg(mut self, name: &str, value: &dyn fmt::Display) -> Url {
        self.0.push(if self.0.contains('?') { '&' } else { '?' });
        self.0.push_str(name);
        self.0.push('=');
        crate::query::encode_into(&mut self.0, &value.to_string());
        self
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The query string, without its `?` ("" when there is none).
    pub fn query(&self) -> &str {
        self.0.split_once('?').map_or("", |(_, q)| q)
    }
}

impl std::ops::Deref for Url {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Url> for String {
    fn from(url: Url) -> String {
        url.0
    }
}

/// The URL of a route, its path parameters checked against the template when the
/// code compiles: `api_url!(JobsRoute::Get, JOB_ID = id)` is `/api/jobs/12`; a
/// missing, extra, misspelt or reordered parameter does not build. Names are the
/// constants of `routes::params`; add query arguments with `.arg(..)`.
///
/// ```
/// use shared::api_url;
/// use shared::jobs::JobsRoute;
/// let url = api_url!(JobsRoute::ClearFlag, EMPLOYER_ID = 3, FLAG_ID = 9).arg("note", "已核实");
/// assert_eq!(url.as_str(), "/api/admin/employers/3/flags/9/clear?note=%E5%B7%B2%E6%A0%B8%E5%AE%9E");
/// ```
///
/// ```compile_fail
/// use shared::api_url;
/// use shared::jobs::JobsRoute;
/// let _ = api_url!(JobsRoute::ClearFlag, EMPLOYER_ID = 3); // {flag_id} missing
/// ```
///
/// ```compile_fail
/// use shared::api_url;
/// use shared::jobs::JobsRoute;
/// let _ = api_url!(JobsRoute::Get, JOB_ID = 1, FLAG_ID = 2); // {flag_id} is not the route's
/// ```
///
/// ```compile_fail
/// use shared::api_url;
/// use shared::jobs::JobsRoute;
/// let _ = api_url!(JobsRoute::ClearFlag, FLAG_ID = 9, EMPLOYER_ID = 3); // out of order
/// ```
#[macro_export]
macro_rules! api_url {
    ($route:expr $(, $param:ident = $value:expr)* $(,)?) => {{
        // Evaluated by the compiler: only the template string reaches the binary.
        const PATH: &str = {
            let route: &$crate::routes::Route = $route.route();
            assert!(
                route.takes(&[$($crate::routes::params::$param),*]),
                "api_url!: give exactly the path parameters of the route, in the order of its template"
            );
            route.path
        };
        $crate::routes::Url::fill(PATH, &[$(($crate::routes::params::$param, &$value)),*])
    }};
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
    /// An attachment's public id (random text, not a number).
    pub const ATTACHMENT_ID: Param = Param("attachment_id");
    /// A benefits application; `application_id` is an enrolment application.
    pub const BENEFIT_APPLICATION_ID: Param = Param("benefit_application_id");
    /// A wage-arrears case (rights).
    pub const CASE_ID: Param = Param("case_id");
    pub const CERTIFICATE_ID: Param = Param("certificate_id");
    pub const COURSE_ID: Param = Param("course_id");
    /// A training session (one class of a course); `session_id` is a sign-in session.
    pub const COURSE_SESSION_ID: Param = Param("course_session_id");
    pub const EMPLOYER_ID: Param = Param("employer_id");
    pub const ENROLMENT_ID: Param = Param("enrolment_id");
    pub const FAIR_ID: Param = Param("fair_id");
    pub const FLAG_ID: Param = Param("flag_id");
    pub const HOUSEHOLD_ID: Param = Param("household_id");
    pub const JOB_APPLICATION_ID: Param = Param("job_application_id");
    pub const JOB_ID: Param = Param("job_id");
    pub const JOIN_CODE: Param = Param("join_code");
    /// An entry of a worker's evidence locker (记工本).
    pub const LOCKER_ENTRY_ID: Param = Param("locker_entry_id");
    pub const MEMBER_NO: Param = Param("member_no");
    pub const PROGRAMME_ID: Param = Param("programme_id");
    pub const REPORT_ID: Param = Param("report_id");
    pub const SESSION_ID: Param = Param("session_id");
    pub const STAFF_ID: Param = Param("staff_id");
    pub const STATION_ID: Param = Param("station_id");
    pub const UNION_ID: Param = Param("union_id");

    pub const ALL: &[Param] = &[
        APPLICATION_ID,
        ATTACHMENT_ID,
        BENEFIT_APPLICATION_ID,
        CASE_ID,
        CERTIFICATE_ID,
        COURSE_ID,
        COURSE_SESSION_ID,
        EMPLOYER_ID,
        ENROLMENT_ID,
        FAIR_ID,
        FLAG_ID,
        HOUSEHOLD_ID,
        JOB_APPLICATION_ID,
        JOB_ID,
        JOIN_CODE,
        LOCKER_ENTRY_ID,
        MEMBER_NO,
        PROGRAMME_ID,
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
    Overview(crate::overview::OverviewRoute),
    Attachments(crate::attachments::AttachmentsRoute),
    Benefits(crate::benefits::BenefitsRoute),
    Locker(crate::rights::LockerRoute),
    Cases(crate::rights::CasesRoute),
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
            RouteId::Overview(_) => "overview",
            RouteId::Attachments(_) => "attachments",
            RouteId::Benefits(_) => "benefits",
            RouteId::Locker(_) => "rights",
            RouteId::Cases(_) => "rights",
        }
    }

    /// The route with this id, from its capability's `ROUTES`. A `const fn`, so
    /// `api_url!` finds it when the code compiles.
    pub const fn route(self) -> &'static Route {
        let table = match self {
            RouteId::System(_) => crate::system::ROUTES,
            RouteId::Accounts(_) => crate::accounts::ROUTES,
            RouteId::Unions(_) => crate::unions::ROUTES,
            RouteId::Stations(_) => crate::stations::ROUTES,
            RouteId::Membership(_) => crate::membership::ROUTES,
            RouteId::Jobs(_) => crate::jobs::ROUTES,
            RouteId::Training(_) => crate::training::ROUTES,
            RouteId::Overview(_) => crate::overview::ROUTES,
            RouteId::Attachments(_) => crate::attachments::ROUTES,
            RouteId::Benefits(_) => crate::benefits::ROUTES,
            RouteId::Locker(_) => crate::rights::locker::ROUTES,
            RouteId::Cases(_) => crate::rights::CASES_ROUTES,
        };
        let mut i = 0;
        while i < table.len() {
            if table[i].id.same(self) {
                return &table[i];
            }
            i += 1;
        }
        panic!("a route id that is not in its capability's ROUTES")
    }

    /// `==` for a `const fn`.
    const fn same(self, other: RouteId) -> bool {
        use RouteId::*;
        match self {
            System(a) => matches!(other, System(b) if a as u8 == b as u8),
            Accounts(a) => matches!(other, Accounts(b) if a as u8 == b as u8),
            Unions(a) => matches!(other, Unions(b) if a as u8 == b as u8),
            Stations(a) => matches!(other, Stations(b) if a as u8 == b as u8),
            Membership(a) => matches!(other, Membership(b) if a as u8 == b as u8),
            Jobs(a) => matches!(other, Jobs(b) if a as u8 == b as u8),
            Training(a) => matches!(other, Training(b) if a as u8 == b as u8),
            Overview(a) => matches!(other, Overview(b) if a as u8 == b as u8),
            Attachments(a) => matches!(other, Attachments(b) if a as u8 == b as u8),
            Benefits(a) => matches!(other, Benefits(b) if a as u8 == b as u8),
            Locker(a) => matches!(other, Locker(b) if a as u8 == b as u8),
            Cases(a) => matches!(other, Cases(b) if a as u8 == b as u8),
        }
    }
}

/// `JobsRoute::Get.route()`: each capability's id finds its own route.
macro_rules! route_of {
    ($($capability:ident($id:ty)),* $(,)?) => {$(
        impl $id {
            pub const fn route(self) -> &'static Route {
                RouteId::$capability(self).route()
            }
        }
    )*};
}
route_of!(
    System(crate::system::SystemRoute),
    Accounts(crate::accounts::AccountsRoute),
    Unions(crate::unions::UnionsRoute),
    Stations(crate::stations::StationsRoute),
    Membership(crate::membership::MembershipRoute),
    Jobs(crate::jobs::JobsRoute),
    Training(crate::training::TrainingRoute),
    Overview(crate::overview::OverviewRoute),
    Attachments(crate::attachments::AttachmentsRoute),
    Benefits(crate::benefits::BenefitsRoute),
    Locker(crate::rights::LockerRoute),
    Cases(crate::rights::CasesRoute),
);

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
        .chain(crate::overview::ROUTES)
        .chain(crate::attachments::ROUTES)
        .chain(crate::benefits::ROUTES)
        .chain(crate::rights::locker::ROUTES)
        .chain(crate::rights::CASES_ROUTES)
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
            assert!(
                r.body.is_none() || r.raw_body.is_empty(),
                "{} takes JSON or a file, not both",
                r.path
            );
            if !r.method.changes_state() {
                assert!(
                    r.body.is_none() && r.raw_body.is_empty() && !r.idempotent,
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
    fn every_route_id_finds_its_own_route() {
        for r in all() {
            assert!(std::ptr::eq(r.id.route(), r), "{:?}", r.id);
        }
        assert_eq!(
            crate::jobs::JobsRoute::Get.route().path,
            "/api/jobs/{job_id}"
        );
    }

    /// Sample values for a template's parameters: 101, 102, … in order.
    fn samples(r: &Route) -> Vec<(Param, String)> {
        template_params(r.path)
            .enumerate()
            .map(|(i, name)| {
                let p = *params::ALL.iter().find(|p| p.name() == name).unwrap();
                (p, (101 + i).to_string())
            })
            .collect()
    }

    #[test]
    fn every_built_url_matches_its_own_template() {
        for r in all() {
            let values = samples(r);
            let given: Vec<(Param, &dyn fmt::Display)> = values
                .iter()
                .map(|(p, v)| (*p, v as &dyn fmt::Display))
                .collect();
            let url = r.url(&given);
            assert!(!url.contains('{'), "{url}");
            let found: Vec<_> = values.iter().map(|(p, v)| (p.name(), v.as_str())).collect();
            assert_eq!(r.matches(&url), Some(found), "{} → {url}", r.path);
            let (dispatched, _) = find(r.method, &url).unwrap();
            assert!(
                std::ptr::eq(dispatched, r),
                "{url} dispatches to {}",
                dispatched.path
            );
            // What api_url! checks when the app compiles.
            let names: Vec<Param> = values.iter().map(|(p, _)| *p).collect();
            assert!(r.takes(&names), "{}", r.path);
            if let Some((_, fewer)) = names.split_last() {
                assert!(!r.takes(fewer), "{} with a parameter missing", r.path);
                let mut reversed = names.clone();
                reversed.reverse();
                assert_eq!(r.takes(&reversed), names.len() == 1, "{} reordered", r.path);
            }
            let mut more = names.clone();
            more.push(params::UNION_ID);
            assert!(!r.takes(&more), "{} with an extra parameter", r.path);
        }
    }

    #[test]
    fn takes_compares_whole_names() {
        let r = crate::jobs::JobsRoute::Withdraw.route(); // {job_application_id}
        assert!(r.takes(&[params::JOB_APPLICATION_ID]));
        assert!(!r.takes(&[params::APPLICATION_ID]));
        assert!(!r.takes(&[params::JOB_ID]));
        assert!(!r.takes(&[]));
        assert!(crate::accounts::AccountsRoute::Me.route().takes(&[]));
        assert!(!crate::accounts::AccountsRoute::Me
            .route()
            .takes(&[params::JOB_ID]));
    }

    #[test]
    fn values_are_percent_encoded_into_one_segment() {
        let r = crate::membership::MembershipRoute::RevealMember.route();
        let url = r.url(&[(params::MEMBER_NO, &"AH 01/木")]);
        assert_eq!(
            url.as_str(),
            "/api/admin/members/AH%2001%2F%E6%9C%A8/reveal-id"
        );
        assert_eq!(
            r.matches(&url),
            Some(vec![("member_no", "AH%2001%2F%E6%9C%A8")])
        );
        assert_eq!(crate::query::decode("AH%2001%2F%E6%9C%A8"), "AH 01/木");
    }

    #[test]
    #[should_panic(expected = "no value for {flag_id}")]
    fn a_missing_parameter_is_refused() {
        let r = crate::jobs::JobsRoute::ClearFlag.route();
        r.url(&[(params::EMPLOYER_ID, &3)]);
    }

    #[test]
    #[should_panic(expected = "a parameter it does not take")]
    fn an_extra_parameter_is_refused() {
        let r = crate::jobs::JobsRoute::Get.route();
        r.url(&[(params::JOB_ID, &3), (params::FLAG_ID, &4)]);
    }

    #[test]
    fn the_macro_builds_the_same_url_as_the_table() {
        use crate::jobs::JobsRoute;
        let url = crate::api_url!(JobsRoute::ClearFlag, EMPLOYER_ID = 3, FLAG_ID = "9");
        assert_eq!(url.as_str(), "/api/admin/employers/3/flags/9/clear");
        assert_eq!(
            url,
            JobsRoute::ClearFlag
                .route()
                .url(&[(params::FLAG_ID, &9), (params::EMPLOYER_ID, &3)])
        );
        assert_eq!(crate::api_url!(JobsRoute::Search).as_str(), "/api/jobs");
    }

    #[test]
    fn query_arguments_are_appended_and_encoded() {
        use crate::jobs::JobsRoute;
        let none: Option<i64> = None;
        let url = crate::api_url!(JobsRoute::Search)
            .arg("q", "木工 & 瓦工")
            .arg_opt("union_id", none)
            .arg("limit", 20)
            .arg_opt("cursor", Some("a=b"));
        assert_eq!(
            url.as_str(),
            "/api/jobs?q=%E6%9C%A8%E5%B7%A5%20%26%20%E7%93%A6%E5%B7%A5&limit=20&cursor=a%3Db"
        );
        assert_eq!(
            crate::api_url!(JobsRoute::Search)
                .arg_text("q", "  ")
                .arg_text("trade", " carpenter ")
                .as_str(),
            "/api/jobs?trade=carpenter"
        );
        let q = crate::query::Query::parse(url.query());
        assert_eq!(q.str("q"), Some("木工 & 瓦工"));
        assert_eq!(q.str("cursor"), Some("a=b"));
        assert_eq!(q.str("union_id"), None);
        let bare = crate::api_url!(JobsRoute::Search).arg_opt("q", none);
        assert_eq!((bare.as_str(), bare.query()), ("/api/jobs", ""));
    }

    #[test]
    fn stored_methods_read_back_including_old_outbox_items() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Stored {
            key: String,
            #[serde(with = "method_text")]
            method: Method,
            path: String,
        }
        for m in [Method::Post, Method::Put, Method::Patch, Method::Delete] {
            let item = Stored {
                key: "k".into(),
                method: m,
                path: "/api/job-card".into(),
            };
            let text = serde_json::to_string(&item).unwrap();
            assert!(
                text.contains(&format!("\"method\":\"{}\"", m.as_str())),
                "{text}"
            );
            assert_eq!(serde_json::from_str::<Stored>(&text).unwrap(), item);
        }
        // As the outbox stored them when `method` was a String.
        let old = r#"[{"key":"a","kind":"enrolment","method":"POST","path":"/api/membership/applications","body":"{}","created_ms":1.0},
                      {"key":"b","kind":"job_card","method":"PUT","path":"/api/job-card","body":"{}","created_ms":2.0,"owner":"7"},
                      {"key":"c","kind":"x","method":"post","path":"/api/x","body":"","created_ms":3.0},
                      {"key":"d","kind":"x","method":"","path":"/api/x","body":"","created_ms":4.0}]"#;
        let read: Vec<Stored> = serde_json::from_str(old).unwrap();
        let methods: Vec<Method> = read.iter().map(|s| s.method).collect();
        assert_eq!(
            methods,
            [Method::Post, Method::Put, Method::Post, Method::Post]
        );
        assert!(serde_json::from_str::<Stored>(r#"{"key":"a","method":5,"path":"/"}"#).is_err());
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
