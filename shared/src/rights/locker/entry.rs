//! A day entry (一天的记工): what the worker types, its validation, and the
//! entry as the server stored it (a link of the chain).

use super::Confirmation;
use crate::attachments::{is_public_id, AttachmentView, MAX_PER_SUBJECT};
use crate::error::{why, FieldErrors};
use crate::geo::LatLng;
use crate::lang::Text;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_PROJECT: usize = 60;
pub const MAX_ADDRESS: usize = 120;
pub const MAX_BOSS_NAME: usize = 30;
pub const MAX_NOTE: usize = 500;
/// How far back a day may be recorded: the one-year limit of arbitration
/// does not run while employed, so two years leaves room.
pub const MAX_DAYS_BACK: i64 = 730;
/// ¥100,000 a unit, and ¥1,000,000 of advances or pay on one day.
pub const MAX_RATE_FEN: i64 = 100_000_00;
pub const MAX_MONEY_FEN: i64 = 1_000_000_00;

crate::vocabulary! {
    /// How the day is paid: 点工 by the day or the hour, or 包工 by the unit.
    pub enum PayKind {
        Day = "day", "点工(按天)", "Day work, by the day";
        Hour = "hour", "点工(按小时)", "Day work, by the hour";
        Piece = "piece", "包工(按量)", "Piece work, by the unit";
    }
}

impl PayKind {
    /// The unit a quantity counts.
    pub fn unit(self) -> Text {
        match self {
            PayKind::Day => Text::new("天", "days"),
            PayKind::Hour => Text::new("小时", "hours"),
            PayKind::Piece => Text::new("个(方、平米、件)", "units"),
        }
    }

    /// The most one entry may hold, in hundredths: 3 工 a day (overtime
    /// counted as extra 工), 24 hours, or any number of units.
    pub fn max_quantity_x100(self) -> i64 {
        match self {
            PayKind::Day => 300,
            PayKind::Hour => 2400,
            PayKind::Piece => 100_000_000,
        }
    }
}

/// A day as typed (`POST /api/rights/locker/entries`). Either a verified
/// employer (`employer_id`) or a 包工头 by name and phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EntryInput {
    /// `YYYY-MM-DD`, the day worked (Asia/Shanghai).
    #[cfg_attr(feature = "openapi", schemars(length(max = 10)))]
    pub date: String,
    /// The project (项目名称), as on the site's notice board.
    #[cfg_attr(feature = "openapi", schemars(length(max = 60)))]
    pub project: String,
    #[cfg_attr(feature = "openapi", schemars(length(max = 120)))]
    pub address: String,
    /// Only if the worker allows it.
    #[serde(default)]
    pub position: Option<LatLng>,
    /// A verified employer (用工企业); else the 包工头 below.
    #[serde(default)]
    pub employer_id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub boss_name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub boss_phone: String,
    pub pay_kind: PayKind,
    /// Days, hours or units, in hundredths (1.5 天 = 150).
    pub quantity_x100: i64,
    /// The agreed wage per day, hour or unit, in fen.
    pub rate_fen: i64,
    /// 借支: money advanced that day.
    #[serde(default)]
    pub advance_fen: i64,
    /// Wages received that day (结算).
    #[serde(default)]
    pub paid_fen: i64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 500)))]
    pub note: String,
    /// Ids of the worker's uploads (site, 告示牌, attendance book).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(inner(length(max = 43))))]
    pub attachments: Vec<String>,
    /// The id of the entry this one corrects (it stays, marked superseded).
    #[serde(default)]
    pub supersedes: Option<i64>,
}

/// A day as recorded: the input checked and trimmed. Everything here is in
/// the canonical form, so a change to any of it breaks the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DayEntry {
    pub date: NaiveDate,
    pub project: String,
    pub address: String,
    pub position: Option<LatLng>,
    pub employer_id: Option<i64>,
    /// The verified employer's name when recorded, or the 包工头's name.
    pub employer_name: String,
    /// The 包工头's mobile number (empty for a verified employer).
    pub boss_phone: String,
    pub pay_kind: PayKind,
    pub quantity_x100: i64,
    pub rate_fen: i64,
    pub advance_fen: i64,
    pub paid_fen: i64,
    pub note: String,
    pub attachments: Vec<String>,
}

impl DayEntry {
    /// The amount the day earned at the agreed wage.
    pub fn earned_fen(&self) -> i64 {
        earned_fen(self.quantity_x100, self.rate_fen)
    }

    /// `2026-11`.
    pub fn month(&self) -> String {
        month_of(self.date)
    }
}

/// `quantity × rate`, the quantity in hundredths, rounded to the fen.
pub fn earned_fen(quantity_x100: i64, rate_fen: i64) -> i64 {
    (quantity_x100 * rate_fen + 50) / 100
}

