//! Data shapes of legal review (法制审核) that cross the wire: the reviewer's queue and work
//! page, the review rounds of a case, the major-decision catalog and the review figures.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tianping_domain::review::{CheckPoint, ReviewOutcome, Verdict};

/// A reviewer's decision on a round, as a form or JSON body sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReviewForm {
    /// `approve`, `approve_with_opinions`, `return_for_investigation`, `return_for_correction`.
    pub outcome: String,
    /// The written opinion.
    pub opinion: String,
    /// Checklist point machine name → `pass` or `problem`.
    pub verdicts: BTreeMap<String, String>,
    /// Checklist point machine name → comment (required for a problem).
    pub comments: BTreeMap<String, String>,
}

/// A pending round in the reviewer's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueueItem {
    /// The round's id.
    pub round_id: i32,
    /// The round's number within its case (1, 2, ...).
    pub round: i32,
    /// The case.
    pub case_id: i32,
    /// The case number.
    pub case_number: String,
    /// The case title.
    pub case_title: String,
    /// The case's agency.
    pub agency: String,
    /// When it was submitted (China time, `YYYY-MM-DD HH:MM`).
    pub submitted_at: String,
    /// Who submitted it.
    pub submitted_by: String,
    /// The review time limit.
    pub due_on: NaiveDate,
    /// Days left until the limit (negative: overdue).
    pub days_left: i64,
    /// Why the case is major (catalog entries matched).
    pub matched: Vec<String>,
}

/// One checked point of a decided round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FindingView {
    /// The point.
    pub point: CheckPoint,
    /// Pass or problem.
    pub verdict: Verdict,
    /// The comment.
    pub comment: String,
}

/// A piece of evidence listed in a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EvidenceRef {
    /// The evidence id.
    pub id: i32,
    /// Its description.
    pub label: String,
    /// The SHA-256 of its file, if any.
    pub sha256: Option<String>,
}

/// The materials of a submission.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MaterialsView {
    /// 调查终结报告.
    pub investigation_report: String,
    /// 拟作出的处罚决定.
    pub draft_decision: String,
    /// 陈述申辩笔录及复核意见.
    pub statement_record: String,
    /// 听证笔录和听证报告.
    pub hearing_record: String,
    /// 证据清单, as of the submission.
    pub evidence: Vec<EvidenceRef>,
}

/// One review round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundView {
    /// The round's id.
    pub id: i32,
    /// Its number within the case.
    pub round: i32,
    /// When it was submitted (China time).
    pub submitted_at: String,
    /// Who submitted it.
    pub submitted_by: String,
    /// The review time limit.
    pub due_on: NaiveDate,
    /// The outcome, once decided.
    pub outcome: Option<ReviewOutcome>,
    /// Who decided it.
    pub reviewer: Option<String>,
    /// When it was decided (China time).
    pub decided_at: Option<String>,
    /// The written opinion.
    pub opinion: Option<String>,
    /// The catalog version it was judged by.
    pub catalog_version: Option<i32>,
    /// The catalog entries matched at submission.
    pub matched: Vec<String>,
    /// The checklist, once decided.
    pub findings: Vec<FindingView>,
    /// What was submitted.
    pub materials: MaterialsView,
}

/// The reviewer's work page of one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewPage {
    /// The case.
    pub case_id: i32,
    /// The case number.
    pub case_number: String,
    /// The case title.
    pub case_title: String,
    /// The case's agency.
    pub agency: String,
    /// The case's officers.
    pub officers: Vec<String>,
    /// The parties the decision is about: whether they are the right subject (主体) is the
    /// reviewer's first point.
    pub parties: Vec<super::case_dto::PartyView>,
    /// The proposed fine, in fen.
    pub proposed_fine_fen: Option<i64>,
    /// The round on the page.
    pub round: RoundView,
    /// Every round of the case, oldest first.
    pub rounds: Vec<RoundView>,
    /// Whether this user may decide the round now.
    pub can_decide: bool,
    /// Why not, when the user is a reviewer who may not (independence, qualification).
    pub refusal: Option<String>,
}

/// One version of an agency's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CatalogVersionView {
    /// Row id.
    pub id: i32,
    /// Version number.
    pub version: i32,
    /// First day in force.
    pub effective_from: NaiveDate,
    /// Whether it is the version in force today.
    pub in_force: bool,
    /// Its entries, described.
    pub criteria: Vec<String>,
    /// Why it was changed.
    pub note: String,
    /// Who published it.
    pub created_by: String,
    /// When.
    pub created_at: String,
}

/// The catalogs page: every agency's versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgencyCatalogs {
    /// The agency.
    pub agency_id: i32,
    /// Its name.
    pub agency_name: String,
    /// Its versions, newest first.
    pub versions: Vec<CatalogVersionView>,
    /// The form prefilled with the version in force (or the typical catalog).
    pub draft: CatalogForm,
}

/// A new catalog version, as a form or JSON body sends it. Amounts in yuan; an empty pair of
/// thresholds leaves that entry out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CatalogForm {
    /// The agency's id.
    pub agency: String,
    /// First day in force (`YYYY-MM-DD`); empty: today.
    pub effective_from: String,
    /// Fine threshold for natural persons (yuan).
    pub fine_person: String,
    /// Fine threshold for organisations (yuan).
    pub fine_organisation: String,
    /// Confiscation threshold for natural persons (yuan).
    pub confiscation_person: String,
    /// Confiscation threshold for organisations (yuan).
    pub confiscation_organisation: String,
    /// Measures that make a case major: machine name → `on`.
    pub measures: BTreeMap<String, String>,
    /// `on`: cases that went through a hearing.
    pub hearing: String,
    /// `on`: mitigation or departure from the discretion standard.
    pub departure: String,
    /// Further circumstances, one per line: `code | 中文名称 | English name`.
    pub flags: String,
    /// Why the catalog changes.
    pub note: String,
}

/// Review figures of one agency or reviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FigureRow {
    /// Agency or reviewer name.
    pub name: String,
    /// Rounds decided.
    pub done: u32,
    /// Approved.
    pub approved: u32,
    /// Returned.
    pub returned: u32,
    /// Waiting.
    pub pending: u32,
    /// Approved ÷ done, %.
    pub approval_rate: Option<f64>,
    /// Returned ÷ done, %.
    pub return_rate: Option<f64>,
    /// Median hours from submission to decision.
    pub median_hours: Option<f64>,
}

/// Review figures per agency and per reviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewFiguresView {
    /// Per agency.
    pub by_agency: Vec<FigureRow>,
    /// Per reviewer.
    pub by_reviewer: Vec<FigureRow>,
}
