//! The chapters a demo case can go through: its steps, each with its day counted from the
//! case's registration, who takes it and what it does. A chapter stops where a case may rest
//! (proposed, filed, under investigation, concluded, noticed, decided, served, paid, closed,
//! archived) or ends a twist (declined, suspended, withdrawn, transferred, returned by the
//! legal review).

/// Who takes a step: the team's first officer or head, or the legal reviewer.
#[derive(Clone, Copy)]
pub(super) enum Who {
    Officer,
    Head,
    Reviewer,
}

/// What a beat does. Steps are the case's state-machine steps (their `kind`); the story fills
/// in its amounts, dates, officers and texts.
#[derive(Clone, Copy)]
pub(super) enum Does {
    /// A step with nothing but its kind.
    Step(&'static str),
    /// A step with a reason (or, for a transfer, the receiving body).
    Reasoned(&'static str, &'static str),
    /// Proposing the filing, with the team's two officers.
    FileCase,
    /// Recording the scene photo and the inspection record, collected that day.
    GatherEvidence,
    /// Concluding the investigation with an outcome (with the story's fine for a penalty, and
    /// the other measures proposed), flagging complex facts when major.
    Conclude {
        outcome: &'static str,
        major: bool,
        measures: &'static [&'static str],
    },
    /// Submitting to legal review, with the hearing's records when after one.
    SubmitForReview {
        after_hearing: bool,
    },
    /// The legal reviewer deciding the pending round.
    Review {
        outcome: &'static str,
        opinion: &'static str,
    },
    /// Serving the prior notice of the story's fine.
    PriorNotice,
    RequestHearing,
    /// Noticing the hearing, to be held on the given day.
    NoticeHearing {
        hearing_day: i64,
    },
    /// Holding the hearing, hosted by the head.
    HoldHearing,
    /// Deciding the story's fine, in the discretion tier that holds it.
    DecidePenalty,
    DecideNoPenalty,
    /// Issuing the decision document (numbered, rendered, hashed).
    IssueDecision,
    /// Serving the decision directly.
    Serve,
    /// Recording a payment of the fine: all of it, or half.
    Payment {
        full: bool,
    },
    /// Closing with a reason.
    Close(&'static str),
}

/// One step of a story: its day (from registration; never later than now), who, and what.
#[derive(Clone, Copy)]
pub(super) struct Beat {
    pub(super) day: i64,
    pub(super) by: Who,
    pub(super) does: Does,
}

const fn beat(day: i64, by: Who, does: Does) -> Beat {
    Beat { day, by, does }
}

use Does::*;
use Who::*;

/// A chapter: a few beats that belong together.
pub(super) type Chapter = &'static [Beat];

pub(super) const FILE: Chapter = &[beat(1, Officer, FileCase)];
pub(super) const APPROVE: Chapter = &[beat(1, Head, Step("approve_filing"))];
pub(super) const INVESTIGATE: Chapter = &[
    beat(2, Officer, Step("start_investigation")),
    beat(2, Officer, GatherEvidence),
];
pub(super) const DECLINE: Chapter = &[beat(
    2,
    Head,
    Reasoned("decline_clue", "经核查，反映问题不属实，不予立案。"),
)];
pub(super) const SUSPEND: Chapter = &[beat(
    5,
    Head,
    Reasoned("suspend", "需委托检验检测，检测期间中止调查。"),
)];
pub(super) const WITHDRAW: Chapter = &[
    beat(5, Head, Reasoned("withdraw", "当事人已注销，撤销立案。")),
    beat(6, Head, Close("withdrawn")),
];
pub(super) const CONCLUDE: Chapter = &[beat(
    6,
    Officer,
    Conclude {
        outcome: "penalty",
        major: false,
        measures: &[],
    },
)];
pub(super) const CONCLUDE_MAJOR: Chapter = &[
    beat(
        6,
        Officer,
        Conclude {
            outcome: "penalty",
            major: true,
            measures: &[],
        },
    ),
    beat(
        7,
        Officer,
        SubmitForReview {
            after_hearing: false,
        },
    ),
];
pub(super) const REVIEW_RETURNED: Chapter = &[beat(
    9,
    Reviewer,
    Review {
        outcome: "return_for_investigation",
        opinion: "证据不足：请补充涉案产品的检验报告。",
    },
)];
pub(super) const REVIEW_APPROVED: Chapter = &[beat(
    9,
    Reviewer,
    Review {
        outcome: "approve",
        opinion: "",
    },
)];
/// A penalty with the revocation of the party's licence (吊销许可证件), which gives the right to
/// a hearing whatever the fine (APL Art. 63 ¶1(3)); the catalog makes it major, so it goes to
/// legal review.
pub(super) const CONCLUDE_REVOCATION: Chapter = &[
    beat(
        6,
        Officer,
        Conclude {
            outcome: "penalty",
            major: false,
            measures: &["revoke_licence"],
        },
    ),
    beat(
        7,
        Officer,
        SubmitForReview {
            after_hearing: false,
        },
    ),
];
pub(super) const CONCLUDE_TRANSFER: Chapter = &[beat(
    6,
    Officer,
    Conclude {
        outcome: "transfer",
        major: false,
        measures: &[],
    },
)];
pub(super) const TRANSFER: Chapter = &[
    beat(7, Head, Reasoned("transfer", "临江市公安局")),
    beat(8, Head, Close("transferred")),
];
pub(super) const CONCLUDE_WAIVER: Chapter = &[beat(
    6,
    Officer,
    Conclude {
        outcome: "first_violation_waiver",
        major: false,
        measures: &[],
    },
)];
pub(super) const DECIDE_NO_PENALTY: Chapter = &[
    beat(8, Head, DecideNoPenalty),
    beat(8, Officer, IssueDecision),
];
pub(super) const SERVE_NOT_PUNISHED: Chapter = &[beat(9, Officer, Serve)];
pub(super) const CLOSE_NOT_PUNISHED: Chapter = &[beat(15, Head, Close("not_punished"))];
pub(super) const PRIOR_NOTICE: Chapter = &[beat(10, Officer, PriorNotice)];
pub(super) const WAIVE: Chapter = &[beat(11, Officer, Step("waive_rights"))];
pub(super) const REQUEST_HEARING: Chapter = &[beat(12, Officer, RequestHearing)];
/// A decision after a hearing rests on a legal review of the hearing's result.
pub(super) const HEARING: Chapter = &[
    beat(14, Officer, NoticeHearing { hearing_day: 30 }),
    beat(30, Officer, HoldHearing),
    beat(
        30,
        Officer,
        SubmitForReview {
            after_hearing: true,
        },
    ),
    beat(
        31,
        Reviewer,
        Review {
            outcome: "approve_with_opinions",
            opinion: "听证程序合法，建议在决定书中对当事人听证意见逐项说明采纳情况。",
        },
    ),
];
/// Major cases, and those that went through a hearing, are discussed collectively.
pub(super) const DISCUSS: Chapter = &[beat(
    31,
    Head,
    Reasoned(
        "hold_collective_discussion",
        "经集体讨论，同意按拟处罚意见作出决定。",
    ),
)];
/// The decision is issued the day it is made.
pub(super) const DECIDE: Chapter = &[
    beat(32, Head, DecidePenalty),
    beat(32, Officer, IssueDecision),
];
pub(super) const SERVE: Chapter = &[beat(33, Officer, Serve)];
pub(super) const PAY_HALF: Chapter = &[beat(38, Officer, Payment { full: false })];
pub(super) const PAY: Chapter = &[beat(38, Officer, Payment { full: true })];
pub(super) const CLOSE_EXECUTED: Chapter = &[beat(39, Head, Close("executed"))];
pub(super) const ARCHIVE: Chapter = &[beat(43, Officer, Step("archive"))];
