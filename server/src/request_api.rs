//! JSON endpoints of the public's requests about a published decision (更正、信用修复提前移出):
//! filing and the status by tracking number (public), the agency's queue and its decisions.
//! Thin: each calls one service.

use std::net::SocketAddr;

use app::{
    api::AppError,
    ssr::{AppState, services::publication_requests},
};
use axum::{
    Json, Router,
    extract::{ConnectInfo, Path, State},
    http::{Extensions, StatusCode},
    response::IntoResponse,
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;
use tianping_domain::{
    publicity::request::{RequestInput, RequestStep},
    validate::{Field, Rule, ValidationError},
};

use crate::rest::{ApiError, ApiResult, Body, Caller, ReqLang, fail};

/// The routes (nested under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/public/decisions/{id}/requests", post(submit))
        .route("/public/requests/{no}", get(status))
        .route("/publication-requests", get(list))
        .route("/publication-requests/{id}/steps", post(step))
}

async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ext: Extensions,
    Path(id): Path<i32>,
    Body(input): Body<RequestInput>,
) -> ApiResult<impl IntoResponse> {
    let client = ext
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    let receipt = publication_requests::submit(&state, id, &input, &client, lang)
        .await
        .map_err(fail(lang))?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

async fn status(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(no): Path<String>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        publication_requests::public_status(&state, &no, lang)
            .await
            .map_err(fail(lang))?,
    ))
}

async fn list(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        publication_requests::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct StepBody {
    step: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    public_note: String,
}

async fn step(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<StepBody>,
) -> ApiResult<impl IntoResponse> {
    let step = match b.step.as_str() {
        "accept" => RequestStep::Accept {
            answer: b.answer,
            public_note: b.public_note,
        },
        "reject" => RequestStep::Reject { answer: b.answer },
        _ => {
            return Err(ApiError(AppError::invalid(
                &[ValidationError::new(Field::Step, Rule::OneOf)],
                c.lang,
            )));
        }
    };
    publication_requests::step(&state, &c.session.actor, id, &step, c.lang)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(json!({"ok": true})))
}
