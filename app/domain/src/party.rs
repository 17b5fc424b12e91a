//! The party of a case (当事人): a natural person (公民) or a legal person or other
//! organisation (法人或者其他组织), parsed from what a form or JSON body sends.
//!
//! Invariants:
//! - A parsed [`Party`] of kind [`PartyKind::NaturalPerson`] has a name of 1–50 characters, an
//!   ID number that passes GB 11643 (upper-case `X`), an address of 1–200 characters, no
//!   credit code and no legal representative. Fields that do not apply to a natural person
//!   (credit code, legal representative) are **ignored and dropped**, not refused, so a form
//!   that keeps hidden inputs after the kind is switched still submits.
//! - A parsed [`Party`] of kind [`PartyKind::Organisation`] has a name of 1–100 characters, a
//!   unified social credit code that passes GB 32100 (upper case), a legal representative of
//!   1–50 characters, an address of 1–200 characters and no ID number (an ID number sent with
//!   an organisation is ignored and dropped).
//! - The phone is optional for both kinds; when given it is a mobile or landline number as
//!   [`crate::clue::phone`] accepts it, stored without spaces or `+86`.
//! - [`parse_party`] reports every bad field at once, in form order.
//! - The ID number and phone are private data: `Debug` never prints them, and
//!   [`Party::masked_id`] is the only form of the ID number meant for display beyond the case
//!   file.

use serde::{Deserialize, Serialize};

use crate::{
    case::PartyKind,
    clue,
    validate::{self, CreditCode, Field, IdNumber, Rule, ValidationError},
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
/// `organisation`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RawParty {
    /// `natural_person` or `organisation`.
    pub kind: String,
    /// Name of the person or organisation.
    pub name: String,
    /// Resident ID number (natural persons).
    pub id_number: String,
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
            .field("id_number", &redacted(&self.id_number))
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
    /// Resident ID number: `Some` exactly for natural persons.
    pub id_number: Option<String>,
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
            .field("id_number", &self.masked_id())
            .field("credit_code", &self.credit_code)
            .field("legal_representative", &self.legal_representative)
            .field("phone", &self.phone.as_deref().map(redacted))
            .field("address", &self.address)
            .finish()
    }
}

impl Party {
    /// The ID number with all but its first four and last four characters replaced by `*`
    /// (`330106199001011234` → `3301**********1234`), for display outside the case file.
    /// `None` for an organisation. A number of eight characters or fewer (never produced by
    /// [`parse_party`]) is masked entirely.
    pub fn masked_id(&self) -> Option<String> {
        let id = self.id_number.as_deref()?;
        let chars: Vec<char> = id.chars().collect();
        let n = chars.len();
        if n <= 8 {
            return Some("*".repeat(n));
        }
        let mut masked: String = chars[..4].iter().collect();
        masked.push_str(&"*".repeat(n - 8));
        masked.extend(&chars[n - 4..]);
        Some(masked)
    }
}

/// Parses a party, reporting every bad field at once: the kind ([`Field::PartyKind`]:
/// [`Rule::Required`] when empty, [`Rule::OneOf`] when unknown), the name
/// ([`Field::PartyName`]), the ID number ([`Field::IdNumber`]) or credit code
/// ([`Field::CreditCode`]) and legal representative ([`Field::LegalRepresentative`]), the phone
/// ([`Field::Phone`]) and the address ([`Field::Address`]). With an unknown kind the name (up
/// to [`ORGANISATION_NAME_MAX`]), phone and address are still checked.
pub fn parse_party(raw: &RawParty) -> Result<Party, Vec<ValidationError>> {
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
    match kind {
        Some(PartyKind::NaturalPerson) => {
            id_number = IdNumber::parse(&raw.id_number)
                .map(|id| id.as_str().to_owned())
                .map_err(|e| errors.push(e))
                .ok();
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
            id_number,
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

/// How private text appears in `Debug` output: whether it is empty, never its content.
fn redacted(value: &str) -> &'static str {
    if value.is_empty() { "" } else { "***" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const ID: &str = "11010519491231002X";
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
        parse_party(raw).expect_err("should be rejected")
    }

    fn err(field: Field, rule: Rule) -> ValidationError {
        ValidationError::new(field, rule)
    }

    #[test]
    fn a_natural_person_is_parsed_and_normalised() {
        let party = parse_party(&person()).expect("valid");
        assert_eq!(
            party,
            Party {
                kind: PartyKind::NaturalPerson,
                name: "张三".into(),
                id_number: Some(ID.into()),
                credit_code: None,
                legal_representative: None,
                phone: Some("13800138000".into()),
                address: "杭州市上城区解放路 1 号".into(),
            }
        );
    }

    #[test]
    fn an_organisation_is_parsed_and_normalised() {
        let party = parse_party(&organisation()).expect("valid");
        assert_eq!(
            party,
            Party {
                kind: PartyKind::Organisation,
                name: "某某餐饮管理有限公司".into(),
                id_number: None,
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
        let party = parse_party(&raw).expect("valid");
        assert_eq!(
            (party.credit_code, party.legal_representative),
            (None, None)
        );
        let raw = RawParty {
            id_number: "123".into(),
            ..organisation()
        };
        assert_eq!(parse_party(&raw).expect("valid").id_number, None);
    }

    #[test]
    fn the_phone_is_optional_but_checked_when_given() {
        for phone in ["", "   "] {
            let raw = RawParty {
                phone: phone.into(),
                ..person()
            };
            assert_eq!(parse_party(&raw).expect("valid").phone, None, "{phone:?}");
        }
        let raw = RawParty {
            phone: "+86 139 0000 0000".into(),
            ..organisation()
        };
        assert_eq!(
            parse_party(&raw).expect("valid").phone.as_deref(),
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
        assert!(parse_party(&raw).is_ok());
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
        assert!(parse_party(&longest_person).is_ok());
        let longest_organisation = RawParty {
            name: "司".repeat(100),
            ..organisation()
        };
        assert!(parse_party(&longest_organisation).is_ok());
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
            assert!(parse_party(&raw).is_ok());
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
        let party = parse_party(&person()).expect("valid");
        assert_eq!(party.masked_id().as_deref(), Some("1101**********002X"));
        let organisation = parse_party(&organisation()).expect("valid");
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
        assert_eq!(nine.masked_id().as_deref(), Some("身份证号*一二三四"));
    }

    #[test]
    fn debug_output_never_shows_the_id_number_or_the_phone() {
        let raw = person();
        let party = parse_party(&raw).expect("valid");
        for shown in [format!("{raw:?}"), format!("{party:?}")] {
            assert!(!shown.contains("1231002"), "{shown}");
            assert!(!shown.contains("0013"), "{shown}");
            assert!(shown.contains("张三"), "{shown}");
        }
        assert!(format!("{party:?}").contains("1101**********002X"));
    }

    #[test]
    fn parties_round_trip_through_json_and_raw_fields_default_to_empty() {
        let party = parse_party(&organisation()).expect("valid");
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
        assert!(parse_party(&raw).is_ok());
    }
}
