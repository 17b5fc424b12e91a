//! What is published and for how long (公示范围与公示期限, DOMAIN.md §1a "After enforcement"):
//! whether an issued decision is published at all, and the display period its penalties give.
//! Pure rules over the decision's facts; the agency's [`PublicationScope`] holds the local
//! values **[L]**.
//!
//! Sources (market regulation; other sectors follow local rules, hence configuration):
//! - 《行政处罚法》 Art. 48 ¶1: penalty decisions with a certain social impact are published;
//!   ¶2: a decision changed, revoked, confirmed illegal or invalid is withdrawn within three
//!   (working, Art. 85) days (withdrawal lives in the parent module).
//! - 《市场监督管理行政处罚信息公示规定》 (SAMR Order No. 45, 2021), Art. 2 ¶1: the decisions
//!   made under the **ordinary procedure** are published; ¶2: "仅受到警告行政处罚的不予公示。
//!   法律、行政法规另有规定的除外" (a decision of a warning alone is not published, unless a
//!   law or administrative regulation provides otherwise).
//! - The same rule, Art. 13 ¶1: information on "仅受到通报批评或者较低数额罚款" stops being shown
//!   three months after its publication, all other information three years after it; ¶2: the
//!   "lower amount" is set by the provincial (or higher) market regulator; ¶3: a restriction of
//!   production or business activities or a restriction on practice **longer than three
//!   years** is shown for the actual restriction period.
//! - Provincial "lower amount" rules: Guizhou (2023-12-19, in force 2024-01-01) and Fujian
//!   (闽市监规〔2024〕3号) both set a fine below 5,000 CNY for a natural person and below
//!   50,000 CNY for a legal person or other organisation, the number itself excluded
//!   ("以下（不含本数）").
//! - Minors: a local measure on publishing penalty results online (行政处罚结果信息网上公开暂行
//!   办法, Art. 5(1); DOMAIN.md cites Zhejiang) excludes decisions whose punished party is a
//!   minor; 《未成年人保护法》 Art. 2 (a minor is under 18), Art. 4(3) (minors' privacy and
//!   personal information are protected) and Art. 103 (no one discloses information that
//!   identifies a minor in a case) **[U: Art. 103 wording not verified here]**.
//!
//! Invariants:
//! - [`publishable`] checks in a fixed order and names the first reason: no penalty, a minor
//!   party, the summary procedure, a warning alone. A minor's decision is never published,
//!   whatever the configuration.
//! - [`display_months`] is never below the short period and is the standard period unless the
//!   decision is light (only a circulated criticism, a warning, or a fine below the party's
//!   threshold); a restriction of business or practice longer than the standard period is shown
//!   for its own length.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    case::{PartyKind, Procedure},
    i18n::Lang,
    penalty::{Measure, PenaltyParts},
};

/// One agency's publication scope and display periods **[L]**. Every field has a default (the
/// SAMR rule and the provincial thresholds above), so a stored configuration without them
/// still reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicationScope {
    /// Whether a decision of a warning alone is published (SAMR Art. 2 ¶2: no, unless a law or
    /// administrative regulation of the sector requires it).
    pub publish_warning_only: bool,
    /// Whether summary-procedure (on-the-spot) decisions are published (SAMR Art. 2 ¶1
    /// publishes ordinary-procedure decisions only; some local rules publish more).
    pub publish_summary_procedure: bool,
    /// A fine for a natural person **below** this (fen) is a "lower amount" (较低数额罚款,
    /// SAMR Art. 13 ¶2, set by the province): 500,000 fen = 5,000 CNY (Guizhou, Fujian).
    pub low_fine_natural_person_fen: i64,
    /// A fine for a legal person or other organisation **below** this (fen) is a "lower
    /// amount": 5,000,000 fen = 50,000 CNY (Guizhou, Fujian).
    pub low_fine_organisation_fen: i64,
    /// The display period of a light decision, in months (SAMR Art. 13 ¶1: three months).
    pub short_display_months: u32,
    /// The display period of every other decision, in months (SAMR Art. 13 ¶1: three years);
    /// a restriction longer than this is shown for its own length (¶3).
    pub standard_display_months: u32,
}

