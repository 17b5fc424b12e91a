//! The due dates of a case's deadlines: the bridge between what the state machine starts and
//! stops ([`DeadlineKind`], one per running limit of a case) and how the deadline module
//! computes due dates ([`crate::deadline::DeadlineKind`], a rule with its facts).
//!
//! Invariants:
//! - Every state-machine kind maps to exactly one deadline rule ([`rule_for`]); the mapping is
//!   total, so a started deadline always has a due date.
//! - Each start date is the one the mapped rule names (clue registration, filing, receipt of
//!   the review submission, service of the prior notice, the decision, service of the
//!   decision, closure).
//! - [`ScheduleFacts`] only affect [`DeadlineKind::CaseHandling`] (APL Art. 60 extensions and
//!   the days not counted); the extensions of the clue verification and the legal review are
//!   not tracked by the state machine and count as zero.
//! - Publication from a case is always of a penalty decision (7 working days, Guidance 118).
//! - Nothing here reads a clock: `today` is passed in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    calendar::WorkCalendar,
    case::DeadlineKind,
    deadline::{self, DeadlineRules, DeadlineStatus, PublicationScope},
};

/// Extra facts a due date depends on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleFacts {
    /// Approved extensions of the case-handling limit, in calendar days, in total.
    pub extension_days: u32,
    /// Days of the case-handling limit not counted (suspension, hearing, public notice,
    /// testing, appraisal), in total.
    pub suspended_days: u32,
}

/// Maps the state machine's kind to the deadline module's rule, with the facts it needs.
pub fn rule_for(kind: DeadlineKind, facts: ScheduleFacts) -> deadline::DeadlineKind {
    use deadline::DeadlineKind as Rule;
    match kind {
        DeadlineKind::ClueVerification => Rule::FilingVerification {
            extension_working_days: 0,
        },
        DeadlineKind::CaseHandling => Rule::DecisionLimit {
            extension_days: facts.extension_days,
            suspended_days: facts.suspended_days,
        },
        DeadlineKind::LegalReview => Rule::LegalReview {
            extension_working_days: 0,
        },
        DeadlineKind::StatementWindow => Rule::StatementWindow,
        DeadlineKind::HearingRequestWindow => Rule::HearingRequestWindow,
        DeadlineKind::Service => Rule::ServiceOfDecision,
        DeadlineKind::Publication => Rule::Publication {
            scope: PublicationScope::Decision,
        },
        DeadlineKind::Payment => Rule::Payment,
        DeadlineKind::Reconsideration => Rule::Reconsideration,
        DeadlineKind::Litigation => Rule::Litigation,
        DeadlineKind::SummaryRecordFiling => Rule::SummaryRecordFiling,
        DeadlineKind::Archiving => Rule::Archiving,
    }
}

/// The due date of a case deadline that started on `start`: the last day on which it is met.
pub fn due_date(
    kind: DeadlineKind,
    start: NaiveDate,
    facts: ScheduleFacts,
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
) -> NaiveDate {
    rules.due(calendar, rule_for(kind, facts), start)
}

