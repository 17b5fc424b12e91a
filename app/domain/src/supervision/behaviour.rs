//! Behaviour signals (issue 24 item 5): patterns the supervision body watches for under the
//! 《行政执法监督条例》 (in force 2026-02-01; DOMAIN.md §5 lists the behaviours: 有案不立、以罚代管、
//! 违规异地执法、趋利性执法 among them). Each rule reads facts the platform already holds and
//! says what it saw; a signal is a prompt to look, not a finding of wrongdoing.
//!
//! - **有案不立** — a clue waiting in an enforcement agency's queue, neither registered nor
//!   declined, longer than [`CLUE_LIMIT_WORKING_DAYS`] working days after it was received
//!   (SAMR procedure rules Art. 18: verify within 15 working days; a local limit **[L]**).
//! - **以罚代管** — the same party fined by the same agency [`REPEAT_MIN`] times or more within
//!   [`WINDOW_DAYS`] days, none of those decisions ordering the violation corrected (APL Art. 28
//!   ¶1: a penalty comes with an order to correct). Thresholds **[L]**.
//! - **违规异地执法** — a case whose location names a region of the platform outside the
//!   agency's own (by the administrative division codes: a district lies within its city).
//! - **趋利性执法信号** — the fines decided by an agency, or with an officer on the case, in the
//!   last [`SURGE_RECENT_DAYS`] days at least [`SURGE_FACTOR`] times their own average over the
//!   four periods before, and at least [`SURGE_MIN_FEN`]; with no history there is nothing to
//!   compare with and no signal. Shown as a signal beside its figures, never as a ranking:
//!   signals are ordered by kind, agency and subject, never by amount.
//! - **同一执法人员多次被投诉** — [`REPEAT_MIN`] or more complaints within [`WINDOW_DAYS`] days
//!   about cases an officer worked on.
//!
//! Invariants: the rules are deterministic in their inputs (the day is passed in); every
//! signal names its agency and what it is about; the output order does not depend on amounts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{calendar::WorkCalendar, i18n::Lang, money};

/// Working days within which a clue is registered or declined.
pub const CLUE_LIMIT_WORKING_DAYS: u32 = 15;
/// The look-back window of the repeat rules, in days.
pub const WINDOW_DAYS: i64 = 365;
/// How many fines (or complaints) make a repeat.
pub const REPEAT_MIN: usize = 3;
/// The recent period of the fine-surge rule, in days; the baseline is the four periods before.
pub const SURGE_RECENT_DAYS: i64 = 90;
/// How many times its own average the recent period must reach.
pub const SURGE_FACTOR: i64 = 2;
/// The least recent total worth a signal (10,000 yuan, in fen).
pub const SURGE_MIN_FEN: i64 = 1_000_000;

/// The kinds of signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// A supervision notice's rectification not reported by its deadline (逾期未整改).
    RectificationOverdue,
    /// 有案不立.
    ClueIdle,
    /// 以罚代管.
    FinesWithoutCorrection,
    /// 违规异地执法.
    OutsideRegion,
    /// 趋利性执法信号.
    FineSurge,
    /// 同一执法人员多次被投诉.
    RepeatedComplaints,
}

impl SignalKind {
    /// Every kind, in the order signals are listed.
    pub const ALL: [SignalKind; 6] = [
        SignalKind::RectificationOverdue,
        SignalKind::ClueIdle,
        SignalKind::FinesWithoutCorrection,
        SignalKind::OutsideRegion,
        SignalKind::FineSurge,
        SignalKind::RepeatedComplaints,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::RectificationOverdue => "rectification_overdue",
            SignalKind::ClueIdle => "clue_idle",
            SignalKind::FinesWithoutCorrection => "fines_without_correction",
            SignalKind::OutsideRegion => "outside_region",
            SignalKind::FineSurge => "fine_surge",
            SignalKind::RepeatedComplaints => "repeated_complaints",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SignalKind::RectificationOverdue => lang.pick(
                "监督文书逾期未整改",
                "Rectification overdue on a supervision notice",
            ),
            SignalKind::ClueIdle => lang.pick("有案不立：线索逾期未处理", "Clue left unhandled"),
            SignalKind::FinesWithoutCorrection => lang.pick(
                "以罚代管：多次罚款未责令改正",
                "Fined again and again, never ordered to correct",
            ),
            SignalKind::OutsideRegion => lang.pick(
                "违规异地执法：案发地在辖区外",
                "Enforcement outside the region",
            ),
            SignalKind::FineSurge => lang.pick(
                "趋利性执法信号：罚款额明显高于自身以往",
                "Fines well above their own history",
            ),
            SignalKind::RepeatedComplaints => lang.pick(
                "同一执法人员多次被投诉",
                "Repeated complaints about one officer",
            ),
        }
    }
}

