//! Coercive measures (查封、扣押, issue 23 item 6): an ordinary seizure from the proposal to
//! the release with its testing time and one extension, an emergency one reported and
//! approved afterwards, the warnings at their boundaries, refusals that write nothing, and
//! authorization for every role.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Response, TestApp};

async fn form(app: &TestApp) -> Value {
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    json!({
        "kind": "seizure",
        "party": "临江市鲜达冷链食品有限公司",
        "place": "临江市江北区物流园 3 号冷库",
        "items": "超过保质期的冷冻鸡翅 120 箱\n无中文标签的进口牛肉 35 箱",
        "legal_basis": "《中华人民共和国食品安全法》第一百一十条第（四）项",
        "reason": "涉嫌经营超过保质期的食品",
        "party_present": true,
        "custody": "本局涉案物品仓库，保管人刘某",
        "officer_ids": [zhang, li],
    })
}

async fn open(app: &TestApp, token: &str, body: Value) -> Response {
    app.post("/api/v1/coercive-measures", Some(token), body)
        .await
}

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> Response {
    app.post(
        &format!("/api/v1/coercive-measures/{id}/steps"),
        Some(token),
        body,
    )
    .await
}

fn fields(r: &Response) -> Vec<String> {
    r.body["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn warnings(r: &Response) -> Vec<String> {
    r.body["warnings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|w| w["value"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn coercive_events(app: &TestApp, id: i64) -> Vec<String> {
    app.strings(&format!(
        "SELECT action FROM audit_events WHERE subject_type = 'coercive_measure' AND subject_id = '{id}' ORDER BY seq"
    ))
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seizure_is_decided_tested_extended_once_and_released() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;

    // Everything missing: every field named, in the body's names, and nothing written.
    let before = app.audit_count().await;
    let empty = open(&app, &officer, json!({"kind": "", "party": "", "place": "", "items": "", "legal_basis": "", "reason": "", "party_present": false})).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    let named = fields(&empty);
    for f in [
        "kind",
        "party",
        "place",
        "items",
        "legal_basis",
        "reason",
        "witness",
        "officer_ids",
    ] {
        assert!(named.iter().any(|n| n == f), "{f} in {named:?}");
    }
    // A seizure without custody; one officer only.
    let mut lone = form(&app).await;
    lone["custody"] = json!("");
    lone["officer_ids"] = json!([app.id_of_user("officer.zhang").await]);
    let refused = open(&app, &officer, lone).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&refused),
        vec!["custody", "officer_ids"],
        "{}",
        refused.text
    );
    assert!(refused.text.contains("保管"), "{}", refused.text);
    assert_eq!(app.audit_count().await, before);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM coercive_measures").await,
        0
    );

    let p = open(&app, &officer, form(&app).await).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    assert_eq!(p.body["state"], "proposed");
    assert_eq!(p.body["items"].as_array().map(Vec::len), Some(2));
    assert!(
        p.body["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("QZ20261126-"))
    );
    let id = p.body["id"].as_i64().expect("id");
    let steps = |r: &Response| -> Vec<String> {
        r.body["steps"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s["value"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(steps(&p).is_empty(), "the officer waits for the head");

    // Only the head decides; the limit runs from the next day: 30 days.
    let by_officer = step(&app, &officer, id, json!({"step": "approve"})).await;
    assert_eq!(by_officer.status, StatusCode::FORBIDDEN);
    let a = step(&app, &head, id, json!({"step": "approve"})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(a.body["state"], "in_force");
    assert_eq!(a.body["decided_on"], "2026-11-26");
    assert_eq!(a.body["last_day"], "2026-12-26");

    // Five days of testing (12-01 to 12-05) do not count.
    app.clock.advance(chrono::Duration::days(5));
    // Sessions expire over days: sign in again after moving the clock.
    let officer = app.login("officer.zhang").await;
    let t = step(&app, &officer, id, json!({"step": "start_testing"})).await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.text);
    let twice = step(&app, &officer, id, json!({"step": "start_testing"})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text);
    app.clock.advance(chrono::Duration::days(4));
    let (officer, head) = (
        app.login("officer.zhang").await,
        app.login("head.scjg").await,
    );
    let e = step(&app, &officer, id, json!({"step": "end_testing"})).await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.text);
    assert_eq!(
        e.body["testing"],
        json!([{"from": "2026-12-01", "to": "2026-12-05"}])
    );
    assert_eq!(e.body["last_day"], "2026-12-31");

    // One extension by the head, 1–30 days with reasons told to the party.
    let audit = app.audit_count().await;
    for (body, field) in [
        (
            json!({"step": "extend", "days": 31, "reason": "案情复杂"}),
            "days",
        ),
        (
            json!({"step": "extend", "days": -3, "reason": "案情复杂"}),
            "days",
        ),
        (
            json!({"step": "extend", "days": 30, "reason": "  "}),
            "reason",
        ),
        (
            json!({"step": "release", "release_reason": "emergency_not_approved"}),
            "release_reason",
        ),
        (
            json!({"step": "release", "release_reason": "whatever"}),
            "release_reason",
        ),
        (json!({"step": "seize_more"}), "step"),
    ] {
        let r = step(&app, &head, id, body.clone()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text
        );
        assert_eq!(fields(&r), vec![field], "{body}: {}", r.text);
    }
    let by_officer = step(
        &app,
        &officer,
        id,
        json!({"step": "extend", "days": 30, "reason": "案情复杂"}),
    )
    .await;
    assert_eq!(by_officer.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count().await, audit, "refusals write nothing");
    let x = step(
        &app,
        &head,
        id,
        json!({"step": "extend", "days": 30, "reason": "案情复杂，需进一步调查"}),
    )
    .await;
    assert_eq!(x.status, StatusCode::OK, "{}", x.text);
    assert_eq!(x.body["last_day"], "2027-01-30");
    let again = step(
        &app,
        &head,
        id,
        json!({"step": "extend", "days": 5, "reason": "再延长"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
    assert!(again.text.contains("只能延长一次"), "{}", again.text);

    // Released by the head with its reason; then nothing more.
    let r = step(
        &app,
        &head,
        id,
        json!({"step": "release", "release_reason": "decided", "reason": "已作出处罚决定"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["state"], "released");
    assert_eq!(r.body["release_reason"]["value"], "decided");
    assert!(steps(&r).is_empty());
    let late = step(
        &app,
        &head,
        id,
        json!({"step": "release", "release_reason": "decided"}),
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);

    // Every step is one audit event, in order.
    assert_eq!(
        coercive_events(&app, id).await,
        [
            "coercive.propose",
            "coercive.approve",
            "coercive.start_testing",
            "coercive.end_testing",
            "coercive.extend",
            "coercive.release",
        ]
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM coercive_measure_officers WHERE measure_id = {id}"
        ))
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_emergency_measure_is_reported_then_approved_and_warned_when_late_or_overdue() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let mut body = form(&app).await;
    body["emergency"] = json!(true);
    body["party_present"] = json!(false);
    body["witness"] = json!("社区网格员周某");
    let p = open(&app, &officer, body).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    assert_eq!(p.body["state"], "in_force");
    assert_eq!(p.body["approved"], false);
    assert_eq!(p.body["witness"], "社区网格员周某");
    assert_eq!(p.body["report_due"], "2026-11-27T02:00:00Z");
    let id = p.body["id"].as_i64().expect("id");

    // The head approves only what was reported; extension waits for the approval.
    let early = step(&app, &head, id, json!({"step": "approve"})).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
    assert!(early.text.contains("第十九条"), "{}", early.text);
    let ext = step(
        &app,
        &head,
        id,
        json!({"step": "extend", "days": 10, "reason": "r"}),
    )
    .await;
    assert_eq!(ext.status, StatusCode::CONFLICT, "{}", ext.text);

    // Exactly 24 hours later: no warning yet; one second more: late and without a decision.
    app.clock.advance(chrono::Duration::hours(24));
    let (officer, head) = (
        app.login("officer.zhang").await,
        app.login("head.scjg").await,
    );
    let on_time = app
        .get(&format!("/api/v1/coercive-measures/{id}"), Some(&officer))
        .await;
    assert!(warnings(&on_time).is_empty(), "{}", on_time.text);
    app.clock.advance(chrono::Duration::seconds(1));
    let late = app
        .get(&format!("/api/v1/coercive-measures/{id}"), Some(&officer))
        .await;
    assert_eq!(
        warnings(&late),
        ["measure_report_late", "measure_without_decision"]
    );

    let rep = step(&app, &officer, id, json!({"step": "report"})).await;
    assert_eq!(rep.status, StatusCode::OK, "{}", rep.text);
    let a = step(&app, &head, id, json!({"step": "approve"})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    // The late report stays on the record.
    assert_eq!(warnings(&a), ["measure_report_late"]);
    assert_eq!(a.body["last_day"], "2026-12-26");

    // Past the limit and not released: overdue, and no extension any more.
    app.clock.advance(chrono::Duration::days(30));
    let (officer, head) = (
        app.login("officer.zhang").await,
        app.login("head.scjg").await,
    );
    let over = app
        .get(&format!("/api/v1/coercive-measures/{id}"), Some(&head))
        .await;
    assert_eq!(warnings(&over), ["measure_overdue", "measure_report_late"]);
    let ext = step(
        &app,
        &head,
        id,
        json!({"step": "extend", "days": 10, "reason": "案情复杂"}),
    )
    .await;
    assert_eq!(ext.status, StatusCode::CONFLICT, "{}", ext.text);
    assert!(ext.text.contains("应当及时解除"), "{}", ext.text);
    let supervisor = app.login("supervisor.wu").await;
    let seen = app
        .get("/api/v1/coercive-measures", Some(&supervisor))
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body[0]["warnings"][0]["value"], "measure_overdue");
    assert_eq!(
        seen.body[0]["steps"],
        json!([]),
        "the supervisor only reads"
    );

    // Another one the head does not approve: lifted at once with that reason.
    let mut body = form(&app).await;
    body["emergency"] = json!(true);
    let q = open(&app, &officer, body).await;
    let qid = q.body["id"].as_i64().expect("id");
    assert_eq!(
        step(&app, &officer, qid, json!({"step": "report"}))
            .await
            .status,
        StatusCode::OK
    );
    let lifted = step(
        &app,
        &head,
        qid,
        json!({"step": "release", "release_reason": "emergency_not_approved"}),
    )
    .await;
    assert_eq!(lifted.status, StatusCode::OK, "{}", lifted.text);
    assert_eq!(
        coercive_events(&app, qid).await,
        [
            "coercive.take_on_spot",
            "coercive.report",
            "coercive.release"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_without_a_certificate_in_force_take_no_measure() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    app.exec(&format!(
        "UPDATE credentials SET revoked = TRUE WHERE user_id = {li}"
    ))
    .await;
    let before = app.audit_count().await;
    let r = open(&app, &officer, form(&app).await).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.text.contains("第十七条"), "{}", r.text);
    assert!(r.text.contains("李"), "names the officer: {}", r.text);
    assert_eq!(app.audit_count().await, before);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM coercive_measures").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_reads_and_steps_only_what_it_may() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let p = open(&app, &officer, form(&app).await).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    let id = p.body["id"].as_i64().expect("id");
    for (user, list, read, create) in [
        (
            "officer.zhang",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::CREATED,
        ),
        (
            "head.scjg",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::CREATED,
        ),
        // Its own agency with another agency's officers: they do not exist there.
        (
            "officer.wang",
            StatusCode::OK,
            StatusCode::NOT_FOUND,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "reviewer.sun",
            StatusCode::FORBIDDEN,
            StatusCode::NOT_FOUND,
            StatusCode::FORBIDDEN,
        ),
        (
            "supervisor.wu",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::FORBIDDEN,
        ),
        (
            "admin",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::FORBIDDEN,
        ),
        (
            "hotline12345",
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
        ),
    ] {
        let token = app.login(user).await;
        let l = app.get("/api/v1/coercive-measures", Some(&token)).await;
        assert_eq!(l.status, list, "{user} list: {}", l.text);
        if user == "officer.wang" {
            assert_eq!(
                l.body.as_array().map(Vec::len),
                Some(0),
                "another agency's measures stay hidden"
            );
        }
        let r = app
            .get(&format!("/api/v1/coercive-measures/{id}"), Some(&token))
            .await;
        assert_eq!(r.status, read, "{user} read: {}", r.text);
        let c = open(&app, &token, form(&app).await).await;
        assert_eq!(c.status, create, "{user} open: {}", c.text);
        if user != "head.scjg" {
            let s = step(&app, &token, id, json!({"step": "approve"})).await;
            assert!(
                matches!(s.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{user} approve: {} {}",
                s.status,
                s.text
            );
        }
    }
    assert_eq!(
        app.get("/api/v1/coercive-measures", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/coercive-measures/999999", Some(&officer))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_has_a_measure_past_its_limit_and_one_waiting_for_its_head() {
    let app = TestApp::demo().await;
    let supervisor = app.login("supervisor.wu").await;
    let all = app
        .get("/api/v1/coercive-measures", Some(&supervisor))
        .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let list = all.body.as_array().expect("list");
    assert_eq!(list.len(), 4);
    let overdue: Vec<&Value> = list
        .iter()
        .filter(|m| {
            m["warnings"]
                .as_array()
                .is_some_and(|w| w.iter().any(|w| w["value"] == "measure_overdue"))
        })
        .collect();
    assert_eq!(overdue.len(), 1, "{}", all.text);
    assert_eq!(overdue[0]["state"], "in_force");
    let head = app.login("head.cgzf").await;
    let waiting = app.get("/api/v1/coercive-measures", Some(&head)).await;
    assert_eq!(waiting.body.as_array().map(Vec::len), Some(1));
    assert_eq!(waiting.body[0]["steps"][0]["value"], "approve");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_years_figures_count_visits_and_measures_per_agency() {
    let app = TestApp::demo().await;
    let supervisor = app.login("supervisor.wu").await;
    let r = app
        .get("/api/v1/inspection-statistics", Some(&supervisor))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let scjg = app.id_of_agency("SCJG").await;
    let row = r
        .body
        .as_array()
        .and_then(|a| a.iter().find(|x| x["agency_id"].as_i64() == Some(scjg)))
        .cloned()
        .expect("the market regulator's row");
    // The demo's measures: a seal-up decided 50 days ago and released 48 days later, a
    // seizure past its limit, an emergency seizure in force.
    assert_eq!(row["seal_ups"], 1, "{row}");
    assert_eq!(row["seizures"], 2, "{row}");
    assert_eq!(row["in_force"], 2, "{row}");
    assert_eq!(row["overdue"], 1, "{row}");
    assert_eq!(row["released"], 1, "{row}");
    assert_eq!(row["mean_days"], 48, "{row}");
    assert!(row["visits"].as_u64().is_some_and(|v| v > 0), "{row}");
    let months: u64 = row["per_month"]
        .as_array()
        .expect("months")
        .iter()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(Some(months), row["visits"].as_u64());
    // A year with nothing, a malformed year, and who may not read.
    let empty = app
        .get("/api/v1/inspection-statistics?year=2001", Some(&supervisor))
        .await;
    assert_eq!(empty.body, json!([]));
    let bad = app
        .get("/api/v1/inspection-statistics?year=20x6", Some(&supervisor))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert_eq!(fields(&bad), ["year"]);
    let wang = app.login("officer.wang").await;
    let own = app.get("/api/v1/inspection-statistics", Some(&wang)).await;
    assert!(
        own.body
            .as_array()
            .expect("rows")
            .iter()
            .all(|x| x["agency_id"].as_i64() != Some(scjg)),
        "an officer reads their own agency only: {}",
        own.text
    );
    for (user, status) in [
        ("reviewer.sun", StatusCode::FORBIDDEN),
        ("hotline12345", StatusCode::NOT_FOUND),
    ] {
        let token = app.login(user).await;
        let r = app.get("/api/v1/inspection-statistics", Some(&token)).await;
        assert_eq!(r.status, status, "{user}: {}", r.text);
    }
}
