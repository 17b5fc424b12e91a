//! The application state shared by every handler and server function, its settings, and the
//! one builder that assembles it ([`AppState::builder`]) for the server, the tests and the
//! benches.
//!
//! Invariants: [`Settings`] holds configuration only (read from the environment by the server's
//! `config` module, where every variable name lives); its secrets are [`Secret`]s, so neither
//! the settings nor the state print them.

use std::{path::PathBuf, sync::Arc};

use leptos::prelude::LeptosOptions;

pub use super::secret::Secret;
use super::{
    auth::JwtKeys,
    clock::{Clock, SystemClock},
    db::Db,
    derived::{self, Derived},
    search_index::{self, SharedIndex},
};

/// The default evidence file limit: 2 GiB (a long body-camera video).
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Tunable settings (defaults suit a real deployment; tests shorten them).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the SQLite file, keys and evidence files live.
    pub data_dir: PathBuf,
    /// The token signing secret (`TIANPING_JWT_SECRET`, at least 32 bytes); `None`: `jwt.key`
    /// in the data directory, generated on first run.
    pub jwt_secret: Option<Secret>,
    /// The checkpoint signing key (`TIANPING_AUDIT_KEY`, 64 hex digits); `None`:
    /// `audit-signing.key` in the data directory, generated on first use.
    pub audit_key: Option<Secret>,
    /// How long a login lasts.
    pub session_ttl: chrono::Duration,
    /// How long a session may go unused before it ends (`TIANPING_SESSION_IDLE_MINUTES`).
    pub session_idle: chrono::Duration,
    /// Growing waits after failed sign-ins on one account.
    pub login_backoff: tianping_domain::security::Backoff,
    /// Growing waits after failed sign-ins from one client address.
    pub client_backoff: tianping_domain::security::Backoff,
    /// The limit on public lookups by secret number per client (verification codes, tracking
    /// numbers): `TIANPING_LOOKUP_RATE`, e.g. `30/600`.
    pub lookup_rate: tianping_domain::supervision::complaint::RateRule,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`TIANPING_TRUSTED_PROXIES`);
    /// empty: the TCP peer is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Whether the session cookie carries `Secure` (behind HTTPS).
    pub secure_cookie: bool,
    /// The working-day calendar (national holidays and adjusted working days).
    pub calendar: std::sync::Arc<tianping_domain::calendar::WorkCalendar>,
    /// The statutory and local periods.
    pub deadline_rules: tianping_domain::deadline::DeadlineRules,
    /// The largest evidence file accepted, in bytes.
    pub max_upload_bytes: u64,
    /// The audit log's name in signed checkpoints (`TIANPING_LOG_ORIGIN`).
    pub log_origin: String,
    /// Where the CJK fonts for official documents are (`TIANPING_FONT_DIR`).
    pub font_dir: PathBuf,
    /// The public portal's address, printed on documents for verification
    /// (`TIANPING_PUBLIC_URL`).
    pub public_url: String,
    /// Complaint handling time limits (local rules).
    pub complaint_rules: tianping_domain::supervision::complaint::ComplaintRules,
    /// The rate limit on anonymous complaint submissions per client
    /// (`TIANPING_COMPLAINT_RATE`, e.g. `5/3600`).
    pub complaint_rate: tianping_domain::supervision::complaint::RateRule,
    /// The rate limit on anonymous requests about a published decision per client, a window
    /// of its own (`TIANPING_REQUEST_RATE`, e.g. `5/3600`).
    pub request_rate: tianping_domain::supervision::complaint::RateRule,
    /// Publication deadline and display period (local rules).
    pub publication_rules: tianping_domain::publicity::PublicationRules,
    /// The review time limit of the public's correction and early-removal requests (local
    /// rules).
    pub request_rules: tianping_domain::publicity::request::RequestRules,
}

/// The default font directory: `.tools/fonts` (where `scripts/setup.sh` puts them) under the
/// working directory, else under the source tree this binary was built from.
pub fn default_font_dir() -> PathBuf {
    let local = PathBuf::from(".tools/fonts");
    if local.join(super::pdf::REGULAR_FILE).exists() {
        return local;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/fonts"))
}

impl Settings {
    /// Production defaults for a data directory.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            jwt_secret: None,
            audit_key: None,
            session_ttl: chrono::Duration::hours(8),
            session_idle: chrono::Duration::minutes(30),
            login_backoff: tianping_domain::security::Backoff::ACCOUNT,
            client_backoff: tianping_domain::security::Backoff::CLIENT,
            trusted_proxies: Vec::new(),
            lookup_rate: tianping_domain::supervision::complaint::RateRule {
                max: 30,
                window_secs: 600,
            },
            secure_cookie: false,
            calendar: std::sync::Arc::new(tianping_domain::calendar::WorkCalendar::china()),
            deadline_rules: tianping_domain::deadline::DeadlineRules::default(),
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            log_origin: "tianping/audit".to_owned(),
            font_dir: default_font_dir(),
            public_url: "http://127.0.0.1:3000".to_owned(),
            complaint_rules: tianping_domain::supervision::complaint::ComplaintRules::default(),
            complaint_rate: tianping_domain::supervision::complaint::RateRule::default(),
            request_rate: tianping_domain::supervision::complaint::RateRule::default(),
            publication_rules: tianping_domain::publicity::PublicationRules::default(),
            request_rules: tianping_domain::publicity::request::RequestRules::default(),
        }
    }
}

