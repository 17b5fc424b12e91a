//! Requests about a published decision (更正、信用修复提前移出): the portal form reached from the
//! decision's page and the status page by tracking number (no login; the form posts without
//! JavaScript too and lands on the status page), and the staff list where the agency decides
//! them and supervisors see the late ones.

use crate::ui::form::{field_error, invalid};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{i18n::Lang, publicity::request::RequestKind, validate::Field};

use crate::{
    api::{
        AppError,
        publication_requests::{
            DecidePublicationRequest, SubmitPublicationRequest, list_publication_requests,
            publication_request_status,
        },
        publicity::get_public_decision,
        publicity_dto::PublicDecision,
        request_dto::{PublicRequestView, PublicationRequestView},
    },
    ui::common::{PortalPage, StaffPage, action_error, id_param, loaded, use_lang},
};

fn request_form(
    d: PublicDecision,
    submit: ServerAction<SubmitPublicationRequest>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    if !d.takes_requests {
        return view! {
            <p class="alert alert-warn" role="status" data-test="request-closed">{lang.pick(
                "该处罚决定已不在公示中，无需申请更正或提前移出。",
                "This decision is no longer on display: there is nothing to correct or remove.",
            )}</p>
        }
        .into_any();
    }
    let removable = d.removable_from.map(|x| x.to_string()).unwrap_or_default();
    view! {
        <section class="card">
            <h2 data-test="request-decision">{d.number.clone()} " " {d.title.clone()}</h2>
            <p class="meta">{d.agency.clone()} " · " {lang.pick("公开日期 ", "Published ")} {d.published_on.map(|x| x.to_string()).unwrap_or_default()}</p>
        </section>
        {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
        <ActionForm action=submit attr:class="form" attr:data-test="request-form">
            <input type="hidden" name="publication_id" value=d.id />
            <fieldset aria-describedby="request-kind-hint">
                <legend>{lang.pick("申请事项", "What you ask for")}</legend>
                {RequestKind::ALL.into_iter().map(|k| view! {
                    <label class="check"><input type="radio" name="form[kind]" value=k.as_str() checked=k == RequestKind::Correction data-test=format!("request-kind-{}", k.as_str()) />{k.label(lang)}</label>
                }).collect_view()}
                <p class="hint" id="request-kind-hint">{match lang {
                    Lang::Zh => format!("公示信息与处罚决定书不一致或有其他错误的，可申请更正。当事人已履行处罚决定、完成信用修复的，可在最短公示期届满后（{removable} 起）申请提前移出。"),
                    Lang::En => format!("Ask for a correction when the record differs from the decision or is wrong otherwise. Once you have complied with the decision and repaired your credit, you may ask for early removal after the shortest display period ({removable} on)."),
                }}</p>
                {field_error(error, Field::RequestKind)}
            </fieldset>
            <div class="field">
                <label for="r-name">{lang.pick("申请人（当事人名称或姓名；代理人请一并注明）", "Applicant (the party; an agent names both)")}</label>
                <input id="r-name" name="form[requester_name]" autocomplete="name" maxlength="100" data-test="request-name" aria-invalid=invalid(error, Field::RequesterName) />
                {field_error(error, Field::RequesterName)}
            </div>
            <div class="field">
                <label for="r-phone">{lang.pick("联系电话", "Your phone")}</label>
                <input id="r-phone" name="form[contact_phone]" type="tel" autocomplete="tel" data-test="request-phone" aria-invalid=invalid(error, Field::ContactPhone) />
                {field_error(error, Field::ContactPhone)}
            </div>
            <div class="field">
                <label for="r-reason">{lang.pick("申请理由（10–2000 字：哪里有误、应当如何更正，或履行和信用修复情况）", "Reason (10–2,000 characters: what is wrong and what it should say, or how you complied and repaired your credit)")}</label>
                <textarea id="r-reason" name="form[reason]" rows="6" data-test="request-reason" aria-invalid=invalid(error, Field::RequestReason)></textarea>
                {field_error(error, Field::RequestReason)}
            </div>
            <button type="submit" class="button" data-test="request-submit">{lang.pick("提交申请", "Send the request")}</button>
        </ActionForm>
    }
    .into_any()
}

/// The portal form for a correction or early removal of one published decision.
#[component]
pub fn PublicationRequestForm() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let decision = Resource::new(id, get_public_decision);
    let submit = ServerAction::<SubmitPublicationRequest>::new();
    let error = Signal::derive(move || action_error(submit.value().get()));
    view! {
        <PortalPage title=lang.pick("申请更正或提前移出公示", "Ask for a correction or early removal").to_owned()>
            <p class="lead">{lang.pick(
                "当事人认为公示的行政处罚信息有误的，可以申请更正；已履行处罚决定并完成信用修复的，可以申请提前移出公示。作出决定的执法机关自受理之日起 10 个工作日内审核答复。您的姓名、电话和申请理由只用于办理本申请，不会公开。",
                "If the published record of your penalty is wrong, ask for a correction; if you have complied with the decision and repaired your credit, ask for early removal. The agency that decided answers within 10 working days of receipt. Your name, phone and reason are used only to handle the request and are never published.",
            )}</p>
            {loaded(decision, move |d| request_form(d, submit, error, lang))}
            <p><a href=move || format!("/portal/decisions/{}", id())>{lang.pick("返回处罚决定", "Back to the decision")}</a>
                " · " <a href="/portal/requests/status" data-test="request-status-link">{lang.pick("按受理编号查询办理进度", "Look up a request by its tracking number")}</a></p>
        </PortalPage>
    }
}

