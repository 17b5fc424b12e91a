//! Reconsideration and litigation over REST (`/api/v1/cases/{id}/remedies`,
//! `/api/v1/remedies/{id}/ruling`): the same service and rules as the case page's server
//! functions, authorised per role, with the request's field names in errors.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::TestApp;

/// A decided case of SCJG and its decision day.
async fn decided_case(app: &TestApp) -> (i64, String) {
    let case_id = app
        .scalar(
            "SELECT CAST(MIN(c.id) AS BIGINT) FROM cases c JOIN agencies a ON a.id = c.agency_id
             WHERE a.code = 'SCJG' AND c.decided_on IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM case_remedies r WHERE r.case_id = c.id)",
        )
        .await;
    let decided = app
        .scalar_text(&format!(
            "SELECT CAST(decided_on AS TEXT) FROM cases WHERE id = {case_id}"
        ))
        .await;
    (case_id, decided)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_reads_and_records_remedies_only_as_the_rules_allow() {
    let app = TestApp::demo().await;
    let (case_id, decided) = decided_case(&app).await;
    let list = format!("/api/v1/cases/{case_id}/remedies");
    let filing = json!({"kind": "litigation", "body": "临江市人民法院", "filed_on": decided});
    // (user, reading, filing): the agency's officers and head record; the supervisor and the
    // reviewer see the case but may not record; other agencies' officers do not see it.
    let table: [(Option<&str>, StatusCode, StatusCode); 7] = [
        (None, StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED),
        (
            Some("officer.wang"),
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
        ),
        (
            Some("hotline12345"),
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
        ),
        (Some("supervisor.wu"), StatusCode::OK, StatusCode::FORBIDDEN),
        (Some("reviewer.sun"), StatusCode::OK, StatusCode::FORBIDDEN),
        (Some("head.scjg"), StatusCode::OK, StatusCode::CREATED),
        (Some("officer.zhang"), StatusCode::OK, StatusCode::CREATED),
    ];
    for (user, reading, filing_status) in table {
        let token = match user {
            Some(u) => Some(app.login(u).await),
            None => None,
        };
        let who = user.unwrap_or("anonymous");
        let res = app.get(&list, token.as_deref()).await;
        assert_eq!(res.status, reading, "{who} reads: {}", res.text);
        let before = app.audit_count().await;
        let res = app.post(&list, token.as_deref(), filing.clone()).await;
        assert_eq!(res.status, filing_status, "{who} files: {}", res.text);
        if res.status.is_success() {
            assert!(res.body["id"].is_i64(), "{}", res.text);
            assert_eq!(app.audit_count().await, before + 1, "{who}: one event");
        } else {
            assert!(res.body["error"]["code"].is_string(), "{who}: {}", res.text);
            assert_eq!(app.audit_count().await, before, "{who}: nothing written");
        }
    }

    let officer = app.login("officer.zhang").await;
    let listed = app.get(&list, Some(&officer)).await;
    assert_eq!(listed.body["can_record"], true, "{}", listed.text);
    let items = listed.body["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{}", listed.text);
    let remedy = items[0]["id"].as_i64().expect("id");
    let ruling = format!("/api/v1/remedies/{remedy}/ruling");
    // A court's result is recorded once the judgment has taken effect (an appeal may still
    // overturn a first-instance judgment): refused before, naming the field; nothing written.
    let officer_token = app.login("officer.zhang").await;
    let before = app.audit_count().await;
    let early = app
        .post(
            &ruling,
            Some(&officer_token),
            json!({"outcome": "revoked", "decided_on": decided, "note": "一审判决"}),
        )
        .await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        early.text
    );
    assert_eq!(
        early.body["error"]["fields"][0]["field"], "effective",
        "{}",
        early.text
    );
    assert!(early.text.contains("生效"), "{}", early.text);
    assert_eq!(app.audit_count().await, before);
    let result =
        json!({"outcome": "upheld", "decided_on": decided, "note": "维持", "effective": "true"});
    for (user, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some("officer.wang"), StatusCode::NOT_FOUND),
        (Some("supervisor.wu"), StatusCode::FORBIDDEN),
        (Some("officer.zhang"), StatusCode::OK),
    ] {
        let token = match user {
            Some(u) => Some(app.login(u).await),
            None => None,
        };
        let res = app.post(&ruling, token.as_deref(), result.clone()).await;
        assert_eq!(res.status, status, "{user:?} rules: {}", res.text);
    }
    let listed = app.get(&list, Some(&officer)).await;
    assert!(
        listed.body["items"][0]["outcome_label"].is_string(),
        "{}",
        listed.text
    );
    // A result is given once.
    let again = app.post(&ruling, Some(&officer), result).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    assert_eq!(again.body["error"]["fields"][0]["field"], "outcome");
    let missing = app
        .request(
            Method::POST,
            "/api/v1/remedies/999999/ruling",
            Some(&officer),
            Some(json!({})),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_filing_names_the_requests_fields_and_an_undecided_case_is_refused() {
    let app = TestApp::demo().await;
    let (case_id, _) = decided_case(&app).await;
    let officer = app.login("officer.zhang").await;
    let bad = app
        .post(
            &format!("/api/v1/cases/{case_id}/remedies"),
            Some(&officer),
            json!({"kind": "appeal", "body": "", "filed_on": "1999-01-01"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    let fields: Vec<&str> = bad.body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    for field in ["kind", "body", "filed_on"] {
        assert!(fields.contains(&field), "{field}: {}", bad.text);
    }

    let open = app
        .scalar(
            "SELECT CAST(MIN(c.id) AS BIGINT) FROM cases c JOIN agencies a ON a.id = c.agency_id
             WHERE a.code = 'SCJG' AND c.decided_on IS NULL",
        )
        .await;
    let refused = app
        .post(
            &format!("/api/v1/cases/{open}/remedies"),
            Some(&officer),
            json!({"kind": "litigation", "body": "临江市人民法院", "filed_on": "2026-11-20"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text);
    assert_eq!(refused.body["error"]["code"], "refused", "{}", refused.text);
}