/// `2026-11` of a date.
pub fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// A `YYYY-MM` month, as the list and the summary take it.
pub fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    ((2000..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// `12.5` from 1250 hundredths, `3` from 300.
pub fn quantity_text(x100: i64) -> String {
    if x100 % 100 == 0 {
        (x100 / 100).to_string()
    } else {
        let s = format!("{}.{:02}", x100 / 100, x100 % 100);
        s.trim_end_matches('0').to_string()
    }
}

/// `1.5` → 150; `None` for anything but a number with at most two decimals.
pub fn parse_quantity(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && frac.is_empty()
        || whole.len() > 9
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

fn text(errors: &mut FieldErrors, field: &str, value: &str, required: bool, max: usize) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n == 0 && required {
        errors.add(field, why::required());
    } else if n > max {
        errors.add(field, why::too_long(max));
    }
    v.to_string()
}

fn money(errors: &mut FieldErrors, field: &str, fen: i64, max: i64) {
    if !(0..=max).contains(&fen) {
        errors.add(field, why::out_of_range(0, crate::money::yuan(max)));
    }
}

impl EntryInput {
    /// The day as it will be recorded, or every field that is wrong. A
    /// verified employer's name is filled in by the server
    /// ([`DayEntry::employer_name`] is empty until then).
    pub fn validate(&self, today: NaiveDate) -> Result<DayEntry, FieldErrors> {
        let mut errors = FieldErrors::new();
        let date = match NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                errors.add(
                    "date",
                    Text::new("不能记还没到的日子", "This day has not come yet"),
                );
                d
            }
            Ok(d) if (today - d).num_days() > MAX_DAYS_BACK => {
                errors.add(
                    "date",
                    Text::new(
                        "只能记两年之内的日子",
                        "Only days within the last two years can be recorded",
                    ),
                );
                d
            }
            Ok(d) => d,
            Err(_) => {
                errors.add("date", why::bad_date());
                today
            }
        };
        let project = text(&mut errors, "project", &self.project, true, MAX_PROJECT);
        let address = text(&mut errors, "address", &self.address, true, MAX_ADDRESS);
        if self.position.is_some_and(|p| !p.is_valid()) {
            errors.add(
                "position",
                Text::new("位置不对", "This is not a valid position"),
            );
        }
        let boss_name = text(
            &mut errors,
            "boss_name",
            &self.boss_name,
            false,
            MAX_BOSS_NAME,
        );
        let mut boss_phone = String::new();
        match self.employer_id {
            Some(id) if id <= 0 => errors.add("employer_id", why::not_a_choice()),
            Some(_) => {}
            None => {
                if boss_name.is_empty() {
                    errors.add(
                        "boss_name",
                        Text::new(
                            "请填包工头(老板)的名字,或选已认证的企业",
                            "Give the labour boss's name, or choose a verified employer",
                        ),
                    );
                }
                match crate::phone::parse_mobile(&self.boss_phone) {
                    Ok(p) => boss_phone = p,
                    Err(why) => errors.add("boss_phone", why),
                }
            }
        }
        let max_q = self.pay_kind.max_quantity_x100();
        if !(1..=max_q).contains(&self.quantity_x100) {
            errors.add(
                "quantity_x100",
                why::out_of_range("0.01", quantity_text(max_q)),
            );
        }
        money(&mut errors, "rate_fen", self.rate_fen, MAX_RATE_FEN);
        money(&mut errors, "advance_fen", self.advance_fen, MAX_MONEY_FEN);
        money(&mut errors, "paid_fen", self.paid_fen, MAX_MONEY_FEN);
        let note = text(&mut errors, "note", &self.note, false, MAX_NOTE);
        let mut attachments: Vec<String> = Vec::new();
        for id in &self.attachments {
            if !attachments.contains(id) {
                attachments.push(id.clone());
            }
        }
        if attachments.len() > MAX_PER_SUBJECT {
            errors.add(
                "attachments",
                crate::attachments::Refusal::TooMany.message(),
            );
        } else if !attachments.iter().all(|id| is_public_id(id)) {
            errors.add(
                "attachments",
                crate::attachments::LinkRefusal::Unknown.message(),
            );
        }
        if self.supersedes.is_some_and(|id| id <= 0) {
            errors.add("supersedes", why::not_a_choice());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DayEntry {
            date,
            project,
            address,
            position: self.position,
            employer_id: self.employer_id,
            employer_name: if self.employer_id.is_some() {
                String::new()
            } else {
                boss_name
            },
            boss_phone,
            pay_kind: self.pay_kind,
            quantity_x100: self.quantity_x100,
            rate_fen: self.rate_fen,
            advance_fen: self.advance_fen,
            paid_fen: self.paid_fen,
            note,
            attachments,
        })
    }
}

