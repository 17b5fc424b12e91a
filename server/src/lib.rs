//! The `tianping` server: state construction and the router. The pages, the server functions
//! and the few routes outside the API are wired in [`build_router`]; every `/api/v1` route in
//! [`api::router`].

pub mod api;
pub mod config;

use std::sync::Arc;

use app::{
    ssr::{
        AppState,
        auth::{self, JwtKeys},
        clock::{Clock, FixedClock, SystemClock},
        db::Db,
        state::Settings,
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

/// Connects, migrates and assembles the state.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)?;
    let db = Db::connect(&config.database_url, config.db_schema.as_deref()).await?;
    db.migrate().await?;
    // The public search index is in memory: built now, kept current from here on.
    app::ssr::search_index::start(&db).await?;
    let jwt = JwtKeys::load_or_create(&config.data_dir, config.jwt_secret.as_deref())?;
    let clock: Arc<dyn Clock> = match config.fake_now {
        Some(at) => Arc::new(FixedClock::new(at)),
        None => Arc::new(SystemClock),
    };
    let mut settings = Settings::new(config.data_dir.clone());
    settings.secure_cookie = config.secure_cookie;
    settings.max_upload_bytes = config.max_upload_bytes;
    settings.calendar = Arc::new(config.calendar.clone());
    settings.log_origin = config.log_origin.clone();
    settings.public_url = config.public_url.clone();
    settings.complaint_rate = config.complaint_rate;
    if let Some(dir) = &config.font_dir {
        settings.font_dir = dir.clone();
    }
    let leptos_options = LeptosOptions::builder()
        .output_name("tianping")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    Ok(AppState {
        db,
        jwt: Arc::new(jwt),
        clock,
        settings: Arc::new(settings),
        leptos_options,
    })
}

/// Every route of the server.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let provide = move || provide_context(context_state.clone());
    let shell_options = state.leptos_options.clone();
    Router::new()
        .nest("/api/v1", api::router())
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
