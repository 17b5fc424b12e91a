//! The document model: what a document says, block by block, before it is set on pages.
//!
//! A model is plain data (serialisable), stored when a document is issued, so the PDF can be
//! rendered again byte for byte and checked against the hash recorded in the audit log.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::DocumentKind;

/// One document, ready to be typeset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentModel {
    /// Which case document; `None` for a document outside a case (a supervision notice).
    #[serde(default)]
    pub kind: Option<DocumentKind>,
    /// The issuing agency's full name (first title line).
    pub agency_name: String,
    /// The document's name (second title line), e.g. 行政处罚决定书.
    pub title: String,
    /// The document number (文号); `None` on a preview.
    pub number: Option<String>,
    /// The case number, printed under the title of internal forms.
    pub case_number: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// The agency and date at the end; `None` for forms that are signed in their cells.
    pub signature: Option<Signature>,
    /// The verification code and where to check it; `None` on a preview.
    pub verification: Option<Verification>,
    /// A preview, not an issued document: marked as such on every page.
    pub draft: bool,
    /// Public version: private data of natural persons redacted.
    pub public_version: bool,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph with a two-character first-line indent.
    Paragraph(String),
    /// A paragraph without indent (salutations such as 「当事人：」 lines).
    Plain(String),
    /// A first-level heading (一、…), set bold.
    Heading(String),
    /// A ruled table: relative column widths and rows of cells. The first column of a
    /// two-column table is the label.
    Table {
        /// Relative column widths.
        widths: Vec<u16>,
        /// Rows of cells, each row as many cells as there are widths.
        rows: Vec<Vec<String>>,
    },
    /// Vertical space, in body lines.
    Gap(u8),
    /// A right-aligned line (signatures of the party or officers under a record).
    Right(String),
}

/// The issuing agency and the date, set right-aligned after the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Agency name.
    pub agency: String,
    /// The document's date.
    pub date: NaiveDate,
}

/// Where a reader checks the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The printed code, `XXXX-XXXX-XXXX-XXXX`.
    pub code: String,
    /// The portal's verification address with the code (also the QR code's content).
    pub url: String,
}

/// Formats a date the way GB/T 9704-2012 prints it: `2026年12月1日` (Arabic numerals, no
/// leading zeros).
pub fn chinese_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_printed_without_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).expect("date");
        assert_eq!(chinese_date(d), "2026年3月7日");
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        assert_eq!(chinese_date(d), "2026年12月31日");
    }
}
