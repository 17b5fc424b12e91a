//! Data shapes of penalty cases that cross the wire.

use chrono::NaiveDate;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tianping_domain::{
    case::{CaseState, CloseReason, CommandKind, DeadlineKind, DocumentKind, Procedure},
    deadline::Level,
    role::Role,
};

use super::dto::AgencyRef;

/// Filters of the case list; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(default)]
pub struct CaseFilter {
    /// A state's machine name.
    #[cfg_attr(feature = "ssr", param(pattern = r"^[a-z_]*$"))]
    pub state: String,
    /// Only cases this officer is assigned to (user id).
    #[cfg_attr(feature = "ssr", param(pattern = r"^\d{0,9}$"))]
    pub officer: String,
    /// `ok`, `approaching` or `overdue`.
    #[cfg_attr(feature = "ssr", param(pattern = r"^(ok|approaching|overdue)?$"))]
    pub deadline: String,
    /// Text in the number, title, location or a party's name.
    pub q: String,
}

/// A deadline as shown on a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeadlineBadge {
    /// Which deadline.
    pub kind: DeadlineKind,
    /// Its due date.
    pub due: NaiveDate,
    /// Days until it (negative: days overdue).
    pub days_left: i64,
    /// How urgent.
    pub level: Level,
}

/// A case in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    /// Case id.
    pub id: i32,
    /// Case number.
    pub number: String,
    /// Short title.
    pub title: String,
    /// The handling agency.
    pub agency: AgencyRef,
    /// Procedure.
    pub procedure: Procedure,
    /// Current state.
    pub state: CaseState,
    /// Names of the assigned officers.
    pub officers: Vec<String>,
    /// The first party's name, if any.
    pub party: Option<String>,
    /// The most urgent running deadline.
    pub deadline: Option<DeadlineBadge>,
}

/// A person named on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonRef {
    /// User id.
    pub id: i32,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
}

/// A party (当事人) of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartyView {
    /// Party id.
    pub id: i32,
    /// `natural_person` or `organisation`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// ID number or unified social credit code.
    pub identifier: String,
    /// Legal representative (organisations).
    pub legal_representative: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Address.
    pub address: String,
}

/// An evidence item or record (笔录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EvidenceView {
    /// Evidence id.
    pub id: i32,
    /// Kind's machine name.
    pub kind: String,
    /// Title.
    pub title: String,
    /// When collected or when the record started (China time, RFC 3339).
    pub collected_at: String,
    /// Where.
    pub location: String,
    /// Who collected it.
    pub collectors: Vec<String>,
    /// The person questioned or the object inspected (records).
    pub subject: Option<String>,
    /// The record's text.
    pub content: Option<String>,
    /// The capture device.
    pub device: Option<String>,
    /// The file's SHA-256, if a file is attached.
    pub sha256: Option<String>,
    /// The file's name.
    pub file_name: Option<String>,
    /// The file's size in bytes.
    pub size: Option<i64>,
}

/// A deadline of the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeadlineView {
    /// Which.
    pub kind: DeadlineKind,
    /// When it started.
    pub started_on: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// `running`, `paused` or `stopped`.
    pub status: String,
    /// Days left and urgency, for running deadlines.
    pub badge: Option<DeadlineBadge>,
}

/// A document a step produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentView {
    /// Document id.
    pub id: i32,
    /// Kind.
    pub kind: DocumentKind,
    /// When (China time, RFC 3339).
    pub created_at: String,
    /// By whom.
    pub created_by: String,
    /// Every issued version, newest first.
    pub issued: Vec<IssuedDocumentView>,
}

/// What the public learns from a document verification: which document it is and whether it
/// stands. Nothing about the parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentCheck {
    /// The document's name.
    pub kind: String,
    /// Its number.
    pub number: String,
    /// The issuing agency.
    pub agency: String,
    /// The day it was issued (China time).
    pub issued_on: NaiveDate,
    /// `in_force`, `superseded`, `changed`, `revoked`, `confirmed_illegal` or
    /// `confirmed_invalid` ([`tianping_domain::document::IssuedStatus`]).
    pub status: String,
    /// The status for people, in the caller's language.
    pub status_label: String,
    /// Whether the document is still in force.
    pub in_force: bool,
    /// Why it was superseded, changed, revoked or found illegal or invalid: who ruled, when,
    /// and on what basis.
    pub status_reason: Option<String>,
    /// Whether the file checked is the redacted public version the portal serves (the
    /// original is sent to the party).
    pub public_version: bool,
    /// The SHA-256 of the genuine file (of the public version when that is what was checked).
    pub sha256: String,
    /// The audit event that recorded the issue (its inclusion proof is public).
    pub audit_seq: Option<i64>,
}

