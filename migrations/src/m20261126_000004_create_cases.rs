//! Penalty cases and their full-process record: the case row (current state and the facts the
//! state machine needs), the officers on it, parties, evidence and records with the officers
//! who collected them, content-addressed files, running deadlines, the documents each step
//! produced, and each agency's discretion standard (裁量基准).
//!
//! Money is stored in fen (`big_integer`), days as dates, instants as timestamps with time
//! zone. The case row carries the most urgent running deadline (`next_due_on`) so the case
//! list can filter and sort by it without touching `case_deadlines`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    Number,
    AgencyId,
    ClueId,
    Procedure,
    State,
    SuspendedFrom,
    Title,
    Description,
    Location,
    Source,
    ReceivedOn,
    ActDate,
    LimitationEnds,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    FiledOn,
    Outcome,
    Major,
    ReviewPassed,
    ReviewPassedAfterHearing,
    DiscretionStandardId,
    Circumstance,
    PriorNoticeOn,
    ProposedFineFen,
    StatementWindowEnds,
    HearingRequestWindowEnds,
    HearingEligible,
    RightsWaived,
    HearingDate,
    HearingHeld,
    CollectiveDiscussionRequired,
    CollectiveDiscussionDone,
    ExtensionsGranted,
    ExtensionDays,
    ExtensionDiscussed,
    SuspendedOn,
    SuspendedDays,
    DecisionOutcome,
    FineFen,
    DecidedOn,
    DiscretionCheck,
    DiscretionJustification,
    ServedOn,
    ServiceMethod,
    EServiceConsent,
    PaidFen,
    ExecutionFinished,
    CloseReason,
    ClosedOn,
    StateReason,
    NextDueOn,
    NextDueKind,
}

#[derive(DeriveIden)]
enum CaseOfficers {
    Table,
    CaseId,
    UserId,
    Assigned,
    Investigator,
    Recused,
}

