//! Demo data (`tianping seed --demo`): agencies of one city, a judicial bureau, an account for
//! every role and an integration account, then about forty case histories and what followed
//! them (publications, challenges, complaints, requests). Everything is written through the
//! services, so the audit chain records the seeding like any other change.
//!
//! The case histories are data ([`stories`]): each names its agency, offence, party and the
//! chapters of steps it goes through, with the day of each step; [`story`] replays them through
//! the case services with the clock set to that day.
//!
//! Idempotent: on a database that already has the demo accounts, seeding only resets their
//! passwords to the one given (scripts rely on `TIANPING_DEMO_PASSWORD`).

mod cases;
mod chapters;
mod coercive;
mod complaints;
pub mod inspections;
mod legacy;
mod org;
mod publicity;
mod stories;
mod story;
mod summary;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use tianping_domain::{authz::Actor, role::Role};

use super::{
    AppState,
    audit::{AuditActor, NewEvent, UnitOfWork},
    auth,
    clock::FixedClock,
    entities::users,
    error::ServiceError,
};
use org::{AGENCIES, USERS};

/// The demo password when `TIANPING_DEMO_PASSWORD` is not set.
pub const DEFAULT_DEMO_PASSWORD: &str = "Tianping-Demo-2026";

/// The demo 12345 hotline's API token when `TIANPING_DEMO_API_TOKEN` is not set (as public as
/// the demo password: never for a real deployment, whose integration accounts get a random
/// token from `tianping user token`).
pub const DEFAULT_DEMO_API_TOKEN: &str = "tpk_demo-hotline-12345-not-for-real-use-2026";

/// The integration account that gets the demo API token.
pub const DEMO_INTEGRATION_ACCOUNT: &str = "hotline12345";

/// The demo API token: `TIANPING_DEMO_API_TOKEN` or [`DEFAULT_DEMO_API_TOKEN`].
pub fn demo_api_token() -> String {
    std::env::var("TIANPING_DEMO_API_TOKEN")
        .ok()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| DEFAULT_DEMO_API_TOKEN.to_owned())
}

/// A demo account, for printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Display name.
    pub display_name: String,
    /// Agency name, if any.
    pub agency: Option<String>,
}

/// Seeds the demo data, or resets the demo passwords when it is already there.
pub async fn seed_demo(state: &AppState, password: &str) -> Result<Vec<DemoAccount>, ServiceError> {
    seed_demo_with(state, password, true).await
}

/// Seeds the demo organisation, and the demo cases when `with_cases` (tests that do not need
/// them skip the forty case histories).
pub async fn seed_demo_with(
    state: &AppState,
    password: &str,
    with_cases: bool,
) -> Result<Vec<DemoAccount>, ServiceError> {
    let existing = users::Entity::find()
        .filter(users::Column::Username.eq("admin"))
        .one(&state.db.conn)
        .await?;
    if existing.is_some() {
        reset_passwords(state, password).await?;
    } else {
        org::seed_organisation(state, password).await?;
        org::seed_catalogs(state).await?;
        org::seed_routing_rules(state).await?;
        org::seed_clues(state).await?;
        org::seed_oversight(state).await?;
        inspections::seed_lists(state, state.clock.now()).await?;
        if with_cases {
            cases::seed_cases(state).await?;
        }
    }
    seed_api_token(state, &demo_api_token()).await?;
    Ok(demo_accounts())
}

/// Gives the demo hotline account the demo API token, unless it already has it.
async fn seed_api_token(state: &AppState, token: &str) -> Result<(), ServiceError> {
    let Some(hotline) = users::Entity::find()
        .filter(users::Column::Username.eq(DEMO_INTEGRATION_ACCOUNT))
        .one(&state.db.conn)
        .await?
    else {
        return Ok(());
    };
    if hotline.api_token_sha256.as_deref() == Some(auth::api_token_digest(token).as_str()) {
        return Ok(());
    }
    auth::issue_api_token(state, AuditActor::system(), hotline.id, Some(token)).await?;
    Ok(())
}

/// The demo accounts as seeded.
pub fn demo_accounts() -> Vec<DemoAccount> {
    USERS
        .iter()
        .map(|(username, display_name, role, agency, _)| DemoAccount {
            username: (*username).into(),
            role: *role,
            display_name: (*display_name).into(),
            agency: agency
                .and_then(|code| AGENCIES.iter().find(|a| a.code == code))
                .map(|a| a.name.to_owned()),
        })
        .collect()
}

async fn reset_passwords(state: &AppState, password: &str) -> Result<(), ServiceError> {
    let password = tianping_domain::validate::Password::parse(
        tianping_domain::validate::Field::Password,
        password,
    )?;
    let hash = auth::hash_password_blocking(password.expose().to_owned()).await?;
    for (username, ..) in USERS {
        let Some(user) = users::Entity::find()
            .filter(users::Column::Username.eq(username))
            .one(&state.db.conn)
            .await?
        else {
            continue;
        };
        if auth::verify_password(password.expose(), &user.password_hash) {
            continue;
        }
        let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
        let id = user.id;
        let mut row: users::ActiveModel = user.into();
        row.password_hash = Set(hash.clone());
        row.password_changed_at = Set(uow.now());
        row.update(uow.txn()).await?;
        auth::revoke_all_sessions(&uow, id).await?;
        uow.record(NewEvent {
            actor: AuditActor::system(),
            action: "user.password_reset",
            subject_type: "user",
            subject_id: id.to_string(),
            payload: json!({ "reason": "seed --demo" }),
        });
        uow.commit().await?;
    }
    Ok(())
}

/// A view of the state whose clock stands on a given instant.
fn at(state: &AppState, when: DateTime<Utc>) -> AppState {
    AppState {
        clock: Arc::new(FixedClock::new(when)),
        ..state.clone()
    }
}

/// The demo account `username` as an actor.
async fn actor(state: &AppState, username: &str) -> Result<Actor, ServiceError> {
    let user = users::Entity::find()
        .filter(users::Column::Username.eq(username))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    auth::load_actor(state, &user).await
}
