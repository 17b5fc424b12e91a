//! Coercive measures (行政强制措施): seal-up and seizure (查封、扣押) under the Administrative
//! Coercion Law (《中华人民共和国行政强制法》), issue 23 item 6. Pure rules of their time limits:
//!
//! - Art. 25 ¶1: a seal-up or seizure lasts at most 30 days; in a complex case the agency's
//!   head may approve one extension of at most 30 days, told to the party in writing with its
//!   reasons.
//! - Art. 25 ¶2: time spent on testing, inspection, quarantine or technical appraisal (检测、
//!   检验、检疫或者技术鉴定) does not count, and is told to the party.
//! - Art. 69: periods of more than ten days are calendar days; the first day is not counted
//!   (the period begins the day after the decision).
//! - Art. 19: a measure taken on the spot in an emergency is reported to the head within 24
//!   hours and approved afterwards; if the head disapproves, it is lifted at once.
//! - Art. 28: it is lifted (解除) when its grounds end, among them when the limit expires.

pub mod lifecycle;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The longest seal-up or seizure, and the longest extension (Art. 25), in days.
pub const LIMIT_DAYS: u64 = 30;
/// The longest extension (Art. 25), in days.
pub const EXTENSION_DAYS: u64 = 30;
/// Hours within which an emergency measure is reported to the head (Art. 19).
pub const EMERGENCY_REPORT_HOURS: i64 = 24;

/// A testing period (检测、检验、检疫或者技术鉴定), both days included; `to` is `None` while it
/// runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestingPeriod {
    /// First day.
    pub from: NaiveDate,
    /// Last day, once known.
    pub to: Option<NaiveDate>,
}

/// What the limits of one measure depend on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MeasureFacts {
    /// The day of the decision (查封、扣押决定书).
    pub decided_on: NaiveDate,
    /// The days of the approved extension, if one was granted.
    pub extension_days: Option<u64>,
    /// Testing periods told to the party.
    pub testing: Vec<TestingPeriod>,
    /// The day it was lifted (解除), if it was.
    pub released_on: Option<NaiveDate>,
}

/// Days of testing up to `today` (a running period counts to today), overlaps counted once.
pub fn testing_days(periods: &[TestingPeriod], today: NaiveDate) -> u64 {
    let mut days = std::collections::BTreeSet::new();
    for p in periods {
        let end = p.to.unwrap_or(today).min(today);
        let mut d = p.from;
        while d <= end {
            days.insert(d);
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
    }
    u64::try_from(days.len()).unwrap_or(u64::MAX)
}

/// The last day of the measure on `today`'s knowledge: the decision day plus 30 days, plus the
/// extension, plus the testing days so far.
pub fn last_day(facts: &MeasureFacts, today: NaiveDate) -> NaiveDate {
    let days = LIMIT_DAYS
        + facts.extension_days.unwrap_or(0).min(EXTENSION_DAYS)
        + testing_days(&facts.testing, today);
    facts
        .decided_on
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the measure is past its limit and still not lifted (a supervision warning).
pub fn overdue(facts: &MeasureFacts, today: NaiveDate) -> bool {
    facts.released_on.is_none() && today > last_day(facts, today)
}

/// Why an extension is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExtensionRefusal {
    /// One extension was already granted (Art. 25 allows one).
    AlreadyExtended,
    /// More than 30 days, or none.
    BadLength {
        /// Days asked for.
        days: u64,
    },
    /// Without the head's approval.
    NotApproved,
    /// Asked for after the limit ended: the measure should have been lifted.
    LimitPassed {
        /// Its last day.
        last_day: NaiveDate,
    },
    /// Without written reasons for the party.
    NoReasons,
    /// The measure was lifted.
    Released,
}

impl ExtensionRefusal {
    /// A sentence naming the rule.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExtensionRefusal::AlreadyExtended, _) => lang
                .pick(
                    "查封、扣押期限只能延长一次（《行政强制法》第二十五条）",
                    "A seal-up or seizure may be extended once only (Administrative Coercion Law Art. 25)",
                )
                .to_owned(),
            (ExtensionRefusal::BadLength { days }, Lang::Zh) => {
                format!("延长期限为 {days} 日：须为 1 至 30 日（《行政强制法》第二十五条）")
            }
            (ExtensionRefusal::BadLength { days }, Lang::En) => format!(
                "An extension of {days} days: it must be 1 to 30 days (Administrative Coercion Law Art. 25)"
            ),
            (ExtensionRefusal::NotApproved, _) => lang
                .pick(
                    "延长查封、扣押须经行政机关负责人批准",
                    "An extension needs the approval of the agency's head",
                )
                .to_owned(),
            (ExtensionRefusal::LimitPassed { last_day }, Lang::Zh) => format!(
                "查封、扣押期限已于 {last_day} 届满，不能再延长，应当及时解除（《行政强制法》第二十八条）"
            ),
            (ExtensionRefusal::LimitPassed { last_day }, Lang::En) => format!(
                "The limit ended on {last_day}: it can no longer be extended and must be lifted (Art. 28)"
            ),
            (ExtensionRefusal::NoReasons, _) => lang
                .pick(
                    "延长决定应当书面告知当事人并说明理由：请填写理由",
                    "The party is told of an extension in writing with its reasons: give the reasons",
                )
                .to_owned(),
            (ExtensionRefusal::Released, _) => lang
                .pick(
                    "该措施已解除，不能延长",
                    "The measure was lifted: it cannot be extended",
                )
                .to_owned(),
        }
    }
}

