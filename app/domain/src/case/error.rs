//! Why the state machine refused a step.
//!
//! Invariants: every refusal has its own variant, comparable with `==` so tests and services can
//! match it, and a sentence for the user in Chinese and English ([`CaseError::message`]) that
//! names the rule and, where one applies, the article of the Administrative Penalty Law (APL).
//! The `Display` text is the English sentence, for logs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    case::{
        command::{CloseReason, CommandKind, InvestigationOutcome, PartyKind},
        state::{CaseState, Procedure},
    },
    i18n::Lang,
    role::Role,
};

/// A date carried by a command, named so errors can say which one is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    /// When a clue or statement was received.
    ReceivedOn,
    /// When a document was served.
    ServedOn,
    /// When a hearing was requested.
    RequestedOn,
    /// When the hearing notice was served.
    NoticedOn,
    /// The hearing's date.
    HearingDate,
    /// The decision's date.
    DecidedOn,
    /// When a payment was made.
    PaidOn,
    /// The day by which the party must correct the violation.
    CorrectionDue,
}

impl DateField {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DateField::ReceivedOn => lang.pick("收到日期", "date received"),
            DateField::ServedOn => lang.pick("送达日期", "date of service"),
            DateField::RequestedOn => lang.pick("申请日期", "date of the request"),
            DateField::NoticedOn => lang.pick("通知日期", "date of notice"),
            DateField::HearingDate => lang.pick("听证日期", "hearing date"),
            DateField::DecidedOn => lang.pick("决定日期", "date of the decision"),
            DateField::PaidOn => lang.pick("缴款日期", "date of payment"),
            DateField::CorrectionDue => lang.pick("改正期限", "correction deadline"),
        }
    }
}

/// A free-text field carried by a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// A reason.
    Reason,
    /// A reviewer's opinion.
    Opinion,
    /// The receiving organ of a transfer.
    Recipient,
    /// A note on an execution step.
    Note,
}

impl TextField {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TextField::Reason => lang.pick("理由", "reason"),
            TextField::Opinion => lang.pick("审核意见", "review opinion"),
            TextField::Recipient => lang.pick("接收机关", "receiving organ"),
            TextField::Note => lang.pick("执行情况", "execution note"),
        }
    }
}

/// A provision of a decision's legal basis (APL Art. 59), named so errors say which is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisField {
    /// The provision violated.
    Violated,
    /// The provision applied.
    Applied,
}

impl BasisField {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BasisField::Violated => lang.pick("违反的法律条款", "provision violated"),
            BasisField::Applied => lang.pick("处罚依据条款", "provision applied"),
        }
    }
}

/// A fact about the case the caller should have supplied for the current state and did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The end of the limitation period (Art. 36).
    LimitationPeriod,
    /// The investigation's outcome.
    InvestigationOutcome,
    /// The served prior notice and its windows.
    PriorNotice,
    /// The noticed hearing date.
    HearingDate,
    /// The decision.
    Decision,
    /// The state a suspended case resumes to.
    SuspendedFrom,
}

