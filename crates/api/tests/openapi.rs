//! The OpenAPI document covers every command a server serves and no other, and is
//! whole: every `$ref` in it names a schema it defines.

use ideaboard_api::{commands, openapi};
use serde_json::Value;

fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => out.push(target),
                    _ => refs(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn the_document_has_every_served_command_and_resolves_every_reference() {
    let doc = openapi::document("Ideaboard", "0.1.0");
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    for command in commands::ALL {
        let path = format!("/api/{}", command.name);
        assert_eq!(
            paths.contains_key(&path),
            command.served_remotely(),
            "{path}: in the document exactly when a server serves it"
        );
    }
    let vote = &doc["paths"]["/api/vote"]["post"];
    assert_eq!(vote["operationId"], "vote");
    let body = &vote["requestBody"]["content"]["application/json"]["schema"]["$ref"];
    assert_eq!(body, "#/components/schemas/VoteRequest");
    let request = &doc["components"]["schemas"]["VoteRequest"];
    assert!(
        request["properties"]["ideaId"].is_object(),
        "camelCase as on the wire: {request}"
    );
    assert!(
        paths["/api/board_overview"]["post"]
            .get("requestBody")
            .is_none()
    );

    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.len() > 100, "{} references", found.len());
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{target} points outside the components"));
        assert!(schemas.contains_key(name), "{target} is not defined");
    }
    let timestamp = &schemas["Timestamp"];
    assert_eq!(timestamp["format"], "date-time", "{timestamp}");
}
