//! The major-decision catalog (重大执法决定法制审核目录清单) and the pure function that decides
//! whether a case is major (DOMAIN.md §1c).
//!
//! Invariants: the catalog is data, never code: each agency keeps versions of it, and a case is
//! judged by the version in force on the day it is judged ([`in_force`]). Thresholds are
//! inclusive ("以上" in Chinese rules includes the number itself): a fine of exactly the threshold
//! matches. A catalog that passed [`ReviewCatalog::check`] has positive thresholds, non-empty
//! measure lists and unique, named flags.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    case::PartyKind,
    i18n::Lang,
    money::format_yuan,
    validate::{Field, Rule, ValidationError},
};

pub use crate::penalty::Measure;

/// One entry of the catalog. A case matching any entry is major.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Criterion {
    /// A fine at or above the threshold for the party's kind.
    Fine {
        /// Threshold for natural persons, in fen.
        natural_person_fen: i64,
        /// Threshold for legal persons and other organisations, in fen.
        organisation_fen: i64,
    },
    /// Confiscation (of illegal gains or property, or of their equivalent value) at or above
    /// the threshold for the party's kind.
    Confiscation {
        /// Threshold for natural persons, in fen.
        natural_person_fen: i64,
        /// Threshold for legal persons and other organisations, in fen.
        organisation_fen: i64,
    },
    /// Any of the listed measures is proposed.
    Measures {
        /// The measures that make a case major.
        measures: Vec<Measure>,
    },
    /// The case went through a hearing (requested or held).
    Hearing,
    /// The penalty is mitigated below the statutory range (减轻) or departs from the discretion
    /// standard.
    DiscretionDeparture,
    /// A circumstance the officer flags, such as a major public interest or complex facts; an
    /// agency adds its own.
    Flag {
        /// Stable code (`[a-z0-9_]`, unique within the catalog).
        code: String,
        /// Chinese label.
        label_zh: String,
        /// English label.
        label_en: String,
    },
}

impl Criterion {
    /// A sentence for people describing the entry.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Criterion::Fine {
                natural_person_fen,
                organisation_fen,
            } => match lang {
                Lang::Zh => format!(
                    "罚款数额：对公民 {} 元以上、对法人或者其他组织 {} 元以上",
                    format_yuan(*natural_person_fen),
                    format_yuan(*organisation_fen)
                ),
                Lang::En => format!(
                    "Fine of at least {} yuan (natural person) or {} yuan (organisation)",
                    format_yuan(*natural_person_fen),
                    format_yuan(*organisation_fen)
                ),
            },
            Criterion::Confiscation {
                natural_person_fen,
                organisation_fen,
            } => match lang {
                Lang::Zh => format!(
                    "没收违法所得、非法财物价值：对公民 {} 元以上、对法人或者其他组织 {} 元以上",
                    format_yuan(*natural_person_fen),
                    format_yuan(*organisation_fen)
                ),
                Lang::En => format!(
                    "Confiscation worth at least {} yuan (natural person) or {} yuan (organisation)",
                    format_yuan(*natural_person_fen),
                    format_yuan(*organisation_fen)
                ),
            },
            Criterion::Measures { measures } => {
                let names: Vec<&str> = measures.iter().map(|m| m.label(lang)).collect();
                match lang {
                    Lang::Zh => format!("拟作出{}", names.join("、")),
                    Lang::En => format!("Proposed measure: {}", names.join(", ")),
                }
            }
            Criterion::Hearing => lang
                .pick("经过听证程序的案件", "The case went through a hearing")
                .to_owned(),
            Criterion::DiscretionDeparture => lang
                .pick(
                    "减轻处罚或者偏离裁量基准",
                    "Mitigation below the statutory range or departure from the discretion standard",
                )
                .to_owned(),
            Criterion::Flag {
                label_zh, label_en, ..
            } => lang.pick(label_zh, label_en).to_owned(),
        }
    }
}

/// What a case proposes or went through, as far as the catalog looks at it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseProfile {
    /// The party's kind; `None` when no party is recorded yet, judged as a natural person (the
    /// lower thresholds).
    pub party_kind: Option<PartyKind>,
    /// The (proposed or decided) fine, in fen.
    pub fine_fen: i64,
    /// The value of what is (proposed to be) confiscated, in fen.
    pub confiscation_fen: i64,
    /// Measures other than a fine that are proposed.
    pub measures: Vec<Measure>,
    /// Whether a hearing was requested or held.
    pub hearing: bool,
    /// Whether the penalty is mitigated or departs from the discretion standard.
    pub discretion_departure: bool,
    /// Codes of the circumstances the officer flagged.
    pub flags: Vec<String>,
}

