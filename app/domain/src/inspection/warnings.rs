//! Supervision warnings on inspections (issue 23 item 8): what a 司法局 looks for first
//! (乱检查). Those on coercive measures (乱查封) are `coercive::lifecycle::warnings`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CapRules, Grade, InspectionKind, registration::within_region};
use crate::i18n::Lang;

/// What the warnings of one inspection depend on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionSnapshot {
    /// The day of the visit.
    pub on: NaiveDate,
    /// Its kind.
    pub kind: InspectionKind,
    /// Registered by code before it started (扫码入企).
    pub registered: bool,
    /// Approved (beforehand, or afterwards in an emergency).
    pub approved: bool,
    /// The approved window's last day (a special inspection's end date).
    pub approved_until: Option<NaiveDate>,
    /// Officers on the visit with a certificate in force that day.
    pub certified_officers: usize,
    /// The agency's region code and the enterprise's.
    pub agency_region: String,
    /// The enterprise's region code.
    pub target_region: String,
    /// The enterprise's grade.
    pub grade: Grade,
    /// Visits of the same agency to the enterprise in the year that count against the cap,
    /// this one included.
    pub counted_in_year: u32,
    /// The day of the same agency's previous visit to the enterprise, if any.
    pub previous_visit_on: Option<NaiveDate>,
}

/// The configurable [L] values of the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningRules {
    /// The yearly caps.
    pub caps: CapRules,
    /// Two visits of one agency to one enterprise closer than this many days are "repeated"
    /// [L] (a special inspection deployed by a higher authority excepted).
    pub repeat_within_days: i64,
}

impl Default for WarningRules {
    fn default() -> Self {
        Self {
            caps: CapRules::default(),
            repeat_within_days: 30,
        }
    }
}

/// A warning kind on an inspection or a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InspectionWarning {
    /// Inspected without registering the visit by code.
    NotRegistered,
    /// Inspected without approval.
    NotApproved,
    /// Fewer than two certified officers.
    TooFewCertified,
    /// Over the enterprise's yearly cap.
    OverCap,
    /// The same agency visited again within the repeat window.
    Repeated,
    /// Outside the agency's region.
    OutOfRegion,
    /// A special inspection after its end date.
    SpecialPastEnd,
}

impl InspectionWarning {
    /// Machine name.
    pub fn code(self) -> &'static str {
        match self {
            InspectionWarning::NotRegistered => "inspection_not_registered",
            InspectionWarning::NotApproved => "inspection_not_approved",
            InspectionWarning::TooFewCertified => "inspection_too_few_certified",
            InspectionWarning::OverCap => "inspection_over_cap",
            InspectionWarning::Repeated => "inspection_repeated",
            InspectionWarning::OutOfRegion => "inspection_out_of_region",
            InspectionWarning::SpecialPastEnd => "inspection_special_past_end",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            InspectionWarning::NotRegistered => lang.pick(
                "未扫码登记即实施检查",
                "Inspected without code registration",
            ),
            InspectionWarning::NotApproved => {
                lang.pick("行政检查未经批准", "Inspection not approved")
            }
            InspectionWarning::TooFewCertified => {
                lang.pick("持证检查人员少于两名", "Fewer than two certified officers")
            }
            InspectionWarning::OverCap => {
                lang.pick("超过年度检查频次上限", "Over the yearly inspection cap")
            }
            InspectionWarning::Repeated => lang.pick(
                "短期内重复检查同一企业",
                "Same enterprise inspected again within a short time",
            ),
            InspectionWarning::OutOfRegion => {
                lang.pick("违规异地检查", "Inspection outside the agency's region")
            }
            InspectionWarning::SpecialPastEnd => lang.pick(
                "专项检查超过截止日期",
                "Special inspection past its end date",
            ),
        }
    }
}

/// The warnings of one inspection.
pub fn inspection_warnings(s: &InspectionSnapshot, rules: &WarningRules) -> Vec<InspectionWarning> {
    use InspectionWarning as W;
    let mut out = Vec::new();
    if !s.registered {
        out.push(W::NotRegistered);
    }
    if !s.approved {
        out.push(W::NotApproved);
    }
    if s.certified_officers < 2 {
        out.push(W::TooFewCertified);
    }
    if s.kind.counts_against_cap()
        && let Some(cap) = rules.caps.cap(s.grade)
        && s.counted_in_year > cap
    {
        out.push(W::OverCap);
    }
    if s.kind.counts_against_cap()
        && let Some(previous) = s.previous_visit_on
        && (s.on - previous).num_days() < rules.repeat_within_days
        && previous <= s.on
    {
        out.push(W::Repeated);
    }
    if !within_region(&s.agency_region, &s.target_region) {
        out.push(W::OutOfRegion);
    }
    if matches!(s.kind, InspectionKind::Special { .. })
        && s.approved_until.is_some_and(|end| s.on > end)
    {
        out.push(W::SpecialPastEnd);
    }
    out
}

