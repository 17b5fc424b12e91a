//! The JSON API under `/api/v1/`. Machine clients send `Authorization: Bearer <token>` from
//! `POST /api/v1/auth/login`; browsers send the same token in the session cookie. Public
//! endpoints live under `/api/v1/public/`. Errors are
//! `{"error": {"code", "message", "fields": [{"field", "rule", "message"}]}}` with a matching
//! status; the language follows the `lang` cookie or `Accept-Language`.

use app::{
    api::{
        AppError,
        case_dto::{CaseFilter, NewCaseForm, StaffingForm, StepForm, SummaryForm},
        ctx::lang_of,
        dto::{NewAgency, NewCredential, NewUser},
        review_dto::{CatalogForm, ReviewForm},
    },
    ssr::{
        AppState,
        auth::{self, AuthSession},
        services::{audit_log, cases, clues, org, reviews, supervision},
        transparency,
    },
};
use axum::{
    Json, Router,
    extract::{
        DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State,
        rejection::JsonRejection,
    },
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
    routing::{get, post, put},
};
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::json;
use tianping_domain::{
    i18n::Lang,
    validate::{Field, Rule, ValidationError},
};

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The API routes (nested under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/me", get(me))
        .route("/me/password", post(change_password))
        .route("/agencies", get(list_agencies).post(create_agency))
        .route("/agencies/{id}", get(get_agency))
        .route("/users", get(list_users).post(create_user))
        .route("/users/{id}", get(get_user))
        .route("/users/{id}/credentials", post(add_credential))
        .route("/users/{id}/active", put(set_user_active))
        .route("/users/{id}/assignments", post(assign_reviewer))
        .route("/audit/verify", get(verify_audit))
        .route("/clues", get(list_clues).post(receive_clue))
        .route("/public/agencies", get(public_agencies))
        .route("/public/audit/checkpoints", get(public_checkpoints))
        .route(
            "/public/audit/checkpoints/latest",
            get(public_latest_checkpoint),
        )
        .route("/public/audit/keys", get(public_audit_keys))
        .route("/public/audit/proof/inclusion", get(public_inclusion_proof))
        .route(
            "/public/audit/proof/consistency",
            get(public_consistency_proof),
        )
        .route("/cases", get(list_cases).post(register_case))
        .route("/cases/summary", post(decide_on_the_spot))
        .route("/cases/{id}", get(get_case))
        .route("/cases/{id}/steps", post(take_step))
        .route("/cases/{id}/parties", post(add_party))
        .route("/cases/{id}/staffing", post(change_staffing))
        .route(
            "/cases/{id}/evidence",
            post(crate::evidence::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/evidence/{id}/file", get(crate::evidence::download))
        .route(
            "/cases/{id}/documents/{doc}/preview",
            get(crate::documents::preview),
        )
        .route(
            "/cases/{id}/documents/{doc}/issue",
            post(crate::documents::issue),
        )
        .route("/documents/{id}/file", get(crate::documents::download))
        .route(
            "/public/documents/verify",
            get(crate::documents::verify_code)
                .post(crate::documents::verify_file)
                .layer(DefaultBodyLimit::max(crate::documents::MAX_VERIFY_BYTES)),
        )
        .route(
            "/public/documents/verify-form",
            post(crate::documents::verify_form)
                .layer(DefaultBodyLimit::max(crate::documents::MAX_VERIFY_BYTES)),
        )
        .route("/reviews", get(review_queue))
        .route("/reviews/figures", get(review_figures))
        .route("/supervision/warnings", get(list_warnings))
        .route(
            "/supervision/warnings/acknowledge",
            post(acknowledge_warning),
        )
        .route("/supervision/matters", get(list_matters).post(open_matter))
        .route("/supervision/matters/{id}/steps", post(step_matter))
        .route("/reviews/{id}", get(get_review))
        .route("/reviews/{id}/decision", post(decide_review))
        .route(
            "/review-catalogs",
            get(list_review_catalogs).post(publish_review_catalog),
        )
}

/// An API error response.
pub struct ApiError(pub AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let fields = match &e {
            AppError::Invalid(fields) => serde_json::to_value(fields).unwrap_or_default(),
            _ => json!([]),
        };
        let mut response =
            (status, Json(json!({ "error": { "code": e.code(), "message": e.to_string(), "fields": fields } })))
                .into_response();
        if let AppError::TooManyAttempts {
            retry_after_secs, ..
        } = e
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// The request's language.
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(lang_of(&parts.headers)))
    }
}

