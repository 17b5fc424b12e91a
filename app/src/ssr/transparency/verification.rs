//! Verifying the tree: every event re-hashed into a fresh tree in one streamed pass (with the
//! chain, for the command line), compared with every stored checkpoint, a given one, the stored
//! nodes and the head's copy of the tree's edge; optionally every evidence file re-hashed.

use std::ops::ControlFlow;

use sea_orm::{EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use tianping_domain::{
    audit,
    checkpoint::{self, Signed},
    merkle::{self, Frontier, Hash},
};

use super::{
    keys::keys,
    tree::{parse_frontier, root},
};
use crate::ssr::{AppState, audit::scan::Head, entities::audit_checkpoints, error::ServiceError};

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
/// batches and the O(log n) frontier; see [`crate::ssr::audit::scan`]), and checks every stored checkpoint's signature and root, the
/// given external checkpoint, and the stored nodes; with `with_files`, re-hashes every evidence
/// file too.
pub async fn verify_tree(
    state: &AppState,
    external: Option<&Signed>,
    with_files: bool,
) -> Result<TreeReport, ServiceError> {
    Ok(verify_inner(
        &state.db,
        &state.settings.data_dir,
        external,
        with_files,
        None,
    )
    .await?
    .0)
}

/// Verifies the chain and the tree in one streamed pass (the command line's `audit verify`):
/// the chain's outcome, then the tree's report. Reads only: `db` may be a read-only connection
/// ([`crate::ssr::db::Db::connect_read_only`]) and `data_dir` a read-only copy.
pub async fn verify_all(
    db: &crate::ssr::db::Db,
    data_dir: &std::path::Path,
    external: Option<&Signed>,
    with_files: bool,
) -> Result<(crate::ssr::audit::VerifyOutcome, TreeReport), ServiceError> {
    let mut chain = ChainCheck::default();
    let (report, head) = verify_inner(db, data_dir, external, with_files, Some(&mut chain)).await?;
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
    db: &crate::ssr::db::Db,
    data_dir: &std::path::Path,
    external: Option<&Signed>,
    with_files: bool,
    mut chain: Option<&mut ChainCheck>,
) -> Result<(TreeReport, Option<Head>), ServiceError> {
    let conn = &db.conn;
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
    let head = crate::ssr::audit::scan::scan(db, |event| {
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
        let store = crate::ssr::blobs::BlobStore::new(data_dir);
        let rows = crate::ssr::entities::blobs::Entity::find()
            .all(conn)
            .await?;
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
