//! The kinds of administrative penalty (APL Art. 9), which of them give the party a right to a
//! hearing (Art. 63), and what it takes to carry them out.
//!
//! Invariants:
//! - A fine and a confiscation are amounts (fen) kept beside the [`Measure`]s; every other
//!   Art. 9 kind an enforcement agency on the platform can impose is a [`Measure`] with its own
//!   machine name, label and document wording. Administrative detention (行政拘留) is left out:
//!   only public-security organs impose it, under their own hearing rules.
//! - Nothing prints a penalty it was not given: an unknown machine name parses to `None`, and a
//!   penalty with no part at all is [`PenaltyParts::is_empty`] (the state machine refuses to
//!   decide it), never a warning.
//! - The "large amount" thresholds of Art. 63 are local **[L]** and differ for persons and
//!   organisations: they are the agency's [`HearingThresholds`], with defaults only for a new
//!   agency.

use serde::{Deserialize, Serialize};

use crate::{case::PartyKind, i18n::Lang};

/// A penalty other than a fine or a confiscation (APL Art. 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 责令停产停业 (Art. 9(4)).
    SuspendProduction,
    /// 责令关闭 (Art. 9(4)).
    Closure,
    /// 限制从业 (Art. 9(4)).
    RestrictPractice,
    /// 降低资质等级 (Art. 9(3)).
    DemoteQualification,
    /// 吊销许可证件 (Art. 9(3)).
    RevokeLicence,
    /// 吊销营业执照 (Art. 9(3); a licence of the market regulator).
    RevokeBusinessLicence,
    /// 警告 (Art. 9(1)).
    Warning,
    /// 通报批评 (Art. 9(1)).
    CirculatedCriticism,
    /// 暂扣许可证件 (Art. 9(3)).
    SuspendLicence,
    /// 限制开展生产经营活动 (Art. 9(4)).
    RestrictBusiness,
}

impl Measure {
    /// Every measure, in the order of Art. 9 (forms list them so).
    pub const ALL: [Measure; 10] = [
        Measure::Warning,
        Measure::CirculatedCriticism,
        Measure::SuspendLicence,
        Measure::DemoteQualification,
        Measure::RevokeLicence,
        Measure::RevokeBusinessLicence,
        Measure::RestrictBusiness,
        Measure::SuspendProduction,
        Measure::Closure,
        Measure::RestrictPractice,
    ];

