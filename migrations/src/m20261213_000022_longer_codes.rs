//! Issue 20 item 13: verification codes and tracking numbers carry 80 random bits (sixteen
//! characters) instead of 40. The columns grow to hold them; codes already issued keep working.
//! SQLite does not enforce the declared lengths, so only PostgreSQL's columns change.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column, old length, new length)
const COLUMNS: [(&str, &str, u32, u32); 3] = [
    ("issued_documents", "verification_code", 8, 16),
    ("complaints", "tracking_no", 24, 32),
    ("publication_requests", "tracking_no", 24, 32),
];

async fn resize(manager: &SchemaManager<'_>, grow: bool) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for (table, column, old, new) in COLUMNS {
        let len = if grow { new } else { old };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR({len})"
            ))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        resize(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        resize(manager, false).await
    }
}
