//! Case-file review (案卷评查, issue 24 item 1): the supervision body reviews a random sample
//! of the closed case files of the agencies it oversees against a template of weighted criteria.
//! The 《行政执法监督条例》 names case-file review among the supervision body's tools; the
//! template, the grades and the sample size are local practice (**[L]**, DOMAIN.md §5), so the
//! template is data: a round keeps the template it was opened with (its version), and a round
//! may be opened with another one.
//!
//! - **The draw** is the inspections' verifiable draw (`inspection::draw`): the seed is logged
//!   before, the candidates are the ids of the closed cases of the period, and anyone can re-run
//!   it with the published seed.
//! - **Scoring** starts from 100 and takes points off per criterion, never more than the
//!   criterion's weight, each lost point with its reason ([`score`]); the total gives the grade
//!   ([`Grade`]); a file graded 不合格 goes to rectification.
//! - **Objection**: the agency's head may object to a file's score once; the supervisor then
//!   scores it again, which is final ([`next`]).
//! - **Results** are per agency, per criterion (points lost on average) and per officer
//!   ([`summarize`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    inspection::draw,
    validate::{self, Field, Rule, ValidationError},
};

/// Most files one round draws.
pub const MAX_SAMPLE: u32 = 50;
/// Most criteria of a template.
pub const MAX_CRITERIA: usize = 12;
/// The full score.
pub const FULL_MARKS: u32 = 100;

/// One criterion of a scoring template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Criterion {
    /// Machine key (`facts_and_evidence`).
    pub key: String,
    /// Name for people (事实与证据).
    pub label: String,
    /// Its points out of 100.
    pub weight: u32,
}

/// The default template (version 1): the six aspects the issue names, weighted as local
/// practice weighs them [L].
pub fn default_template() -> Vec<Criterion> {
    [
        ("subject", "执法主体与人员资格", 10),
        ("facts_and_evidence", "事实认定与证据", 25),
        ("procedure", "执法程序", 25),
        ("legal_basis", "法律适用", 15),
        ("discretion", "自由裁量", 10),
        ("documents", "文书制作与归档", 15),
    ]
    .into_iter()
    .map(|(key, label, weight)| Criterion {
        key: key.into(),
        label: label.into(),
        weight,
    })
    .collect()
}

/// Checks a template: 1–12 criteria, distinct keys of lower-case letters and `_`, names of
/// 2–30 characters, weights above 0 adding up to 100.
pub fn validate_template(criteria: &[Criterion]) -> Result<(), ValidationError> {
    let bad = |rule| Err(ValidationError::new(Field::Criteria, rule));
    if criteria.is_empty() {
        return bad(Rule::Required);
    }
    if criteria.len() > MAX_CRITERIA {
        return bad(Rule::TooMany { max: MAX_CRITERIA });
    }
    let mut keys = BTreeSet::new();
    for c in criteria {
        let key_ok = !c.key.is_empty()
            && c.key.len() <= 40
            && c.key.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_');
        if !key_ok {
            return bad(Rule::Charset);
        }
        if !keys.insert(c.key.as_str()) {
            return bad(Rule::Unique);
        }
        validate::text(Field::Criteria, &c.label, 2, 30)?;
        if c.weight == 0 {
            return bad(Rule::Positive);
        }
    }
    let total: u32 = criteria.iter().map(|c| c.weight).sum();
    if total != FULL_MARKS {
        return bad(Rule::WeightsTotal { total });
    }
    Ok(())
}

/// A round as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RawRound {
    /// Its name (2026 年第四季度行政处罚案卷评查).
    pub name: String,
    /// First day of the period whose closed cases are drawn from (YYYY-MM-DD).
    pub period_from: String,
    /// Last day of the period (YYYY-MM-DD).
    pub period_to: String,
    /// The agencies' codes; empty: every enforcement agency the supervisor oversees.
    #[serde(default)]
    pub agencies: Vec<String>,
    /// How many files to draw (1–50).
    pub sample_size: String,
    /// Another template than the default, if any.
    #[serde(default)]
    pub criteria: Option<Vec<Criterion>>,
}

