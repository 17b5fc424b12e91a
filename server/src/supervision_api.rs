//! JSON and CSV endpoints of supervision statistics, complaints and officer profiles, and the
//! portal's public complaint endpoints. Thin: each calls one service.

use std::net::SocketAddr;

use app::{
    api::AppError,
    ssr::{
        AppState,
        services::{
            complaints,
            statistics::{self, StatsQuery},
        },
    },
};
use axum::{
    Json, Router,
    extract::{ConnectInfo, Path, Query, State},
    http::{Extensions, StatusCode, header},
    response::IntoResponse,
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;
use tianping_domain::{
    supervision::complaint::{ComplaintInput, ComplaintStep},
    validate::{Field, Rule, ValidationError},
};

use crate::rest::{ApiError, ApiResult, Body, Caller, ReqLang, fail};

/// The routes (nested under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/supervision/statistics", get(statistics_json))
        .route("/supervision/statistics.csv", get(statistics_csv))
        .route("/supervision/complaints", get(list_complaints))
        .route("/supervision/complaints/{id}/steps", post(step_complaint))
        .route("/supervision/officers/{id}", get(officer_profile))
        .route("/public/complaints", post(submit_complaint))
        .route("/public/complaints/{no}", get(complaint_status))
}

async fn statistics_json(
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

async fn statistics_csv(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<StatsQuery>,
) -> ApiResult<impl IntoResponse> {
    let report = statistics::statistics(&state, &c.session.actor, &q, c.lang)
        .await
        .map_err(fail(c.lang))?;
    let name = format!(
        "tianping-statistics-{}-{}-{}.csv",
        report.dimension, report.from, report.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        statistics::statistics_csv(&report, c.lang),
    ))
}

async fn list_complaints(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        complaints::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct ComplaintStepBody {
    step: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    agency_id: Option<i32>,
}

async fn step_complaint(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ComplaintStepBody>,
) -> ApiResult<impl IntoResponse> {
    let invalid = |field, rule| {
        ApiError(AppError::invalid(
            &[ValidationError::new(field, rule)],
            c.lang,
        ))
    };
    let step = match b.step.as_str() {
        "assign" => ComplaintStep::Assign {
            agency_id: b
                .agency_id
                .ok_or_else(|| invalid(Field::Agency, Rule::Required))?,
        },
        "handle" => ComplaintStep::Handle { note: b.text },
        "reply" => ComplaintStep::Reply { reply: b.text },
        _ => return Err(invalid(Field::Step, Rule::OneOf)),
    };
    complaints::step(&state, &c.session.actor, id, &step)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(json!({"ok": true})))
}

async fn officer_profile(
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

async fn submit_complaint(
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
        .map_err(fail(lang))?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

async fn complaint_status(
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
