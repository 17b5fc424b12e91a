//! Services: one function per use case. Each checks authorization with
//! `tianping_domain::authz::can`, parses its input, and writes through a `UnitOfWork`.

pub mod audit_log;
pub mod cases;
pub mod clues;
pub mod org;
