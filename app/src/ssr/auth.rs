//! Authentication: Argon2 password hashes, HS256 JWTs bound to a revocable session row, and a
//! throttle on failed logins.
//!
//! Invariants:
//! - A token is valid only while its session row exists, is not revoked, has not expired and
//!   has been used within the idle limit (`Settings::session_idle`);
//!   logout revokes the session, a password change or deactivation revokes all of the user's.
//! - Failures are uniform: an unknown user and a wrong password give the same answer after the
//!   same amount of work (a dummy hash is verified for unknown users).
//! - Failed logins slow down, never lock: growing waits per account and per client address,
//!   a bound on concurrent password checks, no row per made-up name (see [`super::login_guard`]).

use std::{io::Write, path::Path};

use argon2::{
    Argon2, Params,
    password_hash::{
        PasswordHasher,
        phc::{Output, ParamsString, PasswordHash, Salt},
    },
};
use chrono::{DateTime, Utc};
use http::HeaderMap;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tianping_domain::{
    authz::Actor,
    role::Role,
    validate::{Field, Password, Rule, ValidationError},
};

use super::{
    AppState,
    audit::{AuditActor, NewEvent, UnitOfWork},
    entities::{agencies, reviewer_assignments, sessions, users},
    error::ServiceError,
    login_guard::{self, Argon2Memory},
};

/// Name of the browser's session cookie over plain HTTP (development, loopback).
pub const COOKIE: &str = "tianping_session";
/// Name of the session cookie behind HTTPS: the `__Host-` prefix makes browsers refuse it
/// unless it is `Secure`, host-only and for the whole site, so a sibling subdomain cannot plant
/// or overwrite it.
pub const SECURE_COOKIE: &str = "__Host-tianping_session";

/// The claims inside a token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: i32,
    /// Session id.
    pub jti: String,
    /// Issued at (seconds).
    pub iat: i64,
    /// Expiry (seconds).
    pub exp: i64,
}

/// Signing and verification keys for tokens.
pub struct JwtKeys {
    enc: EncodingKey,
    dec: DecodingKey,
    /// SHA-256 of the secret: the root other keys are derived from ([`JwtKeys::derive_key`]).
    root: [u8; 32],
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(***)")
    }
}

impl JwtKeys {
    /// Keys from a secret of at least 32 bytes.
    pub fn from_secret(secret: &[u8]) -> Self {
        use sha2::Digest;
        super::jwt_crypto::install();
        Self {
            enc: EncodingKey::from_secret(secret),
            dec: DecodingKey::from_secret(secret),
            root: sha2::Sha256::digest(secret).into(),
        }
    }

    /// A key for another purpose (`label`), derived from the secret: the same in every process
    /// that shares the secret, and telling nothing of it.
    pub fn derive_key(&self, label: &str) -> [u8; 32] {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        hasher.update(self.root);
        hasher.update(b"tianping/derive/");
        hasher.update(label.as_bytes());
        hasher.finalize().into()
    }

    /// Uses `env_secret` when given; otherwise reads `jwt.key` from the data directory,
    /// creating it (32 random bytes, hex, mode 0600) on first run.
    pub fn load_or_create(data_dir: &Path, env_secret: Option<&str>) -> std::io::Result<Self> {
        if let Some(secret) = env_secret {
            if secret.len() < 32 {
                return Err(std::io::Error::other(
                    "TIANPING_JWT_SECRET must be at least 32 bytes",
                ));
            }
            return Ok(Self::from_secret(secret.as_bytes()));
        }
        let path = data_dir.join("jwt.key");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            return Ok(Self::from_secret(existing.trim().as_bytes()));
        }
        std::fs::create_dir_all(data_dir)?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        let secret = hex::encode(bytes);
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&path)?;
        file.write_all(secret.as_bytes())?;
        file.sync_all()?;
        Ok(Self::from_secret(secret.as_bytes()))
    }
}

/// Hashes a password with Argon2id and a fresh salt (about 30 ms: call from blocking code).
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

