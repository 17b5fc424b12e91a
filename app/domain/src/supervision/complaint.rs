//! Complaints, reports and evaluations from the public (投诉、举报、评议; APL Art. 75, DOMAIN.md
//! §3 "Complaints" and §1a public participation). Pure rules: what a submission must carry, the
//! tracking number, the handling steps and who may take them, the deadlines, and the rate limit
//! on anonymous submissions.
//!
//! Invariants: a complaint moves Received → Assigned → (Handling) → Answered; only supervisors
//! assign (and may reassign until the agency starts handling); the assigned agency's head
//! records the handling and replies; a supervisor may reply to any unanswered complaint
//! (e.g. an evaluation of the agency as a whole). The complainant's contact data never leaves
//! the supervision side: it is not part of any public view.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    calendar::WorkCalendar,
    clue,
    document::number::{dated_number, parse_dated_number},
    i18n::Lang,
    role::Role,
    validate::{Field, Rule, ValidationError},
};

/// Longest subject, in characters.
pub const MAX_SUBJECT_CHARS: usize = 100;
/// Shortest and longest content, in characters.
pub const CONTENT_CHARS: (usize, usize) = (10, 2000);
/// Longest handling note or reply, in characters.
pub const MAX_REPLY_CHARS: usize = 2000;
/// Longest contact name, in characters.
pub const MAX_NAME_CHARS: usize = 50;
/// Longest case number a complainant may quote.
pub const MAX_CASE_NUMBER_CHARS: usize = 60;

/// What the member of the public files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    /// 投诉: about how an action treated the complainant.
    Complaint,
    /// 举报: reporting an officer's or agency's misconduct.
    Report,
    /// 评议: an evaluation of an enforcement action or agency, with a rating.
    Evaluation,
}

impl ComplaintKind {
    /// Every kind, in display order.
    pub const ALL: [ComplaintKind; 3] = [
        ComplaintKind::Complaint,
        ComplaintKind::Report,
        ComplaintKind::Evaluation,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintKind::Complaint => "complaint",
            ComplaintKind::Report => "report",
            ComplaintKind::Evaluation => "evaluation",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ComplaintKind::Complaint => lang.pick("投诉", "Complaint"),
            ComplaintKind::Report => lang.pick("举报", "Report"),
            ComplaintKind::Evaluation => lang.pick("评议", "Evaluation"),
        }
    }
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Received, waiting to be assigned by the supervision body.
    Received,
    /// Assigned to an agency, which has not started.
    Assigned,
    /// The agency is handling it.
    Handling,
    /// Answered: the reply is visible to the complainant.
    Answered,
}

impl ComplaintStatus {
    /// Every status, in order.
    pub const ALL: [ComplaintStatus; 4] = [
        ComplaintStatus::Received,
        ComplaintStatus::Assigned,
        ComplaintStatus::Handling,
        ComplaintStatus::Answered,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "received",
            ComplaintStatus::Assigned => "assigned",
            ComplaintStatus::Handling => "handling",
            ComplaintStatus::Answered => "answered",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people (also shown to the complainant).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ComplaintStatus::Received => lang.pick("已受理，待分办", "Received, to be assigned"),
            ComplaintStatus::Assigned => lang.pick("已分办至执法机关", "Assigned to the agency"),
            ComplaintStatus::Handling => lang.pick("办理中", "Being handled"),
            ComplaintStatus::Answered => lang.pick("已答复", "Answered"),
        }
    }
}

/// A step on a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintStep {
    /// The supervision body assigns it to an agency (or reassigns before handling starts).
    Assign {
        /// The agency.
        agency_id: i32,
    },
    /// The agency records how it is handling it.
    Handle {
        /// What is being done.
        note: String,
    },
    /// The reply to the complainant.
    Reply {
        /// The reply.
        reply: String,
    },
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintError {
    /// The actor may not take this step on this complaint.
    Forbidden,
    /// Not in this status.
    WrongStatus(ComplaintStatus),
    /// Bad input.
    Invalid(ValidationError),
}

/// Who is acting on a complaint, relative to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handler {
    /// The actor's role.
    pub role: Role,
    /// Whether the actor belongs to the agency the complaint is assigned to.
    pub of_assigned_agency: bool,
}

fn reply_text(field: Field, s: &str) -> Result<String, ComplaintError> {
    crate::validate::text(field, s, 1, MAX_REPLY_CHARS).map_err(ComplaintError::Invalid)
}

