//! The one write path: [`UnitOfWork`] wraps a database transaction and refuses to commit
//! unless at least one audit event was recorded; on commit it appends the events to the hash
//! chain inside the same transaction, so a change and its audit event land together or not at
//! all.
//!
//! Appends are serialised: on PostgreSQL by locking the `audit_head` row (`FOR UPDATE`), which
//! also orders writers in different processes; on SQLite by the process-wide write guard.
//!
//! An append usually costs one round trip in the transaction. The process remembers the head
//! its last commit left ([`Db`] keeps it), builds the events on it, and writes the events, the
//! Merkle nodes they complete and the new head (which keeps the tree's right edge) in one call
//! that changes anything only if the stored head is still the one remembered: a compare-and-set
//! on the head's sequence number, hash and tree size. On PostgreSQL that is one statement with
//! data-modifying `WITH` clauses whose inserts depend on the head's update; on SQLite, three
//! statements in one call whose inserts check the head they just set. When the head moved
//! (another process wrote, a transaction rolled back after its append), nothing was written and
//! the append falls back to reading the head under its lock and writing unconditionally: two
//! round trips. Units of work with hundreds of events always take that path, inserting their
//! rows in chunks first.
//!
//! The write core does not know who reads what it wrote. A unit of work collects what it
//! touched ([`Touched`]: the cases its events are about, the publication records it changed)
//! and hands that report to the database's [`DerivedData`] (implemented by
//! [`super::derived`]): inside the transaction, before the commit, so that derived tables commit
//! or roll back with the change; and once more after the commit, for the process's in-memory
//! read models.

use std::{collections::BTreeSet, future::Future, pin::Pin};

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, DbBackend};
use serde_json::Value;
use tianping_domain::authz::Actor;
use tokio::sync::OwnedMutexGuard;

use super::{db::Db, entities::audit_head, error::ServiceError};

mod append;
mod read;
pub mod scan;

use append::append;
pub use read::{VerifyOutcome, events_for, for_each_event, from_model, verify_log};

/// Who an audit event is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditActor {
    /// The user, or `None` for the system or an anonymous caller.
    pub id: Option<i32>,
    /// The role's machine name, `system` or `anonymous`.
    pub role: String,
}

impl AuditActor {
    /// The platform itself (command line, seeding, schedulers).
    pub fn system() -> Self {
        Self {
            id: None,
            role: "system".into(),
        }
    }

    /// A caller without an account (failed logins, the public portal).
    pub fn anonymous() -> Self {
        Self {
            id: None,
            role: "anonymous".into(),
        }
    }
}

impl From<&Actor> for AuditActor {
    fn from(a: &Actor) -> Self {
        Self {
            id: Some(a.user_id),
            role: a.role.as_str().into(),
        }
    }
}

/// An event to append when the unit of work commits.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// Who did it.
    pub actor: AuditActor,
    /// What (`area.verb`).
    pub action: &'static str,
    /// Kind of subject.
    pub subject_type: &'static str,
    /// The subject's id.
    pub subject_id: String,
    /// Details; canonicalised before hashing.
    pub payload: Value,
}

/// What a unit of work touched, by kind of subject: the report the derived data follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// The cases its events are about, and those touched explicitly
    /// ([`UnitOfWork::touch_case`]).
    pub cases: BTreeSet<i32>,
    /// The publication records it changed ([`UnitOfWork::touch_publication`]).
    pub publications: BTreeSet<i32>,
}

/// A future a [`DerivedData`] returns (the trait is used as an object).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The data derived from the writes, as the write core sees it: told what each unit of work
/// touched. Implemented by [`super::derived::Derived`]; a [`Db`] carries one.
pub trait DerivedData: Send + Sync + std::fmt::Debug {
    /// Brings derived tables up to date inside the transaction, before the commit: they commit
    /// or roll back with the change. An error rolls the unit of work back.
    fn in_transaction<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        touched: &'a Touched,
    ) -> BoxFuture<'a, Result<(), ServiceError>>;

    /// Follows a committed change in the process's memory, with the writer's guard released.
    /// The change is committed whatever happens here.
    fn committed<'a>(&'a self, db: &'a Db, touched: Touched) -> BoxFuture<'a, ()>;
}

