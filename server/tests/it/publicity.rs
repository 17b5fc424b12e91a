//! After-the-fact publication: issuing a penalty decision drafts its redacted record; nothing is
//! public before an officer approves it; the public search finds it by one, two or many
//! characters with filters, and answers hostile input without an error page; a withdrawal
//! takes it out of the results and its page shows it as withdrawn; authorization per role.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, urlencode};

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|d| d["id"].as_i64())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issued_decisions_are_drafted_redacted_and_public_only_once_approved() {
    let app = TestApp::demo().await;
    let penalty_decisions = app
        .scalar("SELECT COUNT(*) FROM issued_documents WHERE kind = 'penalty_decision' AND status <> 'superseded'")
        .await;
    assert!(penalty_decisions >= 3);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM publications").await,
        penalty_decisions
    );
    let draft = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'draft'")
        .await;
    // Not public: neither its page, nor its PDF, nor in the results.
    assert_eq!(
        app.get(&format!("/api/v1/public/decisions/{draft}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/public/decisions/{draft}/document.pdf"),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let all = app.get("/api/v1/public/decisions", None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    assert!(!ids(&all.body).contains(&draft));
    assert_eq!(all.headers["access-control-allow-origin"], "*");
    let published = app
        .scalar("SELECT COUNT(*) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26'")
        .await;
    assert_eq!(all.body["total"], published);

    // The agency's officer compares and approves; the record turns public, the case's
    // publication deadline stops.
    let case_id = app
        .scalar(&format!(
            "SELECT CAST(case_id AS BIGINT) FROM publications WHERE id = {draft}"
        ))
        .await;
    let agency = app
        .scalar(&format!(
            "SELECT CAST(agency_id AS BIGINT) FROM publications WHERE id = {draft}"
        ))
        .await;
    let officer = app
        .scalar(&format!("SELECT CAST(MIN(id) AS BIGINT) FROM users WHERE agency_id = {agency} AND role = 'officer'"))
        .await;
    let username = app
        .scalar_text(&format!("SELECT username FROM users WHERE id = {officer}"))
        .await;
    let token = app.login(&username).await;
    let queue = app.get("/api/v1/publications", Some(&token)).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    let item = queue
        .body
        .as_array()
        .expect("queue")
        .iter()
        .find(|p| p["id"] == draft)
        .expect("in the queue")
        .clone();
    let original = item["original"].as_str().expect("original");
    let redacted = item["redacted"].as_str().expect("redacted");
    if item["original"]
        .as_str()
        .is_some_and(|o| o.contains("身份证"))
    {
        assert_ne!(original, redacted);
    }
    // Every natural person's record is redacted: surname and 某 instead of the name.
    assert!(
        app.scalar("SELECT COUNT(*) FROM parties p JOIN publications u ON u.case_id = p.case_id WHERE p.kind = 'natural_person'").await > 0,
        "the demo publishes a natural person's decision"
    );
    for (name, body) in app
        .strings("SELECT p.name FROM parties p JOIN publications u ON u.case_id = p.case_id WHERE p.kind = 'natural_person'")
        .await
        .into_iter()
        .zip(app.strings("SELECT u.body FROM parties p JOIN publications u ON u.case_id = p.case_id WHERE p.kind = 'natural_person'").await)
    {
        assert!(!body.contains(&name), "{name} in a public text");
        let surname: String = name.chars().take(1).collect();
        assert!(body.contains(&format!("{surname}某")), "{body}");
    }
    // Natural persons' ID numbers are in the original only.
    for id_number in app
        .strings("SELECT id_number FROM parties WHERE id_number IS NOT NULL")
        .await
    {
        assert!(
            !redacted.contains(&id_number),
            "{id_number} in the public text"
        );
    }
    let bad = app
        .post(
            &format!("/api/v1/publications/{draft}/steps"),
            Some(&token),
            json!({"step": "approve", "display_until": "2026-12-01"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert_eq!(bad.body["error"]["fields"][0]["field"], "display_until");
    let before = app.audit_count().await;
    let ok = app
        .post(
            &format!("/api/v1/publications/{draft}/steps"),
            Some(&token),
            json!({"step": "approve"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(app.audit_count().await, before + 1);
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM case_deadlines WHERE case_id = {case_id} AND kind = 'publication' AND status = 'running'")).await,
        0
    );
    let again = app
        .post(
            &format!("/api/v1/publications/{draft}/steps"),
            Some(&token),
            json!({"step": "approve"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
    let page = app
        .get(&format!("/api/v1/public/decisions/{draft}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body["withdrawn"], false);
    let pdf = app
        .get(
            &format!("/api/v1/public/decisions/{draft}/document.pdf"),
            None,
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.text.starts_with("%PDF"));
    // Searchable at once, by its number: the search index follows the commit.
    let number = page.body["number"].as_str().expect("number");
    let found = app
        .get(
            &format!("/api/v1/public/decisions?q={}", urlencode(number)),
            None,
        )
        .await;
    assert!(
        ids(&found.body).contains(&i64::from(draft)),
        "{}",
        found.text
    );
    let html = app.get(&format!("/portal/decisions/{draft}"), None).await;
    assert!(
        html.text
            .contains(page.body["number"].as_str().expect("number")),
        "{}",
        html.text
    );
    let sitemap = app.get("/sitemap.xml", None).await;
    assert!(
        sitemap
            .text
            .contains(&format!("/portal/decisions/{draft}</loc>")),
        "{}",
        sitemap.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_finds_one_two_and_many_characters_with_filters_and_survives_hostile_input() {
    let app = TestApp::demo().await;
    let search = |q: String| {
        let app = &app;
        async move {
            app.get(&format!("/api/v1/public/decisions?{q}"), None)
                .await
        }
    };
    let published = app
        .scalar("SELECT COUNT(*) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26'")
        .await;
    assert!(published >= 2, "{published}");
    // A title word of a published decision, found by one, two and all of its characters.
    let title = app
        .scalar_text(
            "SELECT title FROM publications WHERE status = 'published' AND display_until >= '2026-11-26' ORDER BY id LIMIT 1",
        )
        .await;
    let chars: Vec<char> = title.chars().collect();
    for q in [
        chars[..1].iter().collect::<String>(),
        chars[..2].iter().collect(),
        title.clone(),
    ] {
        let r = search(format!("q={}", urlencode(&q))).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text);
        let expected = app
            .scalar(&format!("SELECT COUNT(*) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26' AND (title LIKE '%{q}%' OR body LIKE '%{q}%' OR number LIKE '%{q}%' OR party_name LIKE '%{q}%')"))
            .await;
        assert!(expected > 0);
        assert_eq!(r.body["total"], expected, "{q}");
    }
    // Filters combine: agency and party kind and fine range.
    let code = app.scalar_text("SELECT a.code FROM publications p JOIN agencies a ON a.id = p.agency_id WHERE p.status = 'published' AND p.display_until >= '2026-11-26' ORDER BY p.id LIMIT 1").await;
    let r = search(format!(
        "agency={code}&party=organisation&fine_min=1&fine_max=100000000"
    ))
    .await;
    let expected = app
        .scalar(&format!("SELECT COUNT(*) FROM publications p JOIN agencies a ON a.id = p.agency_id WHERE p.status = 'published' AND p.display_until >= '2026-11-26' AND a.code = '{code}' AND p.party_kind = 'organisation' AND p.fine_fen BETWEEN 100 AND 10000000000"))
        .await;
    assert_eq!(r.body["total"], expected, "{}", r.text);
    let none = search("q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D".into()).await;
    assert_eq!(none.body["total"], 0);
    assert_eq!(none.body["items"].as_array().expect("items").len(), 0);
    for hostile in [
        "\"",
        "'",
        "%",
        "_",
        "*",
        "\\",
        "a' OR '1'='1",
        "食品\" NEAR 罚",
        "MATCH(x) AGAINST",
        &"罚".repeat(3_400),
    ] {
        let r = search(format!("q={}", urlencode(hostile))).await;
        assert_eq!(r.status, StatusCode::OK, "{hostile:.20}: {}", r.text);
        if matches!(hostile, "%" | "_" | "*" | "\\") {
            assert_eq!(r.body["total"], 0, "{hostile} is matched literally");
        }
        let page = app
            .get(&format!("/portal/decisions?q={}", urlencode(hostile)), None)
            .await;
        assert_eq!(page.status, StatusCode::OK, "{hostile:.20}");
    }
    for (q, field) in [
        ("from=2026-13-01", "from"),
        ("fine_min=abc", "fine_min"),
        ("party=robot", "party"),
        ("page=0", "page"),
        ("page=999999", "page"),
    ] {
        let r = search(q.into()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_eq!(r.body["error"]["fields"][0]["field"], field, "{q}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_decision_leaves_the_results_and_shows_as_withdrawn_with_its_basis() {
    let app = TestApp::demo().await;
    let withdrawn = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'withdrawn'")
        .await;
    let page = app
        .get(&format!("/api/v1/public/decisions/{withdrawn}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.body["withdrawn"], true);
    assert!(
        page.body["withdrawal"]
            .as_str()
            .expect("why")
            .contains("第四十八条")
    );
    // Only the notice stays (APL Art. 48(2)): no party, no text, no fine, no document.
    assert_eq!(page.body["removed"], true, "{}", page.text);
    assert_eq!(page.body["party"], "", "{}", page.text);
    assert_eq!(page.body["body"], "", "{}", page.text);
    assert_eq!(page.body["provision"], "", "{}", page.text);
    assert!(page.body["fine"].is_null(), "{}", page.text);
    assert!(page.body["verification_code"].is_null(), "{}", page.text);
    assert!(!page.body["number"].as_str().expect("number").is_empty());
    let pdf = app
        .get(
            &format!("/api/v1/public/decisions/{withdrawn}/document.pdf"),
            None,
        )
        .await;
    assert_eq!(
        pdf.status,
        StatusCode::NOT_FOUND,
        "the withdrawn decision's PDF"
    );
    let party = app
        .scalar_text(&format!(
            "SELECT party_name FROM publications WHERE id = {withdrawn}"
        ))
        .await;
    let html = app
        .get(&format!("/portal/decisions/{withdrawn}"), None)
        .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.text.contains("本决定已停止公示"), "{}", html.text);
    for public in [
        &html.text,
        &page.text,
        &app.get("/api/v1/public/decisions.csv", None).await.text,
        &app.get("/api/v1/public/feed.atom", None).await.text,
    ] {
        assert!(!public.contains(&party), "{party} stays public");
    }
    let all = app.get("/api/v1/public/decisions", None).await;
    assert!(!ids(&all.body).contains(&withdrawn));
    // A published one withdrawn now: gone from the results at once.
    let target = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26'")
        .await;
    let agency = app
        .scalar(&format!(
            "SELECT CAST(agency_id AS BIGINT) FROM publications WHERE id = {target}"
        ))
        .await;
    let head = app
        .scalar_text(&format!(
            "SELECT username FROM users WHERE agency_id = {agency} AND role = 'agency_head'"
        ))
        .await;
    let officer = app
        .scalar_text(&format!(
            "SELECT MIN(username) FROM users WHERE agency_id = {agency} AND role = 'officer'"
        ))
        .await;
    let officer = app.login(&officer).await;
    let r = app
        .post(
            &format!("/api/v1/publications/{target}/steps"),
            Some(&officer),
            json!({"step": "withdraw", "basis": "changed", "reason": "x"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only the head withdraws: {}",
        r.text
    );
    let head = app.login(&head).await;
    let r = app
        .post(
            &format!("/api/v1/publications/{target}/steps"),
            Some(&head),
            json!({"step": "withdraw", "basis": "", "reason": "复议变更"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["error"]["fields"][0]["field"], "basis");
    let r = app
        .post(
            &format!("/api/v1/publications/{target}/steps"),
            Some(&head),
            json!({"step": "withdraw", "basis": "changed", "reason": "复议机关变更罚款数额"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let all = app.get("/api/v1/public/decisions", None).await;
    assert!(!ids(&all.body).contains(&target));
    let page = app.get(&format!("/portal/decisions/{target}"), None).await;
    assert!(page.text.contains("复议机关变更罚款数额"), "{}", page.text);
    // The withdrawn decision's document goes with it (APL Art. 48(2)).
    assert_eq!(
        app.get(
            &format!("/api/v1/public/decisions/{target}/document.pdf"),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

/// The agency head withdraws a published decision (revoked on reconsideration).
async fn withdraw_by_its_head(app: &TestApp, target: impl std::fmt::Display) {
    let head = app
        .scalar_text(&format!(
            "SELECT u.username FROM users u JOIN publications p ON p.agency_id = u.agency_id WHERE p.id = {target} AND u.role = 'agency_head'"
        ))
        .await;
    let head = app.login(&head).await;
    let r = app
        .post(
            &format!("/api/v1/publications/{target}/steps"),
            Some(&head),
            json!({"step": "withdraw", "basis": "revoked", "reason": "复议撤销"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

/// Every public result, newest first, as the search answers it (page by page).
async fn every_result(app: &TestApp, q: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for page in 1.. {
        let r = app
            .get(
                &format!("/api/v1/public/decisions?q={}&page={page}", urlencode(q)),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let got = ids(&r.body);
        if got.is_empty() {
            break;
        }
        out.extend(got);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_index_follows_every_publication_change_and_equals_a_rebuild() {
    let app = TestApp::demo().await;
    let expected: Vec<i64> = app
        .strings("SELECT CAST(id AS TEXT) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26' ORDER BY decided_on DESC, id DESC")
        .await
        .iter()
        .map(|id| id.parse().expect("id"))
        .collect();
    assert!(expected.len() >= 2, "{expected:?}");
    assert_eq!(
        every_result(&app, "").await,
        expected,
        "no words: every published decision"
    );
    // A published decision withdrawn by its head, and a draft approved.
    let target = expected[0];
    withdraw_by_its_head(&app, target).await;
    let after = every_result(&app, "").await;
    assert!(!after.contains(&target));
    assert_eq!(after.len(), expected.len() - 1);
    let words = ["罚", "当事", "行政处罚", "某"];
    let mut before_rebuild = Vec::new();
    for w in words {
        before_rebuild.push(every_result(&app, w).await);
    }
    assert!(
        before_rebuild.iter().any(|r| !r.is_empty()),
        "the words find something"
    );
    app::ssr::search_index::rebuild(&app.state.db, &app.state.search)
        .await
        .expect("rebuild");
    for (w, kept) in words.iter().zip(&before_rebuild) {
        assert_eq!(&every_result(&app, w).await, kept, "{w}: kept up = rebuilt");
    }
    assert_eq!(every_result(&app, "").await, after);
}

/// Waits up to 10 s for `ready`.
async fn eventually(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what}: not within 10 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_a_second_process_hears_of_every_publication_change() {
    let app = TestApp::demo().await;
    // One SQLite file serves one process: nothing to hear of there.
    let Some((url, schema)) = app.pg() else {
        return;
    };
    let other = app::ssr::db::Db::connect(&url, Some(&schema))
        .await
        .expect("second process");
    let other_index = std::sync::Arc::new(app::ssr::search_index::SharedIndex::default());
    app::ssr::search_index::start(&other, &other_index)
        .await
        .expect("listening");
    let target = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26'")
        .await;
    let target = i32::try_from(target).expect("id");
    assert!(other_index.read().contains(target));
    withdraw_by_its_head(&app, target).await;
    eventually("the withdrawal", || !other_index.read().contains(target)).await;
    let draft = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM publications WHERE status = 'draft'")
        .await;
    let officer = app
        .scalar_text(&format!(
            "SELECT MIN(u.username) FROM users u JOIN publications p ON p.agency_id = u.agency_id WHERE p.id = {draft} AND u.role = 'officer'"
        ))
        .await;
    let officer = app.login(&officer).await;
    let r = app
        .post(
            &format!("/api/v1/publications/{draft}/steps"),
            Some(&officer),
            json!({"step": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let draft = i32::try_from(draft).expect("id");
    eventually("the approval", || other_index.read().contains(draft)).await;
    // The writing process agrees, from its own commits.
    assert!(app.state.search.read().contains(draft));
    assert!(!app.state.search.read().contains(target));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publication_endpoints_are_authorized_for_every_role() {
    let app = TestApp::demo().await;
    let draft = app.scalar("SELECT CAST(MIN(p.id) AS BIGINT) FROM publications p JOIN agencies a ON a.id = p.agency_id WHERE p.status = 'draft' AND a.code = 'SCJG'").await;
    for (user, list, approve) in [
        ("officer.wang", StatusCode::OK, StatusCode::NOT_FOUND),
        ("head.cgzf", StatusCode::OK, StatusCode::NOT_FOUND),
        ("reviewer.sun", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        (
            "supervisor.wu",
            StatusCode::FORBIDDEN,
            StatusCode::FORBIDDEN,
        ),
        ("admin", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("hotline12345", StatusCode::FORBIDDEN, StatusCode::NOT_FOUND),
        ("officer.zhang", StatusCode::OK, StatusCode::OK),
    ] {
        let token = app.login(user).await;
        let r = app.get("/api/v1/publications", Some(&token)).await;
        assert_eq!(r.status, list, "{user} list: {}", r.text);
        let r = app
            .post(
                &format!("/api/v1/publications/{draft}/steps"),
                Some(&token),
                json!({"step": "approve"}),
            )
            .await;
        assert_eq!(r.status, approve, "{user} approve: {}", r.text);
    }
    assert_eq!(
        app.get("/api/v1/publications", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_data_csv_atom_and_etags_carry_the_published_decisions() {
    let app = TestApp::demo().await;
    let published = app
        .scalar("SELECT COUNT(*) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26'")
        .await;
    assert!(published > 0);
    // CSV: BOM, a header, one line per published decision, bad filters refused before the file.
    let csv = app.get("/api/v1/public/decisions.csv", None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    assert_eq!(csv.headers["access-control-allow-origin"], "*");
    assert!(csv.text.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.text.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("决定书文号,"), "{}", lines[0]);
    assert_eq!(lines.len() as i64, 1 + published, "{}", csv.text);
    for number in app
        .strings("SELECT number FROM publications WHERE status = 'published' AND display_until >= '2026-11-26'")
        .await
    {
        assert!(csv.text.contains(&number), "{number}");
    }
    for number in app
        .strings("SELECT number FROM publications WHERE status <> 'published'")
        .await
    {
        assert!(!csv.text.contains(&number), "{number} is not published");
    }
    assert_eq!(
        app.get("/api/v1/public/decisions.csv?fine_min=abc", None)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Atom: one entry per decision of the first page, the text escaped.
    let atom = app.get("/api/v1/public/feed.atom", None).await;
    assert_eq!(atom.status, StatusCode::OK);
    assert!(atom.text.starts_with("<?xml"));
    assert_eq!(
        atom.text.matches("<entry>").count() as i64,
        published.min(20)
    );
    assert!(!atom.text.contains(" & "), "escaped");
    // ETag: the same answer again is 304 with the tag.
    let first = app.get("/api/v1/public/decisions", None).await;
    let tag = first.headers["etag"].to_str().expect("etag").to_owned();
    let again = app
        .send(
            axum::http::Request::builder()
                .uri("/api/v1/public/decisions")
                .header("if-none-match", tag.as_str())
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers["etag"].to_str().expect("etag"), tag);
}

/// Before the fact (事前公开): each agency's page publishes its powers list — every active
/// discretion standard with its provision and tiers — the procedures with their statutory time
/// limits, the remedies, the complaint channel with the region's supervision body, and the
/// roster; in Chinese and in English; the JSON says the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agency_page_publishes_its_powers_procedures_remedies_channels_and_roster() {
    let app = TestApp::demo().await;
    let id = app.id_of_agency("SCJG").await;
    let provisions = app
        .strings(&format!(
            "SELECT provision FROM discretion_standards WHERE agency_id = {id} AND active"
        ))
        .await;
    assert!(!provisions.is_empty(), "the demo has standards");
    let json = app.get("/api/v1/public/agencies", None).await;
    assert_eq!(json.status, StatusCode::OK);
    let agency = json
        .body
        .as_array()
        .expect("agencies")
        .iter()
        .find(|a| a["code"] == "SCJG")
        .expect("SCJG")
        .clone();
    let powers = agency["powers"].as_array().expect("powers");
    assert_eq!(powers.len(), provisions.len());
    for p in powers {
        assert!(provisions.contains(&p["provision"].as_str().expect("p").to_owned()));
        assert_eq!(p["tiers"].as_array().expect("tiers").len(), 3, "{p}");
    }
    assert!(
        agency["supervisor"]
            .as_str()
            .is_some_and(|s| s.contains("司法局")),
        "{agency}"
    );
    let page = app.get("/portal/agencies/SCJG", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "权责清单",
        "轻微 ",
        "简易程序（当场处罚）",
        "自立案之日起90日内",
        "行政复议",
        "《行政复议法》第20条",
        "6个月内",
        "href=\"/portal/complaints?agency=",
        "持证执法人员名单",
    ] {
        assert!(page.text.contains(expected), "{expected} missing");
    }
    for p in &provisions {
        assert!(page.text.contains(p.as_str()), "{p} missing");
    }
    assert!(
        page.text
            .contains(agency["supervisor"].as_str().expect("s"))
    );
    let en = app
        .send(
            axum::http::Request::builder()
                .uri("/portal/agencies/SCJG")
                .header(axum::http::header::ACCEPT_LANGUAGE, "en")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    for expected in [
        "Powers list",
        "Within 90 days of filing",
        "Administrative reconsideration",
    ] {
        assert!(en.text.contains(expected), "{expected} missing in English");
    }
    assert_eq!(
        app.get("/portal/agencies/NOPE", None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A reconsideration that revokes a published decision withdraws it at once, with that basis
/// and who ruled when; bad input names its fields and writes nothing; a result is given once;
/// an "upheld" result leaves the publication alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoking_reconsideration_withdraws_the_published_decision_at_once() {
    use app::api::cases::{CaseRemedies, FileRemedy, RuleRemedy};
    use leptos::server_fn::ServerFn;

    let app = TestApp::demo().await;
    let published = app
        .strings("SELECT CAST(id AS TEXT) FROM publications WHERE status = 'published' AND display_until >= '2026-11-26' ORDER BY id")
        .await;
    assert!(published.len() >= 2, "the demo publishes decisions");
    let (target, other) = (&published[0], &published[1]);
    let case_of =
        |p: &str| format!("SELECT CAST(case_id AS BIGINT) FROM publications WHERE id = {p}");
    let case_id = app.scalar(&case_of(target)).await;
    let other_case = app.scalar(&case_of(other)).await;
    let officer_of = |case: i64| {
        format!(
            "SELECT MIN(u.username) FROM users u JOIN cases c ON c.agency_id = u.agency_id
             WHERE c.id = {case} AND u.role = 'officer'"
        )
    };
    let officer = app
        .login(&app.scalar_text(&officer_of(case_id)).await)
        .await;
    let decided = app
        .scalar_text(&format!(
            "SELECT CAST(decided_on AS TEXT) FROM cases WHERE id = {case_id}"
        ))
        .await;

    // Bad input: every field named, in the caller's language; nothing written.
    let before = app.audit_count().await;
    let remedies = app.scalar("SELECT COUNT(*) FROM case_remedies").await;
    let bad = app
        .server_fn(
            FileRemedy::PATH,
            Some(&officer),
            &format!(
                "id={case_id}&form%5Bkind%5D=appeal&form%5Bbody%5D=&form%5Bfiled_on%5D=1999-01-01"
            ),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    for field in ["remedy_kind", "remedy_body", "filed_on"] {
        assert!(bad.text.contains(field), "{field}: {}", bad.text);
    }
    assert!(bad.text.contains("复议机关或人民法院"), "{}", bad.text);
    assert_eq!(app.audit_count().await, before);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM case_remedies").await,
        remedies
    );

    // Filed on the day of the decision, revoked by the city government.
    let challenge_events = app
        .scalar(&format!(
        "SELECT COUNT(*) FROM audit_events WHERE subject_type = 'case' AND subject_id = '{case_id}'
         AND action IN ('case.remedy_filed', 'case.remedy_ruled')"
    ))
        .await;
    let filed = app
        .server_fn(
            FileRemedy::PATH,
            Some(&officer),
            &format!(
                "id={case_id}&form%5Bkind%5D=reconsideration&form%5Bbody%5D={}&form%5Bfiled_on%5D={decided}",
                crate::helpers::urlencode("临江市人民政府")
            ),
        )
        .await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
    let remedy = filed.body.as_i64().expect("id");
    assert!(
        app.get(&format!("/api/v1/public/decisions/{target}"), None)
            .await
            .body["withdrawn"]
            == false
    );
    let ruled = app
        .server_fn(
            RuleRemedy::PATH,
            Some(&officer),
            &format!("remedy={remedy}&form%5Boutcome%5D=revoked&form%5Bdecided_on%5D={decided}&form%5Bnote%5D=x"),
        )
        .await;
    assert_eq!(ruled.status, StatusCode::OK, "{}", ruled.text);
    let page = app
        .get(&format!("/api/v1/public/decisions/{target}"), None)
        .await;
    assert_eq!(page.body["withdrawn"], true, "{}", page.text);
    let why = page.body["withdrawal"].as_str().expect("why");
    assert!(why.contains("撤销"), "{why}");
    assert!(why.contains("临江市人民政府"), "{why}");
    // The verification follows the record: the revoked decision is genuine, not in force.
    let code = app
        .scalar_text(&format!(
            "SELECT d.verification_code FROM issued_documents d
             JOIN publications p ON p.document_id = d.id WHERE p.id = {target}"
        ))
        .await;
    let verdict = app
        .get(
            &format!("/api/v1/public/documents/verify?code={code}"),
            None,
        )
        .await;
    assert_eq!(verdict.body["genuine"], true, "{}", verdict.text);
    assert_eq!(
        verdict.body["document"]["status"], "revoked",
        "{}",
        verdict.text
    );
    assert_eq!(verdict.body["document"]["in_force"], false);
    assert_eq!(verdict.body["document"]["status_label"], "已被依法撤销");
    let reason = verdict.body["document"]["status_reason"]
        .as_str()
        .expect("the basis");
    assert!(reason.contains("临江市人民政府"), "{reason}");
    let all = app.get("/api/v1/public/decisions", None).await;
    assert!(!ids(&all.body).contains(&target.parse::<i64>().expect("id")));
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE subject_type = 'case' AND subject_id = '{case_id}'
             AND action IN ('case.remedy_filed', 'case.remedy_ruled')"
        ))
        .await,
        challenge_events + 2
    );
    // Given once.
    let again = app
        .server_fn(
            RuleRemedy::PATH,
            Some(&officer),
            &format!("remedy={remedy}&form%5Boutcome%5D=upheld&form%5Bdecided_on%5D={decided}"),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.text
    );
    let listed = app
        .server_fn(CaseRemedies::PATH, Some(&officer), &format!("id={case_id}"))
        .await;
    let mine = listed.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == remedy)
        .expect("the new challenge");
    assert_eq!(mine["withdrew"], true, "{}", listed.text);
    assert_eq!(listed.body["can_record"], true);

    // Upheld: the other decision stays published.
    let officer2 = app
        .login(&app.scalar_text(&officer_of(other_case)).await)
        .await;
    let decided2 = app
        .scalar_text(&format!(
            "SELECT CAST(decided_on AS TEXT) FROM cases WHERE id = {other_case}"
        ))
        .await;
    let filed = app
        .server_fn(
            FileRemedy::PATH,
            Some(&officer2),
            &format!(
                "id={other_case}&form%5Bkind%5D=litigation&form%5Bbody%5D={}&form%5Bfiled_on%5D={decided2}",
                crate::helpers::urlencode("临江市人民法院")
            ),
        )
        .await;
    let remedy2 = filed.body.as_i64().expect("id");
    let ruled = app
        .server_fn(
            RuleRemedy::PATH,
            Some(&officer2),
            &format!("remedy={remedy2}&form%5Boutcome%5D=upheld&form%5Bdecided_on%5D={decided2}&form%5Beffective%5D=on"),
        )
        .await;
    assert_eq!(ruled.status, StatusCode::OK, "{}", ruled.text);
    assert_eq!(
        app.get(&format!("/api/v1/public/decisions/{other}"), None)
            .await
            .body["withdrawn"],
        false
    );
}

/// Annual data: each agency's figures for a year equal direct SQL counts on the demo, the
/// total adds up, the CSV carries the same figures, the page renders without script, and a
/// bad year is named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_annual_data_equal_direct_sql_counts_and_the_csv_says_the_same() {
    let app = TestApp::demo().await;
    let year = "2026";
    let r = app
        .get(&format!("/api/v1/public/annual?year={year}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["year"], 2026);
    assert_eq!(r.body["provisional"], true);
    assert_eq!(r.body["due_on"], "2027-01-31");
    let in_year = |col: &str| format!("{col} >= '2026-01-01' AND {col} < '2027-01-01'");
    let rows = r.body["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3, "the demo's enforcement agencies");
    let mut cases_total = 0;
    for row in rows {
        let code = row["code"].as_str().expect("code");
        let id = app.id_of_agency(code).await;
        let c = &row["counts"];
        let cases = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM cases WHERE agency_id = {id} AND {}",
                in_year("received_on")
            ))
            .await;
        cases_total += cases;
        assert_eq!(c["cases"], cases, "{code} cases");
        assert_eq!(
            c["summary"],
            app.scalar(&format!(
                "SELECT COUNT(*) FROM cases WHERE agency_id = {id} AND procedure = 'summary' AND {}",
                in_year("received_on")
            ))
            .await,
            "{code} summary"
        );
        assert_eq!(
            c["penalties"],
            app.scalar(&format!(
                "SELECT COUNT(*) FROM cases WHERE agency_id = {id} AND decision_outcome = 'penalty' AND {}",
                in_year("decided_on")
            ))
            .await,
            "{code} penalties"
        );
        assert_eq!(
            c["fine_fen"],
            app.scalar(&format!(
                "SELECT CAST(COALESCE(SUM(fine_fen), 0) AS BIGINT) FROM cases WHERE agency_id = {id} AND decision_outcome = 'penalty' AND {}",
                in_year("decided_on")
            ))
            .await,
            "{code} fines"
        );
        let kinds = c["warnings"].as_i64().expect("n")
            + c["fines"].as_i64().expect("n")
            + c["confiscations"].as_i64().expect("n")
            + c["other_measures"].as_i64().expect("n");
        assert!(
            kinds >= c["penalties"].as_i64().expect("n"),
            "{code}: every penalty has a type"
        );
        assert_eq!(
            c["reconsiderations"],
            app.scalar(&format!(
                "SELECT COUNT(*) FROM case_remedies m JOIN cases c ON c.id = m.case_id WHERE c.agency_id = {id} AND m.kind = 'reconsideration' AND {}",
                in_year("m.filed_on")
            ))
            .await,
            "{code} reconsiderations"
        );
        assert_eq!(
            c["complaints"],
            app.scalar(&format!(
                "SELECT COUNT(*) FROM complaints WHERE agency_id = {id} AND {}",
                in_year("received_on")
            ))
            .await,
            "{code} complaints"
        );
    }
    assert!(cases_total > 10);
    assert_eq!(r.body["total"]["counts"]["cases"], cases_total);
    assert!(r.body["total"]["counts"]["penalties"].as_i64().expect("n") > 0);
    assert!(
        r.body["total"]["counts"]["reviews_passed"]
            .as_i64()
            .expect("n")
            > 0
    );

    let csv = app
        .get(&format!("/api/v1/public/annual.csv?year={year}"), None)
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.text.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + rows.len() + 1, "header, agencies, total");
    assert!(lines[0].contains("罚款金额（元）"));
    let total_line = lines.last().expect("total");
    assert!(
        total_line.starts_with(&format!("合计,2026,{cases_total},")),
        "{total_line}"
    );

    let page = app.get(&format!("/portal/annual?year={year}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("年度行政执法数据"));
    assert!(page.text.contains("data-test=\"annual-chart\""));
    assert!(
        page.text
            .contains(&format!("/api/v1/public/annual.csv?year={year}"))
    );
    let default = app.get("/api/v1/public/annual", None).await;
    assert_eq!(default.body["year"], 2025, "empty: the previous year");

    for bad in ["2027", "20x6", "1999"] {
        let r = app
            .get(&format!("/api/v1/public/annual?year={bad}"), None)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(r.body["error"]["fields"][0]["field"], "year", "{bad}");
    }
}

/// The annual data are added up once a minute at most (issue 20 item 14): a flood of requests
/// reads the cache; after the minute, changed figures show.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_annual_data_are_served_from_a_short_cache() {
    let app = TestApp::demo().await;
    let total =
        |r: &crate::helpers::Response| r.body["total"]["counts"]["cases"].as_i64().expect("n");
    let first = app.get("/api/v1/public/annual?year=2026", None).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    app.exec(
        "UPDATE cases SET received_on = '2025-06-01' WHERE id = \
         (SELECT MIN(id) FROM cases WHERE received_on >= '2026-01-01')",
    )
    .await;
    let cached = app.get("/api/v1/public/annual?year=2026", None).await;
    assert_eq!(
        total(&cached),
        total(&first),
        "within the minute: the cached figures"
    );
    app.clock.advance(chrono::Duration::seconds(
        app::ssr::services::annual::ANNUAL_CACHE_SECS + 1,
    ));
    let fresh = app.get("/api/v1/public/annual?year=2026", None).await;
    assert_eq!(total(&fresh), total(&first) - 1, "after it: added up again");
}
