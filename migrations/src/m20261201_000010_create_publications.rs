//! Publication records of penalty decisions (事后公开): drafted when a decision is issued, with
//! the party's private data redacted; approved before anything is public; withdrawn, never
//! deleted, when the decision is changed, revoked or found illegal or invalid.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Publications {
    Table,
    Id,
    CaseId,
    AgencyId,
    DocumentId,
    Number,
    CaseNumber,
    Title,
    PartyKind,
    PartyName,
    Provision,
    FineFen,
    DecidedOn,
    DueOn,
    Body,
    Status,
    ApprovedBy,
    PublishedAt,
    PublishedOn,
    DisplayUntil,
    WithdrawnAt,
    WithdrawnBy,
    WithdrawalBasis,
    WithdrawalReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let text = |c: Publications| ColumnDef::new(c).text().not_null().to_owned();
        let when = |c: Publications| {
            ColumnDef::new(c)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(Publications::Table)
                    .col(
                        ColumnDef::new(Publications::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Publications::CaseId).integer().not_null())
                    .col(ColumnDef::new(Publications::AgencyId).integer().not_null())
                    .col(
                        ColumnDef::new(Publications::DocumentId)
                            .integer()
                            .not_null(),
                    )
                    .col(text(Publications::Number))
                    .col(text(Publications::CaseNumber))
                    .col(text(Publications::Title))
                    .col(
                        ColumnDef::new(Publications::PartyKind)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(text(Publications::PartyName))
                    .col(text(Publications::Provision))
                    .col(ColumnDef::new(Publications::FineFen).big_integer().null())
                    .col(ColumnDef::new(Publications::DecidedOn).date().not_null())
                    .col(ColumnDef::new(Publications::DueOn).date().not_null())
                    .col(text(Publications::Body))
                    .col(
                        ColumnDef::new(Publications::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Publications::ApprovedBy).integer().null())
                    .col(when(Publications::PublishedAt))
                    .col(ColumnDef::new(Publications::PublishedOn).date().null())
                    .col(ColumnDef::new(Publications::DisplayUntil).date().null())
                    .col(when(Publications::WithdrawnAt))
                    .col(ColumnDef::new(Publications::WithdrawnBy).integer().null())
                    .col(
                        ColumnDef::new(Publications::WithdrawalBasis)
                            .string_len(24)
                            .null(),
                    )
                    .col(ColumnDef::new(Publications::WithdrawalReason).text().null())
                    .col(
                        ColumnDef::new(Publications::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Publications::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Publications::Table, Publications::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            ("uq_publications_case", vec![Publications::CaseId], true),
            (
                "idx_publications_status_decided",
                vec![Publications::Status, Publications::DecidedOn],
                false,
            ),
            (
                "idx_publications_agency",
                vec![Publications::AgencyId, Publications::Status],
                false,
            ),
        ] {
            let mut idx = Index::create()
                .name(name)
                .table(Publications::Table)
                .to_owned();
            for c in cols {
                idx.col(c);
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
            .drop_table(Table::drop().table(Publications::Table).to_owned())
            .await
    }
}
