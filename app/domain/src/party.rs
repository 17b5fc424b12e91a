//! The party of a case (当事人): a natural person (公民) or a legal person or other
//! organisation (法人或者其他组织), parsed from what a form or JSON body sends.
//!
//! Invariants:
//! - A parsed [`Party`] of kind [`PartyKind::NaturalPerson`] has a name of 1–50 characters, an
//!   identity document of one [`IdKind`] (the resident ID when none is sent) whose number passes
//!   that kind's check ([`parse_document_number`]; upper case), an address of 1–200 characters,
//!   no credit code and no legal representative. Fields that do not apply to a natural person
//!   (credit code, legal representative) are **ignored and dropped**, not refused, so a form
//!   that keeps hidden inputs after the kind is switched still submits.
//! - A natural person's birth date is known either from the number (resident ID and residence
//!   permit, GB 11643; [`IdKind::encodes_birth_date`]) or from the explicit, optional
//!   `birth_date`, which is kept only for the other kinds (for the GB 11643 kinds it is ignored
//!   and dropped, so the number is the single source). Neither may lie after the day of
//!   parsing. [`Party::born_on`] gives it, [`Party::responsibility`] the age rule of APL Art. 30.
//! - A parsed [`Party`] of kind [`PartyKind::Organisation`] has a name of 1–100 characters, a
//!   unified social credit code that passes GB 32100 (upper case), a legal representative of
//!   1–50 characters, an address of 1–200 characters, no ID number and no birth date (an ID
//!   number, document kind or birth date sent with an organisation is ignored and dropped; its
//!   `id_kind` is the default).
//! - Stored JSON written before the document kinds existed still loads: a missing `id_kind`
//!   means the resident ID and a missing `birth_date` means none.
//! - The phone is optional for both kinds; when given it is a mobile or landline number as
//!   [`crate::clue::phone`] accepts it, stored without spaces or `+86`.
//! - [`parse_party`] reports every bad field at once, in form order.
//! - The ID number, birth date and phone are private data: `Debug` never prints them, and
//!   [`Party::masked_id`] is the only form of the ID number meant for display beyond the case
//!   file, whatever the document kind.

mod id_document;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use id_document::{IdKind, parse_document_number};

use crate::{
    case::PartyKind,
    clue,
    liability::{self, AgeResponsibility},
    validate::{self, CreditCode, Field, Rule, ValidationError},
};

/// Longest name of a natural person, in characters.
pub const NATURAL_PERSON_NAME_MAX: usize = 50;
/// Longest name of an organisation, in characters.
pub const ORGANISATION_NAME_MAX: usize = 100;
/// Longest legal representative's name, in characters.
pub const LEGAL_REPRESENTATIVE_MAX: usize = 50;
/// Longest address, in characters.
pub const ADDRESS_MAX: usize = 200;

/// A party as a form or JSON body sends it: all text, every field optional in JSON (missing
/// fields are empty). `kind` is [`PartyKind`]'s machine name: `natural_person` or
/// `organisation`; `id_kind` is [`IdKind`]'s machine name, empty meaning `resident_id`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RawParty {
    /// `natural_person` or `organisation`.
    pub kind: String,
    /// Name of the person or organisation.
    pub name: String,
    /// The kind of identity document (natural persons): empty for the resident ID.
    pub id_kind: String,
    /// The number of the identity document (natural persons): the resident ID number unless
    /// `id_kind` says otherwise.
    pub id_number: String,
    /// Date of birth, `YYYY-MM-DD` (natural persons whose document does not carry it;
    /// optional).
    pub birth_date: String,
    /// Unified social credit code (organisations).
    pub credit_code: String,
    /// Legal representative (organisations).
    pub legal_representative: String,
    /// Phone number (optional).
    pub phone: String,
    /// Address.
    pub address: String,
}

impl std::fmt::Debug for RawParty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawParty")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("id_kind", &self.id_kind)
            .field("id_number", &redacted(&self.id_number))
            .field("birth_date", &redacted(&self.birth_date))
            .field("credit_code", &self.credit_code)
            .field("legal_representative", &self.legal_representative)
            .field("phone", &redacted(&self.phone))
            .field("address", &self.address)
            .finish()
    }
}

