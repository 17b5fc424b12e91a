//! Supervision (执法监督, DOMAIN.md §3): warnings (预警) — pure rules over a snapshot of one
//! case — and supervision matters ([`matter`]).
//!
//! Invariants:
//! - a warning is computed from the case as it is now, so it disappears as soon as its cause
//!   is fixed (a deadline met, a review passed, a justification recorded);
//! - each warning has a stable [`Warning::key`] (kind and subject), so an acknowledgement
//!   recorded against it keeps applying while the cause stays the same, and no longer once a
//!   new cause of the same kind appears;
//! - the rules also catch what the state machine prevents (a decision on a major case without a
//!   passed review), because imported or legacy data bypassed it.

pub mod behaviour;
pub mod complaint;
pub mod figures;
pub mod file_review;
pub mod matter;
pub mod notice;
pub mod oversight;
pub mod rollup;
pub mod routing;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    case::DeadlineKind,
    credential,
    deadline::{DeadlineRules, Level},
    discretion::DiscretionCheck,
    i18n::Lang,
};

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Act soon (amber).
    Warning,
    /// Something is wrong now (red).
    Critical,
}

impl Severity {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Warning => lang.pick("提示", "Warning"),
            Severity::Critical => lang.pick("严重", "Critical"),
        }
    }
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// A statutory deadline is close.
    DeadlineApproaching {
        /// Which.
        deadline: DeadlineKind,
    },
    /// A statutory deadline has passed.
    DeadlineOverdue {
        /// Which.
        deadline: DeadlineKind,
    },
    /// A decision on a major case without a passed legal review (APL Art. 58).
    MajorWithoutReview,
    /// The fine lies outside the discretion band without written reasons.
    FineOutsideBandUnjustified,
    /// An officer acted on a day their certificate was not in force.
    ActedWithoutCertificate,
    /// Evidence collected by fewer than two certified officers (APL Art. 42).
    TooFewCollectors,
    /// Suspended for longer than the supervision threshold.
    LongSuspended,
}

impl WarningKind {
    /// Every kind, with each deadline that binds the agency.
    pub fn all() -> Vec<WarningKind> {
        let mut out = Vec::new();
        for deadline in DeadlineKind::ALL
            .into_iter()
            .filter(|d| d.binds_the_agency())
        {
            out.push(WarningKind::DeadlineApproaching { deadline });
            out.push(WarningKind::DeadlineOverdue { deadline });
        }
        out.extend([
            WarningKind::MajorWithoutReview,
            WarningKind::FineOutsideBandUnjustified,
            WarningKind::ActedWithoutCertificate,
            WarningKind::TooFewCollectors,
            WarningKind::LongSuspended,
        ]);
        out
    }

    /// The kind with this machine name ([`WarningKind::code`]).
    pub fn parse(code: &str) -> Option<WarningKind> {
        Self::all().into_iter().find(|k| k.code() == code)
    }

