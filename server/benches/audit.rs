//! Audit-log benchmark (prints figures; not a timed test).
//!
//! `cargo bench -p server --bench audit -- append [N]`: append throughput of a case change
//! with its audit event in the same transaction, against the bare case update, on SQLite and
//! (if `TIANPING_TEST_PG_URL` answers) PostgreSQL.
//!
//! `cargo bench -p server --bench audit -- generate DIR [N]`: writes a SQLite log of N events
//! (default 1,000,000) with a valid chain and Merkle tree; `… -- verify DIR`: full verification
//! of that log (chain and tree, streamed) with its speed and this process's peak memory.
//! `scripts/bench-audit.sh` runs all three.

mod common;

use std::time::Instant;

use app::ssr::{
    audit::{AuditActor, NewEvent, UnitOfWork},
    db::Db,
    entities::{audit_events, audit_head, cases, merkle_nodes},
    seed, transparency,
};
use common::{peak_rss_mib, state, with_pg_schema};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, Statement,
    TransactionTrait,
};
use tianping_domain::{audit as chain, merkle};

async fn append(label: &str, db: Db, dir: &std::path::Path, n: usize) -> anyhow::Result<()> {
    db.migrate().await?;
    let st = state(db, dir).await?;
    seed::seed_demo_with(&st, "Bench-Password-2026", false).await?;
    // One case to update over and over.
    let officer = st
        .db
        .conn
        .query_one_raw(Statement::from_string(
            st.db.backend(),
            "SELECT id FROM users WHERE username = 'officer.zhang'".to_owned(),
        ))
        .await?
        .and_then(|r| r.try_get_by_index::<i32>(0).ok())
        .unwrap_or(1);
    let now = chrono::Utc::now();
    let case = cases::ActiveModel {
        number: Set("BENCH-1".into()),
        agency_id: Set(1),
        procedure: Set("ordinary".into()),
        state: Set("investigating".into()),
        title: Set("bench".into()),
        description: Set("bench".into()),
        location: Set("bench".into()),
        source: Set("inspection".into()),
        received_on: Set(now.date_naive()),
        created_by: Set(officer),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&st.db.conn)
    .await?;
    let update = |i: usize| {
        let mut m = case.clone().into_active_model();
        m.title = Set(format!("bench {i}"));
        m.updated_at = Set(chrono::Utc::now());
        m
    };
    // Bare: the case update alone, one transaction each (same write guard as a unit of work),
    // with the derived data it keeps (part of a case write, not of the audit).
    let touched = app::ssr::audit::Touched {
        cases: std::collections::BTreeSet::from([case.id]),
        ..Default::default()
    };
    let bare_batch = |from: usize, to: usize| {
        let st = &st;
        let touched = &touched;
        async move {
            let t = Instant::now();
            for i in from..to {
                let _guard = st.db.write_guard().await;
                let txn = st.db.conn.begin().await?;
                update(i).update(&txn).await?;
                app::ssr::derived::in_transaction(&txn, touched).await?;
                txn.commit().await?;
            }
            anyhow::Ok(t.elapsed().as_secs_f64())
        }
    };
    // With the audit event (chain, Merkle nodes, head) in the same transaction.
    let audited_batch = |from: usize, to: usize| {
        let st = &st;
        async move {
            let t = Instant::now();
            for i in from..to {
                let mut uow = UnitOfWork::begin(&st.db, chrono::Utc::now()).await?;
                update(i).update(uow.txn()).await?;
                uow.record(NewEvent {
                    actor: AuditActor::system(),
                    action: "case.bench",
                    subject_type: "case",
                    subject_id: case.id.to_string(),
                    payload: serde_json::json!({"i": i}),
                });
                uow.commit().await?;
            }
            anyhow::Ok(t.elapsed().as_secs_f64())
        }
    };
    // Interleaved rounds, alternating which goes first, so that the disk's and the log's drift
    // over the run (WAL growth, checkpoints, caches) falls on both alike.
    let rounds = 10;
    let per = (n / rounds).max(1);
    let (mut bare, mut audited) = (0.0, 0.0);
    let mut ratios = Vec::new();
    for r in 0..rounds {
        let (from, to) = (r * per, (r + 1) * per);
        let (b, a) = if r % 2 == 0 {
            let b = bare_batch(from, to).await?;
            (b, audited_batch(from, to).await?)
        } else {
            let a = audited_batch(from, to).await?;
            (bare_batch(from, to).await?, a)
        };
        bare += b;
        audited += a;
        ratios.push(a / b);
    }
    ratios.sort_by(f64::total_cmp);
    #[allow(clippy::cast_precision_loss)]
    let nf = (per * rounds) as f64;
    println!(
        "{label}: bare case update {:.0}/s; with audit event {:.0} events/s; audit overhead {:+.1} % (median of {rounds} interleaved rounds {:+.1} %)",
        nf / bare,
        nf / audited,
        (audited / bare - 1.0) * 100.0,
        (ratios[rounds / 2] - 1.0) * 100.0
    );
    Ok(())
}

