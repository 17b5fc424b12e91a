//! Supervision opinions and decisions (监督意见书 / 监督决定书, issue 24 item 2): supervisors
//! issue them and examine the reports; the heads of the agencies they are addressed to report
//! the rectification. Each notice's document is a PDF.

use leptos::prelude::*;
use tianping_domain::{
    i18n::Lang,
    supervision::notice::{DecisionOrder, NoticeSource, NoticeStep, Rectification},
};

use crate::{
    api::{
        supervision::{IssueNotice, StepNotice, list_notices},
        supervision_dto::NoticeView,
    },
    ui::common::{
        StaffPage, action_error, agency_options, enforcement_agencies, is_supervisor, loaded,
        use_lang,
    },
};

/// The staff page: the form for supervisors, then the notices.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let lang = use_lang();
    let issue = ServerAction::<IssueNotice>::new();
    let step = ServerAction::<StepNotice>::new();
    let list = Resource::new(
        move || (issue.version().get(), step.version().get()),
        |_| list_notices(),
    );
    let agencies = enforcement_agencies();
    // Prefilled from a case-file review's poor file (`?agency=&source=review&ref=`).
    let q = leptos_router::hooks::use_query_map().get_untracked();
    let want_agency = StoredValue::new(q.get("agency").unwrap_or_default());
    let want_source = StoredValue::new(q.get("source").unwrap_or_default());
    let want_ref = StoredValue::new(q.get("ref").unwrap_or_default());
    let prefilled = !want_agency.get_value().is_empty();
    let error = Signal::derive(move || {
        action_error(issue.value().get()).or_else(|| action_error(step.value().get()))
    });
    let issued = move || {
        issue.value().get().and_then(Result::ok).map(|n| {
            view! {
                <p class="alert alert-ok" role="status" data-test="notice-issued">
                    {lang.pick("已发出 ", "Issued ")}{n.number}
                </p>
            }
        })
    };
    let options = agency_options(agencies, Some(want_agency));
    view! {
        <StaffPage title=lang.pick("监督意见书与决定书", "Supervision opinions and decisions").to_owned()>
            <p class="muted">{lang.pick(
                "行政执法监督机构对发现的问题制发监督意见书或监督决定书，限期整改；被监督机关负责人书面报告整改情况及证明材料，监督机构审核通过或退回重报。逾期未报告的列入监督机构的待办，可据此约谈。每一步都记入审计日志。",
                "The supervision body issues an opinion or a decision on the problems it found, with a deadline; the head of the agency reports the rectification in writing with its evidence, and the body accepts it or returns it. A report not in by its day is on the supervisor's list and may lead to an interview. Every step is recorded in the audit log.",
            )}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {issued}
            {move || is_supervisor().then(|| view! {
                <details class="panel" data-test="notice-new" open=prefilled>
                    <summary>{lang.pick("制发监督文书", "Issue a notice")}</summary>
                    <ActionForm action=issue attr:class="form" attr:data-test="notice-form">
                        <fieldset class="field">
                            <legend>{lang.pick("文书种类", "Instrument")}</legend>
                            <label><input type="radio" name="kind" value="opinion" checked data-test="nt-opinion" /> {lang.pick("监督意见书（限期整改）", "Opinion (rectify by a day)")}</label>
                            <label><input type="radio" name="kind" value="decision" data-test="nt-decision" /> {lang.pick("监督决定书", "Decision")}</label>
                        </fieldset>
                        <div class="field">
                            <label for="nt-order">{lang.pick("决定事项（仅决定书）", "What the decision orders (decisions only)")}</label>
                            <select id="nt-order" name="order" data-test="nt-order">
                                <option value="">{lang.pick("（意见书不选）", "(none for an opinion)")}</option>
                                {DecisionOrder::ALL.iter().map(|o| view! { <option value=o.as_str()>{o.label(lang)}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="nt-agency">{lang.pick("被监督机关", "Agency")}</label>
                            <select id="nt-agency" name="agency" required data-test="nt-agency">
                                <option value="">{lang.pick("（请选择）", "(choose)")}</option>
                                <Suspense fallback=|| ()>{options}</Suspense>
                            </select>
                        </div>
                        <div class="field">
                            <label for="nt-source">{lang.pick("监督来源", "Source")}</label>
                            <select id="nt-source" name="source" required data-test="nt-source">
                                {NoticeSource::ALL.iter().map(|s| {
                                    let chosen = want_source.with_value(|w| w == s.as_str());
                                    view! { <option value=s.as_str() selected=chosen>{s.label(lang)}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="nt-ref">{lang.pick("来源编号（案件编号、投诉编号等，可不填）", "Reference (case or complaint number; optional)")}</label>
                            <input id="nt-ref" name="source_ref" type="text" maxlength="100" value=want_ref.get_value() data-test="nt-ref" />
                        </div>
                        <div class="field">
                            <label for="nt-problems">{lang.pick("存在的问题（事实和证据）", "Problems found (facts and evidence)")}</label>
                            <textarea id="nt-problems" name="problems" rows="4" required data-test="nt-problems"></textarea>
                        </div>
                        <div class="field">
                            <label for="nt-req">{lang.pick("整改要求", "Rectification required")}</label>
                            <textarea id="nt-req" name="requirements" rows="3" required data-test="nt-req"></textarea>
                        </div>
                        <div class="field">
                            <label for="nt-basis">{lang.pick("依据", "Legal basis")}</label>
                            <input id="nt-basis" name="basis" type="text" required maxlength="1000" data-test="nt-basis" />
                        </div>
                        <div class="field">
                            <label for="nt-deadline">{lang.pick("整改期限（90 日内）", "Deadline (within 90 days)")}</label>
                            <input id="nt-deadline" name="deadline" type="date" required data-test="nt-deadline" />
                        </div>
                        <button type="submit" class="button" data-test="nt-submit">{lang.pick("制发", "Issue")}</button>
                    </ActionForm>
                </details>
            })}
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p class="muted" data-test="no-notices">{lang.pick("暂无监督文书。", "No notices.")}</p> }.into_any();
                }
                let sup = is_supervisor();
                items.into_iter().map(|n| notice_card(n, step, sup, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}

fn notice_card(
    n: NoticeView,
    step: ServerAction<StepNotice>,
    supervisor: bool,
    lang: Lang,
) -> AnyView {
    let badge = match n.rectification {
        Rectification::Overdue | Rectification::Late => "badge badge-bad",
        Rectification::OnTime => "badge badge-ok",
        Rectification::Due => "badge",
    };
    let id = n.id;
    let report = n.can.contains(&NoticeStep::Report);
    let verdict = n.can.contains(&NoticeStep::Accept);
    view! {
        <article class="card" data-test="notice" data-status=n.status.as_str() data-rectification=n.rectification.as_str()>
            <h3>{n.title.clone()} " · " {n.agency.name.clone()}</h3>
            <p class="meta"><span class="nowrap" data-test="notice-number">{n.number.clone()}</span>
                " · " {n.issued_on.to_string()}
                " · " <span class="badge" data-test="notice-status">{n.status_label.clone()}</span>
                " " <span class=badge data-test="notice-rectification">{n.rectification_label.clone()}</span>
                " · " <a href=n.pdf.clone() data-test="notice-pdf">{lang.pick("文书（PDF）", "Document (PDF)")}</a></p>
            <dl class="facts">
                {n.order.clone().map(|o| view! { <dt>{lang.pick("决定事项", "Order")}</dt><dd>{o}</dd> })}
                <dt>{lang.pick("监督来源", "Source")}</dt><dd>{n.source.clone()}</dd>
                <dt>{lang.pick("存在的问题", "Problems")}</dt><dd class="prewrap">{n.problems.clone()}</dd>
                <dt>{lang.pick("整改要求", "Required")}</dt><dd class="prewrap">{n.requirements.clone()}</dd>
                <dt>{lang.pick("依据", "Basis")}</dt><dd>{n.basis.clone()}</dd>
                <dt>{lang.pick("整改期限", "Deadline")}</dt><dd>{n.deadline.to_string()}</dd>
            </dl>
            {(supervisor && n.rectification == Rectification::Overdue).then(|| view! {
                <p class="alert alert-warn" data-test="notice-overdue">
                    {lang.pick("逾期未报告整改情况。可以", "No report by the deadline. You may ")}
                    <a href="/work/oversight">{lang.pick("约谈该机关负责人", "interview the agency's head")}</a>
                    {lang.pick("。", ".")}
                </p>
            })}
            {(!n.steps.is_empty()).then(|| view! {
                <ol class="timeline" data-test="notice-steps">
                    {n.steps.iter().map(|s| view! {
                        <li data-step=s.step.as_str()>
                            <strong>{s.label.clone()}</strong> " · " {s.by.clone()} " · " {s.on.to_string()}
                            {(!s.text.is_empty()).then(|| view! { <p class="prewrap">{s.text.clone()}</p> })}
                            {(!s.evidence.is_empty()).then(|| view! { <p class="muted">{lang.pick("证明材料：", "Evidence: ")}{s.evidence.join("；")}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {report.then(|| view! {
                <ActionForm action=step attr:class="form" attr:data-test="report-form">
                    <input type="hidden" name="notice_id" value=id />
                    <input type="hidden" name="step" value="report" />
                    <div class="field">
                        <label for=format!("rp-{id}")>{lang.pick("整改情况", "What was done")}</label>
                        <textarea id=format!("rp-{id}") name="text" rows="4" required data-test="report-text"></textarea>
                    </div>
                    <div class="field">
                        <label for=format!("ev-{id}")>{lang.pick("证明材料（每行一项，可不填）", "Evidence (one per line; optional)")}</label>
                        <textarea id=format!("ev-{id}") name="evidence" rows="2" data-test="report-evidence"></textarea>
                    </div>
                    <button type="submit" class="button" data-test="report-submit">{lang.pick("报送整改情况", "Send the report")}</button>
                </ActionForm>
            })}
            {verdict.then(|| view! {
                <ActionForm action=step attr:class="form" attr:data-test="verdict-form">
                    <input type="hidden" name="notice_id" value=id />
                    <fieldset class="field">
                        <legend>{lang.pick("审核整改报告", "Examine the report")}</legend>
                        <label><input type="radio" name="step" value="accept" checked data-test="verdict-accept" /> {NoticeStep::Accept.label(lang)}</label>
                        <label><input type="radio" name="step" value="return" data-test="verdict-return" /> {NoticeStep::Return.label(lang)}</label>
                    </fieldset>
                    <div class="field">
                        <label for=format!("vd-{id}")>{lang.pick("审核意见（退回时须写明理由）", "Note (the reason, when returned)")}</label>
                        <textarea id=format!("vd-{id}") name="text" rows="2" data-test="verdict-text"></textarea>
                    </div>
                    <button type="submit" class="button" data-test="verdict-submit">{lang.pick("提交", "Submit")}</button>
                </ActionForm>
            })}
        </article>
    }
    .into_any()
}
