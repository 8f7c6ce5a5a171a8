//! Spreadsheets staff download (CSV through the `csv` crate): UTF-8 with a
//! BOM so Excel reads Chinese, CRLF line ends, and every cell that a
//! spreadsheet would run as a formula made inert.

// A cell starting with one of these is a formula to Excel, LibreOffice and
// Sheets (CSV injection); such cells get a leading apostrophe.
use crate::stations::csv::FORMULA_STARTS;

/// The cell as written: text that would start a formula is prefixed with `'`.
pub fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The rows as a CSV file's bytes.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(csv_rows(rows));
    out
}

/// A streamed file's first part: the BOM and the heading row.
pub fn csv_head(heading: &[&str]) -> Vec<u8> {
    let row: Vec<String> = heading.iter().map(|h| h.to_string()).collect();
    csv_bytes(&[row])
}

/// Rows to follow a `csv_head` (a page of a streamed export): no BOM.
pub fn csv_rows(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for row in rows {
            // Writing into memory cannot fail.
            let _ = w.write_record(row.iter().map(|c| safe_cell(c).into_owned()));
        }
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_the_rest_kept() {
        let rows = vec![
            vec![
                "月份 Month".to_string(),
                "=HYPERLINK(\"http://x\")".into(),
                "+1".into(),
                "-2".into(),
            ],
            vec!["@SUM(A1)".into(), "\tx".into(), "\rx".into(), "12".into()],
            vec!["王*国, 河东".into(), "say \"hi\"".into()],
        ];
        let text = String::from_utf8(csv_bytes(&rows)).unwrap();
        assert!(text.starts_with('\u{feff}'), "BOM");
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "月份 Month,\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2"
        );
        assert_eq!(lines[1], "'@SUM(A1),'\tx,\"'\rx\",12");
        assert_eq!(lines[2], "\"王*国, 河东\",\"say \"\"hi\"\"\"");
        assert_eq!(lines[3], "");
        assert_eq!(safe_cell("12"), "12");
        // A streamed file is its head, then pages of rows, and reads the same.
        let mut streamed = csv_head(&["月份 Month", "=HYPERLINK(\"http://x\")", "+1", "-2"]);
        streamed.extend(csv_rows(&rows[1..]));
        assert_eq!(streamed, csv_bytes(&rows));
        assert_eq!(safe_cell("合计"), "合计");
    }
}
