//! `clues`: case clues in each agency's intake queue.

use sea_orm::entity::prelude::*;

/// One clue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clues")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub submitted_by: i32,
    pub source: String,
    pub reference: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub location: String,
    pub reported_at: DateTimeUtc,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub decline_reason: Option<String>,
    pub received_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    /// How the clue came to its queue (`RoutedBy`).
    pub routed_by: String,
    /// The matter that routed it (by the rules).
    pub routing_matter: Option<String>,
    /// The words that routed it, one per line.
    #[sea_orm(column_type = "Text", nullable)]
    pub routing_matched: Option<String>,
    /// The agencies that tied (unrouted) or the person's reason (sent back, assigned).
    #[sea_orm(column_type = "Text", nullable)]
    pub routing_note: Option<String>,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
