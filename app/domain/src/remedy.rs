//! Reconsideration and litigation against a decision (行政复议、行政诉讼; DOMAIN.md §2.3
//! "Parallel states"): what the agency records when the party challenges its decision, and what
//! the result means for publication and for the correction rate.
//!
//! Invariants:
//! - a challenge is recorded only on a decided case, filed no earlier than the decision and not
//!   in the future; its result is given no earlier than the filing and not in the future, once;
//! - a result that changes, revokes, or confirms the decision illegal or invalid withdraws the
//!   published decision at once, with that basis (APL Art. 48(2); the law allows 3 working
//!   days, the system needs none);
//! - every result other than "upheld" (and a terminated proceeding) counts as a correction
//!   (纠错) in the annual figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    publicity::WithdrawalBasis,
    role::Role,
    validate::{self, Field, Rule, ValidationError},
};

/// How the party challenges a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RemedyKind {
    /// 行政复议, within 60 days (复议法 Art. 20).
    Reconsideration,
    /// 行政诉讼, within 6 months (诉讼法 Art. 46).
    Litigation,
}

impl RemedyKind {
    /// Both kinds.
    pub const ALL: [RemedyKind; 2] = [RemedyKind::Reconsideration, RemedyKind::Litigation];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            RemedyKind::Reconsideration => "reconsideration",
            RemedyKind::Litigation => "litigation",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RemedyKind::Reconsideration => lang.pick("行政复议", "Reconsideration"),
            RemedyKind::Litigation => lang.pick("行政诉讼", "Litigation"),
        }
    }
}

/// The result of a reconsideration or a suit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RemedyOutcome {
    /// 维持 / 驳回诉讼请求: the decision stands.
    Upheld,
    /// 撤销.
    Revoked,
    /// 变更.
    Changed,
    /// 确认违法.
    ConfirmedIllegal,
    /// 确认无效.
    ConfirmedInvalid,
    /// 责令履行: the agency is ordered to act.
    OrderedToPerform,
    /// 终止 / 撤回申请: the proceeding ended without a ruling on the decision.
    Terminated,
}

impl RemedyOutcome {
    /// Every result, in the order forms list them.
    pub const ALL: [RemedyOutcome; 7] = [
        RemedyOutcome::Upheld,
        RemedyOutcome::Revoked,
        RemedyOutcome::Changed,
        RemedyOutcome::ConfirmedIllegal,
        RemedyOutcome::ConfirmedInvalid,
        RemedyOutcome::OrderedToPerform,
        RemedyOutcome::Terminated,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            RemedyOutcome::Upheld => "upheld",
            RemedyOutcome::Revoked => "revoked",
            RemedyOutcome::Changed => "changed",
            RemedyOutcome::ConfirmedIllegal => "confirmed_illegal",
            RemedyOutcome::ConfirmedInvalid => "confirmed_invalid",
            RemedyOutcome::OrderedToPerform => "ordered_to_perform",
            RemedyOutcome::Terminated => "terminated",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RemedyOutcome::Upheld => lang.pick("维持（驳回）", "Upheld"),
            RemedyOutcome::Revoked => lang.pick("撤销", "Revoked"),
            RemedyOutcome::Changed => lang.pick("变更", "Changed"),
            RemedyOutcome::ConfirmedIllegal => lang.pick("确认违法", "Confirmed illegal"),
            RemedyOutcome::ConfirmedInvalid => lang.pick("确认无效", "Confirmed invalid"),
            RemedyOutcome::OrderedToPerform => lang.pick("责令履行", "Ordered to perform"),
            RemedyOutcome::Terminated => lang.pick("终止（撤回）", "Terminated"),
        }
    }

    /// The basis on which the published decision is withdrawn, when the result touches the
    /// decision itself.
    pub fn withdrawal_basis(self) -> Option<WithdrawalBasis> {
        match self {
            RemedyOutcome::Revoked => Some(WithdrawalBasis::Revoked),
            RemedyOutcome::Changed => Some(WithdrawalBasis::Changed),
            RemedyOutcome::ConfirmedIllegal => Some(WithdrawalBasis::ConfirmedIllegal),
            RemedyOutcome::ConfirmedInvalid => Some(WithdrawalBasis::ConfirmedInvalid),
            RemedyOutcome::Upheld | RemedyOutcome::OrderedToPerform | RemedyOutcome::Terminated => {
                None
            }
        }
    }

    /// Whether the result corrects the agency (counts in the correction rate).
    pub fn corrects(self) -> bool {
        !matches!(self, RemedyOutcome::Upheld | RemedyOutcome::Terminated)
    }
}

