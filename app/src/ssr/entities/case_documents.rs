//! `case_documents`: the documents (文书) each step of a case produced, linked to the audit
//! event that recorded the step.

use sea_orm::entity::prelude::*;

/// One document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: String,
    pub audit_seq: Option<i64>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
