//! `audit_keys`: the public halves of the keys that sign checkpoints, with their validity
//! windows (a retired key keeps verifying what it signed).

use sea_orm::entity::prelude::*;

/// One key.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// Hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    pub valid_from: DateTimeUtc,
    pub valid_to: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
