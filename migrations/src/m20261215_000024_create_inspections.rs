//! Administrative inspections of enterprises (issue 23): each agency's published inspection
//! items list (行政检查事项清单), the inspection targets (检查对象库: enterprises with their
//! supervision code and grade), the inspections themselves and the officers named for each.
//!
//! An enterprise's `supervision_code` is the unguessable code of its QR (行政执法监督码); an
//! inspection's `code` is what anyone at the door checks. Both are unique. A visit's year for
//! the cap is the year of `registered_on`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InspectionItems {
    Table,
    Id,
    AgencyId,
    Code,
    Name,
    LegalBasis,
    Level,
    Method,
    Standard,
    Published,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Enterprises {
    Table,
    Id,
    SupervisionCode,
    CreditCode,
    Name,
    Kind,
    Address,
    RegionCode,
    Grade,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Inspections {
    Table,
    Id,
    Code,
    AgencyId,
    ItemId,
    EnterpriseId,
    Kind,
    JointGroup,
    Emergency,
    State,
    WindowFrom,
    WindowTo,
    Approved,
    ApprovedBy,
    ApprovedAt,
    ProposedBy,
    ProposedAt,
    RegisteredOn,
    RegisteredAt,
    RegisteredBy,
    Findings,
    Outcome,
    ResultNote,
    NotifiedAt,
    ClosedAt,
    ClueId,
    Rating,
    RatingComment,
    RatedAt,
}

#[derive(DeriveIden)]
enum InspectionOfficers {
    Table,
    InspectionId,
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

fn id<T: IntoIden>(c: T) -> ColumnDef {
    ColumnDef::new(c)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn index(name: &str, table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut idx = Index::create()
        .name(name)
        .table(Alias::new(table))
        .to_owned();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    if unique {
        idx.unique();
    }
    idx
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let when_null = |c: Inspections| {
            ColumnDef::new(c)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(InspectionItems::Table)
                    .col(id(InspectionItems::Id))
                    .col(
                        ColumnDef::new(InspectionItems::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionItems::Code)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(InspectionItems::Name).text().not_null())
                    .col(
                        ColumnDef::new(InspectionItems::LegalBasis)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionItems::Level)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionItems::Method)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(InspectionItems::Standard).text().not_null())
                    .col(
                        ColumnDef::new(InspectionItems::Published)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionItems::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionItems::Table, InspectionItems::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Enterprises::Table)
                    .col(id(Enterprises::Id))
                    .col(
                        ColumnDef::new(Enterprises::SupervisionCode)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Enterprises::CreditCode)
                            .string_len(18)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Enterprises::Name).text().not_null())
                    .col(ColumnDef::new(Enterprises::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Enterprises::Address).text().not_null())
                    .col(
                        ColumnDef::new(Enterprises::RegionCode)
                            .string_len(12)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Enterprises::Grade).string_len(1).not_null())
                    .col(
                        ColumnDef::new(Enterprises::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Inspections::Table)
                    .col(id(Inspections::Id))
                    .col(ColumnDef::new(Inspections::Code).string_len(40).not_null())
                    .col(ColumnDef::new(Inspections::AgencyId).integer().not_null())
                    .col(ColumnDef::new(Inspections::ItemId).integer().not_null())
                    .col(
                        ColumnDef::new(Inspections::EnterpriseId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Inspections::Kind).string_len(24).not_null())
                    .col(ColumnDef::new(Inspections::JointGroup).big_integer().null())
                    .col(ColumnDef::new(Inspections::Emergency).boolean().not_null())
                    .col(ColumnDef::new(Inspections::State).string_len(16).not_null())
                    .col(ColumnDef::new(Inspections::WindowFrom).date().not_null())
                    .col(ColumnDef::new(Inspections::WindowTo).date().not_null())
                    .col(ColumnDef::new(Inspections::Approved).boolean().not_null())
                    .col(ColumnDef::new(Inspections::ApprovedBy).integer().null())
                    .col(when_null(Inspections::ApprovedAt))
                    .col(ColumnDef::new(Inspections::ProposedBy).integer().not_null())
                    .col(
                        ColumnDef::new(Inspections::ProposedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Inspections::RegisteredOn).date().null())
                    .col(when_null(Inspections::RegisteredAt))
                    .col(ColumnDef::new(Inspections::RegisteredBy).integer().null())
                    .col(ColumnDef::new(Inspections::Findings).text().null())
                    .col(ColumnDef::new(Inspections::Outcome).string_len(16).null())
                    .col(ColumnDef::new(Inspections::ResultNote).text().null())
                    .col(when_null(Inspections::NotifiedAt))
                    .col(when_null(Inspections::ClosedAt))
                    .col(ColumnDef::new(Inspections::ClueId).integer().null())
                    .col(ColumnDef::new(Inspections::Rating).small_integer().null())
                    .col(ColumnDef::new(Inspections::RatingComment).text().null())
                    .col(when_null(Inspections::RatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inspections::Table, Inspections::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inspections::Table, Inspections::ItemId)
                            .to(InspectionItems::Table, InspectionItems::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inspections::Table, Inspections::EnterpriseId)
                            .to(Enterprises::Table, Enterprises::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InspectionOfficers::Table)
                    .col(
                        ColumnDef::new(InspectionOfficers::InspectionId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InspectionOfficers::UserId)
                            .integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(InspectionOfficers::InspectionId)
                            .col(InspectionOfficers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionOfficers::Table, InspectionOfficers::InspectionId)
                            .to(Inspections::Table, Inspections::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionOfficers::Table, InspectionOfficers::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for idx in [
            index(
                "uq_inspection_items_code",
                "inspection_items",
                &["agency_id", "code"],
                true,
            ),
            index(
                "uq_enterprises_supervision_code",
                "enterprises",
                &["supervision_code"],
                true,
            ),
            index(
                "uq_enterprises_credit_code",
                "enterprises",
                &["credit_code"],
                true,
            ),
            index("uq_inspections_code", "inspections", &["code"], true),
            index(
                "idx_inspections_enterprise",
                "inspections",
                &["enterprise_id", "agency_id", "registered_on"],
                false,
            ),
            index(
                "idx_inspections_agency_state",
                "inspections",
                &["agency_id", "state"],
                false,
            ),
            index(
                "idx_inspection_officers_user",
                "inspection_officers",
                &["user_id"],
                false,
            ),
        ] {
            manager.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "inspection_officers",
            "inspections",
            "enterprises",
            "inspection_items",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
