//! Privacy scan of the public side: crawl every public page and public API response of the
//! seeded demo (following the portal's own links, plus each issued document's verification and
//! each complaint's and correction request's status page) and fail on any unmasked ID number,
//! mobile number or natural person's full name from the seed data — parties, clue reporters,
//! complainants and the requesters of corrections.

use std::collections::{BTreeSet, VecDeque};

use axum::http::StatusCode;

use crate::helpers::TestApp;

/// The values of a text column, non-empty.
async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    app.state
        .db
        .conn
        .query_all_raw(sea_orm::Statement::from_string(
            app.state.db.backend(),
            sql.to_owned(),
        ))
        .await
        .expect("query")
        .into_iter()
        .filter_map(|r| r.try_get_by_index::<Option<String>>(0).ok().flatten())
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// Digit runs of exactly `len` characters (the last may be `X` for ID numbers) standing as a
/// token of their own.
fn digit_runs(text: &str, len: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == 'X') {
                i += 1;
            }
            // A run inside a longer token (a hash, a code) is not a number a person reads.
            let bounded = (start == 0 || !chars[start - 1].is_ascii_alphanumeric())
                && (i == chars.len() || !chars[i].is_ascii_alphanumeric());
            if i - start == len && bounded {
                out.push(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    out
}

fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .filter(|h| h.starts_with('/'))
        .collect()
}

fn public(path: &str) -> bool {
    !(path.starts_with("/work")
        || path.starts_with("/admin")
        || path.starts_with("/account")
        || path.starts_with("/login")
        || path.starts_with("/lang/")
        || path.starts_with("/pkg/")
        || path.starts_with("/auth/")
        || (path.starts_with("/api/") && !path.starts_with("/api/v1/public/")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_public_page_or_response_shows_private_data_from_the_seed() {
    let app = TestApp::empty().await;
    app::ssr::seed::seed_demo(&app.state, crate::helpers::PASSWORD)
        .await
        .expect("demo");
    let mut secrets: Vec<String> = Vec::new();
    for sql in [
        "SELECT name FROM parties WHERE kind = 'natural_person'",
        "SELECT id_number FROM parties",
        "SELECT phone FROM parties",
        "SELECT address FROM parties WHERE kind = 'natural_person'",
        "SELECT reporter_name FROM clues",
        "SELECT reporter_phone FROM clues",
        "SELECT contact_name FROM complaints",
        "SELECT contact_phone FROM complaints",
        "SELECT content FROM complaints",
        "SELECT requester_name FROM publication_requests",
        "SELECT contact_phone FROM publication_requests",
        "SELECT reason FROM publication_requests",
    ] {
        secrets.extend(strings(&app, sql).await);
    }
    assert!(
        secrets.len() > 10,
        "the seed has private data to look for: {secrets:?}"
    );
    let codes = strings(&app, "SELECT verification_code FROM issued_documents").await;
    assert!(!codes.is_empty());
    let tracking = strings(&app, "SELECT tracking_no FROM complaints").await;
    assert!(!tracking.is_empty());
    let requests = strings(&app, "SELECT tracking_no FROM publication_requests").await;
    assert!(!requests.is_empty(), "the seed has correction requests");
    let agencies = strings(&app, "SELECT code FROM agencies").await;

    let mut queue: VecDeque<String> = VecDeque::new();
    for p in [
        "/",
        "/portal/verify",
        "/portal/audit",
        "/portal/complaints",
        "/portal/complaints/status",
        "/api/v1/public/agencies",
        "/api/v1/public/audit/checkpoints",
        "/api/v1/public/audit/checkpoints/latest",
        "/api/v1/public/audit/keys",
        "/api/v1/openapi.json",
        "/api/v1/public/decisions",
        "/api/v1/public/decisions.csv",
        "/api/v1/public/feed.atom",
        "/sitemap.xml",
    ] {
        queue.push_back(p.to_owned());
    }
    for code in &codes {
        queue.push_back(format!("/portal/verify?code={code}"));
        queue.push_back(format!("/api/v1/public/documents/verify?code={code}"));
    }
    for no in &tracking {
        queue.push_back(format!("/portal/complaints/status?no={no}"));
        queue.push_back(format!("/api/v1/public/complaints/{no}"));
    }
    for no in &requests {
        queue.push_back(format!("/portal/requests/status?no={no}"));
        queue.push_back(format!("/api/v1/public/requests/{no}"));
    }
    for id in strings(
        &app,
        "SELECT CAST(publication_id AS TEXT) FROM publication_requests",
    )
    .await
    {
        queue.push_back(format!("/portal/decisions/{id}"));
        queue.push_back(format!("/portal/decisions/{id}/request"));
        queue.push_back(format!("/api/v1/public/decisions/{id}"));
    }
    for code in &agencies {
        queue.push_back(format!("/portal/agencies/{code}"));
    }
    let seqs = app.scalar("SELECT COUNT(*) FROM audit_events").await;
    for seq in [1, seqs / 2, seqs] {
        queue.push_back(format!("/api/v1/public/audit/proof/inclusion?seq={seq}"));
    }
    let mut seen = BTreeSet::new();
    let mut leaks = Vec::new();
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) || seen.len() > 400 {
            continue;
        }
        let r = app.get(&path, None).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::NOT_FOUND,
            "{path}: {}",
            r.status
        );
        for secret in &secrets {
            if r.text.contains(secret.as_str()) {
                leaks.push(format!("{path}: {secret}"));
            }
        }
        for id in digit_runs(&r.text, 18) {
            leaks.push(format!("{path}: ID-like number {id}"));
        }
        for phone in digit_runs(&r.text, 11) {
            if phone.starts_with('1') && matches!(phone.as_bytes()[1], b'3'..=b'9') {
                leaks.push(format!("{path}: mobile-like number {phone}"));
            }
        }
        for link in links(&r.text) {
            if public(&link) && !seen.contains(&link) {
                queue.push_back(link);
            }
        }
    }
    assert!(
        seen.len() >= 20,
        "the crawl reached the public pages: {seen:?}"
    );
    // The pages were rendered with their data (the scan is not looking at empty shells).
    let subject = strings(
        &app,
        &format!(
            "SELECT subject FROM complaints WHERE tracking_no = '{}'",
            tracking[0]
        ),
    )
    .await;
    let page = app
        .get(
            &format!("/portal/complaints/status?no={}", tracking[0]),
            None,
        )
        .await;
    assert!(page.text.contains(subject[0].as_str()), "{}", page.text);
    let status = app
        .get(&format!("/portal/requests/status?no={}", requests[0]), None)
        .await;
    assert!(
        status.text.contains("data-test=\"request-status\""),
        "{}",
        status.text
    );
    let home = app.get("/", None).await;
    assert!(home.text.contains("临江市市场监督管理局"), "{}", home.text);
    assert!(
        leaks.is_empty(),
        "private data on the public side:\n{}",
        leaks.join("\n")
    );
}
