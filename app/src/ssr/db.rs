//! Connecting to SQLite or PostgreSQL and migrating. A [`Db`] holds the connections, the
//! process's write guard and the audit head its last commit left, and the hook the write path
//! reports to ([`super::audit::DerivedData`]); nothing it knows of the data derived from the
//! writes beyond that hook.
//!
//! SQLite runs in WAL mode. A commit the server acknowledged survives a crash of the process
//! *and* of the machine: units of work commit with `synchronous=NORMAL` on the writers' pool and
//! are acknowledged after a shared flush of the WAL ([`super::durability`]); every other
//! connection keeps `synchronous=FULL`. Foreign keys are on and writers wait up to 5 s for a
//! lock. Writes are serialised inside the process by
//! [`Db::write_lock`]; one SQLite file serves one `tianping` process (use PostgreSQL to run
//! several).
//!
//! Verification reads a SQLite file through its own read-only connection
//! ([`Db::sqlite_file`]); an in-memory database has no file and is read through the pool.
//!
//! Failed transactions never poison the pool (issue 21 item 1). SQLite rolls a transaction back
//! by itself on some errors (a full disk, `SQLITE_FULL`); the driver's `ROLLBACK` then fails and
//! it still counts the connection as inside a transaction, so the next unit of work on it would
//! open a mere `SAVEPOINT` whose "commit" commits nothing. Two guards: a connection released to
//! the pool while the driver thinks it is in a transaction is closed, never reused; and writes
//! start with `BEGIN IMMEDIATE` ([`Db::begin_write`]), which the driver refuses on such a
//! connection instead of nesting, and which takes SQLite's write lock at once, so a busy
//! database waits out the busy timeout rather than failing at the first write of a deferred
//! transaction.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::{audit::DerivedData, derived::Derived, durability::GroupFlush, entities::audit_head};

/// The database handle shared by all services.
#[derive(Debug, Clone)]
pub struct Db {
    /// The connection pool for reads (and for the few writes outside a transaction, under
    /// the write guard).
    pub conn: DatabaseConnection,
    /// The pool of write transactions ([`Db::begin_write`]).
    writer: DatabaseConnection,
    write_lock: Arc<Mutex<()>>,
    sqlite_file: Option<PathBuf>,
    /// What the write path tells of each unit of work (see [`super::derived`]).
    derived: Arc<dyn DerivedData>,
    /// The audit head this process's last commit left: appends build on it and write only if
    /// it is still the stored one (see [`super::audit`]).
    audit_head: Arc<std::sync::Mutex<Option<audit_head::Model>>>,
    head_moved: Arc<std::sync::atomic::AtomicU64>,
    /// Units of work waiting for the write guard (a figure for the metrics).
    waiting: Arc<std::sync::atomic::AtomicUsize>,
    /// Shared flushes after commits ([`super::durability`]).
    flush: Arc<GroupFlush>,
}

/// A cap on the SQLite file's size in pages, from `TIANPING_SQLITE_MAX_PAGES` (fault tests: a
/// database that reaches it fails every write exactly as a full disk does, `SQLITE_FULL`).
fn sqlite_max_pages() -> Option<u64> {
    std::env::var("TIANPING_SQLITE_MAX_PAGES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
}

/// Whether a database error says the storage is full: SQLite's `SQLITE_FULL` ("database or
/// disk is full"), PostgreSQL's `disk_full` (SQLSTATE 53100) or the system's ENOSPC.
pub fn storage_full(err: &DbErr) -> bool {
    let text = err.to_string();
    text.contains("database or disk is full")
        || text.contains("No space left on device")
        || text.contains("53100")
        || text.contains("could not extend file")
}

/// How a pool's SQLite connections sync their commits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Commits {
    /// Each commit waits for the disk.
    EachSynced,
    /// Commits wait for nobody; the write path flushes before it acknowledges
    /// ([`super::durability`]).
    Flushed,
}

