//! `audit_events`: the hash chain (see `tianping_domain::audit`).

use sea_orm::entity::prelude::*;

/// One stored event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    pub occurred_at: String,
    pub actor_id: Option<i32>,
    pub actor_role: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
