//! Configuration from the environment, with defaults that work on a fresh machine. Every
//! variable name lives here, and the environment is read only here ([`Config::from_env`]): the
//! process's own settings (addresses, database) and the application's [`Settings`].

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use app::ssr::state::{Secret, Settings};

/// `DATABASE_URL`: a `sqlite://` or `postgres://` URL.
pub const DATABASE_URL: &str = "DATABASE_URL";
/// `TIANPING_DATA_DIR`: SQLite file, keys, evidence files. Default `./data`.
pub const DATA_DIR: &str = "TIANPING_DATA_DIR";
/// `LEPTOS_SITE_ADDR`: where to listen. Default `127.0.0.1:3000`.
pub const SITE_ADDR: &str = "LEPTOS_SITE_ADDR";
/// `LEPTOS_SITE_ROOT`: the built site (wasm, CSS). Default `target/site`.
pub const SITE_ROOT: &str = "LEPTOS_SITE_ROOT";
/// `TIANPING_JWT_SECRET`: token signing secret (≥ 32 bytes); generated into the data dir if unset.
pub const JWT_SECRET: &str = "TIANPING_JWT_SECRET";
/// `TIANPING_AUDIT_KEY`: the checkpoint signing key (64 hex digits); overrides
/// `audit-signing.key` in the data dir.
pub const AUDIT_KEY: &str = "TIANPING_AUDIT_KEY";
/// `TIANPING_DEMO_PASSWORD`: the password `seed --demo` gives every demo account.
pub const DEMO_PASSWORD: &str = "TIANPING_DEMO_PASSWORD";
/// `TIANPING_SECURE_COOKIE`: `true` marks the session cookie `Secure` (and names it
/// `__Host-…`); default: whether `TIANPING_PUBLIC_URL` is `https://`.
pub const SECURE_COOKIE: &str = "TIANPING_SECURE_COOKIE";
/// `TIANPING_FAKE_NOW`: an RFC 3339 instant that freezes the clock (end-to-end tests only).
pub const FAKE_NOW: &str = "TIANPING_FAKE_NOW";

/// Largest evidence file in MiB (default 2048).
pub const MAX_UPLOAD_MB: &str = "TIANPING_MAX_UPLOAD_MB";
/// A JSON holiday calendar replacing the built-in national one (same format as
/// `app/domain/data/holidays-cn.json`).
pub const HOLIDAYS_FILE: &str = "TIANPING_HOLIDAYS_FILE";
/// PostgreSQL schema to use (search path); tests run servers in their own schema.
pub const DB_SCHEMA: &str = "TIANPING_DB_SCHEMA";
/// The audit log's name in signed checkpoints.
pub const LOG_ORIGIN: &str = "TIANPING_LOG_ORIGIN";
/// Seconds between scheduled checkpoints (when there were new events); 0 turns them off.
pub const CHECKPOINT_SECS: &str = "TIANPING_CHECKPOINT_SECS";
/// The directory holding the document fonts (`NotoSerifSC-Regular.ttf`, `NotoSerifSC-Bold.ttf`).
pub const FONT_DIR: &str = "TIANPING_FONT_DIR";
/// The public portal's address, printed on documents with their verification code.
pub const PUBLIC_URL: &str = "TIANPING_PUBLIC_URL";

/// Reverse proxies whose `X-Forwarded-For` header is believed: a comma-separated list of
/// addresses (e.g. `127.0.0.1,::1` for a proxy on the same machine). Unset: none.
pub const TRUSTED_PROXIES: &str = "TIANPING_TRUSTED_PROXIES";

/// Minutes a session may go unused before it ends (default 30).
pub const SESSION_IDLE_MINUTES: &str = "TIANPING_SESSION_IDLE_MINUTES";
/// Open connections at most (default 1024).
pub const MAX_CONNECTIONS: &str = "TIANPING_MAX_CONNECTIONS";
/// Seconds a stop waits for open requests before it closes them (default 10).
pub const SHUTDOWN_GRACE_SECS: &str = "TIANPING_SHUTDOWN_GRACE_SECS";
/// Seconds a connection may take to send its request headers (default 10).
pub const HEADER_TIMEOUT_SECS: &str = "TIANPING_HEADER_TIMEOUT_SECS";

/// The rate limit on anonymous complaint submissions per client: `MAX/SECONDS`.
pub const COMPLAINT_RATE: &str = "TIANPING_COMPLAINT_RATE";
/// The limit on public lookups by verification code or tracking number per client:
/// `MAX/SECONDS` (default `30/600`).
pub const LOOKUP_RATE: &str = "TIANPING_LOOKUP_RATE";
/// The rate limit on anonymous requests about a published decision per client: `MAX/SECONDS`.
pub const REQUEST_RATE: &str = "TIANPING_REQUEST_RATE";

/// The resolved configuration. Its `Debug` output prints no secret.
#[derive(Debug, Clone)]
pub struct Config {
    /// Database URL.
    pub database_url: String,
    /// Listen address.
    pub site_addr: SocketAddr,
    /// Built site directory.
    pub site_root: String,
    /// A frozen clock, if any.
    pub fake_now: Option<chrono::DateTime<chrono::Utc>>,
    /// PostgreSQL schema, if not the default.
    pub db_schema: Option<String>,
    /// Seconds between scheduled checkpoints; 0: none.
    pub checkpoint_secs: u64,
    /// The password `seed --demo` gives every demo account.
    pub demo_password: String,
    /// Connection limits of the listener.
    pub limits: crate::listen::Limits,
    /// The application's settings (data directory, secrets, rules, limits).
    pub settings: Settings,
}

