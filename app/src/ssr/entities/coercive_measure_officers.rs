//! `coercive_measure_officers`: the officers who carry out a coercive measure (at least two).

use sea_orm::entity::prelude::*;

/// One officer of one measure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coercive_measure_officers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub measure_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