fn status_card(r: PublicRequestView, fresh: bool, lang: Lang) -> AnyView {
    view! {
        {fresh.then(|| view! {
            <div class="alert alert-ok" role="status" data-test="request-receipt">
                <h2>{lang.pick("已受理", "Received")}</h2>
                <p>{lang.pick("受理编号（请妥善保存，凭此查询进度）：", "Tracking number (keep it: it opens this page): ")}
                    <strong class="input-code" data-test="request-tracking-no">{r.tracking_no.clone()}</strong></p>
            </div>
        })}
        <section class="card" data-test="request-status" data-status=r.status.clone() data-kind=r.kind.clone()>
            <h2>{r.kind_label.clone()}</h2>
            <dl class="facts">
                <dt>{lang.pick("受理编号", "Tracking number")}</dt><dd>{r.tracking_no.clone()}</dd>
                <dt>{lang.pick("处罚决定", "Decision")}</dt><dd><a href=format!("/portal/decisions/{}", r.decision_id) data-test="request-decision-link">{r.decision_number.clone()}</a></dd>
                <dt>{lang.pick("执法机关", "Agency")}</dt><dd>{r.agency.clone()}</dd>
                <dt>{lang.pick("受理日期", "Received on")}</dt><dd>{r.received_on.to_string()}</dd>
                <dt>{lang.pick("审核期限", "Answer due by")}</dt><dd data-test="request-review-by">{r.review_by.to_string()}</dd>
                <dt>{lang.pick("办理状态", "Status")}</dt><dd data-test="request-status-label">{r.status_label.clone()}</dd>
                {r.answered_on.map(|d| view! { <dt>{lang.pick("答复日期", "Answered on")}</dt><dd>{d.to_string()}</dd> })}
                {r.answer.clone().map(|a| view! { <dt>{lang.pick("答复意见", "Answer")}</dt><dd data-test="request-answer">{a}</dd> })}
                {r.public_note.clone().map(|n| view! { <dt>{lang.pick("公开说明", "Public explanation")}</dt><dd data-test="request-public-note">{n}</dd> })}
            </dl>
        </section>
    }
    .into_any()
}

