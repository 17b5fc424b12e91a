//! Interviews (约谈) and circulars (通报) of the supervision body (issue 24 item 3), two of the
//! tools the 《行政执法监督条例》 gives it beside opinions and decisions (DOMAIN.md §5; the
//! articles' exact wording is not verified here, **[U]**).
//!
//! - An **interview** is held with an agency's head: who took part, why, what the agency
//!   committed to, and a follow-up day by which the supervisor checks the commitments (after
//!   the interview, within [`FOLLOW_UP_MAX_DAYS`]); it is recorded after it was held, never
//!   ahead; the follow-up is recorded once, on or after the interview, not in the future. A
//!   follow-up not recorded by its day is overdue.
//! - A **circular** is internal (the supervision body and the agencies it names) or public (on
//!   the portal). It is numbered per supervision body and year (「临司通〔2026〕1号」). A public
//!   circular is published with every number shaped like a resident ID, a phone or a bank
//!   account masked, and addresses introduced as a home address masked (the redaction of
//!   published decisions, `document::redact`): a circular names agencies and conduct, not
//!   private people.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    document::redact::{PrivateData, redact},
    i18n::Lang,
    validate::{self, Field, Rule, ValidationError},
};

/// The latest follow-up day, counted from the interview.
pub const FOLLOW_UP_MAX_DAYS: i64 = 365;
/// Most participants of one interview.
pub const MAX_PARTICIPANTS: usize = 20;

/// An interview as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RawInterview {
    /// The interviewed agency's code.
    pub agency: String,
    /// The day it was held (YYYY-MM-DD).
    pub held_on: String,
    /// Who took part, one per line (name and post).
    pub participants: String,
    /// Why: the problems found (a warning, complaints, a review's results).
    pub reasons: String,
    /// What the agency committed to.
    #[serde(default)]
    pub commitments: String,
    /// The day the supervisor checks the commitments (YYYY-MM-DD).
    pub follow_up_on: String,
}

/// A checked interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInterview {
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Who took part.
    pub participants: Vec<String>,
    /// Why.
    pub reasons: String,
    /// What was committed to (may be empty).
    pub commitments: String,
    /// The follow-up day.
    pub follow_up_on: NaiveDate,
}

/// Checks an interview on `today`; every error names its field.
pub fn validate_interview(
    raw: &RawInterview,
    today: NaiveDate,
) -> Result<ValidInterview, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let held_on = validate::date(Field::HeldOn, &raw.held_on)
        .and_then(|d| {
            if d > today {
                Err(ValidationError::new(Field::HeldOn, Rule::NotInFuture))
            } else {
                Ok(d)
            }
        })
        .map_err(|e| errors.push(e))
        .ok();
    let participants: Vec<String> = raw
        .participants
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if participants.is_empty() {
        errors.push(ValidationError::new(Field::Participants, Rule::Required));
    } else if participants.len() > MAX_PARTICIPANTS {
        errors.push(ValidationError::new(
            Field::Participants,
            Rule::TooMany {
                max: MAX_PARTICIPANTS,
            },
        ));
    } else if let Some(e) = participants
        .iter()
        .find_map(|p| validate::text(Field::Participants, p, 2, 60).err())
    {
        errors.push(e);
    }
    let reasons = validate::text(Field::Reason, &raw.reasons, 2, 2000)
        .map_err(|e| errors.push(e))
        .ok();
    let commitments = if raw.commitments.trim().is_empty() {
        Some(String::new())
    } else {
        validate::text(Field::Commitments, &raw.commitments, 2, 2000)
            .map_err(|e| errors.push(e))
            .ok()
    };
    let follow_up_on = validate::date(Field::FollowUpOn, &raw.follow_up_on)
        .map_err(|e| errors.push(e))
        .ok();
    if let (Some(held), Some(follow)) = (held_on, follow_up_on) {
        if follow <= held {
            errors.push(ValidationError::new(Field::FollowUpOn, Rule::DateOrder));
        } else if follow > held + Duration::days(FOLLOW_UP_MAX_DAYS) {
            errors.push(ValidationError::new(
                Field::FollowUpOn,
                Rule::Between {
                    min: 1,
                    max: FOLLOW_UP_MAX_DAYS.unsigned_abs(),
                },
            ));
        }
    }
    match (held_on, reasons, commitments, follow_up_on) {
        (Some(held_on), Some(reasons), Some(commitments), Some(follow_up_on))
            if errors.is_empty() =>
        {
            Ok(ValidInterview {
                held_on,
                participants,
                reasons,
                commitments,
                follow_up_on,
            })
        }
        _ => Err(errors),
    }
}