/// The answer to a document verification: the document, or `None` when nothing matches. (A
/// struct, not a bare `Option`, so that "not asked" and "not found" stay apart on the wire.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyOutcome {
    /// The matching issued document.
    pub document: Option<DocumentCheck>,
}

/// An issued version of a document (签发的文书).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssuedDocumentView {
    /// Issued document id.
    pub id: i32,
    /// The document record it was issued from.
    pub case_document_id: i32,
    /// Document number (文号).
    pub number: String,
    /// Verification code, `XXXX-XXXX-XXXX-XXXX`.
    pub verification_code: String,
    /// SHA-256 of the PDF.
    pub sha256: String,
    /// Size of the PDF in bytes.
    pub size: i64,
    /// When (China time, RFC 3339).
    pub issued_at: String,
    /// By whom.
    pub issued_by: String,
    /// `in_force`, `superseded` or `withdrawn`.
    pub status: String,
    /// Why it was superseded or withdrawn.
    pub status_reason: Option<String>,
    /// Whether a redacted public version exists (decisions).
    pub has_public_version: bool,
    /// The audit event that recorded the issue.
    pub audit_seq: Option<i64>,
}

/// One entry of the case's timeline, read from the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// Audit sequence number.
    pub seq: i64,
    /// When (China time, RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The step, when the event is a state-machine step.
    pub command: Option<CommandKind>,
    /// The audit action (`case.*`).
    pub action: String,
    /// State before.
    pub from: Option<CaseState>,
    /// State after.
    pub to: Option<CaseState>,
    /// A short description of what was recorded.
    pub detail: String,
}

/// A discretion standard's bands for the decision form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StandardView {
    /// Standard id.
    pub id: i32,
    /// The violated provision.
    pub provision: String,
    /// What it covers.
    pub title: String,
    /// Bands in fen: minor, general, serious (min, max).
    pub bands: [(i64, i64); 3],
}

/// A step that would move the case forward for this user but waits for something first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaitingStep {
    /// The step.
    pub kind: CommandKind,
    /// What it waits for, in the user's language.
    pub reason: String,
}

/// Everything the case page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    /// The list's view of the case.
    pub summary: CaseSummary,
    /// Description.
    pub description: String,
    /// Where it happened.
    pub location: String,
    /// Clue source's machine name.
    pub source: String,
    /// When the clue was received.
    pub received_on: NaiveDate,
    /// When the act happened.
    pub act_date: Option<NaiveDate>,
    /// End of the limitation period.
    pub limitation_ends: Option<NaiveDate>,
    /// Investigation outcome's machine name.
    pub outcome: Option<String>,
    /// Major case (legal review required).
    pub major: bool,
    /// The catalog entries the case matches now (descriptions), under the catalog in force.
    pub major_criteria: Vec<String>,
    /// The circumstances of the catalog in force the officer may flag: (code, label).
    pub catalog_flags: Vec<(String, String)>,
    /// Measures proposed at the conclusion (labels).
    pub measures: Vec<String>,
    /// Value confiscated or proposed to be, in fen.
    pub confiscation_fen: i64,
    /// Whether a submission to review now must carry the statement/defence record.
    pub needs_statement_record: bool,
    /// Whether a submission to review now must carry the hearing record.
    pub needs_hearing_record: bool,
    /// Every legal-review round of the case, oldest first.
    pub review_rounds: Vec<super::review_dto::RoundView>,
    /// Proposed fine in fen.
    pub proposed_fine_fen: Option<i64>,
    /// Decided fine in fen.
    pub fine_fen: Option<i64>,
    /// Decision outcome's machine name.
    pub decision: Option<String>,
    /// Decision date.
    pub decided_on: Option<NaiveDate>,
    /// `within`, `below` or `above` the discretion band.
    pub discretion_check: Option<String>,
    /// The written justification of a departure.
    pub discretion_justification: Option<String>,
    /// What has been paid, in fen.
    pub paid_fen: i64,
    /// What remains (fine plus surcharge less payments), in fen.
    pub outstanding_fen: i64,
    /// The reason recorded with the current state (declined, returned, withdrawn, suspended,
    /// transfer recipient).
    pub state_reason: Option<String>,
    /// Officers on the case.
    pub officers: Vec<PersonRef>,
    /// Deadlines.
    pub deadlines: Vec<DeadlineView>,
    /// Parties.
    pub parties: Vec<PartyView>,
    /// Evidence items (files and physical evidence).
    pub evidence: Vec<EvidenceView>,
    /// Records (笔录).
    pub records: Vec<EvidenceView>,
    /// Documents.
    pub documents: Vec<DocumentView>,
    /// Timeline from the audit log.
    pub timeline: Vec<TimelineEntry>,
    /// The steps this user may take now.
    pub actions: Vec<CommandKind>,
    /// The forward steps of this user that wait for something first (a document to issue, a
    /// window to end), with what they wait for.
    pub waiting: Vec<WaitingStep>,
    /// The reason the case would close with now, if it can close.
    pub close_reason: Option<CloseReason>,
    /// Whether this user may add parties.
    pub can_add_party: bool,
    /// Whether this user may record evidence and records.
    pub can_record: bool,
    /// Whether this user may change the case's officers (recusal, assignment).
    pub can_change_staffing: bool,
    /// Whether this user may issue the case's documents.
    pub can_issue: bool,
    /// People who withdrew from the case (回避).
    pub recused: Vec<PersonRef>,
    /// Officers of the agency with a certificate in force (for the forms).
    pub agency_officers: Vec<PersonRef>,
    /// The agency's discretion standards (for the decision form).
    pub standards: Vec<StandardView>,
}

