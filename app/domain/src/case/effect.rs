//! What an accepted step changes, as data: the updates to the case record ([`CaseUpdate`]) and
//! the audit record ([`StepRecord`]), both built by [`crate::case::apply_step`] from the facts,
//! the command and the step's [`StepDetails`].
//!
//! Invariants:
//! - Every rule about what a step changes lives here or in the state machine: the service maps
//!   each [`CaseUpdate`] to a column without deciding anything (which step finishes execution,
//!   how suspended days add up, which counters an extension moves).
//! - The [`StepRecord`] is self-contained: it repeats the states, the command with its data,
//!   the documents, the deadline changes, the day and what the step's details decided, so the
//!   audit log alone tells the case's story. It serialises to the same JSON keys documents and
//!   the timeline read back (`on`, `note`, `command.reason`, ...).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    case::{
        command::{CloseReason, Command, DecisionOutcome, InvestigationOutcome, ServiceMethod},
        facts::LegalBasis,
        state::{CaseState, Procedure},
        transition::{DeadlineChange, DocumentKind},
    },
    discretion::{Circumstance, DiscretionCheck, FineBand},
    penalty::{Measure, PenaltyParts},
    review::Criterion,
};

/// The penalty an investigation report proposes, as the major-decision catalog judges it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The proposed fine, in fen (0: none).
    pub fine_fen: i64,
    /// The value confiscated or proposed to be, in fen.
    pub confiscation_fen: i64,
    /// Measures other than a fine.
    pub measures: Vec<Measure>,
    /// Circumstances of the catalog the officer flags (codes; checked against the catalog).
    pub flags: Vec<String>,
    /// Mitigation or departure from the discretion standard.
    pub departure: bool,
}

impl Proposal {
    /// The proposed penalty besides its fine.
    pub fn parts(&self) -> PenaltyParts {
        PenaltyParts {
            confiscation_fen: self.confiscation_fen,
            measures: self.measures.clone(),
        }
    }
}

/// A decision's fine judged against the agency's discretion standard (裁量基准).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscretionRecord {
    /// The standard applied.
    pub standard_id: i32,
    /// The provision the standard implements.
    pub provision: String,
    /// The circumstance tier chosen.
    pub circumstance: Circumstance,
    /// The tier's band, `[min, max]` in fen.
    pub band: [i64; 2],
    /// Where the fine lies against the band.
    pub check: DiscretionCheck,
    /// The written reasons of a departure (empty within the band).
    pub justification: String,
}

impl DiscretionRecord {
    /// Records `check` for a fine judged against `band` of a standard; the justification is
    /// kept only for a departure, which needs it.
    pub fn new(
        standard_id: i32,
        provision: String,
        circumstance: Circumstance,
        band: FineBand,
        check: DiscretionCheck,
        justification: &str,
    ) -> Self {
        Self {
            standard_id,
            provision,
            circumstance,
            band: [band.min_fen, band.max_fen],
            check,
            justification: if check.is_departure() {
                justification.to_owned()
            } else {
                String::new()
            },
        }
    }
}

/// The case's classification against the agency's major-decision catalog (Art. 58), as the
/// step's data left it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MajorRecord {
    /// The catalog version used, if the agency has one.
    pub catalog_version: Option<i32>,
    /// The entries matched; the case is major when there is any.
    pub matched: Vec<Criterion>,
}

impl MajorRecord {
    /// Whether the case is major.
    pub fn is_major(&self) -> bool {
        !self.matched.is_empty()
    }
}

/// What a step records besides its [`Command`], resolved by the caller before the step is
/// judged (the catalog and discretion standards are the agency's data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepDetails {
    /// The penalty proposed at the conclusion of the investigation.
    pub proposal: Option<Proposal>,
    /// A decision's fine judged against the discretion standard.
    pub discretion: Option<DiscretionRecord>,
    /// The classification against the major-decision catalog, for the steps it matters to.
    pub major: Option<MajorRecord>,
    /// The legal basis (Art. 59) given with a conclusion or a decision; a decision's replaces
    /// the conclusion's.
    pub basis: Option<LegalBasis>,
    /// The party consented to electronic service.
    pub e_service_consent: bool,
    /// A non-fine penalty was performed (execution), or a further extension was collectively
    /// discussed (extension).
    pub confirmed: bool,
    /// Free text recorded with the step.
    pub note: String,
}

