//! Figures of inspections and coercive measures (issue 23 item 9), per agency for one year:
//! visits (a joint visit counted once per agency, and the share of joint visits), enterprises
//! visited and those over their yearly cap, visits with a supervision warning; seal-ups and
//! seizures decided, in force, past their limit, released and how long the released ones
//! lasted. Pure: the caller reads the facts, the rules here only count.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One registered visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFact {
    /// The agency.
    pub agency_id: i32,
    /// The enterprise.
    pub enterprise_id: i32,
    /// The day of the visit.
    pub on: NaiveDate,
    /// Part of a joint visit (综合查一次).
    pub joint: bool,
    /// Over the enterprise's yearly cap.
    pub over_cap: bool,
    /// With any supervision warning.
    pub warned: bool,
}

/// One seal-up or seizure decided (or taken on the spot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureFact {
    /// The agency.
    pub agency_id: i32,
    /// A seizure (扣押) rather than a seal-up (查封).
    pub seizure: bool,
    /// The day of the decision.
    pub decided_on: NaiveDate,
    /// The day it was released, if it was.
    pub released_on: Option<NaiveDate>,
    /// Past its limit and not released.
    pub overdue: bool,
}

/// One agency's figures for a year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgencyActs {
    /// The agency.
    pub agency_id: i32,
    /// Visits made in the year.
    pub visits: u32,
    /// Of which part of a joint visit.
    pub joint_visits: u32,
    /// Visits with a supervision warning.
    pub warned_visits: u32,
    /// Distinct enterprises visited.
    pub enterprises: u32,
    /// Distinct enterprises visited over their cap.
    pub enterprises_over_cap: u32,
    /// Visits per month (index 0 = January).
    pub per_month: [u32; 12],
    /// Seal-ups decided in the year.
    pub seal_ups: u32,
    /// Seizures decided in the year.
    pub seizures: u32,
    /// Of those, still in force.
    pub in_force: u32,
    /// Of those, past their limit and not released.
    pub overdue: u32,
    /// Of those, released.
    pub released: u32,
    /// The mean days from decision to release of the released ones, rounded; `None` when none
    /// was released.
    pub mean_days: Option<u32>,
}

impl AgencyActs {
    /// Share of joint visits in per mille (0 without visits).
    pub fn joint_permille(&self) -> u32 {
        self.joint_visits
            .saturating_mul(1000)
            .checked_div(self.visits)
            .unwrap_or(0)
    }
}

/// The figures of `year`, one row per agency that visited or took a measure, by agency id.
pub fn summarise(year: i32, visits: &[VisitFact], measures: &[MeasureFact]) -> Vec<AgencyActs> {
    let mut rows: BTreeMap<i32, AgencyActs> = BTreeMap::new();
    let mut firms: BTreeMap<i32, (BTreeSet<i32>, BTreeSet<i32>)> = BTreeMap::new();
    for v in visits.iter().filter(|v| v.on.year() == year) {
        let row = rows.entry(v.agency_id).or_insert_with(|| AgencyActs {
            agency_id: v.agency_id,
            ..AgencyActs::default()
        });
        row.visits += 1;
        row.joint_visits += u32::from(v.joint);
        row.warned_visits += u32::from(v.warned);
        if let Some(m) = row.per_month.get_mut(v.on.month0() as usize) {
            *m += 1;
        }
        let (all, over) = firms.entry(v.agency_id).or_default();
        all.insert(v.enterprise_id);
        if v.over_cap {
            over.insert(v.enterprise_id);
        }
    }
    let mut days: BTreeMap<i32, (i64, i64)> = BTreeMap::new();
    for m in measures.iter().filter(|m| m.decided_on.year() == year) {
        let row = rows.entry(m.agency_id).or_insert_with(|| AgencyActs {
            agency_id: m.agency_id,
            ..AgencyActs::default()
        });
        if m.seizure {
            row.seizures += 1;
        } else {
            row.seal_ups += 1;
        }
        match m.released_on {
            Some(off) => {
                row.released += 1;
                let d = days.entry(m.agency_id).or_default();
                d.0 += (off - m.decided_on).num_days().max(0);
                d.1 += 1;
            }
            None => row.in_force += 1,
        }
        row.overdue += u32::from(m.overdue);
    }
    for (agency, row) in &mut rows {
        if let Some((all, over)) = firms.get(agency) {
            row.enterprises = u32::try_from(all.len()).unwrap_or(u32::MAX);
            row.enterprises_over_cap = u32::try_from(over.len()).unwrap_or(u32::MAX);
        }
        if let Some((sum, n)) = days.get(agency).filter(|(_, n)| *n > 0) {
            row.mean_days = u32::try_from((sum + n / 2) / n).ok();
        }
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn visit(agency_id: i32, enterprise_id: i32, on: &str) -> VisitFact {
        VisitFact {
            agency_id,
            enterprise_id,
            on: d(on),
            joint: false,
            over_cap: false,
            warned: false,
        }
    }

    #[test]
    fn visits_count_per_agency_month_and_enterprise_within_the_year() {
        let visits = [
            visit(1, 10, "2026-01-31"),
            VisitFact {
                joint: true,
                ..visit(1, 10, "2026-02-01")
            },
            VisitFact {
                over_cap: true,
                warned: true,
                ..visit(1, 11, "2026-02-15")
            },
            visit(2, 10, "2026-12-31"),
            // Another year: not counted.
            visit(1, 12, "2025-12-31"),
            visit(1, 12, "2027-01-01"),
        ];
        let rows = summarise(2026, &visits, &[]);
        assert_eq!(rows.len(), 2);
        let a = &rows[0];
        assert_eq!(a.agency_id, 1);
        assert_eq!((a.visits, a.joint_visits, a.warned_visits), (3, 1, 1));
        assert_eq!((a.enterprises, a.enterprises_over_cap), (2, 1));
        assert_eq!(&a.per_month[..3], &[1, 2, 0]);
        assert_eq!(a.joint_permille(), 333);
        assert_eq!(rows[1].per_month[11], 1);
        assert_eq!(rows[1].joint_permille(), 0);
        assert_eq!(AgencyActs::default().joint_permille(), 0);
        assert!(summarise(2024, &visits, &[]).is_empty());
    }

    #[test]
    fn measures_count_by_kind_and_state_with_the_mean_days_of_the_released() {
        let m = |seizure, on: &str, off: Option<&str>, overdue| MeasureFact {
            agency_id: 3,
            seizure,
            decided_on: d(on),
            released_on: off.map(d),
            overdue,
        };
        let rows = summarise(
            2026,
            &[],
            &[
                m(true, "2026-10-01", Some("2026-10-11"), false),
                m(true, "2026-10-01", Some("2026-10-12"), false),
                m(false, "2026-11-01", None, true),
                m(true, "2026-12-01", None, false),
                m(true, "2025-12-01", None, true),
            ],
        );
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!((r.seizures, r.seal_ups), (3, 1));
        assert_eq!((r.in_force, r.overdue, r.released), (2, 1, 2));
        // 10 and 11 days: 10.5 rounds to 11.
        assert_eq!(r.mean_days, Some(11));
        assert_eq!(r.visits, 0);
        let none_released = summarise(2026, &[], &[m(false, "2026-11-01", None, false)]);
        assert_eq!(none_released[0].mean_days, None);
    }
}
