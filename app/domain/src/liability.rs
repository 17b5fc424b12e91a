//! Who may be punished and how much: the party's age at the time of the act (APL Art. 30) and
//! the party's earlier decisions (APL Art. 29, Art. 33 ¶1 first-violation waiver).
//!
//! Invariants:
//! - Everything here is a pure function of dates and data passed in; nothing reads a clock.
//! - Ages are counted in **周岁** as Chinese law counts them: by the Gregorian calendar, and a
//!   person completes N 周岁 only **from the day after** the N-th birthday (最高人民法院《关于审理
//!   未成年人刑事案件具体应用法律若干问题的解释》法释〔2006〕1号 Art. 2: "周岁，按照公历的年、月、日
//!   计算，从周岁生日的第二天起算"). The APL has no rule of its own; administrative practice
//!   (public security and market regulation) follows the same reading, and it is the one in the
//!   party's favour: on the 14th birthday itself the party is still under 14 (not punishable),
//!   on the 18th birthday still a minor (lighter penalty, never published).
//! - A birthday on 29 February falls, in a common year, on the last day of February (民法典
//!   Art. 202: a period counted in years ends on the corresponding day of the month, or the
//!   month's last day when there is none), so the age is complete from 1 March.
//! - A person's birth date is read only from a number that encodes it by GB 11643 (the resident
//!   ID and the residence permit of Hong Kong, Macao and Taiwan residents, digits 7–14); every
//!   other identity document needs an explicit birth date (see [`crate::party`]).
//! - The history rules look only at the decisions they are given: the caller passes the same
//!   party's earlier decisions that still stand and found the violation established (a decision
//!   revoked or confirmed void, or one that found no violation, is left out).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{i18n::Lang, validate::IdNumber};

/// The age (周岁) from which a party may be punished (APL Art. 30: 不满十四周岁 → no penalty).
pub const AGE_OF_RESPONSIBILITY: u32 = 14;
/// The age (周岁) from which a party is punished in full (APL Art. 30: 已满十四周岁不满十八周岁 →
/// lighter or mitigated penalty).
pub const AGE_OF_MAJORITY: u32 = 18;

/// The birth date in a GB 11643 number (居民身份证号码, or 港澳台居民居住证号码 which uses the same
/// standard): digits 7–14 as `YYYYMMDD`. `None` unless the whole number passes GB 11643
/// (length, characters, date and check digit, see [`crate::validate::IdNumber`]).
pub fn birth_date(id: &str) -> Option<NaiveDate> {
    IdNumber::parse(id).ok()?.birth_date()
}

/// The full years (周岁) completed on `day` by a person born on `birth`, counted as Chinese law
/// counts them (see the module invariants): the N-th year is complete only from the day after
/// the N-th birthday, and a 29 February birthday falls on 28 February in a common year. Zero
/// when `day` is not after `birth`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = u32::try_from(day.year() - birth.year()).unwrap_or(0);
    while years > 0 && anniversary(birth, years).is_none_or(|n| n >= day) {
        years -= 1;
    }
    years
}

/// The `years`-th birthday of a person born on `birth` (28 February for a 29 February birth in
/// a common year: chrono clamps to the month's last day), `None` beyond chrono's range.
fn anniversary(birth: NaiveDate, years: u32) -> Option<NaiveDate> {
    birth.checked_add_months(Months::new(years.checked_mul(12)?))
}

/// How the party's age at the time of the act bounds the penalty (APL Art. 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeResponsibility {
    /// Under 14 (不满十四周岁): no penalty (不予行政处罚); the guardian is ordered to discipline
    /// the minor (责令监护人加以管教).
    NotPunishable,
    /// 14 to under 18 (已满十四周岁不满十八周岁): a lighter or mitigated penalty (从轻或者减轻行政
    /// 处罚), mandatory.
    Lighter,
    /// 18 or over: ordinary responsibility.
    Full,
}

