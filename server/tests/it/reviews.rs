//! Legal review of major decisions: no path decides a major case without a passed review, the
//! reviewer's independence, rounds kept across a return and a resubmission, the versioned
//! catalog, and the figures.

use app::api::cases::TakeStep;
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};

use crate::helpers::{Response, TestApp};

pub(crate) async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> Response {
    app.post(&format!("/api/v1/cases/{id}/steps"), Some(token), body)
        .await
}

pub(crate) async fn detail(app: &TestApp, id: i64) -> Value {
    let admin = app.login("admin").await;
    app.get(&format!("/api/v1/cases/{id}"), Some(&admin))
        .await
        .body
}

pub(crate) fn ok(r: &Response, what: &str) {
    assert_eq!(r.status, StatusCode::OK, "{what}: {}", r.text);
}

/// A filed SCJG case against an organisation, under investigation, with one inspection
/// record collected by zhang and li. Returns (case id, officer token, head token).
pub(crate) async fn investigated_case(app: &TestApp, title: &str) -> (i64, String, String) {
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"source": "inspection", "title": title, "description": "抽检不合格",
                   "location": "临江市经济开发区 12 幢", "act_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.body["case_id"].as_i64().expect("id");
    let party = app
        .post(
            &format!("/api/v1/cases/{id}/parties"),
            Some(&officer),
            json!({"kind": "organisation", "name": "临江市光明电缆有限公司", "credit_code": "91339900MA2D1E2F34",
                   "legal_representative": "周某", "address": "临江市经济开发区 12 幢"}),
        )
        .await;
    assert_eq!(party.status, StatusCode::CREATED, "{}", party.text);
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    ok(
        &step(app, &officer, id, json!({"kind": "file_case", "officer_1": zhang.to_string(), "officer_2": li.to_string()})).await,
        "file",
    );
    ok(
        &step(app, &head, id, json!({"kind": "approve_filing"})).await,
        "approve filing",
    );
    ok(
        &step(app, &officer, id, json!({"kind": "start_investigation"})).await,
        "investigate",
    );
    add_record(app, id, zhang, li).await;
    (id, officer, head)
}

