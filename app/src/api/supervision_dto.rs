//! Wire types of supervision: warnings and their acknowledgements.

use serde::{Deserialize, Serialize};
use tianping_domain::supervision::Severity;

/// Who acknowledged a warning, when, and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AckView {
    /// By whom.
    pub by: String,
    /// When (China time, RFC 3339).
    pub at: String,
    /// The comment.
    pub comment: String,
}

/// One warning on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WarningView {
    /// Case id.
    pub case_id: i32,
    /// Case number.
    pub case_number: String,
    /// Case title.
    pub case_title: String,
    /// The agency's name.
    pub agency: String,
    /// Machine name of the kind (`deadline_overdue:service`, `major_without_review`, …).
    pub kind: String,
    /// The kind for people.
    pub label: String,
    /// How serious.
    pub severity: Severity,
    /// Stable key within the case (what an acknowledgement names).
    pub key: String,
    /// Details (dates, days).
    pub detail: String,
    /// The latest acknowledgement of this very warning, if any.
    pub acknowledged: Option<AckView>,
    /// The case's latest supervision matter (督办), said in a sentence, if one was opened.
    pub matter: Option<String>,
    /// Whether this user may open a supervision matter on the case (supervisors).
    pub can_open_matter: bool,
}

/// The largest page of warnings one request may ask for.
pub const MAX_WARNINGS_PER_PAGE: u32 = 500;

/// The warnings page asks for this many by default.
pub const WARNINGS_PER_PAGE: u32 = 50;

/// How many of the current warnings are of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WarningKindCount {
    /// Machine name of the kind.
    pub kind: String,
    /// The kind for people.
    pub label: String,
    /// How serious warnings of this kind are.
    pub severity: Severity,
    /// How many there are today.
    pub count: u64,
}

/// One page of the current warnings, with how many there are of each kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WarningPage {
    /// This page's warnings, most serious and unacknowledged first.
    pub items: Vec<WarningView>,
    /// Warnings matching the filter.
    pub total: u64,
    /// Of those, critical.
    pub critical: u64,
    /// The page number, from 1.
    pub page: u32,
    /// Warnings per page.
    pub per_page: u32,
    /// The kind filtered by, if any.
    pub kind: Option<String>,
    /// Every kind with current warnings in scope (not narrowed by the filter), most serious
    /// first.
    pub kinds: Vec<WarningKindCount>,
}

/// A supervision matter (督办) on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatterView {
    /// Matter id.
    pub id: i32,
    /// Case id.
    pub case_id: i32,
    /// Case number.
    pub case_number: String,
    /// Case title.
    pub case_title: String,
    /// The agency's name.
    pub agency: String,
    /// `open`, `answered` or `closed`.
    pub status: String,
    /// The status for people.
    pub status_label: String,
    /// What the agency must correct.
    pub requirement: String,
    /// By when.
    pub due_on: chrono::NaiveDate,
    /// Open past its deadline.
    pub overdue: bool,
    /// Who opened it.
    pub opened_by: String,
    /// When (China time, RFC 3339).
    pub opened_at: String,
    /// The agency's answer.
    pub response: Option<String>,
    /// Who answered.
    pub answered_by: Option<String>,
    /// The supervisor's conclusion.
    pub conclusion: Option<String>,
    /// Who closed it.
    pub closed_by: Option<String>,
    /// How many times it was sent to the agency.
    pub rounds: i32,
    /// Whether this user may answer it now.
    pub can_answer: bool,
    /// Whether this user may close or reopen it now.
    pub can_close: bool,
}

/// An agency to choose in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgencyOption {
    /// Agency id.
    pub id: i32,
    /// Its name.
    pub name: String,
}

/// What the portal tells a complainant after filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintReceipt {
    /// The tracking number (受理编号) that opens the status page.
    pub tracking_no: String,
    /// The day the reply is due.
    pub reply_by: chrono::NaiveDate,
}

