//! `holiday_years`: a year's official holiday arrangement as an administrator loaded it.

use sea_orm::entity::prelude::*;

/// One loaded year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "holiday_years")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// JSON of the year's [`tianping_domain::calendar::HolidayYear`].
    #[sea_orm(column_type = "Text")]
    pub data: String,
    pub loaded_at: DateTimeUtc,
    pub loaded_by: i32,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
