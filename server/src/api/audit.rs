//! The audit log: the chain check (admins) and the public transparency log (checkpoints,
//! keys, inclusion and consistency proofs).

use app::ssr::{
    services::{audit_log, cases},
    transparency,
};
use app::{api::AppError, ssr::AppState};
use axum::{
    Json,
    extract::State,
    http::{HeaderValue, header},
    response::IntoResponse,
};
use serde::Deserialize;
use tianping_domain::validate::{Field, Rule, ValidationError};

use super::{
    error::{ApiError, ApiResult, fail},
    extract::{Caller, Query, ReqLang},
};

pub(super) async fn verify_audit(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        audit_log::verify(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The most checkpoints one page holds (`limit`, as the API description states).
const MAX_CHECKPOINTS: u64 = 500;

#[derive(Deserialize)]
pub(super) struct CheckpointPage {
    before: Option<i64>,
    limit: Option<u64>,
}

fn public_cache(max_age: u32) -> [(header::HeaderName, HeaderValue); 2] {
    [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_str(&format!("public, max-age={max_age}"))
                .unwrap_or(HeaderValue::from_static("no-cache")),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ),
    ]
}

pub(super) async fn public_checkpoints(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(page): Query<CheckpointPage>,
) -> ApiResult<impl IntoResponse> {
    let limit = page.limit.unwrap_or(100);
    if limit > MAX_CHECKPOINTS {
        return Err(ApiError::out_of_range("limit", 1, MAX_CHECKPOINTS, lang));
    }
    let list = transparency::checkpoints(&state, page.before, limit)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(30), Json(list)))
}

pub(super) async fn public_latest_checkpoint(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    let latest = transparency::latest(&state.db.conn)
        .await
        .map_err(fail(lang))?
        .ok_or_else(|| fail(lang)(app::ssr::ServiceError::NotFound))?;
    Ok((public_cache(30), Json(latest)))
}

pub(super) async fn public_audit_keys(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    let keys = transparency::keys(&state.db.conn)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(300), Json(keys)))
}

#[derive(Deserialize)]
pub(super) struct InclusionQuery {
    seq: Option<i64>,
    /// An issued document's SHA-256 instead of `seq`: the proof of its issue event.
    sha256: Option<String>,
    size: Option<u64>,
}

pub(super) async fn public_inclusion_proof(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<InclusionQuery>,
) -> ApiResult<impl IntoResponse> {
    let seq = match (q.seq, q.sha256.as_deref()) {
        (Some(seq), _) => seq,
        (None, Some(sha)) => cases::documents::issue_seq_of(&state, sha)
            .await
            .map_err(fail(lang))?,
        (None, None) => {
            return Err(ApiError::from(AppError::invalid(
                &[ValidationError::new(Field::Seq, Rule::Required)],
                lang,
            )));
        }
    };
    let proof = transparency::inclusion(&state, seq, q.size)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(300), Json(proof)))
}

#[derive(Deserialize)]
pub(super) struct ConsistencyQuery {
    from: u64,
    to: u64,
}

pub(super) async fn public_consistency_proof(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<ConsistencyQuery>,
) -> ApiResult<impl IntoResponse> {
    let proof = transparency::consistency(&state, q.from, q.to)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(3600), Json(proof)))
}
