//! Evidence files: streamed upload (multipart, never held in memory, refused past the size
//! limit) and streamed download, both authorised like the case.
//!
//! The upload form posts the evidence fields first and the file last. A browser (which asks
//! for HTML) is redirected back to the case page, with the error in the address when the upload
//! was refused; API clients get JSON.

use app::{
    api::AppError,
    ssr::{
        AppState,
        blobs::{BlobError, BlobStore, Staged},
        services::cases::{self, EvidenceInput},
    },
};
use axum::{
    Json,
    body::Body,
    extract::{
        Multipart, State,
        multipart::{MultipartError, MultipartRejection},
    },
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use tianping_domain::validate::{Field, Rule, ValidationError};
use utoipa::ToSchema;

use super::{
    bodies::Created,
    error::{ApiError, ApiResult, ErrorEnvelope, fail},
    extract::{Caller, Path},
};

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

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

/// A body that is not `multipart/form-data`: 422 naming the body.
fn not_multipart(e: &MultipartRejection, lang: tianping_domain::i18n::Lang) -> AppError {
    let base = ValidationError::new(Field::Body, Rule::Malformed).message(lang);
    AppError::Invalid(vec![app::api::error::FieldError {
        field: Field::Body,
        rule: Rule::Malformed,
        message: format!("{base}: {}", e.body_text()),
    }])
}

/// The fields of an evidence upload, `file` last (it is streamed to disk).
#[derive(ToSchema)]
pub struct EvidenceUpload {
    /// The kind of evidence (书证, 物证, 视听资料, …, 笔录), its machine name.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// When it was collected (`YYYY-MM-DDTHH:MM`).
    pub collected_at: String,
    /// Where.
    pub location: String,
    /// The first collecting officer's id.
    pub officer_1: String,
    /// The second collecting officer's id.
    pub officer_2: String,
    /// A third officer's id.
    pub officer_3: Option<String>,
    /// The record's subject (笔录).
    pub subject: Option<String>,
    /// The record's content (笔录).
    pub content: Option<String>,
    /// The recording device.
    pub device: Option<String>,
    /// The file.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

fn malformed(e: &MultipartError, lang: tianping_domain::i18n::Lang) -> AppError {
    AppError::Invalid(vec![app::api::error::FieldError {
        field: Field::Body,
        rule: Rule::Malformed,
        message: format!(
            "{}: {}",
            ValidationError::new(Field::Body, Rule::Malformed).message(lang),
            e.body_text()
        ),
    }])
}

/// The longest text field of an upload, in bytes: a record's content (笔录) may be long, every
/// other field is short.
fn text_limit(name: &str) -> usize {
    if name == "content" {
        256 * 1024
    } else {
        4 * 1024
    }
}

/// More fields than any real form has.
const MAX_FIELDS: usize = 32;

fn field_too_long(max: usize, lang: tianping_domain::i18n::Lang) -> AppError {
    AppError::invalid(
        &[ValidationError::new(
            Field::Body,
            Rule::Length { min: 0, max },
        )],
        lang,
    )
}

/// Reads a text field chunk by chunk, refusing it once it passes `max` bytes (never more than
/// that is held).
async fn read_text(
    field: &mut axum::extract::multipart::Field<'_>,
    max: usize,
    lang: tianping_domain::i18n::Lang,
) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| malformed(&e, lang))? {
        if bytes.len() + chunk.len() > max {
            return Err(field_too_long(max, lang));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes)
        .map_err(|_| AppError::invalid(&[ValidationError::new(Field::Body, Rule::Charset)], lang))
}

/// Reads the multipart body: the text fields (each bounded), and the one file streamed into the
/// blob store. Whatever error ends it, the staged file is removed (`Staged` and `Upload` clean up
/// when dropped).
async fn read_form(
    state: &AppState,
    multipart: &mut Multipart,
    lang: tianping_domain::i18n::Lang,
) -> Result<(EvidenceInput, Option<Staged>), AppError> {
    let mut input = EvidenceInput::default();
    let mut staged = None;
    let mut fields = 0;
    let max = state.settings.max_upload_bytes;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| malformed(&e, lang))?
    {
        fields += 1;
        if fields > MAX_FIELDS {
            return Err(AppError::invalid(
                &[ValidationError::new(Field::Body, Rule::Malformed)],
                lang,
            ));
        }
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            if file_name.is_empty() {
                continue;
            }
            if staged.is_some() {
                return Err(AppError::invalid(
                    &[ValidationError::new(Field::File, Rule::SingleFile)],
                    lang,
                ));
            }
            input.file_name = file_name.chars().take(255).collect();
            input.content_type = field
                .content_type()
                .unwrap_or_default()
                .chars()
                .take(127)
                .collect();
            let store = BlobStore::new(&state.settings.data_dir);
            let mut upload = store
                .upload(max)
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => upload.write(&chunk).await.map_err(|e| match e {
                        BlobError::TooLarge { max_bytes } => AppError::invalid(
                            &[ValidationError::new(
                                Field::File,
                                Rule::FileTooLarge {
                                    max_mib: max_bytes / (1024 * 1024),
                                },
                            )],
                            lang,
                        ),
                        BlobError::Io(e) => AppError::from_service(
                            app::ssr::ServiceError::Internal(e.to_string()),
                            lang,
                        ),
                    })?,
                    Ok(None) => break,
                    Err(e) => return Err(malformed(&e, lang)),
                }
            }
            staged = Some(
                upload
                    .finish()
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?,
            );
            continue;
        }
        let value = read_text(&mut field, text_limit(&name), lang).await?;
        match name.as_str() {
            "kind" => input.raw.kind = value,
            "title" => input.raw.title = value,
            "collected_at" => input.raw.collected_at = value,
            "location" => input.raw.location = value,
            "officer_1" => input.raw.officers[0] = value,
            "officer_2" => input.raw.officers[1] = value,
            "officer_3" => input.raw.officers[2] = value,
            "subject" => input.raw.subject = value,
            "content" => input.raw.content = value,
            "device" => input.raw.device = value,
            _ => {}
        }
    }
    Ok((input, staged))
}

