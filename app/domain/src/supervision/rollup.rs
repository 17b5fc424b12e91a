//! Running totals of the statistics (统计汇总): what one case adds to the rows of the
//! supervision statistics, so that the database keeps per-month totals up to date in the unit
//! of work that changes the case, and the dashboard reads a few hundred rows instead of adding
//! up a million cases on every request.
//!
//! A case contributes [`CaseFacts::counts`] to one row per dimension and month received: its
//! agency's row, its enforcement matter's row (or the "none yet" row) and one row for each
//! officer assigned to it (not recused). When a case changes, [`delta`] gives what to subtract
//! and add, so the totals always equal the sum over the cases' current facts.
//!
//! One part cannot be kept as a running total because it changes with the calendar, not with a
//! write: a running deadline that passes its due date makes a case overdue. The facts keep the
//! earliest such due date ([`CaseFacts::running_due`]); [`CaseFacts::overdue_on`] decides on a
//! given day, and the totals count only the overdue that is settled (a deadline met late).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::figures::Counts;

/// A kind of row kept as running totals (months are read from the agency rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RollupDimension {
    /// One row per agency.
    Agency,
    /// One row per officer assigned to the case.
    Officer,
    /// One row per enforcement matter (discretion standard), or [`NO_MATTER`].
    Matter,
}

impl RollupDimension {
    /// Every kept dimension.
    pub const ALL: [RollupDimension; 3] = [
        RollupDimension::Agency,
        RollupDimension::Officer,
        RollupDimension::Matter,
    ];

    /// Machine name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RollupDimension::Agency => "agency",
            RollupDimension::Officer => "officer",
            RollupDimension::Matter => "matter",
        }
    }
}

/// The key of the matter row of cases without a discretion standard applied yet.
pub const NO_MATTER: &str = "none";

/// One row of running totals.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RollupKey {
    /// What the row stands for.
    pub dimension: RollupDimension,
    /// The agency, officer or matter id as text, or [`NO_MATTER`].
    pub key: String,
    /// The agency of the cases counted (every row belongs to one agency, so a request for some
    /// agencies reads only theirs).
    pub agency_id: i32,
    /// The month the cases were received, `YYYY-MM`.
    pub month: String,
}

/// What the statistics need to know of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    /// The agency handling it.
    pub agency_id: i32,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The discretion standard applied, if any.
    pub matter: Option<i32>,
    /// The officers assigned and not recused, ascending, without repeats.
    pub officers: Vec<i32>,
    /// The day it was closed.
    pub closed_on: Option<NaiveDate>,
    /// Decided with a penalty.
    pub penalty: bool,
    /// Decided without a penalty.
    pub no_penalty: bool,
    /// The fine decided, in fen (counted only with a penalty).
    pub fine_fen: i64,
    /// Legal review rounds approved.
    pub reviews_passed: i64,
    /// Legal review rounds returned.
    pub reviews_returned: i64,
    /// A hearing was held.
    pub hearing: bool,
    /// A deadline binding the agency ended after its due date.
    pub overdue_settled: bool,
    /// The earliest due date of the running deadlines binding the agency.
    pub running_due: Option<NaiveDate>,
}

/// The month of a day, `YYYY-MM`, as the statistics group by.
pub fn month_of(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

impl CaseFacts {
    /// Whether the case counts as overdue on `today`: a binding deadline met late, or one still
    /// running past its due date.
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        self.overdue_settled || self.running_due.is_some_and(|due| due < today)
    }

    /// What the case adds to each of its rows (the overdue part only when settled).
    pub fn counts(&self) -> Counts {
        let closed = self.closed_on.is_some();
        Counts {
            opened: 1,
            closed: i64::from(closed),
            penalties: i64::from(self.penalty),
            no_penalties: i64::from(self.no_penalty),
            fines_fen: if self.penalty { self.fine_fen } else { 0 },
            handling_days: self
                .closed_on
                .map_or(0, |c| (c - self.received_on).num_days()),
            reviews_passed: self.reviews_passed,
            reviews_returned: self.reviews_returned,
            hearings: i64::from(self.hearing),
            complaints: 0,
            overdue: i64::from(self.overdue_settled),
        }
    }

    /// The keys of the rows the case counts in, one per dimension (one per officer).
    pub fn keys(&self) -> Vec<RollupKey> {
        let month = month_of(self.received_on);
        let key = |dimension, key: String| RollupKey {
            dimension,
            key,
            agency_id: self.agency_id,
            month: month.clone(),
        };
        let mut keys = vec![
            key(RollupDimension::Agency, self.agency_id.to_string()),
            key(
                RollupDimension::Matter,
                self.matter
                    .map_or_else(|| NO_MATTER.to_owned(), |m| m.to_string()),
            ),
        ];
        let mut officers = self.officers.clone();
        officers.sort_unstable();
        officers.dedup();
        keys.extend(
            officers
                .into_iter()
                .map(|o| key(RollupDimension::Officer, o.to_string())),
        );
        keys
    }
}

