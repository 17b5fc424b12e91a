//! Agencies, users, credentials and reviewer assignments (admins), and the public list of
//! agencies.

use app::ssr::AppState;
use app::{
    api::dto::{NewAgency, NewCredential, NewUser},
    ssr::services::org,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde::Deserialize;

use super::{
    error::{ApiResult, fail},
    extract::{Body, Caller, Path, ReqLang},
};

pub(super) async fn list_agencies(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::list_agencies(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn get_agency(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::get_agency(&state, &c.session.actor, id)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn create_agency(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<NewAgency>,
) -> ApiResult<impl IntoResponse> {
    let created = org::create_agency(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub(super) async fn list_users(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::list_users(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn get_user(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::get_user(&state, &c.session.actor, id)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn create_user(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<NewUser>,
) -> ApiResult<impl IntoResponse> {
    let created = org::create_user(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub(super) async fn add_credential(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<NewCredential>,
) -> ApiResult<impl IntoResponse> {
    let updated = org::add_credential(&state, &c.session.actor, id, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(updated)))
}

#[derive(Deserialize)]
pub(super) struct ActiveBody {
    active: bool,
}

pub(super) async fn set_user_active(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ActiveBody>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::set_user_active(&state, &c.session.actor, id, b.active)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
pub(super) struct AssignmentBody {
    agency_code: String,
}

pub(super) async fn assign_reviewer(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<AssignmentBody>,
) -> ApiResult<impl IntoResponse> {
    let updated = org::add_reviewer_assignment(&state, &c.session.actor, id, &b.agency_code)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(updated)))
}

pub(super) async fn public_agencies(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::public_agencies(&state, lang)
            .await
            .map_err(fail(lang))?,
    ))
}