/// Checks a follow-up: what the supervisor found (2–2000 characters), recorded on `today`,
/// which must not be before the interview.
pub fn validate_follow_up(
    note: &str,
    held_on: NaiveDate,
    today: NaiveDate,
) -> Result<String, ValidationError> {
    let note = validate::text(Field::Content, note, 2, 2000)?;
    if today < held_on {
        return Err(ValidationError::new(Field::Date, Rule::DateOrder));
    }
    Ok(note)
}

/// Where an interview's follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    /// Recorded.
    Done,
    /// Not yet due.
    Due,
    /// Its day has passed without one.
    Overdue,
}

impl FollowUp {
    /// Where the follow-up due `follow_up_on` stands on `today`.
    pub fn of(follow_up_on: NaiveDate, done: bool, today: NaiveDate) -> Self {
        if done {
            FollowUp::Done
        } else if today > follow_up_on {
            FollowUp::Overdue
        } else {
            FollowUp::Due
        }
    }

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUp::Done => "done",
            FollowUp::Due => "due",
            FollowUp::Overdue => "overdue",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FollowUp::Done => lang.pick("已回访", "Followed up"),
            FollowUp::Due => lang.pick("待回访", "Follow-up due"),
            FollowUp::Overdue => lang.pick("回访逾期", "Follow-up overdue"),
        }
    }
}

/// Who may read a circular.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CircularScope {
    /// The supervision body and the agencies it names.
    Internal,
    /// Everyone: published on the portal.
    Public,
}

impl CircularScope {
    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            CircularScope::Internal => "internal",
            CircularScope::Public => "public",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        [CircularScope::Internal, CircularScope::Public]
            .into_iter()
            .find(|c| c.as_str() == s.trim())
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CircularScope::Internal => lang.pick("内部通报", "Internal"),
            CircularScope::Public => lang.pick("公开通报", "Public"),
        }
    }
}

/// A circular as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RawCircular {
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// `internal` or `public`.
    pub scope: String,
    /// The codes of the agencies it concerns (may be empty for a general circular).
    #[serde(default)]
    pub agencies: Vec<String>,
}

/// A checked circular.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCircular {
    /// Its title.
    pub title: String,
    /// Its text as written (kept for the record).
    pub body: String,
    /// Who may read it.
    pub scope: CircularScope,
    /// The agencies' codes, each once.
    pub agencies: Vec<String>,
}

/// Checks a circular; every error names its field.
pub fn validate_circular(raw: &RawCircular) -> Result<ValidCircular, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let title = validate::text(Field::Title, &raw.title, 2, 100)
        .map_err(|e| errors.push(e))
        .ok();
    let body = validate::text(Field::Content, &raw.body, 10, 10_000)
        .map_err(|e| errors.push(e))
        .ok();
    let scope = CircularScope::parse(&raw.scope);
    if scope.is_none() {
        errors.push(ValidationError::new(
            Field::CircularScope,
            if raw.scope.trim().is_empty() {
                Rule::Required
            } else {
                Rule::OneOf
            },
        ));
    }
    let mut agencies: Vec<String> = Vec::new();
    for code in raw
        .agencies
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match validate::agency_code(code) {
            Ok(code) if !agencies.contains(&code) => agencies.push(code),
            Ok(_) => {}
            Err(e) => {
                errors.push(ValidationError::new(Field::Agency, e.rule));
                break;
            }
        }
    }
    match (title, body, scope) {
        (Some(title), Some(body), Some(scope)) if errors.is_empty() => Ok(ValidCircular {
            title,
            body,
            scope,
            agencies,
        }),
        _ => Err(errors),
    }
}

