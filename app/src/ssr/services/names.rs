//! Display names by id, read in one query: what list and detail pages show beside an id.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ssr::{
    entities::{agencies, users},
    error::ServiceError,
    util::distinct,
};

/// The display names of these users (each id once; unknown ids are left out).
pub async fn user_names<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, ServiceError> {
    let ids = distinct(ids);
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The names of every agency.
pub async fn agency_names<C: ConnectionTrait>(
    conn: &C,
) -> Result<HashMap<i32, String>, ServiceError> {
    Ok(agencies::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}
