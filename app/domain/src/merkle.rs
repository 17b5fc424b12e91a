//! A Merkle tree over the audit events in the style of RFC 6962 / RFC 9162 (Certificate
//! Transparency), kept beside the prev-hash chain.
//!
//! ```text
//! leaf hash  = SHA-256(0x00 ‖ canonical bytes of the event)
//! node hash  = SHA-256(0x01 ‖ left ‖ right)
//! MTH({})    = SHA-256()                                   (the empty tree)
//! MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n]))   k = the largest power of two < n
//! ```
//!
//! The tree is kept incrementally as a [`Frontier`]: the roots of the perfect subtrees that
//! make up the tree (one per set bit of its size), so appending a leaf costs O(log n) and yields
//! the perfect-subtree nodes it completes, which the store keeps by (level, index). Proofs are
//! built from those stored nodes through a [`NodeSource`]; the verification functions follow
//! RFC 9162 §2.1.3.2 and §2.1.4.2 and need nothing but the proof.
//!
//! Invariants: a leaf's index is its event's `seq - 1`; a perfect node (level l, index i) covers
//! leaves `[i·2^l, (i+1)·2^l)`; only complete perfect subtrees are ever stored, so a stored node
//! never changes once written.

use sha2::{Digest, Sha256};

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// The hash of a leaf.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The hash of an interior node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// A perfect subtree's root that a new leaf completed: (level, index, hash).
pub type NewNode = (u32, u64, Hash);

/// The right edge of the tree: the roots of its perfect subtrees, largest (leftmost) first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frontier {
    size: u64,
    /// (level, hash), levels strictly decreasing.
    peaks: Vec<(u32, Hash)>,
}

