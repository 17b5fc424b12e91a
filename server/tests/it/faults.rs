//! Faults (issue 21): a full disk and a failed write never lose an acknowledged write nor
//! acknowledge one that was not committed, never jam the database, and answer a clear 507
//! naming the cause; resends afterwards store exactly what was refused; a verification of the
//! audit log reads only.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::json;

use crate::{
    crash::{request, start_with},
    helpers::TestApp,
};

fn clue(reference: &str) -> String {
    json!({
        "source": "12345", "reference": reference, "title": "餐馆后厨卫生问题",
        "description": "市民反映某餐馆后厨脏乱，存在过期食材。".repeat(8), "location": "临江市滨江路 88 号",
        "reported_at": "2026-11-26T09:30:00+08:00", "agency": "SCJG",
    })
    .to_string()
}

/// The real `SQLITE_FULL`: the server runs with the database capped a few dozen pages above its
/// size (`max_page_count`, which fails writes exactly as a full disk does). Clues are pushed
/// until the disk is full. Every answer is 201 or 507; after a restart without the cap every
/// 201 is there and no 507 is; the log verifies; the hotline's resends of the refused ones are
/// stored once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_loses_no_acknowledged_write_and_acknowledges_nothing_it_did_not_store() {
    let app = TestApp::seeded().await;
    if app.pg().is_some() {
        return; // PostgreSQL: see the injected disk_full below.
    }
    let token = app::ssr::seed::demo_api_token();
    let pages = app
        .scalar("SELECT page_count FROM pragma_page_count()")
        .await;
    let cap = (pages + 48).to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut server, addr) = start_with(
        &app,
        dir.path(),
        &[("TIANPING_SQLITE_MAX_PAGES", cap.as_str())],
    )
    .await;
    let mut acknowledged = BTreeSet::new();
    let mut refused = BTreeSet::new();
    let mut refused_in_a_row = 0;
    for i in 0..2_000 {
        let reference = format!("FULL-{i:05}");
        let (status, body) = request(&addr, "/api/v1/clues", Some(&token), &clue(&reference))
            .await
            .expect("the server answers");
        match status {
            201 => {
                acknowledged.insert(reference);
                refused_in_a_row = 0;
            }
            507 => {
                assert!(body.contains("storage_full"), "{body}");
                refused.insert(reference);
                refused_in_a_row += 1;
                if refused_in_a_row >= 10 {
                    break;
                }
            }
            other => panic!("{reference}: {other} {body}"),
        }
    }
    assert!(
        !acknowledged.is_empty(),
        "writes went through before the disk filled"
    );
    assert!(
        refused.len() >= 10,
        "the disk filled: {} refused",
        refused.len()
    );
    // The database is not jammed: reads still answer while the disk is full.
    let stream = tokio::net::TcpStream::connect(&addr).await;
    assert!(stream.is_ok());
    let _ = server.start_kill();
    let _ = server.wait().await;

    // Restarted without the cap ("space freed"): exactly the acknowledged clues are stored.
    let (mut server, addr) = start_with(&app, dir.path(), &[]).await;
    let stored: BTreeSet<String> = app
        .strings("SELECT reference FROM clues WHERE reference LIKE 'FULL-%' ORDER BY reference")
        .await
        .into_iter()
        .collect();
    assert_eq!(
        stored, acknowledged,
        "stored = acknowledged, nothing more, nothing less"
    );
    let outcome = app::ssr::audit::verify_log(&app.state.db)
        .await
        .expect("verify");
    assert!(outcome.is_ok(), "{outcome:?}");
    // The hotline resends what was refused: each is stored once now; an acknowledged one is a
    // duplicate.
    for reference in refused.iter().take(5) {
        let (status, body) = request(&addr, "/api/v1/clues", Some(&token), &clue(reference))
            .await
            .expect("answer");
        assert_eq!(status, 201, "{reference}: {body}");
    }
    let first = acknowledged.iter().next().expect("one").clone();
    let (status, body) = request(&addr, "/api/v1/clues", Some(&token), &clue(&first))
        .await
        .expect("answer");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"duplicate\":true"), "{body}");
    let _ = server.start_kill();
    let _ = server.wait().await;
}