/// The data of one step, as a form or JSON body sends it. Which fields matter depends on
/// `kind`; the others are ignored. Amounts are in yuan (`1234.50`), dates `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StepForm {
    /// The step's machine name (`file_case`, `decide`, ...).
    pub kind: String,
    /// The step's date (service, statement, request, decision, payment).
    pub date: String,
    /// A reason, opinion, note, or the receiving organ of a transfer.
    pub reason: String,
    /// First officer (user id).
    pub officer_1: String,
    /// Second officer (user id).
    pub officer_2: String,
    /// Optional third officer (user id).
    pub officer_3: String,
    /// An amount in yuan.
    pub amount: String,
    /// Investigation outcome or decision outcome.
    pub outcome: String,
    /// Service method.
    pub method: String,
    /// Hearing date.
    pub hearing_date: String,
    /// Hearing host (user id).
    pub host: String,
    /// Days of an extension.
    pub days: String,
    /// The value confiscated or proposed to be (yuan), at the conclusion of the investigation.
    pub confiscation: String,
    /// Measures proposed at the conclusion: machine name → `on` (`revoke_licence`, ...).
    pub measures: BTreeMap<String, String>,
    /// Circumstances of the major-decision catalog the officer flags: code → `on`.
    pub flags: BTreeMap<String, String>,
    /// `on` when the proposal mitigates or departs from the discretion standard.
    pub departure: String,
    /// Submission to legal review: the investigation report (调查终结报告).
    pub report: String,
    /// Submission to legal review: the draft decision.
    pub draft_decision: String,
    /// Submission to legal review: the statement/defence record and re-check.
    pub statement_record: String,
    /// Submission to legal review: the hearing record and report.
    pub hearing_record: String,
    /// `on` when the party consented to electronic service.
    pub e_consent: String,
    /// `on` when execution is finished (non-fine penalties) or an extension was collectively
    /// discussed.
    pub confirmed: String,
    /// Discretion standard id.
    pub standard: String,
    /// Circumstance (`minor`, `general`, `serious`).
    pub circumstance: String,
    /// Justification of a fine outside the discretion band.
    pub justification: String,
    /// The provision violated (APL Art. 59), at the conclusion or the decision.
    pub provision_violated: String,
    /// The provision applied (APL Art. 59), at the conclusion or the decision.
    pub provision_applied: String,
}

/// A new case registered from a clue in the intake queue, or directly by an officer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NewCaseForm {
    /// The clue it comes from (id), if any.
    pub clue: String,
    /// Source (`inspection`, `complaint_or_report`, `transfer`, `assignment`,
    /// `electronic_monitoring`).
    pub source: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Where the act happened.
    pub location: String,
    /// When the agency received the clue.
    pub received_on: String,
    /// When the act happened (its first day, for a continuing act).
    pub act_date: String,
    /// When a continuous or continuing act ended (optional): the limitation period then runs
    /// from this day (APL Art. 36 ¶2).
    pub act_ended_on: String,
    /// `on` when the act concerns life and health, public safety or financial security.
    pub endangers: String,
    /// `on` when the act had harmful consequences (with `endangers`: 5 years, Art. 36 ¶1).
    pub harmful: String,
}

