//! Clue routing (issue 24 item 7): the agencies' matters as routing rules (a matter of the
//! powers list and the words that name it), and on each clue how it came to its queue — by
//! the sender, by the rules (the matter and the words that decided), unrouted or sent back
//! (in the supervision body's queue), or assigned by a supervisor — with the tied agencies or
//! the person's reason. The rules are `tianping_domain::supervision::routing`. Clues received
//! before were all addressed by their sender.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ClueRoutingRules {
    Table,
    Id,
    AgencyId,
    Matter,
    Keywords,
    Position,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Clues {
    Table,
    RoutedBy,
    RoutingMatter,
    RoutingMatched,
    RoutingNote,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

const INDEX: &str = "idx_clue_routing_rules_agency";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ClueRoutingRules as R;
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
                    .col(ColumnDef::new(R::AgencyId).integer().not_null())
                    .col(ColumnDef::new(R::Matter).string_len(100).not_null())
                    // One word per line.
                    .col(ColumnDef::new(R::Keywords).text().not_null())
                    .col(ColumnDef::new(R::Position).integer().not_null())
                    .col(ColumnDef::new(R::Active).boolean().not_null())
                    .col(
                        ColumnDef::new(R::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(R::Table, R::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(R::Table)
                    .col(R::AgencyId)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            ColumnDef::new(Clues::RoutedBy)
                .string_len(16)
                .not_null()
                .default("sender")
                .to_owned(),
            ColumnDef::new(Clues::RoutingMatter)
                .string_len(100)
                .null()
                .to_owned(),
            ColumnDef::new(Clues::RoutingMatched)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Clues::RoutingNote).text().null().to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Clues::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Clues::RoutingNote,
            Clues::RoutingMatched,
            Clues::RoutingMatter,
            Clues::RoutedBy,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Clues::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ClueRoutingRules::Table).to_owned())
            .await
    }
}
