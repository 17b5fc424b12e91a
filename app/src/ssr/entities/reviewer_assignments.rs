//! `reviewer_assignments`: which agencies a legal reviewer serves.

use sea_orm::entity::prelude::*;

/// One reviewer–agency pair.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviewer_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub reviewer_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i32,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
