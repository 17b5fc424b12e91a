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
use utoipa::IntoParams;

use super::{
    error::{ApiError, ApiResult, fail},
    extract::{Caller, Query, ReqLang},
};

/// Re-hashes the whole audit chain and checks the Merkle tree (admins).
#[utoipa::path(get, path = "/audit/verify", tag = "audit",
    responses((status = 200, description = "The chain's state", body = app::api::dto::AuditStatus)))]
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

/// `?before=&limit=` of the checkpoint list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CheckpointPage {
    /// Only checkpoints of a smaller tree size.
    before: Option<i64>,
    /// How many (default 100).
    #[param(minimum = 1, maximum = 500)]
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

/// Signed checkpoints of the log, newest first.
#[utoipa::path(get, path = "/public/audit/checkpoints", tag = "audit", params(CheckpointPage),
    responses((status = 200, description = "The checkpoints", body = Vec<transparency::CheckpointView>)))]
pub(super) async fn public_checkpoints(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(page): Query<CheckpointPage>,
) -> ApiResult<impl IntoResponse> {
    let limit = page.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_CHECKPOINTS {
        return Err(ApiError::out_of_range("limit", 1, MAX_CHECKPOINTS, lang));
    }
    let list = transparency::checkpoints(&state, page.before, limit)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(30), Json(list)))
}

/// The latest signed checkpoint.
#[utoipa::path(get, path = "/public/audit/checkpoints/latest", tag = "audit",
    responses(
        (status = 200, description = "The checkpoint", body = transparency::CheckpointView),
        (status = 404, description = "None signed yet (`not_found`)", body = super::error::ErrorEnvelope),
    ))]
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

/// The checkpoint signing keys with their validity.
#[utoipa::path(get, path = "/public/audit/keys", tag = "audit",
    responses((status = 200, description = "The keys", body = Vec<tianping_domain::checkpoint::PublicKey>)))]
pub(super) async fn public_audit_keys(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    let keys = transparency::keys(&state.db.conn)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(300), Json(keys)))
}

/// `?seq=` or `?sha256=`, and `?size=` of an inclusion proof.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct InclusionQuery {
    /// The event's sequence number.
    #[param(minimum = 1)]
    seq: Option<i64>,
    /// An issued document's SHA-256 instead of `seq`: the proof of its issue event.
    #[param(pattern = "^[0-9a-f]{64}$")]
    sha256: Option<String>,
    /// The tree size (default: the latest).
    #[param(minimum = 1)]
    size: Option<u64>,
}

/// The proof that an event (by `seq`, or an issued document by its `sha256`) is in the tree.
#[utoipa::path(get, path = "/public/audit/proof/inclusion", tag = "audit", params(InclusionQuery),
    responses(
        (status = 200, description = "The proof", body = transparency::InclusionProof),
        (status = 404, description = "No such event or document (`not_found`)", body = super::error::ErrorEnvelope),
    ))]
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
    // Asked by the document's hash, the caller holds the document: its issue event (public
    // fields only) tells them nothing new.
    let holds_the_document = q.seq.is_none();
    let proof = transparency::inclusion(&state, seq, q.size, holds_the_document)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(300), Json(proof)))
}

/// `?from=&to=` of a consistency proof.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ConsistencyQuery {
    /// The older tree size.
    #[param(minimum = 1)]
    from: u64,
    /// The newer tree size.
    #[param(minimum = 1)]
    to: u64,
}

/// The proof that the tree of size `to` extends the tree of size `from`.
#[utoipa::path(get, path = "/public/audit/proof/consistency", tag = "audit", params(ConsistencyQuery),
    responses((status = 200, description = "The proof", body = transparency::ConsistencyProof)))]
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