/// A transaction that must record audit events to commit. Dropping it without committing
/// (an early `?` return) rolls the transaction back at once on a background task, so no
/// connection is left idle in a transaction holding locks.
pub struct UnitOfWork {
    txn: Option<DatabaseTransaction>,
    backend: DbBackend,
    now: DateTime<Utc>,
    events: Vec<NewEvent>,
    appended: usize,
    /// What the change touched, for the derived data.
    touched: Touched,
    /// The head after this transaction's appends so far.
    head: Option<audit_head::Model>,
    db: Db,
    guard: Option<OwnedMutexGuard<()>>,
}

impl Drop for UnitOfWork {
    fn drop(&mut self) {
        if let Some(txn) = self.txn.take() {
            // The write guard is released only once the rollback has finished.
            let guard = self.guard.take();
            tokio::spawn(async move {
                if let Err(e) = txn.rollback().await {
                    tracing::warn!("rollback of an abandoned unit of work failed: {e}");
                }
                drop(guard);
            });
        }
    }
}

impl UnitOfWork {
    /// Starts a unit of work at instant `now`.
    pub async fn begin(db: &Db, now: DateTime<Utc>) -> Result<Self, ServiceError> {
        let guard = db.write_guard().await;
        let txn = db.begin_flushed_write().await?;
        Ok(Self {
            txn: Some(txn),
            backend: db.backend(),
            now,
            events: Vec::new(),
            appended: 0,
            touched: Touched::default(),
            head: None,
            db: db.clone(),
            guard,
        })
    }

    /// The transaction, for the change itself.
    pub fn txn(&self) -> &DatabaseTransaction {
        // Only `commit` and `drop` take the transaction out, and both consume `self`.
        self.txn
            .as_ref()
            .unwrap_or_else(|| unreachable!("transaction used after commit"))
    }

    /// Whether rows read for an update must be locked explicitly (`SELECT … FOR UPDATE`):
    /// on PostgreSQL. SQLite writers are serialised by the write guard taken in `begin`.
    pub fn locks_rows(&self) -> bool {
        self.backend == DbBackend::Postgres
    }

    /// The instant this unit of work happens at.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Records an event to append on commit.
    pub fn record(&mut self, event: NewEvent) {
        if event.subject_type == tianping_domain::case::AUDIT_SUBJECT_TYPE
            && let Ok(id) = event.subject_id.parse()
        {
            self.touched.cases.insert(id);
        }
        self.events.push(event);
    }

    /// `query` with a row lock held until the transaction ends where the backend has row locks
    /// (PostgreSQL); SQLite's single writer already serializes the unit of work.
    pub fn locked<E: sea_orm::EntityTrait>(&self, query: sea_orm::Select<E>) -> sea_orm::Select<E> {
        if self.locks_rows() {
            sea_orm::QuerySelect::lock_exclusive(query)
        } else {
            query
        }
    }

    /// Marks a case whose derived data (statistics totals, warning index) must follow the
    /// change although no event names it: e.g. a certificate added to an officer changes the
    /// warnings of the cases whose evidence they collected.
    pub fn touch_case(&mut self, case_id: i32) {
        self.touched.cases.insert(case_id);
    }

    /// Marks a publication record this unit of work changes, for the derived data (the public
    /// search index re-reads it once the change is committed).
    pub fn touch_publication(&mut self, publication_id: i32) {
        self.touched.publications.insert(publication_id);
    }

    /// Appends the events recorded so far to the chain now, inside the transaction, and
    /// returns their sequence numbers (for rows that refer to their event, such as documents).
    /// They become visible only if the unit of work commits.
    pub async fn flush(&mut self) -> Result<Vec<i64>, ServiceError> {
        self.take_head_turn().await;
        let events = std::mem::take(&mut self.events);
        let known = self.known_head();
        let (seqs, head) = append(
            self.txn(),
            self.backend,
            self.now,
            &events,
            known.as_ref(),
            self.db.head_moved_counter(),
        )
        .await
        .inspect_err(|_| self.db.forget_audit_head())?;
        self.appended += events.len();
        self.head = head.or(self.head.take());
        Ok(seqs)
    }

