//! The `tianping` server: state construction and the router. The pages, the server functions
//! and the few routes outside the API are wired in [`build_router`]; every `/api/v1` route in
//! [`api::router`].

pub mod api;
pub mod assets;
pub mod config;
pub mod edge;
pub mod listen;
pub mod ops;

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
    // The data directory holds personal data and keys: its owner only.
    std::fs::create_dir_all(&config.settings.data_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            &config.settings.data_dir,
            std::fs::Permissions::from_mode(0o700),
        )?;
    }
    match app::ssr::blobs::sweep_temporary(&config.settings.data_dir).await {
        Ok(0) => {}
        Ok(n) => tracing::info!("removed {n} files interrupted uploads left behind"),
        Err(e) => tracing::warn!("could not clean the upload folder: {e}"),
    }
    let db = Db::connect(&config.database_url, config.db_schema.as_deref()).await?;
    // SQLite creates its journal files with the database file's mode.
    #[cfg(unix)]
    if let Some(file) = db.sqlite_file() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
    }
    let clock: Arc<dyn Clock> = match config.fake_now {
        Some(at) => Arc::new(FixedClock::new(at)),
        None => Arc::new(SystemClock),
    };
    let leptos_options = LeptosOptions::builder()
        .output_name("tianping")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        // Content-hashed asset names when the build wrote them (`hash.txt` beside the binary);
        // the plain names otherwise.
        .hash_files(true)
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
    // Each page gets a content-security policy naming the nonce Leptos put on its scripts.
    let provide = move || {
        provide_context(context_state.clone());
        if let (Some(nonce), Some(options)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) && let Ok(policy) =
            HeaderValue::from_str(&edge::content_security_policy(Some(&nonce.to_string())))
        {
            options.insert_header(header::CONTENT_SECURITY_POLICY, policy);
        }
    };
    let shell_options = state.leptos_options.clone();
    let pkg = assets::pkg_router(&state.leptos_options.site_root);
    Router::new()
        .merge(api::router())
        .nest_service("/pkg", pkg)
        .route("/auth/logout", post(form_logout))
        .route("/lang/{lang}", get(switch_language))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/sitemap.xml", get(api::feeds::sitemap))
        .leptos_routes_with_context(&state, routes, provide.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide, shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            edge::layer,
        ))
        .layer(assets::compression())
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
    if let Ok(v) = HeaderValue::from_str(&auth::clear_cookie(state.settings.secure_cookie)) {
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
        .as_deref()
        .and_then(tianping_domain::security::safe_local_path)
        .unwrap_or("/");
    let mut response = Redirect::to(next).into_response();
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
