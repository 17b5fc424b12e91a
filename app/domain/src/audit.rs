//! The tamper-evident audit chain.
//!
//! Every write in Tianping appends one [`EventRecord`] in the same database transaction as the
//! change it describes. Each stored event carries the hash of its predecessor and its own hash:
//!
//! ```text
//! hash(n) = SHA-256( hash(n-1) ‖ canonical_bytes(event n) )      hash(0) = 32 zero bytes
//! canonical_bytes = "tianping-audit-v1" 0x00, then for each field in order
//!                   (seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id,
//!                   payload): its length as a 4-byte big-endian integer, then its UTF-8 bytes
//! ```
//!
//! `seq` is written in decimal, `occurred_at` as RFC 3339 UTC with exactly six fractional digits
//! (identical on SQLite and PostgreSQL), `actor_id` in decimal or empty for the system, and
//! `payload` as canonical JSON (object keys sorted, no whitespace).
//!
//! Invariants: sequence numbers start at 1 and have no gaps; verification always re-hashes the
//! stored field bytes and never trusts a stored hash on its own.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash that precedes the first event.
pub const GENESIS: [u8; 32] = [0; 32];

const DOMAIN_TAG: &[u8] = b"tianping-audit-v1\0";

/// One audit event's content: everything that is hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct EventRecord {
    /// Position in the chain, from 1, gapless.
    pub seq: i64,
    /// When it happened, as produced by [`format_timestamp`].
    pub occurred_at: String,
    /// The acting user's id; `None` for the system itself or an anonymous caller.
    pub actor_id: Option<i32>,
    /// The actor's role (`anonymous` or `system` when there is no user).
    pub actor_role: String,
    /// What happened, as `area.verb` (e.g. `auth.login`, `agency.create`).
    pub action: String,
    /// The kind of thing it happened to (e.g. `user`, `agency`).
    pub subject_type: String,
    /// The thing's identifier.
    pub subject_id: String,
    /// Canonical JSON with the details.
    pub payload: String,
}

/// An event as stored: its content plus the chain links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// The hashed content.
    #[serde(flatten)]
    pub record: EventRecord,
    /// Lower-case hex of the previous event's hash.
    pub prev_hash: String,
    /// Lower-case hex of this event's hash.
    pub hash: String,
}

/// Formats an instant the one way the chain accepts: UTC, microseconds, `Z`.
pub fn format_timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// An event's hashed fields as stored, borrowed: what [`canonical_bytes`] encodes, for code that
/// encodes rows straight from a database buffer (verification) without building an
/// [`EventRecord`]. Text fields are the bytes as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordBytes<'a> {
    /// Position in the chain.
    pub seq: i64,
    /// When it happened.
    pub occurred_at: &'a [u8],
    /// The acting user's id, if any.
    pub actor_id: Option<i64>,
    /// The actor's role.
    pub actor_role: &'a [u8],
    /// What happened.
    pub action: &'a [u8],
    /// The kind of subject.
    pub subject_type: &'a [u8],
    /// The subject's identifier.
    pub subject_id: &'a [u8],
    /// Canonical JSON with the details.
    pub payload: &'a [u8],
}

impl EventRecord {
    /// The record's fields, borrowed.
    pub fn as_bytes(&self) -> RecordBytes<'_> {
        RecordBytes {
            seq: self.seq,
            occurred_at: self.occurred_at.as_bytes(),
            actor_id: self.actor_id.map(i64::from),
            actor_role: self.actor_role.as_bytes(),
            action: self.action.as_bytes(),
            subject_type: self.subject_type.as_bytes(),
            subject_id: self.subject_id.as_bytes(),
            payload: self.payload.as_bytes(),
        }
    }
}

/// The bytes that are hashed for an event.
pub fn canonical_bytes(event: &EventRecord) -> Vec<u8> {
    let fields = event.as_bytes();
    let mut out = Vec::with_capacity(canonical_len(&fields));
    write_canonical_bytes(&fields, &mut out);
    out
}

/// The length of an event's canonical bytes.
fn canonical_len(r: &RecordBytes<'_>) -> usize {
    DOMAIN_TAG.len()
        + 8 * 4
        + 20
        + 20
        + r.occurred_at.len()
        + r.actor_role.len()
        + r.action.len()
        + r.subject_type.len()
        + r.subject_id.len()
        + r.payload.len()
}

/// Appends an event's canonical bytes (exactly what [`canonical_bytes`] returns) to `out`.
pub fn write_canonical_bytes(r: &RecordBytes<'_>, out: &mut Vec<u8>) {
    let mut seq = [0u8; 20];
    let mut actor = [0u8; 20];
    let actor: &[u8] = match r.actor_id {
        Some(id) => decimal(id, &mut actor),
        None => &[],
    };
    let fields: [&[u8]; 8] = [
        decimal(r.seq, &mut seq),
        r.occurred_at,
        actor,
        r.actor_role,
        r.action,
        r.subject_type,
        r.subject_id,
        r.payload,
    ];
    out.extend_from_slice(DOMAIN_TAG);
    for field in fields {
        let n = u32::try_from(field.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&n.to_be_bytes());
        out.extend_from_slice(field);
    }
}

