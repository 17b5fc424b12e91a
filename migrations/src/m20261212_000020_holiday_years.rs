//! Issue 19 item 11: `holiday_years`, the State Council's holiday arrangement for a year as an
//! administrator loaded it (the JSON of one year of the calendar format). Loaded years take
//! precedence over the built-in data and over the fallback to the fixed holidays of the
//! holiday regulation; every process of a deployment reads them at start.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HolidayYears {
    Table,
    Year,
    Data,
    LoadedAt,
    LoadedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HolidayYears::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(HolidayYears::Year)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(HolidayYears::Data).text().not_null())
                    .col(
                        ColumnDef::new(HolidayYears::LoadedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(HolidayYears::LoadedBy).integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HolidayYears::Table).to_owned())
            .await
    }
}
