//! Discretion standards (裁量基准, APL Art. 34; 国办发〔2022〕27号): the fine band of each
//! circumstance tier, and the check of a proposed fine against its band (DOMAIN.md §2.1).
//!
//! Invariants:
//! - Money is an integer number of fen (分). A band is closed at both ends: a fine equal to
//!   either bound lies within it.
//! - A valid set of bands ([`validate_bands`]) has non-negative bounds, each band's upper bound
//!   no lower than its lower bound, and upper bounds that never decrease from the lightest tier
//!   to the heaviest (minor ≤ general ≤ serious).
//! - A fine outside its band (a departure, 偏离裁量基准) is accepted only with written reasons of
//!   [`MIN_JUSTIFICATION_CHARS`] to [`MAX_JUSTIFICATION_CHARS`] characters, counted in
//!   characters after trimming. DOMAIN.md §2.1 also requires legal review of a departure;
//!   this module only reports the departure ([`DiscretionCheck::is_departure`]) and leaves
//!   that guard to its caller.
//! - Reasons are optional within the band, but never longer than [`MAX_JUSTIFICATION_CHARS`].

use serde::{Deserialize, Serialize};

use crate::{
    case::yuan,
    i18n::Lang,
    validate::{Field, Rule, ValidationError},
};

/// The fewest characters of reasons a departure from the standard needs.
pub const MIN_JUSTIFICATION_CHARS: usize = 10;
/// The most characters of reasons accepted, within the band or not.
pub const MAX_JUSTIFICATION_CHARS: usize = 2000;

/// The circumstance tier of a violation (违法情节), which selects the fine band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Circumstance {
    /// 轻微: the lighter tier (从轻).
    Minor,
    /// 一般: the normal tier.
    General,
    /// 严重: the heavier tier (从重).
    Serious,
}

impl Circumstance {
    /// Every tier, lightest first.
    pub const ALL: [Circumstance; 3] = [
        Circumstance::Minor,
        Circumstance::General,
        Circumstance::Serious,
    ];

    /// The machine name (`minor`, `general`, `serious`), the same as its JSON form.
    pub fn as_str(self) -> &'static str {
        match self {
            Circumstance::Minor => "minor",
            Circumstance::General => "general",
            Circumstance::Serious => "serious",
        }
    }

    /// Parses a machine name, ignoring surrounding whitespace.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Circumstance::Minor => lang.pick("轻微", "Minor"),
            Circumstance::General => lang.pick("一般", "General"),
            Circumstance::Serious => lang.pick("严重", "Serious"),
        }
    }
}

/// The fine range of one tier, in fen, both bounds included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FineBand {
    /// The lowest fine of the tier.
    pub min_fen: i64,
    /// The highest fine of the tier.
    pub max_fen: i64,
}

impl FineBand {
    /// Whether `fen` lies within the band, bounds included.
    pub fn contains(self, fen: i64) -> bool {
        (self.min_fen..=self.max_fen).contains(&fen)
    }

    /// The band in yuan for people, e.g. `500.00–2000.00 元`.
    pub fn label(self) -> String {
        format!("{}–{} 元", yuan(self.min_fen), yuan(self.max_fen))
    }
}

/// Where a proposed fine lies relative to its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscretionCheck {
    /// Within the band.
    Within,
    /// Below the band's lower bound (a mitigated fine).
    Below,
    /// Above the band's upper bound.
    Above,
}

impl DiscretionCheck {
    /// Whether the fine departs from the standard, which needs written reasons.
    pub fn is_departure(self) -> bool {
        !matches!(self, DiscretionCheck::Within)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DiscretionCheck::Within => lang.pick("符合裁量基准", "Within the standard"),
            DiscretionCheck::Below => lang.pick("低于裁量基准", "Below the standard"),
            DiscretionCheck::Above => lang.pick("高于裁量基准", "Above the standard"),
        }
    }
}

