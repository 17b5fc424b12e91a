//! Supervision matters (督办): a supervisor requires an agency to correct a case by a deadline;
//! the agency's head answers; the supervisor closes the matter. Pure rules: who may take which
//! step in which status, and what each step must carry.
//!
//! Invariants: a matter moves Open → Answered → Closed only; a returned answer (`reopen`) goes
//! back to Open with the supervisor's further requirement; the correction deadline is not in
//! the past when the matter is opened; every text is non-empty and at most 2,000 characters.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    role::Role,
    validate::{Field, Rule, ValidationError},
};

/// Longest text of a matter step, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Where a matter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatterStatus {
    /// Waiting for the agency's answer.
    Open,
    /// The agency answered; the supervisor has to accept it.
    Answered,
    /// Accepted and closed.
    Closed,
}

impl MatterStatus {
    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            MatterStatus::Open => "open",
            MatterStatus::Answered => "answered",
            MatterStatus::Closed => "closed",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            MatterStatus::Open,
            MatterStatus::Answered,
            MatterStatus::Closed,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MatterStatus::Open => lang.pick("待整改答复", "Awaiting the agency's answer"),
            MatterStatus::Answered => lang.pick("已答复待审核", "Answered, to be accepted"),
            MatterStatus::Closed => lang.pick("已办结", "Closed"),
        }
    }
}

/// A step on a matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatterStep {
    /// The agency's head answers with what was corrected.
    Answer {
        /// The answer.
        response: String,
    },
    /// The supervisor accepts the answer and closes the matter.
    Close {
        /// The conclusion.
        conclusion: String,
    },
    /// The supervisor does not accept the answer: back to the agency with a further
    /// requirement.
    Reopen {
        /// What is still required.
        requirement: String,
    },
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatterError {
    /// The actor's role may not take this step.
    Forbidden,
    /// Not in this status.
    WrongStatus(MatterStatus),
    /// Bad input.
    Invalid(ValidationError),
}

fn text(field: Field, s: &str) -> Result<String, MatterError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(MatterError::Invalid(ValidationError::new(
            field,
            Rule::Required,
        )));
    }
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(MatterError::Invalid(ValidationError::new(
            field,
            Rule::Length {
                min: 1,
                max: MAX_TEXT_CHARS,
            },
        )));
    }
    Ok(s.to_owned())
}

