//! The API's edge: every rejection answers the JSON error envelope (malformed path and query
//! values included), an id too large for any record is not found, the documented limits hold,
//! and error fields are named as the request names them.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{Response, TestApp};

fn field_of(res: &Response) -> &str {
    res.body["error"]["fields"][0]["field"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_path_id_answers_400_in_the_json_envelope_naming_the_parameter() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    for (path, token) in [
        ("/api/v1/cases/abc", Some(officer.as_str())),
        ("/api/v1/cases/1.5/steps", Some(officer.as_str())),
        ("/api/v1/public/decisions/abc", None),
    ] {
        let res = if path.ends_with("/steps") {
            app.post(path, token, json!({"kind": "file_case"})).await
        } else {
            app.get(path, token).await
        };
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}: {}", res.text);
        assert_eq!(
            res.body["error"]["code"], "bad_request",
            "{path}: {}",
            res.text
        );
        assert_eq!(field_of(&res), "id", "{path}: {}", res.text);
        assert_eq!(res.body["error"]["fields"][0]["rule"], "malformed");
    }
    // Two parameters: the one at fault is named.
    let res = app
        .get("/api/v1/cases/1/documents/x/preview", Some(&officer))
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(field_of(&res), "doc", "{}", res.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_too_large_for_any_record_is_not_found() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let res = app.get("/api/v1/cases/99999999999", Some(&officer)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text);
    assert_eq!(res.body["error"]["code"], "not_found", "{}", res.text);
    let res = app.get("/api/v1/public/decisions/-99999999999", None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text);
    assert_eq!(res.body["error"]["code"], "not_found", "{}", res.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkpoint_limit_over_the_documented_maximum_is_refused_naming_limit() {
    let app = TestApp::seeded().await;
    let res = app
        .get("/api/v1/public/audit/checkpoints?limit=501", None)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert_eq!(res.body["error"]["code"], "invalid_input", "{}", res.text);
    assert_eq!(field_of(&res), "limit", "{}", res.text);
    let res = app
        .get("/api/v1/public/audit/checkpoints?limit=500", None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // A value that is no number is malformed, in the envelope too.
    let res = app
        .get("/api/v1/public/audit/checkpoints?limit=many", None)
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(res.body["error"]["code"], "bad_request", "{}", res.text);
    assert_eq!(field_of(&res), "limit", "{}", res.text);
    let res = app
        .get("/api/v1/public/audit/proof/consistency?from=1", None)
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(field_of(&res), "to", "{}", res.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_fields_are_named_as_the_request_names_them() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"source": "inspection", "title": "销售过期食品", "description": "货架上有过期牛奶",
                   "location": "临江市解放路 18 号", "act_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.body["case_id"].as_i64().expect("id");
    let party = app
        .post(
            &format!("/api/v1/cases/{id}/parties"),
            Some(&officer),
            json!({"kind": "alien", "name": "某某"}),
        )
        .await;
    assert_eq!(
        party.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        party.text
    );
    assert_eq!(field_of(&party), "kind", "{}", party.text);

    for (query, field) in [
        ("from=yesterday", "from"),
        ("to=soon", "to"),
        ("party=alien", "party"),
    ] {
        let res = app
            .get(&format!("/api/v1/public/decisions?{query}"), None)
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            res.text
        );
        assert_eq!(field_of(&res), field, "{query}: {}", res.text);
    }

    let res = app
        .get(
            "/api/v1/public/documents/verify?code=%27%20OR%201%3D1",
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert_eq!(field_of(&res), "code", "{}", res.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_error_codes_include_refused() {
    let app = TestApp::empty().await;
    let spec = app.get("/api/v1/openapi.json", None).await;
    let codes = &spec.body["components"]["schemas"]["ErrorDetail"]["properties"]["code"]["enum"];
    assert!(
        codes
            .as_array()
            .is_some_and(|c| c.iter().any(|v| v == "refused")),
        "{codes}"
    );
}

/// Operations (issue 21 item 8): `/healthz` while alive, `/readyz` when the database answers and
/// its migrations are current, `/metrics` in the Prometheus text format to loopback callers only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_and_metrics_tell_operations_what_they_need() {
    use std::net::SocketAddr;

    use axum::{body::Body, extract::ConnectInfo, http::Request};
    let app = TestApp::seeded().await;
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.text);
    assert_eq!(ready.body["ready"], true);
    assert_eq!(ready.body["pending_migrations"], 0);
    // Some traffic to count.
    let token = app.login("hotline12345").await;
    let res = app
        .post(
            "/api/v1/clues",
            Some(&token),
            serde_json::json!({"source": "12345", "reference": "M-1", "title": "噪声", "description": "夜间施工", "location": "临江市", "reported_at": "2026-11-26T09:30:00+08:00", "agency": "SCJG"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let scrape = |peer: &str| {
        let mut req = Request::builder()
            .uri("/metrics")
            .body(Body::empty())
            .expect("request");
        req.extensions_mut()
            .insert(ConnectInfo::<SocketAddr>(peer.parse().expect("address")));
        req
    };
    let local = app.send(scrape("127.0.0.1:9100")).await;
    assert_eq!(local.status, StatusCode::OK, "{}", local.text);
    assert!(
        local
            .text
            .contains("tianping_http_requests_total{route=\"/api/v1/clues\",status=\"200\"}"),
        "{}",
        local.text
    );
    let head = app.scalar("SELECT seq FROM audit_head WHERE id = 1").await;
    assert!(
        local
            .text
            .contains(&format!("tianping_audit_head_seq {head}")),
        "{}",
        local.text
    );
    for metric in [
        "tianping_write_queue",
        "tianping_write_flushes_total",
        "tianping_db_pool_connections{state=\"idle\"}",
        "tianping_search_index_decisions",
        "tianping_http_request_seconds_sum",
    ] {
        assert!(local.text.contains(metric), "{metric} missing");
    }
    let remote = app.send(scrape("203.0.113.5:9100")).await;
    assert_eq!(remote.status, StatusCode::NOT_FOUND, "not for the internet");
}

/// Static assets (issue 22): `/pkg` serves the precompressed file the client accepts, a
/// content-hashed name is cached for a year as immutable, a plain one is revalidated, and a
/// client that accepts no encoding gets the file itself. Pages and JSON are compressed on the
/// fly for clients that accept it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_are_served_precompressed_and_cached_by_content_hash_and_pages_compressed() {
    use axum::{
        body::Body,
        http::{Request, header},
    };
    let site = tempfile::tempdir().expect("tempdir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    let hashed = "tianping.2mOkG3dBKA8YQl_R-mWt9A.wasm";
    std::fs::write(pkg.join(hashed), b"\0asm raw module").expect("write");
    std::fs::write(pkg.join(format!("{hashed}.br")), b"brotli bytes").expect("write");
    std::fs::write(pkg.join(format!("{hashed}.gz")), b"gzip bytes").expect("write");
    std::fs::write(pkg.join("plain.css"), b"body{}").expect("write");
    let assets = server::assets::pkg_router(site.path().to_str().expect("utf-8 path"));
    let get = |path: &str, accept: &str| {
        let req = Request::builder()
            .uri(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .expect("request");
        let router = assets.clone();
        async move {
            let res = tower::ServiceExt::oneshot(router, req)
                .await
                .expect("response");
            let headers = res.headers().clone();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .expect("body");
            (headers, body)
        }
    };
    for (accept, encoding, body) in [
        ("gzip, deflate, br", Some("br"), &b"brotli bytes"[..]),
        ("gzip", Some("gzip"), &b"gzip bytes"[..]),
        ("identity", None, &b"\0asm raw module"[..]),
    ] {
        let (headers, got) = get(&format!("/{hashed}"), accept).await;
        assert_eq!(
            headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap_or_default()),
            encoding,
            "{accept}"
        );
        assert_eq!(&got[..], body, "{accept}");
        assert_eq!(
            headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(headers[header::VARY], "accept-encoding");
    }
    let (headers, _) = get("/plain.css", "br").await;
    assert_eq!(headers[header::CACHE_CONTROL], "public, no-cache");
    assert!(headers.contains_key(header::LAST_MODIFIED));

    let app = TestApp::seeded().await;
    // The CSV export streams its body: compressed, it must end cleanly (it panicked once when
    // the compressor polled the finished stream again).
    for path in [
        "/",
        "/api/v1/public/decisions",
        "/api/v1/public/decisions.csv",
    ] {
        let res = app
            .send(
                Request::builder()
                    .uri(path)
                    .header(header::ACCEPT_ENCODING, "br")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.headers["content-encoding"], "br", "{path}");
    }
}
