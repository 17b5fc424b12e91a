//! `case_stat_facts`: what the supervision statistics know of each case
//! (`tianping_domain::supervision::rollup::CaseFacts`), refreshed in the unit of work that
//! changes the case. `officers` is the assigned officers' ids, comma-separated, ascending.

use sea_orm::entity::prelude::*;

/// One case's facts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_stat_facts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i32,
    pub agency_id: i32,
    pub month: String,
    pub received_on: Date,
    pub matter_id: Option<i32>,
    pub officers: String,
    pub closed_on: Option<Date>,
    pub penalty: bool,
    pub no_penalty: bool,
    pub fine_fen: i64,
    pub reviews_passed: i64,
    pub reviews_returned: i64,
    pub hearing: bool,
    pub overdue_settled: bool,
    pub running_due: Option<Date>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