/// What a signal saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// A supervision opinion or decision whose rectification is still owed past its deadline.
    RectificationOverdue {
        /// The notice.
        notice_id: i32,
        /// Its number.
        number: String,
        /// The day the report was due.
        deadline: NaiveDate,
        /// Days past that day.
        days_over: i64,
    },
    /// A clue pending past its limit.
    ClueIdle {
        /// The clue.
        clue_id: i32,
        /// The day it was received.
        received_on: NaiveDate,
        /// The last day to register or decline it.
        due_on: NaiveDate,
        /// Working days past that day.
        working_days_over: u32,
    },
    /// One party fined repeatedly without an order to correct.
    FinesWithoutCorrection {
        /// The party's name.
        party: String,
        /// The cases, oldest decision first.
        case_ids: Vec<i32>,
    },
    /// A case located in another region.
    OutsideRegion {
        /// The case.
        case_id: i32,
        /// The region its location names.
        region: String,
    },
    /// Recent fines far above the agency's (or officer's) own history.
    FineSurge {
        /// The officer, or none for the whole agency.
        officer_id: Option<i32>,
        /// Fines decided in the recent period (fen).
        recent_fen: i64,
        /// The average of the four periods before (fen).
        baseline_fen: i64,
    },
    /// Complaints about cases one officer worked on.
    RepeatedComplaints {
        /// The officer.
        officer_id: i32,
        /// The complaints, oldest first.
        complaint_ids: Vec<i32>,
    },
}

/// One signal: an agency and what was seen there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Signal {
    /// The agency concerned.
    pub agency_id: i32,
    /// What was seen.
    pub finding: Finding,
}

impl Signal {
    /// Its kind.
    pub fn kind(&self) -> SignalKind {
        match self.finding {
            Finding::RectificationOverdue { .. } => SignalKind::RectificationOverdue,
            Finding::ClueIdle { .. } => SignalKind::ClueIdle,
            Finding::FinesWithoutCorrection { .. } => SignalKind::FinesWithoutCorrection,
            Finding::OutsideRegion { .. } => SignalKind::OutsideRegion,
            Finding::FineSurge { .. } => SignalKind::FineSurge,
            Finding::RepeatedComplaints { .. } => SignalKind::RepeatedComplaints,
        }
    }

    /// A stable key (kind and subject), for ordering and for linking.
    pub fn key(&self) -> String {
        let subject = match &self.finding {
            Finding::RectificationOverdue { notice_id, .. } => format!("notice:{notice_id}"),
            Finding::ClueIdle { clue_id, .. } => format!("clue:{clue_id}"),
            Finding::FinesWithoutCorrection { case_ids, .. } => {
                format!("cases:{}", join(case_ids))
            }
            Finding::OutsideRegion { case_id, .. } => format!("case:{case_id}"),
            Finding::FineSurge { officer_id, .. } => match officer_id {
                Some(id) => format!("officer:{id}"),
                None => "agency".into(),
            },
            Finding::RepeatedComplaints { officer_id, .. } => format!("officer:{officer_id}"),
        };
        format!("{}:{}:{subject}", self.kind().as_str(), self.agency_id)
    }

