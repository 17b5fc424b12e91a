//! What a user asks the state machine to do, with the data each step records.
//!
//! Invariants: every [`Command`] has exactly one [`CommandKind`], every kind has exactly one
//! role allowed to take it ([`CommandKind::required_role`]) and one audit action name
//! (`case.<verb>`). Amounts are integers of fen (分, 1/100 CNY); dates are calendar dates chosen
//! by the caller, never read from a clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{case::state::Procedure, i18n::Lang, role::Role};

/// Largest summary-procedure fine for a natural person: 200 CNY (APL Art. 51).
pub const SUMMARY_FINE_LIMIT_NATURAL_PERSON_FEN: i64 = 20_000;
/// Largest summary-procedure fine for a legal person or other organisation: 3,000 CNY
/// (APL Art. 51).
pub const SUMMARY_FINE_LIMIT_ORGANISATION_FEN: i64 = 300_000;

/// Where a clue came from (DOMAIN.md §2.3 S0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClueSource {
    /// 监督检查: found during an inspection.
    Inspection,
    /// 投诉举报: a complaint or report (including the 12345 hotline).
    ComplaintOrReport,
    /// 移送: transferred by another organ.
    Transfer,
    /// 交办: assigned by a superior.
    Assignment,
    /// 电子技术监控: electronic monitoring (APL Art. 41).
    ElectronicMonitoring,
}

/// The outcome stated in the investigation-closure report (APL Art. 57).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvestigationOutcome {
    /// A penalty is proposed: the prior notice follows.
    Penalty,
    /// Minor, promptly corrected, no harm: shall not punish (Art. 33 ¶1).
    NoPenaltyMinor,
    /// First violation, minor harm, promptly corrected: may not punish (首违不罚, Art. 33 ¶1).
    FirstViolationWaiver,
    /// Facts not established or evidence insufficient: no penalty (Art. 40, Art. 57 ¶1(3)).
    FactsNotEstablished,
    /// The party proves it had no fault: shall not punish (Art. 33 ¶2).
    NoFault,
    /// Not discovered within the limitation period: no more penalty (Art. 36).
    TimeBarred,
    /// The party was under fourteen: no penalty, the guardian is ordered to discipline (Art. 30).
    UnderFourteen,
    /// Mental illness or intellectual disability, unable to recognise or control the act: no
    /// penalty, the guardian is ordered to look after and treat (Art. 31).
    MentalIllness,
    /// A crime is suspected: transfer to a judicial organ (Art. 57 ¶1(4)).
    Transfer,
}

