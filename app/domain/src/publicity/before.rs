//! Before-the-fact publication (事前公开, DOMAIN.md §1a; APL Art. 39): what every enforcement
//! agency publishes about how it acts — the penalty procedures as flowcharts with their time
//! limits, and the remedy channels — in words the public reads, with the provision each rule
//! comes from. The agency's own part (its legal basis, powers list and roster) comes from its
//! records; this is the part the law fixes.
//!
//! Invariant: every step and every remedy names its legal basis, so a reader can check it.

use crate::i18n::Lang;

/// One step of a published procedure (执法流程).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The step's name.
    pub name: &'static str,
    /// What happens, and what the party may do.
    pub what: &'static str,
    /// The time limit, or "" where the law sets none.
    pub time_limit: &'static str,
    /// The provision it comes from.
    pub basis: &'static str,
}

/// A published procedure: its name, when it applies, and its steps in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// The procedure's name.
    pub name: &'static str,
    /// When it applies.
    pub applies: &'static str,
    /// Its steps, in order.
    pub steps: Vec<Step>,
}

/// A way for the party to challenge a decision (救济渠道).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remedy {
    /// The remedy's name.
    pub name: &'static str,
    /// Where to apply.
    pub body: &'static str,
    /// Within how long.
    pub time_limit: &'static str,
    /// The provision it comes from.
    pub basis: &'static str,
}

fn step(
    lang: Lang,
    name: (&'static str, &'static str),
    what: (&'static str, &'static str),
    time_limit: (&'static str, &'static str),
    basis: &'static str,
) -> Step {
    Step {
        name: lang.pick(name.0, name.1),
        what: lang.pick(what.0, what.1),
        time_limit: lang.pick(time_limit.0, time_limit.1),
        basis,
    }
}

