//! Services: one function per use case. Each checks authorization with
//! `tianping_domain::authz::can`, parses its input, and writes through a `UnitOfWork`.

pub mod annual;
pub mod audit_log;
pub mod cases;
pub mod clues;
pub mod coercive;
pub mod complaints;
pub mod holidays;
pub mod inspections;
pub mod names;
pub mod org;
pub mod publication_requests;
pub mod publications;
pub mod remedies;
pub mod reviews;
pub mod statistics;
pub mod supervision;

use std::collections::HashMap;

use sea_orm::EntityTrait;
use tianping_domain::authz::{Action, Actor, AgencyScope, can};

pub(crate) use super::util::random_bytes;
use super::{AppState, ServiceError, entities::agencies};

/// The agencies on which `actor` may take the action `action_for` builds for each, by id.
pub async fn agencies_where(
    state: &AppState,
    actor: &Actor,
    action_for: impl for<'a> Fn(&'a AgencyScope) -> Action<'a>,
) -> Result<HashMap<i32, agencies::Model>, ServiceError> {
    Ok(agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .filter(|a| {
            let scope = a.scope();
            can(actor, &action_for(&scope)).is_ok()
        })
        .map(|a| (a.id, a))
        .collect())
}
