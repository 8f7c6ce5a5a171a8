//! Which union to join without a QR code. In order:
//!
//! 1. a project union (项目工会) whose site the worker named: the typed site and
//!    the project's name or address contain one another, ignoring words like
//!    项目, 工地, 工程 and 工会;
//! 2. a joint union (联合工会) serving the worker's area that takes their trade:
//!    an industry union listing the trade before a regional one taking all (兜底);
//! 3. any other joint union of the area: always when the trade is unknown,
//!    otherwise only when nothing above was found.
//!
//! Closed unions and projects past their end date are never suggested, nor are
//! federations and enterprise unions (those are joined by their own QR code).

use crate::error::{why, FieldErrors};
use crate::lang::{Lang, Text};
use crate::query::Query;
use crate::trades::Trade;
use crate::unions::{UnionKind, UnionSummary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// At most this many suggestions are returned.
pub const SUGGESTIONS_MAX: usize = 5;
/// Longest site text, in characters.
pub const SITE_MAX: usize = 50;

/// What the worker told us: the site they work on, the area they chose, their trade.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SuggestQuery {
    /// The site or project as typed, e.g. 万达广场工地.
    pub site: Option<String>,
    /// GB/T 2260 code of the district (or city) chosen, e.g. `340102`.
    pub region_code: Option<String>,
    pub trade: Option<Trade>,
}

impl SuggestQuery {
    /// Reads `?site=…&region_code=…&trade=carpenter`.
    pub fn read(q: &Query) -> Result<SuggestQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let trade = q.str("trade").and_then(|code| {
            errors.check("trade", Trade::parse(code).ok_or_else(why::not_a_choice))
        });
        let raw = SuggestQuery {
            site: q.str("site").map(String::from),
            region_code: q.str("region_code").map(String::from),
            trade,
        };
        match raw.validate() {
            Ok(facts) if errors.is_empty() => Ok(facts),
            Ok(_) => Err(errors),
            Err(more) => {
                more.0.into_iter().for_each(|e| errors.add(e.field, e.why));
                Err(errors)
            }
        }
    }

    /// Trims the texts and checks them; a site or an area is needed.
    pub fn validate(&self) -> Result<SuggestQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let site = self
            .site
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if site.is_some_and(|s| s.chars().count() > SITE_MAX) {
            errors.add("site", why::too_long(SITE_MAX));
        }
        let region = self
            .region_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if region.is_some_and(|r| !is_region_code(r)) {
            errors.add(
                "region_code",
                Text::new("请从列表中选择所在地区", "Choose your area from the list"),
            );
        }
        if site.is_none() && region.is_none() {
            errors.add(
                "region_code",
                Text::new(
                    "请填写工地名称,或选择所在地区",
                    "Name your site or choose your area",
                ),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SuggestQuery {
            site: site.map(String::from),
            region_code: region.map(String::from),
            trade: self.trade,
        })
    }
}

/// A GB/T 2260 code: six digits, not starting with `00`.
pub fn is_region_code(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with("00")
}

/// The region codes whose unions serve `region`: itself, its city and its
/// province (`340102` → `340102`, `340100`, `340000`). The Worker fetches joint
/// unions with these codes (plus those inside `region` when it is a city).
pub fn covering_regions(region: &str) -> Vec<String> {
    if !is_region_code(region) {
        return Vec::new();
    }
    let mut codes = vec![
        region.to_string(),
        format!("{}00", &region[..4]),
        format!("{}0000", &region[..2]),
    ];
    codes.dedup();
    codes
}

/// Why a union is suggested, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionFit {
    /// The project union of the site the worker named.
    Site,
    /// An industry joint union of the area that lists the worker's trade.
    IndustryInArea,
    /// A regional joint union of the area that takes every trade (兜底).
    RegionalInArea,
    /// Another joint union of the area.
    OtherInArea,
}

/// One suggestion, with its reason in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion<'a> {
    pub union: &'a UnionSummary,
    pub fit: SuggestionFit,
    pub reason: Text,
}

/// The wire form of a suggestion, reason in the caller's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionSuggestion {
    pub union: UnionSummary,
    pub fit: SuggestionFit,
    pub reason: String,
}

/// `{"suggestions": [...]}`, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnionSuggestions {
    pub suggestions: Vec<UnionSuggestion>,
}

