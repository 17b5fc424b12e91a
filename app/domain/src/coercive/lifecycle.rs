//! A coercive measure's life (查封、扣押, 《行政强制法》 Arts. 18–28), the rules of who may take
//! which step when, what a new measure must state, and the supervision warnings on it.
//!
//! - Art. 18: before a measure, officers report to the agency's head and get approval; two or
//!   more officers carry it out; the party is present, or a witness is invited when the party
//!   is absent; an on-site record (现场笔录) is made. So an ordinary measure is *proposed* and
//!   comes *in force* on the head's approval, the day of the decision (查封、扣押决定书).
//! - Art. 19: in an emergency officers take it on the spot, report to the head within 24
//!   hours and get the approval afterwards; if the head does not approve, it is lifted at once
//!   (a release with [`ReleaseReason::EmergencyNotApproved`]).
//! - Art. 24: the decision lists the items (查封、扣押清单).
//! - Art. 25: one extension approved by the head (its length and the reasons are judged by
//!   [`super::check_extension`]); testing time is told to the party and does not count.
//! - Art. 27–28: the measure ends by a release (解除) with its reason, decided by the head.
//!
//! Who: the head of the agency approves, extends and releases; the officers named for the
//! measure report an emergency one and start and end a testing period (the head may too).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{MeasureFacts, ReleaseReason};
use crate::i18n::Lang;
use crate::role::Role;
use crate::validate::{Field, Rule, ValidationError};

/// Seal-up or seizure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeasureKind {
    /// 查封: places, facilities or goods are sealed where they are.
    SealUp,
    /// 扣押: goods are taken into the agency's custody.
    Seizure,
}

impl MeasureKind {
    /// Every kind.
    pub const ALL: [MeasureKind; 2] = [MeasureKind::SealUp, MeasureKind::Seizure];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::SealUp => "seal_up",
            MeasureKind::Seizure => "seizure",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeasureKind::SealUp => lang.pick("查封", "Seal-up"),
            MeasureKind::Seizure => lang.pick("扣押", "Seizure"),
        }
    }
}

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeasureState {
    /// Proposed to the head (Art. 18 ¶1), not yet decided.
    Proposed,
    /// Decided (or taken on the spot in an emergency) and not yet lifted.
    InForce,
    /// Lifted (解除).
    Released,
}

impl MeasureState {
    /// Every state.
    pub const ALL: [MeasureState; 3] = [
        MeasureState::Proposed,
        MeasureState::InForce,
        MeasureState::Released,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureState::Proposed => "proposed",
            MeasureState::InForce => "in_force",
            MeasureState::Released => "released",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeasureState::Proposed => lang.pick("待批准", "Awaiting approval"),
            MeasureState::InForce => lang.pick("实施中", "In force"),
            MeasureState::Released => lang.pick("已解除", "Released"),
        }
    }
}

/// The kinds of step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    /// The head approves: a proposal becomes the decision, or an emergency measure is
    /// approved afterwards.
    Approve,
    /// An emergency measure is reported to the head (Art. 19, within 24 hours).
    Report,
    /// The head extends it once (Art. 25).
    Extend,
    /// A testing period begins (told to the party).
    StartTesting,
    /// The running testing period ends.
    EndTesting,
    /// The head lifts it (解除, Art. 28).
    Release,
}

impl StepKind {
    /// Every kind, in the order of a measure's life.
    pub const ALL: [StepKind; 6] = [
        StepKind::Report,
        StepKind::Approve,
        StepKind::StartTesting,
        StepKind::EndTesting,
        StepKind::Extend,
        StepKind::Release,
    ];

    /// Machine name (the `step` of the API).
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Approve => "approve",
            StepKind::Report => "report",
            StepKind::Extend => "extend",
            StepKind::StartTesting => "start_testing",
            StepKind::EndTesting => "end_testing",
            StepKind::Release => "release",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StepKind::Approve => lang.pick("批准（作出决定）", "Approve (decide)"),
            StepKind::Report => lang.pick("向负责人报告", "Report to the head"),
            StepKind::Extend => lang.pick("延长期限", "Extend"),
            StepKind::StartTesting => lang.pick("开始检测、检验", "Start testing"),
            StepKind::EndTesting => lang.pick("检测、检验结束", "End testing"),
            StepKind::Release => lang.pick("解除", "Release"),
        }
    }
}