/// Records an inspection record on the case through the multipart evidence endpoint.
async fn add_record(app: &TestApp, id: i64, zhang: i64, li: i64) {
    use axum::{
        body::Body,
        http::{Method, Request, header},
    };
    let token = app.login("officer.zhang").await;
    let boundary = "----tianping-review-boundary";
    let mut body = String::new();
    for (name, value) in [
        ("kind", "inspection_record".to_owned()),
        ("title", "现场检查笔录".to_owned()),
        ("collected_at", "2026-11-24T10:00".to_owned()),
        ("location", "临江市经济开发区 12 幢".to_owned()),
        ("subject", "生产车间".to_owned()),
        ("content", "现场查见不合格电线 300 卷。".to_owned()),
        ("officer_1", zhang.to_string()),
        ("officer_2", li.to_string()),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let r = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(format!("/api/v1/cases/{id}/evidence"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "record: {}", r.text);
}

pub(crate) fn materials() -> Value {
    json!({
        "kind": "submit_for_review",
        "report": "经查，当事人生产销售不合格电线 300 卷，货值 15 万元，事实清楚，证据确凿。",
        "draft_decision": "拟没收不合格电线，并处罚款人民币 150000 元。",
    })
}

/// The checklist with every point passing, except `problem` (with a comment) if given.
pub(crate) fn decision(outcome: &str, opinion: &str, problem: Option<&str>) -> Value {
    let mut verdicts = serde_json::Map::new();
    let mut comments = serde_json::Map::new();
    for p in tianping_domain::review::CheckPoint::ALL {
        let bad = problem == Some(p.as_str());
        verdicts.insert(
            p.as_str().into(),
            json!(if bad { "problem" } else { "pass" }),
        );
        if bad {
            comments.insert(p.as_str().into(), json!("缺少产品检验报告"));
        }
    }
    json!({"outcome": outcome, "opinion": opinion, "verdicts": verdicts, "comments": comments})
}

pub(crate) async fn pending_round(app: &TestApp, id: i64) -> i64 {
    let d = detail(app, id).await;
    d["review_rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .find(|r| r["outcome"].is_null())
        .and_then(|r| r["id"].as_i64())
        .expect("a pending round")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_path_decides_a_major_case_without_a_passed_review() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigated_case(&app, "生产销售不合格电线").await;
    // 150,000 yuan on an organisation: at the catalog's 100,000 threshold and above.
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项", "amount": "150000"}),
        )
        .await,
        "conclude",
    );
    let d = detail(&app, id).await;
    assert_eq!(d["major"], true);
    assert!(
        d["major_criteria"][0]
            .as_str()
            .unwrap_or_default()
            .contains("100,000.00"),
        "{}",
        d["major_criteria"]
    );
    let reviewer = app.login("reviewer.sun").await;
    let events_before = app.audit_count().await;

    // The prior notice and the decision are refused through the JSON API...
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "serve_prior_notice", "method": "direct", "amount": "150000"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = step(
        &app,
        &head,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "150000"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    // ...through the server function the page uses...
    let head_form =
        format!("id={id}&form%5Bkind%5D=decide&form%5Boutcome%5D=penalty&form%5Bamount%5D=150000");
    let r = app.server_fn(TakeStep::PATH, Some(&head), &head_form).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    // ...and a crafted request cannot approve the review through the generic step endpoint.
    let r = step(&app, &reviewer, id, json!({"kind": "approve_review"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(
        app.audit_count().await,
        events_before,
        "nothing was recorded"
    );
    assert_eq!(
        detail(&app, id).await["summary"]["state"],
        "investigation_concluded"
    );
    // (Signing in to read the case is an audit event of its own.)
    let events_before = app.audit_count().await;

    // A submission without its materials names each missing one and changes nothing.
    let r = step(&app, &officer, id, json!({"kind": "submit_for_review"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let fields: Vec<&str> = r.body["error"]["fields"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["investigation_report", "draft_decision"],
        "{}",
        r.text
    );
    assert_eq!(app.audit_count().await, events_before);

    // Round 1: submitted, returned with an opinion.
    ok(&step(&app, &officer, id, materials()).await, "submit");
    let round1 = pending_round(&app, id).await;
    let queue = app.get("/api/v1/reviews", Some(&reviewer)).await;
    assert!(
        queue
            .body
            .as_array()
            .expect("queue")
            .iter()
            .any(|q| q["round_id"] == round1),
        "{}",
        queue.text
    );
    // A return needs a problem point with a comment and an opinion.
    let r = app
        .post(
            &format!("/api/v1/reviews/{round1}/decision"),
            Some(&reviewer),
            decision("return_for_investigation", "", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/reviews/{round1}/decision"),
            Some(&reviewer),
            decision(
                "return_for_investigation",
                "请补充涉案电线的检验报告后重新送审。",
                Some("facts_and_evidence"),
            ),
        )
        .await;
    ok(&r, "return");
    assert_eq!(
        detail(&app, id).await["summary"]["state"],
        "review_returned"
    );
    // The decision is still refused after a return.
    let r = step(
        &app,
        &head,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "150000"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    // Round 2: resubmitted, approved.
    ok(&step(&app, &officer, id, materials()).await, "resubmit");
    let round2 = pending_round(&app, id).await;
    assert_ne!(round1, round2);
    let r = app
        .post(
            &format!("/api/v1/reviews/{round2}/decision"),
            Some(&reviewer),
            decision("approve", "", None),
        )
        .await;
    ok(&r, "approve");
    // Deciding the first round again is refused.
    let r = app
        .post(
            &format!("/api/v1/reviews/{round1}/decision"),
            Some(&reviewer),
            decision("approve", "", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);

    for (token, body) in [
        (
            &officer,
            json!({"kind": "serve_prior_notice", "method": "direct", "amount": "150000"}),
        ),
        (&officer, json!({"kind": "waive_rights"})),
        (
            &head,
            json!({"kind": "hold_collective_discussion", "reason": "同意法制审核意见，按拟处罚意见决定。"}),
        ),
        (
            &head,
            json!({"kind": "decide", "outcome": "penalty", "amount": "150000"}),
        ),
    ] {
        ok(
            &step(&app, token, id, body.clone()).await,
            &body.to_string(),
        );
    }
    let d = detail(&app, id).await;
    assert_eq!(d["summary"]["state"], "decided");
    let rounds = d["review_rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 2, "both rounds are kept");
    assert_eq!(rounds[0]["outcome"], "return_for_investigation");
    assert_eq!(rounds[0]["opinion"], "请补充涉案电线的检验报告后重新送审。");
    assert_eq!(rounds[0]["findings"][3]["verdict"], "problem");
    assert_eq!(rounds[1]["outcome"], "approve");
    let actions: Vec<&str> = d["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.contains("review"))
        .collect();
    assert_eq!(
        actions,
        [
            "case.submit_review",
            "case.return_review",
            "case.submit_review",
            "case.approve_review"
        ]
    );
    let admin = app.login("admin").await;
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_that_departs_from_the_discretion_standard_needs_a_review() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigated_case(&app, "销售过期食品").await;
    // 8,000 yuan: not major when proposed.
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项", "amount": "8000"}),
        )
        .await,
        "conclude",
    );
    assert_eq!(detail(&app, id).await["major"], false);
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "serve_prior_notice", "method": "direct", "amount": "8000"}),
        )
        .await,
        "notice",
    );
    ok(
        &step(&app, &officer, id, json!({"kind": "waive_rights"})).await,
        "waive",
    );
    // The market regulator's discretion standard (裁量基准), in fen.
    let scjg = app.id_of_agency("SCJG").await;
    app.exec(&format!(
        "INSERT INTO discretion_standards (agency_id, provision, title, minor_min_fen, minor_max_fen, \
         general_min_fen, general_max_fen, serious_min_fen, serious_max_fen, active, created_at) \
         VALUES ({scjg}, '《食品安全法》第一百二十四条', '经营超过保质期的食品', 500000, 2000000, \
         2000000, 5000000, 5000000, 10000000, true, '2026-01-01 00:00:00+00:00')"
    ))
    .await;
    let d = detail(&app, id).await;
    let standard = d["standards"][0]["id"].as_i64().expect("a standard");
    // The head decides 8,000 yuan in the "general" tier (20,000–50,000): a justified departure
    // below the band, which the catalog lists, so the decision needs a passed review.
    let r = step(
        &app,
        &head,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "8000", "standard": standard.to_string(),
               "circumstance": "general", "justification": "当事人主动消除违法后果。"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(
        r.text.contains("法制审核") || r.text.contains("review"),
        "{}",
        r.text
    );
    // Within the band of the "minor" tier (5,000–20,000) it is not a departure.
    let r = step(
        &app,
        &head,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "8000", "standard": standard.to_string(),
               "circumstance": "minor"}),
    )
    .await;
    ok(&r, "decide within the band");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_who_acted_as_an_officer_on_the_case_is_refused() {
    let app = TestApp::seeded().await;
    let (id, officer, _head) = investigated_case(&app, "生产销售不合格电线").await;
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项", "amount": "150000"}),
        )
        .await,
        "conclude",
    );
    ok(&step(&app, &officer, id, materials()).await, "submit");
    let round = pending_round(&app, id).await;
    // officer.li, an investigator of the case, moves to the legal-affairs unit: a reviewer with
    // a legal qualification serving SCJG.
    let li = app.id_of_user("officer.li").await;
    app.exec(&format!(
        "UPDATE users SET role = 'legal_reviewer' WHERE id = {li}"
    ))
    .await;
    let admin = app.login("admin").await;
    let r = app
        .post(
            &format!("/api/v1/users/{li}/credentials"),
            Some(&admin),
            json!({"kind": "legal_qualification", "number": "A20150000000001", "scope": "法律职业资格",
                   "valid_from": "2015-01-01"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/users/{li}/assignments"),
            Some(&admin),
            json!({"agency_code": "SCJG"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let li_token = app.login("officer.li").await;
    let events = app.audit_count().await;
    let r = app
        .post(
            &format!("/api/v1/reviews/{round}/decision"),
            Some(&li_token),
            decision("approve", "", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert!(r.text.contains("办案人员"), "{}", r.text);
    assert_eq!(app.audit_count().await, events);
    // Even bad input from such a reviewer answers with the refusal, not the form's errors.
    let r = app
        .post(
            &format!("/api/v1/reviews/{round}/decision"),
            Some(&li_token),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    // The work page says why.
    let page = app
        .get(&format!("/api/v1/reviews/{round}"), Some(&li_token))
        .await;
    assert_eq!(page.body["can_decide"], false, "{}", page.text);
    assert!(page.body["refusal"].is_string(), "{}", page.text);
    // An officer may not decide a review at all.
    let r = app
        .post(
            &format!("/api/v1/reviews/{round}/decision"),
            Some(&officer),
            decision("approve", "", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    assert_eq!(
        detail(&app, id).await["summary"]["state"],
        "under_legal_review"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalog_versions_are_published_by_admins_and_judge_later_cases() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let scjg = app.id_of_agency("SCJG").await;
    // Bad input names each field; nothing is published.
    let events = app.audit_count().await;
    let r = app
        .post(
            "/api/v1/review-catalogs",
            Some(&admin),
            json!({"agency": scjg.to_string(), "fine_person": "0", "fine_organisation": "abc",
                   "flags": "Bad Code | 名称 | Name"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let fields: Vec<&str> = r.body["error"]["fields"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert!(fields.contains(&"fine_threshold"), "{}", r.text);
    assert!(fields.contains(&"flag_code"), "{}", r.text);
    assert_eq!(app.audit_count().await, events);
    // Officers may not publish.
    let officer = app.login("officer.zhang").await;
    let good = json!({"agency": scjg.to_string(), "fine_person": "5000", "fine_organisation": "50000",
                      "hearing": "on", "flags": "food_safety | 涉及食品安全事故 | Food-safety incident",
                      "note": "下调罚款审核标准"});
    let r = app
        .post("/api/v1/review-catalogs", Some(&officer), good.clone())
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    // Before the new version, 60,000 yuan on an organisation is not major.
    let (id, officer_token, _) = investigated_case(&app, "生产销售不合格电线").await;
    let r = app
        .post("/api/v1/review-catalogs", Some(&admin), good.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // The same version again changes nothing and is refused; a version without a note too
    // (issue 22 item 5). Nothing is published or audited.
    let events = app.audit_count().await;
    let again = app
        .post("/api/v1/review-catalogs", Some(&admin), good.clone())
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    assert_eq!(
        again.body["error"]["fields"][0]["field"], "catalog",
        "{}",
        again.text
    );
    assert_eq!(
        again.body["error"]["fields"][0]["rule"], "unchanged",
        "{}",
        again.text
    );
    assert!(again.text.contains("与现行版本完全相同"), "{}", again.text);
    let mut silent = good.clone();
    silent["note"] = json!("  ");
    silent["fine_person"] = json!("4000");
    let r = app
        .post("/api/v1/review-catalogs", Some(&admin), silent)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.body["error"]["fields"][0]["field"], "note", "{}", r.text);
    assert!(r.text.contains("修订说明"), "{}", r.text);
    assert_eq!(app.audit_count().await, events);
    let catalogs = app.get("/api/v1/review-catalogs", Some(&admin)).await;
    let scjg_versions = catalogs
        .body
        .as_array()
        .expect("catalogs")
        .iter()
        .find(|a| a["agency_id"] == scjg)
        .expect("SCJG")["versions"]
        .clone();
    assert_eq!(scjg_versions[0]["in_force"], true, "{scjg_versions}");
    assert_eq!(scjg_versions.as_array().map(Vec::len), Some(3));
    // Under the new version it is, and the agency's own flag is offered on the case page.
    ok(
        &step(
            &app,
            &officer_token,
            id,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项", "amount": "60000"}),
        )
        .await,
        "conclude",
    );
    let d = detail(&app, id).await;
    assert_eq!(d["major"], true, "{}", d["major_criteria"]);
    assert!(
        d["catalog_flags"]
            .as_array()
            .expect("flags")
            .iter()
            .any(|f| f[0] == "food_safety"),
        "{}",
        d["catalog_flags"]
    );
    // A flag the catalog does not list is refused, naming the field.
    let (id2, _, _) = investigated_case(&app, "虚假宣传").await;
    let r = step(
        &app,
        &officer_token,
        id2,
        json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项", "flags": {"no_such_flag": "on"}}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(
        r.body["error"]["fields"][0]["field"], "flag_code",
        "{}",
        r.text
    );
}