/// One registered visit of an agency to an enterprise, for [`history`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairVisit {
    /// The inspection's id (orders two visits of one day).
    pub id: i64,
    /// The day of the visit.
    pub on: NaiveDate,
    /// Its kind.
    pub kind: InspectionKind,
    /// Its joint inspection (综合查一次), if any.
    pub joint_group: Option<i64>,
}

/// What a visit's warnings need from the history of one agency's visits to one enterprise
/// (`visits`, in any order, `this` among them or not): how many visits of the calendar year up
/// to and including this one count against the cap (a joint visit once, a superior's special
/// inspection not at all), and the day of the previous visit (a visit of the same joint
/// inspection is the same visit, never a previous one).
pub fn history(visits: &[PairVisit], this: &PairVisit) -> (u32, Option<NaiveDate>) {
    use chrono::Datelike;
    let before = |v: &PairVisit| (v.on, v.id) < (this.on, this.id);
    let same_visit = |v: &PairVisit| {
        v.id == this.id || (v.joint_group.is_some() && v.joint_group == this.joint_group)
    };
    let mut year: Vec<super::PastVisit> = visits
        .iter()
        .filter(|v| v.on.year() == this.on.year() && before(v) && !same_visit(v))
        .map(|v| super::PastVisit {
            kind: v.kind,
            joint_group: v.joint_group,
            id: v.id,
        })
        .collect();
    year.push(super::PastVisit {
        kind: this.kind,
        joint_group: this.joint_group,
        id: this.id,
    });
    let previous = visits
        .iter()
        .filter(|v| before(v) && !same_visit(v))
        .map(|v| v.on)
        .max();
    (super::counted_visits(&year), previous)
}

#[cfg(test)]
mod tests {
    use super::*;
    use InspectionWarning as W;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn clean() -> InspectionSnapshot {
        InspectionSnapshot {
            on: d("2026-12-03"),
            kind: InspectionKind::Routine,
            registered: true,
            approved: true,
            approved_until: Some(d("2026-12-31")),
            certified_officers: 2,
            agency_region: "330100".into(),
            target_region: "330106".into(),
            grade: Grade::B,
            counted_in_year: 2,
            previous_visit_on: Some(d("2026-06-01")),
        }
    }

    fn warn(s: &InspectionSnapshot) -> Vec<InspectionWarning> {
        inspection_warnings(s, &WarningRules::default())
    }

    fn visit(id: i64, on: &str, kind: InspectionKind, group: Option<i64>) -> PairVisit {
        PairVisit {
            id,
            on: d(on),
            kind,
            joint_group: group,
        }
    }

    #[test]
    fn history_counts_the_year_up_to_this_visit_and_finds_the_previous_one() {
        let superior = InspectionKind::Special {
            deployed_by_superior: true,
        };
        let visits = [
            visit(1, "2025-12-20", InspectionKind::Routine, None),
            visit(2, "2026-03-01", InspectionKind::Routine, None),
            visit(3, "2026-05-01", superior, None),
            visit(4, "2026-06-01", InspectionKind::Routine, Some(9)),
            visit(5, "2026-06-01", InspectionKind::Routine, Some(9)),
            visit(6, "2026-06-20", InspectionKind::Case, None),
            visit(7, "2026-11-01", InspectionKind::Routine, None),
        ];
        // The first of the year: itself only; the previous visit was last December.
        assert_eq!(history(&visits, &visits[1]), (1, Some(d("2025-12-20"))));
        // A superior's special inspection counts for nothing, not even itself.
        assert_eq!(history(&visits, &visits[2]), (1, Some(d("2026-03-01"))));
        // Two rows of one joint visit: one visit, and neither is the other's "previous".
        assert_eq!(history(&visits, &visits[3]), (2, Some(d("2026-05-01"))));
        assert_eq!(history(&visits, &visits[4]), (2, Some(d("2026-05-01"))));
        assert_eq!(history(&visits, &visits[5]), (3, Some(d("2026-06-01"))));
        // Later visits do not count for an earlier one; order of the slice does not matter.
        let mut shuffled = visits.to_vec();
        shuffled.reverse();
        assert_eq!(history(&shuffled, &visits[6]), (4, Some(d("2026-06-20"))));
        // A visit not in the list (being judged before it is stored) is counted too.
        let next = visit(8, "2026-11-10", InspectionKind::Routine, None);
        assert_eq!(history(&visits, &next), (5, Some(d("2026-11-01"))));
        assert_eq!(history(&[], &next), (1, None));
    }

