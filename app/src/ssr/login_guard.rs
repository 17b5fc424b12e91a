//! The defences of the sign-in (and of a session left open: [`touch_session`]): a bound on concurrent password checks, growing delays per client
//! address (in this process's memory, before any hashing) and per account (in the database, one
//! atomic statement that reserves the attempt before the password is checked).
//!
//! Invariants:
//! - At most `permits` Argon2 checks run at once (each takes about 19 MiB); a request that cannot
//!   get a permit within [`PERMIT_WAIT`] is answered 429 at once, so a flood costs neither memory
//!   nor a queue.
//! - The Argon2 working memory is allocated once per permit and reused ([`Argon2Memory`]): no
//!   19 MiB allocation per sign-in, so the allocator cannot scatter them over its per-thread
//!   arenas and the process's memory stays flat however many sign-ins come.
//! - A made-up user name creates no row: unknown names are counted per client address only, and
//!   the audit log gets one event per client address and window, not one per name.
//! - An account's failure count is taken and raised in one statement before its password is
//!   checked, so parallel guesses cannot all pass a check that none of them has counted yet.
//! - The delays ([`tianping_domain::security::Backoff`]) never exceed 15 minutes: nobody can
//!   lock a real user out for long.

use std::{
    collections::HashMap,
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use tianping_domain::security::Backoff;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::{db::Db, error::ServiceError};

/// How long a sign-in waits for a free password check before it is told to retry.
pub const PERMIT_WAIT: Duration = Duration::from_millis(1500);

/// The in-process part of the guard; the per-account part lives in `login_throttle`.
#[derive(Debug)]
pub struct LoginGuard {
    checks: std::sync::Arc<Semaphore>,
    running: std::sync::Arc<AtomicUsize>,
    most_running: AtomicUsize,
    clients: Mutex<HashMap<String, ClientFailures>>,
    client_backoff: Backoff,
    permits: usize,
    /// Working memory for the password checks, one per permit at most, reused.
    memory: std::sync::Arc<Mutex<Vec<Argon2Memory>>>,
}

/// The working memory of one Argon2 computation, kept between checks (see the module's
/// invariants). It grows to the largest cost seen and never shrinks.
#[derive(Debug, Default)]
pub struct Argon2Memory {
    blocks: Vec<argon2::Block>,
}

impl Argon2Memory {
    /// The first `count` blocks, allocating only when fewer were ever needed.
    pub fn blocks(&mut self, count: usize) -> &mut [argon2::Block] {
        if self.blocks.len() < count {
            self.blocks.resize(count, argon2::Block::new());
        }
        &mut self.blocks[..count]
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.blocks.len() * std::mem::size_of::<argon2::Block>()
    }
}

#[derive(Debug, Clone, Copy)]
struct ClientFailures {
    failures: u32,
    last_failure: DateTime<Utc>,
}

/// How long a client's or an account's failures are remembered after the last one.
const FORGET_AFTER_SECS: i64 = 30 * 60;
/// Beyond this many remembered clients, forgotten ones are swept on the next failure.
const SWEEP_ABOVE: usize = 50_000;

impl LoginGuard {
    /// A guard with `permits` concurrent password checks (use the number of cores).
    pub fn new(permits: usize, client_backoff: Backoff) -> Self {
        Self {
            checks: std::sync::Arc::new(Semaphore::new(permits.max(1))),
            running: std::sync::Arc::default(),
            most_running: AtomicUsize::new(0),
            clients: Mutex::default(),
            client_backoff,
            permits: permits.max(1),
            memory: std::sync::Arc::default(),
        }
    }

    /// A guard sized to this machine.
    pub fn for_this_machine(client_backoff: Backoff) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self::new(cores, client_backoff)
    }

    fn clients(&self) -> std::sync::MutexGuard<'_, HashMap<String, ClientFailures>> {
        self.clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Refuses a client that must still wait after its failures (before any work is done).
    pub fn admit_client(&self, client: &str, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let Some(entry) = self.clients().get(client).copied() else {
            return Ok(());
        };
        wait(self.client_backoff, entry.failures, entry.last_failure, now)
    }

    /// Counts a failure for a client; `true` when it starts a new window (the one failure of
    /// the window the audit log records for unknown names).
    pub fn client_failed(&self, client: &str, now: DateTime<Utc>) -> bool {
        let mut clients = self.clients();
        if clients.len() > SWEEP_ABOVE {
            clients.retain(|_, c| (now - c.last_failure).num_seconds() < FORGET_AFTER_SECS);
        }
        let entry = clients.entry(client.to_owned()).or_insert(ClientFailures {
            failures: 0,
            last_failure: now,
        });
        let fresh =
            entry.failures == 0 || (now - entry.last_failure).num_seconds() >= FORGET_AFTER_SECS;
        if fresh {
            entry.failures = 0;
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last_failure = now;
        fresh
    }

    /// Forgets a client's failures after a successful sign-in.
    pub fn client_succeeded(&self, client: &str) {
        self.clients().remove(client);
    }

    /// One of the permits to check a password; refused (429, retry in 1 s) when none frees up
    /// within [`PERMIT_WAIT`].
    pub async fn permit(&self) -> Result<OwnedSemaphorePermit, ServiceError> {
        tokio::time::timeout(PERMIT_WAIT, self.checks.clone().acquire_owned())
            .await
            .map_err(|_| ServiceError::Busy {
                retry_after_secs: 1,
            })?
            .map_err(|e| ServiceError::Internal(e.to_string()))
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, Vec<Argon2Memory>> {
        lock(&self.memory)
    }

    /// Runs `check` (a password hash or verification) on the blocking pool under `permit`,
    /// with the working memory of a free permit. The permit goes with the computation: a
    /// request abandoned by its client frees its permit only when its check has finished, so
    /// disconnecting floods cannot run more checks at once than there are permits.
    pub async fn blocking<T: Send + 'static>(
        &self,
        permit: OwnedSemaphorePermit,
        check: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
    ) -> Result<T, ServiceError> {
        let now_running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_running.fetch_max(now_running, Ordering::SeqCst);
        // Under a permit there is always a buffer to take or room to make one: at most
        // `permits` exist, because each goes back before its permit is released, whether or
        // not anyone still waits for the answer.
        let mut memory = self.memory().pop().unwrap_or_default();
        let (pool, running) = (self.memory.clone(), self.running.clone());
        tokio::task::spawn_blocking(move || {
            let value = check(&mut memory);
            lock(&pool).push(memory);
            running.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            value
        })
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))
    }

    /// Bytes of Argon2 working memory held (a figure for tests and benchmarks: it never
    /// exceeds one computation's memory per permit).
    pub fn memory_bytes(&self) -> usize {
        self.memory().iter().map(Argon2Memory::bytes).sum()
    }

    /// The most password checks that ran at once since the start (a figure for tests and
    /// benchmarks: it never exceeds the permits).
    pub fn most_running(&self) -> usize {
        self.most_running.load(Ordering::SeqCst)
    }

    /// How many password checks may run at once.
    pub fn permits(&self) -> usize {
        self.permits
    }

    /// Runs `check` once a permit is free (see [`LoginGuard::permit`]).
    pub async fn with_permit<T: Send + 'static>(
        &self,
        check: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
    ) -> Result<T, ServiceError> {
        let permit = self.permit().await?;
        self.blocking(permit, check).await
    }
}

