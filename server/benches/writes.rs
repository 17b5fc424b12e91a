//! Write benchmark (issue 21; prints figures, not a timed test).
//!
//! `cargo bench -p server --bench writes -- [SECONDS]`: audited clue submissions (the hotline's
//! API call: authentication, validation, the insert and its audit event in one commit) through
//! the real router, by 1, 8 and 32 concurrent writers, each for SECONDS (default 5): writes/s
//! and p50/p95/p99 latency. In the same run a reader asks for a case page's JSON
//! (`GET /api/v1/cases/{id}`) as fast as it can, alone first and then beside the 32 writers:
//! the share of its throughput it keeps. On SQLite, and on PostgreSQL if
//! `TIANPING_TEST_PG_URL` answers, where a second run puts two application states (two
//! "servers", each with its own pools and head cache) on one database.
//! `scripts/bench-writes.sh` runs it in its own target directory.

mod common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use app::ssr::{AppState, db::Db, seed};
use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use common::{state, with_pg_schema};

fn clue_request(token: &str, reference: &str) -> Request<Body> {
    let body = serde_json::json!({
        "source": "12345", "reference": reference, "title": "餐馆后厨卫生问题",
        "description": "市民反映某餐馆后厨脏乱，存在过期食材。", "location": "临江市滨江路 88 号",
        "reported_at": "2026-11-26T09:30:00+08:00", "agency": "SCJG",
    });
    Request::builder()
        .method(Method::POST)
        .uri("/api/v1/clues")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body.to_string()))
        .unwrap_or_default()
}

fn read_request(token: &str, path: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap_or_default()
}

