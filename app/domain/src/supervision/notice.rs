//! Supervision opinions and decisions (监督意见书 / 监督决定书, issue 24 item 2): the written
//! instruments by which the supervision body (司法局) tells an enforcement agency what is
//! wrong and what it must do by when, and the agency's written rectification report
//! (整改情况报告). The 《行政执法监督条例》 names both instruments and the report; the
//! wording of its articles and any fixed time limit are not verified here (**[U]**, DOMAIN.md
//! §5), so the deadline is the supervisor's, bounded by [`MAX_RECTIFICATION_DAYS`] (**[L]**).
//!
//! - An **opinion** (意见书) states the problems found and asks for rectification by a day.
//! - A **decision** (决定书) orders one thing: to correct, to stop an act, revokes an act, or
//!   confirms an act unlawful ([`DecisionOrder`]); it too asks for a report by a day.
//! - Either comes from something the supervisor saw ([`NoticeSource`]: a warning, a complaint,
//!   a case-file review, a supervision matter, or another source), named by its reference.
//! - The life cycle ([`NoticeStatus`], [`next`]): issued → the agency's head reports →
//!   the supervisor accepts (closed) or returns it with a reason (the head reports again).
//! - A notice not reported by its day is **overdue** ([`Rectification`]): a warning on the
//!   supervisor's day, and a reason for an interview (约谈); a report after the day is
//!   recorded as late and stays so.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    document::model::{Block, DocumentModel, Signature, chinese_date},
    i18n::Lang,
    validate::{self, Field, Rule, ValidationError},
};

/// The latest rectification deadline, counted from the day of issue (**[L]**).
pub const MAX_RECTIFICATION_DAYS: i64 = 90;
/// Longest text of one part of a notice or report, in characters.
pub const MAX_TEXT: usize = 4000;
/// Most lines of a report's list of supporting evidence.
pub const MAX_EVIDENCE_LINES: usize = 30;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $s:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)+ }

        impl $name {
            /// Every value, in the order forms offer them.
            pub const ALL: &'static [$name] = &[$($name::$v,)+];

            /// Machine name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)+ }
            }

            /// Parses the machine name.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s.trim())
            }

            /// Name for people.
            pub fn label(self, lang: Lang) -> &'static str {
                match self { $($name::$v => lang.pick($zh, $en),)+ }
            }
        }
    };
}

named_enum! {
    /// Which instrument.
    NoticeKind {
        /// 行政执法监督意见书.
        Opinion => "opinion", "行政执法监督意见书", "Supervision opinion";
        /// 行政执法监督决定书.
        Decision => "decision", "行政执法监督决定书", "Supervision decision";
    }
}

named_enum! {
    /// What a decision orders.
    DecisionOrder {
        /// 责令改正.
        Correct => "correct", "责令改正", "Order to correct";
        /// 责令停止违法执法行为.
        Stop => "stop", "责令停止违法执法行为", "Order to stop the act";
        /// 撤销.
        Revoke => "revoke", "撤销该行政执法行为", "Revocation of the act";
        /// 确认违法.
        ConfirmIllegal => "confirm_illegal", "确认该行政执法行为违法", "Confirmation that the act is unlawful";
    }
}

named_enum! {
    /// Where the supervisor found the problem.
    NoticeSource {
        /// A supervision warning (预警).
        Warning => "warning", "监督预警", "A supervision warning";
        /// A complaint (投诉举报).
        Complaint => "complaint", "投诉举报", "A complaint";
        /// A case-file review (案卷评查).
        Review => "review", "案卷评查", "A case-file review";
        /// A supervision matter (督办事项).
        Matter => "matter", "督办事项", "A supervision matter";
        /// Anything else (日常监督、专项监督).
        Other => "other", "日常或专项监督", "Routine or special supervision";
    }
}

