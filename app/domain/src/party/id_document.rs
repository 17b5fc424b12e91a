//! The identity documents a natural person may be identified by, and the number format of
//! each.
//!
//! Invariants:
//! - Every kind has its own check ([`parse_document_number`]); a checked number is trimmed and
//!   upper case.
//! - A resident ID reports on [`Field::IdNumber`] (the field the forms have always used); every
//!   other kind on [`Field::DocumentNumber`].
//! - Only the kinds whose number follows GB 11643 (the resident ID and the residence permit of
//!   Hong Kong, Macao and Taiwan residents) carry the birth date
//!   ([`IdKind::encodes_birth_date`]).

use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    validate::{self, Field, IdNumber, Rule, ValidationError},
};

/// A kind of identity document of a natural person (证件类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 居民身份证: 18 characters, GB 11643 (birth date and check digit). The default, so stored
    /// parties without a kind are resident IDs.
    #[default]
    ResidentId,
    /// 护照 (any country): 5–17 letters and digits.
    Passport,
    /// 港澳居民来往内地通行证 (回乡证): `H` (Hong Kong) or `M` (Macao) and 8 digits (the life-long
    /// number, card issued since 2013) or 10 digits (the 1999 card: the life-long number and
    /// two digits counting renewals; 公安部《港澳居民来往内地通行证号码规则》).
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证 (台胞证): 8 digits (the life-long number, since 2008-09-25) or 10
    /// digits (the older form with two digits counting issues).
    TaiwanPermit,
    /// 港澳台居民居住证: 18 characters by GB 11643 with the address code of Hong Kong (81),
    /// Macao (82) or Taiwan (83).
    HmtResidencePermit,
    /// 外国人永久居留身份证: the 2017 card's 15 characters (three letters for the nationality and
    /// 12 digits) or the 2023 card's 18 characters (`9`, 16 digits, a check character by ISO 7064
    /// MOD 11-2 as in GB 11643; 国家移民管理局, in issue since 2023-12-01).
    ForeignPermanentResidence,
}

impl IdKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [IdKind; 6] = [
        IdKind::ResidentId,
        IdKind::Passport,
        IdKind::HkMacaoPermit,
        IdKind::TaiwanPermit,
        IdKind::HmtResidencePermit,
        IdKind::ForeignPermanentResidence,
    ];

    /// The machine name (as in JSON and forms).
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::ResidentId => "resident_id",
            IdKind::Passport => "passport",
            IdKind::HkMacaoPermit => "hk_macao_permit",
            IdKind::TaiwanPermit => "taiwan_permit",
            IdKind::HmtResidencePermit => "hmt_residence_permit",
            IdKind::ForeignPermanentResidence => "foreign_permanent_residence",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The document's name in the user's language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            IdKind::ResidentId => lang.pick("居民身份证", "Resident ID card"),
            IdKind::Passport => lang.pick("护照", "Passport"),
            IdKind::HkMacaoPermit => lang.pick(
                "港澳居民来往内地通行证",
                "Mainland travel permit for Hong Kong and Macao residents",
            ),
            IdKind::TaiwanPermit => lang.pick(
                "台湾居民来往大陆通行证",
                "Mainland travel permit for Taiwan residents",
            ),
            IdKind::HmtResidencePermit => lang.pick(
                "港澳台居民居住证",
                "Residence permit for Hong Kong, Macao and Taiwan residents",
            ),
            IdKind::ForeignPermanentResidence => {
                lang.pick("外国人永久居留身份证", "Foreign permanent resident ID card")
            }
        }
    }

    /// Whether the number carries the birth date (GB 11643, positions 7–14), so that no
    /// separate birth date is asked for.
    pub fn encodes_birth_date(self) -> bool {
        matches!(self, IdKind::ResidentId | IdKind::HmtResidencePermit)
    }

    /// The field a bad number of this kind is reported on.
    pub fn field(self) -> Field {
        match self {
            IdKind::ResidentId => Field::IdNumber,
            _ => Field::DocumentNumber,
        }
    }
}

