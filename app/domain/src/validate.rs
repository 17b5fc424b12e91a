//! Parsing of user input into checked values ("parse, don't validate").
//!
//! Every failure is a [`ValidationError`] naming the field and the rule, with a message in the
//! user's language. Nothing here trims silently beyond leading and trailing whitespace.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// An input field, named so that errors can say which one is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Login name.
    Username,
    /// Password.
    Password,
    /// New password when changing it.
    NewPassword,
    /// An integration account's API token.
    Token,
    /// A person's display name.
    DisplayName,
    /// A user's role.
    Role,
    /// The agency a user belongs to.
    Agency,
    /// An agency's full name.
    AgencyName,
    /// An agency's short code.
    AgencyCode,
    /// The short name used in document numbers (文号).
    ShortName,
    /// Administrative region code.
    RegionCode,
    /// Administrative region name.
    RegionName,
    /// Unified social credit code (统一社会信用代码).
    CreditCode,
    /// The legal basis of an agency.
    LegalBasis,
    /// Kind of agency.
    AgencyKind,
    /// Certificate or qualification number.
    CredentialNumber,
    /// Kind of credential.
    CredentialKind,
    /// Enforcement category or area a certificate covers.
    CredentialScope,
    /// First day of validity.
    ValidFrom,
    /// Last day of validity.
    ValidTo,
    /// Resident ID number (居民身份证号码).
    IdNumber,
    /// The kind of a natural person's identity document (证件类型).
    IdKind,
    /// The number of an identity document other than the resident ID (证件号码).
    DocumentNumber,
    /// A natural person's date of birth.
    BirthDate,
    /// Where a case clue came from.
    ClueSource,
    /// The sender's own identifier of a clue (idempotency key).
    Reference,
    /// A short title.
    Title,
    /// A description.
    Description,
    /// A place.
    Location,
    /// When something was reported.
    ReportedAt,
    /// A reporter's name.
    ReporterName,
    /// A reporter's phone number.
    ReporterPhone,
    /// A request body as a whole.
    Body,
    /// Step.
    Step,
    /// Date.
    Date,
    /// Reason or opinion.
    Reason,
    /// Officers.
    Officers,
    /// Outcome.
    Outcome,
    /// Service method.
    ServiceMethod,
    /// Hearing date.
    HearingDate,
    /// Hearing host.
    Host,
    /// Days of extension.
    Days,
    /// Discretion standard.
    Standard,
    /// Date of the act.
    ActDate,
    /// Date a continuous or continuing act ended (APL Art. 36 ¶2).
    ActEndedOn,
    /// Date received.
    ReceivedOn,
    /// Kind of evidence.
    EvidenceKind,
    /// File.
    File,
    /// Collected at.
    CollectedAt,
    /// Person questioned or object inspected.
    Subject,
    /// Record text.
    Content,
    /// Capture device.
    Device,
    /// Clue.
    Clue,
    /// Kind of penalty.
    Penalty,
    /// A fine, or a bound of a fine band, in fen.
    Fine,
    /// The written reasons for departing from the discretion standard (裁量基准).
    Justification,
    /// The provision the act violates (违法条款).
    Provision,
    /// The circumstance tier of a violation (违法情节).
    Circumstance,
    /// Whether the party is a natural person or an organisation.
    PartyKind,
    /// A party's name (当事人名称).
    PartyName,
    /// A party's phone number.
    Phone,
    /// A party's address.
    Address,
    /// An organisation's legal representative (法定代表人).
    LegalRepresentative,
    /// A major-decision catalog as a whole.
    Catalog,
    /// The fine thresholds of a catalog.
    FineThreshold,
    /// The confiscation thresholds of a catalog.
    ConfiscationThreshold,
    /// Measures (orders, revocations).
    Measures,
    /// The code of a flagged circumstance.
    FlagCode,
    /// The label of a flagged circumstance.
    FlagLabel,
    /// The value of what is confiscated.
    Confiscation,
    /// The day a catalog version takes effect.
    EffectiveFrom,
    /// Review checklist: subject and authority.
    CheckSubject,
    /// Review checklist: officer qualification.
    CheckQualification,
    /// Review checklist: the party's identity.
    CheckIdentity,
    /// Review checklist: facts and evidence.
    CheckFacts,
    /// Review checklist: legal basis.
    CheckBasis,
    /// Review checklist: procedure.
    CheckProcedure,
    /// Review checklist: discretion.
    CheckDiscretion,
    /// Review checklist: the party's rights.
    CheckRights,
    /// Review checklist: documents.
    CheckDocuments,
    /// Review checklist: transfer of a suspected crime.
    CheckCrime,
    /// The outcome of a review.
    ReviewOutcome,
    /// The reviewer's written opinion.
    Opinion,
    /// Submission material: investigation report.
    InvestigationReport,
    /// Submission material: draft decision.
    DraftDecision,
    /// Submission material: evidence list.
    EvidenceList,
    /// Submission material: statement and defence record.
    StatementRecord,
    /// Submission material: hearing record and report.
    HearingRecord,
    /// A Merkle tree size (audit proofs).
    TreeSize,
    /// A document's verification code (文书核验码).
    VerificationCode,
    /// A document file uploaded for verification.
    DocumentFile,
    /// An audit event's sequence number.
    Seq,
    /// A comment (acknowledging a warning).
    Comment,
    /// What a supervision matter requires of the agency.
    Requirement,
    /// The correction deadline of a supervision matter.
    DueDate,
    /// The agency's answer to a supervision matter.
    Response,
    /// The supervisor's conclusion closing a matter.
    Conclusion,
    /// The kind of a complaint (投诉/举报/评议).
    ComplaintKind,
    /// A case or decision number quoted by a member of the public.
    CaseNumber,
    /// A complaint's subject.
    ComplaintSubject,
    /// What a complaint says.
    ComplaintContent,
    /// An evaluation's rating.
    Rating,
    /// The complainant's name.
    ContactName,
    /// The complainant's phone.
    ContactPhone,
    /// How the agency is handling a complaint.
    HandlingNote,
    /// The reply to a complainant.
    Reply,
    /// A complaint's tracking number.
    TrackingNumber,
    /// A month (YYYY-MM) bounding statistics.
    Month,
    /// The dimension statistics are grouped by.
    Dimension,
    /// The last day a published decision stays on display.
    DisplayUntil,
    /// The legal basis of a withdrawal.
    WithdrawalBasis,
    /// Search: decided on or after.
    DateFrom,
    /// Search: decided on or before.
    DateTo,
    /// Search: smallest fine.
    FineMin,
    /// Search: largest fine.
    FineMax,
    /// A results page number.
    Page,
    /// Reconsideration or litigation.
    RemedyKind,
    /// The reconsideration body or court.
    RemedyBody,
    /// The day reconsideration was applied for or the suit filed.
    FiledOn,
    /// The result of a reconsideration or suit.
    RemedyOutcome,
    /// The day that result was made.
    DecidedOn,
    /// Whether a judgment has taken legal effect.
    Effective,
    /// A calendar year.
    Year,
    /// A year's holiday arrangement (JSON of the calendar format).
    HolidayData,
    /// A kind of supervision warning (a filter).
    WarningKind,
    /// What a request about a published decision asks for (更正 or 提前移出).
    RequestKind,
    /// Who asks for a correction or early removal (the party or its agent).
    RequesterName,
    /// Why a correction or early removal is asked for.
    RequestReason,
    /// The public explanation of a correction or early removal.
    PublicNote,
    /// Why a new version of the review catalog is published (修订说明).
    CatalogNote,
    /// The enterprise inspected (its credit code or supervision code).
    Enterprise,
    /// An enterprise's supervision code (行政执法监督码).
    SupervisionCode,
    /// An inspection item of the agency's list.
    InspectionItem,
    /// The kind of an inspection.
    InspectionKind,
    /// An inspection's code.
    InspectionCode,
    /// What an inspection found on site.
    Findings,
    /// Seal-up or seizure (查封、扣押).
    MeasureKind,
    /// The list of items sealed up or seized (清单).
    SeizedItems,
    /// The witness invited when the party is absent (见证人).
    Witness,
    /// Custody of seized items (保管).
    Custody,
    /// Why a coercive measure is released (解除理由).
    ReleaseReason,
    /// The words naming a matter of an agency's powers list, for clue routing (关键词).
    Keywords,
    /// The day an interview was held (约谈日期).
    HeldOn,
    /// Who took part in an interview (参加人员).
    Participants,
    /// What an interviewed agency committed to (整改承诺).
    Commitments,
    /// The day an interview's commitments are checked (回访日期).
    FollowUpOn,
    /// Whether a circular is internal or public (通报范围).
    CircularScope,
    /// A supervision notice's instrument: opinion or decision (文书种类).
    NoticeKind,
    /// What a supervision decision orders (决定事项).
    DecisionOrder,
    /// Where the supervisor found the problem (监督来源).
    NoticeSource,
    /// The problems a notice states (存在的问题).
    Problems,
    /// What a notice requires of the agency (整改要求).
    Rectification,
    /// The legal basis of a notice (依据).
    NoticeBasis,
    /// The day a notice's rectification is reported by (整改期限).
    RectifyBy,
    /// An agency's rectification report (整改情况).
    Report,
    /// How many case files a review round draws (抽查案卷数).
    SampleSize,
    /// The points a case-file review takes off, per criterion (扣分).
    Deduction,
    /// A case-file review's scoring template (评查标准).
    Criteria,
    /// An agency's objection to a case file's score (异议理由).
    Objection,
    /// First day of a review round's period (结案日期自).
    PeriodFrom,
    /// Last day of a review round's period (结案日期至).
    PeriodTo,
}

