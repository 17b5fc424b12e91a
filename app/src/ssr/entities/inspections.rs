//! `inspections`: administrative inspections of enterprises, from the proposal to the close.
//! `code` is what anyone at the door checks; `rating*` is the enterprise's evaluation.

use sea_orm::entity::prelude::*;

/// One inspection.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub agency_id: i32,
    pub item_id: i32,
    pub enterprise_id: i32,
    pub kind: String,
    pub joint_group: Option<i64>,
    pub emergency: bool,
    pub state: String,
    pub window_from: Date,
    pub window_to: Date,
    pub approved: bool,
    pub approved_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
    pub proposed_by: i32,
    pub proposed_at: DateTimeUtc,
    pub registered_on: Option<Date>,
    pub registered_at: Option<DateTimeUtc>,
    pub registered_by: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub findings: Option<String>,
    pub outcome: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub result_note: Option<String>,
    pub notified_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub clue_id: Option<i32>,
    pub rating: Option<i16>,
    #[sea_orm(column_type = "Text", nullable)]
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTimeUtc>,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
