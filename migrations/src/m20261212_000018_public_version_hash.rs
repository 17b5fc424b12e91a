//! Issue 19 item 13: `issued_documents.public_sha256`, the SHA-256 of the redacted public
//! version of a decision as the portal serves it, registered when the decision is issued so
//! that the portal's own public PDF verifies as the public version of that decision. NULL for
//! documents without a public version (and for those issued before this migration).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IssuedDocuments {
    Table,
    PublicSha256,
}

const INDEX: &str = "idx_issued_documents_public_sha256";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(IssuedDocuments::Table)
                    .add_column(
                        ColumnDef::new(IssuedDocuments::PublicSha256)
                            .string_len(64)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(IssuedDocuments::Table)
                    .col(IssuedDocuments::PublicSha256)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(IssuedDocuments::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IssuedDocuments::Table)
                    .drop_column(IssuedDocuments::PublicSha256)
                    .to_owned(),
            )
            .await
    }
}
