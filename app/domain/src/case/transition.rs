//! The result of an accepted step: the new state, the documents the step produces, the
//! deadlines it starts, stops, pauses or extends, and the audit event's payload.
//!
//! Invariants: a [`Transition`] is only ever built by [`crate::case::apply_step`] after every
//! check passed; its `record` is self-contained (it repeats the states, the command with its data,
//! the documents and the deadline changes) so the audit log alone tells the case's story. The
//! caller stores the new state and appends the audit event in the same transaction.

use serde::{Deserialize, Serialize};

use crate::{
    case::{
        command::CommandKind,
        effect::{CaseUpdate, StepRecord},
        state::CaseState,
    },
    i18n::Lang,
};

/// The audit `subject_type` of case events.
pub const AUDIT_SUBJECT_TYPE: &str = "case";

/// A document (文书) a step produces or records (DOMAIN.md §1b, §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 案件来源登记表.
    CaseSourceRegister,
    /// 立案审批表.
    FilingApprovalForm,
    /// 不予立案审批表.
    NonFilingApprovalForm,
    /// 证据材料 / 取证笔录 (inspection, interview, inquest, sampling records).
    EvidenceRecord,
    /// 案件调查终结报告.
    InvestigationReport,
    /// 法制审核送审表.
    ReviewSubmissionForm,
    /// 法制审核意见书.
    LegalReviewOpinion,
    /// 行政处罚事先告知书.
    PriorNotice,
    /// 听证告知书 (combined with the prior notice when a hearing is available).
    HearingRightsNotice,
    /// 陈述申辩笔录.
    StatementRecord,
    /// 复核意见 (Art. 45 re-check of the party's arguments).
    RecheckOpinion,
    /// 放弃陈述申辩、听证权利声明.
    RightsWaiver,
    /// 听证通知书.
    HearingNotice,
    /// 听证笔录.
    HearingRecord,
    /// 听证报告.
    HearingReport,
    /// 集体讨论记录.
    CollectiveDiscussionRecord,
    /// 行政处罚决定审批表.
    DecisionApprovalForm,
    /// 行政处罚决定书.
    PenaltyDecision,
    /// 不予行政处罚决定书.
    NoPenaltyDecision,
    /// 送达回证.
    ServiceReceipt,
    /// 结案报告 / 结案审批表.
    ClosureReport,
    /// 卷内目录 (the case file's table of contents).
    CaseFileIndex,
    /// 当场行政处罚决定书.
    OnTheSpotDecision,
    /// 案件移送书 (涉嫌犯罪案件移送书).
    TransferLetter,
    /// 延长办案期限审批表.
    ExtensionApprovalForm,
    /// 中止调查审批表.
    SuspensionApprovalForm,
    /// 恢复调查审批表.
    ResumptionApprovalForm,
    /// 撤销立案审批表.
    WithdrawalApprovalForm,
    /// 责令改正通知书 (APL Art. 28 ¶1).
    CorrectionOrder,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 29] = [
        DocumentKind::CaseSourceRegister,
        DocumentKind::FilingApprovalForm,
        DocumentKind::NonFilingApprovalForm,
        DocumentKind::EvidenceRecord,
        DocumentKind::InvestigationReport,
        DocumentKind::ReviewSubmissionForm,
        DocumentKind::LegalReviewOpinion,
        DocumentKind::PriorNotice,
        DocumentKind::HearingRightsNotice,
        DocumentKind::StatementRecord,
        DocumentKind::RecheckOpinion,
        DocumentKind::RightsWaiver,
        DocumentKind::HearingNotice,
        DocumentKind::HearingRecord,
        DocumentKind::HearingReport,
        DocumentKind::CollectiveDiscussionRecord,
        DocumentKind::DecisionApprovalForm,
        DocumentKind::PenaltyDecision,
        DocumentKind::NoPenaltyDecision,
        DocumentKind::ServiceReceipt,
        DocumentKind::ClosureReport,
        DocumentKind::CaseFileIndex,
        DocumentKind::OnTheSpotDecision,
        DocumentKind::TransferLetter,
        DocumentKind::ExtensionApprovalForm,
        DocumentKind::SuspensionApprovalForm,
        DocumentKind::ResumptionApprovalForm,
        DocumentKind::WithdrawalApprovalForm,
        DocumentKind::CorrectionOrder,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::CaseSourceRegister => "case_source_register",
            DocumentKind::FilingApprovalForm => "filing_approval_form",
            DocumentKind::NonFilingApprovalForm => "non_filing_approval_form",
            DocumentKind::EvidenceRecord => "evidence_record",
            DocumentKind::InvestigationReport => "investigation_report",
            DocumentKind::ReviewSubmissionForm => "review_submission_form",
            DocumentKind::LegalReviewOpinion => "legal_review_opinion",
            DocumentKind::PriorNotice => "prior_notice",
            DocumentKind::HearingRightsNotice => "hearing_rights_notice",
            DocumentKind::StatementRecord => "statement_record",
            DocumentKind::RecheckOpinion => "recheck_opinion",
            DocumentKind::RightsWaiver => "rights_waiver",
            DocumentKind::HearingNotice => "hearing_notice",
            DocumentKind::HearingRecord => "hearing_record",
            DocumentKind::HearingReport => "hearing_report",
            DocumentKind::CollectiveDiscussionRecord => "collective_discussion_record",
            DocumentKind::DecisionApprovalForm => "decision_approval_form",
            DocumentKind::PenaltyDecision => "penalty_decision",
            DocumentKind::NoPenaltyDecision => "no_penalty_decision",
            DocumentKind::ServiceReceipt => "service_receipt",
            DocumentKind::ClosureReport => "closure_report",
            DocumentKind::CaseFileIndex => "case_file_index",
            DocumentKind::OnTheSpotDecision => "on_the_spot_decision",
            DocumentKind::TransferLetter => "transfer_letter",
            DocumentKind::ExtensionApprovalForm => "extension_approval_form",
            DocumentKind::SuspensionApprovalForm => "suspension_approval_form",
            DocumentKind::ResumptionApprovalForm => "resumption_approval_form",
            DocumentKind::WithdrawalApprovalForm => "withdrawal_approval_form",
            DocumentKind::CorrectionOrder => "correction_order",
        }
    }

    /// The document's title.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::CaseSourceRegister => lang.pick("案件来源登记表", "Case-source register"),
            DocumentKind::FilingApprovalForm => lang.pick("立案审批表", "Filing approval form"),
            DocumentKind::NonFilingApprovalForm => {
                lang.pick("不予立案审批表", "Non-filing approval form")
            }
            DocumentKind::EvidenceRecord => lang.pick("证据材料", "Evidence record"),
            DocumentKind::InvestigationReport => {
                lang.pick("案件调查终结报告", "Investigation-closure report")
            }
            DocumentKind::ReviewSubmissionForm => {
                lang.pick("法制审核送审表", "Legal review submission form")
            }
            DocumentKind::LegalReviewOpinion => lang.pick("法制审核意见书", "Legal review opinion"),
            DocumentKind::PriorNotice => {
                lang.pick("行政处罚事先告知书", "Notice of proposed penalty")
            }
            DocumentKind::HearingRightsNotice => {
                lang.pick("听证告知书", "Notice of the right to a hearing")
            }
            DocumentKind::StatementRecord => {
                lang.pick("陈述申辩笔录", "Statement and defence record")
            }
            DocumentKind::RecheckOpinion => lang.pick("复核意见", "Re-check opinion"),
            DocumentKind::RightsWaiver => lang.pick(
                "放弃陈述申辩、听证权利声明",
                "Waiver of statement, defence and hearing",
            ),
            DocumentKind::HearingNotice => lang.pick("听证通知书", "Hearing notice"),
            DocumentKind::HearingRecord => lang.pick("听证笔录", "Hearing record"),
            DocumentKind::HearingReport => lang.pick("听证报告", "Hearing report"),
            DocumentKind::CollectiveDiscussionRecord => {
                lang.pick("集体讨论记录", "Collective discussion minutes")
            }
            DocumentKind::DecisionApprovalForm => {
                lang.pick("行政处罚决定审批表", "Decision approval form")
            }
            DocumentKind::PenaltyDecision => lang.pick("行政处罚决定书", "Penalty decision"),
            DocumentKind::NoPenaltyDecision => {
                lang.pick("不予行政处罚决定书", "Non-penalty decision")
            }
            DocumentKind::ServiceReceipt => lang.pick("送达回证", "Service receipt"),
            DocumentKind::ClosureReport => lang.pick("结案报告", "Closure report"),
            DocumentKind::CaseFileIndex => lang.pick("卷内目录", "Case-file index"),
            DocumentKind::OnTheSpotDecision => {
                lang.pick("当场行政处罚决定书", "On-the-spot penalty decision")
            }
            DocumentKind::TransferLetter => lang.pick("案件移送书", "Case transfer letter"),
            DocumentKind::ExtensionApprovalForm => {
                lang.pick("延长办案期限审批表", "Time-limit extension approval form")
            }
            DocumentKind::SuspensionApprovalForm => {
                lang.pick("中止调查审批表", "Suspension approval form")
            }
            DocumentKind::ResumptionApprovalForm => {
                lang.pick("恢复调查审批表", "Resumption approval form")
            }
            DocumentKind::WithdrawalApprovalForm => {
                lang.pick("撤销立案审批表", "Withdrawal of filing approval form")
            }
            DocumentKind::CorrectionOrder => lang.pick("责令改正通知书", "Order to correct"),
        }
    }
}

