//! Penalty cases: list, registration, on-the-spot decisions, the case page, steps, parties
//! and staffing.

use app::ssr::AppState;
use app::{
    api::case_dto::{CaseFilter, NewCaseForm, StaffingForm, StepForm, SummaryForm},
    ssr::services::cases,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;
use tianping_domain::validate::Field;

use super::{
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query},
};

/// A party's fields as the body names them (the domain's names differ).
const PARTY_NAMES: &[(Field, &str)] = &[(Field::PartyKind, "kind"), (Field::PartyName, "name")];

pub(super) async fn list_cases(
    State(state): State<AppState>,
    c: Caller,
    Query(filter): Query<CaseFilter>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        cases::list(&state, &c.session.actor, &filter)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn register_case(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<NewCaseForm>,
) -> ApiResult<impl IntoResponse> {
    let created = cases::register(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub(super) async fn decide_on_the_spot(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<SummaryForm>,
) -> ApiResult<impl IntoResponse> {
    let created = cases::summary(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub(super) async fn get_case(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        cases::detail(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn take_step(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<StepForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        cases::step(&state, &c.session.actor, id, &b)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn add_party(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<tianping_domain::party::RawParty>,
) -> ApiResult<impl IntoResponse> {
    let party_id = cases::add_party(&state, &c.session.actor, id, &b)
        .await
        .map_err(fail_named(c.lang, PARTY_NAMES))?;
    Ok((StatusCode::CREATED, Json(json!({ "id": party_id }))))
}

pub(super) async fn change_staffing(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<StaffingForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        cases::change_staffing(&state, &c.session.actor, id, &b)
            .await
            .map_err(fail(c.lang))?,
    ))
}
