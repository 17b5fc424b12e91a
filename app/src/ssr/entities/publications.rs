//! `publications`: the publication record of a penalty decision (redacted text, status,
//! display period, withdrawal).

use sea_orm::entity::prelude::*;

/// One publication record.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "publications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub agency_id: i32,
    pub document_id: i32,
    #[sea_orm(column_type = "Text")]
    pub number: String,
    #[sea_orm(column_type = "Text")]
    pub case_number: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub party_kind: String,
    #[sea_orm(column_type = "Text")]
    pub party_name: String,
    #[sea_orm(column_type = "Text")]
    pub provision: String,
    pub fine_fen: Option<i64>,
    pub decided_on: Date,
    pub due_on: Date,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub status: String,
    pub approved_by: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
    pub published_on: Option<Date>,
    pub display_until: Option<Date>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<i32>,
    pub withdrawal_basis: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub withdrawal_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
