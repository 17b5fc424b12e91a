//! `supervision_circulars`: circulars (通报) of the supervision body, internal or public.

use sea_orm::entity::prelude::*;

/// One circular.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_circulars")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The supervision body that issued it.
    pub body_id: i32,
    pub number: String,
    pub year: i32,
    pub seq: i32,
    pub title: String,
    /// As written (a public one is published redacted).
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `internal` or `public`.
    pub scope: String,
    /// The agencies it names: comma-separated ids.
    #[sea_orm(column_type = "Text")]
    pub agency_ids: String,
    pub issued_on: Date,
    pub issued_by: i32,
    pub issued_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
