//! Official documents (执法文书): what each one says, how it is numbered, how its text is set
//! on the page, and the redacted public version.
//!
//! Invariants:
//! - [`compose`] turns a [`CaseFile`] snapshot into a [`DocumentModel`] with every element the
//!   law requires of that document (APL Art. 44, 59, 64 and the DOMAIN rules); it reads no clock
//!   and no database, so the same snapshot always gives the same model.
//! - [`typeset`] places a model on A4 pages after GB/T 9704-2012 (margins, 28 characters a line,
//!   22 lines a page, page numbers `— 1 —`), with CJK line breaking that never starts a line with
//!   closing punctuation nor ends one with opening punctuation. It measures glyphs through the
//!   [`typeset::Metrics`] the caller passes in, so the same code runs under test with a fixed
//!   width and in the server with the real font.
//! - Document numbers (文号) and verification codes are formatted and parsed here; drawing them
//!   (the serial, the random bytes) is the caller's job.

pub mod compose;
pub mod gap;
pub mod layout;
pub mod model;
pub mod number;
pub mod redact;
pub mod status;
pub mod typeset;

pub use compose::{CaseFile, compose};
pub use gap::{Gap, gaps};
pub use model::{Block, DocumentModel};
pub use number::{DocNumber, VerificationCode};
pub use status::IssuedStatus;
