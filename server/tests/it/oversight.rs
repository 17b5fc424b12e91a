//! Interviews (约谈) and circulars (通报) of the supervision body (issue 24 item 3).

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn fields(res: &Value) -> Vec<String> {
    res["error"]["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interviews_are_recorded_by_supervisors_followed_up_once_and_read_by_the_heads_concerned() {
    let app = TestApp::seeded().await;
    let supervisor = app.login("supervisor.wu").await;
    let list = app
        .get("/api/v1/supervision/interviews", Some(&supervisor))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let demo = list.body.as_array().expect("list");
    assert_eq!(demo.len(), 2);
    // Latest first: SCJG ten days ago (follow-up due), CGZF two months ago (overdue).
    assert_eq!(demo[0]["agency"]["name"], "临江市市场监督管理局");
    assert_eq!(demo[0]["follow_up"], "due");
    assert_eq!(demo[1]["follow_up"], "overdue");
    assert_eq!(demo[1]["follow_up_label"], "回访逾期");
    assert_eq!(demo[1]["can_follow_up"], true);

    // Each head reads its own agency's only; officers and reviewers none.
    let head = app.login("head.scjg").await;
    let own = app.get("/api/v1/supervision/interviews", Some(&head)).await;
    let own = own.body.as_array().expect("list");
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["agency"]["name"], "临江市市场监督管理局");
    assert_eq!(own[0]["can_follow_up"], false);
    let officer = app.login("officer.zhang").await;
    assert_eq!(
        app.get("/api/v1/supervision/interviews", Some(&officer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Bad input: every part named, nothing written.
    let events = app.audit_count().await;
    let bad = app
        .post(
            "/api/v1/supervision/interviews",
            Some(&supervisor),
            json!({"agency": "SCJG", "held_on": "2026-11-27", "participants": "", "reasons": "x",
                   "follow_up_on": "2026-11-20"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&bad.body), ["held_on", "participants", "reason"]);
    assert!(bad.text.contains("约谈日期"), "{}", bad.text);
    let order = app
        .post(
            "/api/v1/supervision/interviews",
            Some(&supervisor),
            json!({"agency": "SCJG", "held_on": "2026-11-25", "participants": "吴芳", "reasons": "线索积压",
                   "follow_up_on": "2026-11-25"}),
        )
        .await;
    assert_eq!(fields(&order.body), ["follow_up_on"]);
    let nowhere = app
        .post(
            "/api/v1/supervision/interviews",
            Some(&supervisor),
            json!({"agency": "NOPE", "held_on": "2026-11-25", "participants": "吴芳", "reasons": "线索积压",
                   "follow_up_on": "2026-12-25"}),
        )
        .await;
    assert_eq!(fields(&nowhere.body), ["agency"]);
    let by_head = app
        .post(
            "/api/v1/supervision/interviews",
            Some(&head),
            json!({"agency": "SCJG", "held_on": "2026-11-25", "participants": "吴芳", "reasons": "线索积压",
                   "follow_up_on": "2026-12-25"}),
        )
        .await;
    assert_eq!(by_head.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count().await, events);

    let made = app
        .post(
            "/api/v1/supervision/interviews",
            Some(&supervisor),
            json!({"agency": "STHJ", "held_on": "2026-11-25",
                   "participants": "吴芳（临江市司法局）\n赵局长（临江市生态环境局）",
                   "reasons": "环境类线索办理超期", "commitments": "月底前整改",
                   "follow_up_on": "2026-12-25"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    assert_eq!(made.body["participants"].as_array().expect("p").len(), 2);
    assert_eq!(made.body["follow_up"], "due");
    let id = made.body["id"].as_i64().expect("id");

    // The follow-up: named when blank, recorded once.
    let path = format!("/api/v1/supervision/interviews/{id}/follow-up");
    let blank = app
        .post(&path, Some(&supervisor), json!({"note": " "}))
        .await;
    assert_eq!(fields(&blank.body), ["content"]);
    let done = app
        .post(
            &path,
            Some(&supervisor),
            json!({"note": "已完成整改，线索全部办结"}),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert_eq!(done.body["follow_up"], "done");
    assert_eq!(done.body["followed_up_on"], "2026-11-26");
    let twice = app
        .post(&path, Some(&supervisor), json!({"note": "再次回访"}))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(
        app.strings(&format!(
            "SELECT action FROM audit_events WHERE subject_type = 'interview' AND subject_id = '{id}' ORDER BY seq"
        ))
        .await,
        ["supervision.interview", "supervision.interview_follow_up"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_circular_is_numbered_and_on_the_portal_with_private_numbers_masked() {
    let app = TestApp::seeded().await;
    let public = app.get("/api/v1/public/circulars", None).await;
    assert_eq!(public.status, StatusCode::OK);
    let list = public.body.as_array().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["number"], "临司通〔2026〕1号");
    assert_eq!(list[0]["agencies"], json!(["临江市市场监督管理局"]));
    assert!(!public.text.contains("13912345678"), "{}", public.text);
    assert!(public.text.contains("139****5678"), "{}", public.text);
    // The staff read the text as written.
    let supervisor = app.login("supervisor.wu").await;
    let staff = app
        .get("/api/v1/supervision/circulars", Some(&supervisor))
        .await;
    assert!(staff.text.contains("13912345678"));

    // Refused input names its field and writes nothing.
    let head = app.login("head.cgzf").await;
    let events = app.audit_count().await;
    let bad = app
        .post(
            "/api/v1/supervision/circulars",
            Some(&supervisor),
            json!({"title": "通报", "body": "内容足够长的一段通报正文。", "scope": "secret"}),
        )
        .await;
    assert_eq!(fields(&bad.body), ["circular_scope"]);
    let nowhere = app
        .post(
            "/api/v1/supervision/circulars",
            Some(&supervisor),
            json!({"title": "通报", "body": "内容足够长的一段通报正文。", "scope": "internal", "agencies": ["NOPE"]}),
        )
        .await;
    assert_eq!(fields(&nowhere.body), ["agency"]);
    let by_head = app
        .post(
            "/api/v1/supervision/circulars",
            Some(&head),
            json!({"title": "通报", "body": "内容足够长的一段通报正文。", "scope": "internal"}),
        )
        .await;
    assert_eq!(by_head.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count().await, events);

    // An internal circular: numbered next, not on the portal, read by the head it names.
    let internal = app
        .post(
            "/api/v1/supervision/circulars",
            Some(&supervisor),
            json!({"title": "关于占道经营案件办理问题的内部通报",
                   "body": "城管部门部分占道经营案件罚款后未责令改正，请立即整改。",
                   "scope": "internal", "agencies": ["CGZF"]}),
        )
        .await;
    assert_eq!(internal.status, StatusCode::CREATED, "{}", internal.text);
    assert_eq!(internal.body["number"], "临司通〔2026〕2号");
    let public = app.get("/api/v1/public/circulars", None).await;
    assert_eq!(public.body.as_array().expect("list").len(), 1);
    let theirs = app.get("/api/v1/supervision/circulars", Some(&head)).await;
    let titles: Vec<&str> = theirs
        .body
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["title"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "关于占道经营案件办理问题的内部通报",
            "关于 12345 热线转办线索办理情况的通报"
        ]
    );
    let other = app.login("head.scjg").await;
    let not_theirs = app.get("/api/v1/supervision/circulars", Some(&other)).await;
    assert_eq!(
        not_theirs.body.as_array().expect("list").len(),
        1,
        "only the public one: the internal one names CGZF"
    );
}
