//! Agencies, users, credentials and reviewer assignments (admins), and the public list of
//! agencies.

use app::ssr::AppState;
use app::{
    api::dto::{NewAgency, NewCredential, NewUser},
    ssr::services::org,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};

use super::{
    bodies::{ActiveBody, AssignmentBody},
    error::{ApiResult, fail},
    extract::{Body, Caller, Path, ReqLang},
};

#[utoipa::path(get, path = "/agencies", tag = "org",
    responses((status = 200, description = "Every agency", body = Vec<app::api::dto::AgencyView>)))]
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

#[utoipa::path(get, path = "/agencies/{id}", tag = "org", params(("id" = i32, Path, description = "The agency's id")),
    responses((status = 200, description = "The agency", body = app::api::dto::AgencyView)))]
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

#[utoipa::path(post, path = "/agencies", tag = "org", request_body = NewAgency,
    responses((status = 201, description = "Created", body = app::api::dto::AgencyView)))]
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

#[utoipa::path(get, path = "/users", tag = "org",
    responses((status = 200, description = "Every user", body = Vec<app::api::dto::UserView>)))]
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

#[utoipa::path(get, path = "/users/{id}", tag = "org", params(("id" = i32, Path, description = "The user's id")),
    responses((status = 200, description = "The user", body = app::api::dto::UserView)))]
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

#[utoipa::path(post, path = "/users", tag = "org", request_body = NewUser,
    responses((status = 201, description = "Created", body = app::api::dto::UserView)))]
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

#[utoipa::path(post, path = "/users/{id}/credentials", tag = "org", params(("id" = i32, Path, description = "The user's id")),
    request_body = NewCredential,
    responses((status = 201, description = "Added; the user with their credentials", body = app::api::dto::UserView)))]
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

#[utoipa::path(put, path = "/users/{id}/active", tag = "org", params(("id" = i32, Path, description = "The user's id")),
    request_body = ActiveBody,
    responses((status = 200, description = "The user", body = app::api::dto::UserView)))]
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

/// Issues a new API token to an integration account; its earlier token stops working.
#[utoipa::path(post, path = "/users/{id}/api-token", tag = "org", params(("id" = i32, Path, description = "The integration account's id")),
    responses(
        (status = 201, description = "Issued; the token is shown this once", body = app::api::dto::ApiTokenView),
        (status = 422, description = "Not an integration account (`invalid_input`, field `role`)", body = super::error::ErrorEnvelope),
    ))]
pub(super) async fn issue_api_token(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    let issued = org::issue_api_token(&state, &c.session.actor, id)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(issued)))
}

#[utoipa::path(post, path = "/users/{id}/assignments", tag = "org", params(("id" = i32, Path, description = "The legal reviewer's id")),
    request_body = AssignmentBody,
    responses((status = 201, description = "Assigned; the user", body = app::api::dto::UserView)))]
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

#[utoipa::path(get, path = "/public/agencies", tag = "org",
    responses((status = 200, description = "The agencies the public may address", body = Vec<app::api::dto::PublicAgency>)))]
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