/// [`hash_password`] in the given working memory (the login guard's, reused).
pub fn hash_password_in(password: &str, memory: &mut Argon2Memory) -> Result<String, ServiceError> {
    let fail =
        |e: &dyn std::fmt::Display| ServiceError::Internal(format!("password hashing failed: {e}"));
    let argon = Argon2::default();
    let params = argon.params().clone();
    let salt = Salt::generate();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt.as_ref(),
            &mut out,
            memory.blocks(params.block_count()),
        )
        .map_err(|e| fail(&e))?;
    let hash = PasswordHash {
        algorithm: argon2::Algorithm::default().ident(),
        version: Some(argon2::Version::default().into()),
        params: ParamsString::try_from(&params).map_err(|e| fail(&e))?,
        salt: Some(salt),
        hash: Some(Output::new(&out).map_err(|e| fail(&e))?),
    };
    Ok(hash.to_string())
}

/// The working memory of one password check at the costs new hashes get (19 MiB by default).
pub fn argon2_bytes_per_check() -> usize {
    Params::default().block_count() * std::mem::size_of::<argon2::Block>()
}

/// Checks a password against a stored PHC string.
pub fn verify_password(password: &str, stored: &str) -> bool {
    verify_password_in(password, stored, &mut Argon2Memory::default())
}

/// The largest Argon2 memory cost a stored hash may ask for (64 MiB): a hash asking for more is
/// refused rather than allowed to make a sign-in allocate it.
const MAX_BLOCKS: usize = 64 * 1024;

/// [`verify_password`] in the given working memory (the login guard's, reused): the stored
/// string's own algorithm, version and costs, compared in constant time.
pub fn verify_password_in(password: &str, stored: &str, memory: &mut Argon2Memory) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let Ok(params) = Params::try_from(&hash) else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(hash.algorithm.as_str()) else {
        return false;
    };
    let version = match hash.version.map(argon2::Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let blocks = params.block_count();
    if blocks > MAX_BLOCKS {
        return false;
    }
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt.as_ref(),
            &mut out,
            memory.blocks(blocks),
        )
        .is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// Runs password hashing off the async threads.
pub async fn hash_password_blocking(password: String) -> Result<String, ServiceError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?
}

/// A hash of a random password, verified when the user does not exist so that the answer
/// takes as long as for a real user.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    hash_password("dummy password that matches nothing").unwrap_or_default()
});

/// A successful login.
#[derive(Debug, Clone)]
pub struct LoginOutcome {
    /// The bearer token.
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// Who logged in.
    pub actor: Actor,
}

/// An authenticated request's caller.
#[derive(Debug, Clone)]
pub struct AuthSession {
    /// The actor, freshly loaded from the database.
    pub actor: Actor,
    /// The session id (to revoke on logout); empty for an API token, which has no session.
    pub session_id: String,
    /// The password was set by an administrator: until it is changed, the session may only
    /// read who it is, change the password and sign out.
    pub must_change_password: bool,
}

/// The prefix of an integration account's API token (so a leaked one is easy to recognise and
/// cannot be mistaken for a session token).
pub const API_TOKEN_PREFIX: &str = "tpk_";

/// SHA-256 (hex) of an API token: what is stored and looked up.
pub fn api_token_digest(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

/// A fresh API token: the prefix and 256 random bits in hex.
pub fn new_api_token() -> Result<String, ServiceError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(format!("{API_TOKEN_PREFIX}{}", hex::encode(bytes)))
}

/// An issued API token, shown once.
#[derive(Debug, Clone)]
pub struct IssuedApiToken {
    /// The token itself (never stored).
    pub token: String,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
}

