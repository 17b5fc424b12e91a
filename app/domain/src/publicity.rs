//! After-the-fact publication of penalty decisions (事后公开, DOMAIN.md §1a): the publication
//! record's life, its deadline and display period, withdrawal, and the public search query.
//! Pure rules, no web or database types.
//!
//! Invariants: a record is drafted when the decision is issued, due within 7 working days; an
//! officer or head of the agency approves the redacted text before anything is public; which
//! decisions are published and the display period their penalties give are [`scope`]'s rules
//! [L], and a last day chosen by hand lies between the minimum and maximum [L]; a published
//! record is withdrawn,
//! never deleted, with the reason and its legal basis (APL Art. 48), and then shows as withdrawn;
//! a search query is bounded and its text is matched literally through the search index
//! ([`search_index`]): no wildcard or syntax of any query language reaches the database.

pub mod annual;
pub mod before;
pub mod highlight;
pub mod request;
pub mod scope;
pub mod search_index;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    calendar::WorkCalendar,
    i18n::Lang,
    role::Role,
    validate::{Field, Rule, ValidationError},
};

/// Where a publication record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationStatus {
    /// Drafted from the issued decision, waiting for the redaction to be approved.
    Draft,
    /// Public.
    Published,
    /// Withdrawn because the decision was changed, revoked or found illegal or invalid.
    Withdrawn,
}

impl PublicationStatus {
    /// Every status.
    pub const ALL: [PublicationStatus; 3] = [
        PublicationStatus::Draft,
        PublicationStatus::Published,
        PublicationStatus::Withdrawn,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationStatus::Draft => "draft",
            PublicationStatus::Published => "published",
            PublicationStatus::Withdrawn => "withdrawn",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PublicationStatus::Draft => lang.pick("待审核公开", "Awaiting approval"),
            PublicationStatus::Published => lang.pick("已公开", "Published"),
            PublicationStatus::Withdrawn => lang.pick("已撤回", "Withdrawn"),
        }
    }
}

/// Why a published decision is withdrawn (APL Art. 48).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawalBasis {
    /// The decision was changed (变更).
    Changed,
    /// The decision was revoked (撤销).
    Revoked,
    /// The decision was confirmed illegal (确认违法).
    ConfirmedIllegal,
    /// The decision was confirmed invalid (确认无效).
    ConfirmedInvalid,
    /// Not a change of the decision: the party repaired its credit and the agency accepted its
    /// request to end the display early (信用修复，提前移出). Only an accepted request withdraws
    /// on this basis, and the record's content is then no longer shown.
    CreditRepair,
}

impl WithdrawalBasis {
    /// Every basis.
    pub const ALL: [WithdrawalBasis; 5] = [
        WithdrawalBasis::Changed,
        WithdrawalBasis::Revoked,
        WithdrawalBasis::ConfirmedIllegal,
        WithdrawalBasis::ConfirmedInvalid,
        WithdrawalBasis::CreditRepair,
    ];

    /// The bases of APL Art. 48(2), which an agency head chooses when withdrawing by hand.
    pub const LEGAL: [WithdrawalBasis; 4] = [
        WithdrawalBasis::Changed,
        WithdrawalBasis::Revoked,
        WithdrawalBasis::ConfirmedIllegal,
        WithdrawalBasis::ConfirmedInvalid,
    ];

    /// Whether the withdrawn record's content is hidden from the public: always. After a
    /// withdrawal only the notice stays (number, agency, dates, the basis and its
    /// explanation); the party, the text, the fine and the public PDF go at once. A decision
    /// changed, revoked or found illegal or invalid must not stay public (APL Art. 48(2):
    /// 公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回
    /// 行政处罚决定信息并公开说明理由), and after credit repair the point is that the
    /// information is no longer shown.
    pub fn hides_record(self) -> bool {
        true
    }

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            WithdrawalBasis::Changed => "changed",
            WithdrawalBasis::Revoked => "revoked",
            WithdrawalBasis::ConfirmedIllegal => "confirmed_illegal",
            WithdrawalBasis::ConfirmedInvalid => "confirmed_invalid",
            WithdrawalBasis::CreditRepair => "credit_repair",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people, with the legal basis.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            WithdrawalBasis::Changed => lang.pick(
                "处罚决定被依法变更（《行政处罚法》第四十八条第二款）",
                "The decision was changed (APL Art. 48(2))",
            ),
            WithdrawalBasis::Revoked => lang.pick(
                "处罚决定被依法撤销（《行政处罚法》第四十八条第二款）",
                "The decision was revoked (APL Art. 48(2))",
            ),
            WithdrawalBasis::ConfirmedIllegal => lang.pick(
                "处罚决定被确认违法（《行政处罚法》第四十八条第二款）",
                "The decision was confirmed illegal (APL Art. 48(2))",
            ),
            WithdrawalBasis::ConfirmedInvalid => lang.pick(
                "处罚决定被确认无效（《行政处罚法》第四十八条第二款）",
                "The decision was confirmed invalid (APL Art. 48(2))",
            ),
            WithdrawalBasis::CreditRepair => lang.pick(
                "当事人已完成信用修复，经申请提前停止公示",
                "The party repaired its credit; the display ended early at its request",
            ),
        }
    }
}

