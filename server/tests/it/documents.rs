//! Official documents: issuing (number, PDF, hash in the audit log), the text each PDF carries,
//! deterministic rendering, supersession, gapless numbering under concurrency, the redacted
//! public version, the public verification, and who may do what.

use std::{collections::BTreeSet, io::Write, process::Stdio};

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{Response, TestApp, upload_evidence};

const PARTY_NAME: &str = "王小明";
const PARTY_ID: &str = "11010519491231002X";
const PARTY_PHONE: &str = "13912345678";
const PARTY_HOME: &str = "临江市解放路20号3幢201室";

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> Response {
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/steps"),
            Some(token),
            body.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{body}: {}", r.text);
    r
}

/// A case of the market regulator with a natural-person party, filed and under investigation.
async fn filed_case(app: &TestApp, title: &str) -> i64 {
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"source": "complaint_or_report", "title": title,
                   "description": format!("当事人{PARTY_NAME}（联系电话{PARTY_PHONE}）在临江市解放路18号摊位销售超过保质期的牛奶12盒"),
                   "location": "临江市解放路18号", "act_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.body["case_id"].as_i64().expect("id");
    let party = app
        .post(
            &format!("/api/v1/cases/{id}/parties"),
            Some(&officer),
            json!({"kind": "natural_person", "name": PARTY_NAME, "id_number": PARTY_ID,
                   "phone": PARTY_PHONE, "address": PARTY_HOME}),
        )
        .await;
    assert_eq!(party.status, StatusCode::CREATED, "{}", party.text);
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    step(
        app,
        &officer,
        id,
        json!({"kind": "file_case", "officer_1": zhang.to_string(), "officer_2": li.to_string()}),
    )
    .await;
    step(app, &head, id, json!({"kind": "approve_filing"})).await;
    id
}

/// The case decided (a fine of 800 yuan, rights waived); its decision is not issued yet, so
/// it is not served either (a decision is served as an issued document).
async fn decided_case(app: &TestApp) -> i64 {
    let id = filed_case(app, "销售过期食品").await;
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    step(app, &officer, id, json!({"kind": "start_investigation"})).await;
    let officers = (
        app.id_of_user("officer.zhang").await,
        app.id_of_user("officer.li").await,
    );
    let r = upload_evidence(app, &officer, id, officers, b"photo of the shelf").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    for (token, body) in [
        (
            &officer,
            json!({"kind": "conclude_investigation", "outcome": "penalty", "provision_violated": "《中华人民共和国食品安全法》第三十四条第十项", "provision_applied": "《中华人民共和国食品安全法》第一百二十四条第一款第五项"}),
        ),
        (
            &officer,
            json!({"kind": "serve_prior_notice", "method": "direct", "amount": "800", "date": "2026-11-26"}),
        ),
        (&officer, json!({"kind": "waive_rights"})),
        (
            &head,
            json!({"kind": "decide", "outcome": "penalty", "amount": "800"}),
        ),
    ] {
        let r = step(app, token, id, body.clone()).await;
        assert_eq!(r.status, StatusCode::OK, "{body}: {}", r.text);
    }
    id
}

/// The id of the case's document record of `kind`.
pub(crate) async fn record_of(app: &TestApp, case_id: i64, kind: &str) -> i64 {
    let admin = app.login("admin").await;
    let detail = app
        .get(&format!("/api/v1/cases/{case_id}"), Some(&admin))
        .await;
    detail.body["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["kind"] == kind)
        .and_then(|d| d["id"].as_i64())
        .unwrap_or_else(|| panic!("no {kind} in {}", detail.text))
}

pub(crate) async fn issue(
    app: &TestApp,
    token: &str,
    case_id: i64,
    doc: i64,
    reason: &str,
) -> Response {
    app.post(
        &format!("/api/v1/cases/{case_id}/documents/{doc}/issue"),
        Some(token),
        json!({ "reason": reason }),
    )
    .await
}

pub(crate) async fn bytes_of(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
) -> (StatusCode, Vec<u8>) {
    let mut req = Request::builder().method(Method::GET).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    use http_body_util::BodyExt;
    let res = tower::ServiceExt::oneshot(
        app.router.clone(),
        req.body(Body::empty()).expect("request"),
    )
    .await
    .expect("response");
    let status = res.status();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    (status, bytes.to_vec())
}

/// The text of a PDF, through poppler's `pdftotext` (installed by `scripts/setup.sh test`).
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let mut child = std::process::Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh test");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("write pdf");
    let out = child.wait_with_output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("utf-8 text")
}

