//! Supervision: warnings and their acknowledgement, matters, statistics, officer profiles,
//! the complaints queue and the portal's public complaint endpoints.

use std::net::SocketAddr;

use app::api::supervision_dto::{ComplaintStepForm, MatterStepForm};
use app::ssr::AppState;
use app::ssr::services::{
    complaints,
    statistics::{self, StatsQuery},
    supervision,
};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use axum::{extract::ConnectInfo, http::Extensions};
use serde::Deserialize;
use serde_json::json;
use tianping_domain::supervision::{
    complaint::{ComplaintInput, ComplaintStep},
    matter::MatterStep,
};
use tianping_domain::validate::Field;

use super::{
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query, ReqLang},
};

/// A matter step's fields as the body names them (the domain's names differ).
const MATTER_STEP_NAMES: &[(Field, &str)] = &[
    (Field::Response, "text"),
    (Field::Conclusion, "text"),
    (Field::Requirement, "text"),
];

/// A complaint step's fields as the body names them.
const COMPLAINT_STEP_NAMES: &[(Field, &str)] = &[
    (Field::Agency, "agency_id"),
    (Field::HandlingNote, "text"),
    (Field::Reply, "text"),
];

/// A complaint's fields as the body names them.
const COMPLAINT_NAMES: &[(Field, &str)] = &[
    (Field::ComplaintKind, "kind"),
    (Field::ComplaintSubject, "subject"),
    (Field::ComplaintContent, "content"),
];

/// `?kind=&page=&per_page=` of the warnings list (raw: the service validates them).
#[derive(Deserialize)]
pub(super) struct WarningParams {
    kind: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

pub(super) async fn list_warnings(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<WarningParams>,
) -> ApiResult<impl IntoResponse> {
    let (kind, page) = (q.kind.as_deref(), q.page.as_deref());
    // The service names both numbers `page`: parsed without `per_page` first, so an error that
    // remains is `per_page`'s.
    supervision::WarningQuery::parse(kind, page, None)
        .map_err(fail_named(c.lang, &[(Field::WarningKind, "kind")]))?;
    let query = supervision::WarningQuery::parse(kind, page, q.per_page.as_deref())
        .map_err(fail_named(c.lang, &[(Field::Page, "per_page")]))?;
    Ok(Json(
        supervision::warnings(&state, &c.session.actor, c.lang, &query)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
pub(super) struct AckBody {
    case_id: i32,
    key: String,
    #[serde(default)]
    comment: String,
}

pub(super) async fn acknowledge_warning(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<AckBody>,
) -> ApiResult<impl IntoResponse> {
    supervision::acknowledge(&state, &c.session.actor, b.case_id, &b.key, &b.comment)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(json!({"acknowledged": true})))
}

pub(super) async fn list_matters(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::matters(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
pub(super) struct MatterBody {
    case_id: i32,
    #[serde(default)]
    requirement: String,
    #[serde(default)]
    due: String,
}

pub(super) async fn open_matter(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<MatterBody>,
) -> ApiResult<impl IntoResponse> {
    let id = supervision::open_matter(&state, &c.session.actor, b.case_id, &b.requirement, &b.due)
        .await
        .map_err(fail_named(c.lang, &[(Field::DueDate, "due")]))?;
    Ok((StatusCode::CREATED, Json(json!({"matter_id": id}))))
}

pub(super) async fn step_matter(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(form): Body<MatterStepForm>,
) -> ApiResult<impl IntoResponse> {
    let step = MatterStep::try_from(form).map_err(|e| fail(c.lang)(e.into()))?;
    supervision::step_matter(&state, &c.session.actor, id, &step)
        .await
        .map_err(fail_named(c.lang, MATTER_STEP_NAMES))?;
    Ok(Json(json!({"ok": true})))
}

pub(super) async fn statistics_json(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<StatsQuery>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        statistics::statistics(&state, &c.session.actor, &q, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn list_complaints(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        complaints::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn step_complaint(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(form): Body<ComplaintStepForm>,
) -> ApiResult<impl IntoResponse> {
    let step = ComplaintStep::try_from(form)
        .map_err(|e| fail_named(c.lang, COMPLAINT_STEP_NAMES)(e.into()))?;
    complaints::step(&state, &c.session.actor, id, &step)
        .await
        .map_err(fail_named(c.lang, COMPLAINT_STEP_NAMES))?;
    Ok(Json(json!({"ok": true})))
}

pub(super) async fn officer_profile(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        statistics::officer_profile(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

pub(super) async fn submit_complaint(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ext: Extensions,
    Body(input): Body<ComplaintInput>,
) -> ApiResult<impl IntoResponse> {
    let client = ext
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    let receipt = complaints::submit(&state, &input, &client)
        .await
        .map_err(fail_named(lang, COMPLAINT_NAMES))?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

pub(super) async fn complaint_status(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(no): Path<String>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        complaints::public_status(&state, &no, lang)
            .await
            .map_err(fail(lang))?,
    ))
}
