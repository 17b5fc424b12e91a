//! The disclosure portal's decisions (JSON search and detail, the public PDF, the annual
//! figures) and the agency's publication queue and steps.

use app::api::publicity_dto::PublicationStepForm;
use app::ssr::services::{cases::documents, publications};
use app::{api::AppError, ssr::AppState};
use axum::{
    Json,
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use tianping_domain::{
    publicity::{PublicationStep, SearchInput},
    validate::Field,
};
use utoipa::IntoParams;

use super::{
    bodies::Done,
    error::{ApiError, ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query, ReqLang},
};

/// The search's parameters as the request names them (the domain's names differ).
pub(super) const SEARCH_NAMES: &[(Field, &str)] = &[
    (Field::DateFrom, "from"),
    (Field::DateTo, "to"),
    (Field::PartyKind, "party"),
];

/// A publication step's fields as the body names them.
const STEP_NAMES: &[(Field, &str)] = &[(Field::WithdrawalBasis, "basis")];

/// Public answers: any origin may read them, caches may keep them a minute.
pub(super) fn public_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    r
}

/// A JSON answer with a strong ETag (SHA-256 of the body); `If-None-Match` with it gets 304.
fn with_etag(headers: &axum::http::HeaderMap, body: Vec<u8>) -> Response {
    use sha2::{Digest, Sha256};
    let tag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut r = if fresh {
        axum::http::StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&tag) {
        r.headers_mut().insert(header::ETAG, v);
    }
    public_headers(r)
}

/// Published decisions (public, CORS, `ETag`: `If-None-Match` answers 304).
#[utoipa::path(get, path = "/public/decisions", operation_id = "search_decisions", tag = "publicity", params(SearchInput),
    responses(
        (status = 200, description = "A page of decisions", body = app::api::publicity_dto::DecisionPage),
        (status = 304, description = "Unchanged since the `ETag` sent"),
    ))]
pub(super) async fn search(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    headers: axum::http::HeaderMap,
    Query(q): Query<SearchInput>,
) -> ApiResult<Response> {
    let page = publications::search(&state, &q, lang)
        .await
        .map_err(fail_named(lang, SEARCH_NAMES))?;
    let body =
        serde_json::to_vec(&page).map_err(|e| ApiError::from(AppError::Internal(e.to_string())))?;
    Ok(with_etag(&headers, body))
}

/// A published decision.
#[utoipa::path(get, path = "/public/decisions/{id}", operation_id = "get_decision", tag = "publicity",
    params(("id" = i32, Path, description = "The publication's id")),
    responses((status = 200, description = "The decision", body = app::api::publicity_dto::PublicDecision)))]
pub(super) async fn detail(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(id): Path<i32>,
) -> ApiResult<Response> {
    let d = publications::public_detail(&state, id, lang)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(Json(d).into_response()))
}

/// The public (redacted) PDF of a published decision.
#[utoipa::path(get, path = "/public/decisions/{id}/document.pdf", operation_id = "decision_pdf", tag = "publicity",
    params(("id" = i32, Path, description = "The publication's id")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>)))]
pub(super) async fn pdf(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(id): Path<i32>,
) -> ApiResult<Response> {
    let file = documents::public_download(&state, id)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(super::documents::pdf_response(file, false)))
}

/// The agency's publication queue.
#[utoipa::path(get, path = "/publications", operation_id = "publication_queue", tag = "publicity",
    responses((status = 200, description = "The queue", body = Vec<app::api::publicity_dto::PublicationView>)))]
pub(super) async fn queue(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        publications::queue(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// One step of a publication (`kind` names it).
#[utoipa::path(post, path = "/publications/{id}/steps", operation_id = "step_publication", tag = "publicity",
    params(("id" = i32, Path, description = "The publication's id")), request_body = PublicationStepForm,
    responses((status = 200, description = "Taken", body = Done)))]
pub(super) async fn step(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(form): Body<PublicationStepForm>,
) -> ApiResult<impl IntoResponse> {
    let step =
        PublicationStep::try_from(form).map_err(|e| fail_named(c.lang, STEP_NAMES)(e.into()))?;
    publications::step(&state, &c.session.actor, id, &step, c.lang)
        .await
        .map_err(fail_named(c.lang, STEP_NAMES))?;
    Ok(Json(Done::new()))
}

/// `?year=` of the annual data.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct YearQuery {
    /// The year, `YYYY` (empty: the previous year).
    #[serde(default)]
    #[param(pattern = "^([0-9]{4})?$")]
    pub(super) year: String,
}

/// The annual enforcement data of a year, as JSON (public, CORS).
/// The annual enforcement data of a year (public, CORS).
#[utoipa::path(get, path = "/public/annual", tag = "publicity", params(YearQuery),
    responses((status = 200, description = "The figures", body = app::api::publicity_dto::AnnualReport)))]
pub(super) async fn annual_json(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<YearQuery>,
) -> ApiResult<Response> {
    let report = app::ssr::services::annual::report(&state, &q.year, lang)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(Json(report).into_response()))
}