impl AgeResponsibility {
    /// Whether the party was a minor at the time of the act. A decision whose party was a minor
    /// is never published (DOMAIN.md: minors' cases are excluded from publication; 未成年人
    /// 保护法 Art. 103), even when the decision is made after the 18th birthday.
    pub fn is_minor(self) -> bool {
        !matches!(self, AgeResponsibility::Full)
    }

    /// Whether a decision against the party may be published (the opposite of
    /// [`Self::is_minor`]).
    pub fn may_be_published(self) -> bool {
        !self.is_minor()
    }

    /// The rule in the user's language, for the case file and the decision.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AgeResponsibility::NotPunishable => lang.pick(
                "不满十四周岁，不予行政处罚，责令监护人加以管教（《行政处罚法》第三十条）",
                "Under 14: no penalty; the guardian is ordered to discipline the minor (APL Art. 30)",
            ),
            AgeResponsibility::Lighter => lang.pick(
                "已满十四周岁不满十八周岁，应当从轻或者减轻行政处罚（《行政处罚法》第三十条）",
                "Aged 14 to under 18: the penalty must be lighter or mitigated (APL Art. 30)",
            ),
            AgeResponsibility::Full => lang.pick("已满十八周岁", "Aged 18 or over"),
        }
    }
}

/// The responsibility of a natural person born on `birth` for an act committed on `act_on`
/// (APL Art. 30): the age is the one **at the time of the act**, in 周岁 as [`age_on`] counts
/// them, so the 14th and 18th birthdays themselves still count as under 14 and under 18.
pub fn responsibility(birth: NaiveDate, act_on: NaiveDate) -> AgeResponsibility {
    match age_on(birth, act_on) {
        age if age < AGE_OF_RESPONSIBILITY => AgeResponsibility::NotPunishable,
        age if age < AGE_OF_MAJORITY => AgeResponsibility::Lighter,
        _ => AgeResponsibility::Full,
    }
}

/// One earlier decision against the same party, as the history rules need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorDecision {
    /// The day the decision was made.
    pub decided_on: NaiveDate,
    /// The key of the violated provision (违法条款), compared verbatim: the caller normalises
    /// it (the same key the discretion standard uses).
    pub provision: String,
    /// Whether the decision imposed a fine (罚款).
    pub fined: bool,
    /// The identifier of the illegal act the decision punished, when known (the same act may
    /// come back in a new case, e.g. after a revocation with an order to decide again).
    pub act: Option<String>,
}

/// The look-back window of the first-violation waiver (首违不罚) **[L]**.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstViolationPolicy {
    /// How many months before the current act an earlier decision for the same violation still
    /// makes the act a repeat; `None` means without limit (any earlier decision counts).
    pub look_back_months: Option<u32>,
}

impl FirstViolationPolicy {
    /// The default window: 24 months. SAMR's lists (国市监法〔2025〕10号, explained at its
    /// 2025-12-16 press conference) define 首违 as no record of a violation of the same kind
    /// within two years; the APL itself sets no window and several local lists set none or
    /// another period, hence configurable.
    pub const DEFAULT_LOOK_BACK_MONTHS: u32 = 24;
}

impl Default for FirstViolationPolicy {
    fn default() -> Self {
        Self {
            look_back_months: Some(Self::DEFAULT_LOOK_BACK_MONTHS),
        }
    }
}

/// Why the first-violation waiver cannot apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum WaiverRefused {
    /// The party already has a decision for a violation of the same provision inside the
    /// look-back window.
    #[error("earlier decision for the same violation on {decided_on}")]
    EarlierViolation {
        /// The day of the latest such decision.
        decided_on: NaiveDate,
    },
}

impl WaiverRefused {
    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WaiverRefused::EarlierViolation { decided_on }, Lang::Zh) => format!(
                "当事人已于 {decided_on} 因同一违法行为类型受到处理，不属于首次违法，不适用首违不罚（《行政处罚法》第三十三条第一款）"
            ),
            (WaiverRefused::EarlierViolation { decided_on }, Lang::En) => format!(
                "the party was already dealt with for a violation of the same kind on {decided_on}: not a first violation, so the first-violation waiver does not apply (APL Art. 33 ¶1)"
            ),
        }
    }
}