    #[test]
    fn a_visit_nine_days_after_the_last_is_repeated_and_a_b_grade_third_is_over_the_cap() {
        let visits = [
            visit(1, "2026-11-01", InspectionKind::Routine, None),
            visit(2, "2026-11-10", InspectionKind::Routine, None),
            visit(3, "2026-12-20", InspectionKind::Routine, None),
        ];
        let snapshot = |v: &PairVisit| {
            let (counted, previous) = history(&visits, v);
            InspectionSnapshot {
                on: v.on,
                counted_in_year: counted,
                previous_visit_on: previous,
                ..clean()
            }
        };
        assert_eq!(warn(&snapshot(&visits[0])), []);
        assert_eq!(warn(&snapshot(&visits[1])), [W::Repeated]);
        // Grade B: two a year.
        assert_eq!(warn(&snapshot(&visits[2])), [W::OverCap]);
    }

    #[test]
    fn a_lawful_inspection_raises_nothing() {
        assert_eq!(warn(&clean()), []);
    }

    #[test]
    fn each_breach_raises_its_own_warning() {
        let cases: [(fn(&mut InspectionSnapshot), InspectionWarning); 5] = [
            (|s| s.registered = false, W::NotRegistered),
            (|s| s.approved = false, W::NotApproved),
            (|s| s.certified_officers = 1, W::TooFewCertified),
            (|s| s.target_region = "310101".into(), W::OutOfRegion),
            (|s| s.counted_in_year = 3, W::OverCap),
        ];
        for (breach, expected) in cases {
            let mut s = clean();
            breach(&mut s);
            assert_eq!(warn(&s), [expected]);
        }
    }

    #[test]
    fn the_cap_warns_only_above_it_and_never_for_a_superiors_special_inspection() {
        let mut s = clean();
        s.grade = Grade::A;
        s.counted_in_year = 1;
        assert_eq!(warn(&s), []);
        s.counted_in_year = 2;
        assert_eq!(warn(&s), [W::OverCap]);
        s.kind = InspectionKind::Special {
            deployed_by_superior: true,
        };
        assert_eq!(warn(&s), []);
    }

    #[test]
    fn a_repeated_visit_is_one_inside_the_window_and_not_on_its_edge() {
        let mut s = clean();
        for (previous, repeated) in [
            ("2026-11-04", true),  // 29 days before: inside the 30-day window
            ("2026-11-03", false), // 30 days: on the edge, not repeated
            ("2026-12-03", true),  // the same day
            ("2026-06-01", false),
        ] {
            s.previous_visit_on = Some(d(previous));
            assert_eq!(warn(&s).contains(&W::Repeated), repeated, "{previous}");
        }
        // A visit recorded after this one (data out of order) is not "previous".
        s.previous_visit_on = Some(d("2026-12-10"));
        assert!(!warn(&s).contains(&W::Repeated));
    }

    #[test]
    fn a_special_inspection_past_its_end_date_warns() {
        let mut s = clean();
        s.kind = InspectionKind::Special {
            deployed_by_superior: false,
        };
        s.approved_until = Some(d("2026-12-02"));
        assert_eq!(warn(&s), [W::SpecialPastEnd]);
        s.approved_until = Some(d("2026-12-03"));
        assert_eq!(warn(&s), []);
        // A routine inspection's window is the registration's matter, not this warning's.
        let mut routine = clean();
        routine.approved_until = Some(d("2026-12-01"));
        assert_eq!(warn(&routine), []);
    }

    #[test]
    fn every_kind_has_a_distinct_code_and_both_labels() {
        let all = [
            W::NotRegistered,
            W::NotApproved,
            W::TooFewCertified,
            W::OverCap,
            W::Repeated,
            W::OutOfRegion,
            W::SpecialPastEnd,
        ];
        let codes: std::collections::BTreeSet<&str> = all.iter().map(|w| w.code()).collect();
        assert_eq!(codes.len(), all.len());
        for w in all {
            assert!(w.label(Lang::Zh).chars().any(|c| c > '\u{4e00}'));
            assert!(w.label(Lang::En).is_ascii());
        }
    }
}
