//! The small answers and bodies that only the REST edge has (the server functions return plain
//! values): typed so the description shows them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A record was created: its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// The new record's id.
    pub id: i32,
}

/// A step was taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct Done {
    /// Always `true`.
    pub ok: bool,
}

impl Done {
    /// The answer.
    pub const fn new() -> Self {
        Done { ok: true }
    }
}

/// A token for `Authorization: Bearer` (also set as the session cookie).
#[derive(Debug, Serialize, ToSchema)]
pub struct Login {
    /// The token.
    pub token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// When it expires (RFC 3339).
    pub expires_at: String,
    /// The user's id.
    pub user_id: i32,
    /// The user's role.
    pub role: tianping_domain::role::Role,
}

/// Credentials to sign in with.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginBody {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
}

/// A change of one's own password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordBody {
    /// The password now.
    pub current_password: String,
    /// The new password.
    pub new_password: String,
}

/// Whether an account may sign in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActiveBody {
    /// `false` locks the account and revokes its sessions.
    pub active: bool,
}

/// An agency a legal reviewer serves.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignmentBody {
    /// The agency's code.
    pub agency_code: String,
}
