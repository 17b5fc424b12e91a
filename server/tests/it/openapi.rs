//! The API's description is generated from the router (`server::api::parts`): every route is
//! described and every description routes, and the document holds together as OpenAPI 3.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// The served document.
async fn served(app: &TestApp) -> Value {
    let res = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    res.body
}

/// A concrete path for a template (`{id}` → `1`, other parameters → `x`).
fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|s| match s {
            "{id}" | "{doc}" => "1",
            s if s.starts_with('{') => "x",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The `$ref`s anywhere under a value.
fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        out.insert(r.clone());
                    }
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_document_is_the_one_generated_from_the_router() {
    let app = TestApp::empty().await;
    let generated = serde_json::to_value(server::api::openapi_doc()).expect("json");
    assert_eq!(served(&app).await, generated);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_described_operation_routes_and_no_other_method_does() {
    let app = TestApp::empty().await;
    let doc = served(&app).await;
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 60, "{} paths", paths.len());
    for (template, item) in paths {
        assert!(template.starts_with("/api/v1/"), "{template}");
        let uri = concrete(template);
        for method in METHODS {
            let req = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let res = app.request(req, &uri, None, None).await;
            if item.get(method).is_some() {
                assert_ne!(
                    res.status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {template} is described but not routed"
                );
                assert!(
                    !res.text.trim_start().starts_with('<') || res.status.is_success(),
                    "{method} {template} fell through to the pages: {}",
                    res.status
                );
            } else {
                assert_eq!(
                    res.status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {template} is routed but not described"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_module_routes_only_through_described_handlers() {
    // `parts` builds the router from `routes!(handler)`, which needs the handler's
    // `#[utoipa::path]`: a plain axum `.route(` there would route without a description.
    let source = include_str!("../../src/api/mod.rs");
    assert!(
        !source.contains(".route("),
        "a route without a description in api/mod.rs"
    );
    let lib = include_str!("../../src/lib.rs");
    assert!(!lib.contains("\"/api/"), "an /api route outside api::parts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_well_formed_openapi_3() {
    let app = TestApp::empty().await;
    let doc = served(&app).await;
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{}",
        doc["openapi"]
    );
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let schemes = doc["components"]["securitySchemes"]
        .as_object()
        .expect("securitySchemes");
    let mut operation_ids = BTreeSet::new();
    for (template, item) in doc["paths"].as_object().expect("paths") {
        let in_path: BTreeSet<&str> = template
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let at = format!("{method} {template}");
            let id = op["operationId"].as_str().expect("operationId");
            assert!(
                operation_ids.insert(id.to_owned()),
                "{at}: operationId {id} twice"
            );
            let declared: BTreeSet<&str> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().expect("name"))
                .collect();
            assert_eq!(declared, in_path, "{at}: path parameters");
            let responses = op["responses"].as_object().expect("responses");
            assert!(
                responses
                    .keys()
                    .any(|s| s.starts_with('2') || s.starts_with('3')),
                "{at}: no success answer"
            );
            for (status, response) in responses {
                assert!(
                    status.len() == 3 && status.parse::<u16>().is_ok(),
                    "{at}: status {status}"
                );
                assert!(response["description"].is_string(), "{at} {status}");
                if status.starts_with('2') && status != "204" {
                    assert!(
                        response["content"]
                            .as_object()
                            .is_some_and(|c| !c.is_empty()),
                        "{at} {status}: no response schema"
                    );
                }
                if status.starts_with('4') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorEnvelope",
                        "{at} {status}: not the error envelope"
                    );
                }
            }
            for requirement in op["security"].as_array().into_iter().flatten() {
                for scheme in requirement.as_object().expect("requirement").keys() {
                    assert!(schemes.contains_key(scheme), "{at}: scheme {scheme}");
                }
            }
        }
    }
    let mut all = BTreeSet::new();
    refs(&doc, &mut all);
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{r} points outside the schemas"));
        assert!(schemas.contains_key(name), "{r} does not resolve");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_throttle_and_rate_limits_are_documented() {
    let app = TestApp::empty().await;
    let doc = served(&app).await;
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/public/complaints", "post"),
        ("/api/v1/public/decisions/{id}/requests", "post"),
    ] {
        assert!(
            doc["paths"][path][method]["responses"]["429"].is_object(),
            "{method} {path}"
        );
    }
}

/// The description names each schema after its Rust type: two wire types of one name would
/// silently share one schema (one type's responses then "violate" the other's). Every type in
/// `app::api` has a name of its own.
#[test]
fn no_two_wire_types_share_a_schema_name() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut clashes = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("app/src/api") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        for line in text.lines() {
            let rest = line
                .strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "));
            let Some(rest) = rest else { continue };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if let Some(other) = seen.insert(name.clone(), file.clone()) {
                clashes.push(format!("{name} in {other} and {file}"));
            }
        }
    }
    assert!(
        seen.len() > 50,
        "read the wire types ({} found)",
        seen.len()
    );
    assert_eq!(clashes, Vec::<String>::new());
}
