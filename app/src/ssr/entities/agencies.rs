//! `agencies`: enforcement agencies (执法主体) and supervision bodies (司法局).

use sea_orm::entity::prelude::*;

/// One agency.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region_code: String,
    pub region_name: String,
    pub credit_code: String,
    #[sea_orm(column_type = "Text")]
    pub legal_basis: String,
    pub created_at: DateTimeUtc,
    pub hearing_threshold_person_fen: Option<i64>,
    pub hearing_threshold_org_fen: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reconsideration_body: Option<String>,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// What the authorization rules need to know about this agency.
    pub fn scope(&self) -> tianping_domain::authz::AgencyScope {
        tianping_domain::authz::AgencyScope {
            agency_id: self.id,
            region_code: self.region_code.clone(),
        }
    }
}
