//! `warning_acks`: acknowledgements of supervision warnings, keyed by the warning's stable key.

use sea_orm::entity::prelude::*;

/// One acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "warning_acks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub warning_key: String,
    #[sea_orm(column_type = "Text")]
    pub comment: String,
    pub acknowledged_by: i32,
    pub acknowledged_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