/// The status of a request by its tracking number (`?no=`): no name, phone or reason.
#[component]
pub fn PublicationRequestStatus() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let number = move || query.read().get("no").unwrap_or_default();
    let fresh = move || query.read().get("new").is_some();
    let found = Resource::new(number, |no| async move {
        if no.trim().is_empty() {
            return Ok(None);
        }
        publication_request_status(no).await.map(Some)
    });
    view! {
        <PortalPage title=lang.pick("更正与提前移出申请办理进度", "Status of a correction or removal request").to_owned()>
            <form method="get" action="/portal/requests/status" class="form" data-test="request-status-form">
                <div class="field">
                    <label for="request-no">{lang.pick("受理编号", "Tracking number")}</label>
                    <input id="request-no" name="no" class="input-code" autocomplete="off" prop:value=number data-test="request-no" />
                </div>
                <button type="submit" class="button" data-test="request-status-submit">{lang.pick("查询", "Look up")}</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(r)) => status_card(r, fresh(), lang),
                        Err(AppError::NotFound(_)) => view! {
                            <p class="alert alert-error" role="status" data-test="request-not-found">{lang.pick("未找到该受理编号，请核对后重试。", "No request has this tracking number; check it and try again.")}</p>
                        }.into_any(),
                        Err(e) => view! { <p class="alert alert-error" role="alert" data-test="request-error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </PortalPage>
    }
}