    /// What was seen, for people; `officer` names an officer by id.
    pub fn describe(&self, lang: Lang, officer: impl Fn(i32) -> String) -> String {
        match (&self.finding, lang) {
            (
                Finding::RectificationOverdue {
                    number,
                    deadline,
                    days_over,
                    ..
                },
                Lang::Zh,
            ) => format!("{number} 要求于 {deadline} 前报告整改情况，已逾期 {days_over} 日未报告"),
            (
                Finding::RectificationOverdue {
                    number,
                    deadline,
                    days_over,
                    ..
                },
                Lang::En,
            ) => format!(
                "{number}: the rectification report was due by {deadline}; {days_over} days overdue"
            ),
            (
                Finding::ClueIdle {
                    received_on,
                    due_on,
                    working_days_over,
                    ..
                },
                Lang::Zh,
            ) => format!(
                "{received_on} 收到的线索，应于 {due_on} 前登记立案或决定不予立案，已超过 {working_days_over} 个工作日"
            ),
            (
                Finding::ClueIdle {
                    received_on,
                    due_on,
                    working_days_over,
                    ..
                },
                Lang::En,
            ) => format!(
                "Received on {received_on}; to be registered or declined by {due_on}; {working_days_over} working days late"
            ),
            (Finding::FinesWithoutCorrection { party, case_ids }, Lang::Zh) => format!(
                "{WINDOW_DAYS} 日内对「{party}」罚款 {} 次，均未责令改正",
                case_ids.len()
            ),
            (Finding::FinesWithoutCorrection { party, case_ids }, Lang::En) => format!(
                "\"{party}\" fined {} times within {WINDOW_DAYS} days, never ordered to correct",
                case_ids.len()
            ),
            (Finding::OutsideRegion { region, .. }, Lang::Zh) => {
                format!("案发地点在「{region}」，不在本机关辖区内")
            }
            (Finding::OutsideRegion { region, .. }, Lang::En) => {
                format!("Located in \"{region}\", outside the agency's region")
            }
            (
                Finding::FineSurge {
                    officer_id,
                    recent_fen,
                    baseline_fen,
                },
                lang,
            ) => {
                let who = match officer_id {
                    Some(id) => officer(*id),
                    None => lang.pick("本机关", "The agency").to_owned(),
                };
                let (recent, baseline) = (
                    money::format_yuan(*recent_fen),
                    money::format_yuan(*baseline_fen),
                );
                match lang {
                    Lang::Zh => format!(
                        "{who}近 {SURGE_RECENT_DAYS} 日决定罚款 {recent} 元，此前一年平均每 {SURGE_RECENT_DAYS} 日 {baseline} 元"
                    ),
                    Lang::En => format!(
                        "{who}: fines of CNY {recent} in the last {SURGE_RECENT_DAYS} days against CNY {baseline} per {SURGE_RECENT_DAYS} days in the year before"
                    ),
                }
            }
            (
                Finding::RepeatedComplaints {
                    officer_id,
                    complaint_ids,
                },
                Lang::Zh,
            ) => format!(
                "{WINDOW_DAYS} 日内 {} 件投诉涉及{}参与办理的案件",
                complaint_ids.len(),
                officer(*officer_id)
            ),
            (
                Finding::RepeatedComplaints {
                    officer_id,
                    complaint_ids,
                },
                Lang::En,
            ) => format!(
                "{} complaints within {WINDOW_DAYS} days about cases {} worked on",
                complaint_ids.len(),
                officer(*officer_id)
            ),
        }
    }
}

fn join(ids: &[i32]) -> String {
    ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

/// A supervision notice whose rectification the agency still owes (issued, or its report
/// returned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedNotice {
    /// The notice.
    pub notice_id: i32,
    /// The agency it is addressed to.
    pub agency_id: i32,
    /// Its number.
    pub number: String,
    /// The day the report is due.
    pub deadline: NaiveDate,
}

/// The owed notices past their deadline on `today` (the day itself is still in time).
pub fn overdue_rectifications(owed: &[OwedNotice], today: NaiveDate) -> Vec<Signal> {
    let mut out: Vec<Signal> = owed
        .iter()
        .filter(|n| today > n.deadline)
        .map(|n| Signal {
            agency_id: n.agency_id,
            finding: Finding::RectificationOverdue {
                notice_id: n.notice_id,
                number: n.number.clone(),
                deadline: n.deadline,
                days_over: (today - n.deadline).num_days(),
            },
        })
        .collect();
    sort(&mut out);
    out
}

/// A clue in an enforcement agency's queue, neither registered nor declined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingClue {
    /// The clue.
    pub clue_id: i32,
    /// The agency whose queue it is in.
    pub agency_id: i32,
    /// The day it was received there.
    pub received_on: NaiveDate,
}

/// 有案不立: the pending clues past [`CLUE_LIMIT_WORKING_DAYS`] working days on `today`.
pub fn idle_clues(clues: &[PendingClue], today: NaiveDate, calendar: &WorkCalendar) -> Vec<Signal> {
    let mut out: Vec<Signal> = clues
        .iter()
        .filter_map(|c| {
            let due_on = calendar.add_working_days(c.received_on, CLUE_LIMIT_WORKING_DAYS);
            (today > due_on).then(|| Signal {
                agency_id: c.agency_id,
                finding: Finding::ClueIdle {
                    clue_id: c.clue_id,
                    received_on: c.received_on,
                    due_on,
                    working_days_over: calendar.working_days_between(due_on, today),
                },
            })
        })
        .collect();
    sort(&mut out);
    out
}

