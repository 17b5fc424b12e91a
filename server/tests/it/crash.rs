//! Crash safety: a server process writing case changes from concurrent clients is killed with
//! SIGKILL at a different moment 20 times; after each kill every acknowledged write is present,
//! no change exists without its audit event (or the reverse), and the chain and tree verify.
//! On SQLite the durability setting is WAL with `synchronous = FULL` (see `app::ssr::db`).

use std::{sync::Arc, time::Duration};

use app::ssr::{audit, transparency};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    sync::Mutex,
};

use crate::helpers::{PASSWORD, TestApp};

/// One HTTP/1.1 request; `None` when the connection fails (the server is gone).
pub(crate) async fn request(
    addr: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.ok()?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.ok()?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

async fn start(app: &TestApp, dir: &std::path::Path) -> (tokio::process::Child, String) {
    start_with(app, dir, &[]).await
}

/// Starts the real binary on the app's database with extra environment variables.
pub(crate) async fn start_with(
    app: &TestApp,
    dir: &std::path::Path,
    env: &[(&str, &str)],
) -> (tokio::process::Child, String) {
    let (url, schema) = app.database();
    let addr = format!("127.0.0.1:{}", free_port());
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_tianping"));
    cmd.arg("serve")
        .env("DATABASE_URL", &url)
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("TIANPING_DATA_DIR", dir)
        .env(
            "TIANPING_JWT_SECRET",
            "0123456789abcdef0123456789abcdef-crash",
        )
        .env("TIANPING_CHECKPOINT_SECS", "0")
        .env("RUST_LOG", "error")
        .kill_on_drop(true);
    if let Some(schema) = schema {
        cmd.env("TIANPING_DB_SCHEMA", schema);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("start the server");
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(&addr).await.is_ok() {
            return (child, addr);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server at {addr} did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_twenty_times_and_nothing_is_half_done() {
    let app = TestApp::seeded().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let acknowledged: Arc<Mutex<Vec<i64>>> = Arc::default();
    let mut token = String::new();
    for round in 0..20u64 {
        let (mut server, addr) = start(&app, dir.path()).await;
        if token.is_empty() {
            let login = format!(r#"{{"username":"officer.zhang","password":"{PASSWORD}"}}"#);
            let (status, body) = request(&addr, "/api/v1/auth/login", None, &login)
                .await
                .expect("login");
            assert_eq!(status, 200, "{body}");
            let v: serde_json::Value = serde_json::from_str(&body).expect("json");
            token = v["token"].as_str().expect("token").to_owned();
        }
        let mut clients = Vec::new();
        for c in 0..3 {
            let (addr, token, acked) = (addr.clone(), token.clone(), acknowledged.clone());
            clients.push(tokio::spawn(async move {
                for n in 0.. {
                    let body = format!(
                        r#"{{"source":"inspection","title":"崩溃测试 {round}-{c}-{n}","description":"d","location":"临江市","act_date":"2026-11-20"}}"#
                    );
                    match request(&addr, "/api/v1/cases", Some(&token), &body).await {
                        Some((201, b)) => {
                            let v: serde_json::Value = serde_json::from_str(&b).expect("json");
                            acked.lock().await.push(v["case_id"].as_i64().expect("id"));
                        }
                        Some((status, b)) => panic!("unexpected answer {status}: {b}"),
                        None => break,
                    }
                }
            }));
        }
        // A different kill point each round: 40 ms to 600 ms into the writes.
        tokio::time::sleep(Duration::from_millis(40 + (round * 149) % 560)).await;
        server.start_kill().expect("SIGKILL");
        let _ = server.wait().await;
        for c in clients {
            c.await.expect("client");
        }
        // Every acknowledged case is there; no case without its event and no event without
        // its case; the chain and the tree verify.
        let ids = acknowledged.lock().await.clone();
        let cases = app.scalar("SELECT COUNT(*) FROM cases").await;
        let events = app
            .scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'case.register_clue'")
            .await;
        assert_eq!(
            cases, events,
            "round {round}: a case without its audit event or the reverse"
        );
        let max_acked = ids.iter().copied().max().unwrap_or(0);
        let present = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM cases WHERE id <= {max_acked}"
            ))
            .await;
        for id in &ids {
            let n = app
                .scalar(&format!("SELECT COUNT(*) FROM cases WHERE id = {id}"))
                .await;
            assert_eq!(n, 1, "round {round}: acknowledged case {id} is missing");
        }
        assert!(present >= i64::try_from(ids.len()).expect("len"));
        audit::verify_log(&app.state.db)
            .await
            .expect("verify")
            .unwrap_or_else(|e| panic!("round {round}: chain broken: {e}"));
    }
    // After the last kill the server restarts, and the tree (caught up if the kill came
    // between events) verifies too.
    let (mut server, _addr) = start(&app, dir.path()).await;
    let _ = server.start_kill();
    let _ = server.wait().await;
    let report = transparency::verify_tree(&app.state, None, false)
        .await
        .expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(
        acknowledged.lock().await.len() >= 20,
        "writes were acknowledged"
    );
}
