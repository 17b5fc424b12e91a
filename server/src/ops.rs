//! What operations need from a running server (issue 21 item 8): `/healthz` answers while the
//! process runs; `/readyz` only when it can serve (the database answers, its migrations are
//! current, the search index is built), for load balancers; `/metrics` in the Prometheus text
//! format: requests and their latency by route, the audit log's head, the write queue, the
//! connection pool, the search index.
//!
//! `/metrics` tells how busy the agency is: it is served to loopback callers, or to a caller
//! presenting `TIANPING_METRICS_TOKEN` as a bearer token.

use std::{
    collections::HashMap,
    fmt::Write as _,
    sync::{Mutex, OnceLock},
    time::Duration,
};

use app::ssr::AppState;
use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Routes tracked at most: beyond them, requests count under `other` (an attacker asking for
/// made-up paths cannot grow the table).
const MAX_ROUTES: usize = 256;

#[derive(Default, Clone, Copy)]
struct RouteFigures {
    requests: u64,
    errors: u64,
    seconds: f64,
}

fn table() -> &'static Mutex<HashMap<(String, u16), RouteFigures>> {
    static TABLE: OnceLock<Mutex<HashMap<(String, u16), RouteFigures>>> = OnceLock::new();
    TABLE.get_or_init(Mutex::default)
}

/// The route a path counts under: at most three segments, numbers and long tokens replaced by
/// `{id}` (so `/api/v1/cases/12/steps` counts as `/api/v1/cases`; `v1` stays).
pub fn route_of(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()).take(3) {
        out.push('/');
        let digits = segment.bytes().filter(u8::is_ascii_digit).count();
        let id_like =
            digits == segment.len() || (digits > 0 && segment.len() >= 8) || segment.len() > 24;
        out.push_str(if id_like { "{id}" } else { segment });
    }
    if out.is_empty() { "/".to_owned() } else { out }
}

/// Counts one answered request.
pub fn record(path: &str, status: StatusCode, elapsed: Duration) {
    let route = route_of(path);
    let class = status.as_u16() / 100 * 100;
    let mut t = table()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let key = if t.len() >= MAX_ROUTES && !t.contains_key(&(route.clone(), class)) {
        ("other".to_owned(), class)
    } else {
        (route, class)
    };
    let f = t.entry(key).or_default();
    f.requests += 1;
    f.errors += u64::from(status.is_server_error());
    f.seconds += elapsed.as_secs_f64();
}