/// The options of one pool of `max` connections (see [`Db::connect`]).
fn options(url: &str, search_path: Option<&str>, max: u32, commits: Commits) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .max_connections(max);
    if url.starts_with("sqlite") {
        let max_pages = sqlite_max_pages();
        opts.map_sqlx_sqlite_opts(move |o| {
            let o = o
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(match commits {
                    Commits::EachSynced => sea_orm::sqlx::sqlite::SqliteSynchronous::Full,
                    Commits::Flushed => sea_orm::sqlx::sqlite::SqliteSynchronous::Normal,
                })
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .create_if_missing(true);
            match max_pages {
                Some(pages) => o.pragma("max_page_count", pages.to_string()),
                None => o,
            }
        })
        .map_sqlx_sqlite_pool_opts(|p| {
            p.after_release(|conn, _| {
                Box::pin(async move {
                    // Back to the pool only if no transaction is left open on it.
                    Ok(!sea_orm::sqlx::Connection::is_in_transaction(conn))
                })
            })
        });
    } else if let Some(schema) = search_path {
        opts.set_schema_search_path(schema.to_owned());
    }
    opts
}

/// Whether a SQLite URL names an in-memory database (`sqlite::memory:`, `mode=memory`).
fn in_memory(url: &str) -> bool {
    let (database, params) = url.split_once('?').unwrap_or((url, ""));
    database.ends_with(":memory:") || params.split('&').any(|p| p == "mode=memory")
}

