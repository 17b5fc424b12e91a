//! The proposal of an inspection (行政检查审批表) as an officer fills it in: the kind, the window
//! asked for, the officers named. Judged field by field, every error at once; what the
//! registration later checks against the day (certificates, cap, region) is not judged here.

use chrono::NaiveDate;

use super::InspectionKind;
use crate::i18n::Lang;
use crate::validate::{self, Field, Rule, ValidationError};

/// The kind as forms name it.
pub fn kind_name(kind: InspectionKind) -> &'static str {
    match kind {
        InspectionKind::Routine => "routine",
        InspectionKind::Case => "case",
        InspectionKind::Special {
            deployed_by_superior: false,
        } => "special",
        InspectionKind::Special {
            deployed_by_superior: true,
        } => "special_superior",
    }
}

/// Every kind as forms name them.
pub const KIND_NAMES: [&str; 4] = ["routine", "case", "special", "special_superior"];

/// Parses a kind's form name.
pub fn parse_kind(s: &str) -> Option<InspectionKind> {
    match s.trim() {
        "routine" => Some(InspectionKind::Routine),
        "case" => Some(InspectionKind::Case),
        "special" => Some(InspectionKind::Special {
            deployed_by_superior: false,
        }),
        "special_superior" => Some(InspectionKind::Special {
            deployed_by_superior: true,
        }),
        _ => None,
    }
}

/// A kind for people.
pub fn kind_label(kind: InspectionKind, lang: Lang) -> &'static str {
    match kind {
        InspectionKind::Routine => lang.pick("日常检查（双随机）", "Routine (random draw)"),
        InspectionKind::Case => lang.pick("个案检查", "Case inspection"),
        InspectionKind::Special {
            deployed_by_superior: false,
        } => lang.pick("专项检查", "Special inspection"),
        InspectionKind::Special {
            deployed_by_superior: true,
        } => lang.pick(
            "专项检查（上级部署，不计入频次上限）",
            "Special inspection deployed by a superior (outside the cap)",
        ),
    }
}

/// A proposal that passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The kind.
    pub kind: InspectionKind,
    /// First day of the window.
    pub from: NaiveDate,
    /// Last day (a special inspection's end date).
    pub to: NaiveDate,
    /// The officers named, without repeats, in the order given.
    pub officer_ids: Vec<i32>,
}

/// Judges a proposal: every error at once. The window may not end before `today`.
pub fn validate(
    kind: &str,
    from: &str,
    to: &str,
    officer_ids: &[i32],
    today: NaiveDate,
) -> Result<Proposal, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let kind = parse_kind(kind);
    if kind.is_none() {
        errors.push(ValidationError::new(Field::InspectionKind, Rule::OneOf));
    }
    let from = validate::date(Field::DateFrom, from)
        .map_err(|e| errors.push(e))
        .ok();
    let to = validate::date(Field::DateTo, to)
        .map_err(|e| errors.push(e))
        .ok();
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.push(ValidationError::new(Field::DateTo, Rule::DateOrder));
        } else if t < today {
            errors.push(ValidationError::new(Field::DateTo, Rule::DateOrder));
        }
    }
    let mut officers: Vec<i32> = Vec::new();
    for id in officer_ids {
        if !officers.contains(id) {
            officers.push(*id);
        }
    }
    if officers.len() < 2 {
        errors.push(ValidationError::new(
            Field::Officers,
            Rule::TooFew { min: 2 },
        ));
    }
    match (kind, from, to) {
        (Some(kind), Some(from), Some(to)) if errors.is_empty() => Ok(Proposal {
            kind,
            from,
            to,
            officer_ids: officers,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn fields(r: Result<Proposal, Vec<ValidationError>>) -> Vec<(Field, Rule)> {
        r.expect_err("refused")
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn a_lawful_proposal_passes_with_repeats_dropped() {
        let p = validate(
            "special",
            "2026-12-04",
            "2026-12-31",
            &[3, 4, 3],
            d("2026-12-04"),
        )
        .expect("valid");
        assert_eq!(
            p.kind,
            InspectionKind::Special {
                deployed_by_superior: false
            }
        );
        assert_eq!(p.officer_ids, vec![3, 4]);
    }

    #[test]
    fn every_error_is_named_at_once() {
        assert_eq!(
            fields(validate("raid", "2026-13-01", "", &[3], d("2026-12-04"))),
            vec![
                (Field::InspectionKind, Rule::OneOf),
                (Field::DateFrom, Rule::Date),
                (Field::DateTo, Rule::Required),
                (Field::Officers, Rule::TooFew { min: 2 }),
            ]
        );
    }

    #[test]
    fn the_window_is_ordered_and_not_past() {
        let today = d("2026-12-04");
        assert_eq!(
            fields(validate("case", "2026-12-10", "2026-12-09", &[1, 2], today)),
            vec![(Field::DateTo, Rule::DateOrder)]
        );
        assert_eq!(
            fields(validate("case", "2026-11-01", "2026-12-03", &[1, 2], today)),
            vec![(Field::DateTo, Rule::DateOrder)]
        );
        assert!(validate("case", "2026-11-01", "2026-12-04", &[1, 2], today).is_ok());
        assert!(validate("case", "2026-12-04", "2026-12-04", &[1, 2], today).is_ok());
    }

    #[test]
    fn kinds_round_trip() {
        for name in KIND_NAMES {
            let kind = parse_kind(name).expect("kind");
            assert_eq!(kind_name(kind), name);
            assert!(!kind_label(kind, Lang::Zh).is_empty());
            assert!(kind_label(kind, Lang::En).is_ascii());
        }
    }
}
