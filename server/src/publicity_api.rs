//! The disclosure portal's decision endpoints: JSON search and detail, the public PDF, the
//! agency's publication steps, and `sitemap.xml`. Thin: each calls one service.

use app::{
    api::AppError,
    ssr::{
        AppState,
        services::{cases::documents, publications},
    },
};
use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;
use tianping_domain::{
    publicity::{PublicationStep, SearchInput},
    validate::{Field, Rule, ValidationError},
};

use crate::rest::{ApiError, ApiResult, Body, Caller, ReqLang, fail};

/// The API routes (nested under `/api/v1`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/public/decisions", get(search))
        .route("/public/decisions/{id}", get(detail))
        .route("/public/decisions/{id}/document.pdf", get(pdf))
        .route("/publications", get(queue))
        .route("/publications/{id}/steps", post(step))
}

fn public_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    r
}

async fn search(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<SearchInput>,
) -> ApiResult<Response> {
    let page = publications::search(&state, &q, lang)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(Json(page).into_response()))
}

async fn detail(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(id): Path<i32>,
) -> ApiResult<Response> {
    let d = publications::public_detail(&state, id, lang)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(Json(d).into_response()))
}

async fn pdf(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(id): Path<i32>,
) -> ApiResult<Response> {
    let file = documents::public_download(&state, id)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(crate::documents::pdf_response(file, false)))
}

async fn queue(State(state): State<AppState>, c: Caller) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        publications::queue(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

#[derive(Deserialize)]
struct StepBody {
    step: String,
    #[serde(default)]
    display_until: Option<chrono::NaiveDate>,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    reason: String,
}

async fn step(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<StepBody>,
) -> ApiResult<impl IntoResponse> {
    let step = match b.step.as_str() {
        "approve" => PublicationStep::Approve {
            display_until: b.display_until,
        },
        "withdraw" => PublicationStep::Withdraw {
            basis: publications::basis(&b.basis).map_err(fail(c.lang))?,
            reason: b.reason,
        },
        _ => {
            return Err(ApiError(AppError::invalid(
                &[ValidationError::new(Field::Step, Rule::OneOf)],
                c.lang,
            )));
        }
    };
    publications::step(&state, &c.session.actor, id, &step, c.lang)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(json!({"ok": true})))
}

/// `GET /sitemap.xml`: the portal's pages and every public decision.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in [
        "/",
        "/portal/decisions",
        "/portal/verify",
        "/portal/complaints",
        "/portal/audit",
    ] {
        xml.push_str(&format!("  <url><loc>{base}{path}</loc></url>\n"));
    }
    match publications::public_ids(&state).await {
        Ok(ids) => {
            for (id, day) in ids {
                xml.push_str(&format!(
                    "  <url><loc>{base}/portal/decisions/{id}</loc><lastmod>{day}</lastmod></url>\n"
                ));
            }
        }
        Err(e) => tracing::warn!("sitemap: {e}"),
    }
    xml.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response()
}
