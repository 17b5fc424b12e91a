//! Inspections of enterprises (issue 23): a visit from the proposal to the close with the
//! code-registered entry at the door, refused registrations that leave nothing behind, the
//! public check and the enterprise's page and rating, and authorization for every role.

use axum::http::StatusCode;
use serde_json::{Value, json};

use app::ssr::seed::inspections::{demo_credit_code, demo_supervision_code};

use crate::helpers::TestApp;

/// The demo item of the market regulator (published) with this code.
async fn item(app: &TestApp, code: &str) -> i64 {
    app.scalar(&format!(
        "SELECT CAST(id AS BIGINT) FROM inspection_items WHERE code = '{code}'"
    ))
    .await
}

async fn propose(
    app: &TestApp,
    token: &str,
    item_id: i64,
    enterprise: usize,
) -> crate::helpers::Response {
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    app.post(
        "/api/v1/inspections",
        Some(token),
        json!({
            "item_id": item_id,
            "enterprise": demo_credit_code(enterprise),
            "kind": "case",
            "window_from": "2026-11-26",
            "window_to": "2026-12-10",
            "officer_ids": [zhang, li],
        }),
    )
    .await
}

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> crate::helpers::Response {
    app.post(
        &format!("/api/v1/inspections/{id}/steps"),
        Some(token),
        body,
    )
    .await
}

