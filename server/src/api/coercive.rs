//! Coercive measures (查封、扣押, issue 23 item 6): the agency's list, a new measure (proposed,
//! or taken on the spot in an emergency) and its steps.

use app::api::coercive_dto::{CoerciveMeasureForm, CoerciveStepForm};
use app::ssr::AppState;
use app::ssr::services::coercive;
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use tianping_domain::validate::Field;

use super::{
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path},
};

/// A new measure's fields as the body names them.
const OPEN_NAMES: &[(Field, &str)] = &[
    (Field::MeasureKind, "kind"),
    (Field::PartyName, "party"),
    (Field::Location, "place"),
    (Field::SeizedItems, "items"),
    (Field::LegalBasis, "legal_basis"),
    (Field::Reason, "reason"),
    (Field::Witness, "witness"),
    (Field::Custody, "custody"),
    (Field::Officers, "officer_ids"),
    (Field::InspectionCode, "inspection_id"),
];

/// A step's fields as the body names them.
const STEP_NAMES: &[(Field, &str)] = &[
    (Field::Step, "step"),
    (Field::Days, "days"),
    (Field::Reason, "reason"),
    (Field::ReleaseReason, "release_reason"),
];

/// The coercive measures the caller may read (their agency; supervisors their region),
/// newest first, each with its last day and warnings.
#[utoipa::path(get, path = "/coercive-measures", tag = "inspections",
    responses((status = 200, description = "The measures", body = Vec<app::api::coercive_dto::CoerciveMeasureView>)))]
pub(super) async fn list_measures(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        coercive::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// A new seal-up or seizure of the caller's agency: proposed for the head's approval, or
/// (`emergency`) taken on the spot, in force at once and to be reported within 24 hours. At
/// least two officers certified today; the party present or a witness; custody of seized
/// goods.
#[utoipa::path(post, path = "/coercive-measures", tag = "inspections", request_body = CoerciveMeasureForm,
    responses((status = 201, description = "Recorded", body = app::api::coercive_dto::CoerciveMeasureView)))]
pub(super) async fn open_measure(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<CoerciveMeasureForm>,
) -> ApiResult<impl IntoResponse> {
    let view = coercive::open(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, OPEN_NAMES))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// One measure.
#[utoipa::path(get, path = "/coercive-measures/{id}", tag = "inspections", params(("id" = i32, Path, description = "The measure's id")),
    responses((status = 200, description = "The measure", body = app::api::coercive_dto::CoerciveMeasureView)))]
pub(super) async fn get_measure(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        coercive::get(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// A step: `report` (an emergency measure, by its officers), `approve`, `extend` (once, 1–30
/// days with reasons), `release` (with its reason) by the head; `start_testing` and
/// `end_testing` (the time does not count against the limit).
#[utoipa::path(post, path = "/coercive-measures/{id}/steps", tag = "inspections", params(("id" = i32, Path, description = "The measure's id")),
    request_body = CoerciveStepForm,
    responses((status = 200, description = "Taken", body = app::api::coercive_dto::CoerciveMeasureView)))]
pub(super) async fn step_measure(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<CoerciveStepForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        coercive::step(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail_named(c.lang, STEP_NAMES))?,
    ))
}
