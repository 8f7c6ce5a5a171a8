//! Builds the OpenAPI 3.1 document from the route table and the wire types'
//! JSON schemas, so the description cannot drift from what is served.

use crate::error::ErrorEnvelope;
use crate::routes::{self, Reply, Route};
use schemars::{generate::SchemaSettings, SchemaGenerator};
use serde_json::{json, Map, Value};

pub fn document(version: &str) -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let error_ref = generator.subschema_for::<ErrorEnvelope>().to_value();

    let mut paths = Map::new();
    for route in routes::all() {
        let op = operation(route, &mut generator, &error_ref);
        paths
            .entry(route.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .expect("path item is an object")
            .insert(route.method.as_str().to_ascii_lowercase(), op);
    }

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "工友驿站 Gongyou API",
            "version": version,
            "description": "JSON API of Gongyou. Conventions: docs/API.md. Messages follow Accept-Language (zh-CN default, en)."
        },
        "paths": paths,
        "components": {
            "schemas": generator.take_definitions(true),
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "__Host-gongyou"}
            }
        }
    })
}

fn operation(route: &Route, g: &mut SchemaGenerator, error_ref: &Value) -> Value {
    let mut op = Map::new();
    op.insert("operationId".into(), json!(route.id.operation_id()));
    op.insert("tags".into(), json!([route.tag()]));
    op.insert("summary".into(), json!(route.summary));
    op.insert("x-access".into(), json!(route.access.label()));
    if route.access != routes::Access::Public {
        op.insert("security".into(), json!([{"session": []}]));
    }

    let mut parameters: Vec<Value> = route
        .path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect();
    if let Some(query) = route.query {
        parameters.extend(query_parameters(query(g), g));
    }
    if route.idempotent {
        parameters.push(json!({
            "name": "Idempotency-Key", "in": "header", "required": true,
            "description": "A client-made unique key; a replay returns the first result, the same key with another body is rejected with 422.",
            "schema": {"type": "string", "minLength": 8, "maxLength": 128}
        }));
    }
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = route.body {
        op.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": {"schema": body(g).to_value()}}}),
        );
    }

    if !route.raw_body.is_empty() {
        let content: Map<String, Value> = route
            .raw_body
            .iter()
            .map(|t| {
                (
                    t.to_string(),
                    json!({"schema": {"type": "string", "contentMediaType": t}}),
                )
            })
            .collect();
        op.insert(
            "requestBody".into(),
            json!({"required": true, "description": format!("The raw file, at most {} bytes; its first bytes decide its type", route.body_limit), "content": content}),
        );
    }

    let success = match route.reply {
        Reply::Json(schema) => {
            json!({"200": {"description": "OK", "content": {"application/json": {"schema": schema(g).to_value()}}}})
        }
        Reply::Csv => {
            json!({"200": {"description": "UTF-8 CSV with BOM", "content": {"text/csv": {"schema": {"type": "string"}}}}})
        }
        Reply::Svg => {
            json!({"200": {"description": "SVG image", "content": {"image/svg+xml": {"schema": {"type": "string"}}}}})
        }
        Reply::File(types) => {
            let files: Map<String, Value> = types
                .iter()
                .map(|t| {
                    (
                        t.to_string(),
                        json!({"schema": {"type": "string", "contentMediaType": t}}),
                    )
                })
                .collect();
            json!({"200": {"description": "The stored file, in its own content type", "content": files}})
        }
        Reply::Empty => json!({"204": {"description": "Done"}}),
    };
    let mut responses = success.as_object().cloned().unwrap_or_default();
    responses.insert(
        "default".into(),
        json!({"description": "An error: 400, 401, 403, 404, 409, 422 or 429", "content": {"application/json": {"schema": error_ref}}}),
    );
    op.insert("responses".into(), Value::Object(responses));
    Value::Object(op)
}

/// Turns the schema of a query struct into one parameter per field.
fn query_parameters(schema: schemars::Schema, g: &SchemaGenerator) -> Vec<Value> {
    let value = schema.to_value();
    // A `$ref` points into the collected definitions.
    let resolved = value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        .and_then(|name| g.definitions().get(name).cloned())
        .unwrap_or(value);
    let required: Vec<&str> = resolved
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    resolved
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(name, schema)| {
                    let mut p = json!({"name": name, "in": "query", "required": required.contains(&name.as_str()), "schema": schema});
                    if let Some(d) = schema.get("description") {
                        p["description"] = d.clone();
                    }
                    p
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let pointer = r.strip_prefix('#').expect("local ref");
                doc.pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling $ref {r}"))
            }
            None => value,
        }
    }

    fn walk_refs(doc: &Value, v: &Value) {
        match v {
            Value::Object(map) => {
                if map.contains_key("$ref") {
                    resolve(doc, v);
                }
                map.values().for_each(|x| walk_refs(doc, x));
            }
            Value::Array(items) => items.iter().for_each(|x| walk_refs(doc, x)),
            _ => {}
        }
    }

    #[test]
    fn document_lists_every_route_with_its_access() {
        let doc = document("test");
        assert_eq!(doc["openapi"], "3.1.0");
        for route in routes::all() {
            let op = &doc["paths"][route.path][route.method.as_str().to_ascii_lowercase()];
            assert!(
                op.is_object(),
                "{} {} missing from the OpenAPI document",
                route.method.as_str(),
                route.path
            );
            assert_eq!(op["x-access"], route.access.label());
            assert!(op["responses"]["default"].is_object());
            // Every path template parameter is declared.
            for seg in route.path.split('/').filter(|s| s.starts_with('{')) {
                let name = &seg[1..seg.len() - 1];
                assert!(
                    op["parameters"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|p| p["name"] == name && p["in"] == "path"),
                    "{} lacks path parameter {name}",
                    route.path
                );
            }
        }
    }

    #[test]
    fn document_references_resolve() {
        let doc = document("test");
        walk_refs(&doc, &doc);
        assert!(doc["components"]["schemas"]["ErrorEnvelope"].is_object());
    }

    #[test]
    fn operation_ids_are_unique() {
        let doc = document("test");
        let mut ids = std::collections::HashSet::new();
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                assert!(ids.insert(op["operationId"].as_str().unwrap().to_string()));
            }
        }
    }
}
