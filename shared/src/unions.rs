//! The union hierarchy: province → city → district/county → town/street →
//! grassroots union (enterprise, project or regional/industry joint union).
//! `UnionSummary` is one node as every capability sees it, with the rule of
//! whether it can take members today; the staff and public views extend it.

use crate::accounts::StaffRole;
use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    pub enum UnionLevel {
        Province = "province", "省级总工会", "Province federation";
        City = "city", "市级总工会", "City federation";
        District = "district", "区县总工会", "District/county federation";
        Street = "street", "乡镇(街道)工会", "Town/street union";
        Grassroots = "grassroots", "基层工会", "Grassroots union";
    }
}

impl UnionLevel {
    /// Whether a union of level `child` may sit directly under one of `self`.
    pub fn may_contain(self, child: UnionLevel) -> bool {
        self != UnionLevel::Grassroots && child > self
    }
}

crate::vocabulary! {
    pub enum UnionKind {
        /// 总工会 at province, city, district or street level.
        Federation = "federation", "总工会", "Federation";
        Enterprise = "enterprise", "企业工会", "Enterprise union";
        /// 项目工会: exists while its construction project runs.
        Project = "project", "项目工会", "Project union";
        /// 区域/行业联合工会: takes anyone in its area or trade (兜底).
        Joint = "joint", "区域/行业联合工会", "Regional/industry joint union";
    }
}

crate::vocabulary! {
    /// Open unions take members; closed ones are kept for history only.
    pub enum UnionStatus {
        Open = "open", "正常", "Open";
        Closed = "closed", "已撤销", "Closed";
    }
}

/// A union named in another resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// One union as lists, join pages and suggestions show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionSummary {
    pub id: i64,
    /// Stable public code, e.g. `AH-HF-YH` (see [`is_union_code`]).
    pub code: String,
    pub name: String,
    pub level: UnionLevel,
    pub kind: UnionKind,
    pub status: UnionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    /// GB/T 2260 six-digit code of the area served (`340102`; a city is `340100`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// Project unions only: the construction project's dates (Asia/Shanghai).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_starts_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_ends_on: Option<NaiveDate>,
    /// Where members go when this project union closes (兜底).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_union_id: Option<i64>,
    /// Printed on the QR poster as `/join/{join_code}`.
    pub join_code: String,
    /// Site or office address; for a project union, the construction site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Trades a joint union of an industry takes; absent means every trade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trades: Option<Vec<Trade>>,
}

impl UnionSummary {
    /// True when this union takes workers of `trade` (unions without a trade list take all).
    pub fn takes_trade(&self, trade: Trade) -> bool {
        self.trades.as_ref().is_none_or(|ts| ts.contains(&trade))
    }

    /// A project whose end date has passed (in Asia/Shanghai) is over, even before
    /// staff close its union.
    pub fn project_has_ended(&self, today: NaiveDate) -> bool {
        self.kind == UnionKind::Project && self.project_ends_on.is_some_and(|end| end < today)
    }

    /// Whether a worker can apply to (or be moved into) this union today, and if
    /// not, why in plain words.
    pub fn accepts_members(&self, today: NaiveDate) -> Result<(), Text> {
        if self.kind == UnionKind::Federation {
            return Err(Text::new(
                "总工会不直接接收会员,请选择基层工会",
                "A federation does not take members directly; choose a grassroots union",
            ));
        }
        if self.status == UnionStatus::Closed {
            return Err(Text::new(
                "这个工会已经关闭,不再接收会员",
                "This union is closed and takes no new members",
            ));
        }
        if self.project_has_ended(today) {
            return Err(Text::new(
                "这个项目已经完工,项目工会不再接收会员",
                "This project has ended; its union takes no new members",
            ));
        }
        Ok(())
    }
}