/// Who is asking, as far as a measure is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asker {
    /// Their role.
    pub role: Role,
    /// Whether they belong to the measure's agency.
    pub own_agency: bool,
    /// Whether they are named for the measure.
    pub named: bool,
}

/// What a step depends on besides the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepFacts {
    /// Where the measure stands.
    pub state: Option<MeasureState>,
    /// Taken on the spot in an emergency.
    pub emergency: bool,
    /// Approved by the head (beforehand, or afterwards in an emergency).
    pub approved: bool,
    /// An emergency measure was reported to the head.
    pub reported: bool,
    /// Extended once already.
    pub extended: bool,
    /// A testing period is running.
    pub testing: bool,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepRefusal {
    /// The asker may not take this step at all.
    NotAllowed,
    /// Not possible in this state.
    WrongState {
        /// The state it is in.
        state: MeasureState,
    },
    /// Approved already.
    AlreadyApproved,
    /// Only an emergency measure is reported afterwards.
    NotAnEmergency,
    /// Reported already.
    AlreadyReported,
    /// An emergency measure is approved only once reported.
    NotReportedYet,
    /// Extended once already (Art. 25).
    AlreadyExtended,
    /// An emergency measure not yet approved cannot be extended.
    NotApprovedYet,
    /// A testing period is running already.
    TestingRunning,
    /// No testing period is running.
    NoTestingRunning,
}

impl StepRefusal {
    /// A sentence for the user.
    pub fn message(self, lang: Lang) -> String {
        match self {
            StepRefusal::NotAllowed => lang
                .pick(
                    "只有本机关负责人可以批准、延长和解除；报告和检测由实施措施的执法人员办理",
                    "Only the agency's head approves, extends and releases; the officers named report and test",
                )
                .to_owned(),
            StepRefusal::WrongState { state } => match lang {
                Lang::Zh => format!("该措施当前状态为「{}」，不能办理这一步", state.label(lang)),
                Lang::En => format!(
                    "The measure is \"{}\": this step is not possible now",
                    state.label(lang)
                ),
            },
            StepRefusal::AlreadyApproved => lang
                .pick("该措施已经批准", "The measure is approved already")
                .to_owned(),
            StepRefusal::NotAnEmergency => lang
                .pick(
                    "只有紧急情况下当场实施的措施需要事后报告",
                    "Only a measure taken on the spot in an emergency is reported afterwards",
                )
                .to_owned(),
            StepRefusal::AlreadyReported => lang
                .pick("已经向负责人报告", "It was reported already")
                .to_owned(),
            StepRefusal::NotReportedYet => lang
                .pick(
                    "当场实施的措施须先向机关负责人报告，再补办批准手续（《行政强制法》第十九条）",
                    "A measure taken on the spot is first reported to the head, then approved (Art. 19)",
                )
                .to_owned(),
            StepRefusal::AlreadyExtended => lang
                .pick(
                    "查封、扣押期限只能延长一次（《行政强制法》第二十五条）",
                    "A seal-up or seizure may be extended once only (Administrative Coercion Law Art. 25)",
                )
                .to_owned(),
            StepRefusal::NotApprovedYet => lang
                .pick(
                    "当场实施的措施尚未补办批准手续，不能延长",
                    "The emergency measure is not approved yet: it cannot be extended",
                )
                .to_owned(),
            StepRefusal::TestingRunning => lang
                .pick(
                    "已有正在进行的检测、检验，请先登记其结束",
                    "A testing period is running: end it first",
                )
                .to_owned(),
            StepRefusal::NoTestingRunning => lang
                .pick(
                    "没有正在进行的检测、检验",
                    "No testing period is running",
                )
                .to_owned(),
        }
    }
}