impl InvestigationOutcome {
    /// Every outcome.
    pub const ALL: [InvestigationOutcome; 9] = [
        InvestigationOutcome::Penalty,
        InvestigationOutcome::NoPenaltyMinor,
        InvestigationOutcome::FirstViolationWaiver,
        InvestigationOutcome::NoFault,
        InvestigationOutcome::UnderFourteen,
        InvestigationOutcome::MentalIllness,
        InvestigationOutcome::TimeBarred,
        InvestigationOutcome::FactsNotEstablished,
        InvestigationOutcome::Transfer,
    ];

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            InvestigationOutcome::Penalty => lang.pick("拟给予行政处罚", "Penalty proposed"),
            InvestigationOutcome::NoPenaltyMinor => lang.pick(
                "违法行为轻微并及时改正，不予处罚",
                "Minor and corrected: no penalty",
            ),
            InvestigationOutcome::FirstViolationWaiver => {
                lang.pick("首违不罚", "First violation: penalty waived")
            }
            InvestigationOutcome::FactsNotEstablished => lang.pick(
                "违法事实不能成立，不予处罚",
                "Facts not established: no penalty",
            ),
            InvestigationOutcome::NoFault => lang.pick(
                "当事人有证据足以证明没有主观过错，不予处罚",
                "No fault proven: no penalty",
            ),
            InvestigationOutcome::TimeBarred => lang.pick(
                "违法行为在二年（五年）内未被发现，不再给予处罚",
                "Time-barred: no penalty",
            ),
            InvestigationOutcome::UnderFourteen => lang.pick(
                "不满十四周岁的未成年人，不予处罚",
                "Under fourteen: no penalty",
            ),
            InvestigationOutcome::MentalIllness => lang.pick(
                "精神病人、智力残疾人在不能辨认或者不能控制自己行为时违法，不予处罚",
                "Mental illness or disability at the time of the act: no penalty",
            ),
            InvestigationOutcome::Transfer => lang.pick(
                "涉嫌犯罪，移送司法机关",
                "Crime suspected: transfer to a judicial organ",
            ),
        }
    }

    /// Whether the outcome leads to a non-penalty decision (不予行政处罚决定书) without a prior
    /// notice.
    pub fn is_no_penalty(self) -> bool {
        matches!(
            self,
            InvestigationOutcome::NoPenaltyMinor
                | InvestigationOutcome::FirstViolationWaiver
                | InvestigationOutcome::FactsNotEstablished
                | InvestigationOutcome::NoFault
                | InvestigationOutcome::TimeBarred
                | InvestigationOutcome::UnderFourteen
                | InvestigationOutcome::MentalIllness
        )
    }

    /// The non-penalty decision's reasoning for this ground: the finding, the legal basis
    /// cited, and what follows (the education Art. 33 ¶3 requires, an order to correct
    /// (Art. 28) where a violation is established, the guardian's order of Art. 30, 31).
    /// `None` for outcomes that lead to no such decision.
    pub fn no_penalty_reasoning(self) -> Option<&'static str> {
        Some(match self {
            InvestigationOutcome::FactsNotEstablished => {
                "本机关认为，现有证据不足以证明违法事实成立。根据《中华人民共和国行政处罚法》第四十条、第五十七条第一款第三项的规定，本机关决定不予行政处罚。"
            }
            InvestigationOutcome::NoPenaltyMinor => {
                "本机关认为，当事人的违法行为轻微并及时改正，没有造成危害后果。根据《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第二项的规定，本机关决定不予行政处罚，并依照该法第三十三条第三款对当事人进行教育。"
            }
            InvestigationOutcome::FirstViolationWaiver => {
                "本机关认为，当事人系初次违法且危害后果轻微并及时改正。根据《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第二项的规定，本机关决定不予行政处罚，并依照该法第三十三条第三款对当事人进行教育。"
            }
            InvestigationOutcome::NoFault => {
                "本机关认为，当事人有证据足以证明没有主观过错。根据《中华人民共和国行政处罚法》第三十三条第二款的规定，本机关决定不予行政处罚，并依照该法第三十三条第三款对当事人进行教育。"
            }
            InvestigationOutcome::TimeBarred => {
                "本机关认为，当事人的违法行为在法定期限内未被发现。根据《中华人民共和国行政处罚法》第三十六条的规定，本机关决定不再给予行政处罚。"
            }
            InvestigationOutcome::UnderFourteen => {
                "本机关认为，当事人实施违法行为时不满十四周岁。根据《中华人民共和国行政处罚法》第三十条的规定，本机关决定不予行政处罚，责令其监护人加以管教。"
            }
            InvestigationOutcome::MentalIllness => {
                "本机关认为，当事人系在不能辨认或者不能控制自己行为时实施违法行为的精神病人、智力残疾人。根据《中华人民共和国行政处罚法》第三十一条的规定，本机关决定不予行政处罚，责令其监护人严加看管和治疗。"
            }
            InvestigationOutcome::Penalty | InvestigationOutcome::Transfer => return None,
        })
    }

    /// Whether a violation is established, so the party is still ordered to correct it
    /// (Art. 28 ¶1): every ground except facts not established and time-barred acts.
    pub fn orders_correction(self) -> bool {
        self.is_no_penalty()
            && !matches!(
                self,
                InvestigationOutcome::FactsNotEstablished | InvestigationOutcome::TimeBarred
            )
    }
}

/// What an ordinary-procedure decision decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// 行政处罚决定书.
    Penalty,
    /// 不予行政处罚决定书.
    NoPenalty,
}