/// A decision on a case, with its party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The case.
    pub case_id: i32,
    /// Its agency.
    pub agency_id: i32,
    /// Who the party is (its credit code or ID number; the name when it has neither).
    pub party_key: String,
    /// The party's name.
    pub party_name: String,
    /// The decision day.
    pub decided_on: NaiveDate,
    /// Whether it imposed a fine.
    pub fined: bool,
    /// Whether the case ordered the violation corrected.
    pub correction_ordered: bool,
}

/// 以罚代管: parties fined by one agency [`REPEAT_MIN`] or more times within [`WINDOW_DAYS`]
/// days before `today` (inclusive) without an order to correct.
pub fn fines_without_correction(decisions: &[Decision], today: NaiveDate) -> Vec<Signal> {
    let from = today - Duration::days(WINDOW_DAYS - 1);
    let mut groups: BTreeMap<(i32, &str), Vec<&Decision>> = BTreeMap::new();
    for d in decisions
        .iter()
        .filter(|d| d.fined && !d.correction_ordered && (from..=today).contains(&d.decided_on))
    {
        groups
            .entry((d.agency_id, d.party_key.trim()))
            .or_default()
            .push(d);
    }
    let mut out: Vec<Signal> = groups
        .into_iter()
        .filter(|((_, key), list)| !key.is_empty() && list.len() >= REPEAT_MIN)
        .map(|((agency_id, _), mut list)| {
            list.sort_by_key(|d| (d.decided_on, d.case_id));
            Signal {
                agency_id,
                finding: Finding::FinesWithoutCorrection {
                    party: list[list.len() - 1].party_name.clone(),
                    case_ids: list.iter().map(|d| d.case_id).collect(),
                },
            }
        })
        .collect();
    sort(&mut out);
    out
}

/// A region of the platform: its administrative division code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The 6-digit code (339900).
    pub code: String,
    /// The name as a location writes it (临江市).
    pub name: String,
}

/// Whether the region `code` lies within the region `outer` (a city's districts lie within the
/// city: 339901 within 339900; a province's cities within it: 339900 within 330000).
pub fn within(outer: &str, code: &str) -> bool {
    let mut prefix = outer.trim();
    while prefix.len() > 2 && prefix.ends_with("00") {
        prefix = &prefix[..prefix.len() - 2];
    }
    !prefix.is_empty() && code.trim().starts_with(prefix)
}

/// A case's location and its agency's region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLocation {
    /// The case.
    pub case_id: i32,
    /// Its agency.
    pub agency_id: i32,
    /// The agency's region code.
    pub agency_region: String,
    /// Where the violation took place, as written.
    pub location: String,
}

/// 违规异地执法: the cases whose location names regions of the platform, none of them within
/// the agency's region. A location naming no known region says nothing.
pub fn outside_region(cases: &[CaseLocation], regions: &[Region]) -> Vec<Signal> {
    let mut out: Vec<Signal> = cases
        .iter()
        .filter_map(|c| {
            let named: Vec<&Region> = regions
                .iter()
                .filter(|r| !r.name.trim().is_empty() && c.location.contains(r.name.trim()))
                .collect();
            let first = named.first()?;
            (!named.iter().any(|r| within(&c.agency_region, &r.code))).then(|| Signal {
                agency_id: c.agency_id,
                finding: Finding::OutsideRegion {
                    case_id: c.case_id,
                    region: first.name.clone(),
                },
            })
        })
        .collect();
    sort(&mut out);
    out
}

/// A fine decided on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fine {
    /// Its agency.
    pub agency_id: i32,
    /// The officers on the case.
    pub officer_ids: Vec<i32>,
    /// The decision day.
    pub decided_on: NaiveDate,
    /// The amount (fen).
    pub fen: i64,
}

