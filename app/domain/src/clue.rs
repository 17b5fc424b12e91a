//! Case clues (案源) pushed by external systems (the 12345 hotline, grid-management
//! platforms, inspection apps) or registered by officers: their sources and the parsing of an
//! incoming clue.
//!
//! Invariants: a parsed clue has a known source, a non-empty reference (the sender's own id,
//! used for idempotency), a title, description and location within their limits, and a
//! report time that is not in the future (a five-minute allowance covers clock skew between
//! systems). The reporter's name and phone are private data: they are kept on the clue but
//! never written to the audit log or published.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    validate::{self, Field, Rule, ValidationError},
};

/// How far in the future a report time may lie (clock skew between systems).
pub const FUTURE_ALLOWANCE_MINUTES: i64 = 5;

/// Where a clue came from (DOMAIN.md §2.3 S0: inspection, complaint or report, transfer,
/// assignment, electronic monitoring; plus the integrations of SPEC.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum ClueSource {
    /// The 12345 government service hotline.
    #[serde(rename = "12345")]
    Hotline12345,
    /// A grid-management platform.
    #[serde(rename = "grid")]
    Grid,
    /// A referral from another authority (移送/交办).
    #[serde(rename = "referral")]
    Referral,
    /// An officer's own inspection.
    #[serde(rename = "inspection")]
    Inspection,
    /// A complaint or report from the public.
    #[serde(rename = "complaint")]
    Complaint,
    /// Electronic monitoring (Art. 41).
    #[serde(rename = "monitoring")]
    Monitoring,
}

impl ClueSource {
    /// Every source.
    pub const ALL: [ClueSource; 6] = [
        ClueSource::Hotline12345,
        ClueSource::Grid,
        ClueSource::Referral,
        ClueSource::Inspection,
        ClueSource::Complaint,
        ClueSource::Monitoring,
    ];

    /// The machine name used by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ClueSource::Hotline12345 => "12345",
            ClueSource::Grid => "grid",
            ClueSource::Referral => "referral",
            ClueSource::Inspection => "inspection",
            ClueSource::Complaint => "complaint",
            ClueSource::Monitoring => "monitoring",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ClueSource::Hotline12345 => lang.pick("12345热线", "12345 hotline"),
            ClueSource::Grid => lang.pick("网格化平台", "Grid platform"),
            ClueSource::Referral => lang.pick("部门移送", "Referral"),
            ClueSource::Inspection => lang.pick("监督检查", "Inspection"),
            ClueSource::Complaint => lang.pick("投诉举报", "Complaint"),
            ClueSource::Monitoring => lang.pick("电子监控", "Electronic monitoring"),
        }
    }
}

/// A clue as received, before parsing (all text, as a sender may send anything).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RawClue {
    /// Source machine name.
    pub source: String,
    /// The sender's own id.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Location.
    pub location: String,
    /// RFC 3339 report time.
    pub reported_at: String,
    /// Reporter (optional, private).
    #[serde(default)]
    pub reporter: Option<RawReporter>,
    /// Target agency code (optional).
    #[serde(default)]
    pub agency: Option<String>,
}

/// The reporter of a clue, as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RawReporter {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
}

/// A parsed, valid clue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clue {
    /// Source.
    pub source: ClueSource,
    /// The sender's own id.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Location.
    pub location: String,
    /// When it was reported.
    pub reported_at: DateTime<Utc>,
    /// Reporter's name, if given.
    pub reporter_name: Option<String>,
    /// Reporter's phone, if given.
    pub reporter_phone: Option<String>,
    /// Target agency code (upper case), if given.
    pub agency_code: Option<String>,
}