/// Counts with every figure negated (to take a case's old contribution away).
fn negated(c: &Counts) -> Counts {
    Counts {
        opened: -c.opened,
        closed: -c.closed,
        penalties: -c.penalties,
        no_penalties: -c.no_penalties,
        fines_fen: -c.fines_fen,
        handling_days: -c.handling_days,
        reviews_passed: -c.reviews_passed,
        reviews_returned: -c.reviews_returned,
        hearings: -c.hearings,
        complaints: -c.complaints,
        overdue: -c.overdue,
    }
}

/// What to add to the running totals when a case's facts change from `old` to `new` (`None`:
/// the case was not counted / is no longer counted). Rows whose change is zero are left out,
/// so an unchanged case writes nothing.
pub fn delta(old: Option<&CaseFacts>, new: Option<&CaseFacts>) -> Vec<(RollupKey, Counts)> {
    let mut out: BTreeMap<RollupKey, Counts> = BTreeMap::new();
    if let Some(old) = old {
        let minus = negated(&old.counts());
        for k in old.keys() {
            out.entry(k).or_default().add(&minus);
        }
    }
    if let Some(new) = new {
        let plus = new.counts();
        for k in new.keys() {
            out.entry(k).or_default().add(&plus);
        }
    }
    out.into_iter()
        .filter(|(_, c)| *c != Counts::default())
        .collect()
}

