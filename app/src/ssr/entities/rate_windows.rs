//! `rate_windows`: the current fixed window of anonymous submissions per client (keyed by a
//! salted hash of the client address).

use sea_orm::entity::prelude::*;

/// One client's window.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_windows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub started_at: DateTimeUtc,
    pub count: i32,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
