//! Administrative reconsideration (行政复议) and litigation (行政诉讼) against a case's
//! decision: the list on a case, recording a challenge, recording its result. The same service
//! as the case page's server functions; the agency's officers and head record, whoever sees
//! the case reads.

use app::ssr::AppState;
use app::{
    api::case_dto::{RemediesView, RemedyFiling, RemedyRuling},
    ssr::services::remedies,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use tianping_domain::validate::Field;

use super::{
    bodies::{Created, Done},
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path},
};

/// A filing's and a ruling's fields as the body names them.
const REMEDY_NAMES: &[(Field, &str)] = &[
    (Field::RemedyKind, "kind"),
    (Field::RemedyBody, "body"),
    (Field::RemedyOutcome, "outcome"),
];

/// The reconsiderations and suits against the case's decision.
#[utoipa::path(get, path = "/cases/{id}/remedies", operation_id = "list_remedies", tag = "remedies",
    params(("id" = i32, Path, description = "The case's id")),
    responses((status = 200, description = "The challenges, oldest first", body = RemediesView)))]
pub(super) async fn list(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        remedies::of_case(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Records a reconsideration or suit against the decision (409 before a decision).
#[utoipa::path(post, path = "/cases/{id}/remedies", operation_id = "file_remedy", tag = "remedies",
    params(("id" = i32, Path, description = "The case's id")), request_body = RemedyFiling,
    responses((status = 201, description = "Recorded", body = Created)))]
pub(super) async fn file(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<RemedyFiling>,
) -> ApiResult<impl IntoResponse> {
    let id = remedies::file(&state, &c.session.actor, id, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, REMEDY_NAMES))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Records the result of a reconsideration or suit (withdrawing the published decision when
/// the result touches it).
#[utoipa::path(post, path = "/remedies/{id}/ruling", operation_id = "rule_remedy", tag = "remedies",
    params(("id" = i32, Path, description = "The challenge's id")), request_body = RemedyRuling,
    responses((status = 200, description = "Recorded", body = Done)))]
pub(super) async fn rule(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<RemedyRuling>,
) -> ApiResult<impl IntoResponse> {
    remedies::rule(&state, &c.session.actor, id, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, REMEDY_NAMES))?;
    Ok(Json(Done::new()))
}