    /// The measures DOMAIN.md §1c lists as major in a typical review catalog.
    pub const TYPICAL_MAJOR: [Measure; 6] = [
        Measure::SuspendProduction,
        Measure::Closure,
        Measure::RestrictPractice,
        Measure::DemoteQualification,
        Measure::RevokeLicence,
        Measure::RevokeBusinessLicence,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::SuspendProduction => "suspend_production",
            Measure::Closure => "closure",
            Measure::RestrictPractice => "restrict_practice",
            Measure::DemoteQualification => "demote_qualification",
            Measure::RevokeLicence => "revoke_licence",
            Measure::RevokeBusinessLicence => "revoke_business_licence",
            Measure::Warning => "warning",
            Measure::CirculatedCriticism => "circulated_criticism",
            Measure::SuspendLicence => "suspend_licence",
            Measure::RestrictBusiness => "restrict_business",
        }
    }

    /// Parses the machine name; anything unknown is `None` (never a warning).
    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::SuspendProduction => {
                lang.pick("责令停产停业", "Order to suspend production or business")
            }
            Measure::Closure => lang.pick("责令关闭", "Order to close"),
            Measure::RestrictPractice => lang.pick("限制从业", "Restriction on practice"),
            Measure::DemoteQualification => {
                lang.pick("降低资质等级", "Demotion of qualification grade")
            }
            Measure::RevokeLicence => {
                lang.pick("吊销许可证件", "Revocation of a licence or permit")
            }
            Measure::RevokeBusinessLicence => {
                lang.pick("吊销营业执照", "Revocation of the business licence")
            }
            Measure::Warning => lang.pick("警告", "Warning"),
            Measure::CirculatedCriticism => lang.pick("通报批评", "Circulated criticism"),
            Measure::SuspendLicence => lang.pick(
                "暂扣许可证件",
                "Temporary suspension of a licence or permit",
            ),
            Measure::RestrictBusiness => lang.pick(
                "限制开展生产经营活动",
                "Restriction of production or business activities",
            ),
        }
    }

    /// The measure as a decision states it (「本机关决定对当事人作出如下行政处罚：…」).
    pub fn decision_text(self) -> &'static str {
        match self {
            Measure::Warning => "警告",
            Measure::CirculatedCriticism => "通报批评",
            Measure::SuspendLicence => "暂扣许可证件",
            Measure::DemoteQualification => "降低资质等级",
            Measure::RevokeLicence => "吊销许可证件",
            Measure::RevokeBusinessLicence => "吊销营业执照",
            Measure::RestrictBusiness => "限制开展生产经营活动",
            Measure::SuspendProduction => "责令停产停业",
            Measure::Closure => "责令关闭",
            Measure::RestrictPractice => "限制从业",
        }
    }

    /// Whether the measure gives the party the right to a hearing whatever the amounts
    /// (Art. 63 ¶1(3) demotion, revocation; (4) suspension, closure, restriction on practice;
    /// (5) "other heavier penalties"). Stricter reading of (5): the temporary suspension of a
    /// licence and the restriction of business activities withdraw a right for a time just as a
    /// suspension order does, so they count as heavier; only a warning and a circulated
    /// criticism do not.
    pub fn gives_hearing_right(self) -> bool {
        !matches!(self, Measure::Warning | Measure::CirculatedCriticism)
    }

    /// Whether serving the decision carries the measure out (a warning, a circulated
    /// criticism). Every other measure is carried out by a later act the officer records
    /// (licence returned or cancelled, premises closed, …).
    pub fn performed_on_service(self) -> bool {
        matches!(self, Measure::Warning | Measure::CirculatedCriticism)
    }
}

/// The "large amount" (较大数额) thresholds of APL Art. 63 ¶1(1)(2), one agency's configuration
/// **[L]**: a fine, or a confiscation of illegal gains or of property of that value, at or above
/// the threshold for the party's kind gives the right to a hearing ("以上" includes the number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingThresholds {
    /// For a natural person, in fen.
    pub natural_person_fen: i64,
    /// For a legal person or other organisation, in fen.
    pub organisation_fen: i64,
}

impl HearingThresholds {
    /// A new agency's thresholds until it sets its own: 5,000 / 50,000 CNY, the lowest of the
    /// provincial values DOMAIN.md cites (5,000–10,000 / 50,000–100,000), which give a hearing
    /// in more cases.
    pub const DEFAULT: HearingThresholds = HearingThresholds {
        natural_person_fen: 500_000,
        organisation_fen: 5_000_000,
    };

    /// The threshold for a party of this kind; an unknown kind is judged as a natural person
    /// (the lower threshold).
    pub fn for_party(self, party: Option<PartyKind>) -> i64 {
        match party {
            Some(PartyKind::Organisation) => self.organisation_fen,
            Some(PartyKind::NaturalPerson) | None => self.natural_person_fen,
        }
    }
}

impl Default for HearingThresholds {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What a penalty consists of besides its fine: the value confiscated and the other measures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyParts {
    /// The value of the illegal gains or property confiscated, in fen.
    pub confiscation_fen: i64,
    /// The measures other than a fine or a confiscation.
    pub measures: Vec<Measure>,
}

impl PenaltyParts {
    /// Whether, with `fine_fen`, the penalty has no part at all (nothing to decide).
    pub fn is_empty(&self, fine_fen: i64) -> bool {
        fine_fen <= 0 && self.confiscation_fen <= 0 && self.measures.is_empty()
    }

