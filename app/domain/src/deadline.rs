//! Statutory deadlines (法定期限) of a penalty case: their due dates, how close they are, and
//! the late-payment surcharge (加处罚款).
//!
//! Invariants:
//! - Every period runs from the day after its start date (民法典 Art. 201): "within N days of X"
//!   ends at the end of day X + N. Working-day periods are counted on a [`WorkCalendar`]
//!   (APL Art. 85); the others in calendar days, months (clamped to the month end) or years.
//! - A calendar-day, month or year period whose last day is not a working day ends on the next
//!   working day (民法典 Art. 203), unless [`DeadlineRules::roll_over_holidays`] is off. The
//!   limitation period never rolls over: it bounds when a violation can be discovered, not
//!   when someone must act.
//! - A deadline is met on its due date and is overdue only from the next day.
//! - Every number comes from [`DeadlineRules`], whose `Default` holds the statutory value or,
//!   where the law is silent, SAMR's (tagged **[L]** in DOMAIN.md: it varies by sector or
//!   locality and must be configured).
//! - Money is an integer number of fen (分). The surcharge rounds down and never exceeds the
//!   fine.
//! - No clock is read: `today` is always passed in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{WorkCalendar, add_days, add_months, add_years};
use crate::i18n::Lang;

/// Late-payment surcharge per day, in percent of the fine (APL Art. 72(1)).
pub const SURCHARGE_PERCENT_PER_DAY: i64 = 3;

/// Which publication rule applies to a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublicationScope {
    /// Licensing and penalty decisions: 7 working days (Guidance 118; the "double publicity"
    /// 双公示 credit policy uses the same period).
    Decision,
    /// Other enforcement information: 20 working days (Guidance 118; 政府信息公开条例 Art. 26).
    General,
}

/// A statutory deadline the platform tracks, with the facts besides its start date that its
/// due date depends on. Each variant's doc names its start date and its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Verify a registered clue and decide whether to file (核查立案). Starts: the clue's
    /// registration. SAMR: 15 working days, extendable by 15 **[L]**.
    FilingVerification {
        /// Approved extension in working days (SAMR: up to 15).
        extension_working_days: u32,
    },
    /// Make the decision (作出决定). Starts: filing (立案). APL Art. 60: 90 days, unless a law,
    /// regulation or rule provides otherwise; SAMR: +30 with the head's approval, more by
    /// collective discussion.
    DecisionLimit {
        /// Approved extensions, in calendar days.
        extension_days: u32,
        /// Days not counted, in total (SAMR: suspension, hearing, public notice, testing,
        /// appraisal).
        suspended_days: u32,
    },
    /// Serve the decision when the party was absent at its announcement. Starts: the decision.
    /// APL Art. 61: 7 working days.
    ServiceOfDecision,
    /// Pay the fine. Starts: service of the decision. APL Art. 67: 15 days.
    Payment,
    /// Make a statement or defence (陈述申辩). Starts: service of the prior notice. SAMR: 5
    /// working days **[L]**.
    StatementWindow,
    /// Request a hearing (要求听证). Starts: service of the prior notice. APL Art. 64(1): 5
    /// working days.
    HearingRequestWindow,
    /// Notify the hearing. Starts: **the hearing date**, counted backwards; the due date is the
    /// latest day the notice may be given (see [`DeadlineRules::latest_hearing_notice`]).
    /// APL Art. 64(2): 7 working days before the hearing.
    HearingNotice,
    /// Publish the decision. Starts: the decision (or the information's creation).
    Publication {
        /// Which publication rule applies.
        scope: PublicationScope,
    },
    /// Withdraw a publication (撤回) after the decision is changed, revoked, or confirmed
    /// illegal or invalid. Starts: that change. APL Art. 48(2): 3 working days.
    Withdrawal,
    /// Dispose of evidence under preservation (先行登记保存). Starts: the preservation. APL
    /// Art. 56: 7 working days.
    PreservationDisposal,
    /// Complete the legal review (法制审核). Starts: receipt of the submission. Neither the APL
    /// nor Guidance 118 sets a limit; SAMR: 10 working days, extendable with the head's approval
    /// **[L]**.
    LegalReview {
        /// Approved extension in working days.
        extension_working_days: u32,
    },
    /// Apply for administrative reconsideration (行政复议). Starts: service of the decision.
    /// 行政复议法 (2023) Art. 20: 60 days.
    Reconsideration,
    /// File an administrative lawsuit (行政诉讼). Starts: service of the decision. 行政诉讼法
    /// Art. 46: 6 months.
    Litigation,
    /// Limitation (追责时效): the last day on which discovering the violation still allows a
    /// penalty. Starts: the act, or its end if the act is continuous or continuing. APL Art. 36:
    /// 2 years; 5 years where the act concerns life, health, safety or financial security
    /// **and** caused harm. Never rolls over to a working day.
    Limitation {
        /// The act concerns citizens' life or health, public safety, or financial security.
        endangers_safety_or_finance: bool,
        /// The act had harmful consequences.
        caused_harm: bool,
    },
    /// File an on-the-spot decision with the agency (备案, APL Art. 52). Starts: the decision.
    /// The APL sets no limit; some rules use 3 days **[L]**, read strictly as 3 working days.
    SummaryRecordFiling,
    /// Archive the case file (归档, DOMAIN.md §1b). Starts: closure (结案). No statutory limit;
    /// e.g. 30 days **[U][L]**.
    Archiving,
}