fn lock(pool: &Mutex<Vec<Argon2Memory>>) -> std::sync::MutexGuard<'_, Vec<Argon2Memory>> {
    pool.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `Ok` if an attempt may go ahead after `failures` failures, the last at `last_failure`.
fn wait(
    backoff: Backoff,
    failures: u32,
    last_failure: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let since = (now - last_failure).num_seconds();
    if since >= FORGET_AFTER_SECS {
        return Ok(());
    }
    let remaining = backoff.delay_secs(failures) - since;
    if remaining > 0 {
        return Err(ServiceError::TooManyAttempts {
            retry_after_secs: remaining,
        });
    }
    Ok(())
}

/// The SQL of a statement written with `$1`, `$2` … for the backend (`?1` … on SQLite).
fn sql_for(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => sql.replace('$', "?"),
    }
}

/// Reserves one attempt on an account before its password is checked, atomically: the count of
/// failures since the last success goes up by one *if* the account may be tried now (its free
/// failures are not used up, or its wait is over), and the attempt then holds the account for
/// `hold_secs` so that parallel attempts wait for its outcome. Returns the attempt's number, or
/// the seconds to wait.
pub async fn reserve_attempt(
    db: &Db,
    account: &str,
    backoff: Backoff,
    now: DateTime<Utc>,
) -> Result<u32, ServiceError> {
    // The hold lasts until the outcome is written ([`record_outcome`]); a process that dies
    // in between leaves the account held for at most a minute.
    let hold_until = now + chrono::Duration::seconds(60);
    let forgotten = now - chrono::Duration::seconds(FORGET_AFTER_SECS);
    let free = i32::try_from(backoff.free).unwrap_or(i32::MAX);
    let sql = sql_for(
        db.backend(),
        "INSERT INTO login_throttle (username, failures, last_failure_at, locked_until) \
         VALUES ($1, 1, $2, CASE WHEN 1 >= $3 THEN $4 ELSE NULL END) \
         ON CONFLICT (username) DO UPDATE SET \
           failures = CASE WHEN login_throttle.last_failure_at < $5 THEN 1 \
                           ELSE login_throttle.failures + 1 END, \
           last_failure_at = $2, \
           locked_until = CASE WHEN login_throttle.last_failure_at >= $5 \
                                AND login_throttle.failures + 1 >= $3 THEN $4 ELSE NULL END \
         WHERE login_throttle.last_failure_at < $5 \
            OR login_throttle.failures < $3 \
            OR (login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= $2) \
         RETURNING failures",
    );
    let values: Vec<Value> = vec![
        account.to_owned().into(),
        now.into(),
        free.into(),
        hold_until.into(),
        forgotten.into(),
    ];
    let row = db
        .conn
        .query_one_raw(Statement::from_sql_and_values(db.backend(), sql, values))
        .await?;
    if let Some(row) = row {
        let n: i32 = row.try_get("", "failures")?;
        return Ok(u32::try_from(n).unwrap_or(0));
    }
    // Refused: say how long until the hold or wait ends.
    let sql = sql_for(
        db.backend(),
        "SELECT locked_until FROM login_throttle WHERE username = $1",
    );
    let until: Option<DateTime<Utc>> = db
        .conn
        .query_one_raw(Statement::from_sql_and_values(
            db.backend(),
            sql,
            [account.to_owned().into()],
        ))
        .await?
        .and_then(|r| r.try_get("", "locked_until").ok())
        .flatten();
    Err(ServiceError::TooManyAttempts {
        retry_after_secs: until.map_or(1, |u| (u - now).num_seconds().max(1)),
    })
}