/// Judges a step: the state it leads to, or why not.
pub fn step(facts: StepFacts, kind: StepKind, who: Asker) -> Result<MeasureState, StepRefusal> {
    use MeasureState as S;
    let head = who.own_agency && who.role == Role::AgencyHead;
    let named = who.own_agency && who.named && matches!(who.role, Role::Officer | Role::AgencyHead);
    let state = facts.state.unwrap_or(S::Proposed);
    let in_force = |next: S| match state {
        S::InForce => Ok(next),
        other => Err(StepRefusal::WrongState { state: other }),
    };
    match kind {
        StepKind::Approve => {
            if !head {
                return Err(StepRefusal::NotAllowed);
            }
            if facts.approved {
                return Err(StepRefusal::AlreadyApproved);
            }
            match state {
                S::Proposed => Ok(S::InForce),
                S::InForce if facts.emergency && !facts.reported => {
                    Err(StepRefusal::NotReportedYet)
                }
                S::InForce if facts.emergency => Ok(S::InForce),
                other => Err(StepRefusal::WrongState { state: other }),
            }
        }
        StepKind::Report => {
            if !named {
                return Err(StepRefusal::NotAllowed);
            }
            in_force(S::InForce)?;
            if !facts.emergency {
                return Err(StepRefusal::NotAnEmergency);
            }
            if facts.reported {
                return Err(StepRefusal::AlreadyReported);
            }
            Ok(S::InForce)
        }
        StepKind::Extend => {
            if !head {
                return Err(StepRefusal::NotAllowed);
            }
            in_force(S::InForce)?;
            if !facts.approved {
                return Err(StepRefusal::NotApprovedYet);
            }
            if facts.extended {
                return Err(StepRefusal::AlreadyExtended);
            }
            Ok(S::InForce)
        }
        StepKind::StartTesting | StepKind::EndTesting => {
            if !(named || head) {
                return Err(StepRefusal::NotAllowed);
            }
            in_force(S::InForce)?;
            match (kind, facts.testing) {
                (StepKind::StartTesting, true) => Err(StepRefusal::TestingRunning),
                (StepKind::EndTesting, false) => Err(StepRefusal::NoTestingRunning),
                _ => Ok(S::InForce),
            }
        }
        StepKind::Release => {
            if !head {
                return Err(StepRefusal::NotAllowed);
            }
            in_force(S::Released)
        }
    }
}

/// The steps `who` may take now, in the order of a measure's life.
pub fn available(facts: StepFacts, who: Asker) -> Vec<StepKind> {
    StepKind::ALL
        .into_iter()
        .filter(|k| step(facts, *k, who).is_ok())
        .collect()
}

/// The release reasons open to a measure: [`ReleaseReason::EmergencyNotApproved`] only for an
/// emergency measure the head has not approved.
pub fn release_reasons(facts: StepFacts) -> Vec<ReleaseReason> {
    ReleaseReason::ALL
        .into_iter()
        .filter(|r| {
            *r != ReleaseReason::EmergencyNotApproved || (facts.emergency && !facts.approved)
        })
        .collect()
}

/// Machine name of a release reason.
pub fn reason_name(reason: ReleaseReason) -> &'static str {
    match reason {
        ReleaseReason::NoViolation => "no_violation",
        ReleaseReason::Unrelated => "unrelated",
        ReleaseReason::Decided => "decided",
        ReleaseReason::LimitExpired => "limit_expired",
        ReleaseReason::NoLongerNeeded => "no_longer_needed",
        ReleaseReason::EmergencyNotApproved => "emergency_not_approved",
    }
}

/// Parses a release reason's machine name.
pub fn parse_reason(s: &str) -> Option<ReleaseReason> {
    ReleaseReason::ALL
        .into_iter()
        .find(|r| reason_name(*r) == s)
}

/// A measure's code (强制措施编号), `QZ` with the day and random characters: printed on its
/// documents, unguessable.
pub fn measure_code(day: NaiveDate, random: [u8; 10]) -> String {
    crate::document::number::dated_number("QZ", day, random)
}