/// 趋利性执法信号: agencies, and officers within an agency, whose fines of the last
/// [`SURGE_RECENT_DAYS`] days (through `today`) reach [`SURGE_MIN_FEN`] and [`SURGE_FACTOR`]
/// times their average over the four periods before.
pub fn fine_surges(fines: &[Fine], today: NaiveDate) -> Vec<Signal> {
    let recent_from = today - Duration::days(SURGE_RECENT_DAYS - 1);
    let base_from = recent_from - Duration::days(4 * SURGE_RECENT_DAYS);
    // (agency, officer or none) → (recent, baseline total)
    let mut sums: BTreeMap<(i32, Option<i32>), (i64, i64)> = BTreeMap::new();
    for f in fines.iter().filter(|f| f.fen > 0) {
        let slot = if (recent_from..=today).contains(&f.decided_on) {
            0
        } else if (base_from..recent_from).contains(&f.decided_on) {
            1
        } else {
            continue;
        };
        let officers: BTreeSet<i32> = f.officer_ids.iter().copied().collect();
        for who in std::iter::once(None).chain(officers.into_iter().map(Some)) {
            let entry = sums.entry((f.agency_id, who)).or_default();
            if slot == 0 {
                entry.0 = entry.0.saturating_add(f.fen);
            } else {
                entry.1 = entry.1.saturating_add(f.fen);
            }
        }
    }
    let mut out: Vec<Signal> = sums
        .into_iter()
        .filter_map(|((agency_id, officer_id), (recent, base_total))| {
            let baseline = base_total / 4;
            (baseline > 0
                && recent >= SURGE_MIN_FEN
                && recent >= baseline.saturating_mul(SURGE_FACTOR))
            .then_some(Signal {
                agency_id,
                finding: Finding::FineSurge {
                    officer_id,
                    recent_fen: recent,
                    baseline_fen: baseline,
                },
            })
        })
        .collect();
    // An officer whose figures are the agency's (they were on every fined case) says nothing
    // the agency's signal does not.
    let agency_figures: Vec<(i32, i64, i64)> = out
        .iter()
        .filter_map(|s| match s.finding {
            Finding::FineSurge {
                officer_id: None,
                recent_fen,
                baseline_fen,
            } => Some((s.agency_id, recent_fen, baseline_fen)),
            _ => None,
        })
        .collect();
    out.retain(|s| match s.finding {
        Finding::FineSurge {
            officer_id: Some(_),
            recent_fen,
            baseline_fen,
        } => !agency_figures.contains(&(s.agency_id, recent_fen, baseline_fen)),
        _ => true,
    });
    sort(&mut out);
    out
}

/// A complaint about a case, with the case's officers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseComplaint {
    /// The complaint.
    pub complaint_id: i32,
    /// The case's agency.
    pub agency_id: i32,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The officers on the case.
    pub officer_ids: Vec<i32>,
}

/// Officers on [`REPEAT_MIN`] or more complained-about cases within [`WINDOW_DAYS`] days.
pub fn repeated_complaints(complaints: &[CaseComplaint], today: NaiveDate) -> Vec<Signal> {
    let from = today - Duration::days(WINDOW_DAYS - 1);
    let mut by_officer: BTreeMap<(i32, i32), BTreeSet<(NaiveDate, i32)>> = BTreeMap::new();
    for c in complaints
        .iter()
        .filter(|c| (from..=today).contains(&c.received_on))
    {
        for officer in &c.officer_ids {
            by_officer
                .entry((c.agency_id, *officer))
                .or_default()
                .insert((c.received_on, c.complaint_id));
        }
    }
    let mut out: Vec<Signal> = by_officer
        .into_iter()
        .filter(|(_, set)| set.len() >= REPEAT_MIN)
        .map(|((agency_id, officer_id), set)| Signal {
            agency_id,
            finding: Finding::RepeatedComplaints {
                officer_id,
                complaint_ids: set.into_iter().map(|(_, id)| id).collect(),
            },
        })
        .collect();
    sort(&mut out);
    out
}