impl PublicationScope {
    /// The SAMR rule with the Guizhou/Fujian thresholds.
    pub const SAMR: PublicationScope = PublicationScope {
        publish_warning_only: false,
        publish_summary_procedure: false,
        low_fine_natural_person_fen: 500_000,
        low_fine_organisation_fen: 5_000_000,
        short_display_months: 3,
        standard_display_months: 36,
    };

    /// The "lower amount" threshold for a party of this kind (exclusive: a fine must be below
    /// it).
    pub fn low_fine_threshold(&self, party: PartyKind) -> i64 {
        match party {
            PartyKind::NaturalPerson => self.low_fine_natural_person_fen,
            PartyKind::Organisation => self.low_fine_organisation_fen,
        }
    }

    /// Whether `fine_fen` is a "lower amount" for a party of this kind (a positive fine below
    /// the threshold).
    pub fn is_low_fine(&self, fine_fen: i64, party: PartyKind) -> bool {
        fine_fen > 0 && fine_fen < self.low_fine_threshold(party)
    }
}

impl Default for PublicationScope {
    fn default() -> Self {
        Self::SAMR
    }
}

/// The facts of an issued decision that decide whether it is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionFacts<'a> {
    /// The procedure the decision was made under.
    pub procedure: Procedure,
    /// Whether the party is a minor: a natural person under 18 on the day of the violation
    /// (see [`minor_on`]). An organisation is never a minor.
    pub party_minor: bool,
    /// The fine, in fen.
    pub fine_fen: i64,
    /// The other parts of the penalty.
    pub parts: &'a PenaltyParts,
}

/// Why an issued decision is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotPublished {
    /// Nothing was imposed (a no-penalty decision): there is no penalty to publish (APL
    /// Art. 48 ¶1 speaks of penalty decisions).
    NoPenalty,
    /// The party is a minor (local rule; 《未成年人保护法》 Art. 4(3), 103).
    MinorParty,
    /// An on-the-spot decision under the summary procedure (SAMR Art. 2 ¶1) **[L]**.
    SummaryProcedure,
    /// A warning alone (SAMR Art. 2 ¶2) **[L]**.
    WarningOnly,
}

impl NotPublished {
    /// Every reason, in the order [`publishable`] checks them.
    pub const ALL: [NotPublished; 4] = [
        NotPublished::NoPenalty,
        NotPublished::MinorParty,
        NotPublished::SummaryProcedure,
        NotPublished::WarningOnly,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            NotPublished::NoPenalty => "no_penalty",
            NotPublished::MinorParty => "minor_party",
            NotPublished::SummaryProcedure => "summary_procedure",
            NotPublished::WarningOnly => "warning_only",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Why, for people, with the basis.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            NotPublished::NoPenalty => lang.pick(
                "未给予行政处罚，无处罚决定可公示",
                "No penalty was imposed: there is no penalty decision to publish",
            ),
            NotPublished::MinorParty => lang.pick(
                "当事人为未成年人，不予公示（《未成年人保护法》第四条、第一百零三条）",
                "The party is a minor: not published (Minors Protection Law Art. 4, 103)",
            ),
            NotPublished::SummaryProcedure => lang.pick(
                "适用简易程序作出的决定不予公示（《市场监督管理行政处罚信息公示规定》第二条）",
                "Summary-procedure decisions are not published (SAMR publicity rule Art. 2)",
            ),
            NotPublished::WarningOnly => lang.pick(
                "仅受到警告行政处罚的不予公示（《市场监督管理行政处罚信息公示规定》第二条第二款）",
                "A warning alone is not published (SAMR publicity rule Art. 2(2))",
            ),
        }
    }
}

/// Whether the decision's penalty is a warning and nothing else.
fn warning_only(fine_fen: i64, parts: &PenaltyParts) -> bool {
    fine_fen <= 0
        && parts.confiscation_fen <= 0
        && !parts.measures.is_empty()
        && parts.measures.iter().all(|m| *m == Measure::Warning)
}

