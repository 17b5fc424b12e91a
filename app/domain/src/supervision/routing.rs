//! Clue routing (接诉即办 → 分拨, issue 24 item 7): a clue from the 12345 hotline or a grid
//! platform that does not name the competent agency is sent, by its matter and its location,
//! to the agency whose powers list covers it; what cannot be routed lands in the supervision
//! body's queue, whose supervisors assign it by hand. An agency that received a clue outside
//! its powers sends it back with a reason, into the same queue.
//!
//! Basis: the supervision body (行政执法监督机构, 《行政执法监督条例》 Art. 6: the justice
//! bureau) handles complaints and 12345 referrals about enforcement and watches for 推诿扯皮
//! (agencies passing a matter to each other); the routing rules are the agencies' powers lists
//! (权责清单) written as data — a matter and the words that name it — so that every routing can
//! say why it went where, and a wrong one can be corrected without a release. The articles on
//! referrals beyond Art. 6 are not verified here (DOMAIN.md §4 marks them [U]).
//!
//! Invariants:
//! - routing is deterministic: the same clue, agencies and rules give the same outcome;
//! - a clue goes to one agency only when that agency's best matter matches strictly more of the
//!   clue's words than any other agency's: a tie is a question for a person, never a guess;
//! - a location naming one or more of the agencies' regions limits the candidates to those
//!   regions' agencies; a location naming none leaves every agency a candidate;
//! - the outcome names the matter and the words that decided it (or the agencies that tied).

use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    validate::{self, Field, Rule, ValidationError},
};

/// Most words one matter may list.
pub const MAX_KEYWORDS: usize = 50;
/// Longest word, in characters.
pub const MAX_KEYWORD_CHARS: usize = 20;
/// Shortest and longest reason for sending a clue back or a note to an assignment.
pub const REASON_CHARS: (usize, usize) = (2, 500);

/// An enforcement agency that may receive clues, and its region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The agency.
    pub agency_id: i32,
    /// Its region's code (行政区划代码).
    pub region_code: String,
    /// Its region's name, as a location would write it (临江市).
    pub region_name: String,
}

/// One matter of an agency's powers list, with the words that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct MatterRule {
    /// The agency whose powers include the matter.
    pub agency_id: i32,
    /// The matter (食品安全).
    pub matter: String,
    /// Words a clue about it contains (食品, 过期, 后厨).
    pub keywords: Vec<String>,
}

/// Where a clue goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// To one agency, because of one of its matters.
    Routed {
        /// The agency.
        agency_id: i32,
        /// Its matter that matched best.
        matter: String,
        /// The matter's words found in the clue, in the rule's order.
        matched: Vec<String>,
    },
    /// No agency's matter names anything in the clue.
    NoMatch,
    /// Several agencies match equally well.
    Tied {
        /// The agencies that tied, by id.
        agencies: Vec<i32>,
        /// How many words each of them matched.
        matched: usize,
    },
}