impl Fact {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Fact::LimitationPeriod => lang.pick("追责时效", "limitation period"),
            Fact::InvestigationOutcome => lang.pick("调查终结结论", "investigation outcome"),
            Fact::PriorNotice => lang.pick("事先告知信息", "prior notice"),
            Fact::HearingDate => lang.pick("听证日期", "hearing date"),
            Fact::Decision => lang.pick("处理决定", "decision"),
            Fact::SuspendedFrom => lang.pick("中止前状态", "state before suspension"),
        }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// The step belongs to another role.
    #[error("only the {required:?} role may take this step, not {actual:?}")]
    WrongRole {
        /// The role the step needs.
        required: Role,
        /// The actor's role.
        actual: Role,
    },
    /// The actor does not belong to (or, for a reviewer, does not serve) the case's agency.
    #[error("the case belongs to another agency")]
    NotOfThisAgency,
    /// The step belongs to the other procedure.
    #[error("{command:?} is not a step of the {procedure:?} procedure")]
    WrongProcedure {
        /// The case's procedure.
        procedure: Procedure,
        /// The step.
        command: CommandKind,
    },
    /// The step is not possible in the case's state.
    #[error("{command:?} is not possible in state {state:?}")]
    NotAllowedInState {
        /// The case's state.
        state: CaseState,
        /// The step.
        command: CommandKind,
    },
    /// The case is suspended: only resumption or withdrawal are possible.
    #[error("the case is suspended; resume it first")]
    CaseSuspended,
    /// Legal review needs a concluded investigation.
    #[error("the investigation is not concluded yet")]
    InvestigationNotConcluded,
    /// A hearing was requested and not yet held (Art. 65).
    #[error("a hearing was requested and has not been held")]
    HearingPending,
    /// Only a closed case can be archived.
    #[error("only a closed case can be archived")]
    NotClosed,
    /// The filing can no longer be withdrawn once a decision is made.
    #[error("a decision has been made; the filing can no longer be withdrawn")]
    AlreadyDecided,
    /// The person must recuse themselves (Art. 43).
    #[error("user {user_id} must recuse themselves from this case")]
    MustRecuse {
        /// The person.
        user_id: i32,
    },
    /// The person's enforcement certificate is not in force today.
    #[error("user {user_id} has no enforcement certificate in force today")]
    CredentialNotInForce {
        /// The person.
        user_id: i32,
    },
    /// The reviewer's legal qualification is not in force (Art. 58).
    #[error("the reviewer holds no legal qualification in force")]
    ReviewerNotQualified,
    /// The reviewer is or was an investigator of the case.
    #[error("the reviewer is an investigator of this case")]
    ReviewerIsInvestigator,
    /// The officer is not assigned to the case.
    #[error("user {user_id} is not assigned to this case")]
    NotAssigned {
        /// The person.
        user_id: i32,
    },
    /// A named person is not enforcement staff (or staff) of the case's agency.
    #[error("user {user_id} is not an officer of the case's agency")]
    NotStaffOfAgency {
        /// The person.
        user_id: i32,
    },
    /// Fewer than two qualified officers (Art. 42).
    #[error("at least two officers with certificates in force are needed, found {qualified}")]
    TooFewOfficers {
        /// How many qualified officers there are.
        qualified: u32,
    },
    /// Evidence collected by fewer than two qualified officers (Art. 42).
    #[error("evidence must be collected by at least two certified officers, found {qualified}")]
    TooFewCollectors {
        /// How many qualified collectors were named.
        qualified: u32,
    },
    /// A recorded piece of evidence has fewer than two certified collectors.
    #[error("evidence {evidence_id} was collected by fewer than two certified officers")]
    EvidenceCollectorsInsufficient {
        /// The evidence.
        evidence_id: i64,
    },
    /// A document cannot be issued while it does not state a fact the law requires of it: it
    /// would carry a placeholder ([`crate::document::Gap`], issue 22 item 6).
    #[error("the document does not state {gap:?} yet")]
    DocumentIncomplete {
        /// The first missing fact.
        gap: crate::document::Gap,
    },
    /// A penalty cannot be proposed without evidence (Art. 40).
    #[error("no evidence is recorded")]
    NoEvidence,
    /// The party was under fourteen at the act: no penalty (Art. 30).
    #[error("the party was under fourteen at the time of the act")]
    PartyUnderFourteen,
    /// The "under fourteen" ground, for a party who was not.
    #[error("the party was not under fourteen at the time of the act")]
    PartyNotUnderFourteen,
    /// A party of fourteen to eighteen is punished more lightly (Art. 30).
    #[error("a minor's penalty must be lighter")]
    MinorNeedsLighterPenalty,
    /// A second fine for the same illegal act (一事不再罚, Art. 29).
    #[error("the party was already fined for the same act")]
    SecondFineForSameAct,
    /// The first-violation waiver for a party with an earlier decision for the same violation
    /// (Art. 33 ¶1).
    #[error("the party has an earlier decision for the same violation, of {decided_on}")]
    NotAFirstViolation {
        /// The latest earlier decision.
        decided_on: NaiveDate,
    },
    /// The limitation period has ended (Art. 36).
    #[error("the limitation period ended on {ended_on}")]
    LimitationExpired {
        /// Its last day.
        ended_on: NaiveDate,
    },
    /// The investigation's outcome does not allow the step.
    #[error("the investigation outcome {outcome:?} does not allow this step")]
    OutcomeMismatch {
        /// The outcome.
        outcome: InvestigationOutcome,
    },
    /// No penalty without a served prior notice (Art. 44, 62).
    #[error("the notice of proposed penalty has not been served")]
    PriorNoticeNotServed,
    /// A major case needs a passed legal review (Art. 58).
    #[error("this major case needs a passed legal review")]
    ReviewRequired,
    /// After a hearing, the legal review must be passed again (Art. 58 ¶1(2)).
    #[error("the case went through a hearing and needs a legal review passed after it")]
    ReviewAfterHearingRequired,
    /// Collective discussion is required (Art. 57 ¶2).
    #[error("the case requires collective discussion by the agency's heads")]
    CollectiveDiscussionRequired,
    /// The statement/defence window is still open (Art. 62).
    #[error("the party may make statements until {ends}")]
    StatementWindowOpen {
        /// Its last day.
        ends: NaiveDate,
    },
    /// The hearing-request window is still open (Art. 64).
    #[error("the party may request a hearing until {ends}")]
    HearingRequestWindowOpen {
        /// Its last day.
        ends: NaiveDate,
    },
    /// The proposed penalty gives no right to a hearing (Art. 63).
    #[error("the proposed penalty gives no right to a hearing")]
    HearingNotAvailable,
    /// The hearing request came after its window (Art. 64).
    #[error("the hearing request came after the window ended on {ended_on}")]
    HearingRequestLate {
        /// The window's last day.
        ended_on: NaiveDate,
    },
    /// The party already waived their rights.
    #[error("the party has waived statement, defence and hearing")]
    RightsWaived,
    /// The hearing notice leaves fewer than 7 working days (Art. 64).
    #[error("the hearing notice had to be served by {latest}")]
    HearingNoticeTooLate {
        /// The last day it could be served.
        latest: NaiveDate,
    },
    /// The noticed hearing date has not come.
    #[error("the hearing is noticed for {hearing_date}")]
    HearingNotYetDue {
        /// The noticed date.
        hearing_date: NaiveDate,
    },
    /// The hearing host is an investigator (Art. 64).
    #[error("the hearing host {user_id} is an investigator of this case")]
    HearingHostIsInvestigator {
        /// The host.
        user_id: i32,
    },
    /// A date lies after today.
    #[error("the {field:?} {date} lies in the future")]
    DateInFuture {
        /// Which date.
        field: DateField,
        /// The date given.
        date: NaiveDate,
    },
    /// A date lies before the step it follows.
    #[error("the {field:?} {date} is before {earliest}")]
    DateTooEarly {
        /// Which date.
        field: DateField,
        /// The date given.
        date: NaiveDate,
        /// The earliest possible date.
        earliest: NaiveDate,
    },
    /// An amount is negative, or zero where it must be positive, or non-zero where it must be
    /// zero.
    #[error("the amount {fen} fen is not valid here")]
    InvalidAmount {
        /// The amount given.
        fen: i64,
    },
    /// The decided fine exceeds the fine proposed in the prior notice (Art. 45).
    #[error("the fine {decided_fen} fen exceeds the proposed {proposed_fen} fen")]
    PenaltyAbovePriorNotice {
        /// The proposed fine.
        proposed_fen: i64,
        /// The decided fine.
        decided_fen: i64,
    },
    /// The fine exceeds the summary-procedure limit (Art. 51).
    #[error("the summary procedure allows at most {limit_fen} fen for a {party_kind:?}")]
    SummaryLimitExceeded {
        /// The party's kind.
        party_kind: PartyKind,
        /// The limit.
        limit_fen: i64,
        /// The fine given.
        fine_fen: i64,
    },
    /// Electronic service without the party's consent.
    #[error("electronic service needs the party's signed consent")]
    ElectronicServiceWithoutConsent,
    /// Nothing is outstanding.
    #[error("nothing is outstanding")]
    NothingToPay,
    /// The payment exceeds what is outstanding.
    #[error("the payment of {amount_fen} fen exceeds the {outstanding_fen} fen outstanding")]
    PaymentExceedsOutstanding {
        /// What is outstanding.
        outstanding_fen: i64,
        /// The payment.
        amount_fen: i64,
    },
    /// A non-penalty decision has nothing to execute.
    #[error("a non-penalty decision has nothing to execute")]
    NoPenaltyToExecute,
    /// A penalty decision without the provision violated or the provision applied (APL Art.
    /// 38, 59).
    #[error("the decision lacks the {field:?} provision")]
    LegalBasisMissing {
        /// The provision missing.
        field: BasisField,
    },
    /// A penalty decision that imposes nothing: no fine, no confiscation, no other penalty
    /// (APL Art. 9, 59 ¶1(3)).
    #[error("the penalty decision states no penalty")]
    PenaltyNotStated,
    /// Execution is not finished.
    #[error("execution is not finished")]
    ExecutionNotFinished,
    /// Execution is already finished: nothing is left to record.
    #[error("execution is already finished")]
    ExecutionAlreadyFinished,
    /// The decision's document is not issued yet.
    #[error("the decision document is not issued")]
    DecisionNotIssued,
    /// A legal review already passed and still stands.
    #[error("a legal review already passed")]
    ReviewAlreadyPassed,
    /// The closing reason does not match the case.
    #[error("the case can only be closed as {expected:?}, not {given:?}")]
    CloseReasonMismatch {
        /// The reason that applies.
        expected: CloseReason,
        /// The reason given.
        given: CloseReason,
    },
    /// The case-file checklist is incomplete.
    #[error("the case file is incomplete")]
    CaseFileIncomplete,
    /// The extension is zero or too long.
    #[error("an extension must be 1 to {max_days} days, not {days}")]
    InvalidExtension {
        /// Days asked.
        days: u32,
        /// The most allowed.
        max_days: u32,
    },
    /// A further extension needs collective discussion.
    #[error("a further extension needs collective discussion")]
    ExtensionNeedsCollectiveDiscussion,
    /// A required text is empty.
    #[error("the {field:?} must not be empty")]
    TextRequired {
        /// Which text.
        field: TextField,
    },
    /// Officers can no longer be changed in this state (before filing or after the decision).
    #[error("the officers of a case in state {state:?} can no longer be changed")]
    StaffingClosed {
        /// The case's state.
        state: CaseState,
    },
    /// The caller did not supply a fact the state implies.
    #[error("the case record lacks the {fact:?}")]
    MissingFact {
        /// Which fact.
        fact: Fact,
    },
}

