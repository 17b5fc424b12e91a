//! `publication_requests`: requests of the public to correct or remove early a published
//! decision. `requester_name`, `contact_phone` and `reason` are private: only the agency's side
//! reads them.

use sea_orm::entity::prelude::*;

/// One request.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "publication_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub tracking_no: String,
    pub publication_id: i32,
    pub agency_id: i32,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub requester_name: String,
    pub contact_phone: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub status: String,
    pub received_at: DateTimeUtc,
    pub received_on: Date,
    pub review_by: Date,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub public_note: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub answered_on: Option<Date>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
