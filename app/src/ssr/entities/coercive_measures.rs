//! `coercive_measures`: seal-ups and seizures (查封、扣押) from the proposal or the emergency
//! on the spot to the release. `items` holds the list, one item per line; `testing` the
//! testing periods as JSON (`[{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD" | null}]`).

use sea_orm::entity::prelude::*;

/// One measure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coercive_measures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub agency_id: i32,
    pub inspection_id: Option<i32>,
    pub kind: String,
    pub state: String,
    #[sea_orm(column_type = "Text")]
    pub party: String,
    #[sea_orm(column_type = "Text")]
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub items: String,
    #[sea_orm(column_type = "Text")]
    pub legal_basis: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub party_present: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub witness: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub custody: Option<String>,
    pub emergency: bool,
    pub taken_at: Option<DateTimeUtc>,
    pub reported_at: Option<DateTimeUtc>,
    pub approved: bool,
    pub approved_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
    pub decided_on: Option<Date>,
    pub extension_days: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub extension_reason: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub testing: String,
    pub release_reason: Option<String>,
    pub released_on: Option<Date>,
    pub released_by: Option<i32>,
    pub proposed_by: i32,
    pub proposed_at: DateTimeUtc,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