    /// Machine name (with the deadline, for deadline warnings).
    pub fn code(self) -> String {
        match self {
            WarningKind::DeadlineApproaching { deadline } => {
                format!("deadline_approaching:{}", deadline_code(deadline))
            }
            WarningKind::DeadlineOverdue { deadline } => {
                format!("deadline_overdue:{}", deadline_code(deadline))
            }
            WarningKind::MajorWithoutReview => "major_without_review".into(),
            WarningKind::FineOutsideBandUnjustified => "fine_outside_band".into(),
            WarningKind::ActedWithoutCertificate => "acted_without_certificate".into(),
            WarningKind::TooFewCollectors => "too_few_collectors".into(),
            WarningKind::LongSuspended => "long_suspended".into(),
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> String {
        match self {
            WarningKind::DeadlineApproaching { deadline } => match lang {
                Lang::Zh => format!("{}即将届满", deadline.label(lang)),
                Lang::En => format!("{} due soon", deadline.label(lang)),
            },
            WarningKind::DeadlineOverdue { deadline } => match lang {
                Lang::Zh => format!("{}已超期", deadline.label(lang)),
                Lang::En => format!("{} overdue", deadline.label(lang)),
            },
            WarningKind::MajorWithoutReview => lang
                .pick(
                    "重大执法决定未经法制审核",
                    "Major decision without legal review",
                )
                .into(),
            WarningKind::FineOutsideBandUnjustified => lang
                .pick(
                    "罚款超出裁量基准且未说明理由",
                    "Fine outside the discretion band, no reasons",
                )
                .into(),
            WarningKind::ActedWithoutCertificate => lang
                .pick(
                    "执法人员执法证件失效期间执法",
                    "Officer acted without a valid certificate",
                )
                .into(),
            WarningKind::TooFewCollectors => lang
                .pick(
                    "取证执法人员少于两人",
                    "Evidence collected by fewer than two officers",
                )
                .into(),
            WarningKind::LongSuspended => lang
                .pick("案件长期中止", "Case suspended for a long time")
                .into(),
        }
    }
}

fn deadline_code(kind: DeadlineKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A running deadline of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningDeadline {
    /// Which.
    pub kind: DeadlineKind,
    /// Due date.
    pub due: NaiveDate,
}

/// A certificate period of an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePeriod {
    /// Valid from.
    pub valid_from: NaiveDate,
    /// Valid to (inclusive), if limited.
    pub valid_to: Option<NaiveDate>,
    /// Revoked or suspended.
    pub revoked: bool,
}

/// One piece of evidence and who collected it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFact {
    /// Evidence id.
    pub id: i32,
    /// The day it was collected.
    pub collected_on: NaiveDate,
    /// The collecting officers with their certificates.
    pub collectors: Vec<(i32, Vec<CertificatePeriod>)>,
}

/// What the rules read of a case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseSnapshot {
    /// The case is a major case (legal review required).
    pub major: bool,
    /// A review round passed.
    pub review_passed: bool,
    /// The decision's date, if decided.
    pub decided_on: Option<NaiveDate>,
    /// A penalty decision (not a non-penalty one).
    pub penalty: bool,
    /// Where the decided fine lies against the band.
    pub discretion_check: Option<DiscretionCheck>,
    /// The written reasons of a departure.
    pub justification: Option<String>,
    /// The running deadlines.
    pub deadlines: Vec<RunningDeadline>,
    /// The evidence.
    pub evidence: Vec<EvidenceFact>,
    /// Suspended since, when suspended.
    pub suspended_on: Option<NaiveDate>,
}

/// Local thresholds of the rules [L].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningRules {
    /// Deadline levels (amber days).
    pub deadlines: DeadlineRules,
    /// A suspension longer than this many calendar days is flagged.
    pub long_suspension_days: i64,
}

impl Default for WarningRules {
    fn default() -> Self {
        Self {
            deadlines: DeadlineRules::default(),
            long_suspension_days: 90,
        }
    }
}

/// What a warning points at, for the sentence that explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "subject", rename_all = "snake_case")]
pub enum Subject {
    /// A deadline: when it falls due and the days left (negative: overdue).
    Due {
        /// Due date.
        due: NaiveDate,
        /// Days left.
        days_left: i64,
    },
    /// The decision and its day.
    Decision {
        /// Decision date.
        on: NaiveDate,
        /// Where the fine lies against the band, if it was checked.
        check: Option<DiscretionCheck>,
    },
    /// A decision made without the legal review it needed.
    Unreviewed {
        /// Decision date.
        on: NaiveDate,
    },
    /// A piece of evidence.
    Evidence {
        /// Evidence id.
        id: i32,
        /// The day it was collected.
        collected_on: NaiveDate,
        /// Collectors with a certificate in force that day.
        certified: usize,
        /// All collectors.
        collectors: usize,
    },
    /// A suspension.
    Suspension {
        /// Since when.
        since: NaiveDate,
        /// For how many days.
        days: i64,
    },
}