/// `n` in decimal (as `n.to_string()` writes it), in `buf`.
fn decimal(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut v = n.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        // `v % 10` is below 10.
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// The chain hash of an event given its predecessor's hash.
pub fn chain_hash(prev: &[u8; 32], event: &EventRecord) -> [u8; 32] {
    chain_hash_of(prev, &canonical_bytes(event))
}

/// The chain hash of an event given its predecessor's hash and its canonical bytes.
pub fn chain_hash_of(prev: &[u8; 32], canonical: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(prev);
    hasher.update(canonical);
    hasher.finalize().into()
}

/// Whether `text` is exactly the lower-case hex of `hash` (as `hex::encode` writes it).
pub fn is_hex_of(text: &[u8], hash: &[u8; 32]) -> bool {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    text.len() == 64
        && hash.iter().zip(text.chunks_exact(2)).all(|(b, pair)| {
            pair[0] == DIGITS[usize::from(b >> 4)] && pair[1] == DIGITS[usize::from(b & 0x0f)]
        })
}

/// Serialises JSON canonically: object keys sorted by their UTF-8 bytes, no insignificant
/// whitespace. Independent of serde_json's map ordering features.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Why a chain failed verification. Each variant names the first event that does not match.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// An event is missing (deleted) or out of order (swapped, inserted).
    #[error("event {expected} is missing: found event {found} in its place")]
    OutOfSequence {
        /// The sequence number that should come next.
        expected: i64,
        /// The sequence number found instead.
        found: i64,
    },
    /// The stored previous-hash does not equal the hash of the event before it.
    #[error("event {seq} does not link to the event before it")]
    BrokenLink {
        /// The offending event.
        seq: i64,
    },
    /// Re-hashing the stored content does not give the stored hash: the content was changed.
    #[error("event {seq} has been altered: its content does not match its hash")]
    Altered {
        /// The offending event.
        seq: i64,
    },
    /// The chain's last event is not the recorded head: events were removed from the end.
    #[error("the log ends at event {found} but its recorded head is event {expected}")]
    Truncated {
        /// The recorded head's sequence number.
        expected: i64,
        /// The last event found.
        found: i64,
    },
}

impl ChainError {
    /// The sequence number of the first event that does not match.
    pub fn first_bad_seq(&self) -> i64 {
        match self {
            ChainError::OutOfSequence { expected, .. } => *expected,
            ChainError::BrokenLink { seq } | ChainError::Altered { seq } => *seq,
            ChainError::Truncated { found, .. } => found + 1,
        }
    }
}

/// Checks a chain one event at a time, so memory stays flat whatever the log's length.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    next_seq: i64,
    prev: [u8; 32],
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainVerifier {
    /// A verifier expecting event 1.
    pub fn new() -> Self {
        Self {
            next_seq: 1,
            prev: GENESIS,
        }
    }

    /// Checks the next stored event; the first error is final.
    pub fn check(&mut self, event: &StoredEvent) -> Result<(), ChainError> {
        self.check_bytes(
            event.record.seq,
            &canonical_bytes(&event.record),
            event.prev_hash.as_bytes(),
            event.hash.as_bytes(),
        )
    }

    /// Checks the next stored event given as its sequence number, its canonical bytes
    /// (re-encoded from the stored fields) and its stored previous-hash and hash texts; the
    /// same checks as [`Self::check`], without allocating.
    pub fn check_bytes(
        &mut self,
        seq: i64,
        canonical: &[u8],
        prev_hash: &[u8],
        hash: &[u8],
    ) -> Result<(), ChainError> {
        if seq != self.next_seq {
            return Err(ChainError::OutOfSequence {
                expected: self.next_seq,
                found: seq,
            });
        }
        if !is_hex_of(prev_hash, &self.prev) {
            return Err(ChainError::BrokenLink { seq });
        }
        let recomputed = chain_hash_of(&self.prev, canonical);
        if !is_hex_of(hash, &recomputed) {
            return Err(ChainError::Altered { seq });
        }
        self.prev = recomputed;
        self.next_seq += 1;
        Ok(())
    }

    /// Checks that the chain ended where its recorded head says it should.
    pub fn finish(&self, recorded_head: Option<(i64, &str)>) -> Result<ChainSummary, ChainError> {
        let count = self.next_seq - 1;
        if let Some((head_seq, head_hash)) = recorded_head {
            if head_seq != count {
                return Err(ChainError::Truncated {
                    expected: head_seq,
                    found: count,
                });
            }
            if head_hash != hex::encode(self.prev) {
                return Err(ChainError::Altered { seq: count });
            }
        }
        Ok(ChainSummary {
            count,
            head: hex::encode(self.prev),
        })
    }
}