/// Everything a request needs, cheap to clone. Built by [`AppState::builder`].
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The public search index of this process (see [`search_index`]), kept current by the
    /// derived data after each commit.
    pub search: Arc<SharedIndex>,
    /// Token signing keys.
    pub jwt: Arc<JwtKeys>,
    /// The key client addresses are hashed with (derived from the token secret: stable across
    /// restarts and shared by every process of a deployment).
    pub client_key: Arc<[u8; 32]>,
    /// Bounds concurrent password checks and counts failures per client address.
    pub login_guard: Arc<super::login_guard::LoginGuard>,
    /// Counts public lookups by secret number per client.
    pub lookup_limit: Arc<super::lookup_limit::LookupLimit>,
    /// The injected clock.
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Leptos' own options (site root, addresses).
    pub leptos_options: LeptosOptions,
    /// The document fonts, parsed on first use and then shared.
    pub fonts: Arc<tokio::sync::OnceCell<Arc<super::pdf::Fonts>>>,
    /// Tests only: a named point at which writes fail on purpose (see
    /// `services::cases::fail_point`); switchable while the app runs. Always empty in the
    /// server.
    pub fail_at: Arc<std::sync::RwLock<Option<&'static str>>>,
    /// The working-day calendar in use: the settings' calendar with the years administrators
    /// loaded (`holiday_years`), replaced whole when a year is loaded.
    pub holidays: Arc<std::sync::RwLock<Arc<tianping_domain::calendar::WorkCalendar>>>,
    /// The annual reports lately computed, by year, language and day (issue 20 item 14: a
    /// public page anyone can request must not add up a year of figures every time).
    pub annual_cache: Arc<super::services::annual::AnnualCache>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The working-day calendar in use now (see [`AppState::holidays`]).
    pub fn calendar(&self) -> Arc<tianping_domain::calendar::WorkCalendar> {
        self.holidays
            .read()
            .map_or_else(|e| e.into_inner().clone(), |c| c.clone())
    }

    /// Today in China, the day every step is judged on (from the injected clock).
    pub fn today(&self) -> chrono::NaiveDate {
        tianping_domain::i18n::china_time(self.clock.now()).date_naive()
    }

    /// The one way to assemble the state (server, tests, benches): over `db`, with `settings`,
    /// the system clock and default Leptos options unless told otherwise.
    pub fn builder(db: Db, settings: Settings) -> StateBuilder {
        StateBuilder {
            db,
            settings,
            clock: Arc::new(SystemClock),
            leptos_options: LeptosOptions::builder().output_name("tianping").build(),
        }
    }
}

/// Why the state could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Migrating or reading the database failed.
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    /// Computing the derived data failed.
    #[error(transparent)]
    Derived(#[from] super::ServiceError),
    /// The token keys could not be read or created.
    #[error(transparent)]
    Keys(#[from] std::io::Error),
}

/// Assembles an [`AppState`] (see [`AppState::builder`]).
pub struct StateBuilder {
    db: Db,
    settings: Settings,
    clock: Arc<dyn Clock>,
    leptos_options: LeptosOptions,
}

impl StateBuilder {
    /// The clock (tests and end-to-end runs freeze it).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Leptos' options (site root, addresses).
    pub fn leptos_options(mut self, options: LeptosOptions) -> Self {
        self.leptos_options = options;
        self
    }

    /// Migrates the database, brings the derived tables up to date, builds the search index
    /// (kept current from then on), loads the token keys, and wires the write path to the
    /// derived data.
    pub async fn build(self) -> Result<AppState, StateError> {
        let Self {
            db,
            settings,
            clock,
            leptos_options,
        } = self;
        db.migrate().await?;
        derived::ensure(&db).await?;
        let search = Arc::new(SharedIndex::default());
        search_index::start(&db, &search).await?;
        let jwt = JwtKeys::load_or_create(
            &settings.data_dir,
            settings.jwt_secret.as_ref().map(Secret::expose),
        )?;
        let calendar =
            super::services::holidays::calendar_with_loaded_years(&db.conn, &settings.calendar)
                .await?;
        let db = db.with_derived(Arc::new(Derived::with_search(search.clone())));
        Ok(AppState {
            holidays: Arc::new(std::sync::RwLock::new(Arc::new(calendar))),
            db,
            search,
            client_key: Arc::new(jwt.derive_key("client-address")),
            login_guard: Arc::new(super::login_guard::LoginGuard::for_this_machine(
                settings.client_backoff,
            )),
            lookup_limit: Arc::new(super::lookup_limit::LookupLimit::new(settings.lookup_rate)),
            jwt: Arc::new(jwt),
            clock,
            settings: Arc::new(settings),
            leptos_options,
            fonts: Arc::default(),
            fail_at: Arc::default(),
            annual_cache: Arc::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{AppState, Secret, Settings};

    const JWT: &str = "jwt-secret-that-must-never-print-0123456789";
    const AUDIT: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    fn settings() -> Settings {
        let mut settings = Settings::new("/nonexistent/tianping-test".into());
        settings.jwt_secret = Some(Secret::new(JWT));
        settings.audit_key = Some(Secret::new(AUDIT));
        settings
    }

    #[test]
    fn the_settings_print_no_secret() {
        let printed = format!("{:?}", settings());
        assert!(!printed.contains(JWT), "{printed}");
        assert!(!printed.contains(AUDIT), "{printed}");
        assert!(
            printed.contains("jwt_secret: Some([redacted])"),
            "{printed}"
        );
        assert!(printed.contains("audit_key: Some([redacted])"), "{printed}");
    }

    #[tokio::test]
    async fn the_state_prints_no_secret() {
        let db = super::Db::connect("sqlite::memory:", None)
            .await
            .expect("in-memory SQLite");
        let state = AppState::builder(db, settings())
            .build()
            .await
            .expect("state");
        let printed = format!("{state:?}");
        assert!(!printed.contains(JWT), "{printed}");
        assert!(!printed.contains(AUDIT), "{printed}");
    }
}