/// The status after `step`, with the checked text of a handling note or reply (empty for an
/// assignment).
pub fn apply(
    status: ComplaintStatus,
    who: Handler,
    step: &ComplaintStep,
) -> Result<(ComplaintStatus, String), ComplaintError> {
    let head_of_agency = who.role == Role::AgencyHead && who.of_assigned_agency;
    match step {
        ComplaintStep::Assign { .. } => {
            if who.role != Role::Supervisor {
                return Err(ComplaintError::Forbidden);
            }
            match status {
                ComplaintStatus::Received | ComplaintStatus::Assigned => {
                    Ok((ComplaintStatus::Assigned, String::new()))
                }
                other => Err(ComplaintError::WrongStatus(other)),
            }
        }
        ComplaintStep::Handle { note } => {
            if !head_of_agency {
                return Err(ComplaintError::Forbidden);
            }
            match status {
                ComplaintStatus::Assigned | ComplaintStatus::Handling => Ok((
                    ComplaintStatus::Handling,
                    reply_text(Field::HandlingNote, note)?,
                )),
                other => Err(ComplaintError::WrongStatus(other)),
            }
        }
        ComplaintStep::Reply { reply } => {
            let allowed = match status {
                ComplaintStatus::Received => who.role == Role::Supervisor,
                ComplaintStatus::Assigned | ComplaintStatus::Handling => {
                    who.role == Role::Supervisor || head_of_agency
                }
                ComplaintStatus::Answered => {
                    return if who.role == Role::Supervisor || head_of_agency {
                        Err(ComplaintError::WrongStatus(status))
                    } else {
                        Err(ComplaintError::Forbidden)
                    };
                }
            };
            if !allowed {
                return Err(ComplaintError::Forbidden);
            }
            Ok((ComplaintStatus::Answered, reply_text(Field::Reply, reply)?))
        }
    }
}

/// The handling time limits in working days: local rules **[L]**, so configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRules {
    /// Working days for the supervision body to assign a complaint.
    pub assign_working_days: u32,
    /// Working days from receipt to the reply.
    pub reply_working_days: u32,
}

impl Default for ComplaintRules {
    fn default() -> Self {
        Self {
            assign_working_days: 3,
            reply_working_days: 15,
        }
    }
}

/// The two deadlines of a complaint received on `received_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintDeadlines {
    /// Last day to assign it.
    pub assign_by: NaiveDate,
    /// Last day to reply.
    pub reply_by: NaiveDate,
}

/// The deadlines of a complaint received on `received_on`.
pub fn deadlines(
    received_on: NaiveDate,
    calendar: &WorkCalendar,
    rules: &ComplaintRules,
) -> ComplaintDeadlines {
    ComplaintDeadlines {
        assign_by: calendar.add_working_days(received_on, rules.assign_working_days),
        reply_by: calendar.add_working_days(received_on, rules.reply_working_days),
    }
}

/// Whether a complaint is (or was answered) past its reply deadline: an unanswered one when
/// `today` is after the deadline, an answered one when it was answered after it.
pub fn overdue(reply_by: NaiveDate, answered_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    match answered_on {
        Some(day) => day > reply_by,
        None => today > reply_by,
    }
}

/// What the member of the public typed into the form, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ComplaintInput {
    /// `complaint`, `report` or `evaluation`.
    pub kind: String,
    /// The code of the agency concerned.
    pub agency: String,
    /// The case or decision number concerned, if known.
    #[serde(default)]
    pub case_number: String,
    /// A short subject.
    pub subject: String,
    /// What happened.
    pub content: String,
    /// For evaluations: 1 (very dissatisfied) to 5 (very satisfied).
    #[serde(default)]
    pub rating: String,
    /// The complainant's name (optional: reports may be anonymous).
    #[serde(default)]
    pub contact_name: String,
    /// The complainant's phone (required for complaints, so the agency can call back).
    #[serde(default)]
    pub contact_phone: String,
}

/// A checked submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidComplaint {
    /// The kind.
    pub kind: ComplaintKind,
    /// The agency concerned (code, to be looked up).
    pub agency_code: String,
    /// The case number quoted, if any.
    pub case_number: Option<String>,
    /// Subject.
    pub subject: String,
    /// Content.
    pub content: String,
    /// Rating (evaluations only).
    pub rating: Option<u8>,
    /// Contact name.
    pub contact_name: Option<String>,
    /// Contact phone.
    pub contact_phone: Option<String>,
}

