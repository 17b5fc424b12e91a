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

use std::{collections::BTreeSet, future::Future, ops::ControlFlow, pin::Pin};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set, Statement, TransactionTrait,
    sea_query::{Alias, CommonTableExpression, Query, UpdateStatement, WithClause},
};
use serde_json::Value;
use tianping_domain::{
    audit::{self, ChainError, ChainSummary, ChainVerifier, EventRecord, StoredEvent},
    authz::Actor,
    merkle,
};
use tokio::sync::OwnedMutexGuard;

use super::{
    db::Db,
    entities::{audit_events, audit_head, merkle_nodes},
    error::ServiceError,
};

pub mod scan;

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
        let txn = db.conn.begin().await?;
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

    /// The head to build on: this transaction's own, after a flush; otherwise the one the
    /// process's last commit left.
    fn known_head(&self) -> Option<audit_head::Model> {
        self.head.clone().or_else(|| self.db.cached_audit_head())
    }

    /// Commits; the head this transaction left becomes the one the process builds on next.
    async fn finish(&mut self) -> Result<(), ServiceError> {
        if let Some(txn) = self.txn.take() {
            if let Err(e) = txn.commit().await {
                // Whether it landed is unknown: the next append reads the head.
                self.db.forget_audit_head();
                return Err(e.into());
            }
            if let Some(head) = self.head.take() {
                self.db.remember_audit_head(head);
            }
        }
        self.committed().await;
        Ok(())
    }

    /// What follows a commit in this process: the derived data hears what was touched.
    async fn committed(&mut self) {
        // The writer's guard is released first: what follows needs no lock.
        drop(self.guard.take());
        let touched = std::mem::take(&mut self.touched);
        self.db.derived().committed(&self.db, touched).await;
    }
}

/// What an append writes: the events, the tree nodes they complete, and the new head.
struct Prepared {
    seqs: Vec<i64>,
    events: Vec<StoredEvent>,
    nodes: Vec<merkle::NewNode>,
    head: audit_head::Model,
}

/// Builds the events on `head`: their sequence numbers, chain hashes and tree nodes.
async fn prepare(
    txn: &DatabaseTransaction,
    head: &audit_head::Model,
    now: DateTime<Utc>,
    events: &[NewEvent],
) -> Result<Prepared, ServiceError> {
    let mut prev = decode_hash(&head.hash)
        .ok_or_else(|| ServiceError::Internal("audit head hash is malformed".into()))?;
    // The Merkle tree grows in the same transaction, under the same lock.
    let mut tree = super::transparency::tree_at(txn, head).await?;
    let mut seq = head.seq;
    let occurred_at = audit::format_timestamp(now);
    let mut seqs = Vec::with_capacity(events.len());
    let mut stored = Vec::with_capacity(events.len());
    let mut nodes = Vec::with_capacity(2 * events.len());
    for event in events {
        seq += 1;
        let record = EventRecord {
            seq,
            occurred_at: occurred_at.clone(),
            actor_id: event.actor.id,
            actor_role: event.actor.role.clone(),
            action: event.action.to_owned(),
            subject_type: event.subject_type.to_owned(),
            subject_id: event.subject_id.clone(),
            payload: audit::canonical_json(&event.payload),
        };
        let canonical = audit::canonical_bytes(&record);
        tree.push_each(merkle::leaf_hash(&canonical), |node| nodes.push(node));
        let hash = audit::chain_hash_of(&prev, &canonical);
        stored.push(StoredEvent {
            record,
            prev_hash: hex::encode(prev),
            hash: hex::encode(hash),
        });
        prev = hash;
        seqs.push(seq);
    }
    Ok(Prepared {
        seqs,
        events: stored,
        nodes,
        head: audit_head::Model {
            id: 1,
            seq,
            hash: hex::encode(prev),
            tree_size: i64::try_from(tree.size()).unwrap_or(i64::MAX),
            frontier: Some(super::transparency::frontier_text(&tree)),
        },
    })
}

