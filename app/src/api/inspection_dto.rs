//! Wire types of administrative inspections (issue 23): the staff's view of an inspection, the
//! forms that propose one and take its steps, and the two public views (the check at the door
//! by inspection code, the enterprise's own records by its supervision code).

use serde::{Deserialize, Serialize};

/// An officer named for an inspection, with their certificate's standing today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectingOfficer {
    /// User id (staff views only; 0 on public views).
    pub user_id: i32,
    /// Name.
    pub name: String,
    /// The number of their enforcement certificate, if they hold one.
    pub certificate_number: Option<String>,
    /// Whether that certificate is in force today.
    pub certified_today: bool,
}

/// A step the caller may take now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionStepOption {
    /// Machine name (`approve`, `register`, `record`, `notify`, `close`).
    pub step: String,
    /// For people.
    pub label: String,
}

/// A supervision warning on a visit (乱检查): repeated, over the cap, unapproved, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionWarningView {
    /// Machine name (`inspection_repeated`, `inspection_over_cap`, …).
    pub code: String,
    /// For people.
    pub label: String,
}

/// An inspection as its agency and the supervision side see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionView {
    /// Id.
    pub id: i32,
    /// The inspection code the enterprise and anyone at the door check.
    pub code: String,
    /// The agency's id.
    pub agency_id: i32,
    /// The agency's name.
    pub agency: String,
    /// The item's code on the agency's list.
    pub item_code: String,
    /// The item.
    pub item: String,
    /// The enterprise's name.
    pub enterprise: String,
    /// Its unified social credit code.
    pub enterprise_credit_code: String,
    /// Its grade (`a`–`d`).
    pub grade: String,
    /// Kind machine name (`routine`, `case`, `special`, `special_superior`).
    pub kind: String,
    /// Kind for people.
    pub kind_label: String,
    /// The joint inspection (综合查一次) it belongs to, if any.
    pub joint_group: Option<i64>,
    /// Proposed as an emergency.
    pub emergency: bool,
    /// State machine name.
    pub state: String,
    /// State for people.
    pub state_label: String,
    /// The window asked for or approved, first day.
    pub window_from: chrono::NaiveDate,
    /// Its last day.
    pub window_to: chrono::NaiveDate,
    /// Whether the head approved it.
    pub approved: bool,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// Who proposed it.
    pub proposed_by: String,
    /// The day of the visit, once registered.
    pub registered_on: Option<chrono::NaiveDate>,
    /// The officers named.
    pub officers: Vec<InspectingOfficer>,
    /// The on-site record's findings.
    pub findings: Option<String>,
    /// Outcome machine name (`no_problem`, `rectify`, `penalty`).
    pub outcome: Option<String>,
    /// Outcome for people.
    pub outcome_label: Option<String>,
    /// What the enterprise was told.
    pub result_note: Option<String>,
    /// The clue opened for a penalty case, if any.
    pub clue_id: Option<i32>,
    /// The enterprise's rating, 1–5.
    pub rating: Option<i16>,
    /// Its comment.
    pub rating_comment: Option<String>,
    /// The supervision warnings on the visit, judged on the facts of its day.
    pub warnings: Vec<InspectionWarningView>,
    /// The steps the caller may take now.
    pub steps: Vec<InspectionStepOption>,
}

/// A proposal of an inspection (the approval form's fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProposeInspectionForm {
    /// The item's id on the agency's list.
    pub item_id: i32,
    /// The enterprise: its unified social credit code or its supervision code.
    pub enterprise: String,
    /// `routine`, `case`, `special` or `special_superior`.
    pub kind: String,
    /// First day, `YYYY-MM-DD`.
    pub window_from: String,
    /// Last day, `YYYY-MM-DD`.
    pub window_to: String,
    /// The officers named (at least two with a certificate in force).
    #[serde(default)]
    pub officer_ids: Vec<i32>,
    /// An emergency: the visit may precede the approval.
    #[serde(default)]
    pub emergency: bool,
    /// The joint inspection it joins, if any.
    #[serde(default)]
    pub joint_group: Option<i64>,
}

/// A step on an inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionStepForm {
    /// `approve`, `register`, `record`, `notify` or `close`.
    pub step: String,
    /// `register`: the enterprise's supervision code as scanned or typed.
    #[serde(default)]
    pub supervision_code: String,
    /// `record`: what was found on site.
    #[serde(default)]
    pub findings: String,
    /// `notify`: `no_problem`, `rectify` or `penalty`.
    #[serde(default)]
    pub outcome: String,
    /// `notify`: what the enterprise is told (the rectification asked for).
    #[serde(default)]
    pub note: String,
}

/// An officer as the public check shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckedOfficer {
    /// Name.
    pub name: String,
    /// Enforcement certificate number (public under the publicity system).
    pub certificate_number: Option<String>,
    /// Whether the certificate is in force today.
    pub certificate_in_force: bool,
}

