//! Penalty cases: list, registration, on-the-spot decisions, the case page, steps, parties
//! and staffing.

use app::ssr::AppState;
use app::{
    api::case_dto::{CaseFilter, NewCaseForm, StaffingForm, StepForm, SummaryForm},
    ssr::services::cases,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use tianping_domain::validate::Field;

use super::{
    bodies::Created,
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query},
};

/// A party's fields as the body names them (the domain's names differ).
const PARTY_NAMES: &[(Field, &str)] = &[(Field::PartyKind, "kind"), (Field::PartyName, "name")];

/// The cases the caller may see, most urgent deadline first (at most 500).
#[utoipa::path(get, path = "/cases", tag = "cases", params(CaseFilter),
    responses((status = 200, description = "The cases", body = Vec<app::api::case_dto::CaseSummary>)))]
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

/// Registers a case (案源登记) from a clue or an inspection (officers).
#[utoipa::path(post, path = "/cases", tag = "cases", request_body = NewCaseForm,
    responses((status = 201, description = "Registered", body = app::api::case_dto::StepOutcome)))]
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

/// An on-the-spot decision (简易程序) with its party.
#[utoipa::path(post, path = "/cases/summary", tag = "cases", request_body = SummaryForm,
    responses((status = 201, description = "Decided", body = app::api::case_dto::StepOutcome)))]
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

/// The case with parties, evidence, records, documents, deadlines, next steps and timeline.
#[utoipa::path(get, path = "/cases/{id}", tag = "cases", params(("id" = i32, Path, description = "The case's id")),
    responses((status = 200, description = "The case", body = app::api::case_dto::CaseDetail)))]
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

/// One step of the case (`kind` names it; the state machine judges it).
#[utoipa::path(post, path = "/cases/{id}/steps", tag = "cases", params(("id" = i32, Path, description = "The case's id")), request_body = StepForm,
    responses((status = 200, description = "Taken", body = app::api::case_dto::StepOutcome)))]
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

/// Adds a party (ID numbers per GB 11643 and credit codes per GB 32100 are checked).
#[utoipa::path(post, path = "/cases/{id}/parties", tag = "cases", params(("id" = i32, Path, description = "The case's id")),
    request_body = tianping_domain::party::RawParty,
    responses((status = 201, description = "Added", body = Created)))]
pub(super) async fn add_party(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<tianping_domain::party::RawParty>,
) -> ApiResult<impl IntoResponse> {
    let party_id = cases::add_party(&state, &c.session.actor, id, &b)
        .await
        .map_err(fail_named(c.lang, PARTY_NAMES))?;
    Ok((StatusCode::CREATED, Json(Created { id: party_id })))
}

/// The agency head's recusal (回避) or assignment of an officer, until the decision.
#[utoipa::path(post, path = "/cases/{id}/staffing", tag = "cases", params(("id" = i32, Path, description = "The case's id")), request_body = StaffingForm,
    responses((status = 200, description = "Changed", body = app::api::case_dto::StepOutcome)))]
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
