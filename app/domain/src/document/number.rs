//! Document numbers (文号) and verification codes (核验码).
//!
//! Invariants: a [`DocNumber`] prints as `<agency short name><kind code>〔<year>〕<serial>号`
//! with the hexagonal brackets of GB/T 9704-2012 and no leading zeros in the serial; serials are
//! drawn by the caller, per agency, year and kind, starting at 1. A [`VerificationCode`] is
//! eight Crockford base-32 characters (no I, L, O, U) printed `XXXX-XXXX`; parsing forgives case,
//! spaces, hyphens and the look-alikes O→0, I/L→1.

use serde::{Deserialize, Serialize};

use crate::case::DocumentKind;

/// A document number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocNumber {
    /// The agency's short name for numbers (机关代字), e.g. 临市监.
    pub agency_short_name: String,
    /// The kind.
    pub kind: DocumentKind,
    /// The year.
    pub year: i32,
    /// The serial within agency, year and kind, from 1.
    pub serial: i64,
}

impl DocNumber {
    /// The printed number, e.g. `临市监罚〔2026〕12号`.
    pub fn text(&self) -> String {
        format!(
            "{}{}〔{}〕{}号",
            self.agency_short_name,
            kind_code(self.kind),
            self.year,
            self.serial
        )
    }
}

/// The character(s) that name a kind of document inside its number.
pub fn kind_code(kind: DocumentKind) -> &'static str {
    use DocumentKind as K;
    match kind {
        K::CaseSourceRegister => "案源",
        K::FilingApprovalForm => "立",
        K::NonFilingApprovalForm => "不立",
        K::EvidenceRecord => "证",
        K::InvestigationReport => "调终",
        K::ReviewSubmissionForm => "审送",
        K::LegalReviewOpinion => "法审",
        K::PriorNotice => "罚告",
        K::HearingRightsNotice => "听告",
        K::StatementRecord => "陈",
        K::RecheckOpinion => "复核",
        K::RightsWaiver => "弃权",
        K::HearingNotice => "听通",
        K::HearingRecord => "听录",
        K::HearingReport => "听报",
        K::CollectiveDiscussionRecord => "集讨",
        K::DecisionApprovalForm => "决审",
        K::PenaltyDecision => "罚决",
        K::NoPenaltyDecision => "不罚",
        K::ServiceReceipt => "送",
        K::ClosureReport => "结",
        K::CaseFileIndex => "卷",
        K::OnTheSpotDecision => "当罚",
        K::TransferLetter => "移",
        K::ExtensionApprovalForm => "延",
        K::SuspensionApprovalForm => "中止",
        K::ResumptionApprovalForm => "恢复",
        K::WithdrawalApprovalForm => "撤立",
        K::CorrectionOrder => "责改",
    }
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A verification code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerificationCode(String);

impl VerificationCode {
    /// The code made from five random bytes (40 bits) the caller drew.
    pub fn from_random(bytes: [u8; 5]) -> Self {
        let mut n: u64 = 0;
        for b in bytes {
            n = (n << 8) | u64::from(b);
        }
        let mut s = String::with_capacity(8);
        for i in (0..8).rev() {
            let digit = ((n >> (i * 5)) & 31) as usize;
            s.push(char::from(CROCKFORD[digit]));
        }
        Self(s)
    }

    /// Parses what a reader typed; `None` unless it is eight valid characters.
    pub fn parse(input: &str) -> Option<Self> {
        let mut s = String::with_capacity(8);
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\u{3000}' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !CROCKFORD.contains(&u8::try_from(u32::from(c)).ok()?) {
                return None;
            }
            s.push(c);
            if s.len() > 8 {
                return None;
            }
        }
        (s.len() == 8).then_some(Self(s))
    }

    /// The eight characters without the hyphen (what is stored and looked up).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form, `XXXX-XXXX`.
    pub fn printed(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

/// A tracking number: a prefix, the day received and a verification code from five random
/// bytes, e.g. `TS20261201-7K3M9Q2X` (the random part makes it unguessable).
pub fn dated_number(prefix: &str, day: chrono::NaiveDate, random: [u8; 5]) -> String {
    format!(
        "{prefix}{}-{}",
        day.format("%Y%m%d"),
        VerificationCode::from_random(random).as_str()
    )
}

/// Parses a typed [`dated_number`] with this prefix into its canonical text: case, spaces and
/// the hyphen are forgiven, as are the look-alike letters of Crockford's alphabet.
pub fn parse_dated_number(prefix: &str, input: &str) -> Option<String> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let rest = compact.strip_prefix(prefix)?;
    if rest.len() != 16 || !rest.is_char_boundary(8) {
        return None;
    }
    let (day, code) = rest.split_at(8);
    chrono::NaiveDate::parse_from_str(day, "%Y%m%d").ok()?;
    let code = VerificationCode::parse(code)?;
    Some(format!("{prefix}{day}-{}", code.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_hexagonal_brackets_and_no_leading_zeros() {
        let n = DocNumber {
            agency_short_name: "临市监".into(),
            kind: DocumentKind::PenaltyDecision,
            year: 2026,
            serial: 12,
        };
        assert_eq!(n.text(), "临市监罚决〔2026〕12号");
    }

    #[test]
    fn every_kind_has_its_own_code() {
        let mut codes: Vec<&str> = DocumentKind::ALL.iter().map(|k| kind_code(*k)).collect();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), before);
    }

    #[test]
    fn codes_round_trip_through_their_printed_form() {
        for bytes in [
            [0u8; 5],
            [255; 5],
            [1, 2, 3, 4, 5],
            [0x9c, 0x41, 0x07, 0xee, 0x30],
        ] {
            let code = VerificationCode::from_random(bytes);
            assert_eq!(code.as_str().len(), 8);
            let printed = code.printed();
            assert_eq!(printed.len(), 9);
            assert_eq!(VerificationCode::parse(&printed), Some(code.clone()));
            assert_eq!(
                VerificationCode::parse(&printed.to_lowercase()),
                Some(code.clone())
            );
        }
        assert_eq!(VerificationCode::from_random([0; 5]).as_str(), "00000000");
        assert_eq!(VerificationCode::from_random([255; 5]).as_str(), "ZZZZZZZZ");
    }

    #[test]
    fn parsing_forgives_look_alikes_and_refuses_the_rest() {
        assert_eq!(
            VerificationCode::parse("oIl0 - 1234").map(|c| c.as_str().to_owned()),
            Some("01101234".to_owned())
        );
        for bad in [
            "",
            "ABC",
            "ABCD-EFGH-J",
            "ABCD-EFGU",
            "ABCD EFG!",
            "文书核验码1",
        ] {
            assert_eq!(VerificationCode::parse(bad), None, "{bad}");
        }
    }
}