/// One reader's requests per second over `secs`, while `stop` is not set.
async fn reads_per_sec(router: Router, token: String, path: String, secs: f64) -> f64 {
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed().as_secs_f64() < secs {
        let res = tower::ServiceExt::oneshot(router.clone(), read_request(&token, &path)).await;
        if res.is_ok_and(|r| r.status() == StatusCode::OK) {
            n += 1;
        }
    }
    n as f64 / started.elapsed().as_secs_f64()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `writers` tasks submit clues for `secs` over the given routers (round robin): writes/s,
/// latencies in ms (sorted), errors.
async fn write_load(
    routers: &[Router],
    token: &str,
    writers: usize,
    secs: f64,
    tag: &str,
) -> (f64, Vec<f64>, usize) {
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for w in 0..writers {
        let router = routers[w % routers.len()].clone();
        let token = token.to_owned();
        let stop = stop.clone();
        let errors = errors.clone();
        let tag = tag.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let reference = format!("{tag}-{w}-{i}");
                i += 1;
                let t = Instant::now();
                let res =
                    tower::ServiceExt::oneshot(router.clone(), clue_request(&token, &reference))
                        .await;
                match res {
                    Ok(r) if r.status() == StatusCode::CREATED => {
                        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                    Ok(r) => {
                        if errors.fetch_add(1, Ordering::Relaxed) == 0 {
                            let body = axum::body::to_bytes(r.into_body(), 1 << 16)
                                .await
                                .unwrap_or_default();
                            eprintln!("first failed write: {}", String::from_utf8_lossy(&body));
                        }
                    }
                    Err(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(secs)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    (
        all.len() as f64 / elapsed,
        all,
        errors.load(Ordering::Relaxed),
    )
}

async fn login(router: &Router, username: &str) -> anyhow::Result<String> {
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            serde_json::json!({"username": username, "password": "Bench-Password-2026"})
                .to_string(),
        ))?;
    let res = tower::ServiceExt::oneshot(router.clone(), req).await?;
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)?;
    v["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("login {username}: {v}"))
}

async fn run(label: &str, states: Vec<AppState>, secs: f64) -> anyhow::Result<()> {
    let routers: Vec<Router> = states
        .iter()
        .map(|s| server::build_router(s.clone()))
        .collect();
    let hotline = seed::demo_api_token();
    let officer = login(&routers[0], "officer.zhang").await?;
    // A case to read, registered through the API.
    let case = {
        let body = serde_json::json!({
            "source": "inspection", "title": "基准测试案件", "description": "d",
            "location": "临江市解放路", "act_date": "2026-11-20",
        });
        let req = Request::builder()
            .method(Method::POST)
            .uri("/api/v1/cases")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {officer}"))
            .body(Body::from(body.to_string()))?;
        let res = tower::ServiceExt::oneshot(routers[0].clone(), req).await?;
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await?;
        let v: serde_json::Value = serde_json::from_slice(&bytes)?;
        v["case_id"].as_i64()
    };
    let read_path = match case {
        Some(id) => format!("/api/v1/cases/{id}"),
        None => "/api/v1/cases".to_owned(),
    };
    let alone = reads_per_sec(routers[0].clone(), officer.clone(), read_path.clone(), secs).await;
    println!("{label}: reads alone ({read_path}): {alone:.0}/s");
    for writers in [1usize, 8, 32] {
        let reader = tokio::spawn(reads_per_sec(
            routers[0].clone(),
            officer.clone(),
            read_path.clone(),
            secs,
        ));
        let (rate, lat, errors) = write_load(
            &routers,
            &hotline,
            writers,
            secs,
            &format!("B{}-{writers}", routers.len()),
        )
        .await;
        let reads = reader.await.unwrap_or(0.0);
        println!(
            "{label}: {writers:>2} writers: {rate:>6.0} audited writes/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, {errors} errors; reads beside them {reads:.0}/s ({:.0} % of alone)",
            percentile(&lat, 0.50),
            percentile(&lat, 0.95),
            percentile(&lat, 0.99),
            if alone > 0.0 {
                reads / alone * 100.0
            } else {
                0.0
            },
        );
    }
    for s in &states {
        let outcome = app::ssr::audit::verify_log(&s.db).await?;
        if let Err(e) = outcome {
            anyhow::bail!("{label}: the chain does not verify after the run: {e}");
        }
    }
    println!("{label}: audit chain verified after the run");
    Ok(())
}

async fn prepare(db: Db, dir: &std::path::Path) -> anyhow::Result<AppState> {
    db.migrate().await?;
    let st = state(db, dir).await?;
    seed::seed_demo_with(&st, "Bench-Password-2026", false).await?;
    Ok(st)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let secs: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5.0);
    // `TIANPING_BENCH_RUNS=postgres` (a comma list of `sqlite`, `postgres`, `postgres2`) runs
    // only those, e.g. under a profiler.
    let runs =
        std::env::var("TIANPING_BENCH_RUNS").unwrap_or_else(|_| "sqlite,postgres,postgres2".into());
    let wanted = |name: &str| runs.split(',').any(|r| r.trim() == name);
    let dir = tempfile::tempdir()?;
    if wanted("sqlite") {
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("w.db").display());
        let st = prepare(Db::connect(&url, None).await?, dir.path()).await?;
        run("SQLite", vec![st], secs).await?;
    }
    if wanted("postgres") {
        with_pg_schema("bench_writes", |db| async move {
            let pg_dir = tempfile::tempdir()?;
            let st = prepare(db, pg_dir.path()).await?;
            run("PostgreSQL", vec![st], secs).await
        })
        .await?;
    }
    if !wanted("postgres2") {
        return Ok(());
    }
    with_pg_schema("bench_writes2", |db| async move {
        let pg_dir = tempfile::tempdir()?;
        let st = prepare(db, pg_dir.path()).await?;
        let pg_url = std::env::var("TIANPING_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let schema = format!("bench_writes2_{}", std::process::id());
        let second = state(Db::connect(&pg_url, Some(&schema)).await?, pg_dir.path()).await?;
        run("PostgreSQL, two servers", vec![st, second], secs).await
    })
    .await
}