/// Checks a document number of the given kind and returns it trimmed and upper case. Errors:
/// [`Rule::Required`] when empty, [`Rule::Charset`] for characters the kind never uses,
/// [`Rule::Length`] for a passport outside 5–17 characters, [`Rule::Date`] and
/// [`Rule::CheckDigit`] for GB 11643 numbers, and [`Rule::Format`] for a number of the right
/// characters but not the kind's layout (prefix or length).
pub fn parse_document_number(kind: IdKind, input: &str) -> Result<String, ValidationError> {
    let field = kind.field();
    let fail = |rule| Err(ValidationError::new(field, rule));
    let value = input.trim().to_ascii_uppercase();
    if value.is_empty() {
        return fail(Rule::Required);
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        IdKind::ResidentId => IdNumber::parse(&value).map(|id| id.as_str().to_owned()),
        IdKind::HmtResidencePermit => {
            let id = IdNumber::parse(&value).map_err(|e| ValidationError::new(field, e.rule))?;
            if !["81", "82", "83"]
                .iter()
                .any(|p| id.as_str().starts_with(p))
            {
                return fail(Rule::Format);
            }
            Ok(id.as_str().to_owned())
        }
        IdKind::Passport => {
            let value = validate::text(field, &value, 5, 17)?;
            if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return fail(Rule::Charset);
            }
            Ok(value)
        }
        IdKind::HkMacaoPermit => {
            if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return fail(Rule::Charset);
            }
            match value.split_at_checked(1) {
                Some(("H" | "M", rest)) if digits(rest) && matches!(rest.len(), 8 | 10) => {
                    Ok(value)
                }
                _ => fail(Rule::Format),
            }
        }
        IdKind::TaiwanPermit => {
            if !digits(&value) {
                return fail(Rule::Charset);
            }
            if !matches!(value.len(), 8 | 10) {
                return fail(Rule::Format);
            }
            Ok(value)
        }
        IdKind::ForeignPermanentResidence => {
            if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return fail(Rule::Charset);
            }
            match value.len() {
                15 => {
                    let (nationality, number) = value.split_at(3);
                    if nationality.bytes().all(|b| b.is_ascii_uppercase()) && digits(number) {
                        Ok(value)
                    } else {
                        fail(Rule::Format)
                    }
                }
                18 if value.starts_with('9')
                    && digits(&value[..17])
                    && (value.ends_with('X') || digits(&value[17..])) =>
                {
                    if gb11643_check(&value[..17]) == value[17..].chars().next() {
                        Ok(value)
                    } else {
                        fail(Rule::CheckDigit)
                    }
                }
                _ => fail(Rule::Format),
            }
        }
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The ISO 7064 MOD 11-2 check character of 17 digits (GB 11643), `None` for anything else.
fn gb11643_check(body: &str) -> Option<char> {
    if body.len() != 17 || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = body
        .bytes()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(ID_CHECK[(sum % 11) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_kinds_round_trip_through_their_machine_names_and_default_to_resident_id() {
        for kind in IdKind::ALL {
            assert_eq!(IdKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).expect("serialise"),
                serde_json::json!(kind.as_str())
            );
            assert!(!kind.label(Lang::Zh).is_empty());
            assert!(kind.label(Lang::En).is_ascii());
        }
        assert_eq!(IdKind::default(), IdKind::ResidentId);
        assert_eq!(IdKind::parse("护照"), None);
        let encoding: Vec<IdKind> = IdKind::ALL
            .into_iter()
            .filter(|k| k.encodes_birth_date())
            .collect();
        assert_eq!(encoding, [IdKind::ResidentId, IdKind::HmtResidencePermit]);
    }

    #[test]
    fn each_id_kind_accepts_its_own_number_format() {
        use IdKind::*;
        let table = [
            (ResidentId, "11010519491231002x", "11010519491231002X"),
            (Passport, " e12345678 ", "E12345678"),
            (Passport, "AB123", "AB123"),
            (Passport, "A1234567890123456", "A1234567890123456"),
            (HkMacaoPermit, "h12345678", "H12345678"),
            (HkMacaoPermit, "M1234567801", "M1234567801"),
            (TaiwanPermit, "12345678", "12345678"),
            (TaiwanPermit, "1234567801", "1234567801"),
            (
                HmtResidencePermit,
                "810000199408230021",
                "810000199408230021",
            ),
            (
                ForeignPermanentResidence,
                "usa110080115001",
                "USA110080115001",
            ),
            (
                ForeignPermanentResidence,
                "900156199001010018",
                "900156199001010018",
            ),
        ];
        for (kind, input, stored) in table {
            assert_eq!(
                parse_document_number(kind, input).as_deref(),
                Ok(stored),
                "{kind:?} {input}"
            );
        }
    }

    #[test]
    fn each_id_kind_refuses_numbers_outside_its_format() {
        use IdKind::*;
        let table = [
            (ResidentId, "", Field::IdNumber, Rule::Required),
            (
                ResidentId,
                "110105194912310021",
                Field::IdNumber,
                Rule::CheckDigit,
            ),
            (
                ResidentId,
                "E12345678",
                Field::IdNumber,
                Rule::Length { min: 18, max: 18 },
            ),
            (Passport, "  ", Field::DocumentNumber, Rule::Required),
            (
                Passport,
                "AB12",
                Field::DocumentNumber,
                Rule::Length { min: 5, max: 17 },
            ),
            (
                Passport,
                "A12345678901234567",
                Field::DocumentNumber,
                Rule::Length { min: 5, max: 17 },
            ),
            (Passport, "E1234-5678", Field::DocumentNumber, Rule::Charset),
            (
                Passport,
                "护照号码一二三",
                Field::DocumentNumber,
                Rule::Charset,
            ),
            (
                HkMacaoPermit,
                "H1234567",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                HkMacaoPermit,
                "H123456789",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                HkMacaoPermit,
                "H123456789012",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                HkMacaoPermit,
                "K12345678",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                HkMacaoPermit,
                "12345678",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                HkMacaoPermit,
                "H1234 5678",
                Field::DocumentNumber,
                Rule::Charset,
            ),
            (TaiwanPermit, "1234567", Field::DocumentNumber, Rule::Format),
            (
                TaiwanPermit,
                "123456789",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                TaiwanPermit,
                "12345678901",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                TaiwanPermit,
                "1234567801(B)",
                Field::DocumentNumber,
                Rule::Charset,
            ),
            (
                TaiwanPermit,
                "T1234567",
                Field::DocumentNumber,
                Rule::Charset,
            ),
            (
                HmtResidencePermit,
                "11010519491231002X",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                HmtResidencePermit,
                "810000199408230022",
                Field::DocumentNumber,
                Rule::CheckDigit,
            ),
            (
                HmtResidencePermit,
                "810000199413230021",
                Field::DocumentNumber,
                Rule::Date,
            ),
            (
                HmtResidencePermit,
                "8100001994082300",
                Field::DocumentNumber,
                Rule::Length { min: 18, max: 18 },
            ),
            (
                ForeignPermanentResidence,
                "US1110080115001",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                ForeignPermanentResidence,
                "USA11008011500",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                ForeignPermanentResidence,
                "900156199001010017",
                Field::DocumentNumber,
                Rule::CheckDigit,
            ),
            (
                ForeignPermanentResidence,
                "800156199001010018",
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                ForeignPermanentResidence,
                "USA-10080115001",
                Field::DocumentNumber,
                Rule::Charset,
            ),
        ];
        for (kind, input, field, rule) in table {
            assert_eq!(
                parse_document_number(kind, input),
                Err(ValidationError::new(field, rule)),
                "{kind:?} {input}"
            );
        }
    }
}
