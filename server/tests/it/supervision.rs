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

/// The first warning of a case in the caller's warning list.
async fn first_warning_of(app: &TestApp, token: &str, case_id: i64) -> serde_json::Value {
    let list = app
        .get("/api/v1/supervision/warnings?per_page=500", Some(token))
        .await;
    list.body["items"]
        .as_array()
        .expect("list")
        .iter()
        .find(|w| w["case_id"].as_i64() == Some(case_id))
        .cloned()
        .expect("warning")
}

fn kinds_of(body: &serde_json::Value, case_id: i64) -> Vec<String> {
    body["items"]
        .as_array()
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
        let r = app
            .get("/api/v1/supervision/warnings?per_page=500", Some(&token))
            .await;
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
        app.get("/api/v1/supervision/warnings?per_page=500", None)
            .await
            .status,
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
    let warning = first_warning_of(&app, &head, id).await;
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
    let list = app
        .get("/api/v1/supervision/warnings?per_page=500", Some(&head))
        .await;
    let acked = list.body["items"]
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
    let list = app
        .get("/api/v1/supervision/warnings?per_page=500", Some(&head))
        .await;
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
        .get(
            "/api/v1/supervision/warnings?per_page=500",
            Some(&supervisor),
        )
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
    assert_eq!(r.body["error"]["fields"][0]["field"], "due");
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

    // A warning on the case says that it has a matter (issue 22 item 10).
    app.exec(&format!(
        "UPDATE case_deadlines SET due_on = '2026-11-01' WHERE case_id = {id} AND kind = 'clue_verification'"
    ))
    .await;
    let warning = first_warning_of(&app, &supervisor, id).await;
    let said = warning["matter"].as_str().unwrap_or_default();
    assert!(
        said.contains("已督办") && said.contains("2026-12-10"),
        "{warning}"
    );
    assert!(said.contains("待整改答复"), "{said}");
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
    assert_eq!(r.body["error"]["fields"][0]["field"], "text");
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
        .get(
            "/api/v1/supervision/warnings?per_page=500",
            Some(&supervisor),
        )
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let kinds: std::collections::BTreeSet<String> = list.body["items"]
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
    // The index loses nothing: judging every case in scope gives the same warnings, for each
    // role that sees them.
    for user in ["supervisor.wu", "head.scjg", "head.cgzf", "admin"] {
        let actor = actor_of(&app, user).await;
        let lang = tianping_domain::i18n::Lang::Zh;
        let every =
            app::ssr::services::supervision::warnings_of_every_case(&app.state, &actor, lang)
                .await
                .expect("every case");
        assert!(every.len() > 3, "{user}: {every:?}");
        // Small pages, walked to the end, give exactly the warnings of judging every case, in
        // the same order.
        let (pages, counts) = all_pages(&app, &actor, 3).await;
        assert_eq!(pages, every, "{user}");
        // The counts per kind are those of judging every case.
        let mut expected: std::collections::BTreeMap<String, u64> = Default::default();
        for w in &every {
            *expected.entry(w.kind.clone()).or_default() += 1;
        }
        assert_eq!(counts, expected, "{user}");
    }
    // The index kept in the units of work equals one rebuilt from scratch.
    let before = index_rows(&app).await;
    app::ssr::warning_index::rebuild(&app.state.db)
        .await
        .expect("rebuild");
    assert_eq!(index_rows(&app).await, before);
    assert!(!before.is_empty());
    // The chain still verifies with the imported case in it.
    let admin = app.login("admin").await;
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
}

/// Every page of the warnings, `per_page` at a time, and the counts per kind of the first.
async fn all_pages(
    app: &TestApp,
    actor: &tianping_domain::authz::Actor,
    per_page: u32,
) -> (
    Vec<app::api::supervision_dto::WarningView>,
    std::collections::BTreeMap<String, u64>,
) {
    use app::ssr::services::supervision::{WarningQuery, warnings};
    let lang = tianping_domain::i18n::Lang::Zh;
    let mut out = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    for page in 1.. {
        let query = WarningQuery {
            kind: None,
            page,
            per_page,
        };
        let p = warnings(&app.state, actor, lang, &query)
            .await
            .expect("page");
        if page == 1 {
            counts = p.kinds.iter().map(|k| (k.kind.clone(), k.count)).collect();
            assert_eq!(p.total, counts.values().sum::<u64>());
        }
        assert!(p.items.len() <= per_page as usize);
        if p.items.is_empty() {
            assert_eq!(out.len() as u64, p.total, "every page walked");
            break;
        }
        out.extend(p.items);
    }
    (out, counts)
}

/// The warning index's rows, without their ids.
async fn index_rows(
    app: &TestApp,
) -> std::collections::BTreeSet<(
    i32,
    i32,
    String,
    i16,
    String,
    String,
    Option<chrono::NaiveDate>,
)> {
    use app::ssr::entities::case_warnings;
    case_warnings::Entity::find()
        .all(&app.state.db.conn)
        .await
        .expect("index")
        .into_iter()
        .map(|w| {
            (
                w.case_id,
                w.agency_id,
                w.kind,
                w.severity,
                w.warning_key,
                w.timing,
                w.anchor,
            )
        })
        .collect()
}