/// The summary (on-the-spot) and ordinary penalty procedures, in the order the public meets
/// them.
pub fn procedures(lang: Lang) -> Vec<Procedure> {
    vec![
        Procedure {
            name: lang.pick("简易程序（当场处罚）", "Summary procedure (on the spot)"),
            applies: lang.pick(
                "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，可以当场作出行政处罚决定。",
                "When the facts are conclusive and have a legal basis, and the penalty is a warning or a fine of at most 200 yuan for a citizen or 3,000 yuan for an organisation, the decision may be made on the spot.",
            ),
            steps: vec![
                step(
                    lang,
                    ("出示证件、告知", "Certificate and information"),
                    (
                        "执法人员出示执法证件，告知当事人违法事实、处罚理由和依据，听取陈述和申辩。",
                        "The officers show their certificates, tell the party the facts, reasons and basis, and hear the party's statement and defence.",
                    ),
                    ("", ""),
                    "《行政处罚法》第44、45、52条",
                ),
                step(
                    lang,
                    ("当场决定并交付", "Decision handed over"),
                    (
                        "填写预定格式、编有号码的当场行政处罚决定书，由执法人员签名或者盖章，当场交付当事人；当事人拒绝签收的，在决定书上注明。",
                        "The officers fill in a numbered, pre-formatted on-the-spot decision, sign or seal it and hand it to the party; a refusal to sign is noted on it.",
                    ),
                    ("当场", "On the spot"),
                    "《行政处罚法》第52条",
                ),
                step(
                    lang,
                    ("备案", "Filing with the agency"),
                    (
                        "执法人员将当场作出的决定报所属行政机关备案。",
                        "The officers file the decision with their agency.",
                    ),
                    ("", ""),
                    "《行政处罚法》第52条",
                ),
            ],
        },
        Procedure {
            name: lang.pick("普通程序", "Ordinary procedure"),
            applies: lang.pick(
                "不适用简易程序的行政处罚。",
                "Every penalty the summary procedure does not cover.",
            ),
            steps: vec![
                step(
                    lang,
                    ("立案", "Filing"),
                    (
                        "发现可能需要给予行政处罚的违法行为，符合立案标准的，及时立案，并指派两名以上具有执法资格的人员办理。",
                        "A possible violation that meets the filing criteria is filed promptly and given to at least two certified officers.",
                    ),
                    ("及时立案", "Promptly"),
                    "《行政处罚法》第42、54条",
                ),
                step(
                    lang,
                    ("调查取证", "Investigation"),
                    (
                        "全面、客观、公正地调查，收集证据；执法人员出示执法证件，当事人有权要求回避。",
                        "A full, objective and fair investigation; the officers show their certificates, and the party may ask for an officer's recusal.",
                    ),
                    ("", ""),
                    "《行政处罚法》第43、54、55条",
                ),
                step(
                    lang,
                    ("法制审核", "Legal review"),
                    (
                        "涉及重大公共利益、经过听证、案情疑难复杂等重大执法决定，由法制审核机构审核；未经审核或者审核未通过的，不得作出决定。",
                        "Major decisions (a major public interest, a hearing held, complex facts and others in the agency's catalogue) are reviewed by the legal-review unit; without a passed review, no decision is made.",
                    ),
                    ("", ""),
                    "《行政处罚法》第58条",
                ),
                step(
                    lang,
                    ("事先告知", "Prior notice"),
                    (
                        "作出决定前，告知拟作出的处罚内容及事实、理由、依据，以及陈述、申辩、要求听证的权利；不因当事人申辩而加重处罚。",
                        "Before deciding, the agency tells the party the proposed penalty, its facts, reasons and basis, and the rights to make a statement, to defend and to ask for a hearing; a defence never makes the penalty heavier.",
                    ),
                    ("", ""),
                    "《行政处罚法》第44、45、62条",
                ),
                step(
                    lang,
                    ("听证", "Hearing"),
                    (
                        "拟作出较大数额罚款、没收较大数额违法所得、降低资质等级、吊销许可证件、责令停产停业等处罚的，当事人可以要求听证；听证公开举行，当事人不承担费用。",
                        "For a large fine or confiscation, a demotion, a licence revoked, an order to suspend business and other heavy penalties, the party may ask for a hearing; it is public and costs the party nothing.",
                    ),
                    (
                        "告知后5日内提出；举行7日前通知",
                        "Ask within 5 days of the notice; notified 7 days before",
                    ),
                    "《行政处罚法》第63、64条",
                ),
                step(
                    lang,
                    ("作出决定", "Decision"),
                    (
                        "行政机关负责人根据调查结果作出处罚、不予处罚或者移送司法机关的决定；情节复杂或者重大违法行为，集体讨论决定。",
                        "The head of the agency decides to penalise, not to penalise, or to transfer to the judicial authorities; complex cases and major violations are decided collectively.",
                    ),
                    (
                        "自立案之日起90日内",
                        "Within 90 days of filing",
                    ),
                    "《行政处罚法》第57、60条",
                ),
                step(
                    lang,
                    ("送达", "Service"),
                    (
                        "决定书在宣告后当场交付当事人；当事人不在场的，依照民事诉讼法送达；经当事人同意并签订确认书的，可以电子送达。",
                        "The decision is handed over when announced; if the party is absent, it is served under the Civil Procedure Law, or electronically with the party's signed consent.",
                    ),
                    ("当事人不在场的，7日内", "Within 7 days if the party is absent"),
                    "《行政处罚法》第61条",
                ),
                step(
                    lang,
                    ("执行", "Execution"),
                    (
                        "当事人到指定银行或者通过电子支付系统缴纳罚款，作出决定的机关不自行收缴；逾期不缴纳的，每日按罚款数额的3%加处罚款，总额不超过罚款数额。",
                        "The party pays at the designated bank or online; the deciding agency does not collect. Late payment adds 3 % of the fine per day, at most the fine itself.",
                    ),
                    (
                        "收到决定书之日起15日内",
                        "Within 15 days of receiving the decision",
                    ),
                    "《行政处罚法》第67、72条",
                ),
                step(
                    lang,
                    ("公示", "Publication"),
                    (
                        "具有一定社会影响的行政处罚决定依法公开，个人隐私依法处理；决定被变更、撤销、确认违法或者确认无效的，撤回公开并公开说明理由。",
                        "Decisions with a social impact are published with personal data removed; a decision that is changed, revoked or found unlawful or void is withdrawn, with the reason published.",
                    ),
                    (
                        "作出决定之日起7个工作日内；撤回3个工作日内",
                        "Within 7 working days of the decision; withdrawal within 3 working days",
                    ),
                    "《行政处罚法》第48条；国办发〔2018〕118号",
                ),
            ],
        },
    ]
}

