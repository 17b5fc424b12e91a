//! Issue 19's legal corrections: what an agency configures and what a case records.
//!
//! - `agencies.hearing_threshold_person_fen`, `agencies.hearing_threshold_org_fen`: the "large
//!   amount" of a fine or confiscation giving a right to a hearing (APL Art. 63) [L]; NULL
//!   means the platform's default (5,000 / 50,000 CNY).
//! - `agencies.reconsideration_body`: the reconsideration body its decisions name (复议法 2023
//!   Art. 24, 27); NULL means the region's people's government.
//! - `cases.provision_violated`, `cases.provision_applied`: the legal basis (APL Art. 59).
//! - `cases.other_parts_performed`: the parts of the penalty beyond the fine were carried out.
//!
//! One column per statement: SQLite alters one column at a time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    HearingThresholdPersonFen,
    HearingThresholdOrgFen,
    ReconsiderationBody,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    ProvisionViolated,
    ProvisionApplied,
    OtherPartsPerformed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Agencies::HearingThresholdPersonFen)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Agencies::HearingThresholdOrgFen)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Agencies::ReconsiderationBody)
                .text()
                .null()
                .to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Agencies::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            ColumnDef::new(Cases::ProvisionViolated)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Cases::ProvisionApplied)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Cases::OtherPartsPerformed)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Cases::ProvisionViolated,
            Cases::ProvisionApplied,
            Cases::OtherPartsPerformed,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cases::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Agencies::HearingThresholdPersonFen,
            Agencies::HearingThresholdOrgFen,
            Agencies::ReconsiderationBody,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Agencies::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
