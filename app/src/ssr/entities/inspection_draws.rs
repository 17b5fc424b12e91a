//! `inspection_draws`: the published random draws of 双随机、一公开. The candidate and result
//! lists are JSON arrays of strings (credit codes; certificate numbers).

use sea_orm::entity::prelude::*;

/// One draw.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_draws")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub item_id: i32,
    pub drawn_on: Date,
    pub commitment: String,
    pub commitment_seq: i64,
    pub seed: String,
    #[sea_orm(column_type = "Text")]
    pub enterprise_candidates: String,
    #[sea_orm(column_type = "Text")]
    pub enterprises_drawn: String,
    #[sea_orm(column_type = "Text")]
    pub officer_candidates: String,
    #[sea_orm(column_type = "Text")]
    pub officers_drawn: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