/// The penalty of an on-the-spot decision (APL Art. 51).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SummaryPenalty {
    /// 警告.
    Warning,
    /// 罚款, in fen.
    Fine {
        /// The fine in fen; must be positive and within the Art. 51 limit.
        fen: i64,
    },
}

/// Who the party is, which sets the summary-procedure fine limit (APL Art. 51).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// 公民.
    NaturalPerson,
    /// 法人或者其他组织.
    Organisation,
}

impl PartyKind {
    /// The largest fine, in fen, the summary procedure may impose on this party.
    pub fn summary_fine_limit_fen(self) -> i64 {
        match self {
            PartyKind::NaturalPerson => SUMMARY_FINE_LIMIT_NATURAL_PERSON_FEN,
            PartyKind::Organisation => SUMMARY_FINE_LIMIT_ORGANISATION_FEN,
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PartyKind::NaturalPerson => lang.pick("公民", "natural person"),
            PartyKind::Organisation => {
                lang.pick("法人或者其他组织", "legal person or other organisation")
            }
        }
    }
}

/// How a document was served (APL Art. 61; Civil Procedure Law).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMethod {
    /// 直接送达.
    Direct,
    /// 留置送达, with a witness or video.
    LeftAtAddress,
    /// 委托送达.
    Entrusted,
    /// 邮寄送达.
    Postal,
    /// 转交送达.
    Forwarded,
    /// 电子送达: only with the party's signed consent.
    Electronic,
    /// 公告送达: deemed served 30 days after the notice.
    PublicNotice,
}

impl ServiceMethod {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ServiceMethod::Direct => lang.pick("直接送达", "In person"),
            ServiceMethod::LeftAtAddress => lang.pick("留置送达", "Left at the address"),
            ServiceMethod::Entrusted => lang.pick("委托送达", "Entrusted"),
            ServiceMethod::Postal => lang.pick("邮寄送达", "By post"),
            ServiceMethod::Forwarded => lang.pick("转交送达", "Forwarded"),
            ServiceMethod::Electronic => lang.pick("电子送达", "Electronic"),
            ServiceMethod::PublicNotice => lang.pick("公告送达", "Public notice"),
        }
    }
}

impl ClueSource {
    /// Where the case came from, as documents name it (「本机关根据…，于…立案调查」).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ClueSource::Inspection => {
                lang.pick("监督检查中发现的线索", "a lead found in an inspection")
            }
            ClueSource::ComplaintOrReport => lang.pick("投诉举报", "a complaint or report"),
            ClueSource::Transfer => {
                lang.pick("有关机关移送的线索", "a transfer from another organ")
            }
            ClueSource::Assignment => {
                lang.pick("上级机关交办的线索", "an assignment from a superior")
            }
            ClueSource::ElectronicMonitoring => lang.pick(
                "电子技术监控设备的记录",
                "a record of electronic monitoring",
            ),
        }
    }
}

/// Why a case is closed (DOMAIN.md §2.3 S11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    /// The penalty was executed.
    Executed,
    /// A non-penalty decision was served.
    NotPunished,
    /// The case was transferred to a judicial organ.
    Transferred,
    /// The filing was withdrawn (terminated).
    Withdrawn,
}

impl CloseReason {
    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CloseReason::Executed => lang.pick("执行完毕", "executed"),
            CloseReason::NotPunished => lang.pick("不予处罚", "not punished"),
            CloseReason::Transferred => lang.pick("移送", "transferred"),
            CloseReason::Withdrawn => lang.pick("撤销立案", "filing withdrawn"),
        }
    }
}

