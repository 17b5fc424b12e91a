//! Issue 20 items 2 and 12: `users.must_change_password` marks a password an administrator set
//! (a new account, a reset): until its owner replaces it, the account can do nothing but change
//! it. `users.api_token_sha256` is the SHA-256 of an integration account's API token (the token
//! itself is shown once and never stored): machine clients authenticate with it instead of a
//! password that could be guessed or made to wait.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    MustChangePassword,
    ApiTokenSha256,
    ApiTokenIssuedAt,
}

const TOKEN_INDEX: &str = "ux_users_api_token_sha256";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            ColumnDef::new(Users::MustChangePassword)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
            ColumnDef::new(Users::ApiTokenSha256)
                .string_len(64)
                .null()
                .to_owned(),
            ColumnDef::new(Users::ApiTokenIssuedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ];
        // One column per statement: SQLite alters one at a time.
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(TOKEN_INDEX)
                    .table(Users::Table)
                    .col(Users::ApiTokenSha256)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(TOKEN_INDEX)
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Users::ApiTokenIssuedAt,
            Users::ApiTokenSha256,
            Users::MustChangePassword,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
