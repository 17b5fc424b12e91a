//! `supervision_notice_steps`: the reports, acceptances and returns of a supervision notice.

use sea_orm::entity::prelude::*;

/// One step.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_notice_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub notice_id: i32,
    /// `report`, `accept` or `return`.
    pub step: String,
    /// The report's text, or the supervisor's note or reason.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// A report's evidence, one item per line.
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    pub actor_id: i32,
    pub on_day: Date,
    pub at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
