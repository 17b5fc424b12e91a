//! `inspection_items`: an agency's inspection items list (行政检查事项清单). Only a published
//! item may be inspected.

use sea_orm::entity::prelude::*;

/// One item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub code: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub legal_basis: String,
    pub level: String,
    pub method: String,
    #[sea_orm(column_type = "Text")]
    pub standard: String,
    pub published: bool,
    pub created_at: DateTimeUtc,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
