//! The random draws of 双随机、一公开 (issue 23 item 3): each draw's item, the commitment to its
//! seed (logged in the audit log by an earlier commit than the draw's), the seed, the candidate
//! enterprises and officers it drew from and what it drew. Everything here is published: anyone
//! re-runs the draw from the seed and the candidates (`tianping_domain::inspection::draw`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InspectionDraws {
    Table,
    Id,
    AgencyId,
    ItemId,
    DrawnOn,
    Commitment,
    CommitmentSeq,
    Seed,
    EnterpriseCandidates,
    EnterprisesDrawn,
    OfficerCandidates,
    OfficersDrawn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum InspectionItems {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let text = |c: InspectionDraws| ColumnDef::new(c).text().not_null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(InspectionDraws::Table)
                    .col(
                        ColumnDef::new(InspectionDraws::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(InspectionDraws::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(InspectionDraws::ItemId).integer().not_null())
                    .col(ColumnDef::new(InspectionDraws::DrawnOn).date().not_null())
                    .col(
                        ColumnDef::new(InspectionDraws::Commitment)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionDraws::CommitmentSeq)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionDraws::Seed)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(text(InspectionDraws::EnterpriseCandidates))
                    .col(text(InspectionDraws::EnterprisesDrawn))
                    .col(text(InspectionDraws::OfficerCandidates))
                    .col(text(InspectionDraws::OfficersDrawn))
                    .col(
                        ColumnDef::new(InspectionDraws::CreatedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionDraws::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionDraws::Table, InspectionDraws::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionDraws::Table, InspectionDraws::ItemId)
                            .to(InspectionItems::Table, InspectionItems::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspection_draws_agency")
                    .table(InspectionDraws::Table)
                    .col(InspectionDraws::AgencyId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InspectionDraws::Table).to_owned())
            .await
    }
}
