//! Supervision: acknowledgements of warnings (预警确认) and supervision matters (督办).
//!
//! A warning itself is computed, never stored; its acknowledgement is keyed by the warning's
//! stable key, so it lapses when a new cause appears. A matter keeps its requirement, deadline,
//! the agency's answer and the supervisor's conclusion (every step is also an audit event).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WarningAcks {
    Table,
    Id,
    CaseId,
    WarningKey,
    Comment,
    AcknowledgedBy,
    AcknowledgedAt,
}

#[derive(DeriveIden)]
enum SupervisionMatters {
    Table,
    Id,
    CaseId,
    AgencyId,
    Status,
    Requirement,
    DueOn,
    OpenedBy,
    OpenedAt,
    Response,
    AnsweredBy,
    AnsweredAt,
    Conclusion,
    ClosedBy,
    ClosedAt,
    Rounds,
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
                    .table(WarningAcks::Table)
                    .col(
                        ColumnDef::new(WarningAcks::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(WarningAcks::CaseId).integer().not_null())
                    .col(
                        ColumnDef::new(WarningAcks::WarningKey)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(ColumnDef::new(WarningAcks::Comment).text().not_null())
                    .col(
                        ColumnDef::new(WarningAcks::AcknowledgedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(WarningAcks::AcknowledgedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WarningAcks::Table, WarningAcks::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_warning_acks_case_key")
                    .table(WarningAcks::Table)
                    .col(WarningAcks::CaseId)
                    .col(WarningAcks::WarningKey)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupervisionMatters::Table)
                    .col(
                        ColumnDef::new(SupervisionMatters::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::CaseId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::Requirement)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(SupervisionMatters::DueOn).date().not_null())
                    .col(
                        ColumnDef::new(SupervisionMatters::OpenedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::OpenedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(SupervisionMatters::Response).text().null())
                    .col(
                        ColumnDef::new(SupervisionMatters::AnsweredBy)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::AnsweredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(SupervisionMatters::Conclusion).text().null())
                    .col(
                        ColumnDef::new(SupervisionMatters::ClosedBy)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::ClosedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SupervisionMatters::Rounds)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupervisionMatters::Table, SupervisionMatters::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_supervision_matters_agency")
                    .table(SupervisionMatters::Table)
                    .col(SupervisionMatters::AgencyId)
                    .col(SupervisionMatters::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SupervisionMatters::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(WarningAcks::Table).to_owned())
            .await
    }
}
