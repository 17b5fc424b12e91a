//! Supervision warnings through the API: who sees which agencies' warnings, a warning that
//! clears when its cause is fixed, acknowledgement with a comment (audited, validated), and
//! warnings the state machine would have prevented but imported data carries.

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::TestApp;

/// A case of SCJG registered by officer.zhang: its clue-verification deadline runs.
async fn registered_case(app: &TestApp) -> i64 {
    let officer = app.login("officer.zhang").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"source": "inspection", "title": "预警测试", "description": "d",
                   "location": "临江市解放路", "act_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    created.body["case_id"].as_i64().expect("id")
}

fn kinds_of(body: &serde_json::Value, case_id: i64) -> Vec<String> {
    body.as_array()
        .expect("list")
        .iter()
        .filter(|w| w["case_id"].as_i64() == Some(case_id))
        .filter_map(|w| w["kind"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisors_and_heads_see_the_warnings_of_their_scope_only() {
    let app = TestApp::seeded().await;
    let id = registered_case(&app).await;
    // Push the clue-verification deadline into the past: an overdue warning.
    app.exec(&format!(
        "UPDATE case_deadlines SET due_on = '2026-11-01' WHERE case_id = {id} AND kind = 'clue_verification'"
    ))
    .await;
    for (user, status, sees) in [
        ("supervisor.wu", StatusCode::OK, true),
        ("head.scjg", StatusCode::OK, true),
        ("head.cgzf", StatusCode::OK, false),
        ("admin", StatusCode::OK, true),
        ("officer.zhang", StatusCode::FORBIDDEN, false),
        ("reviewer.sun", StatusCode::FORBIDDEN, false),
        ("hotline12345", StatusCode::FORBIDDEN, false),
    ] {
        let token = app.login(user).await;
        let r = app.get("/api/v1/supervision/warnings", Some(&token)).await;
        assert_eq!(r.status, status, "{user}: {}", r.text);
        if status == StatusCode::OK {
            let kinds = kinds_of(&r.body, id);
            assert_eq!(
                kinds.contains(&"deadline_overdue:clue_verification".to_owned()),
                sees,
                "{user}: {kinds:?}"
            );
        }
    }
    assert_eq!(
        app.get("/api/v1/supervision/warnings", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_warning_is_acknowledged_with_a_comment_and_clears_when_its_cause_is_fixed() {
    let app = TestApp::seeded().await;
    let id = registered_case(&app).await;
    app.exec(&format!(
        "UPDATE case_deadlines SET due_on = '2026-11-01' WHERE case_id = {id} AND kind = 'clue_verification'"
    ))
    .await;
    let head = app.login("head.scjg").await;
    let list = app.get("/api/v1/supervision/warnings", Some(&head)).await;
    let warning = list
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|w| w["case_id"].as_i64() == Some(id))
        .cloned()
        .expect("warning");
    assert_eq!(warning["severity"], "critical");
    let key = warning["key"].as_str().expect("key").to_owned();

    let other = app.login("head.cgzf").await;
    let before = app.audit_count().await;
    let empty = app
        .post(
            "/api/v1/supervision/warnings/acknowledge",
            Some(&head),
            json!({"case_id": id, "key": key, "comment": "   "}),
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    assert_eq!(empty.body["error"]["fields"][0]["field"], "comment");
    let unknown = app
        .post(
            "/api/v1/supervision/warnings/acknowledge",
            Some(&head),
            json!({"case_id": id, "key": "no-such-warning", "comment": "已督促"}),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let foreign = app
        .post(
            "/api/v1/supervision/warnings/acknowledge",
            Some(&other),
            json!({"case_id": id, "key": key, "comment": "已督促"}),
        )
        .await;
    assert_eq!(
        foreign.status,
        StatusCode::NOT_FOUND,
        "another agency's head sees nothing"
    );
    assert_eq!(app.audit_count().await, before, "refusals record nothing");

    let ok = app
        .post(
            "/api/v1/supervision/warnings/acknowledge",
            Some(&head),
            json!({"case_id": id, "key": key, "comment": "已督促承办人员三日内完成核查"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(app.audit_count().await, before + 1);
    let list = app.get("/api/v1/supervision/warnings", Some(&head)).await;
    let acked = list
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|w| w["key"] == key.as_str() && w["case_id"].as_i64() == Some(id))
        .cloned()
        .expect("still listed");
    assert_eq!(
        acked["acknowledged"]["comment"],
        "已督促承办人员三日内完成核查"
    );

    // The cause fixed (the clue verified and the filing decided): the warning is gone.
    let officer = app.login("officer.zhang").await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/steps"),
            Some(&officer),
            json!({"kind": "file_case", "officer_1": zhang.to_string(), "officer_2": li.to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/steps"),
            Some(&head),
            json!({"kind": "approve_filing"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let list = app.get("/api/v1/supervision/warnings", Some(&head)).await;
    assert!(
        !kinds_of(&list.body, id).contains(&"deadline_overdue:clue_verification".to_owned()),
        "{}",
        list.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_data_that_bypassed_the_rules_is_still_caught() {
    let app = TestApp::seeded().await;
    let id = registered_case(&app).await;
    // As if imported from a legacy system: decided as major without review, above the band
    // without reasons, suspended for half a year.
    app.exec(&format!(
        "UPDATE cases SET major = TRUE, review_passed = FALSE, decided_on = '2026-11-20', \
         decision_outcome = 'penalty', fine_fen = 900000, discretion_check = 'above', \
         discretion_justification = NULL, state = 'suspended', suspended_on = '2026-05-01' WHERE id = {id}"
    ))
    .await;
    let supervisor = app.login("supervisor.wu").await;
    let list = app
        .get("/api/v1/supervision/warnings", Some(&supervisor))
        .await;
    let kinds = kinds_of(&list.body, id);
    for kind in [
        "major_without_review",
        "fine_outside_band",
        "long_suspended",
    ] {
        assert!(
            kinds.contains(&kind.to_owned()),
            "{kind} missing: {kinds:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_opens_a_matter_the_head_answers_and_the_supervisor_closes_it() {
    let app = TestApp::seeded().await;
    let id = registered_case(&app).await;
    let supervisor = app.login("supervisor.wu").await;
    let head = app.login("head.scjg").await;
    let officer = app.login("officer.zhang").await;
    let other = app.login("head.cgzf").await;

    // Bad input names the field; the deadline may not be past; only supervisors open.
    let r = app
        .post(
            "/api/v1/supervision/matters",
            Some(&supervisor),
            json!({"case_id": id, "requirement": " ", "due": "2026-12-20"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "requirement");
    let r = app
        .post(
            "/api/v1/supervision/matters",
            Some(&supervisor),
            json!({"case_id": id, "requirement": "补正", "due": "2026-01-01"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "due_date");
    let r = app
        .post(
            "/api/v1/supervision/matters",
            Some(&head),
            json!({"case_id": id, "requirement": "补正", "due": "2026-12-20"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = app
        .post(
            "/api/v1/supervision/matters",
            Some(&officer),
            json!({"case_id": id, "requirement": "补正", "due": "2026-12-20"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);

    let before = app.audit_count().await;
    let r = app
        .post(
            "/api/v1/supervision/matters",
            Some(&supervisor),
            json!({"case_id": id, "requirement": "请于期限内完成线索核查并报告", "due": "2026-12-10"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let matter = r.body["matter_id"].as_i64().expect("id");
    assert_eq!(app.audit_count().await, before + 1);
    let steps = format!("/api/v1/supervision/matters/{matter}/steps");

    // The head of another agency sees nothing; the supervisor cannot close an open matter.
    let r = app
        .post(&steps, Some(&other), json!({"step": "answer", "text": "x"}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .post(
            &steps,
            Some(&supervisor),
            json!({"step": "close", "text": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("待整改答复")
    );

    // The head sees it and answers.
    let list = app.get("/api/v1/supervision/matters", Some(&head)).await;
    assert_eq!(list.body[0]["status"], "open", "{}", list.text);
    assert_eq!(list.body[0]["can_answer"], true);
    let r = app
        .post(&steps, Some(&head), json!({"step": "answer", "text": ""}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["error"]["fields"][0]["field"], "response");
    // Answered, sent back once, answered again, closed.
    for (token, step, text) in [
        (&head, "answer", "已完成核查，拟立案调查"),
        (&supervisor, "reopen", "请附核查记录"),
        (&head, "answer", "已附核查记录"),
        (&supervisor, "close", "整改到位，予以办结"),
    ] {
        let r = app
            .post(&steps, Some(token), json!({"step": step, "text": text}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{step}: {}", r.text);
    }
    let list = app
        .get("/api/v1/supervision/matters", Some(&supervisor))
        .await;
    let m = &list.body[0];
    assert_eq!(m["status"], "closed", "{}", list.text);
    assert_eq!(m["rounds"], 2);
    assert_eq!(m["response"], "已附核查记录");
    assert_eq!(m["conclusion"], "整改到位，予以办结");
    assert_eq!(app.audit_count().await, before + 5);
    // Every step is in the case's timeline.
    let admin = app.login("admin").await;
    let detail = app.get(&format!("/api/v1/cases/{id}"), Some(&admin)).await;
    let actions: Vec<&str> = detail.body["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("supervision."))
        .collect();
    assert_eq!(
        actions,
        [
            "supervision.open_matter",
            "supervision.answer_matter",
            "supervision.reopen_matter",
            "supervision.answer_matter",
            "supervision.close_matter",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_shows_every_kind_of_warning() {
    let app = TestApp::empty().await;
    app::ssr::seed::seed_demo(&app.state, crate::helpers::PASSWORD)
        .await
        .expect("seed");
    let supervisor = app.login("supervisor.wu").await;
    let list = app
        .get("/api/v1/supervision/warnings", Some(&supervisor))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let kinds: std::collections::BTreeSet<String> = list
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|w| w["kind"].as_str().map(str::to_owned))
        .collect();
    for kind in [
        "deadline_approaching:",
        "deadline_overdue:case_handling",
        "deadline_overdue:publication",
        "major_without_review",
        "fine_outside_band",
        "acted_without_certificate",
        "too_few_collectors",
        "long_suspended",
    ] {
        assert!(
            kinds.iter().any(|k| k.starts_with(kind)),
            "{kind} missing from {kinds:?}"
        );
    }
    // The database's narrowing to candidate cases loses nothing: judging every case in scope
    // gives the same warnings, for each role that sees them.
    for user in ["supervisor.wu", "head.scjg", "head.cgzf", "admin"] {
        let row = app::ssr::entities::users::Entity::find()
            .filter(app::ssr::entities::users::Column::Username.eq(user))
            .one(&app.state.db.conn)
            .await
            .expect("query")
            .expect("user");
        let actor = app::ssr::auth::load_actor(&app.state, &row)
            .await
            .expect("actor");
        let lang = tianping_domain::i18n::Lang::Zh;
        let narrowed = app::ssr::services::supervision::warnings(&app.state, &actor, lang)
            .await
            .expect("warnings");
        let every =
            app::ssr::services::supervision::warnings_of_every_case(&app.state, &actor, lang)
                .await
                .expect("every case");
        assert!(!every.is_empty(), "{user}");
        assert_eq!(narrowed, every, "{user}");
    }
    // The chain still verifies with the imported case in it.
    let admin = app.login("admin").await;
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
}
