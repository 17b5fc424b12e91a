//! Procedures and the states a penalty case passes through (DOMAIN.md §2.2, §2.3).
//!
//! Invariants: every state belongs to the ordinary procedure, the summary procedure or both
//! ([`CaseState::belongs_to`]); [`CaseState::New`] is the state before a case's first command
//! and is never stored; [`CaseState::ClueDeclined`] and [`CaseState::Archived`] are terminal.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Which procedure a case follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// 普通程序 (APL Art. 54–65).
    #[default]
    Ordinary,
    /// 简易程序: the on-the-spot decision (APL Art. 51–52).
    Summary,
}

impl Procedure {
    /// Both procedures.
    pub const ALL: [Procedure; 2] = [Procedure::Ordinary, Procedure::Summary];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Procedure::Ordinary => "ordinary",
            Procedure::Summary => "summary",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Procedure::Ordinary => lang.pick("普通程序", "Ordinary procedure"),
            Procedure::Summary => lang.pick("简易程序", "Summary procedure"),
        }
    }
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Nothing recorded yet: the state before `RegisterClue` (ordinary) or `SummaryDecide`
    /// (summary). Never stored.
    #[default]
    New,
    /// S0 线索登记: a clue is registered and awaits verification.
    ClueRegistered,
    /// S1 不予立案: the agency head declined to file the clue. Terminal.
    ClueDeclined,
    /// S1 立案待批: officers proposed filing, with the officers to assign; awaits the agency head.
    FilingProposed,
    /// S1 立案: filed; the 90-day decision limit (APL Art. 60) runs from here.
    Filed,
    /// S2 调查取证.
    Investigating,
    /// S3 调查终结: the investigation report states an outcome (APL Art. 57).
    InvestigationConcluded,
    /// S4 法制审核: submitted to the legal reviewer.
    UnderLegalReview,
    /// S4 法制审核退回: the reviewer returned the case for supplementary investigation or
    /// correction.
    ReviewReturned,
    /// S5 事先告知: the notice of proposed penalty is served; the statement/defence and
    /// hearing-request windows run.
    PriorNoticeServed,
    /// S6 the party requested a hearing; no decision until it is held (APL Art. 65).
    HearingRequested,
    /// S6 the hearing notice is served.
    HearingNoticed,
    /// S6 the hearing was held and its record and report are on file.
    HearingHeld,
    /// S7 集体讨论: the agency's heads discussed the case.
    CollectiveDiscussion,
    /// S8 决定: a penalty or non-penalty decision is made.
    Decided,
    /// S9 送达: the decision is served on the party.
    Served,
    /// S10 执行: payments or other performance are being recorded.
    Executing,
    /// S11 结案.
    Closed,
    /// S12 归档. Terminal.
    Archived,
    /// S2a 中止: the case is suspended; it resumes to the state it was suspended from.
    Suspended,
    /// S2a 撤销立案: the filing is withdrawn (no violation, no jurisdiction, time-barred, party
    /// deceased or dissolved).
    Withdrawn,
    /// 移送: transferred to a judicial organ because a crime is suspected (APL Art. 27, 57).
    Transferred,
    /// Summary procedure: the on-the-spot decision (当场行政处罚决定书) is made and handed over.
    OnTheSpotDecided,
    /// Summary procedure: the on-the-spot decision is filed with the agency (备案, Art. 52).
    SummaryRecordFiled,
}

impl CaseState {
    /// Every state, in procedure order.
    pub const ALL: [CaseState; 24] = [
        CaseState::New,
        CaseState::ClueRegistered,
        CaseState::ClueDeclined,
        CaseState::FilingProposed,
        CaseState::Filed,
        CaseState::Investigating,
        CaseState::InvestigationConcluded,
        CaseState::UnderLegalReview,
        CaseState::ReviewReturned,
        CaseState::PriorNoticeServed,
        CaseState::HearingRequested,
        CaseState::HearingNoticed,
        CaseState::HearingHeld,
        CaseState::CollectiveDiscussion,
        CaseState::Decided,
        CaseState::Served,
        CaseState::Executing,
        CaseState::Closed,
        CaseState::Archived,
        CaseState::Suspended,
        CaseState::Withdrawn,
        CaseState::Transferred,
        CaseState::OnTheSpotDecided,
        CaseState::SummaryRecordFiled,
    ];

