//! An inspection's life (issue 23 item 5), after the justice ministry's standard inspection
//! documents (2025): the head approves it (行政检查审批表) → the officers register the visit at
//! the door with the enterprise's supervision code (扫码入企, judged by
//! [`super::registration::check`]) → they record what they found (现场检查笔录) → they tell the
//! enterprise the result (检查结果告知书) → the inspection is closed, or a penalty case is
//! opened from it.
//!
//! In an emergency (紧急情况) the officers may register before the approval, which the head
//! then gives afterwards; an inspection is never closed unapproved.
//!
//! Who may do what: the head of the agency approves; the officers named for the inspection
//! register, record and notify; they or the head close. Everyone else is refused.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::role::Role;

/// Where an inspection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InspectionState {
    /// Proposed by an officer, waiting for the head's approval.
    Proposed,
    /// Approved; the visit has not begun.
    Approved,
    /// Registered at the door (扫码入企): the visit is under way.
    OnSite,
    /// The on-site record (现场检查笔录) is made.
    Recorded,
    /// The enterprise was told the result (检查结果告知书).
    Notified,
    /// Closed.
    Closed,
}

impl InspectionState {
    /// Every state, in the order of an inspection's life.
    pub const ALL: [InspectionState; 6] = [
        InspectionState::Proposed,
        InspectionState::Approved,
        InspectionState::OnSite,
        InspectionState::Recorded,
        InspectionState::Notified,
        InspectionState::Closed,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            InspectionState::Proposed => "proposed",
            InspectionState::Approved => "approved",
            InspectionState::OnSite => "on_site",
            InspectionState::Recorded => "recorded",
            InspectionState::Notified => "notified",
            InspectionState::Closed => "closed",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            InspectionState::Proposed => lang.pick("待审批", "Awaiting approval"),
            InspectionState::Approved => lang.pick("已批准，待检查", "Approved"),
            InspectionState::OnSite => lang.pick("现场检查中", "On site"),
            InspectionState::Recorded => lang.pick("已制作检查笔录", "Recorded"),
            InspectionState::Notified => lang.pick("已告知检查结果", "Result notified"),
            InspectionState::Closed => lang.pick("已结束", "Closed"),
        }
    }

    /// Whether the visit has taken place (registered or later).
    pub fn visited(self) -> bool {
        !matches!(self, InspectionState::Proposed | InspectionState::Approved)
    }
}

/// The result told to the enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Nothing found (未发现问题).
    NoProblem,
    /// Problems to put right, with an order to rectify (责令改正).
    Rectify,
    /// A suspected violation: a penalty case is to be opened (涉嫌违法，移送立案).
    Penalty,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 3] = [Outcome::NoProblem, Outcome::Rectify, Outcome::Penalty];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NoProblem => "no_problem",
            Outcome::Rectify => "rectify",
            Outcome::Penalty => "penalty",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Outcome::NoProblem => lang.pick("未发现问题", "No problem found"),
            Outcome::Rectify => lang.pick("发现问题，责令整改", "Problems found: to rectify"),
            Outcome::Penalty => lang.pick("涉嫌违法，移送立案", "Suspected violation: case opened"),
        }
    }
}

/// The kinds of step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    /// The head approves (beforehand, or afterwards in an emergency).
    Approve,
    /// Registration at the door with the supervision code.
    Register,
    /// The on-site record.
    Record,
    /// The result notice.
    Notify,
    /// Close.
    Close,
}

impl StepKind {
    /// Every kind.
    pub const ALL: [StepKind; 5] = [
        StepKind::Approve,
        StepKind::Register,
        StepKind::Record,
        StepKind::Notify,
        StepKind::Close,
    ];

    /// Machine name (the `step` of the API).
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Approve => "approve",
            StepKind::Register => "register",
            StepKind::Record => "record",
            StepKind::Notify => "notify",
            StepKind::Close => "close",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StepKind::Approve => lang.pick("批准检查", "Approve"),
            StepKind::Register => lang.pick("扫码登记入企", "Register the visit"),
            StepKind::Record => lang.pick("制作现场检查笔录", "Record the visit"),
            StepKind::Notify => lang.pick("告知检查结果", "Notify the result"),
            StepKind::Close => lang.pick("结束检查", "Close"),
        }
    }
}

/// Who is asking, as far as an inspection is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asker {
    /// Their role.
    pub role: Role,
    /// Whether they belong to the inspection's agency.
    pub own_agency: bool,
    /// Whether they are named for the inspection.
    pub named: bool,
}

/// What a step depends on besides the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepFacts {
    /// Where the inspection stands.
    pub state: InspectionState,
    /// Whether the head approved it.
    pub approved: bool,
    /// Whether it was proposed as an emergency (approval may follow the visit).
    pub emergency: bool,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepRefusal {
    /// The asker may not take this step at all.
    NotAllowed,
    /// Not possible in this state.
    WrongState {
        /// The state it is in.
        state: InspectionState,
    },
    /// Approved already.
    AlreadyApproved,
    /// Registration before approval outside an emergency.
    NotApprovedYet,
    /// Closing an emergency inspection the head has not yet approved afterwards.
    ApprovalOutstanding,
}

