//! `merkle_nodes`: the roots of the complete perfect subtrees of the audit log's Merkle tree
//! (level 0: the leaves), keyed by (level, index); written once, never changed.

use sea_orm::entity::prelude::*;

/// One node.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "merkle_nodes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub level: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub idx: i64,
    pub hash: String,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