/// A step a user asks to take on a case, with the data it records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// S0: register a clue (案件来源登记表). Creates the case.
    RegisterClue {
        /// Where the clue came from.
        source: ClueSource,
        /// When the agency received it; not after today.
        received_on: NaiveDate,
    },
    /// S1: propose filing the clue as a case and name the officers to assign (≥2, Art. 42).
    FileCase {
        /// The officers to assign.
        officer_ids: Vec<i32>,
    },
    /// S1: decline to file the clue (不予立案).
    DeclineClue {
        /// Why.
        reason: String,
    },
    /// S1: approve the filing (立案审批表); the 90-day limit starts.
    ApproveFiling,
    /// S2: start (or, after a returned review, resume) investigation.
    StartInvestigation,
    /// S2: record a piece of evidence and the officers who collected it (≥2, Art. 42).
    RecordEvidence {
        /// The officers who collected it.
        collected_by: Vec<i32>,
    },
    /// S3: conclude the investigation with the report's outcome.
    ConcludeInvestigation {
        /// The outcome stated in the report.
        outcome: InvestigationOutcome,
    },
    /// S4: submit the case to legal review (法制审核送审表).
    SubmitForReview,
    /// S4: the reviewer agrees (法制审核意见书: 同意).
    ApproveReview,
    /// S4: the reviewer returns the case with a written opinion.
    ReturnReview {
        /// The reviewer's opinion stating the problems.
        opinion: String,
    },
    /// S5: serve the notice of proposed penalty (行政处罚事先告知书).
    ServePriorNotice {
        /// When it was served; not after today.
        served_on: NaiveDate,
        /// The proposed fine, in fen (0 when no fine is proposed). The decision may not exceed
        /// it (Art. 45).
        proposed_fine_fen: i64,
        /// How it was served (APL Art. 61 applies the Civil Procedure Law's methods): the
        /// statement and hearing windows run from the day it counts as served.
        method: ServiceMethod,
    },
    /// S5: record the party's statement or defence and its re-check (陈述申辩笔录, 复核意见).
    RecordStatement {
        /// When it was received; not before the notice, not after today.
        received_on: NaiveDate,
    },
    /// S6: record the party's request for a hearing.
    RequestHearing {
        /// When the party made the request; must be within the request window (Art. 64).
        requested_on: NaiveDate,
    },
    /// S5/S6: record the party's express waiver of statement, defence and hearing (Art. 62),
    /// the withdrawal of a hearing request, or a no-show at the hearing (deemed waiver,
    /// Art. 64).
    WaiveRights,
    /// S6: serve the hearing notice (听证通知书).
    NoticeHearing {
        /// The day of the hearing.
        hearing_date: NaiveDate,
        /// When the notice was served; not after today.
        noticed_on: NaiveDate,
        /// The last day on which notice still leaves 7 working days before the hearing
        /// (Art. 64), computed from `hearing_date` by the deadline module.
        latest_notice_date: NaiveDate,
    },
    /// S6: record that the hearing was held (听证笔录, 听证报告).
    HoldHearing {
        /// The hearing host (听证主持人); never an investigator (Art. 64).
        host_id: i32,
    },
    /// S7: record the collective discussion of the agency's heads (集体讨论记录).
    HoldCollectiveDiscussion,
    /// S8: decide (Art. 57).
    Decide {
        /// The decision's date; not after today.
        decided_on: NaiveDate,
        /// Penalty or non-penalty.
        outcome: DecisionOutcome,
        /// The fine in fen: 0 for a non-penalty decision or a penalty without a fine.
        fine_fen: i64,
    },
    /// S9: record service of the decision (送达回证).
    Serve {
        /// When it was served; not before the decision, not after today.
        served_on: NaiveDate,
        /// How.
        method: ServiceMethod,
    },
    /// S10: record a payment of the fine (or surcharge).
    RecordPayment {
        /// The amount paid, in fen; positive and at most what is outstanding.
        amount_fen: i64,
        /// When it was paid; not after today.
        paid_on: NaiveDate,
    },
    /// S10: record an execution step other than a payment (performance of a non-fine penalty,
    /// demand notice, application for court enforcement).
    RecordExecution {
        /// What was done.
        note: String,
    },
    /// S11: close the case (结案报告).
    Close {
        /// Why; must match the case's situation.
        reason: CloseReason,
    },
    /// S12: archive the closed case file.
    Archive,
    /// S2a: withdraw the filing (撤销立案).
    Withdraw {
        /// Why.
        reason: String,
    },
    /// Transfer the case to a judicial organ (案件移送书).
    Transfer {
        /// The receiving organ.
        to: String,
    },
    /// S2a: suspend the case (中止).
    Suspend {
        /// Why.
        reason: String,
    },
    /// S2a: resume a suspended case to the state it was suspended from.
    Resume,
    /// Order the party to correct the violation (责令改正通知书, APL Art. 28 ¶1: 行政机关实施
    /// 行政处罚时，应当责令当事人改正或者限期改正违法行为), at once or by a day. Not a penalty;
    /// possible at any stage of an open ordinary case after filing; the state stays.
    OrderCorrection {
        /// What the party must do.
        reason: String,
        /// The day by which to correct (限期改正); `None`: at once (立即改正). Not before the
        /// day of the order.
        due_on: Option<NaiveDate>,
    },
    /// S2a: extend the 90-day limit (延长办案期限审批表).
    Extend {
        /// Days added.
        days: u32,
        /// Why.
        reason: String,
    },
    /// Summary procedure: decide on the spot (当场行政处罚决定书). Creates the case.
    SummaryDecide {
        /// Warning or a fine within the Art. 51 limit.
        penalty: SummaryPenalty,
        /// Natural person or organisation.
        party_kind: PartyKind,
    },
    /// Summary procedure: file the on-the-spot decision with the agency (备案).
    FileSummaryRecord,
}