/// What anyone at the door learns from an inspection code: nothing private.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionCheck {
    /// Whether the code belongs to an inspection on record.
    pub genuine: bool,
    /// The code as read.
    pub code: String,
    /// The agency.
    pub agency: Option<String>,
    /// The item inspected.
    pub item: Option<String>,
    /// Whether the head approved it.
    pub approved: bool,
    /// The approved window.
    pub window_from: Option<chrono::NaiveDate>,
    /// Its last day.
    pub window_to: Option<chrono::NaiveDate>,
    /// Where it stands, for people.
    pub state_label: Option<String>,
    /// The officers named, with their certificates' standing.
    pub officers: Vec<CheckedOfficer>,
}

/// One inspection on the enterprise's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EnterpriseInspection {
    /// Its code.
    pub code: String,
    /// The agency.
    pub agency: String,
    /// The item.
    pub item: String,
    /// The day of the visit, or the first day of the window for one to come.
    pub on: chrono::NaiveDate,
    /// The officers' names.
    pub officers: Vec<String>,
    /// Where it stands, for people.
    pub state_label: String,
    /// The result told, for people.
    pub outcome_label: Option<String>,
    /// What the enterprise was told.
    pub result_note: Option<String>,
    /// Whether the enterprise may rate it now.
    pub may_rate: bool,
    /// Its rating, 1–5, once given.
    pub rating: Option<i16>,
}

/// The enterprise's own page, opened by its supervision code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EnterpriseRecord {
    /// Name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Grade for people.
    pub grade_label: String,
    /// The published yearly cap on on-site inspections per agency for its grade.
    pub yearly_cap: Option<u32>,
    /// Inspections that took place, newest first.
    pub visits: Vec<EnterpriseInspection>,
    /// Inspections approved and notified but not yet made.
    pub upcoming: Vec<EnterpriseInspection>,
}

/// The enterprise's rating of an inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RateInspectionForm {
    /// The enterprise's supervision code (proves it is the enterprise).
    pub supervision_code: String,
    /// The inspection's code.
    pub inspection_code: String,
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub rating: i16,
    /// A comment.
    #[serde(default)]
    pub comment: String,
}

/// A random draw to make (双随机): the item, how many enterprises and how many officers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DrawForm {
    /// The item's id on the agency's published list.
    pub item_id: i32,
    /// How many enterprises to draw from the agency's region (at least one).
    pub enterprises: u32,
    /// How many officers to draw from those with a certificate in force today (at least two).
    pub officers: u32,
}

/// A candidate or a result of a draw: its identifier (what the draw ranks) and a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DrawEntry {
    /// A credit code (enterprises) or a certificate number (officers).
    pub id: String,
    /// The enterprise's or officer's name.
    pub name: String,
}

/// A published draw: everything anyone needs to re-run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DrawView {
    /// Id.
    pub id: i32,
    /// The agency.
    pub agency: String,
    /// The item's code.
    pub item_code: String,
    /// The item.
    pub item: String,
    /// The day of the draw.
    pub drawn_on: chrono::NaiveDate,
    /// Hex SHA-256 of the seed, logged in the audit log before the draw.
    pub commitment: String,
    /// The audit event that logged the commitment (its inclusion proof is public).
    pub commitment_seq: i64,
    /// The seed, hex (32 random bytes).
    pub seed: String,
    /// The enterprises drawn from, by credit code.
    pub enterprise_candidates: Vec<DrawEntry>,
    /// The enterprises drawn, in drawn order.
    pub enterprises: Vec<DrawEntry>,
    /// The officers drawn from, by certificate number.
    pub officer_candidates: Vec<DrawEntry>,
    /// The officers drawn, in drawn order.
    pub officers: Vec<DrawEntry>,
    /// Whether the server's own re-run from the seed and candidates gives the same result.
    pub verified: bool,
}

/// One agency's inspections and coercive measures in a year (issue 23 item 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EnforcementActsRow {
    /// The agency's id.
    pub agency_id: i32,
    /// Its name.
    pub agency: String,
    /// Visits made (registered) in the year.
    pub visits: u32,
    /// Of which part of a joint visit (综合查一次).
    pub joint_visits: u32,
    /// Share of joint visits, per mille.
    pub joint_permille: u32,
    /// Visits with a supervision warning.
    pub warned_visits: u32,
    /// Distinct enterprises visited.
    pub enterprises: u32,
    /// Distinct enterprises visited over their yearly cap.
    pub enterprises_over_cap: u32,
    /// Visits per month, January first.
    pub per_month: Vec<u32>,
    /// Seal-ups decided in the year.
    pub seal_ups: u32,
    /// Seizures decided in the year.
    pub seizures: u32,
    /// Of those, in force.
    pub in_force: u32,
    /// Of those, past their limit and not released.
    pub overdue: u32,
    /// Of those, released.
    pub released: u32,
    /// Mean days from decision to release of the released ones.
    pub mean_days: Option<u32>,
}
