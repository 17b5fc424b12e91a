//! Administrative inspections of enterprises (涉企行政检查), issue 23: the pure rules of who may
//! inspect whom, how often and on what, after the State Council's opinion on strictly
//! regulating inspections of enterprises (国办发〔2024〕54号) and the justice ministry's answers
//! on it:
//!
//! - only a published inspection item may be inspected (行政检查事项未经公布的，不得实施);
//! - each inspection is approved beforehand by the agency's head (in an emergency afterwards);
//! - only officers holding an enforcement certificate in force inspect, at least two;
//! - inspections follow the agency's region (属地管辖, 严禁违规异地检查);
//! - each enterprise has a published yearly cap on on-site inspections per agency, by its
//!   risk and credit grade [L]; a joint inspection (综合查一次) counts once; a special
//!   inspection deployed by a higher authority does not count against it;
//! - targets and officers of a random inspection are drawn reproducibly (双随机, [`draw`]).
//!
//! [L] marks a value the law leaves to provincial rules: [`CapRules`] holds them.

pub mod draw;
pub mod figures;
pub mod lifecycle;
pub mod proposal;
pub mod registration;
pub mod warnings;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// An enterprise's risk and credit grade (信用风险分类): A best, D worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// 信用好、风险低.
    A,
    /// 信用较好、风险一般.
    B,
    /// 信用一般、风险较高.
    C,
    /// 信用差、风险高.
    D,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    /// Machine name (`a`–`d`).
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "a",
            Grade::B => "b",
            Grade::C => "c",
            Grade::D => "d",
        }
    }

    /// Parses a machine name or the letter itself, in either case.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Grade::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::A => lang.pick("A 类（信用好、风险低）", "A (good credit, low risk)"),
            Grade::B => lang.pick(
                "B 类（信用较好、风险一般）",
                "B (fair credit, moderate risk)",
            ),
            Grade::C => lang.pick("C 类（信用一般、风险较高）", "C (poor credit, higher risk)"),
            Grade::D => lang.pick("D 类（信用差、风险高）", "D (bad credit, high risk)"),
        }
    }
}

/// The kind of an inspection (the justice ministry's answers: 日常检查、个案检查、专项检查).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InspectionKind {
    /// A routine inspection under the annual plan (日常检查), usually drawn at random.
    Routine,
    /// An inspection of one enterprise on a complaint, referral or clue (个案检查).
    Case,
    /// A special inspection (专项检查): approved, with an end date. One deployed by a higher
    /// authority does not count against the yearly cap.
    Special {
        /// Deployed by a higher authority (上级部署).
        deployed_by_superior: bool,
    },
}

impl InspectionKind {
    /// Whether an inspection of this kind counts against the enterprise's yearly cap.
    pub fn counts_against_cap(self) -> bool {
        !matches!(
            self,
            InspectionKind::Special {
                deployed_by_superior: true
            }
        )
    }
}

/// The yearly cap on on-site inspections of one enterprise by one agency, per grade [L]:
/// `None` is no cap. The defaults follow the common provincial practice of fewer visits to
/// better-graded enterprises (A once a year, B twice, C three times, D four times); a
/// province publishes its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapRules {
    /// Cap per grade, A to D.
    pub per_grade: [Option<u32>; 4],
}

impl Default for CapRules {
    fn default() -> Self {
        Self {
            per_grade: [Some(1), Some(2), Some(3), Some(4)],
        }
    }
}

impl CapRules {
    /// The cap of a grade (`None`: no cap).
    pub fn cap(&self, grade: Grade) -> Option<u32> {
        let i = Grade::ALL.iter().position(|g| *g == grade).unwrap_or(0);
        self.per_grade[i]
    }
}

/// An earlier on-site inspection of the enterprise, as far as the cap is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastVisit {
    /// The inspection's kind.
    pub kind: InspectionKind,
    /// The joint inspection (综合查一次) it was part of, if any: one visit however many
    /// agencies took part.
    pub joint_group: Option<i64>,
    /// Its own id (what tells separate visits apart).
    pub id: i64,
}

