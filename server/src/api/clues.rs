//! Clues (案源): receiving and listing.

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
    extract::{Body, Caller},
};

/// Receives a clue (案源); the same clue from the same source again is a duplicate (200).
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
    let receipt = clues::receive(&state, &c.session.actor, &b)
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
        clues::list(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}
