//! `issued_documents`: official documents as issued, with their number, verification code,
//! the PDF's SHA-256 and the model it was rendered from.

use sea_orm::entity::prelude::*;

/// One issued document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issued_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub case_document_id: i32,
    pub agency_id: i32,
    pub kind: String,
    pub year: i32,
    pub serial: i64,
    pub number: String,
    pub verification_code: String,
    pub sha256: String,
    pub size: i64,
    /// JSON of the `DocumentModel` the PDF was rendered from.
    #[sea_orm(column_type = "Text")]
    pub model: String,
    /// JSON of the redacted public version's model (decisions only).
    #[sea_orm(column_type = "Text", nullable)]
    pub public_model: Option<String>,
    pub issued_at: DateTimeUtc,
    pub issued_by: i32,
    pub supersedes_id: Option<i32>,
    /// The document's standing: [`tianping_domain::document::IssuedStatus`]'s machine name.
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub status_reason: Option<String>,
    pub audit_seq: Option<i64>,
    /// SHA-256 of the public version's PDF as the portal serves it (decisions only).
    pub public_sha256: Option<String>,
}

/// No navigable relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
