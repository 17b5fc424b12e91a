//! Wire types of supervision: warnings and their acknowledgements.

use serde::{Deserialize, Serialize};
use tianping_domain::supervision::Severity;

/// Who acknowledged a warning, when, and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Whether this user may open a supervision matter on the case (supervisors).
    pub can_open_matter: bool,
}

/// A supervision matter (督办) on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