/// The running totals of a set of cases, from scratch (for a rebuild, and what the
/// incremental totals must equal).
pub fn totals<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>) -> BTreeMap<RollupKey, Counts> {
    let mut out: BTreeMap<RollupKey, Counts> = BTreeMap::new();
    for case in cases {
        let c = case.counts();
        for k in case.keys() {
            out.entry(k).or_default().add(&c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn open_case() -> CaseFacts {
        CaseFacts {
            agency_id: 1,
            received_on: day("2026-03-31"),
            matter: None,
            officers: vec![7, 5],
            closed_on: None,
            penalty: false,
            no_penalty: false,
            fine_fen: 0,
            reviews_passed: 0,
            reviews_returned: 0,
            hearing: false,
            overdue_settled: false,
            running_due: None,
        }
    }

    fn decided_case() -> CaseFacts {
        CaseFacts {
            matter: Some(3),
            closed_on: Some(day("2026-05-10")),
            penalty: true,
            fine_fen: 500_000,
            reviews_passed: 1,
            reviews_returned: 1,
            hearing: true,
            ..open_case()
        }
    }

    fn apply(totals: &mut BTreeMap<RollupKey, Counts>, changes: Vec<(RollupKey, Counts)>) {
        for (k, c) in changes {
            totals.entry(k).or_default().add(&c);
        }
        totals.retain(|_, c| *c != Counts::default());
    }

    #[test]
    fn a_case_counts_once_in_its_agency_its_matter_and_each_officer_in_its_month() {
        let keys = open_case().keys();
        let shown: Vec<(RollupDimension, &str, &str)> = keys
            .iter()
            .map(|k| (k.dimension, k.key.as_str(), k.month.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (RollupDimension::Agency, "1", "2026-03"),
                (RollupDimension::Matter, NO_MATTER, "2026-03"),
                (RollupDimension::Officer, "5", "2026-03"),
                (RollupDimension::Officer, "7", "2026-03"),
            ]
        );
        assert!(keys.iter().all(|k| k.agency_id == 1));
    }

    #[test]
    fn an_officer_listed_twice_is_counted_once() {
        let case = CaseFacts {
            officers: vec![5, 5, 7],
            ..open_case()
        };
        assert_eq!(case.keys().len(), 4);
    }

    #[test]
    fn the_counts_follow_the_figures_definitions() {
        let c = decided_case().counts();
        assert_eq!(
            c,
            Counts {
                opened: 1,
                closed: 1,
                penalties: 1,
                no_penalties: 0,
                fines_fen: 500_000,
                handling_days: 40,
                reviews_passed: 1,
                reviews_returned: 1,
                hearings: 1,
                complaints: 0,
                overdue: 0,
            }
        );
        let open = open_case().counts();
        assert_eq!((open.opened, open.closed, open.handling_days), (1, 0, 0));
    }

    #[test]
    fn a_fine_counts_only_with_a_penalty_decision() {
        let case = CaseFacts {
            penalty: false,
            no_penalty: true,
            fine_fen: 900,
            ..decided_case()
        };
        assert_eq!(case.counts().fines_fen, 0);
        assert_eq!(case.counts().no_penalties, 1);
    }

    #[test]
    fn overdue_is_settled_at_once_and_running_only_from_the_day_after_the_due_date() {
        let running = CaseFacts {
            running_due: Some(day("2026-06-30")),
            ..open_case()
        };
        assert!(!running.overdue_on(day("2026-06-29")));
        assert!(!running.overdue_on(day("2026-06-30")));
        assert!(running.overdue_on(day("2026-07-01")));
        assert_eq!(
            running.counts().overdue,
            0,
            "the calendar part is not a total"
        );
        let settled = CaseFacts {
            overdue_settled: true,
            ..open_case()
        };
        assert!(settled.overdue_on(day("2020-01-01")));
        assert_eq!(settled.counts().overdue, 1);
        assert!(!open_case().overdue_on(day("2030-01-01")));
    }

    #[test]
    fn months_are_zero_padded_so_that_text_order_is_calendar_order() {
        assert_eq!(month_of(day("2026-01-05")), "2026-01");
        assert!(month_of(day("2026-09-30")) < month_of(day("2026-10-01")));
    }

    #[test]
    fn an_unchanged_case_writes_nothing() {
        let c = decided_case();
        assert!(delta(Some(&c), Some(&c)).is_empty());
        assert!(delta(None, None).is_empty());
    }

    #[test]
    fn a_new_case_adds_its_counts_to_each_of_its_rows() {
        let c = decided_case();
        let d = delta(None, Some(&c));
        assert_eq!(d.len(), 4);
        assert!(d.iter().all(|(_, counts)| *counts == c.counts()));
    }

    #[test]
    fn a_change_moves_counts_between_rows_and_leaves_untouched_rows_out() {
        let before = open_case();
        let after = CaseFacts {
            officers: vec![5, 9],
            matter: Some(3),
            ..before.clone()
        };
        let d = delta(Some(&before), Some(&after));
        let mut rows: Vec<(&str, &str, i64)> = d
            .iter()
            .map(|(k, c)| (k.dimension.as_str(), k.key.as_str(), c.opened))
            .collect();
        rows.sort_unstable();
        assert_eq!(
            rows,
            vec![
                ("matter", "3", 1),
                ("matter", NO_MATTER, -1),
                ("officer", "7", -1),
                ("officer", "9", 1),
            ]
        );
    }

    #[test]
    fn closing_a_case_changes_only_the_figures_that_moved() {
        let before = open_case();
        let after = CaseFacts {
            closed_on: Some(day("2026-04-30")),
            no_penalty: true,
            ..before.clone()
        };
        let d = delta(Some(&before), Some(&after));
        assert_eq!(d.len(), 4);
        for (_, c) in d {
            assert_eq!(
                c,
                Counts {
                    closed: 1,
                    no_penalties: 1,
                    handling_days: 30,
                    ..Counts::default()
                }
            );
        }
    }

    #[test]
    fn a_case_moved_to_another_month_or_agency_leaves_its_old_rows_empty() {
        let before = decided_case();
        let after = CaseFacts {
            agency_id: 2,
            received_on: day("2026-04-01"),
            ..before.clone()
        };
        let mut t = totals([&before]);
        apply(&mut t, delta(Some(&before), Some(&after)));
        assert_eq!(t, totals([&after]));
        assert!(t.keys().all(|k| k.agency_id == 2 && k.month == "2026-04"));
    }

    /// Any sequence of changes to any cases, applied as deltas, ends where totals from scratch
    /// of the final facts are: the invariant the database's running totals rely on.
    #[test]
    fn running_totals_always_equal_totals_from_scratch() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut cases: Vec<Option<CaseFacts>> = vec![None; 12];
        let mut running: BTreeMap<RollupKey, Counts> = BTreeMap::new();
        for _ in 0..3_000 {
            let i = usize::try_from(next(12)).unwrap();
            let new = if next(10) == 0 {
                None
            } else {
                let received = day("2026-01-01") + chrono::Duration::days(next(120) as i64);
                let closed =
                    (next(2) == 0).then(|| received + chrono::Duration::days(next(60) as i64));
                let outcome = next(3);
                Some(CaseFacts {
                    agency_id: 1 + next(3) as i32,
                    received_on: received,
                    matter: (next(3) > 0).then(|| next(4) as i32),
                    officers: (0..next(4)).map(|_| next(6) as i32).collect(),
                    closed_on: closed,
                    penalty: outcome == 1,
                    no_penalty: outcome == 2,
                    fine_fen: next(10_000) as i64,
                    reviews_passed: next(3) as i64,
                    reviews_returned: next(2) as i64,
                    hearing: next(5) == 0,
                    overdue_settled: next(4) == 0,
                    running_due: (next(2) == 0).then_some(received),
                })
            };
            apply(&mut running, delta(cases[i].as_ref(), new.as_ref()));
            cases[i] = new;
        }
        let mut scratch = totals(cases.iter().flatten());
        scratch.retain(|_, c| *c != Counts::default());
        assert_eq!(running, scratch);
    }
}