fn decide_forms(
    r: &PublicationRequestView,
    action: ServerAction<DecidePublicationRequest>,
    lang: Lang,
) -> AnyView {
    let rid = r.id;
    let note_label = if r.kind == RequestKind::EarlyRemoval.as_str() {
        lang.pick(
            "公开说明（作为提前移出的理由在公示页面显示）",
            "Public explanation (shown on the decision's page as the reason for the removal)",
        )
    } else {
        lang.pick(
            "更正说明（在公示页面显示：更正了什么）",
            "Correction notice (shown on the decision's page: what was corrected)",
        )
    };
    view! {
        <details class="step" data-test="request-accept">
            <summary>{lang.pick("同意", "Accept")}</summary>
            <ActionForm action=action attr:class="form" attr:data-test="request-accept-form">
                <input type="hidden" name="request_id" value=rid />
                <input type="hidden" name="step" value="accept" />
                <div class="field">
                    <label for=format!("req-{rid}-answer-a")>{lang.pick("答复意见（申请人凭受理编号可见）", "Answer (the applicant reads it by the tracking number)")}</label>
                    <textarea id=format!("req-{rid}-answer-a") name="answer" rows="3" data-test="request-accept-answer"></textarea>
                </div>
                <div class="field">
                    <label for=format!("req-{rid}-note")>{note_label}</label>
                    <textarea id=format!("req-{rid}-note") name="public_note" rows="2" data-test="request-accept-note"></textarea>
                </div>
                <button type="submit" class="button" data-test="request-accept-submit">{lang.pick("同意", "Accept")}</button>
            </ActionForm>
        </details>
        <details class="step" data-test="request-reject">
            <summary>{lang.pick("不予同意", "Do not accept")}</summary>
            <ActionForm action=action attr:class="form" attr:data-test="request-reject-form">
                <input type="hidden" name="request_id" value=rid />
                <input type="hidden" name="step" value="reject" />
                <div class="field">
                    <label for=format!("req-{rid}-answer-r")>{lang.pick("答复意见（说明理由）", "Answer (say why)")}</label>
                    <textarea id=format!("req-{rid}-answer-r") name="answer" rows="3" data-test="request-reject-answer"></textarea>
                </div>
                <button type="submit" class="button button-secondary" data-test="request-reject-submit">{lang.pick("不予同意", "Do not accept")}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

fn request_card(
    r: PublicationRequestView,
    action: ServerAction<DecidePublicationRequest>,
    lang: Lang,
) -> AnyView {
    let badge = if r.overdue {
        "badge badge-bad"
    } else {
        "badge"
    };
    view! {
        <article class="card" data-test="publication-request" data-status=r.status.clone() data-tracking=r.tracking_no.clone() data-overdue=r.overdue.to_string()>
            <h2>{r.kind_label.clone()} "：" <a href=format!("/portal/decisions/{}", r.publication_id)>{r.decision_number.clone()}</a> " " {r.title.clone()}</h2>
            <p class="meta">{r.tracking_no.clone()} " · " {r.agency.clone()} " · "
                <span class=badge data-test="request-status">{r.status_label.clone()}</span>
                " · " {lang.pick("审核期限 ", "Answer due ")} <span data-test="request-review-by">{r.review_by.to_string()}</span>
                {r.overdue.then(|| view! { " " <span class="badge badge-bad" data-test="request-overdue">{lang.pick("已超期", "Overdue")}</span> })}</p>
            <dl class="facts">
                <dt>{lang.pick("申请人（不公开）", "Applicant (never published)")}</dt><dd data-test="request-contact">{r.requester_name.clone()} " " {r.contact_phone.clone()}</dd>
                <dt>{lang.pick("申请理由", "Reason")}</dt><dd>{r.reason.clone()}</dd>
                <dt>{lang.pick("受理日期", "Received on")}</dt><dd>{r.received_on.to_string()}</dd>
                {r.answer.clone().map(|a| view! { <dt>{lang.pick("答复意见", "Answer")}</dt><dd data-test="request-answer">{a} <span class="muted">"（" {r.decided_by.clone().unwrap_or_default()} " · " {r.answered_on.map(|d| d.to_string()).unwrap_or_default()} "）"</span></dd> })}
                {r.public_note.clone().map(|n| view! { <dt>{lang.pick("公开说明", "Public explanation")}</dt><dd>{n}</dd> })}
            </dl>
            {r.can_decide.then(|| decide_forms(&r, action, lang))}
        </article>
    }
    .into_any()
}

/// The requests the user reads: the agency's officers and heads decide them (heads decide
/// early removals), supervisors and admins read them and see the late ones first.
#[component]
pub fn PublicationRequestQueue() -> impl IntoView {
    let lang = use_lang();
    let decide = ServerAction::<DecidePublicationRequest>::new();
    let list = Resource::new(
        move || decide.version().get(),
        |_| list_publication_requests(),
    );
    let error = Signal::derive(move || action_error(decide.value().get()));
    view! {
        <StaffPage title=lang.pick("公示更正与信用修复申请", "Correction and removal requests").to_owned()>
            <p class="muted">{lang.pick(
                "当事人可在公示页面申请更正公示信息，或在完成信用修复后申请提前移出公示。作出决定的机关自受理之日起 10 个工作日内审核答复（期限按本地规定可配置）；更正由执法人员或机关负责人办理，提前移出由机关负责人决定。每一步都记入审计日志。",
                "The party may ask on the decision's page for a correction of the record, or for early removal after credit repair. The agency answers within 10 working days of receipt (a local limit, configurable); officers and heads decide corrections, the head decides early removal. Every step is recorded in the audit log.",
            )}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-publication-requests">{lang.pick("暂无申请。", "There are no requests.")}</p> }.into_any();
                }
                let late = items.iter().filter(|r| r.overdue && r.status == "submitted").count();
                view! {
                    {(late > 0).then(|| view! {
                        <p class="alert alert-warn" role="status" data-test="requests-overdue">{match lang {
                            Lang::Zh => format!("{late} 件申请已超过审核期限仍未答复。"),
                            Lang::En => format!("{late} requests are past their deadline without an answer."),
                        }}</p>
                    })}
                    {items.into_iter().map(|r| request_card(r, decide, lang)).collect_view()}
                }.into_any()
            })}
        </StaffPage>
    }
}