/// Parses a received clue, reporting every bad field at once.
pub fn parse(raw: &RawClue, now: DateTime<Utc>) -> Result<Clue, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let source = ClueSource::parse(&raw.source);
    if source.is_none() {
        let rule = if raw.source.trim().is_empty() {
            Rule::Required
        } else {
            Rule::OneOf
        };
        errors.push(ValidationError::new(Field::ClueSource, rule));
    }
    let reference = validate::text(Field::Reference, &raw.reference, 1, 64)
        .and_then(|r| {
            if r.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
            {
                Ok(r)
            } else {
                Err(ValidationError::new(Field::Reference, Rule::Charset))
            }
        })
        .map_err(|e| errors.push(e))
        .ok();
    let title = validate::text(Field::Title, &raw.title, 1, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let description = validate::text(Field::Description, &raw.description, 1, 5000)
        .map_err(|e| errors.push(e))
        .ok();
    let location = validate::text(Field::Location, &raw.location, 1, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let reported_at = parse_reported_at(&raw.reported_at, now)
        .map_err(|e| errors.push(e))
        .ok();
    let reporter = raw.reporter.clone().unwrap_or_default();
    let reporter_name = match reporter
        .name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(n) => validate::text(Field::ReporterName, n, 1, 50)
            .map_err(|e| errors.push(e))
            .ok(),
        None => None,
    };
    let reporter_phone = match reporter
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(p) => phone(p).map_err(|e| errors.push(e)).ok(),
        None => None,
    };
    let agency_code = match raw
        .agency
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(code) => validate::agency_code(code)
            .map_err(|e| errors.push(ValidationError::new(Field::Agency, e.rule)))
            .ok(),
        None => None,
    };
    match (source, reference, title, description, location, reported_at) {
        (
            Some(source),
            Some(reference),
            Some(title),
            Some(description),
            Some(location),
            Some(reported_at),
        ) if errors.is_empty() => Ok(Clue {
            source,
            reference,
            title,
            description,
            location,
            reported_at,
            reporter_name,
            reporter_phone,
            agency_code,
        }),
        _ => Err(errors),
    }
}