impl Suggestion<'_> {
    pub fn render(&self, lang: Lang) -> UnionSuggestion {
        UnionSuggestion {
            union: self.union.clone(),
            fit: self.fit,
            reason: self.reason.get(lang).to_string(),
        }
    }
}

/// How near a union's area is to the worker's; smaller is nearer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    Same,
    /// The union serves the worker's whole city.
    City,
    /// The union serves the worker's whole province.
    Province,
    /// The worker chose a city and the union serves part of it.
    Inside,
}

fn reach(union_region: &str, worker_region: &str) -> Option<Reach> {
    if !is_region_code(union_region) || !is_region_code(worker_region) {
        return None;
    }
    let city_code = |r: &str| r.ends_with("00") && !r.ends_with("0000");
    if union_region == worker_region {
        Some(Reach::Same)
    } else if union_region.ends_with("0000") && union_region[..2] == worker_region[..2] {
        Some(Reach::Province)
    } else if city_code(union_region) && union_region[..4] == worker_region[..4] {
        Some(Reach::City)
    } else if (city_code(worker_region) && union_region[..4] == worker_region[..4])
        || (worker_region.ends_with("0000") && union_region[..2] == worker_region[..2])
    {
        Some(Reach::Inside)
    } else {
        None
    }
}

/// "本区" / "your district": the area as seen from the worker.
fn area_words(reach: Reach, union_region: &str) -> (&'static str, &'static str) {
    match reach {
        Reach::Same if union_region.ends_with("0000") => ("本省", "your province"),
        Reach::Same if union_region.ends_with("00") => ("本市", "your city"),
        Reach::Same => ("本区", "your district"),
        Reach::City => ("本市", "your city"),
        Reach::Province => ("本省", "your province"),
        Reach::Inside => ("您选的地区", "the area you chose"),
    }
}

/// Words that say nothing about which site it is.
const FILLER: &[&str] = &[
    "项目工会",
    "联合工会",
    "项目部",
    "施工现场",
    "工会",
    "项目",
    "工地",
    "工程",
    "现场",
];

/// Site text for comparison: full-width forms folded, case folded, spaces and
/// punctuation dropped, filler words removed.
pub fn site_key(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    FILLER.iter().fold(folded, |s, w| s.replace(w, ""))
}

/// How well a typed site matches a project text: 3 same, 2 the typed text holds
/// the project's, 1 the project's holds the typed text, 0 no match.
fn site_score(typed: &str, project_text: &str) -> u8 {
    let project = site_key(project_text);
    if typed.chars().count() < 2 || project.chars().count() < 2 {
        0
    } else if typed == project {
        3
    } else if typed.contains(&project) {
        2
    } else if project.contains(typed) {
        1
    } else {
        0
    }
}

/// Sort key: fit, then site-match strength (best of name or address, then by
/// name), then nearness (unrelated areas last), then id for a stable order.
type RankKey = (SuggestionFit, Reverse<(u8, u8)>, u8, i64);

