//! Requests of the public about a published decision (更正、信用修复提前移出): filing (validated
//! field by field in the caller's language, nothing written on bad input, rate limited, the
//! contact data kept out of the audit log), the status by tracking number (never the private
//! data), the agency's decision (an accepted removal withdraws the record and hides its
//! content; an accepted correction shows beside it; a rejection's answer is read by the
//! number), the review deadline and the late requests on the supervision side, authorization
//! per role. Also: a draft whose decision was overturned on reconsideration is not approved.

use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, urlencode};

fn request(kind: &str) -> Value {
    json!({
        "kind": kind,
        "requester_name": "欧阳明远",
        "contact_phone": "13905718888",
        "reason": "本公司已全额缴纳罚款并完成整改，已在信用中国网站完成信用修复，申请提前移出公示。",
    })
}

async fn file(app: &TestApp, id: i64, body: Value) -> crate::helpers::Response {
    app.post(
        &format!("/api/v1/public/decisions/{id}/requests"),
        None,
        body,
    )
    .await
}

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> crate::helpers::Response {
    app.post(
        &format!("/api/v1/publication-requests/{id}/steps"),
        Some(token),
        body,
    )
    .await
}

/// The first published record of an agency.
async fn published_of(app: &TestApp, code: &str) -> i64 {
    app.scalar(&format!(
        "SELECT CAST(MIN(p.id) AS BIGINT) FROM publications p JOIN agencies a ON a.id = p.agency_id
         WHERE p.status = 'published' AND a.code = '{code}'"
    ))
    .await
}

async fn request_id(app: &TestApp, tracking_no: &str) -> i64 {
    app.scalar(&format!(
        "SELECT CAST(id AS BIGINT) FROM publication_requests WHERE tracking_no = '{tracking_no}'"
    ))
    .await
}

