//! The audit log's transparency: its Merkle tree in the database ([`tree`]), the checkpoint
//! signing keys ([`keys`]), signed checkpoints ([`checkpoints`]), proofs ([`proofs`]) and the
//! tree's verification ([`verification`]).
//!
//! The tree grows inside [`super::audit::UnitOfWork`]'s append, under the audit head's lock and
//! in the same transaction as the events, so two servers writing at once still grow one tree.
//! Only perfect subtrees are stored (`merkle_nodes`), each written once; any root or proof is
//! assembled from O(log n) of them.

pub mod checkpoints;
pub mod keys;
pub mod proofs;
pub mod tree;
pub mod verification;

pub use checkpoints::{CheckpointView, checkpoints, latest, make_checkpoint, public_page};
pub use keys::{CheckpointSigner, keys, rotate_key, signer};
pub use proofs::{ConsistencyProof, InclusionProof, PUBLIC_ACTIONS, consistency, inclusion};
pub(crate) use tree::node_model;
pub use tree::{catch_up, frontier, frontier_text, leaf, root, tree_at};
pub use verification::{TreeProblem, TreeReport, verify_all, verify_tree};
