//! The append itself: events built on the remembered head and written, with their Merkle
//! nodes and the new head, in one compare-and-set call (two round trips when the head moved).

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QuerySelect,
    QueryTrait, Set, Statement,
    sea_query::{Alias, CommonTableExpression, Query, UpdateStatement, WithClause},
};
use tianping_domain::{
    audit::{self, EventRecord, StoredEvent},
    merkle,
};

use super::{NewEvent, decode_hash};

use crate::ssr::{
    entities::{audit_events, audit_head, merkle_nodes},
    error::ServiceError,
};

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
    let mut tree = crate::ssr::transparency::tree_at(txn, head).await?;
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
            frontier: Some(crate::ssr::transparency::frontier_text(&tree)),
        },
    })
}

/// Appends `events` to the chain inside the transaction; returns their sequence numbers and
/// the new head (`None` when there was nothing to append). `known` is the head the process
/// believes current: if the stored head is still that one, one conditional write does it all.
pub(super) async fn append(
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
                    .map(|&node| crate::ssr::transparency::node_model(node)),
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
