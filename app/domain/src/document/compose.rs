//! What each document says: from a snapshot of the case ([`CaseFile`]) to a
//! [`DocumentModel`], with the contents the law requires (APL Art. 44 for the prior notice,
//! Art. 59 for the decision, Art. 64 for the hearing notice, Art. 61 and the Civil Procedure
//! Law for service; DOMAIN §1c for the legal review opinion).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    gap::Gap,
    model::{Block, DocumentModel, Signature, chinese_date},
    redact::{PrivateData, mask_name, redact},
};
use crate::{
    case::{DocumentKind, InvestigationOutcome, LegalBasis},
    i18n::Lang,
    money::format_yuan,
};

/// The issuing agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyInfo {
    /// Full name.
    pub name: String,
    /// The region it belongs to.
    pub region_name: String,
    /// The reconsideration body (行政复议机关) the decisions name, resolved by
    /// [`crate::agency::reconsideration_body`] (复议法 2023 Art. 24, 27).
    pub reconsideration_body: String,
}

/// A party as the documents name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyInfo {
    /// A natural person (private data is redacted in the public version).
    pub natural_person: bool,
    /// Name.
    pub name: String,
    /// Resident ID number (natural persons).
    pub id_number: Option<String>,
    /// Unified social credit code (organisations).
    pub credit_code: Option<String>,
    /// Legal representative (organisations).
    pub legal_representative: Option<String>,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: Option<String>,
}

/// An officer with the enforcement certificate in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerInfo {
    /// Name.
    pub name: String,
    /// Certificate number, if any.
    pub certificate: Option<String>,
}

/// A legal review round as the opinion reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInfo {
    /// Round number, from 1.
    pub round: i32,
    /// The reviewer's name.
    pub reviewer: String,
    /// The outcome, in words (同意 / 退回补充调查 …).
    pub outcome: String,
    /// The written opinion.
    pub opinion: String,
    /// Each checklist point: (point, passed, comment).
    pub findings: Vec<(String, bool, String)>,
    /// When it was decided.
    pub decided_on: Option<NaiveDate>,
}

/// What a document needs to know about its case: plain values, labels already in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    /// Which document.
    pub kind: DocumentKind,
    /// The agency.
    pub agency: AgencyInfo,
    /// Case number.
    pub case_number: String,
    /// The case's title (the act in a few words).
    pub title: String,
    /// The facts as found.
    pub description: String,
    /// Where it happened.
    pub location: String,
    /// Where the clue came from, as a noun phrase (投诉举报, 监督检查中发现的线索 …).
    pub source: String,
    /// When the clue came in.
    pub received_on: NaiveDate,
    /// When the act happened.
    pub act_date: Option<NaiveDate>,
    /// When the case was filed.
    pub filed_on: Option<NaiveDate>,
    /// The parties.
    pub parties: Vec<PartyInfo>,
    /// The case's other natural persons by full name (witnesses, reporters, family members,
    /// employees, anyone named in its records and statements); never the parties and never the
    /// officers, whose names are public. The public version masks them like the party's name
    /// (DOMAIN §5). Absent from case files stored before it existed.
    #[serde(default)]
    pub other_persons: Vec<String>,
    /// The officers handling the case.
    pub officers: Vec<OfficerInfo>,
    /// The agency's heads (the collective discussion).
    pub heads: Vec<String>,
    /// The evidence, one line each.
    pub evidence: Vec<String>,
    /// The provision the discretion standard implements: the basis a prior notice cites when
    /// the case has no [`CaseFile::basis`] yet.
    pub provision: Option<String>,
    /// The provision violated and the provision applied (APL Art. 59), once stated.
    pub basis: Option<LegalBasis>,
    /// The discretion standard applied, as the decision refers to it (not as a law): its title
    /// and tier, e.g. “占道经营”行政处罚裁量基准的一般情形.
    pub discretion: Option<String>,
    /// The investigation's outcome, in words.
    pub outcome: Option<String>,
    /// The investigation's outcome, when it is a ground not to punish: it selects the
    /// non-penalty decision's reasoning.
    pub no_penalty_ground: Option<InvestigationOutcome>,
    /// Proposed fine (fen).
    pub proposed_fine_fen: Option<i64>,
    /// Decided fine (fen).
    pub fine_fen: Option<i64>,
    /// Confiscation (fen).
    pub confiscation_fen: i64,
    /// Other penalties (APL Art. 9), as decisions state them
    /// ([`crate::penalty::Measure::decision_text`]).
    pub measures: Vec<String>,
    /// The reasons of a departure from the discretion band.
    pub justification: Option<String>,
    /// When the prior notice was served.
    pub prior_notice_on: Option<NaiveDate>,
    /// The end of the statement window.
    pub statement_window_ends: Option<NaiveDate>,
    /// Whether the party may ask for a hearing (Art. 63).
    pub hearing_eligible: bool,
    /// The end of the hearing-request window.
    pub hearing_request_window_ends: Option<NaiveDate>,
    /// The hearing's day.
    pub hearing_date: Option<NaiveDate>,
    /// The hearing host.
    pub hearing_host: Option<String>,
    /// The decision's day.
    pub decided_on: Option<NaiveDate>,
    /// When and how the decision was served.
    pub served_on: Option<NaiveDate>,
    /// How, in words.
    pub service_method: Option<String>,
    /// What has been paid (fen).
    pub paid_fen: i64,
    /// The latest legal review round.
    pub review: Option<ReviewInfo>,
    /// Why the case closed, in words.
    pub close_reason: Option<String>,
    /// The reason recorded with the step (declined, withdrawn, suspended, transfer recipient,
    /// extension).
    pub step_reason: Option<String>,
    /// The step's day: the document's date.
    pub date: NaiveDate,
    /// An order to correct: the day by which to correct (`None`: at once).
    #[serde(default)]
    pub correction_due: Option<NaiveDate>,
}

