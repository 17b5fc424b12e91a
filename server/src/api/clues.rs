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
