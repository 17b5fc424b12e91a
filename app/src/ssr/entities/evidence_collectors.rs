//! `evidence_collectors`: the officers who collected an evidence item or took a record.

use sea_orm::entity::prelude::*;

/// One collector of one item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_collectors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub evidence_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