impl CaseFile {
    /// The private data of the natural persons in this file: the natural-person parties' names,
    /// ID numbers, phones and addresses, every party's phone, and the names of
    /// [`CaseFile::other_persons`]. Organisations' registered addresses come along as public
    /// (see [`PrivateData::public_addresses`]).
    pub fn private_data(&self) -> PrivateData {
        let mut p = PrivateData::default();
        for party in &self.parties {
            let address = party.address.trim();
            if party.natural_person {
                p.names.push(party.name.clone());
                p.id_numbers.extend(party.id_number.clone());
                if !address.is_empty() {
                    p.addresses.push(address.to_owned());
                }
            } else if !address.is_empty() {
                p.public_addresses.push(address.to_owned());
            }
            p.phones.extend(party.phone.clone());
        }
        p.names.extend(self.other_persons.iter().cloned());
        p
    }

    /// The public version: natural persons' names (the parties' and
    /// [`CaseFile::other_persons`]) reduced to the surname, their ID numbers, phones and
    /// addresses hidden, also inside the free texts ([`redact`]).
    pub fn redacted(&self) -> CaseFile {
        let private = self.private_data();
        let r = |s: &str| redact(s, &private);
        let mut out = self.clone();
        out.parties = self
            .parties
            .iter()
            .map(|p| PartyInfo {
                natural_person: p.natural_person,
                name: if p.natural_person {
                    mask_name(&p.name)
                } else {
                    p.name.clone()
                },
                id_number: None,
                credit_code: p.credit_code.clone(),
                legal_representative: p.legal_representative.clone(),
                address: if p.natural_person {
                    String::new()
                } else {
                    p.address.clone()
                },
                phone: None,
            })
            .collect();
        out.other_persons = self.other_persons.iter().map(|n| mask_name(n)).collect();
        out.title = r(&self.title);
        out.description = r(&self.description);
        out.location = r(&self.location);
        out.evidence = self.evidence.iter().map(|e| r(e)).collect();
        out.justification = self.justification.as_deref().map(r);
        out.step_reason = self.step_reason.as_deref().map(r);
        out
    }
}

fn yuan(fen: i64) -> String {
    format!("{}元", format_yuan(fen))
}

fn date_or_blank(d: Option<NaiveDate>) -> String {
    d.map(chinese_date)
        .unwrap_or_else(|| "    年  月  日".to_owned())
}

fn party_lines(f: &CaseFile) -> Vec<Block> {
    if f.parties.is_empty() {
        return vec![Block::Plain(format!("当事人：{}", Gap::Party.marker()))];
    }
    let mut out = Vec::new();
    for p in &f.parties {
        if p.natural_person {
            out.push(Block::Plain(format!("当事人：{}", p.name)));
            if let Some(id) = &p.id_number {
                out.push(Block::Plain(format!("身份证号码：{id}")));
            }
            if !p.address.is_empty() {
                out.push(Block::Plain(format!("住址：{}", p.address)));
            }
        } else {
            out.push(Block::Plain(format!("当事人：{}", p.name)));
            if let Some(code) = &p.credit_code {
                out.push(Block::Plain(format!("统一社会信用代码：{code}")));
            }
            if let Some(rep) = &p.legal_representative {
                out.push(Block::Plain(format!("法定代表人（负责人）：{rep}")));
            }
            if !p.address.is_empty() {
                out.push(Block::Plain(format!("住所：{}", p.address)));
            }
        }
    }
    out
}

/// How the document addresses its recipient: 你 (a natural person), 你单位 (an
/// organisation), 你们 (several parties) or 当事人 (none recorded); never the form that leaves the choice to the reader.
fn you(f: &CaseFile) -> &'static str {
    match f.parties.as_slice() {
        [] => "当事人",
        [p] if p.natural_person => "你",
        [_] => "你单位",
        _ => "你们",
    }
}

fn party_names(f: &CaseFile) -> String {
    if f.parties.is_empty() {
        "当事人".to_owned()
    } else {
        f.parties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }
}

