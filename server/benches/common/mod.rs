//! What the benchmarks share: an application state over a database, a deterministic generator,
//! raw SQL for bulk generation, peak memory, and a throw-away PostgreSQL schema.

#![allow(dead_code)]

use std::future::Future;

use app::ssr::{
    AppState,
    db::Db,
    state::{Secret, Settings},
};
use sea_orm::{ConnectionTrait, Statement};

/// The application's state over `db` (migrated, its derived data current), with files under
/// `dir` and the system clock.
pub async fn state(db: Db, dir: &std::path::Path) -> anyhow::Result<AppState> {
    let mut settings = Settings::new(dir.to_path_buf());
    settings.jwt_secret = Some(Secret::new("0123456789abcdef0123456789abcdef-bench"));
    Ok(AppState::builder(db, settings).build().await?)
}

/// A small deterministic generator (xorshift), so runs are comparable.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// One of `items`.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[usize::try_from(self.below(items.len() as u64)).unwrap_or(0)]
    }
}

/// Runs one statement of raw SQL.
pub async fn exec(db: &Db, sql: String) -> anyhow::Result<()> {
    db.conn
        .execute_raw(Statement::from_string(db.backend(), sql))
        .await?;
    Ok(())
}

/// The first column of the first row of `sql`.
pub async fn id_of(db: &Db, sql: &str) -> anyhow::Result<i32> {
    db.conn
        .query_one_raw(Statement::from_string(db.backend(), sql.to_owned()))
        .await?
        .and_then(|r| r.try_get_by_index::<i32>(0).ok())
        .ok_or_else(|| anyhow::anyhow!("nothing for {sql}"))
}

/// The process's peak resident memory, in MiB.
pub fn peak_rss_mib() -> f64 {
    rss_field("VmHWM:")
}

/// The process's resident memory now, in MiB.
pub fn rss_mib() -> f64 {
    rss_field("VmRSS:")
}

fn rss_field(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Runs `body` on a fresh schema of the PostgreSQL at `TIANPING_TEST_PG_URL` (dropped after),
/// or says why PostgreSQL is skipped.
pub async fn with_pg_schema<F, Fut>(prefix: &str, body: F) -> anyhow::Result<()>
where
    F: FnOnce(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let pg_url = std::env::var("TIANPING_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let admin = match Db::connect(&pg_url, None).await {
        Ok(admin) => admin,
        Err(e) => {
            println!("PostgreSQL: skipped ({e})");
            return Ok(());
        }
    };
    let schema = format!("{prefix}_{}", std::process::id());
    exec(&admin, format!("CREATE SCHEMA {schema}")).await?;
    let result = match Db::connect(&pg_url, Some(&schema)).await {
        Ok(pg) => body(pg).await,
        Err(e) => Err(e.into()),
    };
    exec(&admin, format!("DROP SCHEMA {schema} CASCADE")).await?;
    result
}
