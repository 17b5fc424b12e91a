//! Code-registered entry (扫码入企): before an inspection starts, an officer registers the
//! visit with the enterprise's supervision code. The registration checks everything the
//! opinion 国办发〔2024〕54号 asks of an inspection and is refused with every reason that
//! applies; a refused registration leaves nothing behind.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CapRules, Grade, InspectionKind};
use crate::i18n::Lang;

/// The approval of an inspection (行政检查审批表) by the agency's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The first day the inspection may take place.
    pub from: NaiveDate,
    /// The last day (for a special inspection: its end date).
    pub to: NaiveDate,
}

/// An officer named for the visit, with the standing of their enforcement certificate on the
/// day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitingOfficer {
    /// The user.
    pub user_id: i32,
    /// Whether their enforcement certificate is in force on the day of the visit.
    pub certified: bool,
}

/// Everything a registration is judged on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationFacts {
    /// The day of the visit.
    pub on: NaiveDate,
    /// The inspection's kind.
    pub kind: InspectionKind,
    /// The head's approval, if given.
    pub approval: Option<Approval>,
    /// An emergency (紧急情况): the approval may follow afterwards.
    pub emergency: bool,
    /// Whether the inspection item is on the agency's published items list.
    pub item_published: bool,
    /// The officers named for the visit.
    pub officers: Vec<VisitingOfficer>,
    /// The agency's region code and the enterprise's.
    pub agency_region: String,
    /// The enterprise's region code.
    pub target_region: String,
    /// The enterprise's grade.
    pub grade: Grade,
    /// Visits of this agency to this enterprise this year that count against the cap
    /// ([`super::counted_visits`]), this one not included.
    pub counted_this_year: u32,
    /// Whether this visit joins a joint inspection already counted this year (it adds
    /// nothing to the count).
    pub joins_counted_joint_visit: bool,
}

/// Why a registration is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The item is not on the published list (未经公布的检查事项不得实施).
    ItemNotPublished,
    /// No approval, and not an emergency.
    NotApproved,
    /// The day is outside the approved window (a special inspection past its end date).
    OutsideApprovedWindow {
        /// The window.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
    },
    /// Fewer than two officers with a certificate in force that day.
    TooFewCertifiedOfficers {
        /// How many are certified.
        certified: usize,
    },
    /// Someone without a certificate in force is named (no auxiliaries, no expired cards).
    UncertifiedOfficer {
        /// Who.
        user_id: i32,
    },
    /// The enterprise lies outside the agency's region (违规异地检查).
    OutsideRegion,
    /// The yearly cap of the enterprise's grade is reached.
    CapReached {
        /// The grade.
        grade: Grade,
        /// The cap.
        cap: u32,
    },
}

impl Refusal {
    /// A sentence for the officer at the door, naming the rule.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refusal::ItemNotPublished, _) => lang
                .pick(
                    "检查事项不在本机关已公布的行政检查事项清单中，未经公布的事项不得实施检查",
                    "The item is not on the agency's published inspection items list: an unpublished item may not be inspected",
                )
                .to_owned(),
            (Refusal::NotApproved, _) => lang
                .pick(
                    "本次检查未经机关负责人批准（行政检查审批表）；紧急情况可先行检查并事后补办",
                    "The inspection is not approved by the agency's head; only an emergency may be approved afterwards",
                )
                .to_owned(),
            (Refusal::OutsideApprovedWindow { from, to }, Lang::Zh) => {
                format!("检查日期不在批准的检查期间（{from} 至 {to}）内")
            }
            (Refusal::OutsideApprovedWindow { from, to }, Lang::En) => {
                format!("The day is outside the approved window ({from} to {to})")
            }
            (Refusal::TooFewCertifiedOfficers { certified }, Lang::Zh) => {
                format!("当日持有效执法证的检查人员只有 {certified} 名，不得少于两名")
            }
            (Refusal::TooFewCertifiedOfficers { certified }, Lang::En) => format!(
                "Only {certified} officer(s) hold a certificate in force that day: at least two are needed"
            ),
            (Refusal::UncertifiedOfficer { user_id }, Lang::Zh) => {
                format!("人员 #{user_id} 当日未持有效执法证，不得实施检查")
            }
            (Refusal::UncertifiedOfficer { user_id }, Lang::En) => format!(
                "Person #{user_id} holds no enforcement certificate in force that day and may not inspect"
            ),
            (Refusal::OutsideRegion, _) => lang
                .pick(
                    "企业不在本机关管辖区域内，不得违规异地检查",
                    "The enterprise lies outside the agency's region: no inspection out of region",
                )
                .to_owned(),
            (Refusal::CapReached { grade, cap }, Lang::Zh) => format!(
                "该企业为{}，本机关本年度对其现场检查已达公布的上限 {cap} 次",
                grade.label(Lang::Zh)
            ),
            (Refusal::CapReached { grade, cap }, Lang::En) => format!(
                "The enterprise is graded {}: this agency's published cap of {cap} on-site inspection(s) this year is reached",
                grade.label(Lang::En)
            ),
        }
    }
}