fn parse_reported_at(input: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, ValidationError> {
    let value = input.trim();
    if value.is_empty() {
        return Err(ValidationError::new(Field::ReportedAt, Rule::Required));
    }
    let at = DateTime::parse_from_rfc3339(value)
        .map_err(|_| ValidationError::new(Field::ReportedAt, Rule::Date))?
        .with_timezone(&Utc);
    if at > now + Duration::minutes(FUTURE_ALLOWANCE_MINUTES) {
        return Err(ValidationError::new(Field::ReportedAt, Rule::NotInFuture));
    }
    Ok(at)
}

/// A Chinese phone number: a mobile number (11 digits starting 13–19, optionally after
/// `+86`), or a landline with an area code (0 + 2–3 digits, optional `-`, 7–8 digits).
/// Spaces are ignored.
pub fn phone(input: &str) -> Result<String, ValidationError> {
    let spaced: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let value = spaced
        .strip_prefix("+86")
        .map(str::to_owned)
        .unwrap_or(spaced);
    if value.is_empty() {
        return Err(ValidationError::new(Field::ReporterPhone, Rule::Required));
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let only_digits_and_dash = value.chars().all(|c| c.is_ascii_digit() || c == '-');
    let mobile = value.len() == 11
        && digits == value
        && value.starts_with('1')
        && matches!(value.as_bytes()[1], b'3'..=b'9');
    let landline = only_digits_and_dash
        && value.starts_with('0')
        && value.matches('-').count() <= 1
        && (10..=12).contains(&digits.len())
        && value
            .split('-')
            .next()
            .is_some_and(|area| !value.contains('-') || (3..=4).contains(&area.len()));
    if mobile || landline {
        Ok(value)
    } else {
        Err(ValidationError::new(Field::ReporterPhone, Rule::Charset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T10:00:00+08:00")
            .expect("instant")
            .with_timezone(&Utc)
    }

    fn raw() -> RawClue {
        RawClue {
            source: "12345".into(),
            reference: "HL-20261126-0001".into(),
            title: "餐馆后厨卫生问题".into(),
            description: "市民反映某餐馆后厨脏乱，存在过期食材。".into(),
            location: "临江市滨江路 88 号".into(),
            reported_at: "2026-11-26T09:30:00+08:00".into(),
            reporter: Some(RawReporter {
                name: Some("王某".into()),
                phone: Some("138 0013 8000".into()),
            }),
            agency: Some("scjg".into()),
        }
    }

    fn fields(r: Result<Clue, Vec<ValidationError>>) -> Vec<(Field, Rule)> {
        r.expect_err("invalid")
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn a_complete_clue_parses_with_normalised_values() {
        let c = parse(&raw(), now()).expect("valid");
        assert_eq!(c.source, ClueSource::Hotline12345);
        assert_eq!(c.agency_code.as_deref(), Some("SCJG"));
        assert_eq!(c.reporter_phone.as_deref(), Some("13800138000"));
        assert_eq!(c.reported_at.to_rfc3339(), "2026-11-26T01:30:00+00:00");
    }

    #[test]
    fn reporter_and_agency_are_optional() {
        let mut r = raw();
        r.reporter = None;
        r.agency = None;
        let c = parse(&r, now()).expect("valid");
        assert_eq!(
            (c.reporter_name, c.reporter_phone, c.agency_code),
            (None, None, None)
        );
    }

    #[test]
    fn every_missing_field_is_reported_at_once() {
        let got = fields(parse(&RawClue::default(), now()));
        assert_eq!(
            got,
            vec![
                (Field::ClueSource, Rule::Required),
                (Field::Reference, Rule::Required),
                (Field::Title, Rule::Required),
                (Field::Description, Rule::Required),
                (Field::Location, Rule::Required),
                (Field::ReportedAt, Rule::Required),
            ]
        );
    }

    #[test]
    fn an_unknown_source_and_a_bad_reference_are_named() {
        let mut r = raw();
        r.source = "fax".into();
        r.reference = "a b".into();
        assert_eq!(
            fields(parse(&r, now())),
            vec![
                (Field::ClueSource, Rule::OneOf),
                (Field::Reference, Rule::Charset)
            ]
        );
    }

    #[test]
    fn report_times_must_be_rfc3339_and_not_in_the_future() {
        let table = [
            ("2026-11-26T10:05:00+08:00", Ok(())), // exactly at the allowance
            ("2026-11-26T10:05:01+08:00", Err(Rule::NotInFuture)),
            ("2026-11-26 10:00", Err(Rule::Date)),
            ("yesterday", Err(Rule::Date)),
        ];
        for (input, expected) in table {
            let mut r = raw();
            r.reported_at = input.into();
            let got = parse(&r, now()).map(|_| ()).map_err(|e| e[0].rule.clone());
            assert_eq!(got, expected, "{input}");
        }
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let mut r = raw();
        r.title = "食".repeat(200);
        assert!(parse(&r, now()).is_ok());
        r.title = "食".repeat(201);
        assert_eq!(
            fields(parse(&r, now())),
            vec![(Field::Title, Rule::Length { min: 1, max: 200 })]
        );
        r.title = "ok".into();
        r.description = "x".repeat(5001);
        assert_eq!(
            fields(parse(&r, now())),
            vec![(Field::Description, Rule::Length { min: 1, max: 5000 })]
        );
    }

    #[test]
    fn phone_numbers_are_mobile_or_landline() {
        for ok in [
            "13800138000",
            "+86 138 0013 8000",
            "19912345678",
            "0571-87654321",
            "057187654321",
            "010-1234567",
        ] {
            assert!(phone(ok).is_ok(), "{ok}");
        }
        for bad in [
            "12800138000",
            "1380013800",
            "138001380000",
            "phone",
            "0571--8765432",
            "+1 2025550123",
        ] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bad_agency_code_is_reported_on_the_agency_field() {
        let mut r = raw();
        r.agency = Some("市场监管".into());
        assert_eq!(
            fields(parse(&r, now())),
            vec![(Field::Agency, Rule::Charset)]
        );
    }

    #[test]
    fn sources_round_trip_and_serialise_as_their_machine_names() {
        for s in ClueSource::ALL {
            assert_eq!(ClueSource::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).expect("json"),
                serde_json::json!(s.as_str())
            );
            assert!(!s.label(Lang::Zh).is_empty());
        }
    }
}
