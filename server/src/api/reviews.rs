//! Legal review (法制审核): the queue, figures, a review, its decision and the catalogs.

use app::ssr::AppState;
use app::{
    api::review_dto::{CatalogForm, ReviewForm},
    ssr::services::reviews,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use tianping_domain::validate::Field;

use super::{
    bodies::Created,
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path},
};

/// The legal reviewer's queue (or the agency's submissions).
#[utoipa::path(get, path = "/reviews", tag = "reviews",
    responses((status = 200, description = "The queue", body = Vec<app::api::review_dto::QueueItem>)))]
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

/// Review figures: rounds, returns, time taken.
#[utoipa::path(get, path = "/reviews/figures", tag = "reviews",
    responses((status = 200, description = "The figures", body = app::api::review_dto::ReviewFiguresView)))]
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

/// A review round's page: materials, checklist, history.
#[utoipa::path(get, path = "/reviews/{id}", tag = "reviews",
    params(("id" = i32, Path, description = "The case's id")),
    responses((status = 200, description = "The review", body = app::api::review_dto::ReviewPage)))]
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

/// The reviewer's decision on the open round.
#[utoipa::path(post, path = "/reviews/{id}/decision", tag = "reviews",
    params(("id" = i32, Path, description = "The case's id")), request_body = ReviewForm,
    responses((status = 200, description = "Decided", body = app::api::case_dto::StepOutcome)))]
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

/// The major-decision catalogs of each agency, every version.
#[utoipa::path(get, path = "/review-catalogs", tag = "reviews",
    responses((status = 200, description = "The catalogs", body = Vec<app::api::review_dto::AgencyCatalogs>)))]
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

/// Publishes a catalog version (admins).
#[utoipa::path(post, path = "/review-catalogs", tag = "reviews", request_body = CatalogForm,
    responses((status = 201, description = "Published", body = Created)))]
pub(super) async fn publish_review_catalog(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<CatalogForm>,
) -> ApiResult<impl IntoResponse> {
    let id = reviews::publish_catalog(&state, &c.session.actor, &b)
        .await
        .map_err(fail_named(c.lang, &[(Field::CatalogNote, "note")]))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
