//! `inspection_officers`: the officers named for an inspection.

use sea_orm::entity::prelude::*;

/// One officer of one inspection.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_officers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub inspection_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
