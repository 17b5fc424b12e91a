//! Issue 19's legal corrections, end to end: the hearing right for a licence revocation
//! (APL Art. 63), no penalty decision without its legal basis (Art. 38, 59), and the
//! execution of a penalty that is not a fine (S10, S11).

use axum::http::StatusCode;
use serde_json::json;

use crate::{
    documents::{bytes_of, pdf_text, record_of, squeeze},
    helpers::TestApp,
    reviews::{decision, detail, investigated_case, materials, ok, pending_round, step},
};

/// A case proposing the revocation of the party's licence and no fine: major under the demo
/// catalog, so reviewed, then noticed. Returns (id, officer, head).
async fn revocation_noticed(app: &TestApp) -> (i64, String, String) {
    let (id, officer, head) = investigated_case(app, "生产销售不合格电线").await;
    ok(
        &step(
            app,
            &officer,
            id,
            json!({"kind": "conclude_investigation", "outcome": "penalty",
                   "measures": {"revoke_licence": "on"},
                   "provision_violated": "《中华人民共和国产品质量法》第十三条第二款",
                   "provision_applied": "《中华人民共和国产品质量法》第四十九条"}),
        )
        .await,
        "conclude",
    );
    ok(&step(app, &officer, id, materials()).await, "submit");
    let reviewer = app.login("reviewer.sun").await;
    let round = pending_round(app, id).await;
    let r = app
        .post(
            &format!("/api/v1/reviews/{round}/decision"),
            Some(&reviewer),
            decision("approve", "", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    ok(
        &step(
            app,
            &officer,
            id,
            json!({"kind": "serve_prior_notice", "method": "direct", "amount": "0", "date": "2026-11-26"}),
        )
        .await,
        "prior notice",
    );
    (id, officer, head)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hearing_right_for_licence_revocation_reaches_the_notice_and_the_request() {
    let app = TestApp::seeded().await;
    let (id, officer, _head) = revocation_noticed(&app).await;
    // The prior notice states the hearing right (the fine is nil: the right comes from the
    // revocation), and the hearing rights notice is on file.
    let d = detail(&app, id).await;
    let kinds: Vec<&str> = d["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|doc| doc["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"hearing_rights_notice"), "{kinds:?}");
    let doc = record_of(&app, id, "prior_notice").await;
    let (status, pdf) = bytes_of(
        &app,
        &format!("/api/v1/cases/{id}/documents/{doc}/preview"),
        Some(&officer),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = squeeze(&pdf_text(&pdf));
    for needle in ["有权要求听证", "吊销许可证件", "第十三条第二款", "你单位"]
    {
        assert!(text.contains(needle), "{needle} missing: {text}");
    }
    assert!(!text.contains("你（单位）"), "{text}");
    // The party's hearing request is accepted.
    let r = step(
        &app,
        &officer,
        id,
        json!({"kind": "request_hearing", "date": "2026-11-26"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["state"], "hearing_requested");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legal_basis_required_for_a_penalty_decision_names_the_field_and_changes_nothing() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigated_case(&app, "销售过期食品").await;
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "amount": "800",
                   "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项"}),
        )
        .await,
        "conclude",
    );
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "serve_prior_notice", "method": "direct", "amount": "800", "date": "2026-11-26"}),
        )
        .await,
        "prior notice",
    );
    ok(
        &step(&app, &officer, id, json!({"kind": "waive_rights"})).await,
        "waive",
    );
    let before = app.audit_count().await;
    let r = step(
        &app,
        &head,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "800"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let message = r.body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("处罚依据条款"), "{message}");
    assert!(message.contains("第五十九条"), "{message}");
    assert_eq!(app.audit_count().await, before, "nothing recorded");
    assert_eq!(
        detail(&app, id).await["summary"]["state"],
        "prior_notice_served"
    );
    // With the provision applied given on the decision, it is decided and both provisions
    // are printed.
    let r = step(
        &app,
        &head,
        id,
        json!({"kind": "decide", "outcome": "penalty", "amount": "800",
               "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let doc = record_of(&app, id, "penalty_decision").await;
    let (_, pdf) = bytes_of(
        &app,
        &format!("/api/v1/cases/{id}/documents/{doc}/preview"),
        Some(&officer),
    )
    .await;
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.contains("第三十四条第十项"), "{text}");
    assert!(text.contains("第一百二十四条第一款第五项"), "{text}");
}

/// What the demo must show of issue 19: a licence revoked after a hearing the party asked for
/// (the fine alone gives no hearing right), and every published decision naming its
/// provisions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_revokes_a_licence_after_a_hearing_and_every_published_decision_names_its_provisions()
 {
    let app = TestApp::demo().await;
    let revoked = app
        .scalar(
            "SELECT COUNT(*) FROM cases WHERE measures LIKE '%revoke_licence%'
             AND hearing_held = TRUE AND decided_on IS NOT NULL
             AND fine_fen < 500000",
        )
        .await;
    assert!(revoked >= 1, "a revocation decided after a hearing");
    let unnamed = app
        .scalar(
            "SELECT COUNT(*) FROM publications
             WHERE status = 'published' AND (provision IS NULL OR provision = '')",
        )
        .await;
    assert_eq!(unnamed, 0, "every published decision names its provisions");
}
