//! Signing in and out, the current user, and password changes.

use leptos::prelude::*;

use super::{AppError, dto::Me};

/// Signs in, stores the session in an HttpOnly, SameSite=Strict cookie and redirects to `next`
/// (a local path).
#[server]
pub async fn login(username: String, password: String, next: String) -> Result<(), AppError> {
    use super::ctx;
    use crate::ssr::auth;
    let (state, _, lang) = ctx::request()?;
    let client = crate::ssr::client::current_client(&state);
    let outcome = auth::login(
        &state,
        &username,
        &password,
        auth::Channel::Browser,
        &client,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))?;
    let max_age = (outcome.expires_at - state.clock.now()).num_seconds();
    let cookie = auth::session_cookie(&outcome.token, max_age, state.settings.secure_cookie);
    if let (Some(opts), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        opts.append_header(http::header::SET_COOKIE, value);
    }
    // Only local paths: never redirect off-site.
    leptos_axum::redirect(tianping_domain::security::safe_local_path(&next).unwrap_or("/work"));
    Ok(())
}

/// The signed-in user, or `None`.
#[server]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use super::ctx;
    use crate::ssr::services::org;
    let Some((state, session, lang)) = ctx::session_pending().await? else {
        return Ok(None);
    };
    org::me(&state, &session.actor)
        .await
        .map(Some)
        .map_err(|e| AppError::from_service(e, lang))
}

/// Changes the caller's password; all their sessions end, so they sign in again.
#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use super::ctx;
    use crate::ssr::auth;
    let (state, session, lang) = ctx::caller_pending().await?;
    auth::change_password(&state, &session, &current_password, &new_password)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