impl Field {
    /// The field's label in the given language.
    pub fn label(self, lang: Lang) -> &'static str {
        use Field::*;
        match self {
            Username => lang.pick("用户名", "Username"),
            Password => lang.pick("密码", "Password"),
            NewPassword => lang.pick("新密码", "New password"),
            Token => lang.pick("接口令牌", "API token"),
            DisplayName => lang.pick("姓名", "Name"),
            Role => lang.pick("角色", "Role"),
            Agency => lang.pick("所属机关", "Agency"),
            AgencyName => lang.pick("机关名称", "Agency name"),
            AgencyCode => lang.pick("机关代码", "Agency code"),
            ShortName => lang.pick("文号简称", "Short name for document numbers"),
            RegionCode => lang.pick("行政区划代码", "Region code"),
            RegionName => lang.pick("行政区划名称", "Region name"),
            CreditCode => lang.pick("统一社会信用代码", "Unified social credit code"),
            LegalBasis => lang.pick("设立依据", "Legal basis"),
            AgencyKind => lang.pick("机关类别", "Agency kind"),
            CredentialNumber => lang.pick("证件编号", "Credential number"),
            CredentialKind => lang.pick("证件类别", "Credential kind"),
            CredentialScope => lang.pick("执法类别/区域", "Category or area"),
            ValidFrom => lang.pick("有效期起", "Valid from"),
            ValidTo => lang.pick("有效期止", "Valid to"),
            IdNumber => lang.pick("身份证号码", "ID number"),
            IdKind => lang.pick("证件类型", "ID document type"),
            DocumentNumber => lang.pick("证件号码", "ID document number"),
            BirthDate => lang.pick("出生日期", "Date of birth"),
            ClueSource => lang.pick("案源渠道", "Source"),
            Reference => lang.pick("来源编号", "Reference"),
            Title => lang.pick("名称", "Title"),
            Description => lang.pick("内容描述", "Description"),
            Location => lang.pick("地点", "Location"),
            ReportedAt => lang.pick("反映时间", "Reported at"),
            ReporterName => lang.pick("反映人姓名", "Reporter's name"),
            ReporterPhone => lang.pick("反映人电话", "Reporter's phone"),
            Body => lang.pick("请求内容", "Request body"),
            Step => lang.pick("办理环节", "Step"),
            Date => lang.pick("日期", "Date"),
            Reason => lang.pick("理由或意见", "Reason or opinion"),
            Officers => lang.pick("执法人员", "Officers"),
            Outcome => lang.pick("处理结果", "Outcome"),
            ServiceMethod => lang.pick("送达方式", "Service method"),
            HearingDate => lang.pick("听证日期", "Hearing date"),
            Host => lang.pick("听证主持人", "Hearing host"),
            Days => lang.pick("延长天数", "Days of extension"),
            Standard => lang.pick("裁量基准", "Discretion standard"),
            ActDate => lang.pick("违法行为发生日期", "Date of the act"),
            ActEndedOn => lang.pick("违法行为终了日期", "Date the act ended"),
            ReceivedOn => lang.pick("案源受理日期", "Date received"),
            EvidenceKind => lang.pick("证据种类", "Kind of evidence"),
            File => lang.pick("文件", "File"),
            CollectedAt => lang.pick("收集时间", "Collected at"),
            Subject => lang.pick(
                "被询问人或检查对象",
                "Person questioned or object inspected",
            ),
            Content => lang.pick("笔录内容", "Record text"),
            Device => lang.pick("采集设备", "Capture device"),
            Clue => lang.pick("案源线索", "Clue"),
            Penalty => lang.pick("处罚种类", "Kind of penalty"),
            Fine => lang.pick("罚款金额", "Fine"),
            Justification => lang.pick(
                "偏离裁量基准的理由",
                "Justification for departing from the standard",
            ),
            Provision => lang.pick("违法条款", "Violated provision"),
            Circumstance => lang.pick("违法情节", "Circumstance"),
            PartyKind => lang.pick("当事人类型", "Party type"),
            PartyName => lang.pick("当事人名称", "Party name"),
            Phone => lang.pick("联系电话", "Phone"),
            Address => lang.pick("地址", "Address"),
            LegalRepresentative => lang.pick("法定代表人", "Legal representative"),
            Catalog => lang.pick("重大执法决定目录", "Major-decision catalog"),
            FineThreshold => lang.pick("罚款数额标准", "Fine thresholds"),
            ConfiscationThreshold => lang.pick("没收数额标准", "Confiscation thresholds"),
            Measures => lang.pick("处罚措施", "Measures"),
            FlagCode => lang.pick("情形代码", "Circumstance code"),
            FlagLabel => lang.pick("情形名称", "Circumstance name"),
            Confiscation => lang.pick("没收违法所得、非法财物价值", "Value confiscated"),
            EffectiveFrom => lang.pick("生效日期", "Effective from"),
            CheckSubject => lang.pick(
                "执法主体是否合法、是否在法定权限内",
                "Lawful enforcement subject, within its statutory authority",
            ),
            CheckQualification => lang.pick("执法人员是否具备执法资格", "Officers qualified"),
            CheckIdentity => lang.pick("当事人身份是否准确", "Party's identity accurate"),
            CheckFacts => lang.pick(
                "事实是否清楚，证据是否合法充分",
                "Facts clear, evidence lawful and sufficient",
            ),
            CheckBasis => lang.pick("适用法律依据是否准确", "Legal basis applied correctly"),
            CheckProcedure => lang.pick("程序是否合法", "Procedure lawful"),
            CheckDiscretion => {
                lang.pick("裁量基准运用是否适当", "Discretion applied appropriately")
            }
            CheckRights => lang.pick(
                "当事人陈述、申辩、听证等权利是否告知并保障",
                "Party's rights of statement, defence and hearing notified and protected",
            ),
            CheckDocuments => lang.pick(
                "执法文书是否完备、规范",
                "Documents complete and in proper form",
            ),
            CheckCrime => lang.pick(
                "是否涉嫌犯罪需要移送司法机关",
                "Crime suspected, transfer to judicial organs needed",
            ),
            ReviewOutcome => lang.pick("审核结论", "Review outcome"),
            Opinion => lang.pick("审核意见", "Review opinion"),
            InvestigationReport => lang.pick("调查终结报告", "Investigation report"),
            DraftDecision => lang.pick("拟作出的处罚决定", "Draft decision"),
            EvidenceList => lang.pick("证据清单", "Evidence list"),
            StatementRecord => lang.pick("陈述申辩笔录及复核意见", "Statement and defence record"),
            HearingRecord => lang.pick("听证笔录和听证报告", "Hearing record and report"),
            TreeSize => lang.pick("日志树大小", "Tree size"),
            VerificationCode => lang.pick("文书核验码", "Verification code"),
            DocumentFile => lang.pick("文书文件", "Document file"),
            Seq => lang.pick("事件序号", "Event number"),
            Comment => lang.pick("说明", "Comment"),
            Requirement => lang.pick("督办要求", "Requirement"),
            DueDate => lang.pick("整改期限", "Correction deadline"),
            Response => lang.pick("整改答复", "Answer"),
            Conclusion => lang.pick("办结意见", "Conclusion"),
            ComplaintKind => lang.pick("类别", "Kind"),
            CaseNumber => lang.pick("案件或决定书编号", "Case or decision number"),
            ComplaintSubject => lang.pick("标题", "Subject"),
            ComplaintContent => lang.pick("具体内容", "What happened"),
            Rating => lang.pick("评价", "Rating"),
            ContactName => lang.pick("联系人姓名", "Your name"),
            ContactPhone => lang.pick("联系电话", "Your phone"),
            HandlingNote => lang.pick("办理情况", "Handling"),
            Reply => lang.pick("答复意见", "Reply"),
            TrackingNumber => lang.pick("受理编号", "Tracking number"),
            Month => lang.pick("月份", "Month"),
            Dimension => lang.pick("统计维度", "Grouped by"),
            DisplayUntil => lang.pick("公示截止日期", "Displayed until"),
            WithdrawalBasis => lang.pick("撤回依据", "Basis of the withdrawal"),
            DateFrom => lang.pick("决定日期起", "Decided from"),
            DateTo => lang.pick("决定日期止", "Decided to"),
            FineMin => lang.pick("罚款金额下限（元）", "Smallest fine (yuan)"),
            FineMax => lang.pick("罚款金额上限（元）", "Largest fine (yuan)"),
            Page => lang.pick("页码", "Page"),
            RemedyKind => lang.pick("救济途径", "Remedy"),
            RemedyBody => lang.pick("复议机关或人民法院", "Reconsideration body or court"),
            FiledOn => lang.pick("申请或起诉日期", "Applied or filed on"),
            RemedyOutcome => lang.pick("复议决定或裁判结果", "Result"),
            DecidedOn => lang.pick("作出结果日期", "Result given on"),
            Effective => lang.pick("裁判生效情况", "Judgment in effect"),
            Year => lang.pick("年度", "Year"),
            HolidayData => lang.pick("节假日安排数据", "Holiday arrangement data"),
            WarningKind => lang.pick("预警类型", "Kind of warning"),
            RequestKind => lang.pick("申请事项", "What you ask for"),
            RequesterName => lang.pick("申请人", "Applicant"),
            RequestReason => lang.pick("申请理由", "Reason for the request"),
            PublicNote => lang.pick("公开说明", "Public explanation"),
            CatalogNote => lang.pick("修订说明", "Why it changes"),
            Enterprise => lang.pick("检查对象", "Enterprise inspected"),
            SupervisionCode => lang.pick("行政执法监督码", "Supervision code"),
            InspectionItem => lang.pick("检查事项", "Inspection item"),
            InspectionKind => lang.pick("检查类型", "Kind of inspection"),
            InspectionCode => lang.pick("检查编码", "Inspection code"),
            Findings => lang.pick("现场检查情况", "Findings on site"),
            MeasureKind => lang.pick("措施类型", "Kind of measure"),
            SeizedItems => lang.pick("查封、扣押物品清单", "List of items"),
            Witness => lang.pick("见证人", "Witness"),
            Custody => lang.pick("保管场所及保管人", "Custody"),
            ReleaseReason => lang.pick("解除理由", "Reason for the release"),
            Keywords => lang.pick("关键词", "Keywords"),
            HeldOn => lang.pick("约谈日期", "Day of the interview"),
            Participants => lang.pick("参加人员", "Participants"),
            Commitments => lang.pick("整改承诺", "Commitments"),
            FollowUpOn => lang.pick("回访日期", "Follow-up day"),
            CircularScope => lang.pick("通报范围", "Scope of the circular"),
            NoticeKind => lang.pick("文书种类", "Instrument"),
            DecisionOrder => lang.pick("决定事项", "What the decision orders"),
            NoticeSource => lang.pick("监督来源", "Source"),
            Problems => lang.pick("存在的问题", "Problems found"),
            Rectification => lang.pick("整改要求", "Rectification required"),
            NoticeBasis => lang.pick("依据", "Legal basis"),
            RectifyBy => lang.pick("整改期限", "Rectification deadline"),
            Report => lang.pick("整改情况", "Rectification report"),
            SampleSize => lang.pick("抽查案卷数", "Files to draw"),
            Deduction => lang.pick("扣分", "Points off"),
            Criteria => lang.pick("评查标准", "Scoring template"),
            Objection => lang.pick("异议理由", "Objection"),
            PeriodFrom => lang.pick("结案日期自", "Closed from"),
            PeriodTo => lang.pick("结案日期至", "Closed until"),
        }
    }
}