/// Whether the first-violation waiver (首违不罚, APL Art. 33 ¶1: 初次违法且危害后果轻微并及时改正
/// 的，可以不予行政处罚) may apply to an act committed on `act_on` against `provision`, as far as
/// the party's history goes (harm and correction are judged elsewhere).
///
/// Refused when `history` holds a decision for the same provision made on or after the first
/// day of the look-back window (`act_on` minus [`FirstViolationPolicy::look_back_months`]; a
/// 29 February start falls on 28 February), or at any time after the act. Decisions about the
/// same illegal act (`act`, when both are known) are not earlier violations and are ignored.
pub fn first_violation_waiver_allowed(
    history: &[PriorDecision],
    provision: &str,
    act_on: NaiveDate,
    act: Option<&str>,
    policy: &FirstViolationPolicy,
) -> Result<(), WaiverRefused> {
    let window_start = policy
        .look_back_months
        .and_then(|months| act_on.checked_sub_months(Months::new(months)));
    let latest = history
        .iter()
        .filter(|p| p.provision == provision)
        .filter(|p| !matches!((act, p.act.as_deref()), (Some(a), Some(b)) if a == b))
        .filter(|p| window_start.is_none_or(|start| p.decided_on >= start))
        .map(|p| p.decided_on)
        .max();
    match latest {
        Some(decided_on) => Err(WaiverRefused::EarlierViolation { decided_on }),
        None => Ok(()),
    }
}

/// The key that identifies one illegal act across cases for [`second_fine_refused`]: the
/// provision it violates and the day it was committed (or began). Two cases against the same
/// party with the same key are about the same act; a continuing act is keyed by its start.
pub fn act_key(provision_violated: &str, act_on: NaiveDate) -> String {
    format!("{}@{act_on}", provision_violated.trim())
}

