//! Complaints from the portal: filing (validated field by field, rate limited, audited without
//! the contact data), the public status page (never the content or contact data), and the
//! supervision side's assignment, handling and reply, authorized for every role.

use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn complaint() -> Value {
    json!({
        "kind": "complaint",
        "agency": "SCJG",
        "case_number": "",
        "subject": "检查时未出示执法证件",
        "content": "执法人员检查时没有出示执法证件，态度生硬，请予核查。",
        "contact_name": "欧阳明远",
        "contact_phone": "13905719999"
    })
}

/// The complaint with its subject numbered: a different submission for each `n`.
fn numbered(n: usize) -> Value {
    let mut c = complaint();
    c["subject"] = json!(format!("检查时未出示执法证件（第{n}次）"));
    c
}

async fn file(app: &TestApp, body: Value) -> crate::helpers::Response {
    app.post("/api/v1/public/complaints", None, body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_is_filed_assigned_handled_and_answered_and_the_public_sees_only_its_status() {
    let app = TestApp::seeded().await;
    let before = app.audit_count().await;
    let filed = file(&app, complaint()).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    let no = filed.body["tracking_no"]
        .as_str()
        .expect("number")
        .to_owned();
    assert!(no.starts_with("TS20261126-"), "{no}");
    // Working days from Thursday 2026-11-26: 15 → 2026-12-17.
    assert_eq!(filed.body["reply_by"], "2026-12-17");
    assert_eq!(app.audit_count().await, before + 1);
    let payloads = app
        .scalar("SELECT COUNT(*) FROM audit_events WHERE payload LIKE '%13905719999%' OR payload LIKE '%欧阳明远%'")
        .await;
    assert_eq!(payloads, 0, "the contact data is not in the audit log");

    let public = app
        .get(
            &format!("/api/v1/public/complaints/{}", no.to_lowercase()),
            None,
        )
        .await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.text);
    assert_eq!(public.body["status"], "received");
    for private in ["13905719999", "欧阳明远", "态度生硬"] {
        assert!(
            !public.text.contains(private),
            "{private} leaked: {}",
            public.text
        );
    }

    let supervisor = app.login("supervisor.wu").await;
    let list = app
        .get("/api/v1/supervision/complaints", Some(&supervisor))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let item = list
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["tracking_no"] == no.as_str())
        .expect("listed")
        .clone();
    assert_eq!(item["contact_phone"], "13905719999");
    assert_eq!(item["can_assign"], true);
    let id = item["id"].as_i64().expect("id");
    let scjg = app.id_of_agency("SCJG").await;
    let post = |token: String, body: Value| {
        let app = &app;
        async move {
            app.post(
                &format!("/api/v1/supervision/complaints/{id}/steps"),
                Some(&token),
                body,
            )
            .await
        }
    };
    let assigned = post(
        supervisor.clone(),
        json!({"step": "assign", "agency_id": scjg}),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.text);

    // Another agency's head neither sees nor touches it.
    let other = app.login("head.cgzf").await;
    let theirs = app
        .get("/api/v1/supervision/complaints", Some(&other))
        .await;
    assert!(!theirs.text.contains(&no));
    let refused = post(other, json!({"step": "reply", "text": "x"})).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.text);

    let head = app.login("head.scjg").await;
    let empty = post(head.clone(), json!({"step": "handle", "text": "  "})).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    assert_eq!(empty.body["error"]["fields"][0]["field"], "text");
    let handled = post(
        head.clone(),
        json!({"step": "handle", "text": "已调取执法记录仪视频核实。"}),
    )
    .await;
    assert_eq!(handled.status, StatusCode::OK, "{}", handled.text);
    let replied = post(
        head.clone(),
        json!({"step": "reply", "text": "经核查属实，已责令改正并致歉。"}),
    )
    .await;
    assert_eq!(replied.status, StatusCode::OK, "{}", replied.text);
    let again = post(head, json!({"step": "reply", "text": "再次答复"})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);

    let public = app
        .get(&format!("/api/v1/public/complaints/{no}"), None)
        .await;
    assert_eq!(public.body["status"], "answered");
    assert_eq!(public.body["reply"], "经核查属实，已责令改正并致歉。");
    assert_eq!(public.body["answered_on"], "2026-11-26");
    let actions = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE subject_type = 'complaint' AND subject_id = '{id}'"
        ))
        .await;
    assert_eq!(actions, 4, "submit, assign, handle, reply");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_submission_names_every_field_in_the_users_language_and_writes_nothing() {
    let app = TestApp::seeded().await;
    let before = app.audit_count().await;
    let bad = json!({"kind": "praise", "agency": "", "subject": "", "content": "短", "contact_phone": "12"});
    let zh = file(&app, bad.clone()).await;
    assert_eq!(zh.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", zh.text);
    let fields: Vec<&str> = zh.body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["kind", "agency", "subject", "content", "contact_phone"]
    );
    assert!(zh.text.contains("具体内容"), "{}", zh.text);
    let en = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/public/complaints")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(axum::body::Body::from(bad.to_string()))
                .expect("request"),
        )
        .await;
    assert!(en.text.contains("What happened"), "{}", en.text);
    let mut unknown = complaint();
    unknown["agency"] = json!("NOPE");
    let r = file(&app, unknown).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["error"]["fields"][0]["field"], "agency");
    for hostile in [
        "'; DROP TABLE complaints; --",
        "%",
        "TS2026",
        &"x".repeat(10_000),
    ] {
        let r = app
            .get(
                &format!(
                    "/api/v1/public/complaints/{}",
                    crate::helpers::urlencode(hostile)
                ),
                None,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{hostile:.20}: {}",
            r.text
        );
    }
    let r = app
        .get("/api/v1/public/complaints/TS20261126-00000000", None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM complaints").await, 0);
    assert_eq!(app.audit_count().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_are_rate_limited_per_client_and_a_refused_one_writes_nothing() {
    let app = TestApp::seeded_with(|s| {
        s.complaint_rate = tianping_domain::supervision::complaint::RateRule {
            max: 2,
            window_secs: 3600,
        };
    })
    .await;
    for n in 0..2 {
        assert_eq!(file(&app, numbered(n)).await.status, StatusCode::CREATED);
    }
    let before = app.audit_count().await;
    let third = file(&app, numbered(2)).await;
    assert_eq!(
        third.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        third.text
    );
    assert!(third.text.contains("提交过于频繁"), "{}", third.text);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM complaints").await, 2);
    assert_eq!(app.audit_count().await, before);
    // The window ends: accepted again.
    app.clock.advance(chrono::Duration::seconds(3600));
    assert_eq!(file(&app, numbered(3)).await.status, StatusCode::CREATED);
}

/// Issue 22 item 2: a second tap on "submit" (or a resend) files nothing new: it answers the
/// first one's receipt, writes nothing and spends none of the client's allowance; twenty
/// identical submissions at once file one complaint; a changed one is a new complaint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_identical_submission_files_nothing_new_even_when_simultaneous() {
    let app = TestApp::seeded_with(|s| {
        s.complaint_rate = tianping_domain::supervision::complaint::RateRule {
            max: 2,
            window_secs: 3600,
        };
    })
    .await;
    let first = file(&app, complaint()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let audit = app.audit_count().await;
    for _ in 0..3 {
        let again = file(&app, complaint()).await;
        assert!(again.status.is_success(), "{}", again.text);
        assert_eq!(again.body["tracking_no"], first.body["tracking_no"]);
        assert_eq!(again.body["reply_by"], first.body["reply_by"]);
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM complaints").await, 1);
    assert_eq!(app.audit_count().await, audit, "a repeat writes nothing");
    // The repeats spent nothing: a different complaint is still within the allowance of 2.
    let other = file(&app, numbered(1)).await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
    assert_ne!(other.body["tracking_no"], first.body["tracking_no"]);

    let fresh = TestApp::seeded().await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let router = fresh.router.clone();
            let req = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/public/complaints")
                .header(header::CONTENT_TYPE, "application/json")
                .body(axum::body::Body::from(complaint().to_string()))
                .expect("request");
            tokio::spawn(async move {
                let res = tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("response");
                let status = res.status();
                let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap_or_default();
                let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                (
                    status,
                    body["tracking_no"].as_str().unwrap_or_default().to_owned(),
                )
            })
        })
        .collect();
    let mut numbers = std::collections::BTreeSet::new();
    for t in tasks {
        let (status, no) = t.await.expect("task");
        assert!(status.is_success(), "{status}");
        numbers.insert(no);
    }
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    assert_eq!(fresh.scalar("SELECT COUNT(*) FROM complaints").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn complaint_endpoints_are_authorized_for_every_role() {
    let app = TestApp::seeded().await;
    let no = file(&app, complaint()).await.body["tracking_no"]
        .as_str()
        .expect("no")
        .to_owned();
    let id = app
        .scalar(&format!(
            "SELECT CAST(id AS BIGINT) FROM complaints WHERE tracking_no = '{no}'"
        ))
        .await;
    let scjg = app.id_of_agency("SCJG").await;
    // (user, list status, assign status)
    for (user, list, assign) in [
        (
            "officer.zhang",
            StatusCode::FORBIDDEN,
            StatusCode::FORBIDDEN,
        ),
        ("head.scjg", StatusCode::OK, StatusCode::NOT_FOUND),
        ("head.cgzf", StatusCode::OK, StatusCode::NOT_FOUND),
        ("reviewer.sun", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin", StatusCode::OK, StatusCode::FORBIDDEN),
        ("hotline12345", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("supervisor.wu", StatusCode::OK, StatusCode::OK),
    ] {
        let token = app.login(user).await;
        let r = app
            .get("/api/v1/supervision/complaints", Some(&token))
            .await;
        assert_eq!(r.status, list, "{user} list: {}", r.text);
        let r = app
            .post(
                &format!("/api/v1/supervision/complaints/{id}/steps"),
                Some(&token),
                json!({"step": "assign", "agency_id": scjg}),
            )
            .await;
        assert_eq!(r.status, assign, "{user} assign: {}", r.text);
    }
    assert_eq!(
        app.get("/api/v1/supervision/complaints", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Once assigned, the head of SCJG handles it; the supervisor may not record handling.
    let head = app.login("head.scjg").await;
    let r = app
        .post(
            &format!("/api/v1/supervision/complaints/{id}/steps"),
            Some(&head),
            json!({"step": "handle", "text": "办理中"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let sup = app.login("supervisor.wu").await;
    let r = app
        .post(
            &format!("/api/v1/supervision/complaints/{id}/steps"),
            Some(&sup),
            json!({"step": "handle", "text": "办理中"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    // Reassigning once the agency handles it is refused by the state machine.
    let r = app
        .post(
            &format!("/api/v1/supervision/complaints/{id}/steps"),
            Some(&sup),
            json!({"step": "assign", "agency_id": scjg}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
}