/// A new measure's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewMeasure<'a> {
    /// `seal_up` or `seizure`.
    pub kind: &'a str,
    /// The party (当事人).
    pub party: &'a str,
    /// The place.
    pub place: &'a str,
    /// The items (清单), one per line.
    pub items: &'a str,
    /// The legal basis.
    pub legal_basis: &'a str,
    /// The facts and reasons.
    pub reason: &'a str,
    /// Whether the party was (or will be) present.
    pub party_present: bool,
    /// The witness invited when the party is absent.
    pub witness: &'a str,
    /// Where and by whom seized items are kept (扣押: required).
    pub custody: &'a str,
    /// The officers named.
    pub officer_ids: &'a [i32],
}

/// A new measure as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMeasure {
    /// Seal-up or seizure.
    pub kind: MeasureKind,
    /// The party.
    pub party: String,
    /// The place.
    pub place: String,
    /// The items, one per line, blank lines dropped.
    pub items: Vec<String>,
    /// The legal basis.
    pub legal_basis: String,
    /// The facts and reasons.
    pub reason: String,
    /// The witness, when the party is absent.
    pub witness: Option<String>,
    /// Custody of seized items.
    pub custody: Option<String>,
    /// The officers, distinct and sorted.
    pub officer_ids: Vec<i32>,
}

/// The fewest officers who carry out a measure (Art. 18 ¶(2)).
pub const MIN_OFFICERS: usize = 2;
/// The most lines on a measure's list of items.
pub const MAX_ITEMS: usize = 200;

/// Checks a new measure: every broken rule, each naming its field.
pub fn validate(m: &NewMeasure<'_>) -> Result<ValidMeasure, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut text = |field: Field, value: &str, min: usize, max: usize| -> String {
        match crate::validate::text(field, value, min, max) {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        }
    };
    let party = text(Field::PartyName, m.party, 1, 100);
    let place = text(Field::Location, m.place, 1, 200);
    let items_text = text(Field::SeizedItems, m.items, 1, 5000);
    let legal_basis = text(Field::LegalBasis, m.legal_basis, 1, 500);
    let reason = text(Field::Reason, m.reason, 1, 2000);
    let witness = text(Field::Witness, m.witness, 0, 100);
    let custody = text(Field::Custody, m.custody, 0, 200);
    let kind = MeasureKind::parse(m.kind.trim());
    if kind.is_none() {
        errors.push(ValidationError::new(Field::MeasureKind, Rule::OneOf));
    }
    let items: Vec<String> = items_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if items.len() > MAX_ITEMS {
        errors.push(ValidationError::new(
            Field::SeizedItems,
            Rule::TooMany { max: MAX_ITEMS },
        ));
    }
    // The party present, or a witness invited (Art. 18 ¶(5)).
    if !m.party_present && witness.is_empty() {
        errors.push(ValidationError::new(Field::Witness, Rule::Required));
    }
    // Seized goods are kept by someone somewhere (Art. 26).
    if kind == Some(MeasureKind::Seizure) && custody.is_empty() {
        errors.push(ValidationError::new(Field::Custody, Rule::Required));
    }
    let mut officer_ids = m.officer_ids.to_vec();
    officer_ids.sort_unstable();
    officer_ids.dedup();
    if officer_ids.len() < MIN_OFFICERS {
        errors.push(ValidationError::new(
            Field::Officers,
            Rule::TooFew { min: MIN_OFFICERS },
        ));
    }
    match kind {
        Some(kind) if errors.is_empty() => Ok(ValidMeasure {
            kind,
            party,
            place,
            items,
            legal_basis,
            reason,
            witness: (!m.party_present).then_some(witness),
            custody: (!custody.is_empty()).then_some(custody),
            officer_ids,
        }),
        _ => Err(errors),
    }
}

