//! `case_remedies`: reconsideration and litigation against a case's decision, with the result
//! once given (`tianping_domain::remedy`).

use sea_orm::entity::prelude::*;

/// One challenge.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_remedies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: String,
    pub body: String,
    pub filed_on: Date,
    pub recorded_by: i32,
    pub recorded_at: DateTimeUtc,
    pub outcome: Option<String>,
    pub decided_on: Option<Date>,
    pub note: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
