//! Interviews (约谈) and circulars (通报) of the supervision body (issue 24 item 3): an
//! interview with an agency (held on, participants one per line, reasons, commitments, the
//! follow-up day and, once recorded, the follow-up); a circular (its number per body and
//! year, title, text, scope internal or public, the agencies it names as comma-separated
//! ids). The rules are `tianping_domain::supervision::oversight`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionInterviews {
    Table,
    Id,
    BodyId,
    AgencyId,
    HeldOn,
    Participants,
    Reasons,
    Commitments,
    FollowUpOn,
    FollowedUpOn,
    FollowUpNote,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum SupervisionCirculars {
    Table,
    Id,
    BodyId,
    Number,
    Year,
    Seq,
    Title,
    Body,
    Scope,
    AgencyIds,
    IssuedOn,
    IssuedBy,
    IssuedAt,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

const UNIQUE_NUMBER: &str = "uq_supervision_circulars_body_year_seq";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use SupervisionCirculars as C;
        use SupervisionInterviews as I;
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .col(
                        ColumnDef::new(I::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(I::BodyId).integer().not_null())
                    .col(ColumnDef::new(I::AgencyId).integer().not_null())
                    .col(ColumnDef::new(I::HeldOn).date().not_null())
                    .col(ColumnDef::new(I::Participants).text().not_null())
                    .col(ColumnDef::new(I::Reasons).text().not_null())
                    .col(ColumnDef::new(I::Commitments).text().not_null())
                    .col(ColumnDef::new(I::FollowUpOn).date().not_null())
                    .col(ColumnDef::new(I::FollowedUpOn).date().null())
                    .col(ColumnDef::new(I::FollowUpNote).text().null())
                    .col(ColumnDef::new(I::RecordedBy).integer().not_null())
                    .col(
                        ColumnDef::new(I::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(I::Table, I::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(
                        ColumnDef::new(C::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(C::BodyId).integer().not_null())
                    .col(ColumnDef::new(C::Number).string_len(60).not_null())
                    .col(ColumnDef::new(C::Year).integer().not_null())
                    .col(ColumnDef::new(C::Seq).integer().not_null())
                    .col(ColumnDef::new(C::Title).string_len(200).not_null())
                    .col(ColumnDef::new(C::Body).text().not_null())
                    .col(ColumnDef::new(C::Scope).string_len(16).not_null())
                    .col(ColumnDef::new(C::AgencyIds).text().not_null())
                    .col(ColumnDef::new(C::IssuedOn).date().not_null())
                    .col(ColumnDef::new(C::IssuedBy).integer().not_null())
                    .col(
                        ColumnDef::new(C::IssuedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(C::Table, C::BodyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Two circulars issued at once cannot take the same number.
        manager
            .create_index(
                Index::create()
                    .name(UNIQUE_NUMBER)
                    .table(C::Table)
                    .col(C::BodyId)
                    .col(C::Year)
                    .col(C::Seq)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SupervisionCirculars::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SupervisionInterviews::Table).to_owned())
            .await
    }
}
