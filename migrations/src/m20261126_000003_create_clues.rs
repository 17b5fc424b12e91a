//! Case clues (案源) in each agency's intake queue. A sender's reference is unique per
//! sending account, which makes pushing the same clue twice store it once.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Clues {
    Table,
    Id,
    AgencyId,
    SubmittedBy,
    Source,
    Reference,
    Title,
    Description,
    Location,
    ReportedAt,
    ReporterName,
    ReporterPhone,
    Status,
    DeclineReason,
    ReceivedAt,
    DecidedAt,
    DecidedBy,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Clues::Table)
                    .col(
                        ColumnDef::new(Clues::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Clues::AgencyId).integer().not_null())
                    .col(ColumnDef::new(Clues::SubmittedBy).integer().not_null())
                    .col(ColumnDef::new(Clues::Source).string_len(16).not_null())
                    .col(ColumnDef::new(Clues::Reference).string_len(64).not_null())
                    .col(ColumnDef::new(Clues::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Clues::Description).text().not_null())
                    .col(ColumnDef::new(Clues::Location).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Clues::ReportedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Clues::ReporterName).string_len(50).null())
                    .col(ColumnDef::new(Clues::ReporterPhone).string_len(20).null())
                    .col(ColumnDef::new(Clues::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Clues::DeclineReason).text().null())
                    .col(
                        ColumnDef::new(Clues::ReceivedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Clues::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Clues::DecidedBy).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Clues::Table, Clues::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Clues::Table, Clues::SubmittedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_clues_sender_reference")
                    .table(Clues::Table)
                    .col(Clues::SubmittedBy)
                    .col(Clues::Reference)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_clues_agency_status")
                    .table(Clues::Table)
                    .col(Clues::AgencyId)
                    .col(Clues::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Clues::Table).to_owned())
            .await
    }
}
