//! Supervision dashboard benchmark (prints figures; not a timed test).
//!
//! `cargo bench -p server --bench supervision -- [N]` generates N cases (default 1,000,000)
//! spread over three agencies and 24 months — two officers each, 80 % closed, deadlines on a
//! tenth, evidence collected by both officers on a tenth, legal reviews on a twentieth — in SQLite and (if `TIANPING_TEST_PG_URL` answers)
//! PostgreSQL, then times the statistics the supervision dashboard shows (the supervisor's
//! whole region, the default twelve months), by agency, month, officer and matter, and the
//! region's warnings.
//! `scripts/bench-supervision.sh` runs it.

mod common;

use std::time::Instant;

use app::ssr::{
    AppState, auth,
    db::Db,
    entities::users,
    rollup, seed,
    services::{
        statistics::{self, StatsQuery},
        supervision,
    },
    warning_index,
};
use common::{Rng, exec, id_of, state, with_pg_schema};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tianping_domain::i18n::Lang;

async fn generate(st: &AppState, n: usize) -> anyhow::Result<()> {
    let db = &st.db;
    let mut teams = Vec::new();
    for (agency, a, b) in [
        ("SCJG", "officer.zhang", "officer.li"),
        ("CGZF", "officer.wang", "officer.chen"),
        ("STHJ", "officer.zhao", "officer.qian"),
    ] {
        teams.push((
            id_of(
                db,
                &format!("SELECT id FROM agencies WHERE code = '{agency}'"),
            )
            .await?,
            id_of(db, &format!("SELECT id FROM users WHERE username = '{a}'")).await?,
            id_of(db, &format!("SELECT id FROM users WHERE username = '{b}'")).await?,
        ));
    }
    let today = chrono::Utc::now().date_naive();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let batch = 1000;
    let mut i = 0;
    while i < n {
        let end = (i + batch).min(n);
        let mut cases = Vec::with_capacity(batch);
        let mut officers = Vec::with_capacity(batch * 2);
        let mut deadlines = Vec::new();
        let mut reviews = Vec::new();
        let mut evidence = Vec::new();
        let mut collectors = Vec::new();
        for id in (i + 1)..=end {
            let (agency, a, b) = teams[id % 3];
            let received =
                today - chrono::Duration::days(i64::try_from(rng.below(730)).unwrap_or(0));
            let closed = rng.below(10) < 8;
            let days = 20 + i64::try_from(rng.below(70)).unwrap_or(0);
            let closed_on = received + chrono::Duration::days(days);
            let closed_sql = if closed && closed_on <= today {
                format!("'{closed_on}'")
            } else {
                "NULL".to_owned()
            };
            let (outcome, fine) = match rng.below(10) {
                0..=5 => ("'penalty'", (1 + rng.below(500)) * 10_000),
                6 | 7 => ("'no_penalty'", 0),
                _ => ("NULL", 0),
            };
            let fine_sql = if fine > 0 {
                fine.to_string()
            } else {
                "NULL".to_owned()
            };
            let hearing = if rng.below(100) < 3 { "TRUE" } else { "FALSE" };
            let state = if closed_sql == "NULL" {
                "investigating"
            } else {
                "closed"
            };
            cases.push(format!(
                "({id}, 'B{agency}-{id}', {agency}, 'ordinary', '{state}', '生成案件 {id}', 'bench', '临江市', 'inspection', '{received}', {a}, '{received} 08:00:00+00:00', '{received} 08:00:00+00:00', FALSE, FALSE, FALSE, FALSE, FALSE, {hearing}, FALSE, FALSE, 0, 0, FALSE, 0, {outcome}, {fine_sql}, FALSE, 0, FALSE, {closed_sql}, 0, '', '', FALSE)"
            ));
            officers.push(format!("({id}, {a}, TRUE, TRUE, FALSE)"));
            officers.push(format!("({id}, {b}, TRUE, FALSE, FALSE)"));
            if rng.below(10) == 0 {
                let due = received + chrono::Duration::days(90);
                let (status, ended) = if closed_sql == "NULL" {
                    ("running", "NULL".to_owned())
                } else {
                    ("stopped", closed_sql.clone())
                };
                deadlines.push(format!(
                    "({id}, 'case_handling', '{received}', '{due}', '{status}', 0, 0, {ended})"
                ));
            }
            if rng.below(10) == 0 {
                evidence.push(format!(
                    "({id}, {id}, 'photo', '现场照片', '{received} 01:30:00+00:00', '临江市', 2, {a}, '{received} 02:00:00+00:00')"
                ));
                collectors.push(format!("({id}, {a})"));
                collectors.push(format!("({id}, {b})"));
            }
            if rng.below(20) == 0 {
                let status = if rng.below(5) == 0 {
                    "return_for_correction"
                } else {
                    "approve"
                };
                reviews.push(format!(
                    "({id}, 1, '[]', '{{}}', {a}, '{received} 09:00:00+00:00', '{received}', '{status}')"
                ));
            }
        }
        exec(db, format!(
            "INSERT INTO cases (id, number, agency_id, procedure, state, title, description, location, source, received_on, created_by, created_at, updated_at, major, review_passed, review_passed_after_hearing, hearing_eligible, rights_waived, hearing_held, collective_discussion_required, collective_discussion_done, extensions_granted, extension_days, extension_discussed, suspended_days, decision_outcome, fine_fen, e_service_consent, paid_fen, execution_finished, closed_on, confiscation_fen, measures, review_flags, departure_flagged) VALUES {}",
            cases.join(",")
        )).await?;
        exec(db, format!(
            "INSERT INTO case_officers (case_id, user_id, assigned, investigator, recused) VALUES {}",
            officers.join(",")
        )).await?;
        if !deadlines.is_empty() {
            exec(db, format!(
                "INSERT INTO case_deadlines (case_id, kind, started_on, due_on, status, paused_days, extension_days, ended_on) VALUES {}",
                deadlines.join(",")
            )).await?;
        }
        if !reviews.is_empty() {
            exec(db, format!(
                "INSERT INTO review_rounds (case_id, round, matched, materials, submitted_by, submitted_at, due_on, status) VALUES {}",
                reviews.join(",")
            )).await?;
        }
        if !evidence.is_empty() {
            exec(db, format!(
                "INSERT INTO evidence (id, case_id, kind, title, collected_at, location, certified_collectors, recorded_by, recorded_at) VALUES {}",
                evidence.join(",")
            )).await?;
            exec(
                db,
                format!(
                    "INSERT INTO evidence_collectors (evidence_id, user_id) VALUES {}",
                    collectors.join(",")
                ),
            )
            .await?;
        }
        i = end;
    }
    exec(db, "ANALYZE".to_owned()).await?;
    println!(
        "  generated {n} cases (+{} officer links, evidence on a tenth) in {:.1} s",
        2 * n,
        started.elapsed().as_secs_f64()
    );
    // A bulk import outside the application: the running totals are rebuilt, as on start.
    let t = Instant::now();
    let counted = rollup::rebuild(db).await?;
    println!(
        "  statistics totals rebuilt over {counted} cases in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let indexed = warning_index::ensure(db).await?;
    println!(
        "  warning index built over {indexed} cases in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn dashboard(label: &str, db: Db, dir: &std::path::Path, n: usize) -> anyhow::Result<()> {
    println!("{label}:");
    db.migrate().await?;
    let st = state(db, dir).await?;
    seed::seed_demo_with(&st, "Bench-Password-2026", false).await?;
    generate(&st, n).await?;
    let user = users::Entity::find()
        .filter(users::Column::Username.eq("supervisor.wu"))
        .one(&st.db.conn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no supervisor"))?;
    let actor = auth::load_actor(&st, &user)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for dimension in ["agency", "month", "officer", "matter"] {
        let query = StatsQuery {
            dimension: dimension.into(),
            ..StatsQuery::default()
        };
        let mut times = Vec::new();
        let mut opened = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let report = statistics::statistics(&st, &actor, &query, Lang::Zh)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            opened = report.total.counts.opened;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  statistics by {dimension:<8} over {opened} cases in the last 12 months: median {:.0} ms, min {:.0} ms, max {:.0} ms",
            times[2], times[0], times[4]
        );
    }
    for (label, kind, page) in [
        ("first page", None, "1"),
        ("page 100", None, "100"),
        (
            "one kind, page 2",
            Some("deadline_overdue:case_handling"),
            "2",
        ),
    ] {
        let query = supervision::WarningQuery::parse(kind, Some(page), None)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut times = Vec::new();
        let mut total = 0;
        let mut shown = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let page = supervision::warnings(&st, &actor, Lang::Zh, &query)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            total = page.total;
            shown = page.items.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  warnings of the region, {label:<16} ({shown} of {total}, with the counts per kind): median {:.0} ms, min {:.0} ms, max {:.0} ms",
            times[2], times[0], times[4]
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let sqlite = Db::connect(
        &format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display()),
        None,
    )
    .await?;
    dashboard("SQLite", sqlite, dir.path(), n).await?;
    let path = dir.path().to_path_buf();
    with_pg_schema("bench_sup", |pg| async move {
        dashboard("PostgreSQL", pg, &path, n).await
    })
    .await
}
