//! `clue_routing_rules`: the matters of each agency's powers list with the words that name
//! them, by which clues that name no agency are routed (`tianping_domain::supervision::routing`).

use sea_orm::entity::prelude::*;

/// One matter of one agency.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clue_routing_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub matter: String,
    /// One word per line.
    #[sea_orm(column_type = "Text")]
    pub keywords: String,
    pub position: i32,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
