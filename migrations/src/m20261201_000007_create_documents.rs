//! Issued official documents (签发的执法文书) and their numbering.
//!
//! `document_counters` holds the last serial per agency, year and kind; it is bumped in the
//! same transaction that inserts the document, so numbers have no gaps and no duplicates (the
//! unique index on `issued_documents` is the backstop). `issued_documents` keeps the document
//! model (JSON) the PDF was rendered from (and, for decisions, the redacted public version's), the PDF's SHA-256 and size, the verification code,
//! and which earlier version it supersedes; rows are never updated but for `status`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DocumentCounters {
    Table,
    AgencyId,
    Year,
    Kind,
    LastSerial,
}

#[derive(DeriveIden)]
enum IssuedDocuments {
    Table,
    Id,
    CaseId,
    CaseDocumentId,
    AgencyId,
    Kind,
    Year,
    Serial,
    Number,
    VerificationCode,
    Sha256,
    Size,
    Model,
    PublicModel,
    IssuedAt,
    IssuedBy,
    SupersedesId,
    Status,
    StatusReason,
    AuditSeq,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CaseDocuments {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DocumentCounters::Table)
                    .col(
                        ColumnDef::new(DocumentCounters::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DocumentCounters::Year).integer().not_null())
                    .col(
                        ColumnDef::new(DocumentCounters::Kind)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentCounters::LastSerial)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(DocumentCounters::AgencyId)
                            .col(DocumentCounters::Year)
                            .col(DocumentCounters::Kind),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IssuedDocuments::Table)
                    .col(
                        ColumnDef::new(IssuedDocuments::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(IssuedDocuments::CaseId).integer().not_null())
                    .col(
                        ColumnDef::new(IssuedDocuments::CaseDocumentId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::Kind)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(ColumnDef::new(IssuedDocuments::Year).integer().not_null())
                    .col(
                        ColumnDef::new(IssuedDocuments::Serial)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::Number)
                            .string_len(80)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::VerificationCode)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::Size)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(IssuedDocuments::Model).text().not_null())
                    .col(ColumnDef::new(IssuedDocuments::PublicModel).text().null())
                    .col(
                        ColumnDef::new(IssuedDocuments::IssuedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::IssuedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::SupersedesId)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(IssuedDocuments::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(IssuedDocuments::StatusReason).text().null())
                    .col(
                        ColumnDef::new(IssuedDocuments::AuditSeq)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(IssuedDocuments::Table, IssuedDocuments::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(IssuedDocuments::Table, IssuedDocuments::CaseDocumentId)
                            .to(CaseDocuments::Table, CaseDocuments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            (
                "uq_issued_documents_serial",
                vec![
                    IssuedDocuments::AgencyId,
                    IssuedDocuments::Year,
                    IssuedDocuments::Kind,
                    IssuedDocuments::Serial,
                ],
                true,
            ),
            (
                "uq_issued_documents_code",
                vec![IssuedDocuments::VerificationCode],
                true,
            ),
            (
                "idx_issued_documents_case",
                vec![IssuedDocuments::CaseId],
                false,
            ),
            (
                "idx_issued_documents_sha",
                vec![IssuedDocuments::Sha256],
                false,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(IssuedDocuments::Table);
            for c in cols {
                index.col(c);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IssuedDocuments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(DocumentCounters::Table).to_owned())
            .await
    }
}
