//! What a case file must hold before it is archived (DOMAIN.md §1b: "archiving is blocked until
//! the file checklist is complete"), and which proposed penalties give the party the right to a
//! hearing (APL Art. 63).
//!
//! Invariants: the checklist depends only on how the case ended (its procedure, whether it was
//! decided and how, whether a hearing was held) and on what is on file; an empty result means
//! the file is complete. The hearing thresholds are local values **[L]**; where they vary we
//! take the lower (stricter) ones, which give the party a hearing in more cases.

use serde::{Deserialize, Serialize};

use crate::case::{DecisionOutcome, DocumentKind, PartyKind, Procedure};

/// A fine of at least this much on a natural person is a "large amount" (较大数额) giving a
/// right to a hearing: 5,000 CNY [L] (provinces use 5,000–10,000; the lower is stricter).
pub const HEARING_THRESHOLD_NATURAL_PERSON_FEN: i64 = 500_000;
/// The same for legal persons and other organisations: 50,000 CNY [L] (provinces use
/// 50,000–100,000).
pub const HEARING_THRESHOLD_ORGANISATION_FEN: i64 = 5_000_000;

/// Whether a proposed fine gives the party the right to request a hearing (Art. 63). When the
/// party's kind is unknown the natural-person threshold (the lower) applies.
pub fn hearing_eligible(party: Option<PartyKind>, proposed_fine_fen: i64) -> bool {
    let threshold = match party {
        Some(PartyKind::Organisation) => HEARING_THRESHOLD_ORGANISATION_FEN,
        Some(PartyKind::NaturalPerson) | None => HEARING_THRESHOLD_NATURAL_PERSON_FEN,
    };
    proposed_fine_fen >= threshold
}

/// How a closed case ended, as far as its file is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileShape {
    /// The procedure.
    pub procedure: Procedure,
    /// The decision, if one was made (none for withdrawn or transferred cases).
    pub decision: Option<DecisionOutcome>,
    /// Whether a hearing was held.
    pub hearing_held: bool,
    /// Whether the case was transferred to a judicial organ.
    pub transferred: bool,
    /// Whether the filing was withdrawn.
    pub withdrawn: bool,
}

/// What the file must hold and may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileItem {
    /// A document of this kind.
    Document(DocumentKind),
    /// At least one party on record.
    Party,
    /// At least one piece of evidence.
    Evidence,
}

/// The items the file of a case of this shape requires, in file order.
pub fn required_items(shape: FileShape) -> Vec<FileItem> {
    use DocumentKind as D;
    use FileItem::{Document, Evidence, Party};
    if shape.procedure == Procedure::Summary {
        return vec![Party, Document(D::OnTheSpotDecision)];
    }
    let mut items = vec![
        Document(D::CaseSourceRegister),
        Document(D::FilingApprovalForm),
    ];
    if shape.withdrawn {
        items.push(Document(D::WithdrawalApprovalForm));
        items.push(Document(D::ClosureReport));
        return items;
    }
    items.push(Party);
    if shape.transferred {
        items.push(Document(D::TransferLetter));
        items.push(Document(D::ClosureReport));
        return items;
    }
    items.push(Document(D::InvestigationReport));
    match shape.decision {
        Some(DecisionOutcome::Penalty) => {
            items.push(Evidence);
            items.push(Document(D::PriorNotice));
            if shape.hearing_held {
                items.push(Document(D::HearingRecord));
                items.push(Document(D::HearingReport));
            }
            items.push(Document(D::DecisionApprovalForm));
            items.push(Document(D::PenaltyDecision));
            items.push(Document(D::ServiceReceipt));
        }
        Some(DecisionOutcome::NoPenalty) => {
            items.push(Document(D::DecisionApprovalForm));
            items.push(Document(D::NoPenaltyDecision));
            items.push(Document(D::ServiceReceipt));
        }
        None => {}
    }
    items.push(Document(D::ClosureReport));
    items
}