/// The text without the spaces `-layout` puts between glyphs.
pub(crate) fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issued_decision_is_numbered_hashed_in_the_log_and_says_what_the_law_requires() {
    let app = TestApp::seeded().await;
    let id = decided_case(&app).await;
    let officer = app.login("officer.zhang").await;
    let doc = record_of(&app, id, "penalty_decision").await;

    // The preview is a PDF marked as such, without a number.
    let (status, preview) = bytes_of(
        &app,
        &format!("/api/v1/cases/{id}/documents/{doc}/preview"),
        Some(&officer),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(preview.starts_with(b"%PDF"));
    let text = squeeze(&pdf_text(&preview));
    assert!(text.contains("预览稿"), "{text}");
    assert!(!text.contains("〔2026〕"), "{text}");

    let before = app.audit_count().await;
    let r = issue(&app, &officer, id, doc, "").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["number"], "临市监罚决〔2026〕1号");
    assert_eq!(r.body["status"], "in_force");
    let issued_id = r.body["id"].as_i64().expect("id");
    let code = r.body["verification_code"]
        .as_str()
        .expect("code")
        .to_owned();
    // The issue event, and the publication record the penalty decision drafts.
    assert_eq!(app.audit_count().await, before + 2);

    let (status, pdf) = bytes_of(
        &app,
        &format!("/api/v1/documents/{issued_id}/file"),
        Some(&officer),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let sha = hex::encode(Sha256::digest(&pdf));
    assert_eq!(r.body["sha256"], sha.as_str());
    assert!(pdf.len() < 200 * 1024, "a decision of {} bytes", pdf.len());
    // The audit event carries the PDF's hash.
    let logged = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'document.issue' AND payload LIKE '%{sha}%'"
        ))
        .await;
    assert_eq!(logged, 1);

    // Rendering the stored model again gives the same bytes.
    let again = app::ssr::services::cases::documents::rerender(
        &app.state,
        i32::try_from(issued_id).expect("id"),
    )
    .await
    .expect("rerender");
    assert_eq!(again, pdf, "rendering is deterministic");

    let text = squeeze(&pdf_text(&pdf));
    for needle in [
        "临江市市场监督管理局",
        "行政处罚决定书",
        "临市监罚决〔2026〕1号",
        &format!("当事人：{PARTY_NAME}"),
        &format!("身份证号码：{PARTY_ID}"),
        "销售超过保质期的牛奶12盒",
        "罚款人民币800.00元",
        "十五日内",
        "百分之三加处罚款",
        "六十日内向临江市人民政府申请行政复议",
        "六个月内依法向有管辖权的人民法院提起行政诉讼",
        // The label, and the code on a line of its own in the column beside the QR code.
        "文书核验码：",
        &code,
        "—1—",
    ] {
        assert!(
            text.contains(&squeeze(needle)),
            "missing {needle} in {text}"
        );
    }
    // No glyph is missing: every character of the text came through.
    assert!(
        !text.contains('\u{fffd}'),
        "replacement characters in {text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_document_a_case_produced_renders_with_its_title_and_chinese_text() {
    let app = TestApp::seeded().await;
    let id = decided_case(&app).await;
    let officer = app.login("officer.zhang").await;
    let admin = app.login("admin").await;
    let detail = app.get(&format!("/api/v1/cases/{id}"), Some(&admin)).await;
    let docs = detail.body["documents"]
        .as_array()
        .expect("documents")
        .clone();
    assert!(docs.len() >= 6, "{}", detail.text);
    for d in docs {
        let doc = d["id"].as_i64().expect("id");
        let kind = d["kind"].as_str().expect("kind").to_owned();
        let r = issue(&app, &officer, id, doc, "").await;
        assert_eq!(r.status, StatusCode::CREATED, "{kind}: {}", r.text);
        let issued = r.body["id"].as_i64().expect("id");
        let (_, pdf) = bytes_of(
            &app,
            &format!("/api/v1/documents/{issued}/file"),
            Some(&officer),
        )
        .await;
        let text = squeeze(&pdf_text(&pdf));
        let title = tianping_domain::case::DocumentKind::ALL
            .iter()
            .find(|k| k.as_str() == kind)
            .map(|k| k.label(tianping_domain::i18n::Lang::Zh))
            .expect("kind");
        assert!(text.contains(title), "{kind}: no title {title} in {text}");
        assert!(text.contains("临江市市场监督管理局"), "{kind}");
        assert!(
            text.contains(&squeeze(r.body["number"].as_str().expect("number"))),
            "{kind}"
        );
        assert!(!text.contains('\u{fffd}'), "{kind}: missing glyphs");
        pdf_metadata_is_right(&kind, &pdf);
    }
}