/// The rule an input broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// The field is empty.
    Required,
    /// Too short or too long, in characters.
    Length {
        /// Minimum characters.
        min: usize,
        /// Maximum characters.
        max: usize,
    },
    /// Characters outside the allowed set.
    Charset,
    /// A check digit does not match (GB 32100, GB 11643).
    CheckDigit,
    /// Allowed characters, but not the layout the document's numbers have (prefix or length).
    Format,
    /// Not a valid date (YYYY-MM-DD).
    Date,
    /// The end date is before the start date.
    DateOrder,
    /// An end of the act before the act itself.
    BeforeAct,
    /// Not one of the allowed values.
    OneOf,
    /// Already taken by another record.
    Unique,
    /// A referenced record does not exist.
    Exists,
    /// The request body is not well-formed JSON of the expected shape.
    Malformed,
    /// A date or time lies in the future.
    NotInFuture,
    /// A judgment that has not yet taken legal effect (an appeal is still possible).
    NotYetEffective,
    /// An amount is below zero.
    NonNegative,
    /// The upper bound of a range is below its lower bound.
    RangeOrder,
    /// The discretion tiers are out of order: a heavier tier's upper bound is below a lighter
    /// tier's (minor ≤ general ≤ serious).
    TierOrder,
    /// Not an amount in yuan with at most two decimals.
    Amount,
    /// Must be greater than zero.
    Positive,
    /// A plain approval while a checklist point is marked as a problem.
    ApprovalWithProblems,
    /// A return while no checklist point is marked as a problem.
    ReturnWithoutProblem,
    /// A file is larger than the configured limit.
    FileTooLarge {
        /// The limit in MiB.
        max_mib: u64,
    },
    /// More than one file where one is accepted.
    SingleFile,
    /// Holiday data the calendar refuses, with the calendar's reason (which date, which
    /// list).
    HolidayData {
        /// The calendar's reason.
        detail: String,
    },
    /// A password that is among the most common ones, a keyboard walk, a sequence, all digits
    /// or nearly one repeated character: guessed first by anyone.
    CommonPassword,
    /// Early removal of a published decision asked for before its shortest display period
    /// ends.
    MinDisplayPeriod {
        /// The first day early removal may be asked for.
        from: NaiveDate,
    },
    /// A new version identical to the one in force: nothing would change.
    Unchanged,
    /// Fewer entries than the rule asks for (two officers for an inspection).
    TooFew {
        /// The least number.
        min: usize,
    },
    /// A number outside its bounds, both included (days of an extension).
    Between {
        /// The least.
        min: u64,
        /// The most.
        max: u64,
    },
    /// More entries than the rule allows (lines of a seizure's list of items).
    TooMany {
        /// The most.
        max: usize,
    },
    /// Points taken off one criterion of a scoring template beyond its weight.
    CriterionPoints {
        /// The criterion's name.
        criterion: String,
        /// Its weight.
        max: u32,
    },
    /// Points taken off one criterion without saying why.
    CriterionComment {
        /// The criterion's name.
        criterion: String,
    },
    /// A scoring template whose weights do not add up to 100.
    WeightsTotal {
        /// What they add up to.
        total: u32,
    },
}