/// The kind of a [`Command`], without its data: what the UI offers as a next action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    /// [`Command::RegisterClue`].
    RegisterClue,
    /// [`Command::FileCase`].
    FileCase,
    /// [`Command::DeclineClue`].
    DeclineClue,
    /// [`Command::ApproveFiling`].
    ApproveFiling,
    /// [`Command::StartInvestigation`].
    StartInvestigation,
    /// [`Command::RecordEvidence`].
    RecordEvidence,
    /// [`Command::ConcludeInvestigation`].
    ConcludeInvestigation,
    /// [`Command::SubmitForReview`].
    SubmitForReview,
    /// [`Command::ApproveReview`].
    ApproveReview,
    /// [`Command::ReturnReview`].
    ReturnReview,
    /// [`Command::ServePriorNotice`].
    ServePriorNotice,
    /// [`Command::RecordStatement`].
    RecordStatement,
    /// [`Command::RequestHearing`].
    RequestHearing,
    /// [`Command::WaiveRights`].
    WaiveRights,
    /// [`Command::NoticeHearing`].
    NoticeHearing,
    /// [`Command::HoldHearing`].
    HoldHearing,
    /// [`Command::HoldCollectiveDiscussion`].
    HoldCollectiveDiscussion,
    /// [`Command::Decide`].
    Decide,
    /// [`Command::Serve`].
    Serve,
    /// [`Command::RecordPayment`].
    RecordPayment,
    /// [`Command::RecordExecution`].
    RecordExecution,
    /// [`Command::Close`].
    Close,
    /// [`Command::Archive`].
    Archive,
    /// [`Command::Withdraw`].
    Withdraw,
    /// [`Command::Transfer`].
    Transfer,
    /// [`Command::Suspend`].
    Suspend,
    /// [`Command::Resume`].
    Resume,
    /// [`Command::OrderCorrection`].
    OrderCorrection,
    /// [`Command::Extend`].
    Extend,
    /// [`Command::SummaryDecide`].
    SummaryDecide,
    /// [`Command::FileSummaryRecord`].
    FileSummaryRecord,
}

impl Command {
    /// Whether the command carries its own free text (a reason, an opinion, a note), so that a
    /// separate note is not recorded with it.
    pub fn carries_text(&self) -> bool {
        matches!(
            self,
            Command::DeclineClue { .. }
                | Command::ReturnReview { .. }
                | Command::Withdraw { .. }
                | Command::Transfer { .. }
                | Command::OrderCorrection { .. }
                | Command::Suspend { .. }
                | Command::Extend { .. }
                | Command::RecordExecution { .. }
        )
    }

