//! Station spreadsheets: the columns (Chinese or English headers), reading rows
//! into `StationInput` with a reason for every bad cell, and writing the same
//! columns out again so an export can be edited and imported back.

use super::{csv, Amenity, Schedule, Span, StationInput, StationStatus, StationType};
use crate::error::FieldErrors;
use crate::geo::Datum;
use crate::lang::Text;
use serde::{Deserialize, Serialize};

/// (field, Chinese header, English header, required)
pub const COLUMNS: &[(&str, &str, &str, bool)] = &[
    ("name", "名称", "name", true),
    ("station_type", "类型", "type", true),
    ("province", "省", "province", true),
    ("city", "市", "city", true),
    ("district", "区县", "district", true),
    ("address", "地址", "address", true),
    ("lat", "纬度", "lat", true),
    ("lng", "经度", "lng", true),
    ("datum", "坐标系", "datum", true),
    ("phone", "电话", "phone", false),
    ("amenities", "设施", "amenities", false),
    ("hours", "开放时间", "hours", true),
    ("status", "状态", "status", false),
    ("description", "说明", "description", false),
];

/// One row that can be imported, with its spreadsheet line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportRow {
    pub line: u32,
    pub station: StationInput,
}

/// Why one cell of one line was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u32,
    pub field: String,
    pub why: Text,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
}

fn amenities_from(cell: &str) -> Result<Vec<Amenity>, Text> {
    cell.split(['|', '、', ',', ',', ';', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            Amenity::from_text(s).ok_or_else(|| {
                Text::owned(
                    format!("没有“{s}”这项设施"),
                    format!("No amenity called \"{s}\""),
                )
            })
        })
        .collect()
}

/// Reads a whole file for the union `union_id`. A file without the required
/// columns gives one error on line 1 and no rows.
pub fn parse(text: &str, union_id: i64) -> Parsed {
    let mut out = Parsed::default();
    let mut rows = csv::read(text).into_iter();
    let Some((_, header)) = rows.next() else {
        out.errors.push(RowError {
            line: 1,
            field: "file".into(),
            why: Text::new("文件是空的", "The file is empty"),
        });
        return out;
    };
    let position = |field: &str| -> Option<usize> {
        let (_, zh, en, _) = COLUMNS.iter().find(|c| c.0 == field)?;
        header.iter().position(|h| {
            let h = h.trim();
            h == *zh || h.eq_ignore_ascii_case(en) || h.eq_ignore_ascii_case(field)
        })
    };
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| c.3 && position(c.0).is_none())
        .map(|c| c.1)
        .collect();
    if !missing.is_empty() {
        out.errors.push(RowError {
            line: 1,
            field: "header".into(),
            why: Text::owned(
                format!("缺少这些列:{}", missing.join("、")),
                format!("Missing columns: {}", missing.join(", ")),
            ),
        });
        return out;
    }
    let columns: Vec<(&str, Option<usize>)> =
        COLUMNS.iter().map(|c| (c.0, position(c.0))).collect();
    for (line, cells) in rows {
        let cell = |field: &str| -> String {
            columns
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, i)| *i)
                .and_then(|i| cells.get(i))
                .map(|s| csv::unescape_formula(s.trim()).to_string())
                .unwrap_or_default()
        };
        let mut errors = FieldErrors::new();
        let station_type = errors.check(
            "station_type",
            StationType::from_text(&cell("station_type"))
                .ok_or_else(crate::error::why::not_a_choice),
        );
        let number = |f: &str, errors: &mut FieldErrors| {
            errors.check(
                f,
                cell(f).parse::<f64>().map_err(|_| {
                    Text::new("应为数字,例如 31.8580", "Must be a number, e.g. 31.8580")
                }),
            )
        };
        let lat = number("lat", &mut errors);
        let lng = number("lng", &mut errors);
        let datum = errors.check(
            "datum",
            Datum::from_text(&cell("datum")).ok_or_else(|| {
                Text::new(
                    "坐标系应为 WGS84 或 GCJ02",
                    "The datum must be WGS84 or GCJ02",
                )
            }),
        );
        let amenities = errors.check("amenities", amenities_from(&cell("amenities")));
        let schedule = errors.check(
            "hours",
            Schedule::parse_text(&cell("hours")).ok_or_else(|| {
                Text::new(
                    "开放时间看不懂,例如:每天 08:00-20:00;24小时;周一至周五 08:00-18:00",
                    "Hours not understood; e.g. daily 08:00-20:00, 24h, mon-fri 08:00-18:00",
                )
            }),
        );
        let status = match cell("status").as_str() {
            "" => Some(StationStatus::Active),
            s => errors.check(
                "status",
                StationStatus::parse(s)
                    .or_else(|| {
                        [
                            StationStatus::Active,
                            StationStatus::TemporarilyClosed,
                            StationStatus::Defunct,
                        ]
                        .into_iter()
                        .find(|v| v.label().zh == s)
                    })
                    .ok_or_else(crate::error::why::not_a_choice),
            ),
        };
        let phone = Some(cell("phone")).filter(|p| !p.is_empty());
        let description = Some(cell("description")).filter(|p| !p.is_empty());
        if let (
            Some(station_type),
            Some(lat),
            Some(lng),
            Some(datum),
            Some(amenities),
            Some(schedule),
            Some(status),
        ) = (station_type, lat, lng, datum, amenities, schedule, status)
        {
            let station = StationInput {
                union_id,
                name: cell("name"),
                station_type,
                province: cell("province"),
                city: cell("city"),
                district: cell("district"),
                address: cell("address"),
                lat,
                lng,
                datum,
                phone,
                amenities,
                schedule,
                status,
                description,
            };
            match station.validate() {
                Ok(()) => {
                    out.rows.push(ImportRow { line, station });
                    continue;
                }
                Err(more) => errors.0.extend(more.0),
            }
        }
        out.errors.extend(errors.0.into_iter().map(|e| RowError {
            line,
            field: e.field,
            why: e.why,
        }));
    }
    out
}