/// The periods of publication: local rules **[L]**, so configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationRules {
    /// Working days from the decision to publication (Guidance 118: 7 for penalties).
    pub publish_working_days: u32,
    /// Shortest display period, in months: the bound of a day chosen by hand in
    /// [`display_until`], and when early removal after credit repair may first be asked for.
    pub min_display_months: u32,
    /// Longest display period chosen by hand, in months ([`display_until`]).
    pub max_display_months: u32,
    /// What is published and the display period by penalty ([`scope`]); absent from a stored
    /// configuration, the SAMR rule.
    #[serde(default)]
    pub scope: scope::PublicationScope,
}

impl Default for PublicationRules {
    fn default() -> Self {
        Self {
            publish_working_days: 7,
            min_display_months: 3,
            max_display_months: 36,
            scope: scope::PublicationScope::SAMR,
        }
    }
}

/// The day a decision made on `decided_on` must be published by.
pub fn due_on(
    decided_on: NaiveDate,
    calendar: &WorkCalendar,
    rules: &PublicationRules,
) -> NaiveDate {
    calendar.add_working_days(decided_on, rules.publish_working_days)
}

/// The last day of display for a record published on `published_on`, chosen by hand: the
/// requested day if it lies within the minimum and maximum display period, the maximum when
/// none is requested. It does not know the penalty: the period the rule gives a decision
/// (three months for a circulated criticism or a lower fine, the restriction period beyond
/// three years) is [`scope::display_months`], its last day [`scope::shown_until`].
pub fn display_until(
    published_on: NaiveDate,
    requested: Option<NaiveDate>,
    rules: &PublicationRules,
) -> Result<NaiveDate, ValidationError> {
    let earliest = published_on + Months::new(rules.min_display_months);
    let latest = published_on + Months::new(rules.max_display_months);
    match requested {
        None => Ok(latest),
        Some(day) if day < earliest || day > latest => {
            Err(ValidationError::new(Field::DisplayUntil, Rule::DateOrder))
        }
        Some(day) => Ok(day),
    }
}

/// The last day of display of a decision published on `published_on` whose period under the
/// publication rule is `legal_months` ([`scope::display_months`]: 3 months for a circulated
/// criticism or a lower fine, 3 years otherwise, a longer restriction's own length): the end
/// of that period, or an earlier day chosen by hand no sooner than the minimum period. A day
/// beyond the rule's period is refused: the rule, not the head, sets how long a decision stays
/// public (SAMR Order No. 45, Art. 13).
pub fn display_until_by_rule(
    published_on: NaiveDate,
    requested: Option<NaiveDate>,
    legal_months: u32,
    rules: &PublicationRules,
) -> Result<NaiveDate, ValidationError> {
    let latest = scope::shown_until(published_on, legal_months);
    let earliest = scope::shown_until(published_on, rules.min_display_months.min(legal_months));
    match requested {
        None => Ok(latest),
        Some(day) if day < earliest || day > latest => {
            Err(ValidationError::new(Field::DisplayUntil, Rule::DateOrder))
        }
        Some(day) => Ok(day),
    }
}

/// Whether the public sees the record today: published and within its display period, or
/// withdrawn (shown as withdrawn, with the reason).
pub fn is_public(
    status: PublicationStatus,
    display_until: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match status {
        PublicationStatus::Draft => false,
        PublicationStatus::Published => display_until.is_none_or(|d| today <= d),
        PublicationStatus::Withdrawn => true,
    }
}