/// Routes a clue (its title and description say the matter, its location the region) among
/// `candidates` by `rules`.
pub fn route(
    title: &str,
    description: &str,
    location: &str,
    candidates: &[Candidate],
    rules: &[MatterRule],
) -> Outcome {
    let text = format!("{title}\n{description}").to_lowercase();
    let named: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| !c.region_name.trim().is_empty() && location.contains(c.region_name.trim()))
        .collect();
    let in_scope: Vec<i32> = if named.is_empty() {
        candidates.iter().map(|c| c.agency_id).collect()
    } else {
        let regions: Vec<&str> = named.iter().map(|c| c.region_code.as_str()).collect();
        candidates
            .iter()
            .filter(|c| regions.contains(&c.region_code.as_str()))
            .map(|c| c.agency_id)
            .collect()
    };
    // Each agency's best matter: most words found; the first rule wins within an agency.
    let mut best: Vec<(i32, &MatterRule, Vec<String>)> = Vec::new();
    for rule in rules.iter().filter(|r| in_scope.contains(&r.agency_id)) {
        let matched = matched_words(&text, &rule.keywords);
        if matched.is_empty() {
            continue;
        }
        match best.iter_mut().find(|(id, _, _)| *id == rule.agency_id) {
            Some(entry) if entry.2.len() < matched.len() => {
                *entry = (rule.agency_id, rule, matched)
            }
            Some(_) => {}
            None => best.push((rule.agency_id, rule, matched)),
        }
    }
    let Some(top) = best.iter().map(|(_, _, m)| m.len()).max() else {
        return Outcome::NoMatch;
    };
    let mut leaders: Vec<&(i32, &MatterRule, Vec<String>)> =
        best.iter().filter(|(_, _, m)| m.len() == top).collect();
    if leaders.len() > 1 {
        let mut agencies: Vec<i32> = leaders.iter().map(|(id, _, _)| *id).collect();
        agencies.sort_unstable();
        return Outcome::Tied {
            agencies,
            matched: top,
        };
    }
    let (agency_id, rule, matched) = leaders.remove(0);
    Outcome::Routed {
        agency_id: *agency_id,
        matter: rule.matter.clone(),
        matched: matched.clone(),
    }
}

/// The rule's words found in `text` (already lower-cased), each once, in the rule's order.
fn matched_words(text: &str, keywords: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in keywords.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        if text.contains(&word.to_lowercase()) && !out.iter().any(|w| w == word) {
            out.push(word.to_owned());
        }
    }
    out
}

/// Who put a clue in the queue it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoutedBy {
    /// The sender named the agency (or sent it to its own).
    Sender,
    /// The routing rules chose the agency.
    Rules,
    /// No rule decided: in the supervision body's queue.
    Unrouted,
    /// The agency sent it back, with a reason: in the supervision body's queue.
    Returned,
    /// A supervisor assigned it.
    Supervisor,
}

impl RoutedBy {
    /// Every value.
    pub const ALL: [RoutedBy; 5] = [
        RoutedBy::Sender,
        RoutedBy::Rules,
        RoutedBy::Unrouted,
        RoutedBy::Returned,
        RoutedBy::Supervisor,
    ];

    /// Machine name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RoutedBy::Sender => "sender",
            RoutedBy::Rules => "rules",
            RoutedBy::Unrouted => "unrouted",
            RoutedBy::Returned => "returned",
            RoutedBy::Supervisor => "supervisor",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether a clue routed this way waits in the supervision body's queue.
    pub fn awaits_assignment(self) -> bool {
        matches!(self, RoutedBy::Unrouted | RoutedBy::Returned)
    }
}

/// How a clue came to its queue, as stored with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RoutingRecord {
    /// Who routed it.
    pub by: RoutedBy,
    /// The matter that decided it (rules), if any.
    pub matter: Option<String>,
    /// The words that decided it (rules), or none.
    pub matched: Vec<String>,
    /// The names of the agencies that tied (unrouted), or the person's reason (returned,
    /// supervisor).
    pub note: Option<String>,
}