    /// Whether anything beyond the fine must still be carried out after service: a
    /// confiscation, or a measure service does not perform.
    pub fn needs_execution_beyond_fine(&self) -> bool {
        self.confiscation_fen > 0 || self.measures.iter().any(|m| !m.performed_on_service())
    }

    /// Whether `self` (with `fine_fen`) is heavier than `other` (with `other_fine_fen`) in any
    /// part: a higher fine, a higher confiscation, or a measure `other` did not have (APL
    /// Art. 45 ¶2: no heavier penalty because of the party's statement).
    pub fn heavier_than(&self, fine_fen: i64, other: &PenaltyParts, other_fine_fen: i64) -> bool {
        fine_fen > other_fine_fen
            || self.confiscation_fen > other.confiscation_fen
            || self.measures.iter().any(|m| !other.measures.contains(m))
    }
}

/// Whether a proposed penalty gives the party the right to request a hearing (APL Art. 63 ¶1):
/// a fine or a confiscation of a large amount under the agency's `thresholds` [L] (1)(2), or a
/// measure that [`Measure::gives_hearing_right`] (3)–(5).
pub fn hearing_right(
    party: Option<PartyKind>,
    fine_fen: i64,
    parts: &PenaltyParts,
    thresholds: HearingThresholds,
) -> bool {
    let threshold = thresholds.for_party(party);
    fine_fen >= threshold
        || parts.confiscation_fen >= threshold
        || parts.measures.iter().any(|m| m.gives_hearing_right())
}

/// Whether the execution of a served penalty decision is finished (DOMAIN.md §2.3 S10, S11):
/// nothing left to pay of the fine, and every other part (a confiscation, any measure service
/// does not perform) confirmed as carried out.
pub fn execution_finished(
    fine_outstanding_fen: i64,
    parts: &PenaltyParts,
    other_parts_performed: bool,
) -> bool {
    fine_outstanding_fen <= 0 && (other_parts_performed || !parts.needs_execution_beyond_fine())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(confiscation_fen: i64, measures: &[Measure]) -> PenaltyParts {
        PenaltyParts {
            confiscation_fen,
            measures: measures.to_vec(),
        }
    }

    const PERSON: Option<PartyKind> = Some(PartyKind::NaturalPerson);
    const ORG: Option<PartyKind> = Some(PartyKind::Organisation);
    const T: HearingThresholds = HearingThresholds::DEFAULT;

    #[test]
    fn hearing_right_for_licence_revocation() {
        // (party, fine, confiscation, measures, right)
        let table: &[(Option<PartyKind>, i64, i64, &[Measure], bool)] = &[
            (ORG, 0, 0, &[Measure::RevokeLicence], true),
            (PERSON, 0, 0, &[Measure::RevokeLicence], true),
            (ORG, 0, 0, &[Measure::RevokeBusinessLicence], true),
            (ORG, 0, 0, &[Measure::DemoteQualification], true),
            (ORG, 0, 0, &[Measure::SuspendProduction], true),
            (ORG, 0, 0, &[Measure::Closure], true),
            (PERSON, 0, 0, &[Measure::RestrictPractice], true),
            (ORG, 0, 0, &[Measure::SuspendLicence], true),
            (ORG, 0, 0, &[Measure::RestrictBusiness], true),
            (
                ORG,
                100,
                0,
                &[Measure::Warning, Measure::RevokeLicence],
                true,
            ),
            // Light penalties alone give none.
            (PERSON, 0, 0, &[Measure::Warning], false),
            (ORG, 0, 0, &[Measure::CirculatedCriticism], false),
            (ORG, 100_000, 0, &[Measure::Warning], false),
        ];
        for (party, fine, confiscation, measures, right) in table {
            assert_eq!(
                hearing_right(*party, *fine, &parts(*confiscation, measures), T),
                *right,
                "{party:?} {fine} {confiscation} {measures:?}"
            );
        }
    }

    #[test]
    fn hearing_right_for_large_fines_and_confiscations_at_the_agency_thresholds() {
        let none = parts(0, &[]);
        assert!(!hearing_right(PERSON, 499_999, &none, T));
        assert!(hearing_right(PERSON, 500_000, &none, T));
        assert!(!hearing_right(ORG, 4_999_999, &none, T));
        assert!(hearing_right(ORG, 5_000_000, &none, T));
        assert!(hearing_right(None, 500_000, &none, T), "unknown: lower");
        // Confiscation of a large amount (Art. 63 ¶1(2)), same thresholds.
        assert!(!hearing_right(PERSON, 0, &parts(499_999, &[]), T));
        assert!(hearing_right(PERSON, 0, &parts(500_000, &[]), T));
        assert!(!hearing_right(ORG, 0, &parts(4_999_999, &[]), T));
        assert!(hearing_right(ORG, 0, &parts(5_000_000, &[]), T));
        // Another agency's thresholds [L].
        let higher = HearingThresholds {
            natural_person_fen: 1_000_000,
            organisation_fen: 10_000_000,
        };
        assert!(!hearing_right(PERSON, 500_000, &none, higher));
        assert!(hearing_right(PERSON, 1_000_000, &none, higher));
        assert!(!hearing_right(ORG, 5_000_000, &none, higher));
        assert!(hearing_right(ORG, 0, &parts(10_000_000, &[]), higher));
    }

    #[test]
    fn penalty_types_of_art_9_each_have_their_own_name_and_text() {
        let mut texts: Vec<&str> = Measure::ALL.iter().map(|m| m.decision_text()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), Measure::ALL.len());
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(m));
            assert_eq!(m.decision_text(), m.label(Lang::Zh));
            assert!(m.label(Lang::En).is_ascii());
        }
        for required in [
            "通报批评",
            "暂扣许可证件",
            "限制开展生产经营活动",
            "责令关闭",
            "限制从业",
        ] {
            assert!(texts.contains(&required), "{required}");
        }
        assert_eq!(Measure::parse("detention"), None);
        assert_eq!(Measure::parse(""), None);
        assert!(
            parts(0, &[]).is_empty(0),
            "nothing decided is not a warning"
        );
        assert!(!parts(0, &[Measure::Warning]).is_empty(0));
        assert!(!parts(1, &[]).is_empty(0));
        assert!(!parts(0, &[]).is_empty(1));
    }

    #[test]
    fn execution_status_counts_every_penalty() {
        // (fine outstanding, parts, other parts performed, finished)
        let table: &[(i64, PenaltyParts, bool, bool)] = &[
            (0, parts(0, &[Measure::Warning]), false, true),
            (0, parts(0, &[Measure::CirculatedCriticism]), false, true),
            (0, parts(0, &[Measure::RevokeLicence]), false, false),
            (0, parts(0, &[Measure::RevokeLicence]), true, true),
            (0, parts(0, &[Measure::SuspendProduction]), false, false),
            (0, parts(30_000, &[]), false, false),
            (0, parts(30_000, &[]), true, true),
            (1, parts(0, &[]), false, false),
            (1, parts(0, &[Measure::RevokeLicence]), true, false),
            (0, parts(0, &[]), false, true),
        ];
        for (outstanding, p, performed, finished) in table {
            assert_eq!(
                execution_finished(*outstanding, p, *performed),
                *finished,
                "{outstanding} {p:?} {performed}"
            );
        }
    }

    #[test]
    fn no_heavier_penalty_compares_every_part() {
        let notice = parts(10_000, &[Measure::SuspendLicence]);
        assert!(!notice.heavier_than(500, &notice, 500));
        assert!(notice.heavier_than(501, &notice, 500), "higher fine");
        assert!(parts(10_001, &[Measure::SuspendLicence]).heavier_than(500, &notice, 500));
        assert!(
            parts(10_000, &[Measure::RevokeLicence]).heavier_than(500, &notice, 500),
            "a measure not noticed"
        );
        assert!(!parts(0, &[]).heavier_than(0, &notice, 500), "lighter");
    }
}
