//! Machine names of the domain's enums as stored in the database (their serde names).

use tianping_domain::case::CaseState;

use crate::ssr::error::ServiceError;
pub use crate::ssr::util::{code, parse_code};

/// A stored state, or an internal error naming it.
pub fn parse_state(s: &str) -> Result<CaseState, ServiceError> {
    CaseState::parse(s).ok_or_else(|| ServiceError::Internal(format!("unknown case state {s}")))
}
