//! Server-only code: persistence, services, authentication. Compiled with the `ssr` feature.
//!
//! Invariants: entities never leave this module (services return `api::dto` types); every
//! write goes through [`audit::UnitOfWork`], which appends its audit events in the same
//! transaction as the change. The one exception is the sign-in guard's failure counter
//! ([`login_guard`]): operational state, not a record, raised by one atomic statement before a
//! password is checked; the attempt's outcome is audited by a unit of work.

pub mod audit;
pub mod auth;
pub mod blobs;
pub mod client;
pub mod clock;
pub mod db;
pub mod derived;
pub mod durability;
pub mod entities;
pub mod error;
pub mod jwt_crypto;
pub mod login_guard;
pub mod lookup_limit;
pub mod pdf;
pub mod rate_limit;
pub mod rollup;
pub mod search_index;
pub mod secret;
pub mod seed;
pub mod services;
pub mod state;
pub mod transparency;
pub mod util;
pub mod warning_index;

pub use error::ServiceError;
pub use state::AppState;
