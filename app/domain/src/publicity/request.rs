//! Requests from the public about a published decision (公示信息更正申请、信用修复提前移出申请):
//! the party (or its agent) asks the agency to correct an error in the published record, or —
//! having paid and corrected what it was punished for (信用修复) — to end the display before
//! its last day. Pure rules: what a request must carry, its tracking number, its review
//! deadline in working days, the handling steps and who may take them.
//!
//! Invariants:
//! - a request is made only on a record the public sees now, published and not withdrawn;
//!   early removal only once the shortest display period has ended;
//! - a request moves Submitted → Accepted or Rejected, once, always with a written answer the
//!   requester reads by the tracking number;
//! - accepting names a public explanation: a correction is shown on the decision's page beside
//!   the record, an early removal withdraws the record (its content is no longer shown, the
//!   notice of the removal with the explanation is);
//! - officers and heads of the record's agency decide corrections; early removal ends a
//!   publication, so — like a withdrawal — only the agency head decides it;
//! - the requester's name, phone and reason never leave the agency's side: no public view
//!   and no audit event carries them.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{PublicationRules, PublicationStatus};
use crate::{
    calendar::WorkCalendar,
    clue,
    document::number::{dated_number, parse_dated_number},
    i18n::Lang,
    role::Role,
    validate::{self, Field, Rule, ValidationError},
};

/// Shortest and longest reason, in characters.
pub const REASON_CHARS: (usize, usize) = (10, 2000);
/// Longest requester name (a person or an organisation), in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest answer to the requester, in characters.
pub const MAX_ANSWER_CHARS: usize = 2000;
/// Longest public explanation, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// What the requester asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// 更正: the published record contains an error.
    Correction,
    /// 提前移出（信用修复）: end the display early after credit repair.
    EarlyRemoval,
}

impl RequestKind {
    /// Both kinds, in display order.
    pub const ALL: [RequestKind; 2] = [RequestKind::Correction, RequestKind::EarlyRemoval];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Correction => "correction",
            RequestKind::EarlyRemoval => "early_removal",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RequestKind::Correction => lang.pick("更正公示信息", "Correction of the record"),
            RequestKind::EarlyRemoval => lang.pick(
                "信用修复，提前移出公示",
                "Early removal after credit repair",
            ),
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Received, waiting for the agency's decision.
    Submitted,
    /// Accepted: the record was corrected or removed.
    Accepted,
    /// Not accepted, with the reasons in the answer.
    Rejected,
}

impl RequestStatus {
    /// Every status, in order.
    pub const ALL: [RequestStatus; 3] = [
        RequestStatus::Submitted,
        RequestStatus::Accepted,
        RequestStatus::Rejected,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Submitted => "submitted",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Rejected => "rejected",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people (also shown to the requester).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RequestStatus::Submitted => lang.pick("已受理，审核中", "Received, under review"),
            RequestStatus::Accepted => lang.pick("已同意", "Accepted"),
            RequestStatus::Rejected => lang.pick("不予同意", "Not accepted"),
        }
    }
}

/// The review time limit: local rules **[L]**, so configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRules {
    /// Working days from receipt to the agency's answer.
    pub review_working_days: u32,
}

impl Default for RequestRules {
    fn default() -> Self {
        Self {
            review_working_days: 10,
        }
    }
}

/// The last day to answer a request received on `received_on` (the day of receipt is not
/// counted).
pub fn review_by(
    received_on: NaiveDate,
    calendar: &WorkCalendar,
    rules: &RequestRules,
) -> NaiveDate {
    calendar.add_working_days(received_on, rules.review_working_days)
}

/// Whether a request is (or was answered) past its deadline: an open one when `today` is after
/// the deadline, an answered one when it was answered after it.
pub fn overdue(review_by: NaiveDate, answered_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    match answered_on {
        Some(day) => day > review_by,
        None => today > review_by,
    }
}

/// The first day early removal of a record published on `published_on` may be asked for: the
/// end of the shortest display period.
pub fn removable_from(published_on: NaiveDate, rules: &PublicationRules) -> NaiveDate {
    published_on + Months::new(rules.min_display_months)
}