/// A new matter's checked requirement and deadline. Only supervisors open matters.
pub fn open(
    role: Role,
    requirement: &str,
    due: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(String, NaiveDate), MatterError> {
    if role != Role::Supervisor {
        return Err(MatterError::Forbidden);
    }
    let requirement = text(Field::Requirement, requirement)?;
    let due = due.ok_or(MatterError::Invalid(ValidationError::new(
        Field::DueDate,
        Rule::Required,
    )))?;
    if due < today {
        return Err(MatterError::Invalid(ValidationError::new(
            Field::DueDate,
            Rule::DateOrder,
        )));
    }
    Ok((requirement, due))
}

/// The status after `step`, with its checked text.
pub fn apply(
    status: MatterStatus,
    role: Role,
    step: &MatterStep,
) -> Result<(MatterStatus, String), MatterError> {
    match step {
        MatterStep::Answer { response } => {
            if role != Role::AgencyHead {
                return Err(MatterError::Forbidden);
            }
            if status != MatterStatus::Open {
                return Err(MatterError::WrongStatus(status));
            }
            Ok((MatterStatus::Answered, text(Field::Response, response)?))
        }
        MatterStep::Close { conclusion } => {
            if role != Role::Supervisor {
                return Err(MatterError::Forbidden);
            }
            if status != MatterStatus::Answered {
                return Err(MatterError::WrongStatus(status));
            }
            Ok((MatterStatus::Closed, text(Field::Conclusion, conclusion)?))
        }
        MatterStep::Reopen { requirement } => {
            if role != Role::Supervisor {
                return Err(MatterError::Forbidden);
            }
            if status != MatterStatus::Answered {
                return Err(MatterError::WrongStatus(status));
            }
            Ok((MatterStatus::Open, text(Field::Requirement, requirement)?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn only_supervisors_open_matters_with_a_requirement_and_a_deadline_not_past() {
        let today = d("2026-12-01");
        assert_eq!(
            open(Role::Supervisor, " 补正听证笔录 ", Some(today), today),
            Ok(("补正听证笔录".to_owned(), today))
        );
        for role in Role::ALL.into_iter().filter(|r| *r != Role::Supervisor) {
            assert_eq!(
                open(role, "x", Some(today), today),
                Err(MatterError::Forbidden),
                "{role:?}"
            );
        }
        let invalid = |field, rule| Err(MatterError::Invalid(ValidationError::new(field, rule)));
        assert_eq!(
            open(Role::Supervisor, "  ", Some(today), today),
            invalid(Field::Requirement, Rule::Required)
        );
        assert_eq!(
            open(Role::Supervisor, "x", None, today),
            invalid(Field::DueDate, Rule::Required)
        );
        assert_eq!(
            open(Role::Supervisor, "x", Some(d("2026-11-30")), today),
            invalid(Field::DueDate, Rule::DateOrder)
        );
        let long = "字".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            open(Role::Supervisor, &long, Some(today), today),
            Err(MatterError::Invalid(_))
        ));
        let longest = "字".repeat(MAX_TEXT_CHARS);
        assert!(open(Role::Supervisor, &longest, Some(today), today).is_ok());
    }

    #[test]
    fn every_status_step_and_role() {
        use MatterStatus as S;
        let steps = [
            MatterStep::Answer {
                response: "已补正".into(),
            },
            MatterStep::Close {
                conclusion: "整改到位".into(),
            },
            MatterStep::Reopen {
                requirement: "仍缺送达回证".into(),
            },
        ];
        for status in [S::Open, S::Answered, S::Closed] {
            for step in &steps {
                for role in Role::ALL {
                    let got = apply(status, role, step);
                    let (who, from, to) = match step {
                        MatterStep::Answer { .. } => (Role::AgencyHead, S::Open, S::Answered),
                        MatterStep::Close { .. } => (Role::Supervisor, S::Answered, S::Closed),
                        MatterStep::Reopen { .. } => (Role::Supervisor, S::Answered, S::Open),
                    };
                    let want = if role != who {
                        Err(MatterError::Forbidden)
                    } else if status != from {
                        Err(MatterError::WrongStatus(status))
                    } else {
                        Ok(to)
                    };
                    assert_eq!(got.map(|(s, _)| s), want, "{status:?} {step:?} {role:?}");
                }
            }
        }
    }

    #[test]
    fn every_step_needs_its_text() {
        let empty = [
            (
                MatterStatus::Open,
                Role::AgencyHead,
                MatterStep::Answer {
                    response: " ".into(),
                },
                Field::Response,
            ),
            (
                MatterStatus::Answered,
                Role::Supervisor,
                MatterStep::Close {
                    conclusion: "".into(),
                },
                Field::Conclusion,
            ),
            (
                MatterStatus::Answered,
                Role::Supervisor,
                MatterStep::Reopen {
                    requirement: "\n".into(),
                },
                Field::Requirement,
            ),
        ];
        for (status, role, step, field) in empty {
            assert_eq!(
                apply(status, role, &step),
                Err(MatterError::Invalid(ValidationError::new(
                    field,
                    Rule::Required
                ))),
                "{step:?}"
            );
        }
    }

    #[test]
    fn statuses_round_trip_and_have_labels() {
        for s in [
            MatterStatus::Open,
            MatterStatus::Answered,
            MatterStatus::Closed,
        ] {
            assert_eq!(MatterStatus::parse(s.as_str()), Some(s));
            assert!(!s.label(Lang::Zh).is_empty() && !s.label(Lang::En).is_empty());
        }
        assert_eq!(MatterStatus::parse("nope"), None);
    }
}
