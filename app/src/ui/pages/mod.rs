//! One module per area of pages.

pub mod account;
pub mod admin;
pub mod annual;
pub mod cases;
pub mod clues;
pub mod coercive;
pub mod complaints;
pub mod decisions;
pub mod file_reviews;
pub mod inspections;
pub mod login;
pub mod notices;
pub mod oversight;
pub mod portal;
pub mod requests;
pub mod reviews;
pub mod statistics;
pub mod supervision;
pub mod work;