/// The result of a successful verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainSummary {
    /// How many events were checked.
    pub count: i64,
    /// Hex hash of the last event (the genesis hash for an empty log).
    pub head: String,
}

/// Verifies a whole chain held in memory (tests and small exports).
pub fn verify(events: &[StoredEvent]) -> Result<ChainSummary, ChainError> {
    let mut verifier = ChainVerifier::new();
    for event in events {
        verifier.check(event)?;
    }
    verifier.finish(None)
}

/// Links `record` after `prev`, producing the stored form.
pub fn link(prev: &[u8; 32], record: EventRecord) -> (StoredEvent, [u8; 32]) {
    let hash = chain_hash(prev, &record);
    (
        StoredEvent {
            record,
            prev_hash: hex::encode(prev),
            hash: hex::encode(hash),
        },
        hash,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(seq: i64) -> EventRecord {
        EventRecord {
            seq,
            occurred_at: format!("2026-11-26T09:00:{:02}.000000Z", seq % 60),
            actor_id: if seq % 2 == 0 { Some(7) } else { None },
            actor_role: "admin".into(),
            action: "agency.create".into(),
            subject_type: "agency".into(),
            subject_id: seq.to_string(),
            payload: canonical_json(&serde_json::json!({"name": "市场监督管理局", "n": seq})),
        }
    }

    fn chain(n: i64) -> Vec<StoredEvent> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let (stored, hash) = link(&prev, record(seq));
                prev = hash;
                stored
            })
            .collect()
    }

    #[test]
    fn a_freshly_linked_chain_verifies() {
        let events = chain(5);
        let summary = verify(&events).expect("valid chain");
        assert_eq!(summary.count, 5);
        assert_eq!(summary.head, events[4].hash);
    }

    #[test]
    fn an_empty_chain_verifies_with_the_genesis_head() {
        let summary = verify(&[]).expect("empty chain");
        assert_eq!(
            summary,
            ChainSummary {
                count: 0,
                head: hex::encode(GENESIS)
            }
        );
    }

    #[test]
    fn timestamps_have_microseconds_and_a_z() {
        let at = DateTime::parse_from_rfc3339("2026-11-26T09:01:02.123456789+08:00")
            .expect("valid")
            .with_timezone(&Utc);
        assert_eq!(format_timestamp(at), "2026-11-26T01:01:02.123456Z");
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_drops_whitespace() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{ "b": 1, "a": { "d": [3, {"z":1,"y":2}], "c": "中" } }"#)
                .expect("json");
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":"中","d":[3,{"y":2,"z":1}]},"b":1}"#
        );
    }

    #[test]
    fn field_boundaries_are_unambiguous() {
        let mut a = record(1);
        let mut b = record(1);
        a.subject_type = "ab".into();
        a.subject_id = "c".into();
        b.subject_type = "a".into();
        b.subject_id = "bc".into();
        assert_ne!(canonical_bytes(&a), canonical_bytes(&b));
        a.actor_id = None;
        b.actor_id = Some(0);
        assert_ne!(canonical_bytes(&a), canonical_bytes(&b));
    }

    /// Flips every bit of every byte of every hashed field of every event, one at a time, and
    /// checks that verification fails at exactly that event.
    #[test]
    fn any_tampered_byte_of_any_event_fails_verification_at_that_event() {
        let original = chain(4);
        for idx in 0..original.len() {
            let seq = original[idx].record.seq;
            let fields = 8;
            for field in 0..fields {
                let len = field_bytes(&original[idx].record, field).len();
                for pos in 0..len {
                    for bit in 0..8u8 {
                        let mut events = original.clone();
                        let mut bytes = field_bytes(&events[idx].record, field);
                        bytes[pos] ^= 1 << bit;
                        if !set_field(&mut events[idx].record, field, bytes) {
                            continue; // not valid UTF-8 / not a number: cannot be stored
                        }
                        let err = verify(&events).expect_err("tampering must be detected");
                        assert_eq!(
                            err.first_bad_seq(),
                            seq,
                            "field {field} byte {pos} bit {bit}"
                        );
                    }
                }
            }
        }
    }

    fn field_bytes(r: &EventRecord, field: usize) -> Vec<u8> {
        match field {
            0 => r.seq.to_string(),
            1 => r.occurred_at.clone(),
            2 => r.actor_id.map(|a| a.to_string()).unwrap_or_default(),
            3 => r.actor_role.clone(),
            4 => r.action.clone(),
            5 => r.subject_type.clone(),
            6 => r.subject_id.clone(),
            _ => r.payload.clone(),
        }
        .into_bytes()
    }

    fn set_field(r: &mut EventRecord, field: usize, bytes: Vec<u8>) -> bool {
        let Ok(s) = String::from_utf8(bytes) else {
            return false;
        };
        match field {
            0 => match s.parse() {
                Ok(v) => r.seq = v,
                Err(_) => return false,
            },
            1 => r.occurred_at = s,
            2 => match s.parse() {
                Ok(v) => r.actor_id = Some(v),
                Err(_) => return false,
            },
            3 => r.actor_role = s,
            4 => r.action = s,
            5 => r.subject_type = s,
            6 => r.subject_id = s,
            _ => r.payload = s,
        }
        true
    }

    #[test]
    fn borrowed_fields_encode_to_the_same_canonical_bytes() {
        for seq in [1, 9, 10, 12_345, i64::MAX, -7, i64::MIN] {
            let mut r = record(1);
            r.seq = seq;
            r.actor_id = Some(i32::MIN);
            let mut out = b"prefix".to_vec();
            write_canonical_bytes(&r.as_bytes(), &mut out);
            assert_eq!(&out[6..], canonical_bytes_reference(&r).as_slice(), "{seq}");
            assert_eq!(canonical_bytes(&r), canonical_bytes_reference(&r));
        }
        let r = record(2);
        let fields = RecordBytes {
            actor_id: None,
            ..r.as_bytes()
        };
        let mut out = Vec::new();
        write_canonical_bytes(&fields, &mut out);
        let mut none = r.clone();
        none.actor_id = None;
        assert_eq!(out, canonical_bytes_reference(&none));
    }

    /// The format as the module documentation states it, written the obvious way.
    fn canonical_bytes_reference(r: &EventRecord) -> Vec<u8> {
        let mut out = DOMAIN_TAG.to_vec();
        for field in 0..8 {
            let bytes = field_bytes(r, field);
            out.extend_from_slice(&u32::try_from(bytes.len()).expect("len").to_be_bytes());
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn only_the_exact_lower_case_hex_of_a_hash_matches_it() {
        let h: [u8; 32] = Sha256::digest(b"x").into();
        let hexed = hex::encode(h);
        assert!(is_hex_of(hexed.as_bytes(), &h));
        assert!(!is_hex_of(hexed.to_uppercase().as_bytes(), &h));
        assert!(!is_hex_of(&hexed.as_bytes()[..63], &h));
        assert!(!is_hex_of(format!("{hexed}0").as_bytes(), &h));
        assert!(!is_hex_of(hex::encode([0u8; 32]).as_bytes(), &h));
    }

    #[test]
    fn a_tampered_stored_hash_is_detected() {
        let mut events = chain(3);
        events[1].hash = hex::encode([1u8; 32]);
        assert_eq!(verify(&events), Err(ChainError::Altered { seq: 2 }));
    }

    #[test]
    fn a_deleted_event_is_named() {
        let mut events = chain(5);
        events.remove(2);
        assert_eq!(
            verify(&events),
            Err(ChainError::OutOfSequence {
                expected: 3,
                found: 4
            })
        );
    }

    #[test]
    fn swapped_events_are_detected() {
        let mut events = chain(5);
        events.swap(1, 2);
        assert_eq!(verify(&events).map_err(|e| e.first_bad_seq()), Err(2));
    }

    #[test]
    fn a_forged_event_with_a_recomputed_hash_breaks_the_next_link() {
        let mut events = chain(4);
        let mut forged = events[1].record.clone();
        forged.payload = r#"{"forged":true}"#.into();
        let prev: [u8; 32] = hex::decode(&events[1].prev_hash)
            .expect("hex")
            .try_into()
            .expect("32 bytes");
        let (stored, _) = link(&prev, forged);
        events[1] = stored;
        assert_eq!(verify(&events), Err(ChainError::BrokenLink { seq: 3 }));
    }

    #[test]
    fn a_truncated_tail_is_caught_by_the_recorded_head() {
        let events = chain(5);
        let mut verifier = ChainVerifier::new();
        for e in &events[..3] {
            verifier.check(e).expect("prefix is valid");
        }
        let err = verifier
            .finish(Some((5, &events[4].hash)))
            .expect_err("truncated");
        assert_eq!(
            err,
            ChainError::Truncated {
                expected: 5,
                found: 3
            }
        );
        assert_eq!(err.first_bad_seq(), 4);
    }

    #[test]
    fn a_head_hash_that_does_not_match_is_reported() {
        let events = chain(2);
        let mut verifier = ChainVerifier::new();
        for e in &events {
            verifier.check(e).expect("valid");
        }
        assert_eq!(
            verifier.finish(Some((2, &events[0].hash))),
            Err(ChainError::Altered { seq: 2 })
        );
    }
}
