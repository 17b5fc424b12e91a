//! `audit_checkpoints`: signed checkpoints (tree size, root, key) with the note text as signed.

use sea_orm::entity::prelude::*;

/// One checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_checkpoints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub size: i64,
    pub root: String,
    pub signed_at: DateTimeUtc,
    pub key_name: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