impl RoutingRecord {
    /// The record of an outcome; `name` gives an agency's name for the tied ones.
    pub fn of(outcome: &Outcome, name: impl Fn(i32) -> String) -> Self {
        match outcome {
            Outcome::Routed {
                matter, matched, ..
            } => RoutingRecord {
                by: RoutedBy::Rules,
                matter: Some(matter.clone()),
                matched: matched.clone(),
                note: None,
            },
            Outcome::NoMatch => RoutingRecord {
                by: RoutedBy::Unrouted,
                matter: None,
                matched: Vec::new(),
                note: None,
            },
            Outcome::Tied { agencies, .. } => RoutingRecord {
                by: RoutedBy::Unrouted,
                matter: None,
                matched: Vec::new(),
                note: Some(
                    agencies
                        .iter()
                        .map(|id| name(*id))
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
            },
        }
    }

    /// Why the clue is where it is, for people.
    pub fn describe(&self, lang: Lang) -> String {
        let note = self.note.as_deref().unwrap_or("");
        match self.by {
            RoutedBy::Sender => lang
                .pick("由报送方指定承办机关", "Agency named by the sender")
                .to_owned(),
            RoutedBy::Rules => {
                let words = self
                    .matched
                    .iter()
                    .map(|w| match lang {
                        Lang::Zh => format!("「{w}」"),
                        Lang::En => format!("\"{w}\""),
                    })
                    .collect::<Vec<_>>()
                    .join(lang.pick("", ", "));
                let matter = self.matter.as_deref().unwrap_or("");
                match lang {
                    Lang::Zh => format!("按职责「{matter}」自动分拨：线索中有{words}"),
                    Lang::En => {
                        format!("Routed by the matter \"{matter}\": the clue mentions {words}")
                    }
                }
            }
            RoutedBy::Unrouted if note.is_empty() => lang
                .pick(
                    "线索内容与各机关的职责均不匹配，待监督机构分拨",
                    "Matches no agency's powers: waiting for the supervision body to assign it",
                )
                .to_owned(),
            RoutedBy::Unrouted => match lang {
                Lang::Zh => format!("线索同时符合{note}的职责，待监督机构分拨"),
                Lang::En => format!(
                    "Matches the powers of {note} equally: waiting for the supervision body to assign it"
                ),
            },
            RoutedBy::Returned => match lang {
                Lang::Zh => format!("承办机关退回：{note}"),
                Lang::En => format!("Sent back by the agency: {note}"),
            },
            RoutedBy::Supervisor if note.is_empty() => lang
                .pick("由监督机构分拨", "Assigned by the supervision body")
                .to_owned(),
            RoutedBy::Supervisor => match lang {
                Lang::Zh => format!("由监督机构分拨：{note}"),
                Lang::En => format!("Assigned by the supervision body: {note}"),
            },
        }
    }
}

/// A reason for sending a clue back (required) or a note to an assignment (optional: `None`
/// when blank), trimmed.
pub fn reason(input: &str, required: bool) -> Result<Option<String>, ValidationError> {
    if input.trim().is_empty() && !required {
        return Ok(None);
    }
    validate::text(Field::Reason, input, REASON_CHARS.0, REASON_CHARS.1).map(Some)
}

/// A matter's words as typed (separated by commas, 、, spaces or new lines): trimmed, each
/// once, 1–[`MAX_KEYWORDS`] of them, each at most [`MAX_KEYWORD_CHARS`] characters.
pub fn keywords(input: &str) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for word in input
        .split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        if word.chars().count() > MAX_KEYWORD_CHARS {
            return Err(ValidationError::new(
                Field::Keywords,
                Rule::Length {
                    min: 1,
                    max: MAX_KEYWORD_CHARS,
                },
            ));
        }
        if !out.iter().any(|w| w == word) {
            out.push(word.to_owned());
        }
    }
    if out.is_empty() {
        return Err(ValidationError::new(Field::Keywords, Rule::Required));
    }
    if out.len() > MAX_KEYWORDS {
        return Err(ValidationError::new(
            Field::Keywords,
            Rule::TooMany { max: MAX_KEYWORDS },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCJG: i32 = 1;
    const CGZF: i32 = 2;
    const STHJ: i32 = 3;
    const DISTRICT: i32 = 4;

    fn candidates() -> Vec<Candidate> {
        let c = |agency_id, code: &str, name: &str| Candidate {
            agency_id,
            region_code: code.into(),
            region_name: name.into(),
        };
        vec![
            c(SCJG, "339900", "临江市"),
            c(CGZF, "339900", "临江市"),
            c(STHJ, "339900", "临江市"),
            c(DISTRICT, "339901", "滨江区"),
        ]
    }

    fn rule(agency_id: i32, matter: &str, words: &[&str]) -> MatterRule {
        MatterRule {
            agency_id,
            matter: matter.into(),
            keywords: words.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    fn rules() -> Vec<MatterRule> {
        vec![
            rule(SCJG, "食品安全", &["食品", "过期", "后厨", "餐馆"]),
            rule(SCJG, "价格", &["价格", "标价", "收费"]),
            rule(CGZF, "市容环境", &["占道", "乱摆", "垃圾", "噪音"]),
            rule(STHJ, "大气污染", &["废气", "异味", "噪音", "烟尘"]),
            rule(DISTRICT, "市容环境", &["占道", "垃圾"]),
        ]
    }

    fn go(title: &str, description: &str, location: &str) -> Outcome {
        route(title, description, location, &candidates(), &rules())
    }

    #[test]
    fn a_clue_goes_to_the_agency_whose_matter_matches_most_words() {
        assert_eq!(
            go("餐馆后厨卫生问题", "后厨有过期食材", "临江市滨江路 88 号"),
            Outcome::Routed {
                agency_id: SCJG,
                matter: "食品安全".into(),
                matched: vec!["过期".into(), "后厨".into(), "餐馆".into()],
            }
        );
        // Words are counted once each, in the rule's order, whatever their number in the text.
        assert_eq!(
            go("标价不实", "标价与结算不一致，标价牌模糊", "临江市"),
            Outcome::Routed {
                agency_id: SCJG,
                matter: "价格".into(),
                matched: vec!["标价".into()],
            }
        );
    }

    #[test]
    fn the_best_matter_of_each_agency_competes_and_a_tie_is_left_to_a_person() {
        // 噪音 is in the city administration's and the environment bureau's lists: one word
        // each, a tie.
        assert_eq!(
            go("夜间噪音扰民", "楼下夜里很吵", "临江市"),
            Outcome::Tied {
                agencies: vec![CGZF, STHJ],
                matched: 1,
            }
        );
        // One more word of the environment bureau's matter decides it.
        assert_eq!(
            go("工厂噪音和异味", "夜间排放", "临江市"),
            Outcome::Routed {
                agency_id: STHJ,
                matter: "大气污染".into(),
                matched: vec!["异味".into(), "噪音".into()],
            }
        );
    }

    #[test]
    fn nothing_matched_is_no_match() {
        assert_eq!(go("咨询社保缴费", "如何办理", "临江市"), Outcome::NoMatch);
        assert_eq!(
            route("任何", "内容", "临江市", &candidates(), &[]),
            Outcome::NoMatch
        );
        assert_eq!(
            route("食品", "过期", "临江市", &[], &rules()),
            Outcome::NoMatch
        );
    }

    #[test]
    fn a_location_naming_a_region_limits_the_candidates_to_its_agencies() {
        // The district's own list is the only candidate in 滨江区.
        assert_eq!(
            go("占道经营", "人行道上乱摆摊", "滨江区江滨路 3 号"),
            Outcome::Routed {
                agency_id: DISTRICT,
                matter: "市容环境".into(),
                matched: vec!["占道".into()],
            }
        );
        // In the city, the city administration wins with two words.
        assert_eq!(
            go("占道经营", "人行道上乱摆摊", "临江市人民路 1 号"),
            Outcome::Routed {
                agency_id: CGZF,
                matter: "市容环境".into(),
                matched: vec!["占道".into(), "乱摆".into()],
            }
        );
        // Naming no region: every agency competes (city 2 words against district 1).
        assert_eq!(
            go("占道经营", "人行道上乱摆摊", "人民路 1 号"),
            Outcome::Routed {
                agency_id: CGZF,
                matter: "市容环境".into(),
                matched: vec!["占道".into(), "乱摆".into()],
            }
        );
        // Naming both regions: both compete.
        assert_eq!(
            go("占道", "垃圾", "临江市滨江区"),
            Outcome::Tied {
                agencies: vec![CGZF, DISTRICT],
                matched: 2,
            }
        );
    }

    #[test]
    fn latin_words_match_whatever_their_case_and_blank_words_never_match() {
        let rules = vec![
            rule(SCJG, "计量", &["KTV", "  ", ""]),
            rule(CGZF, "x", &[" "]),
        ];
        assert_eq!(
            route("ktv 收费", "", "临江市", &candidates(), &rules),
            Outcome::Routed {
                agency_id: SCJG,
                matter: "计量".into(),
                matched: vec!["KTV".into()],
            }
        );
        assert_eq!(
            route("", "", "临江市", &candidates(), &rules),
            Outcome::NoMatch
        );
    }

    #[test]
    fn routing_is_the_same_whatever_the_order_of_the_rules() {
        let mut reversed = rules();
        reversed.reverse();
        for (t, d, l) in [
            ("餐馆后厨卫生问题", "后厨有过期食材", "临江市"),
            ("夜间噪音扰民", "", "临江市"),
            ("工厂噪音和异味", "", "临江市"),
            ("咨询", "", ""),
        ] {
            let a = route(t, d, l, &candidates(), &rules());
            let b = route(t, d, l, &candidates(), &reversed);
            assert_eq!(a, b, "{t}");
        }
    }

    #[test]
    fn each_record_says_why_in_both_languages() {
        let names = |id: i32| format!("机关{id}");
        let routed = RoutingRecord::of(&go("餐馆后厨", "过期", "临江市"), names);
        assert_eq!(routed.by, RoutedBy::Rules);
        assert_eq!(
            routed.describe(Lang::Zh),
            "按职责「食品安全」自动分拨：线索中有「过期」「后厨」「餐馆」"
        );
        assert!(routed.describe(Lang::En).contains("\"过期\", \"后厨\""));
        let tied = RoutingRecord::of(&go("噪音", "", "临江市"), names);
        assert_eq!(tied.by, RoutedBy::Unrouted);
        assert_eq!(
            tied.describe(Lang::Zh),
            "线索同时符合机关2、机关3的职责，待监督机构分拨"
        );
        let none = RoutingRecord::of(&Outcome::NoMatch, names);
        assert!(none.describe(Lang::Zh).contains("均不匹配"));
        let returned = RoutingRecord {
            by: RoutedBy::Returned,
            matter: None,
            matched: Vec::new(),
            note: Some("不属本局职责".into()),
        };
        assert_eq!(returned.describe(Lang::Zh), "承办机关退回：不属本局职责");
        for by in RoutedBy::ALL {
            assert_eq!(RoutedBy::parse(by.as_str()), Some(by));
            let r = RoutingRecord {
                by,
                ..returned.clone()
            };
            assert!(!r.describe(Lang::Zh).is_empty());
            if by == RoutedBy::Sender {
                assert!(r.describe(Lang::En).is_ascii());
            }
        }
        assert!(RoutedBy::Returned.awaits_assignment());
        assert!(RoutedBy::Unrouted.awaits_assignment());
        assert!(!RoutedBy::Rules.awaits_assignment());
        assert_eq!(RoutedBy::parse("guess"), None);
    }

    #[test]
    fn reasons_and_keywords_are_checked_naming_their_field() {
        assert_eq!(reason("  ", false), Ok(None));
        assert_eq!(reason(" ", true).map_err(|e| e.field), Err(Field::Reason));
        assert_eq!(
            reason("不属本局职责", true),
            Ok(Some("不属本局职责".into()))
        );
        assert!(reason(&"长".repeat(501), true).is_err());
        assert_eq!(
            keywords("食品，过期、后厨 餐馆\n食品"),
            Ok(vec![
                "食品".into(),
                "过期".into(),
                "后厨".into(),
                "餐馆".into()
            ])
        );
        assert_eq!(
            keywords(" ,、 ").map_err(|e| (e.field, e.rule)),
            Err((Field::Keywords, Rule::Required))
        );
        assert_eq!(
            keywords(&"长".repeat(21)).map_err(|e| e.field),
            Err(Field::Keywords)
        );
        let many = (0..51)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            keywords(&many).map_err(|e| e.rule),
            Err(Rule::TooMany { max: MAX_KEYWORDS })
        );
        assert_eq!(keywords(&many[..many.len() - 4]).map(|k| k.len()), Ok(50));
    }
}