impl ValidComplaint {
    /// What makes a second submission "the same" (issue 22 item 2: a second tap on the phone
    /// must not file a second complaint): the same client, on the same day, sending the same
    /// kind, agency, case number, subject, content, rating and contact data. A SHA-256 over
    /// those fields, each length-prefixed so that no two different submissions share a key;
    /// the client and the contact data are hashed, never stored in clear by this key.
    pub fn submission_key(&self, client: &str, day: NaiveDate) -> String {
        use sha2::{Digest, Sha256};
        let rating = self.rating.map(|r| r.to_string());
        let day = day.to_string();
        let fields: [&str; 9] = [
            client,
            &day,
            self.kind.as_str(),
            &self.agency_code,
            self.case_number.as_deref().unwrap_or(""),
            &self.subject,
            &self.content,
            rating.as_deref().unwrap_or(""),
            self.contact_phone.as_deref().unwrap_or(""),
        ];
        let mut hasher = Sha256::new();
        hasher.update(b"tianping-complaint-submission-v1\0");
        for field in fields
            .into_iter()
            .chain([self.contact_name.as_deref().unwrap_or("")])
        {
            hasher.update(u32::try_from(field.len()).unwrap_or(u32::MAX).to_be_bytes());
            hasher.update(field.as_bytes());
        }
        hex::encode(hasher.finalize())
    }
}

fn optional(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

/// Checks a submission, reporting every field at fault at once.
pub fn validate(input: &ComplaintInput) -> Result<ValidComplaint, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let kind = match optional(&input.kind) {
        None => {
            errors.push(ValidationError::new(Field::ComplaintKind, Rule::Required));
            None
        }
        Some(k) => {
            let kind = ComplaintKind::parse(k);
            if kind.is_none() {
                errors.push(ValidationError::new(Field::ComplaintKind, Rule::OneOf));
            }
            kind
        }
    };
    let agency_code = match optional(&input.agency) {
        Some(code) => code.to_owned(),
        None => {
            errors.push(ValidationError::new(Field::Agency, Rule::Required));
            String::new()
        }
    };
    let case_number = match optional(&input.case_number) {
        Some(n) if n.chars().count() > MAX_CASE_NUMBER_CHARS => {
            errors.push(ValidationError::new(
                Field::CaseNumber,
                Rule::Length {
                    min: 0,
                    max: MAX_CASE_NUMBER_CHARS,
                },
            ));
            None
        }
        other => other.map(str::to_owned),
    };
    let subject = crate::validate::text(
        Field::ComplaintSubject,
        &input.subject,
        1,
        MAX_SUBJECT_CHARS,
    )
    .unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    let content = crate::validate::text(
        Field::ComplaintContent,
        &input.content,
        CONTENT_CHARS.0,
        CONTENT_CHARS.1,
    )
    .unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    let rating = match (kind, optional(&input.rating)) {
        (Some(ComplaintKind::Evaluation), None) => {
            errors.push(ValidationError::new(Field::Rating, Rule::Required));
            None
        }
        (Some(ComplaintKind::Evaluation), Some(r)) => match r.parse::<u8>() {
            Ok(n @ 1..=5) => Some(n),
            _ => {
                errors.push(ValidationError::new(Field::Rating, Rule::OneOf));
                None
            }
        },
        _ => None,
    };
    let contact_name = match optional(&input.contact_name) {
        Some(n) if n.chars().count() > MAX_NAME_CHARS => {
            errors.push(ValidationError::new(
                Field::ContactName,
                Rule::Length {
                    min: 0,
                    max: MAX_NAME_CHARS,
                },
            ));
            None
        }
        other => other.map(str::to_owned),
    };
    let contact_phone = match optional(&input.contact_phone) {
        None if kind == Some(ComplaintKind::Complaint) => {
            errors.push(ValidationError::new(Field::ContactPhone, Rule::Required));
            None
        }
        None => None,
        Some(p) => match clue::phone(p) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.push(ValidationError::new(Field::ContactPhone, e.rule));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidComplaint {
        kind: kind.unwrap_or(ComplaintKind::Complaint),
        agency_code,
        case_number,
        subject,
        content,
        rating,
        contact_name,
        contact_phone,
    })
}

