//! Inspections of enterprises (issue 23): the agency's list, proposals and steps, and the
//! public check at the door, the enterprise's records by its supervision code and its rating.

use app::api::inspection_dto::{
    DrawForm, InspectionStepForm, ProposeInspectionForm, RateInspectionForm,
};
use app::ssr::AppState;
use app::ssr::services::inspections::{self, draws, public};
use axum::http::{Extensions, HeaderMap};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde::Deserialize;
use tianping_domain::validate::Field;
use utoipa::IntoParams;

use super::{
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query, ReqLang},
};

/// A proposal's fields as the body names them.
const PROPOSE_NAMES: &[(Field, &str)] = &[
    (Field::InspectionItem, "item_id"),
    (Field::Enterprise, "enterprise"),
    (Field::InspectionKind, "kind"),
    (Field::DateFrom, "window_from"),
    (Field::DateTo, "window_to"),
    (Field::Officers, "officer_ids"),
    (Field::InspectionCode, "joint_group"),
];

/// A step's fields as the body names them.
const STEP_NAMES: &[(Field, &str)] = &[
    (Field::Step, "step"),
    (Field::SupervisionCode, "supervision_code"),
    (Field::Findings, "findings"),
    (Field::Outcome, "outcome"),
    (Field::Reason, "note"),
];

/// A rating's fields as the body names them.
const RATE_NAMES: &[(Field, &str)] = &[
    (Field::SupervisionCode, "supervision_code"),
    (Field::InspectionCode, "inspection_code"),
    (Field::Rating, "rating"),
    (Field::Comment, "comment"),
];

/// The inspections the caller may read (their agency; supervisors their region), newest
/// first.
#[utoipa::path(get, path = "/inspections", tag = "inspections",
    responses((status = 200, description = "The inspections", body = Vec<app::api::inspection_dto::InspectionView>)))]
pub(super) async fn list_inspections(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        inspections::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Proposes an inspection for the head's approval (行政检查审批表): an item of the agency's
/// list, the enterprise, the kind, the window and at least two officers.
#[utoipa::path(post, path = "/inspections", tag = "inspections", request_body = ProposeInspectionForm,
    responses((status = 201, description = "Proposed", body = app::api::inspection_dto::InspectionView)))]
pub(super) async fn propose_inspection(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<ProposeInspectionForm>,
) -> ApiResult<impl IntoResponse> {
    let view = inspections::propose(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, PROPOSE_NAMES))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// One inspection.
#[utoipa::path(get, path = "/inspections/{id}", tag = "inspections", params(("id" = i32, Path, description = "The inspection's id")),
    responses((status = 200, description = "The inspection", body = app::api::inspection_dto::InspectionView)))]
pub(super) async fn get_inspection(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        inspections::get(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// A step of the inspection: `approve` (the head), `register` (at the door, with the
/// enterprise's supervision code: refused with every reason that applies), `record`,
/// `notify` (a `penalty` outcome opens a clue), `close`.
#[utoipa::path(post, path = "/inspections/{id}/steps", tag = "inspections", params(("id" = i32, Path, description = "The inspection's id")),
    request_body = InspectionStepForm,
    responses((status = 200, description = "Taken", body = app::api::inspection_dto::InspectionView)))]
pub(super) async fn step_inspection(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<InspectionStepForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        inspections::step(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail_named(c.lang, STEP_NAMES))?,
    ))
}

/// `?year=` of the figures.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct FiguresYear {
    /// The year, `YYYY` (empty: this year).
    #[serde(default)]
    #[param(pattern = "^([0-9]{4})?$")]
    year: String,
}

/// The year's figures of inspections and coercive measures per agency the caller may read:
/// visits, joint share, enterprises over their cap, warned visits; seal-ups and seizures in
/// force, past their limit, released and their mean duration.
#[utoipa::path(get, path = "/inspection-statistics", tag = "inspections", params(FiguresYear),
    responses((status = 200, description = "One row per agency", body = Vec<app::api::inspection_dto::EnforcementActsRow>)))]
pub(super) async fn inspection_statistics(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<FiguresYear>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        inspections::figures::figures(&state, &c.session.actor, &q.year)
            .await
            .map_err(fail_named(c.lang, &[(Field::Year, "year")]))?,
    ))
}

