//! What every operation of the description shares, applied once to the generated document:
//! the security of the routes behind the [`Caller`](super::extract::Caller) extractor and the
//! error answers each kind of operation can give, all in the envelope of [`super::error`].
//!
//! Invariants: an operation is public exactly when its path starts with `/api/v1/public/`, or
//! it is the sign-in or this description (the same rule the handlers follow: only those take no
//! `Caller`); every status an operation can answer is listed, so a client (or the fuzzer) never
//! meets an undocumented one.

use utoipa::{
    Modify, OpenApi,
    openapi::{
        self, Components, ContentBuilder, HttpMethod, RefOr, Response, ResponseBuilder,
        security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        },
    },
};

use super::error::ErrorEnvelope;

/// The document before the routes are added: title, tags, the error envelope.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tianping (天平) API",
        description = "The JSON API of the administrative law-enforcement supervision platform. \
            Sign in with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer`. \
            Every refusal answers the error envelope in the caller's language.",
    ),
    components(schemas(ErrorEnvelope)),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Sign-in and the caller"),
        (name = "org", description = "Agencies, users, credentials (admins)"),
        (name = "audit", description = "The audit log and the public transparency log"),
        (name = "cases", description = "Clues and penalty cases"),
        (name = "remedies", description = "Administrative reconsideration and litigation of a decision"),
        (name = "documents", description = "Official documents and their public verification"),
        (name = "reviews", description = "Legal review of major decisions"),
        (name = "supervision", description = "Warnings, matters, statistics and complaints"),
        (name = "publicity", description = "Publication of decisions and the public portal"),
        (name = "inspections", description = "Administrative inspections of enterprises, code-registered entry"),
        (name = "meta", description = "This description"),
    )
)]
struct Base;

/// The document the router starts from.
pub fn base() -> openapi::OpenApi {
    Base::openapi()
}

struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Components::new);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("tianping_session"))),
        );
    }
}

/// Whether a path (with its `/api/v1` prefix) is open to anyone.
pub fn is_public(path: &str) -> bool {
    path.starts_with("/api/v1/public/")
        || path == "/api/v1/auth/login"
        || path == "/api/v1/openapi.json"
}

/// Operations answering `429` (`too_many_attempts`, with `Retry-After`): the sign-in throttle,
/// the public's rate-limited submissions and its lookups by secret number.
const RATE_LIMITED: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/public/complaints",
    "/api/v1/public/decisions/{id}/requests",
    "/api/v1/public/documents/verify",
    "/api/v1/public/complaints/{no}",
    "/api/v1/public/requests/{no}",
    "/api/v1/public/inspections/verify",
    "/api/v1/public/enterprises",
    "/api/v1/public/inspections/ratings",
];

fn error(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(RefOr::Ref(openapi::Ref::from_schema_name(
                        "ErrorEnvelope",
                    ))))
                    .build(),
            )
            .build(),
    )
}

/// Adds the shared security and error answers to every operation.
pub fn conventions(doc: &mut openapi::OpenApi) {
    let authenticated = vec![
        SecurityRequirement::new("bearer", Vec::<String>::new()),
        SecurityRequirement::new("cookie", Vec::<String>::new()),
    ];
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = is_public(path);
        let has_params = path.contains('{');
        for (method, op) in [
            (HttpMethod::Get, item.get.as_mut()),
            (HttpMethod::Post, item.post.as_mut()),
            (HttpMethod::Put, item.put.as_mut()),
        ] {
            let Some(op) = op else { continue };
            let writes = method != HttpMethod::Get;
            let answers = &mut op.responses.responses;
            let mut add = |status: &str, description: &str| {
                answers
                    .entry(status.to_owned())
                    .or_insert_with(|| error(description));
            };
            let has_query = op.parameters.as_ref().is_some_and(|ps| !ps.is_empty());
            if has_params || has_query {
                add(
                    "400",
                    "A path or query parameter does not parse (`bad_request`)",
                );
            }
            if !public {
                add("401", "No valid session (`unauthenticated`)");
                add(
                    "403",
                    "The caller's role may not do this (`forbidden`), or the caller must first change the password an administrator set (`password_change_required`)",
                );
                add(
                    "404",
                    "Not found, or not visible to the caller (`not_found`)",
                );
                op.security = Some(authenticated.clone());
            } else if has_params {
                add("404", "Not found (`not_found`)");
            }
            if writes || has_query {
                add(
                    "422",
                    "Bad input, naming each field and rule (`invalid_input`)",
                );
            }
            // A public write about a record (a request about a decision) is refused too when
            // the record no longer takes it (a withdrawn decision).
            if writes && (!public || has_params) {
                add(
                    "409",
                    "The record is not in a state that allows this (`refused`)",
                );
            }
            if writes {
                add(
                    "507",
                    "The server's storage is full: nothing was saved; retry later (`storage_full`)",
                );
            }
            if RATE_LIMITED.contains(&path.as_str()) {
                add(
                    "429",
                    "Too many attempts; `Retry-After` says when to try again (`too_many_attempts`)",
                );
            }
        }
    }
}
