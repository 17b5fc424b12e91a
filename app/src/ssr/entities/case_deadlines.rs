//! `case_deadlines`: each statutory deadline a case has started, with its due date and status
//! (`running`, `paused`, `stopped`).

use sea_orm::entity::prelude::*;

/// One deadline of one case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_deadlines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: String,
    pub started_on: Date,
    pub due_on: Date,
    pub status: String,
    pub paused_on: Option<Date>,
    pub paused_days: i32,
    pub extension_days: i32,
    pub ended_on: Option<Date>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