/// Judges an extension of `days` asked for on `on`, approved or not, with its reasons.
pub fn check_extension(
    facts: &MeasureFacts,
    days: u64,
    head_approved: bool,
    reasons: &str,
    on: NaiveDate,
) -> Result<(), ExtensionRefusal> {
    if facts.released_on.is_some() {
        return Err(ExtensionRefusal::Released);
    }
    if facts.extension_days.is_some() {
        return Err(ExtensionRefusal::AlreadyExtended);
    }
    if days == 0 || days > EXTENSION_DAYS {
        return Err(ExtensionRefusal::BadLength { days });
    }
    let last = last_day(facts, on);
    if on > last {
        return Err(ExtensionRefusal::LimitPassed { last_day: last });
    }
    if !head_approved {
        return Err(ExtensionRefusal::NotApproved);
    }
    if reasons.trim().is_empty() {
        return Err(ExtensionRefusal::NoReasons);
    }
    Ok(())
}

/// When an emergency measure taken at `taken_at` must be reported to the head (Art. 19).
pub fn report_due(taken_at: DateTime<Utc>) -> DateTime<Utc> {
    taken_at + chrono::Duration::hours(EMERGENCY_REPORT_HOURS)
}

/// Whether an emergency measure was reported in time: reported no later than 24 hours after it
/// was taken (`None`: not reported yet, late once `now` is past the due time).
pub fn report_late(
    taken_at: DateTime<Utc>,
    reported_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let due = report_due(taken_at);
    match reported_at {
        Some(at) => at > due,
        None => now > due,
    }
}

/// Why a measure is lifted (Art. 28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReleaseReason {
    /// 当事人没有违法行为.
    NoViolation,
    /// 查封、扣押的场所、设施或者财物与违法行为无关.
    Unrelated,
    /// 行政机关已经对违法行为作出处理决定，不再需要查封、扣押.
    Decided,
    /// 查封、扣押期限已经届满.
    LimitExpired,
    /// 其他不再需要采取查封、扣押措施的情形.
    NoLongerNeeded,
    /// The head did not approve an emergency measure afterwards (Art. 19).
    EmergencyNotApproved,
}

impl ReleaseReason {
    /// Every reason.
    pub const ALL: [ReleaseReason; 6] = [
        ReleaseReason::NoViolation,
        ReleaseReason::Unrelated,
        ReleaseReason::Decided,
        ReleaseReason::LimitExpired,
        ReleaseReason::NoLongerNeeded,
        ReleaseReason::EmergencyNotApproved,
    ];