/// A step on a publication record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicationStep {
    /// Approve the redacted text and publish, displayed until the given day (or the maximum).
    Approve {
        /// Requested last day of display.
        display_until: Option<NaiveDate>,
    },
    /// Withdraw a published record.
    Withdraw {
        /// Why.
        basis: Option<WithdrawalBasis>,
        /// The public explanation.
        reason: String,
    },
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicationError {
    /// The actor may not take this step.
    Forbidden,
    /// Not in this status.
    WrongStatus(PublicationStatus),
    /// Bad input.
    Invalid(ValidationError),
    /// The decision was changed, revoked, or confirmed illegal or invalid on reconsideration or
    /// in court: what it decided no longer stands, so it is not published.
    Overturned(Overturn),
}

/// A reconsideration or court result that overturned the decision a record publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overturn {
    /// Reconsideration or litigation.
    pub kind: crate::remedy::RemedyKind,
    /// The reconsideration body or court.
    pub body: String,
    /// The result.
    pub outcome: crate::remedy::RemedyOutcome,
    /// The day of the result.
    pub decided_on: NaiveDate,
}

impl Overturn {
    /// Why approval is refused, for people, e.g. `该处罚决定已被临江市人民政府于2026-11-20作出的
    /// 行政复议决定撤销，不能公开。`
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "该处罚决定已被{}于{}作出的{}{}，不能公开（《行政处罚法》第四十八条第二款）。",
                self.body,
                self.decided_on,
                match self.kind {
                    crate::remedy::RemedyKind::Reconsideration => "行政复议决定",
                    crate::remedy::RemedyKind::Litigation => "行政判决",
                },
                match self.outcome {
                    crate::remedy::RemedyOutcome::Changed => "变更",
                    crate::remedy::RemedyOutcome::ConfirmedIllegal => "确认违法",
                    crate::remedy::RemedyOutcome::ConfirmedInvalid => "确认无效",
                    _ => "撤销",
                }
            ),
            Lang::En => format!(
                "The decision was {} by {} on {} ({}): it cannot be published (APL Art. 48(2)).",
                self.outcome.label(lang).to_lowercase(),
                self.body,
                self.decided_on,
                self.kind.label(lang).to_lowercase()
            ),
        }
    }
}

/// Whether a draft may still be approved given the results recorded against its decision:
/// refused, naming the first result that overturned it (changed, revoked, confirmed illegal or
/// invalid); results that leave the decision standing do not matter.
pub fn still_standing(rulings: &[Overturn]) -> Result<(), PublicationError> {
    match rulings
        .iter()
        .find(|r| r.outcome.withdrawal_basis().is_some())
    {
        Some(r) => Err(PublicationError::Overturned(r.clone())),
        None => Ok(()),
    }
}

/// Longest withdrawal explanation, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// The status after `step` taken by an officer or head of the record's agency.
pub fn apply(
    status: PublicationStatus,
    role: Role,
    step: &PublicationStep,
) -> Result<PublicationStatus, PublicationError> {
    match step {
        PublicationStep::Approve { .. } => {
            if !matches!(role, Role::Officer | Role::AgencyHead) {
                return Err(PublicationError::Forbidden);
            }
            if status != PublicationStatus::Draft {
                return Err(PublicationError::WrongStatus(status));
            }
            Ok(PublicationStatus::Published)
        }
        PublicationStep::Withdraw { basis, reason } => {
            if role != Role::AgencyHead {
                return Err(PublicationError::Forbidden);
            }
            if status != PublicationStatus::Published {
                return Err(PublicationError::WrongStatus(status));
            }
            match basis {
                None => {
                    return Err(PublicationError::Invalid(ValidationError::new(
                        Field::WithdrawalBasis,
                        Rule::Required,
                    )));
                }
                // Only an accepted request of the party ends the display for credit repair.
                Some(b) if !WithdrawalBasis::LEGAL.contains(b) => {
                    return Err(PublicationError::Invalid(ValidationError::new(
                        Field::WithdrawalBasis,
                        Rule::OneOf,
                    )));
                }
                Some(_) => {}
            }
            crate::validate::text(Field::Reason, reason, 1, MAX_REASON_CHARS)
                .map_err(PublicationError::Invalid)?;
            Ok(PublicationStatus::Withdrawn)
        }
    }
}

/// Results per page of the public search.
pub const PAGE_SIZE: u64 = 20;
/// The longest search text, in characters; longer input is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 50;
/// The last page one may ask for.
pub const MAX_PAGE: u64 = 500;

