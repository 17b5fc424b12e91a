//! The Merkle tree's right edge on the audit head row (`frontier`), so an append reads the head
//! and writes the events, the new tree nodes and the head back in two statements instead of
//! restoring the edge from `merkle_nodes` each time.
//!
//! The value is `"{size}:{hex}"`: the tree size it belongs to, then the hashes of the tree's
//! perfect-subtree peaks, largest first, end to end in lower-case hex. It is a cache of what
//! `merkle_nodes` already holds: NULL (every head before this migration) or a size other than
//! `tree_size` means "restore it from the nodes", which the next append does.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Frontier,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditHead::Table)
                    .add_column(ColumnDef::new(AuditHead::Frontier).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditHead::Table)
                    .drop_column(AuditHead::Frontier)
                    .to_owned(),
            )
            .await
    }
}
