//! Small helpers below the services, shared by them and by the derived data (which must not
//! import the services): the stored machine names of the domain's enums, random bytes and
//! distinct ids.

use serde::{Serialize, de::DeserializeOwned};

use super::error::ServiceError;

/// The serde name of a unit variant (`"penalty"` → `penalty`): how the domain's enums are
/// stored.
pub fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Parses a serde name back.
pub fn parse_code<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// `N` bytes from the operating system's random source (tracking numbers, verification codes,
/// keys).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], ServiceError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(bytes)
}

/// The ids, each once, in ascending order.
pub fn distinct(ids: impl IntoIterator<Item = i32>) -> Vec<i32> {
    ids.into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Percent-encodes a query value: unreserved ASCII kept, every other byte as `%XX`.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