/// A checked public search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// Words to find (each must occur), at most [`MAX_QUERY_CHARS`] characters in all.
    pub words: Vec<String>,
    /// One agency (by code).
    pub agency: Option<String>,
    /// Decided on or after.
    pub from: Option<NaiveDate>,
    /// Decided on or before.
    pub to: Option<NaiveDate>,
    /// Fine at least, in fen.
    pub fine_min: Option<i64>,
    /// Fine at most, in fen.
    pub fine_max: Option<i64>,
    /// `natural_person`, `organisation` or `individual_business`.
    pub party_kind: Option<String>,
    /// 1-based page.
    pub page: u64,
}

/// What a search form sends, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "utoipa",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
pub struct SearchInput {
    /// Free text.
    #[serde(default)]
    pub q: String,
    /// Agency code.
    #[serde(default)]
    pub agency: String,
    /// From date.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", param(pattern = r"^(\d{4}-\d{2}-\d{2})?$"))]
    pub from: String,
    /// To date.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", param(pattern = r"^(\d{4}-\d{2}-\d{2})?$"))]
    pub to: String,
    /// Minimum fine in yuan.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", param(pattern = r"^(\d{1,12}(\.\d{1,2})?)?$"))]
    pub fine_min: String,
    /// Maximum fine in yuan.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", param(pattern = r"^(\d{1,12}(\.\d{1,2})?)?$"))]
    pub fine_max: String,
    /// Party kind.
    #[serde(default)]
    #[cfg_attr(
        feature = "utoipa",
        param(pattern = r"^(natural_person|organisation|individual_business)?$")
    )]
    pub party: String,
    /// Page.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", param(pattern = r"^\d{0,9}$"))]
    pub page: String,
}