impl DeadlineKind {
    /// The stable machine name of the kind, without its facts.
    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::FilingVerification { .. } => "filing_verification",
            DeadlineKind::DecisionLimit { .. } => "decision_limit",
            DeadlineKind::ServiceOfDecision => "service_of_decision",
            DeadlineKind::Payment => "payment",
            DeadlineKind::StatementWindow => "statement_window",
            DeadlineKind::HearingRequestWindow => "hearing_request_window",
            DeadlineKind::HearingNotice => "hearing_notice",
            DeadlineKind::Publication { .. } => "publication",
            DeadlineKind::Withdrawal => "withdrawal",
            DeadlineKind::PreservationDisposal => "preservation_disposal",
            DeadlineKind::LegalReview { .. } => "legal_review",
            DeadlineKind::Reconsideration => "reconsideration",
            DeadlineKind::Litigation => "litigation",
            DeadlineKind::Limitation { .. } => "limitation",
            DeadlineKind::SummaryRecordFiling => "summary_record_filing",
            DeadlineKind::Archiving => "archiving",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DeadlineKind::FilingVerification { .. } => lang.pick("核查立案", "Filing decision"),
            DeadlineKind::DecisionLimit { .. } => lang.pick("办案期限", "Decision time limit"),
            DeadlineKind::ServiceOfDecision => lang.pick("决定书送达", "Service of the decision"),
            DeadlineKind::Payment => lang.pick("缴纳罚款", "Payment of the fine"),
            DeadlineKind::StatementWindow => lang.pick("陈述申辩", "Statement and defence"),
            DeadlineKind::HearingRequestWindow => lang.pick("申请听证", "Hearing request"),
            DeadlineKind::HearingNotice => lang.pick("听证通知", "Hearing notice"),
            DeadlineKind::Publication { .. } => lang.pick("信息公示", "Publication"),
            DeadlineKind::Withdrawal => lang.pick("撤回公示", "Withdrawal of publication"),
            DeadlineKind::PreservationDisposal => {
                lang.pick("先行登记保存处理", "Disposal of preserved evidence")
            }
            DeadlineKind::LegalReview { .. } => lang.pick("法制审核", "Legal review"),
            DeadlineKind::Reconsideration => {
                lang.pick("申请行政复议", "Administrative reconsideration")
            }
            DeadlineKind::Litigation => lang.pick("提起行政诉讼", "Administrative litigation"),
            DeadlineKind::Limitation { .. } => lang.pick("追责时效", "Limitation period"),
            DeadlineKind::SummaryRecordFiling => {
                lang.pick("当场处罚决定备案", "Filing of the on-the-spot decision")
            }
            DeadlineKind::Archiving => lang.pick("案卷归档", "Archiving"),
        }
    }

    /// Whether the period runs backwards from its start date (only the hearing notice, whose
    /// start date is the hearing).
    pub fn counts_backward(self) -> bool {
        matches!(self, DeadlineKind::HearingNotice)
    }

    /// Whether a calendar period of this kind that ends on a day off moves to the next working
    /// day (when [`DeadlineRules::roll_over_holidays`] is on).
    fn may_roll_over(self) -> bool {
        !matches!(self, DeadlineKind::Limitation { .. })
    }
}

/// The length of a period and the unit it is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "n", rename_all = "snake_case")]
pub enum Period {
    /// Working days (工作日, APL Art. 85).
    WorkingDays(u32),
    /// Calendar days.
    Days(u32),
    /// Calendar months, clamped to the month end.
    Months(u32),
    /// Years, clamped to the month end (29 February → 28 February).
    Years(u32),
}

impl Period {
    /// The period for people, e.g. "15 个工作日" or "15 working days".
    pub fn label(self, lang: Lang) -> String {
        let (n, zh, en_one, en_many) = match self {
            Period::WorkingDays(n) => (n, "个工作日", "working day", "working days"),
            Period::Days(n) => (n, "日", "day", "days"),
            Period::Months(n) => (n, "个月", "month", "months"),
            Period::Years(n) => (n, "年", "year", "years"),
        };
        match lang {
            Lang::Zh => format!("{n} {zh}"),
            Lang::En if n == 1 => format!("{n} {en_one}"),
            Lang::En => format!("{n} {en_many}"),
        }
    }
}

/// How close a deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// More than [`DeadlineRules::approaching_days`] calendar days left.
    Ok,
    /// Due today or within [`DeadlineRules::approaching_days`] calendar days (amber).
    Approaching,
    /// Today is after the due date (red).
    Overdue,
}

impl Level {
    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Approaching => "approaching",
            Level::Overdue => "overdue",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Level::Ok => lang.pick("正常", "On track"),
            Level::Approaching => lang.pick("即将到期", "Due soon"),
            Level::Overdue => lang.pick("已逾期", "Overdue"),
        }
    }
}

/// A deadline's standing on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeadlineStatus {
    /// The last day on which the deadline is met.
    pub due: NaiveDate,
    /// Calendar days from today to the due date: 0 on the due date, negative once overdue.
    pub days_left: i64,
    /// How close it is.
    pub level: Level,
}

/// The configurable numbers behind every deadline. `Default` holds the values of the laws
/// and rules cited on each field; fields marked **[L]** vary by sector or locality.
/// Deserialising fills missing fields with their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct DeadlineRules {
    /// Verifying a clue before the filing decision, in working days. SAMR procedure rules
    /// (市场监督管理行政处罚程序规定): 15 **[L]**.
    pub filing_verification_working_days: u32,
    /// Deciding a case after filing, in calendar days. APL Art. 60: 90.
    pub decision_days: u32,
    /// Serving the decision on an absent party, in working days. APL Art. 61: 7.
    pub service_working_days: u32,
    /// Paying the fine after service, in calendar days. APL Art. 67: 15.
    pub payment_days: u32,
    /// Statement and defence after service of the prior notice, in working days. SAMR: 5
    /// **[L]**.
    pub statement_working_days: u32,
    /// Requesting a hearing after service of the prior notice, in working days. APL Art.
    /// 64(1): 5.
    pub hearing_request_working_days: u32,
    /// Working days by which the hearing notice must precede the hearing. APL Art. 64(2): 7.
    pub hearing_notice_working_days: u32,
    /// Publishing a licensing or penalty decision, in working days. Guidance 118: 7.
    pub publication_decision_working_days: u32,
    /// Publishing other enforcement information, in working days. Guidance 118 and
    /// 政府信息公开条例 Art. 26: 20.
    pub publication_general_working_days: u32,
    /// Withdrawing a publication after the decision changes, in working days. APL Art. 48(2):
    /// 3.
    pub withdrawal_working_days: u32,
    /// Disposing of preserved evidence, in working days. APL Art. 56: 7.
    pub preservation_disposal_working_days: u32,
    /// Legal review after receipt, in working days. SAMR: 10; elsewhere 5–10 **[L]**.
    pub legal_review_working_days: u32,
    /// Applying for reconsideration after service, in calendar days. 行政复议法 (2023) Art. 20:
    /// 60.
    pub reconsideration_days: u32,
    /// Filing a lawsuit after service, in months. 行政诉讼法 Art. 46: 6.
    pub litigation_months: u32,
    /// Limitation period, in years. APL Art. 36: 2.
    pub limitation_years: u32,
    /// Limitation period where the act concerns life, health, safety or financial security and
    /// caused harm, in years. APL Art. 36: 5.
    pub limitation_years_harm: u32,
    /// Days after which service by public notice (公告送达) is deemed done. 民事诉讼法 Art. 95
    /// (applied through APL Art. 61): 30.
    pub public_notice_days: u32,
    /// Filing an on-the-spot decision with the agency (备案), in working days. The APL sets
    /// none; some rules use 3 days, read here as working days (the stricter reading) **[L]**.
    pub summary_record_filing_working_days: u32,
    /// Archiving a closed case, in calendar days after closure. No statutory limit; 30 is a
    /// common local value **[U][L]**.
    pub archiving_days: u32,
    /// A deadline is [`Level::Approaching`] from this many calendar days before its due date.
    /// A platform choice: 3.
    pub approaching_days: u32,
    /// Whether a calendar-day, month or year period ending on a day off ends on the next
    /// working day instead. 民法典 Art. 203 (and 民事诉讼法 Art. 85, which 行政复议法 Art. 88
    /// and 行政诉讼法 Art. 101 apply) **[U]**: the APL itself is silent, so this is on by
    /// default and can be switched off. Never applies to the limitation period.
    pub roll_over_holidays: bool,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        Self {
            filing_verification_working_days: 15,
            decision_days: 90,
            service_working_days: 7,
            payment_days: 15,
            statement_working_days: 5,
            hearing_request_working_days: 5,
            hearing_notice_working_days: 7,
            publication_decision_working_days: 7,
            publication_general_working_days: 20,
            withdrawal_working_days: 3,
            preservation_disposal_working_days: 7,
            legal_review_working_days: 10,
            reconsideration_days: 60,
            litigation_months: 6,
            limitation_years: 2,
            limitation_years_harm: 5,
            public_notice_days: 30,
            summary_record_filing_working_days: 3,
            archiving_days: 30,
            approaching_days: 3,
            roll_over_holidays: true,
        }
    }
}