/// How many visits of one agency to one enterprise in the year count against the cap: each
/// visit once, a joint inspection once, a special inspection deployed by a higher authority
/// not at all.
pub fn counted_visits(visits: &[PastVisit]) -> u32 {
    let mut seen = std::collections::BTreeSet::new();
    for v in visits.iter().filter(|v| v.kind.counts_against_cap()) {
        match v.joint_group {
            Some(group) => seen.insert((1, group)),
            None => seen.insert((0, v.id)),
        };
    }
    u32::try_from(seen.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_from_letters_in_either_case_and_nothing_else() {
        for g in Grade::ALL {
            assert_eq!(Grade::parse(g.as_str()), Some(g));
            assert_eq!(Grade::parse(&g.as_str().to_uppercase()), Some(g));
            assert!(g.label(Lang::Zh).contains("类"));
        }
        assert_eq!(Grade::parse("e"), None);
        assert_eq!(Grade::parse(""), None);
        assert!(Grade::A < Grade::D);
    }

    #[test]
    fn the_default_caps_fall_as_the_grade_improves() {
        let rules = CapRules::default();
        let caps: Vec<u32> = Grade::ALL
            .into_iter()
            .map(|g| rules.cap(g).expect("capped"))
            .collect();
        assert_eq!(caps, [1, 2, 3, 4]);
        let uncapped = CapRules {
            per_grade: [Some(1), Some(2), Some(3), None],
        };
        assert_eq!(uncapped.cap(Grade::D), None);
    }

    #[test]
    fn a_joint_inspection_counts_once_and_a_superiors_special_one_not_at_all() {
        let visit = |id, kind, joint_group| PastVisit {
            kind,
            joint_group,
            id,
        };
        assert_eq!(counted_visits(&[]), 0);
        let visits = [
            visit(1, InspectionKind::Routine, None),
            visit(2, InspectionKind::Case, None),
            // One joint visit recorded twice (two items of the same agency): once.
            visit(3, InspectionKind::Routine, Some(70)),
            visit(4, InspectionKind::Routine, Some(70)),
            visit(
                5,
                InspectionKind::Special {
                    deployed_by_superior: true,
                },
                None,
            ),
            visit(
                6,
                InspectionKind::Special {
                    deployed_by_superior: false,
                },
                None,
            ),
        ];
        assert_eq!(counted_visits(&visits), 4);
        // A visit id equal to a joint group's id is still another visit.
        let clash = [
            visit(70, InspectionKind::Routine, None),
            visit(3, InspectionKind::Routine, Some(70)),
        ];
        assert_eq!(counted_visits(&clash), 2);
    }
}

/// An enterprise's supervision code (行政执法监督码): `JD` and sixteen random Crockford base-32
/// characters (80 bits), printed as a QR code the enterprise keeps at its door. The code alone
/// opens the enterprise's page of inspection records, so it is unguessable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SupervisionCode(String);

impl SupervisionCode {
    /// A new code from ten random bytes.
    pub fn from_random(random: [u8; 10]) -> Self {
        Self(format!(
            "JD{}",
            crate::document::number::VerificationCode::from_random(random).as_str()
        ))
    }

    /// Parses a scanned or typed code: case, spaces, hyphens and the look-alike letters are
    /// forgiven; the `JD` prefix may be left out.
    pub fn parse(input: &str) -> Option<Self> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let rest = compact.strip_prefix("JD").unwrap_or(&compact);
        let code = crate::document::number::VerificationCode::parse(rest)?;
        (code.as_str().len() == 16).then(|| Self(format!("JD{}", code.as_str())))
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An inspection's code (检查编码), told to the enterprise and checked at the door by anyone:
/// `JC`, the day it was approved or proposed, and sixteen random characters.
pub fn inspection_code(day: chrono::NaiveDate, random: [u8; 10]) -> String {
    crate::document::number::dated_number("JC", day, random)
}

/// Parses a typed inspection code into its canonical text.
pub fn parse_inspection_code(input: &str) -> Option<String> {
    crate::document::number::parse_dated_number("JC", input)
}

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn supervision_codes_round_trip_and_forgive_typing() {
        let code = SupervisionCode::from_random([7; 10]);
        assert_eq!(code.as_str().len(), 18);
        assert_eq!(SupervisionCode::parse(code.as_str()), Some(code.clone()));
        let typed = code.as_str().to_ascii_lowercase().replacen("jd", "jd ", 1);
        assert_eq!(SupervisionCode::parse(&typed), Some(code.clone()));
        assert_eq!(SupervisionCode::parse(&code.as_str()[2..]), Some(code));
        assert_eq!(SupervisionCode::parse("JD1234"), None);
        assert_eq!(SupervisionCode::parse("<script>"), None);
        assert_eq!(SupervisionCode::parse(""), None);
    }

    #[test]
    fn inspection_codes_round_trip() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("day");
        let code = inspection_code(day, [1; 10]);
        assert!(code.starts_with("JC20261204-"));
        assert_eq!(
            parse_inspection_code(&code.to_ascii_lowercase()),
            Some(code)
        );
        assert_eq!(parse_inspection_code("JC2026"), None);
    }
}
