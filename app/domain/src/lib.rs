//! Tianping's pure domain rules.
//!
//! Invariants: nothing in this crate reads a clock, touches a database or knows about HTTP.
//! Time and identifiers are passed in. The crate compiles for `wasm32` so the browser can reuse
//! the same validation as the server.

pub mod agency;
pub mod audit;
pub mod authz;
pub mod calendar;
pub mod case;
pub mod checkpoint;
pub mod clue;
pub mod coercive;
pub mod credential;
pub mod deadline;
pub mod discretion;
pub mod document;
pub mod evidence;
pub mod i18n;
pub mod inspection;
pub mod liability;
pub mod merkle;
pub mod money;
pub mod party;
pub mod penalty;
pub mod publicity;
pub mod remedy;
pub mod review;
pub mod role;
pub mod security;
pub mod supervision;
pub mod validate;
