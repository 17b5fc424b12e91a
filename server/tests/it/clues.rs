//! The clue API: external systems push clues into an agency's intake queue.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn clue(reference: &str) -> Value {
    json!({
        "source": "12345", "reference": reference, "title": "餐馆后厨卫生问题",
        "description": "市民反映某餐馆后厨脏乱，存在过期食材。", "location": "临江市滨江路 88 号",
        "reported_at": "2026-11-26T09:30:00+08:00",
        "reporter": {"name": "王某", "phone": "13800138000"}, "agency": "SCJG",
    })
}

async fn clue_count(app: &TestApp) -> i64 {
    app.scalar("SELECT COUNT(*) FROM clues").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_valid_clue_lands_in_the_right_queue_and_a_resend_is_stored_once() {
    let app = TestApp::seeded().await;
    let seeded = clue_count(&app).await;
    let hotline = app.login("hotline12345").await;
    let first = app
        .post("/api/v1/clues", Some(&hotline), clue("HL-1"))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(first.body["agency"], "SCJG");
    assert_eq!(first.body["duplicate"], false);
    let again = app
        .post("/api/v1/clues", Some(&hotline), clue("HL-1"))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["duplicate"], true);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(clue_count(&app).await, seeded + 1);

    let officer = app.login("officer.zhang").await;
    let queue = app.get("/api/v1/clues", Some(&officer)).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(queue.body.as_array().expect("list").len(), 1);
    assert_eq!(queue.body[0]["reporter_phone"], "13800138000");
    let other_agency = app.login("officer.wang").await;
    let queue = app.get("/api/v1/clues", Some(&other_agency)).await;
    assert_eq!(
        queue.body.as_array().expect("list").len(),
        0,
        "another agency's queue stays empty"
    );
    let supervisor = app.login("supervisor.wu").await;
    let region = app.get("/api/v1/clues", Some(&supervisor)).await;
    let seen = region.body.as_array().expect("list").len() as i64;
    assert_eq!(seen, seeded + 1, "the supervisor sees the whole region");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reporters_private_data_stays_out_of_the_audit_log() {
    let app = TestApp::seeded().await;
    let hotline = app.login("hotline12345").await;
    app.post("/api/v1/clues", Some(&hotline), clue("HL-2"))
        .await;
    let leaked = app.scalar("SELECT COUNT(*) FROM audit_events WHERE payload LIKE '%13800138000%' OR payload LIKE '%王某%' OR payload LIKE '%13700137000%' OR payload LIKE '%赵某%'").await;
    assert_eq!(leaked, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_oversized_and_unauthenticated_clues_get_clear_4xx_and_store_nothing() {
    let app = TestApp::seeded().await;
    let hotline = app.login("hotline12345").await;
    let events = app.audit_count().await;
    let seeded = clue_count(&app).await;

    let res = app.post("/api/v1/clues", None, clue("HL-3")).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    let mut bad = clue("HL-4");
    bad["source"] = json!("fax");
    bad["reported_at"] = json!("2099-01-01T00:00:00Z");
    bad["reporter"]["phone"] = json!("12345");
    let res = app.post("/api/v1/clues", Some(&hotline), bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = res.body["error"]["fields"]
        .as_array()
        .expect("f")
        .iter()
        .map(|f| f["field"].as_str().expect("s"))
        .collect();
    assert_eq!(fields, ["clue_source", "reported_at", "reporter_phone"]);
    assert!(
        res.text.contains("「反映时间」不能晚于当前时间"),
        "{}",
        res.text
    );

    let mut huge = clue("HL-5");
    huge["description"] = json!("食".repeat(30_000));
    let res = app.post("/api/v1/clues", Some(&hotline), huge).await;
    assert!(res.status.is_client_error(), "{}", res.status);

    let res = app
        .post("/api/v1/clues", Some(&hotline), json!({"source": 12345}))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.body["error"]["fields"][0]["field"], "body");

    let mut nowhere = clue("HL-6");
    nowhere["agency"] = json!("NOPE");
    let res = app.post("/api/v1/clues", Some(&hotline), nowhere).await;
    assert_eq!(res.body["error"]["fields"][0]["field"], "agency");

    let mut supervision = clue("HL-7");
    supervision["agency"] = json!("SFJ");
    let res = app.post("/api/v1/clues", Some(&hotline), supervision).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "clues go to enforcement agencies only"
    );

    let admin = app.login("admin").await;
    let res = app.post("/api/v1/clues", Some(&admin), clue("HL-8")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    assert_eq!(clue_count(&app).await, seeded);
    assert_eq!(
        app.audit_count().await,
        events + 1,
        "only the admin's login was recorded"
    );
}
/// 400 racing resends of one reference (the hotline retries on a timeout): every answer is `201`
/// or `200 duplicate`, exactly one stores the clue, none is a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_resends_of_one_reference_store_it_once_and_never_fail() {
    use axum::{
        body::Body,
        http::{Method, Request, header},
    };
    let app = TestApp::seeded().await;
    let seeded = clue_count(&app).await;
    let hotline = app.login("hotline12345").await;
    let tasks: Vec<_> = (0..400)
        .map(|_| {
            let router = app.router.clone();
            let req = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/clues")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::AUTHORIZATION, format!("Bearer {hotline}"))
                .body(Body::from(clue("HL-RACE").to_string()))
                .expect("request");
            tokio::spawn(async move {
                let res = tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("response");
                let status = res.status();
                let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap_or_default();
                (status, String::from_utf8_lossy(&body).into_owned())
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        let (status, body) = t.await.expect("task");
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{status} {body}"
        );
        created += usize::from(status == StatusCode::CREATED);
    }
    assert_eq!(created, 1, "stored once");
    assert_eq!(clue_count(&app).await, seeded + 1);
}