/// Writes `n` events with a valid chain and tree straight into a fresh SQLite database.
async fn generate(dir: &std::path::Path, n: i64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("bench.db");
    let _ = std::fs::remove_file(&path);
    let db = Db::connect(&format!("sqlite://{}?mode=rwc", path.display()), None).await?;
    db.migrate().await?;
    let t = Instant::now();
    let mut prev = chain::GENESIS;
    let mut tree = merkle::Frontier::new();
    let occurred = chain::format_timestamp(chrono::Utc::now());
    let mut seq = 0i64;
    while seq < n {
        let txn = db.conn.begin().await?;
        let mut events = Vec::with_capacity(1000);
        let mut nodes = Vec::with_capacity(2000);
        for _ in 0..1000.min(n - seq) {
            seq += 1;
            let record = chain::EventRecord {
                seq,
                occurred_at: occurred.clone(),
                actor_id: Some(i32::try_from(seq % 13 + 1).unwrap_or(1)),
                actor_role: "officer".into(),
                action: "case.record_evidence".into(),
                subject_type: "case".into(),
                subject_id: (seq % 5000).to_string(),
                payload: format!(
                    r#"{{"collected_by":[3,4],"command":"record_evidence","kind":"photo","sha256":"{:064x}","title":"现场照片 {seq}"}}"#,
                    seq
                ),
            };
            for (level, idx, hash) in tree.push(transparency::leaf(&record)) {
                nodes.push(merkle_nodes::ActiveModel {
                    level: Set(i32::try_from(level).unwrap_or(0)),
                    idx: Set(i64::try_from(idx).unwrap_or(0)),
                    hash: Set(hex::encode(hash)),
                });
            }
            let (stored, h) = chain::link(&prev, record);
            prev = h;
            let r = stored.record;
            events.push(audit_events::ActiveModel {
                seq: Set(r.seq),
                occurred_at: Set(r.occurred_at),
                actor_id: Set(r.actor_id),
                actor_role: Set(r.actor_role),
                action: Set(r.action),
                subject_type: Set(r.subject_type),
                subject_id: Set(r.subject_id),
                payload: Set(r.payload),
                prev_hash: Set(stored.prev_hash),
                hash: Set(stored.hash),
            });
        }
        audit_events::Entity::insert_many(events)
            .exec_without_returning(&txn)
            .await?;
        for chunk in nodes.chunks(1000) {
            merkle_nodes::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
    }
    let head = audit_head::ActiveModel {
        id: Set(1),
        seq: Set(seq),
        hash: Set(hex::encode(prev)),
        tree_size: Set(seq),
        frontier: Set(Some(transparency::frontier_text(&tree))),
    };
    head.update(&db.conn).await?;
    println!(
        "generated {n} events in {:.1} s into {}",
        t.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

async fn verify(dir: &std::path::Path) -> anyhow::Result<()> {
    let path = dir.join("bench.db");
    let db = Db::connect(&format!("sqlite://{}?mode=rwc", path.display()), None).await?;
    let st = state(db, dir).await?;
    // One streamed pass: chain and tree together (what `tianping audit verify` runs).
    let t = Instant::now();
    let (chain_ok, report) = transparency::verify_all(&st, None, false)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let secs = t.elapsed().as_secs_f64();
    let summary = chain_ok.map_err(|e| anyhow::anyhow!("chain broken: {e}"))?;
    anyhow::ensure!(report.problems.is_empty(), "{:?}", report.problems);
    // The bare cost of reading the rows (the same scan, nothing re-hashed), for comparison.
    let t = Instant::now();
    let mut rows = 0u64;
    app::ssr::audit::scan::scan(&st.db, |_| {
        rows += 1;
        std::ops::ControlFlow::Continue(())
    })
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let read_secs = t.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let n = summary.count as f64;
    println!(
        "verified {} events (chain and Merkle tree, one streamed pass) in {:.2} s: {:.0} events/s; peak memory {:.1} MiB; reading the rows alone takes {:.2} s ({rows} rows)",
        summary.count,
        secs,
        n / secs,
        peak_rss_mib(),
        read_secs
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.first().map(String::as_str) {
        Some("append") => {
            let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
            let dir = tempfile::tempdir()?;
            let sqlite = Db::connect(
                &format!("sqlite://{}?mode=rwc", dir.path().join("a.db").display()),
                None,
            )
            .await?;
            append("SQLite (WAL, synchronous=FULL)", sqlite, dir.path(), n).await?;
            let path = dir.path().to_path_buf();
            with_pg_schema("bench", |pg| async move {
                append("PostgreSQL", pg, &path, n).await
            })
            .await?;
        }
        Some("generate") => {
            let dir =
                std::path::PathBuf::from(args.get(1).map_or("target/bench-audit", String::as_str));
            let n = args
                .get(2)
                .and_then(|s| s.parse().ok())
                .unwrap_or(1_000_000);
            generate(&dir, n).await?;
        }
        Some("verify") => {
            let dir =
                std::path::PathBuf::from(args.get(1).map_or("target/bench-audit", String::as_str));
            verify(&dir).await?;
        }
        _ => println!("usage: audit (append [N] | generate DIR [N] | verify DIR)"),
    }
    Ok(())
}