    /// Name for people, as the law words it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReleaseReason::NoViolation => lang.pick("当事人没有违法行为", "No violation"),
            ReleaseReason::Unrelated => lang.pick(
                "查封、扣押的场所、设施或者财物与违法行为无关",
                "Unrelated to the violation",
            ),
            ReleaseReason::Decided => lang.pick(
                "已经对违法行为作出处理决定，不再需要查封、扣押",
                "The violation was decided on",
            ),
            ReleaseReason::LimitExpired => lang.pick("查封、扣押期限已经届满", "The limit expired"),
            ReleaseReason::NoLongerNeeded => {
                lang.pick("其他不再需要采取查封、扣押措施的情形", "No longer needed")
            }
            ReleaseReason::EmergencyNotApproved => lang.pick(
                "紧急情况下当场实施的措施未获机关负责人批准",
                "The emergency measure was not approved afterwards",
            ),
        }
    }

    /// The reason that applies on its own on `today`: an expired limit.
    pub fn due(facts: &MeasureFacts, today: NaiveDate) -> Option<ReleaseReason> {
        overdue(facts, today).then_some(ReleaseReason::LimitExpired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn seized(on: &str) -> MeasureFacts {
        MeasureFacts {
            decided_on: d(on),
            ..MeasureFacts::default()
        }
    }

    #[test]
    fn thirty_days_from_the_day_after_the_decision_and_not_one_more() {
        let f = seized("2026-11-01");
        assert_eq!(last_day(&f, d("2026-11-15")), d("2026-12-01"));
        assert!(!overdue(&f, d("2026-12-01")));
        assert!(overdue(&f, d("2026-12-02")));
        let mut lifted = f;
        lifted.released_on = Some(d("2026-11-20"));
        assert!(!overdue(&lifted, d("2027-01-01")));
        assert_eq!(
            ReleaseReason::due(&seized("2026-11-01"), d("2026-12-02")),
            Some(ReleaseReason::LimitExpired)
        );
        assert_eq!(
            ReleaseReason::due(&seized("2026-11-01"), d("2026-12-01")),
            None
        );
    }

    #[test]
    fn testing_time_does_not_count_and_a_running_test_counts_to_today() {
        let mut f = seized("2026-11-01");
        f.testing = vec![TestingPeriod {
            from: d("2026-11-05"),
            to: Some(d("2026-11-14")),
        }];
        assert_eq!(testing_days(&f.testing, d("2026-12-31")), 10);
        assert_eq!(last_day(&f, d("2026-12-31")), d("2026-12-11"));
        // Overlapping periods count each day once.
        f.testing.push(TestingPeriod {
            from: d("2026-11-10"),
            to: Some(d("2026-11-16")),
        });
        assert_eq!(testing_days(&f.testing, d("2026-12-31")), 12);
        // A test still running on 2026-11-20 has taken 6 days so far.
        let running = [TestingPeriod {
            from: d("2026-11-15"),
            to: None,
        }];
        assert_eq!(testing_days(&running, d("2026-11-20")), 6);
        // A period that starts in the future counts nothing yet.
        let later = [TestingPeriod {
            from: d("2026-12-15"),
            to: Some(d("2026-12-20")),
        }];
        assert_eq!(testing_days(&later, d("2026-12-01")), 0);
    }

    #[test]
    fn one_extension_of_at_most_thirty_days_approved_in_time_with_reasons() {
        let f = seized("2026-11-01");
        let on = d("2026-11-25");
        assert_eq!(
            check_extension(&f, 30, true, "案情复杂，需进一步调查", on),
            Ok(())
        );
        assert_eq!(
            check_extension(&f, 31, true, "r", on),
            Err(ExtensionRefusal::BadLength { days: 31 })
        );
        assert_eq!(
            check_extension(&f, 0, true, "r", on),
            Err(ExtensionRefusal::BadLength { days: 0 })
        );
        assert_eq!(
            check_extension(&f, 10, false, "r", on),
            Err(ExtensionRefusal::NotApproved)
        );
        assert_eq!(
            check_extension(&f, 10, true, "  ", on),
            Err(ExtensionRefusal::NoReasons)
        );
        // On the last day still possible; the day after, the measure must be lifted instead.
        assert_eq!(check_extension(&f, 10, true, "r", d("2026-12-01")), Ok(()));
        assert_eq!(
            check_extension(&f, 10, true, "r", d("2026-12-02")),
            Err(ExtensionRefusal::LimitPassed {
                last_day: d("2026-12-01")
            })
        );
        let mut extended = f.clone();
        extended.extension_days = Some(30);
        assert_eq!(last_day(&extended, on), d("2026-12-31"));
        assert_eq!(
            check_extension(&extended, 5, true, "r", on),
            Err(ExtensionRefusal::AlreadyExtended)
        );
        let mut lifted = f;
        lifted.released_on = Some(d("2026-11-10"));
        assert_eq!(
            check_extension(&lifted, 5, true, "r", on),
            Err(ExtensionRefusal::Released)
        );
    }

    #[test]
    fn an_emergency_measure_is_reported_within_twenty_four_hours() {
        let taken = DateTime::parse_from_rfc3339("2026-12-01T15:00:00+08:00")
            .expect("time")
            .with_timezone(&Utc);
        let hours = |h| taken + chrono::Duration::hours(h);
        assert_eq!(report_due(taken), hours(24));
        assert!(!report_late(taken, Some(hours(24)), hours(30)));
        assert!(report_late(
            taken,
            Some(hours(24) + chrono::Duration::seconds(1)),
            hours(30)
        ));
        assert!(!report_late(taken, None, hours(23)));
        assert!(report_late(taken, None, hours(25)));
    }

    #[test]
    fn every_refusal_and_reason_reads_in_both_languages() {
        let d0 = d("2026-12-01");
        for r in [
            ExtensionRefusal::AlreadyExtended,
            ExtensionRefusal::BadLength { days: 31 },
            ExtensionRefusal::NotApproved,
            ExtensionRefusal::LimitPassed { last_day: d0 },
            ExtensionRefusal::NoReasons,
            ExtensionRefusal::Released,
        ] {
            assert!(r.message(Lang::Zh).chars().any(|c| c > '\u{4e00}'));
            assert!(r.message(Lang::En).is_ascii(), "{r:?}");
        }
        for r in ReleaseReason::ALL {
            assert!(r.label(Lang::Zh).chars().any(|c| c > '\u{4e00}'));
            assert!(r.label(Lang::En).is_ascii());
        }
    }
}