/// `?code=` of a public lookup.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CodeParam {
    /// The code as scanned or typed.
    #[serde(default)]
    code: String,
}

/// Checks an inspection code at the door: `genuine`, and if so the agency, item, approved
/// window and officers with their certificates' standing. Nothing private.
#[utoipa::path(get, path = "/public/inspections/verify", tag = "inspections", params(CodeParam),
    responses((status = 200, description = "The check", body = app::api::inspection_dto::InspectionCheck)))]
pub(super) async fn verify_inspection(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<CodeParam>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(public::check(&state, &q.code, lang).await.map_err(
        fail_named(lang, &[(Field::InspectionCode, "code")]),
    )?))
}

/// The enterprise's inspection records by its supervision code (行政执法监督码).
#[utoipa::path(get, path = "/public/enterprises", tag = "inspections", params(CodeParam),
    responses(
        (status = 200, description = "The records", body = app::api::inspection_dto::EnterpriseRecord),
        (status = 404, description = "No enterprise holds this code (`not_found`)", body = super::error::ErrorEnvelope),
    ))]
pub(super) async fn enterprise_record(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<CodeParam>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        public::enterprise_record(&state, &q.code, lang)
            .await
            .map_err(fail_named(lang, &[(Field::SupervisionCode, "code")]))?,
    ))
}

/// The enterprise rates an inspection it was told the result of (once; 1–5).
#[utoipa::path(post, path = "/public/inspections/ratings", tag = "inspections", request_body = RateInspectionForm,
    responses(
        (status = 200, description = "Rated: the enterprise's records", body = app::api::inspection_dto::EnterpriseRecord),
        (status = 404, description = "No such enterprise, or no such inspection of it (`not_found`)", body = super::error::ErrorEnvelope),
        (status = 409, description = "Not yet told its result, or already rated (`refused`)", body = super::error::ErrorEnvelope),
    ))]
pub(super) async fn rate_inspection(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    extensions: Extensions,
    headers: HeaderMap,
    Body(b): Body<RateInspectionForm>,
) -> ApiResult<impl IntoResponse> {
    let client = app::ssr::client::client_id(&state, &extensions, &headers);
    Ok(Json(
        public::rate(&state, &b, &client, lang)
            .await
            .map_err(fail_named(lang, RATE_NAMES))?,
    ))
}

/// A draw's fields as the body names them.
const DRAW_NAMES: &[(Field, &str)] = &[
    (Field::InspectionItem, "item_id"),
    (Field::Enterprise, "enterprises"),
    (Field::Officers, "officers"),
];

/// The random draws (双随机) of the agencies whose inspections the caller may read, newest
/// first.
#[utoipa::path(get, path = "/inspection-draws", tag = "inspections",
    responses((status = 200, description = "The draws", body = Vec<app::api::inspection_dto::DrawView>)))]
pub(super) async fn list_draws(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        draws::list(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Draws enterprises of the agency's region and officers certified today for an item on the
/// agency's published list (the agency's head). The commitment to the seed is logged in the
/// audit log and committed before the draw is made; the draw is published with its seed.
#[utoipa::path(post, path = "/inspection-draws", tag = "inspections", request_body = DrawForm,
    responses((status = 201, description = "Drawn and published", body = app::api::inspection_dto::DrawView)))]
pub(super) async fn run_draw(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<DrawForm>,
) -> ApiResult<impl IntoResponse> {
    let view = draws::run(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, DRAW_NAMES))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// A published draw (一公开): the seed, its commitment's audit event, the candidates and the
/// result, and whether the server's re-run gives the same result. Anyone can re-run it:
/// rank each candidate by SHA-256(seed ‖ 0x00 ‖ identifier) and take the first.
#[utoipa::path(get, path = "/public/draws/{id}", tag = "inspections", params(("id" = i32, Path, description = "The draw's id")),
    responses((status = 200, description = "The draw", body = app::api::inspection_dto::DrawView)))]
pub(super) async fn published_draw(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        draws::published(&state, id).await.map_err(fail(lang))?,
    ))
}