impl Frontier {
    /// The empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rebuilds the frontier of a tree of `size` leaves from its stored perfect nodes.
    pub fn restore(size: u64, source: &impl NodeSource) -> Result<Self, MissingNode> {
        let mut peaks = Vec::new();
        let mut start = 0u64;
        for level in (0..64u32).rev() {
            if size & (1u64 << level) != 0 {
                let index = start >> level;
                peaks.push((level, source.node(level, index)?));
                start += 1u64 << level;
            }
        }
        Ok(Self { size, peaks })
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash and returns the perfect-subtree nodes it completed, the leaf itself
    /// (level 0) first.
    pub fn push(&mut self, leaf: Hash) -> Vec<NewNode> {
        let mut created = Vec::with_capacity(2);
        self.push_each(leaf, |node| created.push(node));
        created
    }

    /// Appends a leaf hash and hands each perfect-subtree node it completed to `created`, the
    /// leaf itself (level 0) first; [`Self::push`] without the allocation.
    pub fn push_each(&mut self, leaf: Hash, mut created: impl FnMut(NewNode)) {
        let index = self.size;
        created((0, index, leaf));
        let mut level = 0u32;
        let mut hash = leaf;
        while let Some(&(peak_level, peak_hash)) = self.peaks.last() {
            if peak_level != level {
                break;
            }
            self.peaks.pop();
            hash = node_hash(&peak_hash, &hash);
            level += 1;
            created((level, index >> level, hash));
        }
        self.peaks.push((level, hash));
        self.size += 1;
    }

    /// The peaks' hashes end to end, largest subtree first: with [`Self::size`], all that
    /// [`Self::from_peaks`] needs to rebuild the frontier.
    pub fn peak_bytes(&self) -> Vec<u8> {
        self.peaks.iter().flat_map(|(_, hash)| *hash).collect()
    }

    /// The frontier of a tree of `size` leaves from its peaks' hashes as [`Self::peak_bytes`]
    /// wrote them; `None` unless there is exactly one hash per set bit of `size`.
    pub fn from_peaks(size: u64, bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 32 * usize::try_from(size.count_ones()).ok()? {
            return None;
        }
        let mut hashes = bytes.chunks_exact(32);
        let mut peaks = Vec::new();
        for level in (0..64u32).rev() {
            if size & (1u64 << level) != 0 {
                peaks.push((level, hashes.next()?.try_into().ok()?));
            }
        }
        Some(Self { size, peaks })
    }

    /// The tree's root (RFC 6962 MTH).
    pub fn root(&self) -> Hash {
        let mut iter = self.peaks.iter().rev();
        let Some(&(_, mut acc)) = iter.next() else {
            return empty_root();
        };
        for (_, peak) in iter {
            acc = node_hash(peak, &acc);
        }
        acc
    }
}

/// A stored perfect node was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the Merkle node at level {level}, index {index} is missing")]
pub struct MissingNode {
    /// Level.
    pub level: u32,
    /// Index within the level.
    pub index: u64,
}

/// Where proofs read the perfect subtrees' roots from.
pub trait NodeSource {
    /// The root of the perfect subtree at (level, index).
    fn node(&self, level: u32, index: u64) -> Result<Hash, MissingNode>;
}

/// The root of the leaves `[start, end)` (`end > start`), from perfect nodes: MTH of that range
/// as RFC 6962 defines it for a subtree aligned the way proofs use it.
pub fn subtree_root(start: u64, end: u64, source: &impl NodeSource) -> Result<Hash, MissingNode> {
    debug_assert!(end > start);
    let n = end - start;
    if n.is_power_of_two() && start.is_multiple_of(n) {
        return source.node(n.trailing_zeros(), start / n);
    }
    let k = largest_power_of_two_below(n);
    let left = subtree_root(start, start + k, source)?;
    let right = subtree_root(start + k, end, source)?;
    Ok(node_hash(&left, &right))
}

/// The largest power of two strictly below `n` (`n ≥ 2`).
fn largest_power_of_two_below(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// The audit path of leaf `m` in the tree of the first `n` leaves (RFC 6962 PATH), from the leaf
/// up.
pub fn inclusion_proof(m: u64, n: u64, source: &impl NodeSource) -> Result<Vec<Hash>, MissingNode> {
    assert!(m < n, "leaf {m} is not in a tree of {n}");
    let mut proof = Vec::new();
    path(m, 0, n, source, &mut proof)?;
    Ok(proof)
}

fn path(
    m: u64,
    start: u64,
    end: u64,
    source: &impl NodeSource,
    out: &mut Vec<Hash>,
) -> Result<(), MissingNode> {
    let n = end - start;
    if n <= 1 {
        return Ok(());
    }
    let k = largest_power_of_two_below(n);
    if m - start < k {
        path(m, start, start + k, source, out)?;
        out.push(subtree_root(start + k, end, source)?);
    } else {
        path(m, start + k, end, source, out)?;
        out.push(subtree_root(start, start + k, source)?);
    }
    Ok(())
}

/// The consistency proof between the trees of the first `m` and `n` leaves (RFC 6962 PROOF),
/// `0 < m ≤ n`.
pub fn consistency_proof(
    m: u64,
    n: u64,
    source: &impl NodeSource,
) -> Result<Vec<Hash>, MissingNode> {
    assert!(m > 0 && m <= n, "no consistency proof from {m} to {n}");
    let mut proof = Vec::new();
    subproof(m, 0, n, true, source, &mut proof)?;
    Ok(proof)
}

fn subproof(
    m: u64,
    start: u64,
    end: u64,
    complete: bool,
    source: &impl NodeSource,
    out: &mut Vec<Hash>,
) -> Result<(), MissingNode> {
    let n = end - start;
    if m == n {
        if !complete {
            out.push(subtree_root(start, end, source)?);
        }
        return Ok(());
    }
    let k = largest_power_of_two_below(n);
    if m <= k {
        subproof(m, start, start + k, complete, source, out)?;
        out.push(subtree_root(start + k, end, source)?);
    } else {
        subproof(m - k, start + k, end, false, source, out)?;
        out.push(subtree_root(start, start + k, source)?);
    }
    Ok(())
}

/// Checks an inclusion proof (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && r == *root
}

/// Checks a consistency proof between a tree of `m` leaves with root `old` and one of `n`
/// leaves with root `new` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(m: u64, n: u64, old: &Hash, new: &Hash, proof: &[Hash]) -> bool {
    if m == 0 || m > n {
        return false;
    }
    if m == n {
        return proof.is_empty() && old == new;
    }
    let mut proof: Vec<Hash> = proof.to_vec();
    if m.is_power_of_two() {
        proof.insert(0, *old);
    }
    let Some((first, rest)) = proof.split_first() else {
        return false;
    };
    let (mut fn_, mut sn) = (m - 1, n - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && fr == *old && sr == *new
}

/// Perfect nodes held in memory (tests, benchmarks, verification of small logs).
#[derive(Debug, Clone, Default)]
pub struct MemoryNodes(pub std::collections::HashMap<(u32, u64), Hash>);

impl NodeSource for MemoryNodes {
    fn node(&self, level: u32, index: u64) -> Result<Hash, MissingNode> {
        self.0
            .get(&(level, index))
            .copied()
            .ok_or(MissingNode { level, index })
    }
}

impl MemoryNodes {
    /// Stores the nodes a push created.
    pub fn keep(&mut self, created: Vec<NewNode>) {
        for (level, index, hash) in created {
            self.0.insert((level, index), hash);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6962's MTH, computed naively from the leaves.
    fn mth(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = largest_power_of_two_below(n as u64) as usize;
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    fn tree(n: u64) -> (Vec<Hash>, Frontier, MemoryNodes, Vec<Hash>) {
        let mut frontier = Frontier::new();
        let mut nodes = MemoryNodes::default();
        let mut leaves = Vec::new();
        let mut roots = vec![empty_root()];
        for i in 0..n {
            let leaf = leaf_hash(format!("event {i}").as_bytes());
            leaves.push(leaf);
            nodes.keep(frontier.push(leaf));
            roots.push(frontier.root());
        }
        (leaves, frontier, nodes, roots)
    }

    #[test]
    fn hashes_are_domain_separated() {
        let l = leaf_hash(b"x");
        assert_ne!(l, <[u8; 32]>::from(Sha256::digest(b"x")));
        assert_ne!(node_hash(&l, &l), leaf_hash(&[l, l].concat()));
        // RFC 6962 test vector: the empty tree's root.
        assert_eq!(
            hex(&empty_root()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    fn hex(h: &Hash) -> String {
        h.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_incremental_root_equals_the_naive_root_at_every_size() {
        let (leaves, _, _, roots) = tree(70);
        for n in 0..=70 {
            assert_eq!(roots[n], mth(&leaves[..n]), "size {n}");
        }
    }

    #[test]
    fn a_frontier_is_restored_from_stored_nodes() {
        let (_, frontier, nodes, _) = tree(45);
        let restored = Frontier::restore(45, &nodes).unwrap();
        assert_eq!(restored, frontier);
        let mut a = restored;
        let mut b = frontier;
        let leaf = leaf_hash(b"next");
        assert_eq!(a.push(leaf), b.push(leaf));
        assert_eq!(a.root(), b.root());
        assert_eq!(
            Frontier::restore(46, &MemoryNodes::default()),
            Err(MissingNode { level: 5, index: 0 })
        );
    }

    #[test]
    fn a_frontier_round_trips_through_its_peak_bytes_at_every_size() {
        let mut frontier = Frontier::new();
        for i in 0..70u64 {
            let again = Frontier::from_peaks(frontier.size(), &frontier.peak_bytes());
            assert_eq!(again.as_ref(), Some(&frontier), "size {i}");
            frontier.push(leaf_hash(format!("event {i}").as_bytes()));
        }
        let bytes = frontier.peak_bytes();
        assert_eq!(Frontier::from_peaks(frontier.size() + 1, &bytes), None);
        assert_eq!(Frontier::from_peaks(frontier.size(), &bytes[1..]), None);
    }

    #[test]
    fn every_inclusion_proof_verifies_and_a_wrong_one_does_not() {
        let (leaves, _, nodes, roots) = tree(33);
        for n in 1..=33u64 {
            for m in 0..n {
                let proof = inclusion_proof(m, n, &nodes).unwrap();
                let root = roots[n as usize];
                assert!(
                    verify_inclusion(&leaves[m as usize], m, n, &proof, &root),
                    "{m} in {n}"
                );
                // Another leaf, another index, another root or a truncated proof fail.
                let other = leaf_hash(b"forged");
                assert!(!verify_inclusion(&other, m, n, &proof, &root));
                if n > 1 {
                    assert!(!verify_inclusion(
                        &leaves[m as usize],
                        (m + 1) % n,
                        n,
                        &proof,
                        &root
                    ));
                    assert!(!verify_inclusion(
                        &leaves[m as usize],
                        m,
                        n,
                        &proof[..proof.len() - 1],
                        &root
                    ));
                }
                assert!(!verify_inclusion(
                    &leaves[m as usize],
                    m,
                    n,
                    &proof,
                    &roots[n as usize - 1]
                ));
            }
        }
    }

    #[test]
    fn every_consistency_proof_verifies_and_a_rewritten_history_does_not() {
        let (_, _, nodes, roots) = tree(33);
        for n in 1..=33u64 {
            for m in 1..=n {
                let proof = consistency_proof(m, n, &nodes).unwrap();
                assert!(
                    verify_consistency(m, n, &roots[m as usize], &roots[n as usize], &proof),
                    "{m} → {n}"
                );
                if m < n {
                    // A different old root (a rewritten past) is caught.
                    let forged = leaf_hash(b"forged root");
                    assert!(!verify_consistency(
                        m,
                        n,
                        &forged,
                        &roots[n as usize],
                        &proof
                    ));
                    assert!(!verify_consistency(
                        m,
                        n,
                        &roots[m as usize],
                        &forged,
                        &proof
                    ));
                }
            }
        }
        // A history rewritten at leaf 3 and recomputed has a root that the old checkpoint's
        // consistency proof cannot connect.
        let mut rewritten = Frontier::new();
        let mut rnodes = MemoryNodes::default();
        for i in 0..20u64 {
            let data = if i == 3 {
                "tampered".to_owned()
            } else {
                format!("event {i}")
            };
            rnodes.keep(rewritten.push(leaf_hash(data.as_bytes())));
        }
        let proof = consistency_proof(10, 20, &rnodes).unwrap();
        assert!(!verify_consistency(
            10,
            20,
            &roots[10],
            &rewritten.root(),
            &proof
        ));
    }

    #[test]
    fn proofs_are_logarithmic() {
        let (_, _, nodes, _) = tree(1000);
        assert!(inclusion_proof(517, 1000, &nodes).unwrap().len() <= 10);
        assert!(consistency_proof(300, 1000, &nodes).unwrap().len() <= 20);
    }
}