/// A checked party (see the module invariants for what each kind carries).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Natural person or organisation.
    pub kind: PartyKind,
    /// Name of the person or organisation.
    pub name: String,
    /// The kind of identity document `id_number` is (the default, resident ID, for
    /// organisations and for JSON stored before the kinds existed).
    #[serde(default)]
    pub id_kind: IdKind,
    /// The identity document's number: `Some` exactly for natural persons.
    pub id_number: Option<String>,
    /// The explicit date of birth: only for a natural person whose document does not carry it
    /// (see [`Party::born_on`]), and then optional.
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Unified social credit code: `Some` exactly for organisations.
    pub credit_code: Option<String>,
    /// Legal representative: `Some` exactly for organisations.
    pub legal_representative: Option<String>,
    /// Phone number, if given.
    pub phone: Option<String>,
    /// Address.
    pub address: String,
}

impl std::fmt::Debug for Party {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Party")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("id_kind", &self.id_kind)
            .field("id_number", &self.masked_id())
            .field("birth_date", &self.birth_date.map(|_| "***"))
            .field("credit_code", &self.credit_code)
            .field("legal_representative", &self.legal_representative)
            .field("phone", &self.phone.as_deref().map(redacted))
            .field("address", &self.address)
            .finish()
    }
}

impl Party {
    /// The document number with only a few characters kept at each end, for display outside
    /// the case file, whatever its kind: a quarter of its length at each end, at most four, so
    /// at least half is always hidden (`330106199001011234` → `3301**********1234`,
    /// `E12345678` → `E1*****78`). A number of eight characters or fewer (a Taiwan permit, a
    /// short passport) is masked entirely. `None` for an organisation.
    pub fn masked_id(&self) -> Option<String> {
        let id = self.id_number.as_deref()?;
        let chars: Vec<char> = id.chars().collect();
        let n = chars.len();
        if n <= 8 {
            return Some("*".repeat(n));
        }
        let keep = (n / 4).min(4);
        let mut masked: String = chars[..keep].iter().collect();
        masked.push_str(&"*".repeat(n - 2 * keep));
        masked.extend(&chars[n - keep..]);
        Some(masked)
    }

    /// The natural person's date of birth: read from the number when the document carries it
    /// (resident ID, residence permit; [`liability::birth_date`]), else the explicit
    /// `birth_date`. `None` for an organisation or when unknown.
    pub fn born_on(&self) -> Option<NaiveDate> {
        if self.kind != PartyKind::NaturalPerson {
            return None;
        }
        if self.id_kind.encodes_birth_date() {
            liability::birth_date(self.id_number.as_deref()?)
        } else {
            self.birth_date
        }
    }

    /// The age rule of APL Art. 30 for an act committed on `act_on` (see
    /// [`liability::responsibility`]). `None` for an organisation, or for a person whose birth
    /// date is unknown: the officer has to establish it before deciding.
    pub fn responsibility(&self, act_on: NaiveDate) -> Option<AgeResponsibility> {
        Some(liability::responsibility(self.born_on()?, act_on))
    }
}