impl Subject {
    /// The explanation for people.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Subject::Due { due, days_left }, Lang::Zh) if *days_left < 0 => {
                format!("应于 {due} 前完成，已超期 {} 天", -days_left)
            }
            (Subject::Due { due, days_left }, Lang::Zh) => {
                format!("应于 {due} 前完成，剩余 {days_left} 天")
            }
            (Subject::Due { due, days_left }, Lang::En) if *days_left < 0 => {
                format!("due {due}, {} days overdue", -days_left)
            }
            (Subject::Due { due, days_left }, Lang::En) => {
                format!("due {due}, {days_left} days left")
            }
            (Subject::Decision { on, check }, _) => {
                let band = match check {
                    Some(DiscretionCheck::Above) => lang.pick("高于裁量基准", "above the band"),
                    Some(DiscretionCheck::Below) => lang.pick("低于裁量基准", "below the band"),
                    Some(DiscretionCheck::Within) => lang.pick("在裁量基准内", "within the band"),
                    None => "",
                };
                match lang {
                    Lang::Zh => format!(
                        "{on} 作出决定{}{band}",
                        if band.is_empty() { "" } else { "，罚款" }
                    ),
                    Lang::En => format!(
                        "decided {on}{}{band}",
                        if band.is_empty() { "" } else { ", fine " }
                    ),
                }
            }
            (Subject::Unreviewed { on }, Lang::Zh) => {
                format!("{on} 作出决定，此前未见通过的法制审核意见（《行政处罚法》第五十八条）")
            }
            (Subject::Unreviewed { on }, Lang::En) => {
                format!("decided {on} without a passed legal review on file (APL Art. 58)")
            }
            (
                Subject::Evidence {
                    id,
                    collected_on,
                    certified,
                    collectors,
                },
                Lang::Zh,
            ) => format!(
                "证据 #{id}（{collected_on} 收集）：收集人 {collectors} 名，其中当日持有效执法证 {certified} 名"
            ),
            (
                Subject::Evidence {
                    id,
                    collected_on,
                    certified,
                    collectors,
                },
                Lang::En,
            ) => format!(
                "evidence #{id} (collected {collected_on}): {collectors} collectors, {certified} with a certificate in force that day"
            ),
            (Subject::Suspension { since, days }, Lang::Zh) => {
                format!("自 {since} 起中止，已 {days} 天")
            }
            (Subject::Suspension { since, days }, Lang::En) => {
                format!("suspended since {since}, {days} days")
            }
        }
    }
}

/// One warning on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What.
    pub kind: WarningKind,
    /// How serious.
    pub severity: Severity,
    /// Stable key within the case: the kind and its subject (deadline due date, evidence id).
    pub key: String,
    /// What it points at.
    pub subject: Subject,
}

fn in_force_on(periods: &[CertificatePeriod], day: NaiveDate) -> bool {
    periods
        .iter()
        .any(|p| credential::status(p.valid_from, p.valid_to, p.revoked, day).in_force())
}

/// When an indexed warning holds, relative to its anchor date (a deadline's due date, a
/// suspension's first day). The rules' thresholds are applied when reading, so an index of
/// [`IndexedWarning`]s written at one time stays right on every later day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Holds for as long as its cause stays (no anchor).
    Always,
    /// Holds while the deadline at the anchor is close ([`Level::Approaching`]).
    Approaching,
    /// Holds once the deadline at the anchor has passed ([`Level::Overdue`]).
    Overdue,
    /// Holds once the suspension that began at the anchor exceeds the threshold.
    LongSuspended,
}

impl Timing {
    /// Every timing.
    pub const ALL: [Timing; 4] = [
        Timing::Always,
        Timing::Approaching,
        Timing::Overdue,
        Timing::LongSuspended,
    ];