/// A circular's number: the supervision body's short name, the year and its sequence in that
/// year (「临司通〔2026〕1号」).
pub fn circular_number(short_name: &str, year: i32, seq: u32) -> String {
    format!("{}通〔{year}〕{seq}号", short_name.trim())
}

/// The text a public circular is published with: private numbers and home addresses masked.
pub fn published_text(body: &str) -> String {
    redact(body, &PrivateData::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn raw() -> RawInterview {
        RawInterview {
            agency: "SCJG".into(),
            held_on: "2026-11-20".into(),
            participants: "吴芳（临江市司法局）\n王强（临江市市场监督管理局局长）\n".into(),
            reasons: "线索逾期未处理 3 件；罚款未责令改正".into(),
            commitments: "一个月内清理积压线索".into(),
            follow_up_on: "2026-12-20".into(),
        }
    }

    fn fields(r: Result<ValidInterview, Vec<ValidationError>>) -> Vec<(Field, Rule)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn an_interview_is_recorded_after_it_was_held_with_a_follow_up_within_a_year() {
        let today = d("2026-11-26");
        let ok = validate_interview(&raw(), today).expect("valid");
        assert_eq!(ok.participants.len(), 2);
        assert_eq!(ok.follow_up_on, d("2026-12-20"));
        // Held today: fine; tomorrow: not yet held.
        let mut r = raw();
        r.held_on = "2026-11-26".into();
        assert!(validate_interview(&r, today).is_ok());
        r.held_on = "2026-11-27".into();
        r.follow_up_on = "2026-12-27".into();
        assert_eq!(
            fields(validate_interview(&r, today)),
            [(Field::HeldOn, Rule::NotInFuture)]
        );
        // The follow-up: the day after at the earliest, a year after at the latest.
        let mut r = raw();
        r.follow_up_on = "2026-11-20".into();
        assert_eq!(
            fields(validate_interview(&r, today)),
            [(Field::FollowUpOn, Rule::DateOrder)]
        );
        r.follow_up_on = "2026-11-21".into();
        assert!(validate_interview(&r, today).is_ok());
        r.follow_up_on = "2027-11-20".into();
        assert!(validate_interview(&r, today).is_ok(), "365 days");
        r.follow_up_on = "2027-11-21".into();
        assert_eq!(
            fields(validate_interview(&r, today)),
            [(Field::FollowUpOn, Rule::Between { min: 1, max: 365 })]
        );
        // The refusals read as the form names the field and the rule.
        let mut r = raw();
        r.follow_up_on = "2026-11-19".into();
        let messages: Vec<String> = validate_interview(&r, today)
            .expect_err("before")
            .iter()
            .map(|e| e.message(Lang::Zh))
            .collect();
        assert_eq!(messages, ["「回访日期」须晚于约谈日期"]);
        r.follow_up_on = "2028-01-01".into();
        let messages: Vec<String> = validate_interview(&r, today)
            .expect_err("late")
            .iter()
            .map(|e| e.message(Lang::Zh))
            .collect();
        assert_eq!(messages, ["「回访日期」须在约谈后 365 日内"]);
        // Commitments may wait for the follow-up.
        let mut r = raw();
        r.commitments = "  ".into();
        assert_eq!(validate_interview(&r, today).expect("ok").commitments, "");
    }

    #[test]
    fn every_missing_or_bad_part_of_an_interview_is_named() {
        let today = d("2026-11-26");
        let empty = RawInterview::default();
        assert_eq!(
            fields(validate_interview(&empty, today)),
            [
                (Field::HeldOn, Rule::Required),
                (Field::Participants, Rule::Required),
                (Field::Reason, Rule::Required),
                (Field::FollowUpOn, Rule::Required),
            ]
        );
        let mut r = raw();
        r.participants = (0..21).map(|i| format!("参加人{i}\n")).collect();
        assert_eq!(
            fields(validate_interview(&r, today)),
            [(Field::Participants, Rule::TooMany { max: 20 })]
        );
        r.participants = format!("吴芳\n{}", "长".repeat(61));
        assert_eq!(
            fields(validate_interview(&r, today))[0].0,
            Field::Participants
        );
        let mut r = raw();
        r.held_on = "2026-13-01".into();
        assert_eq!(fields(validate_interview(&r, today))[0].0, Field::HeldOn);
    }

    #[test]
    fn a_follow_up_is_due_then_overdue_the_day_after_and_done_once_recorded() {
        let day = d("2026-12-20");
        assert_eq!(FollowUp::of(day, false, d("2026-12-19")), FollowUp::Due);
        assert_eq!(FollowUp::of(day, false, day), FollowUp::Due);
        assert_eq!(FollowUp::of(day, false, d("2026-12-21")), FollowUp::Overdue);
        assert_eq!(FollowUp::of(day, true, d("2027-01-30")), FollowUp::Done);
        for f in [FollowUp::Done, FollowUp::Due, FollowUp::Overdue] {
            assert!(f.label(Lang::En).is_ascii());
            assert!(!f.as_str().is_empty());
        }
        assert!(validate_follow_up("已清理积压线索", d("2026-11-20"), d("2026-11-20")).is_ok());
        assert_eq!(
            validate_follow_up("x", d("2026-11-20"), d("2026-11-26")).map_err(|e| e.field),
            Err(Field::Content)
        );
        assert_eq!(
            validate_follow_up("已清理", d("2026-11-20"), d("2026-11-19")).map_err(|e| e.rule),
            Err(Rule::DateOrder)
        );
    }

    #[test]
    fn a_circular_names_its_scope_and_agencies_and_is_numbered_per_year() {
        let ok = validate_circular(&RawCircular {
            title: "关于 2026 年第三季度行政执法案卷评查情况的通报".into(),
            body: "经评查，部分案卷存在罚款未责令改正的问题，现予通报。".into(),
            scope: "public".into(),
            agencies: vec!["SCJG".into(), " SCJG ".into(), "CGZF".into()],
        })
        .expect("valid");
        assert_eq!(ok.scope, CircularScope::Public);
        assert_eq!(ok.agencies, ["SCJG", "CGZF"]);
        let bad = validate_circular(&RawCircular {
            title: "x".into(),
            body: "太短".into(),
            scope: "secret".into(),
            agencies: vec!["bad code!".into()],
        })
        .expect_err("invalid");
        let named: Vec<Field> = bad.iter().map(|e| e.field).collect();
        assert_eq!(
            named,
            [
                Field::Title,
                Field::Content,
                Field::CircularScope,
                Field::Agency
            ]
        );
        assert_eq!(
            validate_circular(&RawCircular::default())
                .expect_err("empty")
                .iter()
                .find(|e| e.field == Field::CircularScope)
                .map(|e| e.rule.clone()),
            Some(Rule::Required)
        );
        assert_eq!(circular_number("临司", 2026, 3), "临司通〔2026〕3号");
        for s in [CircularScope::Internal, CircularScope::Public] {
            assert_eq!(CircularScope::parse(s.as_str()), Some(s));
            assert!(s.label(Lang::En).is_ascii());
        }
    }

    #[test]
    fn a_public_circular_never_publishes_a_private_number_or_home_address() {
        let text = "投诉人（电话 13800138000，身份证号 330102199001011234，住址：临江市滨江路 5 号 3 幢）反映执法人员态度粗暴；罚款 2,000.00 元，统一社会信用代码 91339900MA2XXXXX1K。";
        let out = published_text(text);
        assert!(!out.contains("13800138000"), "{out}");
        assert!(!out.contains("330102199001011234"), "{out}");
        assert!(!out.contains("滨江路 5 号"), "{out}");
        assert!(out.contains("2,000.00"), "amounts stay: {out}");
        assert!(
            out.contains("91339900MA2XXXXX1K"),
            "credit codes stay: {out}"
        );
        assert_eq!(
            published_text(&out),
            out,
            "masking twice changes nothing more"
        );
    }
}
