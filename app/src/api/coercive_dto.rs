//! Wire types of coercive measures (查封、扣押, issue 23 item 6): the staff's view of a measure,
//! the form that proposes one (or records one taken on the spot in an emergency) and the form
//! of its steps.

use serde::{Deserialize, Serialize};

/// An officer who carries out a measure, with their certificate's standing today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoerciveOfficer {
    /// User id.
    pub user_id: i32,
    /// Name.
    pub name: String,
    /// Their enforcement certificate's number, if they hold one.
    pub certificate_number: Option<String>,
    /// Whether it is in force today.
    pub certified_today: bool,
}

/// A machine value with its name for people (a step, a release reason, a warning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoerciveChoice {
    /// Machine name.
    pub value: String,
    /// For people.
    pub label: String,
}

/// A testing period (检测、检验、检疫、技术鉴定) told to the party; it does not count against
/// the limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoerciveTestingPeriod {
    /// First day.
    pub from: chrono::NaiveDate,
    /// Last day, once ended.
    pub to: Option<chrono::NaiveDate>,
}

/// A coercive measure as its agency and the supervision side see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoerciveMeasureView {
    /// Id.
    pub id: i32,
    /// Its code.
    pub code: String,
    /// The agency's id.
    pub agency_id: i32,
    /// The agency's name.
    pub agency: String,
    /// The inspection it was taken on, if any.
    pub inspection_id: Option<i32>,
    /// `seal_up` or `seizure`.
    pub kind: String,
    /// 查封 or 扣押.
    pub kind_label: String,
    /// `proposed`, `in_force` or `released`.
    pub state: String,
    /// State for people.
    pub state_label: String,
    /// The party.
    pub party: String,
    /// The place.
    pub place: String,
    /// The list of items.
    pub items: Vec<String>,
    /// Its legal basis.
    pub legal_basis: String,
    /// Facts and reasons.
    pub reason: String,
    /// Whether the party was present.
    pub party_present: bool,
    /// The witness when the party was absent.
    pub witness: Option<String>,
    /// Custody of seized items.
    pub custody: Option<String>,
    /// Taken on the spot in an emergency.
    pub emergency: bool,
    /// When it was taken on the spot.
    pub taken_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When it is to be reported to the head by (24 hours after it was taken).
    pub report_due: Option<chrono::DateTime<chrono::Utc>>,
    /// When it was reported.
    pub reported_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Approved by the head.
    pub approved: bool,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// The day of the decision (the limit runs from the next day).
    pub decided_on: Option<chrono::NaiveDate>,
    /// Its last day on today's knowledge (30 days, the extension, the testing days).
    pub last_day: Option<chrono::NaiveDate>,
    /// The days of the extension, if granted.
    pub extension_days: Option<i32>,
    /// Its reasons.
    pub extension_reason: Option<String>,
    /// Testing periods.
    pub testing: Vec<CoerciveTestingPeriod>,
    /// Why it was released.
    pub release_reason: Option<CoerciveChoice>,
    /// When it was released.
    pub released_on: Option<chrono::NaiveDate>,
    /// Who proposed or took it.
    pub proposed_by: String,
    /// The officers who carry it out.
    pub officers: Vec<CoerciveOfficer>,
    /// Supervision warnings (`measure_overdue`, `measure_report_late`,
    /// `measure_without_decision`).
    pub warnings: Vec<CoerciveChoice>,
    /// The steps the caller may take now.
    pub steps: Vec<CoerciveChoice>,
    /// The release reasons open to it.
    pub release_reasons: Vec<CoerciveChoice>,
}

/// A new measure: proposed for the head's approval, or recorded as taken on the spot in an
/// emergency (then in force at once, to be reported within 24 hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoerciveMeasureForm {
    /// `seal_up` or `seizure`.
    pub kind: String,
    /// The party (当事人).
    pub party: String,
    /// The place.
    pub place: String,
    /// The list of items, one per line.
    pub items: String,
    /// The legal basis.
    pub legal_basis: String,
    /// Facts and reasons.
    pub reason: String,
    /// The party is present.
    #[serde(default)]
    pub party_present: bool,
    /// The witness invited when the party is absent.
    #[serde(default)]
    pub witness: String,
    /// Custody of seized items (required for a seizure).
    #[serde(default)]
    pub custody: String,
    /// The officers who carry it out (at least two, certified today).
    #[serde(default)]
    pub officer_ids: Vec<i32>,
    /// Taken on the spot in an emergency.
    #[serde(default)]
    pub emergency: bool,
    /// The inspection of the agency it is taken on, if any.
    #[serde(default)]
    pub inspection_id: Option<i32>,
}

/// A step on a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoerciveStepForm {
    /// `report`, `approve`, `start_testing`, `end_testing`, `extend` or `release`.
    pub step: String,
    /// `extend`: days, 1–30.
    #[serde(default)]
    pub days: i64,
    /// `extend`: the reasons told to the party; `release`: an explanation (optional).
    #[serde(default)]
    pub reason: String,
    /// `release`: `no_violation`, `unrelated`, `decided`, `limit_expired`,
    /// `no_longer_needed` or `emergency_not_approved`.
    #[serde(default)]
    pub release_reason: String,
}
