//! Official documents: issuing (staff) and the public verification. PDFs themselves travel
//! through the server's routes (`/api/v1/cases/{id}/documents/{doc}/preview`,
//! `/api/v1/documents/{id}/file`), not server functions.

use leptos::prelude::*;

use super::{
    AppError,
    case_dto::{IssuedDocumentView, VerifyOutcome},
};

/// Issues the document a step of the case produced; `reason` is required when a version is
/// already in force (the new one supersedes it).
#[server]
pub async fn issue_document(
    case_id: i32,
    document_id: i32,
    reason: String,
) -> Result<IssuedDocumentView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::documents::issue(
        &state,
        &session.actor,
        case_id,
        document_id,
        &reason,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))
}

/// Checks a document by its verification code or its file's SHA-256 (public, no login).
#[server]
pub async fn check_document(code: String, sha256: String) -> Result<VerifyOutcome, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    let docs = crate::ssr::services::cases::documents::check_code;
    let result = if sha256.trim().is_empty() {
        docs(&state, &code, lang).await
    } else {
        crate::ssr::services::cases::documents::check_hash(&state, &sha256, lang).await
    };
    result
        .map(|document| VerifyOutcome { document })
        .map_err(|e| AppError::from_service(e, lang))
}
