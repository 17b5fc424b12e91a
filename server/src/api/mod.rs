//! The JSON API under `/api/v1/`, wired in [`router`]. Machine clients send
//! `Authorization: Bearer <token>` from `POST /api/v1/auth/login`; browsers send the same token
//! in the session cookie. Public endpoints live under `/api/v1/public/`. Every refusal is the
//! envelope of [`error`]; the language follows the `lang` cookie or `Accept-Language`.
//!
//! The description at `/api/v1/openapi.json` is generated from the same table that routes
//! ([`parts`]): each handler carries its `#[utoipa::path]` (parameters, body, answers), the
//! wire types derive their schemas, and [`doc::conventions`] adds what every operation shares
//! (security, the error answers). A route cannot exist without its description, nor the
//! reverse.
//!
//! A handler extracts its context ([`extract`]), calls one service and maps the result; the
//! step bodies are the wire types the server functions use too (`app::api::*_dto`), converted
//! into the domain's commands with `TryFrom`. One module per area; the feeds (CSV, Atom,
//! sitemap) in [`feeds`].

pub mod audit;
pub mod auth;
pub mod bodies;
pub mod cases;
pub mod clues;
pub mod coercive;
pub mod doc;
pub mod documents;
pub mod error;
pub mod evidence;
pub mod extract;
pub mod feeds;
pub mod inspections;
pub mod org;
pub mod publicity;
pub mod remedies;
pub mod requests;
pub mod reviews;
pub mod supervision;

use std::sync::LazyLock;

use app::ssr::AppState;
use axum::{Router, extract::DefaultBodyLimit, http::header, response::IntoResponse};
use utoipa::openapi::OpenApi;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

