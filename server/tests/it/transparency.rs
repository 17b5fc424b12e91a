//! The tamper-evident log's Merkle tree: signed checkpoints, proofs anyone can check, key
//! rotation, a tamper suite, and (on PostgreSQL) two server processes writing one chain.

use app::ssr::{audit, transparency};
use axum::http::StatusCode;
use serde_json::Value;
use tianping_domain::{audit as chain, checkpoint, merkle};

use crate::helpers::TestApp;

fn hash(s: &Value) -> merkle::Hash {
    hex::decode(s.as_str().expect("hex"))
        .expect("hex")
        .try_into()
        .expect("32 bytes")
}

fn hashes(v: &Value) -> Vec<merkle::Hash> {
    v.as_array().expect("array").iter().map(hash).collect()
}

async fn public_keys(app: &TestApp) -> Vec<checkpoint::PublicKey> {
    let keys = app.get("/api/v1/public/audit/keys", None).await;
    assert_eq!(keys.status, StatusCode::OK, "{}", keys.text);
    serde_json::from_value(keys.body).expect("keys")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkpoints_are_signed_public_and_proofs_verify_with_nothing_but_them() {
    let app = TestApp::seeded().await;
    let first = transparency::make_checkpoint(&app.state, false)
        .await
        .expect("checkpoint")
        .expect("a new checkpoint");
    // Nothing new: no second checkpoint.
    assert!(
        transparency::make_checkpoint(&app.state, false)
            .await
            .expect("checkpoint")
            .is_none()
    );

    // Anonymous callers read the latest checkpoint and the keys, and verify the signature.
    let latest = app
        .get("/api/v1/public/audit/checkpoints/latest", None)
        .await;
    assert_eq!(latest.status, StatusCode::OK, "{}", latest.text);
    let note = latest.body["note"].as_str().expect("note");
    let signed = checkpoint::parse(note).expect("a checkpoint note");
    let keys = public_keys(&app).await;
    checkpoint::verify(&signed, &keys).expect("signed by a published key");
    assert_eq!(signed.body.size, u64::try_from(first.size).expect("size"));

    // An inclusion proof of an internal event reveals only hashes, and verifies.
    let p = app
        .get(
            &format!(
                "/api/v1/public/audit/proof/inclusion?seq=3&size={}",
                first.size
            ),
            None,
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text);
    assert!(
        p.body["event"].is_null(),
        "internal event content is not disclosed: {}",
        p.text
    );
    assert!(!p.text.contains("payload"), "{}", p.text);
    assert!(merkle::verify_inclusion(
        &hash(&p.body["leaf_hash"]),
        2,
        signed.body.size,
        &hashes(&p.body["proof"]),
        &signed.body.root,
    ));

    // More events, a second checkpoint, and a consistency proof between the two.
    for _ in 0..5 {
        app.login("officer.zhang").await;
    }
    let second = transparency::make_checkpoint(&app.state, false)
        .await
        .expect("checkpoint")
        .expect("a new checkpoint");
    assert!(second.size > first.size);
    let c = app
        .get(
            &format!(
                "/api/v1/public/audit/proof/consistency?from={}&to={}",
                first.size, second.size
            ),
            None,
        )
        .await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.text);
    let old = checkpoint::parse(&first.note).expect("first");
    let new = checkpoint::parse(&second.note).expect("second");
    assert!(merkle::verify_consistency(
        old.body.size,
        new.body.size,
        &old.body.root,
        &new.body.root,
        &hashes(&c.body["proof"]),
    ));
    // The list is public and newest first.
    let list = app.get("/api/v1/public/audit/checkpoints", None).await;
    assert_eq!(list.body[0]["size"], second.size, "{}", list.text);
    // Out-of-range requests are clear errors.
    let bad = app
        .get(
            "/api/v1/public/audit/proof/consistency?from=5&to=999999",
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    let bad = app
        .get("/api/v1/public/audit/proof/inclusion?seq=999999", None)
        .await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND, "{}", bad.text);
    // The whole log and tree verify.
    let report = transparency::verify_tree(&app.state, None, false)
        .await
        .expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.checkpoints_checked, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkpoints_signed_by_a_retired_key_still_verify() {
    let app = TestApp::seeded().await;
    let before = transparency::make_checkpoint(&app.state, false)
        .await
        .expect("checkpoint")
        .expect("new");
    app.clock.advance(chrono::Duration::minutes(5));
    let new_name = transparency::rotate_key(&app.state).await.expect("rotate");
    app.clock.advance(chrono::Duration::minutes(5));
    app.login("officer.zhang").await;
    let after = transparency::make_checkpoint(&app.state, false)
        .await
        .expect("checkpoint")
        .expect("new");
    assert_ne!(before.key_name, after.key_name);
    assert_eq!(after.key_name, new_name);
    let keys = public_keys(&app).await;
    assert_eq!(keys.len(), 2);
    assert!(keys[0].valid_to.is_some(), "the first key is retired");
    for c in [&before, &after] {
        let signed = checkpoint::parse(&c.note).expect("note");
        checkpoint::verify(&signed, &keys).expect("verifies");
    }
    let report = transparency::verify_tree(&app.state, None, false)
        .await
        .expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// Recomputes the whole chain (prev hashes, hashes, head) and the Merkle nodes from the
/// events as they now stand, as an attacker with write access to the database would.
async fn recompute_everything(app: &TestApp) {
    let mut events = Vec::new();
    audit::for_each_event(&app.state.db.conn, |e| {
        events.push(e);
        Ok(())
    })
    .await
    .expect("events");
    let mut prev = chain::GENESIS;
    app.exec("DELETE FROM merkle_nodes").await;
    for e in &events {
        let (stored, h) = chain::link(&prev, e.record.clone());
        app.exec(&format!(
            "UPDATE audit_events SET prev_hash = '{}', hash = '{}' WHERE seq = {}",
            stored.prev_hash, stored.hash, e.record.seq
        ))
        .await;
        prev = h;
    }
    let last = events.last().map_or(0, |e| e.record.seq);
    app.exec(&format!(
        "UPDATE audit_head SET seq = {last}, hash = '{}', tree_size = 0 WHERE id = 1",
        hex::encode(prev)
    ))
    .await;
    app.exec("DELETE FROM audit_checkpoints").await;
    transparency::catch_up(&app.state.db)
        .await
        .expect("rebuild the tree");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_tampering_is_caught_and_the_first_bad_event_named() {
    // (what, SQL, the first bad event the chain check must name)
    let cases: [(&str, &str, i64); 5] = [
        (
            "a payload byte changed",
            "UPDATE audit_events SET payload = replace(payload, '\"', '''') WHERE seq = 10",
            10,
        ),
        (
            "an actor changed",
            "UPDATE audit_events SET actor_id = 1 WHERE seq = 12",
            12,
        ),
        (
            "an event deleted",
            "DELETE FROM audit_events WHERE seq = 15",
            15,
        ),
        (
            "a forged event inserted",
            "INSERT INTO audit_events (seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id, payload, prev_hash, hash) \
             SELECT seq + 1, occurred_at, actor_id, actor_role, 'user.create', subject_type, subject_id, payload, hash, hash \
             FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)",
            0,
        ),
        (
            "two events swapped",
            "UPDATE audit_events SET payload = CASE seq WHEN 8 THEN (SELECT payload FROM audit_events WHERE seq = 9) ELSE (SELECT payload FROM audit_events WHERE seq = 8) END WHERE seq IN (8, 9)",
            8,
        ),
    ];
    for (what, sql, first_bad) in cases {
        let app = TestApp::seeded().await;
        transparency::make_checkpoint(&app.state, false)
            .await
            .expect("checkpoint");
        let last = app.scalar("SELECT MAX(seq) FROM audit_events").await;
        // 0 stands for "the event after the last one".
        let first_bad = if first_bad == 0 { last + 1 } else { first_bad };
        app.exec(sql).await;
        let outcome = audit::verify_log(&app.state.db).await.expect("verify");
        let err = outcome.expect_err(what);
        assert_eq!(err.first_bad_seq(), first_bad, "{what}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rewritten_or_truncated_history_with_every_hash_recomputed_is_caught_by_a_saved_checkpoint()
 {
    for truncate in [true, false] {
        let app = TestApp::seeded().await;
        let saved = transparency::make_checkpoint(&app.state, false)
            .await
            .expect("checkpoint")
            .expect("new");
        let saved = checkpoint::parse(&saved.note).expect("note");
        let n = i64::try_from(saved.body.size).expect("size");
        if truncate {
            app.exec(&format!("DELETE FROM audit_events WHERE seq > {}", n - 5))
                .await;
        } else {
            app.exec("UPDATE audit_events SET subject_id = '999' WHERE seq = 7")
                .await;
        }
        recompute_everything(&app).await;
        // The chain alone no longer shows anything...
        assert!(
            audit::verify_log(&app.state.db)
                .await
                .expect("verify")
                .is_ok()
        );
        let own = transparency::verify_tree(&app.state, None, false)
            .await
            .expect("verify");
        assert!(own.problems.is_empty(), "{:?}", own.problems);
        // ...but the checkpoint saved before does.
        let report = transparency::verify_tree(&app.state, Some(&saved), false)
            .await
            .expect("verify");
        if truncate {
            assert_eq!(
                report.problems,
                vec![transparency::TreeProblem::Truncated {
                    have: u64::try_from(n - 5).expect("n"),
                    want: saved.body.size
                }]
            );
            assert_eq!(report.problems[0].first_bad_seq(), Some(n - 4));
        } else {
            assert_eq!(
                report.problems,
                vec![transparency::TreeProblem::RootMismatch {
                    size: saved.body.size,
                    source: "given".into()
                }]
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_evidence_file_edited_on_disk_is_caught() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::seeded().await;
    let store = app::ssr::blobs::BlobStore::new(&app.state.settings.data_dir);
    let mut upload = store.upload(1 << 20).await.expect("upload");
    upload.write(b"original photo bytes").await.expect("write");
    let staged = upload.finish().await.expect("finish");
    store.put(&staged).await.expect("put");
    app::ssr::entities::blobs::ActiveModel {
        sha256: Set(staged.sha256.clone()),
        size: Set(20),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&app.state.db.conn)
    .await
    .expect("blob row");
    let report = transparency::verify_tree(&app.state, None, true)
        .await
        .expect("verify");
    assert_eq!(report.files_checked, 1);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    std::fs::write(store.path_of(&staged.sha256), b"edited photo bytes!!").expect("edit");
    let report = transparency::verify_tree(&app.state, None, true)
        .await
        .expect("verify");
    assert_eq!(
        report.problems,
        vec![transparency::TreeProblem::FileAltered {
            sha256: staged.sha256.clone()
        }]
    );
}

/// Sends one HTTP/1.1 request and returns the status code.
async fn http(addr: &str, method: &str, path: &str, body: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.expect("write");
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.expect("read");
    let text = String::from_utf8_lossy(&out);
    text.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_on_one_postgres_database_write_one_linear_chain() {
    let app = TestApp::seeded().await;
    let Some((url, schema)) = app.pg() else {
        eprintln!("PostgreSQL only: two processes share one database there");
        return;
    };
    let before = app.scalar("SELECT MAX(seq) FROM audit_events").await;
    let mut servers = Vec::new();
    let mut addrs = Vec::new();
    for i in 0..2 {
        let addr = format!("127.0.0.1:{}", free_port());
        let dir = tempfile::tempdir().expect("tempdir");
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tianping"))
            .arg("serve")
            .env("DATABASE_URL", &url)
            .env("TIANPING_DB_SCHEMA", &schema)
            .env("LEPTOS_SITE_ADDR", &addr)
            .env("TIANPING_DATA_DIR", dir.path())
            .env(
                "TIANPING_JWT_SECRET",
                "0123456789abcdef0123456789abcdef-shared",
            )
            // Both sign checkpoints too, once a second, while the writes go on; with the same
            // key, so the test can verify them.
            .env("TIANPING_AUDIT_KEY", "07".repeat(32))
            .env("TIANPING_CHECKPOINT_SECS", "1")
            .env("RUST_LOG", "warn")
            .kill_on_drop(true)
            .spawn()
            .expect("start a server process");
        servers.push((child, dir, i));
        addrs.push(addr);
    }
    for addr in &addrs {
        let mut up = false;
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(addr).await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "server at {addr} did not start");
    }
    // 2 servers × 4 clients × 10 sign-ins: each one an audited write.
    let login = format!(
        r#"{{"username":"officer.zhang","password":"{}"}}"#,
        crate::helpers::PASSWORD
    );
    let mut tasks = Vec::new();
    for addr in &addrs {
        for _ in 0..4 {
            let addr = addr.clone();
            let login = login.clone();
            tasks.push(tokio::spawn(async move {
                let mut ok = 0;
                for _ in 0..10 {
                    if http(&addr, "POST", "/api/v1/auth/login", &login).await == 200 {
                        ok += 1;
                    }
                }
                ok
            }));
        }
    }
    let mut succeeded = 0;
    for t in tasks {
        succeeded += t.await.expect("client");
    }
    assert_eq!(succeeded, 80, "every sign-in succeeded");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    for (mut child, _dir, _) in servers {
        let _ = child.kill().await;
    }
    // One linear, gapless chain holding every write, a tree over all of it, and every
    // checkpoint either process signed verifies against it.
    let after = app.scalar("SELECT MAX(seq) FROM audit_events").await;
    let count = app.scalar("SELECT COUNT(*) FROM audit_events").await;
    assert_eq!(count, after, "no gaps");
    assert!(after >= before + 80, "{before} → {after}");
    let summary = audit::verify_log(&app.state.db)
        .await
        .expect("verify")
        .expect("the chain is intact");
    assert_eq!(summary.count, after);
    let report = transparency::verify_tree(&app.state, None, false)
        .await
        .expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(
        report.checkpoints_checked >= 1,
        "the servers signed checkpoints"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tree_grows_right_when_the_heads_copy_of_its_edge_is_missing_or_stale() {
    let app = TestApp::seeded().await;
    let head = "SELECT frontier FROM audit_head WHERE id = 1";
    assert!(
        app.scalar_text(head).await.contains(':'),
        "appends keep the edge on the head"
    );
    // A head from before the edge was kept, then one whose edge belongs to another size:
    // both are restored from the stored nodes, and the next append writes the edge again.
    for edge in ["NULL", "'1:'"] {
        app.exec(&format!(
            "UPDATE audit_head SET frontier = {edge} WHERE id = 1"
        ))
        .await;
        for _ in 0..3 {
            app.login("officer.zhang").await;
        }
        let size = app
            .scalar("SELECT tree_size FROM audit_head WHERE id = 1")
            .await;
        assert!(app.scalar_text(head).await.starts_with(&format!("{size}:")));
        let report = transparency::verify_tree(&app.state, None, false)
            .await
            .expect("verify");
        assert!(report.problems.is_empty(), "{edge}: {:?}", report.problems);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_copy_of_the_trees_edge_on_the_head_is_caught() {
    let app = TestApp::seeded().await;
    let text = app
        .scalar_text("SELECT frontier FROM audit_head WHERE id = 1")
        .await;
    let (size, peaks) = text.split_once(':').expect("size:peaks");
    app.exec(&format!(
        "UPDATE audit_head SET frontier = '{size}:{}' WHERE id = 1",
        "0".repeat(peaks.len())
    ))
    .await;
    let report = transparency::verify_tree(&app.state, None, false)
        .await
        .expect("verify");
    assert_eq!(
        report.problems,
        vec![transparency::TreeProblem::NodesMismatch]
    );
}