/// A running time limit the deadline module tracks for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Verify the clue and decide whether to file (SAMR: 15 working days) [L].
    ClueVerification,
    /// Decide within 90 days of filing (Art. 60), extendable.
    CaseHandling,
    /// Legal review (SAMR: 10 working days) [L].
    LegalReview,
    /// The party's statement/defence window (SAMR: 5 working days) [L].
    StatementWindow,
    /// The party's hearing-request window (Art. 64: 5 working days).
    HearingRequestWindow,
    /// Serve the decision within 7 working days if not handed over (Art. 61).
    Service,
    /// Publish the penalty decision within 7 working days (Guidance 118).
    Publication,
    /// Pay the fine within 15 days of service (Art. 67).
    Payment,
    /// Apply for reconsideration within 60 days (复议法 Art. 20).
    Reconsideration,
    /// Sue within 6 months (诉讼法 Art. 46).
    Litigation,
    /// File the on-the-spot decision with the agency (备案) [L].
    SummaryRecordFiling,
    /// Archive the closed case (e.g., 30 days) [U][L].
    Archiving,
}

impl DeadlineKind {
    /// Every kind.
    pub const ALL: [DeadlineKind; 12] = [
        DeadlineKind::ClueVerification,
        DeadlineKind::CaseHandling,
        DeadlineKind::LegalReview,
        DeadlineKind::StatementWindow,
        DeadlineKind::HearingRequestWindow,
        DeadlineKind::Service,
        DeadlineKind::Publication,
        DeadlineKind::Payment,
        DeadlineKind::Reconsideration,
        DeadlineKind::Litigation,
        DeadlineKind::SummaryRecordFiling,
        DeadlineKind::Archiving,
    ];

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DeadlineKind::ClueVerification => lang.pick("线索核查期限", "Clue verification"),
            DeadlineKind::CaseHandling => lang.pick("办案期限", "Case-handling limit"),
            DeadlineKind::LegalReview => lang.pick("法制审核期限", "Legal review"),
            DeadlineKind::StatementWindow => lang.pick("陈述申辩期限", "Statement window"),
            DeadlineKind::HearingRequestWindow => {
                lang.pick("听证申请期限", "Hearing-request window")
            }
            DeadlineKind::Service => lang.pick("送达期限", "Service"),
            DeadlineKind::Publication => lang.pick("公示期限", "Publication"),
            DeadlineKind::Payment => lang.pick("缴款期限", "Payment"),
            DeadlineKind::Reconsideration => lang.pick("行政复议期限", "Reconsideration"),
            DeadlineKind::Litigation => lang.pick("行政诉讼期限", "Litigation"),
            DeadlineKind::SummaryRecordFiling => lang.pick("备案期限", "Filing with the agency"),
            DeadlineKind::Archiving => lang.pick("归档期限", "Archiving"),
        }
    }
}