named_enum! {
    /// Where a notice stands.
    NoticeStatus {
        /// Issued, waiting for the agency's report (待整改).
        Issued => "issued", "待整改", "Awaiting rectification";
        /// Reported, waiting for the supervisor (整改报告待审核).
        Reported => "reported", "整改报告待审核", "Report to examine";
        /// The report was returned: waiting for a new one (退回重报).
        Returned => "returned", "退回重报", "Report returned";
        /// The rectification was accepted (已办结).
        Closed => "closed", "已办结", "Closed";
    }
}

named_enum! {
    /// A step on a notice after its issue.
    NoticeStep {
        /// The agency's head reports the rectification (报送整改情况).
        Report => "report", "报送整改情况", "Report the rectification";
        /// The supervisor accepts it (审核通过，办结).
        Accept => "accept", "审核通过", "Accept";
        /// The supervisor returns it with a reason (退回重报).
        Return => "return", "退回重报", "Return";
    }
}

impl NoticeStep {
    /// Whether the agency takes this step (else the supervision body does).
    pub fn by_agency(self) -> bool {
        self == NoticeStep::Report
    }
}

/// The status after `step` in `status`, or `None` when the step is not open then.
pub fn next(status: NoticeStatus, step: NoticeStep) -> Option<NoticeStatus> {
    use NoticeStatus as S;
    use NoticeStep as T;
    match (status, step) {
        (S::Issued | S::Returned, T::Report) => Some(S::Reported),
        (S::Reported, T::Accept) => Some(S::Closed),
        (S::Reported, T::Return) => Some(S::Returned),
        _ => None,
    }
}

/// The steps open in `status`.
pub fn open_steps(status: NoticeStatus) -> Vec<NoticeStep> {
    NoticeStep::ALL
        .iter()
        .copied()
        .filter(|s| next(status, *s).is_some())
        .collect()
}

/// Where the rectification stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rectification {
    /// Waiting for a report, its day not passed.
    Due,
    /// Waiting for a report (none yet, or a returned one) past its day.
    Overdue,
    /// A report is in, or the notice is closed; the first report came by the day.
    OnTime,
    /// A report is in, or the notice is closed; the first report came after the day.
    Late,
}

impl Rectification {
    /// Where a notice due `deadline`, in `status`, first reported on `first_report` (if ever),
    /// stands on `today`. A returned report counts as none for what is still owed, but the
    /// day of the first report is what says whether the agency answered in time.
    pub fn of(
        deadline: NaiveDate,
        status: NoticeStatus,
        first_report: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        let waiting = matches!(status, NoticeStatus::Issued | NoticeStatus::Returned);
        match (waiting, first_report) {
            (true, _) if today > deadline => Rectification::Overdue,
            (true, _) => Rectification::Due,
            (_, Some(day)) if day > deadline => Rectification::Late,
            _ => Rectification::OnTime,
        }
    }

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rectification::Due => "due",
            Rectification::Overdue => "overdue",
            Rectification::OnTime => "on_time",
            Rectification::Late => "late",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Rectification::Due => lang.pick("整改期限内", "Within the deadline"),
            Rectification::Overdue => lang.pick("逾期未整改", "Overdue"),
            Rectification::OnTime => lang.pick("按期报告", "Reported in time"),
            Rectification::Late => lang.pick("逾期报告", "Reported late"),
        }
    }
}

/// A notice as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RawNotice {
    /// `opinion` or `decision`.
    pub kind: String,
    /// For a decision: `correct`, `stop`, `revoke` or `confirm_illegal`; empty for an opinion.
    #[serde(default)]
    pub order: String,
    /// The agency's code.
    pub agency: String,
    /// `warning`, `complaint`, `review`, `matter` or `other`.
    pub source: String,
    /// The source's reference (a case number, a complaint's tracking number, a round).
    #[serde(default)]
    pub source_ref: String,
    /// The problems found: facts and evidence.
    pub problems: String,
    /// What the agency must do.
    pub requirements: String,
    /// The legal basis of the finding and of the instrument.
    pub basis: String,
    /// The day by which the agency reports (YYYY-MM-DD).
    pub deadline: String,
}

