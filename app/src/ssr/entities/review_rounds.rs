//! `review_rounds`: one round of legal review of a case — what was submitted, which catalog
//! entries it matched, and the reviewer's findings, outcome and opinion. Every round is kept.

use sea_orm::entity::prelude::*;

/// One round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub round: i32,
    pub catalog_id: Option<i32>,
    /// JSON array of the matched `Criterion`s.
    #[sea_orm(column_type = "Text")]
    pub matched: String,
    /// JSON of the `Submission` texts plus the evidence list.
    #[sea_orm(column_type = "Text")]
    pub materials: String,
    pub submitted_by: i32,
    pub submitted_at: DateTimeUtc,
    pub due_on: Date,
    /// `pending` or the `ReviewOutcome`'s machine name.
    pub status: String,
    pub reviewer_id: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    /// JSON array of `PointFinding`s.
    #[sea_orm(column_type = "Text", nullable)]
    pub findings: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub opinion: Option<String>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
