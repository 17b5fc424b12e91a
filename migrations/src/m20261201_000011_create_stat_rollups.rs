//! Running totals of the supervision statistics (统计汇总), the evidence items' collector-problem
//! flag, and the indexes the warnings read by.
//!
//! `case_stat_facts` holds what the statistics know of each case (one row per case, refreshed
//! in the unit of work that changes the case); `case_stat_rollups` holds their sums per
//! dimension, key, agency and month received. The application fills both for existing cases
//! on start (`tianping_domain::supervision::rollup` defines the figures).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseStatFacts {
    Table,
    CaseId,
    AgencyId,
    Month,
    ReceivedOn,
    MatterId,
    Officers,
    ClosedOn,
    Penalty,
    NoPenalty,
    FineFen,
    ReviewsPassed,
    ReviewsReturned,
    Hearing,
    OverdueSettled,
    RunningDue,
}

#[derive(DeriveIden)]
enum CaseStatRollups {
    Table,
    Dimension,
    Key,
    AgencyId,
    Month,
    Opened,
    Closed,
    Penalties,
    NoPenalties,
    FinesFen,
    HandlingDays,
    ReviewsPassed,
    ReviewsReturned,
    Hearings,
    Overdue,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Evidence {
    Table,
    CollectorProblem,
}

/// Partial indexes (the same SQL on SQLite and PostgreSQL): the rare cases and evidence items
/// the warnings look for, so that finding them never walks every row. A query uses one only
/// when its condition repeats the index's `WHERE`.
const PARTIAL_INDEXES: [(&str, &str); 3] = [
    (
        "idx_cases_unreviewed_major",
        "CREATE INDEX idx_cases_unreviewed_major ON cases (agency_id) WHERE major AND NOT review_passed",
    ),
    (
        "idx_cases_departures",
        "CREATE INDEX idx_cases_departures ON cases (agency_id) WHERE discretion_check IN ('above', 'below')",
    ),
    (
        "idx_evidence_collector_problem",
        "CREATE INDEX idx_evidence_collector_problem ON evidence (case_id) WHERE collector_problem",
    ),
];

fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut idx = Index::create()
        .name(name)
        .table(Alias::new(table))
        .to_owned();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let count = |c: CaseStatRollups| {
            ColumnDef::new(c)
                .big_integer()
                .not_null()
                .default(0)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(CaseStatFacts::Table)
                    .col(
                        ColumnDef::new(CaseStatFacts::CaseId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseStatFacts::AgencyId).integer().not_null())
                    .col(
                        ColumnDef::new(CaseStatFacts::Month)
                            .string_len(7)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseStatFacts::ReceivedOn).date().not_null())
                    .col(ColumnDef::new(CaseStatFacts::MatterId).integer().null())
                    .col(ColumnDef::new(CaseStatFacts::Officers).text().not_null())
                    .col(ColumnDef::new(CaseStatFacts::ClosedOn).date().null())
                    .col(ColumnDef::new(CaseStatFacts::Penalty).boolean().not_null())
                    .col(
                        ColumnDef::new(CaseStatFacts::NoPenalty)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseStatFacts::FineFen)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseStatFacts::ReviewsPassed)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseStatFacts::ReviewsReturned)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseStatFacts::Hearing).boolean().not_null())
                    .col(
                        ColumnDef::new(CaseStatFacts::OverdueSettled)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CaseStatFacts::RunningDue).date().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseStatFacts::Table, CaseStatFacts::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseStatRollups::Table)
                    .col(
                        ColumnDef::new(CaseStatRollups::Dimension)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseStatRollups::Key)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseStatRollups::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CaseStatRollups::Month)
                            .string_len(7)
                            .not_null(),
                    )
                    .col(count(CaseStatRollups::Opened))
                    .col(count(CaseStatRollups::Closed))
                    .col(count(CaseStatRollups::Penalties))
                    .col(count(CaseStatRollups::NoPenalties))
                    .col(count(CaseStatRollups::FinesFen))
                    .col(count(CaseStatRollups::HandlingDays))
                    .col(count(CaseStatRollups::ReviewsPassed))
                    .col(count(CaseStatRollups::ReviewsReturned))
                    .col(count(CaseStatRollups::Hearings))
                    .col(count(CaseStatRollups::Overdue))
                    .primary_key(
                        Index::create()
                            .col(CaseStatRollups::Dimension)
                            .col(CaseStatRollups::AgencyId)
                            .col(CaseStatRollups::Month)
                            .col(CaseStatRollups::Key),
                    )
                    .to_owned(),
            )
            .await?;
        for idx in [
            index(
                "idx_case_stat_facts_running_due",
                "case_stat_facts",
                &["running_due"],
            ),
            index(
                "idx_case_deadlines_status_kind",
                "case_deadlines",
                &["status", "kind"],
            ),
        ] {
            manager.create_index(idx).await?;
        }
        // Whether an evidence item may have a collector problem (fewer than two collectors, or
        // one without a certificate in force that day): kept by the application in the unit of
        // work; TRUE ("check it") until computed.
        manager
            .alter_table(
                Table::alter()
                    .table(Evidence::Table)
                    .add_column(
                        ColumnDef::new(Evidence::CollectorProblem)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for (_, sql) in PARTIAL_INDEXES {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (name, _) in PARTIAL_INDEXES {
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Evidence::Table)
                    .drop_column(Evidence::CollectorProblem)
                    .to_owned(),
            )
            .await?;
        for (name, table) in [("idx_case_deadlines_status_kind", "case_deadlines")] {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(CaseStatRollups::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CaseStatFacts::Table).to_owned())
            .await
    }
}
