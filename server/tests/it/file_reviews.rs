//! Case-file review (案卷评查, issue 24 item 1): a round drawn verifiably from the closed cases,
//! scored against its template, objected to once by the agency, scored again; results per
//! agency, criterion and officer; an agency sees its own files only.

use axum::http::StatusCode;
use serde_json::{Value, json};
use tianping_domain::inspection::draw;

use crate::helpers::TestApp;

fn files(round: &Value) -> &Vec<Value> {
    round["files"].as_array().expect("files")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_round_is_scored_with_one_objection_and_its_results_add_up() {
    let app = TestApp::demo().await;
    let supervisor = app.login("supervisor.wu").await;
    let list = app
        .get("/api/v1/supervision/file-reviews", Some(&supervisor))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let rounds = list.body.as_array().expect("rounds");
    assert_eq!(rounds.len(), 1, "{}", list.text);
    let round = &rounds[0];
    let drawn = files(round);
    assert_eq!(drawn.len(), 4, "{}", list.text);
    let statuses: Vec<&str> = drawn
        .iter()
        .map(|f| f["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(statuses, ["scored", "final", "scored", "scored"]);
    let totals: Vec<i64> = drawn
        .iter()
        .map(|f| f["total"].as_i64().unwrap_or(-1))
        .collect();
    assert_eq!(totals, [97, 88, 100, 50]);
    assert_eq!(drawn[1]["first_total"], 78);
    assert!(drawn[1]["objection"].as_str().is_some());
    assert_eq!(drawn[3]["grade"], "poor");
    // The poor file leads the supervisor to an opinion prefilled for its rectification.
    let rectify = drawn[3]["rectify"]
        .as_str()
        .expect("a link for the poor file");
    assert!(rectify.starts_with("/work/notices?agency="), "{rectify}");
    assert!(rectify.contains("&source=review&ref="), "{rectify}");
    assert!(drawn[0]["rectify"].is_null());
    assert_eq!(round["to_rectify"], 1);
    assert!(drawn.iter().all(|f| f["can_score"] == false));
    let procedure = round["per_criterion"]
        .as_array()
        .expect("criteria")
        .iter()
        .find(|c| c["name"] == "执法程序")
        .expect("procedure")
        .clone();
    // 2 + 25 points over 4 files.
    assert_eq!(procedure["average"], "6.8");
    // The seed checks out: its digest is the one logged before the draw.
    let seed = hex::decode(round["seed"].as_str().expect("seed")).expect("hex");
    assert_eq!(draw::commitment(&seed), round["commitment"]);
    let logged = app
        .scalar_text(&format!(
            "SELECT action FROM audit_events WHERE seq = {}",
            round["commitment_seq"]
        ))
        .await;
    assert_eq!(logged, "file_review.commit");

    // A head sees the round with the agency's own files only, and may object once.
    let agency = drawn[0]["agency"]["id"].as_i64().expect("agency");
    let head_name = app
        .scalar_text(&format!(
            "SELECT username FROM users WHERE agency_id = {agency} AND role = 'agency_head'"
        ))
        .await;
    let head = app.login(&head_name).await;
    let theirs = app
        .get("/api/v1/supervision/file-reviews", Some(&head))
        .await;
    let their_round = &theirs.body.as_array().expect("rounds")[0];
    let own = files(their_round);
    assert!(!own.is_empty());
    assert!(
        own.iter().all(|f| f["agency"]["id"] == agency),
        "{}",
        theirs.text
    );
    assert_eq!(own[0]["can_object"], true);
    let file = own[0]["id"].as_i64().expect("id");
    let officer = app.login("officer.zhang").await;
    assert_eq!(
        app.post(
            &format!("/api/v1/supervision/file-reviews/files/{file}/objection"),
            Some(&officer),
            json!({"reason": "不同意"}),
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_is_drawn_verifiably_scored_objected_to_once_and_scored_again_finally() {
    let app = TestApp::demo().await;
    let supervisor = app.login("supervisor.wu").await;
    let events = app.audit_count().await;
    let bad = app
        .post(
            "/api/v1/supervision/file-reviews",
            Some(&supervisor),
            json!({"name": "评", "period_from": "2026-01-01", "period_to": "2026-12-31", "sample_size": "0"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    let named: Vec<&str> = bad.body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(named, ["name", "period_to", "sample_size"]);
    let empty = app
        .post(
            "/api/v1/supervision/file-reviews",
            Some(&supervisor),
            json!({"name": "二〇二〇年评查", "period_from": "2020-01-01", "period_to": "2020-12-31", "sample_size": "3"}),
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::CONFLICT,
        "no closed case then: {}",
        empty.text
    );
    assert_eq!(app.audit_count().await, events);

    let made = app
        .post(
            "/api/v1/supervision/file-reviews",
            Some(&supervisor),
            json!({"name": "市场监管局专项评查", "period_from": "2025-11-26", "period_to": "2026-11-26",
                   "agencies": ["SCJG"], "sample_size": "2"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let drawn = files(&made.body);
    assert_eq!(drawn.len(), 2);
    assert!(
        drawn
            .iter()
            .all(|f| f["agency"]["name"] == "临江市市场监督管理局")
    );
    // Anyone re-runs the draw from what the log holds: the committed candidates and the seed.
    let commit: Value = serde_json::from_str(
        &app.scalar_text(&format!(
            "SELECT payload FROM audit_events WHERE seq = {}",
            made.body["commitment_seq"]
        ))
        .await,
    )
    .expect("payload");
    let published = draw::PublishedDraw {
        commitment: commit["commitment"].as_str().expect("c").to_owned(),
        seed: made.body["seed"].as_str().expect("seed").to_owned(),
        candidates: serde_json::from_value(commit["candidates"].clone()).expect("candidates"),
        n: 2,
        result: drawn
            .iter()
            .map(|f| f["case_id"].as_i64().unwrap_or_default().to_string())
            .collect(),
    };
    assert_eq!(draw::verify(&published), Ok(()));

    // Scoring: beyond a criterion's weight, or without a reason, is refused naming the criterion.
    let file = drawn[0]["id"].as_i64().expect("id");
    let score = format!("/api/v1/supervision/file-reviews/files/{file}/score");
    let too_much = app
        .post(
            &score,
            Some(&supervisor),
            json!({"lost": {"procedure": "30"}}),
        )
        .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_much.text.contains("执法程序"), "{}", too_much.text);
    let no_reason = app
        .post(
            &score,
            Some(&supervisor),
            json!({"lost": {"documents": "5"}}),
        )
        .await;
    assert!(no_reason.text.contains("扣分理由"), "{}", no_reason.text);
    let head = app.login("head.scjg").await;
    assert_eq!(
        app.post(&score, Some(&head), json!({"lost": {}}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let scored = app
        .post(
            &score,
            Some(&supervisor),
            json!({"lost": {"procedure": "15", "documents": "5"},
                   "comments": {"procedure": "未告知陈述申辩权利", "documents": "文书未编页码"}}),
        )
        .await;
    assert_eq!(scored.status, StatusCode::OK, "{}", scored.text);
    let this = |v: &Value| {
        files(v)
            .iter()
            .find(|f| f["id"] == file)
            .expect("file")
            .clone()
    };
    assert_eq!(this(&scored.body)["total"], 80);
    assert_eq!(this(&scored.body)["grade"], "good");
    assert_eq!(
        app.post(&score, Some(&supervisor), json!({"lost": {}}))
            .await
            .status,
        StatusCode::CONFLICT,
        "scored: only an objection reopens it"
    );

    // The head objects once; the second score is final.
    let objection = format!("/api/v1/supervision/file-reviews/files/{file}/objection");
    let blank = app
        .post(&objection, Some(&head), json!({"reason": " "}))
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.text.contains("\"reason\""), "{}", blank.text);
    let objected = app
        .post(
            &objection,
            Some(&head),
            json!({"reason": "陈述申辩告知书已送达，见卷第 9 页"}),
        )
        .await;
    assert_eq!(objected.status, StatusCode::OK, "{}", objected.text);
    assert_eq!(this(&objected.body)["status"], "objected");
    assert_eq!(
        app.post(&objection, Some(&head), json!({"reason": "再次异议"}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let rescored = app
        .post(
            &score,
            Some(&supervisor),
            json!({"lost": {"documents": "5"}, "comments": {"documents": "文书未编页码"}}),
        )
        .await;
    assert_eq!(rescored.status, StatusCode::OK, "{}", rescored.text);
    let fin = this(&rescored.body);
    assert_eq!(fin["status"], "final");
    assert_eq!(fin["total"], 95);
    assert_eq!(fin["first_total"], 80);
    assert_eq!(
        app.post(&objection, Some(&head), json!({"reason": "还是不同意"}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.strings(&format!(
            "SELECT action FROM audit_events WHERE subject_type = 'file_review_file' AND subject_id = '{file}' ORDER BY seq"
        ))
        .await,
        ["file_review.score", "file_review.object", "file_review.rescore"]
    );
    // Another agency's head does not see this round at all.
    let other = app.login("head.cgzf").await;
    let theirs = app
        .get(
            &format!("/api/v1/supervision/file-reviews/{}", made.body["id"]),
            Some(&other),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
}
