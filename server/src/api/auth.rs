//! Sign-in, sign-out, the caller and their password.

use app::ssr::AppState;
use app::ssr::{auth, services::org};
use axum::{
    Json,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    error::{ApiResult, fail},
    extract::{Body, Caller, ReqLang},
};

#[derive(Deserialize)]
pub(super) struct LoginBody {
    username: String,
    password: String,
}

pub(super) async fn login(
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

pub(super) async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    auth::logout(&state, &caller.session)
        .await
        .map_err(fail(caller.lang))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::clear_cookie()) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

pub(super) async fn me(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        org::me(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
pub(super) struct PasswordBody {
    current_password: String,
    new_password: String,
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<PasswordBody>,
) -> ApiResult<StatusCode> {
    auth::change_password(&state, &c.session, &b.current_password, &b.new_password)
        .await
        .map_err(fail(c.lang))?;
    Ok(StatusCode::NO_CONTENT)
}
