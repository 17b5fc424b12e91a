//! The public check of an issued document by its verification code, its file or its hash.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tianping_domain::{
    case::DocumentKind,
    document::VerificationCode,
    i18n::{Lang, china_time},
    validate::{Field, Rule, ValidationError},
};

use crate::ssr::services::cases::codes::parse_code;
use crate::{
    api::case_dto::DocumentCheck,
    ssr::{
        AppState,
        entities::{agencies, issued_documents},
        error::ServiceError,
    },
};

async fn check(
    state: &AppState,
    found: Option<issued_documents::Model>,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let Some(d) = found else {
        return Ok(None);
    };
    let agency = agencies::Entity::find_by_id(d.agency_id)
        .one(&state.db.conn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(Some(DocumentCheck {
        kind: parse_code::<DocumentKind>(&d.kind)
            .map(|k| k.label(Lang::Zh).to_owned())
            .unwrap_or_else(|| d.kind.clone()),
        number: d.number,
        agency,
        issued_on: china_time(d.issued_at).date_naive(),
        status: d.status,
        status_reason: d.status_reason,
        sha256: d.sha256,
        audit_seq: d.audit_seq,
    }))
}

/// The public check by verification code: `Ok(None)` when no document has it.
pub async fn check_code(
    state: &AppState,
    code: &str,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let code = VerificationCode::parse(code)
        .ok_or_else(|| ValidationError::new(Field::VerificationCode, Rule::Malformed))?;
    let found = issued_documents::Entity::find()
        .filter(issued_documents::Column::VerificationCode.eq(code.as_str()))
        .one(&state.db.conn)
        .await?;
    check(state, found).await
}

/// The public check of a file: genuine when its SHA-256 is that of an issued document.
pub async fn check_file(
    state: &AppState,
    bytes: &[u8],
) -> Result<Option<DocumentCheck>, ServiceError> {
    if bytes.is_empty() {
        return Err(ValidationError::new(Field::DocumentFile, Rule::Required).into());
    }
    check_hash(state, &hex::encode(Sha256::digest(bytes))).await
}

fn parse_sha256(sha256: &str) -> Result<String, ServiceError> {
    let sha = sha256.trim().to_ascii_lowercase();
    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(sha)
    } else {
        Err(ValidationError::new(Field::DocumentFile, Rule::Malformed).into())
    }
}

/// The public check by a file's SHA-256 (hex).
pub async fn check_hash(
    state: &AppState,
    sha256: &str,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let sha = parse_sha256(sha256)?;
    let found = issued_documents::Entity::find()
        .filter(issued_documents::Column::Sha256.eq(sha))
        .one(&state.db.conn)
        .await?;
    check(state, found).await
}

/// The sequence number of the audit event that issued the document with this SHA-256.
pub async fn issue_seq_of(state: &AppState, sha256: &str) -> Result<i64, ServiceError> {
    let sha = parse_sha256(sha256)?;
    issued_documents::Entity::find()
        .filter(issued_documents::Column::Sha256.eq(sha))
        .one(&state.db.conn)
        .await?
        .and_then(|d| d.audit_seq)
        .ok_or(ServiceError::NotFound)
}
