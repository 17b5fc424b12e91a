//! One review round (审核轮次): the materials the handling unit submits, the checklist the
//! reviewer works through, and the outcome with its written opinion (DOMAIN.md §1c).
//!
//! Invariants: a decision that passed [`check_decision`] has every checklist point exactly once;
//! each point marked as a problem carries a comment; a plain "agree" has no problem points; an
//! "agree with opinions" or a return carries a written opinion; a return names at least one
//! problem. A submission that passed [`check_submission`] carries every material the case's
//! stage requires.

use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    validate::{self, Field, Rule, ValidationError},
};

/// A legal point the reviewer checks (Guidance 118 and the common local additions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckPoint {
    /// 执法主体是否合法，是否超越法定权限.
    SubjectAndAuthority,
    /// 执法人员是否具备执法资格.
    OfficerQualification,
    /// 当事人身份是否准确.
    PartyIdentity,
    /// 事实是否清楚，证据是否合法充分.
    FactsAndEvidence,
    /// 适用法律依据是否准确.
    LegalBasis,
    /// 程序是否合法.
    Procedure,
    /// 裁量基准运用是否适当.
    Discretion,
    /// 当事人陈述、申辩、听证等权利是否告知并保障.
    RightsNotified,
    /// 执法文书是否完备、规范.
    DocumentForm,
    /// 是否涉嫌犯罪需要移送司法机关.
    CrimeTransfer,
}

impl CheckPoint {
    /// Every point, in the order the reviewer works through them.
    pub const ALL: [CheckPoint; 10] = [
        CheckPoint::SubjectAndAuthority,
        CheckPoint::OfficerQualification,
        CheckPoint::PartyIdentity,
        CheckPoint::FactsAndEvidence,
        CheckPoint::LegalBasis,
        CheckPoint::Procedure,
        CheckPoint::Discretion,
        CheckPoint::RightsNotified,
        CheckPoint::DocumentForm,
        CheckPoint::CrimeTransfer,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckPoint::SubjectAndAuthority => "subject_and_authority",
            CheckPoint::OfficerQualification => "officer_qualification",
            CheckPoint::PartyIdentity => "party_identity",
            CheckPoint::FactsAndEvidence => "facts_and_evidence",
            CheckPoint::LegalBasis => "legal_basis",
            CheckPoint::Procedure => "procedure",
            CheckPoint::Discretion => "discretion",
            CheckPoint::RightsNotified => "rights_notified",
            CheckPoint::DocumentForm => "document_form",
            CheckPoint::CrimeTransfer => "crime_transfer",
        }
    }

    /// The form field that names this point in errors.
    pub fn field(self) -> Field {
        match self {
            CheckPoint::SubjectAndAuthority => Field::CheckSubject,
            CheckPoint::OfficerQualification => Field::CheckQualification,
            CheckPoint::PartyIdentity => Field::CheckIdentity,
            CheckPoint::FactsAndEvidence => Field::CheckFacts,
            CheckPoint::LegalBasis => Field::CheckBasis,
            CheckPoint::Procedure => Field::CheckProcedure,
            CheckPoint::Discretion => Field::CheckDiscretion,
            CheckPoint::RightsNotified => Field::CheckRights,
            CheckPoint::DocumentForm => Field::CheckDocuments,
            CheckPoint::CrimeTransfer => Field::CheckCrime,
        }
    }

    /// The question for people (the field's label).
    pub fn label(self, lang: Lang) -> &'static str {
        self.field().label(lang)
    }
}

/// The reviewer's finding on one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 无问题.
    Pass,
    /// 存在问题.
    Problem,
}

/// One checked point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointFinding {
    /// Which point.
    pub point: CheckPoint,
    /// Pass or problem.
    pub verdict: Verdict,
    /// The reviewer's comment; required for a problem.
    pub comment: String,
}

/// How a review round ends (Guidance 118; local variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// 同意.
    Approve,
    /// 同意，并提出意见.
    ApproveWithOpinions,
    /// 退回补充调查.
    ReturnForInvestigation,
    /// 退回修改（建议改正）.
    ReturnForCorrection,
}