/// One change an accepted step makes to the case record. The service maps each to its
/// columns; nothing else about the case row is decided outside the domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "update", rename_all = "snake_case")]
pub enum CaseUpdate {
    /// The reason the case is in its state (declined, withdrawn, returned, transferred,
    /// suspended), or none.
    StateReason {
        /// The reason.
        reason: Option<String>,
    },
    /// The filing was approved on this day.
    Filed {
        /// The day.
        on: NaiveDate,
    },
    /// The investigation report's outcome and the penalty it proposes.
    Concluded {
        /// The outcome.
        outcome: InvestigationOutcome,
        /// The proposal, if the step carried one.
        proposal: Option<Proposal>,
    },
    /// A legal review passed or was returned.
    Reviewed {
        /// Whether it passed.
        passed: bool,
        /// Whether it passed after the hearing.
        after_hearing: bool,
    },
    /// The notice of proposed penalty was served.
    PriorNoticeServed {
        /// When.
        served_on: NaiveDate,
        /// The proposed fine, in fen.
        proposed_fine_fen: i64,
        /// Whether the party may ask for a hearing (Art. 63).
        hearing_eligible: bool,
        /// How it was served: by public notice, the windows run from the day it counts as
        /// served.
        method: ServiceMethod,
    },
    /// The party waived statement, defence and hearing.
    RightsWaived,
    /// A hearing was set for this day.
    HearingSet {
        /// The day.
        on: NaiveDate,
    },
    /// The hearing was held.
    HearingHeld,
    /// The collective discussion is on file.
    CollectiveDiscussionDone,
    /// The decision.
    Decided {
        /// Penalty or not.
        outcome: DecisionOutcome,
        /// The fine, in fen.
        fine_fen: i64,
        /// The decision's date.
        decided_on: NaiveDate,
    },
    /// The decision's fine against the discretion standard.
    Discretion {
        /// The judgement.
        record: DiscretionRecord,
    },
    /// The decision was served.
    Served {
        /// When.
        on: NaiveDate,
        /// How.
        method: ServiceMethod,
    },
    /// Execution is finished.
    ExecutionFinished,
    /// The parts of the penalty beyond the fine were carried out.
    OtherPartsPerformed,
    /// The legal basis stated (Art. 59).
    LegalBasis {
        /// The provisions.
        basis: LegalBasis,
    },
    /// The penalty's measures, when a step decides them itself (an on-the-spot warning).
    Measures {
        /// The measures.
        measures: Vec<Measure>,
    },
    /// The total paid so far, in fen.
    Paid {
        /// The new total.
        total_fen: i64,
    },
    /// The case was closed.
    Closed {
        /// Why.
        reason: CloseReason,
        /// When.
        on: NaiveDate,
    },
    /// The case was suspended.
    Suspended {
        /// The state it resumes to.
        from: CaseState,
        /// Since when.
        on: NaiveDate,
    },
    /// The case was resumed.
    Resumed {
        /// The days spent suspended so far, all suspensions together.
        suspended_days: u32,
    },
    /// The case-handling limit was extended.
    Extended {
        /// Extensions granted so far.
        extensions_granted: u32,
        /// Days added so far.
        extension_days: u32,
    },
    /// The case matched the major-decision catalog: it stays major and is decided by
    /// collective discussion (Art. 57 ¶2) [L].
    Major,
    /// The party consented to electronic service.
    EServiceConsent,
}

/// The audit event's payload of a step: hash it with [`crate::audit::canonical_json`] after
/// serialising.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepRecord {
    /// The case's procedure.
    pub procedure: Procedure,
    /// The state before.
    pub from: CaseState,
    /// The state after.
    pub to: CaseState,
    /// The command with its data.
    pub command: Command,
    /// The documents produced.
    pub documents: Vec<DocumentKind>,
    /// The deadline changes.
    pub deadlines: Vec<DeadlineChange>,
    /// The day the step was judged on.
    pub on: NaiveDate,
    /// An approved review: whether it came after the hearing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_hearing: Option<bool>,
    /// A payment: whether it settled what was owed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settled: Option<bool>,
    /// A suspension: the state the case resumes to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resume_to: Option<CaseState>,
    /// A concluded investigation: the proposed penalty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
    /// A decision: its fine against the discretion standard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discretion: Option<DiscretionRecord>,
    /// A conclusion or decision: the legal basis it states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<LegalBasis>,
    /// The classification against the major-decision catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub major: Option<MajorRecord>,
    /// Free text of a step whose command carries none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
