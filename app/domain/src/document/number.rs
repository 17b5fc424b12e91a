//! Document numbers (文号) and verification codes (核验码).
//!
//! Invariants: a [`DocNumber`] prints as `<agency short name><kind code>〔<year>〕<serial>号`
//! with the hexagonal brackets of GB/T 9704-2012 and no leading zeros in the serial; serials are
//! drawn by the caller, per agency, year and kind, starting at 1. A [`VerificationCode`] is
//! sixteen Crockford base-32 characters (80 random bits; no I, L, O, U) printed
//! `XXXX-XXXX-XXXX-XXXX`; parsing forgives case, spaces, hyphens and the look-alikes O→0, I/L→1,
//! and still accepts the eight-character codes (40 bits) of documents issued before.

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

/// Characters of a code: 16 (80 bits), enough that guessing one, even with many addresses and
/// the per-client lookup limit, finds nothing in a lifetime (issue 20 item 13).
pub const CODE_LEN: usize = 16;
/// Characters of a code issued before the codes grew (still verifiable).
pub const LEGACY_CODE_LEN: usize = 8;

/// Forty bits in eight Crockford characters.
fn push_forty_bits(s: &mut String, bytes: &[u8]) {
    let n = bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
    for i in (0..8).rev() {
        let digit = ((n >> (i * 5)) & 31) as usize;
        s.push(char::from(CROCKFORD[digit]));
    }
}

impl VerificationCode {
    /// The code made from ten random bytes (80 bits) the caller drew.
    pub fn from_random(bytes: [u8; 10]) -> Self {
        let mut s = String::with_capacity(CODE_LEN);
        push_forty_bits(&mut s, &bytes[..5]);
        push_forty_bits(&mut s, &bytes[5..]);
        Self(s)
    }

    /// Parses what a reader typed; `None` unless it is sixteen valid characters (or eight, for a
    /// document issued before the codes grew).
    pub fn parse(input: &str) -> Option<Self> {
        let mut s = String::with_capacity(CODE_LEN);
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
            if s.len() > CODE_LEN {
                return None;
            }
        }
        (s.len() == CODE_LEN || s.len() == LEGACY_CODE_LEN).then_some(Self(s))
    }

    /// The characters without hyphens (what is stored and looked up).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form, groups of four: `XXXX-XXXX-XXXX-XXXX` (`XXXX-XXXX` for an old code).
    pub fn printed(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|g| String::from_utf8_lossy(g).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// A tracking number: a prefix, the day received and a verification code from ten random
/// bytes, e.g. `TS20261201-7K3M9Q2XA4B8C0DE` (the random part makes it unguessable).
pub fn dated_number(prefix: &str, day: chrono::NaiveDate, random: [u8; 10]) -> String {
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
    if (rest.len() != 8 + CODE_LEN && rest.len() != 8 + LEGACY_CODE_LEN)
        || !rest.is_char_boundary(8)
    {
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
            [0u8; 10],
            [255; 10],
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            [0x9c, 0x41, 0x07, 0xee, 0x30, 0x00, 0xff, 0x10, 0x20, 0x30],
        ] {
            let code = VerificationCode::from_random(bytes);
            assert_eq!(code.as_str().len(), CODE_LEN);
            let printed = code.printed();
            assert_eq!(printed.len(), 19);
            assert_eq!(printed.matches('-').count(), 3);
            assert_eq!(VerificationCode::parse(&printed), Some(code.clone()));
            assert_eq!(
                VerificationCode::parse(&printed.to_lowercase()),
                Some(code.clone())
            );
        }
        assert_eq!(
            VerificationCode::from_random([0; 10]).as_str(),
            "0000000000000000"
        );
        assert_eq!(
            VerificationCode::from_random([255; 10]).as_str(),
            "ZZZZZZZZZZZZZZZZ"
        );
        // Every one of the 80 bits shows in the code: flipping any one changes it.
        let base = VerificationCode::from_random([0; 10]);
        for byte in 0..10 {
            for bit in 0..8 {
                let mut bytes = [0u8; 10];
                bytes[byte] = 1 << bit;
                assert_ne!(VerificationCode::from_random(bytes), base, "{byte}/{bit}");
            }
        }
    }

    #[test]
    fn codes_of_documents_issued_before_still_parse() {
        let old = VerificationCode::parse("7K3M-9Q2X").expect("an eight-character code");
        assert_eq!(old.as_str(), "7K3M9Q2X");
        assert_eq!(old.printed(), "7K3M-9Q2X");
        assert_eq!(
            parse_dated_number("TS", "ts20261201-7k3m9q2x").as_deref(),
            Some("TS20261201-7K3M9Q2X")
        );
    }

    #[test]
    fn parsing_forgives_look_alikes_and_refuses_the_rest() {
        assert_eq!(
            VerificationCode::parse("oIl0 - 1234 - abcd - efgh").map(|c| c.as_str().to_owned()),
            Some("01101234ABCDEFGH".to_owned())
        );
        for bad in [
            "",
            "ABC",
            "ABCD-EFGH-J",
            "ABCD-EFGH-JKMN",
            "ABCD-EFGH-JKMN-PQRS-T",
            "ABCD-EFGU",
            "ABCD EFG!",
            "文书核验码1",
        ] {
            assert_eq!(VerificationCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn tracking_numbers_carry_eighty_random_bits() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        let no = dated_number("GS", day, [7; 10]);
        assert_eq!(no.len(), 2 + 8 + 1 + CODE_LEN);
        assert_eq!(
            parse_dated_number("GS", &no.to_lowercase()),
            Some(no.clone())
        );
        assert_eq!(parse_dated_number("TS", &no), None, "another prefix");
        assert_eq!(
            parse_dated_number("GS", "GS20261301-0000000000000000"),
            None,
            "no such day"
        );
    }
}
