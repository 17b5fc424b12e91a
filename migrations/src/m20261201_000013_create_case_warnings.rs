//! The warning index (预警索引): every warning each case can raise, whatever the day
//! (`tianping_domain::supervision::indexed_warnings`), kept by the application in the unit of
//! work that changes the case, so that the supervision dashboard reads the day's warnings with
//! a range query instead of judging every case.
//!
//! `timing` and `anchor` say when a row holds (`tianping_domain::supervision::Timing`): always,
//! or relative to a deadline's due date or a suspension's first day; the thresholds are applied
//! when reading. `case_stat_facts.warnings_indexed` marks the cases indexed: the application
//! indexes the others on start (existing cases after this upgrade, bulk imports).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseWarnings {
    Table,
    Id,
    CaseId,
    AgencyId,
    Kind,
    Severity,
    WarningKey,
    Timing,
    Anchor,
}

#[derive(DeriveIden)]
enum CaseStatFacts {
    Table,
    WarningsIndexed,
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
                    .table(CaseWarnings::Table)
                    .col(
                        ColumnDef::new(CaseWarnings::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseWarnings::CaseId).integer().not_null())
                    .col(ColumnDef::new(CaseWarnings::AgencyId).integer().not_null())
                    .col(ColumnDef::new(CaseWarnings::Kind).string_len(64).not_null())
                    // 1 = warning, 2 = critical: sortable.
                    .col(
                        ColumnDef::new(CaseWarnings::Severity)
                            .small_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseWarnings::WarningKey)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseWarnings::Timing)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseWarnings::Anchor).date().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseWarnings::Table, CaseWarnings::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_case_warnings_scope",
                &["agency_id", "timing", "anchor"][..],
            ),
            ("idx_case_warnings_case", &["case_id"][..]),
        ] {
            let mut idx = Index::create()
                .name(name)
                .table(CaseWarnings::Table)
                .to_owned();
            for c in cols {
                idx.col(Alias::new(*c));
            }
            manager.create_index(idx).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(CaseStatFacts::Table)
                    .add_column(
                        ColumnDef::new(CaseStatFacts::WarningsIndexed)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CaseStatFacts::Table)
                    .drop_column(CaseStatFacts::WarningsIndexed)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CaseWarnings::Table).to_owned())
            .await
    }
}
