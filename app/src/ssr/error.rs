//! The service layer's error. Mapped to the API's `AppError` in exactly one place
//! (`api::error`).

use tianping_domain::{authz::Denied, validate::ValidationError};

/// Why a service call failed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Bad input: names the field and the rule.
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationError),
    /// Several bad inputs at once (form submissions report all of them).
    #[error("invalid input: {0:?}")]
    ValidationMany(Vec<ValidationError>),
    /// No valid session.
    #[error("not authenticated")]
    Unauthenticated,
    /// Wrong user name or password (deliberately not saying which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Too many failed logins for this name.
    #[error("too many failed logins; retry after {retry_after_secs} s")]
    TooManyAttempts {
        /// Seconds until the lock lifts.
        retry_after_secs: i64,
    },
    /// Too many password checks at once: retry shortly.
    #[error("busy; retry after {retry_after_secs} s")]
    Busy {
        /// Seconds to wait.
        retry_after_secs: i64,
    },
    /// The caller sees the thing but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The account's password was set by an administrator and must be changed first.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The case state machine refused the step, saying why.
    #[error("refused: {0}")]
    Refused(tianping_domain::case::CaseError),
    /// A supervision matter is not in the status the step needs.
    #[error("matter is {0:?}")]
    MatterRefused(tianping_domain::supervision::matter::MatterStatus),
    /// The thing does not exist, or the caller may not see it.
    /// A complaint step not possible in its status.
    #[error("complaint is {0:?}")]
    ComplaintRefused(tianping_domain::supervision::complaint::ComplaintStatus),
    /// Too many anonymous submissions from one client.
    #[error("rate limited; retry after {retry_after_secs} s")]
    RateLimited {
        /// Seconds until the window ends.
        retry_after_secs: i64,
    },
    /// A step not possible in the record's state; the message says why, in the user's language.
    #[error("refused: {0}")]
    StateConflict(String),
    #[error("not found")]
    NotFound,
    /// The database failed.
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A bug or an environment failure; the message is for the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<Denied> for ServiceError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::NotFound => ServiceError::NotFound,
            Denied::Forbidden => ServiceError::Forbidden,
        }
    }
}