/// A union code: 2–32 characters, upper-case letters and digits in groups joined
/// by single hyphens (`AH-HF-YH`). Codes appear in member numbers and URLs, so
/// they need no escaping anywhere.
pub fn is_union_code(s: &str) -> bool {
    (2..=32).contains(&s.len())
        && s.split('-').all(|group| {
            !group.is_empty()
                && group
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

/// What anyone may see of a union: the join page after scanning its poster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicUnion {
    #[serde(flatten)]
    pub summary: UnionSummary,
    /// The chain of parent unions, from the top: 安徽省总工会 › 合肥市总工会 › …
    pub parents: Vec<UnionRef>,
}

/// A union as staff see it in the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Union {
    #[serde(flatten)]
    pub summary: UnionSummary,
    /// Depth below the root of the tree (provinces are 0).
    pub depth: u32,
    pub children: u32,
    pub created_at: String,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionEnvelope {
    pub union: Union,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicUnionEnvelope {
    pub union: PublicUnion,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionList {
    pub unions: Vec<Union>,
    pub meta: ListMeta,
}

/// Query of `GET /api/admin/unions`: the children of `parent_id` (default: the
/// caller's own union), or a name search within the caller's subtree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionQuery {
    pub parent_id: Option<i64>,
    /// Name contains this text (anywhere in the caller's subtree).
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

impl UnionQuery {
    pub fn parse(q: &crate::query::Query) -> Result<UnionQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let out = UnionQuery {
            parent_id: q.opt("parent_id", &mut errors),
            q: q.str("q").map(String::from),
            cursor: q.str("cursor").map(String::from),
            limit: q.opt("limit", &mut errors),
        };
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionCreate {
    pub parent_id: i64,
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub name: String,
    /// Stable public code, e.g. `AH-HF-YH-XM02`: capital letters, digits and dashes.
    #[cfg_attr(feature = "openapi", schemars(length(max = 32)))]
    pub code: String,
    pub level: UnionLevel,
    pub kind: UnionKind,
    #[cfg_attr(feature = "openapi", schemars(length(max = 6)))]
    pub region_code: Option<String>,
    pub project_starts_on: Option<NaiveDate>,
    pub project_ends_on: Option<NaiveDate>,
    pub fallback_union_id: Option<i64>,
    pub trades: Option<Vec<Trade>>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionUpdate {
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 100)))]
    pub address: Option<String>,
    #[cfg_attr(feature = "openapi", schemars(length(max = 6)))]
    pub region_code: Option<String>,
    /// Project unions only.
    #[serde(default)]
    pub project_starts_on: Option<NaiveDate>,
    /// Project unions only; set ahead of closing.
    pub project_ends_on: Option<NaiveDate>,
    /// Project unions only: the joint union its members move to on closing (兜底).
    pub fallback_union_id: Option<i64>,
    pub trades: Option<Vec<Trade>>,
}

pub fn validate_name(name: &str) -> Result<String, Text> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(why::required()),
        1 => Err(why::too_short(2)),
        n if n > 60 => Err(why::too_long(60)),
        _ => Ok(name.to_string()),
    }
}

pub fn validate_code(code: &str) -> Result<String, Text> {
    let code = code.trim().to_ascii_uppercase();
    if is_union_code(&code) {
        Ok(code)
    } else {
        Err(Text::new(
            "编码由2到32位大写字母、数字组成,用“-”分段,例如 AH-HF-YH-XM02",
            "2–32 capital letters and digits in groups joined by dashes, e.g. AH-HF-YH-XM02",
        ))
    }
}

pub fn validate_region_code(code: &str) -> Result<String, Text> {
    let code = code.trim();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(Text::new(
            "行政区划代码是6位数字,例如 340102",
            "A division code has 6 digits, e.g. 340102",
        ))
    }
}

/// Whether the GB/T 2260 area `child` lies inside the parent union's area
/// `parent` (`None`: a parent without an area, such as the platform's root).
/// A province `PP0000` holds every code starting `PP`, a city `PPCC00` every
/// code starting `PPCC`, and a district holds only itself (streets and
/// grassroots unions under it share its code). Employers and membership
/// suggestions are routed by region code, so a union that claims another
/// area's code would receive that area's employers.
pub fn region_within(child: &str, parent: Option<&str>) -> bool {
    let Some(parent) = parent.filter(|p| !p.is_empty()) else {
        return true;
    };
    let digits = |c: &str| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit());
    if !digits(child) || !digits(parent) {
        return false;
    }
    let prefix = if parent.ends_with("0000") {
        &parent[..2]
    } else if parent.ends_with("00") {
        &parent[..4]
    } else {
        parent
    };
    child.starts_with(prefix)
}

