//! Behaviour signals (issue 24 item 5): computed from the data by the pure rules
//! (`supervision::behaviour`), shown to supervisors for their region and to agency heads for
//! their agency, gone once their cause is.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn idle_clues(list: &Value) -> Vec<&Value> {
    list.as_array()
        .expect("list")
        .iter()
        .filter(|s| s["kind"] == "clue_idle")
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clue_left_unhandled_is_a_signal_until_it_is_registered() {
    let app = TestApp::seeded().await;
    let clue = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-OLD-0077'")
        .await;
    let supervisor = app.login("supervisor.wu").await;
    let res = app
        .get("/api/v1/supervision/signals", Some(&supervisor))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let idle = idle_clues(&res.body);
    assert_eq!(idle.len(), 1, "{}", res.text);
    let signal = idle[0];
    assert_eq!(signal["agency"]["name"], "临江市市场监督管理局");
    assert_eq!(signal["finding"]["clue_id"], clue);
    assert_eq!(signal["link"], "/work/clues");
    assert_eq!(signal["kind_label"], "有案不立：线索逾期未处理");
    // Received 2026-10-27, fifteen working days end on 2026-11-17; the test day is 11-26.
    assert_eq!(signal["finding"]["due_on"], "2026-11-17");
    assert_eq!(
        signal["description"],
        "2026-10-27 收到的线索，应于 2026-11-17 前登记立案或决定不予立案，已超过 7 个工作日"
    );

    // The agency's head sees its own; another agency's head does not.
    let head = app.login("head.scjg").await;
    let own = app.get("/api/v1/supervision/signals", Some(&head)).await;
    assert_eq!(idle_clues(&own.body).len(), 1);
    let other = app.login("head.cgzf").await;
    let theirs = app.get("/api/v1/supervision/signals", Some(&other)).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(
        theirs
            .body
            .as_array()
            .expect("list")
            .iter()
            .all(|s| s["agency"]["name"] == "临江市城市管理综合行政执法局"),
        "{}",
        theirs.text
    );
    for (who, status) in [
        ("officer.zhang", StatusCode::FORBIDDEN),
        ("reviewer.sun", StatusCode::FORBIDDEN),
    ] {
        let token = app.login(who).await;
        let res = app.get("/api/v1/supervision/signals", Some(&token)).await;
        assert_eq!(res.status, status, "{who}");
    }
    let anonymous = app.get("/api/v1/supervision/signals", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    // Registered as a case: the cause is gone, and so is the signal.
    let officer = app.login("officer.zhang").await;
    let registered = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"clue": clue.to_string(), "title": "早餐车无照经营", "description": "市民反映",
                   "location": "临江市春华小区北门", "act_date": "2026-10-26"}),
        )
        .await;
    assert_eq!(
        registered.status,
        StatusCode::CREATED,
        "{}",
        registered.text
    );
    let after = app
        .get("/api/v1/supervision/signals", Some(&supervisor))
        .await;
    assert!(idle_clues(&after.body).is_empty(), "{}", after.text);
}

/// On the whole demo (forty case histories), the signals answer, stay within the caller's
/// scope, are ordered by kind and agency (never by amount), and each says what it saw.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_signals_are_ordered_by_kind_and_agency_and_describe_themselves() {
    let app = TestApp::demo().await;
    let supervisor = app.login("supervisor.wu").await;
    let res = app
        .get("/api/v1/supervision/signals", Some(&supervisor))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let list = res.body.as_array().expect("list");
    assert!(!list.is_empty());
    let order = [
        "rectification_overdue",
        "clue_idle",
        "fines_without_correction",
        "outside_region",
        "fine_surge",
        "repeated_complaints",
    ];
    let ranks: Vec<(usize, i64)> = list
        .iter()
        .map(|s| {
            (
                order
                    .iter()
                    .position(|k| s["kind"] == *k)
                    .expect("known kind"),
                s["agency"]["id"].as_i64().expect("agency"),
            )
        })
        .collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted, "{}", res.text);
    for s in list {
        assert!(!s["description"].as_str().expect("text").is_empty());
        assert_eq!(s["finding"]["kind"], s["kind"]);
    }
}
