//! `sessions`: one row per issued token (its `jti`), so logout and password changes revoke it.

use sea_orm::entity::prelude::*;

/// One session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    pub issued_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    /// When the session was last used (to the minute); `None`: not since it was issued.
    pub last_seen_at: Option<DateTimeUtc>,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
