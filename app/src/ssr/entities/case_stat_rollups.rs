//! `case_stat_rollups`: running totals of the statistics per dimension (`agency`, `officer`,
//! `matter`), key, agency and month received (`tianping_domain::supervision::rollup`).

use sea_orm::entity::prelude::*;

/// One row of totals.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_stat_rollups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub dimension: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub opened: i64,
    pub closed: i64,
    pub penalties: i64,
    pub no_penalties: i64,
    pub fines_fen: i64,
    pub handling_days: i64,
    pub reviews_passed: i64,
    pub reviews_returned: i64,
    pub hearings: i64,
    pub overdue: i64,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
