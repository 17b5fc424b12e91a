//! The audit log's Merkle tree in the database, the checkpoint signing keys, signed
//! checkpoints, proofs and the tree's verification.
//!
//! The tree grows inside [`super::audit::UnitOfWork`]'s append, under the audit head's lock and
//! in the same transaction as the events, so two servers writing at once still grow one tree.
//! Only perfect subtrees are stored (`merkle_nodes`), each written once; any root or proof is
//! assembled from O(log n) of them.

use std::{cell::RefCell, collections::HashMap, io::Write, ops::ControlFlow, path::Path};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use tianping_domain::{
    audit::{self, EventRecord},
    checkpoint::{self, Body, PublicKey, Signed},
    merkle::{self, Frontier, Hash, MissingNode, NodeSource},
};

use super::{
    AppState,
    audit::{AuditActor, NewEvent, UnitOfWork, scan::Head},
    db::Db,
    entities::{audit_checkpoints, audit_events, audit_head, audit_keys, merkle_nodes},
    error::ServiceError,
};

/// Nodes for one computation: first recorded (which does the algorithm need?), then loaded.
enum Nodes {
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

fn decode(s: &str) -> Option<Hash> {
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
async fn with_nodes<C, T>(
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
fn parse_frontier(text: &str, size: u64) -> Option<Frontier> {
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
            tree.push_each(leaf(&super::audit::from_model(row).record), |node| {
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
    use sea_orm::TransactionTrait;
    let _guard = db.write_guard().await;
    let txn = db.conn.begin().await?;
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

// ---------------------------------------------------------------------------------------------
// Keys

/// The key that signs checkpoints now.
pub struct CheckpointSigner {
    /// The key's name.
    pub name: String,
    secret: [u8; 32],
}

const KEY_FILE: &str = "audit-signing.key";

fn write_secret(path: &Path, secret: &[u8; 32]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(&tmp)?;
    file.write_all(hex::encode(secret).as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

fn random_secret() -> Result<[u8; 32], ServiceError> {
    super::util::random_bytes()
}

/// The secret signing key: the configured one (`TIANPING_AUDIT_KEY`, 64 hex digits) if set,
/// else the key file in the data directory, created (mode 0600) on first use.
fn secret(state: &AppState) -> Result<[u8; 32], ServiceError> {
    if let Some(hexed) = &state.settings.audit_key {
        return decode(hexed.expose().trim()).ok_or_else(|| {
            ServiceError::Internal("TIANPING_AUDIT_KEY must be 64 hexadecimal digits".into())
        });
    }
    let path = state.settings.data_dir.join(KEY_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return decode(existing.trim()).ok_or_else(|| {
            ServiceError::Internal(format!("{} is not a signing key", path.display()))
        });
    }
    std::fs::create_dir_all(&state.settings.data_dir)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let secret = random_secret()?;
    write_secret(&path, &secret).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(secret)
}

fn to_public(row: &audit_keys::Model) -> Option<PublicKey> {
    Some(PublicKey {
        name: row.name.clone(),
        key: decode(&row.public_key)?,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
    })
}

/// Every key that ever signed checkpoints, oldest first.
pub async fn keys<C: ConnectionTrait>(conn: &C) -> Result<Vec<PublicKey>, ServiceError> {
    Ok(audit_keys::Entity::find()
        .order_by_asc(audit_keys::Column::Id)
        .all(conn)
        .await?
        .iter()
        .filter_map(to_public)
        .collect())
}

/// The current signer, registering its public key (an audited write) on first use.
pub async fn signer(state: &AppState) -> Result<CheckpointSigner, ServiceError> {
    let secret = secret(state)?;
    let public = hex::encode(checkpoint::public_key(&secret));
    if let Some(row) = audit_keys::Entity::find()
        .filter(audit_keys::Column::PublicKey.eq(public.clone()))
        .one(&state.db.conn)
        .await?
    {
        return Ok(CheckpointSigner {
            name: row.name,
            secret,
        });
    }
    match register_key(state, &public, None).await {
        Ok(name) => Ok(CheckpointSigner { name, secret }),
        Err(e) => {
            // Another server sharing the key registered it at the same moment.
            match audit_keys::Entity::find()
                .filter(audit_keys::Column::PublicKey.eq(public))
                .one(&state.db.conn)
                .await?
            {
                Some(row) => Ok(CheckpointSigner {
                    name: row.name,
                    secret,
                }),
                None => Err(e),
            }
        }
    }
}

/// Registers a public key valid from now, retiring the keys in force; returns its name.
async fn register_key(
    state: &AppState,
    public: &str,
    reason: Option<&str>,
) -> Result<String, ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let now = uow.now();
    let existing = audit_keys::Entity::find().all(uow.txn()).await?;
    // Another server sharing the key registered it since this one looked: use that
    // registration rather than retire it (its checkpoints would fall outside their window).
    if reason.is_none()
        && let Some(k) = existing
            .iter()
            .find(|k| k.public_key == public && k.valid_to.is_none())
    {
        return Ok(k.name.clone());
    }
    let name = format!("tianping-audit-{}", existing.len() + 1);
    for old in existing.into_iter().filter(|k| k.valid_to.is_none()) {
        let mut k: audit_keys::ActiveModel = old.into();
        k.valid_to = Set(Some(now));
        k.update(uow.txn()).await?;
    }
    audit_keys::ActiveModel {
        name: Set(name.clone()),
        public_key: Set(public.to_owned()),
        valid_from: Set(now),
        valid_to: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::system(),
        action: if reason.is_some() {
            "audit.rotate_key"
        } else {
            "audit.register_key"
        },
        subject_type: "audit_key",
        subject_id: name.clone(),
        payload: serde_json::json!({"name": name, "public_key": public}),
    });
    uow.commit().await?;
    Ok(name)
}

/// Rotates the signing key: a new key file, the old key retired (its checkpoints still verify
/// within its window). Refused when the key comes from the environment.
pub async fn rotate_key(state: &AppState) -> Result<String, ServiceError> {
    if state.settings.audit_key.is_some() {
        return Err(ServiceError::Internal(
            "the signing key comes from TIANPING_AUDIT_KEY: set a new value there instead".into(),
        ));
    }
    // Make sure the current key is registered (and so retired below).
    signer(state).await?;
    let secret = random_secret()?;
    let public = hex::encode(checkpoint::public_key(&secret));
    let name = register_key(state, &public, Some("rotation")).await?;
    write_secret(&state.settings.data_dir.join(KEY_FILE), &secret)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(name)
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

/// A stored checkpoint, as served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointView {
    /// Tree size.
    pub size: i64,
    /// Root, hex.
    pub root: String,
    /// When it was signed.
    pub signed_at: DateTime<Utc>,
    /// The key that signed it.
    pub key_name: String,
    /// The signed note, byte for byte.
    pub note: String,
}

fn view(row: audit_checkpoints::Model) -> CheckpointView {
    CheckpointView {
        size: row.size,
        root: row.root,
        signed_at: row.signed_at,
        key_name: row.key_name,
        note: row.note,
    }
}

/// Signs a checkpoint of the tree as it stands, unless the latest checkpoint already covers
/// it (or `force`). Returns the new checkpoint, if one was made.
pub async fn make_checkpoint(
    state: &AppState,
    force: bool,
) -> Result<Option<CheckpointView>, ServiceError> {
    // First, so that registering a new key (an audited write) is inside the checkpoint.
    let signer = signer(state).await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(&state.db.conn)
        .await?
        .ok_or_else(|| ServiceError::Internal("audit head row is missing".into()))?;
    if head.tree_size < head.seq {
        catch_up(&state.db).await?;
        return Box::pin(make_checkpoint(state, force)).await;
    }
    let size = head.tree_size;
    if size == 0 {
        return Ok(None);
    }
    let latest = latest(&state.db.conn).await?;
    if !force && latest.as_ref().is_some_and(|c| c.size >= size) {
        return Ok(None);
    }
    let root = root(&state.db.conn, u64::try_from(size).unwrap_or(0)).await?;
    let now = state.clock.now();
    let signed = checkpoint::sign(
        Body {
            origin: state.settings.log_origin.clone(),
            size: u64::try_from(size).unwrap_or(0),
            root,
            timestamp: now.timestamp(),
        },
        &signer.name,
        &signer.secret,
    );
    let row = audit_checkpoints::ActiveModel {
        size: Set(size),
        root: Set(hex::encode(root)),
        signed_at: Set(DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)),
        key_name: Set(signer.name.clone()),
        note: Set(signed.text()),
        ..Default::default()
    }
    .insert(&state.db.conn)
    .await?;
    Ok(Some(view(row)))
}

/// The latest checkpoint.
pub async fn latest<C: ConnectionTrait>(conn: &C) -> Result<Option<CheckpointView>, ServiceError> {
    Ok(audit_checkpoints::Entity::find()
        .order_by_desc(audit_checkpoints::Column::Size)
        .order_by_desc(audit_checkpoints::Column::Id)
        .one(conn)
        .await?
        .map(view))
}

/// Checkpoints, newest first, at most `limit`, below `before` (a size) if given.
pub async fn checkpoints(
    state: &AppState,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<CheckpointView>, ServiceError> {
    let mut q = audit_checkpoints::Entity::find()
        .order_by_desc(audit_checkpoints::Column::Size)
        .order_by_desc(audit_checkpoints::Column::Id)
        .limit(limit.clamp(1, 500));
    if let Some(b) = before {
        q = q.filter(audit_checkpoints::Column::Size.lt(b));
    }
    Ok(q.all(&state.db.conn).await?.into_iter().map(view).collect())
}

// ---------------------------------------------------------------------------------------------
// Proofs

/// Actions whose events the public may read in full; for any other event an inclusion proof
/// carries hashes only.
pub const PUBLIC_ACTIONS: [&str; 3] = ["document.issue", "decision.publish", "decision.withdraw"];

/// An inclusion proof of one event in the tree of a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProof {
    /// The event's sequence number (leaf index + 1).
    pub seq: i64,
    /// The leaf index.
    pub leaf_index: u64,
    /// The tree size the proof is for.
    pub tree_size: u64,
    /// SHA-256(0x00 ‖ canonical bytes of the event), hex.
    pub leaf_hash: String,
    /// The audit path, leaf first, hex.
    pub proof: Vec<String>,
    /// The tree's root at that size, hex.
    pub root: String,
    /// The checkpoint of that size, if one was signed.
    pub checkpoint: Option<String>,
    /// The event itself, for public events only.
    pub event: Option<EventRecord>,
}

/// A consistency proof between two tree sizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsistencyProof {
    /// The older size.
    pub from: u64,
    /// The newer size.
    pub to: u64,
    /// The older root, hex.
    pub from_root: String,
    /// The newer root, hex.
    pub to_root: String,
    /// The proof, hex.
    pub proof: Vec<String>,
}

async fn tree_size(state: &AppState) -> Result<u64, ServiceError> {
    let head = audit_head::Entity::find_by_id(1)
        .one(&state.db.conn)
        .await?;
    Ok(head.map_or(0, |h| u64::try_from(h.tree_size).unwrap_or(0)))
}

fn out_of_range() -> ServiceError {
    ServiceError::Validation(tianping_domain::validate::ValidationError::new(
        tianping_domain::validate::Field::TreeSize,
        tianping_domain::validate::Rule::OneOf,
    ))
}

/// The inclusion proof of event `seq` in the tree of `size` events (default: the latest
/// checkpoint's size).
pub async fn inclusion(
    state: &AppState,
    seq: i64,
    size: Option<u64>,
) -> Result<InclusionProof, ServiceError> {
    let have = tree_size(state).await?;
    let size = match size {
        Some(s) => s,
        None => latest(&state.db.conn)
            .await?
            .map_or(have, |c| u64::try_from(c.size).unwrap_or(0)),
    };
    if size == 0 || size > have {
        return Err(out_of_range());
    }
    let index = u64::try_from(seq - 1).map_err(|_| ServiceError::NotFound)?;
    if index >= size {
        return Err(ServiceError::NotFound);
    }
    let conn = &state.db.conn;
    let (leaf, proof, root) = with_nodes(conn, |nodes| {
        Ok((
            nodes.node(0, index)?,
            merkle::inclusion_proof(index, size, nodes)?,
            merkle::subtree_root(0, size, nodes)?,
        ))
    })
    .await?;
    let checkpoint = audit_checkpoints::Entity::find()
        .filter(audit_checkpoints::Column::Size.eq(i64::try_from(size).unwrap_or(i64::MAX)))
        .one(conn)
        .await?
        .map(|c| c.note);
    let event = audit_events::Entity::find_by_id(seq)
        .one(conn)
        .await?
        .filter(|e| PUBLIC_ACTIONS.contains(&e.action.as_str()))
        .map(|e| super::audit::from_model(e).record);
    Ok(InclusionProof {
        seq,
        leaf_index: index,
        tree_size: size,
        leaf_hash: hex::encode(leaf),
        proof: proof.iter().map(hex::encode).collect(),
        root: hex::encode(root),
        checkpoint,
        event,
    })
}

/// The consistency proof between the trees of `from` and `to` events.
pub async fn consistency(
    state: &AppState,
    from: u64,
    to: u64,
) -> Result<ConsistencyProof, ServiceError> {
    let have = tree_size(state).await?;
    if from == 0 || from > to || to > have {
        return Err(out_of_range());
    }
    let (proof, old, new) = with_nodes(&state.db.conn, |nodes| {
        Ok((
            merkle::consistency_proof(from, to, nodes)?,
            merkle::subtree_root(0, from, nodes)?,
            merkle::subtree_root(0, to, nodes)?,
        ))
    })
    .await?;
    Ok(ConsistencyProof {
        from,
        to,
        from_root: hex::encode(old),
        to_root: hex::encode(new),
        proof: proof.iter().map(hex::encode).collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Verification

/// What the tree verification found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TreeProblem {
    /// A checkpoint's signature does not verify with the keys on record.
    BadSignature {
        /// Its tree size.
        size: i64,
        /// Why.
        reason: String,
    },
    /// The first `size` events, re-hashed, do not give the checkpoint's root: history up to
    /// that size was rewritten.
    RootMismatch {
        /// The checkpoint's tree size.
        size: u64,
        /// Where it came from (`stored` or `file`).
        source: String,
    },
    /// A checkpoint covers more events than the log holds: the tail was truncated.
    Truncated {
        /// Events in the log.
        have: u64,
        /// Events the checkpoint covers.
        want: u64,
    },
    /// The stored Merkle nodes (or the head's copy of the tree's edge) do not match the
    /// re-hashed events.
    NodesMismatch,
    /// An evidence file's bytes no longer hash to its name.
    FileAltered {
        /// The recorded SHA-256.
        sha256: String,
    },
    /// An evidence file is missing.
    FileMissing {
        /// The recorded SHA-256.
        sha256: String,
    },
}

impl TreeProblem {
    /// The first event the problem puts in doubt, where it can be named.
    pub fn first_bad_seq(&self) -> Option<i64> {
        match self {
            TreeProblem::Truncated { have, .. } => i64::try_from(*have + 1).ok(),
            _ => None,
        }
    }

    /// A sentence for the operator.
    pub fn describe(&self) -> String {
        match self {
            TreeProblem::BadSignature { size, reason } => {
                format!("checkpoint of size {size}: signature invalid ({reason})")
            }
            TreeProblem::RootMismatch { size, source } => format!(
                "the first {size} events no longer hash to the root of the {source} checkpoint of size {size}: history up to event {size} was rewritten"
            ),
            TreeProblem::Truncated { have, want } => format!(
                "the log holds {have} events but a checkpoint covers {want}: events {} to {want} are missing (first bad event {})",
                have + 1,
                have + 1
            ),
            TreeProblem::NodesMismatch => {
                "the stored Merkle nodes do not match the re-hashed events".to_owned()
            }
            TreeProblem::FileAltered { sha256 } => {
                format!("evidence file {sha256} no longer has that SHA-256")
            }
            TreeProblem::FileMissing { sha256 } => format!("evidence file {sha256} is missing"),
        }
    }
}

/// The result of verifying the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeReport {
    /// Events re-hashed.
    pub size: u64,
    /// The root of the re-hashed events, hex.
    pub root: String,
    /// Checkpoints checked (stored and given).
    pub checkpoints_checked: usize,
    /// Evidence files re-hashed.
    pub files_checked: usize,
    /// What is wrong, if anything.
    pub problems: Vec<TreeProblem>,
}

/// Re-hashes every event's stored content into a fresh tree (streamed: memory holds a few
/// batches and the O(log n) frontier; see [`super::audit::scan`]), and checks every stored checkpoint's signature and root, the
/// given external checkpoint, and the stored nodes; with `with_files`, re-hashes every evidence
/// file too.
pub async fn verify_tree(
    state: &AppState,
    external: Option<&Signed>,
    with_files: bool,
) -> Result<TreeReport, ServiceError> {
    Ok(verify_inner(state, external, with_files, None).await?.0)
}

/// Verifies the chain and the tree in one streamed pass (the command line's `audit verify`):
/// the chain's outcome, then the tree's report.
pub async fn verify_all(
    state: &AppState,
    external: Option<&Signed>,
    with_files: bool,
) -> Result<(super::audit::VerifyOutcome, TreeReport), ServiceError> {
    let mut chain = ChainCheck::default();
    let (report, head) = verify_inner(state, external, with_files, Some(&mut chain)).await?;
    let outcome = match chain.failure {
        Some(e) => Err(e),
        None => chain
            .verifier
            .finish(head.as_ref().map(|h| (h.seq, h.hash.as_str()))),
    };
    Ok((outcome, report))
}

/// The chain check carried along a tree verification.
struct ChainCheck {
    verifier: audit::ChainVerifier,
    failure: Option<audit::ChainError>,
}

impl Default for ChainCheck {
    fn default() -> Self {
        Self {
            verifier: audit::ChainVerifier::new(),
            failure: None,
        }
    }
}

async fn verify_inner(
    state: &AppState,
    external: Option<&Signed>,
    with_files: bool,
    mut chain: Option<&mut ChainCheck>,
) -> Result<(TreeReport, Option<Head>), ServiceError> {
    let conn = &state.db.conn;
    let keys = keys(conn).await?;
    let mut problems = Vec::new();
    // (size, root, source) to compare while streaming.
    let mut targets: Vec<(u64, Hash, String)> = Vec::new();
    let stored = audit_checkpoints::Entity::find()
        .order_by_asc(audit_checkpoints::Column::Size)
        .all(conn)
        .await?;
    for c in &stored {
        match checkpoint::parse(&c.note) {
            Ok(signed) => {
                if let Err(e) = checkpoint::verify(&signed, &keys) {
                    problems.push(TreeProblem::BadSignature {
                        size: c.size,
                        reason: e.to_string(),
                    });
                }
                if i64::try_from(signed.body.size).ok() != Some(c.size)
                    || hex::encode(signed.body.root) != c.root
                {
                    problems.push(TreeProblem::BadSignature {
                        size: c.size,
                        reason: "the stored size or root differs from the signed note".into(),
                    });
                }
                targets.push((signed.body.size, signed.body.root, "stored".into()));
            }
            Err(e) => problems.push(TreeProblem::BadSignature {
                size: c.size,
                reason: e.to_string(),
            }),
        }
    }
    if let Some(ext) = external {
        if let Err(e) = checkpoint::verify(ext, &keys) {
            problems.push(TreeProblem::BadSignature {
                size: i64::try_from(ext.body.size).unwrap_or(i64::MAX),
                reason: e.to_string(),
            });
        }
        targets.push((ext.body.size, ext.body.root, "given".into()));
    }
    targets.sort_by_key(|t| t.0);
    let checkpoints_checked = targets.len();
    let mut next = 0usize;
    let mut tree = Frontier::new();
    let mut mismatches = Vec::new();
    let head = super::audit::scan::scan(&state.db, |event| {
        if let Some(c) = chain.as_deref_mut()
            && c.failure.is_none()
            && let Err(e) =
                c.verifier
                    .check_bytes(event.seq, event.canonical, event.prev_hash, event.hash)
        {
            c.failure = Some(e);
        }
        tree.push_each(merkle::leaf_hash(event.canonical), |_| {});
        while next < targets.len() && targets[next].0 <= tree.size() {
            let (size, root, source) = &targets[next];
            if *size == tree.size() && tree.root() != *root {
                mismatches.push(TreeProblem::RootMismatch {
                    size: *size,
                    source: source.clone(),
                });
            }
            next += 1;
        }
        ControlFlow::Continue(())
    })
    .await?;
    problems.extend(mismatches);
    for (size, _, _) in &targets[next..] {
        problems.push(TreeProblem::Truncated {
            have: tree.size(),
            want: *size,
        });
    }
    // The stored nodes, and the head's copy of the tree's edge, must agree with the re-hashed
    // events.
    if let Some(h) = &head
        && u64::try_from(h.tree_size).ok() == Some(tree.size())
        && tree.size() > 0
    {
        let edge_differs = h
            .frontier
            .as_deref()
            .and_then(|f| parse_frontier(f, tree.size()))
            .is_some_and(|stored| stored != tree);
        match root(conn, tree.size()).await {
            Ok(r) if r == tree.root() && !edge_differs => {}
            _ => problems.push(TreeProblem::NodesMismatch),
        }
    }
    let mut files_checked = 0;
    if with_files {
        let store = super::blobs::BlobStore::new(&state.settings.data_dir);
        let rows = super::entities::blobs::Entity::find().all(conn).await?;
        for b in rows {
            files_checked += 1;
            match store.rehash(&b.sha256).await {
                Ok(Some(actual)) if actual == b.sha256 => {}
                Ok(Some(_)) => problems.push(TreeProblem::FileAltered { sha256: b.sha256 }),
                Ok(None) => problems.push(TreeProblem::FileMissing { sha256: b.sha256 }),
                Err(e) => return Err(ServiceError::Internal(e.to_string())),
            }
        }
    }
    let report = TreeReport {
        size: tree.size(),
        root: hex::encode(tree.root()),
        checkpoints_checked,
        files_checked,
        problems,
    };
    Ok((report, head))
}

/// The public transparency page: the latest checkpoints and every key.
pub async fn public_page(
    state: &AppState,
) -> Result<crate::api::audit_dto::PublicAudit, ServiceError> {
    use crate::api::audit_dto::{PublicAudit, PublicCheckpoint, PublicKeyView};
    use tianping_domain::i18n::china_time;
    let fmt = |t: DateTime<Utc>| china_time(t).format("%Y-%m-%d %H:%M:%S").to_string();
    let checkpoints = checkpoints(state, None, 10)
        .await?
        .into_iter()
        .map(|c| PublicCheckpoint {
            size: c.size,
            root: c.root,
            signed_at: fmt(c.signed_at),
            key_name: c.key_name,
            note: c.note,
        })
        .collect();
    let keys = keys(&state.db.conn)
        .await?
        .into_iter()
        .map(|k| PublicKeyView {
            verifier: k.verifier_string(),
            name: k.name,
            valid_from: fmt(k.valid_from),
            valid_to: k.valid_to.map(fmt),
        })
        .collect();
    Ok(PublicAudit { checkpoints, keys })
}
