//! Figures of legal review for supervision: reviews done, approval and return rates, median
//! review time — per agency and per reviewer.
//!
//! Invariants: only decided rounds count as done; rates are `None` when nothing was done
//! (never a division by zero shown as 0 %); the median of an even count is the mean of the two
//! middle values.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::round::ReviewOutcome;

/// One review round, as the figures see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRecord {
    /// The case's agency.
    pub agency_id: i32,
    /// Who decided the round, once decided.
    pub reviewer_id: Option<i32>,
    /// When the round was submitted.
    pub submitted_at: DateTime<Utc>,
    /// When and how it was decided, once decided.
    pub decided: Option<(DateTime<Utc>, ReviewOutcome)>,
}

/// The figures of a set of rounds.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct ReviewFigures {
    /// Rounds decided.
    pub done: u32,
    /// Of those, approved (with or without opinions).
    pub approved: u32,
    /// Of those, returned.
    pub returned: u32,
    /// Rounds still waiting for a decision.
    pub pending: u32,
    /// Median hours from submission to decision, over decided rounds.
    pub median_hours: Option<f64>,
}

impl ReviewFigures {
    /// Approved ÷ done, as a percentage.
    pub fn approval_rate(&self) -> Option<f64> {
        (self.done > 0).then(|| f64::from(self.approved) * 100.0 / f64::from(self.done))
    }

    /// Returned ÷ done, as a percentage.
    pub fn return_rate(&self) -> Option<f64> {
        (self.done > 0).then(|| f64::from(self.returned) * 100.0 / f64::from(self.done))
    }
}

/// The median of the values (sorted in place); `None` when there are none.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// The figures of the rounds.
pub fn figures<'a>(rounds: impl IntoIterator<Item = &'a RoundRecord>) -> ReviewFigures {
    let mut f = ReviewFigures::default();
    let mut hours = Vec::new();
    for r in rounds {
        match r.decided {
            Some((at, outcome)) => {
                f.done += 1;
                if outcome.passes() {
                    f.approved += 1;
                } else {
                    f.returned += 1;
                }
                #[allow(clippy::cast_precision_loss)]
                hours.push((at - r.submitted_at).num_seconds() as f64 / 3600.0);
            }
            None => f.pending += 1,
        }
    }
    f.median_hours = median(&mut hours);
    f
}

/// Figures per key (agency or reviewer), for rounds that have the key.
pub fn grouped<K: Ord>(
    rounds: &[RoundRecord],
    key: impl Fn(&RoundRecord) -> Option<K>,
) -> BTreeMap<K, ReviewFigures> {
    let mut groups: BTreeMap<K, Vec<&RoundRecord>> = BTreeMap::new();
    for r in rounds {
        if let Some(k) = key(r) {
            groups.entry(k).or_default().push(r);
        }
    }
    groups.into_iter().map(|(k, v)| (k, figures(v))).collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap() + chrono::Duration::hours(h)
    }

    fn round(agency: i32, reviewer: i32, hours: i64, outcome: ReviewOutcome) -> RoundRecord {
        RoundRecord {
            agency_id: agency,
            reviewer_id: Some(reviewer),
            submitted_at: at(0),
            decided: Some((at(hours), outcome)),
        }
    }

    #[test]
    fn median_of_odd_even_and_empty_sets() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0]), Some(5.0));
        assert_eq!(median(&mut [9.0, 1.0, 5.0]), Some(5.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn figures_count_done_approved_returned_and_pending() {
        use ReviewOutcome::*;
        let mut rounds = vec![
            round(1, 7, 24, Approve),
            round(1, 7, 48, ReturnForInvestigation),
            round(1, 8, 72, ApproveWithOpinions),
            round(2, 7, 10, ReturnForCorrection),
        ];
        rounds.push(RoundRecord {
            agency_id: 2,
            reviewer_id: None,
            submitted_at: at(0),
            decided: None,
        });
        let all = figures(&rounds);
        assert_eq!(
            (all.done, all.approved, all.returned, all.pending),
            (4, 2, 2, 1)
        );
        assert_eq!(all.median_hours, Some(36.0));
        assert_eq!(all.approval_rate(), Some(50.0));
        assert_eq!(all.return_rate(), Some(50.0));

        let by_agency = grouped(&rounds, |r| Some(r.agency_id));
        assert_eq!(by_agency[&1].done, 3);
        assert_eq!(by_agency[&1].median_hours, Some(48.0));
        assert_eq!(by_agency[&2].pending, 1);
        assert_eq!(by_agency[&2].return_rate(), Some(100.0));

        let by_reviewer = grouped(&rounds, |r| r.reviewer_id);
        assert_eq!(by_reviewer.len(), 2, "the undecided round has no reviewer");
        assert_eq!(by_reviewer[&7].done, 3);
        assert_eq!(by_reviewer[&8].approval_rate(), Some(100.0));
    }

    #[test]
    fn no_rates_without_reviews() {
        let f = figures(&[]);
        assert_eq!(f.approval_rate(), None);
        assert_eq!(f.return_rate(), None);
        assert_eq!(f.median_hours, None);
    }
}