    /// What this unit of work has touched so far.
    pub fn touched(&self) -> &Touched {
        &self.touched
    }

    /// Appends the recorded events to the chain and commits, the derived data following in the
    /// same transaction (see [`DerivedData`]). Returns the sequence numbers of the events not
    /// flushed before. A unit of work without events is a bug and is rolled back.
    pub async fn commit(mut self) -> Result<Vec<i64>, ServiceError> {
        self.db
            .derived()
            .in_transaction(self.txn(), &self.touched)
            .await?;
        if self.events.is_empty() && self.appended > 0 {
            self.finish().await?;
            return Ok(Vec::new());
        }
        if self.events.is_empty() {
            // Dropping `self` rolls back.
            return Err(ServiceError::Internal(
                "a write without an audit event was refused".into(),
            ));
        }
        self.take_head_turn().await;
        let known = self.known_head();
        let (seqs, head) = append(
            self.txn(),
            self.backend,
            self.now,
            &self.events,
            known.as_ref(),
            self.db.head_moved_counter(),
        )
        .await
        .inspect_err(|_| self.db.forget_audit_head())?;
        self.head = head.or(self.head.take());
        self.finish().await?;
        Ok(seqs)
    }

    /// Before an append: this process's turn at the head ([`Db::head_turn`], PostgreSQL), held
    /// as the unit of work's guard until its commit or rollback has finished. On SQLite the
    /// write guard taken in `begin` is already held.
    async fn take_head_turn(&mut self) {
        if self.guard.is_none() {
            self.guard = self.db.head_turn().await;
        }
    }

    /// The head to build on: this transaction's own, after a flush; otherwise the one the
    /// process's last commit left.
    fn known_head(&self) -> Option<audit_head::Model> {
        self.head.clone().or_else(|| self.db.cached_audit_head())
    }

    /// Commits; the head this transaction left becomes the one the process builds on next.
    ///
    /// The commit runs on a task of its own that holds the write guard until the commit has
    /// finished: a client that disconnects while its request commits cancels the request, not
    /// the commit, and the next writer never finds the database still locked by it. The commit
    /// does not wait for the disk: the guard (and on PostgreSQL the head's row lock) is released
    /// first, and the unit of work returns only once a shared flush has made it durable
    /// ([`crate::ssr::durability`]).
    async fn finish(&mut self) -> Result<(), ServiceError> {
        let mut flushed = Ok(());
        if let Some(txn) = self.txn.take() {
            let guard = self.guard.take();
            let outcome = tokio::spawn(async move {
                let result = txn.commit().await;
                (result, guard)
            })
            .await;
            let (result, guard) =
                outcome.map_err(|e| ServiceError::Internal(format!("commit task failed: {e}")))?;
            if let Err(e) = result {
                // Whether it landed is unknown: the next append reads the head.
                drop(guard);
                self.db.forget_audit_head();
                return Err(e.into());
            }
            let ticket = self.db.committed();
            if let Some(head) = self.head.take() {
                self.db.remember_audit_head(head);
            }
            // The next writer goes on while this one waits for the disk.
            drop(guard);
            // Committed but not known durable: an error here is not an acknowledgement (an
            // idempotent resend finds the write if it did land). The derived data follow the
            // commit either way.
            flushed = self.db.durable(ticket).await;
        }
        self.committed().await;
        Ok(flushed?)
    }

    /// What follows a commit in this process: the derived data hears what was touched.
    async fn committed(&mut self) {
        // What follows needs no lock.
        drop(self.guard.take());
        let touched = std::mem::take(&mut self.touched);
        self.db.derived().committed(&self.db, touched).await;
    }
}

fn decode_hash(s: &str) -> Option<[u8; 32]> {
    hex::decode(s).ok()?.try_into().ok()
}
