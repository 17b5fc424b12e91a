//! Legal review of major decisions: each agency's versioned major-decision catalog
//! (`review_catalogs`, the entries as JSON so an agency's additions need no schema change), the
//! review rounds of each case with their materials, checklist findings, outcome and opinion
//! (`review_rounds`, every round kept), and the facts of the proposed penalty the catalog
//! judges, on the case row.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReviewCatalogs {
    Table,
    Id,
    AgencyId,
    Version,
    EffectiveFrom,
    Criteria,
    Note,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewRounds {
    Table,
    Id,
    CaseId,
    Round,
    CatalogId,
    Matched,
    Materials,
    SubmittedBy,
    SubmittedAt,
    DueOn,
    Status,
    ReviewerId,
    DecidedAt,
    Findings,
    Opinion,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    ConfiscationFen,
    Measures,
    ReviewFlags,
    DepartureFlagged,
}

#[derive(DeriveIden)]
enum Agencies {
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

/// The columns added to `cases`, one `ALTER TABLE` each (SQLite adds one column at a time).
fn case_columns() -> Vec<ColumnDef> {
    vec![
        ColumnDef::new(Cases::ConfiscationFen)
            .big_integer()
            .not_null()
            .default(0)
            .to_owned(),
        ColumnDef::new(Cases::Measures)
            .string_len(200)
            .not_null()
            .default("")
            .to_owned(),
        ColumnDef::new(Cases::ReviewFlags)
            .string_len(400)
            .not_null()
            .default("")
            .to_owned(),
        ColumnDef::new(Cases::DepartureFlagged)
            .boolean()
            .not_null()
            .default(false)
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReviewCatalogs::Table)
                    .col(id(ReviewCatalogs::Id))
                    .col(
                        ColumnDef::new(ReviewCatalogs::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReviewCatalogs::Version).integer().not_null())
                    .col(
                        ColumnDef::new(ReviewCatalogs::EffectiveFrom)
                            .date()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReviewCatalogs::Criteria).text().not_null())
                    .col(
                        ColumnDef::new(ReviewCatalogs::Note)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(ReviewCatalogs::CreatedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReviewCatalogs::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewCatalogs::Table, ReviewCatalogs::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_review_catalogs_agency_version",
                ReviewCatalogs::Table,
                &["agency_id", "version"],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReviewRounds::Table)
                    .col(id(ReviewRounds::Id))
                    .col(ColumnDef::new(ReviewRounds::CaseId).integer().not_null())
                    .col(ColumnDef::new(ReviewRounds::Round).integer().not_null())
                    .col(ColumnDef::new(ReviewRounds::CatalogId).integer().null())
                    .col(ColumnDef::new(ReviewRounds::Matched).text().not_null())
                    .col(ColumnDef::new(ReviewRounds::Materials).text().not_null())
                    .col(
                        ColumnDef::new(ReviewRounds::SubmittedBy)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReviewRounds::SubmittedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReviewRounds::DueOn).date().not_null())
                    .col(
                        ColumnDef::new(ReviewRounds::Status)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ReviewRounds::ReviewerId).integer().null())
                    .col(
                        ColumnDef::new(ReviewRounds::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(ReviewRounds::Findings).text().null())
                    .col(ColumnDef::new(ReviewRounds::Opinion).text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewRounds::Table, ReviewRounds::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewRounds::Table, ReviewRounds::CatalogId)
                            .to(ReviewCatalogs::Table, ReviewCatalogs::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ux_review_rounds_case_round",
                ReviewRounds::Table,
                &["case_id", "round"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "ix_review_rounds_status_submitted",
                ReviewRounds::Table,
                &["status", "submitted_at"],
                false,
            ))
            .await?;
        for mut col in case_columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            Cases::ConfiscationFen,
            Cases::Measures,
            Cases::ReviewFlags,
            Cases::DepartureFlagged,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            ReviewRounds::Table.into_iden(),
            ReviewCatalogs::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
