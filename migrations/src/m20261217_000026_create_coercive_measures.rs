//! Coercive measures (行政强制措施: 查封、扣押, issue 23 item 6): each measure's decision
//! (proposed and approved, or taken on the spot in an emergency and reported), its party,
//! place, list of items and custody, the officers who carry it out, its one extension, its
//! testing periods (a JSON list of `{from, to}` told to the party) and its release. The rules
//! are `tianping_domain::coercive`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CoerciveMeasures {
    Table,
    Id,
    Code,
    AgencyId,
    InspectionId,
    Kind,
    State,
    Party,
    Place,
    Items,
    LegalBasis,
    Reason,
    PartyPresent,
    Witness,
    Custody,
    Emergency,
    TakenAt,
    ReportedAt,
    Approved,
    ApprovedBy,
    ApprovedAt,
    DecidedOn,
    ExtensionDays,
    ExtensionReason,
    Testing,
    ReleaseReason,
    ReleasedOn,
    ReleasedBy,
    ProposedBy,
    ProposedAt,
}

#[derive(DeriveIden)]
enum CoerciveMeasureOfficers {
    Table,
    MeasureId,
    UserId,
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
        use CoerciveMeasures as M;
        let when = |c: M| {
            ColumnDef::new(c)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        let text = |c: M| ColumnDef::new(c).text().not_null().to_owned();
        let int_null = |c: M| ColumnDef::new(c).integer().null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(M::Table)
                    .col(
                        ColumnDef::new(M::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(M::Code).string_len(40).not_null())
                    .col(ColumnDef::new(M::AgencyId).integer().not_null())
                    .col(int_null(M::InspectionId))
                    .col(ColumnDef::new(M::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(M::State).string_len(16).not_null())
                    .col(text(M::Party))
                    .col(text(M::Place))
                    .col(text(M::Items))
                    .col(text(M::LegalBasis))
                    .col(text(M::Reason))
                    .col(ColumnDef::new(M::PartyPresent).boolean().not_null())
                    .col(ColumnDef::new(M::Witness).text().null())
                    .col(ColumnDef::new(M::Custody).text().null())
                    .col(ColumnDef::new(M::Emergency).boolean().not_null())
                    .col(when(M::TakenAt))
                    .col(when(M::ReportedAt))
                    .col(ColumnDef::new(M::Approved).boolean().not_null())
                    .col(int_null(M::ApprovedBy))
                    .col(when(M::ApprovedAt))
                    .col(ColumnDef::new(M::DecidedOn).date().null())
                    .col(int_null(M::ExtensionDays))
                    .col(ColumnDef::new(M::ExtensionReason).text().null())
                    .col(text(M::Testing))
                    .col(ColumnDef::new(M::ReleaseReason).string_len(32).null())
                    .col(ColumnDef::new(M::ReleasedOn).date().null())
                    .col(int_null(M::ReleasedBy))
                    .col(ColumnDef::new(M::ProposedBy).integer().not_null())
                    .col(
                        ColumnDef::new(M::ProposedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(M::Table, M::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(M::Table, M::ProposedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoerciveMeasureOfficers::Table)
                    .col(
                        ColumnDef::new(CoerciveMeasureOfficers::MeasureId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CoerciveMeasureOfficers::UserId)
                            .integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(CoerciveMeasureOfficers::MeasureId)
                            .col(CoerciveMeasureOfficers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                CoerciveMeasureOfficers::Table,
                                CoerciveMeasureOfficers::MeasureId,
                            )
                            .to(M::Table, M::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                CoerciveMeasureOfficers::Table,
                                CoerciveMeasureOfficers::UserId,
                            )
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_coercive_measures_code")
                    .table(M::Table)
                    .col(M::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_coercive_measures_agency")
                    .table(M::Table)
                    .col(M::AgencyId)
                    .col(M::State)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(CoerciveMeasureOfficers::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CoerciveMeasures::Table).to_owned())
            .await
    }
}