/// A complaint's tracking number (受理编号): the day received and sixteen random Crockford
/// base-32 characters, e.g. `TS20261201-7K3M9Q2XA4B8C0DE`. The random part (80 bits) makes the numbers
/// unguessable, so the number alone opens the status page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TrackingNumber(String);

impl TrackingNumber {
    /// A new number for a complaint received on `day`.
    pub fn new(day: NaiveDate, random: [u8; 10]) -> Self {
        Self(dated_number("TS", day, random))
    }

    /// Parses a typed number: case, spaces and the hyphen are forgiven, as are the look-alike
    /// letters of Crockford's alphabet.
    pub fn parse(input: &str) -> Option<Self> {
        parse_dated_number("TS", input).map(Self)
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A fixed-window rate limit on anonymous submissions from one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRule {
    /// Submissions allowed per window.
    pub max: u32,
    /// Window length in seconds.
    pub window_secs: i64,
}

impl Default for RateRule {
    fn default() -> Self {
        Self {
            max: 5,
            window_secs: 3600,
        }
    }
}

/// One client's current window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// Submissions counted in it.
    pub count: u32,
}

/// Admits one more submission: the window to store, or the seconds to wait.
pub fn admit(current: Option<Window>, now: DateTime<Utc>, rule: &RateRule) -> Result<Window, i64> {
    match current {
        Some(w) if (now - w.started_at).num_seconds() < rule.window_secs => {
            if w.count >= rule.max {
                Err((rule.window_secs - (now - w.started_at).num_seconds()).max(1))
            } else {
                Ok(Window {
                    started_at: w.started_at,
                    count: w.count + 1,
                })
            }
        }
        _ if rule.max == 0 => Err(rule.window_secs.max(1)),
        _ => Ok(Window {
            started_at: now,
            count: 1,
        }),
    }
}

#[cfg(test)]
mod tests {

    fn sample() -> ValidComplaint {
        ValidComplaint {
            kind: ComplaintKind::Complaint,
            agency_code: "SCJG".into(),
            case_number: None,
            subject: "执法人员态度".into(),
            content: "检查时未出示证件。".into(),
            rating: None,
            contact_name: Some("王某".into()),
            contact_phone: Some("13800000000".into()),
        }
    }

    #[test]
    fn a_second_identical_submission_has_the_same_key_and_any_difference_another() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
        let c = sample();
        let key = c.submission_key("client-a", day);
        assert_eq!(key.len(), 64);
        assert_eq!(key, sample().submission_key("client-a", day));
        assert_ne!(key, c.submission_key("client-b", day), "another client");
        assert_ne!(
            key,
            c.submission_key("client-a", day.succ_opt().unwrap_or_default()),
            "another day"
        );
        let variants: Vec<ValidComplaint> = vec![
            ValidComplaint {
                kind: ComplaintKind::Report,
                ..sample()
            },
            ValidComplaint {
                agency_code: "GAJ".into(),
                ..sample()
            },
            ValidComplaint {
                case_number: Some("SCJG-2026-00001".into()),
                ..sample()
            },
            ValidComplaint {
                subject: "执法人员态度。".into(),
                ..sample()
            },
            ValidComplaint {
                content: "检查时未出示证件".into(),
                ..sample()
            },
            ValidComplaint {
                rating: Some(1),
                ..sample()
            },
            ValidComplaint {
                contact_name: None,
                ..sample()
            },
            ValidComplaint {
                contact_phone: Some("13800000001".into()),
                ..sample()
            },
            // Moving text from one field to the next is a different submission too.
            ValidComplaint {
                subject: "执法人员态度检".into(),
                content: "查时未出示证件。".into(),
                ..sample()
            },
        ];
        let mut keys = std::collections::BTreeSet::from([key]);
        for v in &variants {
            assert!(keys.insert(v.submission_key("client-a", day)), "{v:?}");
        }
    }
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input() -> ComplaintInput {
        ComplaintInput {
            kind: "complaint".into(),
            agency: "330100-SCJ".into(),
            case_number: String::new(),
            subject: "执法人员未出示证件".into(),
            content: "2026年11月20日检查时，执法人员未出示执法证件即开始检查。".into(),
            rating: String::new(),
            contact_name: "王小明".into(),
            contact_phone: "138 0013 8000".into(),
        }
    }

