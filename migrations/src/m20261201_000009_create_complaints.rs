//! Complaints, reports and evaluations from the portal (投诉举报、评议), the rate-limit windows
//! of anonymous submissions, and the indexes the supervision statistics read by.
//!
//! The complainant's contact data lives only in `complaints.contact_*`; no public view reads
//! those columns. A rate-limit window is keyed by a salted hash of the client address, never
//! the address itself.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
    TrackingNo,
    Kind,
    AgencyId,
    CaseNumber,
    Subject,
    Content,
    Rating,
    ContactName,
    ContactPhone,
    Status,
    ReceivedAt,
    ReceivedOn,
    AssignBy,
    ReplyBy,
    AssignedAgencyId,
    AssignedBy,
    AssignedAt,
    HandlingNote,
    HandledBy,
    HandledAt,
    Reply,
    RepliedBy,
    RepliedAt,
    AnsweredOn,
}

#[derive(DeriveIden)]
enum RateWindows {
    Table,
    Key,
    StartedAt,
    Count,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
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
        let text = |c: Complaints| ColumnDef::new(c).text().not_null().to_owned();
        let when = |c: Complaints| {
            ColumnDef::new(c)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(Complaints::Table)
                    .col(
                        ColumnDef::new(Complaints::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Complaints::TrackingNo)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Complaints::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Complaints::AgencyId).integer().not_null())
                    .col(ColumnDef::new(Complaints::CaseNumber).string_len(64).null())
                    .col(text(Complaints::Subject))
                    .col(text(Complaints::Content))
                    .col(ColumnDef::new(Complaints::Rating).small_integer().null())
                    .col(
                        ColumnDef::new(Complaints::ContactName)
                            .string_len(64)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Complaints::ContactPhone)
                            .string_len(32)
                            .null(),
                    )
                    .col(ColumnDef::new(Complaints::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Complaints::ReceivedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Complaints::ReceivedOn).date().not_null())
                    .col(ColumnDef::new(Complaints::AssignBy).date().not_null())
                    .col(ColumnDef::new(Complaints::ReplyBy).date().not_null())
                    .col(
                        ColumnDef::new(Complaints::AssignedAgencyId)
                            .integer()
                            .null(),
                    )
                    .col(ColumnDef::new(Complaints::AssignedBy).integer().null())
                    .col(when(Complaints::AssignedAt))
                    .col(ColumnDef::new(Complaints::HandlingNote).text().null())
                    .col(ColumnDef::new(Complaints::HandledBy).integer().null())
                    .col(when(Complaints::HandledAt))
                    .col(ColumnDef::new(Complaints::Reply).text().null())
                    .col(ColumnDef::new(Complaints::RepliedBy).integer().null())
                    .col(when(Complaints::RepliedAt))
                    .col(ColumnDef::new(Complaints::AnsweredOn).date().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Complaints::Table, Complaints::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Complaints::Table, Complaints::AssignedAgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for idx in [
            index(
                "uq_complaints_tracking",
                "complaints",
                &["tracking_no"],
                true,
            ),
            index(
                "idx_complaints_agency_received",
                "complaints",
                &["agency_id", "received_on"],
                false,
            ),
            index(
                "idx_complaints_assigned",
                "complaints",
                &["assigned_agency_id", "status"],
                false,
            ),
            index(
                "idx_cases_agency_received",
                "cases",
                &["agency_id", "received_on"],
                false,
            ),
            index(
                "idx_review_rounds_case",
                "review_rounds",
                &["case_id"],
                false,
            ),
        ] {
            manager.create_index(idx).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RateWindows::Table)
                    .col(
                        ColumnDef::new(RateWindows::Key)
                            .string_len(80)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RateWindows::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RateWindows::Count).integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("idx_review_rounds_case", "review_rounds"),
            ("idx_cases_agency_received", "cases"),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(RateWindows::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Complaints::Table).to_owned())
            .await
    }
}
