//! The audit log's Merkle tree and signed checkpoints: the perfect-subtree nodes of the tree
//! (`merkle_nodes`, written once, in the same transaction as the events they cover), the tree's
//! size on the head row, the signing keys' public halves with their validity windows
//! (`audit_keys`), and the signed checkpoints (`audit_checkpoints`, the full note text kept so
//! it can be served and re-verified byte for byte).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MerkleNodes {
    Table,
    Level,
    Idx,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    TreeSize,
}

#[derive(DeriveIden)]
enum AuditKeys {
    Table,
    Id,
    Name,
    PublicKey,
    ValidFrom,
    ValidTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditCheckpoints {
    Table,
    Id,
    Size,
    Root,
    SignedAt,
    KeyName,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MerkleNodes::Table)
                    .col(ColumnDef::new(MerkleNodes::Level).integer().not_null())
                    .col(ColumnDef::new(MerkleNodes::Idx).big_integer().not_null())
                    .col(ColumnDef::new(MerkleNodes::Hash).string_len(64).not_null())
                    .primary_key(
                        Index::create()
                            .col(MerkleNodes::Level)
                            .col(MerkleNodes::Idx),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditHead::Table)
                    .add_column(
                        ColumnDef::new(AuditHead::TreeSize)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditKeys::Table)
                    .col(
                        ColumnDef::new(AuditKeys::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AuditKeys::Name)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AuditKeys::PublicKey)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditKeys::ValidFrom)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditKeys::ValidTo)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AuditKeys::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditCheckpoints::Table)
                    .col(
                        ColumnDef::new(AuditCheckpoints::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::Size)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::Root)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::SignedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::KeyName)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AuditCheckpoints::Note).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_checkpoints_size")
                    .table(AuditCheckpoints::Table)
                    .col(AuditCheckpoints::Size)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditCheckpoints::Table.into_iden(),
            AuditKeys::Table.into_iden(),
            MerkleNodes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(AuditHead::Table)
                    .drop_column(AuditHead::TreeSize)
                    .to_owned(),
            )
            .await
    }
}