/// A complaint as its tracking number shows it to anyone: no content, no contact data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicComplaintView {
    /// Tracking number.
    pub tracking_no: String,
    /// Kind, for people.
    pub kind_label: String,
    /// The agency concerned.
    pub agency: String,
    /// Subject.
    pub subject: String,
    /// Status machine name.
    pub status: String,
    /// Status for people.
    pub status_label: String,
    /// Received on.
    pub received_on: chrono::NaiveDate,
    /// Reply due by.
    pub reply_by: chrono::NaiveDate,
    /// The agency it was assigned to.
    pub assigned_to: Option<String>,
    /// Answered on.
    pub answered_on: Option<chrono::NaiveDate>,
    /// The reply.
    pub reply: Option<String>,
}

/// A complaint on the supervision side, with the complainant's contact data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintView {
    /// Id.
    pub id: i32,
    /// Tracking number.
    pub tracking_no: String,
    /// Kind machine name.
    pub kind: String,
    /// Kind for people.
    pub kind_label: String,
    /// The agency concerned.
    pub agency: String,
    /// The case number quoted.
    pub case_number: Option<String>,
    /// Subject.
    pub subject: String,
    /// Content.
    pub content: String,
    /// Rating (evaluations).
    pub rating: Option<i16>,
    /// Complainant's name.
    pub contact_name: Option<String>,
    /// Complainant's phone.
    pub contact_phone: Option<String>,
    /// Status machine name.
    pub status: String,
    /// Status for people.
    pub status_label: String,
    /// Received (China time, RFC 3339).
    pub received_at: String,
    /// Assign by.
    pub assign_by: chrono::NaiveDate,
    /// Reply by.
    pub reply_by: chrono::NaiveDate,
    /// Past the reply deadline (or answered after it).
    pub overdue: bool,
    /// Assigned to.
    pub assigned_to: Option<String>,
    /// Assigned by.
    pub assigned_by: Option<String>,
    /// Handling note.
    pub handling_note: Option<String>,
    /// Recorded by.
    pub handled_by: Option<String>,
    /// Reply.
    pub reply: Option<String>,
    /// Replied by.
    pub replied_by: Option<String>,
    /// Answered on.
    pub answered_on: Option<chrono::NaiveDate>,
    /// Whether this user may assign it now.
    pub can_assign: bool,
    /// Whether this user may record handling now.
    pub can_handle: bool,
    /// Whether this user may reply now.
    pub can_reply: bool,
    /// The agencies it may be assigned to (supervisors).
    pub agencies: Vec<AgencyOption>,
}

/// One row of a statistics table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatsRow {
    /// Machine key (agency id, user id, standard id, month).
    pub key: String,
    /// For people.
    pub label: String,
    /// The counts.
    pub counts: tianping_domain::supervision::figures::Counts,
    /// Average days to close, formatted ("—" when none closed).
    pub average_days: String,
    /// Review pass rate, formatted.
    pub pass_rate: String,
    /// Overdue rate, formatted.
    pub overdue_rate: String,
    /// A page about the row (officer profile).
    pub link: Option<String>,
}

/// Cases opened and closed in one month (the chart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthPoint {
    /// `YYYY-MM`.
    pub month: String,
    /// Opened.
    pub opened: i64,
    /// Of those, closed.
    pub closed: i64,
}

/// A statistics table with its filters, totals and monthly series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatsReport {
    /// Dimension machine name.
    pub dimension: String,
    /// Dimension for people.
    pub dimension_label: String,
    /// First month.
    pub from: String,
    /// Last month.
    pub to: String,
    /// The agency filter, if any.
    pub agency: Option<i32>,
    /// The agencies the caller may filter by.
    pub agencies: Vec<AgencyOption>,
    /// Whether complaints are counted per row (agency and month rows).
    pub complaints_counted: bool,
    /// Rows.
    pub rows: Vec<StatsRow>,
    /// Totals over the cases (each case once).
    pub total: StatsRow,
    /// Cases opened and closed per month.
    pub months: Vec<MonthPoint>,
}

/// A certificate on an officer's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CertificateView {
    /// Kind for people.
    pub kind: String,
    /// Number.
    pub number: String,
    /// Category or area.
    pub scope: String,
    /// Valid from.
    pub valid_from: chrono::NaiveDate,
    /// Valid to.
    pub valid_to: Option<chrono::NaiveDate>,
    /// Standing today.
    pub status_label: String,
    /// In force today.
    pub in_force: bool,
}

