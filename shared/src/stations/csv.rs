//! A small RFC 4180 reader (quoted fields, doubled quotes, CRLF, a UTF-8 BOM):
//! enough for station spreadsheets, without a dependency in the app. Files are
//! written by the Worker only, through `server::spreadsheet` (the `csv` crate).

/// Rows of fields, with the 1-based line each row starts on.
pub fn read(text: &str) -> Vec<(u32, Vec<String>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1u32;
    let mut row_line = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    rows.push((row_line, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                row_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        if !(row.len() == 1 && row[0].trim().is_empty()) {
            rows.push((row_line, row));
        }
    }
    rows
}

/// A cell as typed before export: `server::spreadsheet` puts `'` before a cell
/// that a spreadsheet would run as a formula, and importing the file takes it off.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// A cell starting with one of these is a formula to Excel, LibreOffice and
/// Sheets (CSV injection).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_bom_and_crlf() {
        let rows = read(
            "\u{feff}name,note\r\n\"驿站, 一号\",\"他说\"\"好\"\"\"\r\n\r\n\"多行\n地址\",x\n",
        );
        assert_eq!(rows[0], (1, vec!["name".to_string(), "note".to_string()]));
        assert_eq!(
            rows[1],
            (2, vec!["驿站, 一号".to_string(), "他说\"好\"".to_string()])
        );
        assert_eq!(
            rows[2],
            (4, vec!["多行\n地址".to_string(), "x".to_string()])
        );
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn only_the_export_apostrophe_is_taken_off() {
        assert_eq!(unescape_formula("'=1+2"), "=1+2");
        assert_eq!(unescape_formula("'-3"), "-3");
        assert_eq!(unescape_formula("'s Hotel"), "'s Hotel");
        assert_eq!(unescape_formula("=1+2"), "=1+2");
        assert_eq!(unescape_formula("驿站"), "驿站");
    }
}