/// A checked round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRound {
    /// Its name.
    pub name: String,
    /// The period.
    pub period_from: NaiveDate,
    /// The period's last day.
    pub period_to: NaiveDate,
    /// The agencies' codes (may be empty: all).
    pub agencies: Vec<String>,
    /// How many files to draw.
    pub sample_size: u32,
    /// The template.
    pub criteria: Vec<Criterion>,
}

/// Checks a round opened on `today`: a name, a period that has ended by today, 1–50 files, a
/// valid template (the default when none is given).
pub fn validate_round(
    raw: &RawRound,
    today: NaiveDate,
) -> Result<ValidRound, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let name = validate::text(Field::Title, &raw.name, 2, 100)
        .map_err(|e| errors.push(e))
        .ok();
    let from = validate::date(Field::PeriodFrom, &raw.period_from)
        .map_err(|e| errors.push(e))
        .ok();
    let to = validate::date(Field::PeriodTo, &raw.period_to)
        .and_then(|d| {
            if d > today {
                Err(ValidationError::new(Field::PeriodTo, Rule::NotInFuture))
            } else {
                Ok(d)
            }
        })
        .map_err(|e| errors.push(e))
        .ok();
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.push(ValidationError::new(Field::PeriodTo, Rule::DateOrder));
        }
    }
    let size = match raw.sample_size.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_SAMPLE).contains(&n) => Some(n),
        Ok(_) => {
            errors.push(ValidationError::new(
                Field::SampleSize,
                Rule::Between {
                    min: 1,
                    max: u64::from(MAX_SAMPLE),
                },
            ));
            None
        }
        Err(_) => {
            errors.push(ValidationError::new(
                Field::SampleSize,
                if raw.sample_size.trim().is_empty() {
                    Rule::Required
                } else {
                    Rule::Format
                },
            ));
            None
        }
    };
    let criteria = raw.criteria.clone().unwrap_or_else(default_template);
    if let Err(e) = validate_template(&criteria) {
        errors.push(e);
    }
    let mut agencies: Vec<String> = Vec::new();
    for code in raw
        .agencies
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match validate::agency_code(code) {
            Ok(code) if !agencies.contains(&code) => agencies.push(code),
            Ok(_) => {}
            Err(e) => {
                errors.push(ValidationError::new(Field::Agency, e.rule));
                break;
            }
        }
    }
    match (name, from, to, size) {
        (Some(name), Some(period_from), Some(period_to), Some(sample_size))
            if errors.is_empty() =>
        {
            Ok(ValidRound {
                name,
                period_from,
                period_to,
                agencies,
                sample_size,
                criteria,
            })
        }
        _ => Err(errors),
    }
}

/// Draws `n` of the candidate case ids with `seed`: the inspections' verifiable draw over the
/// ids as decimal strings (re-run it with `inspection::draw::verify`).
pub fn draw_sample(seed: &[u8], case_ids: &[i32], n: u32) -> Vec<i32> {
    let candidates: Vec<String> = case_ids.iter().map(i32::to_string).collect();
    draw::draw(seed, &candidates, usize::try_from(n).unwrap_or(usize::MAX))
        .into_iter()
        .filter_map(|s| s.parse().ok())
        .collect()
}

/// A file's grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 90 and above: 优秀.
    Excellent,
    /// 80–89: 良好.
    Good,
    /// 60–79: 合格.
    Pass,
    /// Below 60: 不合格, to be rectified.
    Poor,
}

impl Grade {
    /// The grade of a total.
    pub fn of(total: u32) -> Self {
        match total {
            90.. => Grade::Excellent,
            80..=89 => Grade::Good,
            60..=79 => Grade::Pass,
            _ => Grade::Poor,
        }
    }

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Pass => "pass",
            Grade::Poor => "poor",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::Excellent => lang.pick("优秀", "Excellent"),
            Grade::Good => lang.pick("良好", "Good"),
            Grade::Pass => lang.pick("合格", "Pass"),
            Grade::Poor => lang.pick("不合格（须整改）", "Poor (to be rectified)"),
        }
    }

    /// Whether the file goes to rectification.
    pub fn to_rectify(self) -> bool {
        self == Grade::Poor
    }
}

