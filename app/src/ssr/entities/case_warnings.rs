//! `case_warnings`: the warning index — every warning a case can raise on some day
//! (`tianping_domain::supervision::IndexedWarning`), refreshed in the unit of work that changes
//! the case. `severity` is 1 (warning) or 2 (critical); `timing` and `anchor` say on which days
//! the row holds.

use sea_orm::entity::prelude::*;

/// One indexed warning.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_warnings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub agency_id: i32,
    pub kind: String,
    pub severity: i16,
    pub warning_key: String,
    pub timing: String,
    pub anchor: Option<Date>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