/// Issues an API token to an integration account, replacing any earlier one (which stops
/// working at once). `token` is the one to use (the demo seed's fixed token), or `None` for a
/// fresh random one. Only integration accounts get one: people sign in.
pub async fn issue_api_token(
    state: &AppState,
    by: AuditActor,
    user_id: i32,
    token: Option<&str>,
) -> Result<IssuedApiToken, ServiceError> {
    let user = users::Entity::find_by_id(user_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if Role::parse(&user.role) != Some(Role::Integration) {
        return Err(ValidationError::new(Field::Role, Rule::OneOf).into());
    }
    let token = match token {
        Some(t) if t.starts_with(API_TOKEN_PREFIX) && t.len() >= API_TOKEN_PREFIX.len() + 32 => {
            t.to_owned()
        }
        Some(_) => return Err(ValidationError::new(Field::Token, Rule::Malformed).into()),
        None => new_api_token()?,
    };
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let issued_at = uow.now();
    let mut row: users::ActiveModel = user.into();
    row.api_token_sha256 = Set(Some(api_token_digest(&token)));
    row.api_token_issued_at = Set(Some(issued_at));
    row.update(uow.txn()).await?;
    uow.record(NewEvent {
        actor: by,
        action: "user.api_token_issue",
        subject_type: "user",
        subject_id: user_id.to_string(),
        payload: json!({}),
    });
    uow.commit().await?;
    Ok(IssuedApiToken { token, issued_at })
}

/// The integration account an API token belongs to (active, and the token its current one).
async fn authenticate_api_token(
    state: &AppState,
    token: &str,
) -> Result<AuthSession, ServiceError> {
    let user = users::Entity::find()
        .filter(users::Column::ApiTokenSha256.eq(api_token_digest(token)))
        .one(&state.db.conn)
        .await?
        .filter(|u| u.active && Role::parse(&u.role) == Some(Role::Integration))
        .ok_or(ServiceError::Unauthenticated)?;
    Ok(AuthSession {
        actor: load_actor(state, &user).await?,
        session_id: String::new(),
        must_change_password: false,
    })
}

/// Where a login comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The sign-in page (a browser session).
    Browser,
    /// `POST /api/v1/auth/login` (a machine client's bearer token).
    Api,
}

/// Checks a user name and password and opens a session. Integration accounts get API tokens
/// only: a browser sign-in with their (correct) password is refused and opens nothing.
///
/// `client` is the caller's key ([`super::client`]). In order: a client still waiting after its
/// failures is refused before any work; a password check needs one of the guard's permits (429
/// when none frees up in time); an existing account's attempt is reserved atomically before its
/// password is checked ([`login_guard::reserve_attempt`]). An unknown name costs the same check
/// against a dummy hash and leaves no row; its failures are counted per client, one audit event
/// per client and window.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    channel: Channel,
    client: &str,
) -> Result<LoginOutcome, ServiceError> {
    let name = username.trim().to_ascii_lowercase();
    let mut missing = Vec::new();
    if name.is_empty() {
        missing.push(ValidationError::new(Field::Username, Rule::Required));
    }
    if password.is_empty() {
        missing.push(ValidationError::new(Field::Password, Rule::Required));
    }
    if !missing.is_empty() {
        return Err(ServiceError::ValidationMany(missing));
    }
    // Names longer than any real one cannot match.
    let name: String = name.chars().take(64).collect();
    let now = state.clock.now();
    let guard = &state.login_guard;
    guard.admit_client(client, now)?;
    let user = users::Entity::find()
        .filter(users::Column::Username.eq(name.clone()))
        .one(&state.db.conn)
        .await?;
    let permit = guard.permit().await?;
    let Some(user) = user else {
        let attempt = password.to_owned();
        guard
            .blocking(permit, move |m| {
                verify_password_in(&attempt, &DUMMY_HASH, m)
            })
            .await?;
        unknown_name_failed(state, client, now).await?;
        return Err(ServiceError::InvalidCredentials);
    };
    let backoff = state.settings.login_backoff;
    let attempt_no = login_guard::reserve_attempt(&state.db, &user.username, backoff, now).await?;
    let (attempt, stored) = (password.to_owned(), user.password_hash.clone());
    let password_ok = guard
        .blocking(permit, move |m| verify_password_in(&attempt, &stored, m))
        .await?;
    let succeeded = password_ok && user.active;
    login_guard::record_outcome(
        &state.db,
        &user.username,
        attempt_no,
        succeeded,
        backoff,
        now,
    )
    .await?;
    if !succeeded {
        guard.client_failed(client, now);
        account_failed(state, &user, attempt_no, backoff, now).await?;
        return Err(ServiceError::InvalidCredentials);
    }
    guard.client_succeeded(client);
    let actor = load_actor(state, &user).await?;
    // Machine accounts authenticate with their API token only: a password that could be
    // guessed or made to wait opens nothing for them, on either channel.
    if actor.role == Role::Integration
        || (channel == Channel::Browser && !actor.role.uses_browser())
    {
        return Err(ServiceError::Forbidden);
    }
    let session_id = uuid::Uuid::new_v4().to_string();
    let expires_at = now + state.settings.session_ttl;
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // Sessions ended more than a day ago are of no use to anyone: prune them as new ones open
    // (the audit log keeps every sign-in and sign-out).
    let pruned_before = now - chrono::Duration::days(1);
    sessions::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(sessions::Column::ExpiresAt.lt(pruned_before))
                .add(sessions::Column::RevokedAt.lt(pruned_before)),
        )
        .exec(uow.txn())
        .await?;
    sessions::ActiveModel {
        id: Set(session_id.clone()),
        user_id: Set(user.id),
        issued_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        last_seen_at: Set(Some(now)),
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(&actor),
        action: "auth.login",
        subject_type: "user",
        subject_id: user.id.to_string(),
        payload: json!({ "session": session_id }),
    });
    uow.commit().await?;
    let claims = Claims {
        sub: user.id,
        jti: session_id,
        iat: now.timestamp(),
        exp: expires_at.timestamp(),
    };
    let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &state.jwt.enc)
        .map_err(|e| ServiceError::Internal(format!("token encoding failed: {e}")))?;
    Ok(LoginOutcome {
        token,
        expires_at,
        actor,
    })
}