impl DeadlineRules {
    /// The period of `kind` under these rules, extensions and suspensions included.
    pub fn period(&self, kind: DeadlineKind) -> Period {
        use DeadlineKind::*;
        match kind {
            FilingVerification {
                extension_working_days,
            } => Period::WorkingDays(
                self.filing_verification_working_days
                    .saturating_add(extension_working_days),
            ),
            DecisionLimit {
                extension_days,
                suspended_days,
            } => Period::Days(
                self.decision_days
                    .saturating_add(extension_days)
                    .saturating_add(suspended_days),
            ),
            ServiceOfDecision => Period::WorkingDays(self.service_working_days),
            Payment => Period::Days(self.payment_days),
            StatementWindow => Period::WorkingDays(self.statement_working_days),
            HearingRequestWindow => Period::WorkingDays(self.hearing_request_working_days),
            HearingNotice => Period::WorkingDays(self.hearing_notice_working_days),
            Publication {
                scope: PublicationScope::Decision,
            } => Period::WorkingDays(self.publication_decision_working_days),
            Publication {
                scope: PublicationScope::General,
            } => Period::WorkingDays(self.publication_general_working_days),
            Withdrawal => Period::WorkingDays(self.withdrawal_working_days),
            PreservationDisposal => Period::WorkingDays(self.preservation_disposal_working_days),
            LegalReview {
                extension_working_days,
            } => Period::WorkingDays(
                self.legal_review_working_days
                    .saturating_add(extension_working_days),
            ),
            Reconsideration => Period::Days(self.reconsideration_days),
            Litigation => Period::Months(self.litigation_months),
            SummaryRecordFiling => Period::WorkingDays(self.summary_record_filing_working_days),
            Archiving => Period::Days(self.archiving_days),
            Limitation {
                endangers_safety_or_finance,
                caused_harm,
            } => Period::Years(if endangers_safety_or_finance && caused_harm {
                self.limitation_years_harm
            } else {
                self.limitation_years
            }),
        }
    }

    /// The due date of `kind` counted from `start` (the start date each variant of
    /// [`DeadlineKind`] names): the last day on which the deadline is met. For
    /// [`DeadlineKind::HearingNotice`], `start` is the hearing date and the result is the
    /// latest day to notify.
    pub fn due(&self, calendar: &WorkCalendar, kind: DeadlineKind, start: NaiveDate) -> NaiveDate {
        if kind.counts_backward() {
            return self.latest_hearing_notice(calendar, start);
        }
        let end = match self.period(kind) {
            Period::WorkingDays(n) => return calendar.add_working_days(start, n),
            Period::Days(n) => add_days(start, i64::from(n)),
            Period::Months(n) => add_months(start, n),
            Period::Years(n) => add_years(start, n),
        };
        if self.roll_over_holidays && kind.may_roll_over() {
            calendar.roll_forward(end)
        } else {
            end
        }
    }

    /// The latest day on which a hearing held on `hearing` may be notified (APL Art. 64(2)).
    ///
    /// **[U]** "七日前" is read as: the whole period of 7 working days, counted from the day
    /// after the notice (民法典 Art. 201), must end before the hearing day. So the notice
    /// precedes the 7th working day before the hearing, and may fall on a day off. The looser
    /// reading, which lets the 7th working day before the hearing itself be the notice day,
    /// allows one working day more.
    pub fn latest_hearing_notice(&self, calendar: &WorkCalendar, hearing: NaiveDate) -> NaiveDate {
        let nth_before = calendar.sub_working_days(hearing, self.hearing_notice_working_days);
        add_days(nth_before, -1)
    }

    /// Whether a notice given on `notice` is in time for a hearing on `hearing`.
    pub fn hearing_notice_in_time(
        &self,
        calendar: &WorkCalendar,
        notice: NaiveDate,
        hearing: NaiveDate,
    ) -> bool {
        notice <= self.latest_hearing_notice(calendar, hearing)
    }

    /// The day on which service by public notice published on `published` is deemed done
    /// (民事诉讼法 Art. 95). A deemed fact, not a deadline: it never rolls over.
    pub fn deemed_served_by_public_notice(&self, published: NaiveDate) -> NaiveDate {
        add_days(published, i64::from(self.public_notice_days))
    }

    /// The standing on `today` of a deadline due on `due`.
    pub fn status(&self, due: NaiveDate, today: NaiveDate) -> DeadlineStatus {
        let days_left = (due - today).num_days();
        let level = if days_left < 0 {
            Level::Overdue
        } else if days_left <= i64::from(self.approaching_days) {
            Level::Approaching
        } else {
            Level::Ok
        };
        DeadlineStatus {
            due,
            days_left,
            level,
        }
    }

    /// The due date of `kind` from `start` and its standing on `today`, in one call.
    pub fn track(
        &self,
        calendar: &WorkCalendar,
        kind: DeadlineKind,
        start: NaiveDate,
        today: NaiveDate,
    ) -> DeadlineStatus {
        self.status(self.due(calendar, kind, start), today)
    }
}