/// `POST /api/v1/cases/{id}/evidence` (multipart/form-data).
#[utoipa::path(post, path = "/cases/{id}/evidence", operation_id = "upload_evidence", tag = "cases",
    params(("id" = i32, Path, description = "The case's id")),
    request_body(content = EvidenceUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Recorded", body = Created),
        (status = 303, description = "Back to the case page (a browser's form)"),
        (status = 413, description = "Larger than the configured limit (`invalid_input`)", body = ErrorEnvelope),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let html = wants_html(&headers);
    // Who may add evidence to this case is known before the first byte of the body is read.
    let allowed = cases::may_add_evidence(&state, &c.session.actor, id)
        .await
        .map_err(|e| AppError::from_service(e, c.lang));
    let read = match (allowed, multipart) {
        (Err(e), _) => Err(e),
        (Ok(()), Ok(mut multipart)) => read_form(&state, &mut multipart, c.lang).await,
        (Ok(()), Err(e)) => Err(not_multipart(&e, c.lang)),
    };
    let result = match read {
        Ok((input, staged)) => cases::record_evidence(&state, &c.session.actor, id, &input, staged)
            .await
            .map_err(|e| AppError::from_service(e, c.lang)),
        Err(e) => Err(e),
    };
    match (result, html) {
        (Ok(evidence_id), false) => {
            (StatusCode::CREATED, Json(Created { id: evidence_id })).into_response()
        }
        (Ok(_), true) => Redirect::to(&format!("/work/cases/{id}?tab=evidence")).into_response(),
        (Err(e), true) => Redirect::to(&format!(
            "/work/cases/{id}?tab=evidence&error={}",
            encode(&e.to_string())
        ))
        .into_response(),
        (Err(e), false) => {
            let error = ApiError::from(e);
            if error.has_rule(|r| matches!(r, Rule::FileTooLarge { .. })) {
                error.with_status(StatusCode::PAYLOAD_TOO_LARGE)
            } else {
                error
            }
            .into_response()
        }
    }
}

/// The media type a stored file is served with: the uploader's, if it is one of the kinds
/// evidence comes in and no browser runs as a page; everything else (HTML, SVG, XML,
/// JavaScript, anything unknown) as bytes to save.
fn served_content_type(uploaded: &str) -> &'static str {
    const ALLOWED: [&str; 16] = [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "image/tiff",
        "audio/mpeg",
        "audio/mp4",
        "audio/wav",
        "audio/amr",
        "video/mp4",
        "video/quicktime",
        "video/webm",
        "text/plain",
        "application/zip",
    ];
    let essence = uploaded
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    ALLOWED
        .iter()
        .find(|allowed| **allowed == essence)
        .copied()
        .unwrap_or("application/octet-stream")
}

/// `GET /api/v1/evidence/{id}/file`: the stored file, streamed.
#[utoipa::path(get, path = "/evidence/{id}/file", operation_id = "download_evidence", tag = "cases",
    params(("id" = i32, Path, description = "The evidence item's id")),
    responses((status = 200, description = "The file as uploaded, with its media type if it is one of the evidence kinds (PDF, images, audio, video, plain text, ZIP), else `application/octet-stream`", content_type = "*/*", body = Vec<u8>)))]
pub async fn download(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<Response> {
    let file = cases::evidence_file(&state, &c.session.actor, id)
        .await
        .map_err(fail(c.lang))?;
    let handle = tokio::fs::File::open(&file.path).await.map_err(|e| {
        ApiError::from(AppError::from_service(
            app::ssr::ServiceError::Internal(e.to_string()),
            c.lang,
        ))
    })?;
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(
        handle,
        256 * 1024,
    ))
    .into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(served_content_type(&file.content_type)),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"evidence-{id}\"; filename*=UTF-8''{}",
        encode(&file.file_name)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", file.sha256)) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::served_content_type;

    #[test]
    fn only_evidence_media_types_are_served_as_such() {
        assert_eq!(served_content_type("image/png"), "image/png");
        assert_eq!(
            served_content_type("Application/PDF; x=y"),
            "application/pdf"
        );
        for active in [
            "text/html",
            "image/svg+xml",
            "application/xhtml+xml",
            "text/xml",
            "application/javascript",
            "text/plain\r\nX: y",
            "",
        ] {
            assert_eq!(
                served_content_type(active),
                "application/octet-stream",
                "{active}"
            );
        }
    }
}