/// Points taken off one criterion, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Deduction {
    /// The criterion's key.
    pub key: String,
    /// Points taken off.
    pub points: u32,
    /// Why.
    pub comment: String,
}

/// A checked score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// 100 less the points taken off.
    pub total: u32,
    /// Its grade.
    pub grade: Grade,
    /// The criteria that lost points, in the template's order.
    pub deductions: Vec<Deduction>,
}

/// Scores a file against `criteria`: `lost` and `comments` are keyed by criterion (as typed);
/// a criterion missing or blank lost nothing. Every error names the criterion.
pub fn score(
    criteria: &[Criterion],
    lost: &BTreeMap<String, String>,
    comments: &BTreeMap<String, String>,
) -> Result<Score, Vec<ValidationError>> {
    let mut errors = Vec::new();
    if let Some(unknown) = lost.keys().find(|k| !criteria.iter().any(|c| &&c.key == k)) {
        let _ = unknown;
        errors.push(ValidationError::new(Field::Deduction, Rule::OneOf));
    }
    let mut deductions = Vec::new();
    for c in criteria {
        let typed = lost.get(&c.key).map(|s| s.trim()).unwrap_or_default();
        if typed.is_empty() {
            continue;
        }
        let points = match typed.parse::<u32>() {
            Ok(p) if p <= c.weight => p,
            _ => {
                errors.push(ValidationError::new(
                    Field::Deduction,
                    Rule::CriterionPoints {
                        criterion: c.label.clone(),
                        max: c.weight,
                    },
                ));
                continue;
            }
        };
        if points == 0 {
            continue;
        }
        let comment = comments.get(&c.key).map(|s| s.trim()).unwrap_or_default();
        if comment.chars().count() < 2 {
            errors.push(ValidationError::new(
                Field::Deduction,
                Rule::CriterionComment {
                    criterion: c.label.clone(),
                },
            ));
            continue;
        }
        match validate::text(Field::Comment, comment, 2, 500) {
            Ok(comment) => deductions.push(Deduction {
                key: c.key.clone(),
                points,
                comment,
            }),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let off: u32 = deductions.iter().map(|d| d.points).sum();
    let total = FULL_MARKS.saturating_sub(off);
    Ok(Score {
        total,
        grade: Grade::of(total),
        deductions,
    })
}

/// Where a drawn file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Drawn, not yet scored (待评查).
    Drawn,
    /// Scored; the agency may object once (已评分).
    Scored,
    /// The agency objected: to be scored again (异议待复核).
    Objected,
    /// Scored again after the objection: final (已复核).
    Final,
}

impl FileStatus {
    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Drawn => "drawn",
            FileStatus::Scored => "scored",
            FileStatus::Objected => "objected",
            FileStatus::Final => "final",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            FileStatus::Drawn,
            FileStatus::Scored,
            FileStatus::Objected,
            FileStatus::Final,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FileStatus::Drawn => lang.pick("待评查", "To score"),
            FileStatus::Scored => lang.pick("已评分", "Scored"),
            FileStatus::Objected => lang.pick("异议待复核", "Objected: to score again"),
            FileStatus::Final => lang.pick("已复核", "Scored again (final)"),
        }
    }

    /// Whether the file has a score.
    pub fn scored(self) -> bool {
        !matches!(self, FileStatus::Drawn)
    }
}

/// A step on a drawn file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileStep {
    /// The supervisor scores it (first time, or again after an objection).
    Score,
    /// The agency's head objects to the score (once).
    Object,
}