/// Parses a party as of `today` (no birth date may lie after it), reporting every bad field at
/// once: the kind ([`Field::PartyKind`]: [`Rule::Required`] when empty, [`Rule::OneOf`] when
/// unknown), the name ([`Field::PartyName`]); for a natural person the document kind
/// ([`Field::IdKind`], [`Rule::OneOf`] when unknown), its number ([`Field::IdNumber`] for a
/// resident ID, [`Field::DocumentNumber`] otherwise; [`Rule::NotInFuture`] when the birth date
/// it carries is after `today`) and the explicit birth date ([`Field::BirthDate`]:
/// [`Rule::Date`], [`Rule::NotInFuture`]); for an organisation the credit code
/// ([`Field::CreditCode`]) and legal representative ([`Field::LegalRepresentative`]); then the
/// phone ([`Field::Phone`]) and the address ([`Field::Address`]). With an unknown kind the name
/// (up to [`ORGANISATION_NAME_MAX`]), phone and address are still checked.
pub fn parse_party(raw: &RawParty, today: NaiveDate) -> Result<Party, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let kind = parse_kind(&raw.kind).map_err(|e| errors.push(e)).ok();
    let name_max = match kind {
        Some(PartyKind::NaturalPerson) => NATURAL_PERSON_NAME_MAX,
        Some(PartyKind::Organisation) | None => ORGANISATION_NAME_MAX,
    };
    let name = validate::text(Field::PartyName, &raw.name, 1, name_max)
        .map_err(|e| errors.push(e))
        .ok();
    let (mut id_number, mut credit_code, mut legal_representative) = (None, None, None);
    let (mut id_kind, mut birth_date) = (IdKind::default(), None);
    match kind {
        Some(PartyKind::NaturalPerson) => {
            let parsed_kind = parse_id_kind(&raw.id_kind).map_err(|e| errors.push(e)).ok();
            if let Some(k) = parsed_kind {
                id_kind = k;
                id_number = parse_document_number(k, &raw.id_number)
                    .and_then(|number| {
                        match k
                            .encodes_birth_date()
                            .then(|| liability::birth_date(&number))
                        {
                            Some(Some(born)) if born > today => {
                                Err(ValidationError::new(k.field(), Rule::NotInFuture))
                            }
                            _ => Ok(number),
                        }
                    })
                    .map_err(|e| errors.push(e))
                    .ok();
            }
            if !parsed_kind.is_some_and(IdKind::encodes_birth_date) {
                birth_date = parse_birth_date(&raw.birth_date, today)
                    .map_err(|e| errors.push(e))
                    .ok()
                    .flatten();
            }
        }
        Some(PartyKind::Organisation) => {
            credit_code = CreditCode::parse(&raw.credit_code)
                .map(|code| code.as_str().to_owned())
                .map_err(|e| errors.push(e))
                .ok();
            legal_representative = validate::text(
                Field::LegalRepresentative,
                &raw.legal_representative,
                1,
                LEGAL_REPRESENTATIVE_MAX,
            )
            .map_err(|e| errors.push(e))
            .ok();
        }
        None => {}
    }
    let phone = if raw.phone.trim().is_empty() {
        None
    } else {
        clue::phone(&raw.phone)
            .map_err(|e| errors.push(ValidationError::new(Field::Phone, e.rule)))
            .ok()
    };
    let address = validate::text(Field::Address, &raw.address, 1, ADDRESS_MAX)
        .map_err(|e| errors.push(e))
        .ok();
    match (kind, name, address) {
        (Some(kind), Some(name), Some(address)) if errors.is_empty() => Ok(Party {
            kind,
            name,
            id_kind,
            id_number,
            birth_date,
            credit_code,
            legal_representative,
            phone,
            address,
        }),
        _ => Err(errors),
    }
}

/// Parses [`PartyKind`]'s machine name, ignoring surrounding whitespace.
fn parse_kind(input: &str) -> Result<PartyKind, ValidationError> {
    match input.trim() {
        "" => Err(ValidationError::new(Field::PartyKind, Rule::Required)),
        "natural_person" => Ok(PartyKind::NaturalPerson),
        "organisation" => Ok(PartyKind::Organisation),
        _ => Err(ValidationError::new(Field::PartyKind, Rule::OneOf)),
    }
}

/// Parses [`IdKind`]'s machine name, ignoring surrounding whitespace; empty means the resident
/// ID.
fn parse_id_kind(input: &str) -> Result<IdKind, ValidationError> {
    match input.trim() {
        "" => Ok(IdKind::ResidentId),
        name => IdKind::parse(name).ok_or(ValidationError::new(Field::IdKind, Rule::OneOf)),
    }
}

/// Parses the optional explicit birth date: `None` when empty, never after `today`.
fn parse_birth_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, ValidationError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    let born = validate::date(Field::BirthDate, input)?;
    if born > today {
        return Err(ValidationError::new(Field::BirthDate, Rule::NotInFuture));
    }
    Ok(Some(born))
}