/// Orders signals by kind, agency and subject: never by amount.
pub fn sort(signals: &mut [Signal]) {
    signals.sort_by(|a, b| (a.kind(), a.agency_id, a.key()).cmp(&(b.kind(), b.agency_id, b.key())));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_clue_is_idle_from_the_first_day_after_fifteen_working_days() {
        let cal = WorkCalendar::china();
        // Received Monday 2026-11-02: the 15th working day after is Monday 2026-11-23.
        let clue = PendingClue {
            clue_id: 7,
            agency_id: 1,
            received_on: d("2026-11-02"),
        };
        assert_eq!(cal.add_working_days(d("2026-11-02"), 15), d("2026-11-23"));
        assert!(idle_clues(&[clue.clone()], d("2026-11-23"), &cal).is_empty());
        let late = idle_clues(&[clue.clone()], d("2026-11-24"), &cal);
        assert_eq!(
            late,
            [Signal {
                agency_id: 1,
                finding: Finding::ClueIdle {
                    clue_id: 7,
                    received_on: d("2026-11-02"),
                    due_on: d("2026-11-23"),
                    working_days_over: 1,
                },
            }]
        );
        // Sunday 2026-11-29: Tuesday to Friday are late, the weekend adds nothing.
        match &idle_clues(&[clue], d("2026-11-29"), &cal)[0].finding {
            Finding::ClueIdle {
                working_days_over, ..
            } => assert_eq!(*working_days_over, 4),
            other => panic!("{other:?}"),
        }
        // The national-day holiday does not count: received 2026-09-30, due well after.
        let holiday = PendingClue {
            clue_id: 8,
            agency_id: 1,
            received_on: d("2026-09-30"),
        };
        let due = cal.add_working_days(d("2026-09-30"), 15);
        assert!(due > d("2026-10-21"), "{due}");
        assert!(idle_clues(&[holiday], d("2026-10-21"), &cal).is_empty());
    }

    fn decision(case_id: i32, party: &str, on: &str, fined: bool, corrected: bool) -> Decision {
        Decision {
            case_id,
            agency_id: 1,
            party_key: party.into(),
            party_name: format!("{party}号店"),
            decided_on: d(on),
            fined,
            correction_ordered: corrected,
        }
    }

    #[test]
    fn three_fines_without_correction_within_a_year_are_a_signal() {
        let today = d("2026-12-01");
        let base = vec![
            decision(1, "A", "2026-01-10", true, false),
            decision(2, "A", "2026-06-01", true, false),
            decision(3, "A", "2026-11-30", true, false),
        ];
        assert_eq!(
            fines_without_correction(&base, today),
            [Signal {
                agency_id: 1,
                finding: Finding::FinesWithoutCorrection {
                    party: "A号店".into(),
                    case_ids: vec![1, 2, 3],
                },
            }]
        );
        // Two are not a repeat; a correction ordered takes a decision out; so does a
        // decision without a fine; so does one older than the window (365 days back,
        // inclusive of today).
        for (i, change) in [
            |v: &mut Vec<Decision>| {
                v.pop();
            },
            |v: &mut Vec<Decision>| v[0].correction_ordered = true,
            |v: &mut Vec<Decision>| v[1].fined = false,
            |v: &mut Vec<Decision>| v[0].decided_on = d("2025-12-01"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut v = base.clone();
            change(&mut v);
            assert!(fines_without_correction(&v, today).is_empty(), "change {i}");
        }
        let mut edge = base.clone();
        edge[0].decided_on = d("2025-12-02");
        assert_eq!(fines_without_correction(&edge, today).len(), 1, "day 365");
        // Another agency's fines of the same party are not this agency's repeat.
        let mut split = base.clone();
        split[2].agency_id = 2;
        assert!(fines_without_correction(&split, today).is_empty());
        // A blank party key never groups strangers.
        let blank: Vec<Decision> = base
            .iter()
            .cloned()
            .map(|mut x| {
                x.party_key = " ".into();
                x
            })
            .collect();
        assert!(fines_without_correction(&blank, today).is_empty());
    }

    #[test]
    fn regions_nest_by_their_codes() {
        assert!(within("339900", "339900"));
        assert!(within("339900", "339901"));
        assert!(within("330000", "339900"));
        assert!(!within("339900", "338800"));
        assert!(!within("339901", "339902"));
        assert!(
            !within("339901", "339900"),
            "a city is not within its district"
        );
        assert!(!within("", "339900"));
    }

    #[test]
    fn a_case_located_only_in_other_regions_is_outside() {
        let regions = vec![
            Region {
                code: "339900".into(),
                name: "临江市".into(),
            },
            Region {
                code: "339901".into(),
                name: "滨江区".into(),
            },
            Region {
                code: "338800".into(),
                name: "临海市".into(),
            },
        ];
        let case = |case_id, location: &str| CaseLocation {
            case_id,
            agency_id: 1,
            agency_region: "339900".into(),
            location: location.into(),
        };
        let signals = outside_region(
            &[
                case(1, "临江市人民路 1 号"),
                case(2, "滨江区江滨路 3 号"),
                case(3, "临海市东港路 8 号"),
                case(4, "人民路 1 号"),
                case(5, "临江市与临海市交界处"),
            ],
            &regions,
        );
        assert_eq!(
            signals,
            [Signal {
                agency_id: 1,
                finding: Finding::OutsideRegion {
                    case_id: 3,
                    region: "临海市".into(),
                },
            }]
        );
    }

    fn fine(officers: &[i32], on: &str, yuan: i64) -> Fine {
        Fine {
            agency_id: 1,
            officer_ids: officers.to_vec(),
            decided_on: d(on),
            fen: yuan * 100,
        }
    }

    #[test]
    fn fines_twice_their_own_average_and_at_least_ten_thousand_yuan_are_a_signal() {
        let today = d("2026-12-01");
        // Recent period: 2026-09-03 ..= 2026-12-01. Baseline: the 360 days before.
        let history = vec![
            fine(&[10, 11], "2026-01-15", 10_000),
            fine(&[10, 11], "2026-05-15", 10_000),
            fine(&[12], "2026-08-01", 20_000),
        ];
        // Baseline: agency 40,000 / 4 = 10,000; officer 10: 20,000 / 4 = 5,000; 12: 5,000.
        let mut recent = history.clone();
        recent.push(fine(&[10, 10], "2026-11-20", 20_000));
        let signals = fine_surges(&recent, today);
        assert_eq!(
            signals,
            [
                Signal {
                    agency_id: 1,
                    finding: Finding::FineSurge {
                        officer_id: None,
                        recent_fen: 2_000_000,
                        baseline_fen: 1_000_000,
                    },
                },
                Signal {
                    agency_id: 1,
                    finding: Finding::FineSurge {
                        officer_id: Some(10),
                        recent_fen: 2_000_000,
                        baseline_fen: 500_000,
                    },
                },
            ],
            "an officer named twice on a case counts the fine once"
        );
        // An officer on every fined case adds nothing to the agency's signal.
        let team = vec![
            fine(&[20, 21], "2026-03-01", 10_000),
            fine(&[20, 21], "2026-11-20", 30_000),
        ];
        assert_eq!(
            fine_surges(&team, today)
                .iter()
                .map(|s| s.key())
                .collect::<Vec<_>>(),
            ["fine_surge:1:agency"]
        );
        // Just under twice the agency's average: only the officer.
        let mut under = history.clone();
        under.push(fine(&[10], "2026-11-20", 19_999));
        assert_eq!(fine_surges(&under, today).len(), 1);
        // The first day of the recent period counts, the day before is baseline.
        let mut edge = history.clone();
        edge.push(fine(&[10], "2026-09-03", 20_000));
        assert_eq!(fine_surges(&edge, today).len(), 2);
        let mut before = history.clone();
        before.push(fine(&[10], "2026-09-02", 20_000));
        assert!(fine_surges(&before, today).is_empty());
        // No history, no comparison; a small amount is no signal whatever the ratio.
        assert!(fine_surges(&[fine(&[10], "2026-11-20", 50_000)], today).is_empty());
        let small = vec![
            fine(&[13], "2026-03-01", 100),
            fine(&[13], "2026-11-20", 9_000),
        ];
        assert!(fine_surges(&small, today).is_empty());
    }

    #[test]
    fn signals_are_never_ordered_by_amount() {
        let today = d("2026-12-01");
        let fines = vec![
            Fine {
                agency_id: 2,
                officer_ids: vec![],
                decided_on: d("2026-05-01"),
                fen: 100,
            },
            Fine {
                agency_id: 2,
                officer_ids: vec![],
                decided_on: d("2026-11-01"),
                fen: 9_000_000,
            },
            Fine {
                agency_id: 1,
                officer_ids: vec![],
                decided_on: d("2026-05-01"),
                fen: 400_000,
            },
            Fine {
                agency_id: 1,
                officer_ids: vec![],
                decided_on: d("2026-11-01"),
                fen: 1_000_000,
            },
        ];
        let agencies: Vec<i32> = fine_surges(&fines, today)
            .iter()
            .map(|s| s.agency_id)
            .collect();
        assert_eq!(agencies, [1, 2], "by agency, the larger surge second");
    }

    #[test]
    fn an_officer_on_three_complained_about_cases_within_a_year_is_a_signal() {
        let today = d("2026-12-01");
        let c = |complaint_id, on: &str, officers: &[i32]| CaseComplaint {
            complaint_id,
            agency_id: 1,
            received_on: d(on),
            officer_ids: officers.to_vec(),
        };
        let list = vec![
            c(1, "2026-02-01", &[10, 11]),
            c(2, "2026-06-01", &[10]),
            c(3, "2026-11-01", &[10, 11]),
            c(4, "2025-11-01", &[11]),
        ];
        assert_eq!(
            repeated_complaints(&list, today),
            [Signal {
                agency_id: 1,
                finding: Finding::RepeatedComplaints {
                    officer_id: 10,
                    complaint_ids: vec![1, 2, 3],
                },
            }]
        );
    }

    #[test]
    fn every_signal_describes_itself_in_both_languages_with_a_stable_key() {
        let name = |id: i32| format!("officer{id}");
        let signals = [
            Signal {
                agency_id: 1,
                finding: Finding::RectificationOverdue {
                    notice_id: 4,
                    number: "临司监意〔2026〕1号".into(),
                    deadline: d("2026-11-20"),
                    days_over: 6,
                },
            },
            Signal {
                agency_id: 1,
                finding: Finding::ClueIdle {
                    clue_id: 7,
                    received_on: d("2026-11-02"),
                    due_on: d("2026-11-23"),
                    working_days_over: 3,
                },
            },
            Signal {
                agency_id: 1,
                finding: Finding::FinesWithoutCorrection {
                    party: "A号店".into(),
                    case_ids: vec![1, 2, 3],
                },
            },
            Signal {
                agency_id: 1,
                finding: Finding::OutsideRegion {
                    case_id: 3,
                    region: "临海市".into(),
                },
            },
            Signal {
                agency_id: 1,
                finding: Finding::FineSurge {
                    officer_id: Some(10),
                    recent_fen: 2_000_000,
                    baseline_fen: 500_000,
                },
            },
            Signal {
                agency_id: 1,
                finding: Finding::RepeatedComplaints {
                    officer_id: 10,
                    complaint_ids: vec![1, 2, 3],
                },
            },
        ];
        let kinds: Vec<SignalKind> = signals.iter().map(Signal::kind).collect();
        assert_eq!(kinds, SignalKind::ALL);
        for s in &signals {
            assert!(!s.describe(Lang::Zh, name).is_empty());
            assert!(!s.describe(Lang::En, name).is_empty());
            assert!(s.key().starts_with(s.kind().as_str()));
            assert_eq!(SignalKind::parse(s.kind().as_str()), Some(s.kind()));
            assert!(s.kind().label(Lang::En).is_ascii());
        }
        assert_eq!(
            signals[0].describe(Lang::Zh, name),
            "临司监意〔2026〕1号 要求于 2026-11-20 前报告整改情况，已逾期 6 日未报告"
        );
        let signals = &signals[1..];
        assert_eq!(
            signals[0].describe(Lang::Zh, name),
            "2026-11-02 收到的线索，应于 2026-11-23 前登记立案或决定不予立案，已超过 3 个工作日"
        );
        assert_eq!(
            signals[3].describe(Lang::Zh, name),
            "officer10近 90 日决定罚款 20,000.00 元，此前一年平均每 90 日 5,000.00 元"
        );
        assert_eq!(signals[1].key(), "fines_without_correction:1:cases:1,2,3");
    }

    #[test]
    fn a_rectification_is_a_signal_from_the_day_after_its_deadline() {
        let owed = [
            OwedNotice {
                notice_id: 2,
                agency_id: 5,
                number: "临司监决〔2026〕1号".into(),
                deadline: d("2026-11-25"),
            },
            OwedNotice {
                notice_id: 1,
                agency_id: 5,
                number: "临司监意〔2026〕1号".into(),
                deadline: d("2026-11-20"),
            },
        ];
        assert!(overdue_rectifications(&owed, d("2026-11-20")).is_empty());
        let one = overdue_rectifications(&owed, d("2026-11-21"));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].key(), "rectification_overdue:5:notice:1");
        let both = overdue_rectifications(&owed, d("2026-11-30"));
        let days: Vec<i64> = both
            .iter()
            .filter_map(|s| match s.finding {
                Finding::RectificationOverdue { days_over, .. } => Some(days_over),
                _ => None,
            })
            .collect();
        assert_eq!(days, [10, 5], "ordered by notice");
    }
}