    /// Machine name.
    pub fn code(self) -> &'static str {
        match self {
            Timing::Always => "always",
            Timing::Approaching => "approaching",
            Timing::Overdue => "overdue",
            Timing::LongSuspended => "long_suspended",
        }
    }

    /// The timing with this machine name.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Whether a warning with this timing and anchor holds on `today`.
    pub fn holds(self, anchor: Option<NaiveDate>, today: NaiveDate, rules: &WarningRules) -> bool {
        match (self, anchor) {
            (Timing::Always, _) => true,
            (Timing::Approaching, Some(due)) => {
                rules.deadlines.status(due, today).level == Level::Approaching
            }
            (Timing::Overdue, Some(due)) => {
                rules.deadlines.status(due, today).level == Level::Overdue
            }
            (Timing::LongSuspended, Some(since)) => {
                (today - since).num_days() > rules.long_suspension_days
            }
            (_, None) => false,
        }
    }

    /// The anchors for which [`Timing::holds`] is true on `today`, as inclusive bounds
    /// (`None`: unbounded): what a query over an index of warnings asks for.
    pub fn anchors_on(self, today: NaiveDate, rules: &WarningRules) -> AnchorRange {
        let days = chrono::Duration::days;
        match self {
            Timing::Always => AnchorRange {
                from: None,
                to: None,
            },
            Timing::Approaching => AnchorRange {
                from: Some(today),
                to: Some(today + days(i64::from(rules.deadlines.approaching_days))),
            },
            Timing::Overdue => AnchorRange {
                from: None,
                to: Some(today - days(1)),
            },
            Timing::LongSuspended => AnchorRange {
                from: None,
                to: Some(today - days(rules.long_suspension_days.saturating_add(1))),
            },
        }
    }
}

/// Inclusive bounds on an anchor date (`None`: unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorRange {
    /// Earliest anchor.
    pub from: Option<NaiveDate>,
    /// Latest anchor.
    pub to: Option<NaiveDate>,
}

impl AnchorRange {
    /// Whether `anchor` lies within the bounds.
    pub fn contains(&self, anchor: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= anchor) && self.to.is_none_or(|t| anchor <= t)
    }
}

/// A warning the case can raise, whatever the day: what an index of warnings stores (kept in
/// the same transaction as the case), so that the day's warnings are a range query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedWarning {
    /// What.
    pub kind: WarningKind,
    /// How serious, whenever it holds.
    pub severity: Severity,
    /// Stable key within the case.
    pub key: String,
    /// When it holds.
    pub timing: Timing,
    /// The date its timing is relative to.
    pub anchor: Option<NaiveDate>,
    /// What it points at; the day-relative counts are filled in by [`IndexedWarning::on`].
    pub subject: Subject,
}

impl IndexedWarning {
    /// The warning as it reads on `today` (whether it holds is [`Timing::holds`]).
    pub fn on(self, today: NaiveDate) -> Warning {
        let subject = match self.subject {
            Subject::Due { due, .. } => Subject::Due {
                due,
                days_left: (due - today).num_days(),
            },
            Subject::Suspension { since, .. } => Subject::Suspension {
                since,
                days: (today - since).num_days(),
            },
            other => other,
        };
        Warning {
            kind: self.kind,
            severity: self.severity,
            key: self.key,
            subject,
        }
    }
}