/// How private text appears in `Debug` output: whether it is empty, never its content.
fn redacted(value: &str) -> &'static str {
    if value.is_empty() { "" } else { "***" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const ID: &str = "11010519491231002X";

    fn today() -> NaiveDate {
        day("2026-03-10")
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }
    const CODE: &str = "91350100M000100Y43";

    fn person() -> RawParty {
        RawParty {
            kind: "natural_person".into(),
            name: " 张三 ".into(),
            id_number: "11010519491231002x".into(),
            phone: "138 0013 8000".into(),
            address: "杭州市上城区解放路 1 号".into(),
            ..RawParty::default()
        }
    }

    fn organisation() -> RawParty {
        RawParty {
            kind: "organisation".into(),
            name: "某某餐饮管理有限公司".into(),
            credit_code: "91350100m000100y43".into(),
            legal_representative: "李四".into(),
            phone: "0571-87654321".into(),
            address: "杭州市西湖区文三路 100 号".into(),
            ..RawParty::default()
        }
    }

    fn errors(raw: &RawParty) -> Vec<ValidationError> {
        parse_party(raw, today()).expect_err("should be rejected")
    }

    fn err(field: Field, rule: Rule) -> ValidationError {
        ValidationError::new(field, rule)
    }

    #[test]
    fn a_natural_person_is_parsed_and_normalised() {
        let party = parse_party(&person(), today()).expect("valid");
        assert_eq!(
            party,
            Party {
                kind: PartyKind::NaturalPerson,
                name: "张三".into(),
                id_kind: IdKind::ResidentId,
                id_number: Some(ID.into()),
                birth_date: None,
                credit_code: None,
                legal_representative: None,
                phone: Some("13800138000".into()),
                address: "杭州市上城区解放路 1 号".into(),
            }
        );
    }

    #[test]
    fn an_organisation_is_parsed_and_normalised() {
        let party = parse_party(&organisation(), today()).expect("valid");
        assert_eq!(
            party,
            Party {
                kind: PartyKind::Organisation,
                name: "某某餐饮管理有限公司".into(),
                id_kind: IdKind::ResidentId,
                id_number: None,
                birth_date: None,
                credit_code: Some(CODE.into()),
                legal_representative: Some("李四".into()),
                phone: Some("0571-87654321".into()),
                address: "杭州市西湖区文三路 100 号".into(),
            }
        );
    }

    #[test]
    fn fields_of_the_other_kind_are_ignored_and_dropped() {
        let raw = RawParty {
            credit_code: "not a code".into(),
            legal_representative: "王五".into(),
            ..person()
        };
        let party = parse_party(&raw, today()).expect("valid");
        assert_eq!(
            (party.credit_code, party.legal_representative),
            (None, None)
        );
        let raw = RawParty {
            id_number: "123".into(),
            ..organisation()
        };
        assert_eq!(parse_party(&raw, today()).expect("valid").id_number, None);
    }

    #[test]
    fn the_phone_is_optional_but_checked_when_given() {
        for phone in ["", "   "] {
            let raw = RawParty {
                phone: phone.into(),
                ..person()
            };
            assert_eq!(
                parse_party(&raw, today()).expect("valid").phone,
                None,
                "{phone:?}"
            );
        }
        let raw = RawParty {
            phone: "+86 139 0000 0000".into(),
            ..organisation()
        };
        assert_eq!(
            parse_party(&raw, today()).expect("valid").phone.as_deref(),
            Some("13900000000")
        );
        for bad in ["12345", "2800138000", "phone"] {
            let raw = RawParty {
                phone: bad.into(),
                ..person()
            };
            assert_eq!(
                errors(&raw),
                vec![err(Field::Phone, Rule::Charset)],
                "{bad}"
            );
        }
    }

    #[test]
    fn the_kind_is_required_and_must_be_known() {
        let table = [
            ("", Rule::Required),
            ("  ", Rule::Required),
            ("legal_person", Rule::OneOf),
            ("NaturalPerson", Rule::OneOf),
            ("公民", Rule::OneOf),
        ];
        for (kind, rule) in table {
            let raw = RawParty {
                kind: kind.into(),
                ..person()
            };
            assert_eq!(errors(&raw), vec![err(Field::PartyKind, rule)], "{kind:?}");
        }
        let raw = RawParty {
            kind: " organisation ".into(),
            ..organisation()
        };
        assert!(parse_party(&raw, today()).is_ok());
    }

    #[test]
    fn names_are_limited_by_kind() {
        let table = [
            (person(), "", Rule::Required),
            (person(), &"张".repeat(51), Rule::Length { min: 1, max: 50 }),
            (organisation(), " ", Rule::Required),
            (
                organisation(),
                &"司".repeat(101),
                Rule::Length { min: 1, max: 100 },
            ),
        ];
        for (base, name, rule) in table {
            let raw = RawParty {
                name: name.into(),
                ..base
            };
            assert_eq!(errors(&raw), vec![err(Field::PartyName, rule)]);
        }
        let longest_person = RawParty {
            name: "张".repeat(50),
            ..person()
        };
        assert!(parse_party(&longest_person, today()).is_ok());
        let longest_organisation = RawParty {
            name: "司".repeat(100),
            ..organisation()
        };
        assert!(parse_party(&longest_organisation, today()).is_ok());
    }

    #[test]
    fn a_natural_person_needs_a_valid_id_number() {
        let table = [
            ("", Rule::Required),
            ("110105194912310021", Rule::CheckDigit),
            ("110105194913310021", Rule::Date),
            ("1101051949123100", Rule::Length { min: 18, max: 18 }),
            ("1101051949123100AX", Rule::Charset),
        ];
        for (id, rule) in table {
            let raw = RawParty {
                id_number: id.into(),
                ..person()
            };
            assert_eq!(errors(&raw), vec![err(Field::IdNumber, rule)], "{id}");
        }
    }

    #[test]
    fn an_organisation_needs_a_valid_credit_code_and_a_legal_representative() {
        let table = [
            ("", Rule::Required),
            ("91350100M000100Y44", Rule::CheckDigit),
            ("91350100I000100Y43", Rule::Charset),
            ("91350100M000100Y4", Rule::Length { min: 18, max: 18 }),
        ];
        for (code, rule) in table {
            let raw = RawParty {
                credit_code: code.into(),
                ..organisation()
            };
            assert_eq!(errors(&raw), vec![err(Field::CreditCode, rule)], "{code}");
        }
        let table = [
            ("", Rule::Required),
            (&*"李".repeat(51), Rule::Length { min: 1, max: 50 }),
        ];
        for (name, rule) in table {
            let raw = RawParty {
                legal_representative: name.into(),
                ..organisation()
            };
            assert_eq!(errors(&raw), vec![err(Field::LegalRepresentative, rule)]);
        }
    }

    #[test]
    fn both_kinds_need_an_address_of_at_most_two_hundred_characters() {
        for base in [person(), organisation()] {
            let raw = RawParty {
                address: String::new(),
                ..base.clone()
            };
            assert_eq!(errors(&raw), vec![err(Field::Address, Rule::Required)]);
            let raw = RawParty {
                address: "路".repeat(201),
                ..base.clone()
            };
            assert_eq!(
                errors(&raw),
                vec![err(Field::Address, Rule::Length { min: 1, max: 200 })]
            );
            let raw = RawParty {
                address: "路".repeat(200),
                ..base
            };
            assert!(parse_party(&raw, today()).is_ok());
        }
    }

    #[test]
    fn every_bad_field_is_reported_at_once_in_form_order() {
        let raw = RawParty {
            kind: "natural_person".into(),
            id_number: "110105194912310021".into(),
            phone: "123".into(),
            ..RawParty::default()
        };
        assert_eq!(
            errors(&raw),
            vec![
                err(Field::PartyName, Rule::Required),
                err(Field::IdNumber, Rule::CheckDigit),
                err(Field::Phone, Rule::Charset),
                err(Field::Address, Rule::Required),
            ]
        );
        let raw = RawParty {
            kind: "organisation".into(),
            ..RawParty::default()
        };
        assert_eq!(
            errors(&raw),
            vec![
                err(Field::PartyName, Rule::Required),
                err(Field::CreditCode, Rule::Required),
                err(Field::LegalRepresentative, Rule::Required),
                err(Field::Address, Rule::Required),
            ]
        );
        assert_eq!(
            errors(&RawParty::default()),
            vec![
                err(Field::PartyKind, Rule::Required),
                err(Field::PartyName, Rule::Required),
                err(Field::Address, Rule::Required),
            ]
        );
    }

    #[test]
    fn messages_name_the_field_in_both_languages() {
        let table = [
            (Field::PartyKind, "当事人类型", "Party type"),
            (Field::PartyName, "当事人名称", "Party name"),
            (Field::IdNumber, "身份证号码", "ID number"),
            (Field::IdKind, "证件类型", "ID document type"),
            (Field::DocumentNumber, "证件号码", "ID document number"),
            (Field::BirthDate, "出生日期", "Date of birth"),
            (
                Field::CreditCode,
                "统一社会信用代码",
                "Unified social credit code",
            ),
            (
                Field::LegalRepresentative,
                "法定代表人",
                "Legal representative",
            ),
            (Field::Phone, "联系电话", "Phone"),
            (Field::Address, "地址", "Address"),
        ];
        for (field, zh, en) in table {
            let e = err(field, Rule::Required);
            assert_eq!(e.message(Lang::Zh), format!("「{zh}」不能为空"));
            assert_eq!(e.message(Lang::En), format!("{en}: must not be empty"));
        }
        let e = &errors(&RawParty {
            id_number: "110105194912310021".into(),
            ..person()
        })[0];
        assert!(e.message(Lang::Zh).starts_with("「身份证号码」"));
        assert!(e.message(Lang::En).starts_with("ID number:"));
    }

    #[test]
    fn the_id_number_is_masked_for_display() {
        let party = parse_party(&person(), today()).expect("valid");
        assert_eq!(party.masked_id().as_deref(), Some("1101**********002X"));
        let organisation = parse_party(&organisation(), today()).expect("valid");
        assert_eq!(organisation.masked_id(), None);
        let short = Party {
            id_number: Some("12345678".into()),
            ..party.clone()
        };
        assert_eq!(short.masked_id().as_deref(), Some("********"));
        let nine = Party {
            id_number: Some("身份证号码一二三四".into()),
            ..party
        };
        assert_eq!(nine.masked_id().as_deref(), Some("身份*****三四"));
    }

    #[test]
    fn masked_id_hides_at_least_half_of_every_document_kind() {
        let table = [
            (IdKind::ResidentId, ID, "1101**********002X"),
            (IdKind::Passport, "E12345678", "E1*****78"),
            (IdKind::Passport, "AB123", "*****"),
            (IdKind::HkMacaoPermit, "H12345678", "H1*****78"),
            (IdKind::HkMacaoPermit, "M1234567801", "M1*******01"),
            (IdKind::TaiwanPermit, "12345678", "********"),
            (IdKind::TaiwanPermit, "1234567801", "12******01"),
            (
                IdKind::HmtResidencePermit,
                "810000199408230021",
                "8100**********0021",
            ),
            (
                IdKind::ForeignPermanentResidence,
                "USA110080115001",
                "USA*********001",
            ),
            (
                IdKind::ForeignPermanentResidence,
                "900156199001010018",
                "9001**********0018",
            ),
        ];
        for (kind, number, masked) in table {
            let raw = RawParty {
                id_kind: kind.as_str().into(),
                id_number: number.into(),
                ..person()
            };
            let party = parse_party(&raw, today()).expect("valid");
            let shown = party.masked_id().expect("a person has a number");
            assert_eq!(shown, masked, "{kind:?}");
            let hidden = shown.chars().filter(|c| *c == '*').count();
            assert!(2 * hidden >= shown.chars().count(), "{kind:?}");
        }
    }

    #[test]
    fn a_natural_person_may_be_identified_by_each_document_kind() {
        let table = [
            ("", ID, IdKind::ResidentId),
            (" resident_id ", ID, IdKind::ResidentId),
            ("passport", "e12345678", IdKind::Passport),
            ("hk_macao_permit", "h12345678", IdKind::HkMacaoPermit),
            ("taiwan_permit", "12345678", IdKind::TaiwanPermit),
            (
                "hmt_residence_permit",
                "810000199408230021",
                IdKind::HmtResidencePermit,
            ),
            (
                "foreign_permanent_residence",
                "USA110080115001",
                IdKind::ForeignPermanentResidence,
            ),
        ];
        for (id_kind, number, kind) in table {
            let raw = RawParty {
                id_kind: id_kind.into(),
                id_number: number.into(),
                ..person()
            };
            let party = parse_party(&raw, today()).expect("valid");
            assert_eq!(party.id_kind, kind, "{id_kind:?}");
            assert_eq!(
                party.id_number.as_deref(),
                Some(number.to_ascii_uppercase().as_str())
            );
        }
    }

    #[test]
    fn a_document_kind_must_be_known_and_its_number_fit_it() {
        let raw = RawParty {
            id_kind: "green_card".into(),
            ..person()
        };
        assert_eq!(errors(&raw), vec![err(Field::IdKind, Rule::OneOf)]);
        let table = [
            ("passport", "", Field::DocumentNumber, Rule::Required),
            (
                "passport",
                ID,
                Field::DocumentNumber,
                Rule::Length { min: 5, max: 17 },
            ),
            ("hk_macao_permit", ID, Field::DocumentNumber, Rule::Format),
            (
                "taiwan_permit",
                "H12345678",
                Field::DocumentNumber,
                Rule::Charset,
            ),
            (
                "hmt_residence_permit",
                ID,
                Field::DocumentNumber,
                Rule::Format,
            ),
            (
                "resident_id",
                "E12345678",
                Field::IdNumber,
                Rule::Length { min: 18, max: 18 },
            ),
        ];
        for (id_kind, number, field, rule) in table {
            let raw = RawParty {
                id_kind: id_kind.into(),
                id_number: number.into(),
                ..person()
            };
            assert_eq!(errors(&raw), vec![err(field, rule)], "{id_kind} {number}");
        }
    }

    #[test]
    fn a_birth_date_is_optional_for_documents_without_one_and_never_in_the_future() {
        let passport = |birth_date: &str| RawParty {
            id_kind: "passport".into(),
            id_number: "E12345678".into(),
            birth_date: birth_date.into(),
            ..person()
        };
        let table = [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("2010-06-15", Ok(Some(day("2010-06-15")))),
            ("2026-03-10", Ok(Some(today()))),
            ("2026-03-11", Err(Rule::NotInFuture)),
            ("2010-02-30", Err(Rule::Date)),
            ("15/06/2010", Err(Rule::Date)),
        ];
        for (input, expected) in table {
            let got = parse_party(&passport(input), today())
                .map(|p| p.birth_date)
                .map_err(|es| {
                    assert_eq!(es.len(), 1, "{input}");
                    assert_eq!(es[0].field, Field::BirthDate);
                    es[0].rule.clone()
                });
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn a_birth_date_sent_with_a_number_that_carries_one_is_dropped() {
        for (id_kind, number) in [("", ID), ("hmt_residence_permit", "810000199408230021")] {
            let raw = RawParty {
                id_kind: id_kind.into(),
                id_number: number.into(),
                birth_date: "not even a date".into(),
                ..person()
            };
            assert_eq!(parse_party(&raw, today()).expect("valid").birth_date, None);
        }
        let raw = RawParty {
            id_kind: "passport".into(),
            birth_date: "2000-01-01".into(),
            ..organisation()
        };
        let party = parse_party(&raw, today()).expect("valid");
        assert_eq!(
            (party.id_kind, party.birth_date),
            (IdKind::ResidentId, None)
        );
    }

    #[test]
    fn a_number_whose_birth_date_is_in_the_future_is_refused() {
        // 2030-01-01 with a valid check digit.
        let future = "110101203001010014";
        assert_eq!(liability::birth_date(future), Some(day("2030-01-01")));
        let raw = RawParty {
            id_number: future.into(),
            ..person()
        };
        assert_eq!(errors(&raw), vec![err(Field::IdNumber, Rule::NotInFuture)]);
    }

    #[test]
    fn born_on_and_responsibility_follow_the_document_or_the_explicit_birth_date() {
        let resident = parse_party(&person(), today()).expect("valid");
        assert_eq!(resident.born_on(), Some(day("1949-12-31")));
        assert_eq!(
            resident.responsibility(today()),
            Some(AgeResponsibility::Full)
        );
        let minor = |birth_date: &str| {
            parse_party(
                &RawParty {
                    id_kind: "passport".into(),
                    id_number: "E12345678".into(),
                    birth_date: birth_date.into(),
                    ..person()
                },
                today(),
            )
            .expect("valid")
        };
        let party = minor("2010-06-15");
        assert_eq!(party.born_on(), Some(day("2010-06-15")));
        assert_eq!(
            party.responsibility(day("2024-06-15")),
            Some(AgeResponsibility::NotPunishable)
        );
        assert_eq!(
            party.responsibility(day("2024-06-16")),
            Some(AgeResponsibility::Lighter)
        );
        assert_eq!(minor("").responsibility(today()), None);
        let permit = parse_party(
            &RawParty {
                id_kind: "hmt_residence_permit".into(),
                id_number: "810000199408230021".into(),
                ..person()
            },
            today(),
        )
        .expect("valid");
        assert_eq!(permit.born_on(), Some(day("1994-08-23")));
        let organisation = parse_party(&organisation(), today()).expect("valid");
        assert_eq!(organisation.born_on(), None);
        assert_eq!(organisation.responsibility(today()), None);
    }

    #[test]
    fn stored_parties_without_a_document_kind_load_as_resident_ids() {
        let old = serde_json::json!({
            "kind": "natural_person", "name": "张三", "id_number": ID,
            "credit_code": null, "legal_representative": null, "phone": null,
            "address": "杭州"
        });
        let party: Party = serde_json::from_value(old).expect("deserialise");
        assert_eq!(party.id_kind, IdKind::ResidentId);
        assert_eq!(party.birth_date, None);
        assert_eq!(party.born_on(), Some(day("1949-12-31")));
        let raw: RawParty = serde_json::from_value(serde_json::json!({
            "kind": "natural_person", "name": "张三", "id_number": ID, "address": "杭州"
        }))
        .expect("deserialise");
        assert_eq!(
            parse_party(&raw, today()).expect("valid").id_kind,
            IdKind::ResidentId
        );
        let passport = parse_party(
            &RawParty {
                id_kind: "passport".into(),
                id_number: "E12345678".into(),
                birth_date: "2000-01-02".into(),
                ..person()
            },
            today(),
        )
        .expect("valid");
        let json = serde_json::to_value(&passport).expect("serialise");
        assert_eq!(json["id_kind"], "passport");
        assert_eq!(json["birth_date"], "2000-01-02");
        assert_eq!(
            serde_json::from_value::<Party>(json).expect("deserialise"),
            passport
        );
    }

    #[test]
    fn debug_output_never_shows_the_birth_date() {
        let raw = RawParty {
            id_kind: "passport".into(),
            id_number: "E12345678".into(),
            birth_date: "2000-01-02".into(),
            ..person()
        };
        let party = parse_party(&raw, today()).expect("valid");
        for shown in [format!("{raw:?}"), format!("{party:?}")] {
            assert!(!shown.contains("2000"), "{shown}");
            assert!(!shown.contains("12345"), "{shown}");
            assert!(shown.contains("assport"), "{shown}");
        }
    }

    #[test]
    fn debug_output_never_shows_the_id_number_or_the_phone() {
        let raw = person();
        let party = parse_party(&raw, today()).expect("valid");
        for shown in [format!("{raw:?}"), format!("{party:?}")] {
            assert!(!shown.contains("1231002"), "{shown}");
            assert!(!shown.contains("0013"), "{shown}");
            assert!(shown.contains("张三"), "{shown}");
        }
        assert!(format!("{party:?}").contains("1101**********002X"));
    }

    #[test]
    fn parties_round_trip_through_json_and_raw_fields_default_to_empty() {
        let party = parse_party(&organisation(), today()).expect("valid");
        let json = serde_json::to_value(&party).expect("serialise");
        assert_eq!(json["kind"], "organisation");
        assert_eq!(json["id_number"], serde_json::Value::Null);
        let back: Party = serde_json::from_value(json).expect("deserialise");
        assert_eq!(back, party);
        let raw: RawParty = serde_json::from_str(
            r#"{"kind": "natural_person", "name": "张三", "id_number": "11010519491231002X",
                "address": "杭州"}"#,
        )
        .expect("deserialise");
        assert_eq!(raw.phone, "");
        assert_eq!(raw.credit_code, "");
        assert!(parse_party(&raw, today()).is_ok());
    }
}
