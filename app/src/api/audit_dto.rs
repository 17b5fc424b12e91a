//! Data shapes of the public audit-log transparency page.

use serde::{Deserialize, Serialize};

/// A signed checkpoint as the portal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCheckpoint {
    /// Events covered.
    pub size: i64,
    /// Merkle root, hex.
    pub root: String,
    /// When it was signed (China time, `YYYY-MM-DD HH:MM:SS`).
    pub signed_at: String,
    /// The signing key.
    pub key_name: String,
    /// The signed note.
    pub note: String,
}

/// A signing key as the portal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyView {
    /// The key's name.
    pub name: String,
    /// The note verifier string `<name>+<key hash>+<base64 key>`.
    pub verifier: String,
    /// First day it signed (China time).
    pub valid_from: String,
    /// When it was retired, if it was.
    pub valid_to: Option<String>,
}

/// Everything the transparency page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAudit {
    /// The latest checkpoints, newest first.
    pub checkpoints: Vec<PublicCheckpoint>,
    /// Every signing key.
    pub keys: Vec<PublicKeyView>,
}
