//! `parties`: the parties (当事人) of a case.

use sea_orm::entity::prelude::*;

/// One party.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "parties")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: String,
    pub name: String,
    pub id_number: Option<String>,
    pub credit_code: Option<String>,
    pub legal_representative: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    /// The identity document's kind ([`tianping_domain::party::IdKind`]'s machine name).
    pub id_kind: String,
    /// A natural person's birth date when the document number does not carry it.
    pub birth_date: Option<Date>,
    pub created_at: DateTimeUtc,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
