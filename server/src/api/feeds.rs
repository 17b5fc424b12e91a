//! Feeds and downloads: the decisions as CSV and Atom, the annual figures and the supervision
//! statistics as CSV, and `sitemap.xml`.

use app::ssr::AppState;
use app::ssr::services::{
    publications,
    statistics::{self, StatsQuery},
};
use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use tianping_domain::publicity::SearchInput;

use super::{
    error::{ApiResult, fail, fail_named},
    extract::{Caller, Query, ReqLang},
    publicity::{SEARCH_NAMES, YearQuery, public_headers},
};

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
#[utoipa::path(get, path = "/public/decisions.csv", operation_id = "decisions_csv", tag = "publicity", params(SearchInput),
    responses((status = 200, description = "The decisions as CSV (UTF-8 with BOM)", content_type = "text/csv", body = String)))]
pub(super) async fn csv(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Query(q): Query<SearchInput>,
) -> ApiResult<Response> {
    use futures_util::StreamExt as _;
    use tianping_domain::supervision::figures::csv_line;
    // The first chunk is read before answering, so bad filters are a 422, not a broken file.
    let first = publications::export_chunk(&state, &q, 0, CSV_CHUNK, lang)
        .await
        .map_err(fail_named(lang, SEARCH_NAMES))?;
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
    // Fused: a body may be polled once more after its end (the compression layer does), and an
    // unfolded stream panics when that happens.
    let body = axum::body::Body::from_stream(head.chain(rest).fuse());
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
#[utoipa::path(get, path = "/public/feed.atom", operation_id = "decisions_feed", tag = "publicity",
    responses((status = 200, description = "The newest decisions", content_type = "application/atom+xml", body = String)))]
pub(super) async fn atom(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<Response> {
    let page = publications::search(&state, &SearchInput::default(), lang)
        .await
        .map_err(fail(lang))?;
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    let updated = page
        .items
        .iter()
        .filter_map(|d| d.published_on)
        .max()
        .unwrap_or_else(|| state.clock.now().date_naive());
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

/// The same figures as CSV (UTF-8 with BOM, so Excel reads the Chinese text).
#[utoipa::path(get, path = "/public/annual.csv", tag = "publicity", params(YearQuery),
    responses((status = 200, description = "The figures as CSV (UTF-8 with BOM)", content_type = "text/csv", body = String)))]
pub(super) async fn annual_csv(
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

/// The statistics as CSV.
#[utoipa::path(get, path = "/supervision/statistics.csv", tag = "supervision", params(StatsQuery),
    responses((status = 200, description = "The figures as CSV", content_type = "text/csv", body = String)))]
pub(super) async fn statistics_csv(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<StatsQuery>,
) -> ApiResult<impl IntoResponse> {
    let report = statistics::statistics(&state, &c.session.actor, &q, c.lang)
        .await
        .map_err(fail(c.lang))?;
    let name = format!(
        "tianping-statistics-{}-{}-{}.csv",
        report.dimension, report.from, report.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        statistics::statistics_csv(&report, c.lang),
    ))
}