/// The hours as the spreadsheet writes them: `24小时`, or runs of days, e.g.
/// `周一至周五 08:00-18:00; 周六 09:00-12:00`.
pub fn hours_text(s: &Schedule) -> String {
    if s.is_24_hours() {
        return "24小时".into();
    }
    const DAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        let mut j = i;
        while j + 1 < 7 && s.weekly[j + 1] == s.weekly[i] {
            j += 1;
        }
        if !s.weekly[i].is_empty() {
            let days = if i == 0 && j == 6 {
                "每天".to_string()
            } else if i == j {
                DAYS[i].to_string()
            } else {
                format!("{}至{}", DAYS[i], DAYS[j])
            };
            let spans: Vec<String> = s.weekly[i].iter().map(|sp: &Span| sp.to_text()).collect();
            parts.push(format!("{days} {}", spans.join(",")));
        }
        i = j + 1;
    }
    parts.join("; ")
}

/// Header and rows in the import columns (Chinese headers); the Worker writes
/// them with `server::spreadsheet::csv_bytes`, which makes formulas inert.
pub fn export_rows(stations: &[StationInput]) -> Vec<Vec<String>> {
    let mut rows = vec![COLUMNS.iter().map(|c| c.1.to_string()).collect::<Vec<_>>()];
    for s in stations {
        rows.push(vec![
            s.name.clone(),
            s.station_type.label().zh.to_string(),
            s.province.clone(),
            s.city.clone(),
            s.district.clone(),
            s.address.clone(),
            format!("{:.6}", s.lat),
            format!("{:.6}", s.lng),
            "WGS84".into(),
            s.phone.clone().unwrap_or_default(),
            s.amenities
                .iter()
                .map(|a| a.label().zh.to_string())
                .collect::<Vec<_>>()
                .join("|"),
            hours_text(&s.schedule),
            s.status.label().zh.to_string(),
            s.description.clone().unwrap_or_default(),
        ]);
    }
    rows
}

/// The export as a CSV file's bytes (cells that would be formulas get a `'`).
#[cfg(feature = "server")]
pub fn export(stations: &[StationInput]) -> Vec<u8> {
    crate::server::spreadsheet::csv_bytes(&export_rows(stations))
}

