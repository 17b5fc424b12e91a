//! 双随机、一公开: the random draw of inspection targets from the target list and of officers
//! from the roster, made so that anyone can check it afterwards.
//!
//! Before the draw the agency commits to a seed by logging its SHA-256 ([`commitment`]) in the
//! audit log; the draw is then a pure function of the seed and the published inputs
//! ([`draw`]); seed, inputs and result are published together. A re-run by anyone with the
//! published seed and inputs gives the same result ([`verify`]), and the logged commitment shows
//! the seed was fixed before the inputs were drawn from, so it could not be chosen to reach a
//! wanted result afterwards.
//!
//! The algorithm, stated for independent re-implementation: for each candidate identifier `c`
//! (a UTF-8 string), compute `SHA-256(seed ‖ 0x00 ‖ c)`; order the candidates by that digest
//! (bytes compared in order; equal digests, which do not occur in practice, by the identifier);
//! take the first `n`. The order of the inputs does not matter.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hex SHA-256 of a seed: what is logged before the draw.
pub fn commitment(seed: &[u8]) -> String {
    hex::encode(Sha256::digest(seed))
}

fn rank(seed: &[u8], candidate: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(seed);
    h.update([0u8]);
    h.update(candidate.as_bytes());
    h.finalize().into()
}

/// Draws `n` of `candidates` (duplicates count once) with `seed`: see the module's description
/// of the algorithm. Fewer candidates than `n`: all of them, in drawn order.
pub fn draw(seed: &[u8], candidates: &[String], n: usize) -> Vec<String> {
    let mut unique: Vec<&String> = candidates.iter().collect();
    unique.sort();
    unique.dedup();
    let mut ranked: Vec<([u8; 32], &String)> =
        unique.into_iter().map(|c| (rank(seed, c), c)).collect();
    ranked.sort();
    ranked.into_iter().take(n).map(|(_, c)| c.clone()).collect()
}

/// A published draw: what anyone needs to re-run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDraw {
    /// The commitment logged before the draw (hex SHA-256 of the seed).
    pub commitment: String,
    /// The seed, hex, published with the result.
    pub seed: String,
    /// The candidates drawn from.
    pub candidates: Vec<String>,
    /// How many were drawn.
    pub n: usize,
    /// The result, in drawn order.
    pub result: Vec<String>,
}

/// Why a published draw does not check out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DrawMismatch {
    /// The seed is not hex.
    MalformedSeed,
    /// The seed does not hash to the logged commitment.
    CommitmentMismatch,
    /// Re-running the draw gives another result.
    ResultMismatch,
}

/// Re-runs a published draw: its seed matches the commitment and gives its result.
pub fn verify(published: &PublishedDraw) -> Result<(), DrawMismatch> {
    let seed = hex::decode(&published.seed).map_err(|_| DrawMismatch::MalformedSeed)?;
    if commitment(&seed) != published.commitment.to_ascii_lowercase() {
        return Err(DrawMismatch::CommitmentMismatch);
    }
    if draw(&seed, &published.candidates, published.n) != published.result {
        return Err(DrawMismatch::ResultMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("91330100MA{i:08}")).collect()
    }

    fn published(seed: &[u8], candidates: Vec<String>, n: usize) -> PublishedDraw {
        PublishedDraw {
            commitment: commitment(seed),
            seed: hex::encode(seed),
            result: draw(seed, &candidates, n),
            candidates,
            n,
        }
    }

    #[test]
    fn a_published_draw_re_runs_to_the_same_result_from_its_seed_and_inputs() {
        let seed = b"2026-12 SCJG routine plan, seed 7f3a";
        let p = published(seed, ids(200), 10);
        assert_eq!(p.result.len(), 10);
        assert_eq!(verify(&p), Ok(()));
        // An independent re-run, written out from the stated algorithm.
        let mut again: Vec<(Vec<u8>, String)> = ids(200)
            .into_iter()
            .map(|c| {
                let mut input = seed.to_vec();
                input.push(0);
                input.extend_from_slice(c.as_bytes());
                (Sha256::digest(&input).to_vec(), c)
            })
            .collect();
        again.sort();
        let again: Vec<String> = again.into_iter().take(10).map(|(_, c)| c).collect();
        assert_eq!(again, p.result);
    }

    #[test]
    fn the_order_of_the_inputs_and_duplicates_do_not_change_the_draw() {
        let seed = b"s";
        let mut shuffled = ids(50);
        shuffled.reverse();
        shuffled.push(shuffled[3].clone());
        assert_eq!(draw(seed, &shuffled, 7), draw(seed, &ids(50), 7));
    }

    #[test]
    fn another_seed_draws_otherwise_and_a_small_list_is_drawn_whole() {
        assert_ne!(draw(b"one", &ids(200), 10), draw(b"two", &ids(200), 10));
        let all = draw(b"x", &ids(3), 10);
        assert_eq!(all.len(), 3);
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(sorted, ids(3));
        assert!(draw(b"x", &[], 5).is_empty());
        assert!(draw(b"x", &ids(5), 0).is_empty());
    }

    #[test]
    fn a_changed_seed_input_or_result_is_caught() {
        let p = published(b"seed", ids(30), 5);
        let mut other_seed = p.clone();
        other_seed.seed = hex::encode(b"seeD");
        assert_eq!(verify(&other_seed), Err(DrawMismatch::CommitmentMismatch));
        let mut bad_hex = p.clone();
        bad_hex.seed = "zz".into();
        assert_eq!(verify(&bad_hex), Err(DrawMismatch::MalformedSeed));
        let mut other_result = p.clone();
        other_result.result.swap(0, 1);
        assert_eq!(verify(&other_result), Err(DrawMismatch::ResultMismatch));
        // A candidate quietly left out of the list changes the draw or shows in the inputs.
        let mut fewer = p.clone();
        fewer.candidates.retain(|c| *c != p.result[0]);
        assert_eq!(verify(&fewer), Err(DrawMismatch::ResultMismatch));
        // The commitment may be published in upper case.
        let mut upper = p;
        upper.commitment = upper.commitment.to_ascii_uppercase();
        assert_eq!(verify(&upper), Ok(()));
    }

    #[test]
    fn every_candidate_is_about_equally_likely_to_be_drawn() {
        // 2,000 seeds drawing 1 of 10: each candidate 200 times expected; a fair draw stays
        // well within ±60 (over 4 standard deviations).
        let candidates = ids(10);
        let mut counts = std::collections::HashMap::new();
        for s in 0..2_000u32 {
            let drawn = draw(&s.to_le_bytes(), &candidates, 1);
            *counts.entry(drawn[0].clone()).or_insert(0) += 1;
        }
        assert_eq!(counts.len(), 10);
        for (c, n) in counts {
            assert!((140..=260).contains(&n), "{c}: {n}");
        }
    }
}
