//! `audit_head`: the single row (id = 1) naming the last appended event.

use sea_orm::entity::prelude::*;

/// The recorded head.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_head")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub seq: i64,
    pub hash: String,
    /// How many events the Merkle tree covers.
    pub tree_size: i64,
    /// The tree's right edge, `"{size}:{hex of the peaks}"`; `None` or another size than
    /// `tree_size` means it is restored from `merkle_nodes` instead.
    #[sea_orm(column_type = "Text", nullable)]
    pub frontier: Option<String>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
