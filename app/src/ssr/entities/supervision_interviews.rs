//! `supervision_interviews`: interviews (约谈) of the supervision body with agencies.

use sea_orm::entity::prelude::*;

/// One interview.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_interviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The supervision body that held it.
    pub body_id: i32,
    /// The agency interviewed.
    pub agency_id: i32,
    pub held_on: Date,
    /// One per line.
    #[sea_orm(column_type = "Text")]
    pub participants: String,
    #[sea_orm(column_type = "Text")]
    pub reasons: String,
    #[sea_orm(column_type = "Text")]
    pub commitments: String,
    pub follow_up_on: Date,
    pub followed_up_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub follow_up_note: Option<String>,
    pub recorded_by: i32,
    pub recorded_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
