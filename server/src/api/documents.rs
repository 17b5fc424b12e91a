//! Official documents over HTTP: preview and download of a case's PDFs (authorised like the
//! case), issuing (JSON), and the public verification of a document by code or by file.
//!
//! The portal's upload form posts to its own route, which redirects to the portal's verification
//! page with the file's hash, so the page works without JavaScript.

use app::ssr::{AppState, services::cases::documents};
use axum::{
    Json,
    body::Bytes,
    extract::{Multipart, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use tianping_domain::validate::{Field, Rule, ValidationError};

use super::{
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query, ReqLang},
};

/// Largest file accepted for verification.
pub const MAX_VERIFY_BYTES: usize = 20 * 1024 * 1024;

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

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
#[derive(Debug, Default, Deserialize)]
pub struct IssueBody {
    /// Why a new version supersedes the one in force (required then).
    #[serde(default)]
    pub reason: String,
}

/// `POST /api/v1/cases/{id}/documents/{doc}/issue`: issues the document (201 with the issued
/// version).
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
#[derive(Debug, Default, Deserialize)]
pub struct FileQuery {
    /// The public version.
    #[serde(default)]
    pub public: bool,
}

/// `GET /api/v1/documents/{id}/file`: an issued document's PDF.
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
#[derive(Debug, Default, Deserialize)]
pub struct VerifyQuery {
    /// The printed verification code.
    #[serde(default)]
    pub code: String,
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
        Json(json!({ "genuine": found.is_some(), "document": found })),
    )
}

/// `GET /api/v1/public/documents/verify?code=`: whether a code belongs to an issued document.
pub async fn verify_code(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<VerifyQuery>,
) -> ApiResult<impl IntoResponse> {
    let found = documents::check_code(&state, &q.code)
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
pub async fn verify_form(ReqLang(lang): ReqLang, mut form: Multipart) -> Response {
    let missing = ValidationError::new(Field::DocumentFile, Rule::Required);
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                return match field.bytes().await {
                    Ok(b) if !b.is_empty() => Redirect::to(&format!(
                        "/portal/verify?sha256={}",
                        hex::encode(Sha256::digest(&b))
                    ))
                    .into_response(),
                    Ok(_) => back_to_portal(&missing, lang),
                    Err(_) => back_to_portal(
                        &ValidationError::new(Field::DocumentFile, Rule::Malformed),
                        lang,
                    ),
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

/// `POST /api/v1/public/documents/verify` (the PDF as the body): whether a file is a genuine
/// issued document (its SHA-256 matches one recorded at issue).
pub async fn verify_file(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let found = documents::check_file(&state, &body)
        .await
        .map_err(fail(lang))?;
    Ok(verdict(found))
}