    /// The day the step says it happened, from which the deadlines it starts run: the service,
    /// decision, hearing request or payment date it records, else `today`.
    pub fn happened_on(&self, today: NaiveDate) -> NaiveDate {
        match self {
            Command::ServePriorNotice { served_on, .. } | Command::Serve { served_on, .. } => {
                *served_on
            }
            Command::Decide { decided_on, .. } => *decided_on,
            Command::RequestHearing { requested_on } => *requested_on,
            Command::RecordPayment { paid_on, .. } => *paid_on,
            _ => today,
        }
    }

    /// The day from which the deadlines the command starts are counted: the day it happened,
    /// except that a decision served by public notice (公告送达) is deemed served only when
    /// the notice period has passed (民事诉讼法 Art. 95, applied through APL Art. 61: 30 days
    /// after publication), so the payment, reconsideration and litigation periods run from
    /// then.
    pub fn deadlines_start(
        &self,
        today: NaiveDate,
        rules: &crate::deadline::DeadlineRules,
    ) -> NaiveDate {
        match self {
            Command::Serve {
                served_on,
                method: ServiceMethod::PublicNotice,
            }
            | Command::ServePriorNotice {
                served_on,
                method: ServiceMethod::PublicNotice,
                ..
            } => rules.deemed_served_by_public_notice(*served_on),
            _ => self.happened_on(today),
        }
    }

    /// The command's kind.
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::RegisterClue { .. } => CommandKind::RegisterClue,
            Command::FileCase { .. } => CommandKind::FileCase,
            Command::DeclineClue { .. } => CommandKind::DeclineClue,
            Command::ApproveFiling => CommandKind::ApproveFiling,
            Command::StartInvestigation => CommandKind::StartInvestigation,
            Command::RecordEvidence { .. } => CommandKind::RecordEvidence,
            Command::ConcludeInvestigation { .. } => CommandKind::ConcludeInvestigation,
            Command::SubmitForReview => CommandKind::SubmitForReview,
            Command::ApproveReview => CommandKind::ApproveReview,
            Command::ReturnReview { .. } => CommandKind::ReturnReview,
            Command::ServePriorNotice { .. } => CommandKind::ServePriorNotice,
            Command::RecordStatement { .. } => CommandKind::RecordStatement,
            Command::RequestHearing { .. } => CommandKind::RequestHearing,
            Command::WaiveRights => CommandKind::WaiveRights,
            Command::NoticeHearing { .. } => CommandKind::NoticeHearing,
            Command::HoldHearing { .. } => CommandKind::HoldHearing,
            Command::HoldCollectiveDiscussion => CommandKind::HoldCollectiveDiscussion,
            Command::Decide { .. } => CommandKind::Decide,
            Command::Serve { .. } => CommandKind::Serve,
            Command::RecordPayment { .. } => CommandKind::RecordPayment,
            Command::RecordExecution { .. } => CommandKind::RecordExecution,
            Command::Close { .. } => CommandKind::Close,
            Command::Archive => CommandKind::Archive,
            Command::Withdraw { .. } => CommandKind::Withdraw,
            Command::Transfer { .. } => CommandKind::Transfer,
            Command::Suspend { .. } => CommandKind::Suspend,
            Command::Resume => CommandKind::Resume,
            Command::OrderCorrection { .. } => CommandKind::OrderCorrection,
            Command::Extend { .. } => CommandKind::Extend,
            Command::SummaryDecide { .. } => CommandKind::SummaryDecide,
            Command::FileSummaryRecord => CommandKind::FileSummaryRecord,
        }
    }
}

impl CommandKind {
    /// Every kind, in procedure order.
    pub const ALL: [CommandKind; 31] = [
        CommandKind::RegisterClue,
        CommandKind::FileCase,
        CommandKind::DeclineClue,
        CommandKind::ApproveFiling,
        CommandKind::StartInvestigation,
        CommandKind::RecordEvidence,
        CommandKind::ConcludeInvestigation,
        CommandKind::SubmitForReview,
        CommandKind::ApproveReview,
        CommandKind::ReturnReview,
        CommandKind::ServePriorNotice,
        CommandKind::RecordStatement,
        CommandKind::RequestHearing,
        CommandKind::WaiveRights,
        CommandKind::NoticeHearing,
        CommandKind::HoldHearing,
        CommandKind::HoldCollectiveDiscussion,
        CommandKind::Decide,
        CommandKind::Serve,
        CommandKind::RecordPayment,
        CommandKind::RecordExecution,
        CommandKind::Close,
        CommandKind::Archive,
        CommandKind::Withdraw,
        CommandKind::Transfer,
        CommandKind::Suspend,
        CommandKind::Resume,
        CommandKind::OrderCorrection,
        CommandKind::Extend,
        CommandKind::SummaryDecide,
        CommandKind::FileSummaryRecord,
    ];