/// Writes an attempt's outcome: a failure beyond the free ones sets the wait before the next
/// attempt (a free one changes nothing: an earlier attempt finishing late must not lift the
/// hold a later one took); a success forgets the account's failures.
pub async fn record_outcome(
    db: &Db,
    account: &str,
    attempt: u32,
    succeeded: bool,
    backoff: Backoff,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let delay = backoff.delay_secs(attempt);
    let (sql, values): (&str, Vec<Value>) = if succeeded {
        (
            "DELETE FROM login_throttle WHERE username = $1",
            vec![account.to_owned().into()],
        )
    } else if delay > 0 {
        (
            "UPDATE login_throttle SET locked_until = $2 WHERE username = $1",
            vec![
                account.to_owned().into(),
                (now + chrono::Duration::seconds(delay)).into(),
            ],
        )
    } else {
        return Ok(());
    };
    db.conn
        .execute_raw(Statement::from_sql_and_values(
            db.backend(),
            sql_for(db.backend(), sql),
            values,
        ))
        .await?;
    Ok(())
}

/// Marks a session as used now (so that it does not end as idle). Like the failure counter,
/// operational state rather than a record: one statement, under the process's write guard.
pub async fn touch_session(
    db: &Db,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let _guard = db.write_guard().await;
    db.conn
        .execute_raw(Statement::from_sql_and_values(
            db.backend(),
            sql_for(
                db.backend(),
                "UPDATE sessions SET last_seen_at = $1 WHERE id = $2",
            ),
            [now.into(), session_id.to_owned().into()],
        ))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap_or_default()
    }

    #[test]
    fn a_client_waits_after_its_free_failures_and_is_forgotten_later() {
        let guard = LoginGuard::new(
            1,
            Backoff {
                free: 2,
                base_secs: 10,
                max_secs: 100,
            },
        );
        assert!(guard.admit_client("c", at(0)).is_ok());
        assert!(
            guard.client_failed("c", at(0)),
            "the first failure opens a window"
        );
        assert!(!guard.client_failed("c", at(1)));
        match guard.admit_client("c", at(2)) {
            Err(ServiceError::TooManyAttempts { retry_after_secs }) => {
                assert_eq!(retry_after_secs, 9);
            }
            other => panic!("{other:?}"),
        }
        assert!(guard.admit_client("c", at(11)).is_ok());
        assert!(guard.admit_client("other", at(2)).is_ok());
        assert!(
            guard.client_failed("c", at(5_000)),
            "a new window after 30 minutes"
        );
        guard.client_succeeded("c");
        assert!(guard.admit_client("c", at(5_001)).is_ok());
    }

    #[tokio::test]
    async fn a_check_without_a_free_permit_is_refused_quickly() {
        let guard = std::sync::Arc::new(LoginGuard::new(1, Backoff::CLIENT));
        let g = guard.clone();
        let slow = tokio::spawn(async move {
            g.with_permit(|_| std::thread::sleep(Duration::from_millis(2_500)))
                .await
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = std::time::Instant::now();
        let refused = guard.with_permit(|_| ()).await;
        assert!(
            matches!(refused, Err(ServiceError::Busy { .. })),
            "{refused:?}"
        );
        assert!(started.elapsed() < Duration::from_millis(2_400));
        assert!(slow.await.is_ok_and(|r| r.is_ok()));
        assert!(guard.with_permit(|_| 7).await.is_ok_and(|v| v == 7));
    }

    #[tokio::test]
    async fn an_abandoned_check_keeps_its_permit_until_it_has_finished() {
        let guard = std::sync::Arc::new(LoginGuard::new(1, Backoff::CLIENT));
        let g = guard.clone();
        let abandoned = tokio::spawn(async move {
            g.with_permit(|_| std::thread::sleep(Duration::from_millis(800)))
                .await
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        // The client went away: its request is dropped, its check runs on.
        abandoned.abort();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let started = std::time::Instant::now();
        assert!(guard.with_permit(|_| ()).await.is_ok());
        assert!(
            started.elapsed() >= Duration::from_millis(500),
            "a second check started while the abandoned one still ran"
        );
        assert_eq!(guard.most_running(), 1);
        assert_eq!(guard.memory().len(), 1, "one buffer, back in the pool");
    }

    #[tokio::test]
    async fn the_working_memory_is_reused_never_more_than_one_per_permit() {
        let guard = std::sync::Arc::new(LoginGuard::new(2, Backoff::CLIENT));
        let mut checks = Vec::new();
        for _ in 0..16 {
            let g = guard.clone();
            checks.push(tokio::spawn(async move {
                loop {
                    let done = g
                        .with_permit(|m| {
                            m.blocks(1_000)[0] = argon2::Block::new();
                            std::thread::sleep(Duration::from_millis(20));
                        })
                        .await;
                    if done.is_ok() {
                        break;
                    }
                }
            }));
        }
        for check in checks {
            assert!(check.await.is_ok());
        }
        assert!(guard.most_running() <= 2);
        let one = 1_000 * std::mem::size_of::<argon2::Block>();
        assert!(guard.memory_bytes() >= one, "a buffer was kept");
        assert!(
            guard.memory_bytes() <= 2 * one,
            "{} bytes for 2 permits",
            guard.memory_bytes()
        );
    }

    #[test]
    fn placeholders_follow_the_backend() {
        assert_eq!(sql_for(DbBackend::Postgres, "a = $1"), "a = $1");
        assert_eq!(
            sql_for(DbBackend::Sqlite, "a = $1 AND b = $12"),
            "a = ?1 AND b = ?12"
        );
    }
}
