//! `discretion_standards`: an agency's discretion standard (裁量基准) per violated provision:
//! a fine band for each circumstance.

use sea_orm::entity::prelude::*;

/// One provision's bands.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "discretion_standards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub provision: String,
    pub title: String,
    pub minor_min_fen: i64,
    pub minor_max_fen: i64,
    pub general_min_fen: i64,
    pub general_max_fen: i64,
    pub serious_min_fen: i64,
    pub serious_max_fen: i64,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
