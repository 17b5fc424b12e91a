//! The application state shared by every handler and server function.

use std::{path::PathBuf, sync::Arc};

use leptos::prelude::LeptosOptions;

use super::{auth::JwtKeys, clock::Clock, db::Db};

/// The default evidence file limit: 2 GiB (a long body-camera video).
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Tunable settings (defaults suit a real deployment; tests shorten them).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the SQLite file, keys and evidence files live.
    pub data_dir: PathBuf,
    /// How long a login lasts.
    pub session_ttl: chrono::Duration,
    /// Consecutive failures that lock a login name.
    pub lockout_threshold: i32,
    /// How long a locked login name stays locked.
    pub lockout_duration: chrono::Duration,
    /// Whether the session cookie carries `Secure` (behind HTTPS).
    pub secure_cookie: bool,
    /// The working-day calendar (national holidays and adjusted working days).
    pub calendar: std::sync::Arc<tianping_domain::calendar::WorkCalendar>,
    /// The statutory and local periods.
    pub deadline_rules: tianping_domain::deadline::DeadlineRules,
    /// The largest evidence file accepted, in bytes.
    pub max_upload_bytes: u64,
    /// Tests only: a named point at which writes fail on purpose (see
    /// `services::cases::fail_point`); switchable while the app runs. Always empty in the
    /// server.
    pub fail_at: Arc<std::sync::RwLock<Option<&'static str>>>,
    /// The audit log's name in signed checkpoints (`TIANPING_LOG_ORIGIN`).
    pub log_origin: String,
}

impl Settings {
    /// Production defaults for a data directory.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            session_ttl: chrono::Duration::hours(8),
            lockout_threshold: 5,
            lockout_duration: chrono::Duration::minutes(15),
            secure_cookie: false,
            calendar: std::sync::Arc::new(tianping_domain::calendar::WorkCalendar::china()),
            deadline_rules: tianping_domain::deadline::DeadlineRules::default(),
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            fail_at: Arc::default(),
            log_origin: "tianping/audit".to_owned(),
        }
    }
}

/// Everything a request needs, cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Token signing keys.
    pub jwt: Arc<JwtKeys>,
    /// The injected clock.
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Leptos' own options (site root, addresses).
    pub leptos_options: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