/// A field that broke a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field:?}: {rule:?}")]
pub struct ValidationError {
    /// Which field.
    pub field: Field,
    /// Which rule.
    #[serde(flatten)]
    pub rule: Rule,
}

impl ValidationError {
    /// Creates an error.
    pub fn new(field: Field, rule: Rule) -> Self {
        Self { field, rule }
    }

    /// A sentence for the user naming the field and the rule.
    pub fn message(&self, lang: Lang) -> String {
        self.message_labelled(self.field.label(lang), lang)
    }

    /// The same sentence naming the field as the form in front of the user labels it (issue 22
    /// item 3: 「违法行为」, not 「名称」, on a form whose field says 违法行为).
    pub fn message_labelled(&self, label: &str, lang: Lang) -> String {
        let label = label_without_hint(label);
        let phone = matches!(
            self.field,
            Field::ReporterPhone | Field::Phone | Field::ContactPhone
        );
        let rule = match (&self.rule, lang) {
            // Issue 22 item 3: the rule that failed, not a generic one. An ID number whose
            // birth date does not exist is not asked to be "a date in YYYY-MM-DD"; a phone
            // number with too few digits has no "characters that are not allowed".
            (Rule::Date, Lang::Zh) if self.field == Field::IdNumber => {
                "中的出生日期（第 7–14 位）不是有效日期，请核对号码".to_owned()
            }
            (Rule::Date, Lang::En) if self.field == Field::IdNumber => {
                "holds a birth date (digits 7–14) that does not exist; please check the number"
                    .to_owned()
            }
            (Rule::Charset, Lang::Zh) if phone => {
                "须为 11 位手机号码或带区号的固定电话（如 0571-87654321）".to_owned()
            }
            (Rule::Charset, Lang::En) if phone => {
                "must be an 11-digit mobile number or a landline with its area code (e.g. 0571-87654321)"
                    .to_owned()
            }
            (Rule::Required, Lang::Zh) => "不能为空".to_owned(),
            (Rule::Required, Lang::En) => "must not be empty".to_owned(),
            (Rule::Length { min, max }, Lang::Zh) => format!("长度须为 {min}–{max} 个字符"),
            (Rule::Length { min, max }, Lang::En) => {
                format!("must be {min}–{max} characters long")
            }
            (Rule::Charset, Lang::Zh) => "含有不允许的字符".to_owned(),
            (Rule::Charset, Lang::En) => "contains characters that are not allowed".to_owned(),
            (Rule::CheckDigit, Lang::Zh) => "校验位不正确，请核对号码".to_owned(),
            (Rule::CheckDigit, Lang::En) => {
                "has a wrong check digit; please check the number".to_owned()
            }
            (Rule::Format, Lang::Zh) => "不符合该证件的号码编排规则，请核对证件类型和号码".to_owned(),
            (Rule::Format, Lang::En) => {
                "does not match the number format of this kind of document; please check the type and the number".to_owned()
            }
            (Rule::Date, Lang::Zh) => "须为有效日期（格式 YYYY-MM-DD）".to_owned(),
            (Rule::Date, Lang::En) => "must be a valid date (YYYY-MM-DD)".to_owned(),
            // An interview's follow-up day: after the interview, within a year of it.
            (Rule::DateOrder, Lang::Zh) if self.field == Field::FollowUpOn => {
                "须晚于约谈日期".to_owned()
            }
            (Rule::DateOrder, Lang::En) if self.field == Field::FollowUpOn => {
                "must be after the day of the interview".to_owned()
            }
            (Rule::Between { max, .. }, Lang::Zh) if self.field == Field::FollowUpOn => {
                format!("须在约谈后 {max} 日内")
            }
            (Rule::Between { max, .. }, Lang::En) if self.field == Field::FollowUpOn => {
                format!("must be within {max} days of the interview")
            }
            // A notice's rectification deadline: after its day of issue, within the limit.
            (Rule::DateOrder, Lang::Zh) if self.field == Field::RectifyBy => {
                "须晚于文书发出之日".to_owned()
            }
            (Rule::DateOrder, Lang::En) if self.field == Field::RectifyBy => {
                "must be after the day the notice is issued".to_owned()
            }
            (Rule::Between { max, .. }, Lang::Zh) if self.field == Field::RectifyBy => {
                format!("须在文书发出后 {max} 日内")
            }
            (Rule::Between { max, .. }, Lang::En) if self.field == Field::RectifyBy => {
                format!("must be within {max} days of the notice")
            }
            (Rule::DateOrder, Lang::Zh) if self.field == Field::PeriodTo => {
                "不能早于「结案日期自」".to_owned()
            }
            (Rule::DateOrder, Lang::En) if self.field == Field::PeriodTo => {
                "must not be before the first day".to_owned()
            }
            (Rule::DateOrder, Lang::Zh) if self.field == Field::DueDate => "不能早于今天".to_owned(),
            (Rule::DateOrder, Lang::En) if self.field == Field::DueDate => {
                "must not be before today".to_owned()
            }
            (Rule::DateOrder, Lang::Zh) => "不能早于有效期起始日".to_owned(),
            (Rule::DateOrder, Lang::En) => "must not be before the start date".to_owned(),
            (Rule::BeforeAct, Lang::Zh) => "不能早于违法行为发生日期".to_owned(),
            (Rule::BeforeAct, Lang::En) => "must not be before the date of the act".to_owned(),
            (Rule::OneOf, Lang::Zh) => "不是允许的取值".to_owned(),
            (Rule::OneOf, Lang::En) => "is not one of the allowed values".to_owned(),
            (Rule::Unique, Lang::Zh) => "已被使用".to_owned(),
            (Rule::Unique, Lang::En) => "is already in use".to_owned(),
            (Rule::Exists, Lang::Zh) => "不存在".to_owned(),
            (Rule::Exists, Lang::En) => "does not exist".to_owned(),
            (Rule::Malformed, Lang::Zh) => "格式不正确".to_owned(),
            (Rule::Malformed, Lang::En) => "is malformed".to_owned(),
            (Rule::NotInFuture, Lang::Zh) => "不能晚于当前时间".to_owned(),
            (Rule::NotInFuture, Lang::En) => "must not be in the future".to_owned(),
            (Rule::NotYetEffective, Lang::Zh) => {
                "裁判尚未发生法律效力的（仍可上诉），待生效后再登记结果".to_owned()
            }
            (Rule::NotYetEffective, Lang::En) => {
                "record the result once the judgment has taken effect (it can still be appealed)"
                    .to_owned()
            }
            (Rule::NonNegative, Lang::Zh) => "不能为负数".to_owned(),
            (Rule::NonNegative, Lang::En) => "must not be negative".to_owned(),
            (Rule::RangeOrder, Lang::Zh) => "上限不能低于下限".to_owned(),
            (Rule::RangeOrder, Lang::En) => {
                "must have an upper bound no lower than its lower bound".to_owned()
            }
            (Rule::TierOrder, Lang::Zh) => "各档次上限须按轻微、一般、严重依次不降低".to_owned(),
            (Rule::TierOrder, Lang::En) => {
                "upper bounds must not decrease from minor to general to serious".to_owned()
            }
            (Rule::Amount, Lang::Zh) => {
                "须为以元为单位的金额，最多两位小数（如 2000 或 2000.50）".to_owned()
            }
            (Rule::Amount, Lang::En) => {
                "must be an amount in yuan with at most two decimals (e.g. 2000 or 2000.50)"
                    .to_owned()
            }
            (Rule::Positive, Lang::Zh) => "须大于零".to_owned(),
            (Rule::Positive, Lang::En) => "must be greater than zero".to_owned(),
            (Rule::ApprovalWithProblems, Lang::Zh) => {
                "有审核要点存在问题时不能直接同意，请选择“同意，并提出意见”或退回".to_owned()
            }
            (Rule::ApprovalWithProblems, Lang::En) => {
                "cannot be a plain approval while a point has a problem: approve with opinions or return"
                    .to_owned()
            }
            (Rule::ReturnWithoutProblem, Lang::Zh) => {
                "退回时须至少标明一个存在问题的审核要点".to_owned()
            }
            (Rule::ReturnWithoutProblem, Lang::En) => {
                "a return must mark at least one point as a problem".to_owned()
            }
            (Rule::FileTooLarge { max_mib }, Lang::Zh) => format!("超过大小上限 {max_mib} MiB"),
            (Rule::FileTooLarge { max_mib }, Lang::En) => {
                format!("is larger than the limit of {max_mib} MiB")
            }
            (Rule::CommonPassword, Lang::Zh) => {
                "过于常见或容易猜到（常用密码、键盘序列、连续或重复字符、纯数字），请换一个".to_owned()
            }
            (Rule::CommonPassword, Lang::En) => {
                "is too common or easy to guess (a common password, a keyboard walk, a sequence, repeated characters or digits only)".to_owned()
            }
            (Rule::SingleFile, Lang::Zh) => "只能附一个文件".to_owned(),
            (Rule::SingleFile, Lang::En) => "takes one file only".to_owned(),
            (Rule::HolidayData { detail }, Lang::Zh) => {
                format!("不符合节假日安排数据格式或放假办法：{detail}")
            }
            (Rule::HolidayData { detail }, Lang::En) => {
                format!("is refused by the calendar: {detail}")
            }
            (Rule::TooFew { min }, Lang::Zh) => format!("至少须有 {min} 名（项）"),
            (Rule::TooFew { min }, Lang::En) => format!("needs at least {min}"),
            (Rule::Between { min, max }, Lang::Zh) => format!("须在 {min} 至 {max} 之间"),
            (Rule::Between { min, max }, Lang::En) => format!("must be between {min} and {max}"),
            (Rule::CriterionPoints { criterion, max }, Lang::Zh) => {
                format!("中「{criterion}」的扣分须在 0 至 {max} 分之间")
            }
            (Rule::CriterionPoints { criterion, max }, Lang::En) => {
                format!("for “{criterion}” must be between 0 and {max} points")
            }
            (Rule::CriterionComment { criterion }, Lang::Zh) => {
                format!("中「{criterion}」扣了分，须逐项写明扣分理由")
            }
            (Rule::CriterionComment { criterion }, Lang::En) => {
                format!("for “{criterion}” takes points off and must say why")
            }
            (Rule::WeightsTotal { total }, Lang::Zh) => {
                format!("各项分值合计须为 100 分，现为 {total} 分")
            }
            (Rule::WeightsTotal { total }, Lang::En) => {
                format!("must have weights adding up to 100, not {total}")
            }
            (Rule::TooMany { max }, Lang::Zh) => format!("最多 {max} 项"),
            (Rule::TooMany { max }, Lang::En) => format!("has at most {max} entries"),
            (Rule::Unchanged, Lang::Zh) => "与现行版本完全相同，无需发布新版本".to_owned(),
            (Rule::Unchanged, Lang::En) => {
                "is identical to the version in force: there is nothing to publish".to_owned()
            }
            (Rule::MinDisplayPeriod { from }, Lang::Zh) => {
                format!("提前移出须在最短公示期届满后申请，最早可于 {from} 申请")
            }
            (Rule::MinDisplayPeriod { from }, Lang::En) => {
                format!("early removal may be asked for once the shortest display period ends, on {from} at the earliest")
            }
        };
        match lang {
            Lang::Zh => format!("「{label}」{rule}"),
            Lang::En => format!("{label}: {rule}"),
        }
    }
}

