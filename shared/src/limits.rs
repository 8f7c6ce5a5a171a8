//! What one request may carry. Every route has a body-size limit
//! (`Route::body_limit`, refused with 413 before more is read), and every string
//! field of every request body has a maximum length, written once on the wire type
//! as `#[schemars(length(max = …))]`. The Worker checks a body's strings against
//! its route's schema before the typed parse ([`overlong_strings`]), so a field a
//! handler forgets to validate still cannot carry megabytes into a rate-limit key
//! or a row; the app's forms use the same constants.

use crate::error::{why, FieldErrors};
use schemars::SchemaGenerator;
use serde_json::Value;

/// The schema of a route's body with its definitions beside it, ready for
/// [`overlong_strings`].
pub struct BodySchema {
    root: Value,
    defs: Value,
}

impl BodySchema {
    pub fn of(schema: crate::routes::SchemaFn) -> BodySchema {
        let mut g = SchemaGenerator::default();
        let root = schema(&mut g).to_value();
        let defs = Value::Object(g.take_definitions(true));
        BodySchema { root, defs }
    }

    /// A `$ref` (`#/$defs/Name`) resolved; any other schema as it is.
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        while let Some(name) = s
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.rsplit('/').next())
        {
            match self.defs.get(name) {
                Some(def) => s = def,
                None => break,
            }
        }
        s
    }

    /// The alternatives a value may match (`Option<T>` is `anyOf: [T, null]`).
    fn branches<'a>(&'a self, schema: &'a Value) -> Vec<&'a Value> {
        let s = self.resolve(schema);
        let alternatives = ["anyOf", "oneOf", "allOf"]
            .iter()
            .filter_map(|k| s.get(*k).and_then(Value::as_array))
            .flatten()
            .flat_map(|b| self.branches(b))
            .collect::<Vec<_>>();
        if alternatives.is_empty() {
            vec![s]
        } else {
            alternatives
        }
    }

    /// Every string-typed place in the schema that has no `maxLength` (nor an
    /// `enum`, `const` or `format`, which the typed parse bounds), by path.
    pub fn unbounded_strings(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk_schema(&self.root, "body", &mut out, 0);
        out
    }

    fn walk_schema(&self, schema: &Value, path: &str, out: &mut Vec<String>, depth: usize) {
        if depth > 16 {
            return; // a recursive type: its strings were seen on the way down
        }
        for s in self.branches(schema) {
            let is_string = match s.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            let bounded = ["maxLength", "enum", "const", "format"]
                .iter()
                .any(|k| s.get(*k).is_some());
            if is_string && !bounded {
                out.push(path.to_string());
            }
            if let Some(props) = s.get("properties").and_then(Value::as_object) {
                for (name, p) in props {
                    self.walk_schema(p, &format!("{path}.{name}"), out, depth + 1);
                }
            }
            if let Some(items) = s.get("items") {
                self.walk_schema(items, &format!("{path}[]"), out, depth + 1);
            }
            if let Some(extra) = s.get("additionalProperties").filter(|v| v.is_object()) {
                self.walk_schema(extra, &format!("{path}.*"), out, depth + 1);
            }
        }
    }
}

/// Every string in `body` longer than its field's `maxLength`, named by its path
/// as the typed parse names fields (`rows[3].name`).
pub fn overlong_strings(schema: &BodySchema, body: &Value) -> FieldErrors {
    let mut errors = FieldErrors::new();
    check(schema, &schema.root, body, "", &mut errors, 0);
    errors
}

fn check(
    schema: &BodySchema,
    node: &Value,
    value: &Value,
    path: &str,
    errors: &mut FieldErrors,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    for s in schema.branches(node) {
        match value {
            Value::String(text) => {
                if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
                    if text.trim().chars().count() as u64 > max {
                        let field = if path.is_empty() { "body" } else { path };
                        errors.add(field, why::too_long(max as usize));
                        return;
                    }
                }
            }
            Value::Object(fields) => {
                let props = s.get("properties").and_then(Value::as_object);
                for (name, v) in fields {
                    let child = props
                        .and_then(|p| p.get(name))
                        .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()));
                    if let Some(child) = child {
                        let p = if path.is_empty() {
                            name.clone()
                        } else {
                            format!("{path}.{name}")
                        };
                        check(schema, child, v, &p, errors, depth + 1);
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item) = s.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        check(schema, item, v, &format!("{path}[{i}]"), errors, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Row {
        #[schemars(length(max = 4))]
        name: String,
        #[schemars(length(max = 2))]
        note: Option<String>,
    }

    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Batch {
        #[schemars(length(max = 3))]
        title: String,
        rows: Vec<Row>,
        kind: crate::lang::Lang,
    }

    fn batch() -> BodySchema {
        BodySchema::of(crate::routes::schema_ref::<Batch>)
    }

    #[test]
    fn names_each_string_over_its_maximum_by_path() {
        let body = json!({
            "title": "四个字了",
            "rows": [{"name": "ok"}, {"name": "五个字太长", "note": "长了"}, {"name": "a", "note": "三个字"}],
            "kind": "zh",
        });
        let errors = overlong_strings(&batch(), &body);
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rows[1].name", "rows[2].note", "title"]);
        assert_eq!(
            errors.get("title").unwrap().get(crate::Lang::En),
            "At most 3 characters"
        );
    }

    #[test]
    fn counts_characters_not_bytes_and_ignores_unknown_fields() {
        let body = json!({"title": "三个字", "rows": [], "kind": "en", "extra": "x".repeat(100)});
        assert!(overlong_strings(&batch(), &body).is_empty());
    }

    #[test]
    fn finds_strings_without_a_maximum() {
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct Loose {
            #[schemars(length(max = 3))]
            ok: String,
            free: String,
            maybe: Option<String>,
            list: Vec<String>,
            day: chrono::NaiveDate,
        }
        let s = BodySchema::of(crate::routes::schema_ref::<Loose>);
        assert_eq!(
            s.unbounded_strings(),
            ["body.free", "body.list[]", "body.maybe"]
        );
        assert!(batch().unbounded_strings().is_empty());
    }

    /// Every request body of the API: each string has a maximum.
    #[test]
    fn every_body_string_has_a_maximum() {
        let mut missing = Vec::new();
        for r in crate::routes::all() {
            if let Some(body) = r.body {
                for path in BodySchema::of(body).unbounded_strings() {
                    missing.push(format!("{} {}: {path}", r.method.as_str(), r.path));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "strings without a maximum:\n{}",
            missing.join("\n")
        );
    }
}