/// One page of a streamed export: the first also carries the BOM and the
/// heading, so the pages joined are `export` of all of them.
#[cfg(feature = "server")]
pub fn export_page(stations: &[StationInput], first: bool) -> Vec<u8> {
    let rows = export_rows(stations);
    if first {
        crate::server::spreadsheet::csv_bytes(&rows)
    } else {
        crate::server::spreadsheet::csv_rows(&rows[1..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\u{feff}名称,类型,省,市,区县,地址,纬度,经度,坐标系,电话,设施,开放时间\r\n\
        站塘路工会驿站,工会驿站,安徽省,合肥市,瑶海区,站塘路88号,31.8712,117.3301,GCJ02,0551-64123456,厕所|饮用水|微波炉热饭,24小时\r\n\
        坏的一行,工会驿站,安徽省,合肥市,瑶海区,长江东路1号,北纬,117.33,WGS84,,厕所,每天 08:00-20:00\r\n\
        东门爱心驿站,爱心驿站,安徽省,合肥市,瑶海区,胜利路12号,31.8650,117.3200,WGS84,,toilet|wifi,周一至周五 08:00-18:00; 周六 09:00-12:00\r\n";

    #[test]
    fn good_rows_import_and_bad_rows_say_why() {
        let p = parse(FILE, 3);
        assert_eq!(
            p.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 4]
        );
        assert_eq!(p.rows[0].station.datum, Datum::Gcj02);
        assert_eq!(
            p.rows[0].station.amenities,
            vec![Amenity::Toilet, Amenity::DrinkingWater, Amenity::Microwave]
        );
        assert_eq!(
            p.rows[1].station.amenities,
            vec![Amenity::Toilet, Amenity::Wifi]
        );
        assert_eq!(p.errors.len(), 1);
        assert_eq!((p.errors[0].line, p.errors[0].field.as_str()), (3, "lat"));
    }

    #[test]
    fn missing_columns_are_named() {
        let p = parse("名称,类型\n某站,工会驿站\n", 3);
        assert!(p.rows.is_empty());
        assert!(p.errors[0].why.zh.contains("纬度"));
        assert_eq!(parse("", 3).errors[0].field, "file");
    }

    #[test]
    fn english_headers_work_too() {
        let p = parse("name,type,province,city,district,address,lat,lng,datum,hours\nYaohai station,union_station,安徽省,合肥市,瑶海区,Zhantang Rd 88,31.87,117.33,wgs84,daily 08:00-20:00\n", 3);
        assert_eq!(p.rows.len(), 1, "{:?}", p.errors);
    }

    #[cfg(feature = "server")]
    #[test]
    fn export_reimports_to_the_same_stations() {
        let p = parse(FILE, 3);
        let mut wgs: Vec<StationInput> = p
            .rows
            .iter()
            .map(|r| {
                let w = r.station.wgs84();
                StationInput {
                    lat: w.lat,
                    lng: w.lng,
                    datum: Datum::Wgs84,
                    ..r.station.clone()
                }
            })
            .collect();
        wgs[0].name = "=1+2".into();
        wgs[1].description = Some("@SUM(A1)".into());
        let file = String::from_utf8(export(&wgs)).unwrap();
        assert!(file.contains("\r\n'=1+2,"), "the formula is inert: {file}");
        assert!(file.contains(",'@SUM(A1)\r\n"), "{file}");
        let again = parse(&file, 3);
        assert!(again.errors.is_empty(), "{:?}", again.errors);
        for s in &mut wgs {
            s.lat = (s.lat * 1e6).round() / 1e6;
            s.lng = (s.lng * 1e6).round() / 1e6;
        }
        assert_eq!(
            again
                .rows
                .into_iter()
                .map(|r| r.station)
                .collect::<Vec<_>>(),
            wgs
        );
    }

    #[test]
    fn hours_are_written_compactly() {
        assert_eq!(hours_text(&Schedule::always()), "24小时");
        let s = Schedule::parse_text("周一至周五 08:00-18:00; 周六 09:00-12:00").unwrap();
        assert_eq!(hours_text(&s), "周一至周五 08:00-18:00; 周六 09:00-12:00");
        assert_eq!(
            hours_text(&Schedule::every_day(Span::parse("07:00-19:00").unwrap())),
            "每天 07:00-19:00"
        );
    }
}