/// A form label without the hint in brackets at its end: 「罚款金额」 for a field labelled
/// 「罚款金额（元）」, "Fine" for "Fine (yuan)". A label that is all hint stays whole.
pub fn label_without_hint(label: &str) -> &str {
    let label = label.trim();
    let cut = if label.ends_with('）') {
        label.find('（')
    } else if label.ends_with(')') {
        label.find(" (").or_else(|| label.find('('))
    } else {
        None
    };
    match cut.map(|i| label[..i].trim_end()) {
        Some(short) if !short.is_empty() => short,
        _ => label,
    }
}

/// Checks a free-text field: trimmed, non-empty, at most `max` characters, no control
/// characters except newlines when `multiline`.
pub fn text(field: Field, input: &str, min: usize, max: usize) -> Result<String, ValidationError> {
    let value = input.trim();
    if value.is_empty() && min > 0 {
        return Err(ValidationError::new(field, Rule::Required));
    }
    let n = value.chars().count();
    if n < min || n > max {
        return Err(ValidationError::new(field, Rule::Length { min, max }));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ValidationError::new(field, Rule::Charset));
    }
    Ok(value.to_owned())
}

/// A login name: 3–32 characters of `a-z 0-9 _ . -`, stored in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    /// Parses and lower-cases a login name.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let value = text(Field::Username, input, 3, 32)?.to_ascii_lowercase();
        if !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return Err(ValidationError::new(Field::Username, Rule::Charset));
        }
        Ok(Self(value))
    }

    /// The normalised login name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy: 10–128 characters. Never trimmed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Minimum length of a new password.
    pub const MIN: usize = 10;
    /// Maximum length of a password.
    pub const MAX: usize = 128;

    /// Checks a new password against the policy, reporting errors on `field`.
    pub fn parse(field: Field, input: &str) -> Result<Self, ValidationError> {
        if input.is_empty() {
            return Err(ValidationError::new(field, Rule::Required));
        }
        let n = input.chars().count();
        if !(Self::MIN..=Self::MAX).contains(&n) {
            return Err(ValidationError::new(
                field,
                Rule::Length {
                    min: Self::MIN,
                    max: Self::MAX,
                },
            ));
        }
        if guessable(input) {
            return Err(ValidationError::new(field, Rule::CommonPassword));
        }
        Ok(Self(input.to_owned()))
    }

    /// The password text.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The bases of the passwords tried first (the most common ones in the leaked lists, in China