async fn actor_of(app: &TestApp, user: &str) -> tianping_domain::authz::Actor {
    let row = app::ssr::entities::users::Entity::find()
        .filter(app::ssr::entities::users::Column::Username.eq(user))
        .one(&app.state.db.conn)
        .await
        .expect("query")
        .expect("user");
    app::ssr::auth::load_actor(&app.state, &row)
        .await
        .expect("actor")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_warnings_come_a_page_at_a_time_filtered_by_kind_and_bad_filters_are_named() {
    let app = TestApp::demo().await;
    let supervisor = app.login("supervisor.wu").await;
    let all = app
        .get(
            "/api/v1/supervision/warnings?per_page=500",
            Some(&supervisor),
        )
        .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let total = all.body["total"].as_u64().expect("total");
    assert!(total >= 4, "{}", all.text);
    assert_eq!(
        all.body["items"].as_array().expect("items").len() as u64,
        total
    );
    // Two per page: page 2 holds the third and fourth of the full list.
    let page = app
        .get(
            "/api/v1/supervision/warnings?per_page=2&page=2",
            Some(&supervisor),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.body["total"], total);
    assert_eq!(page.body["page"], 2);
    assert_eq!(
        page.body["items"],
        json!(all.body["items"].as_array().expect("items")[2..4])
    );
    // One kind: only that kind, and as many as its count says.
    let kind = all.body["kinds"][0]["kind"]
        .as_str()
        .expect("kind")
        .to_owned();
    let count = all.body["kinds"][0]["count"].as_u64().expect("count");
    let only = app
        .get(
            &format!("/api/v1/supervision/warnings?per_page=500&kind={kind}"),
            Some(&supervisor),
        )
        .await;
    assert_eq!(only.body["total"], count, "{}", only.text);
    let items = only.body["items"].as_array().expect("items");
    assert_eq!(items.len() as u64, count);
    assert!(items.iter().all(|w| w["kind"] == kind.as_str()));
    // Past the end: an empty page, the same total.
    let past = app
        .get("/api/v1/supervision/warnings?page=999", Some(&supervisor))
        .await;
    assert_eq!(past.status, StatusCode::OK);
    assert_eq!(past.body["items"], json!([]));
    assert_eq!(past.body["total"], total);
    // Bad filters are named.
    app.assert_refused_naming(
        "/api/v1/supervision/warnings",
        &supervisor,
        &[
            ("kind=no_such_kind", "kind"),
            ("kind=deadline_overdue:statement_window", "kind"),
            ("page=0", "page"),
            ("page=abc", "page"),
            ("per_page=100000", "per_page"),
        ],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_index_follows_the_calendar_and_a_new_certificate_without_a_rebuild() {
    let app = TestApp::demo().await;
    let id = registered_case(&app).await;
    let supervisor = actor_of(&app, "supervisor.wu").await;
    let lang = tianping_domain::i18n::Lang::Zh;
    let of_case = |list: Vec<app::api::supervision_dto::WarningView>| -> Vec<String> {
        list.into_iter()
            .filter(|w| i64::from(w.case_id) == id)
            .map(|w| w.kind)
            .collect()
    };
    // Registered today: the clue verification is due in 15 working days, nothing yet.
    let (now, _) = all_pages(&app, &supervisor, 500).await;
    assert!(of_case(now).is_empty());
    // Days pass with no write at all: first amber, then red — the index is read against the
    // day, and always agrees with judging every case.
    let mut seen = Vec::new();
    for _ in 0..30 {
        app.clock.advance(chrono::Duration::days(1));
        let (pages, _) = all_pages(&app, &supervisor, 50).await;
        let every =
            app::ssr::services::supervision::warnings_of_every_case(&app.state, &supervisor, lang)
                .await
                .expect("every");
        assert_eq!(pages, every);
        for k in of_case(pages) {
            if !seen.contains(&k) {
                seen.push(k);
            }
        }
    }
    assert_eq!(
        seen,
        [
            "deadline_approaching:clue_verification",
            "deadline_overdue:clue_verification"
        ]
    );

    // Evidence collected by an officer without a certificate in force: flagged; a certificate
    // added through the application clears it, without any rebuild.
    let wang = app.id_of_user("officer.wang").await;
    app.exec(&format!(
        "UPDATE credentials SET valid_to = '2020-12-31' WHERE user_id = {wang}"
    ))
    .await;
    let evidence = app
        .scalar("SELECT CAST(MAX(id) AS BIGINT) FROM evidence")
        .await;
    assert!(evidence > 0);
    let case_of_evidence = app
        .scalar(&format!(
            "SELECT CAST(case_id AS BIGINT) FROM evidence WHERE id = {evidence}"
        ))
        .await;
    app.exec(&format!(
        "DELETE FROM evidence_collectors WHERE evidence_id = {evidence}"
    ))
    .await;
    app.exec(&format!(
        "INSERT INTO evidence_collectors (evidence_id, user_id) VALUES ({evidence}, {wang})"
    ))
    .await;
    let key = format!("acted_without_certificate@evidence-{evidence}");
    let keys = |list: Vec<app::api::supervision_dto::WarningView>| -> Vec<String> {
        list.into_iter()
            .filter(|w| i64::from(w.case_id) == case_of_evidence)
            .map(|w| w.key)
            .collect()
    };
    let (pages, _) = all_pages(&app, &supervisor, 500).await;
    assert!(keys(pages).contains(&key), "flagged after the import");
    let admin = app.login("admin").await;
    let r = app
        .post(
            &format!("/api/v1/users/{wang}/credentials"),
            Some(&admin),
            json!({"kind": "enforcement_certificate", "number": "ZJ99990099", "scope": "城市管理",
                   "valid_from": "2000-01-01", "valid_to": "2030-12-31"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let (pages, _) = all_pages(&app, &supervisor, 500).await;
    assert!(
        !keys(pages.clone()).contains(&key),
        "cleared by the certificate"
    );
    let every =
        app::ssr::services::supervision::warnings_of_every_case(&app.state, &supervisor, lang)
            .await
            .expect("every");
    assert_eq!(pages, every);
}