/// Why no request can be made on a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ineligible {
    /// Not public now (a draft, or past its display period): answered as not found.
    NotPublic,
    /// Withdrawn: nothing is displayed that could be corrected or removed.
    Withdrawn,
}

impl Ineligible {
    /// Why, for people.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Ineligible::NotPublic => lang.pick("未找到该公示记录。", "The record was not found."),
            Ineligible::Withdrawn => lang.pick(
                "该处罚决定已撤回公示，无需申请更正或提前移出。",
                "This decision was withdrawn: there is nothing left to correct or remove.",
            ),
        }
    }
}

/// Whether the public may make a request on a record in `status`, displayed until
/// `display_until`, on `today`.
pub fn eligible(
    status: PublicationStatus,
    display_until: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), Ineligible> {
    match status {
        PublicationStatus::Withdrawn => Err(Ineligible::Withdrawn),
        s if super::is_public(s, display_until, today) => Ok(()),
        _ => Err(Ineligible::NotPublic),
    }
}

/// What the requester typed into the form, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RequestInput {
    /// `correction` or `early_removal`.
    #[serde(default)]
    pub kind: String,
    /// The requester: the party's name, or the agent's with the party's.
    #[serde(default)]
    pub requester_name: String,
    /// A phone number the agency may call back on.
    #[serde(default)]
    pub contact_phone: String,
    /// What is wrong and what it should say, or how the credit was repaired.
    #[serde(default)]
    pub reason: String,
}

/// A checked request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    /// The kind.
    pub kind: RequestKind,
    /// The requester.
    pub requester_name: String,
    /// The phone, normalised.
    pub contact_phone: String,
    /// The reason.
    pub reason: String,
}

/// Checks a request on a record published on `published_on`, reporting every field at fault at
/// once. Early removal is refused on the kind field until the shortest display period ends.
pub fn validate(
    input: &RequestInput,
    published_on: NaiveDate,
    today: NaiveDate,
    rules: &PublicationRules,
) -> Result<ValidRequest, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let kind = match input.kind.trim() {
        "" => {
            errors.push(ValidationError::new(Field::RequestKind, Rule::Required));
            None
        }
        k => match RequestKind::parse(k) {
            None => {
                errors.push(ValidationError::new(Field::RequestKind, Rule::OneOf));
                None
            }
            Some(RequestKind::EarlyRemoval) if today < removable_from(published_on, rules) => {
                errors.push(ValidationError::new(
                    Field::RequestKind,
                    Rule::MinDisplayPeriod {
                        from: removable_from(published_on, rules),
                    },
                ));
                None
            }
            Some(k) => Some(k),
        },
    };
    let requester_name = validate::text(
        Field::RequesterName,
        &input.requester_name,
        1,
        MAX_NAME_CHARS,
    )
    .map_err(|e| errors.push(e))
    .ok();
    let contact_phone = if input.contact_phone.trim().is_empty() {
        errors.push(ValidationError::new(Field::ContactPhone, Rule::Required));
        None
    } else {
        clue::phone(&input.contact_phone)
            .map_err(|e| errors.push(ValidationError::new(Field::ContactPhone, e.rule)))
            .ok()
    };
    let reason = validate::text(
        Field::RequestReason,
        &input.reason,
        REASON_CHARS.0,
        REASON_CHARS.1,
    )
    .map_err(|e| errors.push(e))
    .ok();
    match (kind, requester_name, contact_phone, reason) {
        (Some(kind), Some(requester_name), Some(contact_phone), Some(reason))
            if errors.is_empty() =>
        {
            Ok(ValidRequest {
                kind,
                requester_name,
                contact_phone,
                reason,
            })
        }
        _ => Err(errors),
    }
}

/// A request's tracking number (受理编号): the day received and sixteen random Crockford base-32
/// characters, e.g. `GS20261201-7K3M9Q2XA4B8C0DE`. The random part (80 bits) makes the numbers
/// unguessable, so the number alone opens the status page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestNumber(String);

