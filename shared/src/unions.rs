//! The union hierarchy: province → city → district/county → town/street →
//! grassroots union (enterprise, project or regional/industry joint union).

use crate::api::ListMeta;
use crate::error::{why, FieldErrors};
use crate::lang::Text;
use crate::routes::{schema, Access, Method, Reply, Route, RouteId};
use crate::accounts::StaffRole;
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnionLevel {
    Province,
    City,
    District,
    Street,
    Grassroots,
}

impl UnionLevel {
    pub const ALL: [UnionLevel; 5] = [UnionLevel::Province, UnionLevel::City, UnionLevel::District, UnionLevel::Street, UnionLevel::Grassroots];

    pub fn as_str(self) -> &'static str {
        match self {
            UnionLevel::Province => "province",
            UnionLevel::City => "city",
            UnionLevel::District => "district",
            UnionLevel::Street => "street",
            UnionLevel::Grassroots => "grassroots",
        }
    }

    pub fn parse(s: &str) -> Option<UnionLevel> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            UnionLevel::Province => Text::new("省级总工会", "Province federation"),
            UnionLevel::City => Text::new("市级总工会", "City federation"),
            UnionLevel::District => Text::new("区县总工会", "District/county federation"),
            UnionLevel::Street => Text::new("乡镇(街道)工会", "Town/street union"),
            UnionLevel::Grassroots => Text::new("基层工会", "Grassroots union"),
        }
    }

    /// Whether a union of level `child` may sit directly under one of `self`.
    pub fn may_contain(self, child: UnionLevel) -> bool {
        self != UnionLevel::Grassroots && child > self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnionKind {
    /// 总工会 at province, city, district or street level.
    Federation,
    Enterprise,
    /// 项目工会: exists while its construction project runs.
    Project,
    /// 区域/行业联合工会: takes anyone in its area or trade (兜底).
    Joint,
}

impl UnionKind {
    pub const ALL: [UnionKind; 4] = [UnionKind::Federation, UnionKind::Enterprise, UnionKind::Project, UnionKind::Joint];

    pub fn as_str(self) -> &'static str {
        match self {
            UnionKind::Federation => "federation",
            UnionKind::Enterprise => "enterprise",
            UnionKind::Project => "project",
            UnionKind::Joint => "joint",
        }
    }

    pub fn parse(s: &str) -> Option<UnionKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            UnionKind::Federation => Text::new("总工会", "Federation"),
            UnionKind::Enterprise => Text::new("企业工会", "Enterprise union"),
            UnionKind::Project => Text::new("项目工会", "Project union"),
            UnionKind::Joint => Text::new("区域/行业联合工会", "Regional/industry joint union"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnionStatus {
    Open,
    Closed,
}

/// A union named in another resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// What anyone may see of a union: the join page after scanning its poster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicUnion {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: UnionLevel,
    pub kind: UnionKind,
    pub status: UnionStatus,
    pub join_code: String,
    pub address: Option<String>,
    /// The chain of parent unions, from the top: 安徽省总工会 › 合肥市总工会 › …
    pub parents: Vec<UnionRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Union {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub level: UnionLevel,
    pub kind: UnionKind,
    pub status: UnionStatus,
    pub parent_id: Option<i64>,
    /// Depth below the root of the tree (provinces are 0).
    pub depth: u32,
    pub join_code: String,
    pub region_code: Option<String>,
    pub project_starts_on: Option<NaiveDate>,
    pub project_ends_on: Option<NaiveDate>,
    pub fallback_union_id: Option<i64>,
    /// Trades a joint union takes; absent means any trade.
    pub trades: Option<Vec<Trade>>,
    pub address: Option<String>,
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
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionCreate {
    pub parent_id: i64,
    pub name: String,
    /// Stable public code, e.g. `AH-HF-YH-XM02`: capital letters, digits and dashes.
    pub code: String,
    pub level: UnionLevel,
    pub kind: UnionKind,
    pub region_code: Option<String>,
    pub project_starts_on: Option<NaiveDate>,
    pub project_ends_on: Option<NaiveDate>,
    pub fallback_union_id: Option<i64>,
    pub trades: Option<Vec<Trade>>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionUpdate {
    pub name: Option<String>,
    pub address: Option<String>,
    pub region_code: Option<String>,
    pub project_ends_on: Option<NaiveDate>,
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
    let ok = (2..=24).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && !code.starts_with('-')
        && !code.ends_with('-');
    if ok {
        Ok(code)
    } else {
        Err(Text::new("编码由2到24位大写字母、数字和“-”组成,例如 AH-HF-YH-XM02", "2–24 capital letters, digits and dashes, e.g. AH-HF-YH-XM02"))
    }
}

pub fn validate_region_code(code: &str) -> Result<String, Text> {
    let code = code.trim();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(Text::new("行政区划代码是6位数字,例如 340102", "A division code has 6 digits, e.g. 340102"))
    }
}

pub fn validate_address(address: &str) -> Result<(), Text> {
    if address.chars().count() > 100 { Err(why::too_long(100)) } else { Ok(()) }
}

fn validate_project(errors: &mut FieldErrors, kind: UnionKind, starts: Option<NaiveDate>, ends: Option<NaiveDate>) {
    if kind == UnionKind::Project {
        if starts.is_none() {
            errors.add("project_starts_on", Text::new("项目工会要填项目开工日期", "A project union needs the project's start date"));
        }
        if let (Some(s), Some(e)) = (starts, ends) {
            if e < s {
                errors.add("project_ends_on", Text::new("完工日期不能早于开工日期", "The end date cannot be before the start date"));
            }
        }
    } else if starts.is_some() || ends.is_some() {
        errors.add("project_starts_on", Text::new("只有项目工会才有项目日期", "Only project unions have project dates"));
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
        validate_project(&mut errors, self.kind, self.project_starts_on, self.project_ends_on);
        if let Some(a) = &self.address {
            errors.check("address", validate_address(a));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
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
        if errors.is_empty() { Ok(()) } else { Err(errors) }
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
    Route::new(RouteId::Unions(UnionsRoute::ByJoinCode), Method::Get, "/api/unions/join/{join_code}", Access::Public, "The union behind a QR poster's join code", Reply::Json(schema!(PublicUnionEnvelope))),
    Route::new(RouteId::Unions(UnionsRoute::List), Method::Get, "/api/admin/unions", Access::Staff(StaffRole::Viewer), "Unions in the caller's subtree: children of a node, or a name search", Reply::Json(schema!(UnionList))).query(schema!(UnionQuery)),
    Route::new(RouteId::Unions(UnionsRoute::Get), Method::Get, "/api/admin/unions/{union_id}", Access::Staff(StaffRole::Viewer), "One union in the caller's subtree", Reply::Json(schema!(UnionEnvelope))),
    Route::new(RouteId::Unions(UnionsRoute::Create), Method::Post, "/api/admin/unions", Access::Staff(StaffRole::UnionAdmin), "Create a union under one in the caller's subtree", Reply::Json(schema!(UnionEnvelope))).body(schema!(UnionCreate)),
    Route::new(RouteId::Unions(UnionsRoute::Update), Method::Patch, "/api/admin/unions/{union_id}", Access::Staff(StaffRole::UnionAdmin), "Edit a union in the caller's subtree", Reply::Json(schema!(UnionEnvelope))).body(schema!(UnionUpdate)),
];

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(create(UnionLevel::Grassroots, UnionKind::Federation).validate().unwrap_err().get("kind").is_some());
        assert!(create(UnionLevel::Street, UnionKind::Joint).validate().unwrap_err().get("kind").is_some());
        assert!(create(UnionLevel::Street, UnionKind::Federation).validate().is_ok());
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
