//! Signed checkpoints (signed tree heads) of the audit log's Merkle tree, in the
//! transparency-dev checkpoint format: a signed note whose body is
//!
//! ```text
//! <origin>
//! <tree size, decimal>
//! <root hash, base64>
//! timestamp <unix seconds>
//! ```
//!
//! followed by a blank line and one signature line per key:
//! `— <key name> <base64(key hash[0..4] ‖ Ed25519 signature)>`, where the key hash is
//! `SHA-256(key name ‖ "\n" ‖ 0x01 ‖ public key)` (the note format's Ed25519 key id).
//!
//! Keys rotate: each has a validity window, a checkpoint names the key that signed it, and a
//! checkpoint signed by a retired key still verifies as long as it was signed inside that key's
//! window. Invariants: the signed bytes are exactly the body text; nothing here generates keys
//! or reads clocks.

use base64::{Engine, engine::general_purpose::STANDARD as B64};
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::merkle::Hash;

/// What a checkpoint commits to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The log's name, e.g. `tianping.linjiang.gov.cn/audit`.
    pub origin: String,
    /// The number of events in the tree.
    pub size: u64,
    /// The Merkle root of those events.
    pub root: Hash,
    /// When it was signed (unix seconds).
    pub timestamp: i64,
}

impl Body {
    /// The exact bytes that are signed.
    pub fn text(&self) -> String {
        format!(
            "{}\n{}\n{}\ntimestamp {}\n",
            self.origin,
            self.size,
            B64.encode(self.root),
            self.timestamp
        )
    }
}

/// A public key with its validity window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct PublicKey {
    /// The key's name, as it appears in signature lines.
    pub name: String,
    /// The 32-byte Ed25519 public key.
    #[cfg_attr(feature = "utoipa", schema(value_type = Vec<u8>, min_items = 32, max_items = 32))]
    pub key: [u8; 32],
    /// First instant it may sign.
    pub valid_from: DateTime<Utc>,
    /// When it was retired, if it was.
    pub valid_to: Option<DateTime<Utc>>,
}

impl PublicKey {
    /// The note format's 4-byte key id.
    pub fn key_hash(&self) -> [u8; 4] {
        key_hash(&self.name, &self.key)
    }

    /// The key in the note verifier-key form: `<name>+<hex key hash>+<base64(0x01 ‖ key)>`.
    pub fn verifier_string(&self) -> String {
        let mut raw = vec![1u8];
        raw.extend_from_slice(&self.key);
        format!(
            "{}+{}+{}",
            self.name,
            hex::encode(self.key_hash()),
            B64.encode(raw)
        )
    }
}

/// The note format's 4-byte Ed25519 key id.
pub fn key_hash(name: &str, key: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([1u8]);
    h.update(key);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// A checkpoint with its signature lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    /// The body.
    pub body: Body,
    /// (key name, key hash, signature).
    pub signatures: Vec<(String, [u8; 4], Vec<u8>)>,
}

impl Signed {
    /// The checkpoint as text (the note).
    pub fn text(&self) -> String {
        let mut out = self.body.text();
        out.push('\n');
        for (name, id, sig) in &self.signatures {
            let mut raw = id.to_vec();
            raw.extend_from_slice(sig);
            out.push_str(&format!("\u{2014} {name} {}\n", B64.encode(raw)));
        }
        out
    }
}

/// Signs a body with a secret key (32 bytes) under a key name.
pub fn sign(body: Body, name: &str, secret: &[u8; 32]) -> Signed {
    let key = SigningKey::from_bytes(secret);
    let signature = key.sign(body.text().as_bytes());
    let id = key_hash(name, &key.verifying_key().to_bytes());
    Signed {
        body,
        signatures: vec![(name.to_owned(), id, signature.to_bytes().to_vec())],
    }
}

/// The public key of a secret key.
pub fn public_key(secret: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret).verifying_key().to_bytes()
}

/// Why a checkpoint does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The text is not a checkpoint.
    #[error("not a checkpoint: {0}")]
    Malformed(&'static str),
    /// No known key carries the name and key hash of any signature.
    #[error("no known key signed this checkpoint")]
    UnknownKey,
    /// The signature does not match the body.
    #[error("the signature of key {0} does not match")]
    BadSignature(String),
    /// The key was not valid when the checkpoint says it was signed.
    #[error("key {0} was not valid at the checkpoint's time")]
    OutsideValidity(String),
}

/// Parses a checkpoint note.
pub fn parse(text: &str) -> Result<Signed, CheckpointError> {
    let (body_text, sigs) = text.split_once("\n\n").ok_or(CheckpointError::Malformed(
        "no blank line before the signatures",
    ))?;
    let mut lines = body_text.lines();
    let origin = lines
        .next()
        .filter(|l| !l.is_empty())
        .ok_or(CheckpointError::Malformed("no origin"))?
        .to_owned();
    let size = lines
        .next()
        .and_then(|l| l.parse::<u64>().ok())
        .ok_or(CheckpointError::Malformed("bad tree size"))?;
    let root: Hash = lines
        .next()
        .and_then(|l| B64.decode(l).ok())
        .and_then(|v| v.try_into().ok())
        .ok_or(CheckpointError::Malformed("bad root hash"))?;
    let timestamp = lines
        .next()
        .and_then(|l| l.strip_prefix("timestamp "))
        .and_then(|l| l.parse::<i64>().ok())
        .ok_or(CheckpointError::Malformed("bad timestamp"))?;
    if lines.next().is_some() {
        return Err(CheckpointError::Malformed("unexpected body line"));
    }
    let mut signatures = Vec::new();
    for line in sigs.lines().filter(|l| !l.trim().is_empty()) {
        let rest = line
            .strip_prefix("\u{2014} ")
            .ok_or(CheckpointError::Malformed("bad signature line"))?;
        let (name, b64) = rest
            .split_once(' ')
            .ok_or(CheckpointError::Malformed("bad signature line"))?;
        let raw = B64
            .decode(b64.trim())
            .map_err(|_| CheckpointError::Malformed("bad signature encoding"))?;
        if raw.len() != 4 + 64 {
            return Err(CheckpointError::Malformed("bad signature length"));
        }
        signatures.push((
            name.to_owned(),
            [raw[0], raw[1], raw[2], raw[3]],
            raw[4..].to_vec(),
        ));
    }
    if signatures.is_empty() {
        return Err(CheckpointError::Malformed("no signature"));
    }
    Ok(Signed {
        body: Body {
            origin,
            size,
            root,
            timestamp,
        },
        signatures,
    })
}

