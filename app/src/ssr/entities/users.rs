//! `users`: accounts of every role.

use sea_orm::entity::prelude::*;

/// One account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub agency_id: Option<i32>,
    pub password_hash: String,
    pub active: bool,
    pub password_changed_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    /// Set when an administrator set the password: the account must change it first.
    pub must_change_password: bool,
    /// SHA-256 (hex) of the integration account's API token, if one was issued.
    pub api_token_sha256: Option<String>,
    pub api_token_issued_at: Option<DateTimeUtc>,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
