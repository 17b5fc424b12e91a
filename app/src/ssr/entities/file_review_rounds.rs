//! `file_review_rounds`: case-file review rounds (案卷评查).

use sea_orm::entity::prelude::*;

/// One round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "file_review_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The supervision body that runs it.
    pub body_id: i32,
    pub name: String,
    pub period_from: Date,
    pub period_to: Date,
    /// Comma-separated ids of the agencies reviewed.
    #[sea_orm(column_type = "Text")]
    pub agency_ids: String,
    pub sample_size: i32,
    /// The template, JSON (`[{"key", "label", "weight"}]`).
    #[sea_orm(column_type = "Text")]
    pub criteria: String,
    /// SHA-256 of the seed, logged before the draw.
    pub commitment: String,
    /// The audit event that logged it.
    pub commitment_seq: i64,
    /// The seed, hex.
    pub seed: String,
    /// The candidate case ids, JSON.
    #[sea_orm(column_type = "Text")]
    pub candidates: String,
    pub created_by: i32,
    pub created_on: Date,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
