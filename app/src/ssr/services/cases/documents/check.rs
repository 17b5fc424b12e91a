//! The public check of an issued document by its verification code, its file or its hash.

use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tianping_domain::{
    case::DocumentKind,
    document::{IssuedStatus, VerificationCode},
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

/// What the verification says of `found`; `checked` is the SHA-256 of the file checked, when a
/// file (or its hash) was sent: it may be the public version's.
async fn check(
    state: &AppState,
    found: Option<issued_documents::Model>,
    checked: Option<&str>,
    lang: Lang,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let Some(d) = found else {
        return Ok(None);
    };
    let agency = agencies::Entity::find_by_id(d.agency_id)
        .one(&state.db.conn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let status = IssuedStatus::parse(&d.status).ok_or_else(|| {
        ServiceError::Internal(format!("issued document {} has a bad status", d.id))
    })?;
    let public_version = checked.is_some_and(|c| d.public_sha256.as_deref() == Some(c));
    Ok(Some(DocumentCheck {
        kind: parse_code::<DocumentKind>(&d.kind)
            .map(|k| k.label(lang).to_owned())
            .unwrap_or_else(|| d.kind.clone()),
        number: d.number,
        agency,
        issued_on: china_time(d.issued_at).date_naive(),
        status: status.as_str().to_owned(),
        status_label: status.label(lang).to_owned(),
        in_force: status.in_force(),
        status_reason: d.status_reason,
        public_version,
        sha256: if public_version {
            d.public_sha256.unwrap_or_default()
        } else {
            d.sha256
        },
        audit_seq: d.audit_seq,
    }))
}

/// The public check by verification code: `Ok(None)` when no document has it.
pub async fn check_code(
    state: &AppState,
    code: &str,
    lang: Lang,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let code = VerificationCode::parse(code)
        .ok_or_else(|| ValidationError::new(Field::VerificationCode, Rule::Malformed))?;
    let found = issued_documents::Entity::find()
        .filter(issued_documents::Column::VerificationCode.eq(code.as_str()))
        .one(&state.db.conn)
        .await?;
    check(state, found, None, lang).await
}

/// The public check of a file: genuine when its SHA-256 is that of an issued document.
pub async fn check_file(
    state: &AppState,
    bytes: &[u8],
    lang: Lang,
) -> Result<Option<DocumentCheck>, ServiceError> {
    if bytes.is_empty() {
        return Err(ValidationError::new(Field::DocumentFile, Rule::Required).into());
    }
    check_hash(state, &hex::encode(Sha256::digest(bytes)), lang).await
}

fn parse_sha256(sha256: &str) -> Result<String, ServiceError> {
    let sha = sha256.trim().to_ascii_lowercase();
    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(sha)
    } else {
        Err(ValidationError::new(Field::DocumentFile, Rule::Malformed).into())
    }
}

/// The public check by a file's SHA-256 (hex): the original as issued, or the redacted public
/// version the portal serves (each has its own registered hash).
pub async fn check_hash(
    state: &AppState,
    sha256: &str,
    lang: Lang,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let sha = parse_sha256(sha256)?;
    let found = issued_documents::Entity::find()
        .filter(
            Condition::any()
                .add(issued_documents::Column::Sha256.eq(sha.as_str()))
                .add(issued_documents::Column::PublicSha256.eq(sha.as_str())),
        )
        .one(&state.db.conn)
        .await?;
    check(state, found, Some(&sha), lang).await
}

/// The sequence number of the audit event that issued the document with this SHA-256.
pub async fn issue_seq_of(state: &AppState, sha256: &str) -> Result<i64, ServiceError> {
    let sha = parse_sha256(sha256)?;
    issued_documents::Entity::find()
        .filter(
            Condition::any()
                .add(issued_documents::Column::Sha256.eq(sha.as_str()))
                .add(issued_documents::Column::PublicSha256.eq(sha.as_str())),
        )
        .one(&state.db.conn)
        .await?
        .and_then(|d| d.audit_seq)
        .ok_or(ServiceError::NotFound)
}
