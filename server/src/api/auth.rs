//! Sign-in, sign-out, the caller and their password.

use super::{
    bodies::{Login, LoginBody, PasswordBody},
    error::{ApiResult, fail},
    extract::{Body, PendingCaller, ReqLang},
};
use app::ssr::AppState;
use app::ssr::{auth, services::org};
use axum::{
    Json,
    extract::State,
    http::{Extensions, HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// Signs in; the token is also set as the session cookie.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in", body = Login),
        (status = 401, description = "Wrong user name or password (`invalid_credentials`)", body = super::error::ErrorEnvelope),
        (status = 429, description = "Too many failures from this client or on this account, or too many sign-ins at once: retry after `Retry-After` seconds (`too_many_attempts`)", body = super::error::ErrorEnvelope),
    ))]
pub(super) async fn login(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ext: Extensions,
    headers: HeaderMap,
    Body(body): Body<LoginBody>,
) -> ApiResult<Response> {
    let client = app::ssr::client::client_id(&state, &ext, &headers);
    let outcome = auth::login(
        &state,
        &body.username,
        &body.password,
        auth::Channel::Api,
        &client,
    )
    .await
    .map_err(fail(lang))?;
    let max_age = (outcome.expires_at - state.clock.now()).num_seconds();
    let cookie = auth::session_cookie(&outcome.token, max_age, state.settings.secure_cookie);
    let mut response = Json(Login {
        token: outcome.token,
        token_type: "Bearer",
        expires_at: outcome.expires_at.to_rfc3339(),
        user_id: outcome.actor.user_id,
        role: outcome.actor.role,
    })
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// Revokes the session and clears the cookie.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out")))]
pub(super) async fn logout(
    State(state): State<AppState>,
    caller: PendingCaller,
) -> ApiResult<Response> {
    auth::logout(&state, &caller.session)
        .await
        .map_err(fail(caller.lang))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::clear_cookie(state.settings.secure_cookie)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// The caller.
#[utoipa::path(get, path = "/me", tag = "auth",
    responses((status = 200, description = "The caller", body = app::api::dto::Me)))]
pub(super) async fn me(
    State(state): State<AppState>,
    c: PendingCaller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::me(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Changes the caller's password (other sessions are revoked).
#[utoipa::path(post, path = "/me/password", tag = "auth", request_body = PasswordBody,
    responses((status = 204, description = "Changed")))]
pub(super) async fn change_password(
    State(state): State<AppState>,
    c: PendingCaller,
    Body(b): Body<PasswordBody>,
) -> ApiResult<StatusCode> {
    auth::change_password(&state, &c.session, &b.current_password, &b.new_password)
        .await
        .map_err(fail(c.lang))?;
    Ok(StatusCode::NO_CONTENT)
}
