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
        .route("/public/decisions.csv", get(csv))
        .route("/public/feed.atom", get(atom))
        .route("/public/annual", get(annual_json))
        .route("/public/annual.csv", get(annual_csv))
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

/// A JSON answer with a strong ETag (SHA-256 of the body); `If-None-Match` with it gets 304.
fn with_etag(headers: &axum::http::HeaderMap, body: Vec<u8>) -> Response {
    use sha2::{Digest, Sha256};
    let tag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut r = if fresh {
        axum::http::StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&tag) {
        r.headers_mut().insert(header::ETAG, v);
    }
    public_headers(r)
}

async fn search(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    headers: axum::http::HeaderMap,
    Query(q): Query<SearchInput>,
) -> ApiResult<Response> {
    let page = publications::search(&state, &q, lang)
        .await
        .map_err(fail(lang))?;
    let body =
        serde_json::to_vec(&page).map_err(|e| ApiError(AppError::Internal(e.to_string())))?;
    Ok(with_etag(&headers, body))
}

/// Rows per chunk of the CSV download.
const CSV_CHUNK: u64 = 1_000;

fn csv_rows(items: &[app::api::publicity_dto::PublicDecision]) -> String {
    use tianping_domain::supervision::figures::csv_line;
    let mut out = String::new();
    for d in items {
        let cells = [
            d.number.clone(),
            d.title.clone(),
            d.agency.clone(),
            d.party.clone(),
            d.party_kind.clone(),
            d.provision.clone(),
            d.fine.clone().unwrap_or_default(),
            d.decided_on.to_string(),
            d.published_on.map(|p| p.to_string()).unwrap_or_default(),
            format!("/portal/decisions/{}", d.id),
        ];
        out.push_str(&csv_line(cells.iter().map(String::as_str)));
    }
    out
}

/// `GET /api/v1/public/decisions.csv`: every matching decision (same filters as the search, no
/// paging), streamed a thousand rows at a time, UTF-8 with a byte-order mark so spreadsheet
/// programs read the Chinese text.
async fn csv(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<SearchInput>,
) -> ApiResult<Response> {
    use futures_util::StreamExt as _;
    use tianping_domain::supervision::figures::csv_line;
    // The first chunk is read before answering, so bad filters are a 422, not a broken file.
    let first = publications::export_chunk(&state, &q, 0, CSV_CHUNK, lang)
        .await
        .map_err(fail(lang))?;
    let mut head = String::from("\u{feff}");
    head.push_str(&csv_line([
        lang.pick("决定书文号", "Decision number"),
        lang.pick("案由", "Title"),
        lang.pick("执法机关", "Agency"),
        lang.pick("当事人", "Party"),
        lang.pick("当事人类型", "Party type"),
        lang.pick("违法依据", "Provision"),
        lang.pick("罚款", "Fine"),
        lang.pick("决定日期", "Decided on"),
        lang.pick("公开日期", "Published on"),
        lang.pick("页面", "Page"),
    ]));
    head.push_str(&csv_rows(&first));
    let last = first.last().map(|d| d.id);
    let more = first.len() as u64 == CSV_CHUNK;
    let head =
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(head.into_bytes()) });
    let rest = futures_util::stream::unfold(
        (state, q, last, more),
        move |(state, q, after, more)| async move {
            let after = after?;
            if !more {
                return None;
            }
            match publications::export_chunk(&state, &q, after, CSV_CHUNK, lang).await {
                Ok(items) if items.is_empty() => None,
                Ok(items) => {
                    let next = items.last().map(|d| d.id);
                    let more = items.len() as u64 == CSV_CHUNK;
                    Some((Ok(csv_rows(&items).into_bytes()), (state, q, next, more)))
                }
                Err(e) => Some((
                    Err(std::io::Error::other(e.to_string())),
                    (state, q, None, false),
                )),
            }
        },
    );
    let body = axum::body::Body::from_stream(head.chain(rest));
    let r = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"tianping-decisions.csv\"",
            ),
        ],
        body,
    )
        .into_response();
    Ok(public_headers(r))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `GET /api/v1/public/feed.atom`: the newest published decisions as an Atom feed.
async fn atom(State(state): State<AppState>, ReqLang(lang): ReqLang) -> ApiResult<Response> {
    let page = publications::search(&state, &SearchInput::default(), lang)
        .await
        .map_err(fail(lang))?;
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    let updated = page
        .items
        .iter()
        .filter_map(|d| d.published_on)
        .max()
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <id>{base}/portal/decisions</id>\n  <link rel=\"alternate\" href=\"{base}/portal/decisions\"/>\n  <link rel=\"self\" href=\"{base}/api/v1/public/feed.atom\"/>\n  <updated>{updated}T00:00:00+08:00</updated>\n",
        xml_escape(lang.pick("行政处罚决定公示", "Published penalty decisions"))
    );
    for d in &page.items {
        let day = d.published_on.unwrap_or(d.decided_on);
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{base}/portal/decisions/{}</id>\n    <link href=\"{base}/portal/decisions/{}\"/>\n    <updated>{day}T00:00:00+08:00</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&format!("{} {}", d.number, d.title)),
            d.id,
            d.id,
            xml_escape(&d.agency),
            xml_escape(&format!("{} {}", d.party, d.fine.clone().unwrap_or_default())),
        ));
    }
    xml.push_str("</feed>\n");
    let r = (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response();
    Ok(public_headers(r))
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

#[derive(Debug, Deserialize)]
struct YearQuery {
    #[serde(default)]
    year: String,
}

/// The annual enforcement data of a year, as JSON (public, CORS).
async fn annual_json(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<YearQuery>,
) -> ApiResult<Response> {
    let report = app::ssr::services::annual::report(&state, &q.year, lang)
        .await
        .map_err(fail(lang))?;
    Ok(public_headers(Json(report).into_response()))
}

/// The same figures as CSV (UTF-8 with BOM, so Excel reads the Chinese text).
async fn annual_csv(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<YearQuery>,
) -> ApiResult<Response> {
    let report = app::ssr::services::annual::report(&state, &q.year, lang)
        .await
        .map_err(fail(lang))?;
    let body = app::ssr::services::annual::csv(&report, lang);
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"annual-{}.csv\"",
        report.year
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(public_headers(r))
}
