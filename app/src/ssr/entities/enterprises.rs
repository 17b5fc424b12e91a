//! `enterprises`: the inspection targets (检查对象库). `supervision_code` is the unguessable
//! code of the enterprise's QR (行政执法监督码).

use sea_orm::entity::prelude::*;

/// One enterprise or individual business.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprises")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub supervision_code: String,
    pub credit_code: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub address: String,
    pub region_code: String,
    pub grade: String,
    pub created_at: DateTimeUtc,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