#[derive(DeriveIden)]
enum Parties {
    Table,
    Id,
    CaseId,
    Kind,
    Name,
    IdNumber,
    CreditCode,
    LegalRepresentative,
    Phone,
    Address,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Blobs {
    Table,
    Sha256,
    Size,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Evidence {
    Table,
    Id,
    CaseId,
    Kind,
    Title,
    Sha256,
    FileName,
    ContentType,
    Size,
    CollectedAt,
    EndedAt,
    Location,
    Subject,
    Content,
    Device,
    CertifiedCollectors,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum EvidenceCollectors {
    Table,
    EvidenceId,
    UserId,
}

#[derive(DeriveIden)]
enum CaseDeadlines {
    Table,
    Id,
    CaseId,
    Kind,
    StartedOn,
    DueOn,
    Status,
    PausedOn,
    PausedDays,
    ExtensionDays,
    EndedOn,
}

#[derive(DeriveIden)]
enum CaseDocuments {
    Table,
    Id,
    CaseId,
    Kind,
    AuditSeq,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DiscretionStandards {
    Table,
    Id,
    AgencyId,
    Provision,
    Title,
    MinorMinFen,
    MinorMaxFen,
    GeneralMinFen,
    GeneralMaxFen,
    SeriousMinFen,
    SeriousMaxFen,
    Active,
    CreatedAt,
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

#[derive(DeriveIden)]
enum Clues {
    Table,
    Id,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut idx = Index::create().name(name).table(table).to_owned();
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
        manager
            .create_table(
                Table::create()
                    .table(DiscretionStandards::Table)
                    .col(id(DiscretionStandards::Id))
                    .col(
                        ColumnDef::new(DiscretionStandards::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::Provision)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::MinorMinFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::MinorMaxFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::GeneralMinFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::GeneralMaxFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::SeriousMinFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::SeriousMaxFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::Active)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(
                        ColumnDef::new(DiscretionStandards::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (DiscretionStandards::Table, DiscretionStandards::AgencyId),
                        (Agencies::Table, Agencies::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        let date = |c: Cases| ColumnDef::new(c).date().null().to_owned();
        let text = |c: Cases| ColumnDef::new(c).text().null().to_owned();
        let short = |c: Cases| ColumnDef::new(c).string_len(32).null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(Cases::Table)
                    .col(id(Cases::Id))
                    .col(ColumnDef::new(Cases::Number).string_len(64).not_null())
                    .col(ColumnDef::new(Cases::AgencyId).integer().not_null())
                    .col(ColumnDef::new(Cases::ClueId).integer().null())
                    .col(ColumnDef::new(Cases::Procedure).string_len(16).not_null())
                    .col(ColumnDef::new(Cases::State).string_len(32).not_null())
                    .col(short(Cases::SuspendedFrom))
                    .col(ColumnDef::new(Cases::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Cases::Description).text().not_null())
                    .col(ColumnDef::new(Cases::Location).string_len(200).not_null())
                    .col(ColumnDef::new(Cases::Source).string_len(32).not_null())
                    .col(ColumnDef::new(Cases::ReceivedOn).date().not_null())
                    .col(date(Cases::ActDate))
                    .col(date(Cases::LimitationEnds))
                    .col(ColumnDef::new(Cases::CreatedBy).integer().not_null())
                    .col(
                        ColumnDef::new(Cases::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Cases::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(date(Cases::FiledOn))
                    .col(short(Cases::Outcome))
                    .col(flag(Cases::Major))
                    .col(flag(Cases::ReviewPassed))
                    .col(flag(Cases::ReviewPassedAfterHearing))
                    .col(ColumnDef::new(Cases::DiscretionStandardId).integer().null())
                    .col(short(Cases::Circumstance))
                    .col(date(Cases::PriorNoticeOn))
                    .col(ColumnDef::new(Cases::ProposedFineFen).big_integer().null())
                    .col(date(Cases::StatementWindowEnds))
                    .col(date(Cases::HearingRequestWindowEnds))
                    .col(flag(Cases::HearingEligible))
                    .col(flag(Cases::RightsWaived))
                    .col(date(Cases::HearingDate))
                    .col(flag(Cases::HearingHeld))
                    .col(flag(Cases::CollectiveDiscussionRequired))
                    .col(flag(Cases::CollectiveDiscussionDone))
                    .col(
                        ColumnDef::new(Cases::ExtensionsGranted)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Cases::ExtensionDays)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(flag(Cases::ExtensionDiscussed))
                    .col(date(Cases::SuspendedOn))
                    .col(
                        ColumnDef::new(Cases::SuspendedDays)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(short(Cases::DecisionOutcome))
                    .col(ColumnDef::new(Cases::FineFen).big_integer().null())
                    .col(date(Cases::DecidedOn))
                    .col(short(Cases::DiscretionCheck))
                    .col(text(Cases::DiscretionJustification))
                    .col(date(Cases::ServedOn))
                    .col(short(Cases::ServiceMethod))
                    .col(flag(Cases::EServiceConsent))
                    .col(
                        ColumnDef::new(Cases::PaidFen)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(flag(Cases::ExecutionFinished))
                    .col(short(Cases::CloseReason))
                    .col(date(Cases::ClosedOn))
                    .col(text(Cases::StateReason))
                    .col(date(Cases::NextDueOn))
                    .col(short(Cases::NextDueKind))
                    .foreign_key(&mut fk(
                        (Cases::Table, Cases::AgencyId),
                        (Agencies::Table, Agencies::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Cases::Table, Cases::ClueId),
                        (Clues::Table, Clues::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Cases::Table, Cases::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Cases::Table, Cases::DiscretionStandardId),
                        (DiscretionStandards::Table, DiscretionStandards::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("uq_cases_number", Cases::Table, &["number"], true))
            .await?;
        manager
            .create_index(index("uq_cases_clue", Cases::Table, &["clue_id"], true))
            .await?;
        manager
            .create_index(index(
                "idx_cases_agency_state",
                Cases::Table,
                &["agency_id", "state"],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_cases_agency_due",
                Cases::Table,
                &["agency_id", "next_due_on"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseOfficers::Table)
                    .col(ColumnDef::new(CaseOfficers::CaseId).integer().not_null())
                    .col(ColumnDef::new(CaseOfficers::UserId).integer().not_null())
                    .col(flag(CaseOfficers::Assigned))
                    .col(flag(CaseOfficers::Investigator))
                    .col(flag(CaseOfficers::Recused))
                    .primary_key(
                        Index::create()
                            .col(CaseOfficers::CaseId)
                            .col(CaseOfficers::UserId),
                    )
                    .foreign_key(&mut fk(
                        (CaseOfficers::Table, CaseOfficers::CaseId),
                        (Cases::Table, Cases::Id),
                    ))
                    .foreign_key(&mut fk(
                        (CaseOfficers::Table, CaseOfficers::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_case_officers_user",
                CaseOfficers::Table,
                &["user_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Parties::Table)
                    .col(id(Parties::Id))
                    .col(ColumnDef::new(Parties::CaseId).integer().not_null())
                    .col(ColumnDef::new(Parties::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Parties::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Parties::IdNumber).string_len(18).null())
                    .col(ColumnDef::new(Parties::CreditCode).string_len(18).null())
                    .col(
                        ColumnDef::new(Parties::LegalRepresentative)
                            .string_len(50)
                            .null(),
                    )
                    .col(ColumnDef::new(Parties::Phone).string_len(20).null())
                    .col(ColumnDef::new(Parties::Address).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Parties::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Parties::Table, Parties::CaseId),
                        (Cases::Table, Cases::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_parties_case",
                Parties::Table,
                &["case_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Blobs::Table)
                    .col(
                        ColumnDef::new(Blobs::Sha256)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Blobs::Size).big_integer().not_null())
                    .col(
                        ColumnDef::new(Blobs::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Evidence::Table)
                    .col(id(Evidence::Id))
                    .col(ColumnDef::new(Evidence::CaseId).integer().not_null())
                    .col(ColumnDef::new(Evidence::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Evidence::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Evidence::Sha256).string_len(64).null())
                    .col(ColumnDef::new(Evidence::FileName).string_len(255).null())
                    .col(ColumnDef::new(Evidence::ContentType).string_len(100).null())
                    .col(ColumnDef::new(Evidence::Size).big_integer().null())
                    .col(
                        ColumnDef::new(Evidence::CollectedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Evidence::EndedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Evidence::Location)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Evidence::Subject).string_len(100).null())
                    .col(ColumnDef::new(Evidence::Content).text().null())
                    .col(ColumnDef::new(Evidence::Device).string_len(100).null())
                    .col(
                        ColumnDef::new(Evidence::CertifiedCollectors)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Evidence::RecordedBy).integer().not_null())
                    .col(
                        ColumnDef::new(Evidence::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Evidence::Table, Evidence::CaseId),
                        (Cases::Table, Cases::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Evidence::Table, Evidence::Sha256),
                        (Blobs::Table, Blobs::Sha256),
                    ))
                    .foreign_key(&mut fk(
                        (Evidence::Table, Evidence::RecordedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_evidence_case",
                Evidence::Table,
                &["case_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceCollectors::Table)
                    .col(
                        ColumnDef::new(EvidenceCollectors::EvidenceId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EvidenceCollectors::UserId)
                            .integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(EvidenceCollectors::EvidenceId)
                            .col(EvidenceCollectors::UserId),
                    )
                    .foreign_key(&mut fk(
                        (EvidenceCollectors::Table, EvidenceCollectors::EvidenceId),
                        (Evidence::Table, Evidence::Id),
                    ))
                    .foreign_key(&mut fk(
                        (EvidenceCollectors::Table, EvidenceCollectors::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseDeadlines::Table)
                    .col(id(CaseDeadlines::Id))
                    .col(ColumnDef::new(CaseDeadlines::CaseId).integer().not_null())
                    .col(
                        ColumnDef::new(CaseDeadlines::Kind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseDeadlines::StartedOn).date().not_null())
                    .col(ColumnDef::new(CaseDeadlines::DueOn).date().not_null())
                    .col(
                        ColumnDef::new(CaseDeadlines::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseDeadlines::PausedOn).date().null())
                    .col(
                        ColumnDef::new(CaseDeadlines::PausedDays)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(CaseDeadlines::ExtensionDays)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(CaseDeadlines::EndedOn).date().null())
                    .foreign_key(&mut fk(
                        (CaseDeadlines::Table, CaseDeadlines::CaseId),
                        (Cases::Table, Cases::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "uq_case_deadlines_kind",
                CaseDeadlines::Table,
                &["case_id", "kind"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseDocuments::Table)
                    .col(id(CaseDocuments::Id))
                    .col(ColumnDef::new(CaseDocuments::CaseId).integer().not_null())
                    .col(
                        ColumnDef::new(CaseDocuments::Kind)
                            .string_len(48)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseDocuments::AuditSeq).big_integer().null())
                    .col(
                        ColumnDef::new(CaseDocuments::CreatedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseDocuments::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (CaseDocuments::Table, CaseDocuments::CaseId),
                        (Cases::Table, Cases::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_case_documents_case",
                CaseDocuments::Table,
                &["case_id"],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CaseDocuments::Table.into_iden(),
            CaseDeadlines::Table.into_iden(),
            EvidenceCollectors::Table.into_iden(),
            Evidence::Table.into_iden(),
            Blobs::Table.into_iden(),
            Parties::Table.into_iden(),
            CaseOfficers::Table.into_iden(),
            Cases::Table.into_iden(),
            DiscretionStandards::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