/// and elsewhere), compared after lower-casing, undoing common letter substitutions and
/// stripping the digits and signs people put around them.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "qwerty",
    "qwertyuiop",
    "asdfgh",
    "asdfghjkl",
    "zxcvbnm",
    "qazwsx",
    "qazwsxedc",
    "iloveyou",
    "woaini",
    "woaiwojia",
    "admin",
    "administrator",
    "root",
    "welcome",
    "letmein",
    "abc",
    "abcd",
    "abcdef",
    "abcdefg",
    "abcdefgh",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "batman",
    "trustno",
    "master",
    "shadow",
    "michael",
    "jennifer",
    "starwars",
    "whatever",
    "changeme",
    "default",
    "login",
    "test",
    "guest",
    "user",
    "tianping",
    "zhangsan",
    "lisi",
    "wangwu",
    "aini",
    "hello",
    "helloworld",
    "computer",
    "internet",
    "china",
    "beijing",
    "shanghai",
    "shenzhen",
    "love",
    "lovely",
    "abcabc",
    "aaa",
    "qwe",
    "qweasd",
    "qweasdzxc",
    "asd",
    "zxc",
    "secret",
    "security",
    "government",
    "zhengfu",
    "zhifa",
];

/// Keyboard rows and walks and plain sequences: a password inside one is a walk.
const WALKS: &[&str] = &[
    "1234567890123456789",
    "0987654321098765432",
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1q2w3e4r5t6y7u8i9o0p",
    "qaz wsx edc rfv tgb yhn ujm",
    "!@#$%^&*()_+",
];

/// Whether a password is among the first an attacker tries (see [`Rule::CommonPassword`]).
fn guessable(input: &str) -> bool {
    let lower = input.to_lowercase();
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 3 || lower.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if WALKS
        .iter()
        .any(|w| w.replace(' ', "").contains(&squeezed) || w.contains(&squeezed))
    {
        return true;
    }
    let is_filler = |c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace();
    let base: String = lower
        .trim_matches(is_filler)
        .chars()
        .map(|c| match c {
            '@' | '4' => 'a',
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '$' | '5' => 's',
            '7' => 't',
            c => c,
        })
        .collect();
    // The base itself, or the base said twice ("passwordpassword").
    let chars: Vec<char> = base.chars().collect();
    let half: Option<String> = (chars.len() % 2 == 0
        && chars[..chars.len() / 2] == chars[chars.len() / 2..])
        .then(|| chars[..chars.len() / 2].iter().collect());
    COMMON_PASSWORDS
        .iter()
        .any(|c| *c == base || half.as_deref() == Some(*c))
}

/// An agency code: 2–16 characters of `A-Z 0-9 -`, upper case. Used in URLs and the clue API.
pub fn agency_code(input: &str) -> Result<String, ValidationError> {
    let value = text(Field::AgencyCode, input, 2, 16)?.to_ascii_uppercase();
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ValidationError::new(Field::AgencyCode, Rule::Charset));
    }
    Ok(value)
}

/// An administrative region code: six digits (GB/T 2260).
pub fn region_code(input: &str) -> Result<String, ValidationError> {
    let value = text(Field::RegionCode, input, 6, 6)?;
    if !value.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::new(Field::RegionCode, Rule::Charset));
    }
    Ok(value)
}

/// A certificate or qualification number: 4–32 characters of letters, digits and `-`.
pub fn credential_number(input: &str) -> Result<String, ValidationError> {
    let value = text(Field::CredentialNumber, input, 4, 32)?.to_ascii_uppercase();
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ValidationError::new(Field::CredentialNumber, Rule::Charset));
    }
    Ok(value)
}

/// Parses a `YYYY-MM-DD` date.
pub fn date(field: Field, input: &str) -> Result<NaiveDate, ValidationError> {
    let value = input.trim();
    if value.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| ValidationError::new(field, Rule::Date))
}

/// A validity window: `valid_to` (if any) is not before `valid_from`.
pub fn validity(
    from: &str,
    to: Option<&str>,
) -> Result<(NaiveDate, Option<NaiveDate>), ValidationError> {
    let from = date(Field::ValidFrom, from)?;
    let to = match to.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(date(Field::ValidTo, s)?),
        None => None,
    };
    if let Some(to) = to
        && to < from
    {
        return Err(ValidationError::new(Field::ValidTo, Rule::DateOrder));
    }
    Ok((from, to))
}

const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
/// code's 31-character set, the last a check character computed with modulus 31.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses and checks a credit code.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let value = text(Field::CreditCode, input, 18, 18)?.to_ascii_uppercase();
        let mut digits = Vec::with_capacity(18);
        for c in value.chars() {
            match CREDIT_CHARSET.find(c) {
                Some(i) => digits.push(i as u32),
                None => return Err(ValidationError::new(Field::CreditCode, Rule::Charset)),
            }
        }
        let sum: u32 = digits.iter().zip(CREDIT_WEIGHTS).map(|(d, w)| d * w).sum();
        let check = (31 - sum % 31) % 31;
        if digits[17] != check {
            return Err(ValidationError::new(Field::CreditCode, Rule::CheckDigit));
        }
        Ok(Self(value))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// A resident ID number (居民身份证号码, GB 11643-1999): 17 digits, a valid birth date in
/// positions 7–14, and a check character computed with ISO 7064 MOD 11-2.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdNumber(String);

impl std::fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdNumber({}…)", &self.0[..6])
    }
}

