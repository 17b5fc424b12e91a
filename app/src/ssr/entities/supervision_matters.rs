//! `supervision_matters`: supervision matters (督办) on cases.

use sea_orm::entity::prelude::*;

/// One matter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_matters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub agency_id: i32,
    /// `open`, `answered` or `closed`.
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub requirement: String,
    pub due_on: Date,
    pub opened_by: i32,
    pub opened_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub response: Option<String>,
    pub answered_by: Option<i32>,
    pub answered_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub conclusion: Option<String>,
    pub closed_by: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
    pub rounds: i32,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