impl Db {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`). `search_path` selects a
    /// PostgreSQL schema (tests use one schema per test).
    ///
    /// Two pools (issue 21 item 4): [`Db::conn`] for reads, and a smaller one that only write
    /// transactions use ([`Db::begin_write`]), so writers queued on SQLite's write guard or on
    /// PostgreSQL's audit-head lock never take the connections readers need.
    pub async fn connect(url: &str, search_path: Option<&str>) -> Result<Self, DbErr> {
        let sqlite = url.starts_with("sqlite");
        let conn = Database::connect(options(
            url,
            search_path,
            if sqlite { 8 } else { 16 },
            Commits::EachSynced,
        ))
        .await?;
        let writer = if sqlite && in_memory(url) {
            // One in-memory database per connection pool: reads and writes share it.
            conn.clone()
        } else {
            Database::connect(options(
                url,
                search_path,
                if sqlite { 2 } else { 8 },
                Commits::Flushed,
            ))
            .await?
        };
        let sqlite_file = (conn.get_database_backend() == DbBackend::Sqlite && !in_memory(url))
            .then(|| {
                conn.get_sqlite_connection_pool()
                    .connect_options()
                    .get_filename()
                    .to_path_buf()
            });
        let mut db = Self::over(conn, sqlite_file);
        db.writer = writer;
        Ok(db)
    }

    /// Connects for reading only (an auditor's `audit verify`, issue 21 item 6): no migration,
    /// no change of journal mode, nothing created. SQLite opens the file read-only (a copy on a
    /// read-only medium is opened as immutable when the ordinary read-only open fails, e.g.
    /// without the `-shm` file beside it); PostgreSQL sessions are read-only transactions.
    pub async fn connect_read_only(url: &str, search_path: Option<&str>) -> Result<Self, DbErr> {
        if url.starts_with("sqlite") {
            match Self::connect_sqlite_read_only(url, false).await {
                Ok(db) => return Ok(db),
                Err(first) => {
                    return Self::connect_sqlite_read_only(url, true)
                        .await
                        .map_err(|_| first);
                }
            }
        }
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10))
            .max_connections(2)
            .map_sqlx_postgres_opts(|o| o.options([("default_transaction_read_only", "on")]));
        if let Some(schema) = search_path {
            opts.set_schema_search_path(schema.to_owned());
        }
        let conn = Database::connect(opts).await?;
        Ok(Self::over(conn, None))
    }

    async fn connect_sqlite_read_only(url: &str, immutable: bool) -> Result<Self, DbErr> {
        let mut opts = ConnectOptions::new(url.replace("mode=rwc", "mode=ro"));
        opts.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10))
            .max_connections(2)
            .map_sqlx_sqlite_opts(move |o| {
                o.read_only(true)
                    .create_if_missing(false)
                    .immutable(immutable)
                    .busy_timeout(Duration::from_secs(5))
            });
        let conn = Database::connect(opts).await?;
        // Fail here, not halfway through the verification, if the file cannot be read.
        conn.execute_unprepared("SELECT 1 FROM audit_head LIMIT 1")
            .await?;
        let file = (!in_memory(url)).then(|| {
            conn.get_sqlite_connection_pool()
                .connect_options()
                .get_filename()
                .to_path_buf()
        });
        Ok(Self::over(conn, file))
    }

    fn over(conn: DatabaseConnection, sqlite_file: Option<PathBuf>) -> Self {
        Self {
            writer: conn.clone(),
            conn,
            write_lock: Arc::new(Mutex::new(())),
            sqlite_file,
            derived: Arc::new(Derived::tables()),
            audit_head: Arc::default(),
            head_moved: Arc::default(),
            waiting: Arc::default(),
            flush: Arc::default(),
        }
    }

    /// How many migrations are not applied yet (0 when the schema is current).
    pub async fn pending_migrations(&self) -> Result<usize, DbErr> {
        Ok(Migrator::get_pending_migrations(&self.conn).await?.len())
    }

    /// Units of work waiting for this process's write guard now.
    pub fn writers_waiting(&self) -> usize {
        self.waiting.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Applies every pending migration. The derived data the migrations cannot compute is
    /// brought up to date by [`super::derived::ensure`] (the state builder calls both).
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }

    /// This handle with another hook for the write path to report to (the application state
    /// gives it one that also keeps the process's search index).
    pub fn with_derived(mut self, derived: Arc<dyn DerivedData>) -> Self {
        self.derived = derived;
        self
    }

    /// The hook the write path reports to; by default [`Derived::tables`].
    pub(crate) fn derived(&self) -> &dyn DerivedData {
        self.derived.as_ref()
    }

    /// The audit head this process's last commit left, if it knows one.
    pub(crate) fn cached_audit_head(&self) -> Option<audit_head::Model> {
        self.audit_head
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Remembers the head a commit left. (Two commits finishing at once may leave the older
    /// one: the next append then finds the head moved and reads it.)
    pub(crate) fn remember_audit_head(&self, head: audit_head::Model) {
        *self
            .audit_head
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(head);
    }

    /// How many appends through this handle found the stored head moved since this process
    /// last saw it (another writer, a rollback) and read it under its lock instead.
    pub fn appends_that_found_the_head_moved(&self) -> u64 {
        self.head_moved.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn head_moved_counter(&self) -> &std::sync::atomic::AtomicU64 {
        &self.head_moved
    }

    /// Forgets the head (a commit whose outcome is unknown): the next append reads it.
    pub(crate) fn forget_audit_head(&self) {
        *self
            .audit_head
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    /// The SQLite database file, when the database is one (not PostgreSQL, not in memory).
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.sqlite_file.as_deref()
    }

    /// Which backend this is.
    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Begins a write transaction: `BEGIN IMMEDIATE` on SQLite (see the module documentation),
    /// a plain `BEGIN` on PostgreSQL.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        match self.backend() {
            DbBackend::Sqlite => {
                self.writer
                    .begin_with_options(TransactionOptions {
                        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                        ..TransactionOptions::default()
                    })
                    .await
            }
            _ => self.writer.begin().await,
        }
    }

    /// Begins a unit of work's transaction: as [`Db::begin_write`], committing without waiting
    /// for the disk; the unit of work calls [`Db::committed`] then [`Db::durable`] before it
    /// acknowledges anything.
    pub(crate) async fn begin_flushed_write(&self) -> Result<DatabaseTransaction, DbErr> {
        let txn = self.begin_write().await?;
        if self.backend() == DbBackend::Postgres {
            txn.execute_unprepared("SET LOCAL synchronous_commit TO off")
                .await?;
        }
        Ok(txn)
    }

    /// A ticket for a commit of [`Db::begin_flushed_write`] that has just returned.
    pub(crate) fn committed(&self) -> u64 {
        self.flush.committed()
    }

    /// Returns once the commit that took `ticket` is durable, sharing the flush with every
    /// writer waiting at the same time. The flush runs on a task of its own: a request that is
    /// cancelled meanwhile does not cut it short.
    pub(crate) async fn durable(&self, ticket: u64) -> Result<(), DbErr> {
        let db = self.clone();
        tokio::spawn(async move { db.flush.wait(ticket, || db.flush_once()).await })
            .await
            .map_err(|e| DbErr::Custom(format!("flush task failed: {e}")))?
    }

    /// Shared flushes run so far (a figure for the metrics).
    pub fn flushes(&self) -> u64 {
        self.flush.flushes()
    }

    /// One flush: everything committed before it began is durable when it returns.
    async fn flush_once(&self) -> Result<(), DbErr> {
        match self.backend() {
            DbBackend::Postgres => {
                // A transactional WAL record: its synchronous commit flushes the WAL up to it.
                self.writer
                    .execute_unprepared("SELECT pg_logical_emit_message(true, 'tianping', 'flush')")
                    .await
                    .map(|_| ())
            }
            _ => {
                let Some(file) = self.sqlite_file.clone() else {
                    return Ok(());
                };
                let mut wal = file.into_os_string();
                wal.push("-wal");
                tokio::task::spawn_blocking(move || match std::fs::File::open(&wal) {
                    Ok(f) => f.sync_data(),
                    // Checkpointed into the database file and removed: SQLite synced that.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(e) => Err(e),
                })
                .await
                .map_err(|e| DbErr::Custom(format!("flush task failed: {e}")))?
                .map_err(|e| DbErr::Custom(format!("flushing the write-ahead log failed: {e}")))
            }
        }
    }

    /// Serialises writers within this process (SQLite allows one writer at a time; on
    /// PostgreSQL the audit head's row lock serialises across processes as well).
    /// On PostgreSQL, this process's turn at the audit head: a unit of work takes it just
    /// before its first append and holds it until its commit (or rollback) has finished. The
    /// head's row lock alone already serializes appends, across servers too; queueing a
    /// process's writers here first keeps dozens of backends from sleeping and waking on that
    /// row lock in the database's lock manager, and keeps the turn short: only the append and
    /// the commit happen in it. Deadlock-free: whoever holds the row lock in this process holds
    /// the turn. `None` on SQLite, whose writers hold [`Db::write_guard`] throughout.
    pub(crate) async fn head_turn(&self) -> Option<OwnedMutexGuard<()>> {
        match self.backend() {
            DbBackend::Postgres => Some(self.write_lock.clone().lock_owned().await),
            _ => None,
        }
    }

    pub async fn write_guard(&self) -> Option<OwnedMutexGuard<()>> {
        match self.backend() {
            DbBackend::Sqlite => {
                use std::sync::atomic::Ordering;
                self.waiting.fetch_add(1, Ordering::Relaxed);
                let guard = self.write_lock.clone().lock_owned().await;
                self.waiting.fetch_sub(1, Ordering::Relaxed);
                Some(guard)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::DbErr;

    use super::{in_memory, storage_full};

    #[test]
    fn a_full_disk_is_told_from_other_failures() {
        for full in [
            "Execution Error: error returned from database: (code: 13) database or disk is full",
            "error returned from database: could not extend file \"base/16384/2619\": No space left on device",
            "error returned from database: SQLSTATE 53100",
        ] {
            assert!(storage_full(&DbErr::Custom(full.into())), "{full}");
        }
        for other in [
            "database is locked",
            "UNIQUE constraint failed: clues.reference",
            "connection refused",
        ] {
            assert!(!storage_full(&DbErr::Custom(other.into())), "{other}");
        }
    }

    #[test]
    fn in_memory_urls_are_recognised() {
        assert!(in_memory("sqlite::memory:"));
        assert!(in_memory("sqlite://x.db?mode=memory&cache=shared"));
        assert!(!in_memory("sqlite:///data/tianping.db?mode=rwc"));
    }
}
