//! Official documents over HTTP: preview and download of a case's PDFs (authorised like the
//! case), issuing (JSON), and the public verification of a document by code or by file.
//!
//! The portal's upload form posts to its own route, which redirects to the portal's verification
//! page with the file's hash, so the page works without JavaScript.

use app::ssr::{AppState, services::cases::documents};
use axum::{
    Json,
    extract::{Multipart, State, multipart::MultipartRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tianping_domain::validate::{Field, Rule, ValidationError};
use utoipa::{IntoParams, ToSchema};

use app::api::AppError;

use super::{
    error::{ApiError, ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query, ReqLang},
};

/// Largest file accepted for verification.
pub const MAX_VERIFY_BYTES: usize = 20 * 1024 * 1024;

use app::ssr::util::url_encode as encode;

pub(crate) fn pdf_response(file: documents::PdfFile, inline: bool) -> Response {
    let sha = hex::encode(Sha256::digest(&file.bytes));
    let mut response = file.bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    let disposition = if inline { "inline" } else { "attachment" };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{disposition}; filename=\"document.pdf\"; filename*=UTF-8''{}",
        encode(&file.file_name)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"{sha}\"")) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `GET /api/v1/cases/{id}/documents/{doc}/preview`: the draft PDF of a document record.
#[utoipa::path(get, path = "/cases/{id}/documents/{doc}/preview", operation_id = "preview_document", tag = "documents",
    params(("id" = i32, Path, description = "The case's id"), ("doc" = i32, Path, description = "The document record's id")),
    responses((status = 200, description = "The draft PDF", content_type = "application/pdf", body = Vec<u8>)))]
pub async fn preview(
    State(state): State<AppState>,
    c: Caller,
    Path((case_id, doc)): Path<(i32, i32)>,
) -> ApiResult<Response> {
    let file = documents::preview(&state, &c.session.actor, case_id, doc)
        .await
        .map_err(fail(c.lang))?;
    Ok(pdf_response(file, true))
}

/// The body of an issue request.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct IssueBody {
    /// Why a new version supersedes the one in force (required then).
    #[serde(default)]
    pub reason: String,
}

/// `POST /api/v1/cases/{id}/documents/{doc}/issue`: issues the document (201 with the issued
/// version).
#[utoipa::path(post, path = "/cases/{id}/documents/{doc}/issue", operation_id = "issue_document", tag = "documents",
    params(("id" = i32, Path, description = "The case's id"), ("doc" = i32, Path, description = "The document record's id")),
    request_body = IssueBody,
    responses((status = 201, description = "Issued", body = app::api::case_dto::IssuedDocumentView)))]
pub async fn issue(
    State(state): State<AppState>,
    c: Caller,
    Path((case_id, doc)): Path<(i32, i32)>,
    Body(body): Body<IssueBody>,
) -> ApiResult<impl IntoResponse> {
    let issued = documents::issue(&state, &c.session.actor, case_id, doc, &body.reason)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(issued)))
}

/// `?public=true` asks for the redacted public version.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// The public version.
    #[serde(default)]
    pub public: bool,
}

/// `GET /api/v1/documents/{id}/file`: an issued document's PDF.
#[utoipa::path(get, path = "/documents/{id}/file", operation_id = "download_document", tag = "documents",
    params(("id" = i32, Path, description = "The issued document's id"), FileQuery),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>)))]
pub async fn download(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Query(q): Query<FileQuery>,
) -> ApiResult<Response> {
    let file = documents::download(&state, &c.session.actor, id, q.public)
        .await
        .map_err(fail(c.lang))?;
    Ok(pdf_response(file, false))
}

/// `?code=` of the verification.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// The printed verification code.
    #[serde(default)]
    pub code: String,
}

/// Whether a document is genuine.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentVerdict {
    /// Whether it is an issued document.
    pub genuine: bool,
    /// The document, when it is.
    pub document: Option<app::api::case_dto::DocumentCheck>,
}

/// The portal's upload form.
#[derive(ToSchema)]
pub struct VerifyUpload {
    /// The file to check.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

fn verdict(found: Option<app::api::case_dto::DocumentCheck>) -> impl IntoResponse {
    (
        [
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        Json(DocumentVerdict {
            genuine: found.is_some(),
            document: found,
        }),
    )
}

/// `GET /api/v1/public/documents/verify?code=`: whether a code belongs to an issued document.
#[utoipa::path(get, path = "/public/documents/verify", tag = "documents", params(VerifyQuery),
    responses((status = 200, description = "The verdict", body = DocumentVerdict)))]