/// Appends `events` to the chain inside the transaction; returns their sequence numbers and
/// the new head (`None` when there was nothing to append). `known` is the head the process
/// believes current: if the stored head is still that one, one conditional write does it all.
async fn append(
    txn: &DatabaseTransaction,
    backend: DbBackend,
    now: DateTime<Utc>,
    events: &[NewEvent],
    known: Option<&audit_head::Model>,
    moved: &std::sync::atomic::AtomicU64,
) -> Result<(Vec<i64>, Option<audit_head::Model>), ServiceError> {
    if events.is_empty() {
        return Ok((Vec::new(), None));
    }
    // Only a head whose tree is complete and whose edge is stored: building on it reads nothing.
    if let Some(head) = known.filter(|h| {
        h.tree_size == h.seq && h.frontier.is_some() && events.len() <= EVENTS_PER_INSERT
    }) {
        let prepared = prepare(txn, head, now, events).await?;
        if prepared.nodes.len() <= NODES_PER_INSERT
            && write_if_head(txn, backend, head, &prepared).await?
        {
            return Ok((prepared.seqs, Some(prepared.head)));
        }
        moved.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let mut head_query = audit_head::Entity::find_by_id(1);
    if backend == DbBackend::Postgres {
        head_query = head_query.lock_exclusive();
    }
    let head = head_query
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::Internal("audit head row is missing".into()))?;
    let prepared = prepare(txn, &head, now, events).await?;
    let new_head = Query::update()
        .table(audit_head::Entity)
        .values([
            (audit_head::Column::Seq, prepared.head.seq.into()),
            (audit_head::Column::Hash, prepared.head.hash.clone().into()),
            (audit_head::Column::TreeSize, prepared.head.tree_size.into()),
            (
                audit_head::Column::Frontier,
                prepared.head.frontier.clone().into(),
            ),
        ])
        .and_where(audit_head::Column::Id.eq(1))
        .to_owned();
    let rows = prepared.events.iter().map(to_active).collect();
    write(txn, backend, rows, prepared.nodes, new_head).await?;
    Ok((prepared.seqs, Some(prepared.head)))
}

/// Bind values and their placeholders, in the backend's style (with the PostgreSQL type).
struct Binds {
    backend: DbBackend,
    values: Vec<sea_orm::Value>,
}

impl Binds {
    fn bind(&mut self, value: impl Into<sea_orm::Value>, pg_type: &str) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}::{pg_type}", self.values.len()),
            _ => "?".to_owned(),
        }
    }
}