/// Whether an issued decision is published under `scope`, else the first reason it is not, in
/// this order: no penalty, a minor party, the summary procedure (unless the scope publishes
/// it), a warning alone (unless the scope publishes it).
pub fn publishable(
    facts: &DecisionFacts<'_>,
    scope: &PublicationScope,
) -> Result<(), NotPublished> {
    if facts.parts.is_empty(facts.fine_fen) {
        return Err(NotPublished::NoPenalty);
    }
    if facts.party_minor {
        return Err(NotPublished::MinorParty);
    }
    if facts.procedure == Procedure::Summary && !scope.publish_summary_procedure {
        return Err(NotPublished::SummaryProcedure);
    }
    if warning_only(facts.fine_fen, facts.parts) && !scope.publish_warning_only {
        return Err(NotPublished::WarningOnly);
    }
    Ok(())
}

/// Whether a person born on `born_on` is a minor (under 18, 《未成年人保护法》 Art. 2) on `day`.
/// The 18th birthday itself still counts as a minor: age in full years (周岁) is reached the
/// day after the birthday, as the Supreme People's Court counts it for minors in criminal
/// cases **[U: no administrative rule found; the reading that protects more]**. Someone born
/// on 29 February turns 18 after 28 February of a common year.
pub fn minor_on(born_on: NaiveDate, day: NaiveDate) -> bool {
    match born_on.checked_add_months(Months::new(18 * 12)) {
        Some(birthday) => day <= birthday,
        None => true,
    }
}

/// The display period, in months, of a published decision (SAMR Art. 13):
/// - the short period when the decision is light: no confiscation, no measure but a
///   circulated criticism or a warning, and no fine or a fine below the party's "lower amount"
///   threshold. A warning beside such a penalty does not lengthen it (a warning alone is not
///   even published); a confiscation does (it is a penalty Art. 13 ¶1 does not list, so the
///   decision is not "only" a criticism or a lower fine);
/// - otherwise the standard period;
/// - but when the decision restricts production or business activities or practice for
///   `restriction_months` longer than the standard period, that restriction period (¶3).
///   `restriction_months` is ignored when the penalty has neither restriction.
pub fn display_months(
    fine_fen: i64,
    parts: &PenaltyParts,
    restriction_months: Option<u32>,
    party: PartyKind,
    scope: &PublicationScope,
) -> u32 {
    let light_measures = parts
        .measures
        .iter()
        .all(|m| matches!(m, Measure::Warning | Measure::CirculatedCriticism));
    let light_fine = fine_fen <= 0 || scope.is_low_fine(fine_fen, party);
    if light_measures && parts.confiscation_fen <= 0 && light_fine {
        return scope.short_display_months;
    }
    let restricts = parts
        .measures
        .iter()
        .any(|m| matches!(m, Measure::RestrictBusiness | Measure::RestrictPractice));
    match restriction_months {
        Some(months) if restricts && months > scope.standard_display_months => months,
        _ => scope.standard_display_months,
    }
}