impl StepRefusal {
    /// A sentence for the user.
    pub fn message(self, lang: Lang) -> String {
        match self {
            StepRefusal::NotAllowed => lang
                .pick(
                    "只有本机关负责人可以批准检查；登记、笔录和结果告知由本次检查指派的执法人员办理",
                    "Only the agency's head approves; the officers named for the inspection register, record and notify",
                )
                .to_owned(),
            StepRefusal::WrongState { state } => match lang {
                Lang::Zh => format!("检查当前状态为「{}」，不能办理这一步", state.label(lang)),
                Lang::En => format!(
                    "The inspection is \"{}\": this step is not possible now",
                    state.label(lang)
                ),
            },
            StepRefusal::AlreadyApproved => lang
                .pick("本次检查已经批准", "The inspection is approved already")
                .to_owned(),
            StepRefusal::NotApprovedYet => lang
                .pick(
                    "本次检查尚未经机关负责人批准，不得入企检查（紧急情况除外）",
                    "The inspection is not approved yet: no visit before approval except in an emergency",
                )
                .to_owned(),
            StepRefusal::ApprovalOutstanding => lang
                .pick(
                    "紧急检查须由机关负责人事后补办批准后方可结束",
                    "An emergency inspection is closed only once the head has approved it afterwards",
                )
                .to_owned(),
        }
    }
}

/// Judges a step: the state it leads to, or why not.
pub fn step(facts: StepFacts, kind: StepKind, who: Asker) -> Result<InspectionState, StepRefusal> {
    use InspectionState as S;
    let head = who.own_agency && who.role == Role::AgencyHead;
    let named = who.own_agency && who.named && matches!(who.role, Role::Officer | Role::AgencyHead);
    match kind {
        StepKind::Approve => {
            if !head {
                return Err(StepRefusal::NotAllowed);
            }
            if facts.approved {
                return Err(StepRefusal::AlreadyApproved);
            }
            match facts.state {
                S::Proposed => Ok(S::Approved),
                // Afterwards, in an emergency: the state stays.
                S::OnSite | S::Recorded | S::Notified if facts.emergency => Ok(facts.state),
                state => Err(StepRefusal::WrongState { state }),
            }
        }
        StepKind::Register => {
            if !named {
                return Err(StepRefusal::NotAllowed);
            }
            match facts.state {
                S::Approved => Ok(S::OnSite),
                S::Proposed if facts.emergency => Ok(S::OnSite),
                S::Proposed => Err(StepRefusal::NotApprovedYet),
                state => Err(StepRefusal::WrongState { state }),
            }
        }
        StepKind::Record => {
            if !named {
                return Err(StepRefusal::NotAllowed);
            }
            match facts.state {
                S::OnSite => Ok(S::Recorded),
                state => Err(StepRefusal::WrongState { state }),
            }
        }
        StepKind::Notify => {
            if !named {
                return Err(StepRefusal::NotAllowed);
            }
            match facts.state {
                S::Recorded => Ok(S::Notified),
                state => Err(StepRefusal::WrongState { state }),
            }
        }
        StepKind::Close => {
            if !(named || head) {
                return Err(StepRefusal::NotAllowed);
            }
            match facts.state {
                S::Notified if !facts.approved => Err(StepRefusal::ApprovalOutstanding),
                S::Notified => Ok(S::Closed),
                state => Err(StepRefusal::WrongState { state }),
            }
        }
    }
}

/// The steps `who` may take now, in the order of the inspection's life.
pub fn available(facts: StepFacts, who: Asker) -> Vec<StepKind> {
    StepKind::ALL
        .into_iter()
        .filter(|k| step(facts, *k, who).is_ok())
        .collect()
}