impl RequestNumber {
    /// A new number for a request received on `day`.
    pub fn new(day: NaiveDate, random: [u8; 10]) -> Self {
        Self(dated_number("GS", day, random))
    }

    /// Parses a typed number: case, spaces and the hyphen are forgiven, as are the look-alike
    /// letters of Crockford's alphabet.
    pub fn parse(input: &str) -> Option<Self> {
        parse_dated_number("GS", input).map(Self)
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The agency's decision on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestStep {
    /// Accept: correct the record (the explanation is shown beside it) or remove it early (the
    /// explanation is the public reason of the withdrawal).
    Accept {
        /// The answer to the requester.
        answer: String,
        /// The public explanation.
        public_note: String,
    },
    /// Do not accept, saying why.
    Reject {
        /// The answer to the requester.
        answer: String,
    },
}

/// Who is acting on a request, relative to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handler {
    /// The actor's role.
    pub role: Role,
    /// Whether the actor belongs to the agency that published the record.
    pub of_agency: bool,
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// The actor may not decide this request.
    Forbidden,
    /// Already decided.
    WrongStatus(RequestStatus),
    /// The record is no longer published (withdrawn meanwhile, or its display ended): it can
    /// be neither corrected nor removed, only the request rejected.
    NotPublished,
    /// Bad input.
    Invalid(ValidationError),
}

/// What a decision does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// The request's new status.
    pub status: RequestStatus,
    /// The checked answer to the requester.
    pub answer: String,
    /// The checked public explanation (accepted requests).
    pub public_note: Option<String>,
    /// Whether the record is withdrawn now (an accepted early removal).
    pub withdraws: bool,
}

/// Who may decide a request of `kind`: officers and heads of the agency for corrections, its
/// head for early removal.
pub fn may_decide(kind: RequestKind, who: Handler) -> bool {
    who.of_agency
        && match kind {
            RequestKind::Correction => matches!(who.role, Role::Officer | Role::AgencyHead),
            RequestKind::EarlyRemoval => who.role == Role::AgencyHead,
        }
}