/// The last day a decision published on `published_on` is shown for a display period of
/// `months` (counted from the day of publication, SAMR Art. 13 ¶1 "自公示之日起届满").
pub fn shown_until(published_on: NaiveDate, months: u32) -> NaiveDate {
    published_on + Months::new(months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn parts(confiscation_fen: i64, measures: &[Measure]) -> PenaltyParts {
        PenaltyParts {
            confiscation_fen,
            measures: measures.to_vec(),
        }
    }

    const PERSON: PartyKind = PartyKind::NaturalPerson;
    const ORG: PartyKind = PartyKind::Organisation;
    const S: PublicationScope = PublicationScope::SAMR;

    /// (procedure, minor, fine, confiscation, measures, expected)
    type Row = (
        Procedure,
        bool,
        i64,
        i64,
        &'static [Measure],
        Result<(), NotPublished>,
    );

    #[test]
    fn samr_art_2_publishes_ordinary_procedure_penalties_but_not_a_warning_alone_a_minor_or_a_summary_decision()
     {
        use Measure::*;
        use NotPublished::*;
        use Procedure::*;
        // (procedure, minor, fine, confiscation, measures, expected)
        let table: &[Row] = &[
            (Ordinary, false, 0, 0, &[], Err(NoPenalty)),
            (Summary, true, 0, 0, &[], Err(NoPenalty)),
            (Ordinary, false, 0, 0, &[Warning], Err(WarningOnly)),
            (Ordinary, false, 0, 0, &[Warning, Warning], Err(WarningOnly)),
            (Ordinary, false, 1, 0, &[Warning], Ok(())),
            (Ordinary, false, 0, 1, &[Warning], Ok(())),
            (
                Ordinary,
                false,
                0,
                0,
                &[Warning, CirculatedCriticism],
                Ok(()),
            ),
            (Ordinary, false, 0, 0, &[CirculatedCriticism], Ok(())),
            (Ordinary, false, 100, 0, &[], Ok(())),
            (Ordinary, false, 0, 0, &[RevokeLicence], Ok(())),
            // A minor's decision is never published, whatever else holds.
            (Ordinary, true, 100, 0, &[], Err(MinorParty)),
            (Ordinary, true, 0, 0, &[Warning], Err(MinorParty)),
            (Summary, true, 100, 0, &[], Err(MinorParty)),
            // The summary procedure before the warning.
            (Summary, false, 100, 0, &[], Err(SummaryProcedure)),
            (Summary, false, 0, 0, &[Warning], Err(SummaryProcedure)),
        ];
        for (procedure, minor, fine, confiscation, measures, expected) in table {
            let p = parts(*confiscation, measures);
            let facts = DecisionFacts {
                procedure: *procedure,
                party_minor: *minor,
                fine_fen: *fine,
                parts: &p,
            };
            assert_eq!(
                publishable(&facts, &S),
                *expected,
                "{procedure:?} minor={minor} {fine} {confiscation} {measures:?}"
            );
        }
    }

    #[test]
    fn a_local_rule_may_publish_warnings_alone_and_summary_decisions_but_never_a_minors() {
        let wide = PublicationScope {
            publish_warning_only: true,
            publish_summary_procedure: true,
            ..S
        };
        let warning = parts(0, &[Measure::Warning]);
        let facts = |procedure, party_minor, parts| DecisionFacts {
            procedure,
            party_minor,
            fine_fen: 0,
            parts,
        };
        assert_eq!(
            publishable(&facts(Procedure::Ordinary, false, &warning), &wide),
            Ok(())
        );
        assert_eq!(
            publishable(&facts(Procedure::Summary, false, &warning), &wide),
            Ok(())
        );
        assert_eq!(
            publishable(&facts(Procedure::Summary, true, &warning), &wide),
            Err(NotPublished::MinorParty)
        );
        assert_eq!(
            publishable(&facts(Procedure::Ordinary, false, &parts(0, &[])), &wide),
            Err(NotPublished::NoPenalty)
        );
    }

    #[test]
    fn samr_art_13_a_lower_fine_is_shown_three_months_and_the_threshold_itself_three_years() {
        let none = parts(0, &[]);
        // (party, fine, months): below the threshold is "lower"; the number itself is not.
        let table: &[(PartyKind, i64, u32)] = &[
            (PERSON, 1, 3),
            (PERSON, 499_999, 3),
            (PERSON, 500_000, 36),
            (PERSON, 500_001, 36),
            (ORG, 499_999, 3),
            (ORG, 500_000, 3),
            (ORG, 4_999_999, 3),
            (ORG, 5_000_000, 36),
            (ORG, 5_000_001, 36),
        ];
        for (party, fine, months) in table {
            assert_eq!(
                display_months(*fine, &none, None, *party, &S),
                *months,
                "{party:?} {fine}"
            );
        }
        // Another province's thresholds [L].
        let lower = PublicationScope {
            low_fine_natural_person_fen: 200_000,
            low_fine_organisation_fen: 2_000_000,
            ..S
        };
        assert_eq!(display_months(199_999, &none, None, PERSON, &lower), 3);
        assert_eq!(display_months(200_000, &none, None, PERSON, &lower), 36);
        assert_eq!(display_months(2_000_000, &none, None, ORG, &lower), 36);
    }

    #[test]
    fn samr_art_13_circulated_criticism_is_shown_three_months_and_heavier_penalties_three_years() {
        use Measure::*;
        // (fine, confiscation, measures, months)
        let table: &[(i64, i64, &[Measure], u32)] = &[
            (0, 0, &[CirculatedCriticism], 3),
            (0, 0, &[Warning, CirculatedCriticism], 3),
            (499_999, 0, &[CirculatedCriticism], 3),
            (499_999, 0, &[Warning], 3),
            (500_000, 0, &[CirculatedCriticism], 36),
            // A warning alone, where a rule publishes it: the lightest penalty, the short period.
            (0, 0, &[Warning], 3),
            // A confiscation is not "only" a criticism or a lower fine.
            (100, 1, &[], 36),
            (0, 1, &[CirculatedCriticism], 36),
            (0, 0, &[SuspendLicence], 36),
            (0, 0, &[RevokeLicence], 36),
            (0, 0, &[RevokeBusinessLicence], 36),
            (0, 0, &[DemoteQualification], 36),
            (0, 0, &[SuspendProduction], 36),
            (0, 0, &[Closure], 36),
            (0, 0, &[RestrictBusiness], 36),
            (0, 0, &[RestrictPractice], 36),
            (100, 0, &[CirculatedCriticism, RevokeLicence], 36),
        ];
        for (fine, confiscation, measures, months) in table {
            assert_eq!(
                display_months(*fine, &parts(*confiscation, measures), None, PERSON, &S),
                *months,
                "{fine} {confiscation} {measures:?}"
            );
        }
    }

    #[test]
    fn samr_art_13_a_restriction_longer_than_three_years_is_shown_for_its_own_length() {
        use Measure::*;
        // (measures, restriction months, display months)
        let table: &[(&[Measure], Option<u32>, u32)] = &[
            (&[RestrictPractice], Some(12), 36),
            (&[RestrictPractice], Some(36), 36),
            (&[RestrictPractice], Some(37), 37),
            (&[RestrictPractice], Some(60), 60),
            (&[RestrictBusiness], Some(36), 36),
            (&[RestrictBusiness], Some(37), 37),
            (&[RestrictBusiness], Some(60), 60),
            (&[RestrictPractice], None, 36),
            (&[CirculatedCriticism, RestrictPractice], Some(60), 60),
            // Only a restriction of business or practice lengthens the period (¶3).
            (&[RevokeLicence], Some(60), 36),
            (&[CirculatedCriticism], Some(60), 3),
        ];
        for (measures, restriction, months) in table {
            assert_eq!(
                display_months(0, &parts(0, measures), *restriction, ORG, &S),
                *months,
                "{measures:?} {restriction:?}"
            );
        }
    }

    #[test]
    fn the_display_period_follows_the_agencys_configured_months() {
        let local = PublicationScope {
            short_display_months: 6,
            standard_display_months: 24,
            ..S
        };
        let criticism = parts(0, &[Measure::CirculatedCriticism]);
        let practice = parts(0, &[Measure::RestrictPractice]);
        assert_eq!(display_months(0, &criticism, None, PERSON, &local), 6);
        assert_eq!(display_months(0, &practice, Some(24), PERSON, &local), 24);
        assert_eq!(display_months(0, &practice, Some(25), PERSON, &local), 25);
    }

    #[test]
    fn the_display_ends_the_given_months_after_publication() {
        assert_eq!(shown_until(d("2026-12-01"), 3), d("2027-03-01"));
        assert_eq!(shown_until(d("2026-12-01"), 36), d("2029-12-01"));
        assert_eq!(shown_until(d("2026-12-01"), 60), d("2031-12-01"));
        assert_eq!(shown_until(d("2026-11-30"), 3), d("2027-02-28"));
    }

    #[test]
    fn a_party_is_a_minor_until_the_day_after_the_eighteenth_birthday() {
        let born = d("2008-06-15");
        assert!(minor_on(born, d("2026-06-14")));
        assert!(minor_on(born, d("2026-06-15")), "the birthday itself");
        assert!(!minor_on(born, d("2026-06-16")));
        let leap = d("2008-02-29");
        assert!(minor_on(leap, d("2026-02-28")));
        assert!(!minor_on(leap, d("2026-03-01")));
    }

    #[test]
    fn a_stored_scope_without_the_new_fields_reads_with_the_samr_defaults() {
        let scope: PublicationScope = serde_json::from_str("{}").expect("empty");
        assert_eq!(scope, PublicationScope::SAMR);
        let scope: PublicationScope =
            serde_json::from_str(r#"{"low_fine_natural_person_fen": 100000}"#).expect("partial");
        assert_eq!(scope.low_fine_natural_person_fen, 100_000);
        assert_eq!(scope.standard_display_months, 36);
        for r in NotPublished::ALL {
            assert_eq!(NotPublished::parse(r.as_str()), Some(r));
            assert!(r.label(Lang::En).is_ascii(), "{r:?}");
        }
    }
}
