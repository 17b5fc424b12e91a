//! Issue 22 item 2: a second identical submission of a complaint (a second tap on a phone)
//! files nothing new. Each complaint keeps the key of its submission (a SHA-256 over the
//! client, the day and every field, see `ValidComplaint::submission_key`); the key is unique,
//! so of two simultaneous identical submissions one inserts and the other finds it. Complaints
//! filed before have none.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Complaints {
    Table,
    SubmissionKey,
}

const INDEX: &str = "complaints_submission_key";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Complaints::Table)
                    .add_column(
                        ColumnDef::new(Complaints::SubmissionKey)
                            .string_len(64)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Complaints::Table)
                    .col(Complaints::SubmissionKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(Complaints::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Complaints::Table)
                    .drop_column(Complaints::SubmissionKey)
                    .to_owned(),
            )
            .await
    }
}
