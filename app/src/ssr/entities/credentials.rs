//! `credentials`: enforcement certificates (执法证) and legal qualifications (法律职业资格).

use sea_orm::entity::prelude::*;

/// One credential.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credentials")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub kind: String,
    pub number: String,
    pub scope: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub revoked: bool,
    pub created_at: DateTimeUtc,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
