//! Data shapes that cross the wire (server functions and the JSON API). Entities never do.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tianping_domain::{
    agency::AgencyKind,
    credential::{CredentialKind, CredentialStatus},
    role::Role,
};

/// The signed-in user, as the UI needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Me {
    /// User id.
    pub user_id: i32,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Agency, if any.
    pub agency: Option<AgencyRef>,
    /// Certificates and qualifications with their standing today.
    pub credentials: Vec<CredentialView>,
    /// The password was set by an administrator: the account can do nothing else until its
    /// owner changes it.
    #[serde(default)]
    pub must_change_password: bool,
}

/// A short reference to an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgencyRef {
    /// Agency id.
    pub id: i32,
    /// Full name.
    pub name: String,
}

/// An agency's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgencyView {
    /// Agency id.
    pub id: i32,
    /// Short code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name for document numbers.
    pub short_name: String,
    /// Kind.
    pub kind: AgencyKind,
    /// Region code.
    pub region_code: String,
    /// Region name.
    pub region_name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Legal basis.
    pub legal_basis: String,
}

/// A user account as seen by those allowed to see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UserView {
    /// User id.
    pub id: i32,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Agency, if any.
    pub agency: Option<AgencyRef>,
    /// Whether the account may log in.
    pub active: bool,
    /// Certificates and qualifications.
    pub credentials: Vec<CredentialView>,
    /// Agencies a legal reviewer serves (empty for other roles).
    pub served_agencies: Vec<AgencyRef>,
}

/// An integration account's new API token, shown once (only its SHA-256 is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiTokenView {
    /// The account.
    pub user_id: i32,
    /// The token: send it as `Authorization: Bearer <token>`. The earlier token no longer works.
    pub token: String,
    /// When it was issued (RFC 3339).
    pub issued_at: String,
}

/// A certificate or qualification with its standing today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CredentialView {
    /// Credential id.
    pub id: i32,
    /// Kind.
    pub kind: CredentialKind,
    /// Number.
    pub number: String,
    /// Category or area covered.
    pub scope: String,
    /// First valid day.
    pub valid_from: NaiveDate,
    /// Last valid day, if any.
    pub valid_to: Option<NaiveDate>,
    /// Standing today.
    pub status: CredentialStatus,
}

/// Input for a new agency (raw strings; the service parses them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewAgency {
    /// Short code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name for document numbers.
    pub short_name: String,
    /// `enforcement` or `supervision`.
    pub kind: String,
    /// Region code.
    pub region_code: String,
    /// Region name.
    pub region_name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Legal basis.
    pub legal_basis: String,
}

/// Input for a new user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role's machine name.
    pub role: String,
    /// Agency code (required for officers, heads, supervisors and integration accounts).
    #[serde(default)]
    pub agency_code: Option<String>,
    /// Initial password.
    pub password: String,
}

/// Input for a new certificate or qualification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewCredential {
    /// `enforcement_certificate` or `legal_qualification`.
    pub kind: String,
    /// Number.
    pub number: String,
    /// Category or area covered.
    pub scope: String,
    /// First valid day (YYYY-MM-DD).
    pub valid_from: String,
    /// Last valid day (YYYY-MM-DD), empty for none.
    #[serde(default)]
    pub valid_to: Option<String>,
}

/// A public agency entry on the portal (事前公开).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicAgency {
    /// Short code (stable URL).
    pub code: String,
    /// Full name.
    pub name: String,
    /// Region name.
    pub region_name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Officers with a certificate in force today.
    pub officers: Vec<PublicOfficer>,
    /// The powers list (权责清单): the enforcement matters the agency applies, with their
    /// legal basis and published discretion benchmarks (APL Art. 34).
    pub powers: Vec<PublicPower>,
    /// The supervision body of the agency's region, where complaints about it may also go.
    pub supervisor: Option<String>,
}

/// One enforcement matter of an agency's powers list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicPower {
    /// The matter.
    pub title: String,
    /// The provision it rests on.
    pub provision: String,
    /// Kind of power (行政处罚).
    pub kind: String,
    /// The discretion benchmark's tiers, e.g. `轻微 500.00–2000.00 元`.
    pub tiers: Vec<String>,
}