/// The longest name of a reconsideration body or court, in characters.
pub const MAX_BODY_CHARS: usize = 100;
/// The longest note on a result, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// Who records challenges and their results: the agency's officers and head.
pub fn may_record(role: Role) -> bool {
    matches!(role, Role::Officer | Role::AgencyHead)
}

/// A checked challenge to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// Reconsideration or litigation.
    pub kind: RemedyKind,
    /// The reconsideration body or court.
    pub body: String,
    /// The day it was applied for or filed.
    pub filed_on: NaiveDate,
}

fn date(field: Field, input: &str) -> Result<NaiveDate, ValidationError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ValidationError::new(field, Rule::Date))
}

/// Checks a new challenge to a case decided on `decided_on` (every field at once).
pub fn filing(
    kind: &str,
    body: &str,
    filed_on: &str,
    decided_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Filing, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let kind = match kind.trim() {
        "" => {
            errors.push(ValidationError::new(Field::RemedyKind, Rule::Required));
            None
        }
        k => RemedyKind::parse(k).or_else(|| {
            errors.push(ValidationError::new(Field::RemedyKind, Rule::OneOf));
            None
        }),
    };
    let body = validate::text(Field::RemedyBody, body, 2, MAX_BODY_CHARS)
        .map_err(|e| errors.push(e))
        .ok();
    let filed_on = match date(Field::FiledOn, filed_on) {
        Ok(d) if d > today => {
            errors.push(ValidationError::new(Field::FiledOn, Rule::NotInFuture));
            None
        }
        Ok(d) if decided_on.is_some_and(|decided| d < decided) => {
            errors.push(ValidationError::new(Field::FiledOn, Rule::DateOrder));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    match (kind, body, filed_on) {
        (Some(kind), Some(body), Some(filed_on)) if errors.is_empty() => Ok(Filing {
            kind,
            body,
            filed_on,
        }),
        _ => Err(errors),
    }
}

/// A checked result to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruling {
    /// The result.
    pub outcome: RemedyOutcome,
    /// The day it was given.
    pub decided_on: NaiveDate,
    /// A note (the ruling's number, what was changed).
    pub note: String,
}

/// A result as a form sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulingInput<'a> {
    /// [`RemedyOutcome`]'s machine name.
    pub outcome: &'a str,
    /// `YYYY-MM-DD`.
    pub decided_on: &'a str,
    /// The ruling's number or what changed.
    pub note: &'a str,
    /// Whether the judgment has taken legal effect (litigation).
    pub effective: bool,
}

