//! The audit log's Merkle tree in the database. It grows inside
//! [`crate::ssr::audit::UnitOfWork`]'s append, under the audit head's lock and in the same
//! transaction as the events, so two servers writing at once still grow one tree. Only perfect
//! subtrees are stored (`merkle_nodes`), each written once; any root or proof is assembled from
//! O(log n) of them.

use std::{cell::RefCell, collections::HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use tianping_domain::{
    audit::{self, EventRecord},
    merkle::{self, Frontier, Hash, MissingNode, NodeSource},
};

use crate::ssr::{
    db::Db,
    entities::{audit_events, audit_head, merkle_nodes},
    error::ServiceError,
};

/// Nodes for one computation: first recorded (which does the algorithm need?), then loaded.
pub(super) enum Nodes {
    Recording(RefCell<Vec<(u32, u64)>>),
    Loaded(HashMap<(u32, u64), Hash>),
}

impl NodeSource for Nodes {
    fn node(&self, level: u32, index: u64) -> Result<Hash, MissingNode> {
        match self {
            Nodes::Recording(keys) => {
                keys.borrow_mut().push((level, index));
                Ok([0; 32])
            }
            Nodes::Loaded(map) => map
                .get(&(level, index))
                .copied()
                .ok_or(MissingNode { level, index }),
        }
    }
}

pub(super) fn decode(s: &str) -> Option<Hash> {
    hex::decode(s).ok()?.try_into().ok()
}

fn missing(e: MissingNode) -> ServiceError {
    ServiceError::Internal(e.to_string())
}

/// Loads the stored perfect nodes with these keys.
async fn load<C: ConnectionTrait>(
    conn: &C,
    keys: &[(u32, u64)],
) -> Result<HashMap<(u32, u64), Hash>, ServiceError> {
    let mut map = HashMap::new();
    for chunk in keys.chunks(200) {
        let mut any = Condition::any();
        for (level, index) in chunk {
            any = any.add(
                Condition::all()
                    .add(merkle_nodes::Column::Level.eq(i32::try_from(*level).unwrap_or(i32::MAX)))
                    .add(merkle_nodes::Column::Idx.eq(i64::try_from(*index).unwrap_or(i64::MAX))),
            );
        }
        for row in merkle_nodes::Entity::find().filter(any).all(conn).await? {
            let hash = decode(&row.hash).ok_or_else(|| {
                ServiceError::Internal(format!(
                    "Merkle node {}/{} is malformed",
                    row.level, row.idx
                ))
            })?;
            map.insert(
                (
                    u32::try_from(row.level).unwrap_or(0),
                    u64::try_from(row.idx).unwrap_or(0),
                ),
                hash,
            );
        }
    }
    Ok(map)
}

/// Runs a tree computation against the stored nodes: once to learn which nodes it reads, then
/// with those nodes loaded in one query.
pub(super) async fn with_nodes<C, T>(
    conn: &C,
    compute: impl Fn(&Nodes) -> Result<T, MissingNode>,
) -> Result<T, ServiceError>
where
    C: ConnectionTrait,
{
    let recording = Nodes::Recording(RefCell::new(Vec::new()));
    compute(&recording).map_err(missing)?;
    let Nodes::Recording(keys) = recording else {
        unreachable!()
    };
    let mut keys = keys.into_inner();
    keys.sort_unstable();
    keys.dedup();
    let loaded = Nodes::Loaded(load(conn, &keys).await?);
    compute(&loaded).map_err(missing)
}

/// The tree of the first `size` events, restored from the stored nodes.
pub async fn frontier<C: ConnectionTrait>(conn: &C, size: u64) -> Result<Frontier, ServiceError> {
    with_nodes(conn, |nodes| Frontier::restore(size, nodes)).await
}

/// The root of the tree of the first `size` events.
pub async fn root<C: ConnectionTrait>(conn: &C, size: u64) -> Result<Hash, ServiceError> {
    if size == 0 {
        return Ok(merkle::empty_root());
    }
    with_nodes(conn, |nodes| merkle::subtree_root(0, size, nodes)).await
}

/// The leaf hash of an event: the hash of its canonical bytes.
pub fn leaf(record: &EventRecord) -> Hash {
    merkle::leaf_hash(&audit::canonical_bytes(record))
}

/// A tree node as a row.
pub(crate) fn node_model((level, index, hash): merkle::NewNode) -> merkle_nodes::ActiveModel {
    merkle_nodes::ActiveModel {
        level: Set(i32::try_from(level).unwrap_or(i32::MAX)),
        idx: Set(i64::try_from(index).unwrap_or(i64::MAX)),
        hash: Set(hex::encode(hash)),
    }
}

async fn store<C: ConnectionTrait>(
    conn: &C,
    created: Vec<merkle::NewNode>,
) -> Result<(), ServiceError> {
    for chunk in created.chunks(500) {
        merkle_nodes::Entity::insert_many(chunk.iter().map(|&node| node_model(node)))
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The head's `frontier` text for a tree: `"{size}:{hex of the peaks}"` (see migration
/// `m20261201_000015_audit_head_frontier`).
pub fn frontier_text(tree: &Frontier) -> String {
    format!("{}:{}", tree.size(), hex::encode(tree.peak_bytes()))
}

/// The tree a head's `frontier` text describes, if it describes the tree of `size` events.
pub(super) fn parse_frontier(text: &str, size: u64) -> Option<Frontier> {
    let (stated, peaks) = text.split_once(':')?;
    if stated.parse::<u64>().ok()? != size {
        return None;
    }
    Frontier::from_peaks(size, &hex::decode(peaks).ok()?)
}

/// The tree over every event up to the locked `head`: its right edge from the head row when the
/// row holds the edge of its `tree_size`, else restored from the stored nodes (a head written
/// before the edge was kept there); then any events the tree does not cover yet (a log written
/// before the tree existed) are added, their nodes stored.
pub async fn tree_at<C: ConnectionTrait>(
    conn: &C,
    head: &audit_head::Model,
) -> Result<Frontier, ServiceError> {
    let size = u64::try_from(head.tree_size).unwrap_or(0);
    let mut tree = match head
        .frontier
        .as_deref()
        .and_then(|f| parse_frontier(f, size))
    {
        Some(tree) => tree,
        None => frontier(conn, size).await?,
    };
    let mut after = head.tree_size;
    while after < head.seq {
        let rows = audit_events::Entity::find()
            .filter(audit_events::Column::Seq.gt(after))
            .filter(audit_events::Column::Seq.lte(head.seq))
            .order_by_asc(audit_events::Column::Seq)
            .limit(2_000)
            .all(conn)
            .await?;
        let Some(last) = rows.last().map(|r| r.seq) else {
            break;
        };
        let mut created = Vec::new();
        for row in rows {
            tree.push_each(leaf(&crate::ssr::audit::from_model(row).record), |node| {
                created.push(node);
            });
        }
        after = last;
        store(conn, created).await?;
    }
    Ok(tree)
}

/// Catches the tree up with the log (after a migration of a log written before the tree), in
/// its own transaction under the head's lock. Returns the tree size.
pub async fn catch_up(db: &Db) -> Result<i64, ServiceError> {
    let _guard = db.write_guard().await;
    let txn = db.begin_write().await?;
    let mut q = audit_head::Entity::find_by_id(1);
    if db.backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let Some(head) = q.one(&txn).await? else {
        return Ok(0);
    };
    if head.tree_size >= head.seq {
        return Ok(head.tree_size);
    }
    let tree = tree_at(&txn, &head).await?;
    let size = i64::try_from(tree.size()).unwrap_or(i64::MAX);
    let mut h: audit_head::ActiveModel = head.into();
    h.tree_size = Set(size);
    h.frontier = Set(Some(frontier_text(&tree)));
    h.update(&txn).await?;
    txn.commit().await?;
    Ok(size)
}