/// A case on an officer's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfficerCase {
    /// Case id.
    pub id: i32,
    /// Number.
    pub number: String,
    /// Title.
    pub title: String,
    /// State for people.
    pub state_label: String,
    /// Received on.
    pub received_on: chrono::NaiveDate,
    /// Investigator on the case.
    pub investigator: bool,
    /// Recused from it.
    pub recused: bool,
}

/// A complaint about one of an officer's cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfficerComplaint {
    /// Tracking number.
    pub tracking_no: String,
    /// Subject.
    pub subject: String,
    /// The case number quoted.
    pub case_number: String,
    /// Received on.
    pub received_on: chrono::NaiveDate,
    /// Status for people.
    pub status_label: String,
}

/// An officer's profile for supervisors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfficerProfile {
    /// User id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Login name.
    pub username: String,
    /// Role for people.
    pub role_label: String,
    /// Agency.
    pub agency: String,
    /// Account active.
    pub active: bool,
    /// Certificates, newest first.
    pub certificates: Vec<CertificateView>,
    /// Figures over all the officer's cases.
    pub figures: StatsRow,
    /// The cases, newest first.
    pub cases: Vec<OfficerCase>,
    /// Current warnings on those cases.
    pub warnings: Vec<WarningView>,
    /// Complaints quoting one of those cases.
    pub complaints: Vec<OfficerComplaint>,
}

/// A step on a supervision matter, as both edges receive it: `answer` (agency heads), `close`
/// or `reopen` (supervisors), each with its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatterStepForm {
    /// `answer`, `close` or `reopen`.
    pub step: String,
    /// The response, the conclusion or the new requirement.
    #[serde(default)]
    pub text: String,
}

impl TryFrom<MatterStepForm> for tianping_domain::supervision::matter::MatterStep {
    type Error = tianping_domain::validate::ValidationError;

    fn try_from(form: MatterStepForm) -> Result<Self, Self::Error> {
        use tianping_domain::{
            supervision::matter::MatterStep,
            validate::{Field, Rule, ValidationError},
        };
        match form.step.as_str() {
            "answer" => Ok(MatterStep::Answer {
                response: form.text,
            }),
            "close" => Ok(MatterStep::Close {
                conclusion: form.text,
            }),
            "reopen" => Ok(MatterStep::Reopen {
                requirement: form.text,
            }),
            _ => Err(ValidationError::new(Field::Step, Rule::OneOf)),
        }
    }
}

/// A step on a complaint, as both edges receive it: `assign` (with `agency_id`), `handle` or
/// `reply` (with the text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintStepForm {
    /// `assign`, `handle` or `reply`.
    pub step: String,
    /// The handling note or the reply.
    #[serde(default)]
    pub text: String,
    /// The agency to assign to (assign).
    #[serde(default)]
    pub agency_id: Option<i32>,
}

impl TryFrom<ComplaintStepForm> for tianping_domain::supervision::complaint::ComplaintStep {
    type Error = tianping_domain::validate::ValidationError;

    fn try_from(form: ComplaintStepForm) -> Result<Self, Self::Error> {
        use tianping_domain::{
            supervision::complaint::ComplaintStep,
            validate::{Field, Rule, ValidationError},
        };
        match form.step.as_str() {
            "assign" => Ok(ComplaintStep::Assign {
                agency_id: form
                    .agency_id
                    .ok_or(ValidationError::new(Field::Agency, Rule::Required))?,
            }),
            "handle" => Ok(ComplaintStep::Handle { note: form.text }),
            "reply" => Ok(ComplaintStep::Reply { reply: form.text }),
            _ => Err(ValidationError::new(Field::Step, Rule::OneOf)),
        }
    }
}

/// A behaviour signal (issue 24 item 5): a pattern worth a supervisor's look, never a finding
/// and never a ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignalView {
    /// Stable key (kind, agency, subject).
    pub key: String,
    /// Its kind.
    pub kind: tianping_domain::supervision::behaviour::SignalKind,
    /// The kind, for people.
    pub kind_label: String,
    /// The agency concerned.
    pub agency: super::dto::AgencyRef,
    /// What was seen, for people.
    pub description: String,
    /// The case numbers concerned, if any.
    pub case_numbers: Vec<String>,
    /// Where to look (a page of the workbench).
    pub link: Option<String>,
    /// What was seen, as data.
    pub finding: tianping_domain::supervision::behaviour::Finding,
}

