//! Legal review (法制审核): the queue, figures, a review, its decision and the catalogs.

use app::ssr::AppState;
use app::{
    api::review_dto::{CatalogForm, ReviewForm},
    ssr::services::reviews,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

use super::{
    error::{ApiResult, fail},
    extract::{Body, Caller, Path},
};

pub(super) async fn review_queue(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::queue(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn review_figures(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::figures(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn get_review(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::page(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn decide_review(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ReviewForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::decide(&state, &c.session.actor, id, &b)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn list_review_catalogs(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::catalogs(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn publish_review_catalog(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<CatalogForm>,
) -> ApiResult<impl IntoResponse> {
    let id = reviews::publish_catalog(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}