/// Writes the prepared events, nodes and head only if the stored head is still `expected`
/// (sequence number, hash and tree size), in one call. Returns whether it wrote; when it did
/// not, nothing changed.
async fn write_if_head(
    txn: &DatabaseTransaction,
    backend: DbBackend,
    expected: &audit_head::Model,
    p: &Prepared,
) -> Result<bool, ServiceError> {
    let mut b = Binds {
        backend,
        values: Vec::new(),
    };
    let update = format!(
        "UPDATE audit_head SET seq = {}, hash = {}, tree_size = {}, frontier = {} WHERE id = 1 AND seq = {} AND hash = {} AND tree_size = {}",
        b.bind(p.head.seq, "int8"),
        b.bind(p.head.hash.clone(), "text"),
        b.bind(p.head.tree_size, "int8"),
        b.bind(p.head.frontier.clone(), "text"),
        b.bind(expected.seq, "int8"),
        b.bind(expected.hash.clone(), "text"),
        b.bind(expected.tree_size, "int8"),
    );
    let nodes = p
        .nodes
        .iter()
        .map(|&(level, index, hash)| {
            format!(
                "({}, {}, {})",
                b.bind(i32::try_from(level).unwrap_or(i32::MAX), "int4"),
                b.bind(i64::try_from(index).unwrap_or(i64::MAX), "int8"),
                b.bind(hex::encode(hash), "text"),
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    // SQLite numbers its `?`s in the order of the text: binds are made in that order.
    let sqlite = backend != DbBackend::Postgres;
    let moved = |b: &mut Binds| {
        format!(
            "(SELECT hash FROM audit_head WHERE id = 1) = {}",
            b.bind(p.head.hash.clone(), "text")
        )
    };
    let nodes_moved = (sqlite && !nodes.is_empty()).then(|| moved(&mut b));
    let events = p
        .events
        .iter()
        .map(|e| {
            let r = &e.record;
            format!(
                "({}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                b.bind(r.seq, "int8"),
                b.bind(r.occurred_at.clone(), "text"),
                b.bind(r.actor_id, "int4"),
                b.bind(r.actor_role.clone(), "text"),
                b.bind(r.action.clone(), "text"),
                b.bind(r.subject_type.clone(), "text"),
                b.bind(r.subject_id.clone(), "text"),
                b.bind(r.payload.clone(), "text"),
                b.bind(e.prev_hash.clone(), "text"),
                b.bind(e.hash.clone(), "text"),
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let events_moved = sqlite.then(|| moved(&mut b));
    const EVENT_COLUMNS: &str = "seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id, payload, prev_hash, hash";
    let sql = match (nodes_moved, events_moved) {
        (nodes_moved, Some(events_moved)) => {
            // One call, in order: the inserts see the head the update set, or another one.
            let mut parts = vec![update];
            if let Some(nodes_moved) = nodes_moved {
                parts.push(format!(
                    "INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM (VALUES {nodes}) WHERE {nodes_moved}"
                ));
            }
            parts.push(format!(
                "INSERT INTO audit_events ({EVENT_COLUMNS}) SELECT * FROM (VALUES {events}) WHERE {events_moved}"
            ));
            parts.join(";\n")
        }
        _ => {
            // Every part runs on the same snapshot: the inserts depend on the update's result.
            let nodes_cte = if nodes.is_empty() {
                String::new()
            } else {
                format!(
                    ", nodes AS (INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM (VALUES {nodes}) AS v (level, idx, hash) WHERE EXISTS (SELECT 1 FROM moved))"
                )
            };
            format!(
                "WITH moved AS ({update} RETURNING id){nodes_cte} INSERT INTO audit_events ({EVENT_COLUMNS}) SELECT * FROM (VALUES {events}) AS v ({EVENT_COLUMNS}) WHERE EXISTS (SELECT 1 FROM moved)"
            )
        }
    };
    let result = txn
        .execute_raw(Statement::from_sql_and_values(backend, sql, b.values))
        .await?;
    Ok(result.rows_affected() > 0)
}

/// Events per `INSERT` (10 values each).
const EVENTS_PER_INSERT: usize = 200;
/// Merkle nodes per `INSERT` (3 values each).
const NODES_PER_INSERT: usize = 1_000;

/// Writes the appended events, the tree nodes they completed and the new head in one call: all
/// but the last chunk of each insert first (only for units of work with hundreds of events),
/// then the rest and the head together.
async fn write(
    txn: &DatabaseTransaction,
    backend: DbBackend,
    events: Vec<audit_events::ActiveModel>,
    nodes: Vec<merkle::NewNode>,
    head: UpdateStatement,
) -> Result<(), ServiceError> {
    let mut event_inserts = events
        .chunks(EVENTS_PER_INSERT)
        .map(|chunk| audit_events::Entity::insert_many(chunk.to_vec()).into_query())
        .collect::<Vec<_>>();
    let mut node_inserts = nodes
        .chunks(NODES_PER_INSERT)
        .map(|chunk| {
            merkle_nodes::Entity::insert_many(
                chunk
                    .iter()
                    .map(|&node| super::transparency::node_model(node)),
            )
            .into_query()
        })
        .collect::<Vec<_>>();
    let (Some(last_events), Some(last_nodes)) = (event_inserts.pop(), node_inserts.pop()) else {
        return Err(ServiceError::Internal("an append without events".into()));
    };
    for insert in event_inserts.iter().chain(&node_inserts) {
        txn.execute(insert).await?;
    }
    let statement = match backend {
        DbBackend::Postgres => backend.build(
            &WithClause::new()
                .cte(
                    CommonTableExpression::new()
                        .query(last_events)
                        .table_name(Alias::new("appended_events"))
                        .to_owned(),
                )
                .cte(
                    CommonTableExpression::new()
                        .query(last_nodes)
                        .table_name(Alias::new("appended_nodes"))
                        .to_owned(),
                )
                .to_owned()
                .query(head),
        ),
        _ => {
            // SQLite runs statements separated by `;` in one call, binding the `?`s in order.
            let parts = [
                backend.build(&last_events),
                backend.build(&last_nodes),
                backend.build(&head),
            ];
            let sql = parts
                .iter()
                .map(|p| p.sql.as_str())
                .collect::<Vec<_>>()
                .join(";\n");
            let values = parts
                .into_iter()
                .flat_map(|p| p.values.map(|v| v.0).unwrap_or_default())
                .collect::<Vec<_>>();
            Statement::from_sql_and_values(backend, sql, values)
        }
    };
    txn.execute_raw(statement).await?;
    Ok(())
}

fn to_active(e: &StoredEvent) -> audit_events::ActiveModel {
    let r = &e.record;
    audit_events::ActiveModel {
        seq: Set(r.seq),
        occurred_at: Set(r.occurred_at.clone()),
        actor_id: Set(r.actor_id),
        actor_role: Set(r.actor_role.clone()),
        action: Set(r.action.clone()),
        subject_type: Set(r.subject_type.clone()),
        subject_id: Set(r.subject_id.clone()),
        payload: Set(r.payload.clone()),
        prev_hash: Set(e.prev_hash.clone()),
        hash: Set(e.hash.clone()),
    }
}

/// Converts a stored row back to the domain's form.
pub fn from_model(m: audit_events::Model) -> StoredEvent {
    StoredEvent {
        record: EventRecord {
            seq: m.seq,
            occurred_at: m.occurred_at,
            actor_id: m.actor_id,
            actor_role: m.actor_role,
            action: m.action,
            subject_type: m.subject_type,
            subject_id: m.subject_id,
            payload: m.payload,
        },
        prev_hash: m.prev_hash,
        hash: m.hash,
    }
}

fn decode_hash(s: &str) -> Option<[u8; 32]> {
    hex::decode(s).ok()?.try_into().ok()
}

/// Rows fetched per page while streaming the log.
const PAGE: u64 = 5_000;

/// Streams the log in sequence order, a page at a time, calling `visit` for each event.
/// Memory stays flat whatever the log's length.
pub async fn for_each_event<C, F>(conn: &C, mut visit: F) -> Result<(), ServiceError>
where
    C: ConnectionTrait,
    F: FnMut(StoredEvent) -> Result<(), ServiceError>,
{
    let mut after = 0i64;
    loop {
        let rows = audit_events::Entity::find()
            .filter(audit_events::Column::Seq.gt(after))
            .order_by_asc(audit_events::Column::Seq)
            .limit(PAGE)
            .all(conn)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.seq;
        for row in rows {
            visit(from_model(row))?;
        }
    }
}

/// The outcome of verifying the stored log.
pub type VerifyOutcome = Result<ChainSummary, ChainError>;

/// Re-hashes every stored event and checks the links, the sequence and the recorded head;
/// stops at the first bad event.
pub async fn verify_log(db: &Db) -> Result<VerifyOutcome, ServiceError> {
    let mut verifier = ChainVerifier::new();
    let mut failure: Option<ChainError> = None;
    let head = scan::scan(db, |event| {
        match verifier.check_bytes(event.seq, event.canonical, event.prev_hash, event.hash) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failure = Some(e);
                ControlFlow::Break(())
            }
        }
    })
    .await?;
    if let Some(e) = failure {
        return Ok(Err(e));
    }
    Ok(verifier.finish(head.as_ref().map(|h| (h.seq, h.hash.as_str()))))
}

/// The events about one subject, oldest first (case timelines, user histories).
pub async fn events_for(
    db: &Db,
    subject_type: &str,
    subject_id: &str,
) -> Result<Vec<StoredEvent>, ServiceError> {
    Ok(audit_events::Entity::find()
        .filter(audit_events::Column::SubjectType.eq(subject_type))
        .filter(audit_events::Column::SubjectId.eq(subject_id))
        .order_by_asc(audit_events::Column::Seq)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}