impl IdNumber {
    /// Parses and checks an ID number.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let value = text(Field::IdNumber, input, 18, 18)?.to_ascii_uppercase();
        let bytes = value.as_bytes();
        if !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(ValidationError::new(Field::IdNumber, Rule::Charset));
        }
        if NaiveDate::parse_from_str(&value[6..14], "%Y%m%d").is_err() {
            return Err(ValidationError::new(Field::IdNumber, Rule::Date));
        }
        let sum: u32 = bytes[..17]
            .iter()
            .zip(ID_WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        if char::from(bytes[17]) != ID_CHECK[(sum % 11) as usize] {
            return Err(ValidationError::new(Field::IdNumber, Rule::CheckDigit));
        }
        Ok(Self(value))
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date in positions 7–14 (`YYYYMMDD`). Always `Some` for a number from
    /// [`IdNumber::parse`]; `None` only for one deserialised without checks.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.0.get(6..14)?, "%Y%m%d").ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule<T: std::fmt::Debug>(r: Result<T, ValidationError>) -> Rule {
        r.expect_err("should be rejected").rule
    }

    #[test]
    fn a_label_loses_its_bracketed_hint_and_nothing_else() {
        assert_eq!(
            label_without_hint("统一社会信用代码（18 位）"),
            "统一社会信用代码"
        );
        assert_eq!(
            label_without_hint("违反的法律条款（如《中华人民共和国食品安全法》第三十四条第十项）"),
            "违反的法律条款"
        );
        assert_eq!(label_without_hint("Fine (yuan)"), "Fine");
        assert_eq!(label_without_hint("Fine(yuan)"), "Fine");
        assert_eq!(label_without_hint("涉及的执法机关"), "涉及的执法机关");
        assert_eq!(label_without_hint("（全部）"), "（全部）");
        assert_eq!(label_without_hint("  标题 "), "标题");
        assert_eq!(label_without_hint("a (b) c"), "a (b) c");
        let e = ValidationError::new(Field::CreditCode, Rule::CheckDigit);
        assert_eq!(
            e.message_labelled("统一社会信用代码（18 位）", Lang::Zh),
            "「统一社会信用代码」校验位不正确，请核对号码"
        );
    }

    #[test]
    fn a_message_can_name_the_field_as_the_form_labels_it() {
        let e = ValidationError::new(Field::Title, Rule::Required);
        assert_eq!(e.message(Lang::Zh), "「名称」不能为空");
        assert_eq!(
            e.message_labelled("违法行为", Lang::Zh),
            "「违法行为」不能为空"
        );
        assert_eq!(
            e.message_labelled("Act", Lang::En),
            "Act: must not be empty"
        );
    }

    #[test]
    fn a_bad_id_number_or_phone_is_told_the_rule_it_broke_not_a_generic_one() {
        let id = ValidationError::new(Field::IdNumber, Rule::Date);
        assert_eq!(
            id.message(Lang::Zh),
            "「身份证号码」中的出生日期（第 7–14 位）不是有效日期，请核对号码"
        );
        assert!(!id.message(Lang::Zh).contains("YYYY-MM-DD"));
        assert!(id.message(Lang::En).contains("birth date"));
        // Another date field keeps the date rule's sentence.
        assert!(
            ValidationError::new(Field::ValidFrom, Rule::Date)
                .message(Lang::Zh)
                .contains("YYYY-MM-DD")
        );
        for field in [Field::ReporterPhone, Field::Phone, Field::ContactPhone] {
            let short = crate::clue::phone("1380013").expect_err("too short");
            let e = ValidationError::new(field, short.rule);
            let zh = e.message(Lang::Zh);
            assert!(zh.contains("11 位手机号码"), "{zh}");
            assert!(zh.contains(field.label(Lang::Zh)), "{zh}");
            assert!(!zh.contains("不允许的字符"), "{zh}");
            assert!(e.message(Lang::En).contains("11-digit"));
        }
        // Elsewhere a bad character is still called one.
        assert!(
            ValidationError::new(Field::Username, Rule::Charset)
                .message(Lang::Zh)
                .contains("不允许的字符")
        );
    }

    #[test]
    fn usernames_are_lower_cased_and_limited_to_a_safe_charset() {
        assert_eq!(
            Username::parse("  Officer.Zhang ").expect("ok").as_str(),
            "officer.zhang"
        );
        assert_eq!(rule(Username::parse("")), Rule::Required);
        assert_eq!(
            rule(Username::parse("ab")),
            Rule::Length { min: 3, max: 32 }
        );
        assert_eq!(
            rule(Username::parse(&"a".repeat(33))),
            Rule::Length { min: 3, max: 32 }
        );
        assert_eq!(rule(Username::parse("张三丰")), Rule::Charset);
        assert_eq!(rule(Username::parse("a b c")), Rule::Charset);
    }

    #[test]
    fn common_and_guessable_passwords_are_refused() {
        for weak in [
            "password123",
            "Password2026!",
            "P@ssw0rd2024",
            "passwordpassword",
            "1234567890",
            "13800138000",
            "qwertyuiop",
            "QWERTYUIOP12",
            "1qaz2wsx3edc",
            "1q2w3e4r5t",
            "abcdefghijk",
            "aaaaaaaaaaaa",
            "abababababab",
            "woaini1314520",
            "Admin@123456",
            "tianping2026",
            "密码密码密码密码密码",
        ] {
            assert_eq!(
                rule(Password::parse(Field::Password, weak)),
                Rule::CommonPassword,
                "{weak}"
            );
        }
        for fine in [
            "Test-Password-2026",
            "Tianping-Demo-2026",
            "A-good-password",
            "A-new-password-1",
            "correct horse battery staple",
            "我的密码是天平的秤砣",
        ] {
            assert!(Password::parse(Field::Password, fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn passwords_must_be_ten_to_128_characters_and_are_not_trimmed() {
        assert!(Password::parse(Field::Password, "Kd8-pLm2-qZ").is_ok());
        assert!(Password::parse(Field::Password, "我的密码是天平的秤砣").is_ok());
        assert_eq!(rule(Password::parse(Field::Password, "")), Rule::Required);
        assert_eq!(
            rule(Password::parse(Field::Password, "012345678")),
            Rule::Length { min: 10, max: 128 }
        );
        assert!(Password::parse(Field::Password, &"x".repeat(129)).is_err());
        assert_eq!(
            Password::parse(Field::Password, " Kd8-pLm2-q ")
                .expect("ok")
                .expose()
                .len(),
            12
        );
        assert_eq!(
            format!("{:?}", Password::parse(Field::Password, "Kd8-pLm2-qZ")),
            "Ok(Password(***))"
        );
    }

    #[test]
    fn text_rejects_control_characters_and_counts_characters_not_bytes() {
        assert_eq!(
            text(Field::AgencyName, "市场监督管理局", 2, 7).expect("ok"),
            "市场监督管理局"
        );
        assert_eq!(
            rule(text(Field::AgencyName, "a\u{0}b", 1, 10)),
            Rule::Charset
        );
        assert_eq!(rule(text(Field::AgencyName, "   ", 1, 10)), Rule::Required);
        assert!(text(Field::LegalBasis, "第一行\n第二行", 1, 100).is_ok());
    }

    #[test]
    fn credit_codes_follow_gb_32100() {
        // Published example codes with valid check characters.
        for ok in [
            "91350100M000100Y43",
            "91110108551385082Q",
            "113301000020000011",
        ] {
            assert!(CreditCode::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            rule(CreditCode::parse("91350100M000100Y44")),
            Rule::CheckDigit
        );
        assert_eq!(
            rule(CreditCode::parse("91350100M000100Y4")),
            Rule::Length { min: 18, max: 18 }
        );
        assert_eq!(rule(CreditCode::parse("91350100I000100Y43")), Rule::Charset);
        assert_eq!(
            CreditCode::parse("91350100m000100y43")
                .expect("ok")
                .as_str(),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn id_numbers_follow_gb_11643() {
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("11010519491231002x").is_ok());
        assert_eq!(
            rule(IdNumber::parse("110105194912310021")),
            Rule::CheckDigit
        );
        assert_eq!(rule(IdNumber::parse("110105194913310021")), Rule::Date);
        assert_eq!(
            rule(IdNumber::parse("1101051949123100")),
            Rule::Length { min: 18, max: 18 }
        );
        assert_eq!(rule(IdNumber::parse("1101051949123100AX")), Rule::Charset);
        let id = IdNumber::parse("11010519491231002X").expect("ok");
        assert!(
            !format!("{id:?}").contains("1231002X"),
            "Debug must not print the number"
        );
    }

    #[test]
    fn validity_windows_must_not_end_before_they_start() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(
            validity("2026-01-01", Some("2028-12-31")),
            Ok((d("2026-01-01"), Some(d("2028-12-31"))))
        );
        assert_eq!(
            validity("2026-01-01", Some("")),
            Ok((d("2026-01-01"), None))
        );
        assert_eq!(validity("2026-01-01", None), Ok((d("2026-01-01"), None)));
        let err = validity("2026-01-02", Some("2026-01-01")).expect_err("order");
        assert_eq!(err, ValidationError::new(Field::ValidTo, Rule::DateOrder));
        assert_eq!(
            validity("2026-02-30", None).expect_err("date").rule,
            Rule::Date
        );
        assert_eq!(validity("", None).expect_err("req").rule, Rule::Required);
    }

    #[test]
    fn codes_are_normalised_and_checked() {
        assert_eq!(agency_code(" scjg ").expect("ok"), "SCJG");
        assert_eq!(rule(agency_code("S")), Rule::Length { min: 2, max: 16 });
        assert_eq!(rule(agency_code("市场")), Rule::Charset);
        assert_eq!(region_code("330100").expect("ok"), "330100");
        assert_eq!(rule(region_code("33010A")), Rule::Charset);
        assert_eq!(credential_number("zj-0001").expect("ok"), "ZJ-0001");
        assert_eq!(rule(credential_number("ZJ 0001")), Rule::Charset);
    }

    #[test]
    fn messages_name_the_field_and_the_rule_in_each_language() {
        let e = ValidationError::new(Field::Username, Rule::Length { min: 3, max: 32 });
        assert_eq!(e.message(Lang::Zh), "「用户名」长度须为 3–32 个字符");
        assert_eq!(
            e.message(Lang::En),
            "Username: must be 3–32 characters long"
        );
        let e = ValidationError::new(Field::CreditCode, Rule::CheckDigit);
        assert!(e.message(Lang::Zh).starts_with("「统一社会信用代码」"));
        assert!(
            e.message(Lang::En)
                .starts_with("Unified social credit code:")
        );
    }

    #[test]
    fn range_and_tier_rules_have_messages_in_both_languages() {
        let table = [
            (
                Rule::NonNegative,
                "「罚款金额」不能为负数",
                "Fine: must not be negative",
            ),
            (
                Rule::RangeOrder,
                "「罚款金额」上限不能低于下限",
                "Fine: must have an upper bound no lower than its lower bound",
            ),
            (
                Rule::TierOrder,
                "「罚款金额」各档次上限须按轻微、一般、严重依次不降低",
                "Fine: upper bounds must not decrease from minor to general to serious",
            ),
        ];
        for (rule, zh, en) in table {
            let e = ValidationError::new(Field::Fine, rule);
            assert_eq!(e.message(Lang::Zh), zh);
            assert_eq!(e.message(Lang::En), en);
        }
        assert_eq!(
            serde_json::to_value(ValidationError::new(Field::Fine, Rule::TierOrder))
                .expect("serialise"),
            serde_json::json!({"field": "fine", "rule": "tier_order"})
        );
    }

    #[test]
    fn the_format_rule_has_messages_in_both_languages() {
        let e = ValidationError::new(Field::DocumentNumber, Rule::Format);
        assert_eq!(
            e.message(Lang::Zh),
            "「证件号码」不符合该证件的号码编排规则，请核对证件类型和号码"
        );
        assert_eq!(
            e.message(Lang::En),
            "ID document number: does not match the number format of this kind of document; please check the type and the number"
        );
        assert_eq!(
            serde_json::to_value(e).expect("serialise"),
            serde_json::json!({"field": "document_number", "rule": "format"})
        );
        let e = ValidationError::new(Field::BirthDate, Rule::NotInFuture);
        assert_eq!(e.message(Lang::Zh), "「出生日期」不能晚于当前时间");
        assert_eq!(
            e.message(Lang::En),
            "Date of birth: must not be in the future"
        );
    }

    #[test]
    fn every_field_has_labels_in_both_languages() {
        use Field::*;
        for f in [
            Username,
            Password,
            NewPassword,
            Token,
            DisplayName,
            Role,
            Agency,
            AgencyName,
            AgencyCode,
            ShortName,
            RegionCode,
            RegionName,
            CreditCode,
            LegalBasis,
            AgencyKind,
            CredentialNumber,
            CredentialKind,
            CredentialScope,
            ValidFrom,
            ValidTo,
            IdNumber,
            IdKind,
            DocumentNumber,
            BirthDate,
            ClueSource,
            Reference,
            Title,
            Description,
            Location,
            ReportedAt,
            ReporterName,
            ReporterPhone,
            Body,
            Fine,
            Justification,
            Provision,
            Circumstance,
            PartyKind,
            PartyName,
            Phone,
            Address,
            LegalRepresentative,
            Step,
            Date,
            Reason,
            Officers,
            Outcome,
            ServiceMethod,
            HearingDate,
            Host,
            Days,
            Standard,
            ActDate,
            ActEndedOn,
            ReceivedOn,
            EvidenceKind,
            File,
            CollectedAt,
            Subject,
            Content,
            Device,
            Clue,
            Penalty,
            CatalogNote,
            Enterprise,
            SupervisionCode,
            InspectionItem,
            InspectionKind,
            InspectionCode,
            Findings,
            MeasureKind,
            SeizedItems,
            Witness,
            Custody,
            ReleaseReason,
            Keywords,
            HeldOn,
            Participants,
            Commitments,
            FollowUpOn,
            CircularScope,
            NoticeKind,
            DecisionOrder,
            NoticeSource,
            Problems,
            Rectification,
            NoticeBasis,
            RectifyBy,
            Report,
            SampleSize,
            Deduction,
            Criteria,
            Objection,
            PeriodFrom,
            PeriodTo,
        ] {
            assert!(!f.label(Lang::Zh).is_empty());
            assert!(f.label(Lang::En).is_ascii());
        }
    }
}