/// One catalog version of one agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCatalog {
    /// The entries.
    pub criteria: Vec<Criterion>,
}

fn threshold(kind: Option<PartyKind>, natural_person_fen: i64, organisation_fen: i64) -> i64 {
    match kind {
        Some(PartyKind::Organisation) => organisation_fen,
        Some(PartyKind::NaturalPerson) | None => natural_person_fen,
    }
}

impl ReviewCatalog {
    /// The entries the case matches, in catalog order; the case is major when there is any.
    pub fn classify(&self, case: &CaseProfile) -> Vec<Criterion> {
        self.criteria
            .iter()
            .filter(|c| matches(c, case))
            .cloned()
            .collect()
    }

    /// The flags an officer may set on a case under this catalog.
    pub fn flags(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.criteria.iter().filter_map(|c| match c {
            Criterion::Flag {
                code,
                label_zh,
                label_en,
            } => Some((code.as_str(), label_zh.as_str(), label_en.as_str())),
            _ => None,
        })
    }

    /// Checks a catalog an administrator submitted, reporting every bad entry.
    pub fn check(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        if self.criteria.is_empty() {
            errors.push(ValidationError::new(Field::Catalog, Rule::Required));
        }
        let mut codes: Vec<&str> = Vec::new();
        for c in &self.criteria {
            match c {
                Criterion::Fine {
                    natural_person_fen,
                    organisation_fen,
                }
                | Criterion::Confiscation {
                    natural_person_fen,
                    organisation_fen,
                } => {
                    let field = if matches!(c, Criterion::Fine { .. }) {
                        Field::FineThreshold
                    } else {
                        Field::ConfiscationThreshold
                    };
                    if *natural_person_fen <= 0 || *organisation_fen <= 0 {
                        errors.push(ValidationError::new(field, Rule::Positive));
                    }
                }
                Criterion::Measures { measures } if measures.is_empty() => {
                    errors.push(ValidationError::new(Field::Measures, Rule::Required));
                }
                Criterion::Flag {
                    code,
                    label_zh,
                    label_en,
                } => {
                    let well_formed = !code.is_empty()
                        && code.len() <= 40
                        && code
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                    if !well_formed {
                        errors.push(ValidationError::new(Field::FlagCode, Rule::Charset));
                    } else if codes.contains(&code.as_str()) {
                        errors.push(ValidationError::new(Field::FlagCode, Rule::Unique));
                    }
                    codes.push(code);
                    if label_zh.trim().is_empty() || label_en.trim().is_empty() {
                        errors.push(ValidationError::new(Field::FlagLabel, Rule::Required));
                    }
                }
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The catalog a new agency starts with: DOMAIN.md §1c's typical entries, with the fine and
    /// confiscation thresholds of 10,000 / 100,000 CNY.
    pub fn typical() -> Self {
        Self {
            criteria: vec![
                Criterion::Fine {
                    natural_person_fen: 1_000_000,
                    organisation_fen: 10_000_000,
                },
                Criterion::Confiscation {
                    natural_person_fen: 1_000_000,
                    organisation_fen: 10_000_000,
                },
                Criterion::Measures {
                    measures: Measure::TYPICAL_MAJOR.to_vec(),
                },
                Criterion::Hearing,
                Criterion::DiscretionDeparture,
                Criterion::Flag {
                    code: "public_interest".into(),
                    label_zh: "涉及重大公共利益".into(),
                    label_en: "Involves a major public interest".into(),
                },
                Criterion::Flag {
                    code: "complex_facts".into(),
                    label_zh: "案情疑难复杂、涉及多个法律关系".into(),
                    label_en: "Difficult or complex, several legal relationships".into(),
                },
                Criterion::Flag {
                    code: "social_impact".into(),
                    label_zh: "可能造成重大社会影响或者引发社会风险".into(),
                    label_en: "May cause major social impact or social risk".into(),
                },
            ],
        }
    }
}

fn matches(c: &Criterion, case: &CaseProfile) -> bool {
    match c {
        Criterion::Fine {
            natural_person_fen,
            organisation_fen,
        } => {
            case.fine_fen > 0
                && case.fine_fen
                    >= threshold(case.party_kind, *natural_person_fen, *organisation_fen)
        }
        Criterion::Confiscation {
            natural_person_fen,
            organisation_fen,
        } => {
            case.confiscation_fen > 0
                && case.confiscation_fen
                    >= threshold(case.party_kind, *natural_person_fen, *organisation_fen)
        }
        Criterion::Measures { measures } => case.measures.iter().any(|m| measures.contains(m)),
        Criterion::Hearing => case.hearing,
        Criterion::DiscretionDeparture => case.discretion_departure,
        Criterion::Flag { code, .. } => case.flags.iter().any(|f| f == code),
    }
}

/// One stored version of an agency's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogVersion {
    /// Version number, from 1, per agency.
    pub version: u32,
    /// The first day (China time) the version is in force.
    pub effective_from: NaiveDate,
    /// The entries.
    pub catalog: ReviewCatalog,
}

/// Checks a proposed version against the agency's latest one (issue 22 item 5): a version with
/// the same criteria would change nothing and only make the history longer, so it is refused
/// (`Unchanged`, on the catalog). Any difference, however small, is a new version.
pub fn check_new_version(
    latest: Option<&ReviewCatalog>,
    proposed: &ReviewCatalog,
) -> Result<(), ValidationError> {
    if latest == Some(proposed) {
        Err(ValidationError::new(Field::Catalog, Rule::Unchanged))
    } else {
        Ok(())
    }
}

/// The version in force on `day`: the one with the latest `effective_from` not after `day`;
/// of versions effective the same day, the highest number. `None` before the first version.
pub fn in_force(versions: &[CatalogVersion], day: NaiveDate) -> Option<&CatalogVersion> {
    versions
        .iter()
        .filter(|v| v.effective_from <= day)
        .max_by_key(|v| (v.effective_from, v.version))
}

#[cfg(test)]
mod tests {
    use super::*;

    const YUAN: i64 = 100;

    #[test]
    fn a_version_identical_to_the_latest_is_refused_and_any_change_is_a_new_version() {
        let latest = fine_only(10_000, 100_000);
        assert_eq!(
            check_new_version(Some(&latest), &fine_only(10_000, 100_000)),
            Err(ValidationError::new(Field::Catalog, Rule::Unchanged))
        );
        assert_eq!(
            check_new_version(Some(&latest), &fine_only(10_000, 100_001)),
            Ok(())
        );
        assert_eq!(
            check_new_version(Some(&latest), &fine_only(9_999, 100_000)),
            Ok(())
        );
        let mut more = fine_only(10_000, 100_000);
        more.criteria.push(Criterion::Fine {
            natural_person_fen: 1,
            organisation_fen: 1,
        });
        assert_eq!(check_new_version(Some(&latest), &more), Ok(()));
        // An agency's first version has nothing to repeat.
        assert_eq!(check_new_version(None, &latest), Ok(()));
    }

    fn fine_only(natural: i64, org: i64) -> ReviewCatalog {
        ReviewCatalog {
            criteria: vec![Criterion::Fine {
                natural_person_fen: natural * YUAN,
                organisation_fen: org * YUAN,
            }],
        }
    }

    fn fined(kind: Option<PartyKind>, yuan: i64) -> CaseProfile {
        CaseProfile {
            party_kind: kind,
            fine_fen: yuan * YUAN,
            ..CaseProfile::default()
        }
    }

    #[test]
    fn fine_thresholds_match_at_the_threshold_and_above_never_one_yuan_below() {
        let catalog = fine_only(10_000, 100_000);
        let person = Some(PartyKind::NaturalPerson);
        let org = Some(PartyKind::Organisation);
        // (party, fine in yuan, major?)
        let table = [
            (person, 9_999, false),
            (person, 10_000, true),
            (person, 10_001, true),
            (org, 99_999, false),
            (org, 100_000, true),
            (org, 100_001, true),
            // An organisation fined what would make a person's case major is not major.
            (org, 10_000, false),
            // No party recorded yet: judged by the (lower) natural-person threshold.
            (None, 9_999, false),
            (None, 10_000, true),
        ];
        for (kind, yuan, major) in table {
            let matched = catalog.classify(&fined(kind, yuan));
            assert_eq!(!matched.is_empty(), major, "{kind:?} fined {yuan} yuan");
        }
        // One fen below the threshold is below it.
        let mut just_below = fined(person, 10_000);
        just_below.fine_fen -= 1;
        assert!(catalog.classify(&just_below).is_empty());
    }

    #[test]
    fn no_fine_never_matches_a_fine_threshold() {
        let catalog = fine_only(1, 1);
        assert!(catalog.classify(&fined(None, 0)).is_empty());
    }

    #[test]
    fn confiscation_thresholds_are_separate_from_fines() {
        let catalog = ReviewCatalog {
            criteria: vec![Criterion::Confiscation {
                natural_person_fen: 20_000 * YUAN,
                organisation_fen: 50_000 * YUAN,
            }],
        };
        let profile = |kind, yuan: i64| CaseProfile {
            party_kind: Some(kind),
            confiscation_fen: yuan * YUAN,
            fine_fen: 1_000_000 * YUAN,
            ..CaseProfile::default()
        };
        for (kind, yuan, major) in [
            (PartyKind::NaturalPerson, 19_999, false),
            (PartyKind::NaturalPerson, 20_000, true),
            (PartyKind::NaturalPerson, 20_001, true),
            (PartyKind::Organisation, 49_999, false),
            (PartyKind::Organisation, 50_000, true),
            (PartyKind::Organisation, 50_001, true),
        ] {
            assert_eq!(
                !catalog.classify(&profile(kind, yuan)).is_empty(),
                major,
                "{kind:?} confiscation {yuan}"
            );
        }
    }

    #[test]
    fn each_listed_measure_matches_and_unlisted_ones_do_not() {
        let catalog = ReviewCatalog {
            criteria: vec![Criterion::Measures {
                measures: vec![Measure::RevokeLicence, Measure::SuspendProduction],
            }],
        };
        for m in Measure::ALL {
            let profile = CaseProfile {
                measures: vec![m],
                ..CaseProfile::default()
            };
            let listed = matches!(m, Measure::RevokeLicence | Measure::SuspendProduction);
            assert_eq!(!catalog.classify(&profile).is_empty(), listed, "{m:?}");
        }
        assert!(catalog.classify(&CaseProfile::default()).is_empty());
    }

    #[test]
    fn hearing_departure_and_flags_match_when_present() {
        let catalog = ReviewCatalog::typical();
        let hearing = CaseProfile {
            hearing: true,
            ..CaseProfile::default()
        };
        assert_eq!(catalog.classify(&hearing), vec![Criterion::Hearing]);
        let departure = CaseProfile {
            discretion_departure: true,
            ..CaseProfile::default()
        };
        assert_eq!(
            catalog.classify(&departure),
            vec![Criterion::DiscretionDeparture]
        );
        for code in ["public_interest", "complex_facts", "social_impact"] {
            let flagged = CaseProfile {
                flags: vec![code.into()],
                ..CaseProfile::default()
            };
            let matched = catalog.classify(&flagged);
            assert_eq!(matched.len(), 1, "{code}");
            assert!(matches!(&matched[0], Criterion::Flag { code: c, .. } if c == code));
        }
        // A flag the catalog does not list (e.g. from an older version) matches nothing.
        let unknown = CaseProfile {
            flags: vec!["drinking_water".into()],
            ..CaseProfile::default()
        };
        assert!(catalog.classify(&unknown).is_empty());
        // Criteria without their facts do not match.
        assert!(catalog.classify(&CaseProfile::default()).is_empty());
    }

    #[test]
    fn a_case_lists_every_entry_it_matches_in_catalog_order() {
        let catalog = ReviewCatalog::typical();
        let profile = CaseProfile {
            party_kind: Some(PartyKind::Organisation),
            fine_fen: 200_000 * YUAN,
            measures: vec![Measure::RevokeBusinessLicence],
            hearing: true,
            flags: vec!["complex_facts".into()],
            ..CaseProfile::default()
        };
        let matched = catalog.classify(&profile);
        assert_eq!(matched.len(), 4);
        assert!(matches!(matched[0], Criterion::Fine { .. }));
        assert!(matches!(matched[1], Criterion::Measures { .. }));
        assert_eq!(matched[2], Criterion::Hearing);
        assert!(matches!(matched[3], Criterion::Flag { .. }));
    }

    #[test]
    fn the_version_in_force_is_the_latest_effective_on_the_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let v = |version, from: &str, natural| CatalogVersion {
            version,
            effective_from: d(from),
            catalog: fine_only(natural, 100_000),
        };
        let versions = vec![
            v(1, "2026-01-01", 10_000),
            v(2, "2026-07-01", 5_000),
            // Two versions effective the same day: the later number wins.
            v(3, "2026-09-01", 8_000),
            v(4, "2026-09-01", 6_000),
            // Published in advance, not yet in force.
            v(5, "2027-01-01", 1_000),
        ];
        assert_eq!(in_force(&versions, d("2025-12-31")), None);
        assert_eq!(in_force(&versions, d("2026-01-01")).unwrap().version, 1);
        assert_eq!(in_force(&versions, d("2026-06-30")).unwrap().version, 1);
        assert_eq!(in_force(&versions, d("2026-07-01")).unwrap().version, 2);
        assert_eq!(in_force(&versions, d("2026-09-01")).unwrap().version, 4);
        assert_eq!(in_force(&versions, d("2026-12-31")).unwrap().version, 4);
        assert_eq!(in_force(&versions, d("2027-01-01")).unwrap().version, 5);
        // The same 7,000-yuan fine on a person is major under version 2, not under version 1:
        // a case is judged by the version in force on its day.
        let case = fined(Some(PartyKind::NaturalPerson), 7_000);
        let judged = |day| {
            !in_force(&versions, d(day))
                .unwrap()
                .catalog
                .classify(&case)
                .is_empty()
        };
        assert!(!judged("2026-06-30"));
        assert!(judged("2026-07-01"));
        assert!(judged("2026-09-01"));
        assert!(judged("2027-01-01"));
    }

    #[test]
    fn checking_a_catalog_names_every_bad_entry() {
        assert!(ReviewCatalog::typical().check().is_ok());
        let empty = ReviewCatalog { criteria: vec![] };
        assert_eq!(
            empty.check().unwrap_err(),
            vec![ValidationError::new(Field::Catalog, Rule::Required)]
        );
        let bad = ReviewCatalog {
            criteria: vec![
                Criterion::Fine {
                    natural_person_fen: 0,
                    organisation_fen: 100,
                },
                Criterion::Confiscation {
                    natural_person_fen: 100,
                    organisation_fen: -1,
                },
                Criterion::Measures { measures: vec![] },
                Criterion::Flag {
                    code: "Public Interest".into(),
                    label_zh: "x".into(),
                    label_en: "x".into(),
                },
                Criterion::Flag {
                    code: "a".into(),
                    label_zh: " ".into(),
                    label_en: "x".into(),
                },
                Criterion::Flag {
                    code: "a".into(),
                    label_zh: "y".into(),
                    label_en: "y".into(),
                },
            ],
        };
        assert_eq!(
            bad.check().unwrap_err(),
            vec![
                ValidationError::new(Field::FineThreshold, Rule::Positive),
                ValidationError::new(Field::ConfiscationThreshold, Rule::Positive),
                ValidationError::new(Field::Measures, Rule::Required),
                ValidationError::new(Field::FlagCode, Rule::Charset),
                ValidationError::new(Field::FlagLabel, Rule::Required),
                ValidationError::new(Field::FlagCode, Rule::Unique),
            ]
        );
    }

    #[test]
    fn descriptions_name_thresholds_in_yuan_in_both_languages() {
        let c = Criterion::Fine {
            natural_person_fen: 1_000_000,
            organisation_fen: 10_000_000,
        };
        assert!(
            c.describe(Lang::Zh).contains("10,000.00"),
            "{}",
            c.describe(Lang::Zh)
        );
        assert!(c.describe(Lang::En).contains("100,000.00"));
        for c in ReviewCatalog::typical().criteria {
            assert!(!c.describe(Lang::Zh).is_empty());
            assert_ne!(c.describe(Lang::Zh), c.describe(Lang::En));
        }
    }

    #[test]
    fn catalogs_round_trip_through_json() {
        let c = ReviewCatalog::typical();
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""kind":"fine""#));
        assert_eq!(serde_json::from_str::<ReviewCatalog>(&json).unwrap(), c);
    }
}
