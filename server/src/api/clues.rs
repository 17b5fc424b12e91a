//! Clues (案源): receiving (routed by the agencies' matters when no agency is named),
//! listing, sending back and assigning.

use app::api::dto::{ClueAssignForm, ClueReturnForm};
use app::ssr::AppState;
use app::ssr::services::clues;
use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};

use super::{
    error::{ApiResult, fail},
    extract::{Body, Caller, Path},
};

/// Receives a clue (案源); the same clue from the same source again is a duplicate (200).
/// Without `agency`, a sender bound to no agency has the clue routed by the agencies'
/// matters (`routing` says which and why); what no matter decides goes to the supervision
/// body, which assigns it.
#[utoipa::path(post, path = "/clues", tag = "cases", request_body = tianping_domain::clue::RawClue,
    responses(
        (status = 201, description = "Received", body = app::api::dto::ClueReceipt),
        (status = 200, description = "Already received (`duplicate`)", body = app::api::dto::ClueReceipt),
    ))]
pub(super) async fn receive_clue(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<tianping_domain::clue::RawClue>,
) -> ApiResult<Response> {
    let receipt = clues::receive(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail(c.lang))?;
    let status = if receipt.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(receipt)).into_response())
}

/// The clues of the caller's intake queue.
#[utoipa::path(get, path = "/clues", tag = "cases",
    responses((status = 200, description = "The clues", body = Vec<app::api::dto::ClueView>)))]
pub(super) async fn list_clues(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        clues::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Sends a clue back from the agency's queue to the supervision body, as outside the agency's
/// powers (its officers and head; `reason` 2–500 characters).
#[utoipa::path(post, path = "/clues/{id}/return", tag = "cases", params(("id" = i32, Path, description = "The clue's id")),
    request_body = ClueReturnForm,
    responses((status = 200, description = "Sent back", body = app::api::dto::ClueView)))]
pub(super) async fn return_clue(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ClueReturnForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        clues::send_back(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Assigns a clue waiting in the supervision body's queue to an enforcement agency of the
/// region (its supervisors).
#[utoipa::path(post, path = "/clues/{id}/assign", tag = "cases", params(("id" = i32, Path, description = "The clue's id")),
    request_body = ClueAssignForm,
    responses((status = 200, description = "Assigned", body = app::api::dto::ClueView)))]
pub(super) async fn assign_clue(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ClueAssignForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        clues::assign(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The routing rules: each agency's matters with the words that name them (the agencies
/// whose clue queues the caller reads).
#[utoipa::path(get, path = "/clue-routing-rules", tag = "cases",
    responses((status = 200, description = "The rules", body = Vec<app::api::dto::ClueRoutingRuleView>)))]
pub(super) async fn routing_rules(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        clues::rules(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}