/// The late-payment surcharge (加处罚款) owed on `today`, in fen, for a fine of `fine_fen`
/// whose payment was due on `due`.
///
/// APL Art. 72(1): 3% of the fine for each day after the due date, never more than the fine.
/// Art. 73(3): days under reconsideration or litigation are not counted; pass their total as
/// `paused_days`. Nothing is owed on or before the due date; a negative fine or pause counts as
/// zero; the amount is rounded down to the fen. At 3% the cap is reached on day 34 (day 33 is
/// 99%).
pub fn surcharge(fine_fen: i64, due: NaiveDate, today: NaiveDate, paused_days: i64) -> i64 {
    let fine = i128::from(fine_fen.max(0));
    let days = i128::from((today - due).num_days()) - i128::from(paused_days.max(0));
    if days <= 0 {
        return 0;
    }
    let owed = (fine * i128::from(SURCHARGE_PERCENT_PER_DAY) * days / 100).min(fine);
    // `owed` lies in 0..=fine_fen, so the conversion cannot fail.
    i64::try_from(owed).unwrap_or(0)
}

/// The days after `due` and up to `today` that fall within a reconsideration or a suit
/// (APL Art. 73 ¶3: 当事人申请行政复议、提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼
/// 期间不予计算), to pass to [`surcharge`] as `paused_days`. Each challenge runs from the day it
/// was filed to the day of its result, both included; one without a result yet runs to
/// `today`. Overlapping challenges (a suit after the reconsideration, say) count each day
/// once.
pub fn surcharge_paused_days(
    due: NaiveDate,
    today: NaiveDate,
    challenges: &[(NaiveDate, Option<NaiveDate>)],
) -> i64 {
    let Some(first) = due.succ_opt() else {
        return 0;
    };
    let mut spans: Vec<(NaiveDate, NaiveDate)> = challenges
        .iter()
        .map(|&(from, to)| (from.max(first), to.unwrap_or(today).min(today)))
        .filter(|(from, to)| from <= to)
        .collect();
    spans.sort();
    let mut days = 0;
    let mut counted_to: Option<NaiveDate> = None;
    for (from, to) in spans {
        let from = match counted_to {
            Some(c) if c >= from => match c.succ_opt() {
                Some(next) => next,
                None => continue,
            },
            _ => from,
        };
        if from <= to {
            days += (to - from).num_days() + 1;
        }
        counted_to = Some(counted_to.map_or(to, |c| c.max(to)));
    }
    days
}

/// When and how the act happened, as the registration of a case states it: what the
/// limitation period of APL Art. 36 is counted from and how long it is.
///
/// Art. 36 ¶1: 2 years; 5 years where the act concerns citizens' life and health, public
/// safety or financial security **and** had harmful consequences. ¶2: counted from the day of
/// the act; for an act of a continuous or continuing state (连续或者继续状态), from the day it
/// ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActTiming {
    /// The day of the act (its first day, for a continuing act).
    pub act_on: NaiveDate,
    /// The day a continuous or continuing act ended; `None` for a single act.
    pub ended_on: Option<NaiveDate>,
    /// The act concerns life and health, public safety or financial security.
    pub endangers_safety_or_finance: bool,
    /// The act had harmful consequences.
    pub caused_harm: bool,
}