/// An interview (约谈) of the supervision body with an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InterviewView {
    /// Interview id.
    pub id: i32,
    /// The agency interviewed.
    pub agency: super::dto::AgencyRef,
    /// The day it was held.
    pub held_on: chrono::NaiveDate,
    /// Who took part.
    pub participants: Vec<String>,
    /// Why.
    pub reasons: String,
    /// What the agency committed to.
    pub commitments: String,
    /// The day the commitments are checked.
    pub follow_up_on: chrono::NaiveDate,
    /// Where the follow-up stands.
    pub follow_up: tianping_domain::supervision::oversight::FollowUp,
    /// The follow-up's state, for people.
    pub follow_up_label: String,
    /// The day the follow-up was recorded, and what it found.
    pub followed_up_on: Option<chrono::NaiveDate>,
    /// What the follow-up found.
    pub follow_up_note: Option<String>,
    /// Who recorded the interview.
    pub recorded_by: String,
    /// Whether the caller may record the follow-up now.
    pub can_follow_up: bool,
}

/// The follow-up of an interview: what the supervisor found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpForm {
    /// What was found (2–2000 characters).
    pub note: String,
}

/// A circular (通报) as the staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CircularView {
    /// Circular id.
    pub id: i32,
    /// Its number (临司通〔2026〕1号).
    pub number: String,
    /// Its title.
    pub title: String,
    /// Its text as written (for a public one, the portal shows [`PublicCircular::body`]).
    pub body: String,
    /// Who may read it.
    pub scope: tianping_domain::supervision::oversight::CircularScope,
    /// The agencies it names.
    pub agencies: Vec<super::dto::AgencyRef>,
    /// The supervision body that issued it.
    pub issued_by: String,
    /// The day it was issued.
    pub issued_on: chrono::NaiveDate,
}

/// A public circular on the portal: its text with private numbers and addresses masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCircular {
    /// Its number.
    pub number: String,
    /// Its title.
    pub title: String,
    /// Its published text.
    pub body: String,
    /// The names of the agencies it names.
    pub agencies: Vec<String>,
    /// The supervision body that issued it.
    pub issued_by: String,
    /// The day it was issued.
    pub issued_on: chrono::NaiveDate,
}

/// One step on a supervision notice after its issue: a report, an acceptance, a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeStepView {
    /// Which step.
    pub step: tianping_domain::supervision::notice::NoticeStep,
    /// The step, for people.
    pub label: String,
    /// The report's text, or the supervisor's note or reason.
    pub text: String,
    /// A report's evidence, one item each.
    pub evidence: Vec<String>,
    /// Who took it.
    pub by: String,
    /// The day it was taken.
    pub on: chrono::NaiveDate,
}

/// A supervision opinion or decision (监督意见书 / 监督决定书) with its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeView {
    /// Notice id.
    pub id: i32,
    /// Its number (临司监意〔2026〕1号).
    pub number: String,
    /// Which instrument.
    pub kind: tianping_domain::supervision::notice::NoticeKind,
    /// Its title (行政执法监督意见书).
    pub title: String,
    /// What a decision orders, for people.
    pub order: Option<String>,
    /// The agency it is addressed to.
    pub agency: super::dto::AgencyRef,
    /// The supervision body that issued it.
    pub issued_by: String,
    /// The day of issue.
    pub issued_on: chrono::NaiveDate,
    /// Where the problem was found, for people, with its reference.
    pub source: String,
    /// The problems found.
    pub problems: String,
    /// What the agency must do.
    pub requirements: String,
    /// The legal basis.
    pub basis: String,
    /// The day the rectification is reported by.
    pub deadline: chrono::NaiveDate,
    /// Where it stands.
    pub status: tianping_domain::supervision::notice::NoticeStatus,
    /// Where it stands, for people.
    pub status_label: String,
    /// Whether the rectification is due, overdue, reported in time or late.
    pub rectification: tianping_domain::supervision::notice::Rectification,
    /// The same, for people.
    pub rectification_label: String,
    /// The reports, acceptances and returns, oldest first.
    pub steps: Vec<NoticeStepView>,
    /// The steps the caller may take now.
    pub can: Vec<tianping_domain::supervision::notice::NoticeStep>,
    /// The document (PDF).
    pub pdf: String,
}