/// The authenticated caller; rejects with 401 otherwise.
pub struct Caller {
    /// The session.
    pub session: AuthSession,
    /// The language.
    pub lang: Lang,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.headers);
        let token = auth::token_from_headers(&parts.headers)
            .ok_or_else(|| ApiError(AppError::unauthenticated(lang)))?;
        let session = auth::authenticate(state, &token)
            .await
            .map_err(|e| ApiError(AppError::from_service(e, lang)))?;
        Ok(Caller { session, lang })
    }
}

/// A JSON body whose parse errors become a clear, localised 422 naming the body.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(req.headers());
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(rejection) => Err(ApiError(body_error(&rejection, lang))),
        }
    }
}

fn body_error(rejection: &JsonRejection, lang: Lang) -> AppError {
    let base = ValidationError::new(Field::Body, Rule::Malformed).message(lang);
    let detail = match rejection {
        JsonRejection::MissingJsonContentType(_) => lang
            .pick("须为 application/json", "must be application/json")
            .to_owned(),
        JsonRejection::BytesRejection(_) => lang
            .pick(
                "过大或无法读取（上限 64 KiB）",
                "is too large or unreadable (limit 64 KiB)",
            )
            .to_owned(),
        other => other.body_text(),
    };
    AppError::Invalid(vec![app::api::error::FieldError {
        field: Field::Body,
        rule: Rule::Malformed,
        message: format!("{base}: {detail}"),
    }])
}

pub(crate) fn fail(lang: Lang) -> impl Fn(app::ssr::ServiceError) -> ApiError {
    move |e| ApiError(AppError::from_service(e, lang))
}

#[derive(Deserialize)]
struct LoginBody {
    username: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Body(body): Body<LoginBody>,
) -> ApiResult<Response> {
    let outcome = auth::login(&state, &body.username, &body.password, auth::Channel::Api)
        .await
        .map_err(fail(lang))?;
    let max_age = (outcome.expires_at - state.clock.now()).num_seconds();
    let cookie = auth::session_cookie(&outcome.token, max_age, state.settings.secure_cookie);
    let mut response = Json(json!({
        "token": outcome.token,
        "token_type": "Bearer",
        "expires_at": outcome.expires_at.to_rfc3339(),
        "user_id": outcome.actor.user_id,
        "role": outcome.actor.role,
    }))
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    auth::logout(&state, &caller.session)
        .await
        .map_err(fail(caller.lang))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::clear_cookie()) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