/// Judges a proposed fine of `fine_fen` against `band` (assumed to have passed
/// [`validate_bands`]).
///
/// A departure needs a written justification of at least [`MIN_JUSTIFICATION_CHARS`]
/// characters (trimmed, counted in characters): an empty one is an error on
/// [`Field::Justification`] with [`Rule::Required`], a short one with [`Rule::Length`]
/// `{ min: 10, max: 2000 }`. A justification over [`MAX_JUSTIFICATION_CHARS`] characters gets
/// the same `Length` error even within the band; one with control characters other than
/// newlines and tabs gets [`Rule::Charset`]. A negative fine is an error on [`Field::Fine`]
/// with [`Rule::NonNegative`], checked first.
pub fn assess(
    band: FineBand,
    fine_fen: i64,
    justification: &str,
) -> Result<DiscretionCheck, ValidationError> {
    if fine_fen < 0 {
        return Err(ValidationError::new(Field::Fine, Rule::NonNegative));
    }
    let reasons = justification.trim();
    let chars = reasons.chars().count();
    let length = Rule::Length {
        min: MIN_JUSTIFICATION_CHARS,
        max: MAX_JUSTIFICATION_CHARS,
    };
    if chars > MAX_JUSTIFICATION_CHARS {
        return Err(ValidationError::new(Field::Justification, length));
    }
    if reasons
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ValidationError::new(Field::Justification, Rule::Charset));
    }
    let check = if fine_fen < band.min_fen {
        DiscretionCheck::Below
    } else if fine_fen > band.max_fen {
        DiscretionCheck::Above
    } else {
        DiscretionCheck::Within
    };
    if check.is_departure() {
        if chars == 0 {
            return Err(ValidationError::new(Field::Justification, Rule::Required));
        }
        if chars < MIN_JUSTIFICATION_CHARS {
            return Err(ValidationError::new(Field::Justification, length));
        }
    }
    Ok(check)
}

