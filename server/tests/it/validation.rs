//! Bad input: a clear error naming the field and the rule, in the caller's language, and
//! nothing changed.

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use serde_json::json;

use crate::helpers::TestApp;

fn valid_agency() -> serde_json::Value {
    json!({
        "code": "JT", "name": "临江市交通运输局", "short_name": "临交", "kind": "enforcement",
        "region_code": "339900", "region_name": "临江市", "credit_code": "11339900MB0500015W", "legal_basis": "《道路运输条例》",
    })
}

async fn unchanged(app: &TestApp, agencies: i64, events: i64) {
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM agencies").await,
        agencies,
        "no agency was added"
    );
    assert_eq!(
        app.audit_count().await,
        events,
        "no audit event was written"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_check_digit_names_the_field_in_chinese_and_changes_nothing() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let (agencies, events) = (
        app.scalar("SELECT COUNT(*) FROM agencies").await,
        app.audit_count().await,
    );
    let mut body = valid_agency();
    body["credit_code"] = json!("11339900MB0500015X");
    let res = app.post("/api/v1/agencies", Some(&admin), body).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.body["error"]["fields"][0]["field"], "credit_code");
    assert_eq!(res.body["error"]["fields"][0]["rule"], "check_digit");
    assert_eq!(
        res.body["error"]["fields"][0]["message"],
        "「统一社会信用代码」校验位不正确，请核对号码"
    );
    unchanged(&app, agencies, events).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_field_is_reported_at_once_in_english_when_asked() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let (agencies, events) = (
        app.scalar("SELECT COUNT(*) FROM agencies").await,
        app.audit_count().await,
    );
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/agencies")
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body(Body::from(
            json!({"code": "", "name": "x".repeat(101), "short_name": "a", "kind": "court", "region_code": "12",
                   "region_name": "临江市", "credit_code": "", "legal_basis": "依据"})
            .to_string(),
        ))
        .expect("request");
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = res.body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("name"))
        .collect();
    for f in [
        "agency_code",
        "agency_name",
        "region_code",
        "agency_kind",
        "credit_code",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert!(
        res.text
            .contains("Agency name: must be 2–100 characters long"),
        "{}",
        res.text
    );
    unchanged(&app, agencies, events).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicates_are_refused_by_field() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let mut body = valid_agency();
    body["code"] = json!("SCJG");
    let res = app.post("/api/v1/agencies", Some(&admin), body).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.body["error"]["fields"][0]["field"], "agency_code");
    assert_eq!(res.body["error"]["fields"][0]["rule"], "unique");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_wrong_types_and_oversized_bodies_are_clear_4xx() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let (agencies, events) = (
        app.scalar("SELECT COUNT(*) FROM agencies").await,
        app.audit_count().await,
    );
    let send = |body: String| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/agencies")
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .expect("request")
    };
    let malformed = app.send(send("{\"code\": ".into())).await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.body["error"]["fields"][0]["field"], "body");
    let wrong_type = app.send(send(json!({"code": 5}).to_string())).await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong_type.body["error"]["message"]
            .as_str()
            .expect("message")
            .starts_with("「请求内容」格式不正确")
    );
    let huge = app
        .send(send(
            json!({"legal_basis": "依".repeat(100_000)}).to_string(),
        ))
        .await;
    assert!(
        huge.status == StatusCode::UNPROCESSABLE_ENTITY
            || huge.status == StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        huge.status
    );
    unchanged(&app, agencies, events).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_creation_checks_role_agency_and_password() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let users = app.scalar("SELECT COUNT(*) FROM users").await;
    let res = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": "x", "display_name": "", "role": "king", "password": "short"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = res.body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("f"))
        .collect();
    assert_eq!(fields, ["username", "display_name", "role", "password"]);
    let res = app
        .post("/api/v1/users", Some(&admin), json!({"username": "officer.new", "display_name": "新", "role": "officer", "password": "A-good-password"}))
        .await;
    assert_eq!(
        res.body["error"]["fields"][0]["field"], "agency",
        "an officer needs an agency"
    );
    let res = app
        .post("/api/v1/users", Some(&admin), json!({"username": "sup.new", "display_name": "新", "role": "supervisor", "agency_code": "SCJG", "password": "A-good-password"}))
        .await;
    assert_eq!(
        res.body["error"]["fields"][0]["rule"], "one_of",
        "a supervisor belongs to a supervision body"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users").await, users);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_check_kind_dates_and_uniqueness() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let li = app.id_of_user("officer.li").await;
    let path = format!("/api/v1/users/{li}/credentials");
    let res = app
        .post(&path, Some(&admin), json!({"kind": "legal_qualification", "number": "A2020", "scope": "x", "valid_from": "2026-01-01"}))
        .await;
    assert_eq!(
        res.body["error"]["fields"][0]["field"], "credential_kind",
        "officers hold certificates, not qualifications"
    );
    let res = app
        .post(&path, Some(&admin), json!({"kind": "enforcement_certificate", "number": "ZJ1", "scope": "x", "valid_from": "2026-02-01", "valid_to": "2026-01-01"}))
        .await;
    let rules: Vec<&str> = res.body["error"]["fields"]
        .as_array()
        .expect("f")
        .iter()
        .map(|f| f["rule"].as_str().expect("r"))
        .collect();
    assert!(
        rules.contains(&"length") && rules.contains(&"date_order"),
        "{rules:?}"
    );
    let res = app
        .post(&path, Some(&admin), json!({"kind": "enforcement_certificate", "number": "ZJ33990001", "scope": "x", "valid_from": "2026-01-01", "valid_to": "2027-01-01"}))
        .await;
    assert_eq!(res.body["error"]["fields"][0]["rule"], "unique");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_is_assigned_to_an_enforcement_agency_once() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let res = app
        .post("/api/v1/agencies", Some(&admin), valid_agency())
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let sun = app.id_of_user("reviewer.sun").await;
    let path = format!("/api/v1/users/{sun}/assignments");
    let res = app
        .post(&path, Some(&admin), json!({"agency_code": "jt"}))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let served: Vec<&str> = res.body["served_agencies"]
        .as_array()
        .expect("served")
        .iter()
        .map(|a| a["name"].as_str().expect("n"))
        .collect();
    assert!(served.contains(&"临江市交通运输局"), "{served:?}");
    let reviewer = app.login("reviewer.sun").await;
    let jt = app.id_of_agency("JT").await;
    assert_eq!(
        app.get(&format!("/api/v1/agencies/{jt}"), Some(&reviewer))
            .await
            .status,
        StatusCode::OK
    );

    let again = app
        .post(&path, Some(&admin), json!({"agency_code": "JT"}))
        .await;
    assert_eq!(
        (
            again.status,
            again.body["error"]["fields"][0]["rule"].clone()
        ),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("unique"))
    );
    let supervision = app
        .post(&path, Some(&admin), json!({"agency_code": "SFJ"}))
        .await;
    assert_eq!(supervision.body["error"]["fields"][0]["field"], "agency");
    let zhang = app.id_of_user("officer.zhang").await;
    let officer = app
        .post(
            &format!("/api/v1/users/{zhang}/assignments"),
            Some(&admin),
            json!({"agency_code": "JT"}),
        )
        .await;
    assert_eq!(
        officer.body["error"]["fields"][0]["field"], "role",
        "only legal reviewers serve agencies"
    );
}