/// Every warning the case can raise on some day, each with when it holds. Independent of the
/// day and of the local thresholds; [`warnings`] is this list filtered by [`Timing::holds`].
pub fn indexed_warnings(c: &CaseSnapshot) -> Vec<IndexedWarning> {
    let mut out = Vec::new();
    for d in c.deadlines.iter().filter(|d| d.kind.binds_the_agency()) {
        for (kind, severity, timing) in [
            (
                WarningKind::DeadlineApproaching { deadline: d.kind },
                Severity::Warning,
                Timing::Approaching,
            ),
            (
                WarningKind::DeadlineOverdue { deadline: d.kind },
                Severity::Critical,
                Timing::Overdue,
            ),
        ] {
            out.push(IndexedWarning {
                kind,
                severity,
                key: format!("{}@{}", kind.code(), d.due),
                timing,
                anchor: Some(d.due),
                subject: Subject::Due {
                    due: d.due,
                    days_left: 0,
                },
            });
        }
    }
    let always = |kind: WarningKind, key: String, subject: Subject| IndexedWarning {
        kind,
        severity: Severity::Critical,
        key,
        timing: Timing::Always,
        anchor: None,
        subject,
    };
    if let Some(day) = c.decided_on {
        let decision = Subject::Decision {
            on: day,
            check: c.discretion_check,
        };
        if c.major && !c.review_passed {
            // Its own sentence: the fine's place in the band is another warning's matter.
            out.push(always(
                WarningKind::MajorWithoutReview,
                format!("major_without_review@{day}"),
                Subject::Unreviewed { on: day },
            ));
        }
        let departs = matches!(
            c.discretion_check,
            Some(DiscretionCheck::Above | DiscretionCheck::Below)
        );
        let reasons = c
            .justification
            .as_deref()
            .is_some_and(|j| !j.trim().is_empty());
        if c.penalty && departs && !reasons {
            out.push(always(
                WarningKind::FineOutsideBandUnjustified,
                format!("fine_outside_band@{day}"),
                decision,
            ));
        }
    }
    for e in &c.evidence {
        let certified = e
            .collectors
            .iter()
            .filter(|(_, periods)| in_force_on(periods, e.collected_on))
            .count();
        let subject = Subject::Evidence {
            id: e.id,
            collected_on: e.collected_on,
            certified,
            collectors: e.collectors.len(),
        };
        if e.collectors
            .iter()
            .any(|(_, p)| !in_force_on(p, e.collected_on))
        {
            out.push(always(
                WarningKind::ActedWithoutCertificate,
                format!("acted_without_certificate@evidence-{}", e.id),
                subject.clone(),
            ));
        }
        if certified < 2 {
            out.push(always(
                WarningKind::TooFewCollectors,
                format!("too_few_collectors@evidence-{}", e.id),
                subject,
            ));
        }
    }
    if let Some(since) = c.suspended_on {
        out.push(IndexedWarning {
            kind: WarningKind::LongSuspended,
            severity: Severity::Warning,
            key: format!("long_suspended@{since}"),
            timing: Timing::LongSuspended,
            anchor: Some(since),
            subject: Subject::Suspension { since, days: 0 },
        });
    }
    out
}

