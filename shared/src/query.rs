//! Typed reading of URL query parameters with per-field errors in both
//! languages, so `?lat=abc` is a clear 422 rather than a parser's English.

use crate::error::FieldErrors;
use crate::lang::Text;
use std::collections::BTreeMap;
use std::str::FromStr;

#[derive(Debug, Clone, Default)]
pub struct Query(BTreeMap<String, String>);

fn not_a_number() -> Text {
    Text::new("应为数字", "Must be a number")
}

impl Query {
    /// Parses `a=1&b=%E6%9C%A8` (without the leading `?`).
    pub fn parse(raw: &str) -> Query {
        Query(
            raw.split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(k), decode(v))
                })
                .collect(),
        )
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Query {
        Query(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    /// A present, non-blank value.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn opt<T: FromStr>(&self, name: &str, errors: &mut FieldErrors) -> Option<T> {
        let raw = self.str(name)?;
        match raw.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.add(name, not_a_number());
                None
            }
        }
    }

    pub fn required<T: FromStr>(&self, name: &str, errors: &mut FieldErrors) -> Option<T> {
        if self.str(name).is_none() {
            errors.add(name, crate::error::why::required());
            return None;
        }
        self.opt(name, errors)
    }

    pub fn flag(&self, name: &str) -> bool {
        matches!(self.str(name), Some("true" | "1" | "yes"))
    }

    /// A comma-separated list: `amenity=toilet,water`.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.str(name)
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Percent-decoding with `+` as space, as browsers encode forms.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// Appends `s` to `out`, percent-encoded as `encode` does.
pub fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0xF)] as char);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_chinese_and_plus() {
        let q = Query::parse("q=%E6%9C%A8%E5%B7%A5&x=a+b&empty=&bad=%zz");
        assert_eq!(q.str("q"), Some("木工"));
        assert_eq!(q.str("x"), Some("a b"));
        assert_eq!(q.str("empty"), None);
        assert_eq!(q.str("bad"), Some("%zz"));
        assert_eq!(decode(&encode("木工 a&b=c")), "木工 a&b=c");
        assert_eq!(encode("木 a/b-_.~Z9"), "%E6%9C%A8%20a%2Fb-_.~Z9");
    }

    #[test]
    fn typed_values_report_field_errors() {
        let q = Query::parse("lat=abc&lng=117.3&limit=5");
        let mut errs = FieldErrors::new();
        assert_eq!(q.required::<f64>("lat", &mut errs), None);
        assert_eq!(q.required::<f64>("lng", &mut errs), Some(117.3));
        assert_eq!(q.opt::<u32>("limit", &mut errs), Some(5));
        assert_eq!(q.required::<f64>("missing", &mut errs), None);
        assert_eq!(errs.get("lat").unwrap().zh, "应为数字");
        assert!(errs.get("missing").is_some());
    }

    #[test]
    fn truncated_escape_is_kept_literally() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%41"), "A");
    }
}