/// A roster entry: an officer with a certificate in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicOfficer {
    /// Name.
    pub name: String,
    /// Certificate number.
    pub certificate_number: String,
    /// Category or area covered.
    pub scope: String,
    /// Last valid day.
    pub valid_to: Option<NaiveDate>,
}

/// The result of checking the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditStatus {
    /// Whether the whole chain checks out.
    pub ok: bool,
    /// Events checked.
    pub count: i64,
    /// Head hash, when it checks out.
    pub head: Option<String>,
    /// The first event that does not match, when it does not.
    pub first_bad_seq: Option<i64>,
    /// What is wrong, when something is.
    pub problem: Option<String>,
}

/// A clue in an intake queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClueView {
    /// Clue id.
    pub id: i32,
    /// The agency whose queue it is in.
    pub agency: AgencyRef,
    /// Source.
    pub source: tianping_domain::clue::ClueSource,
    /// The sender's own id.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Location.
    pub location: String,
    /// When it was reported (RFC 3339).
    pub reported_at: String,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// Reporter's name (private: staff only).
    pub reporter_name: Option<String>,
    /// Reporter's phone (private: staff only).
    pub reporter_phone: Option<String>,
    /// `pending` (in an agency's queue), `to_assign` (in the supervision body's queue, to be
    /// assigned), `registered` (a case was opened on it) or `declined`.
    pub status: String,
    /// How it came to its queue, and why.
    pub routing: ClueRouting,
    /// Whether the caller may send it back to the supervision body (its agency's staff,
    /// while pending).
    pub can_return: bool,
    /// Whether the caller may assign it to an agency (the supervision body's supervisors,
    /// while it waits to be assigned).
    pub can_assign: bool,
}

/// How a clue came to the queue it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClueRouting {
    /// Who routed it.
    pub by: tianping_domain::supervision::routing::RoutedBy,
    /// The matter of the powers list that routed it (by the rules).
    pub matter: Option<String>,
    /// The words of that matter found in the clue.
    pub matched: Vec<String>,
    /// Why, in the caller's language.
    pub explanation: String,
}

/// Sending a clue back to the supervision body (退回): outside the agency's powers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClueReturnForm {
    /// Why the clue is not the agency's (2–500 characters).
    pub reason: String,
}

/// Assigning a clue waiting in the supervision body's queue (分拨).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClueAssignForm {
    /// The enforcement agency's code.
    pub agency: String,
    /// A note for the agency (optional, up to 500 characters).
    #[serde(default)]
    pub note: String,
}

/// One matter of an agency's powers list as a routing rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClueRoutingRuleView {
    /// Rule id.
    pub id: i32,
    /// The agency.
    pub agency: AgencyRef,
    /// The matter (食品安全).
    pub matter: String,
    /// The words that name it.
    pub keywords: Vec<String>,
}

/// The answer to a pushed clue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClueReceipt {
    /// Clue id.
    pub id: i32,
    /// The agency it was routed to (code): the one named, the one the routing rules chose,
    /// or the supervision body when no rule decided (it assigns the clue by hand).
    pub agency: String,
    /// How it was routed, and why.
    pub routing: ClueRouting,
    /// The sender's reference.
    pub reference: String,
    /// `true` when the same reference had been received before (nothing new was stored).
    pub duplicate: bool,
}

/// What the working-day calendar knows of the coming years (administrators' home page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayStatus {
    /// Years whose official arrangement should be loaded now (this year when missing; next
    /// year from 1 November).
    pub missing: Vec<i32>,
    /// This year and the next two, with what the calendar knows of each.
    pub years: Vec<HolidayYearView>,
}

/// What the calendar knows of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayYearView {
    /// The year.
    pub year: i32,
    /// `published` (the State Council's arrangement), `statutory` (the fixed holidays of the
    /// regulation, without make-up working days), `statutory_solar_only` or `weekdays_only`.
    pub basis: String,
}
