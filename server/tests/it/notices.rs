//! Supervision opinions and decisions (监督意见书 / 监督决定书, issue 24 item 2): issued by a
//! supervisor, answered by the agency's head, accepted or returned; the documents as PDFs.

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

fn opinion(agency: &str, deadline: &str) -> Value {
    json!({
        "kind": "opinion", "agency": agency, "source": "complaint", "source_ref": "TS-2026-0042",
        "problems": "对同一当事人连续三次罚款，均未责令改正违法行为。",
        "requirements": "对上述案件逐一复查，依法责令改正。",
        "basis": "《中华人民共和国行政处罚法》第二十八条",
        "deadline": deadline,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_notices_say_which_rectification_is_late_and_which_is_overdue() {
    let app = TestApp::seeded().await;
    let supervisor = app.login("supervisor.wu").await;
    let list = app
        .get("/api/v1/supervision/notices", Some(&supervisor))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let list = list.body.as_array().expect("list");
    assert_eq!(list.len(), 2);
    // By deadline: SCJG's opinion (10 days ago, reported late), CGZF's decision (5 days ago,
    // no report: overdue).
    assert_eq!(list[0]["number"], "临司监意〔2026〕1号");
    assert_eq!(list[0]["status"], "reported");
    assert_eq!(list[0]["rectification"], "late");
    assert_eq!(list[0]["rectification_label"], "逾期报告");
    assert_eq!(list[0]["can"], json!(["accept", "return"]));
    assert_eq!(
        list[0]["steps"][0]["evidence"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(list[1]["number"], "临司监决〔2026〕1号");
    assert_eq!(list[1]["order"], "责令改正");
    assert_eq!(list[1]["rectification"], "overdue");
    assert_eq!(list[1]["can"], json!([]), "only the agency's head reports");
    // The overdue one is a behaviour signal too, leading to the notices.
    let signals = app
        .get("/api/v1/supervision/signals", Some(&supervisor))
        .await;
    let overdue: Vec<&Value> = signals
        .body
        .as_array()
        .expect("signals")
        .iter()
        .filter(|s| s["kind"] == "rectification_overdue")
        .collect();
    assert_eq!(overdue.len(), 1, "{}", signals.text);
    assert_eq!(overdue[0]["link"], "/work/notices");
    assert_eq!(
        overdue[0]["description"],
        "临司监决〔2026〕1号 要求于 2026-11-21 前报告整改情况，已逾期 5 日未报告"
    );
    // The heads read their own agency's only.
    let head = app.login("head.cgzf").await;
    let theirs = app.get("/api/v1/supervision/notices", Some(&head)).await;
    let theirs = theirs.body.as_array().expect("list");
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["can"], json!(["report"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_opinion_is_issued_reported_returned_reported_again_and_closed_each_step_audited() {
    let app = TestApp::seeded().await;
    let supervisor = app.login("supervisor.wu").await;
    let head = app.login("head.sthj").await;

    // Bad input: every part named as the request names it, nothing written.
    let events = app.audit_count().await;
    let bad = app
        .post(
            "/api/v1/supervision/notices",
            Some(&supervisor),
            json!({"kind": "decision", "agency": "STHJ", "source": "rumour", "problems": "短",
                   "requirements": "", "basis": "法", "deadline": "2026-11-26"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&bad.body),
        [
            "order",
            "source",
            "problems",
            "requirements",
            "basis",
            "deadline"
        ]
    );
    assert!(bad.text.contains("须晚于文书发出之日"), "{}", bad.text);
    let far = app
        .post(
            "/api/v1/supervision/notices",
            Some(&supervisor),
            opinion("STHJ", "2027-02-25"),
        )
        .await;
    assert_eq!(fields(&far.body), ["deadline"]);
    assert!(far.text.contains("须在文书发出后 90 日内"), "{}", far.text);
    let elsewhere = app
        .post(
            "/api/v1/supervision/notices",
            Some(&supervisor),
            opinion("NOPE", "2026-12-26"),
        )
        .await;
    assert_eq!(fields(&elsewhere.body), ["agency"]);
    let by_head = app
        .post(
            "/api/v1/supervision/notices",
            Some(&head),
            opinion("STHJ", "2026-12-26"),
        )
        .await;
    assert_eq!(by_head.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count().await, events);

    let made = app
        .post(
            "/api/v1/supervision/notices",
            Some(&supervisor),
            opinion("STHJ", "2026-12-26"),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    assert_eq!(made.body["number"], "临司监意〔2026〕2号");
    assert_eq!(made.body["status"], "issued");
    assert_eq!(made.body["rectification"], "due");
    let id = made.body["id"].as_i64().expect("id");
    let steps = format!("/api/v1/supervision/notices/{id}/steps");

    // The supervisor cannot accept what was not reported; the head's empty report is named.
    let early = app
        .post(&steps, Some(&supervisor), json!({"step": "accept"}))
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
    let empty = app
        .post(
            &steps,
            Some(&head),
            json!({"step": "report", "text": "已改"}),
        )
        .await;
    assert_eq!(fields(&empty.body), ["text"]);
    assert!(empty.text.contains("整改情况"), "{}", empty.text);

    let reported = app
        .post(
            &steps,
            Some(&head),
            json!({"step": "report", "text": "已对三起案件逐一复查，均已责令当事人改正。",
                   "evidence": "复查记录\n责令改正通知书 3 份"}),
        )
        .await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.text);
    assert_eq!(reported.body["status"], "reported");
    assert_eq!(reported.body["rectification"], "on_time");
    assert_eq!(
        reported.body["can"],
        json!([]),
        "the head waits for the supervisor"
    );
    let returned = app
        .post(
            &steps,
            Some(&supervisor),
            json!({"step": "return", "text": " "}),
        )
        .await;
    assert_eq!(fields(&returned.body), ["text"], "a return says why");
    let returned = app
        .post(
            &steps,
            Some(&supervisor),
            json!({"step": "return", "text": "未附责令改正通知书的送达回证"}),
        )
        .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.text);
    assert_eq!(returned.body["status"], "returned");
    let again = app
        .post(
            &steps,
            Some(&head),
            json!({"step": "report", "text": "补充三份送达回证，当事人均已改正。", "evidence": "送达回证 3 份"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    let closed = app
        .post(&steps, Some(&supervisor), json!({"step": "accept"}))
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
    assert_eq!(closed.body["status"], "closed");
    assert_eq!(closed.body["steps"].as_array().map(Vec::len), Some(4));
    let after = app
        .post(
            &steps,
            Some(&head),
            json!({"step": "report", "text": "再报一次整改情况的说明。"}),
        )
        .await;
    assert_eq!(
        after.status,
        StatusCode::CONFLICT,
        "a closed notice is final"
    );
    assert_eq!(
        app.strings(&format!(
            "SELECT action FROM audit_events WHERE subject_type = 'notice' AND subject_id = '{id}' ORDER BY seq"
        ))
        .await,
        [
            "supervision.notice",
            "supervision.notice_report",
            "supervision.notice_return",
            "supervision.notice_report",
            "supervision.notice_accept"
        ]
    );

    // The document: a PDF with its number in the file name.
    let pdf = app
        .request(
            axum::http::Method::GET,
            &format!("/api/v1/supervision/notices/{id}/pdf"),
            Some(&head),
            None,
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(
        pdf.headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .contains("%E4%B8%B4%E5%8F%B8%E7%9B%91%E6%84%8F"),
        "{:?}",
        pdf.headers
    );
    // Another agency's head: no such notice.
    let other = app.login("head.scjg").await;
    assert_eq!(
        app.get(&format!("/api/v1/supervision/notices/{id}"), Some(&other))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_verdicts_at_once_give_one_step_and_one_conflict() {
    let app = TestApp::seeded().await;
    let supervisor = app.login("supervisor.wu").await;
    let id = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM supervision_notices")
        .await;
    let path = format!("/api/v1/supervision/notices/{id}/steps");
    let events = app.audit_count().await;
    let (a, b) = tokio::join!(
        app.post(&path, Some(&supervisor), json!({"step": "accept"})),
        app.post(
            &path,
            Some(&supervisor),
            json!({"step": "return", "text": "材料不全"})
        ),
    );
    let mut codes = [a.status, b.status];
    codes.sort();
    assert_eq!(
        codes,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{} / {}",
        a.text,
        b.text
    );
    assert_eq!(app.audit_count().await, events + 1);
}
