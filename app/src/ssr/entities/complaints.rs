//! `complaints`: complaints, reports and evaluations from the portal. `contact_*` is private:
//! only the supervision side reads it.

use sea_orm::entity::prelude::*;

/// One complaint.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub tracking_no: String,
    pub kind: String,
    pub agency_id: i32,
    pub case_number: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub rating: Option<i16>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub status: String,
    pub received_at: DateTimeUtc,
    pub received_on: Date,
    pub assign_by: Date,
    pub reply_by: Date,
    pub assigned_agency_id: Option<i32>,
    pub assigned_by: Option<i32>,
    pub assigned_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub handling_note: Option<String>,
    pub handled_by: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply: Option<String>,
    pub replied_by: Option<i32>,
    pub replied_at: Option<DateTimeUtc>,
    pub answered_on: Option<Date>,
    /// The key of the submission that filed it (`ValidComplaint::submission_key`), unique: a
    /// second identical submission finds this complaint instead of filing another.
    pub submission_key: Option<String>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