fn item<'a>(list: &'a Value, tracking_no: &str) -> Option<&'a Value> {
    list.as_array()?
        .iter()
        .find(|r| r["tracking_no"] == tracking_no)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_removal_is_asked_for_after_the_shortest_period_and_the_head_removes_the_record() {
    let app = TestApp::demo().await;
    let target = published_of(&app, "SCJG").await;
    // Published a few days ago: removable from three months later.
    app.exec(&format!(
        "UPDATE publications SET published_on = '2026-11-20', display_until = '2029-11-20' WHERE id = {target}"
    ))
    .await;
    let party = app
        .scalar_text(&format!(
            "SELECT party_name FROM publications WHERE id = {target}"
        ))
        .await;
    let before = app.audit_count().await;
    let rows = app
        .scalar("SELECT COUNT(*) FROM publication_requests")
        .await;

    // Bad input: every field named, in Chinese and in English; nothing written.
    let bad =
        json!({"kind": "delete", "requester_name": " ", "contact_phone": "12", "reason": "短"});
    let zh = file(&app, target, bad.clone()).await;
    assert_eq!(zh.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", zh.text);
    let fields: Vec<&str> = zh.body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["kind", "requester_name", "contact_phone", "reason"]
    );
    assert!(zh.text.contains("「申请理由」"), "{}", zh.text);
    let en = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(format!("/api/v1/public/decisions/{target}/requests"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(axum::body::Body::from(bad.to_string()))
                .expect("request"),
        )
        .await;
    assert_eq!(en.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(en.text.contains("Reason for the request"), "{}", en.text);
    // Too early for a removal: the field says from when.
    let early = file(&app, target, request("early_removal")).await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        early.text
    );
    assert_eq!(early.body["error"]["fields"][0]["field"], "kind");
    assert_eq!(
        early.body["error"]["fields"][0]["rule"],
        "min_display_period"
    );
    assert!(early.text.contains("2027-02-20"), "{}", early.text);
    assert_eq!(app.audit_count().await, before);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM publication_requests")
            .await,
        rows
    );
    // Records the public does not see take no requests.
    let draft = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'draft'")
        .await;
    let withdrawn = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'withdrawn'")
        .await;
    for (id, expected) in [
        (draft, StatusCode::NOT_FOUND),
        (999_999, StatusCode::NOT_FOUND),
        (withdrawn, StatusCode::CONFLICT),
    ] {
        let r = file(&app, id, request("correction")).await;
        assert_eq!(r.status, expected, "{id}: {}", r.text);
    }

    // Ninety days on (Wednesday 2027-02-24), the party asks again.
    app.clock.advance(chrono::Duration::days(90));
    let filed = file(&app, target, request("early_removal")).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    let no = filed.body["tracking_no"].as_str().expect("no").to_owned();
    assert!(no.starts_with("GS20270224-"), "{no}");
    // 10 working days (no holiday in between) → Wednesday
    // 2027-03-10.
    assert_eq!(filed.body["review_by"], "2027-03-10");
    assert_eq!(app.audit_count().await, before + 1);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_events WHERE payload LIKE '%13905718888%' OR payload LIKE '%欧阳明远%' OR payload LIKE '%信用中国网站%'").await,
        0,
        "the requester's data is not in the audit log"
    );
    let public = app
        .get(
            &format!("/api/v1/public/requests/{}", no.to_lowercase()),
            None,
        )
        .await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.text);
    assert_eq!(public.body["status"], "submitted");
    assert_eq!(public.body["review_by"], "2027-03-10");
    for private in ["13905718888", "欧阳明远", "信用中国网站"] {
        assert!(!public.text.contains(private), "{private}: {}", public.text);
    }

    // Who sees it, and who may decide an early removal: the head of the agency only.
    let head = app.login("head.scjg").await;
    let officer = app.login("officer.zhang").await;
    let supervisor = app.login("supervisor.wu").await;
    let other_head = app.login("head.cgzf").await;
    for (token, listed, can_decide) in [
        (&head, true, true),
        (&officer, true, false),
        (&supervisor, true, false),
        (&other_head, false, false),
    ] {
        let list = app.get("/api/v1/publication-requests", Some(token)).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.text);
        let found = item(&list.body, &no);
        assert_eq!(found.is_some(), listed, "{}", list.text);
        if let Some(found) = found {
            assert_eq!(found["can_decide"], can_decide);
            assert_eq!(found["contact_phone"], "13905718888");
            assert_eq!(found["overdue"], false);
        }
    }
    let id = request_id(&app, &no).await;
    let accept = json!({"step": "accept", "answer": "经审核，同意提前移出。", "public_note": "当事人已履行处罚决定并完成信用修复，提前停止公示。"});
    for (token, expected) in [
        (&officer, StatusCode::FORBIDDEN),
        (&supervisor, StatusCode::FORBIDDEN),
        (&other_head, StatusCode::NOT_FOUND),
    ] {
        let r = step(&app, token, id, accept.clone()).await;
        assert_eq!(r.status, expected, "{}", r.text);
    }
    let audit = app.audit_count().await;
    let no_note = step(
        &app,
        &head,
        id,
        json!({"step": "accept", "answer": "同意", "public_note": " "}),
    )
    .await;
    assert_eq!(
        no_note.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        no_note.text
    );
    assert_eq!(no_note.body["error"]["fields"][0]["field"], "public_note");
    assert_eq!(app.audit_count().await, audit);
    let ok = step(&app, &head, id, accept.clone()).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(
        app.audit_count().await,
        audit + 2,
        "the request's event and the case's"
    );
    assert_eq!(
        app.scalar_text(&format!(
            "SELECT withdrawal_basis FROM publications WHERE id = {target}"
        ))
        .await,
        "credit_repair"
    );
    let again = step(&app, &head, id, accept).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);

    // The record now shows only the notice of its removal, with the reason.
    let page = app
        .get(&format!("/api/v1/public/decisions/{target}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.body["withdrawn"], true);
    assert_eq!(page.body["removed"], true);
    assert_eq!(page.body["body"], "");
    assert_eq!(page.body["party"], "");
    let why = page.body["withdrawal"].as_str().expect("why");
    assert!(why.contains("信用修复"), "{why}");
    assert!(why.contains("提前停止公示。"), "{why}");
    let html = app.get(&format!("/portal/decisions/{target}"), None).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.text.contains("本决定已停止公示"), "{}", html.text);
    assert!(html.text.contains("当事人已履行处罚决定并完成信用修复"));
    assert!(!html.text.contains(&party), "{party} still shown");
    let document = app
        .scalar(&format!(
            "SELECT CAST(document_id AS BIGINT) FROM publications WHERE id = {target}"
        ))
        .await;
    assert_eq!(
        app.get(
            &format!("/api/v1/public/decisions/{target}/document.pdf"),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "document {document} is no longer public"
    );
    let all = app.get("/api/v1/public/decisions", None).await;
    assert!(
        !all.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|d| d["id"] == target)
    );
    let status = app
        .get(&format!("/api/v1/public/requests/{no}"), None)
        .await;
    assert_eq!(status.body["status"], "accepted");
    assert_eq!(status.body["answer"], "经审核，同意提前移出。");
    assert_eq!(status.body["answered_on"], "2027-02-24");
    // A removed record takes no more requests.
    let more = file(&app, target, request("correction")).await;
    assert_eq!(more.status, StatusCode::CONFLICT, "{}", more.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_is_filed_through_the_form_answered_and_read_by_its_number() {
    use app::api::publication_requests::{
        DecidePublicationRequest, PublicationRequestStatus, SubmitPublicationRequest,
    };
    use leptos::server_fn::ServerFn;

    let app = TestApp::demo().await;
    let target = published_of(&app, "SCJG").await;
    let form = |reason: &str| {
        format!(
            "publication_id={target}&form%5Bkind%5D=correction&form%5Brequester_name%5D={}&form%5Bcontact_phone%5D=13905718888&form%5Breason%5D={}",
            urlencode("临江市鲜果商行"),
            urlencode(reason)
        )
    };
    // A plain HTML form post (no JavaScript) lands on the status page of the new request.
    let plain = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(SubmitPublicationRequest::PATH)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(
                    header::REFERER,
                    format!("/portal/decisions/{target}/request"),
                )
                .body(axum::body::Body::from(form(
                    "公示的违法行为发生地点有误，应为解放路 18 号门店。",
                )))
                .expect("request"),
        )
        .await;
    assert!(
        plain.status.is_redirection(),
        "{}: {}",
        plain.status,
        plain.text
    );
    let location = plain.headers[header::LOCATION].to_str().expect("location");
    assert!(
        location.starts_with("/portal/requests/status?no=GS20261126-"),
        "{location}"
    );
    let first = location
        .trim_start_matches("/portal/requests/status?no=")
        .trim_end_matches("&new=1")
        .to_owned();
    let landing = app.get(location, None).await;
    assert_eq!(landing.status, StatusCode::OK);
    assert!(landing.text.contains(&first), "{}", landing.text);
    assert!(landing.text.contains("data-test=\"request-receipt\""));
    assert!(!landing.text.contains("13905718888"));
    // The browser app's call gets the receipt.
    let second = app
        .server_fn(
            SubmitPublicationRequest::PATH,
            None,
            &form("公示的罚款金额有误，决定书载明 5000 元，公示为 50000 元。"),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    let second = second.body["tracking_no"].as_str().expect("no").to_owned();
    // Bad input through the same function names the field; without JavaScript the form comes
    // back with the message under the field, nothing written.
    let bad = app
        .server_fn(SubmitPublicationRequest::PATH, None, &form("短"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert!(bad.text.contains("request_reason"), "{}", bad.text);
    let rows = app
        .scalar("SELECT COUNT(*) FROM publication_requests")
        .await;
    let back = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(SubmitPublicationRequest::PATH)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(
                    header::REFERER,
                    format!("http://127.0.0.1:3000/portal/decisions/{target}/request"),
                )
                .body(axum::body::Body::from(form("短")))
                .expect("request"),
        )
        .await;
    assert!(back.status.is_redirection(), "{}", back.status);
    let location = back.headers[header::LOCATION].to_str().expect("location");
    let location = location.trim_start_matches("http://127.0.0.1:3000");
    assert!(
        location.starts_with(&format!("/portal/decisions/{target}/request?"))
            && location.contains("__err="),
        "{location}"
    );
    let again = app.get(location, None).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(
        again.text.contains("「申请理由」长度须为 10–2000 个字符"),
        "{}",
        again.text
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM publication_requests")
            .await,
        rows
    );

    // The officer rejects the first and accepts the second.
    let officer = app.login("officer.zhang").await;
    let decide = |id: i64, body: &str| {
        let app = &app;
        let officer = officer.clone();
        let body = format!("request_id={id}&{body}");
        async move {
            app.server_fn(DecidePublicationRequest::PATH, Some(&officer), &body)
                .await
        }
    };
    let first_id = request_id(&app, &first).await;
    let second_id = request_id(&app, &second).await;
    let r = decide(
        first_id,
        &format!(
            "step=reject&answer={}",
            urlencode("经核对，公示地点与处罚决定书一致，不予更正。")
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = decide(
        second_id,
        &format!(
            "step=accept&answer={}&public_note={}",
            urlencode("经核对属实，已更正。"),
            urlencode("罚款金额更正为 5000 元。")
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = decide(second_id, "step=reject&answer=x").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    let r = decide(second_id, "step=delete").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);

    // The answer is read by the number; the correction shows on the decision's page.
    let status = app
        .server_fn(
            PublicationRequestStatus::PATH,
            None,
            &format!("tracking_no={first}"),
        )
        .await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.text);
    assert_eq!(status.body["status"], "rejected");
    assert_eq!(
        status.body["answer"],
        "经核对，公示地点与处罚决定书一致，不予更正。"
    );
    let page = app
        .get(&format!("/portal/requests/status?no={first}"), None)
        .await;
    assert!(page.text.contains("不予更正"), "{}", page.text);
    assert!(page.text.contains("不予同意"));
    let decision = app
        .get(&format!("/api/v1/public/decisions/{target}"), None)
        .await;
    assert_eq!(decision.body["withdrawn"], false);
    assert_eq!(
        decision.body["corrections"],
        json!([{"on": "2026-11-26", "note": "罚款金额更正为 5000 元。"}])
    );
    let html = app.get(&format!("/portal/decisions/{target}"), None).await;
    assert!(
        html.text.contains("罚款金额更正为 5000 元。"),
        "{}",
        html.text
    );
    assert!(
        html.text
            .contains(&format!("/portal/decisions/{target}/request"))
    );
    let form_page = app
        .get(&format!("/portal/decisions/{target}/request"), None)
        .await;
    assert_eq!(form_page.status, StatusCode::OK);
    assert!(form_page.text.contains("data-test=\"request-form\""));
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'publication.correct' AND subject_id = (SELECT CAST(case_id AS TEXT) FROM publications WHERE id = {target})"
        ))
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_past_their_ten_working_days_show_as_late_to_the_agency_and_its_supervisors() {
    let app = TestApp::demo().await;
    // The demo's city-management request was filed twenty days ago and is still open.
    let late = app
        .scalar_text(
            "SELECT r.tracking_no FROM publication_requests r JOIN agencies a ON a.id = r.agency_id
             WHERE a.code = 'CGZF' AND r.status = 'submitted'",
        )
        .await;
    assert!(late.starts_with("GS"), "the demo has one: {late}");
    let received = app
        .scalar_text(&format!(
            "SELECT CAST(received_on AS TEXT) FROM publication_requests WHERE tracking_no = '{late}'"
        ))
        .await;
    let received = chrono::NaiveDate::parse_from_str(&received, "%Y-%m-%d").expect("date");
    let due = app.state.settings.calendar.add_working_days(received, 10);
    for user in ["supervisor.wu", "head.cgzf", "admin"] {
        let token = app.login(user).await;
        let list = app.get("/api/v1/publication-requests", Some(&token)).await;
        assert_eq!(list.status, StatusCode::OK, "{user}: {}", list.text);
        let found = item(&list.body, &late).expect("listed");
        assert_eq!(found["review_by"], due.to_string(), "{user}");
        assert_eq!(found["overdue"], true, "{user}");
        // Open and late ones come first.
        assert_eq!(list.body[0]["status"], "submitted", "{user}");
    }
    let supervisor = app.login("supervisor.wu").await;
    let page = app
        .send(
            Request::builder()
                .uri("/work/publication-requests")
                .header(header::COOKIE, format!("tianping_session={supervisor}"))
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("data-test=\"requests-overdue\""),
        "{}",
        page.text
    );
    assert!(page.text.contains(&late));
    // The SCJG one is within its deadline; answered late, the CGZF one stays late.
    let fresh = app
        .scalar_text(
            "SELECT r.tracking_no FROM publication_requests r JOIN agencies a ON a.id = r.agency_id
             WHERE a.code = 'SCJG'",
        )
        .await;
    let list = app
        .get("/api/v1/publication-requests", Some(&supervisor))
        .await;
    assert_eq!(item(&list.body, &fresh).expect("listed")["overdue"], false);
    let head = app.login("head.cgzf").await;
    let id = request_id(&app, &late).await;
    let r = step(
        &app,
        &head,
        id,
        json!({"step": "reject", "answer": "经核对，公示金额与决定书一致。"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let list = app
        .get("/api/v1/publication-requests", Some(&supervisor))
        .await;
    let found = item(&list.body, &late).expect("listed");
    assert_eq!(found["status"], "rejected");
    assert_eq!(found["overdue"], true, "answered after its deadline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_are_rate_limited_per_client() {
    let app = TestApp::empty_with(|s| {
        s.request_rate = tianping_domain::supervision::complaint::RateRule {
            max: 2,
            window_secs: 3600,
        };
    })
    .await;
    app::ssr::seed::seed_demo(&app.state, PASSWORD)
        .await
        .expect("demo");
    let target = published_of(&app, "STHJ").await;
    for _ in 0..2 {
        let r = file(&app, target, request("correction")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let rows = app
        .scalar("SELECT COUNT(*) FROM publication_requests")
        .await;
    let third = file(&app, target, request("correction")).await;
    assert_eq!(
        third.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        third.text
    );
    assert!(third.text.contains("提交过于频繁"), "{}", third.text);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM publication_requests")
            .await,
        rows
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_endpoints_are_authorized_for_every_role() {
    let app = TestApp::demo().await;
    let scjg = app
        .scalar_text(
            "SELECT r.tracking_no FROM publication_requests r JOIN agencies a ON a.id = r.agency_id
             WHERE a.code = 'SCJG'",
        )
        .await;
    let id = request_id(&app, &scjg).await;
    let reject = json!({"step": "reject", "answer": "经核对，公示内容无误。"});
    // (user, list, reject the SCJG correction) — the last one succeeds.
    for (user, list, decide) in [
        ("reviewer.sun", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("hotline12345", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("admin", StatusCode::OK, StatusCode::FORBIDDEN),
        ("supervisor.wu", StatusCode::OK, StatusCode::FORBIDDEN),
        ("head.cgzf", StatusCode::OK, StatusCode::NOT_FOUND),
        ("officer.wang", StatusCode::OK, StatusCode::NOT_FOUND),
        ("officer.zhang", StatusCode::OK, StatusCode::OK),
    ] {
        let token = app.login(user).await;
        let r = app.get("/api/v1/publication-requests", Some(&token)).await;
        assert_eq!(r.status, list, "{user} list: {}", r.text);
        if list == StatusCode::OK {
            let sees = item(&r.body, &scjg).is_some();
            assert_eq!(
                sees,
                matches!(user, "admin" | "supervisor.wu" | "officer.zhang"),
                "{user} sees the SCJG request"
            );
        }
        let r = step(&app, &token, id, reject.clone()).await;
        assert_eq!(r.status, decide, "{user} decide: {}", r.text);
    }
    assert_eq!(
        app.get("/api/v1/publication-requests", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    for hostile in [
        "'; DROP TABLE publication_requests; --",
        "%",
        "GS2026",
        &"x".repeat(5_000),
    ] {
        let r = app
            .get(
                &format!("/api/v1/public/requests/{}", urlencode(hostile)),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{hostile:.20}");
        assert_eq!(r.body["error"]["fields"][0]["field"], "tracking_number");
    }
    assert_eq!(
        app.get("/api/v1/public/requests/GS20261126-00000000", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// The defect of issue 6: a draft whose decision was revoked on reconsideration after it was
/// drafted cannot be approved; the refusal names the ruling in the caller's language and
/// nothing is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_whose_decision_was_revoked_is_not_published() {
    use app::api::cases::{FileRemedy, RuleRemedy};
    use leptos::server_fn::ServerFn;

    let app = TestApp::demo().await;
    let draft = app.scalar("SELECT CAST(MIN(p.id) AS BIGINT) FROM publications p JOIN agencies a ON a.id = p.agency_id WHERE p.status = 'draft' AND a.code = 'SCJG'").await;
    let case_id = app
        .scalar(&format!(
            "SELECT CAST(case_id AS BIGINT) FROM publications WHERE id = {draft}"
        ))
        .await;
    let decided = app
        .scalar_text(&format!(
            "SELECT CAST(decided_on AS TEXT) FROM cases WHERE id = {case_id}"
        ))
        .await;
    let officer = app.login("officer.zhang").await;
    let filed = app
        .server_fn(
            FileRemedy::PATH,
            Some(&officer),
            &format!(
                "id={case_id}&form%5Bkind%5D=reconsideration&form%5Bbody%5D={}&form%5Bfiled_on%5D={decided}",
                urlencode("临江市人民政府")
            ),
        )
        .await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
    let remedy = filed.body.as_i64().expect("id");
    // Still pending: the draft may be approved (checked below by the queue, not done).
    let queue = app.get("/api/v1/publications", Some(&officer)).await;
    let mine = |q: &Value| {
        q.as_array()
            .expect("queue")
            .iter()
            .find(|p| p["id"] == draft)
            .expect("in the queue")
            .clone()
    };
    assert_eq!(mine(&queue.body)["can_approve"], true);
    let running = format!(
        "SELECT COUNT(*) FROM case_deadlines WHERE case_id = {case_id} AND kind = 'publication' AND status = 'running'"
    );
    assert_eq!(app.scalar(&running).await, 1, "the draft's deadline runs");
    let ruled = app
        .server_fn(
            RuleRemedy::PATH,
            Some(&officer),
            &format!("remedy={remedy}&form%5Boutcome%5D=revoked&form%5Bdecided_on%5D={decided}&form%5Bnote%5D=x"),
        )
        .await;
    assert_eq!(ruled.status, StatusCode::OK, "{}", ruled.text);
    // It will never be published: the case's publication deadline stopped (no warning).
    assert_eq!(app.scalar(&running).await, 0);

    let before = app.audit_count().await;
    let refused = app
        .post(
            &format!("/api/v1/publications/{draft}/steps"),
            Some(&officer),
            json!({"step": "approve"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text);
    assert!(
        refused.text.contains(&format!(
            "该处罚决定已被临江市人民政府于{decided}作出的行政复议决定撤销，不能公开"
        )),
        "{}",
        refused.text
    );
    let en = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(format!("/api/v1/publications/{draft}/steps"))
                .header(header::AUTHORIZATION, format!("Bearer {officer}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(axum::body::Body::from(
                    json!({"step": "approve"}).to_string(),
                ))
                .expect("request"),
        )
        .await;
    assert_eq!(en.status, StatusCode::CONFLICT);
    assert!(
        en.text
            .contains("The decision was revoked by 临江市人民政府"),
        "{}",
        en.text
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
    assert_eq!(
        app.scalar_text(&format!(
            "SELECT status FROM publications WHERE id = {draft}"
        ))
        .await,
        "draft"
    );
    assert_eq!(
        app.get(&format!("/api/v1/public/decisions/{draft}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The queue says why and offers no approval; the draft is not counted late.
    let queue = app.get("/api/v1/publications", Some(&officer)).await;
    let item = mine(&queue.body);
    assert_eq!(item["can_approve"], false);
    assert_eq!(item["overdue"], false);
    assert!(
        item["overturned"]
            .as_str()
            .is_some_and(|o| o.contains("行政复议决定撤销")),
        "{item}"
    );
    // Through the browser's server function the same refusal is a 409, and bad input a 422.
    use app::api::publicity::StepPublication;
    for (form, expected) in [
        ("step=approve", StatusCode::CONFLICT),
        ("step=publish", StatusCode::UNPROCESSABLE_ENTITY),
        (
            "step=approve&display_until=2027-13-01",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = app
            .server_fn(
                StepPublication::PATH,
                Some(&officer),
                &format!("publication_id={draft}&{form}"),
            )
            .await;
        assert_eq!(r.status, expected, "{form}: {}", r.text);
    }
    assert_eq!(app.audit_count().await, before, "nothing written");
}