/// The parent's area must hold the code (`region_within`), in plain words.
pub fn check_region_within(child: &str, parent: Option<&str>) -> Result<(), Text> {
    if region_within(child.trim(), parent) {
        Ok(())
    } else {
        Err(Text::owned(
            format!(
                "行政区划代码应在上级工会的地区({})之内",
                parent.unwrap_or_default()
            ),
            format!(
                "The division code must lie inside the parent union's area ({})",
                parent.unwrap_or_default()
            ),
        ))
    }
}

/// Only an admin of a union above this one (or a platform admin) may change
/// its region code: the union's own admins could otherwise move it into
/// another area. `staff_union_path` is `None` for platform admins.
pub fn may_change_region(
    role: StaffRole,
    staff_union_path: Option<&str>,
    union_path: &str,
) -> bool {
    if role == StaffRole::PlatformAdmin {
        return true;
    }
    role >= StaffRole::UnionAdmin
        && staff_union_path.is_some_and(|p| p != union_path && union_path.starts_with(p))
}

pub fn validate_address(address: &str) -> Result<(), Text> {
    if address.chars().count() > 100 {
        Err(why::too_long(100))
    } else {
        Ok(())
    }
}

fn validate_project(
    errors: &mut FieldErrors,
    kind: UnionKind,
    starts: Option<NaiveDate>,
    ends: Option<NaiveDate>,
) {
    if kind == UnionKind::Project {
        if starts.is_none() {
            errors.add(
                "project_starts_on",
                Text::new(
                    "项目工会要填项目开工日期",
                    "A project union needs the project's start date",
                ),
            );
        }
        if let (Some(s), Some(e)) = (starts, ends) {
            if e < s {
                errors.add(
                    "project_ends_on",
                    Text::new(
                        "完工日期不能早于开工日期",
                        "The end date cannot be before the start date",
                    ),
                );
            }
        }
    } else if starts.is_some() || ends.is_some() {
        errors.add(
            "project_starts_on",
            Text::new(
                "只有项目工会才有项目日期",
                "Only project unions have project dates",
            ),
        );
    }
}