/// Largest accepted request body (JSON), unless a route sets its own.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every route of the API under `/api/v1`, with its generated description.
pub fn parts() -> (Router<AppState>, OpenApi) {
    let api = OpenApiRouter::with_openapi(doc::base())
        .routes(routes!(openapi))
        // Sign-in and the caller.
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::change_password))
        // Organisation.
        .routes(routes!(org::list_agencies, org::create_agency))
        .routes(routes!(org::get_agency))
        .routes(routes!(org::list_users, org::create_user))
        .routes(routes!(org::get_user))
        .routes(routes!(org::add_credential))
        .routes(routes!(org::set_user_active))
        .routes(routes!(org::issue_api_token))
        .routes(routes!(org::assign_reviewer))
        .routes(routes!(org::public_agencies))
        // Audit and the transparency log.
        .routes(routes!(audit::verify_audit))
        .routes(routes!(audit::public_checkpoints))
        .routes(routes!(audit::public_latest_checkpoint))
        .routes(routes!(audit::public_audit_keys))
        .routes(routes!(audit::public_inclusion_proof))
        .routes(routes!(audit::public_consistency_proof))
        // Clues and cases.
        .routes(routes!(clues::list_clues, clues::receive_clue))
        .routes(routes!(clues::return_clue))
        .routes(routes!(clues::assign_clue))
        .routes(routes!(clues::routing_rules))
        .routes(routes!(cases::list_cases, cases::register_case))
        .routes(routes!(cases::decide_on_the_spot))
        .routes(routes!(cases::get_case))
        .routes(routes!(cases::take_step))
        .routes(routes!(cases::add_party))
        .routes(routes!(cases::change_staffing))
        .routes(routes!(evidence::upload).layer(DefaultBodyLimit::disable()))
        .routes(routes!(evidence::download))
        // Reconsideration and litigation.
        .routes(routes!(remedies::list, remedies::file))
        .routes(routes!(remedies::rule))
        // Documents.
        .routes(routes!(documents::preview))
        .routes(routes!(documents::issue))
        .routes(routes!(documents::download))
        .routes(
            routes!(documents::verify_code, documents::verify_file)
                .layer(DefaultBodyLimit::max(documents::MAX_VERIFY_BYTES)),
        )
        .routes(
            routes!(documents::verify_form)
                .layer(DefaultBodyLimit::max(documents::MAX_VERIFY_BYTES)),
        )
        // Legal review.
        .routes(routes!(reviews::review_queue))
        .routes(routes!(reviews::review_figures))
        .routes(routes!(reviews::get_review))
        .routes(routes!(reviews::decide_review))
        .routes(routes!(
            reviews::list_review_catalogs,
            reviews::publish_review_catalog
        ))
        // Supervision.
        .routes(routes!(supervision::list_warnings))
        .routes(routes!(supervision::list_signals))
        .routes(routes!(
            supervision::list_interviews,
            supervision::record_interview
        ))
        .routes(routes!(supervision::follow_up_interview))
        .routes(routes!(
            supervision::list_notices,
            supervision::issue_notice
        ))
        .routes(routes!(supervision::get_notice))
        .routes(routes!(supervision::step_notice))
        .routes(routes!(supervision::notice_pdf))
        .routes(routes!(
            supervision::list_file_reviews,
            supervision::open_file_review
        ))
        .routes(routes!(supervision::get_file_review))
        .routes(routes!(supervision::score_review_file))
        .routes(routes!(supervision::object_review_file))
        .routes(routes!(
            supervision::list_circulars,
            supervision::issue_circular
        ))
        .routes(routes!(supervision::public_circulars))
        .routes(routes!(supervision::acknowledge_warning))
        .routes(routes!(supervision::list_matters, supervision::open_matter))
        .routes(routes!(supervision::step_matter))
        .routes(routes!(supervision::statistics_json))
        .routes(routes!(feeds::statistics_csv))
        .routes(routes!(supervision::list_complaints))
        .routes(routes!(supervision::step_complaint))
        .routes(routes!(supervision::officer_profile))
        .routes(routes!(supervision::submit_complaint))
        .routes(routes!(supervision::complaint_status))
        // Publication and the portal.
        .routes(routes!(publicity::search))
        .routes(routes!(feeds::csv))
        .routes(routes!(feeds::atom))
        .routes(routes!(publicity::annual_json))
        .routes(routes!(feeds::annual_csv))
        .routes(routes!(publicity::detail))
        .routes(routes!(publicity::pdf))
        .routes(routes!(publicity::queue))
        .routes(routes!(publicity::step))
        // Inspections of enterprises.
        .routes(routes!(
            inspections::list_inspections,
            inspections::propose_inspection
        ))
        .routes(routes!(inspections::get_inspection))
        .routes(routes!(inspections::step_inspection))
        .routes(routes!(inspections::verify_inspection))
        .routes(routes!(inspections::enterprise_record))
        .routes(routes!(inspections::rate_inspection))
        .routes(routes!(inspections::list_draws, inspections::run_draw))
        .routes(routes!(inspections::published_draw))
        .routes(routes!(inspections::inspection_statistics))
        // Coercive measures.
        .routes(routes!(coercive::list_measures, coercive::open_measure))
        .routes(routes!(coercive::get_measure))
        .routes(routes!(coercive::step_measure))
        // The public's requests about a published decision.
        .routes(routes!(requests::submit))
        .routes(routes!(requests::status))
        .routes(routes!(requests::list))
        .routes(routes!(requests::step))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    let (router, mut description) = OpenApiRouter::new().nest("/api/v1", api).split_for_parts();
    doc::conventions(&mut description);
    (router, description)
}

/// Every route of the API (its paths start with `/api/v1`).
pub fn router() -> Router<AppState> {
    parts().0
}

/// The API's description, generated from the routes.
pub fn openapi_doc() -> OpenApi {
    parts().1
}

/// The served description, serialised once.
static DESCRIPTION: LazyLock<Result<String, String>> =
    LazyLock::new(|| openapi_doc().to_json().map_err(|e| e.to_string()));

/// `GET /api/v1/openapi.json`: the API's description.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "This description (OpenAPI 3.1)", content_type = "application/json", body = Object)))]
async fn openapi() -> Result<impl IntoResponse, error::ApiError> {
    match DESCRIPTION.as_ref() {
        Ok(json) => Ok(([(header::CONTENT_TYPE, "application/json")], json.as_str())),
        Err(e) => Err(error::ApiError::from(app::api::AppError::Internal(
            e.clone(),
        ))),
    }
}