/// Every warning the case raises today, most serious first.
pub fn warnings(c: &CaseSnapshot, today: NaiveDate, rules: &WarningRules) -> Vec<Warning> {
    let mut out: Vec<Warning> = indexed_warnings(c)
        .into_iter()
        .filter(|w| w.timing.holds(w.anchor, today, rules))
        .map(|w| w.on(today))
        .collect();
    out.sort_by_key(|w| std::cmp::Reverse(w.severity));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    const TODAY: &str = "2026-12-01";

    fn kinds(c: &CaseSnapshot) -> Vec<String> {
        warnings(c, d(TODAY), &WarningRules::default())
            .into_iter()
            .map(|w| w.kind.code())
            .collect()
    }

    fn certificate(from: &str, to: &str) -> Vec<CertificatePeriod> {
        vec![CertificatePeriod {
            valid_from: d(from),
            valid_to: Some(d(to)),
            revoked: false,
        }]
    }

    #[test]
    fn every_kind_parses_back_from_its_code() {
        let all = WarningKind::all();
        assert_eq!(all.len(), 2 * 8 + 5);
        for k in all {
            assert_eq!(WarningKind::parse(&k.code()), Some(k), "{k:?}");
        }
        assert_eq!(WarningKind::parse("deadline_overdue:nothing"), None);
        assert_eq!(WarningKind::parse(""), None);
        for t in Timing::ALL {
            assert_eq!(Timing::parse(t.code()), Some(t));
        }
        assert_eq!(Timing::parse("sometimes"), None);
    }

    #[test]
    fn a_timing_holds_exactly_on_the_anchors_its_range_names() {
        let today = d(TODAY);
        for approaching_days in [0, 1, 3, 7] {
            for long_suspension_days in [0, 30, 90] {
                let rules = WarningRules {
                    deadlines: DeadlineRules {
                        approaching_days,
                        ..DeadlineRules::default()
                    },
                    long_suspension_days,
                };
                for timing in Timing::ALL {
                    let range = timing.anchors_on(today, &rules);
                    for offset in -400..=400 {
                        let anchor = today + chrono::Duration::days(offset);
                        assert_eq!(
                            timing.holds(Some(anchor), today, &rules),
                            range.contains(anchor),
                            "{timing:?} {approaching_days} {long_suspension_days} {offset}"
                        );
                    }
                    assert_eq!(
                        timing.holds(None, today, &rules),
                        timing == Timing::Always,
                        "{timing:?} without an anchor"
                    );
                }
            }
        }
    }

    #[test]
    fn the_index_holds_every_warning_of_every_day_and_nothing_that_never_holds() {
        let today = d(TODAY);
        let rules = WarningRules::default();
        let c = CaseSnapshot {
            major: true,
            decided_on: Some(d("2026-11-20")),
            penalty: true,
            discretion_check: Some(DiscretionCheck::Below),
            deadlines: vec![
                RunningDeadline {
                    kind: DeadlineKind::Payment,
                    due: d("2026-12-10"),
                },
                RunningDeadline {
                    kind: DeadlineKind::Reconsideration,
                    due: d("2026-12-10"),
                },
            ],
            evidence: vec![EvidenceFact {
                id: 7,
                collected_on: d("2026-10-01"),
                collectors: vec![(1, certificate("2020-01-01", "2026-06-30"))],
            }],
            suspended_on: Some(d("2026-10-01")),
            ..CaseSnapshot::default()
        };
        let index = indexed_warnings(&c);
        let mut seen = std::collections::BTreeSet::new();
        for offset in -30..=200 {
            let day = today + chrono::Duration::days(offset);
            let on_day = warnings(&c, day, &rules);
            for w in &on_day {
                let entry = index.iter().find(|e| e.key == w.key).expect("indexed");
                assert_eq!((entry.kind, entry.severity), (w.kind, w.severity));
                assert!(entry.timing.holds(entry.anchor, day, &rules));
                assert_eq!(entry.clone().on(day), *w);
                seen.insert(w.key.clone());
            }
            // Nothing the index says holds is missing that day.
            let holding = index
                .iter()
                .filter(|e| e.timing.holds(e.anchor, day, &rules))
                .count();
            assert_eq!(holding, on_day.len(), "{day}");
        }
        let keys: std::collections::BTreeSet<String> =
            index.iter().map(|e| e.key.clone()).collect();
        assert_eq!(seen, keys, "every indexed warning holds on some day");
        // The party's windows are not the agency's deadlines: not indexed at all.
        assert!(!keys.iter().any(|k| k.contains("reconsideration")));
    }

    #[test]
    fn a_quiet_case_raises_nothing() {
        assert!(kinds(&CaseSnapshot::default()).is_empty());
    }

    #[test]
    fn deadlines_warn_when_close_and_are_critical_once_passed() {
        let approaching = DeadlineRules::default().approaching_days;
        let today = d(TODAY);
        for (offset, expected) in [
            (i64::from(approaching) + 1, None),
            (
                i64::from(approaching),
                Some(("deadline_approaching:case_handling", Severity::Warning)),
            ),
            (
                0,
                Some(("deadline_approaching:case_handling", Severity::Warning)),
            ),
            (
                -1,
                Some(("deadline_overdue:case_handling", Severity::Critical)),
            ),
        ] {
            let c = CaseSnapshot {
                deadlines: vec![RunningDeadline {
                    kind: DeadlineKind::CaseHandling,
                    due: today + chrono::Duration::days(offset),
                }],
                ..CaseSnapshot::default()
            };
            let got = warnings(&c, today, &WarningRules::default());
            match expected {
                None => assert!(got.is_empty(), "{offset}: {got:?}"),
                Some((code, severity)) => {
                    assert_eq!(got.len(), 1, "{offset}");
                    assert_eq!(got[0].kind.code(), code, "{offset}");
                    assert_eq!(got[0].severity, severity, "{offset}");
                }
            }
        }
    }

    #[test]
    fn every_deadline_that_binds_the_agency_is_watched_and_the_partys_windows_are_not() {
        let today = d(TODAY);
        for kind in [
            DeadlineKind::ClueVerification,
            DeadlineKind::CaseHandling,
            DeadlineKind::LegalReview,
            DeadlineKind::Service,
            DeadlineKind::Publication,
            DeadlineKind::Payment,
            DeadlineKind::SummaryRecordFiling,
            DeadlineKind::Archiving,
        ] {
            let c = CaseSnapshot {
                deadlines: vec![RunningDeadline {
                    kind,
                    due: today - chrono::Duration::days(1),
                }],
                ..CaseSnapshot::default()
            };
            assert_eq!(kinds(&c).len(), 1, "{kind:?}");
        }
        for kind in [
            DeadlineKind::StatementWindow,
            DeadlineKind::HearingRequestWindow,
            DeadlineKind::Reconsideration,
            DeadlineKind::Litigation,
        ] {
            let c = CaseSnapshot {
                deadlines: vec![RunningDeadline {
                    kind,
                    due: today - chrono::Duration::days(1),
                }],
                ..CaseSnapshot::default()
            };
            assert!(kinds(&c).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn a_decided_major_case_needs_a_passed_review() {
        let decided = CaseSnapshot {
            major: true,
            decided_on: Some(d("2026-11-20")),
            penalty: true,
            ..CaseSnapshot::default()
        };
        assert_eq!(kinds(&decided), vec!["major_without_review"]);
        assert!(
            kinds(&CaseSnapshot {
                review_passed: true,
                ..decided.clone()
            })
            .is_empty()
        );
        // Not decided yet: nothing to catch.
        assert!(
            kinds(&CaseSnapshot {
                decided_on: None,
                ..decided.clone()
            })
            .is_empty()
        );
        assert!(
            kinds(&CaseSnapshot {
                major: false,
                ..decided
            })
            .is_empty()
        );
    }

    #[test]
    fn a_fine_outside_the_band_needs_written_reasons() {
        for (check, reasons, warned) in [
            (Some(DiscretionCheck::Within), None, false),
            (Some(DiscretionCheck::Above), None, true),
            (Some(DiscretionCheck::Below), Some("  "), true),
            (
                Some(DiscretionCheck::Below),
                Some("主动消除危害后果"),
                false,
            ),
            (Some(DiscretionCheck::Above), Some("多次违法"), false),
            (None, None, false),
        ] {
            let c = CaseSnapshot {
                decided_on: Some(d("2026-11-20")),
                penalty: true,
                discretion_check: check,
                justification: reasons.map(str::to_owned),
                ..CaseSnapshot::default()
            };
            assert_eq!(
                kinds(&c) == vec!["fine_outside_band"],
                warned,
                "{check:?} {reasons:?}"
            );
        }
    }

    #[test]
    fn evidence_needs_two_officers_with_certificates_in_force_that_day() {
        let valid = certificate("2026-01-01", "2027-12-31");
        let ends = certificate("2025-01-01", "2026-11-10");
        let evidence = |on: &str, collectors: Vec<(i32, Vec<CertificatePeriod>)>| CaseSnapshot {
            evidence: vec![EvidenceFact {
                id: 7,
                collected_on: d(on),
                collectors,
            }],
            ..CaseSnapshot::default()
        };
        // Two officers in force.
        assert!(
            kinds(&evidence(
                "2026-11-10",
                vec![(1, valid.clone()), (2, ends.clone())]
            ))
            .is_empty()
        );
        // The last valid day passed the day before.
        assert_eq!(
            kinds(&evidence(
                "2026-11-11",
                vec![(1, valid.clone()), (2, ends.clone())]
            )),
            vec!["acted_without_certificate", "too_few_collectors"]
        );
        // One officer only.
        assert_eq!(
            kinds(&evidence("2026-11-11", vec![(1, valid.clone())])),
            vec!["too_few_collectors"]
        );
        // No certificate at all.
        assert_eq!(
            kinds(&evidence(
                "2026-11-11",
                vec![(1, valid.clone()), (2, Vec::new())]
            )),
            vec!["acted_without_certificate", "too_few_collectors"]
        );
        // A revoked certificate.
        let revoked = vec![CertificatePeriod {
            valid_from: d("2026-01-01"),
            valid_to: None,
            revoked: true,
        }];
        assert_eq!(
            kinds(&evidence("2026-11-11", vec![(1, valid), (2, revoked)])),
            vec!["acted_without_certificate", "too_few_collectors"]
        );
    }

    #[test]
    fn a_suspension_is_flagged_only_past_the_threshold() {
        let today = d(TODAY);
        let days = WarningRules::default().long_suspension_days;
        let at = |n: i64| CaseSnapshot {
            suspended_on: Some(today - chrono::Duration::days(n)),
            ..CaseSnapshot::default()
        };
        assert!(kinds(&at(days)).is_empty());
        assert_eq!(kinds(&at(days + 1)), vec!["long_suspended"]);
    }

    #[test]
    fn keys_are_stable_per_cause_and_critical_comes_first() {
        let today = d(TODAY);
        let c = CaseSnapshot {
            suspended_on: Some(today - chrono::Duration::days(200)),
            major: true,
            decided_on: Some(d("2026-11-20")),
            ..CaseSnapshot::default()
        };
        let a = warnings(&c, today, &WarningRules::default());
        let b = warnings(
            &c,
            today + chrono::Duration::days(3),
            &WarningRules::default(),
        );
        assert_eq!(
            a.iter().map(|w| &w.key).collect::<Vec<_>>(),
            b.iter().map(|w| &w.key).collect::<Vec<_>>()
        );
        assert_eq!(a[0].severity, Severity::Critical);
        assert_eq!(a.last().map(|w| w.severity), Some(Severity::Warning));
        assert!(
            a.iter()
                .all(|w| !w.kind.label(Lang::Zh).is_empty() && !w.kind.label(Lang::En).is_empty())
        );
        assert!(a.iter().all(|w| !w.subject.describe(Lang::Zh).is_empty()));
    }

    #[test]
    fn subjects_read_as_sentences_in_both_languages() {
        let due = Subject::Due {
            due: d("2026-11-20"),
            days_left: -11,
        };
        assert_eq!(
            due.describe(Lang::Zh),
            "应于 2026-11-20 前完成，已超期 11 天"
        );
        assert_eq!(due.describe(Lang::En), "due 2026-11-20, 11 days overdue");
        let soon = Subject::Due {
            due: d("2026-12-03"),
            days_left: 2,
        };
        assert_eq!(soon.describe(Lang::Zh), "应于 2026-12-03 前完成，剩余 2 天");
        let decision = Subject::Decision {
            on: d("2026-11-20"),
            check: Some(DiscretionCheck::Above),
        };
        assert_eq!(
            decision.describe(Lang::Zh),
            "2026-11-20 作出决定，罚款高于裁量基准"
        );
        let plain = Subject::Decision {
            on: d("2026-11-20"),
            check: None,
        };
        assert_eq!(plain.describe(Lang::En), "decided 2026-11-20");
        let unreviewed = Subject::Unreviewed {
            on: d("2026-11-20"),
        };
        assert_eq!(
            unreviewed.describe(Lang::Zh),
            "2026-11-20 作出决定，此前未见通过的法制审核意见（《行政处罚法》第五十八条）"
        );
        assert!(!unreviewed.describe(Lang::Zh).contains("罚款"));
        let evidence = Subject::Evidence {
            id: 7,
            collected_on: d("2023-06-15"),
            certified: 0,
            collectors: 1,
        };
        assert_eq!(
            evidence.describe(Lang::Zh),
            "证据 #7（2023-06-15 收集）：收集人 1 名，其中当日持有效执法证 0 名"
        );
        let suspended = Subject::Suspension {
            since: d("2026-07-01"),
            days: 153,
        };
        assert_eq!(
            suspended.describe(Lang::Zh),
            "自 2026-07-01 起中止，已 153 天"
        );
    }
}
