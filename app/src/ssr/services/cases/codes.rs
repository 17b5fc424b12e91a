//! Machine names of the domain's enums as stored in the database (their serde names).

use serde::{Serialize, de::DeserializeOwned};
use tianping_domain::case::CaseState;

use crate::ssr::error::ServiceError;

/// The serde name of a unit variant (`"penalty"` → `penalty`).
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

/// A stored state, or an internal error naming it.
pub fn parse_state(s: &str) -> Result<CaseState, ServiceError> {
    CaseState::parse(s).ok_or_else(|| ServiceError::Internal(format!("unknown case state {s}")))
}
