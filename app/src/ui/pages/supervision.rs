//! Supervision pages: the warnings (预警) of the cases the user oversees.

use crate::ui::form::invalid;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{supervision::Severity, validate::Field};

use crate::{
    api::{
        supervision::{
            AcknowledgeWarning, OpenMatter, StepMatter, list_matters, list_signals, list_warnings,
        },
        supervision_dto::{WarningKindCount, WarningPage},
    },
    ui::common::{StaffPage, action_error, loaded, use_lang},
};

/// Warnings, most serious and unacknowledged first, a page at a time (`?kind=&page=`), with
/// how many there are of each kind; each links to its case and has a form to acknowledge it
/// with a comment.
#[component]
pub fn WarningList() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let ack = ServerAction::<AcknowledgeWarning>::new();
    let open = ServerAction::<OpenMatter>::new();
    let list = Resource::new(
        move || {
            let q = query.get();
            (
                ack.version().get(),
                open.version().get(),
                q.get("kind"),
                q.get("page"),
            )
        },
        |(_, _, kind, page)| list_warnings(kind, page),
    );
    let error = Signal::derive(move || action_error(ack.value().get()));
    let open_error = Signal::derive(move || action_error(open.value().get()));
    let opened = move || open.value().get().and_then(|r| r.ok());
    view! {
        <StaffPage title=lang.pick("执法监督预警", "Supervision warnings").to_owned()>
            <p class="muted">{lang.pick(
                "预警由系统根据案件数据实时计算：原因消除后自动解除。确认预警并填写说明会记入审计日志。",
                "Warnings are computed from the case data as it is now and clear when their cause is fixed. Acknowledging one with a comment is recorded in the audit log.",
            )}</p>
            {move || error.get().or_else(|| open_error.get()).map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {move || opened().map(|_| view! { <p class="alert alert-ok" role="status" data-test="matter-opened">{lang.pick("督办已发出，可在「督办事项」中跟踪。", "The matter is open; follow it under Supervision matters.")} " " <a href="/work/matters">{lang.pick("查看督办事项", "See the matters")}</a></p> })}
            {loaded(list, move |page| {
                if page.kinds.is_empty() {
                    return view! { <p data-test="no-warnings">{lang.pick("当前没有预警。", "There are no warnings.")}</p> }.into_any();
                }
                let WarningPage { items, total, critical, page: number, per_page, kind, kinds } = page;
                let pages = total.div_ceil(u64::from(per_page.max(1))).max(1);
                let kind_param = kind.clone().unwrap_or_default();
                let link = move |p: u64| format!("/work/warnings?kind={kind_param}&page={p}");
                view! {
                    <p data-test="warning-count">{match lang {
                        tianping_domain::i18n::Lang::Zh => format!("共 {total} 条预警，其中严重 {critical} 条。"),
                        tianping_domain::i18n::Lang::En => format!("{total} warnings, {critical} critical."),
                    }}</p>
                    {kind_filter(lang, kind.clone(), kinds)}

                    <table class="table" data-test="warnings">
                        <thead><tr>
                            <th scope="col">{lang.pick("级别", "Severity")}</th>
                            <th scope="col">{lang.pick("预警", "Warning")}</th>
                            <th scope="col">{lang.pick("案件", "Case")}</th>
                            <th scope="col">{lang.pick("确认", "Acknowledgement")}</th>
                        </tr></thead>
                        <tbody>{items.into_iter().enumerate().map(|(i, w)| {
                            let badge = if w.severity == Severity::Critical { "badge badge-bad" } else { "badge badge-warn" };
                            let input_id = format!("ack-comment-{i}");
                            view! {
                                <tr data-test="warning-row" data-kind=w.kind.clone()>
                                    <td><span class=badge>{w.severity.label(lang)}</span></td>
                                    <td><strong>{w.label.clone()}</strong><br/><span class="muted">{w.detail.clone()}</span>
                                        {w.matter.clone().map(|m| view! { <br/><a href="/work/matters" class="badge badge-warn" data-test="warning-matter">{m}</a> })}</td>
                                    <td><a href=format!("/work/cases/{}", w.case_id) data-test="warning-case">{w.case_number.clone()}</a><br/>{w.case_title.clone()}<br/><span class="muted">{w.agency.clone()}</span>
                                        {w.can_open_matter.then(|| view! {
                                            <details class="step" data-test="open-matter">
                                                <summary>{lang.pick("督办", "Open a supervision matter")}</summary>
                                                <ActionForm action=open attr:class="form">
                                                    <input type="hidden" name="case_id" value=w.case_id />
                                                    <div class="field">
                                                        <label for=format!("matter-req-{i}")>{lang.pick("督办要求", "Requirement")}</label>
                                                        <textarea id=format!("matter-req-{i}") name="requirement" rows="3" data-test="matter-requirement"></textarea>
                                                    </div>
                                                    <div class="field">
                                                        <label for=format!("matter-due-{i}")>{lang.pick("整改期限", "Correction deadline")}</label>
                                                        <input id=format!("matter-due-{i}") name="due" type="date" data-test="matter-due" />
                                                    </div>
                                                    <button type="submit" class="button" data-test="matter-submit">{lang.pick("发出督办", "Open the matter")}</button>
                                                </ActionForm>
                                            </details>
                                        })}</td>
                                    <td>{match w.acknowledged.clone() {
                                        Some(a) => view! {
                                            <p data-test="acknowledged"><span class="badge badge-ok">{lang.pick("已确认", "Acknowledged")}</span> " " {a.by} " · " {a.at.chars().take(16).collect::<String>().replace('T', " ")}<br/>{a.comment}</p>
                                        }.into_any(),
                                        None => view! {
                                            <ActionForm action=ack attr:class="form" attr:data-test="ack-form">
                                                <input type="hidden" name="case_id" value=w.case_id />
                                                <input type="hidden" name="key" value=w.key.clone() />
                                                <div class="field">
                                                    <label for=input_id.clone()>{lang.pick("说明", "Comment")}</label>
                                                    <input id=input_id name="comment" data-test="ack-comment"
                                                        aria-invalid=invalid(error, Field::Comment) />
                                                </div>
                                                <button type="submit" class="button button-secondary" data-test="ack-submit">{lang.pick("确认", "Acknowledge")}</button>
                                            </ActionForm>
                                        }.into_any(),
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    {(pages > 1).then(|| view! {
                        <nav class="pager" aria-label=lang.pick("翻页", "Pages")>
                            <span data-test="warning-page">{match lang {
                                tianping_domain::i18n::Lang::Zh => format!("第 {number}/{pages} 页"),
                                tianping_domain::i18n::Lang::En => format!("Page {number} of {pages}"),
                            }}</span>
                            {(number > 1).then(|| view! { <a href=link(u64::from(number) - 1) rel="prev" data-test="page-prev">{lang.pick("上一页", "Previous")}</a> })}
                            {(u64::from(number) < pages).then(|| view! { <a href=link(u64::from(number) + 1) rel="next" data-test="page-next">{lang.pick("下一页", "Next")}</a> })}
                        </nav>
                    })}
                }.into_any()
            })}
        </StaffPage>
    }
}

/// The kinds of current warning with their counts, each a link that shows only that kind.
fn kind_filter(
    lang: tianping_domain::i18n::Lang,
    chosen: Option<String>,
    kinds: Vec<WarningKindCount>,
) -> AnyView {
    let all_current = chosen.is_none();
    view! {
        <nav class="chips" aria-label=lang.pick("按预警类型筛选", "Filter by kind") data-test="warning-kinds">
            <a href="/work/warnings" class=if all_current { "chip chip-current" } else { "chip" }
                aria-current=all_current.then_some("page")>{lang.pick("全部", "All")}</a>
            {kinds.into_iter().map(|k| {
                let current = chosen.as_deref() == Some(k.kind.as_str());
                let badge = if k.severity == Severity::Critical { "badge badge-bad" } else { "badge badge-warn" };
                view! {
                    <a href=format!("/work/warnings?kind={}", k.kind) class=if current { "chip chip-current" } else { "chip" }
                        aria-current=current.then_some("page") data-test="warning-kind" data-kind=k.kind.clone()>
                        {k.label} " " <span class=badge>{k.count}</span>
                    </a>
                }
            }).collect_view()}
        </nav>
    }
    .into_any()
}

/// Supervision matters (督办事项): supervisors follow and close them, agency heads answer.
#[component]
pub fn MatterList() -> impl IntoView {
    let lang = use_lang();
    let step = ServerAction::<StepMatter>::new();
    let list = Resource::new(move || step.version().get(), |_| list_matters());
    let error = Signal::derive(move || action_error(step.value().get()));
    view! {
        <StaffPage title=lang.pick("督办事项", "Supervision matters").to_owned()>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-matters">{lang.pick("暂无督办事项。", "There are no supervision matters.")}</p> }.into_any();
                }
                items.into_iter().map(|m| {
                    let form = |kind: &'static str, label: &'static str, button: &'static str| {
                        let id = format!("matter-{}-{kind}", m.id);
                        view! {
                            <ActionForm action=step attr:class="form" attr:data-test=format!("matter-{kind}-form")>
                                <input type="hidden" name="matter_id" value=m.id />
                                <input type="hidden" name="step" value=kind />
                                <div class="field">
                                    <label for=id.clone()>{label}</label>
                                    <textarea id=id name="text" rows="3" data-test=format!("matter-{kind}-text")
                                        aria-invalid=move || error.get().and_then(|e| e.field_message(Field::Response).or(e.field_message(Field::Conclusion)).or(e.field_message(Field::Requirement)).map(|_| "true"))></textarea>
                                </div>
                                <button type="submit" class="button" data-test=format!("matter-{kind}-submit")>{button}</button>
                            </ActionForm>
                        }
                    };
                    view! {
                        <article class="card matter" data-test="matter" data-status=m.status.clone()>
                            <h2><a href=format!("/work/cases/{}", m.case_id)>{m.case_number.clone()}</a> " " {m.case_title.clone()}</h2>
                            <p class="meta">{m.agency.clone()} " · " <span class=if m.overdue { "badge badge-bad" } else { "badge" } data-test="matter-status">{m.status_label.clone()}</span>
                                " · " {lang.pick("整改期限 ", "Due ")} {m.due_on.to_string()} {(m.rounds > 1).then(|| format!(" · {} {}", lang.pick("第", "round"), m.rounds))}</p>
                            <dl class="facts">
                                <dt>{lang.pick("督办要求", "Requirement")}</dt><dd data-test="matter-requirement-text">{m.requirement.clone()} <span class="muted">"（" {m.opened_by.clone()} "）"</span></dd>
                                {m.response.clone().map(|r| view! { <dt>{lang.pick("整改答复", "Answer")}</dt><dd data-test="matter-response">{r} <span class="muted">"（" {m.answered_by.clone().unwrap_or_default()} "）"</span></dd> })}
                                {m.conclusion.clone().map(|c| view! { <dt>{lang.pick("办结意见", "Conclusion")}</dt><dd data-test="matter-conclusion">{c} <span class="muted">"（" {m.closed_by.clone().unwrap_or_default()} "）"</span></dd> })}
                            </dl>
                            {m.can_answer.then(|| form("answer", lang.pick("整改情况答复", "What was corrected"), lang.pick("提交答复", "Send the answer")))}
                            {m.can_close.then(|| view! {
                                {form("close", lang.pick("办结意见", "Conclusion"), lang.pick("办结", "Close the matter"))}
                                {form("reopen", lang.pick("仍需整改的内容（退回）", "Still required (send back)"), lang.pick("退回重新整改", "Send back"))}
                            })}
                        </article>
                    }
                }).collect_view().into_any()
            })}
        </StaffPage>
    }
}

/// Behaviour signals (issue 24 item 5), grouped by kind; each names its agency, what was seen
/// and where to look. A signal is a prompt to look, never a finding or a ranking.
#[component]
pub fn SignalList() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| list_signals());
    view! {
        <StaffPage title=lang.pick("行为监督信号", "Behaviour signals").to_owned()>
            <p class="muted">{lang.pick(
                "依据《行政执法监督条例》关注的执法行为：有案不立、以罚代管、违规异地执法、趋利性执法、同一执法人员多次被投诉。信号由系统根据现有数据计算，只提示值得核查之处，不是结论，也不对机关或人员排名。",
                "Behaviours the supervision regulation watches for: clues left unhandled, fines instead of correction, enforcement outside the region, profit-driven enforcement, repeated complaints about one officer. Signals are computed from the data as it is; each is a prompt to look, not a finding, and nothing is ranked.",
            )}</p>
            {loaded(list, move |signals| {
                if signals.is_empty() {
                    return view! { <p data-test="no-signals">{lang.pick("当前没有行为监督信号。", "There are no signals.")}</p> }.into_any();
                }
                let total = signals.len();
                let mut groups: Vec<(String, Vec<crate::api::supervision_dto::SignalView>)> = Vec::new();
                for s in signals {
                    match groups.iter_mut().find(|(label, _)| *label == s.kind_label) {
                        Some((_, list)) => list.push(s),
                        None => groups.push((s.kind_label.clone(), vec![s])),
                    }
                }
                view! {
                    <p data-test="signal-count">{match lang {
                        tianping_domain::i18n::Lang::Zh => format!("共 {total} 条信号。"),
                        tianping_domain::i18n::Lang::En => format!("{total} signals."),
                    }}</p>
                    {groups.into_iter().map(|(label, items)| view! {
                        <section class="panel" data-test="signal-group">
                            <h2>{label} " " <span class="count">{items.len()}</span></h2>
                            <ul class="todo-list">
                                {items.into_iter().map(|s| view! {
                                    <li class="todo-item" data-test="signal" data-kind=s.kind.as_str() data-key=s.key.clone()>
                                        <strong>{s.agency.name.clone()}</strong> "：" {s.description.clone()}
                                        {(!s.case_numbers.is_empty()).then(|| view! {
                                            <br/><span class="muted">{lang.pick("案件 ", "Cases ")}
                                                {s.case_numbers.iter().map(|n| view! { <span class="case-no">{n.clone()}</span> " " }).collect_view()}
                                            </span>
                                        })}
                                        {s.link.clone().map(|href| view! { " " <a href=href data-test="signal-link">{lang.pick("去查看", "Look")}</a> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view()}
                }.into_any()
            })}
        </StaffPage>
    }
}