/// Validates the three bands of a standard as entered by an admin, reporting every problem
/// at once, all on [`Field::Fine`], in tier order (minor, general, serious, then the order
/// between tiers):
/// - a negative lower bound: [`Rule::NonNegative`];
/// - an upper bound below the lower bound: [`Rule::RangeOrder`];
/// - a heavier tier whose upper bound is below the lighter tier's: [`Rule::TierOrder`] (once
///   for general < minor, once for serious < general).
pub fn validate_bands(
    minor: FineBand,
    general: FineBand,
    serious: FineBand,
) -> Result<(), Vec<ValidationError>> {
    let mut errors = Vec::new();
    for band in [minor, general, serious] {
        if band.min_fen < 0 {
            errors.push(ValidationError::new(Field::Fine, Rule::NonNegative));
        }
        if band.max_fen < band.min_fen {
            errors.push(ValidationError::new(Field::Fine, Rule::RangeOrder));
        }
    }
    for (lighter, heavier) in [(minor, general), (general, serious)] {
        if heavier.max_fen < lighter.max_fen {
            errors.push(ValidationError::new(Field::Fine, Rule::TierOrder));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAND: FineBand = FineBand {
        min_fen: 50_000,
        max_fen: 200_000,
    };
    const REASONS: &str = "当事人主动消除违法行为危害后果";

    fn band(min_fen: i64, max_fen: i64) -> FineBand {
        FineBand { min_fen, max_fen }
    }

    fn err(field: Field, rule: Rule) -> ValidationError {
        ValidationError::new(field, rule)
    }

    const LENGTH: Rule = Rule::Length {
        min: MIN_JUSTIFICATION_CHARS,
        max: MAX_JUSTIFICATION_CHARS,
    };

    #[test]
    fn circumstances_round_trip_through_their_machine_names() {
        for c in Circumstance::ALL {
            assert_eq!(Circumstance::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).expect("serialise"),
                format!("\"{}\"", c.as_str())
            );
        }
        assert_eq!(
            Circumstance::parse(" serious "),
            Some(Circumstance::Serious)
        );
        assert_eq!(Circumstance::parse("Serious"), None);
        assert_eq!(Circumstance::parse(""), None);
        assert_eq!(Circumstance::parse("heavy"), None);
    }

    #[test]
    fn circumstances_and_checks_have_labels_in_both_languages() {
        let table = [
            (Circumstance::Minor, "轻微", "Minor"),
            (Circumstance::General, "一般", "General"),
            (Circumstance::Serious, "严重", "Serious"),
        ];
        for (c, zh, en) in table {
            assert_eq!(c.label(Lang::Zh), zh);
            assert_eq!(c.label(Lang::En), en);
        }
        for check in [
            DiscretionCheck::Within,
            DiscretionCheck::Below,
            DiscretionCheck::Above,
        ] {
            assert!(!check.label(Lang::Zh).is_empty());
            assert!(check.label(Lang::En).is_ascii());
            assert_ne!(check.label(Lang::Zh), check.label(Lang::En));
        }
    }

    #[test]
    fn a_band_includes_both_bounds() {
        let table = [
            (49_999, false),
            (50_000, true),
            (120_000, true),
            (200_000, true),
            (200_001, false),
            (-1, false),
        ];
        for (fen, inside) in table {
            assert_eq!(BAND.contains(fen), inside, "{fen}");
        }
        assert!(band(0, 0).contains(0));
    }

    #[test]
    fn bands_are_labelled_in_yuan() {
        assert_eq!(BAND.label(), "500.00–2000.00 元");
        assert_eq!(band(0, 5).label(), "0.00–0.05 元");
        assert_eq!(band(10_050, 1_000_000).label(), "100.50–10000.00 元");
    }

    #[test]
    fn a_fine_within_the_band_needs_no_reasons() {
        for fen in [50_000, 100_000, 200_000] {
            assert_eq!(assess(BAND, fen, ""), Ok(DiscretionCheck::Within), "{fen}");
            assert_eq!(
                assess(BAND, fen, "  "),
                Ok(DiscretionCheck::Within),
                "{fen}"
            );
            assert_eq!(
                assess(BAND, fen, "短"),
                Ok(DiscretionCheck::Within),
                "{fen}"
            );
        }
    }

    #[test]
    fn a_departure_needs_at_least_ten_characters_of_reasons() {
        let table = [
            (49_999, "", Err(err(Field::Justification, Rule::Required))),
            (
                49_999,
                " \n\t ",
                Err(err(Field::Justification, Rule::Required)),
            ),
            (0, "太短了", Err(err(Field::Justification, LENGTH))),
            (
                49_999,
                "一二三四五六七八九",
                Err(err(Field::Justification, LENGTH)),
            ),
            (49_999, "一二三四五六七八九十", Ok(DiscretionCheck::Below)),
            (0, REASONS, Ok(DiscretionCheck::Below)),
            (200_001, "", Err(err(Field::Justification, Rule::Required))),
            (
                200_001,
                "  123456789  ",
                Err(err(Field::Justification, LENGTH)),
            ),
            (200_001, "  1234567890  ", Ok(DiscretionCheck::Above)),
            (i64::MAX, REASONS, Ok(DiscretionCheck::Above)),
        ];
        for (fen, reasons, expected) in table {
            assert_eq!(assess(BAND, fen, reasons), expected, "{fen} {reasons:?}");
        }
    }

    #[test]
    fn reasons_are_never_longer_than_two_thousand_characters() {
        let longest = "理".repeat(MAX_JUSTIFICATION_CHARS);
        let too_long = "理".repeat(MAX_JUSTIFICATION_CHARS + 1);
        for fen in [0, 100_000, 300_000] {
            assert!(assess(BAND, fen, &longest).is_ok(), "{fen}");
            assert_eq!(
                assess(BAND, fen, &too_long),
                Err(err(Field::Justification, LENGTH)),
                "{fen}"
            );
        }
        let padded = format!("  {longest}\n");
        assert_eq!(assess(BAND, 0, &padded), Ok(DiscretionCheck::Below));
    }

    #[test]
    fn reasons_must_not_contain_control_characters() {
        assert_eq!(
            assess(BAND, 0, "理由\u{0}理由理由理由理由"),
            Err(err(Field::Justification, Rule::Charset))
        );
        assert_eq!(
            assess(BAND, 0, "第一条理由；\n第二条理由。"),
            Ok(DiscretionCheck::Below)
        );
    }

    #[test]
    fn a_negative_fine_is_refused_before_anything_else() {
        for reasons in ["", REASONS, &"理".repeat(3000)] {
            assert_eq!(
                assess(BAND, -1, reasons),
                Err(err(Field::Fine, Rule::NonNegative))
            );
        }
    }

    #[test]
    fn only_below_and_above_are_departures() {
        assert!(!DiscretionCheck::Within.is_departure());
        assert!(DiscretionCheck::Below.is_departure());
        assert!(DiscretionCheck::Above.is_departure());
    }

    #[test]
    fn ordered_bands_are_valid_even_when_they_overlap_or_touch() {
        let table = [
            (
                band(0, 50_000),
                band(50_000, 200_000),
                band(200_000, 500_000),
            ),
            (
                band(0, 100_000),
                band(50_000, 200_000),
                band(150_000, 500_000),
            ),
            (band(0, 0), band(0, 0), band(0, 0)),
            (band(10_000, 10_000), band(0, 10_000), band(10_000, 10_000)),
        ];
        for (minor, general, serious) in table {
            assert_eq!(validate_bands(minor, general, serious), Ok(()));
        }
    }

    #[test]
    fn band_errors_are_all_reported_in_tier_order() {
        let ok = band(0, 100);
        let table = [
            (band(-1, 100), ok, ok, vec![Rule::NonNegative]),
            (ok, band(200, 100), band(0, 300), vec![Rule::RangeOrder]),
            (
                band(-10, -20),
                ok,
                ok,
                vec![Rule::NonNegative, Rule::RangeOrder],
            ),
            (
                band(0, 300),
                band(0, 200),
                band(0, 400),
                vec![Rule::TierOrder],
            ),
            (
                band(0, 300),
                band(0, 400),
                band(0, 200),
                vec![Rule::TierOrder],
            ),
            (
                band(0, 300),
                band(0, 200),
                band(0, 100),
                vec![Rule::TierOrder, Rule::TierOrder],
            ),
            (
                band(-1, 500),
                band(300, 200),
                band(0, 100),
                vec![
                    Rule::NonNegative,
                    Rule::RangeOrder,
                    Rule::TierOrder,
                    Rule::TierOrder,
                ],
            ),
        ];
        for (minor, general, serious, rules) in table {
            let expected: Vec<_> = rules.into_iter().map(|r| err(Field::Fine, r)).collect();
            assert_eq!(
                validate_bands(minor, general, serious),
                Err(expected),
                "{minor:?} {general:?} {serious:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_field_in_both_languages() {
        let e = assess(BAND, 0, "短").expect_err("short reasons");
        assert_eq!(
            e.message(Lang::Zh),
            "「偏离裁量基准的理由」长度须为 10–2000 个字符"
        );
        assert_eq!(
            e.message(Lang::En),
            "Justification for departing from the standard: must be 10–2000 characters long"
        );
    }

    #[test]
    fn values_serialise_to_stable_json() {
        assert_eq!(
            serde_json::to_value(BAND).expect("serialise"),
            serde_json::json!({"min_fen": 50_000, "max_fen": 200_000})
        );
        assert_eq!(
            serde_json::to_value(DiscretionCheck::Above).expect("serialise"),
            serde_json::json!("above")
        );
        let back: FineBand =
            serde_json::from_str(r#"{"min_fen": 1, "max_fen": 2}"#).expect("deserialise");
        assert_eq!(back, band(1, 2));
    }
}
