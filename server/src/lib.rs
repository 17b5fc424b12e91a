//! The `tianping` server: state construction and the router. The pages, the server functions
//! and the few routes outside the API are wired in [`build_router`]; every `/api/v1` route in
//! [`api::router`].

pub mod api;
pub mod config;

use std::sync::Arc;

use app::{
    ssr::{
        AppState, auth,
        clock::{Clock, FixedClock, SystemClock},
        db::Db,
    },
    ui::{App, shell},
};
use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};

use config::Config;

/// Connects and assembles the state ([`AppState::builder`]: migrations, derived data, search
/// index, token keys).
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.settings.data_dir)?;
    let db = Db::connect(&config.database_url, config.db_schema.as_deref()).await?;
    let clock: Arc<dyn Clock> = match config.fake_now {
        Some(at) => Arc::new(FixedClock::new(at)),
        None => Arc::new(SystemClock),
    };
    let leptos_options = LeptosOptions::builder()
        .output_name("tianping")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    Ok(AppState::builder(db, config.settings.clone())
        .clock(clock)
        .leptos_options(leptos_options)
        .build()
        .await?)
}

/// Every route of the server.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let provide = move || provide_context(context_state.clone());
    let shell_options = state.leptos_options.clone();
    Router::new()
        .merge(api::router())
        .route("/auth/logout", post(form_logout))
        .route("/lang/{lang}", get(switch_language))
        .route("/healthz", get(|| async { "ok" }))
        .route("/sitemap.xml", get(api::feeds::sitemap))
        .leptos_routes_with_context(&state, routes, provide.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide, shell))
        .with_state(state)
}

/// Signs out from a plain HTML form and returns to the sign-in page.
async fn form_logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = auth::token_from_headers(&headers)
        && let Ok(session) = auth::authenticate(&state, &token).await
        && let Err(e) = auth::logout(&state, &session).await
    {
        tracing::error!("logout failed: {e}");
    }
    let mut response = Redirect::to("/login").into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(&auth::clear_cookie()) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Sets the `lang` cookie and goes back to the page (a local path only).
async fn switch_language(Path(lang): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let lang = tianping_domain::i18n::Lang::from_tag(&lang);
    let next = q
        .next
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    let mut response = Redirect::to(&next).into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    let cookie = format!(
        "lang={}; Path=/; SameSite=Lax; Max-Age=31536000",
        lang.tag()
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}
