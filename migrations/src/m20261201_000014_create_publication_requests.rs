//! Requests of the public about a published decision (公示信息更正、信用修复提前移出;
//! `tianping_domain::publicity::request`): one row per request, with the agency's answer once
//! given.
//!
//! The requester's name, phone and reason live only in `requester_name`, `contact_phone` and
//! `reason`; no public view reads those columns. `agency_id` is the publishing agency, copied
//! so the queues are scoped without a join.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PublicationRequests {
    Table,
    Id,
    TrackingNo,
    PublicationId,
    AgencyId,
    Kind,
    RequesterName,
    ContactPhone,
    Reason,
    Status,
    ReceivedAt,
    ReceivedOn,
    ReviewBy,
    Answer,
    PublicNote,
    DecidedBy,
    DecidedAt,
    AnsweredOn,
}

#[derive(DeriveIden)]
enum Publications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use PublicationRequests as R;
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
                    .col(ColumnDef::new(R::TrackingNo).string_len(24).not_null())
                    .col(ColumnDef::new(R::PublicationId).integer().not_null())
                    .col(ColumnDef::new(R::AgencyId).integer().not_null())
                    .col(ColumnDef::new(R::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(R::RequesterName).text().not_null())
                    .col(ColumnDef::new(R::ContactPhone).string_len(32).not_null())
                    .col(ColumnDef::new(R::Reason).text().not_null())
                    .col(ColumnDef::new(R::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(R::ReceivedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(R::ReceivedOn).date().not_null())
                    .col(ColumnDef::new(R::ReviewBy).date().not_null())
                    .col(ColumnDef::new(R::Answer).text().null())
                    .col(ColumnDef::new(R::PublicNote).text().null())
                    .col(ColumnDef::new(R::DecidedBy).integer().null())
                    .col(
                        ColumnDef::new(R::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(R::AnsweredOn).date().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::PublicationId)
                            .to(Publications::Table, Publications::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            (
                "uq_publication_requests_tracking",
                &["tracking_no"][..],
                true,
            ),
            (
                "idx_publication_requests_agency",
                &["agency_id", "status"][..],
                false,
            ),
            (
                "idx_publication_requests_publication",
                &["publication_id"][..],
                false,
            ),
        ] {
            let mut idx = Index::create().name(name).table(R::Table).to_owned();
            for c in cols {
                idx.col(Alias::new(*c));
            }
            if unique {
                idx.unique();
            }
            manager.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PublicationRequests::Table).to_owned())
            .await
    }
}