/// An injected storage failure inside a unit of work (a trigger that fails like a full disk:
/// SQLite's message, PostgreSQL's `disk_full`), on both databases: the answer is 507, nothing
/// of the write is stored, and the very next write on the same pool commits (no connection is
/// left inside a transaction).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_injected_storage_failure_answers_507_and_leaves_the_pool_sound() {
    let app = TestApp::seeded().await;
    if app.pg().is_some() {
        app.exec(
            "CREATE FUNCTION fail_like_a_full_disk() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; \
             END $$ LANGUAGE plpgsql",
        )
        .await;
        app.exec(
            "CREATE TRIGGER full_disk BEFORE INSERT ON clues FOR EACH ROW \
             WHEN (NEW.reference LIKE 'FULL-%') EXECUTE FUNCTION fail_like_a_full_disk()",
        )
        .await;
    } else {
        app.exec(
            "CREATE TRIGGER full_disk BEFORE INSERT ON clues WHEN NEW.reference LIKE 'FULL-%' \
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
        )
        .await;
    }
    let token = app.login("hotline12345").await;
    let events = app.audit_count().await;
    for i in 0..20 {
        let res = app
            .post(
                "/api/v1/clues",
                Some(&token),
                serde_json::from_str(&clue(&format!("FULL-{i}"))).expect("json"),
            )
            .await;
        assert_eq!(res.status, StatusCode::INSUFFICIENT_STORAGE, "{}", res.text);
        assert_eq!(res.body["error"]["code"], "storage_full");
        let res = app
            .post(
                "/api/v1/clues",
                Some(&token),
                serde_json::from_str(&clue(&format!("OK-{i}"))).expect("json"),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM clues WHERE reference LIKE 'FULL-%'")
            .await,
        0
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM clues WHERE reference LIKE 'OK-%'")
            .await,
        20
    );
    assert_eq!(
        app.audit_count().await,
        events + 20,
        "one event per stored clue"
    );
    let outcome = app::ssr::audit::verify_log(&app.state.db)
        .await
        .expect("verify");
    assert!(outcome.is_ok(), "{outcome:?}");
}

/// `tianping audit verify` reads only: it runs on a copy whose files are read-only, and beside
/// a running server, and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_reads_a_read_only_copy_and_beside_a_running_server() {
    let app = TestApp::seeded().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut server, _addr) = start_with(&app, dir.path(), &[]).await;
    let (url, schema) = app.database();
    let verify = |url: String, data: std::path::PathBuf| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tianping"));
        cmd.args(["audit", "verify"])
            .env("DATABASE_URL", url)
            .env("TIANPING_DATA_DIR", data)
            .env("RUST_LOG", "error");
        if let Some(schema) = &schema {
            cmd.env("TIANPING_DB_SCHEMA", schema);
        }
        cmd.output().expect("run")
    };
    let beside = verify(url.clone(), dir.path().join("verify-data"));
    assert!(
        beside.status.success(),
        "{}{}",
        String::from_utf8_lossy(&beside.stdout),
        String::from_utf8_lossy(&beside.stderr)
    );
    assert!(String::from_utf8_lossy(&beside.stdout).contains("audit chain OK"));
    assert!(
        !dir.path().join("verify-data").exists(),
        "verification created nothing (no data directory, no key)"
    );
    let _ = server.start_kill();
    let _ = server.wait().await;
    if app.pg().is_some() {
        return;
    }
    // A read-only copy of the SQLite file (no -wal or -shm beside it, the file mode 0444).
    let copy = tempfile::tempdir().expect("tempdir");
    let file = url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .expect("path");
    let db_copy = copy.path().join("copy.db");
    app.exec("PRAGMA wal_checkpoint(TRUNCATE)").await;
    std::fs::copy(file, &db_copy).expect("copy");
    let before = std::fs::read(&db_copy).expect("read");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db_copy, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    std::fs::set_permissions(copy.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let out = verify(
        format!("sqlite://{}?mode=rwc", db_copy.display()),
        copy.path().join("data"),
    );
    std::fs::set_permissions(copy.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&db_copy).expect("read"),
        before,
        "not a byte changed"
    );
}

/// Group flush (issue 21 item 5): units of work commit without waiting for the disk and are
/// acknowledged only after a flush that began after their commit. One write at a time, each
/// answer comes after a flush of its own (nothing else could have covered it); many at once
/// share flushes, and every one of them is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_waited_for_a_flush_and_concurrent_writes_share_them() {
    let app = TestApp::seeded().await;
    let token = app.login("hotline12345").await;
    let body =
        |reference: &str| serde_json::from_str::<serde_json::Value>(&clue(reference)).unwrap();
    for i in 0..3 {
        let before = app.state.db.flushes();
        let r = app
            .post(
                "/api/v1/clues",
                Some(&token),
                body(&format!("FLUSH-ONE-{i}")),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert!(
            app.state.db.flushes() > before,
            "write {i} was acknowledged without a flush after its commit"
        );
    }
    let before = app.state.db.flushes();
    let writes = 48;
    let tasks: Vec<_> = (0..writes)
        .map(|i| {
            let router = app.router.clone();
            let req = axum::http::Request::builder()
                .method(axum::http::Method::POST)
                .uri("/api/v1/clues")
                .header(axum::http::header::CONTENT_TYPE, "application/json")
                .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
                .body(axum::body::Body::from(clue(&format!("FLUSH-MANY-{i}"))))
                .expect("request");
            tokio::spawn(async move {
                let res = tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("response");
                res.status()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.expect("task"), StatusCode::CREATED);
    }
    let flushes = app.state.db.flushes() - before;
    assert!(
        (1..=writes).contains(&flushes),
        "{writes} writes took {flushes} flushes"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM clues WHERE reference LIKE 'FLUSH-MANY-%'")
            .await,
        writes as i64
    );
}
