//! Unions (工会) as the other capabilities see them: the summary of one node of
//! the union tree, its labels, and whether it can take members today. The tree
//! itself (paths, scopes) belongs to accounts; this is the pure wire type.

use crate::lang::Text;
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a union sits in the tree: province → city → district → street → grassroots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnionLevel {
    Province,
    City,
    District,
    Street,
    Grassroots,
}

/// What kind of union it is. Only grassroots unions (enterprise, project, joint) take members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnionKind {
    /// 总工会: a federation at province, city, district or street level.
    Federation,
    /// 企业工会: the union of one employer.
    Enterprise,
    /// 项目工会: lives as long as one construction project.
    Project,
    /// 区域/行业联合工会: takes anyone of its area (and trades): the fallback.
    Joint,
}

/// Open unions take members; closed ones are kept for history only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnionStatus {
    Open,
    Closed,
}

impl UnionLevel {
    pub const ALL: [UnionLevel; 5] = [UnionLevel::Province, UnionLevel::City, UnionLevel::District, UnionLevel::Street, UnionLevel::Grassroots];

    /// The value stored in D1.
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
        UnionLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            UnionLevel::Province => Text::new("省级", "Province"),
            UnionLevel::City => Text::new("市级", "City"),
            UnionLevel::District => Text::new("区县级", "District / county"),
            UnionLevel::Street => Text::new("乡镇街道级", "Town / street"),
            UnionLevel::Grassroots => Text::new("基层工会", "Grassroots union"),
        }
    }
}

impl UnionKind {
    pub const ALL: [UnionKind; 4] = [UnionKind::Federation, UnionKind::Enterprise, UnionKind::Project, UnionKind::Joint];

    /// The value stored in D1.
    pub fn as_str(self) -> &'static str {
        match self {
            UnionKind::Federation => "federation",
            UnionKind::Enterprise => "enterprise",
            UnionKind::Project => "project",
            UnionKind::Joint => "joint",
        }
    }

    pub fn parse(s: &str) -> Option<UnionKind> {
        UnionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            UnionKind::Federation => Text::new("总工会", "Federation of unions"),
            UnionKind::Enterprise => Text::new("企业工会", "Enterprise union"),
            UnionKind::Project => Text::new("项目工会", "Project union"),
            UnionKind::Joint => Text::new("联合工会", "Joint union"),
        }
    }
}

impl UnionStatus {
    /// The value stored in D1.
    pub fn as_str(self) -> &'static str {
        match self {
            UnionStatus::Open => "open",
            UnionStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<UnionStatus> {
        [UnionStatus::Open, UnionStatus::Closed].into_iter().find(|st| st.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            UnionStatus::Open => Text::new("正常", "Open"),
            UnionStatus::Closed => Text::new("已关闭", "Closed"),
        }
    }
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
            return Err(Text::new("这个工会已经关闭,不再接收会员", "This union is closed and takes no new members"));
        }
        if self.project_has_ended(today) {
            return Err(Text::new("这个项目已经完工,项目工会不再接收会员", "This project has ended; its union takes no new members"));
        }
        Ok(())
    }
}

/// A union code: 2–32 characters, upper-case letters and digits in groups joined
/// by single hyphens (`AH-HF-YH`). Codes appear in member numbers and URLs, so
/// they need no escaping anywhere.
pub fn is_union_code(s: &str) -> bool {
    (2..=32).contains(&s.len())
        && s.split('-').all(|group| !group.is_empty() && group.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A test union: open, grassroots, of the given kind, serving `region`.
    pub(crate) fn union(id: i64, kind: UnionKind, region: &str) -> UnionSummary {
        UnionSummary {
            id,
            code: format!("T-{id}"),
            name: format!("测试工会{id}"),
            level: if kind == UnionKind::Federation { UnionLevel::District } else { UnionLevel::Grassroots },
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
        for l in UnionLevel::ALL {
            assert_eq!(UnionLevel::parse(l.as_str()), Some(l));
            assert_eq!(serde_json::to_value(l).unwrap(), l.as_str());
        }
        for k in UnionKind::ALL {
            assert_eq!(UnionKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        assert_eq!(UnionStatus::parse("closed"), Some(UnionStatus::Closed));
        assert_eq!(UnionStatus::parse("gone"), None);
    }

    #[test]
    fn only_open_grassroots_unions_with_running_projects_take_members() {
        let today = day("2025-06-01");
        assert!(union(1, UnionKind::Joint, "340102").accepts_members(today).is_ok());
        assert!(union(2, UnionKind::Federation, "340102").accepts_members(today).is_err());
        let mut closed = union(3, UnionKind::Enterprise, "340102");
        closed.status = UnionStatus::Closed;
        assert_eq!(closed.accepts_members(today).unwrap_err().zh, "这个工会已经关闭,不再接收会员");

        let mut project = union(4, UnionKind::Project, "340102");
        project.project_ends_on = Some(day("2025-06-01"));
        assert!(project.accepts_members(today).is_ok(), "the last day still counts");
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
        for bad in ["", "A", "ah-hf", "AH--HF", "-AH", "AH-", "AH HF", "合肥", "AH_HF", &"A".repeat(33)] {
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
}