    /// The audit action recorded for the step (`case.<verb>`).
    pub fn action(self) -> &'static str {
        match self {
            CommandKind::RegisterClue => "case.register_clue",
            CommandKind::FileCase => "case.file",
            CommandKind::DeclineClue => "case.decline",
            CommandKind::ApproveFiling => "case.approve_filing",
            CommandKind::StartInvestigation => "case.start_investigation",
            CommandKind::RecordEvidence => "case.record_evidence",
            CommandKind::ConcludeInvestigation => "case.conclude_investigation",
            CommandKind::SubmitForReview => "case.submit_review",
            CommandKind::ApproveReview => "case.approve_review",
            CommandKind::ReturnReview => "case.return_review",
            CommandKind::ServePriorNotice => "case.serve_prior_notice",
            CommandKind::RecordStatement => "case.record_statement",
            CommandKind::RequestHearing => "case.request_hearing",
            CommandKind::WaiveRights => "case.waive_rights",
            CommandKind::NoticeHearing => "case.notice_hearing",
            CommandKind::HoldHearing => "case.hold_hearing",
            CommandKind::HoldCollectiveDiscussion => "case.hold_collective_discussion",
            CommandKind::Decide => "case.decide",
            CommandKind::Serve => "case.serve",
            CommandKind::RecordPayment => "case.record_payment",
            CommandKind::RecordExecution => "case.record_execution",
            CommandKind::Close => "case.close",
            CommandKind::Archive => "case.archive",
            CommandKind::Withdraw => "case.withdraw",
            CommandKind::Transfer => "case.transfer",
            CommandKind::Suspend => "case.suspend",
            CommandKind::Resume => "case.resume",
            CommandKind::OrderCorrection => "case.order_correction",
            CommandKind::Extend => "case.extend",
            CommandKind::SummaryDecide => "case.summary_decide",
            CommandKind::FileSummaryRecord => "case.file_summary_record",
        }
    }

    /// The one role that may take this step. Supervisors, admins and integration accounts
    /// take none.
    pub fn required_role(self) -> Role {
        match self {
            CommandKind::DeclineClue
            | CommandKind::ApproveFiling
            | CommandKind::HoldCollectiveDiscussion
            | CommandKind::Decide
            | CommandKind::Close
            | CommandKind::Withdraw
            | CommandKind::Transfer
            | CommandKind::Suspend
            | CommandKind::Resume
            | CommandKind::Extend => Role::AgencyHead,
            CommandKind::ApproveReview | CommandKind::ReturnReview => Role::LegalReviewer,
            _ => Role::Officer,
        }
    }

    /// The procedure the step belongs to; `None` when it belongs to both.
    pub fn procedure(self) -> Option<Procedure> {
        match self {
            CommandKind::SummaryDecide | CommandKind::FileSummaryRecord => Some(Procedure::Summary),
            CommandKind::RecordPayment | CommandKind::Close | CommandKind::Archive => None,
            _ => Some(Procedure::Ordinary),
        }
    }

    /// Whether an officer taking this step must be assigned to the case. Registering a clue
    /// and proposing its filing come before any assignment.
    pub fn requires_assignment(self) -> bool {
        self.required_role() == Role::Officer
            && !matches!(self, CommandKind::RegisterClue | CommandKind::FileCase)
    }

    /// Name for people (a button label).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CommandKind::RegisterClue => lang.pick("登记线索", "Register clue"),
            CommandKind::FileCase => lang.pick("提请立案", "Propose filing"),
            CommandKind::DeclineClue => lang.pick("不予立案", "Decline to file"),
            CommandKind::ApproveFiling => lang.pick("批准立案", "Approve filing"),
            CommandKind::StartInvestigation => lang.pick("开始调查", "Start investigation"),
            CommandKind::RecordEvidence => lang.pick("登记证据", "Record evidence"),
            CommandKind::ConcludeInvestigation => lang.pick("调查终结", "Conclude investigation"),
            CommandKind::SubmitForReview => lang.pick("提交法制审核", "Submit for legal review"),
            CommandKind::ApproveReview => lang.pick("审核通过", "Approve review"),
            CommandKind::ReturnReview => lang.pick("审核退回", "Return with opinion"),
            CommandKind::ServePriorNotice => lang.pick("送达事先告知书", "Serve prior notice"),
            CommandKind::RecordStatement => lang.pick("记录陈述申辩", "Record statement"),
            CommandKind::RequestHearing => lang.pick("登记听证申请", "Record hearing request"),
            CommandKind::WaiveRights => lang.pick("登记放弃权利", "Record waiver"),
            CommandKind::NoticeHearing => lang.pick("送达听证通知书", "Serve hearing notice"),
            CommandKind::HoldHearing => lang.pick("举行听证", "Hold hearing"),
            CommandKind::HoldCollectiveDiscussion => {
                lang.pick("集体讨论", "Hold collective discussion")
            }
            CommandKind::Decide => lang.pick("作出决定", "Decide"),
            CommandKind::Serve => lang.pick("送达决定书", "Serve decision"),
            CommandKind::RecordPayment => lang.pick("登记缴款", "Record payment"),
            CommandKind::RecordExecution => lang.pick("登记执行情况", "Record execution"),
            CommandKind::Close => lang.pick("结案", "Close case"),
            CommandKind::Archive => lang.pick("归档", "Archive"),
            CommandKind::Withdraw => lang.pick("撤销立案", "Withdraw filing"),
            CommandKind::Transfer => lang.pick("移送", "Transfer"),
            CommandKind::Suspend => lang.pick("中止", "Suspend"),
            CommandKind::Resume => lang.pick("恢复", "Resume"),
            CommandKind::OrderCorrection => lang.pick("责令改正", "Order to correct"),
            CommandKind::Extend => lang.pick("延长办案期限", "Extend time limit"),
            CommandKind::SummaryDecide => lang.pick("当场处罚", "Decide on the spot"),
            CommandKind::FileSummaryRecord => lang.pick("备案", "File with agency"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_unique_case_action_and_two_labels() {
        let mut actions: Vec<&str> = CommandKind::ALL.iter().map(|k| k.action()).collect();
        assert!(actions.iter().all(|a| a.starts_with("case.")));
        actions.sort_unstable();
        actions.dedup();
        assert_eq!(actions.len(), CommandKind::ALL.len());
        for kind in CommandKind::ALL {
            assert!(!kind.label(Lang::Zh).is_empty());
            assert!(kind.label(Lang::En).is_ascii(), "{kind:?}");
        }
    }

    #[test]
    fn only_officers_heads_and_reviewers_are_ever_required() {
        for kind in CommandKind::ALL {
            assert!(matches!(
                kind.required_role(),
                Role::Officer | Role::AgencyHead | Role::LegalReviewer
            ));
        }
    }

    #[test]
    fn commands_serialise_with_a_snake_case_tag() {
        let command = Command::SummaryDecide {
            penalty: SummaryPenalty::Fine { fen: 20_000 },
            party_kind: PartyKind::NaturalPerson,
        };
        let json = serde_json::to_value(&command).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({
                "command": "summary_decide",
                "penalty": {"kind": "fine", "fen": 20000},
                "party_kind": "natural_person",
            })
        );
        let back: Command = serde_json::from_value(json).expect("deserialise");
        assert_eq!(back, command);
        assert_eq!(
            serde_json::to_value(Command::Archive).expect("serialise"),
            serde_json::json!({"command": "archive"})
        );
    }
}