/// Ranks `candidates` for a worker's `facts` (already validated), best first,
/// at most [`SUGGESTIONS_MAX`]. `today` is the Asia/Shanghai date.
pub fn suggest<'a>(
    candidates: &'a [UnionSummary],
    facts: &SuggestQuery,
    today: NaiveDate,
) -> Vec<Suggestion<'a>> {
    let typed = facts.site.as_deref().map(site_key).unwrap_or_default();
    let worker_region = facts.region_code.as_deref().unwrap_or("");
    let mut ranked: Vec<(RankKey, Suggestion<'a>)> = Vec::new();
    for union in candidates
        .iter()
        .filter(|u| u.accepts_members(today).is_ok())
    {
        let region = union.region_code.as_deref().unwrap_or("");
        let near = reach(region, worker_region);
        match union.kind {
            UnionKind::Project => {
                let by_name = site_score(&typed, &union.name);
                let by_address = union
                    .address
                    .as_deref()
                    .map_or(0, |a| site_score(&typed, a));
                if by_name.max(by_address) > 0 {
                    let reason = Text::new(
                        "您填写的工地有项目工会",
                        "The site you named has a project union",
                    );
                    let key = (
                        SuggestionFit::Site,
                        Reverse((by_name.max(by_address), by_name)),
                        near.map_or(u8::MAX, |r| r as u8),
                        union.id,
                    );
                    ranked.push((
                        key,
                        Suggestion {
                            union,
                            fit: SuggestionFit::Site,
                            reason,
                        },
                    ));
                }
            }
            UnionKind::Joint => {
                let Some(near) = near else { continue };
                let (zh_area, en_area) = area_words(near, region);
                let (fit, reason) = match (&union.trades, facts.trade) {
                    (None, _) => (
                        SuggestionFit::RegionalInArea,
                        Text::owned(
                            format!("{zh_area}的联合工会,各个工种都能加入"),
                            format!("Joint union for {en_area}; open to every trade"),
                        ),
                    ),
                    (Some(trades), Some(t)) if trades.contains(&t) => (
                        SuggestionFit::IndustryInArea,
                        Text::owned(
                            format!("{zh_area}的行业联合工会,接收{}", t.label().zh),
                            format!("Industry joint union for {en_area}; takes {}", t.label().en),
                        ),
                    ),
                    (Some(trades), _) => {
                        let (zh, en) = trade_list(trades);
                        (
                            SuggestionFit::OtherInArea,
                            Text::owned(
                                format!("{zh_area}的行业联合工会,接收{zh}"),
                                format!("Industry joint union for {en_area}; takes {en}"),
                            ),
                        )
                    }
                };
                ranked.push((
                    (fit, Reverse((0, 0)), near as u8, union.id),
                    Suggestion { union, fit, reason },
                ));
            }
            UnionKind::Federation | UnionKind::Enterprise => {}
        }
    }
    ranked.sort_by_key(|(key, _)| *key);
    let better_found = ranked
        .iter()
        .any(|(_, s)| s.fit < SuggestionFit::OtherInArea);
    ranked
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.fit != SuggestionFit::OtherInArea || facts.trade.is_none() || !better_found)
        .take(SUGGESTIONS_MAX)
        .collect()
}

/// Up to three trade names: "快递员、货车司机等".
fn trade_list(trades: &[Trade]) -> (String, String) {
    let shown = &trades[..trades.len().min(3)];
    let more = trades.len() > 3;
    let zh = shown
        .iter()
        .map(|t| t.label().zh.into_owned())
        .collect::<Vec<_>>()
        .join("、");
    let en = shown
        .iter()
        .map(|t| t.label().en.into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    (
        format!("{zh}{}", if more { "等" } else { "" }),
        format!("{en}{}", if more { " and others" } else { "" }),
    )
}

/// An area a worker can pick when they have no QR code: a city or district
/// whose federation has open unions to join under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JoinArea {
    /// GB/T 2260 code, for `?region_code=` of the suggestions.
    pub region_code: String,
    /// e.g. `合肥市 瑶海区`.
    pub name: String,
}

/// `{"areas": [...]}`, ordered by region code (so by province, then city).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JoinAreas {
    pub areas: Vec<JoinArea>,
}

