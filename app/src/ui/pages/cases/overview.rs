//! The case page's overview tab: facts, legal review, deadlines and the timeline.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, money::format_yuan};

use super::DeadlineBadgeView;
use crate::api::case_dto::CaseDetail;

/// Names of the case events that are not state-machine steps.
fn other_action_label(action: &str, lang: Lang) -> &'static str {
    match action {
        "case.add_party" => lang.pick("添加当事人", "Party added"),
        "case.download_evidence" => lang.pick("调阅证据文件", "Evidence file downloaded"),
        "case.recuse" => lang.pick("决定回避", "Recusal"),
        "case.assign_officer" => lang.pick("增派执法人员", "Officer assigned"),
        "document.issue" => lang.pick("签发文书", "Document issued"),
        "document.supersede" => lang.pick("文书被更正替代", "Document superseded"),
        "case.import_legacy" => lang.pick("历史数据导入", "Imported from a legacy system"),
        "supervision.acknowledge_warning" => lang.pick("确认监督预警", "Warning acknowledged"),
        "supervision.open_matter" => lang.pick("发出督办", "Supervision matter opened"),
        "supervision.answer_matter" => lang.pick("督办整改答复", "Matter answered"),
        "supervision.reopen_matter" => lang.pick("督办退回重新整改", "Matter sent back"),
        "supervision.close_matter" => lang.pick("督办办结", "Matter closed"),
        _ => lang.pick("其他记录", "Other record"),
    }
}

/// The case's facts as a definition list.
fn facts_list(c: &CaseDetail, lang: Lang) -> AnyView {
    let money = |fen: Option<i64>| {
        fen.map(|f| format!("{} 元", format_yuan(f)))
            .unwrap_or_else(|| "—".into())
    };
    view! {
            <dl class="facts">
                <dt>{lang.pick("基本情况", "Description")}</dt><dd>{c.description.clone()}</dd>
                <dt>{lang.pick("地点", "Location")}</dt><dd>{c.location.clone()}</dd>
                <dt>{lang.pick("受理日期", "Received")}</dt><dd>{c.received_on.to_string()}</dd>
                <dt>{lang.pick("追责时效届满", "Limitation ends")}</dt><dd>{c.limitation_ends.map(|d| d.to_string()).unwrap_or_default()}</dd>
                <dt>{lang.pick("承办人", "Officers")}</dt><dd data-test="case-officers">{c.officers.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join("、")}</dd>
                {(!c.recused.is_empty()).then(|| view! {
                    <dt>{lang.pick("回避人员", "Recused")}</dt><dd data-test="case-recused">{c.recused.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join("、")}</dd>
                })}
                <dt>{lang.pick("拟罚款", "Proposed fine")}</dt><dd>{money(c.proposed_fine_fen)}</dd>
                {(c.confiscation_fen > 0).then(|| view! { <dt>{lang.pick("拟没收价值", "To be confiscated")}</dt><dd>{money(Some(c.confiscation_fen))}</dd> })}
                {(!c.measures.is_empty()).then(|| view! { <dt>{lang.pick("拟作出的其他处罚", "Other penalties proposed")}</dt><dd>{c.measures.join("、")}</dd> })}
                <dt>{lang.pick("决定罚款", "Fine decided")}</dt><dd data-test="fine">{money(c.fine_fen)}</dd>
                <dt>{lang.pick("已缴 / 待缴", "Paid / outstanding")}</dt><dd>{format!("{} / {} 元", format_yuan(c.paid_fen), format_yuan(c.outstanding_fen))}</dd>
                {c.discretion_check.clone().map(|d| view! {
                    <dt>{lang.pick("裁量", "Discretion")}</dt>
                    <dd data-test="discretion" class=if d == "within" { "" } else { "flag" }>{match d.as_str() { "within" => lang.pick("在裁量幅度内", "Within the band"), "below" => lang.pick("低于裁量幅度（已说明理由）", "Below the band (justified)"), _ => lang.pick("高于裁量幅度（已说明理由）", "Above the band (justified)") }}
                        {c.discretion_justification.clone().map(|j| view! { <br/><span class="muted">{j}</span> })}</dd>
                })}
            </dl>
    }
    .into_any()
}

/// The case's classification against the catalog and its review rounds.
fn review_section(c: &CaseDetail, lang: Lang) -> AnyView {
    if !c.major && c.review_rounds.is_empty() {
        return ().into_any();
    }
    view! {
        <h3>{lang.pick("重大执法决定法制审核", "Legal review of the major decision")}</h3>
        {(!c.major_criteria.is_empty()).then(|| view! {
            <ul data-test="major-criteria">{c.major_criteria.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
        })}
        {super::super::reviews::rounds_table(&c.review_rounds, lang).into_any()}
    }
    .into_any()
}

/// The overview tab.
pub(super) fn overview_tab(c: &CaseDetail, lang: Lang) -> impl IntoView {
    let facts = facts_list(c, lang);
    view! {
        <section data-test="overview">
            {facts}
            {review_section(c, lang)}
            <h3>{lang.pick("办案期限", "Deadlines")}</h3>
            <table class="table" data-test="deadlines">
                <thead><tr><th>{lang.pick("期限", "Deadline")}</th><th>{lang.pick("起算", "From")}</th><th>{lang.pick("届满", "Due")}</th><th>{lang.pick("状态", "Status")}</th></tr></thead>
                <tbody>{c.deadlines.iter().map(|d| view! {
                    <tr><td>{d.kind.label(lang)}</td><td>{d.started_on.to_string()}</td><td>{d.due.to_string()}</td>
                        <td>{match d.badge { Some(b) => view! { <DeadlineBadgeView badge=b /> }.into_any(), None => view! { <span class="muted">{match d.status.as_str() { "paused" => lang.pick("暂停计算", "Paused"), _ => lang.pick("已结束", "Ended") }}</span> }.into_any() }}</td></tr>
                }).collect_view()}</tbody>
            </table>
            <h3>{lang.pick("办案时间线（审计日志）", "Timeline (audit log)")}</h3>
            <ol class="timeline" reversed data-test="timeline">
                {c.timeline.iter().rev().map(|t| view! {
                    <li data-test="timeline-entry" data-action=t.action.clone()>
                        <time>{t.at.chars().take(16).collect::<String>().replace('T', " ")}</time> " "
                        <strong>{t.command.map(|k| k.label(lang)).unwrap_or_else(|| other_action_label(&t.action, lang)).to_owned()}</strong> " · " {t.actor.clone()}
                        {t.to.map(|s| view! { " → " {s.label(lang)} })}
                        {(!t.detail.is_empty()).then(|| view! { <br/><span class="muted">{t.detail.clone()}</span> })}
                        <a class="muted seq" href=format!("/api/v1/public/audit/proof/inclusion?seq={}", t.seq) title=lang.pick("默克尔树包含证明", "Merkle inclusion proof") data-test="proof-link">" #" {t.seq}</a>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