/// A checked notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNotice {
    /// Which instrument.
    pub kind: NoticeKind,
    /// What a decision orders.
    pub order: Option<DecisionOrder>,
    /// Where the problem was found.
    pub source: NoticeSource,
    /// The source's reference (may be empty).
    pub source_ref: String,
    /// The problems found.
    pub problems: String,
    /// What the agency must do.
    pub requirements: String,
    /// The legal basis.
    pub basis: String,
    /// The report's day.
    pub deadline: NaiveDate,
}

fn keep<T>(errors: &mut Vec<ValidationError>, r: Result<T, ValidationError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

fn one_of<T>(field: Field, raw: &str, parse: fn(&str) -> Option<T>) -> Result<T, ValidationError> {
    parse(raw).ok_or_else(|| {
        ValidationError::new(
            field,
            if raw.trim().is_empty() {
                Rule::Required
            } else {
                Rule::OneOf
            },
        )
    })
}

/// Checks a notice issued on `today`; every error names its field and the rule.
pub fn validate_notice(
    raw: &RawNotice,
    today: NaiveDate,
) -> Result<ValidNotice, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let e = &mut errors;
    let kind = keep(e, one_of(Field::NoticeKind, &raw.kind, NoticeKind::parse));
    let order = match kind {
        Some(NoticeKind::Decision) => keep(
            e,
            one_of(Field::DecisionOrder, &raw.order, DecisionOrder::parse).map(Some),
        ),
        // An opinion orders nothing: a value here means the wrong instrument was chosen.
        Some(NoticeKind::Opinion) if !raw.order.trim().is_empty() => keep(
            e,
            Err(ValidationError::new(Field::DecisionOrder, Rule::OneOf)),
        ),
        _ => Some(None),
    };
    let source = keep(
        e,
        one_of(Field::NoticeSource, &raw.source, NoticeSource::parse),
    );
    let source_ref = if raw.source_ref.trim().is_empty() {
        Some(String::new())
    } else {
        keep(e, validate::text(Field::Reference, &raw.source_ref, 1, 100))
    };
    let problems = keep(
        e,
        validate::text(Field::Problems, &raw.problems, 10, MAX_TEXT),
    );
    let requirements = keep(
        e,
        validate::text(Field::Rectification, &raw.requirements, 5, MAX_TEXT),
    );
    let basis = keep(e, validate::text(Field::NoticeBasis, &raw.basis, 4, 1000));
    let deadline = keep(
        e,
        validate::date(Field::RectifyBy, &raw.deadline).and_then(|d| {
            if d <= today {
                Err(ValidationError::new(Field::RectifyBy, Rule::DateOrder))
            } else if d > today + Duration::days(MAX_RECTIFICATION_DAYS) {
                Err(ValidationError::new(
                    Field::RectifyBy,
                    Rule::Between {
                        min: 1,
                        max: MAX_RECTIFICATION_DAYS.unsigned_abs(),
                    },
                ))
            } else {
                Ok(d)
            }
        }),
    );
    match (
        kind,
        order,
        source,
        source_ref,
        problems,
        requirements,
        basis,
        deadline,
    ) {
        (
            Some(kind),
            Some(order),
            Some(source),
            Some(source_ref),
            Some(problems),
            Some(requirements),
            Some(basis),
            Some(deadline),
        ) if errors.is_empty() => Ok(ValidNotice {
            kind,
            order,
            source,
            source_ref,
            problems,
            requirements,
            basis,
            deadline,
        }),
        _ => Err(errors),
    }
}

/// A checked rectification report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReport {
    /// What was done.
    pub text: String,
    /// The supporting evidence, one item per line (may be empty).
    pub evidence: Vec<String>,
}

/// Checks a rectification report: what was done (10–4000 characters) and the evidence
/// supporting it, one item per line (at most [`MAX_EVIDENCE_LINES`]).
pub fn validate_report(text: &str, evidence: &str) -> Result<ValidReport, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let text = validate::text(Field::Report, text, 10, MAX_TEXT)
        .map_err(|e| errors.push(e))
        .ok();
    let lines: Vec<String> = evidence
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() > MAX_EVIDENCE_LINES {
        errors.push(ValidationError::new(
            Field::EvidenceList,
            Rule::TooMany {
                max: MAX_EVIDENCE_LINES,
            },
        ));
    } else if let Some(e) = lines
        .iter()
        .find_map(|l| validate::text(Field::EvidenceList, l, 2, 200).err())
    {
        errors.push(e);
    }
    match text {
        Some(text) if errors.is_empty() => Ok(ValidReport {
            text,
            evidence: lines,
        }),
        _ => Err(errors),
    }
}

