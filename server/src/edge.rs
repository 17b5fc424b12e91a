//! The layer every request passes before its route: it refuses state-changing requests from
//! another site (CSRF: the `Origin` / `Sec-Fetch-Site` check of
//! [`tianping_domain::security::cross_site`]) and puts the security headers on every response
//! — frame and MIME-sniffing protection, the referrer policy, HSTS behind HTTPS, a
//! content-security policy (the pages' own, with a nonce, is set while rendering; see
//! [`content_security_policy`]) and `Cache-Control: no-store` on the API and on every response
//! to a signed-in request, so that no shared or browser cache keeps a page with ID numbers.
//! It also bounds how long a request may run ([`REQUEST_TIMEOUT`]; evidence uploads and
//! downloads, which stream large files, are bounded by their size instead).

use app::ssr::{AppState, auth};
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tianping_domain::{
    i18n::Lang,
    security::{changes_state, cross_site},
};

/// The policy for a page rendered with `nonce`; `None`: the policy of everything else (no
/// script runs from an API answer, a PDF or a file).
pub fn content_security_policy(nonce: Option<&str>) -> String {
    match nonce {
        Some(nonce) => format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'strict-dynamic' \
             'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        ),
        None => "default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'; \
                 frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
            .to_owned(),
    }
}

/// How long a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Whether a request streams a large file (no overall time limit).
fn streams_a_file(path: &str) -> bool {
    path.starts_with("/api/v1/")
        && (path.ends_with("/evidence")
            || (path.starts_with("/api/v1/evidence/") && path.ends_with("/file")))
}

