//! What the append-only audit log may keep of a change: references, never
//! copies of a person's data. The entry already names its target (type and id),
//! and the target's row holds the values; a phone number or a name copied into
//! the log could never be erased again (the log refuses updates and deletes).

use serde_json::{Map, Value};

/// Keys whose values are a person's data: replaced by a reference to the
/// entry's target wherever they appear in `before` or `after`. Migration 0014
/// does the same to the entries written before this rule.
pub const PERSONAL_KEYS: &[&str] = &[
    "phone",
    "contact_phone",
    "contact_name",
    "holder_name",
    "id_number",
    "birth_date",
    "contact_address",
];

fn is_personal(key: &str) -> bool {
    PERSONAL_KEYS.contains(&key) || key.ends_with("_phone")
}

/// `{"ref": "employer:5"}`, with `"changed": true` when the value differs
/// between `before` and `after` (so the log still says that it changed).
fn reference(target: &str, changed: bool) -> Value {
    let mut m = Map::new();
    m.insert("ref".into(), Value::String(target.to_string()));
    if changed {
        m.insert("changed".into(), Value::Bool(true));
    }
    Value::Object(m)
}

/// Replaces every run of exactly 11 digits that reads as a mainland mobile
/// (`1[3-9]…`) in free text (a note, a reason) by `[手机号]`.
pub fn without_mobiles(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() == 11 && run[0] == '1' && ('3'..='9').contains(&run[1]) {
                out.push_str("[手机号]");
            } else {
                out.extend(run);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn scrub(value: &mut Value, other: Option<&Value>, target: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let twin = other.and_then(|o| o.get(key));
                if is_personal(key) && !v.is_null() {
                    let changed = twin.is_some_and(|t| t != v);
                    *v = reference(target, changed);
                } else {
                    scrub(v, twin, target);
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                scrub(v, None, target);
            }
        }
        Value::String(s) => *s = without_mobiles(s),
        _ => {}
    }
}

/// `before` and `after` as the log keeps them: personal keys become
/// references to `target` (`"employer:5"`), mobiles in free text are cut out.
pub fn references_only(
    before: Option<&Value>,
    after: Option<&Value>,
    target: &str,
) -> (Option<Value>, Option<Value>) {
    let clean = |v: Option<&Value>, other: Option<&Value>| {
        v.map(|v| {
            let mut v = v.clone();
            scrub(&mut v, other, target);
            v
        })
    };
    (clean(before, after), clean(after, before))
}

/// True when `text` holds a run of 11 digits that reads as a mainland mobile.
pub fn holds_mobile(text: &str) -> bool {
    without_mobiles(text) != text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn personal_keys_become_references() {
        let after = json!({
            "name": "合肥建工", "contact_name": "张三", "contact_phone": "13800138000",
            "nested": { "phone": "13912345678" }, "list": [{ "emergency_phone": "13700001111" }]
        });
        let (_, after) = references_only(None, Some(&after), "employer:5");
        let after = after.unwrap();
        assert_eq!(after["name"], "合肥建工");
        assert_eq!(after["contact_name"], json!({ "ref": "employer:5" }));
        assert_eq!(after["contact_phone"], json!({ "ref": "employer:5" }));
        assert_eq!(after["nested"]["phone"], json!({ "ref": "employer:5" }));
        assert_eq!(
            after["list"][0]["emergency_phone"],
            json!({ "ref": "employer:5" })
        );
        assert!(!holds_mobile(&after.to_string()));
    }

    #[test]
    fn a_changed_value_says_so_without_the_value() {
        let before = json!({ "contact_phone": "13800138000", "title": "钢筋工" });
        let after = json!({ "contact_phone": "13900139000", "title": "钢筋工" });
        let (b, a) = references_only(Some(&before), Some(&after), "job:9");
        assert_eq!(
            a.unwrap()["contact_phone"],
            json!({ "ref": "job:9", "changed": true })
        );
        assert_eq!(
            b.unwrap()["contact_phone"],
            json!({ "ref": "job:9", "changed": true })
        );
        let same = json!({ "contact_phone": "13800138000" });
        let (_, a) = references_only(Some(&same), Some(&same), "job:9");
        assert_eq!(a.unwrap()["contact_phone"], json!({ "ref": "job:9" }));
    }

    #[test]
    fn mobiles_in_free_text_are_cut_out() {
        assert_eq!(without_mobiles("打 13800138000 找我"), "打 [手机号] 找我");
        // Not a mobile: longer runs, other prefixes, landlines, dates.
        for keep in [
            "138001380001",
            "12800138000",
            "0551-12345678",
            "20261203",
            "12351",
        ] {
            assert_eq!(without_mobiles(keep), keep);
        }
        let (_, a) = references_only(None, Some(&json!({ "reason": "电话13912345678" })), "x:1");
        assert_eq!(a.unwrap()["reason"], "电话[手机号]");
    }
}
