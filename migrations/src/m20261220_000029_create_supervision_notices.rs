//! Supervision opinions and decisions (监督意见书 / 监督决定书, issue 24 item 2): the notice
//! (its instrument, what a decision orders, its number per body, instrument and year, the
//! source, problems, requirements, basis, the rectification deadline and its status) and its
//! steps (the agency's reports with their evidence, the supervisor's acceptance or return).
//! The rules are `tianping_domain::supervision::notice`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionNotices {
    Table,
    Id,
    BodyId,
    AgencyId,
    Kind,
    OrderKind,
    Number,
    Year,
    Seq,
    Source,
    SourceRef,
    Problems,
    Requirements,
    Basis,
    Deadline,
    Status,
    FirstReportOn,
    ClosedOn,
    IssuedOn,
    IssuedBy,
    IssuedAt,
}

#[derive(DeriveIden)]
enum SupervisionNoticeSteps {
    Table,
    Id,
    NoticeId,
    Step,
    Body,
    Evidence,
    ActorId,
    OnDay,
    At,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

const UNIQUE_NUMBER: &str = "uq_supervision_notices_body_kind_year_seq";
const STEPS_BY_NOTICE: &str = "ix_supervision_notice_steps_notice";
const NOTICES_BY_AGENCY: &str = "ix_supervision_notices_agency";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use SupervisionNoticeSteps as S;
        use SupervisionNotices as N;
        manager
            .create_table(
                Table::create()
                    .table(N::Table)
                    .col(
                        ColumnDef::new(N::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(N::BodyId).integer().not_null())
                    .col(ColumnDef::new(N::AgencyId).integer().not_null())
                    .col(ColumnDef::new(N::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(N::OrderKind).string_len(32).null())
                    .col(ColumnDef::new(N::Number).string_len(60).not_null())
                    .col(ColumnDef::new(N::Year).integer().not_null())
                    .col(ColumnDef::new(N::Seq).integer().not_null())
                    .col(ColumnDef::new(N::Source).string_len(16).not_null())
                    .col(ColumnDef::new(N::SourceRef).string_len(200).not_null())
                    .col(ColumnDef::new(N::Problems).text().not_null())
                    .col(ColumnDef::new(N::Requirements).text().not_null())
                    .col(ColumnDef::new(N::Basis).text().not_null())
                    .col(ColumnDef::new(N::Deadline).date().not_null())
                    .col(ColumnDef::new(N::Status).string_len(16).not_null())
                    .col(ColumnDef::new(N::FirstReportOn).date().null())
                    .col(ColumnDef::new(N::ClosedOn).date().null())
                    .col(ColumnDef::new(N::IssuedOn).date().not_null())
                    .col(ColumnDef::new(N::IssuedBy).integer().not_null())
                    .col(
                        ColumnDef::new(N::IssuedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(N::Table, N::BodyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(N::Table, N::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Two notices issued at once cannot take the same number.
        manager
            .create_index(
                Index::create()
                    .name(UNIQUE_NUMBER)
                    .table(N::Table)
                    .col(N::BodyId)
                    .col(N::Kind)
                    .col(N::Year)
                    .col(N::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NOTICES_BY_AGENCY)
                    .table(N::Table)
                    .col(N::AgencyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(
                        ColumnDef::new(S::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(S::NoticeId).integer().not_null())
                    .col(ColumnDef::new(S::Step).string_len(16).not_null())
                    .col(ColumnDef::new(S::Body).text().not_null())
                    .col(ColumnDef::new(S::Evidence).text().not_null())
                    .col(ColumnDef::new(S::ActorId).integer().not_null())
                    .col(ColumnDef::new(S::OnDay).date().not_null())
                    .col(ColumnDef::new(S::At).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(S::Table, S::NoticeId)
                            .to(N::Table, N::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(STEPS_BY_NOTICE)
                    .table(S::Table)
                    .col(S::NoticeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(SupervisionNoticeSteps::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SupervisionNotices::Table).to_owned())
            .await
    }
}
