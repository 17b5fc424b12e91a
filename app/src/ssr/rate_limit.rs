//! The rate limit on anonymous submissions from the portal (complaints, requests about a
//! published decision): a fixed window per client and form, stored in `rate_windows` and taken
//! inside the submission's unit of work, so a refused submission leaves nothing behind and two
//! processes share one count. The window rule itself is pure
//! (`tianping_domain::supervision::complaint::admit`).

use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use sha2::{Digest, Sha256};
use tianping_domain::supervision::complaint::{self, RateRule, Window};

use super::{audit::UnitOfWork, entities::rate_windows, error::ServiceError};

/// Which form a submission comes from: each has its own window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Complaints and reports (投诉举报).
    Complaint,
    /// Requests about a published decision (correction, removal).
    PublicationRequest,
    /// An enterprise's ratings of its inspections.
    InspectionRating,
}

impl Form {
    fn prefix(self) -> (&'static str, &'static str) {
        match self {
            Self::Complaint => ("complaints", "complaint"),
            Self::PublicationRequest => ("publication-requests", "pubreq"),
            Self::InspectionRating => ("inspection-ratings", "rating"),
        }
    }
}

/// The key of a client address in a form's window: a hash, so that addresses are not stored.
pub fn client_key(form: Form, address: &str) -> String {
    let (scope, prefix) = form.prefix();
    let digest = Sha256::digest(format!("tianping/{scope}/{address}").as_bytes());
    format!("{prefix}:{}", hex::encode(&digest[..16]))
}

/// Takes one submission out of the client's window in `uow`, or refuses with the seconds to
/// wait (`ServiceError::RateLimited`).
pub async fn admit(
    uow: &UnitOfWork,
    rule: &RateRule,
    form: Form,
    client: &str,
) -> Result<(), ServiceError> {
    let key = client_key(form, client);
    // The client's window row exists before it is locked: the first submissions of a client,
    // sent at once, would otherwise all find no row and race to insert it (a unique violation,
    // a 500, on PostgreSQL). An empty window is the same as none.
    rate_windows::Entity::insert(rate_windows::ActiveModel {
        key: Set(key.clone()),
        started_at: Set(uow.now()),
        count: Set(0),
    })
    .on_conflict_do_nothing_on([rate_windows::Column::Key])
    .exec_without_returning(uow.txn())
    .await?;
    let query = uow.locked(<rate_windows::Entity as sea_orm::EntityTrait>::find_by_id(
        key.clone(),
    ));
    let current = query.one(uow.txn()).await?;
    let window = complaint::admit(
        current.as_ref().map(|w| Window {
            started_at: w.started_at,
            count: u32::try_from(w.count).unwrap_or(u32::MAX),
        }),
        uow.now(),
        rule,
    )
    .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
    let row = rate_windows::ActiveModel {
        key: Set(key),
        started_at: Set(window.started_at),
        count: Set(i32::try_from(window.count).unwrap_or(i32::MAX)),
    };
    if current.is_some() {
        row.update(uow.txn()).await?;
    } else {
        row.insert(uow.txn()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_keys_a_client_apart_and_hides_the_address() {
        let a = client_key(Form::Complaint, "203.0.113.7");
        let b = client_key(Form::PublicationRequest, "203.0.113.7");
        assert_ne!(a, b);
        assert!(a.starts_with("complaint:") && b.starts_with("pubreq:"));
        assert!(!a.contains("203.0.113.7") && !b.contains("203.0.113.7"));
        assert_eq!(a, client_key(Form::Complaint, "203.0.113.7"));
        assert_ne!(a, client_key(Form::Complaint, "203.0.113.8"));
    }
}
