//! Penalty cases through the JSON API: a full ordinary case, refusals that change nothing,
//! atomicity of a step and its audit event, evidence storage (dedup, limit, download rights)
//! and the demo cases.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Response, TestApp, upload_evidence as upload};

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> Response {
    app.post(&format!("/api/v1/cases/{id}/steps"), Some(token), body)
        .await
}

async fn state_of(app: &TestApp, id: i64) -> String {
    let token = app.login("admin").await;
    let detail = app.get(&format!("/api/v1/cases/{id}"), Some(&token)).await;
    detail.body["summary"]["state"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Registers a case as officer.zhang, adds a party, files it and has the head approve it, and
/// starts the investigation. Returns the case id.
async fn investigating_case(app: &TestApp) -> (i64, String, String) {
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
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
            json!({"kind": "organisation", "name": "临江市惠民超市有限公司", "credit_code": "91339900MA2B3C4D5F",
                   "legal_representative": "张某", "address": "临江市解放路 18 号"}),
        )
        .await;
    assert_eq!(party.status, StatusCode::CREATED, "{}", party.text);
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let r = step(
        app,
        &officer,
        id,
        json!({"kind": "file_case", "officer_1": zhang.to_string(), "officer_2": li.to_string()}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = step(app, &head, id, json!({"kind": "approve_filing"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = step(app, &officer, id, json!({"kind": "start_investigation"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    (id, officer, head)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ordinary_case_runs_from_registration_to_archive() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigating_case(&app).await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let r = upload(&app, &officer, id, (zhang, li), b"jpeg bytes of the shelf").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let issue_here = String::new();

    for (token, body, expected) in [
        (
            &officer,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}),
            "investigation_concluded",
        ),
        (
            &officer,
            json!({"kind": "serve_prior_notice", "method": "direct", "amount": "8000", "date": "2026-11-26"}),
            "prior_notice_served",
        ),
        (
            &officer,
            json!({"kind": "waive_rights"}),
            "prior_notice_served",
        ),
        (
            &head,
            json!({"kind": "decide", "outcome": "penalty", "amount": "8000"}),
            "decided",
        ),
        // (an empty token: the decision document is issued here)
        (&issue_here, json!(null), "decided"),
        (
            &officer,
            json!({"kind": "serve", "method": "direct"}),
            "served",
        ),
        (
            &officer,
            json!({"kind": "record_payment", "amount": "8000"}),
            "executing",
        ),
        (
            &head,
            json!({"kind": "close", "outcome": "executed"}),
            "closed",
        ),
        (&officer, json!({"kind": "archive"}), "archived"),
    ] {
        if token.is_empty() {
            // Not served, and not closable, before its decision is issued (签发); nothing changes.
            let before = app.audit_count().await;
            let r = step(
                &app,
                &officer,
                id,
                json!({"kind": "serve", "method": "direct"}),
            )
            .await;
            assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
            let message = r.body["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains("决定书尚未签发"), "{message}");
            assert_eq!(app.audit_count().await, before);
            assert_eq!(state_of(&app, id).await, "decided");
            // The case page says what the serving waits for.
            let detail = app
                .get(&format!("/api/v1/cases/{id}"), Some(&officer))
                .await;
            assert_eq!(
                detail.body["waiting"][0]["kind"], "serve",
                "{}",
                detail.text
            );
            let doc = crate::documents::record_of(&app, id, "penalty_decision").await;
            let r = crate::documents::issue(&app, &officer, id, doc, "").await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            continue;
        }
        let r = step(&app, token, id, body.clone()).await;
        assert_eq!(r.status, StatusCode::OK, "{body}: {}", r.text);
        assert_eq!(r.body["state"], expected, "{body}");
    }
    assert_eq!(state_of(&app, id).await, "archived");
    // Every step is in the case's timeline, in order, and the chain verifies.
    let admin = app.login("admin").await;
    let detail = app.get(&format!("/api/v1/cases/{id}"), Some(&admin)).await;
    let actions: Vec<&str> = detail.body["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "case.register_clue",
            "case.add_party",
            "case.file",
            "case.approve_filing",
            "case.start_investigation",
            "case.record_evidence",
            "case.conclude_investigation",
            "case.serve_prior_notice",
            "case.waive_rights",
            "case.decide",
            "document.issue",
            // Issuing the decision drafts its publication (公示).
            "publication.draft",
            "case.serve",
            "case.record_payment",
            "case.close",
            "case.archive",
        ]
    );
    let docs = detail.body["documents"]
        .as_array()
        .expect("documents")
        .len();
    assert!(docs >= 10, "documents recorded: {docs}");
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_step_names_the_reason_and_changes_nothing() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigating_case(&app).await;
    let other = app.login("officer.wang").await;
    let before = app.audit_count().await;
    // No evidence yet: a penalty conclusion is refused.
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(r.body["error"]["code"], "refused");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("证据"),
        "{}",
        r.text
    );
    // The head may not take an officer's step; an officer may not decide
    // (403, naming the role that may).
    let r = step(&app, &head, id, json!({"kind": "start_investigation"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "100"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    // Bad input names the field.
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "serve_prior_notice", "method": "direct", "amount": "12.345"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "fine");
    // Another agency's officer does not even see the case.
    let r = step(&app, &other, id, json!({"kind": "start_investigation"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    let r = app.get(&format!("/api/v1/cases/{id}"), Some(&other)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count().await, before, "refusals write nothing");
    assert_eq!(state_of(&app, id).await, "investigating");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recused_officer_can_no_longer_act_until_a_replacement_is_assigned() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigating_case(&app).await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let liu = app.id_of_user("officer.liu").await;
    let staffing = format!("/api/v1/cases/{id}/staffing");
    let recuse_li =
        json!({"change": "recuse", "user_id": li.to_string(), "reason": "与当事人存在近亲属关系"});
    let r = app.post(&staffing, Some(&officer), recuse_li.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = app
        .post(
            &staffing,
            Some(&head),
            json!({"change": "recuse", "user_id": li.to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "reason");
    let r = app.post(&staffing, Some(&head), recuse_li).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // The recused officer may not act, nor be named as a collector; one officer is not enough.
    let li_token = app.login("officer.li").await;
    let r = step(
        &app,
        &li_token,
        id,
        json!({"kind": "conclude_investigation", "outcome": "facts_not_established"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = upload(&app, &officer, id, (zhang, li), b"photo").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = upload(&app, &officer, id, (zhang, liu), b"photo").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    // A replacement restores two qualified officers; the recused one cannot come back.
    let r = app
        .post(
            &staffing,
            Some(&head),
            json!({"change": "assign", "user_id": liu.to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = upload(&app, &officer, id, (zhang, liu), b"photo").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = app
        .post(
            &staffing,
            Some(&head),
            json!({"change": "assign", "user_id": li.to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let admin = app.login("admin").await;
    let detail = app.get(&format!("/api/v1/cases/{id}"), Some(&admin)).await;
    assert_eq!(detail.body["recused"][0]["id"], li);
    let officers: Vec<i64> = detail.body["officers"]
        .as_array()
        .expect("officers")
        .iter()
        .filter_map(|o| o["id"].as_i64())
        .collect();
    assert!(officers.contains(&zhang) && officers.contains(&liu) && !officers.contains(&li));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_between_the_change_and_the_commit_leaves_neither() {
    let app = TestApp::seeded().await;
    arm(&app, Some("case.before_commit"));
    let officer = app.login("officer.zhang").await;
    let before_events = app.audit_count().await;
    let r = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"source": "inspection", "title": "销售过期食品", "description": "x",
                   "location": "临江市解放路 18 号", "act_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.text);
    // Give the abandoned unit of work's rollback a moment on the background task.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.scalar("SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM case_deadlines").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM case_documents").await, 0);
    assert_eq!(app.audit_count().await, before_events);
    let head_seq = app.scalar("SELECT seq FROM audit_head WHERE id = 1").await;
    assert_eq!(head_seq, before_events, "the chain head did not move");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_step_leaves_the_case_its_deadlines_documents_and_the_chain_as_they_were() {
    let app = TestApp::seeded().await;
    let (id, officer, _) = investigating_case(&app).await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let r = upload(&app, &officer, id, (zhang, li), b"photo").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let before = snapshot(&app, id).await;
    arm(&app, Some("case.before_commit"));
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.text);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    arm(&app, None);
    assert_eq!(snapshot(&app, id).await, before);
    assert_eq!(before[0], 1);
    // The same step succeeds once the failure is gone, and the chain still verifies.
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let admin = app.login("admin").await;
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
}

/// The case's state, its documents and running deadlines, and the audit chain's length and head.
async fn snapshot(app: &TestApp, id: i64) -> Vec<i64> {
    let sql = [
        format!(
            "SELECT COUNT(*) FROM cases WHERE id = {id} AND state = 'investigating' AND outcome IS NULL"
        ),
        format!("SELECT COUNT(*) FROM case_documents WHERE case_id = {id}"),
        format!("SELECT COUNT(*) FROM case_deadlines WHERE case_id = {id} AND status = 'running'"),
        "SELECT COUNT(*) FROM audit_events".to_owned(),
        "SELECT seq FROM audit_head WHERE id = 1".to_owned(),
    ];
    let mut out = Vec::new();
    for q in sql {
        out.push(app.scalar(&q).await);
    }
    out
}

fn arm(app: &TestApp, point: Option<&'static str>) {
    if let Ok(mut p) = app.state.fail_at.write() {
        *p = point;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identical_files_are_stored_once_and_downloads_follow_case_rights() {
    let app = TestApp::seeded().await;
    let (id, officer, _) = investigating_case(&app).await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    for _ in 0..2 {
        let r = upload(&app, &officer, id, (zhang, li), b"the same photo").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM evidence").await, 2);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM blobs").await, 1);
    let blobs = app.state.settings.data_dir.join("blobs");
    let stored: Vec<_> = walk(&blobs)
        .into_iter()
        .filter(|p| !p.contains("/blobs/tmp/"))
        .collect();
    assert_eq!(stored.len(), 1, "{stored:?}");
    let evidence_id = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM evidence")
        .await;
    let r = app
        .get(
            &format!("/api/v1/evidence/{evidence_id}/file"),
            Some(&officer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text, "the same photo");
    let other = app.login("officer.wang").await;
    let r = app
        .get(
            &format!("/api/v1/evidence/{evidence_id}/file"),
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .get(&format!("/api/v1/evidence/{evidence_id}/file"), None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // The hash is in the audit event.
    let hash = app
        .scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'case.record_evidence' AND payload LIKE '%\"sha256\":\"%'")
        .await;
    assert_eq!(hash, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_the_limit_is_refused_and_leaves_nothing() {
    let app = TestApp::seeded_with(|s| s.max_upload_bytes = 1024 * 1024).await;
    let (id, officer, _) = investigating_case(&app).await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let before = app.audit_count().await;
    let big = vec![7u8; 1024 * 1024 + 1];
    let r = upload(&app, &officer, id, (zhang, li), &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "file");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1 MiB"),
        "{}",
        r.text
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM evidence").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM blobs").await, 0);
    assert!(
        walk(&app.state.settings.data_dir.join("blobs")).is_empty(),
        "no file left behind"
    );
    assert_eq!(app.audit_count().await, before);
    // Exactly at the limit is accepted.
    let r = upload(&app, &officer, id, (zhang, li), &big[..1024 * 1024]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clue_is_registered_as_a_case_once() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhao").await;
    let clue = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM clues")
        .await;
    let body = json!({"clue": clue.to_string(), "title": "化工厂夜间排放刺鼻气体", "description": "居民反映",
                      "location": "临江市临港工业园 3 号路", "act_date": "2026-11-20"});
    let r = app
        .post("/api/v1/cases", Some(&officer), body.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let status = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM clues WHERE id = {clue} AND status = 'registered'"
        ))
        .await;
    assert_eq!(status, 1);
    let again = app.post("/api/v1/cases", Some(&officer), body).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM cases").await, 1);
    // Officers of another agency cannot register it.
    let other = app.login("officer.zhang").await;
    let r = app
        .post("/api/v1/cases", Some(&other), json!({"clue": clue.to_string(), "title": "x x", "description": "x", "location": "xx", "act_date": "2026-11-20"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_has_forty_cases_in_every_state_and_a_valid_chain() {
    let app = TestApp::empty().await;
    app::ssr::seed::seed_demo(&app.state, crate::helpers::PASSWORD)
        .await
        .expect("seed");
    assert!(app.scalar("SELECT COUNT(*) FROM cases").await >= 40);
    assert!(app.scalar("SELECT COUNT(DISTINCT state) FROM cases").await >= 18);
    assert_eq!(
        app.scalar("SELECT COUNT(DISTINCT agency_id) FROM cases")
            .await,
        3
    );
    assert_eq!(
        app.scalar("SELECT COUNT(DISTINCT procedure) FROM cases")
            .await,
        2
    );
    assert!(
        app.scalar("SELECT COUNT(*) FROM cases WHERE next_due_on < '2026-11-26'")
            .await
            >= 2,
        "some overdue"
    );
    assert!(
        app.scalar("SELECT COUNT(*) FROM evidence WHERE sha256 IS NOT NULL")
            .await
            >= 20
    );
    let admin = app.login("admin").await;
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
    let overdue = app
        .get(
            "/api/v1/cases?deadline=overdue",
            Some(&app.login("officer.zhang").await),
        )
        .await;
    assert!(
        overdue
            .body
            .as_array()
            .is_some_and(|l| l.iter().all(|c| c["deadline"]["level"] == "overdue")),
        "{}",
        overdue.text
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p.display().to_string());
            }
        }
    }
    out
}

/// A multipart body of `(name, file name, content)` parts.
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----tianping-abuse-boundary";
    let mut body = Vec::new();
    for (name, file_name, content) in parts {
        let disposition = match file_name {
            Some(f) => {
                format!("form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/html")
            }
            None => format!("form-data; name=\"{name}\""),
        };
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_multipart(
    app: &TestApp,
    token: &str,
    id: i64,
    parts: &[(&str, Option<&str>, &[u8])],
) -> Response {
    use axum::{
        body::Body,
        http::{Method, Request, header},
    };
    let (content_type, body) = multipart(parts);
    app.send(
        Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/cases/{id}/evidence"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_abuse_is_refused_before_it_lands_and_leaves_nothing_behind() {
    let app = TestApp::seeded().await;
    let (id, officer, _) = investigating_case(&app).await;
    let zhang = app.id_of_user("officer.zhang").await.to_string();
    let li = app.id_of_user("officer.li").await.to_string();
    let blobs = app.state.settings.data_dir.join("blobs");
    let fields = |title: Vec<u8>| -> Vec<(String, Vec<u8>)> {
        vec![
            ("kind".into(), b"photo".to_vec()),
            ("title".into(), title),
            ("collected_at".into(), b"2026-11-25T10:00".to_vec()),
            ("location".into(), "临江市解放路 18 号".as_bytes().to_vec()),
            ("officer_1".into(), zhang.as_bytes().to_vec()),
            ("officer_2".into(), li.as_bytes().to_vec()),
        ]
    };
    let as_parts = |f: &[(String, Vec<u8>)]| -> Vec<(String, Option<&'static str>, Vec<u8>)> {
        f.iter()
            .map(|(n, v)| (n.clone(), None, v.clone()))
            .collect()
    };
    let send = |parts: Vec<(String, Option<&'static str>, Vec<u8>)>, token: String| {
        let app = &app;
        async move {
            let borrowed: Vec<(&str, Option<&str>, &[u8])> = parts
                .iter()
                .map(|(n, f, c)| (n.as_str(), *f, c.as_slice()))
                .collect();
            post_multipart(app, &token, id, &borrowed).await
        }
    };
    // An officer of another agency is refused before any byte is staged.
    let other = app.login("officer.wang").await;
    let mut parts = as_parts(&fields("照片".as_bytes().to_vec()));
    parts.push(("file".into(), Some("a.jpg"), vec![b'x'; 4096]));
    let r = send(parts, other).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    assert!(walk(&blobs).is_empty(), "{:?}", walk(&blobs));
    // Two files: refused naming the file; the first one staged is removed.
    let mut parts = as_parts(&fields("照片".as_bytes().to_vec()));
    parts.push(("file".into(), Some("a.jpg"), b"first".to_vec()));
    parts.push(("file".into(), Some("b.jpg"), b"second".to_vec()));
    let r = send(parts, officer.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "file", "{}", r.text);
    assert_eq!(
        r.body["error"]["fields"][0]["rule"], "single_file",
        "{}",
        r.text
    );
    // A 1 MiB title is refused once it passes the cap, never held whole.
    let mut parts = as_parts(&fields(vec![b'a'; 1024 * 1024]));
    parts.push(("file".into(), Some("a.jpg"), b"photo".to_vec()));
    let r = send(parts, officer.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    // An error after the file was staged (a bad date) leaves no temporary file either.
    let mut f = fields("照片".as_bytes().to_vec());
    f[2].1 = b"not a date".to_vec();
    let mut parts = as_parts(&f);
    parts.push(("file".into(), Some("a.jpg"), b"photo".to_vec()));
    let r = send(parts, officer.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let left: Vec<_> = walk(&blobs);
    assert!(
        left.is_empty(),
        "nothing of a refused upload stays: {left:?}"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM evidence").await, 0);
    // A good upload is stored for its owner only, and served as bytes if it is HTML.
    let mut parts = as_parts(&fields("照片".as_bytes().to_vec()));
    parts.push((
        "file".into(),
        Some("page.html"),
        b"<script>alert(1)</script>".to_vec(),
    ));
    let r = send(parts, officer.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let stored: Vec<_> = walk(&blobs);
        assert_eq!(stored.len(), 1, "{stored:?}");
        let path = std::path::Path::new(&stored[0]);
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
        };
        assert_eq!(mode(path), 0o600, "the file is its owner's only");
        assert_eq!(mode(path.parent().expect("dir")), 0o700);
    }
    let evidence_id = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM evidence")
        .await;
    let file = app
        .get(
            &format!("/api/v1/evidence/{evidence_id}/file"),
            Some(&officer),
        )
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "application/octet-stream");
}