/// `/readyz`: 200 when the server can serve, 503 naming what is not ready.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let db = state
        .db
        .conn
        .execute_unprepared("SELECT 1")
        .await
        .map(|_| ())
        .map_err(|e| e.to_string());
    let pending = state
        .db
        .pending_migrations()
        .await
        .map_err(|e| e.to_string());
    let decisions = state.search.read().len();
    let ready = db.is_ok() && pending.as_ref().is_ok_and(|n| *n == 0);
    let body = serde_json::json!({
        "ready": ready,
        "database": db.err().unwrap_or_else(|| "ok".into()),
        "pending_migrations": pending.unwrap_or(usize::MAX),
        "search_index_decisions": decisions,
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

/// Whether a caller may read the metrics.
fn may_read(peer: Option<std::net::SocketAddr>, headers: &HeaderMap) -> bool {
    match std::env::var("TIANPING_METRICS_TOKEN")
        .ok()
        .filter(|t| !t.is_empty())
    {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| {
                use sha2::Digest;
                // Compared as digests: no timing difference on the token's characters.
                sha2::Sha256::digest(given.trim().as_bytes())
                    == sha2::Sha256::digest(token.as_bytes())
            }),
        None => peer.is_none_or(|p| p.ip().is_loopback()),
    }
}

/// `/metrics`, in the Prometheus text format.
pub async fn metrics(
    State(state): State<AppState>,
    ext: axum::http::Extensions,
    headers: HeaderMap,
) -> Response {
    let peer = ext.get::<ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    if !may_read(peer, &headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut out = String::new();
    let rows: Vec<((String, u16), RouteFigures)> = {
        let t = table()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut rows: Vec<_> = t.iter().map(|(k, v)| (k.clone(), *v)).collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    };
    out.push_str("# HELP tianping_http_requests_total Requests answered, by route and status class.\n# TYPE tianping_http_requests_total counter\n");
    for ((route, class), f) in &rows {
        let _ = writeln!(
            out,
            "tianping_http_requests_total{{route=\"{route}\",status=\"{class}\"}} {}",
            f.requests
        );
    }
    out.push_str("# HELP tianping_http_request_seconds_sum Time spent answering, by route and status class.\n# TYPE tianping_http_request_seconds_sum counter\n");
    for ((route, class), f) in &rows {
        let _ = writeln!(
            out,
            "tianping_http_request_seconds_sum{{route=\"{route}\",status=\"{class}\"}} {:.6}",
            f.seconds
        );
    }
    out.push_str("# HELP tianping_http_server_errors_total Answers 5xx.\n# TYPE tianping_http_server_errors_total counter\n");
    let _ = writeln!(
        out,
        "tianping_http_server_errors_total {}",
        rows.iter().map(|r| r.1.errors).sum::<u64>()
    );
    let head = state
        .db
        .conn
        .query_one_raw(Statement::from_string(
            state.db.backend(),
            "SELECT seq, tree_size FROM audit_head WHERE id = 1".to_owned(),
        ))
        .await
        .ok()
        .flatten();
    if let Some(row) = head {
        let seq: i64 = row.try_get("", "seq").unwrap_or(0);
        let size: i64 = row.try_get("", "tree_size").unwrap_or(0);
        let _ = writeln!(
            out,
            "# HELP tianping_audit_head_seq Sequence number of the last audit event.\n# TYPE tianping_audit_head_seq gauge\ntianping_audit_head_seq {seq}"
        );
        let _ = writeln!(
            out,
            "# HELP tianping_audit_tree_size Events in the audit Merkle tree.\n# TYPE tianping_audit_tree_size gauge\ntianping_audit_tree_size {size}"
        );
    }
    let _ = writeln!(
        out,
        "# HELP tianping_audit_appends_head_moved_total Appends that found the head moved by another writer.\n# TYPE tianping_audit_appends_head_moved_total counter\ntianping_audit_appends_head_moved_total {}",
        state.db.appends_that_found_the_head_moved()
    );
    let _ = writeln!(
        out,
        "# HELP tianping_write_queue Units of work waiting for the write guard (SQLite).\n# TYPE tianping_write_queue gauge\ntianping_write_queue {}",
        state.db.writers_waiting()
    );
    let _ = writeln!(
        out,
        "# HELP tianping_write_flushes_total Shared flushes that made committed writes durable.\n# TYPE tianping_write_flushes_total counter\ntianping_write_flushes_total {}",
        state.db.flushes()
    );
    let (size, idle) = match state.db.backend() {
        DbBackend::Sqlite => {
            let p = state.db.conn.get_sqlite_connection_pool();
            (p.size(), p.num_idle())
        }
        _ => {
            let p = state.db.conn.get_postgres_connection_pool();
            (p.size(), p.num_idle())
        }
    };
    let _ = writeln!(
        out,
        "# HELP tianping_db_pool_connections Database connections, by state.\n# TYPE tianping_db_pool_connections gauge\ntianping_db_pool_connections{{state=\"idle\"}} {idle}\ntianping_db_pool_connections{{state=\"busy\"}} {}",
        (size as usize).saturating_sub(idle)
    );
    let _ = writeln!(
        out,
        "# HELP tianping_search_index_decisions Decisions in the public search index.\n# TYPE tianping_search_index_decisions gauge\ntianping_search_index_decisions {}",
        state.search.read().len()
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::route_of;

    #[test]
    fn routes_are_few_and_carry_no_ids() {
        assert_eq!(route_of("/api/v1/cases/12/steps"), "/api/v1/cases");
        assert_eq!(route_of("/api/v1/cases"), "/api/v1/cases");
        assert_eq!(route_of("/portal/decisions/7"), "/portal/decisions/{id}");
        assert_eq!(route_of("/work/cases/123456789"), "/work/cases/{id}");
        assert_eq!(route_of("/"), "/");
        assert_eq!(
            route_of("/api/v1/public/complaints/TS20261201-ABCDEFGHJKMNPQRS"),
            "/api/v1/public"
        );
        assert_eq!(route_of("/pkg/tianping-4f2a9c1e.wasm"), "/pkg/{id}");
    }
}
