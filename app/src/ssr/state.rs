//! The application state shared by every handler and server function.

use std::{path::PathBuf, sync::Arc};

use leptos::prelude::LeptosOptions;

use super::{auth::JwtKeys, clock::Clock, db::Db};

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