/// Proposes and approves an inspection of the `n`th demo enterprise on this item.
async fn approved(app: &TestApp, item_code: &str, n: usize) -> i64 {
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let p = propose(app, &officer, item(app, item_code).await, n).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    let id = p.body["id"].as_i64().expect("id");
    let a = step(app, &head, id, json!({"step": "approve"})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_runs_from_the_proposal_to_the_close_and_the_enterprise_reads_and_rates_it() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let before = app.audit_count().await;
    let p = propose(&app, &officer, item(&app, "SCJG-JC-001").await, 1).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    assert_eq!(p.body["state"], "proposed");
    assert_eq!(p.body["officers"].as_array().map(Vec::len), Some(2));
    let id = p.body["id"].as_i64().expect("id");
    let code = p.body["code"].as_str().expect("code").to_owned();
    assert!(code.starts_with("JC20261126-"), "{code}");

    // No visit before the approval (not an emergency).
    let early = step(&app, &officer, id, json!({"step": "register", "supervision_code": demo_supervision_code(&demo_credit_code(1))})).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
    assert!(
        early.text.contains("尚未经机关负责人批准"),
        "{}",
        early.text
    );
    // Only the head approves.
    let by_officer = step(&app, &officer, id, json!({"step": "approve"})).await;
    assert_eq!(by_officer.status, StatusCode::FORBIDDEN);
    let a = step(&app, &head, id, json!({"step": "approve"})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(a.body["state"], "approved");

    // At the door: the wrong enterprise's code is refused and changes nothing.
    let audit = app.audit_count().await;
    let wrong = step(&app, &officer, id, json!({"step": "register", "supervision_code": demo_supervision_code(&demo_credit_code(2))})).await;
    assert_eq!(wrong.status, StatusCode::CONFLICT, "{}", wrong.text);
    assert!(wrong.text.contains("不是本次检查对象"), "{}", wrong.text);
    let garbled = step(
        &app,
        &officer,
        id,
        json!({"step": "register", "supervision_code": "JD-12"}),
    )
    .await;
    assert_eq!(
        garbled.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        garbled.text
    );
    assert!(
        garbled.text.contains("supervision_code"),
        "{}",
        garbled.text
    );
    assert_eq!(app.audit_count().await, audit);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM inspections WHERE id = {id} AND registered_on IS NULL"
        ))
        .await,
        1
    );
    // The scanned code, typed in lower case with spaces, is accepted.
    let scanned = demo_supervision_code(&demo_credit_code(1)).to_lowercase();
    let typed = format!("{} {}", &scanned[..6], &scanned[6..]);
    let r = step(
        &app,
        &officer,
        id,
        json!({"step": "register", "supervision_code": typed}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["state"], "on_site");
    assert_eq!(r.body["registered_on"], "2026-11-26");

    let empty = step(
        &app,
        &officer,
        id,
        json!({"step": "record", "findings": "  "}),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("findings"), "{}", empty.text);
    let rec = step(
        &app,
        &officer,
        id,
        json!({"step": "record", "findings": "进货查验记录不全，其余符合检查标准。"}),
    )
    .await;
    assert_eq!(rec.status, StatusCode::OK, "{}", rec.text);
    // A rectification needs its note.
    let bare = step(
        &app,
        &officer,
        id,
        json!({"step": "notify", "outcome": "rectify"}),
    )
    .await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.text
    );
    assert!(bare.text.contains("note"), "{}", bare.text);
    let n = step(
        &app,
        &officer,
        id,
        json!({"step": "notify", "outcome": "rectify", "note": "十五日内补全进货查验记录"}),
    )
    .await;
    assert_eq!(n.status, StatusCode::OK, "{}", n.text);
    assert_eq!(n.body["outcome"], "rectify");
    let c = step(&app, &officer, id, json!({"step": "close"})).await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.text);
    assert_eq!(c.body["state"], "closed");
    assert!(c.body["steps"].as_array().is_some_and(Vec::is_empty));
    // Every step is an audit event, in order.
    assert_eq!(app.audit_count().await, before + 6);
    let actions = app
        .strings(&format!(
            "SELECT action FROM audit_events WHERE subject_type = 'inspection' AND subject_id = '{id}' ORDER BY seq"
        ))
        .await;
    assert_eq!(
        actions,
        [
            "inspection.propose",
            "inspection.approve",
            "inspection.register",
            "inspection.record",
            "inspection.notify",
            "inspection.close"
        ]
    );

    // Anyone at the door checks the code: genuine, the officers' certificates, nothing private.
    let check = app
        .get(
            &format!(
                "/api/v1/public/inspections/verify?code={}",
                code.to_lowercase()
            ),
            None,
        )
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.text);
    assert_eq!(check.body["genuine"], true);
    assert_eq!(check.body["officers"][0]["certificate_in_force"], true);
    assert!(
        !check.text.contains("进货查验"),
        "findings are not public: {}",
        check.text
    );
    let forged = app
        .get(
            "/api/v1/public/inspections/verify?code=JC20261126-0000000000000000",
            None,
        )
        .await;
    assert_eq!(forged.status, StatusCode::OK);
    assert_eq!(forged.body["genuine"], false);
    assert!(forged.body["agency"].is_null());
    let malformed = app
        .get(
            &format!(
                "/api/v1/public/inspections/verify?code={}",
                crate::helpers::urlencode("<script>")
            ),
            None,
        )
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The enterprise reads its record and rates the visit, once.
    let sc = demo_supervision_code(&demo_credit_code(1));
    let page = app
        .get(&format!("/api/v1/public/enterprises?code={sc}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.body["visits"][0]["code"], code.as_str());
    assert_eq!(page.body["visits"][0]["may_rate"], true);
    assert_eq!(page.body["yearly_cap"], 1, "grade A: once a year");
    let other = app
        .get(
            &format!(
                "/api/v1/public/enterprises?code={}",
                demo_supervision_code(&demo_credit_code(2))
            ),
            None,
        )
        .await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(
        !other.text.contains(&code),
        "an enterprise's code shows only that enterprise"
    );
    let unknown = app
        .get("/api/v1/public/enterprises?code=JD0000000000000000", None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // Another enterprise's code cannot rate this visit.
    let foreign = app
        .post(
            "/api/v1/public/inspections/ratings",
            None,
            json!({"supervision_code": demo_supervision_code(&demo_credit_code(2)), "inspection_code": code, "rating": 1}),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.text);
    let bad = app
        .post(
            "/api/v1/public/inspections/ratings",
            None,
            json!({"supervision_code": sc, "inspection_code": code, "rating": 9}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("rating"), "{}", bad.text);
    let rated = app
        .post("/api/v1/public/inspections/ratings", None, json!({"supervision_code": sc, "inspection_code": code, "rating": 5, "comment": "规范、高效"}))
        .await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text);
    assert_eq!(rated.body["visits"][0]["rating"], 5);
    assert_eq!(rated.body["visits"][0]["may_rate"], false);
    let again = app
        .post(
            "/api/v1/public/inspections/ratings",
            None,
            json!({"supervision_code": sc, "inspection_code": code, "rating": 1}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);

    // The second visit this year to a grade-A enterprise is over the cap: refused.
    let second = approved(&app, "SCJG-JC-002", 1).await;
    let audit = app.audit_count().await;
    let over = step(
        &app,
        &officer,
        second,
        json!({"step": "register", "supervision_code": sc}),
    )
    .await;
    assert_eq!(over.status, StatusCode::CONFLICT, "{}", over.text);
    assert!(over.text.contains("上限 1 次"), "{}", over.text);
    assert_eq!(app.audit_count().await, audit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_is_refused_with_every_reason_and_leaves_nothing_behind() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    // An unpublished item, an enterprise of another city (the 20th is in 330100).
    let id = approved(&app, "SCJG-JC-004", 19).await;
    let audit = app.audit_count().await;
    let r = step(&app, &officer, id, json!({"step": "register", "supervision_code": demo_supervision_code(&demo_credit_code(19))})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.text.contains("未经公布"), "{}", r.text);
    assert!(r.text.contains("异地"), "{}", r.text);
    assert_eq!(app.audit_count().await, audit);
    let view = app
        .get(&format!("/api/v1/inspections/{id}"), Some(&officer))
        .await;
    assert_eq!(view.body["state"], "approved");

    // An uncertified officer: officer.liu's certificate ends on 2026-12-15.
    app.clock.advance(chrono::Duration::days(20));
    let officer = app.login("officer.zhang").await;
    let liu = app.id_of_user("officer.liu").await;
    let zhang = app.id_of_user("officer.zhang").await;
    let p = app
        .post(
            "/api/v1/inspections",
            Some(&officer),
            json!({"item_id": item(&app, "SCJG-JC-001").await, "enterprise": demo_credit_code(3), "kind": "routine",
                   "window_from": "2026-12-16", "window_to": "2026-12-31", "officer_ids": [zhang, liu]}),
        )
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    let pid = p.body["id"].as_i64().expect("id");
    let head = app.login("head.scjg").await;
    assert_eq!(
        step(&app, &head, pid, json!({"step": "approve"}))
            .await
            .status,
        StatusCode::OK
    );
    let r = step(&app, &officer, pid, json!({"step": "register", "supervision_code": demo_supervision_code(&demo_credit_code(3))})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.text.contains("未持有效执法证"), "{}", r.text);
    assert!(r.text.contains("不得少于两名"), "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_names_each_bad_field() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let r = app
        .post(
            "/api/v1/inspections",
            Some(&officer),
            json!({"item_id": item(&app, "SCJG-JC-001").await, "enterprise": "91339900MA00000000", "kind": "raid",
                   "window_from": "2026-12-10", "window_to": "2026-12-01", "officer_ids": [1]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    for field in ["enterprise", "kind", "window_to", "officer_ids"] {
        assert!(
            r.text.contains(&format!("\"{field}\"")),
            "{field}: {}",
            r.text
        );
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM inspections").await, 0);
    // Officers of another agency may not be named.
    let wang = app.id_of_user("officer.wang").await;
    let zhang = app.id_of_user("officer.zhang").await;
    let r = app
        .post(
            "/api/v1/inspections",
            Some(&officer),
            json!({"item_id": item(&app, "SCJG-JC-001").await, "enterprise": demo_credit_code(4), "kind": "case",
                   "window_from": "2026-11-26", "window_to": "2026-12-01", "officer_ids": [zhang, wang]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("officer_ids"), "{}", r.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_reads_and_steps_only_what_it_may() {
    let app = TestApp::seeded().await;
    let id = approved(&app, "SCJG-JC-001", 6).await;
    let scjg_item = item(&app, "SCJG-JC-001").await;
    for (user, list, read, propose_status) in [
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
        let l = app.get("/api/v1/inspections", Some(&token)).await;
        assert_eq!(l.status, list, "{user} list: {}", l.text);
        if user == "officer.wang" {
            assert_eq!(
                l.body.as_array().map(Vec::len),
                Some(0),
                "another agency's inspections stay hidden"
            );
        }
        let r = app
            .get(&format!("/api/v1/inspections/{id}"), Some(&token))
            .await;
        assert_eq!(r.status, read, "{user} read: {}", r.text);
        let p = propose(&app, &token, scjg_item, 10).await;
        assert_eq!(p.status, propose_status, "{user} propose: {}", p.text);
        // Only the named officers register; nobody else.
        if user != "officer.zhang" {
            let s = step(&app, &token, id, json!({"step": "register", "supervision_code": demo_supervision_code(&demo_credit_code(6))})).await;
            assert!(
                matches!(s.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{user} register: {} {}",
                s.status,
                s.text
            );
        }
    }
    // Without a session nothing staff-side answers.
    assert_eq!(
        app.get("/api/v1/inspections", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visit_that_finds_a_violation_opens_a_clue_and_a_joint_visit_counts_once() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let id = approved(&app, "SCJG-JC-001", 8).await;
    let sc = demo_supervision_code(&demo_credit_code(8));
    for body in [
        json!({"step": "register", "supervision_code": sc}),
        json!({"step": "record", "findings": "冷柜内发现过期食品十二件"}),
        json!({"step": "notify", "outcome": "penalty", "note": "涉嫌经营超过保质期的食品，移送立案"}),
    ] {
        let r = step(&app, &officer, id, body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let view = app
        .get(&format!("/api/v1/inspections/{id}"), Some(&officer))
        .await;
    let clue = view.body["clue_id"].as_i64().expect("a clue was opened");
    let clues = app.get("/api/v1/clues", Some(&officer)).await;
    let found = clues
        .body
        .as_array()
        .expect("clues")
        .iter()
        .find(|c| c["id"].as_i64() == Some(clue))
        .cloned()
        .expect("listed");
    assert_eq!(found["source"], "inspection");
    assert!(
        found["description"]
            .as_str()
            .unwrap_or("")
            .contains("过期食品"),
        "{found}"
    );

    // The environment bureau joins the visit to the same grade-C enterprise: one visit.
    let env = app.login("officer.zhao").await;
    let zhao = app.id_of_user("officer.zhao").await;
    let qian = app.id_of_user("officer.qian").await;
    let j = app
        .post(
            "/api/v1/inspections",
            Some(&env),
            json!({"item_id": item(&app, "STHJ-JC-001").await, "enterprise": demo_credit_code(8), "kind": "case",
                   "window_from": "2026-11-26", "window_to": "2026-11-30", "officer_ids": [zhao, qian], "joint_group": id}),
        )
        .await;
    assert_eq!(j.status, StatusCode::CREATED, "{}", j.text);
    assert_eq!(j.body["joint_group"], id);
    let lead = app
        .get(&format!("/api/v1/inspections/{id}"), Some(&officer))
        .await;
    assert_eq!(lead.body["joint_group"], id, "the lead names the group");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_visit_of_one_agency_within_thirty_days_is_a_warning_the_supervisor_sees() {
    let app = TestApp::seeded().await;
    let code = demo_supervision_code(&demo_credit_code(3));
    let register = |id: i64| {
        let app = &app;
        let code = code.clone();
        async move {
            let officer = app.login("officer.zhang").await;
            let r = step(
                app,
                &officer,
                id,
                json!({"step": "register", "supervision_code": code}),
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
            r
        }
    };
    let first = approved(&app, "SCJG-JC-001", 3).await;
    let r = register(first).await;
    assert_eq!(r.body["warnings"], json!([]), "{}", r.text);

    // Ten days later the same agency comes back (another item): registered (within the
    // grade's cap), but the supervision side is warned.
    app.clock.advance(chrono::Duration::days(10));
    let second = approved(&app, "SCJG-JC-002", 3).await;
    let r = register(second).await;
    let codes: Vec<&str> = r.body["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert_eq!(codes, ["inspection_repeated"], "{}", r.text);
    assert!(r.text.contains("短期内重复检查"), "{}", r.text);

    let supervisor = app.login("supervisor.wu").await;
    let list = app.get("/api/v1/inspections", Some(&supervisor)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let warned: Vec<i64> = list
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter(|i| i["warnings"].as_array().is_some_and(|w| !w.is_empty()))
        .filter_map(|i| i["id"].as_i64())
        .collect();
    assert_eq!(warned, [second]);
}

/// Ranks `candidates` as the published algorithm states, written out independently of the
/// domain crate: SHA-256(seed ‖ 0x00 ‖ identifier), ascending, the first `n`.
fn re_run(seed: &[u8], candidates: &[String], n: usize) -> Vec<String> {
    use sha2::{Digest, Sha256};
    let mut ranked: Vec<(Vec<u8>, String)> = candidates
        .iter()
        .map(|c| {
            let mut input = seed.to_vec();
            input.push(0);
            input.extend_from_slice(c.as_bytes());
            (Sha256::digest(&input).to_vec(), c.clone())
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(n).map(|(_, c)| c).collect()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("list")
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draw_is_committed_before_it_is_made_and_anyone_re_runs_it() {
    use sha2::{Digest, Sha256};
    let app = TestApp::seeded().await;
    let head = app.login("head.scjg").await;
    let item_id = item(&app, "SCJG-JC-001").await;

    // Bad input names each field and writes nothing.
    let before = app.audit_count().await;
    let bad = app
        .post(
            "/api/v1/inspection-draws",
            Some(&head),
            json!({"item_id": item_id, "enterprises": 0, "officers": 1}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert!(bad.text.contains("\"enterprises\""), "{}", bad.text);
    assert!(bad.text.contains("\"officers\""), "{}", bad.text);
    let unpublished = app
        .post(
            "/api/v1/inspection-draws",
            Some(&head),
            json!({"item_id": item(&app, "SCJG-JC-004").await, "enterprises": 3, "officers": 2}),
        )
        .await;
    assert_eq!(
        unpublished.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unpublished.text
    );
    assert!(unpublished.text.contains("item_id"), "{}", unpublished.text);
    assert_eq!(app.audit_count().await, before);

    let r = app
        .post(
            "/api/v1/inspection-draws",
            Some(&head),
            json!({"item_id": item_id, "enterprises": 5, "officers": 2}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["verified"], true);
    // Two events: the commitment, then the draw.
    assert_eq!(app.audit_count().await, before + 2);
    let commitment_seq = r.body["commitment_seq"].as_i64().expect("seq");
    let committed = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE seq = {commitment_seq} \
             AND action = 'inspection_draw.commit'"
        ))
        .await;
    assert_eq!(committed, 1);
    let drawn_after = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE seq > {commitment_seq} \
             AND action = 'inspection_draw.draw'"
        ))
        .await;
    assert_eq!(drawn_after, 1);

    // Anyone reads it and re-runs it from the published seed and candidates.
    let id = r.body["id"].as_i64().expect("id");
    let p = app.get(&format!("/api/v1/public/draws/{id}"), None).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text);
    let seed = hex::decode(p.body["seed"].as_str().expect("seed")).expect("hex seed");
    assert_eq!(seed.len(), 32);
    assert_eq!(
        hex::encode(Sha256::digest(&seed)),
        p.body["commitment"].as_str().expect("commitment")
    );
    let firms = ids(&p.body["enterprise_candidates"]);
    // The region's enterprises only (ten of the two hundred are in another region).
    assert_eq!(firms.len(), 190);
    assert_eq!(ids(&p.body["enterprises"]), re_run(&seed, &firms, 5));
    let officers = ids(&p.body["officer_candidates"]);
    assert_eq!(officers.len(), 3, "the agency's officers certified today");
    assert_eq!(ids(&p.body["officers"]), re_run(&seed, &officers, 2));
    assert!(
        p.body["enterprises"][0]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    // The commitment's payload carries the commitment, never the seed.
    let leaked = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE seq = {commitment_seq} \
             AND payload LIKE '%{}%'",
            p.body["seed"].as_str().expect("seed")
        ))
        .await;
    assert_eq!(leaked, 0);
    assert_eq!(
        app.get("/api/v1/public/draws/999999", None).await.status,
        StatusCode::NOT_FOUND
    );

    // Only the agency's head draws; everyone else is refused and nothing is written.
    for (user, status) in [
        ("officer.zhang", StatusCode::FORBIDDEN),
        ("head.cgzf", StatusCode::UNPROCESSABLE_ENTITY),
        ("reviewer.sun", StatusCode::FORBIDDEN),
        ("supervisor.wu", StatusCode::FORBIDDEN),
        ("admin", StatusCode::FORBIDDEN),
        ("hotline12345", StatusCode::NOT_FOUND),
    ] {
        let token = app.login(user).await;
        let audit = app.audit_count().await;
        let d = app
            .post(
                "/api/v1/inspection-draws",
                Some(&token),
                json!({"item_id": item_id, "enterprises": 5, "officers": 2}),
            )
            .await;
        assert_eq!(d.status, status, "{user}: {}", d.text);
        assert_eq!(app.audit_count().await, audit, "{user}: nothing written");
        let l = app.get("/api/v1/inspection-draws", Some(&token)).await;
        let expected_list = match user {
            "reviewer.sun" => StatusCode::FORBIDDEN,
            "hotline12345" => StatusCode::NOT_FOUND,
            _ => StatusCode::OK,
        };
        assert_eq!(l.status, expected_list, "{user} list: {}", l.text);
    }
    assert_eq!(
        app.post(
            "/api/v1/inspection-draws",
            None,
            json!({"item_id": item_id, "enterprises": 5, "officers": 2})
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
}