/// The middleware (see the module documentation).
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let public_origin = origin_of(&state.settings.public_url);
    if changes_state(request.method().as_str())
        && cross_site(
            text(header::ORIGIN),
            headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
            text(header::HOST),
            public_origin.as_deref(),
        )
    {
        return refuse_cross_site(headers);
    }
    if is_lookup(request.uri().path(), request.uri().query())
        && let Err(retry_after) = state.lookup_limit.admit(
            &app::ssr::client::client_id(&state, request.extensions(), headers),
            state.clock.now(),
        )
    {
        return if is_page(request.uri().path()) {
            too_many_lookups_page(headers, retry_after)
        } else {
            too_many_lookups(headers, retry_after)
        };
    }
    // Static assets (the same for everyone) stay cacheable even when the cookie comes along.
    let path = request.uri().path();
    let asset = path.starts_with("/pkg/") || path == "/favicon.ico" || path == "/favicon.svg";
    let signed_in = !asset && auth::token_from_headers(headers).is_some();
    let api = path.starts_with("/api/");
    let https = state.settings.public_url.starts_with("https://");
    let bounded = !streams_a_file(request.uri().path());
    let started = std::time::Instant::now();
    let counted_path = (!asset).then(|| path.to_owned());
    let mut response = if bounded {
        match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
            Ok(response) => response,
            Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
        }
    } else {
        next.run(request).await
    };
    if let Some(path) = counted_path {
        crate::ops::record(&path, response.status(), started.elapsed());
    }
    let out = response.headers_mut();
    set(out, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(out, header::X_FRAME_OPTIONS, "DENY");
    set(out, header::REFERRER_POLICY, "same-origin");
    set(out, "cross-origin-opener-policy", "same-origin");
    if https {
        set(out, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    if !out.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(v) = HeaderValue::from_str(&content_security_policy(None))
    {
        out.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if signed_in || api {
        out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether a request looks something up by a secret number (a verification code, a tracking
/// number): the API's lookups, the server functions behind the portal's forms, and the portal
/// pages when they carry a number.
fn is_lookup(path: &str, query: Option<&str>) -> bool {
    use leptos::server_fn::ServerFn;
    let api = path.starts_with("/api/v1/public/documents/verify")
        || path.starts_with("/api/v1/public/complaints/")
        || path.starts_with("/api/v1/public/requests/")
        || path.starts_with("/api/v1/public/inspections/verify")
        || path.starts_with("/api/v1/public/enterprises");
    let server_fn = path == app::api::documents::CheckDocument::PATH
        || path == app::api::supervision::ComplaintStatus::PATH
        || path == app::api::publication_requests::PublicationRequestStatus::PATH
        || path == app::api::inspections::CheckInspection::PATH
        || path == app::api::inspections::EnterpriseRecords::PATH;
    let page = is_page(path) && query.is_some_and(|q| !q.is_empty());
    api || server_fn || page
}

/// The portal pages that look a number up (a person reads the answer, not a program).
fn is_page(path: &str) -> bool {
    matches!(
        path,
        "/portal/verify"
            | "/portal/complaints/status"
            | "/portal/requests/status"
            | "/portal/inspections/verify"
            | "/portal/enterprise"
    )
}

/// The refusal of a portal page past the lookup limit: a page a person can read, in their
/// language, saying how long to wait, with the way back (not the API's JSON).
fn too_many_lookups_page(headers: &HeaderMap, retry_after: i64) -> Response {
    let lang = app::api::ctx::lang_of(headers);
    let minutes = (retry_after + 59) / 60;
    let (tag, title, text, back) = match lang {
        Lang::Zh => (
            "zh-CN",
            "查询过于频繁",
            format!(
                "为防止他人猜测核验码和受理编号，每个网络地址的查询次数有限。请约 {minutes} 分钟后再试。"
            ),
            "返回公开门户",
        ),
        Lang::En => (
            "en",
            "Too many lookups",
            format!(
                "To stop anyone guessing codes and tracking numbers, each network address may look up only so many. Please try again in about {minutes} minutes."
            ),
            "Back to the portal",
        ),
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"{tag}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · 天平</title></head>\
         <body style=\"font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6\">\
         <main><h1>{title}</h1><p data-test=\"too-many-lookups\">{text}</p>\
         <p><a href=\"/portal\">{back}</a></p></main></body></html>"
    );
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::response::Html(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

fn too_many_lookups(headers: &HeaderMap, retry_after: i64) -> Response {
    let lang = app::api::ctx::lang_of(headers);
    let error = app::api::AppError::TooManyAttempts {
        retry_after_secs: retry_after,
        message: match lang {
            Lang::Zh => format!("查询过于频繁，请 {retry_after} 秒后再试。"),
            Lang::En => format!("Too many lookups; try again in {retry_after} s."),
        },
    };
    crate::api::error::ApiError::from(error).into_response()
}

fn set(headers: &mut HeaderMap, name: impl header::IntoHeaderName, value: &'static str) {
    headers.insert(name, HeaderValue::from_static(value));
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    Some(format!("{scheme}://{host}"))
}

fn refuse_cross_site(headers: &HeaderMap) -> Response {
    let lang = app::api::ctx::lang_of(headers);
    let message = match lang {
        Lang::Zh => "拒绝来自其他网站的请求：请在本平台页面内操作。",
        Lang::En => "Requests from another site are refused: act from this platform's own pages.",
    };
    let body = serde_json::json!({
        "error": { "code": "cross_site", "message": message, "fields": [] }
    });
    let mut response = (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_evidence_files_stream_without_a_time_limit() {
        assert!(streams_a_file("/api/v1/cases/7/evidence"));
        assert!(streams_a_file("/api/v1/evidence/3/file"));
        assert!(!streams_a_file("/api/v1/cases/7"));
        assert!(!streams_a_file("/api/v1/public/verify"));
        assert!(!streams_a_file("/cases/7/evidence"));
    }

    #[test]
    fn the_public_origin_is_scheme_and_host() {
        assert_eq!(
            origin_of("https://zf.example.gov.cn/portal").as_deref(),
            Some("https://zf.example.gov.cn")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("nonsense"), None);
    }

    #[test]
    fn a_page_policy_names_its_nonce_and_allows_no_inline_script_otherwise() {
        let page = content_security_policy(Some("abc123"));
        assert!(page.contains("'nonce-abc123'"));
        assert!(
            !page.contains("'unsafe-inline' 'wasm") && !page.contains("script-src 'unsafe-inline'")
        );
        assert!(page.contains("frame-ancestors 'none'"));
        let other = content_security_policy(None);
        assert!(other.starts_with("default-src 'none'"));
    }
}
