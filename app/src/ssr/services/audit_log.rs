//! Reading and verifying the audit log through the API.

use tianping_domain::authz::{Action, Actor, can};

use crate::{
    api::dto::AuditStatus,
    ssr::{AppState, audit, error::ServiceError},
};

/// Verifies the whole chain (admins and supervisors).
pub async fn verify(state: &AppState, actor: &Actor) -> Result<AuditStatus, ServiceError> {
    can(actor, &Action::ReadAuditLog)?;
    Ok(status(audit::verify_log(&state.db).await?))
}

/// Converts a verification outcome into its API form.
pub fn status(outcome: audit::VerifyOutcome) -> AuditStatus {
    match outcome {
        Ok(summary) => AuditStatus {
            ok: true,
            count: summary.count,
            head: Some(summary.head),
            first_bad_seq: None,
            problem: None,
        },
        Err(e) => AuditStatus {
            ok: false,
            count: e.first_bad_seq() - 1,
            head: None,
            first_bad_seq: Some(e.first_bad_seq()),
            problem: Some(e.to_string()),
        },
    }
}
