//! The public's requests about a published decision (更正、信用修复提前移出): filing and the
//! status by tracking number (public), the agency's queue and its decisions.

use app::api::request_dto::RequestStepForm;
use app::ssr::AppState;
use app::ssr::services::publication_requests;
use axum::http::{Extensions, HeaderMap};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use tianping_domain::{
    publicity::request::{RequestInput, RequestStep},
    validate::Field,
};

use super::{
    bodies::Done,
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, ReqLang},
};

/// A request's fields as the body names them (the domain's names differ).
const REQUEST_NAMES: &[(Field, &str)] = &[
    (Field::RequestKind, "kind"),
    (Field::RequestReason, "reason"),
];

/// The public's request about a published decision: correction or early removal
/// (rate-limited per client address).
#[utoipa::path(post, path = "/public/decisions/{id}/requests", operation_id = "submit_publication_request", tag = "publicity",
    params(("id" = i32, Path, description = "The publication's id")), request_body = RequestInput,
    responses((status = 201, description = "Received; keep the number and code", body = app::api::request_dto::RequestReceipt)))]
pub(super) async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ext: Extensions,
    headers: HeaderMap,
    Path(id): Path<i32>,
    Body(input): Body<RequestInput>,
) -> ApiResult<impl IntoResponse> {
    let client = app::ssr::client::client_id(&state, &ext, &headers);
    let receipt = publication_requests::submit(&state, id, &input, &client, lang)
        .await
        .map_err(fail_named(lang, REQUEST_NAMES))?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// A request's status, by its number and code.
#[utoipa::path(get, path = "/public/requests/{no}", operation_id = "publication_request_status", tag = "publicity",
    params(("no" = String, Path, description = "The request's number and query code")),
    responses((status = 200, description = "The status", body = app::api::request_dto::PublicRequestView)))]
pub(super) async fn status(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(no): Path<String>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        publication_requests::public_status(&state, &no, lang)
            .await
            .map_err(fail(lang))?,
    ))
}

/// The requests the caller's agency handles.
#[utoipa::path(get, path = "/publication-requests", operation_id = "list_publication_requests", tag = "publicity",
    responses((status = 200, description = "The requests", body = Vec<app::api::request_dto::PublicationRequestView>)))]
pub(super) async fn list(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        publication_requests::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// One step of a request (`kind` names it).
#[utoipa::path(post, path = "/publication-requests/{id}/steps", operation_id = "step_publication_request", tag = "publicity",
    params(("id" = i32, Path, description = "The request's id")), request_body = RequestStepForm,
    responses((status = 200, description = "Taken", body = Done)))]
pub(super) async fn step(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(form): Body<RequestStepForm>,
) -> ApiResult<impl IntoResponse> {
    let step = RequestStep::try_from(form).map_err(|e| fail(c.lang)(e.into()))?;
    publication_requests::step(&state, &c.session.actor, id, &step, c.lang)
        .await
        .map_err(fail_named(c.lang, &[(Field::Reply, "answer")]))?;
    Ok(Json(Done::new()))
}