impl DeadlineKind {
    /// Whether the deadline is the agency's own obligation, which makes a case urgent; the
    /// party's windows (statement, hearing request, remedies) do not.
    pub fn binds_the_agency(self) -> bool {
        !matches!(
            self,
            DeadlineKind::StatementWindow
                | DeadlineKind::HearingRequestWindow
                | DeadlineKind::Reconsideration
                | DeadlineKind::Litigation
        )
    }
}

/// What a step does to a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineEffect {
    /// The period starts on the step's day.
    Start,
    /// The period is met or no longer applies.
    Stop,
    /// The period stops counting (suspension, hearing).
    Pause,
    /// The period counts again.
    Resume,
    /// The period is extended.
    Extend {
        /// Days added.
        days: u32,
    },
}

/// One change to one deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineChange {
    /// Which deadline.
    pub deadline: DeadlineKind,
    /// What happens to it.
    pub effect: DeadlineEffect,
}

impl DeadlineChange {
    /// Starts a deadline.
    pub fn start(deadline: DeadlineKind) -> Self {
        Self {
            deadline,
            effect: DeadlineEffect::Start,
        }
    }

    /// Stops a deadline.
    pub fn stop(deadline: DeadlineKind) -> Self {
        Self {
            deadline,
            effect: DeadlineEffect::Stop,
        }
    }