impl ReviewOutcome {
    /// Every outcome.
    pub const ALL: [ReviewOutcome; 4] = [
        ReviewOutcome::Approve,
        ReviewOutcome::ApproveWithOpinions,
        ReviewOutcome::ReturnForInvestigation,
        ReviewOutcome::ReturnForCorrection,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewOutcome::Approve => "approve",
            ReviewOutcome::ApproveWithOpinions => "approve_with_opinions",
            ReviewOutcome::ReturnForInvestigation => "return_for_investigation",
            ReviewOutcome::ReturnForCorrection => "return_for_correction",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ReviewOutcome> {
        ReviewOutcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Whether the review is passed: the decision may follow.
    pub fn passes(self) -> bool {
        matches!(
            self,
            ReviewOutcome::Approve | ReviewOutcome::ApproveWithOpinions
        )
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReviewOutcome::Approve => lang.pick("同意", "Approve"),
            ReviewOutcome::ApproveWithOpinions => {
                lang.pick("同意，并提出意见", "Approve with opinions")
            }
            ReviewOutcome::ReturnForInvestigation => {
                lang.pick("退回补充调查", "Return for supplementary investigation")
            }
            ReviewOutcome::ReturnForCorrection => lang.pick("退回修改", "Return for correction"),
        }
    }
}

/// A reviewer's decision on a round, as checked by [`check_decision`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDecision {
    /// Every point, in [`CheckPoint::ALL`] order.
    pub findings: Vec<PointFinding>,
    /// The outcome.
    pub outcome: ReviewOutcome,
    /// The written opinion (法制审核意见).
    pub opinion: String,
}

/// Longest comment on one point, in characters.
pub const MAX_COMMENT_CHARS: usize = 1000;
/// Longest written opinion, in characters.
pub const MAX_OPINION_CHARS: usize = 5000;

/// Checks a reviewer's decision. `verdict(point)` and `comment(point)` read the raw form.
pub fn check_decision(
    verdict: impl Fn(CheckPoint) -> String,
    comment: impl Fn(CheckPoint) -> String,
    outcome: &str,
    opinion: &str,
) -> Result<ReviewDecision, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut findings = Vec::with_capacity(CheckPoint::ALL.len());
    for point in CheckPoint::ALL {
        let raw = verdict(point);
        let verdict = match raw.trim() {
            "pass" => Some(Verdict::Pass),
            "problem" => Some(Verdict::Problem),
            "" => {
                errors.push(ValidationError::new(point.field(), Rule::Required));
                None
            }
            _ => {
                errors.push(ValidationError::new(point.field(), Rule::OneOf));
                None
            }
        };
        let text = comment(point);
        let min = usize::from(verdict == Some(Verdict::Problem));
        match validate::text(point.field(), &text, min, MAX_COMMENT_CHARS) {
            Ok(comment) => {
                if let Some(verdict) = verdict {
                    findings.push(PointFinding {
                        point,
                        verdict,
                        comment,
                    });
                }
            }
            // A problem without a comment: the point's field "must not be empty".
            Err(e) => errors.push(e),
        }
    }
    let outcome = match outcome.trim() {
        "" => {
            errors.push(ValidationError::new(Field::ReviewOutcome, Rule::Required));
            None
        }
        s => {
            let o = ReviewOutcome::parse(s);
            if o.is_none() {
                errors.push(ValidationError::new(Field::ReviewOutcome, Rule::OneOf));
            }
            o
        }
    };
    let opinion_min = usize::from(!matches!(outcome, Some(ReviewOutcome::Approve) | None));
    let opinion = match validate::text(Field::Opinion, opinion, opinion_min, MAX_OPINION_CHARS) {
        Ok(o) => o,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    if errors.is_empty() {
        let problems = findings.iter().any(|f| f.verdict == Verdict::Problem);
        match outcome {
            Some(ReviewOutcome::Approve) if problems => {
                errors.push(ValidationError::new(
                    Field::ReviewOutcome,
                    Rule::ApprovalWithProblems,
                ));
            }
            Some(ReviewOutcome::ReturnForInvestigation | ReviewOutcome::ReturnForCorrection)
                if !problems =>
            {
                errors.push(ValidationError::new(
                    Field::ReviewOutcome,
                    Rule::ReturnWithoutProblem,
                ));
            }
            _ => {}
        }
    }
    match (outcome, errors.is_empty()) {
        (Some(outcome), true) => Ok(ReviewDecision {
            findings,
            outcome,
            opinion,
        }),
        _ => Err(errors),
    }
}

/// A material of the submission package (送审材料, DOMAIN.md §1c).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    /// 调查终结报告: facts, basis, discretion applied, officer qualifications.
    InvestigationReport,
    /// 拟作出的行政处罚决定书（草稿）.
    DraftDecision,
    /// 证据清单: the case's recorded evidence, attached by the system.
    EvidenceList,
    /// 陈述申辩笔录及复核意见 (after the prior notice).
    StatementRecord,
    /// 听证笔录和听证报告 (after a hearing).
    HearingRecord,
}

