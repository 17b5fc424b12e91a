//! `file_review_files`: the case files drawn for a review round, and their scores.

use sea_orm::entity::prelude::*;

/// One drawn file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "file_review_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub case_id: i32,
    pub agency_id: i32,
    /// `drawn`, `scored`, `objected` or `final`.
    pub status: String,
    pub total: Option<i32>,
    pub grade: Option<String>,
    /// The points lost per criterion, JSON (`[{"key", "points", "comment"}]`).
    #[sea_orm(column_type = "Text")]
    pub deductions: String,
    /// The total before the objection.
    pub first_total: Option<i32>,
    pub scored_by: Option<i32>,
    pub scored_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub objection: Option<String>,
    pub objected_by: Option<i32>,
    pub objected_on: Option<Date>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