/// An on-the-spot decision (简易程序) with its party.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SummaryForm {
    /// Title (the act).
    pub title: String,
    /// Description.
    pub description: String,
    /// Where.
    pub location: String,
    /// Second officer on the spot (user id); the first is the user.
    pub officer_2: String,
    /// `warning` or `fine`.
    pub penalty: String,
    /// Fine in yuan.
    pub amount: String,
    /// Party kind.
    pub party_kind: String,
    /// Party name.
    pub party_name: String,
    /// ID number (natural persons).
    pub id_number: String,
    /// Credit code (organisations).
    pub credit_code: String,
    /// Legal representative (organisations).
    pub legal_representative: String,
    /// Phone.
    pub phone: String,
    /// Address.
    pub address: String,
}

/// A change to who handles a case (agency heads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StaffingForm {
    /// `recuse` (回避) or `assign`.
    pub change: String,
    /// The officer (user id).
    pub user_id: String,
    /// The reason (required for a recusal).
    pub reason: String,
}

/// What a step answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StepOutcome {
    /// Case id.
    pub case_id: i32,
    /// The state after the step.
    pub state: CaseState,
    /// The audit event's sequence number.
    pub seq: i64,
}

/// A reconsideration or suit against a case's decision, as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RemedyView {
    /// Id.
    pub id: i32,
    /// `reconsideration` or `litigation`.
    pub kind: String,
    /// Its name for people.
    pub kind_label: String,
    /// The reconsideration body or court.
    pub body: String,
    /// Applied or filed on.
    pub filed_on: NaiveDate,
    /// The result's name for people, once given.
    pub outcome_label: Option<String>,
    /// The day the result was given.
    pub decided_on: Option<NaiveDate>,
    /// A note on the result.
    pub note: Option<String>,
    /// Whether the result withdrew the published decision.
    pub withdrew: bool,
}

/// What the case page says about reconsideration and litigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RemediesView {
    /// The challenges, oldest first.
    pub items: Vec<RemedyView>,
    /// Whether the caller may record challenges and results (a decided case of their agency).
    pub can_record: bool,
}

/// A challenge to record, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RemedyFiling {
    /// `reconsideration` or `litigation`.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = tianping_domain::remedy::RemedyKind))]
    pub kind: String,
    /// The reconsideration body or court.
    #[serde(default)]
    pub body: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub filed_on: String,
}

/// A result to record, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RemedyRuling {
    /// One of `tianping_domain::remedy::RemedyOutcome`'s machine names.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = tianping_domain::remedy::RemedyOutcome))]
    pub outcome: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub decided_on: String,
    /// The ruling's number or what changed.
    #[serde(default)]
    pub note: String,
    /// `on` (or `true`) when a court's judgment has taken legal effect; a court's result is
    /// recorded only then (a reconsideration decision takes effect when served).
    #[serde(default)]
    pub effective: String,
}

/// A case on the caller's to-do list (issue 22 item 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkItem {
    /// The case, as in the list (its most urgent deadline included).
    pub case: CaseSummary,
    /// The steps the caller can take now that move it forward, in procedure order; empty when
    /// it waits for someone else.
    pub steps: Vec<CommandKind>,
    /// Who holds it: the roles whose steps move it forward from its state.
    pub held_by: Vec<Role>,
}

/// Another enforcement act waiting for a step of the caller: an inspection or a coercive
/// measure (issue 23), judged by its own life cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkTask {
    /// `inspection` or `coercive_measure`.
    pub kind: String,
    /// Its id.
    pub id: i32,
    /// Its code.
    pub code: String,
    /// What it is about (the enterprise; the kind of measure and the party).
    pub title: String,
    /// The steps the caller can take now (machine names of its life cycle).
    pub steps: Vec<String>,
    /// Its supervision warnings (machine names).
    pub warnings: Vec<String>,
    /// The page where the steps are taken.
    pub href: String,
}

/// The caller's day: cases waiting for them, and their other open cases, most urgent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkList {
    /// Cases with a step the caller can take now.
    pub yours: Vec<WorkItem>,
    /// Inspections and coercive measures with a step the caller can take now: measures
    /// first, warned ones first.
    #[serde(default)]
    pub tasks: Vec<WorkTask>,
    /// The caller's cases (assigned officers) that wait for someone else.
    pub waiting: Vec<WorkItem>,
}