/// An entry as stored: the day, its place in the chain and what happened to it since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LockerEntry {
    pub id: i64,
    /// 1, 2, 3… in the worker's chain.
    pub seq: i64,
    pub day: DayEntry,
    pub earned_fen: i64,
    /// The entry this one corrects.
    pub supersedes: Option<i64>,
    /// The entry that corrected this one: it no longer counts in the summary.
    pub superseded_by: Option<i64>,
    /// When the server received it (RFC 3339): part of the link.
    pub received_at: String,
    pub prev_hash: String,
    pub hash: String,
    pub files: Vec<AttachmentView>,
    /// 对工: co-workers who confirmed the day.
    pub confirmations: Vec<Confirmation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EntryEnvelope {
    pub entry: LockerEntry,
}

/// A worker's entries, newest day first (superseded ones too, marked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EntryList {
    pub entries: Vec<LockerEntry>,
    pub meta: crate::api::ListMeta,
}

/// `?month=YYYY-MM` of the list and the summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MonthQuery {
    /// `YYYY-MM`; all months when absent.
    #[serde(default)]
    pub month: Option<String>,
}

impl MonthQuery {
    /// The month asked for, or a 422 naming `month`.
    pub fn read(q: &crate::query::Query) -> Result<Option<(i32, u32)>, crate::ApiError> {
        match q.str("month") {
            None | Some("") => Ok(None),
            Some(m) => parse_month(m).map(Some).ok_or_else(|| {
                crate::ApiError::field(
                    "month",
                    Text::new("月份格式应为 2026-11", "Use a month like 2026-11"),
                )
            }),
        }
    }
}

/// The first and the last day of a month.
pub fn month_bounds(y: i32, m: u32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    (
        first,
        next.unwrap_or_default().pred_opt().unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn input() -> EntryInput {
        EntryInput {
            date: "2026-11-02".into(),
            project: " 瑶海区保障房二期 ".into(),
            address: "合肥市瑶海区长江东路".into(),
            position: None,
            employer_id: None,
            boss_name: "王德发".into(),
            boss_phone: "138 0013 8000".into(),
            pay_kind: PayKind::Day,
            quantity_x100: 100,
            rate_fen: 350_00,
            advance_fen: 0,
            paid_fen: 0,
            note: String::new(),
            attachments: vec![],
            supersedes: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn a_good_day_is_trimmed_and_the_phone_normalised() {
        let d = input().validate(today()).unwrap();
        assert_eq!(d.project, "瑶海区保障房二期");
        assert_eq!(d.boss_phone, "13800138000");
        assert_eq!(d.employer_name, "王德发");
        assert_eq!(d.earned_fen(), 350_00);
        assert_eq!(d.month(), "2026-11");
    }

    #[test]
    fn wrong_fields_are_named() {
        let mut i = input();
        i.date = "2026-12-04".into();
        i.project = " ".into();
        i.boss_phone = "123".into();
        i.quantity_x100 = 301;
        i.rate_fen = -1;
        i.attachments = vec!["../etc".into()];
        let e = i.validate(today()).unwrap_err();
        for f in [
            "date",
            "project",
            "boss_phone",
            "quantity_x100",
            "rate_fen",
            "attachments",
        ] {
            assert!(e.get(f).is_some(), "{f}");
        }
        let mut i = input();
        i.boss_name = String::new();
        i.date = "2024-01-01".into();
        let e = i.validate(today()).unwrap_err();
        assert!(e.get("boss_name").is_some() && e.get("date").is_some());
        let mut i = input();
        i.date = "2026-13-01".into();
        assert!(i.validate(today()).unwrap_err().get("date").is_some());
    }

    #[test]
    fn a_verified_employer_needs_no_boss() {
        let mut i = input();
        i.employer_id = Some(7);
        i.boss_name = String::new();
        i.boss_phone = String::new();
        let d = i.validate(today()).unwrap();
        assert_eq!(
            (
                d.employer_id,
                d.employer_name.as_str(),
                d.boss_phone.as_str()
            ),
            (Some(7), "", "")
        );
    }

    #[test]
    fn quantities_read_and_print_in_hundredths() {
        assert_eq!(parse_quantity("1.5"), Some(150));
        assert_eq!(parse_quantity("2"), Some(200));
        assert_eq!(parse_quantity(".25"), Some(25));
        assert_eq!(parse_quantity("1.234"), None);
        assert_eq!(parse_quantity("-1"), None);
        assert_eq!(parse_quantity(""), None);
        assert_eq!(quantity_text(150), "1.5");
        assert_eq!(quantity_text(125), "1.25");
        assert_eq!(quantity_text(300), "3");
        assert_eq!(earned_fen(150, 333), 500); // 499.5 rounds up
        assert_eq!(parse_month("2026-02"), Some((2026, 2)));
        assert_eq!(parse_month("2026-2"), None);
        assert_eq!(
            month_bounds(2026, 2),
            (
                NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
            )
        );
        assert_eq!(
            month_bounds(2026, 12).1,
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
    }
}
