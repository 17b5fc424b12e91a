//! Reconsideration and litigation against decisions (行政复议、行政诉讼): one row per challenge,
//! with its result once given (`tianping_domain::remedy`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseRemedies {
    Table,
    Id,
    CaseId,
    Kind,
    Body,
    FiledOn,
    RecordedBy,
    RecordedAt,
    Outcome,
    DecidedOn,
    Note,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CaseRemedies::Table)
                    .col(
                        ColumnDef::new(CaseRemedies::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseRemedies::CaseId).integer().not_null())
                    .col(ColumnDef::new(CaseRemedies::Kind).string_len(24).not_null())
                    .col(ColumnDef::new(CaseRemedies::Body).text().not_null())
                    .col(ColumnDef::new(CaseRemedies::FiledOn).date().not_null())
                    .col(
                        ColumnDef::new(CaseRemedies::RecordedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseRemedies::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseRemedies::Outcome).string_len(24).null())
                    .col(ColumnDef::new(CaseRemedies::DecidedOn).date().null())
                    .col(ColumnDef::new(CaseRemedies::Note).text().null())
                    .col(ColumnDef::new(CaseRemedies::DecidedBy).integer().null())
                    .col(
                        ColumnDef::new(CaseRemedies::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseRemedies::Table, CaseRemedies::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_remedies_case")
                    .table(CaseRemedies::Table)
                    .col(CaseRemedies::CaseId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseRemedies::Table).to_owned())
            .await
    }
}
