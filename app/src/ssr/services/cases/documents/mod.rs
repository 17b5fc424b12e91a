//! Official documents of a case (执法文书): preview, issue, supersede, download, and the
//! public check of a document by its verification code or its file.
//!
//! Invariants:
//! - A document can be issued only from a document record a step of the case produced, by the
//!   agency's officers or heads; issuing draws the next serial of the agency, year and kind
//!   (bumped in the same transaction, so no gaps and no duplicates), renders the PDF, stores it
//!   content-addressed, and appends a `document.issue` audit event carrying its SHA-256, all in
//!   one unit of work.
//! - An issued document is never changed. Issuing the same record again needs a reason and
//!   supersedes the version in force; both are kept.
//! - Rendering is deterministic: the stored model and issue time give the same bytes again.

mod check;
mod file;
mod issue;

pub use check::{check_code, check_file, check_hash, issue_seq_of};
use file::{case_file, document_record};
pub use issue::issue;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use tianping_domain::{
    authz::{Action, Actor, can},
    case::DocumentKind,
    document::{self, DocumentModel, IssuedStatus, VerificationCode},
    i18n::{Lang, china_time},
    publicity::WithdrawalBasis,
};

use crate::ssr::services::cases::{codes::parse_code, visible_case};
use crate::{
    api::case_dto::IssuedDocumentView,
    ssr::{
        AppState,
        blobs::BlobStore,
        entities::{issued_documents, users},
        error::ServiceError,
        pdf::{self, Fonts},
    },
};

/// A PDF to send.
#[derive(Debug, Clone)]
pub struct PdfFile {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// A file name for the download.
    pub file_name: String,
}

/// The kinds whose public (redacted) version is kept for the portal.
fn has_public_version(kind: DocumentKind) -> bool {
    matches!(
        kind,
        DocumentKind::PenaltyDecision
            | DocumentKind::NoPenaltyDecision
            | DocumentKind::OnTheSpotDecision
    )
}

/// The fonts, parsed once (off the async runtime).
pub async fn fonts(state: &AppState) -> Result<std::sync::Arc<Fonts>, ServiceError> {
    let dir = state.settings.font_dir.clone();
    state
        .fonts
        .get_or_try_init(|| async move {
            tokio::task::spawn_blocking(move || Fonts::load(&dir))
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))?
                .map_err(|e| ServiceError::Internal(format!("document fonts: {e}")))
        })
        .await
        .cloned()
}

/// Renders on a blocking thread.
pub(crate) async fn render(
    state: &AppState,
    model: DocumentModel,
    issued_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<u8>, ServiceError> {
    let fonts = fonts(state).await?;
    tokio::task::spawn_blocking(move || pdf::render(&model, &fonts, issued_at))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

fn file_name(kind: DocumentKind, number: Option<&str>, case_number: &str, public: bool) -> String {
    let base = match number {
        Some(n) => format!("{}-{n}", kind.label(Lang::Zh)),
        None => format!("{}-{case_number}-预览", kind.label(Lang::Zh)),
    };
    if public {
        format!("{base}-公开版.pdf")
    } else {
        format!("{base}.pdf")
    }
}

/// A preview of the document a step produced: the current case data, marked as a preview,
/// without number or verification code. Anyone who may see the case may preview it.
pub async fn preview(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    document_id: i32,
) -> Result<PdfFile, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let conn = &state.db.conn;
    let (row, agency) = visible_case(conn, actor, case_id, false).await?;
    let (doc, kind) = document_record(conn, case_id, document_id).await?;
    let file = case_file(conn, &row, &agency, kind, &doc).await?;
    let model = document::compose(&file);
    let bytes = render(state, model, None).await?;
    Ok(PdfFile {
        bytes,
        file_name: file_name(kind, None, &row.number, false),
    })
}

async fn actor_name(state: &AppState, id: i32) -> Result<String, ServiceError> {
    Ok(users::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default())
}

/// The wire view of an issued document.
pub fn view(d: &issued_documents::Model, issued_by: &str) -> IssuedDocumentView {
    IssuedDocumentView {
        id: d.id,
        case_document_id: d.case_document_id,
        number: d.number.clone(),
        verification_code: VerificationCode::parse(&d.verification_code)
            .map(|c| c.printed())
            .unwrap_or_else(|| d.verification_code.clone()),
        sha256: d.sha256.clone(),
        size: d.size,
        issued_at: china_time(d.issued_at).to_rfc3339(),
        issued_by: issued_by.to_owned(),
        status: d.status.clone(),
        status_reason: d.status_reason.clone(),
        has_public_version: d.public_model.is_some(),
        audit_seq: d.audit_seq,
    }
}

/// Every issued version of the case's documents, newest first, with the issuers' names.
pub async fn issued_for_case<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
) -> Result<Vec<IssuedDocumentView>, ServiceError> {
    let rows = issued_documents::Entity::find()
        .filter(issued_documents::Column::CaseId.eq(case_id))
        .order_by_desc(issued_documents::Column::Id)
        .all(conn)
        .await?;
    let names: std::collections::HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().map(|r| r.issued_by)))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .iter()
        .map(|r| view(r, names.get(&r.issued_by).map_or("", String::as_str)))
        .collect())
}