/// The most urgent of a case's running deadlines on `today` (earliest due date), with its
/// status. Each entry pairs a kind with its **due date** (from [`due_date`]). Of deadlines due
/// on the same day the first listed wins; `None` when nothing is running.
pub fn most_urgent(
    running: &[(DeadlineKind, NaiveDate)],
    today: NaiveDate,
    rules: &DeadlineRules,
) -> Option<(DeadlineKind, DeadlineStatus)> {
    running
        .iter()
        .copied()
        .reduce(|best, next| if next.1 < best.1 { next } else { best })
        .map(|(kind, due)| (kind, rules.status(due, today)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::{Level, Period};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    /// Every state-machine kind; the match makes a new kind fail to compile until listed.
    fn every_kind() -> Vec<DeadlineKind> {
        let all = vec![
            DeadlineKind::ClueVerification,
            DeadlineKind::CaseHandling,
            DeadlineKind::LegalReview,
            DeadlineKind::StatementWindow,
            DeadlineKind::HearingRequestWindow,
            DeadlineKind::Service,
            DeadlineKind::Publication,
            DeadlineKind::Payment,
            DeadlineKind::Reconsideration,
            DeadlineKind::Litigation,
            DeadlineKind::SummaryRecordFiling,
            DeadlineKind::Archiving,
        ];
        for kind in &all {
            match kind {
                DeadlineKind::ClueVerification
                | DeadlineKind::CaseHandling
                | DeadlineKind::LegalReview
                | DeadlineKind::StatementWindow
                | DeadlineKind::HearingRequestWindow
                | DeadlineKind::Service
                | DeadlineKind::Publication
                | DeadlineKind::Payment
                | DeadlineKind::Reconsideration
                | DeadlineKind::Litigation
                | DeadlineKind::SummaryRecordFiling
                | DeadlineKind::Archiving => {}
            }
        }
        all
    }

    #[test]
    fn every_case_deadline_maps_to_its_rule() {
        use deadline::DeadlineKind as Rule;
        let facts = ScheduleFacts {
            extension_days: 30,
            suspended_days: 4,
        };
        let table = [
            (
                DeadlineKind::ClueVerification,
                Rule::FilingVerification {
                    extension_working_days: 0,
                },
            ),
            (
                DeadlineKind::CaseHandling,
                Rule::DecisionLimit {
                    extension_days: 30,
                    suspended_days: 4,
                },
            ),
            (
                DeadlineKind::LegalReview,
                Rule::LegalReview {
                    extension_working_days: 0,
                },
            ),
            (DeadlineKind::StatementWindow, Rule::StatementWindow),
            (
                DeadlineKind::HearingRequestWindow,
                Rule::HearingRequestWindow,
            ),
            (DeadlineKind::Service, Rule::ServiceOfDecision),
            (
                DeadlineKind::Publication,
                Rule::Publication {
                    scope: PublicationScope::Decision,
                },
            ),
            (DeadlineKind::Payment, Rule::Payment),
            (DeadlineKind::Reconsideration, Rule::Reconsideration),
            (DeadlineKind::Litigation, Rule::Litigation),
            (DeadlineKind::SummaryRecordFiling, Rule::SummaryRecordFiling),
            (DeadlineKind::Archiving, Rule::Archiving),
        ];
        assert_eq!(table.len(), every_kind().len());
        for (kind, rule) in table {
            assert_eq!(rule_for(kind, facts), rule, "{kind:?}");
        }
    }

    #[test]
    fn the_mapping_is_one_to_one() {
        let mut codes: Vec<&str> = every_kind()
            .into_iter()
            .map(|k| rule_for(k, ScheduleFacts::default()).code())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), every_kind().len());
    }

    #[test]
    fn facts_change_only_the_case_handling_limit() {
        let facts = ScheduleFacts {
            extension_days: 30,
            suspended_days: 10,
        };
        for kind in every_kind() {
            let with = rule_for(kind, facts);
            let without = rule_for(kind, ScheduleFacts::default());
            assert_eq!(
                with != without,
                kind == DeadlineKind::CaseHandling,
                "{kind:?}"
            );
        }
        let rules = DeadlineRules::default();
        assert_eq!(
            rules.period(rule_for(DeadlineKind::CaseHandling, facts)),
            Period::Days(130)
        );
    }

    #[test]
    fn due_dates_follow_the_china_calendar_across_national_day_2026() {
        let (rules, cal) = (DeadlineRules::default(), WorkCalendar::china());
        let none = ScheduleFacts::default();
        let extended = ScheduleFacts {
            extension_days: 30,
            suspended_days: 4,
        };
        // National Day 2026: 1–7 October off, Saturday 10 October worked; Mid-Autumn:
        // 25–27 September off.
        let table = [
            // 15 working days: 28–30 Sep, then 8 Oct onwards.
            (
                DeadlineKind::ClueVerification,
                "2026-09-24",
                none,
                "2026-10-22",
            ),
            // 90 days ends on 1 October, rolled to the first working day.
            (DeadlineKind::CaseHandling, "2026-07-03", none, "2026-10-08"),
            (
                DeadlineKind::CaseHandling,
                "2026-07-03",
                extended,
                "2026-11-04",
            ),
            (DeadlineKind::LegalReview, "2026-09-30", none, "2026-10-20"),
            (
                DeadlineKind::StatementWindow,
                "2026-09-30",
                none,
                "2026-10-13",
            ),
            (
                DeadlineKind::HearingRequestWindow,
                "2026-09-30",
                none,
                "2026-10-13",
            ),
            (DeadlineKind::Service, "2026-09-28", none, "2026-10-13"),
            (DeadlineKind::Publication, "2026-09-30", none, "2026-10-15"),
            (DeadlineKind::Payment, "2026-09-22", none, "2026-10-08"),
            (
                DeadlineKind::Reconsideration,
                "2026-08-02",
                none,
                "2026-10-08",
            ),
            (DeadlineKind::Litigation, "2026-04-01", none, "2026-10-08"),
            (
                DeadlineKind::SummaryRecordFiling,
                "2026-09-29",
                none,
                "2026-10-09",
            ),
            (
                DeadlineKind::SummaryRecordFiling,
                "2026-10-08",
                none,
                "2026-10-12",
            ),
            (DeadlineKind::Archiving, "2026-09-05", none, "2026-10-08"),
            (DeadlineKind::Archiving, "2026-03-02", none, "2026-04-01"),
        ];
        for (kind, start, facts, expected) in table {
            assert_eq!(
                due_date(kind, d(start), facts, &rules, &cal),
                d(expected),
                "{kind:?} from {start}"
            );
        }
    }

    #[test]
    fn due_dates_use_the_configured_rules() {
        let cal = WorkCalendar::china();
        let rules = DeadlineRules {
            summary_record_filing_working_days: 5,
            archiving_days: 60,
            roll_over_holidays: false,
            ..DeadlineRules::default()
        };
        let none = ScheduleFacts::default();
        let table = [
            (
                DeadlineKind::SummaryRecordFiling,
                "2026-09-29",
                "2026-10-12",
            ),
            (DeadlineKind::Archiving, "2026-08-06", "2026-10-05"),
            (DeadlineKind::CaseHandling, "2026-07-03", "2026-10-01"),
        ];
        for (kind, start, expected) in table {
            assert_eq!(
                due_date(kind, d(start), none, &rules, &cal),
                d(expected),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn the_most_urgent_deadline_is_the_one_due_first() {
        let rules = DeadlineRules::default();
        let today = d("2026-10-09");
        assert_eq!(most_urgent(&[], today, &rules), None);
        let running = [
            (DeadlineKind::CaseHandling, d("2026-11-04")),
            (DeadlineKind::StatementWindow, d("2026-10-13")),
            (DeadlineKind::HearingRequestWindow, d("2026-10-13")),
            (DeadlineKind::LegalReview, d("2026-10-20")),
        ];
        assert_eq!(
            most_urgent(&running, today, &rules),
            Some((
                DeadlineKind::StatementWindow,
                DeadlineStatus {
                    due: d("2026-10-13"),
                    days_left: 4,
                    level: Level::Ok,
                }
            ))
        );
        let (kind, status) = most_urgent(&running, d("2026-10-14"), &rules).expect("running");
        assert_eq!(kind, DeadlineKind::StatementWindow);
        assert_eq!((status.days_left, status.level), (-1, Level::Overdue));
        let single = [(DeadlineKind::Archiving, d("2026-10-08"))];
        assert_eq!(
            most_urgent(&single, d("2026-10-08"), &rules),
            Some((
                DeadlineKind::Archiving,
                rules.status(d("2026-10-08"), d("2026-10-08"))
            ))
        );
    }

    #[test]
    fn an_overdue_deadline_outranks_one_still_running() {
        let rules = DeadlineRules::default();
        let running = [
            (DeadlineKind::Payment, d("2026-10-12")),
            (DeadlineKind::Publication, d("2026-10-08")),
        ];
        let (kind, status) = most_urgent(&running, d("2026-10-10"), &rules).expect("running");
        assert_eq!(kind, DeadlineKind::Publication);
        assert_eq!(status.level, Level::Overdue);
    }

    #[test]
    fn schedule_facts_default_to_zero_and_deserialise_partially() {
        assert_eq!(
            ScheduleFacts::default(),
            ScheduleFacts {
                extension_days: 0,
                suspended_days: 0
            }
        );
        let facts: ScheduleFacts =
            serde_json::from_str(r#"{"suspended_days": 3}"#).expect("deserialise");
        assert_eq!(
            facts,
            ScheduleFacts {
                extension_days: 0,
                suspended_days: 3
            }
        );
    }
}