/// A supervision warning on a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeasureWarning {
    /// Past its limit and not lifted (乱查封、超期扣押).
    Overdue,
    /// An emergency measure not reported within 24 hours (Art. 19).
    ReportLate,
    /// An emergency measure in force without the head's approval, so without a decision
    /// document, more than 24 hours after it was taken.
    NoDecision,
}

impl MeasureWarning {
    /// Machine name.
    pub fn code(self) -> &'static str {
        match self {
            MeasureWarning::Overdue => "measure_overdue",
            MeasureWarning::ReportLate => "measure_report_late",
            MeasureWarning::NoDecision => "measure_without_decision",
        }
    }

    /// For people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeasureWarning::Overdue => lang.pick(
                "查封、扣押超过法定期限未解除",
                "Past its legal limit and not released",
            ),
            MeasureWarning::ReportLate => lang.pick(
                "当场实施的措施未在二十四小时内报告",
                "Taken on the spot and not reported within 24 hours",
            ),
            MeasureWarning::NoDecision => lang.pick(
                "当场实施的措施逾二十四小时未补办批准、无决定书",
                "Taken on the spot, unapproved after 24 hours: no decision document",
            ),
        }
    }
}

/// What the warnings on a measure depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningFacts {
    /// Its limits.
    pub limits: MeasureFacts,
    /// Taken on the spot in an emergency, at this time.
    pub emergency_taken_at: Option<DateTime<Utc>>,
    /// When it was reported to the head.
    pub reported_at: Option<DateTime<Utc>>,
    /// Approved by the head.
    pub approved: bool,
    /// Where it stands.
    pub state: MeasureState,
}

