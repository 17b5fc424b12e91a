//! `review_catalogs`: one version of an agency's major-decision catalog (重大执法决定目录清单);
//! `criteria` is the JSON of `tianping_domain::review::ReviewCatalog`.

use sea_orm::entity::prelude::*;

/// One catalog version.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_catalogs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub version: i32,
    pub effective_from: Date,
    #[sea_orm(column_type = "Text")]
    pub criteria: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