/// An issued document's PDF (or its redacted public version), for those who may see the case.
pub async fn download(
    state: &AppState,
    actor: &Actor,
    issued_id: i32,
    public: bool,
) -> Result<PdfFile, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let conn = &state.db.conn;
    let issued = issued_documents::Entity::find_by_id(issued_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (row, _) = visible_case(conn, actor, issued.case_id, false).await?;
    let kind = parse_code::<DocumentKind>(&issued.kind).ok_or_else(|| {
        ServiceError::Internal(format!("issued document {issued_id} has a bad kind"))
    })?;
    let bytes = if public {
        public_bytes(state, &issued).await?
    } else {
        stored(state, &issued.sha256).await?
    };
    Ok(PdfFile {
        bytes,
        file_name: file_name(kind, Some(&issued.number), &row.number, public),
    })
}

/// The redacted public version of a published decision, for anyone (the disclosure portal):
/// only while its publication is public.
pub async fn public_download(
    state: &AppState,
    publication_id: i32,
) -> Result<PdfFile, ServiceError> {
    let decision =
        crate::ssr::services::publications::public_detail(state, publication_id, Lang::Zh).await?;
    // Removed after credit repair: the decision is no longer shown, nor its document.
    if decision.removed {
        return Err(ServiceError::NotFound);
    }
    let issued = issued_documents::Entity::find_by_id(decision.document_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let bytes = public_bytes(state, &issued).await?;
    Ok(PdfFile {
        bytes,
        file_name: format!("{}（公开版）.pdf", issued.number),
    })
}

/// The verification follows the record: when a decision is changed, revoked, or confirmed
/// illegal or invalid (the basis of its publication's withdrawal), the case's penalty
/// decision in force says so from now on, with `reason` (who ruled, when, on what basis).
/// Credit repair leaves the decision in force. Returns how many documents changed.
pub async fn end_decision(
    conn: &impl ConnectionTrait,
    case_id: i32,
    basis: WithdrawalBasis,
    reason: &str,
) -> Result<u64, ServiceError> {
    let Some(status) = IssuedStatus::after_withdrawal(basis) else {
        return Ok(0);
    };
    Ok(issued_documents::Entity::update_many()
        .col_expr(
            issued_documents::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(issued_documents::Column::StatusReason, Expr::value(reason))
        .filter(issued_documents::Column::CaseId.eq(case_id))
        .filter(issued_documents::Column::Kind.eq(DocumentKind::PenaltyDecision.as_str()))
        .filter(issued_documents::Column::Status.eq(IssuedStatus::InForce.as_str()))
        .exec(conn)
        .await?
        .rows_affected)
}

/// A stored issued file by its SHA-256.
async fn stored(state: &AppState, sha256: &str) -> Result<Vec<u8>, ServiceError> {
    let store = BlobStore::new(&state.settings.data_dir);
    tokio::fs::read(store.path_of(sha256))
        .await
        .map_err(|e| ServiceError::Internal(format!("issued document file: {e}")))
}

/// The public version's PDF: the file registered when the decision was issued, or, for a
/// decision issued before public versions were registered, rendered again from its model.
async fn public_bytes(
    state: &AppState,
    issued: &issued_documents::Model,
) -> Result<Vec<u8>, ServiceError> {
    if let Some(sha) = &issued.public_sha256 {
        return stored(state, sha).await;
    }
    let model: DocumentModel = issued
        .public_model
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok())
        .ok_or(ServiceError::NotFound)?;
    render(state, model, Some(issued.issued_at)).await
}

/// Renders an issued document again from its stored model and issue time (for checks: the
/// bytes must hash to the recorded SHA-256).
pub async fn rerender(state: &AppState, issued_id: i32) -> Result<Vec<u8>, ServiceError> {
    let issued = issued_documents::Entity::find_by_id(issued_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let model: DocumentModel = serde_json::from_str(&issued.model)
        .map_err(|e| ServiceError::Internal(format!("stored model: {e}")))?;
    render(state, model, Some(issued.issued_at)).await
}