/// Whether the enterprise may still rate the inspection (评议): once it was told the result,
/// once only.
pub fn may_rate(state: InspectionState, already_rated: bool) -> bool {
    !already_rated && matches!(state, InspectionState::Notified | InspectionState::Closed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use InspectionState as S;

    fn facts(state: S, approved: bool, emergency: bool) -> StepFacts {
        StepFacts {
            state,
            approved,
            emergency,
        }
    }

    fn officer(named: bool) -> Asker {
        Asker {
            role: Role::Officer,
            own_agency: true,
            named,
        }
    }

    fn head() -> Asker {
        Asker {
            role: Role::AgencyHead,
            own_agency: true,
            named: false,
        }
    }

    #[test]
    fn an_ordinary_inspection_runs_from_proposal_to_close() {
        let mut f = facts(S::Proposed, false, false);
        f.state = step(f, StepKind::Approve, head()).expect("approve");
        f.approved = true;
        assert_eq!(f.state, S::Approved);
        for (kind, next) in [
            (StepKind::Register, S::OnSite),
            (StepKind::Record, S::Recorded),
            (StepKind::Notify, S::Notified),
            (StepKind::Close, S::Closed),
        ] {
            f.state = step(f, kind, officer(true)).expect("step");
            assert_eq!(f.state, next);
        }
        assert!(available(f, officer(true)).is_empty());
        assert!(available(f, head()).is_empty());
    }

    #[test]
    fn no_visit_before_approval_unless_an_emergency() {
        assert_eq!(
            step(
                facts(S::Proposed, false, false),
                StepKind::Register,
                officer(true)
            ),
            Err(StepRefusal::NotApprovedYet)
        );
        assert_eq!(
            step(
                facts(S::Proposed, false, true),
                StepKind::Register,
                officer(true)
            ),
            Ok(S::OnSite)
        );
    }

    #[test]
    fn an_emergency_is_approved_afterwards_and_not_closed_before() {
        let f = facts(S::Notified, false, true);
        assert_eq!(
            step(f, StepKind::Close, officer(true)),
            Err(StepRefusal::ApprovalOutstanding)
        );
        assert_eq!(step(f, StepKind::Approve, head()), Ok(S::Notified));
        assert_eq!(
            step(
                facts(S::Notified, true, true),
                StepKind::Close,
                officer(true)
            ),
            Ok(S::Closed)
        );
        // Afterwards only for an emergency, and never twice.
        assert_eq!(
            step(facts(S::OnSite, false, false), StepKind::Approve, head()),
            Err(StepRefusal::WrongState { state: S::OnSite })
        );
        assert_eq!(
            step(facts(S::OnSite, true, true), StepKind::Approve, head()),
            Err(StepRefusal::AlreadyApproved)
        );
        assert_eq!(
            step(facts(S::Closed, false, true), StepKind::Approve, head()),
            Err(StepRefusal::WrongState { state: S::Closed })
        );
    }

    #[test]
    fn only_the_head_approves_and_only_named_officers_act() {
        let f = facts(S::Proposed, false, false);
        for role in Role::ALL {
            let who = Asker {
                role,
                own_agency: true,
                named: true,
            };
            let expected = if role == Role::AgencyHead {
                Ok(S::Approved)
            } else {
                Err(StepRefusal::NotAllowed)
            };
            assert_eq!(step(f, StepKind::Approve, who), expected, "{role:?}");
        }
        // Another agency's head may not approve.
        let stranger = Asker {
            own_agency: false,
            ..head()
        };
        assert_eq!(
            step(f, StepKind::Approve, stranger),
            Err(StepRefusal::NotAllowed)
        );
        let approved = facts(S::Approved, true, false);
        assert_eq!(
            step(approved, StepKind::Register, officer(false)),
            Err(StepRefusal::NotAllowed)
        );
        for role in [
            Role::LegalReviewer,
            Role::Supervisor,
            Role::Admin,
            Role::Integration,
        ] {
            let who = Asker {
                role,
                own_agency: true,
                named: true,
            };
            for kind in StepKind::ALL {
                assert_eq!(
                    step(facts(S::Recorded, true, false), kind, who),
                    Err(StepRefusal::NotAllowed),
                    "{role:?} {kind:?}"
                );
            }
        }
        // The head closes without being named, but does not record.
        let notified = facts(S::Notified, true, false);
        assert_eq!(step(notified, StepKind::Close, head()), Ok(S::Closed));
        assert_eq!(
            step(facts(S::OnSite, true, false), StepKind::Record, head()),
            Err(StepRefusal::NotAllowed)
        );
    }

    #[test]
    fn every_step_out_of_order_is_refused_with_the_state() {
        for state in S::ALL {
            for kind in [StepKind::Record, StepKind::Notify, StepKind::Close] {
                let f = facts(state, true, false);
                let ok = matches!(
                    (state, kind),
                    (S::OnSite, StepKind::Record)
                        | (S::Recorded, StepKind::Notify)
                        | (S::Notified, StepKind::Close)
                );
                assert_eq!(
                    step(f, kind, officer(true)).is_ok(),
                    ok,
                    "{state:?} {kind:?}"
                );
                if !ok {
                    assert_eq!(
                        step(f, kind, officer(true)),
                        Err(StepRefusal::WrongState { state })
                    );
                }
            }
        }
    }

    #[test]
    fn names_round_trip_and_messages_exist_in_both_languages() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        for k in StepKind::ALL {
            assert_eq!(StepKind::parse(k.as_str()), Some(k));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        for r in [
            StepRefusal::NotAllowed,
            StepRefusal::WrongState { state: S::Closed },
            StepRefusal::AlreadyApproved,
            StepRefusal::NotApprovedYet,
            StepRefusal::ApprovalOutstanding,
        ] {
            assert!(r.message(Lang::Zh).chars().any(|c| c > '\u{2e80}'));
            assert!(r.message(Lang::En).is_ascii());
        }
    }

    #[test]
    fn the_enterprise_rates_once_after_the_result() {
        assert!(!may_rate(S::OnSite, false));
        assert!(!may_rate(S::Recorded, false));
        assert!(may_rate(S::Notified, false));
        assert!(may_rate(S::Closed, false));
        assert!(!may_rate(S::Closed, true));
    }
}