    #[test]
    fn a_complete_complaint_is_accepted_and_trimmed() {
        let ok = validate(&input()).expect("valid");
        assert_eq!(ok.kind, ComplaintKind::Complaint);
        assert_eq!(ok.contact_phone.as_deref(), Some("13800138000"));
        assert_eq!(ok.rating, None);
        assert_eq!(ok.case_number, None);
    }

    #[test]
    fn every_field_at_fault_is_named_at_once() {
        let bad = ComplaintInput {
            kind: "praise".into(),
            agency: " ".into(),
            case_number: "号".repeat(61),
            subject: String::new(),
            content: "太短".into(),
            rating: String::new(),
            contact_name: "名".repeat(51),
            contact_phone: "12345".into(),
        };
        let errors = validate(&bad).expect_err("invalid");
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::ComplaintKind,
                Field::Agency,
                Field::CaseNumber,
                Field::ComplaintSubject,
                Field::ComplaintContent,
                Field::ContactName,
                Field::ContactPhone,
            ]
        );
        assert_eq!(errors[0].rule, Rule::OneOf);
        assert_eq!(errors[6].rule, Rule::Charset);
    }

    #[test]
    fn content_length_bounds() {
        for (chars, ok) in [(9, false), (10, true), (2000, true), (2001, false)] {
            let mut i = input();
            i.content = "字".repeat(chars);
            assert_eq!(validate(&i).is_ok(), ok, "{chars}");
        }
        let mut i = input();
        i.subject = "字".repeat(MAX_SUBJECT_CHARS + 1);
        assert!(validate(&i).is_err());
        i.subject = "字".repeat(MAX_SUBJECT_CHARS);
        assert!(validate(&i).is_ok());
    }

    #[test]
    fn complaints_need_a_phone_reports_and_evaluations_may_be_anonymous() {
        let mut i = input();
        i.contact_phone.clear();
        i.contact_name.clear();
        let errors = validate(&i).expect_err("phone required");
        assert_eq!(
            errors,
            vec![ValidationError::new(Field::ContactPhone, Rule::Required)]
        );
        i.kind = "report".into();
        assert_eq!(validate(&i).expect("anonymous report").contact_phone, None);
        i.kind = "evaluation".into();
        i.rating = "4".into();
        assert_eq!(validate(&i).expect("evaluation").rating, Some(4));
    }

    #[test]
    fn evaluations_need_a_rating_from_one_to_five_others_ignore_it() {
        let mut i = input();
        i.kind = "evaluation".into();
        for (rating, ok) in [
            ("", false),
            ("0", false),
            ("1", true),
            ("5", true),
            ("6", false),
            ("x", false),
        ] {
            i.rating = rating.into();
            let r = validate(&i);
            assert_eq!(r.is_ok(), ok, "{rating:?}");
            if !ok {
                assert_eq!(r.expect_err("bad")[0].field, Field::Rating);
            }
        }
        let mut c = input();
        c.rating = "9".into();
        assert_eq!(validate(&c).expect("complaint ignores rating").rating, None);
    }

    fn who(role: Role, of_assigned_agency: bool) -> Handler {
        Handler {
            role,
            of_assigned_agency,
        }
    }

    #[test]
    fn every_step_in_every_status_for_every_role() {
        use ComplaintStatus::*;
        let steps = [
            ComplaintStep::Assign { agency_id: 1 },
            ComplaintStep::Handle {
                note: "已约谈执法人员".into(),
            },
            ComplaintStep::Reply {
                reply: "经核查，情况属实，已责令改正。".into(),
            },
        ];
        for status in ComplaintStatus::ALL {
            for role in Role::ALL {
                for own in [false, true] {
                    for (i, step) in steps.iter().enumerate() {
                        let got = apply(status, who(role, own), step);
                        let head = role == Role::AgencyHead && own;
                        let sup = role == Role::Supervisor;
                        let expected: Result<ComplaintStatus, ComplaintError> = match i {
                            0 if !sup => Err(ComplaintError::Forbidden),
                            0 if matches!(status, Received | Assigned) => Ok(Assigned),
                            0 => Err(ComplaintError::WrongStatus(status)),
                            1 if !head => Err(ComplaintError::Forbidden),
                            1 if matches!(status, Assigned | Handling) => Ok(Handling),
                            1 => Err(ComplaintError::WrongStatus(status)),
                            _ if status == Answered && (sup || head) => {
                                Err(ComplaintError::WrongStatus(status))
                            }
                            _ if status == Answered => Err(ComplaintError::Forbidden),
                            _ if status == Received && sup => Ok(Answered),
                            _ if status == Received => Err(ComplaintError::Forbidden),
                            _ if sup || head => Ok(Answered),
                            _ => Err(ComplaintError::Forbidden),
                        };
                        assert_eq!(
                            got.map(|(s, _)| s),
                            expected,
                            "{status:?} {role:?} own={own} step {i}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn handling_notes_and_replies_are_required_and_bounded() {
        let head = who(Role::AgencyHead, true);
        let invalid = |field, rule| Err(ComplaintError::Invalid(ValidationError::new(field, rule)));
        assert_eq!(
            apply(
                ComplaintStatus::Assigned,
                head,
                &ComplaintStep::Handle { note: "  ".into() }
            ),
            invalid(Field::HandlingNote, Rule::Required)
        );
        assert_eq!(
            apply(
                ComplaintStatus::Handling,
                head,
                &ComplaintStep::Reply {
                    reply: "字".repeat(MAX_REPLY_CHARS + 1)
                }
            ),
            invalid(
                Field::Reply,
                Rule::Length {
                    min: 1,
                    max: MAX_REPLY_CHARS
                }
            )
        );
        assert_eq!(
            apply(
                ComplaintStatus::Handling,
                head,
                &ComplaintStep::Reply {
                    reply: " 已答复 ".into()
                }
            ),
            Ok((ComplaintStatus::Answered, "已答复".into()))
        );
    }

    #[test]
    fn deadlines_count_working_days_and_overdue_is_judged_at_the_boundary() {
        let cal = WorkCalendar::china();
        let rules = ComplaintRules::default();
        // Tuesday 2026-12-01: 3 working days → Friday 12-04; 15 → Tuesday 12-22.
        let dl = deadlines(d("2026-12-01"), &cal, &rules);
        assert_eq!(dl.assign_by, d("2026-12-04"));
        assert_eq!(dl.reply_by, d("2026-12-22"));
        assert!(!overdue(dl.reply_by, None, d("2026-12-22")));
        assert!(overdue(dl.reply_by, None, d("2026-12-23")));
        assert!(!overdue(
            dl.reply_by,
            Some(d("2026-12-22")),
            d("2027-01-30")
        ));
        assert!(overdue(dl.reply_by, Some(d("2026-12-23")), d("2026-12-23")));
    }

    #[test]
    fn tracking_numbers_round_trip_and_forgive_typing() {
        let n = TrackingNumber::new(d("2026-12-01"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert!(n.as_str().starts_with("TS20261201-"));
        assert_eq!(n.as_str().len(), "TS20261201-".len() + 16);
        assert_eq!(TrackingNumber::parse(n.as_str()), Some(n.clone()));
        let typed = n.as_str().to_ascii_lowercase().replace('-', " ");
        assert_eq!(TrackingNumber::parse(&typed), Some(n.clone()));
        for bad in [
            "",
            "TS",
            "TS20261301-AAAAAAAA",
            "XX20261201-AAAAAAAA",
            "TS20261201-AAAA",
            "TS2026120１-AAAAAAAA",
            "TS20261201-UUUUUUUU",
        ] {
            assert_eq!(TrackingNumber::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_rate_limit_admits_up_to_max_per_window_then_names_the_wait() {
        let rule = RateRule {
            max: 2,
            window_secs: 60,
        };
        let t0 = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .expect("t")
            .with_timezone(&Utc);
        let at = |s: i64| t0 + chrono::Duration::seconds(s);
        let w1 = admit(None, t0, &rule).expect("first");
        assert_eq!(w1.count, 1);
        let w2 = admit(Some(w1), at(10), &rule).expect("second");
        assert_eq!(
            w2,
            Window {
                started_at: t0,
                count: 2
            }
        );
        assert_eq!(admit(Some(w2), at(59), &rule), Err(1));
        assert_eq!(admit(Some(w2), at(20), &rule), Err(40));
        let fresh = admit(Some(w2), at(60), &rule).expect("new window");
        assert_eq!(
            fresh,
            Window {
                started_at: at(60),
                count: 1
            }
        );
        assert!(
            admit(
                None,
                t0,
                &RateRule {
                    max: 0,
                    window_secs: 60
                }
            )
            .is_err()
        );
    }
}