async fn me(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::me(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct PasswordBody {
    current_password: String,
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<PasswordBody>,
) -> ApiResult<StatusCode> {
    auth::change_password(&state, &c.session, &b.current_password, &b.new_password)
        .await
        .map_err(fail(c.lang))?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_agencies(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::list_agencies(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn get_agency(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::get_agency(&state, &c.session.actor, id)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn create_agency(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<NewAgency>,
) -> ApiResult<impl IntoResponse> {
    let created = org::create_agency(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn list_users(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::list_users(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn get_user(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::get_user(&state, &c.session.actor, id)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn create_user(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<NewUser>,
) -> ApiResult<impl IntoResponse> {
    let created = org::create_user(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn add_credential(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<NewCredential>,
) -> ApiResult<impl IntoResponse> {
    let updated = org::add_credential(&state, &c.session.actor, id, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(updated)))
}

#[derive(Deserialize)]
struct ActiveBody {
    active: bool,
}

async fn set_user_active(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ActiveBody>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::set_user_active(&state, &c.session.actor, id, b.active)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct AssignmentBody {
    agency_code: String,
}

async fn assign_reviewer(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<AssignmentBody>,
) -> ApiResult<impl IntoResponse> {
    let updated = org::add_reviewer_assignment(&state, &c.session.actor, id, &b.agency_code)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(updated)))
}

async fn verify_audit(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        audit_log::verify(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn receive_clue(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<tianping_domain::clue::RawClue>,
) -> ApiResult<Response> {
    let receipt = clues::receive(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    let status = if receipt.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(receipt)).into_response())
}

async fn list_clues(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        clues::list(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn public_agencies(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::public_agencies(&state, lang)
            .await
            .map_err(fail(lang))?,
    ))
}

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}

async fn list_cases(
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

async fn register_case(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<NewCaseForm>,
) -> ApiResult<impl IntoResponse> {
    let created = cases::register(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn decide_on_the_spot(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<SummaryForm>,
) -> ApiResult<impl IntoResponse> {
    let created = cases::summary(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn get_case(
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

#[derive(Deserialize)]
struct CheckpointPage {
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

async fn public_checkpoints(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(page): Query<CheckpointPage>,
) -> ApiResult<impl IntoResponse> {
    let list = transparency::checkpoints(&state, page.before, page.limit.unwrap_or(100))
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(30), Json(list)))
}

async fn public_latest_checkpoint(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    let latest = transparency::latest(&state.db.conn)
        .await
        .map_err(fail(lang))?
        .ok_or_else(|| fail(lang)(app::ssr::ServiceError::NotFound))?;
    Ok((public_cache(30), Json(latest)))
}

async fn public_audit_keys(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    let keys = transparency::keys(&state.db.conn)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(300), Json(keys)))
}

#[derive(Deserialize)]
struct InclusionQuery {
    seq: Option<i64>,
    /// An issued document's SHA-256 instead of `seq`: the proof of its issue event.
    sha256: Option<String>,
    size: Option<u64>,
}

async fn public_inclusion_proof(
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
            return Err(ApiError(AppError::invalid(
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
struct ConsistencyQuery {
    from: u64,
    to: u64,
}

async fn public_consistency_proof(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<ConsistencyQuery>,
) -> ApiResult<impl IntoResponse> {
    let proof = transparency::consistency(&state, q.from, q.to)
        .await
        .map_err(fail(lang))?;
    Ok((public_cache(3600), Json(proof)))
}

async fn review_queue(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::queue(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// `?kind=&page=&per_page=` of the warnings list (raw: the service validates them).
#[derive(Deserialize)]
struct WarningParams {
    kind: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

async fn list_warnings(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<WarningParams>,
) -> ApiResult<impl IntoResponse> {
    let query = supervision::WarningQuery::parse(
        q.kind.as_deref(),
        q.page.as_deref(),
        q.per_page.as_deref(),
    )
    .map_err(fail(c.lang))?;
    Ok(Json(
        supervision::warnings(&state, &c.session.actor, c.lang, &query)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct AckBody {
    case_id: i32,
    key: String,
    #[serde(default)]
    comment: String,
}

async fn acknowledge_warning(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<AckBody>,
) -> ApiResult<impl IntoResponse> {
    supervision::acknowledge(&state, &c.session.actor, b.case_id, &b.key, &b.comment)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(json!({"acknowledged": true})))
}

async fn list_matters(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::matters(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct MatterBody {
    case_id: i32,
    #[serde(default)]
    requirement: String,
    #[serde(default)]
    due: String,
}

async fn open_matter(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<MatterBody>,
) -> ApiResult<impl IntoResponse> {
    let id = supervision::open_matter(&state, &c.session.actor, b.case_id, &b.requirement, &b.due)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(json!({"matter_id": id}))))
}

#[derive(Deserialize)]
struct MatterStepBody {
    step: String,
    #[serde(default)]
    text: String,
}

async fn step_matter(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<MatterStepBody>,
) -> ApiResult<impl IntoResponse> {
    use tianping_domain::supervision::matter::MatterStep;
    let step = match b.step.as_str() {
        "answer" => MatterStep::Answer { response: b.text },
        "close" => MatterStep::Close { conclusion: b.text },
        "reopen" => MatterStep::Reopen {
            requirement: b.text,
        },
        _ => {
            return Err(ApiError(AppError::invalid(
                &[ValidationError::new(Field::Step, Rule::OneOf)],
                c.lang,
            )));
        }
    };
    supervision::step_matter(&state, &c.session.actor, id, &step)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(json!({"ok": true})))
}

async fn review_figures(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::figures(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn get_review(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::page(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn decide_review(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<ReviewForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::decide(&state, &c.session.actor, id, &b)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn list_review_catalogs(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        reviews::catalogs(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

async fn publish_review_catalog(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<CatalogForm>,
) -> ApiResult<impl IntoResponse> {
    let id = reviews::publish_catalog(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

async fn take_step(
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

async fn add_party(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<tianping_domain::party::RawParty>,
) -> ApiResult<impl IntoResponse> {
    let party_id = cases::add_party(&state, &c.session.actor, id, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(json!({ "id": party_id }))))
}

async fn change_staffing(
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