/// The outcome of `step` on a request of `kind` in `status`, about a record that is
/// `published` (and displayed) now or not.
pub fn apply(
    status: RequestStatus,
    kind: RequestKind,
    published: bool,
    who: Handler,
    step: &RequestStep,
) -> Result<Decided, RequestError> {
    if !may_decide(kind, who) {
        return Err(RequestError::Forbidden);
    }
    if status != RequestStatus::Submitted {
        return Err(RequestError::WrongStatus(status));
    }
    let answer = |s: &str| {
        validate::text(Field::Reply, s, 1, MAX_ANSWER_CHARS).map_err(RequestError::Invalid)
    };
    match step {
        RequestStep::Accept {
            answer: a,
            public_note,
        } => {
            if !published {
                return Err(RequestError::NotPublished);
            }
            let answer = answer(a)?;
            let note = validate::text(Field::PublicNote, public_note, 1, MAX_NOTE_CHARS)
                .map_err(RequestError::Invalid)?;
            Ok(Decided {
                status: RequestStatus::Accepted,
                answer,
                public_note: Some(note),
                withdraws: kind == RequestKind::EarlyRemoval,
            })
        }
        RequestStep::Reject { answer: a } => Ok(Decided {
            status: RequestStatus::Rejected,
            answer: answer(a)?,
            public_note: None,
            withdraws: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input(kind: &str) -> RequestInput {
        RequestInput {
            kind: kind.into(),
            requester_name: "临江市某某食品有限公司".into(),
            contact_phone: "138 0013 8000".into(),
            reason: "公示的罚款金额有误，决定书载明为 5000 元，公示为 50000 元。".into(),
        }
    }

    const PUBLISHED: &str = "2026-06-01";

    fn check(i: &RequestInput, today: &str) -> Result<ValidRequest, Vec<ValidationError>> {
        validate(i, d(PUBLISHED), d(today), &PublicationRules::default())
    }

    #[test]
    fn a_complete_request_is_accepted_trimmed_and_its_phone_normalised() {
        let ok = check(&input("correction"), "2026-06-02").expect("valid");
        assert_eq!(ok.kind, RequestKind::Correction);
        assert_eq!(ok.contact_phone, "13800138000");
        assert_eq!(ok.requester_name, "临江市某某食品有限公司");
    }

    #[test]
    fn every_field_at_fault_is_named_at_once() {
        let bad = RequestInput {
            kind: "delete".into(),
            requester_name: " ".into(),
            contact_phone: "12345".into(),
            reason: "太短".into(),
        };
        let errors = check(&bad, "2026-06-02").expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                ValidationError::new(Field::RequestKind, Rule::OneOf),
                ValidationError::new(Field::RequesterName, Rule::Required),
                ValidationError::new(Field::ContactPhone, Rule::Charset),
                ValidationError::new(Field::RequestReason, Rule::Length { min: 10, max: 2000 }),
            ]
        );
        let empty = check(&RequestInput::default(), "2026-06-02").expect_err("empty");
        let fields: Vec<(Field, Rule)> = empty.into_iter().map(|e| (e.field, e.rule)).collect();
        assert_eq!(
            fields,
            vec![
                (Field::RequestKind, Rule::Required),
                (Field::RequesterName, Rule::Required),
                (Field::ContactPhone, Rule::Required),
                (Field::RequestReason, Rule::Required),
            ]
        );
    }

    #[test]
    fn reason_and_name_lengths_are_bounded() {
        for (chars, ok) in [(9, false), (10, true), (2000, true), (2001, false)] {
            let mut i = input("correction");
            i.reason = "字".repeat(chars);
            assert_eq!(check(&i, "2026-06-02").is_ok(), ok, "{chars}");
        }
        let mut i = input("correction");
        i.requester_name = "名".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            check(&i, "2026-06-02").expect_err("long")[0],
            ValidationError::new(
                Field::RequesterName,
                Rule::Length {
                    min: 1,
                    max: MAX_NAME_CHARS
                }
            )
        );
        i.requester_name = "名".repeat(MAX_NAME_CHARS);
        assert!(check(&i, "2026-06-02").is_ok());
        i.reason = "理由\u{0}含有不允许的控制字符".into();
        assert_eq!(
            check(&i, "2026-06-02").expect_err("control")[0],
            ValidationError::new(Field::RequestReason, Rule::Charset)
        );
    }

    #[test]
    fn early_removal_waits_for_the_end_of_the_shortest_display_period() {
        // Published 2026-06-01, three months at least: removable from 2026-09-01.
        let rules = PublicationRules::default();
        assert_eq!(removable_from(d(PUBLISHED), &rules), d("2026-09-01"));
        let early = check(&input("early_removal"), "2026-08-31").expect_err("too early");
        assert_eq!(
            early,
            vec![ValidationError::new(
                Field::RequestKind,
                Rule::MinDisplayPeriod {
                    from: d("2026-09-01")
                }
            )]
        );
        assert!(early[0].message(Lang::Zh).contains("2026-09-01"));
        assert!(early[0].message(Lang::Zh).starts_with("「申请事项」"));
        assert!(
            early[0]
                .message(Lang::En)
                .starts_with("What you ask for: early removal")
        );
        assert_eq!(
            check(&input("early_removal"), "2026-09-01")
                .expect("on the day")
                .kind,
            RequestKind::EarlyRemoval
        );
        // A correction may be asked for at once.
        assert!(check(&input("correction"), PUBLISHED).is_ok());
        // A month-end publication: 2026-11-30 + 3 months = 2027-02-28.
        assert_eq!(removable_from(d("2026-11-30"), &rules), d("2027-02-28"));
    }

    #[test]
    fn only_records_the_public_sees_now_take_requests() {
        use PublicationStatus::*;
        let today = d("2026-12-01");
        assert_eq!(eligible(Published, Some(today), today), Ok(()));
        assert_eq!(eligible(Published, None, today), Ok(()));
        assert_eq!(
            eligible(Published, Some(d("2026-11-30")), today),
            Err(Ineligible::NotPublic)
        );
        assert_eq!(eligible(Draft, None, today), Err(Ineligible::NotPublic));
        assert_eq!(
            eligible(Withdrawn, Some(d("2029-01-01")), today),
            Err(Ineligible::Withdrawn)
        );
        assert!(Ineligible::Withdrawn.message(Lang::Zh).contains("撤回"));
        assert!(
            Ineligible::Withdrawn
                .message(Lang::En)
                .contains("withdrawn")
        );
    }

    #[test]
    fn the_review_deadline_is_ten_working_days_and_overdue_is_judged_at_the_boundary() {
        let cal = WorkCalendar::china();
        let rules = RequestRules::default();
        // Tuesday 2026-12-01 + 10 working days = Tuesday 2026-12-15.
        let by = review_by(d("2026-12-01"), &cal, &rules);
        assert_eq!(by, d("2026-12-15"));
        assert!(!overdue(by, None, d("2026-12-15")));
        assert!(overdue(by, None, d("2026-12-16")));
        assert!(!overdue(by, Some(d("2026-12-15")), d("2027-03-01")));
        assert!(overdue(by, Some(d("2026-12-16")), d("2026-12-16")));
        // Received on a Saturday: the day itself is not counted, Monday is the first working
        // day. Saturday 2026-12-05 → Friday 2026-12-18.
        assert_eq!(review_by(d("2026-12-05"), &cal, &rules), d("2026-12-18"));
        // Across the National Day holiday of 2026 (10-01 to 10-07 off, 09-20 and 10-10 worked):
        // from Wednesday 2026-09-30, the working days are 10-08, 10-09, 10-10 (a Saturday
        // worked), 10-12 … 10-16, 10-19 and 10-20.
        assert_eq!(review_by(d("2026-09-30"), &cal, &rules), d("2026-10-20"));
        // Configurable: a local rule of 5 working days.
        let five = RequestRules {
            review_working_days: 5,
        };
        assert_eq!(review_by(d("2026-12-01"), &cal, &five), d("2026-12-08"));
    }

    #[test]
    fn request_numbers_round_trip_and_forgive_typing() {
        let n = RequestNumber::new(d("2026-12-01"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert!(n.as_str().starts_with("GS20261201-"));
        assert_eq!(n.as_str().len(), "GS20261201-".len() + 16);
        assert_eq!(RequestNumber::parse(n.as_str()), Some(n.clone()));
        let typed = n.as_str().to_ascii_lowercase().replace('-', " ");
        assert_eq!(RequestNumber::parse(&typed), Some(n.clone()));
        for bad in [
            "",
            "GS",
            "GS20261301-AAAAAAAA",
            "TS20261201-AAAAAAAA",
            "GS20261201-AAAA",
            "GS2026120１-AAAAAAAA",
            "GS20261201-UUUUUUUU",
            "'; DROP TABLE publication_requests; --",
        ] {
            assert_eq!(RequestNumber::parse(bad), None, "{bad}");
        }
    }

    fn who(role: Role, of_agency: bool) -> Handler {
        Handler { role, of_agency }
    }

    #[test]
    fn every_step_in_every_status_for_every_role_and_kind() {
        let accept = RequestStep::Accept {
            answer: "经核实，公示的罚款金额有误，已更正。".into(),
            public_note: "罚款金额更正为 5000 元。".into(),
        };
        let reject = RequestStep::Reject {
            answer: "经核实，公示内容与决定书一致，不予更正。".into(),
        };
        for kind in RequestKind::ALL {
            for status in RequestStatus::ALL {
                for role in Role::ALL {
                    for own in [false, true] {
                        for published in [false, true] {
                            let allowed = own
                                && match kind {
                                    RequestKind::Correction => {
                                        matches!(role, Role::Officer | Role::AgencyHead)
                                    }
                                    RequestKind::EarlyRemoval => role == Role::AgencyHead,
                                };
                            let h = who(role, own);
                            assert_eq!(may_decide(kind, h), allowed);
                            let ctx = format!(
                                "{kind:?} {status:?} {role:?} own={own} published={published}"
                            );
                            let got = apply(status, kind, published, h, &accept);
                            let expected = if !allowed {
                                Err(RequestError::Forbidden)
                            } else if status != RequestStatus::Submitted {
                                Err(RequestError::WrongStatus(status))
                            } else if !published {
                                Err(RequestError::NotPublished)
                            } else {
                                Ok(Decided {
                                    status: RequestStatus::Accepted,
                                    answer: "经核实，公示的罚款金额有误，已更正。".into(),
                                    public_note: Some("罚款金额更正为 5000 元。".into()),
                                    withdraws: kind == RequestKind::EarlyRemoval,
                                })
                            };
                            assert_eq!(got, expected, "accept {ctx}");
                            let got = apply(status, kind, published, h, &reject);
                            let expected = if !allowed {
                                Err(RequestError::Forbidden)
                            } else if status != RequestStatus::Submitted {
                                Err(RequestError::WrongStatus(status))
                            } else {
                                // A request on a record withdrawn meanwhile can still be answered.
                                Ok(Decided {
                                    status: RequestStatus::Rejected,
                                    answer: "经核实，公示内容与决定书一致，不予更正。".into(),
                                    public_note: None,
                                    withdraws: false,
                                })
                            };
                            assert_eq!(got, expected, "reject {ctx}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn answers_and_public_explanations_are_required_and_bounded() {
        let head = who(Role::AgencyHead, true);
        let s = RequestStatus::Submitted;
        let k = RequestKind::EarlyRemoval;
        let invalid = |field, rule| Err(RequestError::Invalid(ValidationError::new(field, rule)));
        assert_eq!(
            apply(
                s,
                k,
                true,
                head,
                &RequestStep::Reject {
                    answer: "  ".into()
                }
            ),
            invalid(Field::Reply, Rule::Required)
        );
        assert_eq!(
            apply(
                s,
                k,
                true,
                head,
                &RequestStep::Accept {
                    answer: "同意".into(),
                    public_note: String::new()
                }
            ),
            invalid(Field::PublicNote, Rule::Required)
        );
        assert_eq!(
            apply(
                s,
                k,
                true,
                head,
                &RequestStep::Accept {
                    answer: "同意".into(),
                    public_note: "字".repeat(MAX_NOTE_CHARS + 1)
                }
            ),
            invalid(
                Field::PublicNote,
                Rule::Length {
                    min: 1,
                    max: MAX_NOTE_CHARS
                }
            )
        );
        assert_eq!(
            apply(
                s,
                k,
                true,
                head,
                &RequestStep::Reject {
                    answer: "字".repeat(MAX_ANSWER_CHARS + 1)
                }
            ),
            invalid(
                Field::Reply,
                Rule::Length {
                    min: 1,
                    max: MAX_ANSWER_CHARS
                }
            )
        );
        let ok = apply(
            s,
            k,
            true,
            head,
            &RequestStep::Accept {
                answer: " 同意提前移出。 ".into(),
                public_note: " 当事人已履行处罚决定并完成信用修复。 ".into(),
            },
        )
        .expect("accepted");
        assert_eq!(ok.answer, "同意提前移出。");
        assert_eq!(
            ok.public_note.as_deref(),
            Some("当事人已履行处罚决定并完成信用修复。")
        );
        assert!(ok.withdraws);
    }

    #[test]
    fn kinds_and_statuses_round_trip_and_have_labels_in_both_languages() {
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::parse(k.as_str()), Some(k));
            assert!(!k.label(Lang::Zh).is_empty());
            assert!(k.label(Lang::En).is_ascii());
        }
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
            assert!(!s.label(Lang::Zh).is_empty());
            assert!(s.label(Lang::En).is_ascii());
        }
        for f in [
            Field::RequestKind,
            Field::RequesterName,
            Field::RequestReason,
            Field::PublicNote,
        ] {
            assert!(!f.label(Lang::Zh).is_empty());
            assert!(f.label(Lang::En).is_ascii());
        }
    }
}