/// Checks the result of a challenge of `kind` filed on `filed_on` that has none yet.
///
/// A reconsideration decision takes effect when served (复议法 2023 Art. 75), so its result is
/// recorded, and acts on the publication, at once. A first-instance judgment can be appealed
/// within 15 days (行政诉讼法 Art. 85) and only an effective judgment changes the decision:
/// a court's result is recorded once `effective` (生效) is confirmed, so a publication is
/// never withdrawn on a judgment that an appeal may still overturn.
pub fn result(
    kind: RemedyKind,
    already: Option<RemedyOutcome>,
    input: RulingInput<'_>,
    filed_on: NaiveDate,
    today: NaiveDate,
) -> Result<Ruling, Vec<ValidationError>> {
    let RulingInput {
        outcome,
        decided_on,
        note,
        effective,
    } = input;
    let mut errors = Vec::new();
    if already.is_some() {
        errors.push(ValidationError::new(Field::RemedyOutcome, Rule::Unique));
    }
    if kind == RemedyKind::Litigation && !effective {
        errors.push(ValidationError::new(
            Field::Effective,
            Rule::NotYetEffective,
        ));
    }
    let outcome = match outcome.trim() {
        "" => {
            errors.push(ValidationError::new(Field::RemedyOutcome, Rule::Required));
            None
        }
        o => RemedyOutcome::parse(o).or_else(|| {
            errors.push(ValidationError::new(Field::RemedyOutcome, Rule::OneOf));
            None
        }),
    };
    let decided_on = match date(Field::DecidedOn, decided_on) {
        Ok(d) if d > today => {
            errors.push(ValidationError::new(Field::DecidedOn, Rule::NotInFuture));
            None
        }
        Ok(d) if d < filed_on => {
            errors.push(ValidationError::new(Field::DecidedOn, Rule::DateOrder));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let note = validate::text(Field::Reason, note, 0, MAX_NOTE_CHARS)
        .map_err(|e| errors.push(e))
        .ok();
    match (outcome, decided_on, note) {
        (Some(outcome), Some(decided_on), Some(note)) if errors.is_empty() => Ok(Ruling {
            outcome,
            decided_on,
            note,
        }),
        _ => Err(errors),
    }
}

/// The public explanation of a withdrawal caused by a result, e.g.
/// `临江市人民政府于2026-11-20作出行政复议决定：撤销。`
pub fn withdrawal_reason(
    kind: RemedyKind,
    body: &str,
    outcome: RemedyOutcome,
    decided_on: NaiveDate,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "{body}于{decided_on}作出{}：{}。",
            match kind {
                RemedyKind::Reconsideration => "行政复议决定",
                RemedyKind::Litigation => "行政判决",
            },
            outcome.label(lang)
        ),
        Lang::En => format!(
            "{body} ruled on {decided_on} ({}): {}.",
            kind.label(lang).to_lowercase(),
            outcome.label(lang).to_lowercase()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2026-12-01";

    fn fields(errors: &[ValidationError]) -> Vec<(Field, Rule)> {
        errors.iter().map(|e| (e.field, e.rule.clone())).collect()
    }

    #[test]
    fn a_filing_on_or_after_the_decision_and_not_after_today_is_accepted() {
        for filed in ["2026-10-01", "2026-11-15", TODAY] {
            let f = filing(
                "reconsideration",
                " 临江市人民政府 ",
                filed,
                Some(day("2026-10-01")),
                day(TODAY),
            )
            .unwrap();
            assert_eq!(f.kind, RemedyKind::Reconsideration);
            assert_eq!(f.body, "临江市人民政府");
            assert_eq!(f.filed_on, day(filed));
        }
    }

    #[test]
    fn a_bad_filing_names_every_field_and_rule() {
        let e = filing("", "", "", None, day(TODAY)).unwrap_err();
        assert_eq!(
            fields(&e),
            vec![
                (Field::RemedyKind, Rule::Required),
                (Field::RemedyBody, Rule::Required),
                (Field::FiledOn, Rule::Required),
            ]
        );
        let e = filing("appeal", "法", "2026-13-01", None, day(TODAY)).unwrap_err();
        assert_eq!(
            fields(&e),
            vec![
                (Field::RemedyKind, Rule::OneOf),
                (
                    Field::RemedyBody,
                    Rule::Length {
                        min: 2,
                        max: MAX_BODY_CHARS
                    }
                ),
                (Field::FiledOn, Rule::Date),
            ]
        );
        let e = filing(
            "litigation",
            "临江市人民法院",
            "2026-12-02",
            None,
            day(TODAY),
        )
        .unwrap_err();
        assert_eq!(fields(&e), vec![(Field::FiledOn, Rule::NotInFuture)]);
        let e = filing(
            "litigation",
            "临江市人民法院",
            "2026-09-30",
            Some(day("2026-10-01")),
            day(TODAY),
        )
        .unwrap_err();
        assert_eq!(fields(&e), vec![(Field::FiledOn, Rule::DateOrder)]);
    }

    fn ruled(
        already: Option<RemedyOutcome>,
        outcome: &str,
        decided_on: &str,
        note: &str,
        filed: NaiveDate,
    ) -> Result<Ruling, Vec<ValidationError>> {
        let input = RulingInput {
            outcome,
            decided_on,
            note,
            effective: false,
        };
        result(
            RemedyKind::Reconsideration,
            already,
            input,
            filed,
            day(TODAY),
        )
    }

    #[test]
    fn a_result_is_given_once_between_the_filing_and_today() {
        let filed = day("2026-11-01");
        let ok = ruled(None, "revoked", "2026-11-01", " 临政复〔2026〕9号 ", filed).unwrap();
        assert_eq!(ok.outcome, RemedyOutcome::Revoked);
        assert_eq!(ok.note, "临政复〔2026〕9号");
        assert!(ruled(None, "upheld", TODAY, "", filed).is_ok());
        let e = ruled(None, "upheld", "2026-10-31", "", filed).unwrap_err();
        assert_eq!(fields(&e), vec![(Field::DecidedOn, Rule::DateOrder)]);
        let e = ruled(None, "upheld", "2026-12-02", "", filed).unwrap_err();
        assert_eq!(fields(&e), vec![(Field::DecidedOn, Rule::NotInFuture)]);
        let e = ruled(Some(RemedyOutcome::Upheld), "revoked", TODAY, "", filed).unwrap_err();
        assert_eq!(fields(&e), vec![(Field::RemedyOutcome, Rule::Unique)]);
        let e = ruled(None, "quashed", "", &"长".repeat(501), filed).unwrap_err();
        assert_eq!(
            fields(&e),
            vec![
                (Field::RemedyOutcome, Rule::OneOf),
                (Field::DecidedOn, Rule::Required),
                (
                    Field::Reason,
                    Rule::Length {
                        min: 0,
                        max: MAX_NOTE_CHARS
                    }
                ),
            ]
        );
    }

    #[test]
    fn remedy_a_judgment_is_recorded_only_once_effective_a_reconsideration_at_once() {
        let filed = day("2026-11-01");
        // (kind, effective, accepted)
        let table = [
            (RemedyKind::Reconsideration, false, true),
            (RemedyKind::Reconsideration, true, true),
            (RemedyKind::Litigation, false, false),
            (RemedyKind::Litigation, true, true),
        ];
        for (kind, effective, accepted) in table {
            for outcome in RemedyOutcome::ALL {
                let input = RulingInput {
                    outcome: outcome.as_str(),
                    decided_on: "2026-11-20",
                    note: "",
                    effective,
                };
                let r = result(kind, None, input, filed, day(TODAY));
                if accepted {
                    assert_eq!(r.expect("accepted").outcome, outcome, "{kind:?}");
                } else {
                    assert_eq!(
                        fields(&r.expect_err("not yet effective")),
                        vec![(Field::Effective, Rule::NotYetEffective)],
                        "{kind:?} {outcome:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn exactly_the_results_that_touch_the_decision_withdraw_it_with_their_basis() {
        let expected = [
            (RemedyOutcome::Upheld, None, false),
            (RemedyOutcome::Revoked, Some(WithdrawalBasis::Revoked), true),
            (RemedyOutcome::Changed, Some(WithdrawalBasis::Changed), true),
            (
                RemedyOutcome::ConfirmedIllegal,
                Some(WithdrawalBasis::ConfirmedIllegal),
                true,
            ),
            (
                RemedyOutcome::ConfirmedInvalid,
                Some(WithdrawalBasis::ConfirmedInvalid),
                true,
            ),
            (RemedyOutcome::OrderedToPerform, None, true),
            (RemedyOutcome::Terminated, None, false),
        ];
        assert_eq!(expected.len(), RemedyOutcome::ALL.len());
        for (outcome, basis, corrects) in expected {
            assert_eq!(outcome.withdrawal_basis(), basis, "{outcome:?}");
            assert_eq!(outcome.corrects(), corrects, "{outcome:?}");
            assert_eq!(RemedyOutcome::parse(outcome.as_str()), Some(outcome));
            assert!(!outcome.label(Lang::Zh).is_empty());
        }
        for kind in RemedyKind::ALL {
            assert_eq!(RemedyKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn only_officers_and_heads_record_challenges() {
        for role in Role::ALL {
            assert_eq!(
                may_record(role),
                matches!(role, Role::Officer | Role::AgencyHead),
                "{role:?}"
            );
        }
    }

    #[test]
    fn the_withdrawal_reason_says_who_ruled_when_and_what() {
        assert_eq!(
            withdrawal_reason(
                RemedyKind::Reconsideration,
                "临江市人民政府",
                RemedyOutcome::Revoked,
                day("2026-11-20"),
                Lang::Zh
            ),
            "临江市人民政府于2026-11-20作出行政复议决定：撤销。"
        );
        assert_eq!(
            withdrawal_reason(
                RemedyKind::Litigation,
                "Linjiang court",
                RemedyOutcome::ConfirmedInvalid,
                day("2026-11-20"),
                Lang::En
            ),
            "Linjiang court ruled on 2026-11-20 (litigation): confirmed invalid."
        );
    }
}