/// Audits a failed sign-in on an existing account, named by its id (never by what was typed:
/// a mistyped name is often a password).
async fn account_failed(
    state: &AppState,
    user: &users::Model,
    attempt: u32,
    backoff: tianping_domain::security::Backoff,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    uow.record(NewEvent {
        actor: AuditActor::anonymous(),
        action: "auth.login_failed",
        subject_type: "user",
        subject_id: user.id.to_string(),
        payload: json!({
            "consecutive_failures": attempt,
            "wait_secs": backoff.delay_secs(attempt),
        }),
    });
    uow.commit().await?;
    Ok(())
}

/// Counts a failure under a name that does not exist against the client; the first of a
/// client's window is audited (by the client's key, not by the name typed).
async fn unknown_name_failed(
    state: &AppState,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if !state.login_guard.client_failed(client, now) {
        return Ok(());
    }
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    uow.record(NewEvent {
        actor: AuditActor::anonymous(),
        action: "auth.login_failed",
        subject_type: "client",
        subject_id: client.to_owned(),
        payload: json!({ "unknown_account": true, "first_of_window": true }),
    });
    uow.commit().await?;
    Ok(())
}

/// Builds the actor for a user: role, agency, region, served agencies.
pub async fn load_actor(state: &AppState, user: &users::Model) -> Result<Actor, ServiceError> {
    let role = Role::parse(&user.role)
        .ok_or_else(|| ServiceError::Internal(format!("unknown role {}", user.role)))?;
    let region_code = match user.agency_id {
        Some(id) => agencies::Entity::find_by_id(id)
            .one(&state.db.conn)
            .await?
            .map(|a| a.region_code),
        None => None,
    };
    let served_agency_ids = if role == Role::LegalReviewer {
        reviewer_assignments::Entity::find()
            .filter(reviewer_assignments::Column::ReviewerId.eq(user.id))
            .all(&state.db.conn)
            .await?
            .into_iter()
            .map(|r| r.agency_id)
            .collect()
    } else {
        Vec::new()
    };
    Ok(Actor {
        user_id: user.id,
        role,
        agency_id: user.agency_id,
        region_code,
        served_agency_ids,
    })
}