    /// Pauses a deadline.
    pub fn pause(deadline: DeadlineKind) -> Self {
        Self {
            deadline,
            effect: DeadlineEffect::Pause,
        }
    }

    /// Resumes a paused deadline.
    pub fn resume(deadline: DeadlineKind) -> Self {
        Self {
            deadline,
            effect: DeadlineEffect::Resume,
        }
    }
}

/// An accepted step. `Serialize` only: `action` is a static name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// The state before the step.
    pub from: CaseState,
    /// The state after the step (equal to `from` for steps that record without moving, such as
    /// evidence, statements, payments and extensions).
    pub to: CaseState,
    /// The step's kind.
    pub command: CommandKind,
    /// The audit action (`case.<verb>`).
    pub action: &'static str,
    /// The documents the step produces or records.
    pub documents: Vec<DocumentKind>,
    /// What the step does to the case's deadlines.
    pub deadlines: Vec<DeadlineChange>,
    /// What the step changes on the case record, for the caller to store as it is.
    pub changes: Vec<CaseUpdate>,
    /// The audit event's payload (serialise it, then hash it with
    /// [`crate::audit::canonical_json`]).
    pub record: StepRecord,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_has_a_unique_machine_name_and_two_titles() {
        let mut names: Vec<&str> = DocumentKind::ALL.iter().map(|d| d.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DocumentKind::ALL.len());
        for doc in DocumentKind::ALL {
            assert!(!doc.label(Lang::Zh).is_empty());
            assert!(doc.label(Lang::En).is_ascii(), "{doc:?}");
            let json = serde_json::to_string(&doc).expect("serialise");
            assert_eq!(json, format!("\"{}\"", doc.as_str()));
        }
    }

    #[test]
    fn only_the_partys_windows_do_not_bind_the_agency() {
        use DeadlineKind as D;
        for kind in [
            D::StatementWindow,
            D::HearingRequestWindow,
            D::Reconsideration,
            D::Litigation,
        ] {
            assert!(!kind.binds_the_agency(), "{kind:?}");
        }
        for kind in [
            D::ClueVerification,
            D::CaseHandling,
            D::LegalReview,
            D::Service,
            D::Publication,
            D::Payment,
            D::SummaryRecordFiling,
            D::Archiving,
        ] {
            assert!(kind.binds_the_agency(), "{kind:?}");
        }
    }

    #[test]
    fn deadline_changes_serialise_readably() {
        let change = DeadlineChange {
            deadline: DeadlineKind::CaseHandling,
            effect: DeadlineEffect::Extend { days: 30 },
        };
        assert_eq!(
            serde_json::to_value(change).expect("serialise"),
            serde_json::json!({"deadline": "case_handling", "effect": {"extend": {"days": 30}}})
        );
        assert_eq!(
            serde_json::to_value(DeadlineChange::start(DeadlineKind::Payment)).expect("serialise"),
            serde_json::json!({"deadline": "payment", "effect": "start"})
        );
    }
}
