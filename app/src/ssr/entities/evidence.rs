//! `evidence`: evidence items and structured records (笔录) of a case, with the file if any.

use sea_orm::entity::prelude::*;

/// One item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: String,
    pub title: String,
    pub sha256: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    pub collected_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub location: String,
    pub subject: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub content: Option<String>,
    pub device: Option<String>,
    pub certified_collectors: i32,
    pub recorded_by: i32,
    pub recorded_at: DateTimeUtc,
    pub collector_problem: bool,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
