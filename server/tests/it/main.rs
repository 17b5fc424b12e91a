//! Integration tests: the real router over a real database, per test. The backend comes from
//! `TIANPING_TEST_BACKEND` (`sqlite`, the default, or `postgres`); the test command runs the
//! suite once per backend.

mod helpers;
mod inspections;

mod audit;
mod auth;
mod authz;
mod cases;
mod clues;
mod coercive;
mod complaints;
mod crash;
mod documents;
mod edge;
mod faults;
mod file_reviews;
mod law;
mod law_party;
mod notices;
mod openapi;
mod oversight;
mod privacy;
mod publication_requests;
mod publicity;
mod remedies;
mod reviews;
mod schema;
mod security;
mod signals;
mod statistics;
mod supervision;
mod transparency;
mod validation;
mod work;