/// Checks the supervisor's reason for returning a report, or note on accepting it (2–2000
/// characters; required for a return, optional for an acceptance).
pub fn validate_verdict(step: NoticeStep, note: &str) -> Result<String, ValidationError> {
    if step == NoticeStep::Accept && note.trim().is_empty() {
        return Ok(String::new());
    }
    validate::text(Field::Reason, note, 2, 2000)
}

/// A notice's number: the supervision body's short name, 监意 or 监决, the year and the
/// sequence of that instrument in that year (「临司监意〔2026〕1号」).
pub fn notice_number(short_name: &str, kind: NoticeKind, year: i32, seq: u32) -> String {
    let code = match kind {
        NoticeKind::Opinion => "监意",
        NoticeKind::Decision => "监决",
    };
    format!("{}{code}〔{year}〕{seq}号", short_name.trim())
}

/// What the document of a notice says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDoc<'a> {
    /// The supervision body's full name.
    pub body_name: &'a str,
    /// The agency's full name.
    pub agency_name: &'a str,
    /// Its number.
    pub number: &'a str,
    /// The day of issue.
    pub issued_on: NaiveDate,
    /// The notice.
    pub notice: &'a ValidNotice,
}

/// The document of a notice, in the layout of the case documents (GB/T 9704-2012 title,
/// number, addressee, body, the body's name and date).
pub fn document(d: &NoticeDoc<'_>) -> DocumentModel {
    let n = d.notice;
    let mut blocks = vec![Block::Plain(format!("{}：", d.agency_name))];
    let mut found = format!("本机关通过{}", n.source.label(Lang::Zh));
    if !n.source_ref.is_empty() {
        found.push_str(&format!("（{}）", n.source_ref));
    }
    found.push_str("发现，你单位的行政执法工作存在以下问题：");
    blocks.push(Block::Paragraph(found));
    blocks.extend(paragraphs(&n.problems));
    blocks.push(Block::Paragraph(format!("依据：{}", n.basis)));
    match (n.kind, n.order) {
        (NoticeKind::Decision, Some(order)) => {
            blocks.push(Block::Heading(format!(
                "本机关决定：{}。",
                order.label(Lang::Zh)
            )));
        }
        _ => blocks.push(Block::Heading("本机关提出如下监督意见：".to_owned())),
    }
    blocks.extend(paragraphs(&n.requirements));
    blocks.push(Block::Paragraph(format!(
        "请你单位于{}前完成整改，并将整改情况连同相关证明材料书面报告本机关。逾期未报告或者整改不到位的，本机关将依法约谈你单位负责人，并可予以通报。",
        chinese_date(n.deadline)
    )));
    DocumentModel {
        kind: None,
        agency_name: d.body_name.to_owned(),
        title: n.kind.label(Lang::Zh).to_owned(),
        number: Some(d.number.to_owned()),
        case_number: String::new(),
        blocks,
        signature: Some(Signature {
            agency: d.body_name.to_owned(),
            date: d.issued_on,
        }),
        verification: None,
        draft: false,
        public_version: false,
    }
}

fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(l.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn raw() -> RawNotice {
        RawNotice {
            kind: "opinion".into(),
            order: String::new(),
            agency: "SCJG".into(),
            source: "complaint".into(),
            source_ref: "TS-2026-0001".into(),
            problems: "对同一当事人连续三次罚款，均未责令改正违法行为。".into(),
            requirements: "对上述案件逐一复查，依法责令改正。".into(),
            basis: "《中华人民共和国行政处罚法》第二十八条".into(),
            deadline: "2026-12-31".into(),
        }
    }

    fn fields(r: Result<ValidNotice, Vec<ValidationError>>) -> Vec<(Field, Rule)> {
        r.expect_err("refused")
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn an_opinion_and_a_decision_are_accepted_with_what_they_must_state() {
        let today = d("2026-12-01");
        let v = validate_notice(&raw(), today).expect("valid");
        assert_eq!(v.kind, NoticeKind::Opinion);
        assert_eq!(v.order, None);
        assert_eq!(v.deadline, d("2026-12-31"));
        let mut dec = raw();
        dec.kind = "decision".into();
        dec.order = "confirm_illegal".into();
        let v = validate_notice(&dec, today).expect("valid decision");
        assert_eq!(v.order, Some(DecisionOrder::ConfirmIllegal));
        // Without a reference is fine: routine supervision has none.
        let mut plain = raw();
        plain.source = "other".into();
        plain.source_ref = " ".into();
        assert_eq!(
            validate_notice(&plain, today).expect("valid").source_ref,
            ""
        );
    }

    #[test]
    fn a_decision_must_say_what_it_orders_and_an_opinion_orders_nothing() {
        let today = d("2026-12-01");
        let mut dec = raw();
        dec.kind = "decision".into();
        assert_eq!(
            fields(validate_notice(&dec, today)),
            vec![(Field::DecisionOrder, Rule::Required)]
        );
        dec.order = "fine".into();
        assert_eq!(
            fields(validate_notice(&dec, today)),
            vec![(Field::DecisionOrder, Rule::OneOf)]
        );
        let mut op = raw();
        op.order = "revoke".into();
        assert_eq!(
            fields(validate_notice(&op, today)),
            vec![(Field::DecisionOrder, Rule::OneOf)]
        );
        let mut none = raw();
        none.kind = String::new();
        none.source = "rumour".into();
        assert_eq!(
            fields(validate_notice(&none, today)),
            vec![
                (Field::NoticeKind, Rule::Required),
                (Field::NoticeSource, Rule::OneOf)
            ]
        );
    }

    #[test]
    fn the_deadline_is_after_the_day_of_issue_and_within_ninety_days() {
        let today = d("2026-12-01");
        let at = |day: &str| {
            let mut r = raw();
            r.deadline = day.into();
            validate_notice(&r, today)
        };
        assert_eq!(
            fields(at("2026-12-01")),
            vec![(Field::RectifyBy, Rule::DateOrder)]
        );
        assert!(at("2026-12-02").is_ok());
        assert!(at("2027-03-01").is_ok(), "the 90th day");
        assert_eq!(
            fields(at("2027-03-02")),
            vec![(Field::RectifyBy, Rule::Between { min: 1, max: 90 })]
        );
        assert_eq!(
            fields(at("2026-13-01")),
            vec![(Field::RectifyBy, Rule::Date)]
        );
        assert_eq!(fields(at("")), vec![(Field::RectifyBy, Rule::Required)]);
    }

    #[test]
    fn every_empty_part_is_named() {
        let empty = RawNotice {
            kind: "opinion".into(),
            source: "other".into(),
            ..RawNotice::default()
        };
        let got = fields(validate_notice(&empty, d("2026-12-01")));
        let named: Vec<Field> = got.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            named,
            vec![
                Field::Problems,
                Field::Rectification,
                Field::NoticeBasis,
                Field::RectifyBy
            ]
        );
    }

    #[test]
    fn the_life_cycle_opens_each_step_only_where_it_belongs() {
        use NoticeStatus as S;
        use NoticeStep as T;
        for status in NoticeStatus::ALL {
            for step in NoticeStep::ALL {
                let expected = match (status, step) {
                    (S::Issued | S::Returned, T::Report) => Some(S::Reported),
                    (S::Reported, T::Accept) => Some(S::Closed),
                    (S::Reported, T::Return) => Some(S::Returned),
                    _ => None,
                };
                assert_eq!(next(*status, *step), expected, "{status:?} {step:?}");
            }
        }
        assert!(open_steps(S::Closed).is_empty(), "a closed notice is final");
        assert_eq!(open_steps(S::Returned), vec![T::Report]);
        assert!(T::Report.by_agency() && !T::Accept.by_agency() && !T::Return.by_agency());
    }

    #[test]
    fn a_rectification_is_overdue_only_while_owed_past_its_day_and_late_stays_late() {
        use NoticeStatus as S;
        use Rectification as R;
        let deadline = d("2026-12-10");
        assert_eq!(R::of(deadline, S::Issued, None, d("2026-12-10")), R::Due);
        assert_eq!(
            R::of(deadline, S::Issued, None, d("2026-12-11")),
            R::Overdue
        );
        assert_eq!(
            R::of(
                deadline,
                S::Reported,
                Some(d("2026-12-10")),
                d("2026-12-20")
            ),
            R::OnTime
        );
        assert_eq!(
            R::of(
                deadline,
                S::Reported,
                Some(d("2026-12-11")),
                d("2026-12-11")
            ),
            R::Late
        );
        // A returned report: owed again; overdue once the day has passed.
        assert_eq!(
            R::of(
                deadline,
                S::Returned,
                Some(d("2026-12-05")),
                d("2026-12-08")
            ),
            R::Due
        );
        assert_eq!(
            R::of(
                deadline,
                S::Returned,
                Some(d("2026-12-05")),
                d("2026-12-12")
            ),
            R::Overdue
        );
        assert_eq!(
            R::of(deadline, S::Closed, Some(d("2026-12-12")), d("2027-01-01")),
            R::Late
        );
    }

    #[test]
    fn a_report_states_what_was_done_and_lists_its_evidence() {
        let ok = validate_report(
            "已对三起案件逐一复查并责令改正。",
            "复查记录\n\n责令改正通知书 3 份\n",
        )
        .expect("valid");
        assert_eq!(ok.evidence, vec!["复查记录", "责令改正通知书 3 份"]);
        let errs = validate_report("已改", &"材料\n".repeat(31)).expect_err("refused");
        let named: Vec<(Field, Rule)> = errs.into_iter().map(|e| (e.field, e.rule)).collect();
        assert_eq!(
            named,
            vec![
                (
                    Field::Report,
                    Rule::Length {
                        min: 10,
                        max: MAX_TEXT
                    }
                ),
                (Field::EvidenceList, Rule::TooMany { max: 30 })
            ]
        );
        assert_eq!(validate_verdict(NoticeStep::Accept, " "), Ok(String::new()));
        assert_eq!(
            validate_verdict(NoticeStep::Return, " ").map_err(|e| e.field),
            Err(Field::Reason)
        );
    }

    #[test]
    fn numbers_run_per_instrument_and_the_document_says_what_is_owed_by_when() {
        assert_eq!(
            notice_number("临司", NoticeKind::Opinion, 2026, 3),
            "临司监意〔2026〕3号"
        );
        assert_eq!(
            notice_number(" 临司 ", NoticeKind::Decision, 2027, 1),
            "临司监决〔2027〕1号"
        );
        let mut r = raw();
        r.kind = "decision".into();
        r.order = "correct".into();
        let v = validate_notice(&r, d("2026-12-01")).expect("valid");
        let m = document(&NoticeDoc {
            body_name: "临江市司法局",
            agency_name: "临江市市场监督管理局",
            number: "临司监决〔2026〕1号",
            issued_on: d("2026-12-01"),
            notice: &v,
        });
        assert_eq!(m.title, "行政执法监督决定书");
        assert_eq!(m.number.as_deref(), Some("临司监决〔2026〕1号"));
        let text: Vec<String> = m
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(s) | Block::Plain(s) | Block::Heading(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let all = text.join("\n");
        assert!(all.starts_with("临江市市场监督管理局："));
        assert!(all.contains("投诉举报（TS-2026-0001）"));
        assert!(all.contains("本机关决定：责令改正。"));
        assert!(all.contains("2026年12月31日前完成整改"));
        assert!(all.contains("依据：《中华人民共和国行政处罚法》第二十八条"));
        assert_eq!(m.signature.map(|s| s.date), Some(d("2026-12-01")));
    }
}