impl Config {
    /// Reads the environment; fails fast on malformed values.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var(DATA_DIR).unwrap_or_else(|| "./data".into()));
        let database_url = var(DATABASE_URL).unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("tianping.db").display()
            )
        });
        let site_addr = var(SITE_ADDR)
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e| anyhow::anyhow!("{SITE_ADDR} is not a socket address: {e}"))?;
        let fake_now = match var(FAKE_NOW) {
            Some(v) => Some(
                chrono::DateTime::parse_from_rfc3339(&v)
                    .map_err(|e| anyhow::anyhow!("{FAKE_NOW} is not RFC 3339: {e}"))?
                    .with_timezone(&chrono::Utc),
            ),
            None => None,
        };
        let max_upload_bytes = match var(MAX_UPLOAD_MB) {
            Some(v) => v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|mb| *mb > 0)
                .ok_or_else(|| anyhow::anyhow!("{MAX_UPLOAD_MB} must be a positive number of MiB"))?
                .saturating_mul(1024 * 1024),
            None => app::ssr::state::DEFAULT_MAX_UPLOAD_BYTES,
        };
        let calendar = match var(HOLIDAYS_FILE) {
            Some(path) => {
                let json = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("{HOLIDAYS_FILE} {path}: {e}"))?;
                tianping_domain::calendar::WorkCalendar::from_json(&json)
                    .map_err(|e| anyhow::anyhow!("{HOLIDAYS_FILE} {path}: {e}"))?
            }
            None => tianping_domain::calendar::WorkCalendar::china(),
        };
        let checkpoint_secs = match var(CHECKPOINT_SECS) {
            Some(v) => v
                .trim()
                .parse::<u64>()
                .map_err(|_| anyhow::anyhow!("{CHECKPOINT_SECS} must be a number of seconds"))?,
            None => 60,
        };
        let public_url = var(PUBLIC_URL)
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{site_addr}"));
        let complaint_rate = rate_rule(COMPLAINT_RATE, var(COMPLAINT_RATE))?;
        let request_rate = rate_rule(REQUEST_RATE, var(REQUEST_RATE))?;
        let trusted_proxies = var(TRUSTED_PROXIES)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse::<std::net::IpAddr>()
                    .map_err(|_| anyhow::anyhow!("{TRUSTED_PROXIES}: {a} is not an IP address"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let positive = |name: &str, default: u64| -> anyhow::Result<u64> {
            match var(name) {
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| anyhow::anyhow!("{name} must be a positive number")),
                None => Ok(default),
            }
        };
        let limits = crate::listen::Limits {
            header_read: std::time::Duration::from_secs(positive(HEADER_TIMEOUT_SECS, 10)?),
            max_connections: usize::try_from(positive(MAX_CONNECTIONS, 1024)?).unwrap_or(1024),
            shutdown_grace: std::time::Duration::from_secs(positive(SHUTDOWN_GRACE_SECS, 10)?),
        };
        let session_idle = positive(SESSION_IDLE_MINUTES, 30)?;
        let mut settings = Settings::new(data_dir);
        settings.session_idle =
            chrono::Duration::minutes(i64::try_from(session_idle).unwrap_or(30));
        settings.trusted_proxies = trusted_proxies;
        settings.jwt_secret = var(JWT_SECRET).map(Secret::new);
        // Set at all, even empty, it replaces the key file (and an unusable value is refused
        // when signing).
        settings.audit_key = std::env::var(AUDIT_KEY).ok().map(Secret::new);
        // `Secure` whenever the public address is HTTPS, unless told otherwise.
        settings.secure_cookie = var(SECURE_COOKIE)
            .map_or(public_url.starts_with("https://"), |v| {
                v == "true" || v == "1"
            });
        settings.max_upload_bytes = max_upload_bytes;
        settings.calendar = Arc::new(calendar);
        settings.log_origin = var(LOG_ORIGIN).unwrap_or_else(|| "tianping/audit".into());
        settings.public_url = public_url;
        settings.complaint_rate = complaint_rate;
        settings.request_rate = request_rate;
        if var(LOOKUP_RATE).is_some() {
            settings.lookup_rate = rate_rule(LOOKUP_RATE, var(LOOKUP_RATE))?;
        }
        if let Some(dir) = var(FONT_DIR) {
            settings.font_dir = PathBuf::from(dir);
        }
        Ok(Self {
            limits,
            db_schema: var(DB_SCHEMA),
            checkpoint_secs,
            database_url,
            site_addr,
            site_root: var(SITE_ROOT).unwrap_or_else(|| "target/site".into()),
            fake_now,
            demo_password: std::env::var(DEMO_PASSWORD)
                .unwrap_or_else(|_| app::ssr::seed::DEFAULT_DEMO_PASSWORD.into()),
            settings,
        })
    }
}

/// A rate rule from `MAX/SECONDS` (the default when unset).
fn rate_rule(
    name: &str,
    value: Option<String>,
) -> anyhow::Result<tianping_domain::supervision::complaint::RateRule> {
    let Some(v) = value else {
        return Ok(tianping_domain::supervision::complaint::RateRule::default());
    };
    let bad = || anyhow::anyhow!("{name} must be MAX/SECONDS, e.g. 5/3600");
    let (max, secs) = v.trim().split_once('/').ok_or_else(bad)?;
    Ok(tianping_domain::supervision::complaint::RateRule {
        max: max.trim().parse().map_err(|_| bad())?,
        window_secs: secs
            .trim()
            .parse()
            .ok()
            .filter(|s: &i64| *s > 0)
            .ok_or_else(bad)?,
    })
}