fn optional(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

/// Checks a search. The text never fails: it is split on white space, control characters are
/// dropped and it is cut to [`MAX_QUERY_CHARS`]; the filters name their field when malformed.
pub fn search(input: &SearchInput) -> Result<Search, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let cleaned: String = input
        .q
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect();
    let words: Vec<String> = cleaned
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect();
    let mut date = |s: &str, field| match optional(s) {
        None => None,
        Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(ValidationError::new(field, Rule::Date));
                None
            }
        },
    };
    let from = date(&input.from, Field::DateFrom);
    let to = date(&input.to, Field::DateTo);
    let mut money = |s: &str, field| match optional(s) {
        None => None,
        Some(v) => match crate::money::parse_yuan(v) {
            Ok(f) => Some(f),
            Err(_) => {
                errors.push(ValidationError::new(field, Rule::Amount));
                None
            }
        },
    };
    let fine_min = money(&input.fine_min, Field::FineMin);
    let fine_max = money(&input.fine_max, Field::FineMax);
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        errors.push(ValidationError::new(Field::DateTo, Rule::DateOrder));
    }
    if let (Some(a), Some(b)) = (fine_min, fine_max)
        && a > b
    {
        errors.push(ValidationError::new(Field::FineMax, Rule::RangeOrder));
    }
    let party_kind = match optional(&input.party) {
        None => None,
        Some(p @ ("natural_person" | "organisation" | "individual_business")) => Some(p.to_owned()),
        Some(_) => {
            errors.push(ValidationError::new(Field::PartyKind, Rule::OneOf));
            None
        }
    };
    let agency = optional(&input.agency).map(|a| {
        a.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(32)
            .collect::<String>()
    });
    let page = match optional(&input.page) {
        None => 1,
        Some(p) => match p.parse::<u64>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
            _ => {
                errors.push(ValidationError::new(Field::Page, Rule::OneOf));
                1
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Search {
        words,
        agency,
        from,
        to,
        fine_min,
        fine_max,
        party_kind,
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_period_by_rule_ends_when_the_rule_says_and_a_head_may_only_shorten_it() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let rules = PublicationRules::default();
        let on = d("2026-12-03");
        // (legal months, requested, result)
        let table: [(u32, Option<&str>, Result<&str, ()>); 8] = [
            (3, None, Ok("2027-03-03")),
            (36, None, Ok("2029-12-03")),
            (60, None, Ok("2031-12-03")),
            (36, Some("2027-03-03"), Ok("2027-03-03")),
            (36, Some("2027-03-02"), Err(())),
            (36, Some("2029-12-04"), Err(())),
            (3, Some("2027-03-04"), Err(())),
            (60, Some("2031-12-03"), Ok("2031-12-03")),
        ];
        for (months, requested, want) in table {
            let got = display_until_by_rule(on, requested.map(d), months, &rules);
            match want {
                Ok(day) => assert_eq!(got, Ok(d(day)), "{months} {requested:?}"),
                Err(()) => assert_eq!(
                    got,
                    Err(ValidationError::new(Field::DisplayUntil, Rule::DateOrder)),
                    "{months} {requested:?}"
                ),
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn decisions_are_due_in_seven_working_days() {
        let cal = WorkCalendar::china();
        // Tuesday 2026-12-01 + 7 working days = Thursday 2026-12-10.
        assert_eq!(
            due_on(d("2026-12-01"), &cal, &PublicationRules::default()),
            d("2026-12-10")
        );
    }

    #[test]
    fn the_display_period_lies_between_three_months_and_three_years() {
        let rules = PublicationRules::default();
        let on = d("2026-12-01");
        assert_eq!(display_until(on, None, &rules), Ok(d("2029-12-01")));
        assert_eq!(
            display_until(on, Some(d("2027-03-01")), &rules),
            Ok(d("2027-03-01"))
        );
        assert_eq!(
            display_until(on, Some(d("2029-12-01")), &rules),
            Ok(d("2029-12-01"))
        );
        for bad in ["2027-02-28", "2029-12-02", "2026-11-30"] {
            assert_eq!(
                display_until(on, Some(d(bad)), &rules),
                Err(ValidationError::new(Field::DisplayUntil, Rule::DateOrder)),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_stored_configuration_without_the_scope_reads_with_the_samr_scope() {
        let rules: PublicationRules = serde_json::from_str(
            r#"{"publish_working_days": 7, "min_display_months": 3, "max_display_months": 36}"#,
        )
        .expect("old configuration");
        assert_eq!(rules, PublicationRules::default());
        assert_eq!(rules.scope, scope::PublicationScope::SAMR);
    }

    #[test]
    fn drafts_are_never_public_withdrawn_ones_always_published_ones_while_displayed() {
        let today = d("2026-12-01");
        assert!(!is_public(PublicationStatus::Draft, None, today));
        assert!(is_public(PublicationStatus::Published, Some(today), today));
        assert!(!is_public(
            PublicationStatus::Published,
            Some(d("2026-11-30")),
            today
        ));
        assert!(is_public(
            PublicationStatus::Withdrawn,
            Some(d("2026-11-30")),
            today
        ));
    }

    #[test]
    fn every_step_in_every_status_for_every_role() {
        use PublicationStatus::*;
        let approve = PublicationStep::Approve {
            display_until: None,
        };
        let withdraw = PublicationStep::Withdraw {
            basis: Some(WithdrawalBasis::Revoked),
            reason: "复议机关撤销原处罚决定".into(),
        };
        for status in PublicationStatus::ALL {
            for role in Role::ALL {
                let officer_or_head = matches!(role, Role::Officer | Role::AgencyHead);
                let expected = if !officer_or_head {
                    Err(PublicationError::Forbidden)
                } else if status == Draft {
                    Ok(Published)
                } else {
                    Err(PublicationError::WrongStatus(status))
                };
                assert_eq!(
                    apply(status, role, &approve),
                    expected,
                    "{status:?} {role:?}"
                );
                let expected = if role != Role::AgencyHead {
                    Err(PublicationError::Forbidden)
                } else if status == Published {
                    Ok(Withdrawn)
                } else {
                    Err(PublicationError::WrongStatus(status))
                };
                assert_eq!(
                    apply(status, role, &withdraw),
                    expected,
                    "{status:?} {role:?}"
                );
            }
        }
    }

    #[test]
    fn a_withdrawal_names_its_basis_and_explains_itself() {
        let head = Role::AgencyHead;
        let status = PublicationStatus::Published;
        assert_eq!(
            apply(
                status,
                head,
                &PublicationStep::Withdraw {
                    basis: None,
                    reason: "x".into()
                }
            ),
            Err(PublicationError::Invalid(ValidationError::new(
                Field::WithdrawalBasis,
                Rule::Required
            )))
        );
        assert_eq!(
            apply(
                status,
                head,
                &PublicationStep::Withdraw {
                    basis: Some(WithdrawalBasis::Changed),
                    reason: " ".into()
                }
            ),
            Err(PublicationError::Invalid(ValidationError::new(
                Field::Reason,
                Rule::Required
            )))
        );
        for b in WithdrawalBasis::ALL {
            assert_eq!(WithdrawalBasis::parse(b.as_str()), Some(b));
            assert_eq!(
                b.label(Lang::Zh).contains("第四十八条"),
                WithdrawalBasis::LEGAL.contains(&b),
                "{b:?}"
            );
            assert!(
                b.hides_record(),
                "{b:?}: a withdrawn decision keeps only its notice"
            );
        }
        // Credit repair is not a basis an agency head picks: only an accepted request uses it.
        assert_eq!(
            apply(
                status,
                head,
                &PublicationStep::Withdraw {
                    basis: Some(WithdrawalBasis::CreditRepair),
                    reason: "已完成信用修复".into()
                }
            ),
            Err(PublicationError::Invalid(ValidationError::new(
                Field::WithdrawalBasis,
                Rule::OneOf
            )))
        );
    }

    #[test]
    fn a_draft_whose_decision_was_overturned_is_not_approved_and_the_refusal_names_the_ruling() {
        use crate::remedy::{RemedyKind, RemedyOutcome};
        let ruling = |outcome| Overturn {
            kind: RemedyKind::Reconsideration,
            body: "临江市人民政府".into(),
            outcome,
            decided_on: d("2026-11-20"),
        };
        assert_eq!(still_standing(&[]), Ok(()));
        for outcome in RemedyOutcome::ALL {
            let got = still_standing(&[ruling(RemedyOutcome::Upheld), ruling(outcome)]);
            match outcome.withdrawal_basis() {
                Some(_) => assert_eq!(
                    got,
                    Err(PublicationError::Overturned(ruling(outcome))),
                    "{outcome:?}"
                ),
                None => assert_eq!(got, Ok(()), "{outcome:?}"),
            }
        }
        let revoked = ruling(RemedyOutcome::Revoked);
        assert_eq!(
            revoked.message(Lang::Zh),
            "该处罚决定已被临江市人民政府于2026-11-20作出的行政复议决定撤销，不能公开（《行政处罚法》第四十八条第二款）。"
        );
        assert_eq!(
            revoked.message(Lang::En),
            "The decision was revoked by 临江市人民政府 on 2026-11-20 (reconsideration): it cannot be published (APL Art. 48(2))."
        );
        let changed = Overturn {
            kind: RemedyKind::Litigation,
            outcome: RemedyOutcome::Changed,
            ..revoked
        };
        assert!(changed.message(Lang::Zh).contains("行政判决变更"));
    }

    #[test]
    fn search_text_never_fails_and_filters_name_their_field() {
        let ok = search(&SearchInput {
            q: "  食品  噪 ".into(),
            ..SearchInput::default()
        })
        .expect("ok");
        assert_eq!(ok.words, vec!["食品".to_owned(), "噪".to_owned()]);
        assert_eq!(ok.page, 1);
        let long = search(&SearchInput {
            q: "字".repeat(10_000),
            ..SearchInput::default()
        })
        .expect("long");
        assert_eq!(long.words[0].chars().count(), MAX_QUERY_CHARS);
        let hostile = search(&SearchInput {
            q: "\"食品\" OR 1=1; -- %_* NEAR(a b) \u{0}".into(),
            ..SearchInput::default()
        })
        .expect("hostile text is just text");
        assert!(hostile.words.iter().all(|w| !w.contains('\u{0}')));
        let bad = search(&SearchInput {
            from: "2026-13-01".into(),
            fine_min: "abc".into(),
            party: "robot".into(),
            page: "0".into(),
            ..SearchInput::default()
        })
        .expect_err("bad filters");
        let fields: Vec<Field> = bad.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::DateFrom,
                Field::FineMin,
                Field::PartyKind,
                Field::Page
            ]
        );
        let order = search(&SearchInput {
            from: "2026-12-01".into(),
            to: "2026-11-01".into(),
            fine_min: "500".into(),
            fine_max: "100".into(),
            ..SearchInput::default()
        })
        .expect_err("reversed ranges");
        assert_eq!(
            order,
            vec![
                ValidationError::new(Field::DateTo, Rule::DateOrder),
                ValidationError::new(Field::FineMax, Rule::RangeOrder)
            ]
        );
        let f = search(&SearchInput {
            fine_min: "1,000".into(),
            agency: "SCJG'--".into(),
            ..SearchInput::default()
        })
        .expect("ok");
        assert_eq!(f.fine_min, Some(100_000));
        assert_eq!(f.agency.as_deref(), Some("SCJG--"));
    }
}
