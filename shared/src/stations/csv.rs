//! A small RFC 4180 reader and writer (quoted fields, doubled quotes, CRLF, a
//! UTF-8 BOM): enough for station spreadsheets, without a dependency in the app.

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

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// UTF-8 with a BOM (so Excel opens Chinese text correctly), CRLF line ends.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for r in rows {
        out.push_str(&r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

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
    fn write_then_read_round_trips() {
        let data = vec![vec![
            "a,b".to_string(),
            "c\"d".to_string(),
            " e".to_string(),
            "工会".to_string(),
        ]];
        let text = write(&data);
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(read(&text)[0].1, data[0]);
    }
}
