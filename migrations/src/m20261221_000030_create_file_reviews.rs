//! Case-file review (案卷评查, issue 24 item 1): a round (its period, agencies, sample size,
//! the template it scores against, the committed seed and the candidates drawn from) and its
//! drawn files (each case, its status, its score with the points lost per criterion, the
//! agency's objection and the score before it). The rules are
//! `tianping_domain::supervision::file_review`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FileReviewRounds {
    Table,
    Id,
    BodyId,
    Name,
    PeriodFrom,
    PeriodTo,
    AgencyIds,
    SampleSize,
    Criteria,
    Commitment,
    CommitmentSeq,
    Seed,
    Candidates,
    CreatedBy,
    CreatedOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FileReviewFiles {
    Table,
    Id,
    RoundId,
    CaseId,
    AgencyId,
    Status,
    Total,
    Grade,
    Deductions,
    FirstTotal,
    ScoredBy,
    ScoredOn,
    Objection,
    ObjectedBy,
    ObjectedOn,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

const UNIQUE_FILE: &str = "uq_file_review_files_round_case";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use FileReviewFiles as F;
        use FileReviewRounds as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(
                        ColumnDef::new(R::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(R::BodyId).integer().not_null())
                    .col(ColumnDef::new(R::Name).string_len(200).not_null())
                    .col(ColumnDef::new(R::PeriodFrom).date().not_null())
                    .col(ColumnDef::new(R::PeriodTo).date().not_null())
                    .col(ColumnDef::new(R::AgencyIds).text().not_null())
                    .col(ColumnDef::new(R::SampleSize).integer().not_null())
                    .col(ColumnDef::new(R::Criteria).text().not_null())
                    .col(ColumnDef::new(R::Commitment).string_len(64).not_null())
                    .col(ColumnDef::new(R::CommitmentSeq).big_integer().not_null())
                    .col(ColumnDef::new(R::Seed).string_len(64).not_null())
                    .col(ColumnDef::new(R::Candidates).text().not_null())
                    .col(ColumnDef::new(R::CreatedBy).integer().not_null())
                    .col(ColumnDef::new(R::CreatedOn).date().not_null())
                    .col(
                        ColumnDef::new(R::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::BodyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(
                        ColumnDef::new(F::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(F::RoundId).integer().not_null())
                    .col(ColumnDef::new(F::CaseId).integer().not_null())
                    .col(ColumnDef::new(F::AgencyId).integer().not_null())
                    .col(ColumnDef::new(F::Status).string_len(16).not_null())
                    .col(ColumnDef::new(F::Total).integer().null())
                    .col(ColumnDef::new(F::Grade).string_len(16).null())
                    .col(ColumnDef::new(F::Deductions).text().not_null())
                    .col(ColumnDef::new(F::FirstTotal).integer().null())
                    .col(ColumnDef::new(F::ScoredBy).integer().null())
                    .col(ColumnDef::new(F::ScoredOn).date().null())
                    .col(ColumnDef::new(F::Objection).text().null())
                    .col(ColumnDef::new(F::ObjectedBy).integer().null())
                    .col(ColumnDef::new(F::ObjectedOn).date().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(F::Table, F::RoundId)
                            .to(R::Table, R::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(F::Table, F::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(F::Table, F::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A case is drawn once per round.
        manager
            .create_index(
                Index::create()
                    .name(UNIQUE_FILE)
                    .table(F::Table)
                    .col(F::RoundId)
                    .col(F::CaseId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FileReviewFiles::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FileReviewRounds::Table).to_owned())
            .await
    }
}