impl Material {
    /// The form field of the material.
    pub fn field(self) -> Field {
        match self {
            Material::InvestigationReport => Field::InvestigationReport,
            Material::DraftDecision => Field::DraftDecision,
            Material::EvidenceList => Field::EvidenceList,
            Material::StatementRecord => Field::StatementRecord,
            Material::HearingRecord => Field::HearingRecord,
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        self.field().label(lang)
    }
}

/// What the case has gone through, which decides the materials it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubmissionStage {
    /// The prior notice was served and the party did not waive statement and defence.
    pub statement_due: bool,
    /// A hearing was held.
    pub hearing_held: bool,
    /// How many pieces of evidence and records the case holds.
    pub evidence_count: usize,
}

/// The materials a submission at this stage must carry.
pub fn required_materials(stage: SubmissionStage) -> Vec<Material> {
    let mut m = vec![
        Material::InvestigationReport,
        Material::DraftDecision,
        Material::EvidenceList,
    ];
    if stage.statement_due {
        m.push(Material::StatementRecord);
    }
    if stage.hearing_held {
        m.push(Material::HearingRecord);
    }
    m
}

/// The texts of a submission, checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Submission {
    /// 调查终结报告.
    pub investigation_report: String,
    /// 拟作出的处罚决定.
    pub draft_decision: String,
    /// 陈述申辩笔录及复核意见; empty when not required.
    pub statement_record: String,
    /// 听证笔录和听证报告; empty when not required.
    pub hearing_record: String,
}

/// Longest text material, in characters.
pub const MAX_MATERIAL_CHARS: usize = 20_000;