/// Formats fen as yuan with two decimals (`20000` → `200.00`).
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

impl CaseError {
    /// Whether the refusal waits for something still to be done on the case, or for time to
    /// pass, after which the step is possible: what a case page explains beside the steps it
    /// offers. The other refusals say the step is wrong here (wrong role, pointless, unlawful).
    pub fn is_waiting(&self) -> bool {
        matches!(
            self,
            CaseError::DecisionNotIssued
                | CaseError::StatementWindowOpen { .. }
                | CaseError::HearingRequestWindowOpen { .. }
                | CaseError::HearingNotYetDue { .. }
                | CaseError::ExecutionNotFinished
                | CaseError::CaseFileIncomplete
                | CaseError::ReviewRequired
                | CaseError::ReviewAfterHearingRequired
                | CaseError::CollectiveDiscussionRequired
                | CaseError::PriorNoticeNotServed
                | CaseError::TooFewOfficers { .. }
                | CaseError::EvidenceCollectorsInsufficient { .. }
                | CaseError::DocumentIncomplete { .. }
        )
    }

    /// A sentence for the user, naming the rule.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match *self {
            CaseError::WrongRole { required, .. } => {
                let who = required.label(lang);
                if zh {
                    format!("此操作只能由{who}办理")
                } else {
                    format!("Only the {} may take this step", who.to_lowercase())
                }
            }
            CaseError::NotOfThisAgency => lang
                .pick(
                    "本案件不属于您所在（或服务）的机关",
                    "This case belongs to an agency you do not work for or serve",
                )
                .to_owned(),
            CaseError::WrongProcedure { procedure, command } => {
                if zh {
                    format!(
                        "本案适用{}，不能「{}」",
                        procedure.label(lang),
                        command.label(lang)
                    )
                } else {
                    format!(
                        "This case follows the {}: \"{}\" is not one of its steps",
                        procedure.label(lang).to_lowercase(),
                        command.label(lang)
                    )
                }
            }
            CaseError::NotAllowedInState { state, command } => {
                if zh {
                    format!(
                        "案件处于「{}」状态，不能「{}」",
                        state.label(lang),
                        command.label(lang)
                    )
                } else {
                    format!(
                        "\"{}\" is not possible while the case is \"{}\"",
                        command.label(lang),
                        state.label(lang)
                    )
                }
            }
            CaseError::CaseSuspended => lang
                .pick(
                    "案件已中止，请先恢复办理",
                    "The case is suspended; resume it first",
                )
                .to_owned(),
            CaseError::InvestigationNotConcluded => lang
                .pick(
                    "调查终结后才能提交法制审核",
                    "A case can be submitted for legal review only after the investigation is concluded",
                )
                .to_owned(),
            CaseError::HearingPending => lang
                .pick(
                    "当事人已申请听证且听证尚未举行，不能作出决定（《行政处罚法》第六十五条）",
                    "The party requested a hearing that has not been held: no decision until it is (APL Art. 65)",
                )
                .to_owned(),
            CaseError::NotClosed => lang
                .pick("案件结案后才能归档", "Only a closed case can be archived")
                .to_owned(),
            CaseError::AlreadyDecided => lang
                .pick(
                    "已作出处理决定，不能撤销立案",
                    "A decision has been made: the filing can no longer be withdrawn",
                )
                .to_owned(),
            CaseError::MustRecuse { user_id } => {
                if zh {
                    format!("用户 {user_id} 应当回避本案（《行政处罚法》第四十三条）")
                } else {
                    format!("User {user_id} must recuse themselves from this case (APL Art. 43)")
                }
            }
            CaseError::CredentialNotInForce { user_id } => {
                if zh {
                    format!("用户 {user_id} 今日没有有效的行政执法证，不能执法（《行政处罚法》第四十二条）")
                } else {
                    format!(
                        "User {user_id} holds no enforcement certificate in force today and cannot act (APL Art. 42)"
                    )
                }
            }
            CaseError::ReviewerNotQualified => lang
                .pick(
                    "审核人员没有有效的法律职业资格（《行政处罚法》第五十八条）",
                    "The reviewer holds no legal professional qualification in force (APL Art. 58)",
                )
                .to_owned(),
            CaseError::ReviewerIsInvestigator => lang
                .pick(
                    "法制审核人员不得是本案的办案人员",
                    "The legal reviewer must not be an investigator of this case",
                )
                .to_owned(),
            CaseError::StaffingClosed { state } => {
                if zh {
                    format!("案件处于「{}」状态，不能再调整执法人员", state.label(lang))
                } else {
                    format!(
                        "The officers of a case that is \"{}\" can no longer be changed",
                        state.label(lang)
                    )
                }
            }
            CaseError::NotAssigned { user_id } => {
                if zh {
                    format!("用户 {user_id} 不是本案的承办人员")
                } else {
                    format!("User {user_id} is not assigned to this case")
                }
            }
            CaseError::NotStaffOfAgency { user_id } => {
                if zh {
                    format!("用户 {user_id} 不是本机关的执法人员")
                } else {
                    format!("User {user_id} is not an officer of the case's agency")
                }
            }
            CaseError::TooFewOfficers { qualified } => {
                if zh {
                    format!("执法人员不得少于两人且须持有有效执法证（《行政处罚法》第四十二条），目前符合条件的只有 {qualified} 人")
                } else {
                    format!(
                        "At least two officers with certificates in force are required (APL Art. 42); {qualified} qualify"
                    )
                }
            }
            CaseError::TooFewCollectors { qualified } => {
                if zh {
                    format!("证据须由两名以上持有有效执法证的执法人员收集（《行政处罚法》第四十二条），目前只有 {qualified} 人")
                } else {
                    format!(
                        "Evidence must be collected by at least two officers with certificates in force (APL Art. 42); {qualified} were named"
                    )
                }
            }
            CaseError::EvidenceCollectorsInsufficient { evidence_id } => {
                if zh {
                    format!("证据 {evidence_id} 的收集人员少于两名持证执法人员，不能据以终结调查")
                } else {
                    format!(
                        "Evidence {evidence_id} was collected by fewer than two certified officers: the investigation cannot be concluded on it"
                    )
                }
            }
            CaseError::DocumentIncomplete { gap } => {
                if zh {
                    format!(
                        "文书尚未载明「{}」，不能签发：请先在案件中补充（文书须载明的事项见《行政处罚法》第五十九条）",
                        gap.label(lang)
                    )
                } else {
                    format!(
                        "The document does not state {} yet and cannot be issued: complete the case first (APL Art. 59)",
                        gap.label(lang)
                    )
                }
            }
            CaseError::NoEvidence => lang
                .pick(
                    "尚未登记任何证据，不能拟给予行政处罚（《行政处罚法》第四十条）",
                    "No evidence is recorded: a penalty cannot be proposed (APL Art. 40)",
                )
                .to_owned(),
            CaseError::PartyUnderFourteen => lang
                .pick(
                    "当事人违法时不满十四周岁，不予行政处罚，责令监护人加以管教（《行政处罚法》第三十条）",
                    "The party was under fourteen at the time of the act: no penalty; the guardian is ordered to discipline (APL Art. 30)",
                )
                .to_owned(),
            CaseError::PartyNotUnderFourteen => lang
                .pick(
                    "按当事人的身份证件，其违法时已满十四周岁，不能以不满十四周岁为由不予处罚",
                    "By the party's ID, the party was at least fourteen at the time of the act",
                )
                .to_owned(),
            CaseError::SecondFineForSameAct => lang
                .pick(
                    "当事人的同一个违法行为已被处以罚款，不得给予两次以上罚款的行政处罚（《行政处罚法》第二十九条）",
                    "The party was already fined for the same act: no second fine (APL Art. 29)",
                )
                .to_owned(),
            CaseError::MinorNeedsLighterPenalty => lang
                .pick(
                    "当事人违法时已满十四周岁不满十八周岁，应当从轻或者减轻行政处罚：请适用从轻情形或者记录减轻处罚的理由（《行政处罚法》第三十条）",
                    "The party was fourteen to eighteen at the time of the act: the penalty must be lighter; apply the lighter tier or record the reasons for a mitigated penalty (APL Art. 30)",
                )
                .to_owned(),
            CaseError::NotAFirstViolation { decided_on } => match lang {
                Lang::Zh => format!(
                    "当事人已于 {decided_on} 因同一违法行为受到处理，不属于初次违法，不适用首违不罚（《行政处罚法》第三十三条第一款）"
                ),
                Lang::En => format!(
                    "The party was decided against for the same violation on {decided_on}: not a first violation (APL Art. 33(1))"
                ),
            },
            CaseError::LimitationExpired { ended_on } => {
                if zh {
                    format!("追责时效已于 {ended_on} 届满，不再给予行政处罚（《行政处罚法》第三十六条）")
                } else {
                    format!(
                        "The limitation period ended on {ended_on}: no penalty may be imposed (APL Art. 36)"
                    )
                }
            }
            CaseError::OutcomeMismatch { outcome } => {
                if zh {
                    format!("调查终结结论为「{}」，不能进行此操作", outcome.label(lang))
                } else {
                    format!(
                        "The investigation concluded \"{}\": this step does not follow from it",
                        outcome.label(lang)
                    )
                }
            }
            CaseError::PriorNoticeNotServed => lang
                .pick(
                    "尚未送达行政处罚事先告知书，不能作出行政处罚决定（《行政处罚法》第四十四条、第六十二条）",
                    "The notice of proposed penalty has not been served: no penalty decision may be made (APL Art. 44, 62)",
                )
                .to_owned(),
            CaseError::ReviewRequired => lang
                .pick(
                    "本案属于重大执法决定，须经法制审核通过（《行政处罚法》第五十八条）",
                    "This is a major case: it needs a passed legal review (APL Art. 58)",
                )
                .to_owned(),
            CaseError::ReviewAfterHearingRequired => lang
                .pick(
                    "本案经过听证程序，须在听证后经法制审核通过（《行政处罚法》第五十八条第一款第二项）",
                    "The case went through a hearing: it needs a legal review passed after the hearing (APL Art. 58(1)(2))",
                )
                .to_owned(),
            CaseError::CollectiveDiscussionRequired => lang
                .pick(
                    "本案须经行政机关负责人集体讨论决定（《行政处罚法》第五十七条第二款）",
                    "The agency's heads must discuss this case collectively before deciding (APL Art. 57(2))",
                )
                .to_owned(),
            CaseError::StatementWindowOpen { ends } => {
                if zh {
                    format!("当事人陈述、申辩期限至 {ends} 届满，届满前不能作出决定，除非当事人明确放弃（《行政处罚法》第六十二条）")
                } else {
                    format!(
                        "The party may make statements and a defence until {ends}: no decision before then unless they expressly waive (APL Art. 62)"
                    )
                }
            }
            CaseError::HearingRequestWindowOpen { ends } => {
                if zh {
                    format!("当事人可在 {ends} 前申请听证，届满前不能作出决定，除非当事人明确放弃（《行政处罚法》第六十四条）")
                } else {
                    format!(
                        "The party may request a hearing until {ends}: no decision before then unless they expressly waive (APL Art. 64)"
                    )
                }
            }
            CaseError::HearingNotAvailable => lang
                .pick(
                    "拟作出的处罚不属于当事人可以要求听证的情形（《行政处罚法》第六十三条）",
                    "The proposed penalty does not give the party a right to a hearing (APL Art. 63)",
                )
                .to_owned(),
            CaseError::HearingRequestLate { ended_on } => {
                if zh {
                    format!("听证申请期限已于 {ended_on} 届满（《行政处罚法》第六十四条）")
                } else {
                    format!("The window to request a hearing ended on {ended_on} (APL Art. 64)")
                }
            }
            CaseError::RightsWaived => lang
                .pick(
                    "当事人已放弃陈述、申辩和听证权利",
                    "The party has waived statement, defence and hearing",
                )
                .to_owned(),
            CaseError::HearingNoticeTooLate { latest } => {
                if zh {
                    format!("听证通知须在举行听证七个工作日前送达，最迟 {latest}（《行政处罚法》第六十四条）")
                } else {
                    format!(
                        "The hearing notice must be served 7 working days before the hearing, by {latest} at the latest (APL Art. 64)"
                    )
                }
            }
            CaseError::HearingNotYetDue { hearing_date } => {
                if zh {
                    format!("听证定于 {hearing_date} 举行，尚未到期")
                } else {
                    format!("The hearing is noticed for {hearing_date}, which has not come yet")
                }
            }
            CaseError::HearingHostIsInvestigator { user_id } => {
                if zh {
                    format!("听证主持人 {user_id} 是本案调查人员，不得主持听证（《行政处罚法》第六十四条）")
                } else {
                    format!(
                        "Hearing host {user_id} investigated this case and may not host the hearing (APL Art. 64)"
                    )
                }
            }
            CaseError::DateInFuture { field, date } => {
                if zh {
                    format!("{}（{date}）不能晚于今天", field.label(lang))
                } else {
                    format!("The {} ({date}) cannot be after today", field.label(lang))
                }
            }
            CaseError::DateTooEarly {
                field,
                date,
                earliest,
            } => {
                if zh {
                    format!("{}（{date}）不能早于 {earliest}", field.label(lang))
                } else {
                    format!(
                        "The {} ({date}) cannot be before {earliest}",
                        field.label(lang)
                    )
                }
            }
            CaseError::InvalidAmount { fen } => {
                if zh {
                    format!("金额 {} 元不符合要求", yuan(fen))
                } else {
                    format!("The amount CNY {} is not valid here", yuan(fen))
                }
            }
            CaseError::PenaltyAbovePriorNotice {
                proposed_fen,
                decided_fen,
            } => {
                if zh {
                    format!(
                        "决定罚款 {} 元高于事先告知的 {} 元；不得因当事人陈述、申辩而加重处罚（《行政处罚法》第四十五条）",
                        yuan(decided_fen),
                        yuan(proposed_fen)
                    )
                } else {
                    format!(
                        "The fine of CNY {} exceeds the CNY {} in the prior notice; a penalty may never be increased because of a defence (APL Art. 45)",
                        yuan(decided_fen),
                        yuan(proposed_fen)
                    )
                }
            }
            CaseError::SummaryLimitExceeded {
                party_kind,
                limit_fen,
                fine_fen,
            } => {
                if zh {
                    format!(
                        "简易程序对{}罚款不得超过 {} 元，本次罚款 {} 元，应适用普通程序（《行政处罚法》第五十一条）",
                        party_kind.label(lang),
                        yuan(limit_fen),
                        yuan(fine_fen)
                    )
                } else {
                    format!(
                        "The summary procedure allows a fine of at most CNY {} for a {}; CNY {} needs the ordinary procedure (APL Art. 51)",
                        yuan(limit_fen),
                        party_kind.label(lang),
                        yuan(fine_fen)
                    )
                }
            }
            CaseError::ElectronicServiceWithoutConsent => lang
                .pick(
                    "当事人未签署电子送达确认书，不能电子送达（《行政处罚法》第六十一条）",
                    "Electronic service needs the party's signed consent (APL Art. 61)",
                )
                .to_owned(),
            CaseError::NothingToPay => lang
                .pick("本案没有待缴款项", "Nothing is outstanding in this case")
                .to_owned(),
            CaseError::PaymentExceedsOutstanding {
                outstanding_fen,
                amount_fen,
            } => {
                if zh {
                    format!(
                        "缴款 {} 元超过待缴的 {} 元",
                        yuan(amount_fen),
                        yuan(outstanding_fen)
                    )
                } else {
                    format!(
                        "The payment of CNY {} exceeds the CNY {} outstanding",
                        yuan(amount_fen),
                        yuan(outstanding_fen)
                    )
                }
            }
            CaseError::LegalBasisMissing { field } => {
                if zh {
                    format!(
                        "处罚决定缺少“{}”：行政处罚决定书应当载明违反的法律条款和处罚依据，没有依据的行政处罚无效（《行政处罚法》第三十八条、第五十九条）",
                        field.label(lang)
                    )
                } else {
                    format!(
                        "The decision lacks the {}: a penalty decision states the provision violated and the provision applied, and a penalty without a legal basis is invalid (APL Art. 38, 59)",
                        field.label(lang)
                    )
                }
            }
            CaseError::PenaltyNotStated => lang
                .pick(
                    "处罚决定未载明任何处罚种类：请填写罚款、没收金额或选择其他处罚种类（《行政处罚法》第九条、第五十九条）",
                    "The penalty decision states no penalty: enter a fine or a confiscation, or choose another kind of penalty (APL Art. 9, 59)",
                )
                .to_owned(),
            CaseError::NoPenaltyToExecute => lang
                .pick(
                    "不予行政处罚决定没有需要执行的内容",
                    "A non-penalty decision has nothing to execute",
                )
                .to_owned(),
            CaseError::ExecutionNotFinished => lang
                .pick(
                    "处罚决定尚未执行完毕，不能结案",
                    "The penalty has not been fully executed: the case cannot be closed",
                )
                .to_owned(),
            CaseError::ExecutionAlreadyFinished => lang
                .pick(
                    "处罚决定已执行完毕，无需再登记执行情况；下一步由机关负责人结案",
                    "The penalty is fully executed: there is nothing left to record; the agency head closes the case next",
                )
                .to_owned(),
            CaseError::DecisionNotIssued => lang
                .pick(
                    "处罚决定书尚未签发：请先在「文书」中签发决定书，再送达或结案",
                    "The decision document is not issued: issue it under Documents before serving it or closing the case",
                )
                .to_owned(),
            CaseError::ReviewAlreadyPassed => lang
                .pick(
                    "本案的法制审核已经通过，无需再次提交",
                    "The legal review of this case has already passed: there is no need to submit it again",
                )
                .to_owned(),
            CaseError::CloseReasonMismatch { expected, given } => {
                if zh {
                    format!(
                        "本案只能以「{}」结案，不能以「{}」结案",
                        expected.label(lang),
                        given.label(lang)
                    )
                } else {
                    format!(
                        "This case can only be closed as {}, not as {}",
                        expected.label(lang),
                        given.label(lang)
                    )
                }
            }
            CaseError::CaseFileIncomplete => lang
                .pick(
                    "案卷材料清单尚不完整，不能归档",
                    "The case-file checklist is incomplete: the case cannot be archived",
                )
                .to_owned(),
            CaseError::InvalidExtension { days, max_days } => {
                if zh {
                    format!("每次延长办案期限须为 1 至 {max_days} 日，不能为 {days} 日")
                } else {
                    format!("An extension must be 1 to {max_days} days, not {days}")
                }
            }
            CaseError::ExtensionNeedsCollectiveDiscussion => lang
                .pick(
                    "已延长过办案期限，再次延长须经机关负责人集体讨论决定",
                    "The time limit was already extended once: a further extension needs collective discussion by the agency's heads",
                )
                .to_owned(),
            CaseError::TextRequired { field } => {
                if zh {
                    format!("「{}」不能为空", field.label(lang))
                } else {
                    format!("The {} must not be empty", field.label(lang))
                }
            }
            CaseError::MissingFact { fact } => {
                if zh {
                    format!("案件记录缺少「{}」，请联系管理员", fact.label(lang))
                } else {
                    format!(
                        "The case record lacks the {}; please contact the administrator",
                        fact.label(lang)
                    )
                }
            }
        }
    }
}