    /// Machine name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::New => "new",
            CaseState::ClueRegistered => "clue_registered",
            CaseState::ClueDeclined => "clue_declined",
            CaseState::FilingProposed => "filing_proposed",
            CaseState::Filed => "filed",
            CaseState::Investigating => "investigating",
            CaseState::InvestigationConcluded => "investigation_concluded",
            CaseState::UnderLegalReview => "under_legal_review",
            CaseState::ReviewReturned => "review_returned",
            CaseState::PriorNoticeServed => "prior_notice_served",
            CaseState::HearingRequested => "hearing_requested",
            CaseState::HearingNoticed => "hearing_noticed",
            CaseState::HearingHeld => "hearing_held",
            CaseState::CollectiveDiscussion => "collective_discussion",
            CaseState::Decided => "decided",
            CaseState::Served => "served",
            CaseState::Executing => "executing",
            CaseState::Closed => "closed",
            CaseState::Archived => "archived",
            CaseState::Suspended => "suspended",
            CaseState::Withdrawn => "withdrawn",
            CaseState::Transferred => "transferred",
            CaseState::OnTheSpotDecided => "on_the_spot_decided",
            CaseState::SummaryRecordFiled => "summary_record_filed",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<CaseState> {
        CaseState::ALL.into_iter().find(|state| state.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CaseState::New => lang.pick("新建", "New"),
            CaseState::ClueRegistered => lang.pick("线索已登记", "Clue registered"),
            CaseState::ClueDeclined => lang.pick("不予立案", "Not filed"),
            CaseState::FilingProposed => lang.pick("立案待审批", "Filing awaiting approval"),
            CaseState::Filed => lang.pick("已立案", "Filed"),
            CaseState::Investigating => lang.pick("调查取证", "Investigating"),
            CaseState::InvestigationConcluded => lang.pick("调查终结", "Investigation concluded"),
            CaseState::UnderLegalReview => lang.pick("法制审核中", "Under legal review"),
            CaseState::ReviewReturned => lang.pick("法制审核退回", "Returned by legal review"),
            CaseState::PriorNoticeServed => lang.pick("已事先告知", "Prior notice served"),
            CaseState::HearingRequested => lang.pick("已申请听证", "Hearing requested"),
            CaseState::HearingNoticed => lang.pick("已通知听证", "Hearing noticed"),
            CaseState::HearingHeld => lang.pick("已举行听证", "Hearing held"),
            CaseState::CollectiveDiscussion => lang.pick("已集体讨论", "Collectively discussed"),
            CaseState::Decided => lang.pick("已作出决定", "Decided"),
            CaseState::Served => lang.pick("已送达", "Served"),
            CaseState::Executing => lang.pick("执行中", "Executing"),
            CaseState::Closed => lang.pick("已结案", "Closed"),
            CaseState::Archived => lang.pick("已归档", "Archived"),
            CaseState::Suspended => lang.pick("已中止", "Suspended"),
            CaseState::Withdrawn => lang.pick("已撤销立案", "Filing withdrawn"),
            CaseState::Transferred => lang.pick("已移送", "Transferred"),
            CaseState::OnTheSpotDecided => lang.pick("已当场处罚", "Decided on the spot"),
            CaseState::SummaryRecordFiled => lang.pick("已备案", "Filed with the agency"),
        }
    }

    /// Whether a case of `procedure` can be in this state.
    pub fn belongs_to(self, procedure: Procedure) -> bool {
        match self {
            CaseState::New | CaseState::Closed | CaseState::Archived => true,
            CaseState::OnTheSpotDecided | CaseState::SummaryRecordFiled => {
                procedure == Procedure::Summary
            }
            _ => procedure == Procedure::Ordinary,
        }
    }

    /// Whether no command is accepted any more.
    pub fn is_terminal(self) -> bool {
        matches!(self, CaseState::ClueDeclined | CaseState::Archived)
    }

    /// Whether the case is filed, not decided, and not suspended: the states in which the
    /// 90-day limit runs (or is paused for a hearing) and from which a case may be suspended,
    /// extended or withdrawn.
    pub fn is_open_before_decision(self) -> bool {
        matches!(
            self,
            CaseState::Filed
                | CaseState::Investigating
                | CaseState::InvestigationConcluded
                | CaseState::UnderLegalReview
                | CaseState::ReviewReturned
                | CaseState::PriorNoticeServed
                | CaseState::HearingRequested
                | CaseState::HearingNoticed
                | CaseState::HearingHeld
                | CaseState::CollectiveDiscussion
        )
    }

    /// Whether the 90-day limit is paused because a hearing is pending (SAMR: hearing time is
    /// not counted).
    pub fn hearing_pending(self) -> bool {
        matches!(
            self,
            CaseState::HearingRequested | CaseState::HearingNoticed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_machine_name_and_has_two_labels() {
        for state in CaseState::ALL {
            assert_eq!(CaseState::parse(state.as_str()), Some(state));
            assert!(!state.label(Lang::Zh).is_empty());
            assert!(state.label(Lang::En).is_ascii(), "{state:?}");
            let json = serde_json::to_string(&state).expect("serialise");
            assert_eq!(json, format!("\"{}\"", state.as_str()));
        }
        assert_eq!(CaseState::parse("lost"), None);
    }

    #[test]
    fn every_state_belongs_to_at_least_one_procedure() {
        for state in CaseState::ALL {
            assert!(
                Procedure::ALL.iter().any(|p| state.belongs_to(*p)),
                "{state:?}"
            );
        }
        assert!(CaseState::OnTheSpotDecided.belongs_to(Procedure::Summary));
        assert!(!CaseState::OnTheSpotDecided.belongs_to(Procedure::Ordinary));
        assert!(!CaseState::Investigating.belongs_to(Procedure::Summary));
    }
}