/// The area a federation serves, named from the federation: `瑶海区总工会`
/// under `合肥市总工会` is `合肥市 瑶海区`.
pub fn area_name(federation: &str, parent_federation: Option<&str>) -> String {
    let place = |n: &str| n.trim_end_matches("总工会").trim().to_string();
    match parent_federation
        .map(place)
        .filter(|p| !p.is_empty() && !p.ends_with('省'))
    {
        Some(parent) => format!("{parent} {}", place(federation)),
        None => place(federation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_named_after_their_federations() {
        assert_eq!(
            area_name("瑶海区总工会", Some("合肥市总工会")),
            "合肥市 瑶海区"
        );
        assert_eq!(area_name("合肥市总工会", Some("安徽省总工会")), "合肥市");
        assert_eq!(area_name("霍山县总工会", None), "霍山县");
    }
    use crate::unions::tests::union;
    use crate::unions::UnionStatus;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn project(id: i64, name: &str, address: &str, region: &str) -> UnionSummary {
        let mut u = union(id, UnionKind::Project, region);
        u.name = name.into();
        u.address = Some(address.into());
        u.project_ends_on = NaiveDate::from_ymd_opt(2026, 12, 31);
        u
    }

    fn joint(id: i64, region: &str, trades: Option<Vec<Trade>>) -> UnionSummary {
        let mut u = union(id, UnionKind::Joint, region);
        u.trades = trades;
        u
    }

    fn facts(site: Option<&str>, region: Option<&str>, trade: Option<Trade>) -> SuggestQuery {
        SuggestQuery {
            site: site.map(String::from),
            region_code: region.map(String::from),
            trade,
        }
        .validate()
        .unwrap()
    }

    fn ids(s: &[Suggestion]) -> Vec<i64> {
        s.iter().map(|s| s.union.id).collect()
    }

    /// 瑶海区 (340102) of 合肥 (340100) in 安徽 (340000).
    fn hefei() -> Vec<UnionSummary> {
        vec![
            project(
                1,
                "中建三局合肥万达广场项目工会",
                "合肥市瑶海区长江东路1000号",
                "340102",
            ),
            project(2, "合肥地铁8号线项目工会", "合肥市蜀山区望江西路", "340104"),
            joint(3, "340102", None),
            joint(
                4,
                "340102",
                Some(vec![Trade::Carpenter, Trade::RebarWorker, Trade::Mason]),
            ),
            joint(
                5,
                "340100",
                Some(vec![Trade::Courier, Trade::DeliveryRider]),
            ),
            joint(6, "340104", None),
            joint(7, "340100", None),
            union(8, UnionKind::Enterprise, "340102"),
            union(9, UnionKind::Federation, "340102"),
        ]
    }

    #[test]
    fn the_project_union_of_the_named_site_wins() {
        let unions = hefei();
        let got = suggest(
            &unions,
            &facts(Some("万达广场工地"), Some("340102"), Some(Trade::Carpenter)),
            today(),
        );
        assert_eq!(
            ids(&got),
            vec![1, 4, 3, 7],
            "site, then industry, then regional, district before city"
        );
        assert_eq!(got[0].fit, SuggestionFit::Site);
        assert_eq!(got[0].reason.zh, "您填写的工地有项目工会");
        assert_eq!(got[1].reason.zh, "本区的行业联合工会,接收木工");
        assert_eq!(
            got[1].reason.en,
            "Industry joint union for your district; takes Carpenter"
        );
        assert_eq!(got[2].reason.zh, "本区的联合工会,各个工种都能加入");
        assert_eq!(got[3].reason.zh, "本市的联合工会,各个工种都能加入");
    }

    #[test]
    fn sites_match_by_name_or_address_either_way_round() {
        let unions = hefei();
        for typed in [
            "万达广场",
            "合肥万达广场项目部",
            "中建三局 合肥万达广场 工地",
            "长江东路",
            "ＷＡＮＤＡ无关",
        ] {
            let got = suggest(&unions, &facts(Some(typed), None, None), today());
            let expect_match = !typed.starts_with('Ｗ');
            assert_eq!(
                got.first().map(|s| s.union.id) == Some(1),
                expect_match,
                "{typed}"
            );
        }
        // A worker who typed more than the project's name still matches it.
        let got = suggest(
            &unions,
            &facts(Some("在合肥地铁8号线干活"), None, None),
            today(),
        );
        assert_eq!(ids(&got), vec![2]);
        // Filler words alone match nothing.
        assert!(suggest(&unions, &facts(Some("项目工地"), None, None), today()).is_empty());
        assert!(
            suggest(&unions, &facts(Some("万"), None, None), today()).is_empty(),
            "one character is too little"
        );
    }

    #[test]
    fn closer_and_stronger_site_matches_rank_first() {
        let unions = vec![
            project(11, "滨湖花园二期项目工会", "合肥市包河区", "340111"),
            project(12, "滨湖花园项目工会", "合肥市包河区", "340111"),
            project(13, "滨湖花园项目工会", "芜湖市", "340202"),
        ];
        let got = suggest(
            &unions,
            &facts(Some("滨湖花园工地"), Some("340111"), None),
            today(),
        );
        assert_eq!(
            ids(&got),
            vec![12, 13, 11],
            "exact names first, the worker's district first among equals"
        );
    }

    #[test]
    fn closed_and_finished_projects_are_never_suggested() {
        let mut unions = hefei();
        unions[0].status = UnionStatus::Closed;
        unions[1].project_ends_on = NaiveDate::from_ymd_opt(2025, 5, 31);
        let got = suggest(&unions, &facts(Some("万达广场"), None, None), today());
        assert!(got.is_empty());
        let got = suggest(&unions, &facts(Some("地铁8号线"), None, None), today());
        assert!(got.is_empty());
        let mut closed_joint = hefei();
        closed_joint[2].status = UnionStatus::Closed;
        let got = suggest(&closed_joint, &facts(None, Some("340102"), None), today());
        assert!(!ids(&got).contains(&3));
    }

    #[test]
    fn other_industries_only_when_nothing_fits_or_the_trade_is_unknown() {
        let unions = hefei();
        // A carpenter in 瑶海 is not offered the couriers' union: better ones exist.
        let got = suggest(
            &unions,
            &facts(None, Some("340102"), Some(Trade::Carpenter)),
            today(),
        );
        assert_eq!(ids(&got), vec![4, 3, 7]);
        // Without a trade, the industry unions are listed with what they take.
        let got = suggest(&unions, &facts(None, Some("340102"), None), today());
        assert_eq!(ids(&got), vec![3, 7, 4, 5]);
        assert_eq!(
            got[2].reason.zh,
            "本区的行业联合工会,接收木工、钢筋工、瓦工"
        );
        assert_eq!(got[3].reason.zh, "本市的行业联合工会,接收快递员、外卖骑手");
        // Where only another industry's union exists, it is still offered.
        let only = vec![joint(5, "340100", Some(vec![Trade::Courier]))];
        let got = suggest(
            &only,
            &facts(None, Some("340102"), Some(Trade::Carpenter)),
            today(),
        );
        assert_eq!(ids(&got), vec![5]);
        assert_eq!(got[0].fit, SuggestionFit::OtherInArea);
    }

    #[test]
    fn areas_cover_their_districts_and_not_their_neighbours() {
        let unions = vec![
            joint(1, "340000", None),
            joint(2, "340100", None),
            joint(3, "340102", None),
            joint(4, "340104", None),
            joint(5, "320100", None),
        ];
        let got = suggest(&unions, &facts(None, Some("340102"), None), today());
        assert_eq!(ids(&got), vec![3, 2, 1]);
        assert_eq!(got[2].reason.zh, "本省的联合工会,各个工种都能加入");
        // A worker who only chose the city sees the city's unions, then those inside it.
        let got = suggest(&unions, &facts(None, Some("340100"), None), today());
        assert_eq!(ids(&got), vec![2, 1, 3, 4]);
        assert_eq!(got[0].reason.zh, "本市的联合工会,各个工种都能加入");
        assert!(got[2].reason.zh.starts_with("您选的地区"));
        assert_eq!(
            covering_regions("340102"),
            vec!["340102", "340100", "340000"]
        );
        assert_eq!(covering_regions("340100"), vec!["340100", "340000"]);
        assert!(covering_regions("34010").is_empty());
    }

    #[test]
    fn at_most_five_suggestions() {
        let unions: Vec<_> = (1..=9).map(|id| joint(id, "340102", None)).collect();
        let got = suggest(&unions, &facts(None, Some("340102"), None), today());
        assert_eq!(ids(&got), vec![1, 2, 3, 4, 5]);
        let wire = got[0].render(Lang::En);
        assert_eq!(
            wire.reason,
            "Joint union for your district; open to every trade"
        );
        assert_eq!(
            serde_json::to_value(&wire).unwrap()["fit"],
            "regional_in_area"
        );
    }

    #[test]
    fn the_query_needs_a_site_or_an_area() {
        let errors = SuggestQuery::read(&Query::parse("")).unwrap_err();
        assert!(errors.get("region_code").unwrap().zh.contains("工地名称"));
        let errors =
            SuggestQuery::read(&Query::parse("region_code=3401&trade=astronaut")).unwrap_err();
        assert!(errors.get("region_code").is_some());
        assert_eq!(errors.get("trade"), Some(&why::not_a_choice()));
        let ok =
            SuggestQuery::read(&Query::parse("site=+%E4%B8%87%E8%BE%BE+&trade=carpenter")).unwrap();
        assert_eq!(ok.site.as_deref(), Some("万达"));
        assert_eq!(ok.trade, Some(Trade::Carpenter));
        let long = format!("site={}", "工".repeat(SITE_MAX + 1));
        assert!(SuggestQuery::read(&Query::parse(&long))
            .unwrap_err()
            .get("site")
            .is_some());
    }
}