impl ActTiming {
    /// Checks the dates as sent: neither in the future, and the end not before the act.
    pub fn check(
        act_on: NaiveDate,
        ended_on: Option<NaiveDate>,
        endangers_safety_or_finance: bool,
        caused_harm: bool,
        today: NaiveDate,
    ) -> Result<Self, Vec<crate::validate::ValidationError>> {
        use crate::validate::{Field, Rule, ValidationError};
        let mut errors = Vec::new();
        if act_on > today {
            errors.push(ValidationError::new(Field::ActDate, Rule::NotInFuture));
        }
        match ended_on {
            Some(end) if end > today => {
                errors.push(ValidationError::new(Field::ActEndedOn, Rule::NotInFuture));
            }
            Some(end) if end < act_on => {
                errors.push(ValidationError::new(Field::ActEndedOn, Rule::BeforeAct));
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(Self {
                act_on,
                ended_on,
                endangers_safety_or_finance,
                caused_harm,
            })
        } else {
            Err(errors)
        }
    }

    /// The first day of the period (Art. 36 ¶2): the end of a continuing act, else the act.
    pub fn start(&self) -> NaiveDate {
        self.ended_on.map_or(self.act_on, |e| e.max(self.act_on))
    }

    /// The limitation deadline of this act (2 or 5 years, see [`DeadlineKind::Limitation`]).
    pub fn limitation(&self) -> DeadlineKind {
        DeadlineKind::Limitation {
            endangers_safety_or_finance: self.endangers_safety_or_finance,
            caused_harm: self.caused_harm,
        }
    }

    /// The last day on which discovering the act still allows a penalty.
    pub fn limitation_ends(&self, rules: &DeadlineRules, calendar: &WorkCalendar) -> NaiveDate {
        rules.due(calendar, self.limitation(), self.start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surcharge_pauses_while_a_challenge_runs_counting_each_day_once() {
        let due = d("2026-06-30");
        let today = d("2026-07-31");
        // (challenges, paused days)
        let table: [(&[(&str, Option<&str>)], i64); 7] = [
            (&[], 0),
            // Filed before the due date, decided after it: only the days after it count.
            (&[("2026-06-01", Some("2026-07-10"))], 10),
            // Decided before the due date: no pause.
            (&[("2026-05-01", Some("2026-06-30"))], 0),
            // Still running: up to today.
            (&[("2026-07-21", None)], 11),
            // A suit after the reconsideration, overlapping by a day.
            (
                &[
                    ("2026-07-01", Some("2026-07-10")),
                    ("2026-07-10", Some("2026-07-20")),
                ],
                20,
            ),
            // Nested.
            (
                &[
                    ("2026-07-01", Some("2026-07-31")),
                    ("2026-07-05", Some("2026-07-06")),
                ],
                31,
            ),
            // Filed after today: nothing yet.
            (&[("2026-08-01", None)], 0),
        ];
        for (challenges, want) in table {
            let c: Vec<(NaiveDate, Option<NaiveDate>)> =
                challenges.iter().map(|(f, t)| (d(f), t.map(d))).collect();
            assert_eq!(
                surcharge_paused_days(due, today, &c),
                want,
                "{challenges:?}"
            );
        }
        // Paused the whole time: nothing owed although a month passed.
        let paused = surcharge_paused_days(due, today, &[(d("2026-06-15"), None)]);
        assert_eq!(surcharge(100_000, due, today, paused), 0);
        assert_eq!(surcharge(100_000, due, today, 0), 93_000);
    }

    #[test]
    fn limitation_runs_from_the_end_of_a_continuing_act_and_is_five_years_only_for_harm_to_life_or_finance()
     {
        let timing = |ended: Option<&str>, endangers: bool, harm: bool| {
            ActTiming::check(
                d("2024-03-01"),
                ended.map(d),
                endangers,
                harm,
                d("2026-12-03"),
            )
            .expect("valid")
        };
        let rules = DeadlineRules::default();
        // (ended, endangers, harm, last day)
        let table = [
            (None, false, false, "2026-03-01"),
            (Some("2024-03-01"), false, false, "2026-03-01"),
            (Some("2024-09-30"), false, false, "2026-09-30"),
            (None, true, false, "2026-03-01"),
            (None, false, true, "2026-03-01"),
            (None, true, true, "2029-03-01"),
            (Some("2025-01-31"), true, true, "2030-01-31"),
        ];
        for (ended, endangers, harm, want) in table {
            let t = timing(ended, endangers, harm);
            assert_eq!(
                t.limitation_ends(&rules, &cal()),
                d(want),
                "{ended:?} {endangers} {harm}"
            );
        }
        // A day off at the end never moves the period (no roll-over for limitation).
        let on_a_saturday = ActTiming::check(
            d("2024-02-01"),
            Some(d("2024-02-28")),
            false,
            false,
            d("2026-12-03"),
        )
        .expect("valid");
        assert_eq!(
            on_a_saturday.limitation_ends(&rules, &cal()),
            d("2026-02-28")
        );
    }

    #[test]
    fn limitation_act_dates_are_checked_naming_the_field() {
        use crate::validate::{Field, Rule, ValidationError};
        let today = d("2026-12-03");
        let err = |act: &str, end: Option<&str>| {
            ActTiming::check(d(act), end.map(d), false, false, today).expect_err("refused")
        };
        assert_eq!(
            err("2026-12-01", Some("2026-11-30")),
            vec![ValidationError::new(Field::ActEndedOn, Rule::BeforeAct)]
        );
        assert_eq!(
            err("2026-12-04", Some("2026-12-05")),
            vec![
                ValidationError::new(Field::ActDate, Rule::NotInFuture),
                ValidationError::new(Field::ActEndedOn, Rule::NotInFuture)
            ]
        );
        assert!(
            ActTiming::check(d("2026-12-03"), Some(d("2026-12-03")), false, false, today).is_ok()
        );
        assert!(ActTiming::check(d("2026-12-03"), None, true, true, today).is_ok());
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn cal() -> WorkCalendar {
        WorkCalendar::china()
    }

    fn no_roll() -> DeadlineRules {
        DeadlineRules {
            roll_over_holidays: false,
            ..DeadlineRules::default()
        }
    }

    const FILING: DeadlineKind = DeadlineKind::FilingVerification {
        extension_working_days: 0,
    };
    const DECISION: DeadlineKind = DeadlineKind::DecisionLimit {
        extension_days: 0,
        suspended_days: 0,
    };
    const PUBLISH_DECISION: DeadlineKind = DeadlineKind::Publication {
        scope: PublicationScope::Decision,
    };
    const PUBLISH_GENERAL: DeadlineKind = DeadlineKind::Publication {
        scope: PublicationScope::General,
    };
    const REVIEW: DeadlineKind = DeadlineKind::LegalReview {
        extension_working_days: 0,
    };
    const LIMITATION_2Y: DeadlineKind = DeadlineKind::Limitation {
        endangers_safety_or_finance: false,
        caused_harm: false,
    };
    const LIMITATION_5Y: DeadlineKind = DeadlineKind::Limitation {
        endangers_safety_or_finance: true,
        caused_harm: true,
    };

    fn every_kind() -> Vec<DeadlineKind> {
        vec![
            FILING,
            DECISION,
            DeadlineKind::ServiceOfDecision,
            DeadlineKind::Payment,
            DeadlineKind::StatementWindow,
            DeadlineKind::HearingRequestWindow,
            DeadlineKind::HearingNotice,
            PUBLISH_DECISION,
            DeadlineKind::Withdrawal,
            DeadlineKind::PreservationDisposal,
            REVIEW,
            DeadlineKind::Reconsideration,
            DeadlineKind::Litigation,
            LIMITATION_2Y,
            DeadlineKind::SummaryRecordFiling,
            DeadlineKind::Archiving,
        ]
    }

    #[test]
    fn default_rules_carry_the_statutory_periods() {
        let rules = DeadlineRules::default();
        let table = [
            (FILING, Period::WorkingDays(15)),
            (DECISION, Period::Days(90)),
            (DeadlineKind::ServiceOfDecision, Period::WorkingDays(7)),
            (DeadlineKind::Payment, Period::Days(15)),
            (DeadlineKind::StatementWindow, Period::WorkingDays(5)),
            (DeadlineKind::HearingRequestWindow, Period::WorkingDays(5)),
            (DeadlineKind::HearingNotice, Period::WorkingDays(7)),
            (PUBLISH_DECISION, Period::WorkingDays(7)),
            (PUBLISH_GENERAL, Period::WorkingDays(20)),
            (DeadlineKind::Withdrawal, Period::WorkingDays(3)),
            (DeadlineKind::PreservationDisposal, Period::WorkingDays(7)),
            (REVIEW, Period::WorkingDays(10)),
            (DeadlineKind::Reconsideration, Period::Days(60)),
            (DeadlineKind::Litigation, Period::Months(6)),
            (LIMITATION_2Y, Period::Years(2)),
            (LIMITATION_5Y, Period::Years(5)),
            (DeadlineKind::SummaryRecordFiling, Period::WorkingDays(3)),
            (DeadlineKind::Archiving, Period::Days(30)),
        ];
        for (kind, period) in table {
            assert_eq!(rules.period(kind), period, "{kind:?}");
        }
        assert_eq!(rules.public_notice_days, 30);
        assert_eq!(rules.approaching_days, 3);
        assert!(rules.roll_over_holidays);
    }

    #[test]
    fn working_day_deadlines_fall_on_the_nth_working_day_after_their_start() {
        let (rules, cal) = (DeadlineRules::default(), cal());
        let table = [
            // Filing verification, 15 working days across the 2026 Spring Festival.
            (FILING, "2026-02-06", "2026-03-05"),
            (
                DeadlineKind::FilingVerification {
                    extension_working_days: 15,
                },
                "2026-02-06",
                "2026-03-26",
            ),
            // Service of the decision, 7 working days; the 7th is the make-up Saturday 28 Feb.
            (DeadlineKind::ServiceOfDecision, "2026-02-12", "2026-02-28"),
            (DeadlineKind::ServiceOfDecision, "2026-02-13", "2026-03-02"),
            (DeadlineKind::ServiceOfDecision, "2026-03-05", "2026-03-16"),
            // Statement, 5 working days across Qingming (4–6 April 2026).
            (DeadlineKind::StatementWindow, "2026-04-02", "2026-04-10"),
            (DeadlineKind::StatementWindow, "2026-04-03", "2026-04-13"),
            // Hearing request, 5 working days across National Day 2025 (make-up Sunday 28 Sep).
            (
                DeadlineKind::HearingRequestWindow,
                "2025-09-26",
                "2025-10-10",
            ),
            (
                DeadlineKind::HearingRequestWindow,
                "2025-09-25",
                "2025-10-09",
            ),
            // Publication across Mid-Autumn and National Day 2026.
            (PUBLISH_DECISION, "2026-09-24", "2026-10-12"),
            (PUBLISH_GENERAL, "2026-09-24", "2026-10-29"),
            // Withdrawal, 3 working days; make-up Saturdays count.
            (DeadlineKind::Withdrawal, "2026-09-30", "2026-10-10"),
            (DeadlineKind::Withdrawal, "2026-04-30", "2026-05-08"),
            (DeadlineKind::Withdrawal, "2026-05-07", "2026-05-11"),
            // Preservation disposal across the Dragon Boat Festival (19 June 2026).
            (
                DeadlineKind::PreservationDisposal,
                "2026-06-15",
                "2026-06-25",
            ),
            // Legal review across Labour Day 2026 (make-up Saturday 9 May).
            (REVIEW, "2026-04-28", "2026-05-14"),
            (
                DeadlineKind::LegalReview {
                    extension_working_days: 5,
                },
                "2026-04-28",
                "2026-05-21",
            ),
            // Summary record filing, 3 working days across Mid-Autumn and National Day 2026.
            (
                DeadlineKind::SummaryRecordFiling,
                "2026-09-24",
                "2026-09-30",
            ),
            (
                DeadlineKind::SummaryRecordFiling,
                "2026-09-29",
                "2026-10-09",
            ),
            (
                DeadlineKind::SummaryRecordFiling,
                "2026-10-08",
                "2026-10-12",
            ),
            // New Year 2026, and past the published data: 2027 falls back to the regulation,
            // so Friday 1 January 2027 is not counted.
            (DeadlineKind::Withdrawal, "2025-12-31", "2026-01-06"),
            (DeadlineKind::StatementWindow, "2026-12-30", "2027-01-07"),
        ];
        for (kind, start, expected) in table {
            let due = rules.due(&cal, kind, d(start));
            assert_eq!(due, d(expected), "{kind:?} from {start}");
            let Period::WorkingDays(n) = rules.period(kind) else {
                panic!("{kind:?} counts working days");
            };
            assert!(cal.is_working_day(due), "{kind:?} from {start}");
            assert_eq!(cal.working_days_between(d(start), due), n);
            let eve = add_days(due, -1);
            assert_eq!(cal.working_days_between(d(start), eve), n - 1);
        }
    }

    #[test]
    fn the_decision_limit_adds_extensions_and_suspended_days_and_rolls_past_holidays() {
        let cal = cal();
        let decision = |extension_days, suspended_days| DeadlineKind::DecisionLimit {
            extension_days,
            suspended_days,
        };
        // Filed Monday 5 January 2026: day 90 is Sunday 5 April, inside Qingming (4–6 April).
        let table = [
            ("2026-01-05", 0, 0, "2026-04-07", "2026-04-05"),
            ("2026-01-05", 0, 1, "2026-04-07", "2026-04-06"),
            ("2026-01-05", 0, 2, "2026-04-07", "2026-04-07"),
            ("2026-01-05", 0, 3, "2026-04-08", "2026-04-08"),
            // +30 days lands on Tuesday 5 May, the end of Labour Day.
            ("2026-01-05", 30, 0, "2026-05-06", "2026-05-05"),
            ("2026-01-05", 30, 10, "2026-05-15", "2026-05-15"),
            // Plain cases around a month boundary.
            ("2026-03-04", 0, 0, "2026-06-02", "2026-06-02"),
            ("2026-03-03", 0, 0, "2026-06-01", "2026-06-01"),
            ("2026-03-02", 0, 0, "2026-06-01", "2026-05-31"), // Sunday 31 May
        ];
        for (filed, ext, susp, rolled, plain) in table {
            let kind = decision(ext, susp);
            assert_eq!(
                DeadlineRules::default().due(&cal, kind, d(filed)),
                d(rolled),
                "filed {filed} +{ext} ext +{susp} suspended"
            );
            assert_eq!(
                no_roll().due(&cal, kind, d(filed)),
                d(plain),
                "filed {filed} +{ext} ext +{susp} suspended, no roll-over"
            );
        }
    }

    #[test]
    fn calendar_day_deadlines_count_days_months_and_years_from_the_next_day() {
        let cal = cal();
        let table = [
            // Payment, 15 days after service.
            (
                DeadlineKind::Payment,
                "2026-03-02",
                "2026-03-17",
                "2026-03-17",
            ),
            (
                DeadlineKind::Payment,
                "2026-03-06",
                "2026-03-23",
                "2026-03-21",
            ), // Saturday
            (
                DeadlineKind::Payment,
                "2026-09-22",
                "2026-10-08",
                "2026-10-07",
            ), // National Day
            (
                DeadlineKind::Payment,
                "2026-01-30",
                "2026-02-14",
                "2026-02-14",
            ), // make-up Saturday
            // Reconsideration, 60 days after service.
            (
                DeadlineKind::Reconsideration,
                "2026-01-15",
                "2026-03-16",
                "2026-03-16",
            ),
            (
                DeadlineKind::Reconsideration,
                "2026-03-02",
                "2026-05-06",
                "2026-05-01",
            ), // Labour Day
            // Litigation, 6 months after service, clamped to the month end.
            (
                DeadlineKind::Litigation,
                "2026-03-10",
                "2026-09-10",
                "2026-09-10",
            ),
            (
                DeadlineKind::Litigation,
                "2026-08-31",
                "2027-03-01",
                "2027-02-28",
            ), // Sunday
            (
                DeadlineKind::Litigation,
                "2025-08-31",
                "2026-02-28",
                "2026-02-28",
            ), // make-up Saturday
            (
                DeadlineKind::Litigation,
                "2027-08-31",
                "2028-02-29",
                "2028-02-29",
            ), // leap day, Tuesday
            // Archiving, 30 days after closure.
            (
                DeadlineKind::Archiving,
                "2026-03-02",
                "2026-04-01",
                "2026-04-01",
            ),
            (
                DeadlineKind::Archiving,
                "2026-09-05",
                "2026-10-08",
                "2026-10-05",
            ), // National Day
            // Limitation, 2 or 5 years from the act; never rolled over.
            (LIMITATION_2Y, "2024-02-29", "2026-02-28", "2026-02-28"),
            (LIMITATION_5Y, "2024-02-29", "2029-02-28", "2029-02-28"),
            (LIMITATION_2Y, "2024-10-01", "2026-10-01", "2026-10-01"), // National Day
            (LIMITATION_2Y, "2025-03-01", "2027-03-01", "2027-03-01"),
        ];
        for (kind, start, rolled, plain) in table {
            assert_eq!(
                DeadlineRules::default().due(&cal, kind, d(start)),
                d(rolled),
                "{kind:?} from {start}"
            );
            assert_eq!(
                no_roll().due(&cal, kind, d(start)),
                d(plain),
                "{kind:?} from {start}, no roll-over"
            );
        }
    }

    #[test]
    fn only_an_act_that_both_endangers_and_harms_has_the_five_year_limitation() {
        let (rules, cal) = (DeadlineRules::default(), cal());
        let table = [
            (false, false, "2027-03-01"),
            (true, false, "2027-03-01"),
            (false, true, "2027-03-01"),
            (true, true, "2030-03-01"),
        ];
        for (endangers, harm, expected) in table {
            let kind = DeadlineKind::Limitation {
                endangers_safety_or_finance: endangers,
                caused_harm: harm,
            };
            assert_eq!(
                rules.due(&cal, kind, d("2025-03-01")),
                d(expected),
                "{endangers} {harm}"
            );
        }
    }

    #[test]
    fn the_hearing_notice_must_leave_seven_whole_working_days_before_the_hearing() {
        let (rules, cal) = (DeadlineRules::default(), cal());
        let table = [
            // (hearing, latest notice)
            ("2026-03-16", "2026-03-04"),
            ("2026-03-19", "2026-03-09"),
            ("2026-03-18", "2026-03-08"), // the 7th working day before is Monday 9 March
            ("2026-02-26", "2026-02-09"), // across the Spring Festival, make-up Saturday 14 Feb
            ("2025-10-13", "2025-09-25"), // across National Day 2025, two make-up days
        ];
        for (hearing, latest) in table {
            let hearing = d(hearing);
            let latest = d(latest);
            assert_eq!(
                rules.latest_hearing_notice(&cal, hearing),
                latest,
                "{hearing}"
            );
            assert_eq!(
                rules.due(&cal, DeadlineKind::HearingNotice, hearing),
                latest,
                "{hearing}"
            );
            assert!(rules.hearing_notice_in_time(&cal, latest, hearing));
            assert!(rules.hearing_notice_in_time(&cal, add_days(latest, -1), hearing));
            assert!(!rules.hearing_notice_in_time(&cal, add_days(latest, 1), hearing));
        }
    }

    #[test]
    fn the_latest_hearing_notice_is_the_last_day_whose_seven_working_days_end_before_the_hearing() {
        let (rules, cal) = (DeadlineRules::default(), cal());
        let mut hearing = d("2025-01-01");
        while hearing <= d("2027-01-31") {
            let latest = rules.latest_hearing_notice(&cal, hearing);
            assert!(cal.add_working_days(latest, 7) < hearing, "{hearing}");
            assert!(
                cal.add_working_days(add_days(latest, 1), 7) >= hearing,
                "{hearing}"
            );
            hearing = add_days(hearing, 1);
        }
    }

    #[test]
    fn configured_numbers_replace_the_defaults() {
        let cal = cal();
        let rules = DeadlineRules {
            statement_working_days: 3,
            legal_review_working_days: 5,
            filing_verification_working_days: 10,
            publication_decision_working_days: 5,
            payment_days: 30,
            ..DeadlineRules::default()
        };
        let table = [
            (DeadlineKind::StatementWindow, "2026-04-02", "2026-04-08"),
            (REVIEW, "2026-04-28", "2026-05-08"),
            (FILING, "2026-02-06", "2026-02-27"),
            (PUBLISH_DECISION, "2026-09-24", "2026-10-09"),
            (DeadlineKind::Payment, "2026-03-02", "2026-04-01"),
        ];
        for (kind, start, expected) in table {
            assert_eq!(rules.due(&cal, kind, d(start)), d(expected), "{kind:?}");
        }
    }

    #[test]
    fn service_by_public_notice_is_deemed_done_thirty_days_after_publication() {
        let rules = DeadlineRules::default();
        let table = [
            ("2026-01-10", "2026-02-09"),
            ("2026-01-16", "2026-02-15"), // a day off: a deemed date does not roll over
            ("2028-01-30", "2028-02-29"),
        ];
        for (published, served) in table {
            assert_eq!(
                rules.deemed_served_by_public_notice(d(published)),
                d(served),
                "{published}"
            );
        }
    }

    #[test]
    fn status_is_ok_then_approaching_then_overdue_the_day_after_the_due_date() {
        let rules = DeadlineRules::default();
        let due = d("2026-03-16");
        let table = [
            ("2026-03-01", 15, Level::Ok),
            ("2026-03-12", 4, Level::Ok),
            ("2026-03-13", 3, Level::Approaching),
            ("2026-03-15", 1, Level::Approaching), // due - 1
            ("2026-03-16", 0, Level::Approaching), // due
            ("2026-03-17", -1, Level::Overdue),    // due + 1
            ("2026-04-16", -31, Level::Overdue),
        ];
        for (today, days_left, level) in table {
            let expected = DeadlineStatus {
                due,
                days_left,
                level,
            };
            assert_eq!(rules.status(due, d(today)), expected, "{today}");
        }
    }

    #[test]
    fn the_amber_window_is_configurable_and_the_due_day_is_always_amber() {
        let due = d("2026-03-16");
        let table = [
            (0, "2026-03-15", Level::Ok),
            (0, "2026-03-16", Level::Approaching),
            (0, "2026-03-17", Level::Overdue),
            (5, "2026-03-10", Level::Ok),
            (5, "2026-03-11", Level::Approaching),
        ];
        for (approaching_days, today, level) in table {
            let rules = DeadlineRules {
                approaching_days,
                ..DeadlineRules::default()
            };
            assert_eq!(
                rules.status(due, d(today)).level,
                level,
                "{approaching_days} {today}"
            );
        }
    }

    #[test]
    fn tracking_combines_the_due_date_and_the_status() {
        let (rules, cal) = (DeadlineRules::default(), cal());
        let kind = DeadlineKind::ServiceOfDecision;
        let table = [
            ("2026-03-15", 1, Level::Approaching),
            ("2026-03-16", 0, Level::Approaching),
            ("2026-03-17", -1, Level::Overdue),
        ];
        for (today, days_left, level) in table {
            let status = rules.track(&cal, kind, d("2026-03-05"), d(today));
            assert_eq!(
                status,
                DeadlineStatus {
                    due: d("2026-03-16"),
                    days_left,
                    level
                },
                "{today}"
            );
        }
    }

    #[test]
    fn the_surcharge_is_three_percent_a_day_capped_at_the_fine() {
        let due = d("2026-03-17");
        let fine = 100_000; // 1,000 yuan
        let table = [
            ("2026-03-10", 0, 0), // before the due date
            ("2026-03-17", 0, 0), // on the due date
            ("2026-03-18", 0, 3_000),
            ("2026-03-19", 0, 6_000),
            ("2026-04-19", 0, 99_000),  // day 33: 99%
            ("2026-04-20", 0, 100_000), // day 34: 102%, capped
            ("2026-04-21", 0, 100_000),
            ("2027-03-17", 0, 100_000),
            ("2026-04-29", 10, 99_000), // 43 days, 10 paused
            ("2026-04-30", 10, 100_000),
            ("2026-03-20", 3, 0),      // every day paused
            ("2026-03-20", 5, 0),      // more paused than elapsed
            ("2026-03-20", -5, 9_000), // a negative pause counts as none
        ];
        for (today, paused, expected) in table {
            assert_eq!(
                surcharge(fine, due, d(today), paused),
                expected,
                "{today} paused {paused}"
            );
        }
    }

    #[test]
    fn the_surcharge_rounds_down_to_the_fen_and_never_overflows() {
        let due = d("2026-03-17");
        let day = |n: i64| add_days(due, n);
        let table = [
            (33, 1, 0), // 0.99 fen
            (34, 1, 1), // 1.02 fen
            (1_001, 1, 30),
            (1_001, 33, 990), // 990.99
            (1_001, 34, 1_001),
            (0, 10, 0),
            (-500, 10, 0),
            (i64::MAX, 1, i64::MAX / 100 * 3), // i64::MAX % 100 = 7: 21/100 fen rounds to 0
            (i64::MAX, 34, i64::MAX),
        ];
        for (fine, days, expected) in table {
            assert_eq!(
                surcharge(fine, due, day(days), 0),
                expected,
                "{fine} fen, day {days}"
            );
        }
        assert_eq!(surcharge(100, NaiveDate::MIN, NaiveDate::MAX, 0), 100);
        assert_eq!(surcharge(100, NaiveDate::MAX, NaiveDate::MIN, 0), 0);
        assert_eq!(surcharge(100, due, day(40), i64::MAX), 0);
    }

    #[test]
    fn kinds_have_unique_codes_and_labels_in_both_languages() {
        let mut codes: Vec<&str> = every_kind().into_iter().map(DeadlineKind::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), every_kind().len());
        for kind in every_kind() {
            assert!(!kind.label(Lang::Zh).is_empty());
            assert!(kind.label(Lang::En).is_ascii());
            assert_eq!(kind.counts_backward(), kind == DeadlineKind::HearingNotice);
        }
        for level in [Level::Ok, Level::Approaching, Level::Overdue] {
            assert!(!level.label(Lang::Zh).is_empty());
            assert!(level.label(Lang::En).is_ascii());
        }
        assert!(Level::Ok < Level::Approaching && Level::Approaching < Level::Overdue);
    }

    #[test]
    fn periods_read_naturally_in_both_languages() {
        let table = [
            (Period::WorkingDays(15), "15 个工作日", "15 working days"),
            (Period::WorkingDays(1), "1 个工作日", "1 working day"),
            (Period::Days(90), "90 日", "90 days"),
            (Period::Months(6), "6 个月", "6 months"),
            (Period::Years(2), "2 年", "2 years"),
        ];
        for (period, zh, en) in table {
            assert_eq!(period.label(Lang::Zh), zh);
            assert_eq!(period.label(Lang::En), en);
        }
    }

    #[test]
    fn kinds_rules_and_statuses_serialise_to_stable_json() {
        let kind = DeadlineKind::DecisionLimit {
            extension_days: 30,
            suspended_days: 4,
        };
        let json = serde_json::to_value(kind).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({"kind": "decision_limit", "extension_days": 30, "suspended_days": 4})
        );
        assert_eq!(
            serde_json::to_value(PUBLISH_GENERAL).expect("serialise"),
            serde_json::json!({"kind": "publication", "scope": "general"})
        );
        assert_eq!(
            serde_json::to_value(DeadlineKind::Payment).expect("serialise"),
            serde_json::json!({"kind": "payment"})
        );
        for kind in every_kind() {
            let json = serde_json::to_string(&kind).expect("serialise");
            let back: DeadlineKind = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, kind);
            assert!(json.contains(kind.code()), "{json}");
        }
        let status = DeadlineRules::default().status(d("2026-03-16"), d("2026-03-17"));
        assert_eq!(
            serde_json::to_value(status).expect("serialise"),
            serde_json::json!({"due": "2026-03-16", "days_left": -1, "level": "overdue"})
        );
        assert_eq!(
            serde_json::to_value(Period::WorkingDays(7)).expect("serialise"),
            serde_json::json!({"unit": "working_days", "n": 7})
        );
    }

    #[test]
    fn partial_rule_configuration_keeps_the_other_defaults() {
        let rules: DeadlineRules =
            serde_json::from_str(r#"{"statement_working_days": 3, "roll_over_holidays": false}"#)
                .expect("valid");
        assert_eq!(
            rules,
            DeadlineRules {
                statement_working_days: 3,
                roll_over_holidays: false,
                ..DeadlineRules::default()
            }
        );
        let all = serde_json::to_string(&DeadlineRules::default()).expect("serialise");
        let back: DeadlineRules = serde_json::from_str(&all).expect("deserialise");
        assert_eq!(back, DeadlineRules::default());
    }
}