/// Validates a token and its session; returns the caller.
pub async fn authenticate(state: &AppState, token: &str) -> Result<AuthSession, ServiceError> {
    if token.starts_with(API_TOKEN_PREFIX) {
        return authenticate_api_token(state, token).await;
    }
    let mut validation = Validation::new(Algorithm::HS256);
    // Expiry is checked against the injected clock below, with the session row.
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Claims>(token, &state.jwt.dec, &validation)
        .map_err(|_| ServiceError::Unauthenticated)?
        .claims;
    let now = state.clock.now();
    if claims.exp <= now.timestamp() {
        return Err(ServiceError::Unauthenticated);
    }
    let idle = state.settings.session_idle;
    let session = sessions::Entity::find_by_id(claims.jti.clone())
        .one(&state.db.conn)
        .await?
        .filter(|s| s.user_id == claims.sub && s.revoked_at.is_none() && s.expires_at > now)
        .filter(|s| now - s.last_seen_at.unwrap_or(s.issued_at) <= idle)
        .ok_or(ServiceError::Unauthenticated)?;
    if now - session.last_seen_at.unwrap_or(session.issued_at) > chrono::Duration::minutes(1) {
        login_guard::touch_session(&state.db, &session.id, now).await?;
    }
    let user = users::Entity::find_by_id(session.user_id)
        .one(&state.db.conn)
        .await?
        .filter(|u| u.active)
        .ok_or(ServiceError::Unauthenticated)?;
    Ok(AuthSession {
        actor: load_actor(state, &user).await?,
        session_id: session.id,
        must_change_password: user.must_change_password,
    })
}

/// Ends the caller's session.
pub async fn logout(state: &AppState, session: &AuthSession) -> Result<(), ServiceError> {
    if session.session_id.is_empty() {
        // An API token has no session to end; an administrator replaces or withdraws it.
        return Ok(());
    }
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(uow.now()))
        .filter(sessions::Column::Id.eq(session.session_id.clone()))
        .exec(uow.txn())
        .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(&session.actor),
        action: "auth.logout",
        subject_type: "user",
        subject_id: session.actor.user_id.to_string(),
        payload: json!({ "session": session.session_id }),
    });
    uow.commit().await?;
    Ok(())
}

/// Changes the caller's password after checking the current one; every session of the user,
/// this one included, is revoked.
pub async fn change_password(
    state: &AppState,
    session: &AuthSession,
    current: &str,
    new: &str,
) -> Result<(), ServiceError> {
    let new = Password::parse(Field::NewPassword, new)?;
    let user = users::Entity::find_by_id(session.actor.user_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (attempt, stored) = (current.to_owned(), user.password_hash.clone());
    let matches = state
        .login_guard
        .with_permit(move |m| verify_password_in(&attempt, &stored, m))
        .await?;
    if !matches {
        return Err(ServiceError::Validation(ValidationError::new(
            Field::Password,
            Rule::Malformed,
        )));
    }
    let new_password = new.expose().to_owned();
    let hash = state
        .login_guard
        .with_permit(move |m| hash_password_in(&new_password, m))
        .await??;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let now = uow.now();
    let mut row: users::ActiveModel = user.into();
    row.password_hash = Set(hash);
    row.password_changed_at = Set(now);
    row.must_change_password = Set(false);
    row.update(uow.txn()).await?;
    revoke_all_sessions(&uow, session.actor.user_id).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(&session.actor),
        action: "user.password_change",
        subject_type: "user",
        subject_id: session.actor.user_id.to_string(),
        payload: json!({}),
    });
    uow.commit().await?;
    Ok(())
}

/// Revokes every open session of a user inside a unit of work.
pub async fn revoke_all_sessions(uow: &UnitOfWork, user_id: i32) -> Result<(), ServiceError> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(uow.now()))
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(uow.txn())
        .await?;
    Ok(())
}

/// The token of a request: `Authorization: Bearer …` first, then the session cookie.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    if let Some(value) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(token) = value.strip_prefix("Bearer ")
    {
        return Some(token.trim().to_owned());
    }
    cookie(headers, SECURE_COOKIE).or_else(|| cookie(headers, COOKIE))
}

/// Reads one cookie from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The `Set-Cookie` value that stores a token in the browser (`secure`: behind HTTPS, as
/// [`SECURE_COOKIE`] with the `Secure` flag).
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let (name, flag) = if secure {
        (SECURE_COOKIE, "; Secure")
    } else {
        (COOKIE, "")
    };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{flag}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    let (name, flag) = if secure {
        (SECURE_COOKIE, "; Secure")
    } else {
        (COOKIE, "")
    };
    format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{flag}")
}