/// Whether a region code lies within another: equal, or the enterprise's code continues the
/// agency's after its trailing zeros (a county 330102 lies in the city 330100 and the province
/// 330000).
pub fn within_region(agency: &str, target: &str) -> bool {
    let agency = agency.trim();
    let target = target.trim();
    if agency.is_empty() || target.is_empty() {
        return false;
    }
    let prefix = agency.trim_end_matches("00");
    !prefix.is_empty() && target.starts_with(prefix)
}

/// Judges a registration: every reason it is refused for, or nothing.
pub fn check(facts: &RegistrationFacts, caps: &CapRules) -> Result<(), Vec<Refusal>> {
    let mut refusals = Vec::new();
    if !facts.item_published {
        refusals.push(Refusal::ItemNotPublished);
    }
    match facts.approval {
        Some(a) if facts.on < a.from || facts.on > a.to => {
            refusals.push(Refusal::OutsideApprovedWindow {
                from: a.from,
                to: a.to,
            });
        }
        Some(_) => {}
        None if facts.emergency => {}
        None => refusals.push(Refusal::NotApproved),
    }
    for o in facts.officers.iter().filter(|o| !o.certified) {
        refusals.push(Refusal::UncertifiedOfficer { user_id: o.user_id });
    }
    let mut certified: Vec<i32> = facts
        .officers
        .iter()
        .filter(|o| o.certified)
        .map(|o| o.user_id)
        .collect();
    certified.sort_unstable();
    certified.dedup();
    if certified.len() < 2 {
        refusals.push(Refusal::TooFewCertifiedOfficers {
            certified: certified.len(),
        });
    }
    if !within_region(&facts.agency_region, &facts.target_region) {
        refusals.push(Refusal::OutsideRegion);
    }
    if facts.kind.counts_against_cap()
        && !facts.joins_counted_joint_visit
        && let Some(cap) = caps.cap(facts.grade)
        && facts.counted_this_year >= cap
    {
        refusals.push(Refusal::CapReached {
            grade: facts.grade,
            cap,
        });
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refusals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn officer(user_id: i32, certified: bool) -> VisitingOfficer {
        VisitingOfficer { user_id, certified }
    }

    fn lawful() -> RegistrationFacts {
        RegistrationFacts {
            on: d("2026-12-03"),
            kind: InspectionKind::Routine,
            approval: Some(Approval {
                from: d("2026-12-01"),
                to: d("2026-12-31"),
            }),
            emergency: false,
            item_published: true,
            officers: vec![officer(101, true), officer(102, true)],
            agency_region: "330100".into(),
            target_region: "330102".into(),
            grade: Grade::B,
            counted_this_year: 1,
            joins_counted_joint_visit: false,
        }
    }

    fn refusals(f: &RegistrationFacts) -> Vec<Refusal> {
        check(f, &CapRules::default()).err().unwrap_or_default()
    }

    #[test]
    fn a_lawful_registration_passes() {
        assert_eq!(check(&lawful(), &CapRules::default()), Ok(()));
    }

    #[test]
    fn an_unpublished_item_or_a_missing_approval_is_refused_unless_an_emergency() {
        let mut f = lawful();
        f.item_published = false;
        assert_eq!(refusals(&f), [Refusal::ItemNotPublished]);
        let mut f = lawful();
        f.approval = None;
        assert_eq!(refusals(&f), [Refusal::NotApproved]);
        f.emergency = true;
        assert_eq!(refusals(&f), []);
    }

    #[test]
    fn the_approved_window_holds_on_both_of_its_days_and_not_beyond() {
        for (day, ok) in [
            ("2026-11-30", false),
            ("2026-12-01", true),
            ("2026-12-31", true),
            ("2027-01-01", false),
        ] {
            let mut f = lawful();
            f.on = d(day);
            assert_eq!(refusals(&f).is_empty(), ok, "{day}");
        }
    }

    #[test]
    fn two_certified_officers_are_needed_and_no_one_without_a_certificate() {
        let mut f = lawful();
        f.officers = vec![officer(101, true)];
        assert_eq!(
            refusals(&f),
            [Refusal::TooFewCertifiedOfficers { certified: 1 }]
        );
        // The same officer twice is still one.
        f.officers = vec![officer(101, true), officer(101, true)];
        assert_eq!(
            refusals(&f),
            [Refusal::TooFewCertifiedOfficers { certified: 1 }]
        );
        // A third person without a certificate (an auxiliary) is refused even beside two.
        f.officers = vec![officer(101, true), officer(102, true), officer(900, false)];
        assert_eq!(refusals(&f), [Refusal::UncertifiedOfficer { user_id: 900 }]);
        f.officers = vec![];
        assert_eq!(
            refusals(&f),
            [Refusal::TooFewCertifiedOfficers { certified: 0 }]
        );
    }

    #[test]
    fn inspections_stay_within_the_agencys_region() {
        assert!(within_region("330100", "330102"));
        assert!(within_region("330100", "330100"));
        assert!(within_region("330000", "330522"));
        assert!(!within_region("330100", "330200"));
        assert!(!within_region("330102", "330103"));
        assert!(!within_region("", "330100"));
        assert!(!within_region("000000", "330100"));
        let mut f = lawful();
        f.target_region = "330200".into();
        assert_eq!(refusals(&f), [Refusal::OutsideRegion]);
    }

    #[test]
    fn the_cap_of_each_grade_binds_at_its_value_and_not_before() {
        let caps = CapRules::default();
        for grade in Grade::ALL {
            let cap = caps.cap(grade).expect("cap");
            let mut f = lawful();
            f.grade = grade;
            f.counted_this_year = cap - 1;
            assert!(refusals(&f).is_empty(), "{grade:?} below the cap");
            f.counted_this_year = cap;
            assert_eq!(refusals(&f), [Refusal::CapReached { grade, cap }]);
            // Joining a joint visit already counted adds nothing.
            f.joins_counted_joint_visit = true;
            assert!(refusals(&f).is_empty());
            // A special inspection deployed by a higher authority is outside the cap.
            f.joins_counted_joint_visit = false;
            f.kind = InspectionKind::Special {
                deployed_by_superior: true,
            };
            assert!(refusals(&f).is_empty());
            f.kind = InspectionKind::Special {
                deployed_by_superior: false,
            };
            assert!(!refusals(&f).is_empty());
        }
        let uncapped = CapRules {
            per_grade: [Some(1), Some(2), Some(3), None],
        };
        let mut f = lawful();
        f.grade = Grade::D;
        f.counted_this_year = 99;
        assert_eq!(check(&f, &uncapped), Ok(()));
    }

    #[test]
    fn every_reason_is_given_at_once_each_with_a_sentence_in_both_languages() {
        let f = RegistrationFacts {
            item_published: false,
            approval: None,
            officers: vec![officer(900, false)],
            target_region: "110101".into(),
            grade: Grade::A,
            counted_this_year: 1,
            ..lawful()
        };
        let all = refusals(&f);
        assert_eq!(
            all,
            [
                Refusal::ItemNotPublished,
                Refusal::NotApproved,
                Refusal::UncertifiedOfficer { user_id: 900 },
                Refusal::TooFewCertifiedOfficers { certified: 0 },
                Refusal::OutsideRegion,
                Refusal::CapReached {
                    grade: Grade::A,
                    cap: 1
                },
            ]
        );
        let window = Refusal::OutsideApprovedWindow {
            from: d("2026-12-01"),
            to: d("2026-12-31"),
        };
        for r in all.iter().chain([&window]) {
            let zh = r.message(Lang::Zh);
            let en = r.message(Lang::En);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii() || en.contains('（'), "{en}");
            assert!(!en.is_empty());
        }
    }
}