/// The required items the file lacks, given the documents on file and how many parties and
/// pieces of evidence are recorded. Empty when the file is complete.
pub fn missing_items(
    shape: FileShape,
    documents: &[DocumentKind],
    parties: usize,
    evidence: usize,
) -> Vec<FileItem> {
    required_items(shape)
        .into_iter()
        .filter(|item| match item {
            FileItem::Document(kind) => !documents.contains(kind),
            FileItem::Party => parties == 0,
            FileItem::Evidence => evidence == 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordinary(decision: Option<DecisionOutcome>) -> FileShape {
        FileShape {
            procedure: Procedure::Ordinary,
            decision,
            hearing_held: false,
            transferred: false,
            withdrawn: false,
        }
    }

    #[test]
    fn hearing_thresholds_at_the_boundary() {
        let person = Some(PartyKind::NaturalPerson);
        let org = Some(PartyKind::Organisation);
        assert!(!hearing_eligible(person, 499_999));
        assert!(hearing_eligible(person, 500_000));
        assert!(hearing_eligible(person, 500_001));
        assert!(!hearing_eligible(org, 4_999_999));
        assert!(hearing_eligible(org, 5_000_000));
        assert!(
            hearing_eligible(None, 500_000),
            "unknown party: the lower threshold"
        );
        assert!(!hearing_eligible(None, 0));
    }

    #[test]
    fn a_penalty_file_needs_evidence_notice_decision_and_service() {
        use DocumentKind as D;
        let shape = ordinary(Some(DecisionOutcome::Penalty));
        let all = [
            D::CaseSourceRegister,
            D::FilingApprovalForm,
            D::InvestigationReport,
            D::PriorNotice,
            D::DecisionApprovalForm,
            D::PenaltyDecision,
            D::ServiceReceipt,
            D::ClosureReport,
        ];
        assert!(missing_items(shape, &all, 1, 1).is_empty());
        assert_eq!(missing_items(shape, &all, 0, 1), vec![FileItem::Party]);
        assert_eq!(missing_items(shape, &all, 1, 0), vec![FileItem::Evidence]);
        assert_eq!(
            missing_items(shape, &all[..7], 1, 1),
            vec![FileItem::Document(D::ClosureReport)]
        );
        let heard = FileShape {
            hearing_held: true,
            ..shape
        };
        assert_eq!(
            missing_items(heard, &all, 1, 1),
            vec![
                FileItem::Document(D::HearingRecord),
                FileItem::Document(D::HearingReport)
            ]
        );
    }

    #[test]
    fn no_penalty_withdrawn_transferred_and_summary_files() {
        use DocumentKind as D;
        let no_penalty = ordinary(Some(DecisionOutcome::NoPenalty));
        assert!(!required_items(no_penalty).contains(&FileItem::Evidence));
        assert!(required_items(no_penalty).contains(&FileItem::Document(D::NoPenaltyDecision)));
        let withdrawn = FileShape {
            withdrawn: true,
            ..ordinary(None)
        };
        assert_eq!(
            required_items(withdrawn),
            vec![
                FileItem::Document(D::CaseSourceRegister),
                FileItem::Document(D::FilingApprovalForm),
                FileItem::Document(D::WithdrawalApprovalForm),
                FileItem::Document(D::ClosureReport),
            ]
        );
        let transferred = FileShape {
            transferred: true,
            ..ordinary(None)
        };
        assert!(required_items(transferred).contains(&FileItem::Document(D::TransferLetter)));
        let summary = FileShape {
            procedure: Procedure::Summary,
            ..ordinary(Some(DecisionOutcome::Penalty))
        };
        assert_eq!(
            missing_items(summary, &[D::OnTheSpotDecision], 1, 0),
            Vec::<FileItem>::new()
        );
        assert_eq!(missing_items(summary, &[], 1, 0).len(), 1);
    }
}