/// Checks a submission against the materials the stage requires, naming each missing one.
pub fn check_submission(
    raw: &Submission,
    stage: SubmissionStage,
) -> Result<Submission, Vec<ValidationError>> {
    let required = required_materials(stage);
    let mut errors = Vec::new();
    let mut take = |m: Material, s: &str| {
        let min = usize::from(required.contains(&m));
        match validate::text(m.field(), s, min, MAX_MATERIAL_CHARS) {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        }
    };
    let checked = Submission {
        investigation_report: take(Material::InvestigationReport, &raw.investigation_report),
        draft_decision: take(Material::DraftDecision, &raw.draft_decision),
        statement_record: take(Material::StatementRecord, &raw.statement_record),
        hearing_record: take(Material::HearingRecord, &raw.hearing_record),
    };
    if stage.evidence_count == 0 {
        errors.push(ValidationError::new(Field::EvidenceList, Rule::Required));
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(v: &str) -> impl Fn(CheckPoint) -> String {
        let v = v.to_owned();
        move |_| v.clone()
    }

    fn none() -> impl Fn(CheckPoint) -> String {
        |_| String::new()
    }

    #[test]
    fn a_clean_approval_needs_every_point_and_no_opinion() {
        let d = check_decision(all("pass"), none(), "approve", "").unwrap();
        assert_eq!(d.findings.len(), CheckPoint::ALL.len());
        assert!(d.outcome.passes());
        let points: Vec<CheckPoint> = d.findings.iter().map(|f| f.point).collect();
        assert_eq!(points, CheckPoint::ALL.to_vec());
    }

    #[test]
    fn each_missing_or_unknown_verdict_is_named() {
        for missing in CheckPoint::ALL {
            let verdict = move |p: CheckPoint| {
                if p == missing {
                    String::new()
                } else {
                    "pass".into()
                }
            };
            let errors = check_decision(verdict, none(), "approve", "").unwrap_err();
            assert_eq!(
                errors,
                vec![ValidationError::new(missing.field(), Rule::Required)]
            );
        }
        let verdict = |p: CheckPoint| {
            if p == CheckPoint::Procedure {
                "maybe".into()
            } else {
                "pass".into()
            }
        };
        assert_eq!(
            check_decision(verdict, none(), "approve", "").unwrap_err(),
            vec![ValidationError::new(Field::CheckProcedure, Rule::OneOf)]
        );
    }

    #[test]
    fn a_problem_needs_a_comment() {
        let verdict = |p: CheckPoint| {
            if p == CheckPoint::FactsAndEvidence {
                "problem".into()
            } else {
                "pass".into()
            }
        };
        let errors = check_decision(verdict, none(), "return_for_investigation", "补充询问笔录")
            .unwrap_err();
        assert_eq!(
            errors,
            vec![ValidationError::new(Field::CheckFacts, Rule::Required)]
        );
        let comment = |p: CheckPoint| {
            if p == CheckPoint::FactsAndEvidence {
                "缺少现场检查笔录".into()
            } else {
                String::new()
            }
        };
        let d =
            check_decision(verdict, comment, "return_for_investigation", "补充询问笔录").unwrap();
        assert_eq!(d.outcome, ReviewOutcome::ReturnForInvestigation);
        assert!(!d.outcome.passes());
        assert_eq!(d.findings[3].comment, "缺少现场检查笔录");
    }

    #[test]
    fn outcomes_and_opinions_must_agree_with_the_findings() {
        let one_problem = |p: CheckPoint| {
            if p == CheckPoint::Discretion {
                "problem".into()
            } else {
                "pass".into()
            }
        };
        let comment = |_: CheckPoint| "意见".to_owned();
        // A plain approval with a problem point is refused.
        assert_eq!(
            check_decision(one_problem, comment, "approve", "").unwrap_err(),
            vec![ValidationError::new(
                Field::ReviewOutcome,
                Rule::ApprovalWithProblems
            )]
        );
        // Approving with opinions is allowed, with an opinion.
        assert!(
            check_decision(
                one_problem,
                comment,
                "approve_with_opinions",
                "建议调整罚款"
            )
            .is_ok()
        );
        assert_eq!(
            check_decision(one_problem, comment, "approve_with_opinions", " ").unwrap_err(),
            vec![ValidationError::new(Field::Opinion, Rule::Required)]
        );
        // Returns need an opinion and at least one problem.
        for ret in ["return_for_investigation", "return_for_correction"] {
            assert_eq!(
                check_decision(one_problem, comment, ret, "").unwrap_err(),
                vec![ValidationError::new(Field::Opinion, Rule::Required)]
            );
            assert_eq!(
                check_decision(all("pass"), none(), ret, "请修改").unwrap_err(),
                vec![ValidationError::new(
                    Field::ReviewOutcome,
                    Rule::ReturnWithoutProblem
                )]
            );
        }
        // Outcome required and known.
        assert_eq!(
            check_decision(all("pass"), none(), "", "").unwrap_err(),
            vec![ValidationError::new(Field::ReviewOutcome, Rule::Required)]
        );
        assert_eq!(
            check_decision(all("pass"), none(), "reject", "").unwrap_err(),
            vec![ValidationError::new(Field::ReviewOutcome, Rule::OneOf)]
        );
    }

    #[test]
    fn over_long_texts_are_refused() {
        let long = "字".repeat(MAX_OPINION_CHARS + 1);
        assert_eq!(
            check_decision(all("pass"), none(), "approve", &long).unwrap_err(),
            vec![ValidationError::new(
                Field::Opinion,
                Rule::Length {
                    min: 0,
                    max: MAX_OPINION_CHARS
                }
            )]
        );
    }

    #[test]
    fn materials_follow_the_stage() {
        let base = SubmissionStage {
            evidence_count: 3,
            ..SubmissionStage::default()
        };
        assert_eq!(
            required_materials(base),
            vec![
                Material::InvestigationReport,
                Material::DraftDecision,
                Material::EvidenceList
            ]
        );
        let later = SubmissionStage {
            statement_due: true,
            hearing_held: true,
            evidence_count: 3,
        };
        assert_eq!(required_materials(later).len(), 5);

        let empty = Submission::default();
        assert_eq!(
            check_submission(&empty, later).unwrap_err(),
            vec![
                ValidationError::new(Field::InvestigationReport, Rule::Required),
                ValidationError::new(Field::DraftDecision, Rule::Required),
                ValidationError::new(Field::StatementRecord, Rule::Required),
                ValidationError::new(Field::HearingRecord, Rule::Required),
            ]
        );
        let texts = Submission {
            investigation_report: " 经查…… ".into(),
            draft_decision: "拟罚款".into(),
            ..Submission::default()
        };
        let ok = check_submission(&texts, base).unwrap();
        assert_eq!(ok.investigation_report, "经查……");
        // Not required at this stage, so empty is fine; required later.
        assert!(check_submission(&texts, later).is_err());
        // No evidence at all: the evidence list is missing.
        let no_evidence = SubmissionStage {
            evidence_count: 0,
            ..base
        };
        assert_eq!(
            check_submission(&texts, no_evidence).unwrap_err(),
            vec![ValidationError::new(Field::EvidenceList, Rule::Required)]
        );
    }
}
