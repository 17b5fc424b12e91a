//! `supervision_notices`: supervision opinions and decisions (监督意见书 / 监督决定书).

use sea_orm::entity::prelude::*;

/// One notice.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The supervision body that issued it.
    pub body_id: i32,
    /// The agency it is addressed to.
    pub agency_id: i32,
    /// `opinion` or `decision`.
    pub kind: String,
    /// What a decision orders.
    pub order_kind: Option<String>,
    pub number: String,
    pub year: i32,
    pub seq: i32,
    pub source: String,
    pub source_ref: String,
    #[sea_orm(column_type = "Text")]
    pub problems: String,
    #[sea_orm(column_type = "Text")]
    pub requirements: String,
    #[sea_orm(column_type = "Text")]
    pub basis: String,
    pub deadline: Date,
    /// `issued`, `reported`, `returned` or `closed`.
    pub status: String,
    /// The day of the agency's first report (says whether it answered in time).
    pub first_report_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub issued_on: Date,
    pub issued_by: i32,
    pub issued_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
