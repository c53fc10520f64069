//! The OpenAPI document of the contract over HTTP (OpenAPI 3.1, whose schemas are
//! JSON Schema 2020-12), made from the same table and the same types as the
//! TypeScript client: `POST /api/<command>` for every command a server serves, its
//! request and response, and the error every refusal is. A server serves it at
//! `/api/openapi.json`.

use ideaboard_core::ErrorDto;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::{Access, commands};

/// Where the document keeps the definitions its `$ref`s point at.
const DEFINITIONS: &str = "/components/schemas";

/// The schema of `T` in `generator`: a `$ref` to its definition for a named type.
pub fn schema_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// The whole document, for a server called `title` at `version`.
pub fn document(title: &str, version: &str) -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = DEFINITIONS.into();
    let mut generator = settings.into_generator();
    let error = json!({
        "description": "Refused or failed: `code` says why (a stable name), `message` in English, \
                        `params` the numbers and names a localised message fills in.",
        "content": { "application/json": { "schema": schema_of::<ErrorDto>(&mut generator) } }
    });
    let mut paths = Map::new();
    for command in commands::ALL.iter().filter(|c| c.served_remotely()) {
        let summary = command.doc.lines().next().unwrap_or(command.name);
        let answer = (command.response_schema)(&mut generator);
        let mut operation = json!({
            "operationId": command.name,
            "summary": summary,
            "description": command.doc.trim_end(),
            "tags": [match command.access { Access::Read => "reads", Access::Write => "writes" }],
            "responses": {
                "200": {
                    "description": "Done: what the command answers.",
                    "content": { "application/json": { "schema": answer } }
                },
                "default": error.clone()
            }
        });
        if let Some(request) = command.request_schema {
            operation["requestBody"] = json!({
                "required": true,
                "content": { "application/json": { "schema": request(&mut generator) } }
            });
        }
        paths.insert(
            format!("/api/{}", command.name),
            json!({ "post": operation }),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": "Every command of the Ideaboard contract a server serves, as `POST /api/<command>` \
                with its arguments as a camelCase JSON object. A browser's session is an HttpOnly cookie \
                and every POST carries its CSRF token in `X-CSRF-Token` (from `GET /api/auth/session`); \
                the app and scripts send `Authorization: Bearer <token>` (from `POST /api/auth/sign_in` with \
                `\"bearer\": true`). Also served, outside this document's commands: `/api/auth/*` (sign up, \
                sign in, sign out, sessions), `/api/files/export` and `/api/files/import` (exports as \
                downloads, imports as uploads), `GET /api/live` (the board's changes as Server-Sent \
                Events), `/healthz` and `/metrics`."
        },
        "paths": paths,
        "components": {
            "schemas": generator.take_definitions(true),
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer" },
                "csrf": { "type": "apiKey", "in": "header", "name": "X-CSRF-Token" }
            }
        }
    })
}