/// Whether a fine for the illegal act `act` must be refused because an earlier decision
/// already fined the party for the same act (一事不再罚, APL Art. 29: 对当事人的同一个违法行为，
/// 不得给予两次以上罚款的行政处罚). Only a second **fine** is barred; an earlier decision
/// without a fine, or about another act, does not count.
pub fn second_fine_refused(history: &[PriorDecision], act: &str) -> bool {
    history
        .iter()
        .any(|p| p.fined && p.act.as_deref() == Some(act))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn birth_date_is_read_from_digits_seven_to_fourteen_of_a_valid_number() {
        let table = [
            ("11010519491231002X", Some("1949-12-31")),
            ("11010519491231002x", Some("1949-12-31")),
            (" 11010519491231002X ", Some("1949-12-31")),
            ("110101199003071516", Some("1990-03-07")),
            // A residence permit of a Hong Kong resident (GB 11643, address code 810000).
            ("810000199408230021", Some("1994-08-23")),
            ("110105194912310021", None),
            ("110105194913310021", None),
            ("1101051949123100", None),
            ("", None),
            ("E12345678", None),
        ];
        for (id, born) in table {
            assert_eq!(birth_date(id), born.map(d), "{id:?}");
        }
    }

    #[test]
    fn age_on_counts_full_years_from_the_day_after_each_birthday() {
        let table = [
            ("2010-06-15", "2010-06-15", 0),
            ("2010-06-15", "2009-01-01", 0),
            ("2010-06-15", "2011-06-15", 0),
            ("2010-06-15", "2011-06-16", 1),
            ("2010-06-15", "2024-06-14", 13),
            ("2010-06-15", "2024-06-15", 13),
            ("2010-06-15", "2024-06-16", 14),
            ("2010-06-15", "2025-01-01", 14),
            ("2010-12-31", "2024-12-31", 13),
            ("2010-12-31", "2025-01-01", 14),
            ("1949-12-31", "2026-03-01", 76),
        ];
        for (birth, day, age) in table {
            assert_eq!(age_on(d(birth), d(day)), age, "{birth} on {day}");
        }
    }

    #[test]
    fn age_on_puts_a_29_february_birthday_on_28_february_in_common_years() {
        let table = [
            ("2008-02-29", "2022-02-28", 13),
            ("2008-02-29", "2022-03-01", 14),
            ("2008-02-29", "2024-02-28", 15),
            ("2008-02-29", "2024-02-29", 15),
            ("2008-02-29", "2024-03-01", 16),
            ("2008-02-29", "2026-02-28", 17),
            ("2008-02-29", "2026-03-01", 18),
        ];
        for (birth, day, age) in table {
            assert_eq!(age_on(d(birth), d(day)), age, "{birth} on {day}");
        }
    }

    #[test]
    fn responsibility_by_age_at_the_act_turns_the_day_after_the_14th_and_18th_birthdays() {
        use AgeResponsibility::*;
        let born = d("2010-06-15");
        let table = [
            ("2010-06-16", NotPunishable),
            ("2024-06-14", NotPunishable),
            ("2024-06-15", NotPunishable),
            ("2024-06-16", Lighter),
            ("2028-06-14", Lighter),
            ("2028-06-15", Lighter),
            ("2028-06-16", Full),
            ("2060-01-01", Full),
        ];
        for (act_on, expected) in table {
            assert_eq!(responsibility(born, d(act_on)), expected, "{act_on}");
        }
        let leap = d("2008-02-29");
        assert_eq!(responsibility(leap, d("2022-02-28")), NotPunishable);
        assert_eq!(responsibility(leap, d("2022-03-01")), Lighter);
        assert_eq!(responsibility(leap, d("2026-02-28")), Lighter);
        assert_eq!(responsibility(leap, d("2026-03-01")), Full);
    }

    #[test]
    fn responsibility_keeps_every_minor_out_of_publication() {
        use AgeResponsibility::*;
        for (r, minor) in [(NotPunishable, true), (Lighter, true), (Full, false)] {
            assert_eq!(r.is_minor(), minor, "{r:?}");
            assert_eq!(r.may_be_published(), !minor, "{r:?}");
            assert!(!r.label(Lang::Zh).is_empty());
            assert!(r.label(Lang::En).is_ascii());
        }
        assert!(NotPunishable.label(Lang::Zh).contains("第三十条"));
        assert!(Lighter.label(Lang::En).contains("Art. 30"));
    }

    fn prior(decided_on: &str, provision: &str, fined: bool, act: Option<&str>) -> PriorDecision {
        PriorDecision {
            decided_on: d(decided_on),
            provision: provision.into(),
            fined,
            act: act.map(Into::into),
        }
    }

    const FOOD: &str = "食品安全法第一百二十六条";
    const AD: &str = "广告法第五十五条";

    #[test]
    fn first_violation_waiver_allowed_with_no_earlier_decision_for_the_same_provision() {
        let policy = FirstViolationPolicy::default();
        assert_eq!(policy.look_back_months, Some(24));
        let act_on = d("2026-03-10");
        assert_eq!(
            first_violation_waiver_allowed(&[], FOOD, act_on, None, &policy),
            Ok(())
        );
        let other = [prior("2026-01-05", AD, true, Some("act-1"))];
        assert_eq!(
            first_violation_waiver_allowed(&other, FOOD, act_on, None, &policy),
            Ok(())
        );
    }

    #[test]
    fn first_violation_waiver_allowed_counts_back_24_months_from_the_act_by_default() {
        let policy = FirstViolationPolicy::default();
        let act_on = d("2026-03-10");
        let refused = |on: &str| Err(WaiverRefused::EarlierViolation { decided_on: d(on) });
        let table = [
            ("2024-03-09", Ok(())),
            ("2024-03-10", refused("2024-03-10")),
            ("2025-12-31", refused("2025-12-31")),
            ("2026-03-10", refused("2026-03-10")),
            // Decided after the act (the earlier violation was still being handled).
            ("2026-04-01", refused("2026-04-01")),
        ];
        for (decided_on, expected) in table {
            let history = [prior(decided_on, FOOD, false, None)];
            assert_eq!(
                first_violation_waiver_allowed(&history, FOOD, act_on, None, &policy),
                expected,
                "{decided_on}"
            );
        }
        // A window start on 29 February falls on 28 February in a common year.
        let leap_act = d("2028-02-29");
        for (decided_on, allowed) in [("2026-02-27", true), ("2026-02-28", false)] {
            let history = [prior(decided_on, FOOD, false, None)];
            assert_eq!(
                first_violation_waiver_allowed(&history, FOOD, leap_act, None, &policy).is_ok(),
                allowed,
                "{decided_on}"
            );
        }
    }

    #[test]
    fn first_violation_waiver_allowed_reports_the_latest_earlier_decision() {
        let history = [
            prior("2025-01-01", FOOD, true, None),
            prior("2025-09-01", FOOD, false, None),
            prior("2025-05-01", FOOD, true, None),
        ];
        assert_eq!(
            first_violation_waiver_allowed(
                &history,
                FOOD,
                d("2026-03-10"),
                None,
                &FirstViolationPolicy::default()
            ),
            Err(WaiverRefused::EarlierViolation {
                decided_on: d("2025-09-01")
            })
        );
    }

    #[test]
    fn first_violation_waiver_allowed_window_is_configurable_or_unlimited() {
        let act_on = d("2026-03-10");
        let history = [prior("2016-01-01", FOOD, false, None)];
        let unlimited = FirstViolationPolicy {
            look_back_months: None,
        };
        assert!(first_violation_waiver_allowed(&history, FOOD, act_on, None, &unlimited).is_err());
        let one_year = FirstViolationPolicy {
            look_back_months: Some(12),
        };
        for (decided_on, allowed) in [("2025-03-09", true), ("2025-03-10", false)] {
            let history = [prior(decided_on, FOOD, false, None)];
            assert_eq!(
                first_violation_waiver_allowed(&history, FOOD, act_on, None, &one_year).is_ok(),
                allowed,
                "{decided_on}"
            );
        }
    }

    #[test]
    fn first_violation_waiver_allowed_ignores_decisions_about_the_same_act() {
        let policy = FirstViolationPolicy::default();
        let act_on = d("2026-03-10");
        let history = [prior("2026-02-01", FOOD, true, Some("act-7"))];
        assert_eq!(
            first_violation_waiver_allowed(&history, FOOD, act_on, Some("act-7"), &policy),
            Ok(())
        );
        assert!(
            first_violation_waiver_allowed(&history, FOOD, act_on, Some("act-8"), &policy).is_err()
        );
        assert!(first_violation_waiver_allowed(&history, FOOD, act_on, None, &policy).is_err());
    }

    #[test]
    fn first_violation_waiver_refusal_has_messages_in_both_languages() {
        let e = WaiverRefused::EarlierViolation {
            decided_on: d("2025-09-01"),
        };
        assert!(e.message(Lang::Zh).contains("2025-09-01"));
        assert!(e.message(Lang::Zh).contains("第三十三条"));
        assert!(e.message(Lang::En).contains("Art. 33"));
        assert_eq!(
            serde_json::to_value(&e).expect("serialise"),
            serde_json::json!({"reason": "earlier_violation", "decided_on": "2025-09-01"})
        );
    }

    #[test]
    fn second_fine_refused_only_after_a_fine_for_the_same_act() {
        let table: [(&[PriorDecision], bool); 6] = [
            (&[], false),
            (&[prior("2026-01-01", FOOD, true, Some("act-1"))], true),
            (&[prior("2026-01-01", FOOD, false, Some("act-1"))], false),
            (&[prior("2026-01-01", FOOD, true, Some("act-2"))], false),
            (&[prior("2026-01-01", FOOD, true, None)], false),
            (
                &[
                    prior("2025-01-01", AD, false, Some("act-1")),
                    prior("2026-01-01", FOOD, true, Some("act-1")),
                ],
                true,
            ),
        ];
        for (i, (history, refused)) in table.into_iter().enumerate() {
            assert_eq!(second_fine_refused(history, "act-1"), refused, "row {i}");
        }
    }
}