/// The status after `step`, or `None` when the step is not open.
pub fn next(status: FileStatus, step: FileStep) -> Option<FileStatus> {
    match (status, step) {
        (FileStatus::Drawn, FileStep::Score) => Some(FileStatus::Scored),
        (FileStatus::Scored, FileStep::Object) => Some(FileStatus::Objected),
        (FileStatus::Objected, FileStep::Score) => Some(FileStatus::Final),
        _ => None,
    }
}

/// A scored file, for the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoredFile {
    /// The agency.
    pub agency_id: i32,
    /// The officers of the case.
    pub officer_ids: Vec<i32>,
    /// Its score.
    pub score: Score,
}

/// An average over some files, in tenths of a point (853 = 85.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Average {
    /// The agency, officer or criterion.
    pub key: String,
    /// How many files.
    pub files: u32,
    /// The average, in tenths.
    pub tenths: u32,
}

/// The results of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Summary {
    /// The average total per agency (by agency id), ordered by id.
    pub per_agency: Vec<Average>,
    /// The points lost on average per criterion (over every scored file), in the template's
    /// order.
    pub per_criterion: Vec<Average>,
    /// The average total per officer (by user id), ordered by id.
    pub per_officer: Vec<Average>,
    /// Files graded 不合格.
    pub to_rectify: u32,
}

fn tenths(sum: u32, n: u32) -> u32 {
    if n == 0 { 0 } else { (sum * 10 + n / 2) / n }
}

