//! Agencies, users, credentials (enforcement certificates and legal qualifications), reviewer
//! assignments, sessions and the login throttle.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
    Code,
    Name,
    ShortName,
    Kind,
    RegionCode,
    RegionName,
    CreditCode,
    LegalBasis,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    Role,
    AgencyId,
    PasswordHash,
    Active,
    PasswordChangedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Credentials {
    Table,
    Id,
    UserId,
    Kind,
    Number,
    Scope,
    ValidFrom,
    ValidTo,
    Revoked,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewerAssignments {
    Table,
    ReviewerId,
    AgencyId,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    IssuedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Username,
    Failures,
    LastFailureAt,
    LockedUntil,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .take()
}

fn created_at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agencies::Table)
                    .col(id(Agencies::Id))
                    .col(
                        ColumnDef::new(Agencies::Code)
                            .string_len(16)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Agencies::Name)
                            .string_len(100)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Agencies::ShortName)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Agencies::Kind).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Agencies::RegionCode)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Agencies::RegionName)
                            .string_len(50)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Agencies::CreditCode)
                            .string_len(18)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Agencies::LegalBasis).text().not_null())
                    .col(created_at(Agencies::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(id(Users::Id))
                    .col(
                        ColumnDef::new(Users::Username)
                            .string_len(32)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Users::DisplayName).string_len(50).not_null())
                    .col(ColumnDef::new(Users::Role).string_len(20).not_null())
                    .col(ColumnDef::new(Users::AgencyId).integer().null())
                    .col(
                        ColumnDef::new(Users::PasswordHash)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Users::Active)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(
                        ColumnDef::new(Users::PasswordChangedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(created_at(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::AgencyId)
                            .to(Agencies::Table, Agencies::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_agency")
                    .table(Users::Table)
                    .col(Users::AgencyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Credentials::Table)
                    .col(id(Credentials::Id))
                    .col(ColumnDef::new(Credentials::UserId).integer().not_null())
                    .col(ColumnDef::new(Credentials::Kind).string_len(24).not_null())
                    .col(
                        ColumnDef::new(Credentials::Number)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::Scope)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Credentials::ValidFrom).date().not_null())
                    .col(ColumnDef::new(Credentials::ValidTo).date().null())
                    .col(
                        ColumnDef::new(Credentials::Revoked)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(created_at(Credentials::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Credentials::Table, Credentials::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_credentials_kind_number")
                    .table(Credentials::Table)
                    .col(Credentials::Kind)
                    .col(Credentials::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credentials_user")
                    .table(Credentials::Table)
                    .col(Credentials::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReviewerAssignments::Table)
                    .col(
                        ColumnDef::new(ReviewerAssignments::ReviewerId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ReviewerAssignments::AgencyId)
                            .integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ReviewerAssignments::ReviewerId)
                            .col(ReviewerAssignments::AgencyId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewerAssignments::Table, ReviewerAssignments::ReviewerId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewerAssignments::Table, ReviewerAssignments::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(
                        ColumnDef::new(Sessions::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Sessions::UserId).integer().not_null())
                    .col(
                        ColumnDef::new(Sessions::IssuedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Sessions::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Sessions::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(
                        ColumnDef::new(LoginThrottle::Username)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(LoginThrottle::Failures).integer().not_null())
                    .col(
                        ColumnDef::new(LoginThrottle::LastFailureAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginThrottle::LockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ReviewerAssignments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Credentials::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Agencies::Table).to_owned())
            .await
    }
}