/// Verifies a checkpoint against the known keys: some signature must come from a known key
/// (name and key hash), verify, and fall inside that key's validity window. Returns the name of
/// the key that verified it.
pub fn verify(signed: &Signed, keys: &[PublicKey]) -> Result<String, CheckpointError> {
    let message = signed.body.text();
    let at = DateTime::<Utc>::from_timestamp(signed.body.timestamp, 0)
        .ok_or(CheckpointError::Malformed("bad timestamp"))?;
    let mut last = CheckpointError::UnknownKey;
    for (name, id, sig) in &signed.signatures {
        let Some(key) = keys.iter().find(|k| &k.name == name && &k.key_hash() == id) else {
            continue;
        };
        let Ok(vk) = VerifyingKey::from_bytes(&key.key) else {
            last = CheckpointError::BadSignature(name.clone());
            continue;
        };
        let Ok(sig) = Signature::from_slice(sig) else {
            last = CheckpointError::BadSignature(name.clone());
            continue;
        };
        if vk.verify(message.as_bytes(), &sig).is_err() {
            last = CheckpointError::BadSignature(name.clone());
            continue;
        }
        // Windows are checked to the second: signatures carry whole seconds.
        let from = key.valid_from.timestamp();
        if at.timestamp() < from
            || key
                .valid_to
                .is_some_and(|to| at.timestamp() > to.timestamp())
        {
            last = CheckpointError::OutsideValidity(name.clone());
            continue;
        }
        return Ok(name.clone());
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::merkle::leaf_hash;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_790_000_000 + s, 0).unwrap()
    }

    fn body(size: u64, at: i64) -> Body {
        Body {
            origin: "tianping.test/audit".into(),
            size,
            root: leaf_hash(size.to_string().as_bytes()),
            timestamp: t(at).timestamp(),
        }
    }

    const K1: [u8; 32] = [7; 32];
    const K2: [u8; 32] = [9; 32];

    fn keys() -> Vec<PublicKey> {
        vec![
            PublicKey {
                name: "tianping-audit-1".into(),
                key: public_key(&K1),
                valid_from: t(0),
                valid_to: Some(t(100)),
            },
            PublicKey {
                name: "tianping-audit-2".into(),
                key: public_key(&K2),
                valid_from: t(100),
                valid_to: None,
            },
        ]
    }

    #[test]
    fn a_signed_checkpoint_round_trips_through_its_text_and_verifies() {
        let signed = sign(body(42, 10), "tianping-audit-1", &K1);
        let text = signed.text();
        assert!(text.starts_with("tianping.test/audit\n42\n"));
        assert!(text.contains("\n\n\u{2014} tianping-audit-1 "));
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed, signed);
        assert_eq!(verify(&parsed, &keys()).unwrap(), "tianping-audit-1");
    }

    #[test]
    fn a_retired_key_still_verifies_what_it_signed_in_its_window() {
        // Key 1 retired at t=100; its checkpoint of t=50 verifies after the rotation.
        let old = sign(body(10, 50), "tianping-audit-1", &K1);
        assert!(verify(&old, &keys()).is_ok());
        // But a checkpoint dated after its retirement does not.
        let late = sign(body(20, 150), "tianping-audit-1", &K1);
        assert_eq!(
            verify(&late, &keys()),
            Err(CheckpointError::OutsideValidity("tianping-audit-1".into()))
        );
        let new = sign(body(20, 150), "tianping-audit-2", &K2);
        assert_eq!(verify(&new, &keys()).unwrap(), "tianping-audit-2");
    }

    #[test]
    fn tampered_checkpoints_are_refused() {
        let signed = sign(body(42, 10), "tianping-audit-1", &K1);
        // Another size, root or time under the same signature.
        for edit in [
            |b: &mut Body| b.size += 1,
            |b: &mut Body| b.root[0] ^= 1,
            |b: &mut Body| b.timestamp += 1,
        ] {
            let mut forged = signed.clone();
            edit(&mut forged.body);
            assert_eq!(
                verify(&forged, &keys()),
                Err(CheckpointError::BadSignature("tianping-audit-1".into()))
            );
        }
        // Signed by an unknown key.
        let stranger = sign(body(42, 10), "tianping-audit-1", &[3; 32]);
        assert_eq!(verify(&stranger, &keys()), Err(CheckpointError::UnknownKey));
        // Not a checkpoint at all.
        assert!(matches!(parse("hello"), Err(CheckpointError::Malformed(_))));
        let text = signed.text().replace("timestamp", "time");
        assert!(matches!(parse(&text), Err(CheckpointError::Malformed(_))));
    }

    #[test]
    fn the_verifier_string_names_the_key() {
        let k = &keys()[0];
        let s = k.verifier_string();
        assert!(s.starts_with("tianping-audit-1+"));
        assert_eq!(s.split('+').count(), 3);
    }
}