impl UnionCreate {
    /// Checks the fields on their own; the Worker also checks the parent's level and scope.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check("name", validate_name(&self.name));
        errors.check("code", validate_code(&self.code));
        if let Some(r) = &self.region_code {
            errors.check("region_code", validate_region_code(r));
        }
        if (self.level == UnionLevel::Grassroots) == (self.kind == UnionKind::Federation) {
            errors.add("kind", Text::new("基层工会应为企业、项目或联合工会;上级工会为总工会", "Grassroots unions are enterprise, project or joint unions; higher levels are federations"));
        }
        validate_project(
            &mut errors,
            self.kind,
            self.project_starts_on,
            self.project_ends_on,
        );
        if let Some(a) = &self.address {
            errors.check("address", validate_address(a));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl UnionUpdate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Some(n) = &self.name {
            errors.check("name", validate_name(n));
        }
        if let Some(r) = &self.region_code {
            errors.check("region_code", validate_region_code(r));
        }
        if let Some(a) = &self.address {
            errors.check("address", validate_address(a));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The field rules, then what only the union being edited decides: project
    /// dates and a fallback belong to project unions, and the dates as they will
    /// stand after the edit (old ones kept where none is given) stay in order.
    pub fn validate_for(&self, current: &UnionSummary) -> Result<(), FieldErrors> {
        let mut errors = match self.validate() {
            Ok(()) => FieldErrors::new(),
            Err(e) => e,
        };
        let project = current.kind == UnionKind::Project;
        if !project {
            for (field, given) in [
                ("project_starts_on", self.project_starts_on.is_some()),
                ("project_ends_on", self.project_ends_on.is_some()),
            ] {
                if given {
                    errors.add(
                        field,
                        Text::new(
                            "只有项目工会才有项目日期",
                            "Only project unions have project dates",
                        ),
                    );
                }
            }
            if self.fallback_union_id.is_some() {
                errors.add(
                    "fallback_union_id",
                    Text::new(
                        "只有项目工会需要兜底工会",
                        "Only a project union has a fallback union",
                    ),
                );
            }
        } else {
            let starts = self.project_starts_on.or(current.project_starts_on);
            let ends = self.project_ends_on.or(current.project_ends_on);
            if let (Some(s), Some(e)) = (starts, ends) {
                if e < s {
                    errors.add(
                        "project_ends_on",
                        Text::new(
                            "完工日期不能早于开工日期",
                            "The end date cannot be before the start date",
                        ),
                    );
                }
            }
        }
        if self.fallback_union_id == Some(current.id) {
            errors.add(
                "fallback_union_id",
                Text::new(
                    "兜底工会应为另一个区域或行业联合工会",
                    "The fallback must be another regional or industry joint union",
                ),
            );
        }
        if current.status == UnionStatus::Closed {
            errors.add(
                "name",
                Text::new(
                    "已撤销的工会只留作记录,不能再修改",
                    "A closed union is kept for the record and cannot be edited",
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Whether the edit would change nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == UnionUpdate::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnionsRoute {
    ByJoinCode,
    List,
    Get,
    Create,
    Update,
}

pub const ROUTES: &[Route] = &[
    Route::new(
        RouteId::Unions(UnionsRoute::ByJoinCode),
        Method::Get,
        "/api/unions/join/{join_code}",
        Access::Public,
        "The union behind a QR poster's join code",
        Reply::Json(schema!(PublicUnionEnvelope)),
    ),
    Route::new(
        RouteId::Unions(UnionsRoute::List),
        Method::Get,
        "/api/admin/unions",
        Access::Staff(StaffRole::Viewer),
        "Unions in the caller's subtree: children of a node, or a name search",
        Reply::Json(schema!(UnionList)),
    )
    .query(schema!(UnionQuery)),
    Route::new(
        RouteId::Unions(UnionsRoute::Get),
        Method::Get,
        "/api/admin/unions/{union_id}",
        Access::Staff(StaffRole::Viewer),
        "One union in the caller's subtree",
        Reply::Json(schema!(UnionEnvelope)),
    ),
    Route::new(
        RouteId::Unions(UnionsRoute::Create),
        Method::Post,
        "/api/admin/unions",
        Access::Staff(StaffRole::UnionAdmin),
        "Create a union under one in the caller's subtree",
        Reply::Json(schema!(UnionEnvelope)),
    )
    .body(schema!(UnionCreate)),
    Route::new(
        RouteId::Unions(UnionsRoute::Update),
        Method::Patch,
        "/api/admin/unions/{union_id}",
        Access::Staff(StaffRole::UnionAdmin),
        "Edit a union in the caller's subtree",
        Reply::Json(schema!(UnionEnvelope)),
    )
    .body(schema!(UnionUpdate)),
];

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_region_code_lies_inside_the_parents_area() {
        // Province 安徽 340000, city 合肥 340100, district 瑶海 340102.
        assert!(region_within("340100", Some("340000")));
        assert!(region_within("341500", Some("340000")));
        assert!(region_within("340102", Some("340000")));
        assert!(
            !region_within("320100", Some("340000")),
            "江苏 is not in 安徽"
        );
        assert!(region_within("340102", Some("340100")));
        assert!(region_within("340100", Some("340100")));
        assert!(
            !region_within("341502", Some("340100")),
            "六安's district is not in 合肥"
        );
        assert!(region_within("340102", Some("340102")));
        assert!(
            !region_within("340103", Some("340102")),
            "a neighbouring district"
        );
        assert!(region_within("340102", None));
        assert!(region_within("340102", Some("")));
        assert!(!region_within("3401", Some("340000")));
        assert!(check_region_within("340103", Some("340102"))
            .unwrap_err()
            .zh
            .contains("340102"));
    }

    #[test]
    fn only_an_admin_above_the_union_changes_its_region() {
        use StaffRole::*;
        assert!(may_change_region(PlatformAdmin, None, "/1/2/3/"));
        assert!(may_change_region(UnionAdmin, Some("/1/2/"), "/1/2/3/"));
        assert!(
            !may_change_region(UnionAdmin, Some("/1/2/3/"), "/1/2/3/"),
            "its own admin"
        );
        assert!(!may_change_region(Staff, Some("/1/2/"), "/1/2/3/"));
        assert!(!may_change_region(UnionAdmin, Some("/1/9/"), "/1/2/3/"));
        assert!(!may_change_region(UnionAdmin, None, "/1/2/3/"));
    }

    /// A test union: open, grassroots, of the given kind, serving `region`.
    pub(crate) fn union(id: i64, kind: UnionKind, region: &str) -> UnionSummary {
        UnionSummary {
            id,
            code: format!("T-{id}"),
            name: format!("测试工会{id}"),
            level: if kind == UnionKind::Federation {
                UnionLevel::District
            } else {
                UnionLevel::Grassroots
            },
            kind,
            status: UnionStatus::Open,
            parent_id: None,
            region_code: Some(region.to_string()),
            project_starts_on: None,
            project_ends_on: None,
            fallback_union_id: None,
            join_code: format!("J{id}"),
            address: None,
            trades: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn stored_values_round_trip() {
        for &l in UnionLevel::ALL {
            assert_eq!(UnionLevel::parse(l.code()), Some(l));
            assert_eq!(serde_json::to_value(l).unwrap(), l.code());
        }
        for &k in UnionKind::ALL {
            assert_eq!(UnionKind::parse(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        assert_eq!(UnionStatus::parse("closed"), Some(UnionStatus::Closed));
        assert_eq!(UnionStatus::parse("gone"), None);
    }

    #[test]
    fn only_open_grassroots_unions_with_running_projects_take_members() {
        let today = day("2025-06-01");
        assert!(union(1, UnionKind::Joint, "340102")
            .accepts_members(today)
            .is_ok());
        assert!(union(2, UnionKind::Federation, "340102")
            .accepts_members(today)
            .is_err());
        let mut closed = union(3, UnionKind::Enterprise, "340102");
        closed.status = UnionStatus::Closed;
        assert_eq!(
            closed.accepts_members(today).unwrap_err().zh,
            "这个工会已经关闭,不再接收会员"
        );

        let mut project = union(4, UnionKind::Project, "340102");
        project.project_ends_on = Some(day("2025-06-01"));
        assert!(
            project.accepts_members(today).is_ok(),
            "the last day still counts"
        );
        project.project_ends_on = Some(day("2025-05-31"));
        assert!(project.project_has_ended(today));
        assert!(project.accepts_members(today).is_err());
    }

    #[test]
    fn trade_lists_limit_industry_unions() {
        let mut u = union(1, UnionKind::Joint, "340102");
        assert!(u.takes_trade(Trade::Courier));
        u.trades = Some(vec![Trade::Carpenter, Trade::Mason]);
        assert!(u.takes_trade(Trade::Carpenter));
        assert!(!u.takes_trade(Trade::Courier));
    }

    #[test]
    fn union_codes_are_url_safe_groups() {
        for ok in ["AH-HF-YH", "JS-NT-QD-KD", "A1", "BJ-2025-07"] {
            assert!(is_union_code(ok), "{ok}");
        }
        for bad in [
            "",
            "A",
            "ah-hf",
            "AH--HF",
            "-AH",
            "AH-",
            "AH HF",
            "合肥",
            "AH_HF",
            &"A".repeat(33),
        ] {
            assert!(!is_union_code(bad), "{bad}");
        }
    }

    #[test]
    fn summary_json_is_snake_case_and_omits_absent_fields() {
        let mut u = union(7, UnionKind::Project, "340102");
        u.project_ends_on = Some(day("2026-12-31"));
        u.trades = Some(vec![Trade::Carpenter]);
        let json = serde_json::to_value(&u).unwrap();
        assert_eq!(json["kind"], "project");
        assert_eq!(json["project_ends_on"], "2026-12-31");
        assert_eq!(json["trades"][0], "carpenter");
        assert!(json.get("parent_id").is_none());
        let back: UnionSummary = serde_json::from_value(json).unwrap();
        assert_eq!(back, u);
    }

    fn create(level: UnionLevel, kind: UnionKind) -> UnionCreate {
        UnionCreate {
            parent_id: 3,
            name: "瑶海区站塘路二期项目工会".into(),
            code: "ah-hf-yh-xm02".into(),
            level,
            kind,
            region_code: Some("340102".into()),
            project_starts_on: None,
            project_ends_on: None,
            fallback_union_id: None,
            trades: None,
            address: None,
        }
    }

    #[test]
    fn levels_nest_downwards_only() {
        assert!(UnionLevel::Province.may_contain(UnionLevel::City));
        assert!(UnionLevel::District.may_contain(UnionLevel::Grassroots));
        assert!(!UnionLevel::City.may_contain(UnionLevel::Province));
        assert!(!UnionLevel::Street.may_contain(UnionLevel::Street));
        assert!(!UnionLevel::Grassroots.may_contain(UnionLevel::Grassroots));
    }

    #[test]
    fn project_unions_need_their_dates() {
        let mut c = create(UnionLevel::Grassroots, UnionKind::Project);
        let errs = c.validate().unwrap_err();
        assert!(errs.get("project_starts_on").is_some());
        c.project_starts_on = NaiveDate::from_ymd_opt(2025, 3, 1);
        c.project_ends_on = NaiveDate::from_ymd_opt(2025, 2, 1);
        assert!(c.validate().unwrap_err().get("project_ends_on").is_some());
        c.project_ends_on = NaiveDate::from_ymd_opt(2026, 2, 1);
        assert!(c.validate().is_ok());
    }

    #[test]
    fn kind_must_fit_level() {
        assert!(create(UnionLevel::Grassroots, UnionKind::Federation)
            .validate()
            .unwrap_err()
            .get("kind")
            .is_some());
        assert!(create(UnionLevel::Street, UnionKind::Joint)
            .validate()
            .unwrap_err()
            .get("kind")
            .is_some());
        assert!(create(UnionLevel::Street, UnionKind::Federation)
            .validate()
            .is_ok());
    }

    #[test]
    fn edits_keep_project_facts_on_project_unions_and_in_order() {
        let mut project = union(9, UnionKind::Project, "340102");
        project.project_starts_on = Some(day("2025-03-01"));
        project.project_ends_on = Some(day("2026-06-30"));
        let ok = UnionUpdate {
            project_ends_on: Some(day("2026-01-31")),
            fallback_union_id: Some(3),
            ..Default::default()
        };
        assert!(ok.validate_for(&project).is_ok());
        let early = UnionUpdate {
            project_ends_on: Some(day("2025-02-01")),
            ..Default::default()
        };
        assert!(early
            .validate_for(&project)
            .unwrap_err()
            .get("project_ends_on")
            .is_some());
        // A new start after the old end is refused too.
        let late_start = UnionUpdate {
            project_starts_on: Some(day("2026-07-01")),
            ..Default::default()
        };
        assert!(late_start.validate_for(&project).is_err());
        let joint = union(3, UnionKind::Joint, "340102");
        let errs = ok.validate_for(&joint).unwrap_err();
        assert!(errs.get("project_ends_on").is_some());
        assert!(errs.get("fallback_union_id").is_some());
        let itself = UnionUpdate {
            fallback_union_id: Some(9),
            ..Default::default()
        };
        assert!(itself
            .validate_for(&project)
            .unwrap_err()
            .get("fallback_union_id")
            .is_some());
        let mut closed = project.clone();
        closed.status = UnionStatus::Closed;
        assert!(ok.validate_for(&closed).is_err());
        let bad_name = UnionUpdate {
            name: Some("甲".into()),
            ..Default::default()
        };
        assert!(bad_name
            .validate_for(&project)
            .unwrap_err()
            .get("name")
            .is_some());
        assert!(UnionUpdate::default().is_empty());
    }

    #[test]
    fn codes_are_normalised_and_checked() {
        assert_eq!(validate_code(" ah-hf-yh ").unwrap(), "AH-HF-YH");
        assert!(validate_code("A").is_err());
        assert!(validate_code("合肥").is_err());
        assert!(validate_code("-AH").is_err());
        assert!(validate_region_code("34010").is_err());
    }
}