fn officers_text(f: &CaseFile) -> String {
    if f.officers.is_empty() {
        return Gap::Officers.marker().to_owned();
    }
    f.officers
        .iter()
        .map(|o| match &o.certificate {
            Some(c) => format!("{}（执法证号{c}）", o.name),
            None => o.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn provision(f: &CaseFile) -> String {
    f.provision
        .clone()
        .unwrap_or_else(|| Gap::LegalBasis.marker().to_owned())
}

/// The provision violated (Art. 59 ¶1(2)): the stated basis, else the standard's provision.
fn violated(f: &CaseFile) -> String {
    match f.basis.as_ref().filter(|b| !b.violated.trim().is_empty()) {
        Some(b) => b.violated.clone(),
        None => provision(f),
    }
}

/// The clause naming the provision applied (Art. 59 ¶1(3)), when stated apart from the
/// violated one.
fn applied_clause(f: &CaseFile) -> String {
    match f.basis.as_ref().filter(|b| !b.applied.trim().is_empty()) {
        Some(b) => format!("依据{}的规定", b.applied),
        None => "依据上述规定".to_owned(),
    }
}

/// How a decision refers to the discretion standard it followed: a published benchmark of the
/// agency, never cited as a law (国办发〔2022〕27号).
fn discretion_clause(f: &CaseFile) -> String {
    f.discretion
        .as_deref()
        .map(|d| format!("，参照本机关{d}"))
        .unwrap_or_default()
}

fn evidence_text(f: &CaseFile) -> String {
    if f.evidence.is_empty() {
        "（无）".to_owned()
    } else {
        f.evidence
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{}.{e}", i + 1))
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// The penalty in words: fine, confiscation and measures.
fn penalty_text(f: &CaseFile, fine: Option<i64>) -> String {
    let mut parts = Vec::new();
    match fine {
        Some(fen) if fen > 0 => parts.push(format!("罚款人民币{}", yuan(fen))),
        _ => {}
    }
    if f.confiscation_fen > 0 {
        parts.push(format!(
            "没收违法所得（非法财物）计人民币{}",
            yuan(f.confiscation_fen)
        ));
    }
    parts.extend(f.measures.iter().cloned());
    if parts.is_empty() {
        // Never read as a warning: a penalty nobody stated is shown as missing.
        Gap::PenaltyKinds.marker().to_owned()
    } else {
        parts.join("；")
    }
}

/// The remedies (Art. 59 ¶1(5)). An on-the-spot decision must first go to reconsideration
/// and says so (复议法 2023 Art. 23 ¶1(1), ¶2); any other decision may be challenged by
/// reconsideration within 60 days (Art. 20) or by litigation within six months (行政诉讼法
/// Art. 46). The body is the agency's (Art. 24, 27).
fn remedies(f: &CaseFile) -> Block {
    let body = &f.agency.reconsideration_body;
    if f.kind == DocumentKind::OnTheSpotDecision {
        return Block::Paragraph(format!(
            "如不服本决定，应当先在收到本决定书之日起六十日内向{body}申请行政复议；\
             对行政复议决定不服的，可以依法向人民法院提起行政诉讼\
             （《中华人民共和国行政复议法》第二十三条第一款第一项）。\
             申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
        ));
    }
    Block::Paragraph(format!(
        "如不服本决定，可以在收到本决定书之日起六十日内向{body}申请行政复议，\
         也可以在六个月内依法向有管辖权的人民法院提起行政诉讼。\
         申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
    ))
}

fn signature(f: &CaseFile) -> Option<Signature> {
    Some(Signature {
        agency: f.agency.name.clone(),
        date: f.date,
    })
}

/// The model of the document `f.kind` for this case. `number` and `verification` are left
/// empty: the issuer fills them in.
pub fn compose(f: &CaseFile) -> DocumentModel {
    use DocumentKind as K;
    let mut signature_at_end = signature(f);
    let blocks: Vec<Block> = match f.kind {
        K::FilingApprovalForm | K::NonFilingApprovalForm | K::CaseSourceRegister => {
            signature_at_end = None;
            let decline = f.kind == K::NonFilingApprovalForm;
            let mut rows = vec![
                vec!["案件来源".into(), f.source.clone()],
                vec!["受理日期".into(), chinese_date(f.received_on)],
                vec!["案由".into(), f.title.clone()],
                vec!["当事人".into(), party_names(f)],
                vec!["违法行为发生地".into(), f.location.clone()],
                vec!["违法行为发生日期".into(), date_or_blank(f.act_date)],
                vec!["简要案情".into(), f.description.clone()],
            ];
            if decline {
                rows.push(vec![
                    "不予立案理由".into(),
                    f.step_reason.clone().unwrap_or_default(),
                ]);
            } else if f.kind == K::FilingApprovalForm {
                rows.push(vec!["承办人员".into(), officers_text(f)]);
                rows.push(vec![
                    "承办人意见".into(),
                    "经核查，有证据初步证明存在违反行政管理秩序的行为，依法应当给予行政处罚，\
                     属于本机关管辖，且在给予行政处罚的法定期限内，建议立案调查。"
                        .into(),
                ]);
            }
            rows.push(vec![
                "负责人审批意见".into(),
                format!(
                    "{}\n签名：            {}",
                    if decline {
                        "同意不予立案。"
                    } else {
                        "同意立案。"
                    },
                    chinese_date(f.filed_on.unwrap_or(f.date))
                ),
            ]);
            vec![Block::Table {
                widths: vec![2, 5],
                rows,
            }]
        }
        K::PriorNotice | K::HearingRightsNotice => {
            let you = you(f);
            let mut b = party_lines(f);
            b.push(Block::Gap(1));
            b.push(Block::Paragraph(format!(
                "经调查，本机关查明：{}。以上事实有以下证据证明：{}。",
                f.description.trim_end_matches('。'),
                evidence_text(f)
            )));
            b.push(Block::Paragraph(format!(
                "{you}的上述行为违反了{}的规定。{}{}，本机关拟对{you}作出如下行政处罚：{}。",
                violated(f),
                applied_clause(f),
                discretion_clause(f),
                penalty_text(f, f.proposed_fine_fen)
            )));
            b.push(Block::Paragraph(format!(
                "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{you}享有陈述、申辩的权利。\
                 {you}可以在{}前向本机关提出陈述、申辩意见，逾期未提出的，视为放弃此权利。\
                 本机关不因{you}的陈述、申辩而给予更重的处罚。",
                date_or_blank(f.statement_window_ends)
            )));
            if f.hearing_eligible || f.kind == K::HearingRightsNotice {
                b.push(Block::Paragraph(format!(
                    "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{you}有权要求听证。\
                     如要求听证，应当在收到本告知书之日起五个工作日内（{}前）向本机关提出，逾期视为放弃听证权利。\
                     当事人不承担听证费用。",
                    date_or_blank(f.hearing_request_window_ends)
                )));
            }
            b.push(Block::Paragraph(format!(
                "联系人：{}。",
                f.officers
                    .iter()
                    .map(|o| o.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )));
            b
        }
        K::HearingNotice => {
            let you = you(f);
            let mut b = party_lines(f);
            b.push(Block::Gap(1));
            b.push(Block::Paragraph(format!(
                "根据{you}的申请，本机关定于{}在本机关听证室就{}一案举行听证，\
                 听证主持人为{}。请准时参加。",
                date_or_blank(f.hearing_date),
                f.title,
                f.hearing_host.clone().unwrap_or_else(|| "（待定）".into())
            )));
            b.push(Block::Paragraph(format!(
                "{you}可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，\
                 应当在听证前提交授权委托书。{you}认为听证主持人与本案有直接利害关系的，\
                 有权申请回避。听证公开举行，但涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外。\
                 无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。"
            )));
            b.push(Block::Paragraph(
                "本通知书于听证举行七个工作日前送达（《中华人民共和国行政处罚法》第六十四条）。"
                    .into(),
            ));
            b
        }
        K::LegalReviewOpinion => {
            let mut b = vec![Block::Plain(format!(
                "送审案件：{}（{}）",
                f.title, f.case_number
            ))];
            b.push(Block::Plain(format!("当事人：{}", party_names(f))));
            match &f.review {
                None => b.push(Block::Paragraph("（尚无审核记录）".into())),
                Some(r) => {
                    b.push(Block::Plain(format!("审核轮次：第{}轮", r.round)));
                    b.push(Block::Heading("一、审核事项".into()));
                    let mut rows = vec![vec![
                        "审核事项".to_owned(),
                        "结论".to_owned(),
                        "说明".to_owned(),
                    ]];
                    for (point, pass, comment) in &r.findings {
                        rows.push(vec![
                            point.clone(),
                            if *pass {
                                "无问题".into()
                            } else {
                                "存在问题".into()
                            },
                            comment.clone(),
                        ]);
                    }
                    b.push(Block::Table {
                        widths: vec![4, 2, 4],
                        rows,
                    });
                    b.push(Block::Heading("二、审核意见".into()));
                    b.push(Block::Paragraph(format!("审核结论：{}。", r.outcome)));
                    if !r.opinion.trim().is_empty() {
                        b.push(Block::Paragraph(r.opinion.clone()));
                    }
                    b.push(Block::Right(format!("法制审核人员：{}", r.reviewer)));
                }
            }
            b
        }
        K::CollectiveDiscussionRecord => {
            vec![
                Block::Plain(format!("案件名称：{}（{}）", f.title, f.case_number)),
                Block::Plain(format!("讨论时间：{}", chinese_date(f.date))),
                Block::Plain(format!(
                    "参加人员：{}",
                    if f.heads.is_empty() {
                        Gap::Participants.marker().to_owned()
                    } else {
                        f.heads.join("、")
                    }
                )),
                Block::Plain(format!(
                    "汇报人：{}",
                    f.officers
                        .first()
                        .map(|o| o.name.clone())
                        .unwrap_or_default()
                )),
                Block::Heading("一、案情汇报".into()),
                Block::Paragraph(format!(
                    "{}。违反{}。拟处罚意见：{}。",
                    f.description.trim_end_matches('。'),
                    provision(f),
                    penalty_text(f, f.proposed_fine_fen)
                )),
                Block::Heading("二、讨论意见及结论".into()),
                Block::Paragraph(format!(
                    "经集体讨论，同意承办机构意见：{}。",
                    penalty_text(f, f.fine_fen.or(f.proposed_fine_fen))
                )),
                Block::Right("参加人员签名：".into()),
            ]
        }
        K::PenaltyDecision | K::OnTheSpotDecision => {
            let you = you(f);
            let mut b = party_lines(f);
            b.push(Block::Gap(1));
            if f.kind == K::OnTheSpotDecision {
                // The summary procedure files no case (Art. 51, 52): no 立案调查.
                b.push(Block::Paragraph(format!(
                    "本机关执法人员于{}当场查明{you}的违法行为，出示了执法证件，\
                     当场告知了{you}拟作出行政处罚的内容及事实、理由、依据，\
                     听取了{you}的陈述、申辩（《中华人民共和国行政处罚法》第五十二条）。",
                    date_or_blank(f.decided_on.or(Some(f.date)))
                )));
            } else {
                b.push(Block::Paragraph(format!(
                    "本机关根据{}，于{}对{you}涉嫌{}一案立案调查。{}",
                    f.source,
                    date_or_blank(f.filed_on.or(f.decided_on)),
                    f.title,
                    match f.prior_notice_on {
                        Some(d) => format!(
                            "本机关于{}向{you}送达了《行政处罚事先告知书》，告知了拟作出行政处罚的内容及事实、理由、依据，以及{you}依法享有的陈述、申辩{}权利。",
                            chinese_date(d),
                            if f.hearing_eligible { "和要求听证的" } else { "的" }
                        ),
                        None => format!(
                            "本机关告知了{you}拟作出行政处罚的内容及事实、理由、依据，听取了{you}的陈述、申辩。"
                        ),
                    }
                )));
            }
            b.push(Block::Paragraph(format!(
                "经查，{}。违法行为发生地：{}。",
                f.description.trim_end_matches('。'),
                f.location
            )));
            b.push(Block::Paragraph(format!(
                "上述事实，有下列证据证明：{}。",
                evidence_text(f)
            )));
            b.push(Block::Paragraph(format!(
                "本机关认为，{you}的上述行为违反了{}的规定。{}{}，本机关决定对{you}作出如下行政处罚：",
                violated(f),
                applied_clause(f),
                discretion_clause(f)
            )));
            b.push(Block::Paragraph(format!(
                "{}。",
                penalty_text(f, f.fine_fen)
            )));
            if let Some(j) = f.justification.as_deref().filter(|j| !j.trim().is_empty()) {
                b.push(Block::Paragraph(format!("裁量理由：{j}")));
            }
            if f.fine_fen.unwrap_or(0) > 0 {
                b.push(Block::Paragraph(
                    "请在收到本决定书之日起十五日内，持本决定书到指定银行或者通过电子支付系统缴纳罚款。\
                     逾期不缴纳罚款的，本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，\
                     每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额。"
                        .into(),
                ));
            }
            b.push(remedies(f));
            b.push(Block::Paragraph(format!(
                "执法人员：{}。",
                officers_text(f)
            )));
            b
        }
        K::NoPenaltyDecision => {
            let you = you(f);
            let ground = f.no_penalty_ground.filter(|g| g.is_no_penalty());
            let mut b = party_lines(f);
            b.push(Block::Gap(1));
            b.push(Block::Paragraph(format!(
                "本机关于{}对{you}涉嫌{}一案立案调查。经查，{}。",
                date_or_blank(f.filed_on),
                f.title,
                f.description.trim_end_matches('。')
            )));
            b.push(Block::Paragraph(format!(
                "上述事实，有下列证据证明：{}。",
                evidence_text(f)
            )));
            b.push(Block::Paragraph(
                ground
                    .and_then(InvestigationOutcome::no_penalty_reasoning)
                    .map(str::to_owned)
                    .unwrap_or_else(|| {
                        format!(
                            "本机关认为，本案依法不予行政处罚{}。本机关决定不予行政处罚。",
                            Gap::NoPenaltyGround.marker()
                        )
                    }),
            ));
            if ground.is_some_and(InvestigationOutcome::orders_correction) {
                b.push(Block::Paragraph(format!(
                    "{you}应当立即改正违法行为（《中华人民共和国行政处罚法》第二十八条第一款）。"
                )));
            }
            b.push(remedies(f));
            b
        }
        K::CorrectionOrder => {
            let you = you(f);
            let mut b = party_lines(f);
            b.push(Block::Gap(1));
            b.push(Block::Paragraph(format!(
                "经查，{}。",
                f.description.trim_end_matches('。')
            )));
            if f.basis
                .as_ref()
                .is_some_and(|b| !b.violated.trim().is_empty())
            {
                b.push(Block::Paragraph(format!(
                    "{you}的上述行为违反了{}的规定。",
                    violated(f)
                )));
            }
            let when = match f.correction_due {
                Some(d) => format!("于{}前", chinese_date(d)),
                None => "立即".to_owned(),
            };
            b.push(Block::Paragraph(format!(
                "根据《中华人民共和国行政处罚法》第二十八条第一款的规定，本机关责令{you}{when}改正上述违法行为：{}。",
                f.step_reason
                    .as_deref()
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches('。')
            )));
            b.push(Block::Paragraph(format!(
                "{you}应当按期改正，并将改正情况书面告知本机关。逾期不改正的，本机关将依法处理。\
                 责令改正不是行政处罚；本机关对上述违法行为是否给予行政处罚，另行依法作出决定。"
            )));
            b
        }
        K::ServiceReceipt => {
            signature_at_end = None;
            let served = match f.decided_on {
                Some(_) => "行政处罚决定书".to_owned(),
                None => "行政处罚事先告知书".to_owned(),
            };
            vec![Block::Table {
                widths: vec![2, 5],
                rows: vec![
                    vec!["送达文书名称及文号".into(), served],
                    vec!["受送达人".into(), party_names(f)],
                    vec!["送达地点".into(), f.parties.first().map(|p| p.address.clone()).unwrap_or_default()],
                    vec!["送达方式".into(), f.service_method.clone().unwrap_or_else(|| "直接送达".into())],
                    vec!["送达时间".into(), date_or_blank(f.served_on.or(f.prior_notice_on).or(Some(f.date)))],
                    vec!["受送达人签名或盖章".into(), "\n\n    年  月  日".into()],
                    vec!["送达人".into(), officers_text(f)],
                    vec!["见证人".into(), String::new()],
                    vec!["备注".into(), "受送达人拒绝签收的，送达人应当在备注栏注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程（留置送达）。".into()],
                ],
            }]
        }
        K::ClosureReport => vec![
            Block::Plain(format!("案件名称：{}", f.title)),
            Block::Plain(format!("当事人：{}", party_names(f))),
            Block::Plain(format!("立案日期：{}", date_or_blank(f.filed_on))),
            Block::Plain(format!("承办人员：{}", officers_text(f))),
            Block::Heading("一、案件办理情况".into()),
            Block::Paragraph(format!(
                "本案于{}立案，{}。处理结果：{}。",
                date_or_blank(f.filed_on),
                match f.decided_on {
                    Some(d) => format!("{}作出处理决定", chinese_date(d)),
                    None => "未作出处罚决定".into(),
                },
                f.outcome
                    .clone()
                    .unwrap_or_else(|| penalty_text(f, f.fine_fen))
            )),
            Block::Heading("二、执行情况".into()),
            Block::Paragraph(if f.fine_fen.unwrap_or(0) > 0 {
                format!(
                    "应缴罚款{}，已缴纳{}。",
                    yuan(f.fine_fen.unwrap_or(0)),
                    yuan(f.paid_fen)
                )
            } else {
                "无罚没款项。".into()
            }),
            Block::Heading("三、结案理由".into()),
            Block::Paragraph(format!(
                "{}，建议结案。",
                f.close_reason
                    .clone()
                    .unwrap_or_else(|| "案件已办理完毕".into())
            )),
            Block::Right("承办人签名：".into()),
            Block::Right("负责人审批意见：同意结案。".into()),
        ],
        _ => {
            // Every other form: the case, the step's content and who handled it.
            let mut b = vec![
                Block::Plain(format!("案件名称：{}", f.title)),
                Block::Plain(format!("当事人：{}", party_names(f))),
                Block::Plain(format!("承办人员：{}", officers_text(f))),
                Block::Gap(1),
                Block::Paragraph(format!("案情：{}", f.description)),
            ];
            if let Some(reason) = f.step_reason.as_deref().filter(|r| !r.trim().is_empty()) {
                b.push(Block::Paragraph(format!("事由及意见：{reason}")));
            }
            if let Some(o) = &f.outcome {
                b.push(Block::Paragraph(format!("调查结论：{o}")));
            }
            if f.kind == K::InvestigationReport || f.kind == K::DecisionApprovalForm {
                b.push(Block::Paragraph(format!("证据：{}。", evidence_text(f))));
                // The case's own legal basis (as the decision states it), not only the
                // discretion standard's provision.
                b.push(Block::Paragraph(format!(
                    "违反及适用：{}，{}。处理意见：{}。",
                    violated(f),
                    applied_clause(f),
                    penalty_text(f, f.fine_fen.or(f.proposed_fine_fen))
                )));
            }
            b
        }
    };
    DocumentModel {
        kind: Some(f.kind),
        agency_name: f.agency.name.clone(),
        title: f.kind.label(Lang::Zh).to_owned(),
        number: None,
        case_number: f.case_number.clone(),
        blocks,
        signature: signature_at_end,
        verification: None,
        draft: true,
        public_version: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    pub(crate) fn file(kind: DocumentKind) -> CaseFile {
        CaseFile {
            kind,
            agency: AgencyInfo {
                name: "临江市市场监督管理局".into(),
                region_name: "临江市".into(),
                reconsideration_body: "临江市人民政府".into(),
            },
            case_number: "SCJG-2026-00012".into(),
            title: "销售过期食品".into(),
            description: "当事人张三于2026年3月5日在其经营的滨江路88号店铺销售超过保质期的食品，联系电话13800138000".into(),
            location: "临江市滨江路88号".into(),
            source: "投诉举报".into(),
            received_on: d(2026, 3, 6),
            act_date: Some(d(2026, 3, 5)),
            filed_on: Some(d(2026, 3, 10)),
            parties: vec![PartyInfo {
                natural_person: true,
                name: "张三".into(),
                id_number: Some("330106199001011234".into()),
                credit_code: None,
                legal_representative: None,
                address: "临江市滨江路88号3幢201室".into(),
                phone: Some("13800138000".into()),
            }],
            officers: vec![
                OfficerInfo { name: "张明".into(), certificate: Some("33010012345".into()) },
                OfficerInfo { name: "李华".into(), certificate: Some("33010012346".into()) },
            ],
            heads: vec!["王局长".into()],
            evidence: vec!["现场检查笔录".into(), "现场照片6张".into()],
            provision: Some("《中华人民共和国食品安全法》第三十四条第十项，依据第一百二十四条第一款".into()),
            basis: Some(LegalBasis::new(
                "《中华人民共和国食品安全法》第三十四条第十项",
                "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
            )),
            discretion: Some("“食品安全”行政处罚裁量基准的一般情形".into()),
            outcome: None,
            no_penalty_ground: None,
            proposed_fine_fen: Some(5_000_000),
            fine_fen: Some(5_000_000),
            confiscation_fen: 30_000,
            measures: vec![],
            justification: None,
            prior_notice_on: Some(d(2026, 4, 1)),
            statement_window_ends: Some(d(2026, 4, 8)),
            hearing_eligible: true,
            hearing_request_window_ends: Some(d(2026, 4, 8)),
            hearing_date: None,
            hearing_host: None,
            decided_on: Some(d(2026, 4, 20)),
            served_on: Some(d(2026, 4, 21)),
            service_method: Some("直接送达".into()),
            paid_fen: 0,
            review: None,
            close_reason: None,
            step_reason: None,
            other_persons: vec![],
            date: d(2026, 4, 20),
            correction_due: None,
        }
    }

    fn all_text(m: &DocumentModel) -> String {
        let mut s = String::new();
        for b in &m.blocks {
            match b {
                Block::Paragraph(t) | Block::Plain(t) | Block::Heading(t) | Block::Right(t) => {
                    s.push_str(t)
                }
                Block::Table { rows, .. } => {
                    for r in rows {
                        for c in r {
                            s.push_str(c);
                        }
                    }
                }
                Block::Gap(_) => {}
            }
        }
        s
    }

    #[test]
    fn the_decision_carries_every_element_of_art_59() {
        let m = compose(&file(DocumentKind::PenaltyDecision));
        let t = all_text(&m);
        for needle in [
            "当事人：张三",
            "住址：临江市滨江路88号3幢201室",
            "经查，",
            "证据证明：1.现场检查笔录",
            "食品安全法》第三十四条",
            "罚款人民币50,000.00元",
            "没收违法所得",
            "十五日内",
            "百分之三加处罚款",
            "六十日内向临江市人民政府申请行政复议",
            "六个月内",
            "行政诉讼",
        ] {
            assert!(t.contains(needle), "missing {needle}: {t}");
        }
        assert_eq!(m.title, "行政处罚决定书");
        assert_eq!(m.signature.as_ref().map(|s| s.date), Some(d(2026, 4, 20)));
    }

    #[test]
    fn the_prior_notice_names_the_rights_and_the_hearing_when_eligible() {
        let mut f = file(DocumentKind::PriorNotice);
        let t = all_text(&compose(&f));
        for needle in [
            "陈述、申辩的权利",
            "2026年4月8日前",
            "要求听证",
            "不因你的陈述、申辩而给予更重的处罚",
        ] {
            assert!(t.contains(needle), "missing {needle}");
        }
        f.hearing_eligible = false;
        assert!(!all_text(&compose(&f)).contains("要求听证"));
    }

    #[test]
    fn the_hearing_notice_names_day_host_and_rights() {
        let mut f = file(DocumentKind::HearingNotice);
        f.hearing_date = Some(d(2026, 4, 30));
        f.hearing_host = Some("赵主持".into());
        let t = all_text(&compose(&f));
        for needle in [
            "2026年4月30日",
            "赵主持",
            "申请回避",
            "一至二人代理",
            "七个工作日前",
        ] {
            assert!(t.contains(needle), "missing {needle}");
        }
    }

    #[test]
    fn the_review_opinion_lists_every_point_and_the_outcome() {
        let mut f = file(DocumentKind::LegalReviewOpinion);
        f.review = Some(ReviewInfo {
            round: 2,
            reviewer: "孙审核".into(),
            outcome: "同意".into(),
            opinion: "证据已补充完整。".into(),
            findings: vec![
                ("执法主体是否合法".into(), true, String::new()),
                ("证据是否充分".into(), false, "缺少检验报告".into()),
            ],
            decided_on: Some(d(2026, 4, 15)),
        });
        let t = all_text(&compose(&f));
        for needle in [
            "第2轮",
            "执法主体是否合法",
            "存在问题",
            "缺少检验报告",
            "审核结论：同意",
            "孙审核",
        ] {
            assert!(t.contains(needle), "missing {needle}");
        }
    }

    #[test]
    fn forms_are_tables_signed_in_their_cells() {
        for kind in [
            DocumentKind::FilingApprovalForm,
            DocumentKind::ServiceReceipt,
        ] {
            let m = compose(&file(kind));
            assert!(matches!(m.blocks[0], Block::Table { .. }), "{kind:?}");
            assert!(m.signature.is_none());
        }
    }

    #[test]
    fn every_kind_composes_with_its_title_and_the_agency() {
        for kind in DocumentKind::ALL {
            let m = compose(&file(kind));
            assert_eq!(m.title, kind.label(Lang::Zh));
            assert_eq!(m.agency_name, "临江市市场监督管理局");
            assert!(!m.blocks.is_empty(), "{kind:?}");
            assert!(m.draft && m.number.is_none());
        }
    }

    #[test]
    fn the_public_version_hides_the_natural_persons_private_data() {
        let f = file(DocumentKind::PenaltyDecision).redacted();
        let t = all_text(&compose(&f));
        for secret in ["张三", "330106199001011234", "13800138000", "3幢201室"] {
            assert!(!t.contains(secret), "{secret} left in: {t}");
        }
        assert!(t.contains("当事人：张某"));
        assert!(t.contains("罚款人民币50,000.00元"));
    }

    #[test]
    fn organisations_stay_named_in_the_public_version() {
        let mut f = file(DocumentKind::PenaltyDecision);
        f.parties = vec![PartyInfo {
            natural_person: false,
            name: "临江市好味餐饮有限公司".into(),
            id_number: None,
            credit_code: Some("91330106MA2B3C4D5E".into()),
            legal_representative: Some("王五".into()),
            address: "临江市江滨路1号".into(),
            phone: Some("13900139000".into()),
        }];
        f.description = "当事人临江市好味餐饮有限公司在后厨使用过期原料".into();
        let t = all_text(&compose(&f.redacted()));
        assert!(t.contains("临江市好味餐饮有限公司"));
        assert!(t.contains("91330106MA2B3C4D5E"));
        assert!(!t.contains("13900139000"));
    }

    #[test]
    fn the_public_version_masks_third_persons_names_and_home_addresses() {
        let mut f = file(DocumentKind::PenaltyDecision);
        f.other_persons = vec!["司马婉清".into(), "李四".into()];
        f.description =
            "当事人张三于2026年3月5日销售过期食品，证人司马婉清（身份证号110105 19491231 002X，\
                         住址深圳市南山区科技园路8号）在场，举报人李四（电话0755-12345678）"
                .into();
        f.evidence.push("李四的询问笔录".into());
        let t = all_text(&compose(&f.redacted()));
        for secret in [
            "张三",
            "司马婉清",
            "李四",
            "科技园路8号",
            "19491231",
            "12345678",
        ] {
            assert!(!t.contains(secret), "{secret} left in: {t}");
        }
        for kept in [
            "证人司马某某（身份证号[身份证号已隐去]，住址[住址已隐去]）在场",
            "举报人李某（电话075****5678）",
            "李某的询问笔录",
            "2026年3月5日",
            "罚款人民币50,000.00元",
        ] {
            assert!(t.contains(kept), "missing {kept}: {t}");
        }
    }

    #[test]
    fn other_persons_are_private_data_and_leave_the_public_file_masked() {
        let mut f = file(DocumentKind::PenaltyDecision);
        f.other_persons = vec!["司马婉清".into()];
        assert!(f.private_data().names.contains(&"司马婉清".to_owned()));
        assert_eq!(f.redacted().other_persons, vec!["司马某某".to_owned()]);
    }

    #[test]
    fn a_stored_case_file_without_other_persons_still_deserializes() {
        let mut json = serde_json::to_value(file(DocumentKind::PenaltyDecision)).expect("json");
        json.as_object_mut()
            .expect("object")
            .remove("other_persons");
        let back: CaseFile = serde_json::from_value(json).expect("old shape");
        assert!(back.other_persons.is_empty());
        assert_eq!(back, file(DocumentKind::PenaltyDecision));
    }

    #[test]
    fn an_organisations_registered_address_stays_public_in_block_and_free_text() {
        let mut f = file(DocumentKind::PenaltyDecision);
        f.parties[0] = PartyInfo {
            natural_person: false,
            name: "临江市好味餐饮有限公司".into(),
            id_number: None,
            credit_code: Some("91330106MA2B3C4D5E".into()),
            legal_representative: Some("王五".into()),
            address: "临江市江滨路1号".into(),
            phone: None,
        };
        f.other_persons = vec!["赵六".into()];
        f.description = "当事人临江市好味餐饮有限公司（住所：临江市江滨路1号）雇员赵六（现住临江市江滨路1号3幢201室）".into();
        let m = compose(&f.redacted());
        assert!(
            m.blocks
                .contains(&Block::Plain("住所：临江市江滨路1号".into())),
            "{:?}",
            m.blocks
        );
        let t = all_text(&m);
        for kept in [
            "当事人临江市好味餐饮有限公司（住所：临江市江滨路1号）",
            "雇员赵某（现住[住址已隐去]）",
            "91330106MA2B3C4D5E",
        ] {
            assert!(t.contains(kept), "missing {kept}: {t}");
        }
    }

    #[test]
    fn document_texts_address_a_person_or_an_organisation() {
        for kind in DocumentKind::ALL {
            let person = all_text(&compose(&file(kind)));
            assert!(!person.contains("你（单位）"), "{kind:?}: {person}");
            assert!(!person.contains("你单位"), "{kind:?}");
            let mut f = file(kind);
            f.parties[0].natural_person = false;
            let org = all_text(&compose(&f));
            assert!(!org.contains("你（单位）"), "{kind:?}: {org}");
        }
        let mut f = file(DocumentKind::PriorNotice);
        f.parties[0].natural_person = false;
        f.description = "执法人员现场检查发现当事人销售超过保质期的食品".into();
        let t = all_text(&compose(&f));
        assert!(t.contains("你单位享有陈述、申辩的权利"), "{t}");
        assert!(
            t.contains("经调查，本机关查明：执法人员现场检查发现"),
            "{t}"
        );
        let t = all_text(&compose(&file(DocumentKind::PriorNotice)));
        assert!(t.contains("你享有陈述、申辩的权利"), "{t}");
    }

    #[test]
    fn the_decision_states_both_provisions_and_never_cites_a_standard_as_law() {
        let t = all_text(&compose(&file(DocumentKind::PenaltyDecision)));
        assert!(
            t.contains("违反了《中华人民共和国食品安全法》第三十四条第十项的规定"),
            "{t}"
        );
        assert!(
            t.contains("依据《中华人民共和国食品安全法》第一百二十四条第一款第五项的规定"),
            "{t}"
        );
        assert!(
            t.contains("参照本机关“食品安全”行政处罚裁量基准的一般情形"),
            "{t}"
        );
        assert!(!t.contains("根据《"), "a standard cited as a law: {t}");
    }

    #[test]
    fn a_complete_case_leaves_no_gap_and_each_missing_fact_leaves_its_own() {
        use crate::document::{Gap, gaps};
        for kind in DocumentKind::ALL {
            let mut f = file(kind);
            f.no_penalty_ground = Some(InvestigationOutcome::NoPenaltyMinor);
            assert_eq!(gaps(&compose(&f)), [], "{kind:?}");
        }
        // A decision not to punish that does not say on which ground is not fit to issue.
        let mut f = file(DocumentKind::NoPenaltyDecision);
        f.no_penalty_ground = None;
        assert_eq!(gaps(&compose(&f)), [Gap::NoPenaltyGround]);
        let mut f = file(DocumentKind::PenaltyDecision);
        f.parties.clear();
        assert!(gaps(&compose(&f)).contains(&Gap::Party));
        let mut f = file(DocumentKind::PenaltyDecision);
        f.officers.clear();
        f.fine_fen = Some(0);
        f.confiscation_fen = 0;
        f.measures = vec![];
        let found = gaps(&compose(&f));
        assert!(found.contains(&Gap::PenaltyKinds), "{found:?}");
        let mut f = file(DocumentKind::CollectiveDiscussionRecord);
        f.heads.clear();
        assert_eq!(gaps(&compose(&f)), [Gap::Participants]);
    }

    #[test]
    fn the_investigation_report_states_the_cases_own_basis_without_a_discretion_standard() {
        use crate::document::gaps;
        for kind in [
            DocumentKind::InvestigationReport,
            DocumentKind::DecisionApprovalForm,
        ] {
            let mut f = file(kind);
            f.provision = None;
            f.basis = Some(LegalBasis::new(
                "《中华人民共和国食品安全法》第三十四条第十项",
                "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
            ));
            let m = compose(&f);
            let t = all_text(&m);
            assert!(t.contains("违反及适用：《中华人民共和国食品安全法》第三十四条第十项，依据《中华人民共和国食品安全法》第一百二十四条第一款第五项的规定"), "{kind:?}: {t}");
            assert_eq!(gaps(&m), [], "{kind:?}");
            // Neither a basis nor a standard: the gap is named, and the document is not issued.
            f.basis = None;
            assert!(gaps(&compose(&f)).contains(&crate::document::Gap::LegalBasis));
        }
    }

    #[test]
    fn penalty_types_print_their_own_text_and_nothing_is_never_a_warning() {
        let mut f = file(DocumentKind::PenaltyDecision);
        f.fine_fen = Some(0);
        f.confiscation_fen = 0;
        f.measures = vec![];
        let t = all_text(&compose(&f));
        assert!(!t.contains("警告"), "{t}");
        assert!(t.contains("未载明处罚种类"), "{t}");
        for m in crate::penalty::Measure::ALL {
            f.measures = vec![m.decision_text().to_owned()];
            assert!(all_text(&compose(&f)).contains(m.decision_text()), "{m:?}");
        }
    }

    #[test]
    fn on_the_spot_decisions_send_the_party_to_reconsideration_first() {
        let mut f = file(DocumentKind::OnTheSpotDecision);
        f.agency.reconsideration_body = "国家税务总局临江市税务局".into();
        let t = all_text(&compose(&f));
        assert!(
            t.contains("应当先在收到本决定书之日起六十日内向国家税务总局临江市税务局申请行政复议"),
            "{t}"
        );
        assert!(t.contains("第二十三条第一款第一项"), "{t}");
        assert!(!t.contains("立案调查"), "{t}");
        assert!(!t.contains("也可以在六个月内"), "{t}");
        let t = all_text(&compose(&file(DocumentKind::PenaltyDecision)));
        assert!(
            t.contains("向临江市人民政府申请行政复议，也可以在六个月内"),
            "{t}"
        );
    }

    #[test]
    fn no_penalty_decision_text_per_ground() {
        use InvestigationOutcome as O;
        // (ground, must contain, must not contain, correction ordered)
        let table: &[(O, &str, &str, bool)] = &[
            (
                O::FactsNotEstablished,
                "第五十七条第一款第三项",
                "第三十三条",
                false,
            ),
            (
                O::NoPenaltyMinor,
                "第三十三条第一款",
                "第五十七条第一款第三项",
                true,
            ),
            (
                O::FirstViolationWaiver,
                "初次违法",
                "第五十七条第一款第三项",
                true,
            ),
            (O::NoFault, "第三十三条第二款", "第三十三条第一款", true),
            (O::TimeBarred, "第三十六条", "第三十三条", false),
            (O::UnderFourteen, "第三十条", "第三十三条", true),
            (O::MentalIllness, "第三十一条", "第三十三条", true),
        ];
        for (ground, has, lacks, corrects) in table {
            let mut f = file(DocumentKind::NoPenaltyDecision);
            f.no_penalty_ground = Some(*ground);
            let t = all_text(&compose(&f));
            assert!(t.contains(has), "{ground:?}: {t}");
            assert!(!t.contains(lacks), "{ground:?}: {t}");
            assert_eq!(t.contains("立即改正"), *corrects, "{ground:?}: {t}");
        }
    }
}