/// The results of the scored files of a round.
pub fn summarize(criteria: &[Criterion], files: &[ScoredFile]) -> Summary {
    let mut agency: BTreeMap<i32, (u32, u32)> = BTreeMap::new();
    let mut officer: BTreeMap<i32, (u32, u32)> = BTreeMap::new();
    for f in files {
        let a = agency.entry(f.agency_id).or_default();
        a.0 += 1;
        a.1 += f.score.total;
        let mut seen = BTreeSet::new();
        for o in &f.officer_ids {
            if seen.insert(*o) {
                let e = officer.entry(*o).or_default();
                e.0 += 1;
                e.1 += f.score.total;
            }
        }
    }
    let n = u32::try_from(files.len()).unwrap_or(u32::MAX);
    let avg = |m: BTreeMap<i32, (u32, u32)>| {
        m.into_iter()
            .map(|(k, (n, sum))| Average {
                key: k.to_string(),
                files: n,
                tenths: tenths(sum, n),
            })
            .collect()
    };
    Summary {
        per_criterion: criteria
            .iter()
            .map(|c| {
                let lost: u32 = files
                    .iter()
                    .flat_map(|f| &f.score.deductions)
                    .filter(|d| d.key == c.key)
                    .map(|d| d.points)
                    .sum();
                Average {
                    key: c.key.clone(),
                    files: n,
                    tenths: tenths(lost, n),
                }
            })
            .collect(),
        per_agency: avg(agency),
        per_officer: avg(officer),
        to_rectify: u32::try_from(files.iter().filter(|f| f.score.grade.to_rectify()).count())
            .unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn rules(r: Result<Score, Vec<ValidationError>>) -> Vec<Rule> {
        r.expect_err("refused")
            .into_iter()
            .map(|e| e.rule)
            .collect()
    }

    #[test]
    fn the_default_template_adds_up_and_bad_templates_are_named() {
        assert_eq!(validate_template(&default_template()), Ok(()));
        let mut t = default_template();
        t[0].weight = 15;
        assert_eq!(
            validate_template(&t).map_err(|e| e.rule),
            Err(Rule::WeightsTotal { total: 105 })
        );
        let mut t = default_template();
        t[1].key = "subject".into();
        assert_eq!(validate_template(&t).map_err(|e| e.rule), Err(Rule::Unique));
        let mut t = default_template();
        t[1].key = "Facts".into();
        assert_eq!(
            validate_template(&t).map_err(|e| e.rule),
            Err(Rule::Charset)
        );
        assert_eq!(
            validate_template(&[]).map_err(|e| e.rule),
            Err(Rule::Required)
        );
        let one = [Criterion {
            key: "all".into(),
            label: "综合".into(),
            weight: 100,
        }];
        assert_eq!(validate_template(&one), Ok(()));
    }

    #[test]
    fn a_round_needs_a_period_that_has_ended_and_a_sample_of_one_to_fifty() {
        let today = d("2026-11-26");
        let raw = RawRound {
            name: "2026 年第三季度行政处罚案卷评查".into(),
            period_from: "2026-07-01".into(),
            period_to: "2026-09-30".into(),
            agencies: vec!["scjg".into(), "SCJG".into()],
            sample_size: "5".into(),
            criteria: None,
        };
        let v = validate_round(&raw, today).expect("valid");
        assert_eq!(v.agencies, vec!["SCJG"]);
        assert_eq!(v.criteria, default_template());
        let fields = |r: RawRound| -> Vec<(Field, Rule)> {
            validate_round(&r, today)
                .expect_err("refused")
                .into_iter()
                .map(|e| (e.field, e.rule))
                .collect()
        };
        assert_eq!(
            fields(RawRound {
                period_to: "2026-11-27".into(),
                sample_size: "51".into(),
                ..raw.clone()
            }),
            vec![
                (Field::PeriodTo, Rule::NotInFuture),
                (Field::SampleSize, Rule::Between { min: 1, max: 50 })
            ]
        );
        assert_eq!(
            fields(RawRound {
                period_from: "2026-10-01".into(),
                sample_size: "五".into(),
                ..raw.clone()
            }),
            vec![
                (Field::PeriodTo, Rule::DateOrder),
                (Field::SampleSize, Rule::Format)
            ]
        );
        assert!(
            validate_round(
                &RawRound {
                    period_to: "2026-11-26".into(),
                    ..raw
                },
                today
            )
            .is_ok()
        );
    }

    #[test]
    fn the_sample_is_reproducible_from_its_seed_and_independent_of_input_order() {
        let ids: Vec<i32> = (1..=40).collect();
        let a = draw_sample(b"seed-1", &ids, 5);
        assert_eq!(a.len(), 5);
        let mut reversed = ids.clone();
        reversed.reverse();
        assert_eq!(draw_sample(b"seed-1", &reversed, 5), a);
        assert_ne!(
            draw_sample(b"seed-2", &ids, 5),
            a,
            "another seed, another sample"
        );
        assert_eq!(
            draw_sample(b"seed-1", &ids[..3], 5).len(),
            3,
            "fewer than asked: all"
        );
        // Anyone re-runs it with the inspections' published-draw check.
        let published = draw::PublishedDraw {
            commitment: draw::commitment(b"seed-1"),
            seed: hex::encode(b"seed-1"),
            candidates: ids.iter().map(i32::to_string).collect(),
            n: 5,
            result: a.iter().map(i32::to_string).collect(),
        };
        assert_eq!(draw::verify(&published), Ok(()));
    }

    #[test]
    fn a_score_takes_points_off_each_with_its_reason_never_beyond_the_weight() {
        let t = default_template();
        let s = score(
            &t,
            &map(&[
                ("procedure", "12"),
                ("documents", "3"),
                ("discretion", "0"),
                ("subject", " "),
            ]),
            &map(&[
                ("procedure", "未履行告知程序"),
                ("documents", "送达回证缺签名"),
            ]),
        )
        .expect("valid");
        assert_eq!(s.total, 85);
        assert_eq!(s.grade, Grade::Good);
        assert_eq!(
            s.deductions
                .iter()
                .map(|d| d.key.as_str())
                .collect::<Vec<_>>(),
            ["procedure", "documents"],
            "in the template's order; nothing lost is not listed"
        );
        assert_eq!(
            rules(score(&t, &map(&[("procedure", "26")]), &BTreeMap::new())),
            vec![Rule::CriterionPoints {
                criterion: "执法程序".into(),
                max: 25
            }]
        );
        assert_eq!(
            rules(score(&t, &map(&[("procedure", "-1")]), &BTreeMap::new())),
            vec![Rule::CriterionPoints {
                criterion: "执法程序".into(),
                max: 25
            }]
        );
        assert_eq!(
            rules(score(
                &t,
                &map(&[("documents", "5")]),
                &map(&[("documents", " ")])
            )),
            vec![Rule::CriterionComment {
                criterion: "文书制作与归档".into()
            }]
        );
        assert_eq!(
            rules(score(&t, &map(&[("speed", "5")]), &BTreeMap::new())),
            vec![Rule::OneOf]
        );
        let perfect = score(&t, &BTreeMap::new(), &BTreeMap::new()).expect("valid");
        assert_eq!((perfect.total, perfect.grade), (100, Grade::Excellent));
    }

    #[test]
    fn grades_change_at_ninety_eighty_and_sixty_and_only_poor_files_are_rectified() {
        assert_eq!(Grade::of(100), Grade::Excellent);
        assert_eq!(Grade::of(90), Grade::Excellent);
        assert_eq!(Grade::of(89), Grade::Good);
        assert_eq!(Grade::of(80), Grade::Good);
        assert_eq!(Grade::of(79), Grade::Pass);
        assert_eq!(Grade::of(60), Grade::Pass);
        assert_eq!(Grade::of(59), Grade::Poor);
        assert_eq!(Grade::of(0), Grade::Poor);
        assert!(Grade::Poor.to_rectify() && !Grade::Pass.to_rectify());
    }

    #[test]
    fn an_objection_is_heard_once_and_the_second_score_is_final() {
        use FileStatus as S;
        use FileStep as T;
        for s in [S::Drawn, S::Scored, S::Objected, S::Final] {
            for t in [T::Score, T::Object] {
                let expected = match (s, t) {
                    (S::Drawn, T::Score) => Some(S::Scored),
                    (S::Scored, T::Object) => Some(S::Objected),
                    (S::Objected, T::Score) => Some(S::Final),
                    _ => None,
                };
                assert_eq!(next(s, t), expected, "{s:?} {t:?}");
            }
            assert_eq!(FileStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(next(S::Final, T::Object), None, "once");
    }

    #[test]
    fn results_are_averaged_per_agency_criterion_and_officer() {
        let t = default_template();
        let file = |agency, officers: &[i32], lost: &[(&str, &str)]| {
            let comments: BTreeMap<String, String> = lost
                .iter()
                .map(|(k, _)| ((*k).to_owned(), "理由".to_owned()))
                .collect();
            ScoredFile {
                agency_id: agency,
                officer_ids: officers.to_vec(),
                score: score(&t, &map(lost), &comments).expect("valid"),
            }
        };
        let files = [
            file(1, &[10, 11], &[("procedure", "10")]),
            file(
                1,
                &[10],
                &[("procedure", "25"), ("facts_and_evidence", "20")],
            ),
            file(2, &[20, 20], &[]),
        ];
        let s = summarize(&t, &files);
        assert_eq!(
            s.per_agency,
            vec![
                Average {
                    key: "1".into(),
                    files: 2,
                    tenths: 725
                },
                Average {
                    key: "2".into(),
                    files: 1,
                    tenths: 1000
                },
            ]
        );
        let procedure = s
            .per_criterion
            .iter()
            .find(|a| a.key == "procedure")
            .expect("p");
        assert_eq!(procedure.tenths, 117, "35 points over 3 files");
        assert_eq!(s.per_criterion.len(), t.len());
        assert_eq!(
            s.per_officer,
            vec![
                Average {
                    key: "10".into(),
                    files: 2,
                    tenths: 725
                },
                Average {
                    key: "11".into(),
                    files: 1,
                    tenths: 900
                },
                Average {
                    key: "20".into(),
                    files: 1,
                    tenths: 1000
                },
            ],
            "an officer listed twice on a case counts once"
        );
        assert_eq!(s.to_rectify, 1);
        assert_eq!(summarize(&t, &[]).per_criterion[0].tenths, 0);
    }
}