/// The remedy channels against a decision (行政复议、行政诉讼).
pub fn remedies(lang: Lang) -> Vec<Remedy> {
    vec![
        Remedy {
            name: lang.pick("行政复议", "Administrative reconsideration"),
            body: lang.pick(
                "向作出决定的行政机关的本级人民政府申请",
                "Apply to the people's government at the level of the deciding agency",
            ),
            time_limit: lang.pick(
                "自知道或者应当知道该行政行为之日起60日内",
                "Within 60 days of knowing of the decision",
            ),
            basis: "《行政复议法》第20条",
        },
        Remedy {
            name: lang.pick("行政诉讼", "Administrative litigation"),
            body: lang.pick(
                "向有管辖权的人民法院提起诉讼",
                "Sue in the people's court with jurisdiction",
            ),
            time_limit: lang.pick(
                "自知道或者应当知道作出行政行为之日起6个月内",
                "Within 6 months of knowing of the decision",
            ),
            basis: "《行政诉讼法》第46条",
        },
    ]
}

/// The rights the party keeps throughout (shown next to the procedures).
pub fn rights(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick(
            "执法人员不出示执法证件的，当事人有权拒绝接受调查或者检查（《行政处罚法》第55条）。",
            "If the officers do not show their certificates, the party may refuse the investigation or inspection (APL Art. 55).",
        ),
        lang.pick(
            "当事人有权陈述、申辩，有权依法申请执法人员回避（《行政处罚法》第43、45条）。",
            "The party may make a statement, defend itself and ask for an officer's recusal (APL Art. 43, 45).",
        ),
        lang.pick(
            "申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外（《行政处罚法》第73条）。",
            "Reconsideration or litigation does not suspend the penalty, unless a law provides otherwise (APL Art. 73).",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_and_remedy_names_its_legal_basis_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for p in procedures(lang) {
                assert!(!p.name.is_empty() && !p.applies.is_empty());
                for s in &p.steps {
                    assert!(s.basis.starts_with('《'), "{}: {}", s.name, s.basis);
                    assert!(!s.what.is_empty(), "{}", s.name);
                }
            }
            for r in remedies(lang) {
                assert!(r.basis.starts_with('《'), "{}", r.name);
                assert!(!r.time_limit.is_empty());
            }
            assert_eq!(rights(lang).len(), 3);
        }
    }

    #[test]
    fn the_two_languages_describe_the_same_steps() {
        let zh = procedures(Lang::Zh);
        let en = procedures(Lang::En);
        assert_eq!(zh.len(), en.len());
        for (a, b) in zh.iter().zip(&en) {
            assert_eq!(a.steps.len(), b.steps.len());
            for (x, y) in a.steps.iter().zip(&b.steps) {
                assert_eq!(x.basis, y.basis);
                assert_eq!(x.time_limit.is_empty(), y.time_limit.is_empty());
            }
        }
        assert_eq!(zh[0].steps[0].name, "出示证件、告知");
        assert_eq!(en[1].steps[0].name, "Filing");
    }

    #[test]
    fn the_published_time_limits_are_the_statutory_ones() {
        let ordinary = &procedures(Lang::Zh)[1];
        let limit = |name: &str| {
            ordinary
                .steps
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.time_limit)
                .unwrap_or_default()
        };
        assert!(limit("作出决定").contains("90日"));
        assert!(limit("执行").contains("15日"));
        assert!(limit("公示").contains("7个工作日"));
        assert!(limit("公示").contains("3个工作日"));
        let r = remedies(Lang::Zh);
        assert!(r[0].time_limit.contains("60日"));
        assert!(r[1].time_limit.contains("6个月"));
    }
}