/// What a reader and a checker see of the file itself: the language and the title shown, no
/// PDF/X claim, and a subset font tagged as the PDF specification wants (six capitals and `+`).
fn pdf_metadata_is_right(kind: &str, pdf: &[u8]) {
    let raw = String::from_utf8_lossy(pdf);
    assert!(
        raw.contains("/Lang (zh-CN)") || raw.contains("/Lang(zh-CN)"),
        "{kind}: no /Lang"
    );
    assert!(
        raw.contains("/DisplayDocTitle true"),
        "{kind}: title not shown"
    );
    assert!(!raw.contains("GTS_PDFXVersion"), "{kind}: claims PDF/X");
    let tag = raw
        .split("/BaseFont")
        .nth(1)
        .map(|rest| rest.trim_start().trim_start_matches('/'))
        .and_then(|rest| rest.split_once('+'))
        .map(|(tag, _)| tag.to_owned())
        .unwrap_or_default();
    assert!(
        tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
        "{kind}: font subset tag {tag:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issued_document_is_only_superseded_with_a_reason_and_both_versions_are_kept() {
    let app = TestApp::seeded().await;
    let id = decided_case(&app).await;
    let officer = app.login("officer.zhang").await;
    let doc = record_of(&app, id, "penalty_decision").await;
    let first = issue(&app, &officer, id, doc, "").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);

    let before = app.audit_count().await;
    let again = issue(&app, &officer, id, doc, "  ").await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    assert_eq!(
        again.body["error"]["fields"][0]["field"], "reason",
        "{}",
        again.text
    );
    assert!(
        again.body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("理由")
    );
    assert_eq!(
        app.audit_count().await,
        before,
        "a refused issue records nothing"
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM issued_documents").await, 1);

    let second = issue(&app, &officer, id, doc, "更正当事人住址笔误").await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
    assert_eq!(second.body["number"], "临市监罚决〔2026〕2号");
    let admin = app.login("admin").await;
    let detail = app.get(&format!("/api/v1/cases/{id}"), Some(&admin)).await;
    let versions = detail.body["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["id"].as_i64() == Some(doc))
        .map(|d| d["issued"].clone())
        .expect("record");
    assert_eq!(versions.as_array().map(Vec::len), Some(2), "{versions}");
    assert_eq!(versions[0]["status"], "in_force");
    assert_eq!(versions[1]["status"], "superseded");
    assert_eq!(versions[1]["status_reason"], "更正当事人住址笔误");

    // The public sees the old version as superseded, the new one as in force.
    let old_code = first.body["verification_code"].as_str().expect("code");
    let check = app
        .get(
            &format!("/api/v1/public/documents/verify?code={old_code}"),
            None,
        )
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.text);
    assert_eq!(check.body["genuine"], true);
    assert_eq!(check.body["document"]["status"], "superseded");
    let new_code = second.body["verification_code"]
        .as_str()
        .expect("code")
        .to_lowercase();
    let check = app
        .get(
            &format!("/api/v1/public/documents/verify?code={new_code}"),
            None,
        )
        .await;
    assert_eq!(
        check.body["document"]["status"], "in_force",
        "{}",
        check.text
    );
    assert_eq!(check.body["document"]["number"], "临市监罚决〔2026〕2号");
    assert!(!check.text.contains(PARTY_NAME), "the check names no party");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_verifies_a_file_and_an_altered_byte_fails() {
    let app = TestApp::seeded().await;
    let id = decided_case(&app).await;
    let officer = app.login("officer.zhang").await;
    let doc = record_of(&app, id, "penalty_decision").await;
    let r = issue(&app, &officer, id, doc, "").await;
    let issued = r.body["id"].as_i64().expect("id");
    let (_, pdf) = bytes_of(
        &app,
        &format!("/api/v1/documents/{issued}/file"),
        Some(&officer),
    )
    .await;

    let post = |bytes: Vec<u8>| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/public/documents/verify")
            .header(header::CONTENT_TYPE, "application/pdf")
            .body(Body::from(bytes))
            .expect("request")
    };
    let genuine = app.send(post(pdf.clone())).await;
    assert_eq!(genuine.status, StatusCode::OK, "{}", genuine.text);
    assert_eq!(genuine.body["genuine"], true);
    assert_eq!(genuine.body["document"]["kind"], "行政处罚决定书");
    let mut altered = pdf.clone();
    let mid = altered.len() / 2;
    altered[mid] ^= 0x01;
    let forged = app.send(post(altered)).await;
    assert_eq!(forged.status, StatusCode::OK);
    assert_eq!(forged.body["genuine"], false);
    assert_eq!(genuine.body["document"]["in_force"], true);
    assert_eq!(genuine.body["document"]["public_version"], false);
    // The redacted public version has its own registered hash: sent back, it verifies as the
    // public version of the same decision (not as a forgery).
    let (_, public) = bytes_of(
        &app,
        &format!("/api/v1/documents/{issued}/file?public=true"),
        Some(&officer),
    )
    .await;
    assert_ne!(public, pdf, "the public version is another file");
    let public_check = app.send(post(public.clone())).await;
    assert_eq!(public_check.body["genuine"], true, "{}", public_check.text);
    assert_eq!(public_check.body["document"]["public_version"], true);
    assert_eq!(
        public_check.body["document"]["number"],
        genuine.body["document"]["number"]
    );
    assert_eq!(
        public_check.body["document"]["sha256"],
        hex::encode(Sha256::digest(&public))
    );
    let empty = app.send(post(Vec::new())).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    assert_eq!(empty.body["error"]["fields"][0]["field"], "document_file");

    // The portal's form comes back to the page with the hash.
    let boundary = "----tianping-verify";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&pdf);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let form = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/public/documents/verify-form")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    assert_eq!(form.status, StatusCode::SEE_OTHER, "{}", form.text);
    let sha = hex::encode(Sha256::digest(&pdf));
    assert_eq!(
        form.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some(format!("/portal/verify?sha256={sha}").as_str())
    );
    // Its issue event has a public inclusion proof, found by the document's hash.
    let proof = app
        .get(
            &format!("/api/v1/public/audit/proof/inclusion?sha256={sha}"),
            None,
        )
        .await;
    assert_eq!(proof.status, StatusCode::OK, "{}", proof.text);
    assert_eq!(
        proof.body["event"]["action"], "document.issue",
        "{}",
        proof.text
    );
    assert!(
        proof.text.contains(&sha),
        "the public event carries the hash"
    );
    // Malformed codes are refused naming the field, in the caller's language.
    let bad = app
        .get(
            "/api/v1/public/documents/verify?code=%27%20OR%201%3D1",
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert_eq!(bad.body["error"]["fields"][0]["field"], "code");
    let unknown = app
        .get("/api/v1/public/documents/verify?code=0000-0000", None)
        .await;
    assert_eq!(unknown.body["genuine"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_version_of_a_decision_hides_the_natural_persons_private_data() {
    let app = TestApp::seeded().await;
    let id = decided_case(&app).await;
    let officer = app.login("officer.zhang").await;
    let doc = record_of(&app, id, "penalty_decision").await;
    let r = issue(&app, &officer, id, doc, "").await;
    assert_eq!(r.body["has_public_version"], true, "{}", r.text);
    let issued = r.body["id"].as_i64().expect("id");
    let (status, public) = bytes_of(
        &app,
        &format!("/api/v1/documents/{issued}/file?public=true"),
        Some(&officer),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = squeeze(&pdf_text(&public));
    for secret in [PARTY_NAME, PARTY_ID, PARTY_PHONE, "3幢201室"] {
        assert!(
            !text.contains(secret),
            "{secret} in the public version: {text}"
        );
    }
    assert!(text.contains("当事人：王某某"), "{text}");
    assert!(text.contains("公开版"), "{text}");
    assert!(text.contains("罚款人民币800.00元"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_drawn_concurrently_have_no_gap_and_no_duplicate() {
    let app = TestApp::seeded().await;
    let mut records = Vec::new();
    for i in 0..5 {
        let id = filed_case(&app, &format!("并发签发测试{i}")).await;
        records.push((id, record_of(&app, id, "filing_approval_form").await));
    }
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    // Each record issued three times at once, by two people: every call but the first on a
    // record supersedes, so all of them give a reason.
    let mut tasks = Vec::new();
    for (id, doc) in &records {
        for n in 0..3 {
            let token = if n % 2 == 0 {
                officer.clone()
            } else {
                head.clone()
            };
            let (router, id, doc) = (app.router.clone(), *id, *doc);
            tasks.push(tokio::spawn(async move {
                let req = Request::builder()
                    .method(Method::POST)
                    .uri(format!("/api/v1/cases/{id}/documents/{doc}/issue"))
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(json!({"reason": "并发测试"}).to_string()))
                    .expect("request");
                let res = tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("response");
                res.status()
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.expect("task"), StatusCode::CREATED);
    }
    let agency = app.id_of_agency("SCJG").await;
    let mut serials = BTreeSet::new();
    let count = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM issued_documents WHERE agency_id = {agency} AND kind = 'filing_approval_form'"
        ))
        .await;
    assert_eq!(count, 15);
    for n in 1..=15 {
        let found = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM issued_documents WHERE agency_id = {agency} AND kind = 'filing_approval_form' AND serial = {n}"
            ))
            .await;
        assert_eq!(found, 1, "serial {n}");
        serials.insert(n);
    }
    assert_eq!(serials.len(), 15);
    // One version in force per record.
    for (_, doc) in &records {
        let in_force = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM issued_documents WHERE case_document_id = {doc} AND status = 'in_force'"
            ))
            .await;
        assert_eq!(in_force, 1);
    }
    let admin = app.login("admin").await;
    let verify = app.get("/api/v1/audit/verify", Some(&admin)).await;
    assert_eq!(verify.body["ok"], true, "{}", verify.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_agencys_officers_and_heads_issue_and_others_see_nothing_of_its_documents() {
    let app = TestApp::seeded().await;
    let id = filed_case(&app, "权限测试").await;
    let doc = record_of(&app, id, "filing_approval_form").await;
    let issue_path = format!("/api/v1/cases/{id}/documents/{doc}/issue");
    let preview_path = format!("/api/v1/cases/{id}/documents/{doc}/preview");
    for (user, issue_status, preview_status) in [
        ("officer.zhang", StatusCode::CREATED, StatusCode::OK),
        ("head.scjg", StatusCode::CREATED, StatusCode::OK),
        ("officer.wang", StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        ("head.cgzf", StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        ("reviewer.sun", StatusCode::FORBIDDEN, StatusCode::OK),
        ("supervisor.wu", StatusCode::FORBIDDEN, StatusCode::OK),
        ("admin", StatusCode::FORBIDDEN, StatusCode::OK),
        ("hotline12345", StatusCode::NOT_FOUND, StatusCode::FORBIDDEN),
    ] {
        let token = app.login(user).await;
        let r = app
            .post(&issue_path, Some(&token), json!({"reason": "权限测试"}))
            .await;
        assert_eq!(r.status, issue_status, "{user} issues: {}", r.text);
        let (status, _) = bytes_of(&app, &preview_path, Some(&token)).await;
        assert_eq!(status, preview_status, "{user} previews");
    }
    let r = app.post(&issue_path, None, json!({})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let (status, _) = bytes_of(&app, &preview_path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Downloads follow the case's visibility.
    let issued = app
        .scalar("SELECT CAST(MAX(id) AS BIGINT) FROM issued_documents")
        .await;
    for (user, status) in [
        ("officer.li", StatusCode::OK),
        ("officer.wang", StatusCode::NOT_FOUND),
        ("supervisor.wu", StatusCode::OK),
    ] {
        let token = app.login(user).await;
        let (got, _) = bytes_of(
            &app,
            &format!("/api/v1/documents/{issued}/file"),
            Some(&token),
        )
        .await;
        assert_eq!(got, status, "{user} downloads");
    }
    let (got, _) = bytes_of(
        &app,
        "/api/v1/documents/999999/file",
        Some(&app.login("officer.zhang").await),
    )
    .await;
    assert_eq!(got, StatusCode::NOT_FOUND);
}