/// A step on a notice: the agency's report (with its evidence, one per line), or the
/// supervisor's acceptance (a note, optional) or return (a reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeStepForm {
    /// `report`, `accept` or `return`.
    pub step: String,
    /// The report, or the note or reason.
    #[serde(default)]
    pub text: String,
    /// A report's evidence, one item per line.
    #[serde(default)]
    pub evidence: String,
}

/// Points lost on one criterion of a reviewed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeductionView {
    /// The criterion's key.
    pub key: String,
    /// Its name.
    pub label: String,
    /// Points lost.
    pub points: u32,
    /// Why.
    pub comment: String,
}

/// A case file drawn for a review round, with its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewFileView {
    /// File id (for scoring and objections).
    pub id: i32,
    /// The case.
    pub case_id: i32,
    /// Its number.
    pub case_number: String,
    /// Its title.
    pub case_title: String,
    /// Its agency.
    pub agency: super::dto::AgencyRef,
    /// Where it stands.
    pub status: tianping_domain::supervision::file_review::FileStatus,
    /// The same, for people.
    pub status_label: String,
    /// The total out of 100, once scored.
    pub total: Option<u32>,
    /// The grade, once scored.
    pub grade: Option<tianping_domain::supervision::file_review::Grade>,
    /// The grade, for people.
    pub grade_label: Option<String>,
    /// The points lost, per criterion.
    pub deductions: Vec<DeductionView>,
    /// The total before the agency's objection.
    pub first_total: Option<u32>,
    /// The agency's objection.
    pub objection: Option<String>,
    /// Whether the caller may score it now.
    pub can_score: bool,
    /// Whether the caller may object now.
    pub can_object: bool,
    /// For a supervisor, a file graded 不合格: the notice form prefilled to order its
    /// rectification.
    pub rectify: Option<String>,
}

/// An average of a round's results: the agency, officer or criterion by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AverageView {
    /// Who or what.
    pub name: String,
    /// Over how many files.
    pub files: u32,
    /// The average, one decimal (for a criterion: the points lost on average).
    pub average: String,
}

/// A case-file review round (案卷评查) with its files and results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FileReviewRound {
    /// Round id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// The period drawn from.
    pub period_from: chrono::NaiveDate,
    /// Its last day.
    pub period_to: chrono::NaiveDate,
    /// The agencies reviewed.
    pub agencies: Vec<super::dto::AgencyRef>,
    /// The files asked for.
    pub sample_size: u32,
    /// The closed cases drawn from.
    pub candidates: u32,
    /// The template scored against.
    pub criteria: Vec<tianping_domain::supervision::file_review::Criterion>,
    /// The seed's SHA-256, logged before the draw.
    pub commitment: String,
    /// The audit event that logged it.
    pub commitment_seq: i64,
    /// The seed (hex): re-run the draw with it.
    pub seed: String,
    /// The day it was opened.
    pub opened_on: chrono::NaiveDate,
    /// The files the caller may see.
    pub files: Vec<ReviewFileView>,
    /// The average total per agency.
    pub per_agency: Vec<AverageView>,
    /// The points lost on average per criterion.
    pub per_criterion: Vec<AverageView>,
    /// The average total per officer.
    pub per_officer: Vec<AverageView>,
    /// Files graded 不合格 (to be rectified).
    pub to_rectify: u32,
}

/// A file's score: points lost and why, keyed by criterion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScoreForm {
    /// Points lost per criterion key (blank or absent: none).
    #[serde(default)]
    pub lost: std::collections::BTreeMap<String, String>,
    /// Why, per criterion key (required where points are lost).
    #[serde(default)]
    pub comments: std::collections::BTreeMap<String, String>,
}

/// An agency's objection to a file's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ObjectionForm {
    /// Why the score is wrong (2–2000 characters).
    pub reason: String,
}
