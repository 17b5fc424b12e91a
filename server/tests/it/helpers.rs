//! `TestApp`: a migrated, seeded database (SQLite temp file or a fresh PostgreSQL schema),
//! the router, and request helpers.

use std::sync::Arc;

use app::ssr::{
    AppState,
    clock::FixedClock,
    db::Db,
    seed,
    state::{Secret, Settings},
};
use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use tower::ServiceExt;

pub const PASSWORD: &str = "Test-Password-2026";
/// The tests' token signing secret.
pub const JWT_SECRET: &str = "0123456789abcdef0123456789abcdef-test";

pub enum Backend {
    /// Kept so the temporary directory lives as long as the app.
    Sqlite(tempfile::TempDir),
    Postgres {
        admin_url: String,
        schema: String,
    },
}

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub clock: Arc<FixedClock>,
    backend: Backend,
}

pub fn backend_name() -> String {
    std::env::var("TIANPING_TEST_BACKEND").unwrap_or_else(|_| "sqlite".into())
}

fn pg_url() -> String {
    std::env::var("TIANPING_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl TestApp {
    /// A migrated database with the demo data.
    pub async fn seeded() -> Self {
        Self::seeded_with(|_| {}).await
    }

    /// A migrated database with the demo organisation, with settings adjusted.
    pub async fn seeded_with(adjust: impl FnOnce(&mut Settings)) -> Self {
        let app = Self::empty_with(adjust).await;
        seed::seed_demo_with(&app.state, PASSWORD, false)
            .await
            .expect("seed");
        app
    }

    /// A migrated database with the whole demo: organisation, cases, documents, publications,
    /// complaints.
    pub async fn demo() -> Self {
        let app = Self::empty().await;
        seed::seed_demo(&app.state, PASSWORD).await.expect("demo");
        app
    }

    /// A migrated, empty database.
    pub async fn empty() -> Self {
        Self::empty_with(|_| {}).await
    }

    /// A migrated, empty database, with settings adjusted.
    pub async fn empty_with(adjust: impl FnOnce(&mut Settings)) -> Self {
        let (db, backend, data_dir) = if backend_name() == "postgres" {
            let admin_url = pg_url();
            let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = Db::connect(&admin_url, None)
                .await
                .expect("PostgreSQL reachable");
            admin
                .conn
                .execute_raw(Statement::from_string(
                    admin.backend(),
                    format!("CREATE SCHEMA {schema}"),
                ))
                .await
                .expect("create schema");
            let db = Db::connect(&admin_url, Some(&schema))
                .await
                .expect("connect to schema");
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().to_path_buf();
            drop(dir);
            (db, Backend::Postgres { admin_url, schema }, path)
        } else {
            let dir = tempfile::tempdir().expect("tempdir");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
            let db = Db::connect(&url, None).await.expect("sqlite");
            let path = dir.path().to_path_buf();
            (db, Backend::Sqlite(dir), path)
        };
        let clock = Arc::new(FixedClock::new(
            chrono::DateTime::parse_from_rfc3339("2026-11-26T02:00:00Z")
                .expect("instant")
                .with_timezone(&chrono::Utc),
        ));
        let mut settings = Settings::new(data_dir);
        settings.jwt_secret = Some(Secret::new(JWT_SECRET));
        // The suite looks up every code and number of the demo from one (unknown) client; the
        // lookup limit's own test sets it low.
        settings.lookup_rate.max = 1_000_000;
        // Tests move the clock by days with a session open; the idle limit's own test sets it.
        settings.session_idle = chrono::Duration::days(3650);
        adjust(&mut settings);
        let state = AppState::builder(db, settings)
            .clock(clock.clone())
            .build()
            .await
            .expect("state");
        let router = server::build_router(state.clone());
        TestApp {
            state,
            router,
            clock,
            backend,
        }
    }

    /// How another process reaches this app's database: (URL, PostgreSQL schema).
    pub fn database(&self) -> (String, Option<String>) {
        match &self.backend {
            Backend::Postgres { admin_url, schema } => (admin_url.clone(), Some(schema.clone())),
            Backend::Sqlite(dir) => (
                format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display()),
                None,
            ),
        }
    }

    /// The PostgreSQL URL and schema of this app's database, on PostgreSQL.
    pub fn pg(&self) -> Option<(String, String)> {
        match &self.backend {
            Backend::Postgres { admin_url, schema } => Some((admin_url.clone(), schema.clone())),
            Backend::Sqlite(_) => None,
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match body {
            Some(v) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.send(builder.body(body).expect("request")).await
    }

    pub async fn send(&self, req: Request<Body>) -> Response {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Response {
            status,
            headers,
            body,
            text,
        }
    }

    /// Calls a server function the way the browser does: a form-encoded POST with the session
    /// cookie.
    pub async fn server_fn(&self, path: &str, token: Option<&str>, form: &str) -> Response {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(t) = token {
            req = req.header(header::COOKIE, format!("tianping_session={t}"));
        }
        self.send(req.body(Body::from(form.to_owned())).expect("request"))
            .await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.request(Method::POST, path, token, Some(body)).await
    }

    /// Logs in through the API and returns the bearer token (for the demo integration account,
    /// which has no password sign-in, its demo API token).
    pub async fn login(&self, username: &str) -> String {
        if username == app::ssr::seed::DEMO_INTEGRATION_ACCOUNT {
            return app::ssr::seed::demo_api_token();
        }
        let res = self
            .post(
                "/api/v1/auth/login",
                None,
                serde_json::json!({"username": username, "password": PASSWORD}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "login {username}: {}", res.text);
        res.body["token"].as_str().expect("token").to_owned()
    }

    pub async fn scalar(&self, sql: &str) -> i64 {
        let row = self
            .state
            .db
            .conn
            .query_one_raw(Statement::from_string(
                self.state.db.backend(),
                sql.to_owned(),
            ))
            .await
            .expect("query")
            .expect("row");
        row.try_get_by_index::<i64>(0).expect("i64")
    }

    /// Asserts that each `query` on `path` is refused with 422 naming `field` first.
    pub async fn assert_refused_naming(&self, path: &str, token: &str, cases: &[(&str, &str)]) {
        for (query, field) in cases {
            let r = self.get(&format!("{path}?{query}"), Some(token)).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{query}: {}",
                r.text
            );
            assert_eq!(r.body["error"]["fields"][0]["field"], *field, "{query}");
        }
    }

    /// Runs SQL straight against the database, as an import outside the application would,
    /// then rebuilds the warning index as `tianping reindex` does after such an import.
    pub async fn exec(&self, sql: &str) {
        self.state
            .db
            .conn
            .execute_raw(Statement::from_string(
                self.state.db.backend(),
                sql.to_owned(),
            ))
            .await
            .expect("exec");
        app::ssr::warning_index::rebuild(&self.state.db)
            .await
            .expect("reindex");
        app::ssr::search_index::rebuild(&self.state.db, &self.state.search)
            .await
            .expect("search reindex");
    }

    pub async fn id_of_user(&self, username: &str) -> i64 {
        self.scalar(&format!(
            "SELECT CAST(id AS BIGINT) FROM users WHERE username = '{username}'"
        ))
        .await
    }

    pub async fn id_of_agency(&self, code: &str) -> i64 {
        self.scalar(&format!(
            "SELECT CAST(id AS BIGINT) FROM agencies WHERE code = '{code}'"
        ))
        .await
    }

    pub async fn audit_count(&self) -> i64 {
        self.scalar("SELECT COUNT(*) FROM audit_events").await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Backend::Postgres { admin_url, schema } = &self.backend {
            let (url, schema) = (admin_url.clone(), schema.clone());
            // A separate runtime on its own thread: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    if let Ok(db) = Db::connect(&url, None).await {
                        let _ = db
                            .conn
                            .execute_raw(Statement::from_string(
                                db.backend(),
                                format!("DROP SCHEMA {schema} CASCADE"),
                            ))
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// Uploads a photo as evidence of case `id`, collected by the two officers.
pub async fn upload_evidence(
    app: &TestApp,
    token: &str,
    id: i64,
    officers: (i64, i64),
    file: &[u8],
) -> Response {
    let boundary = "----tianping-test-boundary";
    let mut body = Vec::new();
    let mut text = |name: &str, value: &str| {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    text("kind", "photo");
    text("title", "现场照片");
    text("collected_at", "2026-11-25T10:00");
    text("location", "临江市解放路 18 号");
    text("officer_1", &officers.0.to_string());
    text("officer_2", &officers.1.to_string());
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scene.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.send(
        Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/cases/{id}/evidence"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

/// Percent-encodes a path segment or query value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl TestApp {
    /// One text value.
    pub async fn scalar_text(&self, sql: &str) -> String {
        self.strings(sql)
            .await
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// The non-null text values of the first column.
    pub async fn strings(&self, sql: &str) -> Vec<String> {
        self.state
            .db
            .conn
            .query_all_raw(Statement::from_string(
                self.state.db.backend(),
                sql.to_owned(),
            ))
            .await
            .expect("query")
            .into_iter()
            .filter_map(|r| r.try_get_by_index::<Option<String>>(0).ok().flatten())
            .collect()
    }
}
