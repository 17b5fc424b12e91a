//! Issue 19 (a real agency's needs): parties without a Chinese resident ID. `parties.id_kind`
//! names the identity document (resident ID, passport, Hong Kong/Macao/Taiwan permits,
//! residence permits, foreign permanent residence card; `resident_id` for every party stored
//! before), and `parties.birth_date` keeps a natural person's birth date when the document
//! number does not carry it (the age on the day of the act decides APL Art. 30).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Parties {
    Table,
    IdKind,
    BirthDate,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Parties::Table)
                    .add_column(
                        ColumnDef::new(Parties::IdKind)
                            .string_len(32)
                            .not_null()
                            .default("resident_id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Parties::Table)
                    .add_column(ColumnDef::new(Parties::BirthDate).date().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Parties::BirthDate, Parties::IdKind] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Parties::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