pub async fn verify_code(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<VerifyQuery>,
) -> ApiResult<impl IntoResponse> {
    let found = documents::check_code(&state, &q.code, lang)
        .await
        .map_err(fail_named(lang, &[(Field::VerificationCode, "code")]))?;
    Ok(verdict(found))
}

fn back_to_portal(e: &ValidationError, lang: tianping_domain::i18n::Lang) -> Response {
    Redirect::to(&format!(
        "/portal/verify?error={}",
        encode(&e.message(lang))
    ))
    .into_response()
}

/// `POST /api/v1/public/documents/verify-form` (`multipart/form-data` with a `file` field): the
/// portal's upload form. Redirects to the portal's verification page with the file's hash.
#[utoipa::path(post, path = "/public/documents/verify-form", tag = "documents",
    request_body(content = VerifyUpload, content_type = "multipart/form-data"),
    responses((status = 303, description = "To the portal's verification page, with the file's hash or the error")))]
pub async fn verify_form(
    ReqLang(lang): ReqLang,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let missing = ValidationError::new(Field::DocumentFile, Rule::Required);
    let Ok(mut form) = form else {
        return back_to_portal(
            &ValidationError::new(Field::DocumentFile, Rule::Malformed),
            lang,
        );
    };
    loop {
        match form.next_field().await {
            Ok(Some(mut field)) if field.name() == Some("file") => {
                // Hashed as it streams in: nothing of the file is held.
                let mut hasher = Sha256::new();
                let mut size = 0usize;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            size += chunk.len();
                            hasher.update(&chunk);
                        }
                        Ok(None) => break,
                        Err(_) => {
                            return back_to_portal(
                                &ValidationError::new(Field::DocumentFile, Rule::Malformed),
                                lang,
                            );
                        }
                    }
                }
                return if size == 0 {
                    back_to_portal(&missing, lang)
                } else {
                    Redirect::to(&format!(
                        "/portal/verify?sha256={}",
                        hex::encode(hasher.finalize())
                    ))
                    .into_response()
                };
            }
            Ok(Some(_)) => {}
            Ok(None) => return back_to_portal(&missing, lang),
            Err(_) => {
                return back_to_portal(
                    &ValidationError::new(Field::DocumentFile, Rule::Malformed),
                    lang,
                );
            }
        }
    }
}

/// A body past [`MAX_VERIFY_BYTES`] (or one that cannot be read): 413 naming the body.
fn too_large(lang: tianping_domain::i18n::Lang) -> ApiError {
    let max_mib = (MAX_VERIFY_BYTES / (1024 * 1024)) as u64;
    ApiError::from(AppError::invalid(
        &[ValidationError::new(
            Field::Body,
            Rule::FileTooLarge { max_mib },
        )],
        lang,
    ))
    .with_status(StatusCode::PAYLOAD_TOO_LARGE)
}

/// `POST /api/v1/public/documents/verify` (the PDF as the body): whether a file is a genuine
/// issued document (its SHA-256 matches one recorded at issue).
#[utoipa::path(post, path = "/public/documents/verify", tag = "documents",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The PDF"),
    responses(
        (status = 200, description = "The verdict", body = DocumentVerdict),
        (status = 413, description = "Larger than 20 MiB (`invalid_input`)", body = super::error::ErrorEnvelope),
    ))]
pub async fn verify_file(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    body: axum::body::Body,
) -> ApiResult<impl IntoResponse> {
    // Hashed as it streams in, refused once past the limit: nothing of the file is held.
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut hasher = Sha256::new();
    let mut size = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| too_large(lang))?;
        size += chunk.len();
        if size > MAX_VERIFY_BYTES {
            return Err(too_large(lang));
        }
        hasher.update(&chunk);
    }
    if size == 0 {
        return Err(ApiError::from(AppError::invalid(
            &[ValidationError::new(Field::DocumentFile, Rule::Required)],
            lang,
        )));
    }
    let found = documents::check_hash(&state, &hex::encode(hasher.finalize()), lang)
        .await
        .map_err(fail(lang))?;
    Ok(verdict(found))
}