/// The warnings on a measure at `now` (`today` is `now`'s day in China).
pub fn warnings(f: &WarningFacts, now: DateTime<Utc>, today: NaiveDate) -> Vec<MeasureWarning> {
    let mut out = Vec::new();
    if f.state == MeasureState::Proposed {
        return out;
    }
    if super::overdue(&f.limits, today) {
        out.push(MeasureWarning::Overdue);
    }
    if let Some(taken) = f.emergency_taken_at {
        if super::report_late(taken, f.reported_at, now) {
            out.push(MeasureWarning::ReportLate);
        }
        if f.state == MeasureState::InForce && !f.approved && now > super::report_due(taken) {
            out.push(MeasureWarning::NoDecision);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeasureState as S;

    fn who(role: Role, own_agency: bool, named: bool) -> Asker {
        Asker {
            role,
            own_agency,
            named,
        }
    }

    fn facts(state: MeasureState) -> StepFacts {
        StepFacts {
            state: Some(state),
            ..StepFacts::default()
        }
    }

    const HEAD: Asker = Asker {
        role: Role::AgencyHead,
        own_agency: true,
        named: false,
    };
    const OFFICER: Asker = Asker {
        role: Role::Officer,
        own_agency: true,
        named: true,
    };

    #[test]
    fn an_ordinary_measure_is_decided_by_the_head_then_extended_once_and_released() {
        let proposed = facts(S::Proposed);
        assert_eq!(step(proposed, StepKind::Approve, HEAD), Ok(S::InForce));
        assert_eq!(
            step(proposed, StepKind::Approve, OFFICER),
            Err(StepRefusal::NotAllowed)
        );
        assert_eq!(
            step(proposed, StepKind::Release, HEAD),
            Err(StepRefusal::WrongState { state: S::Proposed })
        );
        assert_eq!(available(proposed, HEAD), vec![StepKind::Approve]);
        assert!(available(proposed, OFFICER).is_empty());
        let decided = StepFacts {
            approved: true,
            ..facts(S::InForce)
        };
        assert_eq!(
            step(decided, StepKind::Approve, HEAD),
            Err(StepRefusal::AlreadyApproved)
        );
        assert_eq!(
            step(decided, StepKind::Report, OFFICER),
            Err(StepRefusal::NotAnEmergency)
        );
        assert_eq!(step(decided, StepKind::Extend, HEAD), Ok(S::InForce));
        assert_eq!(
            step(decided, StepKind::Extend, OFFICER),
            Err(StepRefusal::NotAllowed)
        );
        let extended = StepFacts {
            extended: true,
            ..decided
        };
        assert_eq!(
            step(extended, StepKind::Extend, HEAD),
            Err(StepRefusal::AlreadyExtended)
        );
        assert_eq!(step(extended, StepKind::Release, HEAD), Ok(S::Released));
        assert_eq!(
            step(extended, StepKind::Release, OFFICER),
            Err(StepRefusal::NotAllowed)
        );
        let released = StepFacts {
            state: Some(S::Released),
            ..extended
        };
        for kind in StepKind::ALL {
            assert!(step(released, kind, HEAD).is_err(), "{kind:?}");
            assert!(step(released, kind, OFFICER).is_err(), "{kind:?}");
        }
    }

    #[test]
    fn an_emergency_measure_is_reported_then_approved_or_released() {
        let taken = StepFacts {
            emergency: true,
            ..facts(S::InForce)
        };
        assert_eq!(
            step(taken, StepKind::Approve, HEAD),
            Err(StepRefusal::NotReportedYet)
        );
        assert_eq!(
            step(taken, StepKind::Extend, HEAD),
            Err(StepRefusal::NotApprovedYet)
        );
        assert_eq!(step(taken, StepKind::Report, OFFICER), Ok(S::InForce));
        // An officer of the agency not named for it does not report it.
        assert_eq!(
            step(taken, StepKind::Report, who(Role::Officer, true, false)),
            Err(StepRefusal::NotAllowed)
        );
        let reported = StepFacts {
            reported: true,
            ..taken
        };
        assert_eq!(
            step(reported, StepKind::Report, OFFICER),
            Err(StepRefusal::AlreadyReported)
        );
        assert_eq!(step(reported, StepKind::Approve, HEAD), Ok(S::InForce));
        // Not approved: lifted at once, with the reason only such a measure has.
        assert_eq!(step(reported, StepKind::Release, HEAD), Ok(S::Released));
        assert!(release_reasons(reported).contains(&ReleaseReason::EmergencyNotApproved));
        let approved = StepFacts {
            approved: true,
            ..reported
        };
        assert!(!release_reasons(approved).contains(&ReleaseReason::EmergencyNotApproved));
        assert!(!release_reasons(facts(S::InForce)).contains(&ReleaseReason::EmergencyNotApproved));
        assert_eq!(
            release_reasons(approved).len(),
            ReleaseReason::ALL.len() - 1
        );
    }

    #[test]
    fn testing_periods_open_and_close_one_at_a_time() {
        let decided = StepFacts {
            approved: true,
            ..facts(S::InForce)
        };
        assert_eq!(
            step(decided, StepKind::StartTesting, OFFICER),
            Ok(S::InForce)
        );
        assert_eq!(step(decided, StepKind::StartTesting, HEAD), Ok(S::InForce));
        assert_eq!(
            step(decided, StepKind::EndTesting, OFFICER),
            Err(StepRefusal::NoTestingRunning)
        );
        let testing = StepFacts {
            testing: true,
            ..decided
        };
        assert_eq!(
            step(testing, StepKind::StartTesting, OFFICER),
            Err(StepRefusal::TestingRunning)
        );
        assert_eq!(step(testing, StepKind::EndTesting, OFFICER), Ok(S::InForce));
        assert_eq!(available(testing, OFFICER), vec![StepKind::EndTesting]);
        assert_eq!(
            available(testing, HEAD),
            vec![StepKind::EndTesting, StepKind::Extend, StepKind::Release]
        );
    }

    #[test]
    fn nobody_outside_the_agency_and_no_other_role_takes_a_step() {
        let all_states = [
            facts(S::Proposed),
            StepFacts {
                emergency: true,
                reported: true,
                ..facts(S::InForce)
            },
            StepFacts {
                approved: true,
                testing: true,
                ..facts(S::InForce)
            },
        ];
        for f in all_states {
            for role in Role::ALL {
                for kind in StepKind::ALL {
                    // Another agency's people, even named and even its head.
                    assert_eq!(
                        step(f, kind, who(role, false, true)),
                        Err(StepRefusal::NotAllowed),
                        "{role:?} {kind:?}"
                    );
                    if !matches!(role, Role::Officer | Role::AgencyHead) {
                        assert_eq!(
                            step(f, kind, who(role, true, true)),
                            Err(StepRefusal::NotAllowed),
                            "{role:?} {kind:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn names_round_trip_and_read_in_both_languages() {
        for k in MeasureKind::ALL {
            assert_eq!(MeasureKind::parse(k.as_str()), Some(k));
            assert!(k.label(Lang::En).is_ascii());
        }
        for s in MeasureState::ALL {
            assert_eq!(MeasureState::parse(s.as_str()), Some(s));
            assert!(s.label(Lang::En).is_ascii());
        }
        for k in StepKind::ALL {
            assert_eq!(StepKind::parse(k.as_str()), Some(k));
            assert!(k.label(Lang::Zh).chars().any(|c| c > '\u{4e00}'));
        }
        for r in ReleaseReason::ALL {
            assert_eq!(parse_reason(reason_name(r)), Some(r));
        }
        assert_eq!(parse_reason("whatever"), None);
        for r in [
            StepRefusal::NotAllowed,
            StepRefusal::WrongState { state: S::Released },
            StepRefusal::AlreadyApproved,
            StepRefusal::NotAnEmergency,
            StepRefusal::AlreadyReported,
            StepRefusal::NotReportedYet,
            StepRefusal::AlreadyExtended,
            StepRefusal::NotApprovedYet,
            StepRefusal::TestingRunning,
            StepRefusal::NoTestingRunning,
        ] {
            assert!(r.message(Lang::Zh).chars().any(|c| c > '\u{4e00}'));
            assert!(r.message(Lang::En).is_ascii(), "{r:?}");
        }
        for w in [
            MeasureWarning::Overdue,
            MeasureWarning::ReportLate,
            MeasureWarning::NoDecision,
        ] {
            assert!(w.label(Lang::En).is_ascii());
            assert!(w.code().starts_with("measure_"));
        }
    }

    fn form<'a>(officers: &'a [i32]) -> NewMeasure<'a> {
        NewMeasure {
            kind: "seizure",
            party: "临江市某食品有限公司",
            place: "临江市江南大道 18 号仓库",
            items: "过期冷冻肉 20 箱\n\n 标签不全的调味品 35 瓶 ",
            legal_basis: "《中华人民共和国食品安全法》第一百一十条",
            reason: "涉嫌经营超过保质期的食品",
            party_present: true,
            witness: "",
            custody: "本局罚没物品仓库，保管人张某",
            officer_ids: officers,
        }
    }

    #[test]
    fn a_new_measure_names_its_items_two_officers_a_witness_or_the_party_and_custody() {
        let ok = validate(&form(&[3, 2, 3])).expect("valid");
        assert_eq!(ok.kind, MeasureKind::Seizure);
        assert_eq!(ok.items, vec!["过期冷冻肉 20 箱", "标签不全的调味品 35 瓶"]);
        assert_eq!(ok.officer_ids, vec![2, 3]);
        assert_eq!(ok.witness, None);

        let fields = |m: &NewMeasure<'_>| -> Vec<(Field, Rule)> {
            validate(m)
                .expect_err("refused")
                .into_iter()
                .map(|e| (e.field, e.rule))
                .collect()
        };
        // One officer only, counted once however often named.
        let one = [4, 4];
        assert_eq!(
            fields(&form(&one)),
            vec![(Field::Officers, Rule::TooFew { min: 2 })]
        );
        // The party absent and no witness.
        let absent = NewMeasure {
            party_present: false,
            ..form(&[1, 2])
        };
        assert_eq!(fields(&absent), vec![(Field::Witness, Rule::Required)]);
        let witnessed = NewMeasure {
            witness: "社区网格员王某",
            ..absent.clone()
        };
        assert_eq!(
            validate(&witnessed).expect("valid").witness.as_deref(),
            Some("社区网格员王某")
        );
        // A seizure without custody; a seal-up needs none.
        let nowhere = NewMeasure {
            custody: " ",
            ..form(&[1, 2])
        };
        assert_eq!(fields(&nowhere), vec![(Field::Custody, Rule::Required)]);
        let sealed = NewMeasure {
            kind: "seal_up",
            ..nowhere.clone()
        };
        assert!(validate(&sealed).is_ok());
        // Everything missing: every field named at once.
        let empty = NewMeasure::default();
        let got: Vec<Field> = fields(&empty).into_iter().map(|(f, _)| f).collect();
        for f in [
            Field::PartyName,
            Field::Location,
            Field::SeizedItems,
            Field::LegalBasis,
            Field::Reason,
            Field::MeasureKind,
            Field::Witness,
            Field::Officers,
        ] {
            assert!(got.contains(&f), "{f:?} in {got:?}");
        }
        // Too many lines on the list.
        let long = "一件\n".repeat(MAX_ITEMS + 1);
        let many = NewMeasure {
            items: &long,
            ..form(&[1, 2])
        };
        assert_eq!(
            fields(&many),
            vec![(Field::SeizedItems, Rule::TooMany { max: MAX_ITEMS })]
        );
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn warnings_at_and_around_each_boundary() {
        let ordinary = WarningFacts {
            limits: MeasureFacts {
                decided_on: d("2026-11-01"),
                ..MeasureFacts::default()
            },
            emergency_taken_at: None,
            reported_at: None,
            approved: true,
            state: S::InForce,
        };
        let noon = |day: &str| at(&format!("{day}T04:00:00Z"));
        assert!(warnings(&ordinary, noon("2026-12-01"), d("2026-12-01")).is_empty());
        assert_eq!(
            warnings(&ordinary, noon("2026-12-02"), d("2026-12-02")),
            vec![MeasureWarning::Overdue]
        );
        let released = WarningFacts {
            state: S::Released,
            limits: MeasureFacts {
                released_on: Some(d("2026-11-20")),
                ..ordinary.limits.clone()
            },
            ..ordinary.clone()
        };
        assert!(warnings(&released, noon("2027-01-01"), d("2027-01-01")).is_empty());
        let proposed = WarningFacts {
            state: S::Proposed,
            approved: false,
            ..ordinary.clone()
        };
        assert!(warnings(&proposed, noon("2027-01-01"), d("2027-01-01")).is_empty());

        let taken = at("2026-12-01T07:00:00Z");
        let emergency = WarningFacts {
            limits: MeasureFacts {
                decided_on: d("2026-12-01"),
                ..MeasureFacts::default()
            },
            emergency_taken_at: Some(taken),
            reported_at: None,
            approved: false,
            state: S::InForce,
        };
        let hours = |h: i64| taken + chrono::Duration::hours(h);
        assert!(warnings(&emergency, hours(24), d("2026-12-02")).is_empty());
        assert_eq!(
            warnings(&emergency, hours(25), d("2026-12-02")),
            vec![MeasureWarning::ReportLate, MeasureWarning::NoDecision]
        );
        let reported_in_time = WarningFacts {
            reported_at: Some(hours(3)),
            ..emergency.clone()
        };
        assert_eq!(
            warnings(&reported_in_time, hours(25), d("2026-12-02")),
            vec![MeasureWarning::NoDecision]
        );
        let approved = WarningFacts {
            approved: true,
            ..reported_in_time.clone()
        };
        assert!(warnings(&approved, hours(25), d("2026-12-02")).is_empty());
        // A late report stays on the record after the approval.
        let late = WarningFacts {
            reported_at: Some(hours(30)),
            approved: true,
            ..emergency
        };
        assert_eq!(
            warnings(&late, hours(40), d("2026-12-03")),
            vec![MeasureWarning::ReportLate]
        );
    }
}
