//! The JSON API under `/api/v1/`, wired in [`router`]. Machine clients send
//! `Authorization: Bearer <token>` from `POST /api/v1/auth/login`; browsers send the same token
//! in the session cookie. Public endpoints live under `/api/v1/public/`. Every refusal is the
//! envelope of [`error`]; the language follows the `lang` cookie or `Accept-Language`.
//!
//! A handler extracts its context ([`extract`]), calls one service and maps the result; the
//! step bodies are the wire types the server functions use too (`app::api::*_dto`), converted
//! into the domain's commands with `TryFrom`. One module per area; the feeds (CSV, Atom,
//! sitemap) in [`feeds`].

pub mod audit;
pub mod auth;
pub mod cases;
pub mod clues;
pub mod documents;
pub mod error;
pub mod evidence;
pub mod extract;
pub mod feeds;
pub mod org;
pub mod publicity;
pub mod requests;
pub mod reviews;
pub mod supervision;

use app::ssr::AppState;
use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::header,
    response::IntoResponse,
    routing::{get, post, put},
};

/// Largest accepted request body (JSON), unless a route sets its own.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every route of the API (nested under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        // Sign-in and the caller.
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/me/password", post(auth::change_password))
        // Organisation.
        .route(
            "/agencies",
            get(org::list_agencies).post(org::create_agency),
        )
        .route("/agencies/{id}", get(org::get_agency))
        .route("/users", get(org::list_users).post(org::create_user))
        .route("/users/{id}", get(org::get_user))
        .route("/users/{id}/credentials", post(org::add_credential))
        .route("/users/{id}/active", put(org::set_user_active))
        .route("/users/{id}/assignments", post(org::assign_reviewer))
        .route("/public/agencies", get(org::public_agencies))
        // Audit and the transparency log.
        .route("/audit/verify", get(audit::verify_audit))
        .route("/public/audit/checkpoints", get(audit::public_checkpoints))
        .route(
            "/public/audit/checkpoints/latest",
            get(audit::public_latest_checkpoint),
        )
        .route("/public/audit/keys", get(audit::public_audit_keys))
        .route(
            "/public/audit/proof/inclusion",
            get(audit::public_inclusion_proof),
        )
        .route(
            "/public/audit/proof/consistency",
            get(audit::public_consistency_proof),
        )
        // Clues and cases.
        .route("/clues", get(clues::list_clues).post(clues::receive_clue))
        .route("/cases", get(cases::list_cases).post(cases::register_case))
        .route("/cases/summary", post(cases::decide_on_the_spot))
        .route("/cases/{id}", get(cases::get_case))
        .route("/cases/{id}/steps", post(cases::take_step))
        .route("/cases/{id}/parties", post(cases::add_party))
        .route("/cases/{id}/staffing", post(cases::change_staffing))
        .route(
            "/cases/{id}/evidence",
            post(evidence::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/evidence/{id}/file", get(evidence::download))
        // Documents.
        .route(
            "/cases/{id}/documents/{doc}/preview",
            get(documents::preview),
        )
        .route("/cases/{id}/documents/{doc}/issue", post(documents::issue))
        .route("/documents/{id}/file", get(documents::download))
        .route(
            "/public/documents/verify",
            get(documents::verify_code)
                .post(documents::verify_file)
                .layer(DefaultBodyLimit::max(documents::MAX_VERIFY_BYTES)),
        )
        .route(
            "/public/documents/verify-form",
            post(documents::verify_form).layer(DefaultBodyLimit::max(documents::MAX_VERIFY_BYTES)),
        )
        // Legal review.
        .route("/reviews", get(reviews::review_queue))
        .route("/reviews/figures", get(reviews::review_figures))
        .route("/reviews/{id}", get(reviews::get_review))
        .route("/reviews/{id}/decision", post(reviews::decide_review))
        .route(
            "/review-catalogs",
            get(reviews::list_review_catalogs).post(reviews::publish_review_catalog),
        )
        // Supervision.
        .route("/supervision/warnings", get(supervision::list_warnings))
        .route(
            "/supervision/warnings/acknowledge",
            post(supervision::acknowledge_warning),
        )
        .route(
            "/supervision/matters",
            get(supervision::list_matters).post(supervision::open_matter),
        )
        .route(
            "/supervision/matters/{id}/steps",
            post(supervision::step_matter),
        )
        .route("/supervision/statistics", get(supervision::statistics_json))
        .route("/supervision/statistics.csv", get(feeds::statistics_csv))
        .route("/supervision/complaints", get(supervision::list_complaints))
        .route(
            "/supervision/complaints/{id}/steps",
            post(supervision::step_complaint),
        )
        .route(
            "/supervision/officers/{id}",
            get(supervision::officer_profile),
        )
        .route("/public/complaints", post(supervision::submit_complaint))
        .route(
            "/public/complaints/{no}",
            get(supervision::complaint_status),
        )
        // Publication and the portal.
        .route("/public/decisions", get(publicity::search))
        .route("/public/decisions.csv", get(feeds::csv))
        .route("/public/feed.atom", get(feeds::atom))
        .route("/public/annual", get(publicity::annual_json))
        .route("/public/annual.csv", get(feeds::annual_csv))
        .route("/public/decisions/{id}", get(publicity::detail))
        .route("/public/decisions/{id}/document.pdf", get(publicity::pdf))
        .route("/publications", get(publicity::queue))
        .route("/publications/{id}/steps", post(publicity::step))
        // The public's requests about a published decision.
        .route("/public/decisions/{id}/requests", post(requests::submit))
        .route("/public/requests/{no}", get(requests::status))
        .route("/publication-requests", get(requests::list))
        .route("/publication-requests/{id}/steps", post(requests::step))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// `GET /api/v1/openapi.json`: the API's description.
async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../openapi.json"),
    )
}
